//! The JavaScript boundary, and the only file that names wasm-bindgen.
//!
//! Each export converts JS values to validated Rust values, calls the plain
//! Rust API and converts back. Errors become JS `Error`s whose message is the
//! Rust `Display` text, with `field`, `code` and `reason` properties for
//! programs. No input can make these functions panic (a panic would trap).
//! `www/iris.js` wraps them into the documented public API.

use js_sys::{Array, Error, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::error::{ErrorKind, MeasurementError};
use crate::{BatchError, BatchOutput, Classifier, Feature, Measurements, Species, Warning};

/// Classifies one flower given as `{ sepalLength, sepalWidth, petalLength,
/// petalWidth }` in centimetres. Returns `{ species, probabilities, warnings }`.
/// Throws an `Error` naming the first invalid field; its `errors` property
/// lists every invalid field.
#[wasm_bindgen]
pub fn predict(input: &JsValue) -> Result<Object, JsValue> {
    let classifier = embedded()?;
    let measurements = read_measurements(input)?;
    let prediction = classifier.classify(&measurements);

    let probabilities = Object::new();
    for species in Species::ALL {
        set(
            &probabilities,
            species.name(),
            &prediction.probabilities[species.index()].into(),
        )?;
    }
    let warnings = Array::new();
    for warning in &prediction.warnings {
        let entry = Object::new();
        match warning {
            Warning::OutsideTrainingRange { feature, .. } => {
                set(&entry, "field", &feature.js_name().into())?;
                set(&entry, "code", &"outside-training-range".into())?;
            }
        }
        set(&entry, "message", &warning.to_string().into())?;
        warnings.push(&entry);
    }
    let result = Object::new();
    set(&result, "species", &prediction.species.name().into())?;
    set(&result, "probabilities", &probabilities)?;
    set(&result, "warnings", &warnings)?;
    Ok(result)
}

/// Classifies `rows` (4 values per flower, cm), writing a class index, three
/// probabilities and an outside-training-range bit mask per row into the
/// output arrays. Throws on the first invalid row, naming it.
#[wasm_bindgen(js_name = predictBatch)]
pub fn predict_batch(
    rows: &[f32],
    species: &mut [u8],
    probabilities: &mut [f64],
    outside: &mut [u8],
) -> Result<(), JsValue> {
    let out = BatchOutput {
        species,
        probabilities,
        outside,
    };
    embedded()?
        .classify_batch(rows, out)
        .map_err(|error| match &error {
            BatchError::Row { row, error: inner } => {
                let js = measurement_error(inner);
                // Setting a property on a fresh Error cannot fail; ignore the bool.
                let _ = Reflect::set(&js, &"row".into(), &(*row as f64).into());
                js.set_message(&error.to_string());
                js.into()
            }
            _ => Error::new(&error.to_string()).into(),
        })
}

/// The model card as JSON.
#[wasm_bindgen(js_name = modelCard)]
pub fn model_card() -> String {
    crate::model_card_json().to_owned()
}

fn embedded() -> Result<&'static Classifier, JsValue> {
    Classifier::embedded().map_err(|e| Error::new(&format!("iris model unavailable: {e}")).into())
}

/// Reads the four fields, reporting every invalid one.
fn read_measurements(input: &JsValue) -> Result<Measurements, JsValue> {
    if !input.is_object() {
        let error = Error::new(&format!(
            "expected an object {{ sepalLength, sepalWidth, petalLength, petalWidth }} of \
             numbers in centimetres, got {}",
            describe(input)
        ));
        error.set_name("TypeError");
        return Err(error.into());
    }
    let mut values = [0.0; 4];
    let mut errors = Vec::new();
    for feature in Feature::ALL {
        let value = Reflect::get(input, &feature.js_name().into())?;
        let checked = if value.is_undefined() || value.is_null() {
            Err(MeasurementError::new(feature, None, ErrorKind::Missing))
        } else if let Some(number) = value.as_f64() {
            Measurements::check(feature, number)
        } else {
            Err(MeasurementError::new(
                feature,
                Some(describe(&value)),
                ErrorKind::WrongType,
            ))
        };
        match checked {
            Ok(v) => values[feature.index()] = v,
            Err(e) => errors.push(e),
        }
    }
    let Some(first) = errors.first() else {
        return Measurements::from_array(values).map_err(|e| measurement_error(&e).into());
    };
    let js = measurement_error(first);
    let all: Array = errors.iter().map(measurement_error).collect();
    set(&js, "errors", &all)?;
    Err(js.into())
}

/// A JS `Error` carrying the message plus `field`, `code` and `reason`.
fn measurement_error(error: &MeasurementError) -> Error {
    let js = Error::new(&error.to_string());
    js.set_name("MeasurementError");
    for (key, value) in [
        ("field", error.feature().js_name()),
        ("code", error.kind().code()),
        ("reason", error.kind().reason()),
    ] {
        // Setting a property on a fresh Error cannot fail; ignore the bool.
        let _ = Reflect::set(&js, &key.into(), &value.into());
    }
    js
}

/// How a value that is not a number was written: strings and other values in
/// JSON (`"5.1"`, `{"cm":5}`, `true`), else its type (`a bigint`).
fn describe(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("a {}", value.js_typeof().as_string().unwrap_or_default()))
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &key.into(), value).map(drop)
}
