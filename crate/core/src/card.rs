//! The model card: what was trained, on what, and how well it did.
//!
//! Training fills it in; the wasm module embeds it as JSON next to the model; the
//! JavaScript API hands the same JSON to the page through `modelInfo()`.

use serde::{Deserialize, Serialize};

use crate::feature::PerFeature;

/// Everything a person may want to know about the embedded model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelCard {
    /// The smartcore model family that ships, e.g. `LogisticRegression`.
    pub model_family: String,
    /// Its hyper-parameters, in words.
    pub model_params: String,
    /// The smartcore version it was trained with (read from `Cargo.lock`).
    pub smartcore_version: String,
    /// Where the training data comes from.
    pub dataset: String,
    /// How many flowers it was trained on.
    pub training_rows: usize,
    /// Species names, in class order.
    pub species: Vec<String>,
    /// The range of each feature in the training data, in feature order.
    pub features: Vec<FeatureRange>,
    /// Cross-validation of the shipped model family.
    pub cross_validation: CrossValidation,
    /// Every family that was compared under the same folds, best first.
    pub candidates: Vec<CandidateScore>,
    /// The prediction sets: their coverage, threshold and how they did.
    pub prediction_sets: PredictionSets,
    /// A typical flower of each species: the training row nearest its class mean.
    pub examples: Vec<Example>,
    /// The shipped model's coefficients, so anyone can recompute a prediction.
    pub coefficients: Coefficients,
    /// SHA-256 of the embedded model bytes, lowercase hex.
    pub model_sha256: String,
    /// Size of the embedded model in bytes.
    pub model_bytes: usize,
}

/// A multinomial logistic regression: the score of species `s` is
/// `intercepts[s] + Σ weights[s][f] · x[f]`, the probabilities their softmax.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coefficients {
    /// `weights[species][feature]`, in class and feature order.
    pub weights: Vec<Vec<f64>>,
    /// One per species, in class order.
    pub intercepts: Vec<f64>,
}

/// The smallest and largest value of one feature seen in training.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureRange {
    /// JavaScript property name, e.g. `petalLength`.
    pub name: String,
    /// Smallest value in centimetres.
    pub min: f64,
    /// Largest value in centimetres.
    pub max: f64,
}

/// Stratified k-fold cross-validation results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: usize,
    /// Seed of the shuffle that assigns flowers to folds.
    pub seed: u64,
    /// Mean of the per-fold accuracies.
    pub mean_accuracy: f64,
    /// Standard deviation of the per-fold accuracies.
    pub std_accuracy: f64,
    /// Accuracy on each held-out fold.
    pub fold_accuracies: Vec<f64>,
    /// Precision per species (class order), from the pooled confusion matrix.
    pub precision: Vec<f64>,
    /// Recall per species (class order), from the pooled confusion matrix.
    pub recall: Vec<f64>,
    /// Pooled over all folds: `confusion_matrix[actual][predicted]`.
    pub confusion_matrix: Vec<Vec<u32>>,
    /// How well the out-of-fold probabilities are calibrated.
    pub calibration: CalibrationScores,
    /// The reliability diagram of the out-of-fold probabilities: ten
    /// equal-width bins of the top probability.
    pub reliability: Vec<ReliabilityBin>,
}

/// How far out-of-fold probabilities can be trusted (lower is better).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationScores {
    /// Mean of `−ln p(true species)`, each `p` at least 1e-15.
    pub log_loss: f64,
    /// Mean over flowers of `Σ_species (p − [species is true])²` (0 to 2).
    pub brier: f64,
    /// Top-label expected calibration error over ten equal-width bins.
    pub expected_calibration_error: f64,
}

/// One bin of the reliability diagram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReliabilityBin {
    /// Lower edge of its top probability (included).
    pub lower: f64,
    /// Upper edge (excluded, except 1 for the last bin).
    pub upper: f64,
    /// Flowers whose top probability falls in it.
    pub count: usize,
    /// Their mean top probability (`None` when empty).
    pub confidence: Option<f64>,
    /// The share of them predicted correctly (`None` when empty).
    pub accuracy: Option<f64>,
}

/// Prediction sets with a coverage guarantee (conformal prediction).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PredictionSets {
    /// The coverage they are made for, e.g. 0.95.
    pub coverage: f64,
    /// How they are made, in words.
    pub method: String,
    /// Per species (in species order): it is in the set when `1 − p` is at most this.
    pub thresholds: Vec<f64>,
    /// Nested cross-validation of the whole procedure.
    pub nested: NestedCoverage,
}

/// The prediction sets measured by nested cross-validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NestedCoverage {
    /// Flowers held out (each once).
    pub flowers: usize,
    /// Of them, those whose set held their species.
    pub covered: usize,
    /// `covered / flowers`.
    pub coverage: f64,
    /// The binomial standard error of a coverage at the nominal level
    /// over `flowers`: the sampling error to read `coverage` against.
    pub standard_error: f64,
    /// The same for each species' flowers, in species order.
    pub by_species: Vec<SpeciesCoverage>,
    /// Mean number of species in a set.
    pub average_size: f64,
    /// How many sets held 1, 2 and 3 species.
    pub sizes: Vec<usize>,
    /// The thresholds (per species) fitted without each held-out fold, in fold order.
    pub thresholds: Vec<Vec<f64>>,
}

/// The nested coverage of one species' flowers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeciesCoverage {
    /// Its flowers held out.
    pub flowers: usize,
    /// Of them, those whose set held it.
    pub covered: usize,
    /// `covered / flowers`.
    pub coverage: f64,
    /// The binomial standard error at the nominal level over `flowers`.
    pub standard_error: f64,
}

/// One model family's cross-validated score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateScore {
    /// smartcore model family.
    pub family: String,
    /// Its hyper-parameters, in words.
    pub params: String,
    /// Mean accuracy over the folds.
    pub mean_accuracy: f64,
    /// Standard deviation of the fold accuracies.
    pub std_accuracy: f64,
    /// How well its out-of-fold probabilities are calibrated.
    pub calibration: CalibrationScores,
}

/// A real flower from the data, used for the page's example buttons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// Its species.
    pub species: String,
    /// 1-based row in `data/iris.csv` (not counting the header).
    pub row: usize,
    /// Its measurements, in feature order.
    pub values: PerFeature<f64>,
}
