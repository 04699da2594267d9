//! The four measurements of a flower: their order, names and ranges. The
//! single source of these facts: the JavaScript side gets them from
//! `www/generated/facts.js`, which `cargo xtask codegen` writes from here.

use core::fmt;

/// One of the four measurements, each in centimetres.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// Length of the sepal.
    SepalLength,
    /// Width of the sepal.
    SepalWidth,
    /// Length of the petal.
    PetalLength,
    /// Width of the petal.
    PetalWidth,
}

/// A value for each [`Feature`], in [`Feature::ALL`] order.
pub type PerFeature<T> = [T; Feature::COUNT];

impl Feature {
    /// How many measurements a flower has.
    pub const COUNT: usize = 4;

    /// Every feature, in model column order.
    pub const ALL: PerFeature<Feature> = [
        Feature::SepalLength,
        Feature::SepalWidth,
        Feature::PetalLength,
        Feature::PetalWidth,
    ];

    /// The column index of this feature.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Words for people, lowercase: `petal length`.
    pub const fn label(self) -> &'static str {
        match self {
            Feature::SepalLength => "sepal length",
            Feature::SepalWidth => "sepal width",
            Feature::PetalLength => "petal length",
            Feature::PetalWidth => "petal width",
        }
    }

    /// The column name in `data/iris.csv`: `petal_length`.
    pub const fn column(self) -> &'static str {
        match self {
            Feature::SepalLength => "sepal_length",
            Feature::SepalWidth => "sepal_width",
            Feature::PetalLength => "petal_length",
            Feature::PetalWidth => "petal_width",
        }
    }

    /// The property name in the JavaScript API: `petalLength`.
    pub const fn js_name(self) -> &'static str {
        match self {
            Feature::SepalLength => "sepalLength",
            Feature::SepalWidth => "sepalWidth",
            Feature::PetalLength => "petalLength",
            Feature::PetalWidth => "petalWidth",
        }
    }

    /// The HTML attribute name of `<iris-classifier>` and the URL
    /// parameter of the page: `petal-length`.
    pub const fn attribute(self) -> &'static str {
        match self {
            Feature::SepalLength => "sepal-length",
            Feature::SepalWidth => "sepal-width",
            Feature::PetalLength => "petal-length",
            Feature::PetalWidth => "petal-width",
        }
    }

    /// The upper end of this feature's slider, in centimetres: a little
    /// above the largest flower in the data, so the slider's travel is
    /// spent where flowers are. (Typed values may go up to
    /// [`crate::MAX_CM`].)
    pub const fn slider_max(self) -> f64 {
        match self {
            Feature::SepalLength => 10.0,
            Feature::SepalWidth => 6.0,
            Feature::PetalLength => 9.0,
            Feature::PetalWidth => 4.0,
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Serialized as its JavaScript name (`"petalWidth"`).
impl serde::Serialize for Feature {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.js_name())
    }
}
