//! Classifying a file as it streams in: [`Job::feed`] takes the file's bytes
//! in chunks of any size and returns the output's bytes so far; [`Job::finish`]
//! ends it and gives the [`Report`]. Every row comes out: classified, or with
//! the reason it could not be in its `note` column, and in the report with
//! its line number.

use csv_core::{
    ReadRecordResult, Reader, ReaderBuilder, Terminator, WriteResult, Writer, WriterBuilder,
};
use iris_core::{Classifier, Feature, Input, Measurements, Species, Warning};
use serde::Deserialize;

use crate::columns::Mapping;
use crate::numbers;
use crate::report::Report;

/// The largest file a job takes, in bytes (1 GiB): far beyond any real
/// flower survey, and what a browser tab can hold with its output.
pub const MAX_BYTES: u64 = 1 << 30;

/// The columns added to every row, after the file's own.
pub const ADDED_COLUMNS: [&str; 5] = [
    "predicted_species",
    "probability_setosa",
    "probability_versicolor",
    "probability_virginica",
    "note",
];

/// How to read the file, as the page settled it (from [`crate::inspect`],
/// perhaps with the person's own column choices).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    /// `,`, `;` or tab.
    pub separator: char,
    /// Whether the first line holds column names.
    pub header: bool,
    /// Which column holds what.
    pub mapping: Mapping,
    /// The words of the `note` column, in the reader's language.
    pub words: Words,
}

/// The `note` column's sentences, with `{field}`, `{value}`, `{min}`,
/// `{max}`, `{reason}`, `{count}`, `{expected}` and `{label}` where values go.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    /// Each measurement's name, in [`Feature::ALL`] order.
    pub fields: [String; 4],
    /// Why a value is refused, by error code (`missing`, `not-positive`…).
    pub reasons: std::collections::HashMap<String, String>,
    /// A refused value: `{field}: {reason}`.
    pub invalid: String,
    /// A value outside the training data: `{field} {value} cm is outside…`.
    pub outside: String,
    /// A row with another number of fields than the header: `{count}`, `{expected}`.
    pub field_count: String,
    /// A species label that names no species: `{label}`.
    pub unknown_species: String,
}

/// What can stop a job.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Occurs when the file holds NUL bytes: it is not text.
    #[error("the file is not text (it holds NUL bytes), so it is not CSV")]
    NotText,
    /// Occurs when the file has no row at all.
    #[error("the file is empty")]
    Empty,
    /// Occurs when the file is larger than [`MAX_BYTES`].
    #[error("the file is {0} bytes; at most {MAX_BYTES} are accepted")]
    TooLarge(u64),
    /// Occurs when a measurement has no column.
    #[error("no column holds the {0}")]
    Unmapped(&'static str),
    /// Occurs when the separator is not `,`, `;` or tab.
    #[error("the separator {0:?} is not one of ',', ';' or a tab")]
    Separator(char),
}

impl FileError {
    /// A stable kebab-case code for programs and translations.
    pub const fn code(&self) -> &'static str {
        match self {
            FileError::NotText => "not-text",
            FileError::Empty => "empty",
            FileError::TooLarge(_) => "too-large",
            FileError::Unmapped(_) => "unmapped",
            FileError::Separator(_) => "separator",
        }
    }
}

