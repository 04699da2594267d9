//! The decision map: the species the model predicts, and how sure it is,
//! over a grid of two measurements with the other two held, and where the
//! nearest boundary lies from a point on it.

use serde::Serialize;

use crate::classifier::{most_probable, Classifier, Coefficients};
use crate::feature::{Feature, PerFeature};
use crate::lanes::F64x2;
use crate::measurements::Measurements;
use crate::species::Species;

/// The largest side of a map, in cells (a 4K screen's width).
pub const MAX_SIDE: usize = 4096;

/// Occurs when a map cannot be drawn as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// Occurs when both axes are the same measurement.
    #[error("the map's two axes are both {0}: choose two different measurements")]
    SameAxes(Feature),
    /// Occurs when a side is 0 or larger than [`MAX_SIDE`].
    #[error("a map of {width} × {height} cells: each side must be from 1 to {MAX_SIDE}")]
    Size {
        /// Cells across.
        width: usize,
        /// Cells down.
        height: usize,
    },
}

/// A grid of predictions: row 0 is the top (the largest `y`), column 0 the
/// left (the smallest `x`); each cell is predicted at its centre. The axes
/// run from 0 to each feature's [`Feature::slider_max`].
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionMap {
    /// The measurement across.
    pub x: Feature,
    /// The measurement up.
    pub y: Feature,
    /// Cells across.
    pub width: usize,
    /// Cells down.
    pub height: usize,
    /// The other two measurements' values (and the axes' unused ones).
    pub held: PerFeature<f64>,
    /// Per cell, row by row: the predicted species' index.
    pub species: Vec<u8>,
    /// Per cell: the predicted species' probability.
    pub confidence: Vec<f64>,
}

/// The nearest cell across a boundary from a point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Boundary {
    /// The species on the other side.
    pub species: Species,
    /// How far, in centimetres on the map.
    pub distance: f64,
    /// Which way, in centimetres: (along `x`, along `y`).
    pub direction: (f64, f64),
}

impl DecisionMap {
    /// The measurements at the centre of a cell.
    pub fn values_at(&self, column: usize, row: usize) -> PerFeature<f64> {
        let mut values = self.held;
        values[self.x.index()] = self.x_at(column);
        values[self.y.index()] = self.y_at(row);
        values
    }

    fn x_at(&self, column: usize) -> f64 {
        (column as f64 + 0.5) / self.width as f64 * self.x.slider_max()
    }

    fn y_at(&self, row: usize) -> f64 {
        (1.0 - (row as f64 + 0.5) / self.height as f64) * self.y.slider_max()
    }

    /// The cell holding the point (`x`, `y`) in cm, if it lies on the map.
    pub fn cell_of(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let column = (x / self.x.slider_max() * self.width as f64).floor();
        let row = ((1.0 - y / self.y.slider_max()) * self.height as f64).floor();
        let inside = |v: f64, n: usize| v >= 0.0 && v < n as f64;
        (inside(column, self.width) && inside(row, self.height))
            .then_some((column as usize, row as usize))
    }

    /// The predicted species in a cell.
    pub fn species_at(&self, column: usize, row: usize) -> Option<Species> {
        let cell = self.species.get(row * self.width + column)?;
        Species::from_index(usize::from(*cell))
    }

    /// From the point (`x`, `y`) in cm, where the model answers `here`, the
    /// nearest cell (centre to point) of another species; `None` off the
    /// map or when every cell is `here`. `here` is the answer at the point
    /// itself, not at its cell's centre: near a boundary the two can
    /// differ, and then the nearest other species is the cell's own.
    pub fn nearest_boundary(&self, x: f64, y: f64, here: Species) -> Option<Boundary> {
        self.cell_of(x, y)?;
        let mut best: Option<Boundary> = None;
        for r in 0..self.height {
            for c in 0..self.width {
                let Some(species) = self.species_at(c, r).filter(|s| *s != here) else {
                    continue;
                };
                let (dx, dy) = (self.x_at(c) - x, self.y_at(r) - y);
                let distance = (dx * dx + dy * dy).sqrt();
                if best.is_none_or(|b| distance < b.distance) {
                    best = Some(Boundary {
                        species,
                        distance,
                        direction: (dx, dy),
                    });
                }
            }
        }
        best
    }
}

impl Classifier {
    /// Predicts every cell of a `width` × `height` map of `x` across and
    /// `y` up, the other measurements held at `held`'s values. Two cells
    /// per step, with the batch's arithmetic (the same bits as
    /// [`Classifier::probabilities`] on each cell's values).
    pub fn decision_map(
        &self,
        x: Feature,
        y: Feature,
        held: &Measurements,
        width: usize,
        height: usize,
    ) -> Result<DecisionMap, MapError> {
        if x == y {
            return Err(MapError::SameAxes(x));
        }
        if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
            return Err(MapError::Size { width, height });
        }
        let mut map = DecisionMap {
            x,
            y,
            width,
            height,
            held: held.to_array(),
            species: vec![0; width * height],
            confidence: vec![0.0; width * height],
        };
        // Every cell's values lie in (0, slider_max] (cell centres), and
        // the held ones are validated `Measurements`: all valid.
        let pairs = Coefficients::<F64x2>::of(self);
        for row in 0..height {
            let mut column = 0;
            while column < width {
                let next = (column + 1).min(width - 1);
                let (a, b) = (map.values_at(column, row), map.values_at(next, row));
                let lanes = pairs
                    .probabilities(Feature::ALL.map(|f| F64x2::new(a[f.index()], b[f.index()])))
                    .map(F64x2::lanes);
                for (lane, cell) in [column, next]
                    .into_iter()
                    .enumerate()
                    .take(next - column + 1)
                {
                    let p = lanes.map(|l| l[lane]);
                    let best = most_probable(&p);
                    map.species[row * width + cell] = best.index() as u8;
                    map.confidence[row * width + cell] = p[best.index()];
                }
                column += 2;
            }
        }
        Ok(map)
    }
}
