//! What a file's first line says: its separator, whether it is a header,
//! and which column holds which measurement and the species.

use iris_core::{Feature, PerFeature};
use serde::{Deserialize, Serialize};

/// The separators a file may use, in the order a tie is broken.
pub const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator the first line uses most (outside quotes): `,`, `;` or tab.
pub fn sniff_separator(first_line: &[u8]) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for &byte in first_line {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = SEPARATORS.iter().position(|&s| s == byte) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..SEPARATORS.len())
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    SEPARATORS[best]
}

/// Which column (0-based) holds each measurement and the species.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// The column of each measurement, in [`Feature::ALL`] order.
    pub fields: PerFeature<Option<usize>>,
    /// The column of the known species, when the file has one.
    pub species: Option<usize>,
}

/// A column name reduced to what identifies it: letters and digits, lower
/// case, without a trailing unit. `Sepal.Length`, `sepal_length`,
/// `SepalLengthCm` and `sepal length (cm)` all become `sepallength`.
fn key(name: &str) -> String {
    let bare: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    bare.strip_suffix("cm").map(str::to_owned).unwrap_or(bare)
}

/// Names a species column goes by.
const SPECIES_NAMES: [&str; 5] = ["species", "class", "variety", "label", "target"];

/// The columns the usual iris names point at: `sepal_length`, R's
/// `Sepal.Length`, Kaggle's `SepalLengthCm`, scikit-learn's `sepal length
/// (cm)`, in any case; and a species column (`species`, `class`, `variety`…).
/// A name used twice counts the first time.
pub fn recognise(header: &[String]) -> Mapping {
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    let find = |wanted: &str| keys.iter().position(|k| k == wanted);
    Mapping {
        fields: Feature::ALL.map(|f| find(&f.js_name().to_ascii_lowercase())),
        species: SPECIES_NAMES.iter().find_map(|name| find(name)),
    }
}

/// Whether a first line is data rather than names: four or more of its
/// fields read as numbers.
pub fn looks_like_data(fields: &[String]) -> bool {
    fields
        .iter()
        .filter(|f| crate::numbers::read(f).is_some())
        .count()
        >= Feature::COUNT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_usual_naming_is_recognised() {
        let want = Mapping {
            fields: [Some(1), Some(2), Some(3), Some(4)],
            species: Some(5),
        };
        for header in [
            [
                "Id",
                "sepal_length",
                "sepal_width",
                "petal_length",
                "petal_width",
                "species",
            ],
            [
                "",
                "Sepal.Length",
                "Sepal.Width",
                "Petal.Length",
                "Petal.Width",
                "Species",
            ],
            [
                "Id",
                "SepalLengthCm",
                "SepalWidthCm",
                "PetalLengthCm",
                "PetalWidthCm",
                "Species",
            ],
            [
                "n",
                "sepal length (cm)",
                "sepal width (cm)",
                "petal length (cm)",
                "petal width (cm)",
                "target",
            ],
            [
                "#",
                "SEPAL_LENGTH",
                "SEPAL_WIDTH",
                "PETAL_LENGTH",
                "PETAL_WIDTH",
                "Class",
            ],
        ] {
            assert_eq!(recognise(&names(&header)), want, "{header:?}");
        }
    }

    #[test]
    fn missing_columns_stay_unmapped() {
        let mapping = recognise(&names(&["petal_length", "petal_width"]));
        assert_eq!(mapping.fields, [None, None, Some(0), Some(1)]);
        assert_eq!(mapping.species, None);
    }

    #[test]
    fn the_separator_is_the_most_used_outside_quotes() {
        assert_eq!(sniff_separator(b"a,b,c"), b',');
        assert_eq!(sniff_separator(b"a;b;c"), b';');
        assert_eq!(sniff_separator(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_separator(b"\"x,y\";\"z,w\";v"), b';');
        assert_eq!(sniff_separator(b"alone"), b',');
    }

    #[test]
    fn a_first_line_of_numbers_is_data() {
        assert!(looks_like_data(&names(&[
            "5.1", "3.5", "1.4", "0.2", "setosa"
        ])));
        assert!(looks_like_data(&names(&["5,1", "3,5", "1,4", "0,2"])));
        assert!(!looks_like_data(&names(&[
            "sepal_length",
            "3.5",
            "1.4",
            "0.2"
        ])));
    }
}
