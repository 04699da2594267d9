//! Predicting many flowers at once from a flat `f32` buffer, without building
//! a [`crate::Prediction`] per row.

use crate::classifier::{most_probable, Classifier};
use crate::feature::Feature;
use crate::measurements::{InvalidMeasurements, Measurements};
use crate::species::Species;

/// Occurs when a batch cannot be classified.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BatchError {
    /// Occurs when the input is not a whole number of rows.
    #[error(
        "batch length {len} is not a multiple of {}: expected rows of {}",
        Feature::COUNT,
        Feature::ALL.map(Feature::label).join(", ")
    )]
    Length {
        /// The number of values given.
        len: usize,
    },
    /// Occurs when an output buffer does not fit the number of rows.
    #[error("output buffer '{name}' holds {len} values, expected {expected}")]
    Output {
        /// Which buffer.
        name: &'static str,
        /// Its length.
        len: usize,
        /// The length it should have.
        expected: usize,
    },
    /// Occurs when a row holds an invalid measurement; no row after it is
    /// classified. The message names the row's first invalid field.
    #[error("row {row}: {}", .errors.first())]
    Row {
        /// 0-based row index.
        row: usize,
        /// What is wrong with it.
        errors: InvalidMeasurements,
    },
}

/// Where [`Classifier::classify_batch`] writes its answers; each buffer is
/// sized for the number of rows.
#[derive(Debug)]
pub struct BatchOutput<'a> {
    /// Class index per row (0 setosa, 1 versicolor, 2 virginica).
    pub species: &'a mut [u8],
    /// Three probabilities per row, in species order.
    pub probabilities: &'a mut [f64],
    /// Per row, a bit per feature outside the training range (bit 0 sepal length).
    pub outside: &'a mut [u8],
}

/// Owned answers for a batch, as [`Classifier::classify_rows`] returns them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchAnswers {
    /// Class index per row (0 setosa, 1 versicolor, 2 virginica).
    pub species: Vec<u8>,
    /// Three probabilities per row, in species order.
    pub probabilities: Vec<f64>,
    /// Per row, a bit per feature outside the training range (bit 0 sepal length).
    pub outside: Vec<u8>,
}

impl Classifier {
    /// Classifies `rows` like [`Classifier::classify_batch`], into buffers
    /// it allocates.
    pub fn classify_rows(&self, rows: &[f32]) -> Result<BatchAnswers, BatchError> {
        let n = rows.len() / Feature::COUNT;
        let mut answers = BatchAnswers {
            species: vec![0; n],
            probabilities: vec![0.0; Species::COUNT * n],
            outside: vec![0; n],
        };
        self.classify_batch(
            rows,
            BatchOutput {
                species: &mut answers.species,
                probabilities: &mut answers.probabilities,
                outside: &mut answers.outside,
            },
        )?;
        Ok(answers)
    }

    /// Classifies `rows`, a flat buffer of 4 values (cm) per flower, writing
    /// into `out`. The same validation and arithmetic as [`Classifier::classify`].
    pub fn classify_batch(&self, rows: &[f32], out: BatchOutput<'_>) -> Result<(), BatchError> {
        if !rows.len().is_multiple_of(Feature::COUNT) {
            return Err(BatchError::Length { len: rows.len() });
        }
        let n = rows.len() / Feature::COUNT;
        for (name, len, expected) in [
            ("species", out.species.len(), n),
            ("probabilities", out.probabilities.len(), Species::COUNT * n),
            ("outside", out.outside.len(), n),
        ] {
            if len != expected {
                return Err(BatchError::Output {
                    name,
                    len,
                    expected,
                });
            }
        }
        let answers = out
            .species
            .iter_mut()
            .zip(out.probabilities.chunks_exact_mut(Species::COUNT))
            .zip(out.outside.iter_mut());
        for (row, (values, ((species, probabilities), outside))) in
            rows.chunks_exact(Feature::COUNT).zip(answers).enumerate()
        {
            let values = Feature::ALL.map(|f| f64::from(values[f.index()]));
            let measurements = Measurements::from_array(values)
                .map_err(|errors| BatchError::Row { row, errors })?;
            let p = self.probabilities(&measurements);
            *species = most_probable(&p).index() as u8;
            probabilities.copy_from_slice(&p);
            *outside = self.outside_mask(&measurements);
        }
        Ok(())
    }
}
