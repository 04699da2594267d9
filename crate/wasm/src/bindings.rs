//! The JavaScript boundary, and the only file that names wasm-bindgen.
//!
//! Each export converts JS values into `iris-core` inputs, calls the plain
//! Rust API and converts the answer back; every rule (what counts as
//! missing, what is valid, which errors are reported) lives in `iris-core`.
//! Errors become JS `Error`s whose message is the Rust `Display` text, with
//! `field`, `code`, `reason` and `errors` properties for programs. No input
//! can make these functions panic (a panic would trap). `www/iris.js` wraps
//! them into the documented public API.

use std::sync::{Mutex, MutexGuard, PoisonError};

use iris_core::{
    most_probable, ranked, BatchAnswers, BatchError, Classifier, Feature, Input,
    InvalidMeasurements, MeasurementError, Measurements, PerFeature, Prediction, Species, Warning,
};
use js_sys::{Array, Error, Object, Reflect, JSON};
use lol_alloc::{FreeListAllocator, LockedAllocator};
use wasm_bindgen::prelude::*;

/// The module's allocator: a free list, a few hundred bytes of code.
#[global_allocator]
static ALLOCATOR: LockedAllocator<FreeListAllocator> =
    LockedAllocator::new(FreeListAllocator::new());

/// Classifies one flower given as `{ sepalLength, sepalWidth, petalLength,
/// petalWidth }` (numbers, centimetres). Returns `{ species, probabilities,
/// set, warnings }`; throws a `MeasurementError` listing every invalid field.
#[wasm_bindgen]
pub fn predict(input: &JsValue) -> Result<Object, JsValue> {
    let classifier = classifier()?;
    if !input.is_object() {
        let error = Error::new(&format!(
            "expected an object {{ {} }} of numbers in centimetres, got {}",
            Feature::ALL.map(Feature::js_name).join(", "),
            written(input)
        ));
        error.set_name("TypeError");
        return Err(error.into());
    }
    let mut values = Vec::with_capacity(Feature::COUNT);
    for feature in Feature::ALL {
        values.push(Reflect::get(input, &feature.js_name().into())?);
    }
    let inputs: PerFeature<Input> = Feature::ALL.map(|f| value_input(&values[f.index()]));
    classify(classifier, inputs)
}

/// One field of the object `predict` was given, as `iris-core` reads it.
#[inline(never)]
fn value_input(value: &JsValue) -> Input {
    match value.as_f64() {
        _ if value.is_undefined() || value.is_null() => Input::Missing,
        Some(number) => Input::Number(number),
        // JS strings, objects and the like are shown as written.
        None => Input::Other(written(value)),
    }
}

/// Classifies one flower from the text of four form fields (an absent or
/// empty one is missing), for `<iris-classifier>`: the same answer and
/// errors as `predict`, with text read as `iris-core` reads it.
#[wasm_bindgen(js_name = predictText)]
pub fn predict_text(texts: Vec<JsValue>) -> Result<Object, JsValue> {
    let classifier = classifier()?;
    let inputs = Feature::ALL.map(|f| text_input(texts.get(f.index())));
    classify(classifier, inputs)
}

/// One form field's text, as `iris-core` reads it (absent: missing).
#[inline(never)]
fn text_input(text: Option<&JsValue>) -> Input {
    match text.and_then(JsValue::as_string) {
        // The browser's parser: correctly rounded, like Rust's, and free.
        Some(text) => Input::from_text(&text, js_sys::parse_float),
        None => Input::Missing,
    }
}

/// Validates and classifies, for both general paths: one copy in the module.
#[inline(never)]
fn classify(classifier: &Classifier, inputs: PerFeature<Input>) -> Result<Object, JsValue> {
    let measurements = Measurements::from_inputs(inputs).map_err(|e| invalid(&e))?;
    prediction(&classifier.classify(&measurements))
}

/// Where [`predict_numbers`] leaves its answer for `iris.js` to read: the
/// probabilities in species order, the species' class index, then the
/// prediction set's bits (bit 0 setosa).
static ANSWER: Mutex<[f64; Species::COUNT + 2]> = Mutex::new([0.0; Species::COUNT + 2]);

/// The batch buffers `iris.js` writes rows into and reads answers from,
/// kept between calls so a batch costs no allocation once they are big enough.
static BATCH: Mutex<(Vec<f32>, BatchAnswers)> = Mutex::new((
    Vec::new(),
    BatchAnswers {
        species: Vec::new(),
        probabilities: Vec::new(),
        outside: Vec::new(),
        sets: Vec::new(),
    },
));

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding these locks; if it did, the data is plain numbers.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The address of [`ANSWER`] in the module's memory.
#[wasm_bindgen(js_name = answerAddress)]
pub fn answer_address() -> usize {
    lock(&ANSWER).as_ptr() as usize
}

/// The fast path of `predict`: four numbers (cm). Returns 0 with the answer
/// in [`ANSWER`]; 1 when the prediction has warnings and 2 when the input
/// is invalid, for which `iris.js` calls [`predict`] to get the whole answer
/// or error. Validation is `iris-core`'s, the same as every other path.
#[wasm_bindgen(js_name = predictNumbers)]
pub fn predict_numbers(
    sepal_length: f64,
    sepal_width: f64,
    petal_length: f64,
    petal_width: f64,
) -> u32 {
    let Ok(classifier) = crate::classifier() else {
        return 2;
    };
    let values = [sepal_length, sepal_width, petal_length, petal_width];
    let Ok(measurements) = Measurements::from_array(values) else {
        return 2;
    };
    if classifier.outside_mask(&measurements) != 0 {
        return 1;
    }
    let probabilities = classifier.probabilities(&measurements);
    let [p0, p1, p2] = probabilities;
    let species = most_probable(&probabilities);
    let set = classifier.set(&probabilities, species).bits();
    *lock(&ANSWER) = [p0, p1, p2, species.index() as f64, f64::from(set)];
    0
}

