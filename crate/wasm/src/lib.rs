/*!
The WebAssembly module: the model trained by this crate's build script (with
`iris-core`'s training code, on `data/iris.csv`), embedded as bytes with its
model card, and exported to JavaScript by [`bindings`](crate#webassembly).
Natively the same embedded model is what the tests and `xtask` check.

# Example

This example shows how to go from measurements to a species.

```
use iris_core::{Measurements, Species};

let classifier = iris_wasm::classifier()?;
let flower = Measurements::new(5.1, 3.5, 1.4, 0.2)?; // cm
let prediction = classifier.classify(&flower);
assert_eq!(prediction.species, Species::Setosa);
assert!((prediction.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# WebAssembly

Built for `wasm32-unknown-unknown`, the crate exports a thin wasm-bindgen
layer (`src/bindings.rs`, the only file that names wasm-bindgen) that the
JavaScript entry point `iris.js` wraps.
*/
#![deny(missing_docs)]

#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod bindings;

use std::sync::OnceLock;

use iris_core::{Classifier, ModelError};

/// The product's version (this crate's), as `/version.json` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The serialized [`iris_core::saved_model::SavedModel`], written by the build script.
static MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.postcard"));

/// The model card as JSON, written by the build script.
static MODEL_CARD_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/model_card.json"));

/// The embedded model bytes (postcard-encoded).
pub fn model_bytes() -> &'static [u8] {
    MODEL_BYTES
}

/// The embedded model card as JSON (see [`iris_core::ModelCard`]).
pub fn model_card_json() -> &'static str {
    MODEL_CARD_JSON
}

/// The classifier embedded at build time, decoded on first use.
pub fn classifier() -> Result<&'static Classifier, ModelError> {
    static EMBEDDED: OnceLock<Result<Classifier, ModelError>> = OnceLock::new();
    EMBEDDED
        .get_or_init(|| Classifier::from_bytes(MODEL_BYTES))
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded model card, parsed.
#[cfg(not(target_arch = "wasm32"))]
pub fn model_card() -> Result<iris_core::ModelCard, ModelError> {
    serde_json::from_str(MODEL_CARD_JSON).map_err(|e| ModelError::Card(e.to_string()))
}
