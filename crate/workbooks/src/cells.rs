//! A sheet's cells written as CSV text.

use calamine::{Data, Range};
use csv::{Terminator, WriterBuilder};

use crate::Convention;

/// The range as CSV, UTF-8 with a byte-order mark, from its first used
/// row and column; rows ended by CRLF, cells quoted where they need it.
pub fn write(range: &Range<Data>, convention: Convention) -> Vec<u8> {
    let mut writer = WriterBuilder::new()
        .delimiter(convention.separator)
        .terminator(Terminator::CRLF)
        // A sheet's rows may differ in length: each is written as it is.
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut row_text: Vec<String> = Vec::new();
    for row in range.rows() {
        row_text.clear();
        for cell in row {
            let mut text = String::new();
            cell_text(cell, convention.decimal_comma, &mut text);
            row_text.push(text);
        }
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row_text);
    }
    writer.into_inner().unwrap_or_default()
}

/// A cell as text: numbers in their shortest form with the convention's
/// decimal mark, text as it is, errors as Excel shows them.
fn cell_text(cell: &Data, decimal_comma: bool, out: &mut String) {
    use std::fmt::Write as _;
    let number = |value: f64, out: &mut String| {
        let text = iris_core::format_number(value);
        out.push_str(&if decimal_comma {
            text.replace('.', ",")
        } else {
            text
        });
    };
    match cell {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Float(value) => number(*value, out),
        Data::Int(value) => {
            let _ = write!(out, "{value}");
        }
        Data::DateTime(date) => number(date.as_f64(), out),
        Data::Bool(value) => out.push_str(if *value { "TRUE" } else { "FALSE" }),
        Data::Error(error) => {
            let _ = write!(out, "{error}");
        }
    }
}
