//! Validated measurements of one flower.

use crate::error::{ErrorKind, MeasurementError};
use crate::feature::Feature;
use crate::number::format_number;

/// The largest accepted measurement in centimetres. Iris flowers are a few
/// centimetres across; anything above this is a typo or a unit mistake.
pub const MAX_CM: f64 = 100.0;

/// Four measurements in centimetres, each finite, greater than 0 and at most
/// [`MAX_CM`]. The only way to build one is through validation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurements([f64; 4]);

impl Measurements {
    /// Validates the four measurements of a flower, in centimetres.
    ///
    /// ```
    /// use iris_classifier::{ErrorKind, Feature, Measurements};
    ///
    /// assert!(Measurements::new(5.1, 3.5, 1.4, 0.2).is_ok());
    /// let err = Measurements::new(5.1, 3.5, -1.0, 0.2).unwrap_err();
    /// assert_eq!(err.feature(), Feature::PetalLength);
    /// assert_eq!(err.kind(), ErrorKind::NotPositive);
    /// ```
    pub fn new(
        sepal_length: f64,
        sepal_width: f64,
        petal_length: f64,
        petal_width: f64,
    ) -> Result<Self, MeasurementError> {
        Self::from_array([sepal_length, sepal_width, petal_length, petal_width])
    }

    /// Validates measurements given in [`Feature::ALL`] order.
    pub fn from_array(values: [f64; 4]) -> Result<Self, MeasurementError> {
        for feature in Feature::ALL {
            Self::check(feature, values[feature.index()])?;
        }
        Ok(Measurements(values))
    }

    /// The value of one feature, in centimetres.
    pub fn get(&self, feature: Feature) -> f64 {
        self.0[feature.index()]
    }

    /// All four values in [`Feature::ALL`] order.
    pub fn to_array(self) -> [f64; 4] {
        self.0
    }

    /// Checks one value of `feature`, the rule [`Measurements::new`] applies
    /// to each: finite, greater than 0, at most [`MAX_CM`].
    pub fn check(feature: Feature, value: f64) -> Result<f64, MeasurementError> {
        let kind = if value.is_nan() {
            ErrorKind::NotANumber
        } else if value.is_infinite() {
            ErrorKind::NotFinite
        } else if value <= 0.0 {
            ErrorKind::NotPositive
        } else if value > MAX_CM {
            ErrorKind::TooLarge
        } else {
            return Ok(value);
        };
        Err(MeasurementError::new(
            feature,
            Some(format_number(value)),
            kind,
        ))
    }
}
