//! Why a measurement was rejected.

use core::fmt;

use crate::feature::Feature;
use crate::measurements::MAX_CM;
use crate::number::format_number;

/// A rejected measurement: which feature, what was given, and what is wrong.
///
/// The `Display` text names all three and what is accepted, for example
/// `invalid petal length '-1': must be greater than 0 cm (expected a number of
/// centimetres greater than 0 and at most 100)` or `missing petal width
/// (expected …)`.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasurementError {
    feature: Feature,
    given: Option<String>,
    kind: ErrorKind,
}

/// What is wrong with a measurement.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Occurs when a measurement is absent (an empty field, a missing property).
    Missing,
    /// Occurs when a value is not a number at all (a string, an object).
    WrongType,
    /// Occurs when a value is NaN.
    NotANumber,
    /// Occurs when a value is infinite.
    NotFinite,
    /// Occurs when a value is zero or negative.
    NotPositive,
    /// Occurs when a value is larger than any flower (over 100 cm).
    TooLarge,
}

impl ErrorKind {
    /// A stable kebab-case code for programs: `not-positive`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::Missing => "missing",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::NotANumber => "not-a-number",
            ErrorKind::NotFinite => "not-finite",
            ErrorKind::NotPositive => "not-positive",
            ErrorKind::TooLarge => "too-large",
        }
    }

    /// What is wrong, in a few words for a person: `must be greater than 0 cm`.
    pub const fn reason(self) -> &'static str {
        match self {
            ErrorKind::Missing => "is required",
            ErrorKind::WrongType => "must be a number",
            ErrorKind::NotANumber => "must be a number",
            ErrorKind::NotFinite => "must be a finite number",
            ErrorKind::NotPositive => "must be greater than 0 cm",
            ErrorKind::TooLarge => "must be at most 100 cm",
        }
    }
}

impl MeasurementError {
    /// An error for `feature`, whose given value is shown as `given`.
    pub fn new(feature: Feature, given: Option<String>, kind: ErrorKind) -> Self {
        MeasurementError {
            feature,
            given,
            kind,
        }
    }

    /// The feature that was rejected.
    pub fn feature(&self) -> Feature {
        self.feature
    }

    /// The rejected value as given, if there was one.
    pub fn given(&self) -> Option<&str> {
        self.given.as_deref()
    }

    /// What is wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for MeasurementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let feature = self.feature;
        match (&self.given, self.kind) {
            (None, ErrorKind::Missing) => write!(f, "missing {feature}")?,
            (None, kind) => write!(f, "invalid {feature}: {}", kind.reason())?,
            // A value of the wrong type is shown as written (`"5.1"`, `{}`).
            (Some(given), ErrorKind::WrongType) => write!(
                f,
                "invalid {feature} {given}: {}",
                ErrorKind::WrongType.reason()
            )?,
            (Some(given), kind) => write!(f, "invalid {feature} '{given}': {}", kind.reason())?,
        }
        write!(
            f,
            " (expected a number of centimetres greater than 0 and at most {})",
            format_number(MAX_CM)
        )
    }
}

impl std::error::Error for MeasurementError {}