/// One file being classified.
pub struct Job {
    classifier: &'static Classifier,
    options: Options,
    reader: Reader,
    writer: Writer,
    /// The record being read: its fields' bytes, and where each ends.
    record: Vec<u8>,
    ends: Vec<usize>,
    record_bytes: usize,
    record_fields: usize,
    /// The line the record just read starts on; the line after the last record.
    record_line: u64,
    next_line: u64,
    /// Fields in the header (or the first row).
    width: Option<usize>,
    decimal_comma: bool,
    report: Report,
    started: bool,
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
            classifier,
            reader: ReaderBuilder::new().delimiter(separator).build(),
            writer: WriterBuilder::new()
                .delimiter(separator)
                .terminator(Terminator::CRLF)
                .build(),
            // Spreadsheets that separate with `;` write decimal commas.
            decimal_comma: separator == b';',
            options,
            record: vec![0; 1024],
            ends: vec![0; 64],
            record_bytes: 0,
            record_fields: 0,
            record_line: 1,
            next_line: 1,
            width: None,
            report: Report::default(),
            started: false,
        })
    }

    /// Reads the next chunk of the file; returns the output it completes.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<Vec<u8>, FileError> {
        if !self.started {
            self.started = true;
            chunk = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        }
        if chunk.contains(&0) {
            return Err(FileError::NotText);
        }
        let mut out = Vec::with_capacity(chunk.len() * 2);
        self.read(chunk, &mut out);
        Ok(out)
    }

    /// Ends the file: the last output, and the report.
    pub fn finish(mut self) -> Result<(Vec<u8>, Report), FileError> {
        let mut out = Vec::new();
        self.read(&[], &mut out);
        if self.report.rows == 0 && self.width.is_none() {
            return Err(FileError::Empty);
        }
        // Blank lines after the last record (its own `\n` is not one).
        self.report.blank_lines += self.reader.line().saturating_sub(self.next_line);
        Ok((out, self.report))
    }

    fn read(&mut self, mut input: &[u8], out: &mut Vec<u8>) {
        loop {
            let (result, read, written, ended) = self.reader.read_record(
                input,
                &mut self.record[self.record_bytes..],
                &mut self.ends[self.record_fields..],
            );
            // csv-core counts a line at each `\n` it reads; the record just
            // ended is on the line before if that `\n` was its end.
            let ended_by_newline = read > 0 && input[read - 1] == b'\n';
            input = &input[read..];
            self.record_bytes += written;
            self.record_fields += ended;
            match result {
                ReadRecordResult::InputEmpty => return,
                ReadRecordResult::OutputFull => {
                    let grown = self.record.len() * 2;
                    self.record.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    let last = self.reader.line() - u64::from(ended_by_newline);
                    let inside = self.record[..self.record_bytes]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    self.record_line = last - inside as u64;
                    // Lines between the last record and this one held nothing.
                    self.report.blank_lines += self.record_line.saturating_sub(self.next_line);
                    self.next_line = last + 1;
                    self.record_done(out);
                    self.record_bytes = 0;
                    self.record_fields = 0;
                }
                ReadRecordResult::End => return,
            }
        }
    }

    fn record_done(&mut self, out: &mut Vec<u8>) {
        let line = self.record_line;
        let count = self.record_fields;
        if self.width.is_none() {
            self.width = Some(count);
            if self.options.header {
                let fields: Vec<&[u8]> = (0..count)
                    .map(|i| field(&self.record, &self.ends, i))
                    .chain(ADDED_COLUMNS.map(str::as_bytes))
                    .collect();
                write_row(&mut self.writer, out, &fields);
                self.report.columns = (0..count)
                    .map(|i| {
                        String::from_utf8_lossy(field(&self.record, &self.ends, i)).into_owned()
                    })
                    .chain(ADDED_COLUMNS.map(str::to_owned))
                    .collect();
                return;
            }
        }
        self.row(line, count, out);
    }

    fn row(&mut self, line: u64, count: usize, out: &mut Vec<u8>) {
        let words = &self.options.words;
        let mut notes: Vec<String> = Vec::new();
        let expected = self.width.unwrap_or(count);
        if count != expected {
            notes.push(fill(
                &words.field_count,
                &[
                    ("count", &count.to_string()),
                    ("expected", &expected.to_string()),
                ],
            ));
        }
        let inputs = Feature::ALL.map(|f| {
            let column = self.options.mapping.fields[f.index()].unwrap_or(usize::MAX);
            if column < count {
                numbers::input(&String::from_utf8_lossy(field(
                    &self.record,
                    &self.ends,
                    column,
                )))
            } else {
                Input::Missing
            }
        });
        let label = self
            .options
            .mapping
            .species
            .filter(|&c| c < count)
            .map(|c| {
                String::from_utf8_lossy(field(&self.record, &self.ends, c))
                    .trim()
                    .to_owned()
            })
            .filter(|l| !l.is_empty());
        let known: Option<Species> = match &label {
            Some(text) => match text.parse() {
                Ok(species) => Some(species),
                Err(_) => {
                    notes.push(fill(&words.unknown_species, &[("label", text)]));
                    None
                }
            },
            None => None,
        };
        let prediction = match Measurements::from_inputs(inputs) {
            Ok(measurements) => Some(self.classifier.classify(&measurements)),
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
                None
            }
        };
        if let Some(p) = &prediction {
            for warning in &p.warnings {
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
                notes.push(fill(
                    &words.outside,
                    &[
                        ("field", &words.fields[feature.index()]),
                        ("value", &self.number(*value)),
                        ("min", &self.number(*min)),
                        ("max", &self.number(*max)),
                    ],
                ));
            }
        }
        let note = notes.join("; ");
        self.report
            .add(line, prediction.as_ref().map(|p| p.species), known, &note);
        // The row as it came, padded to the header's width so the added columns line up.
        let mut probabilities: [String; 3] = Default::default();
        if let Some(p) = &prediction {
            for (text, probability) in probabilities.iter_mut().zip(p.probabilities) {
                *text = self.mark(format!("{probability:.6}"));
            }
        }
        let mut fields: Vec<&[u8]> = (0..count)
            .map(|i| field(&self.record, &self.ends, i))
            .collect();
        fields.resize(expected.max(count), b"");
        fields.push(
            prediction
                .as_ref()
                .map_or(&b""[..], |p| p.species.name().as_bytes()),
        );
        fields.extend(probabilities.iter().map(String::as_bytes));
        fields.push(note.as_bytes());
        write_row(&mut self.writer, out, &fields);
        if self.report.preview.len() < crate::report::PREVIEW_ROWS {
            let cells = fields
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            self.report.preview.push(cells);
        }
    }

    /// A number as the output writes it (shortest form, the file's decimal mark).
    fn number(&self, value: f64) -> String {
        self.mark(iris_core::format_number(value))
    }

    /// Number text with the file's decimal mark.
    fn mark(&self, text: String) -> String {
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// The `i`th field of a record read into `record` (its bytes) and `ends`.
fn field<'a>(record: &'a [u8], ends: &[usize], i: usize) -> &'a [u8] {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &record[start..ends[i]]
}

/// Writes one row: the fields, quoted where needed, separated and ended.
fn write_row(writer: &mut Writer, out: &mut Vec<u8>, fields: &[&[u8]]) {
    for (i, mut field) in fields.iter().copied().enumerate() {
        if i > 0 {
            step(writer, out, Writer::delimiter);
        }
        loop {
            let at = out.len();
            out.resize(at + field.len() * 2 + 8, 0);
            let (result, read, written) = writer.field(field, &mut out[at..]);
            out.truncate(at + written);
            field = &field[read..];
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

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
