//! Measurements of one flower and the one place they are validated: every
//! caller (the wasm boundary, batches, the data file, the form) hands over
//! what it was given as [`Input`]s, and [`Measurements::from_inputs`]
//! returns either valid measurements or every problem with them.

use crate::feature::{Feature, PerFeature};
use crate::number::format_number;

/// The largest accepted measurement in centimetres. Iris flowers are a few
/// centimetres across; anything above this is a typo or a unit mistake.
pub const MAX_CM: f64 = 100.0;

/// The unit of every measurement.
pub const UNIT: &str = "cm";

/// The precision Fisher's flowers were measured to, in centimetres: the
/// step of the page's fields and sliders.
pub const STEP_CM: f64 = 0.1;

/// Four measurements in centimetres, each finite, greater than 0 and at most
/// [`MAX_CM`]. The only way to build one is through validation, so whatever
/// takes a `Measurements` needs no checks of its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurements(PerFeature<f64>);

/// One measurement as a caller was given it, before validation.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// Nothing was given (an empty field, an absent or null property).
    Missing,
    /// A number.
    Number(f64),
    /// Something that is not a number at all, as it was written (`"5.1"`
    /// for a JavaScript string, `{}` for an object).
    Other(String),
}

impl Input {
    /// Reads text a person typed or a file holds: white space around it is
    /// ignored, empty text is [`Input::Missing`], decimal notation (`5.1`,
    /// `-2`, `.5`, `1e-3`) is a number, anything else is [`Input::Other`]
    /// shown quoted. `read` turns checked decimal notation into the nearest
    /// `f64`; the caller supplies it so the wasm module can use the
    /// browser's (correctly rounded, and already downloaded) number parser
    /// instead of carrying Rust's.
    pub fn from_text(text: &str, read: impl FnOnce(&str) -> f64) -> Input {
        match text.trim() {
            "" => Input::Missing,
            decimal if is_decimal(decimal) => Input::Number(read(decimal)),
            other => Input::Other(quoted(other)),
        }
    }
}

/// Whether `text` is decimal notation: an optional sign, digits with at
/// most one `.` (at least one digit), then an optional exponent.
fn is_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let whole = digits(i);
    i += whole;
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        fraction = digits(i + 1);
        i += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1 + usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
        let exponent = digits(i);
        if exponent == 0 {
            return false;
        }
        i += exponent;
    }
    i == bytes.len()
}

impl Measurements {
    /// Validates the four measurements of a flower, in centimetres.
    ///
    /// ```
    /// use iris_core::{ErrorKind, Feature, Measurements};
    ///
    /// assert!(Measurements::new(5.1, 3.5, 1.4, 0.2).is_ok());
    /// let err = Measurements::new(5.1, 3.5, -1.0, 0.2).unwrap_err();
    /// assert_eq!(err.first().feature(), Feature::PetalLength);
    /// assert_eq!(err.first().kind(), ErrorKind::NotPositive);
    /// ```
    pub fn new(
        sepal_length: f64,
        sepal_width: f64,
        petal_length: f64,
        petal_width: f64,
    ) -> Result<Self, InvalidMeasurements> {
        Self::from_array([sepal_length, sepal_width, petal_length, petal_width])
    }

    /// Validates numbers given in [`Feature::ALL`] order.
    #[inline]
    pub fn from_array(values: PerFeature<f64>) -> Result<Self, InvalidMeasurements> {
        // The common case answers with one comparison per value; only a
        // rejected value needs the report that names what is wrong.
        if values.iter().all(|&value| is_valid(value)) {
            return Ok(Measurements(values));
        }
        Self::from_inputs(values.map(Input::Number))
    }

