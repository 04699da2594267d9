//! Turns validated measurements into a prediction.
//!
//! Scores and probabilities are computed from the model's coefficients with
//! plain IEEE arithmetic only (additions, multiplications, divisions, and
//! an exponential built from those), in a fixed order and with no fused
//! multiply-add, so a native build and the wasm module give bit-identical
//! results.

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
        let shifted = self.shifted_scores(measurements);
        let exps = exp_nonpositive_each(shifted);
        normalized(exps)
    }

    /// Each species' linear score minus the largest, so the largest is 0.
    fn shifted_scores(&self, measurements: &Measurements) -> PerSpecies<f64> {
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
        scores.map(|s| s - top)
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

/// e^x of each x ≤ 0, to within a few units in the last place, with no branch
/// (a softmax over varied rows otherwise spends its time on mispredicted
/// branches) and only IEEE additions and multiplications, so every target
/// computes the same bits. Below −708 the result is e^−708 (about
/// 3.3e−308) instead of something smaller: as a share of a softmax that is
/// zero either way.
pub(crate) fn exp_nonpositive_each<const N: usize>(x: [f64; N]) -> [f64; N] {
    const LOG2_E: f64 = core::f64::consts::LOG2_E;
    // ln 2 split so that n · LN2_HI is exact for |n| < 2^11 (fdlibm's split).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding 1.5 · 2^52 rounds to an integer held in the low mantissa bits.
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    // 1/k! for k = 13 down to 2, for Horner's rule.
    const C: [f64; 12] = [
        1.0 / 6_227_020_800.0,
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
    ];
    let x = x.map(|v| v.max(-708.0));
    let shifted = x.map(|v| v * LOG2_E + SHIFT);
    let mut r = [0.0; N];
    for i in 0..N {
        let n = shifted[i] - SHIFT;
        // x = n · ln 2 + r, |r| ≤ ln(2)/2.
        r[i] = (x[i] - n * LN2_HI) - n * LN2_LO;
    }
    let mut p = [C[0]; N];
    for c in &C[1..] {
        for i in 0..N {
            p[i] = p[i] * r[i] + c;
        }
    }
    let mut out = [0.0; N];
    for i in 0..N {
        let e_r = (p[i] * r[i] + 1.0) * r[i] + 1.0;
        // 2^n built from its exponent bits; n lies in [-1022, 0].
        let n_bits = shifted[i].to_bits().wrapping_sub(SHIFT.to_bits());
        out[i] = e_r * f64::from_bits(n_bits.wrapping_add(1023) << 52);
    }
    out
}

/// The exponentials divided by their sum, summed left to right.
fn normalized(exps: PerSpecies<f64>) -> PerSpecies<f64> {
    let total: f64 = exps.iter().sum();
    exps.map(|e| e / total)
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

#[cfg(test)]
mod tests {
    use super::exp_nonpositive_each;

    fn exp_nonpositive(x: f64) -> f64 {
        exp_nonpositive_each([x])[0]
    }

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
}
