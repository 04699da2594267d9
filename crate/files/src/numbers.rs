//! Numbers as spreadsheets write them: `5.1`, or `5,1` with a decimal comma
//! (as Spanish and French spreadsheets export them).

use iris_core::Input;

/// The text with a decimal comma made a point (`5,1` is `5.1`); other text as it is.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim();
    match trimmed.split_once(',') {
        Some((whole, fraction))
            if !whole.contains('.')
                && !fraction.contains([',', '.'])
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            std::borrow::Cow::Owned(format!("{whole}.{fraction}"))
        }
        _ => std::borrow::Cow::Borrowed(trimmed),
    }
}

/// A field as the classifier takes it: missing, a number, or something else
/// (quoted in messages). Validation is `iris-core`'s.
pub fn input(text: &str) -> Input {
    Input::from_text(&normalise(text), |s| s.parse().unwrap_or(f64::NAN))
}

/// The field as a number, when it is one.
pub fn read(text: &str) -> Option<f64> {
    match input(text) {
        Input::Number(value) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_commas_and_points_read_alike() {
        assert_eq!(read("5.1"), Some(5.1));
        assert_eq!(read("5,1"), Some(5.1));
        assert_eq!(read(" 0,25 "), Some(0.25));
        assert_eq!(read("7"), Some(7.0));
        assert_eq!(read("1,234.5"), None);
        assert_eq!(read("5,1,2"), None);
        assert_eq!(read("abc"), None);
        assert_eq!(read(""), None);
    }

    /// The cases the element's reading is checked against too.
    #[test]
    fn the_shared_decimal_mark_cases_read_as_listed() {
        #[derive(serde::Deserialize)]
        struct Cases {
            cases: Vec<(String, Option<f64>)>,
        }
        let text = include_str!("../tests/decimal-marks.json");
        let Cases { cases } = serde_json::from_str(text).expect("the cases parse");
        assert!(cases.len() >= 10);
        for (text, want) in cases {
            assert_eq!(read(&text), want, "{text:?}");
        }
    }
}
