//! What can stop a file from being read at all. A bad row never does: it
//! is kept, with its reason in its `note`.

use crate::limits::{MAX_BYTES, MIN_COLUMNS};

/// Why a file cannot be classified.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Occurs when the file holds NUL characters: it is not text.
    #[error("the file is not text (it holds NUL bytes), so it is not CSV")]
    NotText,
    /// Occurs when the file is a spreadsheet workbook (a zip, as .xlsx and
    /// .ods are, or an OLE container, as .xls is), which the workbooks
    /// module reads as CSV first.
    #[error("the file is a spreadsheet workbook, not CSV text")]
    Workbook,
    /// Occurs when the file has no row at all.
    #[error("the file is empty")]
    Empty,
    /// Occurs when the file is larger than [`MAX_BYTES`].
    #[error("the file is {0} bytes; at most {MAX_BYTES} are accepted")]
    TooLarge(u64),
    /// Occurs when the first line has fewer than [`MIN_COLUMNS`] columns.
    #[error("the first line has {0} columns; a file of flowers has at least {MIN_COLUMNS}")]
    Columns(usize),
    /// Occurs when a measurement has no column.
    #[error("no column holds the {0}")]
    Unmapped(&'static str),
    /// Occurs when the separator is not `,`, `;` or tab.
    #[error("the separator {0:?} is not one of ',', ';' or a tab")]
    Separator(char),
    /// Occurs when a file read as UTF-8 holds bytes that are not UTF-8 as
    /// well as accented letters that are: two encodings in one file, which
    /// no single reading shows correctly.
    #[error("line {line} is not UTF-8, though the file's accented letters before it are: it mixes two text encodings; save it again as CSV UTF-8")]
    MixedEncoding {
        /// The line of the first byte that is not UTF-8.
        line: u64,
    },
}

impl FileError {
    /// A stable kebab-case code for programs and translations.
    pub const fn code(&self) -> &'static str {
        match self {
            FileError::NotText => "not-text",
            FileError::Workbook => "workbook",
            FileError::Empty => "empty",
            FileError::TooLarge(_) => "too-large",
            FileError::Columns(_) => "columns",
            FileError::Unmapped(_) => "unmapped",
            FileError::Separator(_) => "separator",
            FileError::MixedEncoding { .. } => "mixed-encoding",
        }
    }

    /// The number the page's words need, if any: the bytes, the columns or the line.
    pub const fn value(&self) -> Option<u64> {
        match self {
            FileError::TooLarge(bytes) => Some(*bytes),
            FileError::Columns(count) => Some(*count as u64),
            FileError::MixedEncoding { line } => Some(*line),
            _ => None,
        }
    }
}
