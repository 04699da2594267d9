//! Predicting many flowers at once from a flat `f32` buffer, without building
//! a [`crate::Prediction`] per row.

use crate::classifier::{most_probable_lanes, Classifier, Coefficients};
use crate::feature::Feature;
use crate::lanes::F64x2;
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

/// The answers for a batch, as [`Classifier::classify_batch`] writes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchAnswers {
    /// Class index per row (0 setosa, 1 versicolor, 2 virginica).
    pub species: Vec<u8>,
    /// Three probabilities per row, in species order.
    pub probabilities: Vec<f64>,
    /// Per row, a bit per feature outside the training range (bit 0 sepal length).
    pub outside: Vec<u8>,
    /// Per row, the prediction set: a bit per species (bit 0 setosa).
    pub sets: Vec<u8>,
}

impl Classifier {
    /// Classifies `rows` like [`Classifier::classify_batch`], into buffers
    /// it allocates.
    pub fn classify_rows(&self, rows: &[f32]) -> Result<BatchAnswers, BatchError> {
        let mut answers = BatchAnswers::default();
        self.classify_batch(rows, &mut answers)?;
        Ok(answers)
    }

    /// Classifies `rows`, a flat buffer of 4 values (cm) per flower, into
    /// `answers`, first sized for the rows (which allocates nothing when
    /// they already are). The same validation and arithmetic as
    /// [`Classifier::classify`]. On an invalid row, the rows before it may
    /// have been answered; none after it is.
    pub fn classify_batch(
        &self,
        rows: &[f32],
        answers: &mut BatchAnswers,
    ) -> Result<(), BatchError> {
        if !rows.len().is_multiple_of(Feature::COUNT) {
            return Err(BatchError::Length { len: rows.len() });
        }
        let n = rows.len() / Feature::COUNT;
        answers.species.resize(n, 0);
        answers.probabilities.resize(Species::COUNT * n, 0.0);
        answers.outside.resize(n, 0);
        answers.sets.resize(n, 0);
        // Block by block: validate the block's rows in one pass (cheap,
        // and in cache), then compute on rows known to be valid.
        let blocks = rows
            .chunks(BLOCK_ROWS * Feature::COUNT)
            .zip(answers.species.chunks_mut(BLOCK_ROWS))
            .zip(
                answers
                    .probabilities
                    .chunks_mut(BLOCK_ROWS * Species::COUNT),
            )
            .zip(answers.outside.chunks_mut(BLOCK_ROWS))
            .zip(answers.sets.chunks_mut(BLOCK_ROWS));
        let pairs = Coefficients::<F64x2>::of(self);
        for (block, ((((rows, species), probabilities), outside), sets)) in blocks.enumerate() {
            if !Measurements::all_valid(rows) {
                report_invalid_row(rows, block * BLOCK_ROWS)?;
            }
            self.classify_valid_block(&pairs, rows, species, probabilities, outside);
            // Sets from the answers just written: the one-flower rule, row by row.
            for ((set, &top), p) in sets
                .iter_mut()
                .zip(species.iter())
                .zip(probabilities.as_chunks::<{ Species::COUNT }>().0)
            {
                *set = self.set_bits(p, top);
            }
        }
        Ok(())
    }

    /// Classifies rows that are all valid. Two rows at a time, one in each
    /// lane: the wasm module computes them with simd128 instructions, with
    /// the bits of one row at a time.
    #[inline(always)]
    fn classify_valid_block(
        &self,
        pairs: &Coefficients<F64x2>,
        rows: &[f32],
        species: &mut [u8],
        probabilities: &mut [f64],
        outside: &mut [u8],
    ) {
        const PAIR: usize = 2 * Feature::COUNT;
        let (row_pairs, last_row) = rows.as_chunks::<PAIR>();
        let (species_pairs, last_species) = species.as_chunks_mut::<2>();
        let (probability_pairs, last_probabilities) =
            probabilities.as_chunks_mut::<{ 2 * Species::COUNT }>();
        let (outside_pairs, last_outside) = outside.as_chunks_mut::<2>();
        let answers = species_pairs
            .iter_mut()
            .zip(probability_pairs)
            .zip(outside_pairs);
        for (values, ((species, probabilities), outside)) in row_pairs.iter().zip(answers) {
            let x = F64x2::from_rows(values);
            let p = pairs.probabilities(x);
            *species = most_probable_lanes(p);
            *probabilities = F64x2::to_rows(p);
            *outside = self.outside_masks(&x);
        }
        if let ([species], [outside]) = (last_species, last_outside) {
            // The last row alone, by the one-flower path (shared code: the
            // module carries no second copy of the arithmetic for it).
            if let Ok(last) = measurements(last_row, 0) {
                let p = self.probabilities(&last);
                *outside = self.outside_mask(&last);
                [*species] = most_probable_lanes(p);
                for (slot, p) in last_probabilities.iter_mut().zip(p) {
                    *slot = p;
                }
            }
        }
    }
}

/// Rows per block: validated together, then classified.
const BLOCK_ROWS: usize = 256;

/// Names the first invalid row of a block whose rows start at `first_row`.
#[cold]
fn report_invalid_row(rows: &[f32], first_row: usize) -> Result<(), BatchError> {
    for (i, values) in rows.chunks(Feature::COUNT).enumerate() {
        measurements(values, first_row + i)?;
    }
    Ok(())
}

/// Validates one row of a batch.
#[inline(always)]
fn measurements(values: &[f32], row: usize) -> Result<Measurements, BatchError> {
    let values =
        Feature::ALL.map(|f| f64::from(values.get(f.index()).copied().unwrap_or(f32::NAN)));
    Measurements::from_array(values).map_err(|errors| BatchError::Row { row, errors })
}
