//! How much a job takes, stated once: the worker hands these to the page
//! (`limits()` in `bindings.rs`), which words them; nothing else repeats them.

use serde::Serialize;

/// The largest file a job takes, in bytes (1 GiB): far beyond any real
/// flower survey, and what a browser tab can hold with its output.
pub const MAX_BYTES: u64 = 1 << 30;

/// The longest line a row may be, in bytes of text (1 MiB). A row of
/// flowers is a few dozen bytes; a longer line is kept as a row with a
/// note, its text not read, so a runaway line cannot exhaust memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The most lines one row may span: a quoted cell may hold line breaks (a
/// comment typed with Alt+Enter), but a quote still open after this many
/// lines, or a multi-line row with another number of cells than the
/// header, is a stray quote: its line is read on its own and the lines
/// after it are read again as rows of their own.
pub const MAX_ROW_LINES: usize = 16;

/// The fewest columns a file of flowers has: the four measurements.
pub const MIN_COLUMNS: usize = iris_core::Feature::COUNT;

/// The limits as JavaScript reads them.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// [`MAX_BYTES`].
    pub max_bytes: u64,
    /// [`MAX_LINE_BYTES`].
    pub max_line_bytes: usize,
    /// [`MAX_ROW_LINES`].
    pub max_row_lines: usize,
    /// [`MIN_COLUMNS`].
    pub min_columns: usize,
}

/// Every limit, for the page.
pub const LIMITS: Limits = Limits {
    max_bytes: MAX_BYTES,
    max_line_bytes: MAX_LINE_BYTES,
    max_row_lines: MAX_ROW_LINES,
    min_columns: MIN_COLUMNS,
};
