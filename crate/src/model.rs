//! The embedded model: loaded once, then turns measurements into a prediction.
//!
//! Scores and probabilities are computed here from the smartcore model's
//! coefficients with plain IEEE arithmetic and `libm::exp` (pure Rust), so a
//! native build and the wasm module give bit-identical results.

use core::fmt;
use std::sync::OnceLock;

use smartcore::linalg::basic::arrays::Array;
#[cfg(not(target_arch = "wasm32"))]
use smartcore::linalg::basic::matrix::DenseMatrix;

use crate::bundle::ModelBundle;
use crate::feature::Feature;
use crate::measurements::Measurements;
use crate::number::format_number;
use crate::species::Species;

/// The serialized [`ModelBundle`], written by the build script.
static MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.postcard"));

/// The model card as JSON, written by the build script.
static MODEL_CARD_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/model_card.json"));

/// The embedded model bytes (postcard-encoded [`ModelBundle`]).
pub fn model_bytes() -> &'static [u8] {
    MODEL_BYTES
}

/// The embedded model card as JSON (see [`crate::ModelCard`]).
pub fn model_card_json() -> &'static str {
    MODEL_CARD_JSON
}

/// Occurs when model bytes cannot be turned into a classifier.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// Occurs when the bytes are not a serialized model bundle.
    #[error("model bytes do not decode: {0}")]
    Decode(String),
    /// Occurs when the model decodes but is not a fitted 3-class, 4-feature model.
    #[error("model has the wrong shape: {0}")]
    Shape(String),
    /// Occurs when the embedded model card is not valid JSON.
    #[error("model card does not parse: {0}")]
    Card(String),
}

/// A note attached to a prediction that is still given.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// Occurs when a measurement is plausible but outside the range seen in
    /// training, so the prediction is an extrapolation.
    OutsideTrainingRange {
        /// The feature.
        feature: Feature,
        /// The value given, in centimetres.
        value: f64,
        /// Smallest value of this feature in the training data.
        min: f64,
        /// Largest value of this feature in the training data.
        max: f64,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::OutsideTrainingRange {
                feature,
                value,
                min,
                max,
            } => write!(
                f,
                "{feature} {} cm is outside the training data ({} to {} cm), \
                 so this prediction is an extrapolation",
                format_number(*value),
                format_number(*min),
                format_number(*max)
            ),
        }
    }
}

/// The model's answer for one flower.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The most probable species.
    pub species: Species,
    /// Probability of each species, in [`Species::ALL`] order; they sum to 1.
    pub probabilities: [f64; 3],
    /// Anything that makes this prediction less trustworthy.
    pub warnings: Vec<Warning>,
}

/// Multinomial logistic regression, unpacked from the smartcore model for
/// fast, allocation-free prediction.
#[derive(Clone, Debug, PartialEq)]
pub struct Classifier {
    weights: [[f64; 4]; 3],
    intercepts: [f64; 3],
    ranges: [[f64; 2]; 4],
}

