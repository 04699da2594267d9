//! Why a workbook cannot be read.

use crate::MAX_WORKBOOK_BYTES;

/// What stops a workbook from being read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    /// Occurs when the workbook is protected by a password (encrypted).
    #[error("the workbook is protected by a password")]
    Password,
    /// Occurs when the bytes are not an Excel or OpenDocument workbook.
    #[error("the file is not an Excel or OpenDocument workbook")]
    NotWorkbook,
    /// Occurs when the workbook is damaged or of a form calamine cannot read.
    #[error("the workbook cannot be read: {0}")]
    Corrupt(String),
    /// Occurs when no sheet holds any cell.
    #[error("no sheet of the workbook holds any data")]
    NoData,
    /// Occurs when the sheet asked for is not there (or is empty).
    #[error("the workbook has no sheet {0:?} with data")]
    NoSheet(String),
    /// Occurs when the workbook is larger than [`MAX_WORKBOOK_BYTES`].
    #[error("the workbook is {0} bytes; at most {MAX_WORKBOOK_BYTES} are read")]
    TooLarge(u64),
}

impl WorkbookError {
    /// A stable kebab-case code for programs and translations.
    pub const fn code(&self) -> &'static str {
        match self {
            WorkbookError::Password => "password",
            WorkbookError::NotWorkbook => "not-workbook",
            WorkbookError::Corrupt(_) => "corrupt",
            WorkbookError::NoData => "no-data",
            WorkbookError::NoSheet(_) => "no-sheet",
            WorkbookError::TooLarge(_) => "workbook-too-large",
        }
    }
}

impl From<calamine::Error> for WorkbookError {
    fn from(error: calamine::Error) -> WorkbookError {
        use calamine::{Error, OdsError, XlsError};
        match error {
            Error::Xls(XlsError::Password) | Error::Ods(OdsError::Password) => {
                WorkbookError::Password
            }
            other => WorkbookError::Corrupt(other.to_string()),
        }
    }
}
