//! Whole files through `inspect` and `Job`, natively: the same code the
//! worker runs in wasm.

use iris_files::job::{Job, Options};
use iris_files::notes::Words;
use iris_files::report::Report;
use iris_files::text::Encoding;
use iris_files::{inspect, FileError, Inspection};

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
        unclosed_quote: "a quote opened here is never closed; the line was read on its own"
            .to_owned(),
        spans_lines: "lines {first} to {last} are one row".to_owned(),
        too_long: "{bytes} bytes long, more than {max}".to_owned(),
    }
}

fn classifier() -> &'static iris_core::Classifier {
    iris_wasm::classifier().expect("the embedded model loads")
}

/// The options a file's inspection gives.
fn options(inspection: Inspection) -> Options {
    Options {
        encoding: inspection.encoding,
        separator: inspection.separator,
        header: inspection.header,
        mapping: inspection.mapping,
        species_codes: inspection.species_codes,
        decimal_comma: inspection.decimal_comma,
        preview_rows: None,
        words: words(),
    }
}

/// The first bytes the worker inspects.
const HEAD: usize = 65536;

/// Runs a whole file, fed in chunks of `chunk` bytes: the output's bytes
/// (its byte-order mark included) and the report, whose line counts must
/// add up.
fn run_bytes(file: &[u8], chunk: usize) -> Result<(Vec<u8>, Report), FileError> {
    let inspection = inspect(&file[..file.len().min(HEAD)], file.len() <= HEAD)?;
    let mut job = Job::new(classifier(), file.len() as u64, options(inspection))?;
    let mut body = Vec::new();
    for piece in file.chunks(chunk.max(1)) {
        body.extend(job.feed(piece)?);
    }
    let finished = job.finish()?;
    let out = [finished.head, &body, &finished.tail].concat();
    let r = &finished.report;
    assert_eq!(
        r.lines,
        r.header_lines + r.rows + r.blank_lines + r.joined_lines,
        "every line is accounted for: {r:?}"
    );
    Ok((out, finished.report))
}

/// Runs a whole file as `run_bytes` does; the output as text, without a mark.
fn run(file: &[u8], chunk: usize) -> Result<(String, Report), FileError> {
    let (out, report) = run_bytes(file, chunk)?;
    let text = String::from_utf8(out).expect("UTF-8 out");
    Ok((text.trim_start_matches('\u{feff}').to_owned(), report))
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
    assert_eq!(lines[0], "Id,SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species,predicted_species,probability_setosa,probability_versicolor,probability_virginica,prediction_set,note");
    assert!(
        lines[1].starts_with("1,5.1,3.5,1.4,0.2,Iris-setosa,setosa,0.9"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].ends_with(",setosa,"),
        "the set, no note: {}",
        lines[1]
    );
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
    assert_eq!(lines[4], "4,abc,3.0,-1,0.2,Iris-setosa,,,,,,sepal length must be a number; petal length must be greater than 0 cm");
    assert!(
        lines[5].starts_with("5,6.3,3.3,8.5,2.5,rose,virginica,"),
        "{}",
        lines[5]
    );
    assert!(lines[5].ends_with(",virginica,unknown species 'rose'; petal length 8.5 cm is outside the training data (1 to 6.9 cm)"), "{}", lines[5]);
    assert_eq!(lines[6], "6,5.0,3.4,,,,,,,,,3 fields where the header has 6; petal length is missing; petal width is missing");
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
    assert_eq!(report.columns.len(), 12);
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
    assert_eq!(lines[0], "sepal.length;sepal.width;petal.length;petal.width;species;predicted_species;probability_setosa;probability_versicolor;probability_virginica;prediction_set;note");
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
    let inspection = inspect(b"5.1\t3.5\t1.4\t0.2\n", true).expect("inspects");
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
    assert_eq!(inspect(b"", true).unwrap_err(), FileError::Empty);
    assert_eq!(inspect(b"  \n\n", true).unwrap_err(), FileError::Empty);
    assert_eq!(
        inspect(b"\x89PNG\r\n\x1a\n\0\0", true).unwrap_err(),
        FileError::NotText
    );
    assert_eq!(
        inspect(b"a,b\n1,2\n", true).unwrap_err(),
        FileError::Columns(2)
    );
    let mapping = inspect(b"a,b,c,d\n1,2,3,4\n", true)
        .expect("inspects")
        .mapping;
    let error = Job::new(
        classifier(),
        8,
        Options {
            mapping,
            ..options(inspect(KAGGLE.as_bytes(), true).expect("inspects"))
        },
    )
    .err();
    assert_eq!(error, Some(FileError::Unmapped("sepal length")));
    let options = options(inspect(KAGGLE.as_bytes(), true).expect("inspects"));
    assert_eq!(
        Job::new(classifier(), u64::MAX, options.clone())
            .err()
            .map(|e| e.code()),
        Some("too-large")
    );
    let mut job = Job::new(classifier(), 10, options).expect("job");
    assert_eq!(job.feed(b"a\0b").unwrap_err(), FileError::NotText);
}