    /// Validates what a caller was given, in [`Feature::ALL`] order, and
    /// reports every invalid field, in that order.
    #[cold]
    pub fn from_inputs(inputs: PerFeature<Input>) -> Result<Self, InvalidMeasurements> {
        let mut values = [0.0; Feature::COUNT];
        let mut errors = Vec::new();
        for (feature, input) in Feature::ALL.into_iter().zip(inputs) {
            match check(feature, input) {
                Ok(value) => values[feature.index()] = value,
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(Measurements(values))
        } else {
            Err(InvalidMeasurements(errors))
        }
    }

    /// Whether every value of a flat buffer of rows is valid, by the rule
    /// of [`Measurements::from_array`]: how a batch checks a block of rows
    /// in one pass before it computes on them.
    #[inline]
    pub(crate) fn all_valid(values: &[f32]) -> bool {
        values
            .iter()
            .fold(true, |ok, &v| ok & is_valid(f64::from(v)))
    }

    /// The value of one feature, in centimetres.
    pub fn get(&self, feature: Feature) -> f64 {
        self.0[feature.index()]
    }

    /// All four values in [`Feature::ALL`] order.
    pub fn to_array(self) -> PerFeature<f64> {
        self.0
    }
}

/// The rule for one number: greater than 0 and at most [`MAX_CM`] (so NaN
/// and the infinities are out).
#[inline(always)]
fn is_valid(value: f64) -> bool {
    value > 0.0 && value <= MAX_CM
}

/// The rule for one value: a number that [`is_valid`]; otherwise, which
/// error it is.
fn check(feature: Feature, input: Input) -> Result<f64, MeasurementError> {
    let error = |given: Option<String>, kind| MeasurementError {
        feature,
        given,
        kind,
    };
    let value = match input {
        Input::Missing => return Err(error(None, ErrorKind::Missing)),
        Input::Other(written) => return Err(error(Some(written), ErrorKind::WrongType)),
        Input::Number(value) if is_valid(value) => return Ok(value),
        Input::Number(value) => value,
    };
    let kind = if value.is_nan() {
        ErrorKind::NotANumber
    } else if value.is_infinite() {
        ErrorKind::NotFinite
    } else if value <= 0.0 {
        ErrorKind::NotPositive
    } else {
        ErrorKind::TooLarge
    };
    Err(error(Some(format_number(value)), kind))
}

/// Text as a JSON string literal shows it: `"abc"`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Occurs when measurements are rejected: every invalid field, in
/// [`Feature::ALL`] order (never empty).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InvalidMeasurements(Vec<MeasurementError>);

impl InvalidMeasurements {
    /// The first invalid field's error.
    pub fn first(&self) -> &MeasurementError {
        // Built only from a non-empty list.
        &self.0[0]
    }

    /// Every invalid field's error.
    pub fn errors(&self) -> &[MeasurementError] {
        &self.0
    }
}

/// A rejected measurement: which feature, what was given, and what is wrong.
///
/// The `Display` text names all three and what is accepted, for example
/// `invalid petal length '-1': must be greater than 0 cm (expected a number of
/// centimetres greater than 0 and at most 100)` or `missing petal width
/// (expected …)`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "{what} (expected a number of centimetres greater than 0 and at most {max})",
    what = self.what(),
    max = format_number(MAX_CM)
)]
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
    /// Occurs when a value is not a number at all (a string, an object, text
    /// that does not read as a number).
    WrongType,
    /// Occurs when a value is NaN.
    NotANumber,
    /// Occurs when a value is infinite.
    NotFinite,
    /// Occurs when a value is zero or negative.
    NotPositive,
    /// Occurs when a value is larger than any flower (over [`MAX_CM`]).
    TooLarge,
}

impl ErrorKind {
    /// Every kind, for tables generated from them.
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::Missing,
        ErrorKind::WrongType,
        ErrorKind::NotANumber,
        ErrorKind::NotFinite,
        ErrorKind::NotPositive,
        ErrorKind::TooLarge,
    ];

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
    pub fn reason(self) -> String {
        match self {
            ErrorKind::Missing => "is required".to_owned(),
            ErrorKind::WrongType | ErrorKind::NotANumber => "must be a number".to_owned(),
            ErrorKind::NotFinite => "must be a finite number".to_owned(),
            ErrorKind::NotPositive => format!("must be greater than 0 {UNIT}"),
            ErrorKind::TooLarge => format!("must be at most {} {UNIT}", format_number(MAX_CM)),
        }
    }
}

