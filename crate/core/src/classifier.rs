//! Turns validated measurements into a prediction.
//!
//! Scores and probabilities are computed from the model's coefficients with
//! plain IEEE arithmetic only (additions, multiplications, divisions, and
//! an exponential built from those), in a fixed order and with no fused
//! multiply-add, so a native build and the wasm module give bit-identical
//! results.

use core::fmt;

use crate::feature::{Feature, PerFeature};
use crate::lanes::Lanes;
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

/// e^x for x ≤ 0, to within a few units in the last place, with no branch
/// (a softmax over varied rows otherwise spends its time on mispredicted
/// branches) and only IEEE additions and multiplications, so every target
/// computes the same bits. Below −708 the result is e^−708 (about
/// 3.3e−308) instead of something smaller: as a share of a softmax that is
/// zero either way.
/// e^d of each shifted score, where (per lane) at least one `d` is 0, the
/// top score's: its exponential is exactly 1, so only two are computed.
/// Exactly the bits of [`exp_nonpositive`] on each, which gives 1 for ±0.
#[inline(always)]
fn exp_each<L: Lanes>([d0, d1, d2]: PerSpecies<L>) -> PerSpecies<L> {
    let (zero, one) = (L::splat(0.0), L::splat(1.0));
    // The two scores that are not the top: d0 unless it is the top, d2
    // unless it is the top, d1 in place of the one that is.
    let u = exp_nonpositive(d0.if_eq(zero, d1, d0));
    let v = exp_nonpositive(d2.if_eq(zero, d1, d2));
    [
        d0.if_eq(zero, one, u),
        d0.if_eq(zero, u, d2.if_eq(zero, v, one)),
        d2.if_eq(zero, one, v),
    ]
}

#[inline(always)]
fn exp_nonpositive<L: Lanes>(x: L) -> L {
    const LOG2_E: f64 = core::f64::consts::LOG2_E;
    // ln 2 split so that n · LN2_HI is exact for |n| < 2^11 (fdlibm's split).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding 1.5 · 2^52 rounds to an integer held in the low mantissa bits.
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    // D[k] = 1/(k+2)!: e^r = 1 + r + r² · Σ D[k] r^k (Taylor, to r^13).
    const D: [f64; 12] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let c = L::splat;
    let x = x.max_lane(c(-708.0));
    let shifted = x * c(LOG2_E) + c(SHIFT);
    let n = shifted - c(SHIFT);
    // x = n · ln 2 + r, |r| ≤ ln(2)/2.
    let r = (x - n * c(LN2_HI)) - n * c(LN2_LO);
    // Estrin's scheme: the same sum as Horner's rule in a third of the
    // dependent steps, so the pipeline overlaps the species (and the rows
    // of a pair) instead of waiting on one long chain.
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let q = |k: usize| c(D[k]) + c(D[k + 1]) * r;
    let s0 = q(0) + q(2) * r2;
    let s1 = q(4) + q(6) * r2;
    let s2 = q(8) + q(10) * r2;
    let sum = (s0 + s1 * r4) + s2 * r8;
    let e_r = (r + r2 * sum) + c(1.0);
    // 2^n from its exponent bits: the low bits of `shifted` hold
    // n + 1.5 · 2^52 as an integer, and n lies in [-1022, 0].
    e_r * shifted.exponent_from_bits(1023u64.wrapping_sub(SHIFT.to_bits()))
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
        let exps = exp_each(self.shifted_scores(x));
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
    let mut best = 0;
    for (i, p) in probabilities.iter().enumerate() {
        if *p > probabilities[best] {
            best = i;
        }
    }
    Species::ALL[best]
}

#[cfg(test)]
mod tests {
    use super::{exp_each, exp_nonpositive};
    use crate::lanes::F64x2;

    /// Distance in units in the last place.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn exp_matches_the_reference_within_a_few_ulps() {
        let mut worst = 0;
        let mut x = 0.0;
        while x > -700.0 {
            worst = worst.max(ulps(exp_nonpositive(x), x.exp()));
            x -= 0.000_731;
        }
        let ln2 = core::f64::consts::LN_2;
        for x in [0.0, -0.0, -1e-300, -ln2 / 2.0, -ln2, -1.0, -700.0] {
            worst = worst.max(ulps(exp_nonpositive(x), x.exp()));
        }
        assert!(worst <= 4, "{worst} ulps");
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert!(exp_nonpositive(-800.0) > 0.0 && exp_nonpositive(-800.0) < 4e-308);
        assert!(exp_nonpositive(f64::NEG_INFINITY) < 4e-308);
    }

    #[test]
    fn two_exponentials_give_the_bits_of_three_whatever_the_top() {
        let others = [-0.0, -1e-300, -0.37, -2.5, -700.0, -800.0];
        let mut cases = Vec::new();
        for &a in &others {
            for &b in &others {
                cases.extend([[0.0, a, b], [a, 0.0, b], [a, b, 0.0]]);
            }
        }
        for d in cases {
            let expected = d.map(exp_nonpositive).map(f64::to_bits);
            assert_eq!(exp_each(d).map(f64::to_bits), expected, "{d:?}");
            // In a pair of lanes, beside a row whose top is elsewhere.
            let other = [d[2], d[0], d[1]];
            let pair = exp_each([0, 1, 2].map(|i| F64x2::new(d[i], other[i])));
            assert_eq!(pair.map(|p| p.lanes()[0].to_bits()), expected, "{d:?}");
            let other_expected = other.map(exp_nonpositive).map(f64::to_bits);
            assert_eq!(
                pair.map(|p| p.lanes()[1].to_bits()),
                other_expected,
                "{d:?}"
            );
        }
    }
}
