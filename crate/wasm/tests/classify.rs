//! The embedded model, checked natively: it predicts what smartcore predicts,
//! its probabilities are sound, and bad input is rejected clearly.

use iris_core::training::{candidates, dataset};
use iris_core::{
    BatchAnswers, BatchError, Classifier, ErrorKind, Feature, Measurements, PerFeature, Species,
    Warning,
};
use iris_wasm::classifier;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use smartcore::linalg::basic::matrix::DenseMatrix;

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

fn data() -> dataset::Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/iris.csv");
    dataset::load(std::path::Path::new(path)).expect("data/iris.csv loads")
}

fn random_flowers(n: usize) -> Vec<PerFeature<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    (0..n)
        .map(|_| Feature::ALL.map(|_| rng.gen_range(0.01..12.0)))
        .collect()
}

#[test]
fn known_flowers_get_their_species() -> Result {
    let classifier = classifier()?;
    let cases = [
        ([5.1, 3.5, 1.4, 0.2], Species::Setosa),     // row 1
        ([7.0, 3.2, 4.7, 1.4], Species::Versicolor), // row 51
        ([6.3, 3.3, 6.0, 2.5], Species::Virginica),  // row 101
    ];
    for (x, species) in cases {
        let p = classifier.classify(&Measurements::from_array(x)?);
        assert_eq!(p.species, species, "{x:?}");
        assert!(
            p.probabilities[species.index()] > 0.5,
            "{x:?}: {:?}",
            p.probabilities
        );
        assert!(p.warnings.is_empty());
    }
    Ok(())
}

#[test]
fn agrees_with_smartcore_predict_on_data_and_random_flowers() -> Result {
    let data = data();
    let model = candidates::fit_logistic_regression(&data)?;
    let classifier = classifier()?;
    let mut flowers = data.rows.clone();
    flowers.extend(random_flowers(5_000));
    let x = DenseMatrix::new(
        flowers.len(),
        4,
        flowers.iter().flatten().copied().collect(),
        false,
    )?;
    let expected = model.predict(&x)?;
    let mut compared = 0;
    for (flower, class) in flowers.iter().zip(expected) {
        let p = classifier.classify(&Measurements::from_array(*flower)?);
        let mut sorted = p.probabilities;
        sorted.sort_by(f64::total_cmp);
        // Skip near-ties, where summation order may pick either side.
        if sorted[2] - sorted[1] > 1e-9 {
            assert_eq!(p.species.index(), class as usize, "{flower:?}");
            compared += 1;
        }
    }
    assert!(compared > 5_000, "only {compared} flowers compared");
    Ok(())
}

#[test]
fn probabilities_sum_to_one_and_the_largest_is_the_species() -> Result {
    let classifier = classifier()?;
    for flower in random_flowers(10_000) {
        let p = classifier.classify(&Measurements::from_array(flower)?);
        let sum: f64 = p.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "{flower:?} sums to {sum}");
        assert!(p.probabilities.iter().all(|q| (0.0..=1.0).contains(q)));
        let best = p.probabilities[p.species.index()];
        assert!(p.probabilities.iter().all(|q| *q <= best), "{flower:?}");
    }
    Ok(())
}

#[test]
fn fits_the_training_data() -> Result {
    let data = data();
    let classifier = classifier()?;
    let correct = data
        .rows
        .iter()
        .zip(&data.labels)
        .filter(|(x, label)| {
            Measurements::from_array(**x).is_ok_and(|m| classifier.classify(&m).species == **label)
        })
        .count();
    assert!(
        correct >= 144,
        "only {correct} of 150 training flowers right"
    );
    Ok(())
}

#[test]
fn plausible_values_outside_training_get_a_prediction_and_a_warning() -> Result {
    let classifier = classifier()?;
    let p = classifier.classify(&Measurements::new(5.0, 3.0, 8.5, 2.0)?);
    assert_eq!(p.species, Species::Virginica);
    assert_eq!(p.warnings.len(), 1);
    let Warning::OutsideTrainingRange {
        feature, min, max, ..
    } = &p.warnings[0]
    else {
        panic!("unexpected warning {:?}", p.warnings[0]);
    };
    assert_eq!(*feature, Feature::PetalLength);
    assert_eq!((*min, *max), (1.0, 6.9));
    assert_eq!(
        p.warnings[0].to_string(),
        "petal length 8.5 cm is outside the training data (1 to 6.9 cm), \
         so this prediction is an extrapolation"
    );
    let tiny = classifier.classify(&Measurements::new(0.5, 0.5, 0.5, 0.05)?);
    assert_eq!(tiny.warnings.len(), 4);
    Ok(())
}

