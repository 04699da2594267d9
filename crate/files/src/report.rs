//! What a job found: counts by species, agreement with a species column,
//! the rows with a note (by line), the first rows as they came out, and
//! every line of the file accounted for.

use iris_core::Species;
use serde::Serialize;

use crate::text::Encoding;

/// Rows of output the report shows as a preview.
pub const PREVIEW_ROWS: usize = 10;

/// Noted rows the report lists by line (all are counted, and every note is in the output).
pub const PROBLEMS_LISTED: usize = 1000;

/// A row with a note: why it could not be classified, or what to be careful of.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The row's `note`.
    pub note: String,
    /// Whether the row was classified all the same.
    pub classified: bool,
}

/// Everything a job counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Data rows read (the header is not one).
    pub rows: u64,
    /// Rows given a species.
    pub classified: u64,
    /// Rows that could not be classified (their reason is their note).
    pub not_classified: u64,
    /// Classified rows with a note (a value outside the training data, say).
    pub noted: u64,
    /// Rows predicted as each species, in species order.
    pub counts: [u64; 3],
    /// Rows with a known species and a prediction.
    pub labelled: u64,
    /// Of those, the rows predicted as their known species.
    pub correct: u64,
    /// Known species (rows) against predicted species (columns).
    pub confusion: [[u64; 3]; 3],
    /// Lines with nothing on them (or only separators), skipped.
    pub blank_lines: u64,
    /// Lines of the file, every one of them: `lines` is always
    /// `header_lines + rows + blank_lines + joined_lines`.
    pub lines: u64,
    /// Lines the header took (0 for a file without one).
    pub header_lines: u64,
    /// Lines read as part of a row that starts on an earlier line (a
    /// quoted cell holding line breaks); each such row says so in its note.
    pub joined_lines: u64,
    /// The text encoding the file was read in.
    pub encoding: Option<Encoding>,
    /// The output's column names (empty for a file without a header).
    pub columns: Vec<String>,
    /// The first rows of the output.
    pub preview: Vec<Vec<String>>,
    /// The first [`PROBLEMS_LISTED`] noted rows.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Counts one row.
    pub fn add(
        &mut self,
        line: u64,
        predicted: Option<Species>,
        known: Option<Species>,
        note: &str,
    ) {
        self.rows += 1;
        match predicted {
            Some(species) => {
                self.classified += 1;
                self.counts[species.index()] += 1;
                if !note.is_empty() {
                    self.noted += 1;
                }
                if let Some(actual) = known {
                    self.labelled += 1;
                    self.confusion[actual.index()][species.index()] += 1;
                    if actual == species {
                        self.correct += 1;
                    }
                }
            }
            None => self.not_classified += 1,
        }
        if (predicted.is_none() || !note.is_empty()) && self.problems.len() < PROBLEMS_LISTED {
            self.problems.push(Problem {
                line,
                note: note.to_owned(),
                classified: predicted.is_some(),
            });
        }
    }
}
