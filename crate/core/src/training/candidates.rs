//! The smartcore model families compared by cross-validation.

use smartcore::ensemble::random_forest_classifier::{
    RandomForestClassifier, RandomForestClassifierParameters,
};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::logistic_regression::{
    LogisticRegression, LogisticRegressionParameters, LogisticRegressionSolverName,
};
use smartcore::naive_bayes::gaussian::{GaussianNB, GaussianNBParameters};
use smartcore::neighbors::knn_classifier::{KNNClassifier, KNNClassifierParameters};

use super::dataset::Dataset;
use super::{TrainError, SEED};
use crate::feature::{Feature, PerFeature};
use crate::saved_model::SavedModel;
use crate::species::PerSpecies;
use smartcore::linalg::basic::arrays::Array;

/// The shipped model type: multinomial logistic regression over four `f64`
/// features with `u32` class labels (0 setosa, 1 versicolor, 2 virginica).
pub type IrisLogisticRegression = LogisticRegression<f64, u32, DenseMatrix<f64>, Vec<u32>>;
use crate::species::Species;

/// L2 penalty of the logistic regression. Without one the setosa class is
/// linearly separable and its weights grow until the optimiser gives up,
/// giving 100 % confidence for any flower; a small penalty keeps the
/// probabilities honest at no cost in accuracy.
pub const LOGISTIC_ALPHA: f64 = 0.5;
/// Trees in the random forest.
pub const FOREST_TREES: u16 = 100;
/// Neighbours consulted by k-nearest-neighbours.
pub const NEIGHBOURS: usize = 5;

/// A model family under comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Multinomial logistic regression (the shipped family).
    LogisticRegression,
    /// Random forest of decision trees.
    RandomForest,
    /// k-nearest neighbours, Euclidean distance.
    KNearestNeighbors,
    /// Gaussian naive Bayes.
    GaussianNaiveBayes,
}

impl Family {
    /// Every family compared.
    pub const ALL: [Family; 4] = [
        Family::LogisticRegression,
        Family::RandomForest,
        Family::KNearestNeighbors,
        Family::GaussianNaiveBayes,
    ];

    /// The family the module ships. It alone gives calibrated probabilities
    /// for every species from a handful of numbers; the tests check that it
    /// also scores best under cross-validation.
    pub const SHIPPED: Family = Family::LogisticRegression;

    /// The smartcore type name.
    pub const fn name(self) -> &'static str {
        match self {
            Family::LogisticRegression => "LogisticRegression",
            Family::RandomForest => "RandomForestClassifier",
            Family::KNearestNeighbors => "KNNClassifier",
            Family::GaussianNaiveBayes => "GaussianNB",
        }
    }

    /// Hyper-parameters in words.
    pub const fn params(self) -> &'static str {
        match self {
            Family::LogisticRegression => "multinomial, L2 alpha 0.5, L-BFGS",
            Family::RandomForest => "100 trees, seed 1936",
            Family::KNearestNeighbors => "k 5, Euclidean, uniform weights",
            Family::GaussianNaiveBayes => "priors from class frequencies",
        }
    }

    /// Fits on `train` and predicts `test`.
    pub fn fit_predict(
        self,
        train: &Dataset,
        test: &[PerFeature<f64>],
    ) -> Result<Vec<Species>, TrainError> {
        let fail = |message: String| TrainError::Model {
            family: self.name(),
            message,
        };
        let x = train.matrix().map_err(fail)?;
        let y = train.targets();
        let test_x = DenseMatrix::new(
            test.len(),
            Feature::COUNT,
            test.iter().flatten().copied().collect(),
            false,
        )
        .map_err(|e| fail(e.to_string()))?;
        let predicted: Vec<u32> = match self {
            Family::LogisticRegression => fit_logistic_regression(train)?
                .predict(&test_x)
                .map_err(|e| fail(e.to_string()))?,
            Family::RandomForest => RandomForestClassifier::fit(
                &x,
                &y,
                RandomForestClassifierParameters::default()
                    .with_n_trees(FOREST_TREES)
                    .with_seed(SEED),
            )
            .and_then(|m| m.predict(&test_x))
            .map_err(|e| fail(e.to_string()))?,
            Family::KNearestNeighbors => KNNClassifier::fit(
                &x,
                &y,
                KNNClassifierParameters::default().with_k(NEIGHBOURS),
            )
            .and_then(|m| m.predict(&test_x))
            .map_err(|e| fail(e.to_string()))?,
            Family::GaussianNaiveBayes => GaussianNB::fit(&x, &y, GaussianNBParameters::default())
                .and_then(|m| m.predict(&test_x))
                .map_err(|e| fail(e.to_string()))?,
        };
        predicted
            .into_iter()
            .map(|c| {
                Species::from_index(c as usize)
                    .ok_or_else(|| fail(format!("predicted unknown class {c}")))
            })
            .collect()
    }
}

/// Fits the shipped logistic regression on `data`.
pub fn fit_logistic_regression(data: &Dataset) -> Result<IrisLogisticRegression, TrainError> {
    let fail = |message: String| TrainError::Model {
        family: Family::LogisticRegression.name(),
        message,
    };
    let x = data.matrix().map_err(fail)?;
    LogisticRegression::fit(
        &x,
        &data.targets(),
        LogisticRegressionParameters::default()
            .with_solver(LogisticRegressionSolverName::LBFGS)
            .with_alpha(LOGISTIC_ALPHA),
    )
    .map_err(|e| fail(e.to_string()))
}

/// The coefficients of a fitted logistic regression, as the module embeds
/// them, after checking it is a fitted 3-class, 4-feature model.
pub fn to_saved(
    model: &IrisLogisticRegression,
    feature_ranges: PerFeature<[f64; 2]>,
) -> Result<SavedModel, TrainError> {
    let fail = |message: String| TrainError::Model {
        family: Family::LogisticRegression.name(),
        message,
    };
    // smartcore's accessors panic on an unfitted model, while `predict`
    // reports one, so ask it first.
    let probe = DenseMatrix::new(1, Feature::COUNT, vec![1.0; Feature::COUNT], false)
        .map_err(|e| fail(e.to_string()))?;
    model
        .predict(&probe)
        .map_err(|_| fail("the model is not fitted".to_owned()))?;
    let (coefficients, intercept) = (model.coefficients(), model.intercept());
    let (rows, columns) = coefficients.shape();
    let (intercept_rows, intercept_columns) = intercept.shape();
    let classes_in_order = model.classes().iter().copied().eq(0..Species::COUNT as u32);
    if (rows, columns, intercept_rows, intercept_columns)
        != (Species::COUNT, Feature::COUNT, Species::COUNT, 1)
        || !classes_in_order
    {
        return Err(fail(format!(
            "expected {} classes numbered from 0 over {} features, found {rows} classes \
             over {columns} features with {intercept_rows} intercepts",
            Species::COUNT,
            Feature::COUNT,
        )));
    }
    let mut weights: PerSpecies<PerFeature<f64>> = [[0.0; Feature::COUNT]; Species::COUNT];
    let mut intercepts: PerSpecies<f64> = [0.0; Species::COUNT];
    for (class, row) in weights.iter_mut().enumerate() {
        for (feature, w) in row.iter_mut().enumerate() {
            *w = *coefficients.get((class, feature));
        }
        intercepts[class] = *intercept.get((class, 0));
    }
    Ok(SavedModel {
        weights,
        intercepts,
        feature_ranges,
    })
}
