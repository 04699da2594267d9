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
use crate::classifier::Classifier;
use crate::feature::{Feature, PerFeature};
use crate::measurements::Measurements;
use crate::saved_model::SavedModel;
use crate::species::PerSpecies;
use smartcore::linalg::basic::arrays::Array;

/// The shipped model type: multinomial logistic regression over four `f64`
/// features with `u32` class labels (0 setosa, 1 versicolor, 2 virginica).
pub type IrisLogisticRegression = LogisticRegression<f64, u32, DenseMatrix<f64>, Vec<u32>>;
use crate::species::Species;

const _: () = assert!(
    matches!(Family::SHIPPED, Family::LogisticRegression),
    "the runtime predicts with a logistic regression's coefficients only"
);

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
    ///
    /// The runtime is linear only: the module predicts with a multinomial
    /// logistic regression's coefficients ([`SavedModel`]), so training
    /// fits and saves this family and no other, and the assertion below
    /// stops a build that names another. Shipping another family means a
    /// new saved-model format and prediction code (CONTRIBUTING.md).
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
            Family::RandomForest => "100 trees (seeds 1936 to 2035), votes as probabilities",
            Family::KNearestNeighbors => {
                "k 5, Euclidean, uniform weights, neighbour shares as probabilities"
            }
            Family::GaussianNaiveBayes => "priors from class frequencies",
        }
    }

    /// Fits on `train` and gives each species' probability for every row
    /// of `test`: the shipped family's own arithmetic for logistic
    /// regression, the share of trees voting for it in the forest, the share
    /// of the k neighbours for k-NN, and the Gaussian posterior for naive
    /// Bayes. The prediction is the most probable species.
    pub fn fit_probabilities(
        self,
        train: &Dataset,
        test: &[PerFeature<f64>],
    ) -> Result<Vec<PerSpecies<f64>>, TrainError> {
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
        match self {
            Family::LogisticRegression => {
                let fitted = fit_logistic_regression(train)?;
                let saved = to_saved(&fitted, train.feature_ranges(), [0.0; Species::COUNT])?;
                let classifier = Classifier::from_saved(&saved).map_err(|e| fail(e.to_string()))?;
                test.iter()
                    .map(|row| {
                        Measurements::from_array(*row)
                            .map(|m| classifier.probabilities(&m))
                            .map_err(|e| fail(e.to_string()))
                    })
                    .collect()
            }
            Family::RandomForest => {
                // One tree per forest, each with its own seed: the same
                // bootstrap trees as one forest of FOREST_TREES, whose votes
                // smartcore does not expose.
                let mut votes = vec![[0.0; Species::COUNT]; test.len()];
                for tree in 0..u64::from(FOREST_TREES) {
                    let predicted = RandomForestClassifier::fit(
                        &x,
                        &y,
                        RandomForestClassifierParameters::default()
                            .with_n_trees(1)
                            .with_seed(SEED + tree),
                    )
                    .and_then(|m| m.predict(&test_x))
                    .map_err(|e| fail(e.to_string()))?;
                    for (row, class) in votes.iter_mut().zip(predicted) {
                        let slot = row
                            .get_mut(class as usize)
                            .ok_or_else(|| fail(format!("predicted unknown class {class}")))?;
                        *slot += 1.0;
                    }
                }
                Ok(votes
                    .into_iter()
                    .map(|row| row.map(|v| v / f64::from(FOREST_TREES)))
                    .collect())
            }
            Family::KNearestNeighbors => {
                let model = KNNClassifier::fit(
                    &x,
                    &y,
                    KNNClassifierParameters::default().with_k(NEIGHBOURS),
                )
                .map_err(|e| fail(e.to_string()))?;
                let shares = model
                    .predict_proba(&test_x)
                    .map_err(|e| fail(e.to_string()))?;
                shares
                    .into_iter()
                    .map(|row| {
                        <PerSpecies<f64>>::try_from(row.as_slice())
                            .map_err(|_| fail(format!("{} class shares, not 3", row.len())))
                    })
                    .collect()
            }
            Family::GaussianNaiveBayes => {
                let model = GaussianNB::fit(&x, &y, GaussianNBParameters::default())
                    .map_err(|e| fail(e.to_string()))?;
                let in_order = model.classes().iter().copied().eq(0..Species::COUNT as u32);
                if !in_order {
                    return Err(fail("classes are not 0, 1, 2".to_owned()));
                }
                Ok(test
                    .iter()
                    .map(|row| {
                        gaussian_posterior(row, model.class_priors(), model.theta(), model.var())
                    })
                    .collect())
            }
        }
    }
}

/// The posterior of each class under independent Gaussians per feature
/// (`means[class][feature]`, `variances[class][feature]`) and `priors`,
/// computed in logs and normalised with the largest subtracted.
pub fn gaussian_posterior(
    row: &PerFeature<f64>,
    priors: &[f64],
    means: &[Vec<f64>],
    variances: &[Vec<f64>],
) -> PerSpecies<f64> {
    let mut logs = [f64::NEG_INFINITY; Species::COUNT];
    for (class, log) in logs.iter_mut().enumerate() {
        let (Some(prior), Some(mean), Some(variance)) =
            (priors.get(class), means.get(class), variances.get(class))
        else {
            continue;
        };
        *log = prior.ln();
        for ((x, m), v) in row.iter().zip(mean).zip(variance) {
            *log += -0.5 * (2.0 * std::f64::consts::PI * v).ln() - (x - m) * (x - m) / (2.0 * v);
        }
    }
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps = logs.map(|l| (l - top).exp());
    let total: f64 = exps.iter().sum();
    exps.map(|e| e / total)
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
/// them with `set_thresholds` (the prediction sets'), after checking it is a
/// fitted 3-class, 4-feature model.
pub fn to_saved(
    model: &IrisLogisticRegression,
    feature_ranges: PerFeature<[f64; 2]>,
    set_thresholds: PerSpecies<f64>,
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
        set_thresholds,
    })
}
