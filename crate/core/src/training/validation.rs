//! Stratified k-fold cross-validation and the confusion matrix smartcore
//! keeps private.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::calibration;
use super::dataset::Dataset;
use super::TrainError;
use crate::card::CrossValidation;
use crate::classifier::most_probable;
use crate::feature::PerFeature;
use crate::species::{PerSpecies, Species};

/// Splits row indices into `k` folds with each species spread evenly over
/// them: each species' rows are shuffled (seeded) and dealt round-robin, the
/// deal continuing across species so fold sizes differ by at most one.
pub fn stratified_folds(labels: &[Species], k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let k = k.max(1);
    let mut folds = vec![Vec::new(); k];
    let mut next = 0;
    for species in Species::ALL {
        let mut members: Vec<usize> = (0..labels.len())
            .filter(|&i| labels[i] == species)
            .collect();
        members.shuffle(&mut rng);
        for index in members {
            folds[next % k].push(index);
            next += 1;
        }
    }
    for fold in &mut folds {
        fold.sort_unstable();
    }
    folds
}

/// Counts of (actual, predicted) species pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConfusionMatrix(pub PerSpecies<PerSpecies<u32>>);

impl ConfusionMatrix {
    /// Records one prediction.
    pub fn add(&mut self, actual: Species, predicted: Species) {
        self.0[actual.index()][predicted.index()] += 1;
    }

    /// Share of correct predictions (0 when empty).
    pub fn accuracy(&self) -> f64 {
        let total: u32 = self.0.iter().flatten().sum();
        let correct: u32 = (0..Species::COUNT).map(|i| self.0[i][i]).sum();
        ratio(correct, total)
    }

    /// Of the flowers predicted as `species`, the share that are (0 when none).
    pub fn precision(&self, species: Species) -> f64 {
        let i = species.index();
        ratio(self.0[i][i], self.0.iter().map(|row| row[i]).sum())
    }

    /// Of the flowers that are `species`, the share predicted as such (0 when none).
    pub fn recall(&self, species: Species) -> f64 {
        let i = species.index();
        ratio(self.0[i][i], self.0[i].iter().sum())
    }
}

fn ratio(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// The outcome of cross-validating one model family.
#[derive(Clone, Debug, PartialEq)]
pub struct CvReport {
    /// Accuracy on each held-out fold.
    pub fold_accuracies: Vec<f64>,
    /// Pooled over all folds.
    pub confusion: ConfusionMatrix,
    /// Each flower's probabilities from the model that did not see it
    /// (out of fold), by row of the data.
    pub probabilities: Vec<PerSpecies<f64>>,
}

impl CvReport {
    /// Mean of the fold accuracies.
    pub fn mean_accuracy(&self) -> f64 {
        self.fold_accuracies.iter().sum::<f64>() / self.fold_accuracies.len().max(1) as f64
    }

    /// Population standard deviation of the fold accuracies.
    pub fn std_accuracy(&self) -> f64 {
        let mean = self.mean_accuracy();
        let n = self.fold_accuracies.len().max(1) as f64;
        (self
            .fold_accuracies
            .iter()
            .map(|a| (a - mean) * (a - mean))
            .sum::<f64>()
            / n)
            .sqrt()
    }

    /// The card section for this report on flowers of `labels`.
    pub fn to_card(&self, folds: usize, seed: u64, labels: &[Species]) -> CrossValidation {
        CrossValidation {
            folds,
            seed,
            mean_accuracy: self.mean_accuracy(),
            std_accuracy: self.std_accuracy(),
            fold_accuracies: self.fold_accuracies.clone(),
            precision: Species::ALL
                .iter()
                .map(|&s| self.confusion.precision(s))
                .collect(),
            recall: Species::ALL
                .iter()
                .map(|&s| self.confusion.recall(s))
                .collect(),
            confusion_matrix: self.confusion.0.iter().map(|r| r.to_vec()).collect(),
            calibration: calibration::scores(&self.probabilities, labels),
            reliability: calibration::reliability(&self.probabilities, labels),
        }
    }
}

/// Trains on all folds but one and tests on that one, for each fold.
/// `fit(train, test_rows)` returns each species' probability for every test
/// row; the prediction is the most probable species (the first on a tie).
pub fn cross_validate(
    data: &Dataset,
    folds: &[Vec<usize>],
    fit: impl Fn(&Dataset, &[PerFeature<f64>]) -> Result<Vec<PerSpecies<f64>>, TrainError>,
) -> Result<CvReport, TrainError> {
    let mut confusion = ConfusionMatrix::default();
    let mut fold_accuracies = Vec::with_capacity(folds.len());
    let mut probabilities = vec![[0.0; Species::COUNT]; data.len()];
    for (held_out, test_indices) in folds.iter().enumerate() {
        let train = data.subset(&training_rows(folds, held_out));
        let test = data.subset(test_indices);
        let answers = fit(&train, &test.rows)?;
        if answers.len() != test.len() {
            return Err(TrainError::Model {
                family: "cross-validation",
                message: format!("{} answers for {} flowers", answers.len(), test.len()),
            });
        }
        let mut fold = ConfusionMatrix::default();
        for ((&row, actual), p) in test_indices.iter().zip(&test.labels).zip(answers) {
            let predicted = most_probable(&p);
            fold.add(*actual, predicted);
            confusion.add(*actual, predicted);
            probabilities[row] = p;
        }
        fold_accuracies.push(fold.accuracy());
    }
    Ok(CvReport {
        fold_accuracies,
        confusion,
        probabilities,
    })
}

/// The rows of every fold but `held_out`, in fold order.
pub fn training_rows(folds: &[Vec<usize>], held_out: usize) -> Vec<usize> {
    folds
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != held_out)
        .flat_map(|(_, f)| f.iter().copied())
        .collect()
}
