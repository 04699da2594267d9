//! Turns validated measurements into a prediction.
//!
//! Scores and probabilities are computed from the model's coefficients with
//! plain IEEE arithmetic only (additions, multiplications, divisions, and
//! an exponential built from those), in a fixed order and with no fused
//! multiply-add, so a native build and the wasm module give bit-identical
//! results.

use core::fmt;

use crate::exp;
use crate::feature::{Feature, PerFeature};
use crate::lanes::Lanes;
use crate::measurements::Measurements;
use crate::number::format_number;
use crate::prediction_set::{set_bits, SpeciesSet};
use crate::saved_model::SavedModel;
use crate::species::{PerSpecies, Species};

/// Occurs when model bytes cannot be turned into a classifier.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// Occurs when the bytes are not a serialized [`SavedModel`]: cut
    /// short, or written by another version of it. (postcard's own
    /// explanation is left out: its messages would double the size of the
    /// wasm module's text, for an error the build rules out.)
    #[error("model bytes ({0} of them) do not decode as a saved model (postcard)")]
    Decode(usize),
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
    /// The species it cannot rule out at the model card's coverage
    /// (`species` among them).
    pub set: SpeciesSet,
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
    set_thresholds: PerSpecies<f64>,
}

impl Classifier {
    /// Decodes a serialized [`SavedModel`] and checks its shape.
    pub fn from_bytes(bytes: &[u8]) -> Result<Classifier, ModelError> {
        let saved: SavedModel =
            postcard::from_bytes(bytes).map_err(|_| ModelError::Decode(bytes.len()))?;
        Classifier::from_saved(&saved)
    }

    /// Checks a saved model: every number finite, every range ordered.
    pub fn from_saved(saved: &SavedModel) -> Result<Classifier, ModelError> {
        let numbers = saved
            .weights
            .iter()
            .flatten()
            .chain(&saved.intercepts)
            .chain(saved.feature_ranges.iter().flatten())
            .chain(&saved.set_thresholds);
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
            set_thresholds: saved.set_thresholds,
        })
    }

    /// Predicts the species of one flower, with probabilities, its
    /// prediction set and warnings.
    pub fn classify(&self, measurements: &Measurements) -> Prediction {
        let probabilities = self.probabilities(measurements);
        let species = most_probable(&probabilities);
        Prediction {
            species,
            probabilities,
            set: self.set(&probabilities, species),
            warnings: self.warnings(measurements),
        }
    }

    /// The prediction set for `probabilities`, whose most probable species
    /// is `top`.
    #[inline]
    pub fn set(&self, probabilities: &PerSpecies<f64>, top: Species) -> SpeciesSet {
        SpeciesSet::from_bits(set_bits(
            probabilities,
            top.index() as u8,
            &self.set_thresholds,
        ))
    }

    /// [`Classifier::set`]'s bits, for a batch's rows.
    #[inline(always)]
    pub(crate) fn set_bits(&self, probabilities: &PerSpecies<f64>, top: u8) -> u8 {
        set_bits(probabilities, top, &self.set_thresholds)
    }

    /// Softmax over the linear scores of each species.
    pub fn probabilities(&self, measurements: &Measurements) -> PerSpecies<f64> {
        Coefficients::<f64>::of(self).probabilities(measurements.to_array())
    }

    /// A bit per feature (bit `i` for [`Feature::ALL`]`[i]`) that lies outside
    /// the training range.
    #[inline]
    pub fn outside_mask(&self, measurements: &Measurements) -> u8 {
        let [mask] = self.outside_masks(&measurements.to_array());
        mask
    }

    /// [`Classifier::outside_mask`] of values already validated, for each
    /// lane of `L`.
    #[inline(always)]
    pub(crate) fn outside_masks<L: Lanes, const LANES: usize>(
        &self,
        values: &PerFeature<L>,
    ) -> [u8; LANES] {
        let mut masks = [0; LANES];
        for (i, (value, [min, max])) in values.iter().zip(self.ranges).enumerate() {
            let lanes = value.outside(min, max);
            for (lane, mask) in masks.iter_mut().enumerate() {
                *mask |= (lanes >> lane & 1) << i;
            }
        }
        masks
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

    /// The weights (per species, per feature) and intercepts (per species).
    pub(crate) fn coefficients(&self) -> (&PerSpecies<PerFeature<f64>>, &PerSpecies<f64>) {
        (&self.weights, &self.intercepts)
    }

    /// `[min, max]` of each feature in the training data.
    pub fn feature_ranges(&self) -> PerFeature<[f64; 2]> {
        self.ranges
    }
}

/// The model's coefficients with every number set in each lane of `L`:
/// the arithmetic of a prediction, written once for one flower (`f64`) and
/// for a pair of flowers in a batch ([`crate::lanes::F64x2`]).
pub(crate) struct Coefficients<L> {
    weights: PerSpecies<PerFeature<L>>,
    intercepts: PerSpecies<L>,
}

impl<L: Lanes> Coefficients<L> {
    /// The classifier's coefficients, in lanes.
    #[inline(always)]
    pub(crate) fn of(classifier: &Classifier) -> Self {
        Coefficients {
            weights: classifier.weights.map(|w| w.map(L::splat)),
            intercepts: classifier.intercepts.map(L::splat),
        }
    }

    /// Softmax over the linear scores of each species, for measurements
    /// already validated.
    #[inline(always)]
    pub(crate) fn probabilities(&self, x: PerFeature<L>) -> PerSpecies<L> {
        let exps = exp::each(self.shifted_scores(x));
        // Summed left to right, then each divided by the sum.
        let total = exps[1..].iter().fold(exps[0], |total, &e| total + e);
        exps.map(|e| e / total)
    }

    /// Each species' linear score minus the largest, so the largest is 0.
    #[inline(always)]
    fn shifted_scores(&self, x: PerFeature<L>) -> PerSpecies<L> {
        let mut scores = self.intercepts;
        for (score, w) in scores.iter_mut().zip(&self.weights) {
            // b + w0·x0 + w1·x1 + …, left to right, no fused multiply-add:
            // the same bits on every target.
            *score = w.iter().zip(x).fold(*score, |sum, (&w, x)| sum + w * x);
        }
        let top = scores[1..]
            .iter()
            .fold(scores[0], |top, &s| top.max_lane(s));
        scores.map(|s| s - top)
    }
}

/// The species with the largest probability (the first one on an exact tie).
#[inline]
pub fn most_probable(probabilities: &PerSpecies<f64>) -> Species {
    let [best] = most_probable_lanes(*probabilities);
    Species::ALL[usize::from(best)]
}

/// [`most_probable`]'s class index in each lane of `L`, with no branch.
#[inline(always)]
pub(crate) fn most_probable_lanes<L: Lanes, const LANES: usize>(
    [p0, p1, p2]: PerSpecies<L>,
) -> [u8; LANES] {
    // The second beats the first only if greater; the third beats the
    // better of those only if greater.
    let second = p1.gt_bits(p0);
    let third = p2.gt_bits(p0.max_lane(p1));
    core::array::from_fn(|lane| {
        let (second, third) = (second >> lane & 1, third >> lane & 1);
        third << 1 | second & (third ^ 1)
    })
}
