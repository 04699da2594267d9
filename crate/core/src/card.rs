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
