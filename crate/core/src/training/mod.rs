//! Training and validation, run natively by `iris-wasm`'s build script and by
//! tests: what the tests retrain is exactly what the build embeds.

pub mod calibration;
pub mod candidates;
pub mod conformal;
pub mod dataset;
pub mod validation;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::card::{CandidateScore, Coefficients, Example, FeatureRange, ModelCard, PredictionSets};
use crate::feature::Feature;
use crate::saved_model::SavedModel;
use crate::species::Species;
use candidates::Family;
use dataset::DataError;
use validation::{cross_validate, stratified_folds};

/// Number of cross-validation folds.
pub const FOLDS: usize = 10;
/// Seed for the shuffle that assigns flowers to folds (and for random forests).
pub const SEED: u64 = 1936; // the year Fisher published the data

/// What the build embeds.
#[derive(Debug, PartialEq)]
pub struct Artifacts {
    /// postcard-encoded [`SavedModel`].
    pub model_bytes: Vec<u8>,
    /// The model card.
    pub card: ModelCard,
}

/// Occurs when training cannot produce a model.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// Occurs when the data file is missing or malformed.
    #[error(transparent)]
    Data(#[from] DataError),
    /// Occurs when smartcore fails to fit or predict.
    #[error("{family} failed: {message}")]
    Model {
        /// The model family.
        family: &'static str,
        /// smartcore's message.
        message: String,
    },
    /// Occurs when the model cannot be serialized.
    #[error("cannot serialize the model: {0}")]
    Encode(String),
}

/// Trains every candidate under the same stratified folds, fits the shipped
/// family on all the data and describes it in a model card.
pub fn build(data_path: &Path, smartcore_version: &str) -> Result<Artifacts, TrainError> {
    let data = dataset::load(data_path)?;
    let folds = stratified_folds(&data.labels, FOLDS, SEED);

    let mut candidates = Vec::new();
    let mut shipped_report = None;
    for family in Family::ALL {
        let report = cross_validate(&data, &folds, |train, test| {
            family.fit_probabilities(train, test)
        })?;
        candidates.push(CandidateScore {
            family: family.name().to_owned(),
            params: family.params().to_owned(),
            mean_accuracy: report.mean_accuracy(),
            std_accuracy: report.std_accuracy(),
            calibration: calibration::scores(&report.probabilities, &data.labels),
        });
        if family == Family::SHIPPED {
            shipped_report = Some(report);
        }
    }
    candidates.sort_by(|a, b| b.mean_accuracy.total_cmp(&a.mean_accuracy));
    let report = shipped_report.ok_or(TrainError::Model {
        family: Family::SHIPPED.name(),
        message: "the shipped family is not among the candidates".to_owned(),
    })?;

    // Cross-conformal: every flower scored by the model that did not see it.
    let set_thresholds = conformal::thresholds_of(&report.probabilities, &data.labels);
    let nested = conformal::nested(&data, &folds, Family::SHIPPED)?;

    let feature_ranges = data.feature_ranges();
    let fitted = candidates::fit_logistic_regression(&data)?;
    let saved: SavedModel = candidates::to_saved(&fitted, feature_ranges, set_thresholds)?;
    let model_bytes =
        postcard::to_allocvec(&saved).map_err(|e| TrainError::Encode(e.to_string()))?;

    let card = ModelCard {
        model_family: Family::SHIPPED.name().to_owned(),
        model_params: Family::SHIPPED.params().to_owned(),
        smartcore_version: smartcore_version.to_owned(),
        dataset: "Fisher's iris data (corrected UCI bezdekIris values), data/iris.csv".to_owned(),
        training_rows: data.len(),
        species: Species::ALL.iter().map(|s| s.name().to_owned()).collect(),
        features: Feature::ALL
            .iter()
            .map(|f| FeatureRange {
                name: f.js_name().to_owned(),
                min: feature_ranges[f.index()][0],
                max: feature_ranges[f.index()][1],
            })
            .collect(),
        cross_validation: report.to_card(FOLDS, SEED, &data.labels),
        candidates,
        prediction_sets: PredictionSets {
            coverage: conformal::COVERAGE,
            method: format!(
                "cross-conformal, per species (Mondrian): score 1 − p(true species) of each \
                 flower from the {FOLDS}-fold model that did not see it; each species' \
                 threshold the ⌈(n + 1) · {}⌉-th smallest of its n flowers' scores; the most \
                 probable species always in the set",
                conformal::COVERAGE,
            ),
            thresholds: set_thresholds.to_vec(),
            nested,
        },
        examples: Species::ALL
            .iter()
            .filter_map(|&species| {
                data.typical_row(species).map(|row| Example {
                    species: species.name().to_owned(),
                    row: row + 1,
                    values: data.rows[row],
                })
            })
            .collect(),
        coefficients: Coefficients {
            weights: saved.weights.iter().map(|row| row.to_vec()).collect(),
            intercepts: saved.intercepts.to_vec(),
        },
        model_sha256: hex(&Sha256::digest(&model_bytes)),
        model_bytes: model_bytes.len(),
    };
    Ok(Artifacts { model_bytes, card })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
