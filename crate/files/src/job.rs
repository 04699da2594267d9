//! Classifying a file as it streams in: [`Job::feed`] takes the file's bytes
//! in chunks of any size and returns the output's bytes so far;
//! [`Job::finish`] ends it and gives the [`Report`]. The bytes become text
//! ([`crate::text`]), the text lines ([`crate::lines`]), the lines rows
//! ([`crate::rows`]); every row comes out, classified or with the reason it
//! could not be in its `note` column, and every line is counted.

use csv_core::{Terminator, WriteResult, Writer, WriterBuilder};
use iris_core::{Classifier, Feature, Input, Measurements, Species, Warning};
use serde::Deserialize;

use crate::columns::Mapping;
use crate::error::FileError;
use crate::limits::{MAX_BYTES, MAX_LINE_BYTES};
use crate::lines::Lines;
use crate::notes::{self, fill, Words};
use crate::numbers;
use crate::report::{Report, PREVIEW_ROWS};
use crate::rows::{Event, Row, Rows};
use crate::text::{Decoder, Encoding};

/// The columns added to every row, after the file's own.
pub const ADDED_COLUMNS: [&str; 6] = [
    "predicted_species",
    "probability_setosa",
    "probability_versicolor",
    "probability_virginica",
    "prediction_set",
    "note",
];

/// Between the species of a `prediction_set` cell (`virginica|versicolor`,
/// most probable first): a character no delimiter or decimal mark uses.
pub const SET_SEPARATOR: &str = "|";

/// How to read the file, as the page settled it (from [`crate::inspect`],
/// perhaps with the person's own column choices).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    /// The text encoding ([`crate::Inspection::encoding`]).
    #[serde(default = "utf8")]
    pub encoding: Encoding,
    /// `,`, `;` or tab.
    pub separator: char,
    /// Whether the first line holds column names.
    pub header: bool,
    /// Which column holds what.
    pub mapping: Mapping,
    /// The species that numbers in the species column stand for (0 for the first).
    #[serde(default)]
    pub species_codes: Vec<String>,
    /// Whether numbers are written with a decimal comma; unset, a file
    /// separated by `;` does (as spreadsheets that write `;` do).
    #[serde(default)]
    pub decimal_comma: Option<bool>,
    /// How many rows of output the report keeps as a preview.
    #[serde(default)]
    pub preview_rows: Option<usize>,
    /// The words of the `note` column, in the reader's language.
    pub words: Words,
}

const fn utf8() -> Encoding {
    Encoding::Utf8
}

/// What a finished job gives.
#[derive(Debug)]
pub struct Finished {
    /// What the output starts with: a UTF-8 byte-order mark, or nothing
    /// (see [`Encoding::output_bom`]).
    pub head: &'static [u8],
    /// The output's last bytes.
    pub tail: Vec<u8>,
    /// What was counted.
    pub report: Report,
}

/// One file being classified.
pub struct Job {
    decoder: Decoder,
    lines: Lines,
    rows: Rows,
    /// The text of the chunk being read.
    text: Vec<u8>,
    output: Output,
}

/// Everything a row needs to be classified and written.
struct Output {
    classifier: &'static Classifier,
    options: Options,
    writer: Writer,
    decimal_comma: bool,
    preview_rows: usize,
    header_done: bool,
    report: Report,
}

impl Job {
    /// A job for a file of `size` bytes read with `options`.
    pub fn new(
        classifier: &'static Classifier,
        size: u64,
        options: Options,
    ) -> Result<Job, FileError> {
        if size > MAX_BYTES {
            return Err(FileError::TooLarge(size));
        }
        if !matches!(options.separator, ',' | ';' | '\t') {
            return Err(FileError::Separator(options.separator));
        }
        if let Some(missing) = Feature::ALL
            .into_iter()
            .find(|f| options.mapping.fields[f.index()].is_none())
        {
            return Err(FileError::Unmapped(missing.label()));
        }
        let separator = options.separator as u8;
        Ok(Job {
            decoder: Decoder::new(options.encoding),
            lines: Lines::default(),
            rows: Rows::new(separator),
            text: Vec::new(),
            output: Output {
                classifier,
                writer: WriterBuilder::new()
                    .delimiter(separator)
                    .terminator(Terminator::CRLF)
                    .build(),
                decimal_comma: options.decimal_comma.unwrap_or(separator == b';'),
                preview_rows: options.preview_rows.unwrap_or(PREVIEW_ROWS),
                header_done: !options.header,
                options,
                report: Report::default(),
            },
        })
    }

