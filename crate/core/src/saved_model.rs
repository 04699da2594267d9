//! The saved model: what training produces and the wasm module embeds. It
//! holds the fitted multinomial logistic regression's coefficients (taken
//! from smartcore's model when training) and the feature ranges needed at
//! prediction time and the prediction sets' thresholds, serialized with
//! serde (postcard). Predicting needs
//! nothing else, so the module carries no smartcore code.

use serde::{Deserialize, Serialize};

use crate::feature::PerFeature;
use crate::species::PerSpecies;

/// What is embedded in the module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedModel {
    /// One weight per species and feature: `weights[species][feature]`.
    pub weights: PerSpecies<PerFeature<f64>>,
    /// One intercept per species.
    pub intercepts: PerSpecies<f64>,
    /// `[min, max]` of each feature in the training data, in feature order.
    pub feature_ranges: PerFeature<[f64; 2]>,
    /// The conformal threshold of each species on the score `1 − p`: a
    /// species scoring at most its threshold is in a prediction's set (see
    /// [`crate::SpeciesSet`]).
    pub set_thresholds: PerSpecies<f64>,
}
