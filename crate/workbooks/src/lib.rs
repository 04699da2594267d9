/*!
Spreadsheet workbooks as CSV, for "Classify a file": the fourth WebAssembly
module, which the file worker fetches only when a person chooses an Excel
(.xlsx, .xlsm, .xlsb, .xls) or LibreOffice (.ods) workbook. [`to_csv`]
reads a sheet with calamine and writes it as CSV text in the page's
convention (`,` and decimal points in English; `;` and decimal commas in
Spanish and French), UTF-8 with a byte-order mark, so that the files module
reads it exactly as a CSV the person saved: the same column recognition,
classification, notes and report. Numbers come as numbers: no decimal mark
is guessed. Nothing here touches JavaScript but `src/bindings.rs`.
*/
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod bindings;
mod cells;
mod error;

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx};

pub use error::WorkbookError;

/// The largest workbook read, in bytes (64 MiB): a compressed workbook
/// unpacks to many times its size, and all of it is held at once.
pub const MAX_WORKBOOK_BYTES: u64 = 64 << 20;

/// A sheet of a workbook, as CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Every sheet of the workbook that holds data, in workbook order.
    pub sheets: Vec<String>,
    /// The sheet as CSV: UTF-8 with a byte-order mark, rows ended by CRLF.
    pub csv: Vec<u8>,
}

/// How the CSV is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Convention {
    /// `,` or `;`.
    pub separator: u8,
    /// Whether numbers are written with a decimal comma.
    pub decimal_comma: bool,
}

/// The kinds of workbook, told by their first bytes and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `name` or the first bytes `head` say this is a workbook.
pub fn is_workbook(name: &str, head: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let by_name = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    by_name || head.starts_with(ZIP) || head.starts_with(OLE)
}

fn kind(name: &str, bytes: &[u8]) -> Result<Kind, WorkbookError> {
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(OLE) {
        // Excel encrypts a workbook with a password into an OLE container
        // holding an `EncryptedPackage` stream (its name in UTF-16).
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker) {
            return Err(WorkbookError::Password);
        }
        return Ok(Kind::Xls);
    }
    if bytes.starts_with(ZIP) {
        // An OpenDocument file names its type first, uncompressed.
        let head = &bytes[..bytes.len().min(256)];
        if head
            .windows(b"opendocument.spreadsheet".len())
            .any(|w| w == b"opendocument.spreadsheet")
            || lower.ends_with(".ods")
        {
            return Ok(Kind::Ods);
        }
        return Ok(if lower.ends_with(".xlsb") {
            Kind::Xlsb
        } else {
            Kind::Xlsx
        });
    }
    Err(WorkbookError::NotWorkbook)
}

fn open(kind: Kind, bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>, WorkbookError> {
    let cursor = Cursor::new(bytes);
    Ok(match kind {
        Kind::Xlsx => Sheets::Xlsx(Xlsx::new(cursor).map_err(calamine::Error::from)?),
        Kind::Xlsb => Sheets::Xlsb(Xlsb::new(cursor).map_err(calamine::Error::from)?),
        Kind::Xls => Sheets::Xls(Xls::new(cursor).map_err(calamine::Error::from)?),
        Kind::Ods => Sheets::Ods(Ods::new(cursor).map_err(calamine::Error::from)?),
    })
}

/// Reads the workbook `bytes` (named `name`, for its kind) and writes the
/// sheet named `sheet` (else the first that holds data) as CSV.
pub fn to_csv(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    convention: Convention,
) -> Result<Sheet, WorkbookError> {
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(WorkbookError::TooLarge(bytes.len() as u64));
    }
    let mut book = open(kind(name, &bytes)?, bytes)?;
    let mut with_data: Vec<(String, Range<Data>)> = Vec::new();
    for sheet_name in book.sheet_names() {
        let range = book.worksheet_range(&sheet_name)?;
        if range.used_cells().next().is_some() {
            with_data.push((sheet_name, range));
        }
    }
    let sheets: Vec<String> = with_data.iter().map(|(n, _)| n.clone()).collect();
    let chosen = match sheet {
        Some(wanted) => with_data
            .into_iter()
            .find(|(n, _)| n == wanted)
            .ok_or_else(|| WorkbookError::NoSheet(wanted.to_owned()))?,
        None => with_data.into_iter().next().ok_or(WorkbookError::NoData)?,
    };
    let (name, range) = chosen;
    Ok(Sheet {
        csv: cells::write(&range, convention),
        name,
        sheets,
    })
}