/// Makes the batch buffers hold `values` input numbers and the answers for
/// their rows, and leaves their addresses (rows, species, probabilities,
/// outside, sets) in [`ANSWER`], valid until the next call. Returns false,
/// instead of trapping, when the module's memory cannot hold them
/// (`iris.js` says so).
#[wasm_bindgen(js_name = batchBuffers)]
pub fn batch_buffers(values: usize) -> bool {
    let rows = values / Feature::COUNT;
    let mut batch = lock(&BATCH);
    let (inputs, answers) = &mut *batch;
    let room = [
        reserve(inputs, values),
        reserve(&mut answers.species, rows),
        reserve(&mut answers.probabilities, Species::COUNT * rows),
        reserve(&mut answers.outside, rows),
        reserve(&mut answers.sets, rows),
    ];
    if room.contains(&false) {
        return false;
    }
    inputs.resize(values, 0.0);
    answers.species.resize(rows, 0);
    answers.probabilities.resize(Species::COUNT * rows, 0.0);
    answers.outside.resize(rows, 0);
    answers.sets.resize(rows, 0);
    *lock(&ANSWER) = [
        inputs.as_ptr() as usize,
        answers.species.as_ptr() as usize,
        answers.probabilities.as_ptr() as usize,
        answers.outside.as_ptr() as usize,
        answers.sets.as_ptr() as usize,
    ]
    .map(|address| address as f64);
    true
}

/// Makes room for `len` values in `buffer`; false when memory runs out.
fn reserve<T>(buffer: &mut Vec<T>, len: usize) -> bool {
    buffer
        .try_reserve_exact(len.saturating_sub(buffer.len()))
        .is_ok()
}

/// Classifies the rows in the batch buffers (sized by [`batch_buffers`]),
/// like `predictBatch`: throws on the first invalid row, naming it.
#[wasm_bindgen(js_name = batchRun)]
pub fn batch_run() -> Result<(), JsValue> {
    let mut batch = lock(&BATCH);
    let (rows, answers) = &mut *batch;
    classifier()?
        .classify_batch(rows, answers)
        .map_err(|error| match &error {
            BatchError::Row { row, errors } => {
                let js = invalid(errors);
                // Setting a property on a fresh Error cannot fail; ignore the bool.
                let _ = Reflect::set(&js, &"row".into(), &(*row as f64).into());
                js.set_message(&error.to_string());
                js.into()
            }
            _ => Error::new(&error.to_string()).into(),
        })
}

fn classifier() -> Result<&'static Classifier, JsValue> {
    crate::classifier().map_err(|e| Error::new(&format!("iris model unavailable: {e}")).into())
}

/// `{ species, probabilities: { setosa, … }, set: [species, …], warnings:
/// [{ field, code, message, value, min, max }] }`
fn prediction(prediction: &Prediction) -> Result<Object, JsValue> {
    let probabilities = Object::new();
    for species in Species::ALL {
        set(
            &probabilities,
            species.name(),
            &prediction.probabilities[species.index()].into(),
        )?;
    }
    let members = Array::new();
    for species in ranked(&prediction.probabilities) {
        if prediction.set.contains(species) {
            members.push(&species.name().into());
        }
    }
    let warnings = Array::new();
    for warning in &prediction.warnings {
        let entry = Object::new();
        set(&entry, "field", &warning.feature().js_name().into())?;
        set(&entry, "code", &warning.code().into())?;
        set(&entry, "message", &warning.to_string().into())?;
        // The value and the range it is outside, so a page can word it
        // in its own language without parsing the message.
        if let Warning::OutsideTrainingRange {
            value, min, max, ..
        } = warning
        {
            for (key, number) in [("value", value), ("min", min), ("max", max)] {
                set(&entry, key, &(*number).into())?;
            }
        }
        warnings.push(&entry);
    }
    let result = Object::new();
    set(&result, "species", &prediction.species.name().into())?;
    set(&result, "probabilities", &probabilities)?;
    set(&result, "set", &members)?;
    set(&result, "warnings", &warnings)?;
    Ok(result)
}

/// The first error as a JS `MeasurementError`, with every error in `errors`.
fn invalid(errors: &InvalidMeasurements) -> Error {
    let js = measurement_error(errors.first());
    let all: Array = errors.errors().iter().map(measurement_error).collect();
    // Setting a property on a fresh Error cannot fail; ignore the bool.
    let _ = Reflect::set(&js, &"errors".into(), &all);
    js
}

/// A JS `Error` carrying the message plus `field`, `code` and `reason`.
fn measurement_error(error: &MeasurementError) -> Error {
    let js = Error::new(&error.to_string());
    js.set_name("MeasurementError");
    for (key, value) in [
        ("field", error.feature().js_name().to_owned()),
        ("code", error.kind().code().to_owned()),
        ("reason", error.kind().reason()),
    ] {
        // Setting a property on a fresh Error cannot fail; ignore the bool.
        let _ = Reflect::set(&js, &key.into(), &value.into());
    }
    js
}

/// How a value was written: JSON (`"5.1"`, `{"cm":5}`, `true`), else its
/// type (`a bigint`).
fn written(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("a {}", value.js_typeof().as_string().unwrap_or_default()))
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &key.into(), value).map(drop)
}
