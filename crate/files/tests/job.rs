//! Whole files through `inspect` and `Job`, natively: the same code the
//! worker runs in wasm.

use iris_files::job::{FileError, Job, Options, Words};
use iris_files::report::Report;
use iris_files::{inspect, Inspection};

fn words() -> Words {
    Words {
        fields: ["sepal length", "sepal width", "petal length", "petal width"].map(str::to_owned),
        reasons: [
            ("missing", "is missing"),
            ("not-a-number", "must be a number"),
            ("not-positive", "must be greater than 0 cm"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect(),
        invalid: "{field} {reason}".to_owned(),
        outside: "{field} {value} cm is outside the training data ({min} to {max} cm)".to_owned(),
        field_count: "{count} fields where the header has {expected}".to_owned(),
        unknown_species: "unknown species '{label}'".to_owned(),
    }
}

fn classifier() -> &'static iris_core::Classifier {
    iris_wasm::classifier().expect("the embedded model loads")
}

/// Runs a whole file, fed in chunks of `chunk` bytes.
fn run(file: &[u8], chunk: usize) -> Result<(String, Report), FileError> {
    let Inspection {
        separator,
        header,
        mapping,
        ..
    } = inspect(&file[..file.len().min(65536)])?;
    let mut job = Job::new(
        classifier(),
        file.len() as u64,
        Options {
            separator,
            header,
            mapping,
            words: words(),
        },
    )?;
    let mut out = Vec::new();
    for piece in file.chunks(chunk.max(1)) {
        out.extend(job.feed(piece)?);
    }
    let (tail, report) = job.finish()?;
    out.extend(tail);
    Ok((String::from_utf8(out).expect("UTF-8 out"), report))
}

const KAGGLE: &str = "Id,SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species\n\
1,5.1,3.5,1.4,0.2,Iris-setosa\n\
2,7.0,3.2,4.7,1.4,Iris-versicolor\n\
\n\
3,6.3,3.3,6.0,2.5,Iris-virginica\n\
4,abc,3.0,-1,0.2,Iris-setosa\n\
5,6.3,3.3,8.5,2.5,rose\n\
6,5.0,3.4\n";

#[test]
fn a_kaggle_file_comes_out_whole_with_every_row_accounted_for() {
    let (out, report) = run(KAGGLE.as_bytes(), 1 << 20).expect("runs");
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines[0], "Id,SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species,predicted_species,probability_setosa,probability_versicolor,probability_virginica,note");
    assert!(
        lines[1].starts_with("1,5.1,3.5,1.4,0.2,Iris-setosa,setosa,0.9"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(','), "no note: {}", lines[1]);
    assert!(
        lines[2].starts_with("2,7.0,3.2,4.7,1.4,Iris-versicolor,versicolor,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("3,6.3,3.3,6.0,2.5,Iris-virginica,virginica,"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "4,abc,3.0,-1,0.2,Iris-setosa,,,,,sepal length must be a number; petal length must be greater than 0 cm");
    assert!(
        lines[5].starts_with("5,6.3,3.3,8.5,2.5,rose,virginica,"),
        "{}",
        lines[5]
    );
    assert!(lines[5].ends_with(",unknown species 'rose'; petal length 8.5 cm is outside the training data (1 to 6.9 cm)"), "{}", lines[5]);
    assert_eq!(lines[6], "6,5.0,3.4,,,,,,,,3 fields where the header has 6; petal length is missing; petal width is missing");
    assert_eq!(lines[7], "");
    assert_eq!(lines.len(), 8);
    assert_eq!(report.rows, 6);
    assert_eq!(report.classified, 4);
    assert_eq!(report.not_classified, 2);
    assert_eq!(report.noted, 1);
    assert_eq!(report.counts, [1, 1, 2]);
    assert_eq!(report.blank_lines, 1);
    assert_eq!((report.labelled, report.correct), (3, 3));
    assert_eq!(report.confusion, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    let lines_noted: Vec<u64> = report.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines_noted, [6, 7, 8]);
    assert_eq!(report.preview.len(), 6);
    assert_eq!(report.columns.len(), 11);
}

#[test]
fn any_chunking_gives_the_same_file() {
    let whole = run(KAGGLE.as_bytes(), 1 << 20).expect("runs");
    for chunk in [1, 2, 3, 7, 64] {
        assert_eq!(
            run(KAGGLE.as_bytes(), chunk).expect("runs"),
            whole,
            "chunks of {chunk}"
        );
    }
}

#[test]
fn semicolons_and_decimal_commas_stay_so() {
    let file = "\u{feff}sepal.length;sepal.width;petal.length;petal.width;species\r\n5,1;3,5;1,4;0,2;setosa\r\n\"6,3\";3,3;6;2,5;virginica\r\n";
    let (out, report) = run(file.as_bytes(), 5).expect("runs");
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines[0], "sepal.length;sepal.width;petal.length;petal.width;species;predicted_species;probability_setosa;probability_versicolor;probability_virginica;note");
    assert!(
        lines[1].starts_with("5,1;3,5;1,4;0,2;setosa;setosa;0,9"),
        "{}",
        lines[1]
    );
    // The value is kept; quotes are written where the output needs them (here none).
    assert!(
        lines[2].starts_with("6,3;3,3;6;2,5;virginica;virginica;0,0"),
        "{}",
        lines[2]
    );
    assert_eq!(report.classified, 2);
    assert_eq!(report.correct, 2);
}

#[test]
fn a_file_without_header_is_read_in_the_usual_order() {
    let inspection = inspect(b"5.1\t3.5\t1.4\t0.2\n").expect("inspects");
    assert_eq!(inspection.separator, '\t');
    assert!(!inspection.header);
    assert_eq!(
        inspection.mapping.fields,
        [Some(0), Some(1), Some(2), Some(3)]
    );
    let (out, report) = run(b"5.1\t3.5\t1.4\t0.2\n6.3\t3.3\t6.0\t2.5\n", 4).expect("runs");
    assert!(out.starts_with("5.1\t3.5\t1.4\t0.2\tsetosa\t"), "{out}");
    assert_eq!(report.rows, 2);
}

#[test]
fn what_is_not_a_csv_of_flowers_is_refused_with_its_reason() {
    assert_eq!(inspect(b"").unwrap_err(), FileError::Empty);
    assert_eq!(inspect(b"  \n\n").unwrap_err(), FileError::Empty);
    assert_eq!(
        inspect(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err(),
        FileError::NotText
    );
    let mapping = inspect(b"a,b\n1,2\n").expect("inspects").mapping;
    let error = Job::new(
        classifier(),
        8,
        Options {
            separator: ',',
            header: true,
            mapping,
            words: words(),
        },
    )
    .err();
    assert_eq!(error, Some(FileError::Unmapped("sepal length")));
    let mapping = inspect(KAGGLE.as_bytes()).expect("inspects").mapping;
    let options = Options {
        separator: ',',
        header: true,
        mapping,
        words: words(),
    };
    assert_eq!(
        Job::new(classifier(), u64::MAX, options.clone())
            .err()
            .map(|e| e.code()),
        Some("too-large")
    );
    let mut job = Job::new(classifier(), 10, options).expect("job");
    assert_eq!(job.feed(b"a\0b").unwrap_err(), FileError::NotText);
}
