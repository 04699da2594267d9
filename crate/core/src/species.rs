//! The three iris species the classifier knows: the single source of their
//! order and names (the JavaScript side gets them through
//! `www/generated/facts.js`).

use core::fmt;
use core::str::FromStr;

/// An iris species from Fisher's data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Species {
    /// *Iris setosa*.
    Setosa,
    /// *Iris versicolor*.
    Versicolor,
    /// *Iris virginica*.
    Virginica,
}

/// A value for each [`Species`], in [`Species::ALL`] order.
pub type PerSpecies<T> = [T; Species::COUNT];

impl Species {
    /// How many species the model tells apart.
    pub const COUNT: usize = 3;

    /// Every species, in the order the model numbers its classes (0, 1, 2).
    pub const ALL: PerSpecies<Species> = [Species::Setosa, Species::Versicolor, Species::Virginica];

    /// The class number the model uses for this species.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The species with class number `index`, if there is one.
    pub const fn from_index(index: usize) -> Option<Species> {
        match index {
            0 => Some(Species::Setosa),
            1 => Some(Species::Versicolor),
            2 => Some(Species::Virginica),
            _ => None,
        }
    }

    /// The lowercase name used in the data file and the JavaScript API.
    pub const fn name(self) -> &'static str {
        match self {
            Species::Setosa => "setosa",
            Species::Versicolor => "versicolor",
            Species::Virginica => "virginica",
        }
    }

    /// Every species name, separated by ", " and `last` before the final
    /// one: `setosa, versicolor or virginica`.
    pub fn list(last: &str) -> String {
        let names = Species::ALL.map(Species::name);
        let (final_name, rest) = names.split_last().unwrap_or((&"", &[]));
        if rest.is_empty() {
            return (*final_name).to_owned();
        }
        format!("{}{last}{final_name}", rest.join(", "))
    }

    /// The scientific name people read: `Iris virginica`.
    pub const fn label(self) -> &'static str {
        match self {
            Species::Setosa => "Iris setosa",
            Species::Versicolor => "Iris versicolor",
            Species::Virginica => "Iris virginica",
        }
    }
}

impl fmt::Display for Species {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Occurs when a text names no known species.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown species '{0}': expected {expected}", expected = Species::list(" or "))]
pub struct UnknownSpecies(pub String);

impl FromStr for Species {
    type Err = UnknownSpecies;

    /// Parses `setosa`, `versicolor` or `virginica`, ignoring case, surrounding
    /// white space and an `Iris-` prefix (as in the UCI files).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let bare = trimmed
            .get(..5)
            .filter(|p| p.eq_ignore_ascii_case("iris-"))
            .map_or(trimmed, |_| &trimmed[5..]);
        Species::ALL
            .into_iter()
            .find(|sp| sp.name().eq_ignore_ascii_case(bare))
            .ok_or_else(|| UnknownSpecies(s.to_owned()))
    }
}

/// Serialized as its name (`"setosa"`), as JavaScript sees it.
impl serde::Serialize for Species {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
