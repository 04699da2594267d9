//! The only file that names wasm-bindgen: JS values in, serde values out.

use iris_core::{Feature, Measurements};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::draw::{self, Theme};

/// Plain objects (not Maps) for JavaScript.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn measurements(values: &[f64]) -> Result<Measurements, JsError> {
    let array: [f64; Feature::COUNT] = values.try_into().map_err(|_| {
        JsError::new(&format!(
            "expected {} values, got {}",
            Feature::COUNT,
            values.len()
        ))
    })?;
    Measurements::from_array(array).map_err(|e| JsError::new(&e.first().to_string()))
}

/// Why the model answers what it does for `values` (in feature order):
/// contributions, margin, uncertainty and the nearest training flowers.
#[wasm_bindgen]
pub fn explain(values: &[f64]) -> Result<JsValue, JsError> {
    let classifier = iris_wasm::classifier().map_err(|e| JsError::new(&e.to_string()))?;
    let explanation = classifier.explain(&measurements(values)?, crate::neighbourhood());
    to_js(&explanation)
}

/// The 150 training flowers, for the table beside the map.
#[wasm_bindgen]
pub fn flowers() -> Result<JsValue, JsError> {
    to_js(&crate::neighbourhood().flowers())
}

/// What `drawMap` is asked to draw.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MapRequest {
    /// JS name of the measurement across.
    x: String,
    /// JS name of the measurement up.
    y: String,
    /// The flower, in feature order.
    values: Vec<f64>,
    /// Device pixels per CSS pixel.
    scale: f64,
    /// Dark colours.
    dark: bool,
    /// The axis titles in the reader's language (default: English, `petal
    /// length (cm)`).
    #[serde(default)]
    titles: Option<[String; 2]>,
}

fn feature(name: &str) -> Result<Feature, JsError> {
    Feature::ALL
        .into_iter()
        .find(|f| f.js_name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Feature::ALL.iter().map(|f| f.js_name()).collect();
            JsError::new(&format!(
                "unknown measurement {name:?}: expected one of {}",
                names.join(", ")
            ))
        })
}

/// Draws the decision map for the request into `canvas` (its whole pixel
/// size) and returns what the page needs to say and to map clicks.
#[wasm_bindgen(js_name = drawMap)]
pub fn draw_map(canvas: &HtmlCanvasElement, request: JsValue) -> Result<JsValue, JsError> {
    let request: MapRequest = serde_wasm_bindgen::from_value(request)?;
    let classifier = iris_wasm::classifier().map_err(|e| JsError::new(&e.to_string()))?;
    let (x, y) = (feature(&request.x)?, feature(&request.y)?);
    let flower = measurements(&request.values)?;
    let theme = if request.dark {
        Theme::DARK
    } else {
        Theme::LIGHT
    };
    let scale = if request.scale.is_finite() {
        request.scale.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let titles = request
        .titles
        .unwrap_or_else(|| [x, y].map(|f| format!("{} (cm)", f.label())));
    let drawn = draw::map(
        canvas,
        classifier,
        x,
        y,
        &titles,
        &flower,
        crate::neighbourhood(),
        theme,
        scale,
    )?;
    to_js(&drawn)
}