    /// Reads the next chunk of the file; returns the output it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<u8>, FileError> {
        self.read(chunk, false)
    }

    /// Ends the file: the output's head and last bytes, and the report.
    pub fn finish(mut self) -> Result<Finished, FileError> {
        let mut tail = self.read(&[], true)?;
        let Job {
            lines,
            rows,
            output,
            ..
        } = &mut self;
        let mut each = |event: Event<'_>| output.event(event, &mut tail);
        lines.finish(&mut |n, line| rows.line(n, line, &mut each));
        rows.finish(&mut each);
        let encoding = self.decoder.encoding();
        let mut report = self.output.report;
        if report.rows == 0 && report.header_lines == 0 {
            return Err(FileError::Empty);
        }
        report.lines = self.lines.count();
        report.encoding = Some(encoding);
        Ok(Finished {
            head: encoding.output_bom(),
            tail,
            report,
        })
    }

    fn read(&mut self, chunk: &[u8], last: bool) -> Result<Vec<u8>, FileError> {
        self.text.clear();
        self.decoder.decode(chunk, last, &mut self.text)?;
        let mut out = Vec::with_capacity(self.text.len() * 2);
        let Job {
            lines,
            rows,
            text,
            output,
            ..
        } = self;
        let mut each = |event: Event<'_>| output.event(event, &mut out);
        lines.push(text, &mut |n, line| rows.line(n, line, &mut each));
        Ok(out)
    }
}

impl Output {
    fn event(&mut self, event: Event<'_>, out: &mut Vec<u8>) {
        match event {
            Event::Blank(_) => self.report.blank_lines += 1,
            Event::Row(row) => {
                if self.header_done {
                    self.report.joined_lines += row.last_line - row.first_line;
                    self.row(&row, out);
                } else {
                    self.header_done = true;
                    self.header(&row, out);
                }
            }
        }
    }

    fn header(&mut self, row: &Row<'_>, out: &mut Vec<u8>) {
        self.report.header_lines = 1 + row.last_line - row.first_line;
        let cells: Vec<&[u8]> = row
            .cells
            .iter()
            .chain(ADDED_COLUMNS.map(str::as_bytes))
            .collect();
        write_row(&mut self.writer, out, &cells);
        self.report.columns = cells
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
    }

    /// The notes of a row's shape: how it was read from its lines.
    fn shape_notes(&self, row: &Row<'_>, notes: &mut Vec<String>) {
        let words = &self.options.words;
        if let Some(bytes) = row.too_long {
            notes.push(fill(
                &words.too_long,
                &[
                    ("bytes", &bytes.to_string()),
                    ("max", &MAX_LINE_BYTES.to_string()),
                ],
            ));
            return;
        }
        if row.unclosed_quote {
            notes.push(words.unclosed_quote.clone());
        }
        if row.last_line > row.first_line {
            notes.push(fill(
                &words.spans_lines,
                &[
                    ("first", &row.first_line.to_string()),
                    ("last", &row.last_line.to_string()),
                ],
            ));
        }
        let count = row.cells.len();
        if count != row.width {
            notes.push(fill(
                &words.field_count,
                &[
                    ("count", &count.to_string()),
                    ("expected", &row.width.to_string()),
                ],
            ));
        }
    }

    /// The species a row's label names, noting a label that names none.
    fn known_species(&self, row: &Row<'_>, notes: &mut Vec<String>) -> Option<Species> {
        let column = self.options.mapping.species?;
        let label = String::from_utf8_lossy(row.cells.get(column));
        let label = label.trim();
        if label.is_empty() {
            return None;
        }
        let codes = &self.options.species_codes;
        let named = label
            .parse::<usize>()
            .ok()
            .and_then(|code| codes.get(code))
            .map_or(label, String::as_str);
        match named.parse() {
            Ok(species) => Some(species),
            Err(_) => {
                notes.push(fill(
                    &self.options.words.unknown_species,
                    &[("label", label)],
                ));
                None
            }
        }
    }

