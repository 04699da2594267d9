//! Reading `data/iris.csv` into features and labels, with errors that point at
//! the file, line and column.

use std::fmt;
use std::path::Path;

use crate::feature::Feature;
use crate::measurements::Measurements;
use crate::species::Species;

/// The header the data file must start with.
pub const HEADER: [&str; 5] = [
    "sepal_length",
    "sepal_width",
    "petal_length",
    "petal_width",
    "species",
];

/// Labelled flowers.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Measurements in feature order, one entry per flower.
    pub rows: Vec<[f64; 4]>,
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
    #[error("the file is empty: expected the header '{}' and 150 rows", HEADER.join(","))]
    Empty,
    /// Occurs when the first line is not the expected header.
    #[error("unexpected header '{0}': expected '{expected}'", expected = HEADER.join(","))]
    Header(String),
    /// Occurs when a row has too few or too many fields.
    #[error("expected 5 fields ({}), found {found}", HEADER.join(","))]
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
    #[error("species '{0}' is not one of setosa, versicolor, virginica")]
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

    let header = match records.next() {
        None => return Err(error(None, None, DataErrorKind::Empty)),
        Some(Err(e)) => return Err(csv_error(path, &e)),
        Some(Ok(h)) => h,
    };
    if header.iter().ne(HEADER) {
        let found = header.iter().collect::<Vec<_>>().join(",");
        return Err(error(Some(1), None, DataErrorKind::Header(found)));
    }

    let mut data = Dataset {
        rows: Vec::new(),
        labels: Vec::new(),
    };
    for record in records {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map(|p| p.line());
        if record.len() != HEADER.len() {
            let column = record.len().min(HEADER.len()) + 1;
            return Err(error(
                line,
                Some(column),
                DataErrorKind::FieldCount {
                    found: record.len(),
                },
            ));
        }
        let mut row = [0.0; 4];
        for feature in Feature::ALL {
            let i = feature.index();
            let text = &record[i];
            let value: f64 = text.parse().map_err(|_| {
                error(
                    line,
                    Some(i + 1),
                    DataErrorKind::NotANumber {
                        column: feature.column(),
                        value: text.to_owned(),
                    },
                )
            })?;
            row[i] = Measurements::check(feature, value)
                .map_err(|e| error(line, Some(i + 1), DataErrorKind::Invalid(e.to_string())))?;
        }
        let species: Species = record[4].parse().map_err(|_| {
            error(
                line,
                Some(5),
                DataErrorKind::UnknownSpecies(record[4].to_owned()),
            )
        })?;
        data.rows.push(row);
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
    pub fn feature_ranges(&self) -> [[f64; 2]; 4] {
        let mut ranges = [[f64::INFINITY, f64::NEG_INFINITY]; 4];
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
        let mut mean = [0.0; 4];
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
            4,
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
