//! Workbooks through `to_csv`, natively: the same code the worker runs.

mod fixtures;

use iris_workbooks::{is_workbook, to_csv, Convention, WorkbookError};

const COMMAS: Convention = Convention {
    separator: b',',
    decimal_comma: false,
};
const SEMICOLONS: Convention = Convention {
    separator: b';',
    decimal_comma: true,
};

fn text(csv: &[u8]) -> &str {
    let csv = csv
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    std::str::from_utf8(csv).expect("UTF-8")
}

#[test]
fn an_excel_workbook_gives_its_first_sheet_with_data_in_the_page_convention() {
    let bytes = fixtures::xlsx().expect("writes");
    assert!(is_workbook("flores.xlsx", &bytes));
    let sheet = to_csv("flores.xlsx", bytes.clone(), None, SEMICOLONS).expect("reads");
    assert_eq!(sheet.name, "Medidas");
    assert_eq!(sheet.sheets, ["Medidas", "Otra"]);
    assert_eq!(
        text(&sheet.csv),
        "Longitud del sépalo;Ancho del sépalo;Longitud del pétalo;Ancho del pétalo;Especie\r\n\
5,1;3,5;1,4;0,2;setosa\r\n7;3,2;4,7;1,4;versicolor\r\n6,3;3,3;6;2,5;virginica\r\n"
    );
    let other = to_csv("flores.xlsx", bytes.clone(), Some("Otra"), COMMAS).expect("reads");
    assert_eq!(
        text(&other.csv),
        "Longitud del sépalo,Ancho del sépalo,Longitud del pétalo,Ancho del pétalo,Especie\r\n\
5.1,3.5,1.4,0.2,setosa\r\n"
    );
    assert_eq!(
        to_csv("flores.xlsx", bytes, Some("Notas"), COMMAS).unwrap_err(),
        WorkbookError::NoSheet("Notas".to_owned())
    );
}

#[test]
fn a_libreoffice_workbook_reads_alike() {
    let bytes = fixtures::ods().expect("writes");
    let sheet = to_csv("fleurs.ods", bytes, None, COMMAS).expect("reads");
    assert_eq!(sheet.name, "Mesures");
    assert_eq!(
        text(&sheet.csv),
        "Longueur des sépales,Largeur des sépales,Longueur des pétales,Largeur des pétales,Espèce\r\n\
5.1,3.5,1.4,0.2,setosa\r\n7,3.2,4.7,1.4,versicolor\r\n6.3,3.3,6,2.5,virginica\r\n"
    );
}

#[test]
fn broken_protected_and_other_files_are_named_for_what_they_are() {
    let all = fixtures::all().expect("writes");
    let (_, corrupt) = all
        .iter()
        .find(|(n, _)| *n == "roto.xlsx")
        .expect("fixture");
    assert!(matches!(
        to_csv("roto.xlsx", corrupt.clone(), None, COMMAS),
        Err(WorkbookError::Corrupt(_))
    ));
    // Excel encrypts a protected workbook into an OLE container with an
    // `EncryptedPackage` stream: its signature and that stream's name.
    let mut protected = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    protected.resize(1024, 0);
    protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        to_csv("clave.xlsx", protected, None, COMMAS).unwrap_err(),
        WorkbookError::Password
    );
    assert_eq!(
        to_csv("notas.txt", b"hola".to_vec(), None, COMMAS).unwrap_err(),
        WorkbookError::NotWorkbook
    );
    assert!(!is_workbook("flores.csv", b"a,b"));
}
