//! Training is deterministic and what the build embeds is what the card says.

use std::path::Path;

use iris_core::training::{self, dataset, validation};
use iris_core::Species;
use iris_wasm::{model_bytes, model_card};
use sha2::{Digest, Sha256};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/iris.csv");

fn smartcore_version() -> String {
    model_card().expect("card parses").smartcore_version
}

#[test]
fn training_twice_gives_the_embedded_bytes() {
    let first = training::build(Path::new(DATA), &smartcore_version()).expect("trains");
    let second = training::build(Path::new(DATA), &smartcore_version()).expect("trains");
    assert_eq!(first.model_bytes, second.model_bytes);
    assert_eq!(first.card, second.card);
    assert_eq!(
        first.model_bytes,
        model_bytes(),
        "embedded model differs from a fresh training"
    );
    assert_eq!(first.card, model_card().expect("card parses"));
}

#[test]
fn card_describes_the_embedded_model() {
    let card = model_card().expect("card parses");
    let digest: String = Sha256::digest(model_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(card.model_sha256, digest);
    assert_eq!(card.model_bytes, model_bytes().len());
    assert_eq!(card.training_rows, 150);
    assert_eq!(card.species, ["setosa", "versicolor", "virginica"]);
    assert_eq!(card.smartcore_version, "0.7.0");
    let cv = &card.cross_validation;
    assert_eq!((cv.folds, cv.fold_accuracies.len()), (10, 10));
    let total: u32 = cv.confusion_matrix.iter().flatten().sum();
    assert_eq!(total, 150, "every flower is predicted exactly once");
    for (i, row) in cv.confusion_matrix.iter().enumerate() {
        assert_eq!(row.iter().sum::<u32>(), 50, "50 flowers of species {i}");
    }
    let correct: u32 = (0..Species::COUNT).map(|i| cv.confusion_matrix[i][i]).sum();
    assert!(
        (f64::from(correct) / 150.0 - cv.mean_accuracy).abs() < 1e-9,
        "equal folds"
    );
}

#[test]
fn shipped_model_is_the_best_candidate_and_reaches_96_percent() {
    let card = model_card().expect("card parses");
    assert!(card.candidates.len() >= 2, "at least two families compared");
    let best = card
        .candidates
        .iter()
        .max_by(|a, b| a.mean_accuracy.total_cmp(&b.mean_accuracy))
        .expect("candidates");
    assert_eq!(
        best.family, card.model_family,
        "a better family exists: {best:?}"
    );
    assert!(card.cross_validation.mean_accuracy >= 0.96);
}

#[test]
fn folds_are_stratified_disjoint_and_cover_every_flower() {
    let data = dataset::load(Path::new(DATA)).expect("loads");
    let folds = validation::stratified_folds(&data.labels, 10, training::SEED);
    let mut seen: Vec<usize> = folds.iter().flatten().copied().collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..150).collect::<Vec<_>>());
    for fold in &folds {
        assert_eq!(fold.len(), 15);
        for species in Species::ALL {
            let n = fold.iter().filter(|&&i| data.labels[i] == species).count();
            assert_eq!(n, 5, "each fold holds 5 of each species");
        }
    }
    assert_ne!(
        folds,
        validation::stratified_folds(&data.labels, 10, training::SEED + 1),
        "the seed shuffles"
    );
}

#[test]
fn confusion_matrix_metrics() {
    let mut m = validation::ConfusionMatrix::default();
    for (actual, predicted, times) in [
        (Species::Setosa, Species::Setosa, 5),
        (Species::Versicolor, Species::Versicolor, 3),
        (Species::Versicolor, Species::Virginica, 1),
        (Species::Virginica, Species::Virginica, 4),
    ] {
        for _ in 0..times {
            m.add(actual, predicted);
        }
    }
    assert!((m.accuracy() - 12.0 / 13.0).abs() < 1e-12);
    assert!((m.recall(Species::Versicolor) - 0.75).abs() < 1e-12);
    assert!((m.precision(Species::Virginica) - 0.8).abs() < 1e-12);
    assert_eq!(m.precision(Species::Setosa), 1.0);
    assert_eq!(validation::ConfusionMatrix::default().accuracy(), 0.0);
}
