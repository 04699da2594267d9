/*!
Classifies iris flowers from four measurements, with a model trained by
[smartcore](https://smartcorelib.org) when this crate is built.

The build script reads `data/iris.csv` (Fisher's 150 flowers), compares model
families by stratified 10-fold cross-validation, fits the shipped one on all
the data and embeds it (serde, postcard) together with its model card. The same
code runs natively and, through [`wasm`](crate#webassembly), in the browser,
with bit-identical results.

# Example

This example shows how to go from measurements to a species.

```
use iris_classifier::{Classifier, Measurements, Species};

let classifier = Classifier::embedded()?;
let flower = Measurements::new(5.1, 3.5, 1.4, 0.2)?; // cm
let prediction = classifier.classify(&flower);
assert_eq!(prediction.species, Species::Setosa);
assert!((prediction.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Example: rejected input

Every measurement must be a finite number of centimetres above 0 and at
most 100; the error names the field, the value and what is accepted.

```
use iris_classifier::Measurements;

let err = Measurements::new(5.1, 3.5, -1.0, 0.2).unwrap_err();
assert_eq!(
    err.to_string(),
    "invalid petal length '-1': must be greater than 0 cm \
     (expected a number of centimetres greater than 0 and at most 100)"
);
```

# WebAssembly

Built for `wasm32-unknown-unknown`, the crate exports a thin wasm-bindgen
layer (`src/wasm.rs`) that the JavaScript entry point `iris.js` wraps.

# Crate features

* `training`: the training and cross-validation code the build script runs,
  for native tests and tools. Never needed to predict.
*/
#![deny(missing_docs)]

mod batch;
pub mod bundle;
pub mod card;
mod error;
mod feature;
mod measurements;
mod model;
mod number;
mod species;
#[cfg(feature = "training")]
pub mod training;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use batch::{BatchError, BatchOutput};
pub use card::ModelCard;
pub use error::{ErrorKind, MeasurementError};
pub use feature::Feature;
pub use measurements::{Measurements, MAX_CM};
#[cfg(not(target_arch = "wasm32"))]
pub use model::model_card;
pub use model::{model_bytes, model_card_json, Classifier, ModelError, Prediction, Warning};
pub use species::{Species, UnknownSpecies};
