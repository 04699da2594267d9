//! How far the probabilities can be trusted: log loss, Brier score and
//! expected calibration error of out-of-fold probabilities, and the
//! reliability diagram's bins.
//!
//! Binning: the top probability (the confidence of the predicted species)
//! in [`BINS`] equal-width bins, `[0, 0.1)`, `[0.1, 0.2)`, …, `[0.9, 1]`.
//! The expected calibration error is the flower-weighted mean, over the
//! bins, of `|accuracy − mean confidence|` (Guo et al., "On calibration of
//! modern neural networks", ICML 2017).

use crate::card::{CalibrationScores, ReliabilityBin};
use crate::classifier::most_probable;
use crate::species::{PerSpecies, Species};

/// Bins of the reliability diagram and the calibration error.
pub const BINS: usize = 10;

/// The smallest probability the log loss takes the logarithm of (a model
/// that gives the true species 0 would otherwise score infinity; as
/// scikit-learn's `log_loss` does).
pub const LOG_LOSS_FLOOR: f64 = 1e-15;

/// The three scores of `probabilities` (one row per flower) against the
/// true `labels`.
pub fn scores(probabilities: &[PerSpecies<f64>], labels: &[Species]) -> CalibrationScores {
    let n = probabilities.len().min(labels.len()).max(1) as f64;
    let mut log_loss = 0.0;
    let mut brier = 0.0;
    for (p, label) in probabilities.iter().zip(labels) {
        log_loss -= p[label.index()].max(LOG_LOSS_FLOOR).ln();
        for species in Species::ALL {
            let truth = if species == *label { 1.0 } else { 0.0 };
            let d = p[species.index()] - truth;
            brier += d * d;
        }
    }
    let bins = reliability(probabilities, labels);
    let ece = bins
        .iter()
        .map(|b| match (b.confidence, b.accuracy) {
            (Some(c), Some(a)) => b.count as f64 / n * (a - c).abs(),
            _ => 0.0,
        })
        .sum();
    CalibrationScores {
        log_loss: log_loss / n,
        brier: brier / n,
        expected_calibration_error: ece,
    }
}

/// The reliability diagram: for each of the [`BINS`] bins of top
/// probability, how many flowers fall in it, their mean top probability
/// and the share predicted correctly (`None` for an empty bin).
pub fn reliability(probabilities: &[PerSpecies<f64>], labels: &[Species]) -> Vec<ReliabilityBin> {
    let mut count = [0_usize; BINS];
    let mut confidence = [0.0; BINS];
    let mut correct = [0_usize; BINS];
    for (p, label) in probabilities.iter().zip(labels) {
        let predicted = most_probable(p);
        let top = p[predicted.index()];
        let bin = ((top * BINS as f64) as usize).min(BINS - 1);
        count[bin] += 1;
        confidence[bin] += top;
        correct[bin] += usize::from(predicted == *label);
    }
    (0..BINS)
        .map(|bin| ReliabilityBin {
            lower: bin as f64 / BINS as f64,
            upper: (bin + 1) as f64 / BINS as f64,
            count: count[bin],
            confidence: (count[bin] > 0).then(|| confidence[bin] / count[bin] as f64),
            accuracy: (count[bin] > 0).then(|| correct[bin] as f64 / count[bin] as f64),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Species::{Setosa, Versicolor, Virginica};

    /// Four flowers worked out by hand: each score below is computed on
    /// paper, not by this module.
    const PROBABILITIES: [PerSpecies<f64>; 4] = [
        [0.9, 0.05, 0.05], // setosa, right, top 0.9
        [0.2, 0.7, 0.1],   // versicolor, right, top 0.7
        [0.1, 0.6, 0.3],   // virginica, wrong (versicolor), top 0.6
        [0.0, 0.35, 0.65], // virginica, right, top 0.65
    ];
    const LABELS: [Species; 4] = [Setosa, Versicolor, Virginica, Virginica];

    #[test]
    fn the_scores_of_a_hand_made_case() {
        let s = scores(&PROBABILITIES, &LABELS);
        // −(ln 0.9 + ln 0.7 + ln 0.3 + ln 0.65) / 4
        // = (0.1053605 + 0.3566749 + 1.2039728 + 0.4307829) / 4
        assert!((s.log_loss - 0.524_197_8).abs() < 1e-6, "{}", s.log_loss);
        // (0.015 + 0.14 + 0.86 + 0.245) / 4
        assert!((s.brier - 0.315).abs() < 1e-12, "{}", s.brier);
        // Bin 9: 1 flower, |1 − 0.9|; bin 7: 1, |1 − 0.7|; bin 6: 2,
        // |0.5 − 0.625|: (0.1 + 0.3 + 2 · 0.125) / 4 = 0.1625.
        assert!(
            (s.expected_calibration_error - 0.1625).abs() < 1e-12,
            "{}",
            s.expected_calibration_error
        );
    }

    #[test]
    fn the_bins_of_a_hand_made_case() {
        let bins = reliability(&PROBABILITIES, &LABELS);
        assert_eq!(bins.len(), BINS);
        let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, [0, 0, 0, 0, 0, 0, 2, 1, 0, 1]);
        assert_eq!(bins[6].confidence, Some(0.625));
        assert_eq!(bins[6].accuracy, Some(0.5));
        assert_eq!(bins[0].confidence, None);
        assert_eq!((bins[9].lower, bins[9].upper), (0.9, 1.0));
        // A top probability of exactly 1 is in the last bin, not past it.
        let certain = reliability(&[[1.0, 0.0, 0.0]], &[Setosa]);
        assert_eq!(certain[9].count, 1);
    }

    #[test]
    fn a_zero_for_the_true_species_is_floored_not_infinite() {
        let s = scores(&[[1.0, 0.0, 0.0]], &[Versicolor]);
        assert!((s.log_loss - 1e-15_f64.ln().abs()).abs() < 1e-9);
        assert!(s.log_loss.is_finite());
        assert_eq!(s.brier, 2.0);
    }
}
