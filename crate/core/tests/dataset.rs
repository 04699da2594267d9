//! A malformed data file is reported with file, line and column.

use iris_core::training::dataset::parse;

const HEADER: &str = "sepal_length,sepal_width,petal_length,petal_width,species\n";

fn error(body: &str) -> String {
    match parse(format!("{HEADER}{body}").as_bytes(), "data/iris.csv") {
        Ok(_) => panic!("accepted: {body:?}"),
        Err(e) => e.to_string(),
    }
}

const GOOD: &str =
    "5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n6.3,3.3,6.0,2.5,virginica\n";

#[test]
fn good_file_parses() {
    let data = parse(format!("{HEADER}{GOOD}").as_bytes(), "x.csv").expect("parses");
    assert_eq!(data.len(), 3);
    assert_eq!(data.rows[1], [7.0, 3.2, 4.7, 1.4]);
}

#[test]
fn missing_column() {
    assert_eq!(
        error(&format!("{GOOD}5.1,3.5,1.4,setosa\n")),
        "data/iris.csv:5:5: expected 5 fields \
         (sepal_length,sepal_width,petal_length,petal_width,species), found 4"
    );
}

#[test]
fn not_a_number() {
    assert_eq!(
        error(&format!("5.1,3.5,1.4x,0.2,setosa\n{GOOD}")),
        "data/iris.csv:2:3: petal_length '1.4x' is not a number"
    );
}

#[test]
fn impossible_value() {
    assert_eq!(
        error(&format!("{GOOD}5.1,-3.5,1.4,0.2,setosa\n")),
        "data/iris.csv:5:2: invalid sepal width '-3.5': must be greater than 0 cm \
         (expected a number of centimetres greater than 0 and at most 100)"
    );
}

#[test]
fn unknown_species() {
    assert_eq!(
        error(&format!("{GOOD}5.1,3.5,1.4,0.2,iris-germanica\n")),
        "data/iris.csv:5:5: species 'iris-germanica' is not one of setosa, versicolor, virginica"
    );
}

#[test]
fn empty_file_and_header_only() {
    let expected = "data/iris.csv: the file is empty: expected the header \
                    'sepal_length,sepal_width,petal_length,petal_width,species' and 150 rows";
    assert_eq!(
        parse(b"", "data/iris.csv")
            .map(|_| ())
            .unwrap_err()
            .to_string(),
        expected
    );
    assert_eq!(error(""), expected);
}

#[test]
fn wrong_header() {
    let err = parse(b"a,b,c\n1,2,3\n", "data/iris.csv")
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("data/iris.csv:1: unexpected header 'a,b,c'"),
        "{err}"
    );
}

#[test]
fn a_species_without_rows() {
    let err = error("5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n");
    assert!(err.contains("no rows for species virginica"), "{err}");
}

#[test]
fn uci_spelling_is_accepted() {
    let data = parse(
        format!("{HEADER}5.1,3.5,1.4,0.2,Iris-setosa\n7,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6,2.5,Iris-virginica\n")
            .as_bytes(),
        "x.csv",
    )
    .expect("parses");
    assert!(matches!(data.labels[0], iris_core::Species::Setosa));
}