    fn row(&mut self, row: &Row<'_>, out: &mut Vec<u8>) {
        let mut notes: Vec<String> = Vec::new();
        self.shape_notes(row, &mut notes);
        let known = self.known_species(row, &mut notes);
        let prediction = if row.too_long.is_some() {
            None
        } else {
            self.classify(row, &mut notes)
        };
        let note = notes.join("; ");
        self.report.add(
            row.first_line,
            prediction.as_ref().map(|p| p.species),
            known,
            &note,
        );
        // The row as it came, padded to the header's width so the added columns line up.
        let mut probabilities: [String; 3] = Default::default();
        if let Some(p) = &prediction {
            for (text, probability) in probabilities.iter_mut().zip(p.probabilities) {
                *text = notes::mark(format!("{probability:.6}"), self.decimal_comma);
            }
        }
        let mut cells: Vec<&[u8]> = row.cells.iter().collect();
        cells.resize(row.width.max(cells.len()), b"");
        cells.push(
            prediction
                .as_ref()
                .map_or(&b""[..], |p| p.species.name().as_bytes()),
        );
        cells.extend(probabilities.iter().map(String::as_bytes));
        let set = prediction.as_ref().map_or_else(String::new, |p| {
            p.set
                .by_probability(&p.probabilities)
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(SET_SEPARATOR)
        });
        cells.push(set.as_bytes());
        cells.push(note.as_bytes());
        write_row(&mut self.writer, out, &cells);
        if self.report.preview.len() < self.preview_rows {
            let cells = cells
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            self.report.preview.push(cells);
        }
    }

    /// The row's prediction, noting every refused value and every warning.
    fn classify(&self, row: &Row<'_>, notes: &mut Vec<String>) -> Option<iris_core::Prediction> {
        let words = &self.options.words;
        let inputs = Feature::ALL.map(|f| match self.options.mapping.fields[f.index()] {
            Some(column) if column < row.cells.len() => {
                numbers::input(&String::from_utf8_lossy(row.cells.get(column)))
            }
            _ => Input::Missing,
        });
        let measurements = match Measurements::from_inputs(inputs) {
            Ok(measurements) => measurements,
            Err(invalid) => {
                for error in invalid.errors() {
                    let reason = words
                        .reasons
                        .get(error.kind().code())
                        .cloned()
                        .unwrap_or_else(|| error.kind().reason());
                    notes.push(fill(
                        &words.invalid,
                        &[
                            ("field", &words.fields[error.feature().index()]),
                            ("reason", &reason),
                        ],
                    ));
                }
                return None;
            }
        };
        let prediction = self.classifier.classify(&measurements);
        for warning in &prediction.warnings {
            let Warning::OutsideTrainingRange {
                feature,
                value,
                min,
                max,
            } = warning
            else {
                // A kind of warning the catalogue has no words for yet: its English.
                notes.push(warning.to_string());
                continue;
            };
            let number = |v: f64| notes::number(v, self.decimal_comma);
            notes.push(fill(
                &words.outside,
                &[
                    ("field", &words.fields[feature.index()]),
                    ("value", &number(*value)),
                    ("min", &number(*min)),
                    ("max", &number(*max)),
                ],
            ));
        }
        Some(prediction)
    }
}

/// Writes one row: the cells, quoted where needed, separated and ended.
fn write_row(writer: &mut Writer, out: &mut Vec<u8>, cells: &[&[u8]]) {
    for (i, mut cell) in cells.iter().copied().enumerate() {
        if i > 0 {
            step(writer, out, Writer::delimiter);
        }
        loop {
            let at = out.len();
            out.resize(at + cell.len() * 2 + 8, 0);
            let (result, read, written) = writer.field(cell, &mut out[at..]);
            out.truncate(at + written);
            cell = &cell[read..];
            if result == WriteResult::InputEmpty {
                break;
            }
        }
    }
    step(writer, out, Writer::terminator);
}

/// Runs a writer step that needs a few bytes of room.
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
