//! Training is deterministic and what the build embeds is what the card says.

use std::path::Path;

use iris_core::training::candidates::{self, Family};
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

/// The shipped family's out-of-fold probabilities on the real data.
fn out_of_fold() -> (dataset::Dataset, validation::CvReport) {
    let data = dataset::load(Path::new(DATA)).expect("loads");
    let folds = validation::stratified_folds(&data.labels, training::FOLDS, training::SEED);
    let report = validation::cross_validate(&data, &folds, |train, test| {
        Family::SHIPPED.fit_probabilities(train, test)
    })
    .expect("cross-validates");
    (data, report)
}

#[test]
fn the_card_calibration_is_what_the_out_of_fold_probabilities_say() {
    let card = model_card().expect("card parses");
    let (data, report) = out_of_fold();
    // Recomputed here with plain loops, not the calibration module.
    let n = data.len() as f64;
    let mut log_loss = 0.0;
    let mut brier = 0.0;
    for (p, label) in report.probabilities.iter().zip(&data.labels) {
        log_loss -= p[label.index()].max(1e-15).ln() / n;
        for s in Species::ALL {
            let y = f64::from(u8::from(s == *label));
            brier += (p[s.index()] - y).powi(2) / n;
        }
    }
    let c = &card.cross_validation.calibration;
    assert!((c.log_loss - log_loss).abs() < 1e-12, "{c:?}");
    assert!((c.brier - brier).abs() < 1e-12, "{c:?}");
    let bins = &card.cross_validation.reliability;
    assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 150);
    let ece: f64 = bins
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| b.count as f64 / n * (b.accuracy.unwrap() - b.confidence.unwrap()).abs())
        .sum();
    assert!((c.expected_calibration_error - ece).abs() < 1e-12);
    // Every family is measured, and the shipped one's figures are its row's.
    assert_eq!(card.candidates.len(), Family::ALL.len());
    let shipped = card
        .candidates
        .iter()
        .find(|f| f.family == card.model_family)
        .expect("the shipped family is a candidate");
    assert_eq!(&shipped.calibration, c);
    for family in &card.candidates {
        let k = &family.calibration;
        assert!(k.log_loss > 0.0 && k.brier > 0.0 && k.expected_calibration_error >= 0.0);
    }
}

#[test]
fn the_sets_thresholds_are_the_conformal_ranks_of_each_species_scores() {
    let card = model_card().expect("card parses");
    let (data, report) = out_of_fold();
    for species in Species::ALL {
        let mut scores: Vec<f64> = report
            .probabilities
            .iter()
            .zip(&data.labels)
            .filter(|(_, &l)| l == species)
            .map(|(p, _)| 1.0 - p[species.index()])
            .collect();
        scores.sort_by(f64::total_cmp);
        // 50 flowers at 95 %: rank ⌈51 · 0.95⌉ = 49, the second largest.
        assert_eq!(scores.len(), 50);
        assert_eq!(
            card.prediction_sets.thresholds[species.index()],
            scores[48],
            "{species:?}"
        );
    }
    // The embedded classifier uses exactly these thresholds.
    let classifier = iris_wasm::classifier().expect("model loads");
    let boundary = iris_core::Measurements::new(6.0, 2.8, 4.8, 1.7).expect("valid");
    let p = classifier.classify(&boundary);
    for s in Species::ALL {
        let inside = 1.0 - p.probabilities[s.index()] <= card.prediction_sets.thresholds[s.index()];
        assert_eq!(p.set.contains(s), inside || s == p.species, "{s:?} {p:?}");
    }
    assert_eq!(p.set.len(), 2, "{p:?}");
}

#[test]
fn nested_cross_validation_covers_at_the_nominal_level_within_sampling_error() {
    let card = model_card().expect("card parses");
    let sets = &card.prediction_sets;
    let nested = &sets.nested;
    assert_eq!(sets.coverage, 0.95);
    assert_eq!(nested.flowers, 150);
    assert_eq!(nested.sizes.iter().sum::<usize>(), 150);
    assert_eq!(nested.thresholds.len(), training::FOLDS);
    let mean_size = nested
        .sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| (i + 1) as f64 * n as f64)
        .sum::<f64>()
        / 150.0;
    assert!((nested.average_size - mean_size).abs() < 1e-12);
    // The guarantee, read against the binomial sampling error of 150 flowers.
    let error = (0.95_f64 * 0.05 / 150.0).sqrt();
    assert!((nested.standard_error - error).abs() < 1e-15);
    assert!(
        nested.coverage >= sets.coverage - 2.0 * error,
        "nested coverage {} below 95 % − 2 SE",
        nested.coverage
    );
    assert_eq!(nested.coverage, nested.covered as f64 / 150.0);
    for species in &nested.by_species {
        assert_eq!(species.flowers, 50);
        assert!(species.coverage >= sets.coverage - 2.0 * species.standard_error);
    }
    // Most flowers get one species; some get two.
    assert!(
        nested.sizes[0] > 130 && nested.sizes[1] > 0,
        "{:?}",
        nested.sizes
    );
    // The nested thresholds are fitted without their fold: they differ.
    assert!(nested.thresholds.windows(2).any(|w| w[0] != w[1]));
}

#[test]
fn naive_bayes_probabilities_agree_with_smartcores_predictions() {
    use smartcore::linalg::basic::matrix::DenseMatrix;
    use smartcore::naive_bayes::gaussian::{GaussianNB, GaussianNBParameters};
    let data = dataset::load(Path::new(DATA)).expect("loads");
    let x = data.matrix().expect("matrix");
    let model =
        GaussianNB::fit(&x, &data.targets(), GaussianNBParameters::default()).expect("fits");
    let predicted = model.predict(&x).expect("predicts");
    let test = DenseMatrix::new(150, 4, data.rows.iter().flatten().copied().collect(), false)
        .expect("matrix");
    assert_eq!(model.predict(&test).expect("predicts"), predicted);
    for (row, class) in data.rows.iter().zip(predicted) {
        let p =
            candidates::gaussian_posterior(row, model.class_priors(), model.theta(), model.var());
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(
            iris_core::most_probable(&p).index() as u32,
            class,
            "{row:?} {p:?}"
        );
    }
}
