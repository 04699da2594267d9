//! The native half of the native-vs-wasm check: writes inputs and the native
//! answers, bit for bit, for `tests/node/parity.test.mjs` to compare with the
//! wasm module's.

use std::path::Path;

use anyhow::Result;
use iris_core::training::dataset;
use iris_core::{Feature, Input, Measurements, PerFeature};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

/// Random inputs on top of the 150 training rows.
const RANDOM_CASES: usize = 10_000;
const SEED: u64 = 20_261_121;

/// Writes the cases file and returns how many single predictions it holds.
pub fn write(path: &Path) -> Result<usize> {
    let classifier = iris_wasm::classifier()?;
    let data = dataset::load(&crate::project_root().join("data/iris.csv"))?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);

    let mut inputs: Vec<PerFeature<f64>> = data.rows.clone();
    for _ in 0..RANDOM_CASES {
        // Mostly plausible flowers (0 to 12 cm), some far outside training.
        let scale = if rng.gen_bool(0.9) { 12.0 } else { 100.0 };
        inputs.push(Feature::ALL.map(|_| rng.gen_range(0.0..scale)));
    }
    // Every kind of rejection, and the edges of the accepted range.
    let tiny = f64::MIN_POSITIVE;
    for bad in [
        f64::NAN,
        f64::INFINITY,
        -f64::INFINITY,
        0.0,
        -0.0,
        -1.0,
        100.000_001,
        1e308,
        tiny,
        100.0,
    ] {
        for feature in Feature::ALL {
            let mut x = [5.0, 3.0, 4.0, 1.2];
            x[feature.index()] = bad;
            inputs.push(x);
        }
    }

    let cases: Vec<Value> = inputs
        .iter()
        .map(|x| match Measurements::from_array(*x) {
            Ok(m) => {
                let p = classifier.classify(&m);
                json!({
                    "input": bits(x),
                    "species": p.species.name(),
                    "probabilities": bits(&p.probabilities),
                    "set": p.set.by_probability(&p.probabilities).iter().map(|s| s.name()).collect::<Vec<_>>(),
                    "warnings": p.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
                })
            }
            Err(e) => json!({ "input": bits(x), "error": e.first().to_string() }),
        })
        .collect();

    // The batch API takes f32 rows: the training rows and the random ones.
    let rows: Vec<f32> = inputs[..data.len() + RANDOM_CASES]
        .iter()
        .flat_map(|x| x.map(|v| v as f32))
        .collect();
    let answers = classifier.classify_rows(&rows)?;
    let batch = json!({
        "rows": rows.iter().map(|v| format!("{:08x}", v.to_bits())).collect::<Vec<_>>(),
        "species": answers.species,
        "probabilities": bits(&answers.probabilities),
        "outside": answers.outside,
        "sets": answers.sets,
    });
    let count = cases.len();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // The element's path: field text, read by iris-core (numbers through
    // Rust's parser here, the browser's in wasm).
    let samples = [
        "5.1",
        " 6 ",
        "",
        "   ",
        "abc",
        "1e2",
        "1e-400",
        "0x10",
        "-1",
        "5,1",
        "Infinity",
        "NaN",
        ".5",
        "5.",
        "+4.25",
        "100",
        "100.0000001",
        "2.5e0",
        "1..2",
        "\"3\"",
    ];
    let mut texts = Vec::new();
    for (i, sample) in samples.iter().enumerate() {
        let mut fields = ["5.8", "2.7", "4.1", "1.3"].map(str::to_owned);
        fields[i % Feature::COUNT] = (*sample).to_owned();
        let inputs = Feature::ALL
            .map(|f| Input::from_text(&fields[f.index()], |d| d.parse().unwrap_or(f64::NAN)));
        texts.push(match Measurements::from_inputs(inputs) {
            Ok(m) => {
                let p = classifier.classify(&m);
                json!({ "texts": fields, "species": p.species.name(), "probabilities": bits(&p.probabilities) })
            }
            Err(e) => json!({
                "texts": fields,
                "errors": e.errors().iter().map(ToString::to_string).collect::<Vec<_>>(),
            }),
        });
    }
    // Explanations (the explorer module): every tenth valid input.
    let explanations: Vec<Value> = inputs
        .iter()
        .step_by(10)
        .filter_map(|x| Measurements::from_array(*x).ok().map(|m| (x, m)))
        .map(|(x, m)| {
            let explanation = classifier.explain(&m, iris_explorer::neighbourhood());
            json!({ "input": x, "explanation": explanation })
        })
        .collect();
    let card: Value = serde_json::from_str(iris_wasm::model_card_json())?;
    let document = json!({
        "cases": cases, "batch": batch, "texts": texts, "card": card, "explanations": explanations,
    });
    std::fs::write(path, serde_json::to_vec(&document)?)?;
    Ok(count)
}

/// Each f64 as its 16 hex digits, so nothing is lost in JSON.
fn bits(values: &[f64]) -> Vec<String> {
    values
        .iter()
        .map(|v| format!("{:016x}", v.to_bits()))
        .collect()
}
