//! Prediction sets: the species a prediction cannot rule out.
//!
//! Training measures, by cross-validation, a conformal threshold per
//! species on the score `1 − p(species)` (see `training::conformal`): with
//! probability at least the card's coverage, a new flower of that species
//! scores at or below it. A prediction's set holds every species that
//! does, and always
//! the most probable one (so a set is never empty: that only adds
//! coverage). Computed with one subtraction and one comparison per species
//! in `f64`, so native and wasm sets are the same.

use crate::species::{PerSpecies, Species};

/// A set of species, a bit per species (bit `i` for [`Species::ALL`]`[i]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpeciesSet(u8);

impl SpeciesSet {
    /// The set whose bits are `bits` (bits above the species are dropped).
    pub const fn from_bits(bits: u8) -> SpeciesSet {
        SpeciesSet(bits & ((1 << Species::COUNT) - 1))
    }

    /// Bit `i` set for [`Species::ALL`]`[i]`.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether `species` is in the set.
    pub const fn contains(self, species: Species) -> bool {
        self.0 & (1 << species.index()) != 0
    }

    /// How many species it holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether it holds no species.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Its species, most probable first under `probabilities` (a tie keeps
    /// species order).
    pub fn by_probability(self, probabilities: &PerSpecies<f64>) -> Vec<Species> {
        ranked(probabilities)
            .into_iter()
            .filter(|&s| self.contains(s))
            .collect()
    }
}

/// Every species, most probable first (a tie keeps species order): an
/// insertion sort of three, so the module carries no general sort.
pub fn ranked(probabilities: &PerSpecies<f64>) -> PerSpecies<Species> {
    let p = |s: Species| probabilities[s.index()];
    let [mut first, mut second, mut third] = Species::ALL;
    if p(second) > p(first) {
        core::mem::swap(&mut first, &mut second);
    }
    if p(third) > p(second) {
        core::mem::swap(&mut second, &mut third);
        if p(second) > p(first) {
            core::mem::swap(&mut first, &mut second);
        }
    }
    [first, second, third]
}

/// The set for `probabilities` whose most probable species is class
/// `top`: `top`, and every species whose score `1 − p` is at most its
/// threshold.
#[inline(always)]
pub(crate) fn set_bits(
    probabilities: &PerSpecies<f64>,
    top: u8,
    thresholds: &PerSpecies<f64>,
) -> u8 {
    let mut bits = 1 << top;
    for (i, (p, threshold)) in probabilities.iter().zip(thresholds).enumerate() {
        if 1.0 - p <= *threshold {
            bits |= 1 << i;
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_species_is_always_in_the_set() {
        // No species scores under the threshold: the set is the top one.
        assert_eq!(set_bits(&[0.2, 0.5, 0.3], 1, &[0.1; 3]), 0b010);
        // Both close ones score under 0.6.
        assert_eq!(set_bits(&[0.02, 0.55, 0.43], 1, &[0.6; 3]), 0b110);
        assert_eq!(set_bits(&[1.0, 0.0, 0.0], 0, &[0.0; 3]), 0b001);
        // The comparison is inclusive.
        assert_eq!(set_bits(&[0.5, 0.5, 0.0], 0, &[0.5; 3]), 0b011);
        // Each species has its own threshold.
        assert_eq!(set_bits(&[0.0, 0.3, 0.7], 2, &[0.1, 0.8, 0.1]), 0b110);
        assert_eq!(set_bits(&[0.0, 0.3, 0.7], 2, &[0.1, 0.6, 0.1]), 0b100);
    }

    #[test]
    fn members_come_most_probable_first() {
        let set = SpeciesSet::from_bits(0b110);
        assert_eq!(set.len(), 2);
        assert_eq!(
            set.by_probability(&[0.0, 0.3, 0.7]),
            [Species::Virginica, Species::Versicolor]
        );
        // Ties keep species order.
        let all = SpeciesSet::from_bits(0b111);
        assert_eq!(
            all.by_probability(&[0.25, 0.5, 0.25]),
            [Species::Versicolor, Species::Setosa, Species::Virginica]
        );
        assert_eq!(
            all.by_probability(&[0.2, 0.3, 0.5]),
            [Species::Virginica, Species::Versicolor, Species::Setosa]
        );
        // Every order of three distinct probabilities, against a sort.
        let values: [f64; 3] = [0.1, 0.3, 0.6];
        for a in 0..3 {
            for b in 0..3 {
                for c in 0..3 {
                    let p = [values[a], values[b], values[c]];
                    let mut sorted = Species::ALL;
                    sorted.sort_by(|x, y| p[y.index()].total_cmp(&p[x.index()]));
                    assert_eq!(ranked(&p), sorted, "{p:?}");
                }
            }
        }
        assert!(!set.contains(Species::Setosa));
        assert_eq!(SpeciesSet::from_bits(0xff).bits(), 0b111);
    }
}
