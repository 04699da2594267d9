/*!
Everything about iris flowers that does not depend on where it runs: the four
measurements and three species (the single source of those facts), the one
place measurements are validated, the saved-model format and the arithmetic
that turns measurements into a prediction, and (feature `training`) reading
`data/iris.csv`, cross-validation and fitting with
[smartcore](https://smartcorelib.org).

The `iris-wasm` crate trains with this crate in its build script, embeds the
result and exports it to JavaScript; native tests and `xtask` use it too.

# Example

This example shows how to validate measurements and read what is wrong.

```
use iris_core::{ErrorKind, Feature, Input, Measurements};

assert!(Measurements::new(5.1, 3.5, 1.4, 0.2).is_ok());

// Every invalid field is reported, in feature order.
let read = |decimal: &str| decimal.parse().unwrap_or(f64::NAN);
let err = Measurements::from_inputs([
    Input::from_text("5,1x", read),
    Input::Number(3.5),
    Input::Missing,
    Input::Number(-1.0),
])
.unwrap_err();
let kinds: Vec<_> = err.errors().iter().map(|e| (e.feature(), e.kind())).collect();
assert_eq!(kinds, [
    (Feature::SepalLength, ErrorKind::WrongType),
    (Feature::PetalLength, ErrorKind::Missing),
    (Feature::PetalWidth, ErrorKind::NotPositive),
]);
assert_eq!(
    err.errors()[2].to_string(),
    "invalid petal width '-1': must be greater than 0 cm \
     (expected a number of centimetres greater than 0 and at most 100)"
);
```

# Crate features

* `training`: the training and cross-validation code (`training` module),
  for the build script, native tests and tools. Never needed to predict.
*/
#![deny(missing_docs)]

mod batch;
pub mod card;
mod classifier;
mod exp;
pub mod explain;
mod feature;
mod lanes;
mod language;
pub mod map;
mod measurements;
mod number;
mod prediction_set;
pub mod saved_model;
mod species;
#[cfg(feature = "training")]
pub mod training;

pub use batch::{BatchAnswers, BatchError};
pub use card::ModelCard;
pub use classifier::{most_probable, Classifier, ModelError, Prediction, Warning};
pub use feature::{Feature, PerFeature};
pub use language::Language;
pub use measurements::{
    ErrorKind, Input, InvalidMeasurements, MeasurementError, Measurements, MAX_CM, STEP_CM, UNIT,
};
pub use number::format_number;
pub use prediction_set::{ranked, SpeciesSet};
pub use species::{PerSpecies, Species, UnknownSpecies};