#[test]
fn invalid_measurements_name_field_value_and_what_is_accepted() {
    let cases = [
        (f64::NAN, ErrorKind::NotANumber, "'NaN': must be a number"),
        (
            f64::INFINITY,
            ErrorKind::NotFinite,
            "'Infinity': must be a finite number",
        ),
        (
            0.0,
            ErrorKind::NotPositive,
            "'0': must be greater than 0 cm",
        ),
        (
            -2.5,
            ErrorKind::NotPositive,
            "'-2.5': must be greater than 0 cm",
        ),
        (
            100.5,
            ErrorKind::TooLarge,
            "'100.5': must be at most 100 cm",
        ),
        (
            1e308,
            ErrorKind::TooLarge,
            "'1e308': must be at most 100 cm",
        ),
    ];
    for feature in Feature::ALL {
        for (value, kind, text) in cases {
            let mut x = [5.0, 3.0, 4.0, 1.0];
            x[feature.index()] = value;
            let err = Measurements::from_array(x).expect_err("invalid value accepted");
            let err = err.first();
            assert_eq!(err.feature(), feature);
            assert_eq!(err.kind(), kind);
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid {} {text} (expected a number of centimetres greater than 0 \
                     and at most 100)",
                    feature.label()
                )
            );
        }
    }
    assert!(Measurements::new(100.0, 0.01, 1.0, f64::MIN_POSITIVE).is_ok());
}

#[test]
fn batch_matches_single_predictions() -> Result {
    let classifier = classifier()?;
    // An odd count: pairs of rows, and one left over.
    let flowers = random_flowers(1_001);
    let rows: Vec<f32> = flowers.iter().flat_map(|x| x.map(|v| v as f32)).collect();
    let answers = classifier.classify_rows(&rows)?;
    let (species, probabilities, outside) =
        (&answers.species, &answers.probabilities, &answers.outside);
    assert_eq!(species.len(), flowers.len());
    for (i, row) in rows.chunks_exact(4).enumerate() {
        let x = Feature::ALL.map(|f| f64::from(row[f.index()]));
        let p = classifier.classify(&Measurements::from_array(x)?);
        assert_eq!(species[i] as usize, p.species.index());
        assert_eq!(&probabilities[3 * i..3 * i + 3], &p.probabilities);
        let warned = p
            .warnings
            .iter()
            .fold(0, |m, w| m | 1 << w.feature().index());
        assert_eq!(outside[i], warned);
    }
    Ok(())
}

#[test]
fn batch_names_a_bad_row_in_a_later_block() -> Result {
    let classifier = classifier()?;
    let mut rows: Vec<f32> = random_flowers(1_000)
        .iter()
        .flat_map(|x| x.map(|v| v as f32))
        .collect();
    rows[4 * 777 + 3] = f32::NAN;
    rows[4 * 901] = 0.0;
    let err = classifier.classify_rows(&rows).expect_err("NaN accepted");
    let BatchError::Row { row, errors } = &err else {
        panic!("unexpected {err:?}");
    };
    assert_eq!((*row, errors.first().feature()), (777, Feature::PetalWidth));
    Ok(())
}

#[test]
fn batch_rejects_bad_shapes_and_names_the_bad_row() {
    let classifier = classifier().expect("model loads");
    let mut answers = BatchAnswers::default();
    let err = classifier
        .classify_batch(&[1.0; 7], &mut answers)
        .expect_err("7 values accepted");
    assert_eq!(err, BatchError::Length { len: 7 });
    assert!(err.to_string().contains("not a multiple of 4"));

    let rows = [5.0, 3.0, 4.0, 1.0, 5.0, 3.0, -4.0, 1.0];
    let err = classifier
        .classify_batch(&rows, &mut answers)
        .expect_err("negative value accepted");
    let BatchError::Row { row, errors } = &err else {
        panic!("unexpected {err:?}");
    };
    assert_eq!((*row, errors.first().feature()), (1, Feature::PetalLength));
    assert!(err
        .to_string()
        .starts_with("row 1: invalid petal length '-4'"));
}

#[test]
fn batch_answers_are_sized_for_the_rows_and_reused() {
    let classifier = classifier().expect("model loads");
    let rows: Vec<f32> = random_flowers(5)
        .iter()
        .flat_map(|x| x.map(|v| v as f32))
        .collect();
    // Oversized buffers left from a bigger batch are cut to these rows.
    let mut answers = BatchAnswers {
        species: vec![9; 50],
        probabilities: vec![9.0; 150],
        outside: vec![9; 50],
        sets: vec![9; 50],
    };
    classifier
        .classify_batch(&rows, &mut answers)
        .expect("valid rows");
    assert_eq!(
        answers,
        classifier.classify_rows(&rows).expect("valid rows"),
        "the same answers as into fresh buffers"
    );
    assert_eq!(answers.species.len(), 5);
    assert_eq!(answers.probabilities.len(), 15);
    assert_eq!(answers.sets.len(), 5);
}

#[test]
fn corrupt_model_bytes_are_an_error_not_a_panic() {
    assert!(Classifier::from_bytes(&[]).is_err());
    assert!(Classifier::from_bytes(&[1, 2, 3, 4, 5]).is_err());
    let mut bytes = iris_wasm::model_bytes().to_vec();
    bytes.truncate(bytes.len() / 2);
    assert!(Classifier::from_bytes(&bytes).is_err());
    // Too short for the coefficients.
    assert!(Classifier::from_bytes(&[0, 0, 0, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
}