impl MeasurementError {
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

    /// The message before the "expected" part: `invalid petal length '-1':
    /// must be greater than 0 cm`.
    fn what(&self) -> String {
        let (feature, reason) = (self.feature, self.kind.reason());
        match (&self.given, self.kind) {
            (None, ErrorKind::Missing) => format!("missing {feature}"),
            (None, _) => format!("invalid {feature}: {reason}"),
            // A value of the wrong type is shown as written (`"5.1"`, `{}`).
            (Some(given), ErrorKind::WrongType) => format!("invalid {feature} {given}: {reason}"),
            (Some(given), _) => format!("invalid {feature} '{given}': {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Input {
        Input::from_text(text, |s| s.parse().unwrap_or(f64::NAN))
    }

    #[test]
    fn text_is_read_as_a_number_or_rejected_as_written() {
        let err = Measurements::from_inputs([" 5.1 ", "", "abc", "-1"].map(text)).expect_err("bad");
        let kinds: Vec<_> = err
            .errors()
            .iter()
            .map(|e| (e.feature(), e.kind()))
            .collect();
        assert_eq!(
            kinds,
            [
                (Feature::SepalWidth, ErrorKind::Missing),
                (Feature::PetalLength, ErrorKind::WrongType),
                (Feature::PetalWidth, ErrorKind::NotPositive),
            ]
        );
        assert_eq!(
            err.errors()[1].to_string(),
            "invalid petal length \"abc\": must be a number (expected a number of \
             centimetres greater than 0 and at most 100)"
        );
        let ok = Measurements::from_inputs(["5.1", "3.5", "1.4", "0.2"].map(text));
        assert_eq!(ok, Measurements::new(5.1, 3.5, 1.4, 0.2));
    }

    #[test]
    fn the_fast_check_and_the_report_agree() {
        let edge = [
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            1.0,
            MAX_CM,
            100.00000000000001,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -1.0,
        ];
        for value in edge {
            let fast = is_valid(value);
            let reported = check(Feature::SepalLength, Input::Number(value)).is_ok();
            assert_eq!(fast, reported, "{value}");
            assert_eq!(
                Measurements::from_array([value, 1.0, 1.0, 1.0]).is_ok(),
                Measurements::from_inputs([value, 1.0, 1.0, 1.0].map(Input::Number)).is_ok(),
            );
        }
    }

    #[test]
    fn decimal_notation_only() {
        for good in ["5", "5.", ".5", "+5.1", "-0.5", "1e2", "1.5E-3", "007"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in [
            "", ".", "-", "e5", "1e", "1e+", "5.1.2", "0x10", "inf", "NaN", "5,1", "1 2",
        ] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn every_error_is_reported_and_displayed() {
        let err = Measurements::from_inputs([
            Input::Missing,
            Input::Other("{}".to_owned()),
            Input::Number(f64::INFINITY),
            Input::Number(0.2),
        ])
        .expect_err("invalid");
        assert_eq!(err.errors().len(), 3);
        assert_eq!(err.first().kind(), ErrorKind::Missing);
        assert_eq!(
            err.to_string(),
            "missing sepal length (expected a number of centimetres greater than 0 and at most \
             100); invalid sepal width {}: must be a number (expected a number of centimetres \
             greater than 0 and at most 100); invalid petal length 'Infinity': must be a finite \
             number (expected a number of centimetres greater than 0 and at most 100)"
        );
    }

    #[test]
    fn quoting_escapes_like_json() {
        assert_eq!(quoted("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