/// The same rows as a Spanish spreadsheet writes them: `;` and decimal commas.
const SPANISH: &str =
    "Longitud del sépalo;Ancho del sépalo;Longitud del pétalo;Ancho del pétalo;Especie\r\n\
5,1;3,5;1,4;0,2;setosa\r\n\
7;3,2;4,7;1,4;versicolor\r\n\
6,3;3,3;6;2,5;virginica\r\n";

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn every_encoding_excel_writes_reads_alike_and_comes_back_with_a_mark() {
    let (plain, report) = run_bytes(SPANISH.as_bytes(), 1 << 20).expect("runs");
    assert!(!plain.starts_with(BOM), "UTF-8 without a mark stays so");
    assert_eq!(report.encoding, Some(Encoding::Utf8));
    assert_eq!(report.classified, 3);
    assert_eq!(report.correct, 3);
    let french_tabs = SPANISH
        .replace(';', "\t")
        .replace("Longitud del sépalo", "Longueur des sépales")
        .replace("Ancho del sépalo", "Largeur des sépales")
        .replace("Longitud del pétalo", "Longueur des pétales")
        .replace("Ancho del pétalo", "Largeur des pétales")
        .replace("Especie", "Espèce");
    let (french, _) = run_bytes(french_tabs.as_bytes(), 1 << 20).expect("runs");
    let cases = [
        (windows_1252(SPANISH), Encoding::Windows1252, &plain),
        (
            [BOM, SPANISH.as_bytes()].concat(),
            Encoding::Utf8Bom,
            &plain,
        ),
        (utf16le(&french_tabs), Encoding::Utf16Le, &french),
    ];
    for (bytes, encoding, want) in cases {
        let inspection = inspect(&bytes, true).expect("inspects");
        assert_eq!(inspection.encoding, encoding);
        assert_eq!(
            inspection.mapping.fields,
            [Some(0), Some(1), Some(2), Some(3)],
            "{encoding:?}: {:?}",
            inspection.columns
        );
        assert!(
            inspection.columns[0].contains('é'),
            "{:?}",
            inspection.columns
        );
        for chunk in [1, 2, 3, 5, 1 << 20] {
            let (out, report) = run_bytes(&bytes, chunk).expect("runs");
            assert_eq!(
                out,
                [BOM, want].concat(),
                "{encoding:?} in chunks of {chunk}"
            );
            assert_eq!(report.encoding, Some(encoding));
        }
    }
}

#[test]
fn decimal_commas_are_found_whatever_the_separator() {
    let tabs = "a\tb\tc\td\n5,1\t3,5\t1,4\t0,2\n";
    assert_eq!(
        inspect(tabs.as_bytes(), true)
            .expect("inspects")
            .decimal_comma,
        Some(true)
    );
    let mapped = "sepal_length\tsepal_width\tpetal_length\tpetal_width\n5,1\t3,5\t1,4\t0,2\n";
    assert_eq!(
        inspect(mapped.as_bytes(), true)
            .expect("inspects")
            .decimal_comma,
        Some(true)
    );
    let (out, _) = run(mapped.as_bytes(), 3).expect("runs");
    assert!(out.contains("\r\n5,1\t3,5\t1,4\t0,2\tsetosa\t0,9"), "{out}");
    let points = "5.1\t3.5\t1.4\t0.2\n";
    assert_eq!(
        inspect(points.as_bytes(), true)
            .expect("inspects")
            .decimal_comma,
        Some(false)
    );
    let whole = "5,3,1,1\n";
    assert_eq!(
        inspect(whole.as_bytes(), true)
            .expect("inspects")
            .decimal_comma,
        None
    );
    assert_eq!(
        inspect(b"1;2;3;4\n", true).expect("inspects").decimal_comma,
        Some(true)
    );
}

#[test]
fn a_file_that_mixes_encodings_is_refused_with_the_line() {
    let mut bytes = SPANISH.as_bytes().to_vec();
    bytes.extend(windows_1252("5;3;1,4;0,2;sépalo\r\n"));
    assert_eq!(
        run_bytes(&bytes, 7).unwrap_err(),
        FileError::MixedEncoding { line: 5 }
    );
}

#[test]
fn a_stray_quote_merges_nothing_and_is_named() {
    let mut file = String::from("sepal_length,sepal_width,petal_length,petal_width,species\n");
    file.push_str("5.1,3.5,1.4,0.2,\"setosa\n");
    for _ in 0..1000 {
        file.push_str("6.3,3.3,6.0,2.5,virginica\n");
    }
    for chunk in [3, 4096, 1 << 20] {
        let (out, report) = run(file.as_bytes(), chunk).expect("runs");
        assert_eq!(report.rows, 1001, "chunks of {chunk}");
        assert_eq!(report.classified, 1001);
        assert_eq!(report.counts, [1, 0, 1000]);
        assert_eq!((report.lines, report.joined_lines), (1002, 0));
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].line, 2);
        assert!(report.problems[0].note.contains("never closed"));
        assert_eq!(out.split("\r\n").count(), 1003);
        assert!(
            out.contains("\r\n5.1,3.5,1.4,0.2,setosa,setosa,"),
            "{}",
            &out[..300]
        );
    }
}