impl Classifier {
    /// The classifier embedded at build time, decoded on first use.
    pub fn embedded() -> Result<&'static Classifier, ModelError> {
        static EMBEDDED: OnceLock<Result<Classifier, ModelError>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Classifier::from_bytes(MODEL_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Decodes a serialized [`ModelBundle`] and checks its shape.
    pub fn from_bytes(bytes: &[u8]) -> Result<Classifier, ModelError> {
        let bundle: ModelBundle =
            postcard::from_bytes(bytes).map_err(|e| ModelError::Decode(e.to_string()))?;
        Classifier::from_bundle(&bundle)
    }

    /// Unpacks a trained smartcore model.
    pub fn from_bundle(bundle: &ModelBundle) -> Result<Classifier, ModelError> {
        let model = &bundle.model;
        // smartcore's accessors panic on an unfitted model, while `predict`
        // reports one, so ask it first. Natively only: the wasm module decodes
        // nothing but its own embedded bytes, which the build and the native
        // tests decode with this check, and leaving `predict` out of the module
        // keeps smartcore's matrix formatting out of the visitor's download.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let probe = DenseMatrix::new(1, 4, vec![1.0; 4], false)
                .map_err(|_| ModelError::Shape("cannot build a probe row".to_owned()))?;
            model
                .predict(&probe)
                .map_err(|_| ModelError::Shape("the model is not fitted".to_owned()))?;
        }
        let (coefficients, intercept) = (model.coefficients(), model.intercept());
        let (rows, columns) = coefficients.shape();
        let (intercept_rows, intercept_columns) = intercept.shape();
        if (rows, columns, intercept_rows, intercept_columns) != (3, 4, 3, 1)
            || model.classes().as_slice() != [0, 1, 2]
        {
            return Err(ModelError::Shape(format!(
                "expected 3 classes (0, 1, 2) over 4 features, found {rows} classes over \
                 {columns} features with {intercept_rows} intercepts"
            )));
        }
        let mut weights = [[0.0; 4]; 3];
        let mut intercepts = [0.0; 3];
        for (class, row) in weights.iter_mut().enumerate() {
            for (feature, w) in row.iter_mut().enumerate() {
                *w = *coefficients.get((class, feature));
            }
            intercepts[class] = *intercept.get((class, 0));
        }
        Ok(Classifier {
            weights,
            intercepts,
            ranges: bundle.feature_ranges,
        })
    }

    /// Predicts the species of one flower, with probabilities and warnings.
    pub fn classify(&self, measurements: &Measurements) -> Prediction {
        let values = measurements.to_array();
        let probabilities = self.probabilities(values);
        Prediction {
            species: most_probable(&probabilities),
            probabilities,
            warnings: self.warnings(values),
        }
    }

    /// Softmax over the three linear scores. Callers pass validated values.
    pub(crate) fn probabilities(&self, x: [f64; 4]) -> [f64; 3] {
        let mut scores = [0.0; 3];
        for (score, (w, b)) in scores
            .iter_mut()
            .zip(self.weights.iter().zip(self.intercepts))
        {
            // Fixed order, no fused multiply-add: the same bits on every target.
            *score = b + w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] * x[3];
        }
        let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exps = scores.map(|s| libm::exp(s - top));
        let total = exps[0] + exps[1] + exps[2];
        exps.map(|e| e / total)
    }

    /// A bit per feature (bit `i` for [`Feature::ALL`]`[i]`) that lies outside
    /// the training range.
    pub(crate) fn outside_mask(&self, x: [f64; 4]) -> u8 {
        let mut mask = 0;
        for (i, (value, [min, max])) in x.iter().zip(self.ranges).enumerate() {
            if *value < min || *value > max {
                mask |= 1 << i;
            }
        }
        mask
    }

    fn warnings(&self, x: [f64; 4]) -> Vec<Warning> {
        let mask = self.outside_mask(x);
        Feature::ALL
            .into_iter()
            .filter(|f| mask & (1 << f.index()) != 0)
            .map(|feature| {
                let [min, max] = self.ranges[feature.index()];
                Warning::OutsideTrainingRange {
                    feature,
                    value: x[feature.index()],
                    min,
                    max,
                }
            })
            .collect()
    }

    /// `[min, max]` of each feature in the training data.
    pub fn feature_ranges(&self) -> [[f64; 2]; 4] {
        self.ranges
    }
}

/// The species with the largest probability (the first one on an exact tie).
pub(crate) fn most_probable(probabilities: &[f64; 3]) -> Species {
    let mut best = 0;
    for (i, p) in probabilities.iter().enumerate() {
        if *p > probabilities[best] {
            best = i;
        }
    }
    Species::ALL[best]
}

/// The embedded model card, parsed.
#[cfg(not(target_arch = "wasm32"))]
pub fn model_card() -> Result<crate::card::ModelCard, ModelError> {
    serde_json::from_str(MODEL_CARD_JSON).map_err(|e| ModelError::Card(e.to_string()))
}
