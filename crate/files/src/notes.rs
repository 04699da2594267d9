//! The `note` column: its sentences come from the page's catalogue (in the
//! reader's language) with `{name}` where values go; this module fills them.

use std::collections::HashMap;

use serde::Deserialize;

/// The `note` column's sentences, with `{field}`, `{value}`, `{min}`,
/// `{max}`, `{reason}`, `{count}`, `{expected}`, `{label}`, `{first}`,
/// `{last}` and `{bytes}` where values go.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    /// Each measurement's name, in [`iris_core::Feature::ALL`] order.
    pub fields: [String; 4],
    /// Why a value is refused, by error code (`missing`, `not-positive`…).
    pub reasons: HashMap<String, String>,
    /// A refused value: `{field}: {reason}`.
    pub invalid: String,
    /// A value outside the training data: `{field} {value} cm is outside…`.
    pub outside: String,
    /// A row with another number of fields than the header: `{count}`, `{expected}`.
    pub field_count: String,
    /// A species label that names no species: `{label}`.
    pub unknown_species: String,
    /// A row whose quote is never closed, read on its own line.
    pub unclosed_quote: String,
    /// A row over several lines (a quoted cell holds line breaks): `{first}`, `{last}`.
    pub spans_lines: String,
    /// A line too long to read: `{bytes}` and the limit, `{max}`.
    pub too_long: String,
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A number as the output writes it: shortest form, with the file's decimal mark.
pub fn number(value: f64, decimal_comma: bool) -> String {
    mark(iris_core::format_number(value), decimal_comma)
}

/// Number text with the file's decimal mark.
pub fn mark(text: String, decimal_comma: bool) -> String {
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}