#[test]
fn a_quoted_cell_over_two_lines_is_one_row_and_says_so() {
    let file = "sepal_length,sepal_width,petal_length,petal_width,comment\n\
5.1,3.5,1.4,0.2,\"seen on\nMonday\"\n\
6.3,3.3,6.0,2.5,ok\n";
    let (out, report) = run(file.as_bytes(), 2).expect("runs");
    assert_eq!((report.rows, report.classified), (2, 2));
    assert_eq!((report.lines, report.joined_lines), (4, 1));
    assert_eq!(report.problems[0].line, 2);
    assert_eq!(report.problems[0].note, "lines 2 to 3 are one row");
    assert!(out.contains("\"seen on\nMonday\",setosa,"), "{out}");
}

#[test]
fn a_runaway_line_is_a_noted_row_not_an_out_of_memory() {
    let mut file = b"sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n".to_vec();
    file.extend(std::iter::repeat_n(b'9', 3 << 20));
    file.extend(b"\n6.3,3.3,6.0,2.5\n");
    let (out, report) = run(&file, 1 << 16).expect("runs");
    assert_eq!(
        (report.rows, report.classified, report.not_classified),
        (3, 2, 1)
    );
    assert_eq!(report.problems[0].line, 3);
    assert_eq!(
        report.problems[0].note,
        format!("{} bytes long, more than {}", 3 << 20, 1 << 20)
    );
    assert!(
        out.len() < 2000,
        "the long line is not copied: {} bytes",
        out.len()
    );
    assert_eq!(out.split("\r\n").count(), 5);
}

/// Classifies `file` and checks it was read without any choosing by hand:
/// every row classified, each as the species it is labelled.
fn recognised(name: &str, file: &[u8], rows: u64) -> (String, Report) {
    let (out, report) = run(file, 5).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(report.rows, rows, "{name}: {report:?}");
    assert_eq!(report.classified, rows, "{name}");
    assert_eq!(report.labelled, rows, "{name}: the species column is found");
    assert_eq!(report.correct, rows, "{name}: {:?}", report.problems);
    (out, report)
}

#[test]
fn the_files_that_tools_write_are_read_without_mapping() {
    // R: write.csv(iris, "iris.csv"): quoted header, row names.
    let r = "\"\",\"Sepal.Length\",\"Sepal.Width\",\"Petal.Length\",\"Petal.Width\",\"Species\"\n\
\"1\",5.1,3.5,1.4,0.2,\"setosa\"\n\"51\",7,3.2,4.7,1.4,\"versicolor\"\n\"101\",6.3,3.3,6,2.5,\"virginica\"\n";
    recognised("R write.csv", r.as_bytes(), 3);
    // pandas: df.to_csv("iris.csv"): an unnamed index column.
    let pandas = ",SepalLength,SepalWidth,PetalLength,PetalWidth,Name\n\
0,5.1,3.5,1.4,0.2,Iris-setosa\n1,7.0,3.2,4.7,1.4,Iris-versicolor\n2,6.3,3.3,6.0,2.5,Iris-virginica\n";
    // pandas' own loaders name the species column `Name` or `species`: the latter here.
    recognised("pandas", pandas.replace("Name", "species").as_bytes(), 3);
    let seaborn = ",sepal_length,sepal_width,petal_length,petal_width,species\n\
0,5.1,3.5,1.4,0.2,setosa\n1,7.0,3.2,4.7,1.4,versicolor\n2,6.3,3.3,6.0,2.5,virginica\n";
    recognised("pandas (seaborn's names)", seaborn.as_bytes(), 3);
    // UCI's iris.data: no header, Iris- labels, blank lines at the end.
    let uci = "5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6.0,2.5,Iris-virginica\n\n\n";
    let (_, report) = recognised("UCI iris.data", uci.as_bytes(), 3);
    assert_eq!((report.header_lines, report.blank_lines), (0, 2));
    // scikit-learn's bundled iris.csv: the first line gives the counts and the species.
    let sklearn = "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n";
    let inspection = inspect(sklearn.as_bytes(), true).expect("inspects");
    assert!(inspection.header);
    assert_eq!(
        inspection.species_codes,
        ["setosa", "versicolor", "virginica"]
    );
    let (out, _) = recognised("scikit-learn iris.csv", sklearn.as_bytes(), 3);
    assert!(
        out.starts_with("150,4,setosa,versicolor,virginica,predicted_species,"),
        "{out}"
    );
    // A code the first line does not name is noted, not guessed.
    let (_, report) =
        run(format!("{sklearn}5.0,3.4,1.5,0.2,7\n").as_bytes(), 1 << 20).expect("runs");
    assert_eq!(report.problems[0].note, "unknown species '7'");
}

#[test]
fn a_workbook_is_named_as_one_not_as_binary() {
    assert_eq!(
        inspect(b"PK\x03\x04\x14\0\0\0", true).unwrap_err(),
        FileError::Workbook
    );
    assert_eq!(
        inspect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", true).unwrap_err(),
        FileError::Workbook
    );
}
