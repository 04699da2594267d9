//! The four measurements of a flower, in the order the model takes them.

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

impl Feature {
    /// Every feature, in model column order.
    pub const ALL: [Feature; 4] = [
        Feature::SepalLength,
        Feature::SepalWidth,
        Feature::PetalLength,
        Feature::PetalWidth,
    ];

    /// The column index of this feature.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Words for people: `petal length`.
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
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
