//! Prediction sets with a coverage guarantee, by conformal prediction.
//!
//! The score of a flower is `1 − p(its true species)` (the "least
//! ambiguous set-valued classifier" score of Sadinle, Lei and Wasserman,
//! JASA 2019), each flower scored by the cross-validation model that did
//! not see it: cross-conformal prediction (Vovk, "Cross-conformal
//! predictors", 2015), which reuses every flower for calibration instead of
//! holding some back from training. The thresholds are per species
//! (Mondrian, or class-conditional, conformal prediction: Vovk, Gammerman
//! and Shafer, "Algorithmic Learning in a Random World", 2005): for each
//! species, the `⌈(n + 1) · coverage⌉`-th smallest score of its `n`
//! flowers. A species is in a new flower's set when its score is at most
//! its threshold; the most probable species always is (a set is never
//! empty, which only adds coverage).
//!
//! Why per species: the model is right about 97 % of the time, so one
//! threshold for all flowers reaches 95 % with a single species for every
//! flower, a coin-flip versicolor/virginica flower included: coverage on
//! average, paid for by the hard flowers. Per species, the guarantee holds
//! for each species on its own, and the boundary flowers get both.
//!
//! Split conformal prediction guarantees coverage of at least `coverage`
//! for exchangeable data; the cross-conformal variant is guaranteed only
//! `1 − 2 · (1 − coverage)` in the worst case (Barber, Candès, Ramdas and
//! Tibshirani, "Predictive inference with the jackknife+", Ann. Statist.
//! 2021) and is usually at the nominal level. [`nested`] measures it: the
//! thresholds refitted without each held-out fold, as training does on all
//! the data, and the held-out flowers' sets checked against their species.

use super::candidates::Family;
use super::dataset::Dataset;
use super::validation::{cross_validate, stratified_folds, training_rows};
use super::{TrainError, SEED};
use crate::card::{NestedCoverage, SpeciesCoverage};
use crate::classifier::most_probable;
use crate::prediction_set::set_bits;
use crate::species::{PerSpecies, Species};

/// The coverage the prediction sets are made for. 95 %: the level a
/// student meets in every confidence interval; with 150 flowers, 99 %
/// would rest on the single worst-scored flower and give most boundary
/// flowers all three species, and 90 % would leave one flower in ten
/// outside its set.
pub const COVERAGE: f64 = 0.95;

/// A flower's score: `1 − p(its true species)`.
pub fn score(probabilities: &PerSpecies<f64>, species: Species) -> f64 {
    1.0 - probabilities[species.index()]
}

/// The conformal threshold for `coverage`: the `⌈(n + 1) · coverage⌉`-th
/// smallest score, or 1 (every species) when that rank is past `n`.
pub fn threshold(scores: &[f64], coverage: f64) -> f64 {
    let mut sorted = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() + 1) as f64 * coverage).ceil() as usize;
    match rank.checked_sub(1).and_then(|i| sorted.get(i)) {
        Some(&t) => t,
        None => 1.0,
    }
}

/// Each species' threshold from out-of-fold `probabilities` of flowers of
/// `labels`: the conformal threshold of that species' flowers' scores.
pub fn thresholds_of(probabilities: &[PerSpecies<f64>], labels: &[Species]) -> PerSpecies<f64> {
    Species::ALL.map(|species| {
        let scores: Vec<f64> = probabilities
            .iter()
            .zip(labels)
            .filter(|(_, &s)| s == species)
            .map(|(p, &s)| score(p, s))
            .collect();
        threshold(&scores, COVERAGE)
    })
}

/// Nested cross-validation of the sets: for each fold, the threshold from
/// a cross-validation of the other folds alone (one fold fewer), the model
/// fitted on those folds, and the held-out flowers' sets.
pub fn nested(
    data: &Dataset,
    folds: &[Vec<usize>],
    family: Family,
) -> Result<NestedCoverage, TrainError> {
    let mut covered = [0; Species::COUNT];
    let mut flowers = [0; Species::COUNT];
    let mut sizes = [0; Species::COUNT];
    let mut thresholds = Vec::with_capacity(folds.len());
    for (held_out, test_rows) in folds.iter().enumerate() {
        let inner = data.subset(&training_rows(folds, held_out));
        let inner_folds = stratified_folds(&inner.labels, folds.len().saturating_sub(1), SEED);
        let report = cross_validate(&inner, &inner_folds, |train, test| {
            family.fit_probabilities(train, test)
        })?;
        let q = thresholds_of(&report.probabilities, &inner.labels);
        thresholds.push(q.to_vec());
        let test = data.subset(test_rows);
        let answers = family.fit_probabilities(&inner, &test.rows)?;
        for (p, label) in answers.iter().zip(&test.labels) {
            let set = set_bits(p, most_probable(p).index() as u8, &q);
            covered[label.index()] += usize::from(set & (1 << label.index()) != 0);
            flowers[label.index()] += 1;
            sizes[set.count_ones() as usize - 1] += 1;
        }
    }
    let all: usize = flowers.iter().sum::<usize>().max(1);
    let hits: usize = covered.iter().sum();
    let average_size = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| (i + 1) as f64 * n as f64)
        .sum::<f64>()
        / all as f64;
    Ok(NestedCoverage {
        flowers: all,
        covered: hits,
        coverage: hits as f64 / all as f64,
        standard_error: (COVERAGE * (1.0 - COVERAGE) / all as f64).sqrt(),
        by_species: Species::ALL
            .map(|s| {
                let (n, c) = (flowers[s.index()], covered[s.index()]);
                SpeciesCoverage {
                    flowers: n,
                    covered: c,
                    coverage: c as f64 / n.max(1) as f64,
                    standard_error: (COVERAGE * (1.0 - COVERAGE) / n.max(1) as f64).sqrt(),
                }
            })
            .to_vec(),
        average_size,
        sizes: sizes.to_vec(),
        thresholds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_the_conformal_rank() {
        // n = 19, coverage 0.95: rank ⌈20 · 0.95⌉ = 19, the largest.
        let scores: Vec<f64> = (1..=19).map(|i| f64::from(i) / 100.0).collect();
        assert_eq!(threshold(&scores, 0.95), 0.19);
        // n = 9: rank ⌈10 · 0.95⌉ = 10 > 9, so every species.
        assert_eq!(threshold(&scores[..9], 0.95), 1.0);
        // n = 99, coverage 0.9: rank 90.
        let many: Vec<f64> = (1..=99).rev().map(f64::from).collect();
        assert_eq!(threshold(&many, 0.9), 90.0);
        assert_eq!(threshold(&[], 0.95), 1.0);
    }
}
