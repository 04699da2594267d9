//! Generated inputs by the million through the native API: numbers of every
//! kind (random bit patterns, NaN payloads, subnormals, infinities, every
//! limit and training-range edge ± one ulp), text, and batches of them. No
//! input panics, every accepted one gets sound probabilities, and every
//! rejected one gets the documented error for its value. Bounded: a fixed
//! count from a fixed seed. The wasm module gets the same treatment in
//! node (`tests/node/fuzz.test.mjs`).

use iris_core::{ErrorKind, Feature, Input, Measurements, PerFeature, MAX_CM};
use iris_wasm::classifier;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Inputs driven through [`Measurements::from_array`] and the classifier.
const INPUTS: usize = 10_000_000;

/// The tail every rejection message ends with: what is accepted.
const ACCEPTED: &str = "(expected a number of centimetres greater than 0 and at most 100)";

/// Values at every edge that matters, with their neighbours one ulp away.
fn edges() -> Vec<f64> {
    let card = iris_wasm::model_card().expect("model card");
    let mut edges = vec![
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        f64::from_bits(1),                     // the smallest subnormal
        f64::from_bits(0x000f_ffff_ffff_ffff), // the largest subnormal
        -f64::from_bits(1),
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001), // signalling NaN payload
        f64::from_bits(0x7ff8_dead_beef_0001), // quiet NaN payload
        f64::from_bits(0xfff0_0000_0000_00ff),
        1e-300,
        1e300,
        -708.0,
        MAX_CM,
    ];
    for range in &card.features {
        edges.extend([range.min, range.max]);
    }
    for feature in Feature::ALL {
        edges.push(feature.slider_max());
    }
    let with_neighbours: Vec<f64> = edges
        .iter()
        .flat_map(|&x| [x, x.next_up(), x.next_down()])
        .collect();
    with_neighbours
}

fn value(rng: &mut ChaCha8Rng, edges: &[f64]) -> f64 {
    match rng.gen_range(0..10) {
        0..=2 => f64::from_bits(rng.gen()),
        3..=4 => edges[rng.gen_range(0..edges.len())],
        5 => f64::from(f32::from_bits(rng.gen())),
        6 => rng.gen_range(-1.0..200.0),
        _ => rng.gen_range(0.0..12.0),
    }
}

/// The documented error for a number that is not valid.
fn expected_kind(x: f64) -> ErrorKind {
    if x.is_nan() {
        ErrorKind::NotANumber
    } else if x.is_infinite() {
        ErrorKind::NotFinite
    } else if x <= 0.0 {
        ErrorKind::NotPositive
    } else {
        ErrorKind::TooLarge
    }
}

fn valid(x: f64) -> bool {
    x > 0.0 && x <= MAX_CM
}

#[test]
fn ten_million_generated_inputs_never_panic_and_are_answered_as_documented() {
    let classifier = classifier().expect("model loads");
    let card = iris_wasm::model_card().expect("model card");
    let edges = edges();
    let mut rng = ChaCha8Rng::seed_from_u64(0x1815);
    let (mut accepted, mut rejected, mut errors_checked) = (0_usize, 0_usize, 0_usize);
    let mut batch: Vec<f32> = Vec::with_capacity(4 * 1024);
    let mut batches = 0_usize;
    for i in 0..INPUTS {
        let x: PerFeature<f64> = Feature::ALL.map(|_| value(&mut rng, &edges));
        match Measurements::from_array(x) {
            Ok(m) => {
                assert!(x.iter().all(|&v| valid(v)), "{x:?} accepted");
                accepted += 1;
                let p = classifier.probabilities(&m);
                assert!(p.iter().all(|q| (0.0..=1.0).contains(q)), "{x:?}: {p:?}");
                assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{x:?}: {p:?}");
                // Every thousandth: the whole prediction, warnings included.
                if i % 1000 == 0 {
                    let prediction = classifier.classify(&m);
                    let best = p.iter().cloned().fold(f64::MIN, f64::max);
                    assert_eq!(p[prediction.species.index()], best);
                    for w in &prediction.warnings {
                        let range = &card.features[w.feature().index()];
                        let v = m.get(w.feature());
                        assert!(v < range.min || v > range.max, "{w}");
                    }
                }
            }
            Err(invalid) => {
                rejected += 1;
                let bad: Vec<(Feature, f64)> = Feature::ALL
                    .into_iter()
                    .zip(x)
                    .filter(|&(_, v)| !valid(v))
                    .collect();
                assert_eq!(invalid.errors().len(), bad.len(), "{x:?}");
                for (error, (feature, v)) in invalid.errors().iter().zip(bad) {
                    assert_eq!(error.feature(), feature);
                    assert_eq!(error.kind(), expected_kind(v), "{v:e}");
                    if i % 100 == 0 {
                        assert!(error.to_string().ends_with(ACCEPTED), "{error}");
                        errors_checked += 1;
                    }
                }
            }
        }
        // Batches of f32 rows, made of the same values.
        batch.extend(x.map(|v| v as f32));
        if batch.len() == batch.capacity() || i + 1 == INPUTS {
            check_batch(&batch);
            batches += 1;
            batch.clear();
        }
    }
    eprintln!(
        "fuzz (native): {INPUTS} inputs, {accepted} accepted, {rejected} rejected \
         ({errors_checked} messages read), {batches} batches, no panic"
    );
    // Both sides well exercised.
    assert!(accepted > INPUTS / 20 && rejected > INPUTS / 20);
}

