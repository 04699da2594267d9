//! Why the model chose a species: each measurement's exact share of the
//! decision against the runner-up, its prediction set (uncertain when it
//! holds more than one species), and the
//! training flowers nearest to the one asked about.
//!
//! For a multinomial logistic regression the log-odds of the predicted
//! species `s` against the runner-up `r` is a sum, so its parts are exact:
//! `ln(p_s / p_r) = (b_s − b_r) + Σ_f (w_s,f − w_r,f) · x_f`.

use serde::{Serialize, Serializer};

use crate::classifier::Classifier;
use crate::feature::{Feature, PerFeature};
use crate::measurements::Measurements;
use crate::prediction_set::ranked;
use crate::species::{PerSpecies, Species};

/// How many training flowers [`Explanation::nearest`] lists.
pub const NEAREST: usize = 3;

/// A flower of the training data, with its species.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flower {
    /// Its measurements, in [`Feature::ALL`] order (for JavaScript, an
    /// object keyed by measurement name).
    #[serde(serialize_with = "by_feature")]
    pub measurements: PerFeature<f64>,
    /// Its species.
    pub species: Species,
}

/// A training flower near the one asked about.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Neighbour {
    /// Its row in the data file, counting from 1 after the header.
    pub row: usize,
    /// The flower.
    #[serde(flatten)]
    pub flower: Flower,
    /// Euclidean distance in standard deviations of each measurement.
    pub distance: f64,
}

/// Why the model answered what it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The most probable species.
    pub species: Species,
    /// The second most probable.
    pub runner_up: Species,
    /// Probability of each species, in [`Species::ALL`] order (for
    /// JavaScript, keyed by species, as `predict()`'s).
    #[serde(serialize_with = "by_species")]
    pub probabilities: PerSpecies<f64>,
    /// Each measurement's share of `margin`: `(w_s − w_r) · x`, in
    /// [`Feature::ALL`] order (for JavaScript, keyed by measurement name).
    /// Positive counts for `species`.
    #[serde(serialize_with = "by_feature")]
    pub contributions: PerFeature<f64>,
    /// The part no measurement explains: `b_s − b_r`.
    pub baseline: f64,
    /// `ln(p_species / p_runner_up)`: `baseline` plus every contribution,
    /// summed in feature order.
    pub margin: f64,
    /// The measurement that counts most for `species` over `runner_up`.
    pub deciding: Feature,
    /// The prediction set, most probable first (see [`crate::SpeciesSet`]).
    pub set: Vec<Species>,
    /// The set holds more than one species: at the card's coverage, the
    /// model cannot tell them apart.
    pub uncertain: bool,
    /// The [`NEAREST`] training flowers, nearest first.
    pub nearest: Vec<Neighbour>,
}

/// Values per measurement as an object keyed by JS name, in feature order.
fn by_feature<S: Serializer>(values: &PerFeature<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(Feature::ALL.map(|f| (f.js_name(), values[f.index()])))
}

/// Values per species as an object keyed by species name, in species order.
fn by_species<S: Serializer>(values: &PerSpecies<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(Species::ALL.map(|s| (s.name(), values[s.index()])))
}

/// The training flowers, with what distances need: each measurement's mean
/// and standard deviation over them.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbourhood {
    flowers: Vec<Flower>,
    mean: PerFeature<f64>,
    spread: PerFeature<f64>,
}

impl Neighbourhood {
    /// Standardises over `flowers`; a measurement with no spread (or no
    /// flower at all) counts with unit scale.
    pub fn new(flowers: Vec<Flower>) -> Neighbourhood {
        let n = flowers.len().max(1) as f64;
        let mean = Feature::ALL.map(|f| {
            flowers
                .iter()
                .map(|x| x.measurements[f.index()])
                .sum::<f64>()
                / n
        });
        let spread = Feature::ALL.map(|f| {
            let m = mean[f.index()];
            let variance = flowers
                .iter()
                .map(|x| (x.measurements[f.index()] - m) * (x.measurements[f.index()] - m))
                .sum::<f64>()
                / n;
            if variance > 0.0 {
                variance.sqrt()
            } else {
                1.0
            }
        });
        Neighbourhood {
            flowers,
            mean,
            spread,
        }
    }

    /// The training flowers.
    pub fn flowers(&self) -> &[Flower] {
        &self.flowers
    }

    /// The `k` flowers nearest to `measurements` (ties: the earlier row).
    pub fn nearest(&self, measurements: &Measurements, k: usize) -> Vec<Neighbour> {
        let x = measurements.to_array();
        let mut all: Vec<Neighbour> = self
            .flowers
            .iter()
            .enumerate()
            .map(|(i, flower)| {
                let squares: f64 = Feature::ALL
                    .iter()
                    .map(|f| {
                        let i = f.index();
                        let z = (x[i] - flower.measurements[i]) / self.spread[i];
                        z * z
                    })
                    .sum();
                Neighbour {
                    row: i + 1,
                    flower: *flower,
                    distance: squares.sqrt(),
                }
            })
            .collect();
        all.sort_by(|a, b| a.distance.total_cmp(&b.distance).then(a.row.cmp(&b.row)));
        all.truncate(k);
        all
    }
}

impl Classifier {
    /// Explains the prediction for `measurements` against the training
    /// flowers in `neighbourhood`.
    pub fn explain(
        &self,
        measurements: &Measurements,
        neighbourhood: &Neighbourhood,
    ) -> Explanation {
        let probabilities = self.probabilities(measurements);
        // Most probable first; a tie keeps species order, as `most_probable` does.
        let [species, runner_up, _] = ranked(&probabilities);
        let (weights, intercepts) = self.coefficients();
        let (s, r) = (species.index(), runner_up.index());
        let x = measurements.to_array();
        let contributions = Feature::ALL.map(|f| {
            let i = f.index();
            (weights[s][i] - weights[r][i]) * x[i]
        });
        let baseline = intercepts[s] - intercepts[r];
        let margin = contributions.iter().fold(baseline, |sum, c| sum + c);
        let deciding = Feature::ALL.into_iter().fold(Feature::ALL[0], |best, f| {
            if contributions[f.index()] > contributions[best.index()] {
                f
            } else {
                best
            }
        });
        let set = self.set(&probabilities, species);
        Explanation {
            species,
            runner_up,
            probabilities,
            contributions,
            baseline,
            margin,
            deciding,
            set: set.by_probability(&probabilities),
            uncertain: set.len() > 1,
            nearest: neighbourhood.nearest(measurements, NEAREST),
        }
    }
}
