//! A sheet's cells written as CSV text.

use calamine::{Data, Range};
use csv_core::{Terminator, WriteResult, Writer, WriterBuilder};

use crate::Convention;

/// The range as CSV, UTF-8 with a byte-order mark, from its first used
/// row and column; rows ended by CRLF.
pub fn write(range: &Range<Data>, convention: Convention) -> Vec<u8> {
    let mut writer = WriterBuilder::new()
        .delimiter(convention.separator)
        .terminator(Terminator::CRLF)
        .build();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut text = String::new();
    for row in range.rows() {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                step(&mut writer, &mut out, Writer::delimiter);
            }
            text.clear();
            cell_text(cell, convention.decimal_comma, &mut text);
            let mut input = text.as_bytes();
            loop {
                let at = out.len();
                out.resize(at + input.len() * 2 + 8, 0);
                let (result, read, written) = writer.field(input, &mut out[at..]);
                out.truncate(at + written);
                input = &input[read..];
                if result == WriteResult::InputEmpty {
                    break;
                }
            }
        }
        step(&mut writer, &mut out, Writer::terminator);
    }
    out
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

fn step(
    writer: &mut Writer,
    out: &mut Vec<u8>,
    run: fn(&mut Writer, &mut [u8]) -> (WriteResult, usize),
) {
    let at = out.len();
    out.resize(at + 8, 0);
    let (_, written) = run(writer, &mut out[at..]);
    out.truncate(at + written);
}