/// A batch answers every row exactly as one flower at a time, or names its
/// first invalid row.
fn check_batch(rows: &[f32]) {
    let classifier = classifier().expect("model loads");
    let first_invalid = rows
        .chunks_exact(4)
        .position(|r| !r.iter().all(|&v| valid(f64::from(v))));
    match (classifier.classify_rows(rows), first_invalid) {
        (Ok(answers), None) => {
            for (i, r) in rows.chunks_exact(4).enumerate() {
                let m = Measurements::from_array(Feature::ALL.map(|f| f64::from(r[f.index()])))
                    .expect("valid row");
                let p = classifier.probabilities(&m);
                assert_eq!(&answers.probabilities[3 * i..3 * i + 3], &p);
                assert_eq!(answers.outside[i], classifier.outside_mask(&m));
            }
        }
        (Err(iris_core::BatchError::Row { row, .. }), Some(first)) => assert_eq!(row, first),
        (got, want) => panic!("batch answered {got:?}, first invalid row {want:?}"),
    }
}

#[test]
fn generated_text_is_read_or_rejected_as_documented() {
    let classifier = classifier().expect("model loads");
    let mut rng = ChaCha8Rng::seed_from_u64(0x1936);
    let alphabet: Vec<char> = "0123456789.,+-eE  \t\n\"\\abc∞π٣५ 5１".chars().collect();
    let mut counts = [0_usize; 2];
    for _ in 0..200_000 {
        let inputs: PerFeature<Input> = Feature::ALL.map(|_| {
            let text: String = if rng.gen_bool(0.9) {
                // Mostly what people type: a number, maybe padded or signed.
                let pad = [" ", "", "\t", "  "][rng.gen_range(0..4)];
                let number = match rng.gen_range(0..4) {
                    0 => format!("{:.1}", rng.gen_range(0.0..12.0)),
                    1 => format!("{}", rng.gen_range(-5.0..120.0)),
                    2 => format!("{:e}", rng.gen_range(0.0..12.0)),
                    _ => format!("+{}", rng.gen_range(0..12)),
                };
                format!("{pad}{number}{pad}")
            } else {
                let len = rng.gen_range(0..12);
                (0..len)
                    .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
                    .collect()
            };
            Input::from_text(&text, |s| s.parse().unwrap_or(f64::NAN))
        });
        match Measurements::from_inputs(inputs) {
            Ok(m) => {
                counts[0] += 1;
                let p = classifier.classify(&m).probabilities;
                assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
            Err(invalid) => {
                counts[1] += 1;
                for error in invalid.errors() {
                    assert!(ErrorKind::ALL.contains(&error.kind()));
                    assert!(error.to_string().ends_with(ACCEPTED), "{error}");
                }
            }
        }
    }
    eprintln!(
        "fuzz (text): {} read and classified, {} rejected",
        counts[0], counts[1]
    );
    assert!(counts.iter().all(|&c| c > 1000));
}
