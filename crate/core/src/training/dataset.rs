//! Reading `data/iris.csv` into features and labels, with errors that point at
//! the file, line and column.

use std::fmt;
use std::path::Path;

use crate::feature::{Feature, PerFeature};
use crate::measurements::{ErrorKind, Input, Measurements};
use crate::species::Species;

/// The name of the last column, after one per [`Feature`].
pub const SPECIES_COLUMN: &str = "species";

/// The header the data file must start with: the feature columns, then
/// [`SPECIES_COLUMN`].
pub fn header() -> Vec<&'static str> {
    let mut names = Feature::ALL.map(Feature::column).to_vec();
    names.push(SPECIES_COLUMN);
    names
}

/// Labelled flowers.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Measurements in feature order, one entry per flower.
    pub rows: Vec<PerFeature<f64>>,
    /// The species of each flower.
    pub labels: Vec<Species>,
}

/// Occurs when the data file cannot be used; names where and what.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{path}{}: {kind}", Location(*.line, *.column))]
pub struct DataError {
    path: String,
    line: Option<u64>,
    column: Option<usize>,
    kind: DataErrorKind,
}

impl DataError {
    /// What is wrong.
    pub fn kind(&self) -> &DataErrorKind {
        &self.kind
    }
    /// 1-based line in the file, if the problem has one.
    pub fn line(&self) -> Option<u64> {
        self.line
    }
    /// 1-based column (field number), if the problem has one.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
}

struct Location(Option<u64>, Option<usize>);

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0, self.1) {
            (Some(line), Some(column)) => write!(f, ":{line}:{column}"),
            (Some(line), None) => write!(f, ":{line}"),
            _ => Ok(()),
        }
    }
}

