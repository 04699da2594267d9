//! The saved model: what training produces and the wasm module embeds, the
//! trained smartcore model plus the feature ranges needed at prediction
//! time, serialized with serde (postcard).

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::logistic_regression::LogisticRegression;

use crate::feature::PerFeature;

/// The shipped model type: multinomial logistic regression over four `f64`
/// features with `u32` class labels (0 setosa, 1 versicolor, 2 virginica).
pub type IrisLogisticRegression = LogisticRegression<f64, u32, DenseMatrix<f64>, Vec<u32>>;

/// What is embedded in the module.
#[derive(Debug, Serialize, Deserialize)]
pub struct SavedModel {
    /// The trained smartcore model.
    pub model: IrisLogisticRegression,
    /// `[min, max]` of each feature in the training data, in feature order.
    pub feature_ranges: PerFeature<[f64; 2]>,
}
