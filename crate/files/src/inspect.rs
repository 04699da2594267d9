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
    /// Whether the file writes decimal commas (`5,1`), as far as its first
    /// rows tell: `;` says so, or measurements written with commas and none
    /// with points; `None` when nothing tells (whole numbers only).
    pub decimal_comma: Option<bool>,
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
    let rows = first_rows(first, separator, SAMPLE_ROWS);
    let fields = rows.first().cloned().unwrap_or_default();
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
    let data = if header { &rows[1..] } else { &rows[..] };
    let decimal_comma = decimal_comma(separator, data);
    Ok(Inspection {
        decimal_comma,
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

/// The rows of the file's start that say how it writes numbers.
const SAMPLE_ROWS: usize = 20;

/// Whether the numbers in `rows` are written with decimal commas.
fn decimal_comma(separator: u8, rows: &[Vec<String>]) -> Option<bool> {
    if separator == b';' {
        return Some(true);
    }
    let cells = rows.iter().flatten();
    let (mut commas, mut points) = (0, 0);
    for cell in cells.filter(|c| crate::numbers::read(c).is_some()) {
        commas += usize::from(cell.contains(','));
        points += usize::from(cell.contains('.'));
    }
    match (commas, points) {
        (0, 0) => None,
        (c, 0) => Some(c > 0),
        _ => Some(false),
    }
}

/// The cells of the first `count` rows of `text`.
fn first_rows(text: &[u8], separator: u8, count: usize) -> Vec<Vec<String>> {
    let mut lines = Lines::default();
    let mut rows = Rows::new(separator);
    let mut found = Vec::new();
    let mut each = |event: Event<'_>| {
        if let Event::Row(row) = event {
            if found.len() < count {
                found.push(
                    row.cells
                        .iter()
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect::<Vec<_>>(),
                );
            }
        }
    };
    let mut on_line = |n: u64, line: Line<'_>| rows.line(n, line, &mut each);
    lines.push(text, &mut on_line);
    lines.finish(&mut on_line);
    rows.finish(&mut each);
    found
}
