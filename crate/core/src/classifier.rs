//! Turns validated measurements into a prediction.
//!
//! Scores and probabilities are computed from the smartcore model's
//! coefficients with plain IEEE arithmetic and `libm::exp` (pure Rust), in a
//! fixed order and with no fused multiply-add, so a native build and the wasm
//! module give bit-identical results.

use core::fmt;

use crate::feature::{Feature, PerFeature};
use crate::measurements::Measurements;
use crate::number::format_number;
use crate::saved_model::SavedModel;
use crate::species::{PerSpecies, Species};

/// Occurs when model bytes cannot be turned into a classifier.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// Occurs when the bytes are not a serialized [`SavedModel`].
    #[error("model bytes do not decode: {0}")]
    Decode(String),
    /// Occurs when the model decodes but is not a usable model (a number
    /// that is not finite, a reversed range; when training, a smartcore
    /// model of the wrong shape).
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

impl Warning {
    /// A stable kebab-case code for programs: `outside-training-range`.
    pub const fn code(&self) -> &'static str {
        match self {
            Warning::OutsideTrainingRange { .. } => "outside-training-range",
        }
    }

    /// The measurement the warning is about.
    pub const fn feature(&self) -> Feature {
        match self {
            Warning::OutsideTrainingRange { feature, .. } => *feature,
        }
    }
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
    pub probabilities: PerSpecies<f64>,
    /// Anything that makes this prediction less trustworthy.
    pub warnings: Vec<Warning>,
}

/// Multinomial logistic regression, unpacked from the smartcore model for
/// fast, allocation-free prediction.
#[derive(Clone, Debug, PartialEq)]
pub struct Classifier {
    weights: PerSpecies<PerFeature<f64>>,
    intercepts: PerSpecies<f64>,
    ranges: PerFeature<[f64; 2]>,
}

impl Classifier {
    /// Decodes a serialized [`SavedModel`] and checks its shape.
    pub fn from_bytes(bytes: &[u8]) -> Result<Classifier, ModelError> {
        let saved: SavedModel =
            postcard::from_bytes(bytes).map_err(|e| ModelError::Decode(e.to_string()))?;
        Classifier::from_saved(&saved)
    }

    /// Checks a saved model: every number finite, every range ordered.
    pub fn from_saved(saved: &SavedModel) -> Result<Classifier, ModelError> {
        let numbers = saved
            .weights
            .iter()
            .flatten()
            .chain(&saved.intercepts)
            .chain(saved.feature_ranges.iter().flatten());
        if numbers.clone().any(|x| !x.is_finite()) {
            return Err(ModelError::Shape(
                "a coefficient or range is not finite".to_owned(),
            ));
        }
        if saved.feature_ranges.iter().any(|[min, max]| min > max) {
            return Err(ModelError::Shape("a feature range is reversed".to_owned()));
        }
        Ok(Classifier {
            weights: saved.weights,
            intercepts: saved.intercepts,
            ranges: saved.feature_ranges,
        })
    }

    /// Predicts the species of one flower, with probabilities and warnings.
    pub fn classify(&self, measurements: &Measurements) -> Prediction {
        let probabilities = self.probabilities(measurements);
        Prediction {
            species: most_probable(&probabilities),
            probabilities,
            warnings: self.warnings(measurements),
        }
    }

    /// Softmax over the linear scores of each species.
    pub fn probabilities(&self, measurements: &Measurements) -> PerSpecies<f64> {
        let x = measurements.to_array();
        let mut scores = [0.0; Species::COUNT];
        for (score, (w, b)) in scores
            .iter_mut()
            .zip(self.weights.iter().zip(self.intercepts))
        {
            // b + w0·x0 + w1·x1 + …, left to right, no fused multiply-add:
            // the same bits on every target.
            *score = w.iter().zip(x).fold(b, |sum, (w, x)| sum + w * x);
        }
        let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exps = scores.map(|s| libm::exp(s - top));
        let total: f64 = exps.iter().sum();
        exps.map(|e| e / total)
    }

    /// A bit per feature (bit `i` for [`Feature::ALL`]`[i]`) that lies outside
    /// the training range.
    pub fn outside_mask(&self, measurements: &Measurements) -> u8 {
        let mut mask = 0;
        for (i, (value, [min, max])) in measurements.to_array().iter().zip(self.ranges).enumerate()
        {
            if *value < min || *value > max {
                mask |= 1 << i;
            }
        }
        mask
    }

    fn warnings(&self, measurements: &Measurements) -> Vec<Warning> {
        let mask = self.outside_mask(measurements);
        Feature::ALL
            .into_iter()
            .filter(|f| mask & (1 << f.index()) != 0)
            .map(|feature| {
                let [min, max] = self.ranges[feature.index()];
                Warning::OutsideTrainingRange {
                    feature,
                    value: measurements.get(feature),
                    min,
                    max,
                }
            })
            .collect()
    }

    /// `[min, max]` of each feature in the training data.
    pub fn feature_ranges(&self) -> PerFeature<[f64; 2]> {
        self.ranges
    }
}

/// The species with the largest probability (the first one on an exact tie).
pub fn most_probable(probabilities: &PerSpecies<f64>) -> Species {
    let mut best = 0;
    for (i, p) in probabilities.iter().enumerate() {
        if *p > probabilities[best] {
            best = i;
        }
    }
    Species::ALL[best]
}