/// What is wrong with the data file.
#[non_exhaustive]
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum DataErrorKind {
    /// Occurs when the file cannot be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Occurs when the file has no header or no rows.
    #[error("the file is empty: expected the header '{}' and 150 rows", header().join(","))]
    Empty,
    /// Occurs when the first line is not the expected header.
    #[error("unexpected header '{0}': expected '{expected}'", expected = header().join(","))]
    Header(String),
    /// Occurs when a row has too few or too many fields.
    #[error("expected {} fields ({}), found {found}", header().len(), header().join(","))]
    FieldCount {
        /// How many fields the row has.
        found: usize,
    },
    /// Occurs when a measurement is not a number.
    #[error("{column} '{value}' is not a number")]
    NotANumber {
        /// The column name.
        column: &'static str,
        /// The text found.
        value: String,
    },
    /// Occurs when a measurement is a number no flower can have.
    #[error("{0}")]
    Invalid(String),
    /// Occurs when the species column names no known species.
    #[error("species '{0}' is not one of {names}", names = Species::list(", "))]
    UnknownSpecies(String),
    /// Occurs when a species has no rows at all.
    #[error("no rows for species {0}: every species needs examples")]
    MissingSpecies(&'static str),
    /// Occurs when the CSV itself is malformed (e.g. an unterminated quote).
    #[error("malformed CSV: {0}")]
    Csv(String),
}

/// Reads and validates the data file at `path`.
pub fn load(path: &Path) -> Result<Dataset, DataError> {
    let shown = path.display().to_string();
    let text = std::fs::read(path).map_err(|e| DataError {
        path: shown.clone(),
        line: None,
        column: None,
        kind: DataErrorKind::Io(e.to_string()),
    })?;
    parse(&text, &shown)
}

/// Parses CSV bytes; `path` is only used in error messages.
pub fn parse(bytes: &[u8], path: &str) -> Result<Dataset, DataError> {
    let error = |line: Option<u64>, column: Option<usize>, kind| DataError {
        path: path.to_owned(),
        line,
        column,
        kind,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut records = reader.records();

    let header_row = match records.next() {
        None => return Err(error(None, None, DataErrorKind::Empty)),
        Some(Err(e)) => return Err(csv_error(path, &e)),
        Some(Ok(h)) => h,
    };
    let expected = header();
    if header_row.iter().ne(expected.iter().copied()) {
        let found = header_row.iter().collect::<Vec<_>>().join(",");
        return Err(error(Some(1), None, DataErrorKind::Header(found)));
    }

    let mut data = Dataset {
        rows: Vec::new(),
        labels: Vec::new(),
    };
    for record in records {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map(|p| p.line());
        if record.len() != expected.len() {
            let column = record.len().min(expected.len()) + 1;
            return Err(error(
                line,
                Some(column),
                DataErrorKind::FieldCount {
                    found: record.len(),
                },
            ));
        }
        let texts = Feature::ALL.map(|f| &record[f.index()]);
        let read = |decimal: &str| decimal.parse().unwrap_or(f64::NAN);
        let inputs = texts.map(|text| Input::from_text(text, read));
        let measurements = Measurements::from_inputs(inputs).map_err(|errors| {
            let first = errors.first();
            let feature = first.feature();
            let kind = match first.kind() {
                ErrorKind::WrongType => DataErrorKind::NotANumber {
                    column: feature.column(),
                    value: texts[feature.index()].to_owned(),
                },
                _ => DataErrorKind::Invalid(first.to_string()),
            };
            error(line, Some(feature.index() + 1), kind)
        })?;
        let species_column = Feature::COUNT;
        let species: Species = record[species_column].parse().map_err(|_| {
            error(
                line,
                Some(species_column + 1),
                DataErrorKind::UnknownSpecies(record[species_column].to_owned()),
            )
        })?;
        data.rows.push(measurements.to_array());
        data.labels.push(species);
    }
    if data.rows.is_empty() {
        return Err(error(None, None, DataErrorKind::Empty));
    }
    if let Some(missing) = Species::ALL.iter().find(|s| !data.labels.contains(s)) {
        return Err(error(
            None,
            None,
            DataErrorKind::MissingSpecies(missing.name()),
        ));
    }
    Ok(data)
}

fn csv_error(path: &str, e: &csv::Error) -> DataError {
    DataError {
        path: path.to_owned(),
        line: e.position().map(|p| p.line()),
        column: None,
        kind: DataErrorKind::Csv(e.to_string()),
    }
}

impl Dataset {
    /// Number of flowers.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no flowers.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The flowers at `indices`, in that order.
    pub fn subset(&self, indices: &[usize]) -> Dataset {
        Dataset {
            rows: indices.iter().map(|&i| self.rows[i]).collect(),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
        }
    }

    /// `[min, max]` of each feature.
    pub fn feature_ranges(&self) -> PerFeature<[f64; 2]> {
        let mut ranges = [[f64::INFINITY, f64::NEG_INFINITY]; Feature::COUNT];
        for row in &self.rows {
            for (range, value) in ranges.iter_mut().zip(row) {
                range[0] = range[0].min(*value);
                range[1] = range[1].max(*value);
            }
        }
        ranges
    }

    /// Index of the row of `species` nearest (Euclidean) to that species' mean;
    /// the first such row on a tie.
    pub fn typical_row(&self, species: Species) -> Option<usize> {
        let members: Vec<usize> = (0..self.len())
            .filter(|&i| self.labels[i] == species)
            .collect();
        let mut mean = [0.0; Feature::COUNT];
        for &i in &members {
            for (m, v) in mean.iter_mut().zip(self.rows[i]) {
                *m += v / members.len() as f64;
            }
        }
        let distance = |i: usize| -> f64 {
            self.rows[i]
                .iter()
                .zip(mean)
                .map(|(v, m)| (v - m) * (v - m))
                .sum()
        };
        members
            .into_iter()
            .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
    }

    /// Features as a row-major smartcore matrix.
    pub fn matrix(&self) -> Result<smartcore::linalg::basic::matrix::DenseMatrix<f64>, String> {
        smartcore::linalg::basic::matrix::DenseMatrix::new(
            self.len(),
            Feature::COUNT,
            self.rows.iter().flatten().copied().collect(),
            false,
        )
        .map_err(|e| e.to_string())
    }

    /// Labels as smartcore class numbers.
    pub fn targets(&self) -> Vec<u32> {
        self.labels.iter().map(|s| s.index() as u32).collect()
    }
}
