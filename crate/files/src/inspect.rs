//! What a file's first bytes say about how to read it: its encoding, its
//! separator, whether its first line is a header, and which column is what.

use iris_core::{Feature, Species};
use serde::Serialize;

use crate::columns::{self, Mapping};
use crate::error::FileError;
use crate::limits::MIN_COLUMNS;
use crate::lines::{Line, Lines};
use crate::rows::{Event, Rows};
use crate::text::{self, Decoder, Encoding};

/// How to read a file, as its start tells.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// The text encoding.
    pub encoding: Encoding,
    /// `,`, `;` or tab.
    pub separator: char,
    /// Whether the first line holds column names (else it is data).
    pub header: bool,
    /// The column names (for a file without a header: `1`, `2`, …).
    pub columns: Vec<String>,
    /// Which column holds what, as far as the names tell.
    pub mapping: Mapping,
    /// The species that numbers in the species column stand for, when the
    /// first line names them (scikit-learn's `150,4,setosa,versicolor,virginica`).
    pub species_codes: Vec<String>,
}

/// Reads the start of a file: `head` is its first bytes, `whole` whether
/// they are all of it.
pub fn inspect(head: &[u8], whole: bool) -> Result<Inspection, FileError> {
    let encoding = text::detect(head, whole)?;
    let mut decoder = Decoder::new(encoding);
    let mut text = Vec::new();
    decoder.decode(head, whole, &mut text)?;
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or(FileError::Empty)?;
    let first = &text[start..];
    let line_end = first
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(first.len());
    let separator = columns::sniff_separator(&first[..line_end]);
    let fields = first_row(first, separator);
    if fields.len() < MIN_COLUMNS {
        return Err(FileError::Columns(fields.len()));
    }
    let numbered = || (1..=fields.len()).map(|i| i.to_string()).collect();
    // In the usual order: the measurements, then the species.
    let in_order = Mapping {
        fields: Feature::ALL.map(|f| Some(f.index())),
        species: Some(Feature::COUNT).filter(|&i| i < fields.len()),
    };
    let (header, columns, mapping, species_codes) = if let Some(codes) = species_codes(&fields) {
        (true, numbered(), in_order, codes)
    } else if columns::looks_like_data(&fields) {
        (false, numbered(), in_order, Vec::new())
    } else {
        let mapping = columns::recognise(&fields);
        (true, fields, mapping, Vec::new())
    };
    Ok(Inspection {
        encoding: decoder.encoding(),
        separator: char::from(separator),
        header,
        columns,
        mapping,
        species_codes,
    })
}

/// scikit-learn's `iris.csv` starts with the number of rows, the number of
/// measurements and the species the target's 0, 1, 2 stand for:
/// `150,4,setosa,versicolor,virginica`.
fn species_codes(fields: &[String]) -> Option<Vec<String>> {
    let [rows, measurements, names @ ..] = fields else {
        return None;
    };
    let counts = rows.trim().parse::<u64>().is_ok()
        && measurements.trim().parse::<usize>() == Ok(Feature::COUNT);
    let species = !names.is_empty() && names.iter().all(|n| n.parse::<Species>().is_ok());
    (counts && species).then(|| names.iter().map(|n| n.trim().to_owned()).collect())
}

/// The cells of the first row of `text`.
fn first_row(text: &[u8], separator: u8) -> Vec<String> {
    let mut lines = Lines::default();
    let mut rows = Rows::new(separator);
    let mut first = None;
    let mut each = |event: Event<'_>| {
        if let (Event::Row(row), None) = (event, &first) {
            first = Some(
                row.cells
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>(),
            );
        }
    };
    let mut on_line = |n: u64, line: Line<'_>| rows.line(n, line, &mut each);
    lines.push(text, &mut on_line);
    lines.finish(&mut on_line);
    rows.finish(&mut each);
    first.unwrap_or_default()
}
