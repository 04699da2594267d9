//! What a file's first line says: its separator, whether it is a header,
//! and which column holds which measurement and the species.

use iris_core::{Feature, Language, PerFeature};
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
/// case, accents dropped, without a trailing unit. `Sepal.Length`,
/// `sepal_length`, `SepalLengthCm` and `sepal length (cm)` all become
/// `sepallength`; `Longitud del sépalo (cm)` becomes `longituddelsepalo`.
fn key(name: &str) -> String {
    let bare: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(without_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect();
    bare.strip_suffix("cm").map(str::to_owned).unwrap_or(bare)
}

/// The letter without its accent, for the letters Spanish and French use.
fn without_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ÿ' => 'y',
        other => other,
    }
}

/// How one language names a column in a header (as [`key`]s): for a
/// measurement, its words for the part and for the dimension, the words
/// that may join them, and which comes first; and the names of a species
/// column.
struct Naming {
    /// Sepal, then petal, each as it may be written (singular, plural).
    parts: [&'static [&'static str]; 2],
    /// Length, then width.
    dimensions: [&'static [&'static str]; 2],
    /// What may stand between the two ("" for nothing).
    joins: &'static [&'static str],
    /// Whether the part comes first (`sepal length`) or the dimension
    /// (`longitud del sépalo`).
    part_first: bool,
    /// Names a species column goes by, the likeliest first.
    species: &'static [&'static str],
}

/// How `language` names columns. Every language the product speaks has
/// one: a new [`Language`] does not compile until it has its naming here.
const fn naming(language: Language) -> Naming {
    match language {
        Language::English => Naming {
            parts: [&["sepal"], &["petal"]],
            dimensions: [&["length"], &["width"]],
            joins: &[""],
            part_first: true,
            species: &["species", "class", "variety", "label", "target"],
        },
        Language::Spanish => Naming {
            parts: [&["sepalo", "sepalos"], &["petalo", "petalos"]],
            dimensions: [&["longitud", "largo"], &["ancho", "anchura"]],
            joins: &["", "de", "del", "dela", "delos"],
            part_first: false,
            species: &["especie", "clase", "variedad"],
        },
        Language::French => Naming {
            parts: [&["sepale", "sepales"], &["petale", "petales"]],
            dimensions: [&["longueur"], &["largeur"]],
            joins: &["", "de", "du", "des"],
            part_first: false,
            species: &["espece", "classe", "variete"],
        },
    }
}

/// How every language the product speaks names columns.
fn namings() -> impl Iterator<Item = Naming> {
    Language::ALL.into_iter().map(naming)
}

/// Whether a column's key names `feature` in any language.
fn means(key: &str, feature: Feature) -> bool {
    let (part, dimension) = match feature {
        Feature::SepalLength => (0, 0),
        Feature::SepalWidth => (0, 1),
        Feature::PetalLength => (1, 0),
        Feature::PetalWidth => (1, 1),
    };
    namings().any(|naming| {
        naming.parts[part].iter().any(|p| {
            naming.dimensions[dimension].iter().any(|d| {
                let (first, second) = if naming.part_first { (p, d) } else { (d, p) };
                naming.joins.iter().any(|join| {
                    key.len() == first.len() + join.len() + second.len()
                        && key.starts_with(first)
                        && key[first.len()..].starts_with(join)
                        && key.ends_with(second)
                })
            })
        })
    })
}

/// The columns the usual iris names point at: `sepal_length`, R's
/// `Sepal.Length`, Kaggle's `SepalLengthCm`, scikit-learn's `sepal length
/// (cm)`, Spanish (`longitud_sepalo`, `Longitud del sépalo`, `ancho
/// pétalo`…) and French (`longueur_sepale`, `Largeur des pétales`…), in any
/// case, with or without accents; and a species column (`species`,
/// `class`, `especie`, `espèce`…). A name used twice counts the first time.
pub fn recognise(header: &[String]) -> Mapping {
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    Mapping {
        fields: Feature::ALL.map(|f| keys.iter().position(|k| means(k, f))),
        species: namings()
            .flat_map(|naming| naming.species)
            .find_map(|name| keys.iter().position(|k| k == name)),
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
    fn spanish_and_french_namings_are_recognised() {
        let want = Mapping {
            fields: [Some(0), Some(1), Some(2), Some(3)],
            species: Some(4),
        };
        for header in [
            [
                "Longitud del sépalo",
                "Ancho del sépalo",
                "Longitud del pétalo",
                "Ancho del pétalo",
                "Especie",
            ],
            [
                "longitud_sepalo",
                "ancho_sepalo",
                "longitud_petalo",
                "ancho_petalo",
                "clase",
            ],
            [
                "LARGO SÉPALO (cm)",
                "ANCHURA SÉPALO (cm)",
                "LARGO PÉTALO (cm)",
                "ANCHURA PÉTALO (cm)",
                "Variedad",
            ],
            [
                "Longueur du sépale",
                "Largeur du sépale",
                "Longueur du pétale",
                "Largeur du pétale",
                "Espèce",
            ],
            [
                "longueur_sepales",
                "largeur_sepales",
                "longueur_petales",
                "largeur_petales",
                "classe",
            ],
            [
                "Longueur des sépales (cm)",
                "Largeur des sépales (cm)",
                "Longueur des pétales (cm)",
                "Largeur des pétales (cm)",
                "Variété",
            ],
        ] {
            assert_eq!(recognise(&names(&header)), want, "{header:?}");
        }
    }

    #[test]
    fn near_names_are_not_taken_for_measurements() {
        let mapping = recognise(&names(&[
            "sepal",
            "length",
            "sepal length ratio",
            "longitud",
            "longitud del tallo",
            "largeur de la feuille",
        ]));
        assert_eq!(mapping.fields, [None; 4]);
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
