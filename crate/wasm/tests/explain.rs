//! The explanation and the decision map, checked against the embedded
//! model: contributions that add up to the decision, an honest "uncertain",
//! the nearest real flowers, and a map whose cells are the model's answers.

use iris_core::explain::{Flower, Neighbourhood, NEAREST};
use iris_core::map::MapError;
use iris_core::training::dataset;
use iris_core::{Feature, Measurements, Species};
use iris_wasm::classifier;

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

fn neighbourhood() -> Neighbourhood {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/iris.csv");
    let data = dataset::load(std::path::Path::new(path)).expect("data/iris.csv loads");
    Neighbourhood::new(
        data.rows
            .iter()
            .zip(&data.labels)
            .map(|(m, s)| Flower {
                measurements: *m,
                species: *s,
            })
            .collect(),
    )
}

#[test]
fn contributions_add_up_to_the_log_odds_of_the_answer_against_the_runner_up() -> Result {
    let classifier = classifier()?;
    let around = neighbourhood();
    for flower in around.flowers() {
        let m = Measurements::from_array(flower.measurements)?;
        let e = classifier.explain(&m, &around);
        assert_eq!(e.species, classifier.classify(&m).species);
        assert_ne!(e.species, e.runner_up);
        let summed = e.contributions.iter().fold(e.baseline, |s, c| s + c);
        assert_eq!(summed, e.margin, "the parts are the whole, bit for bit");
        let log_odds =
            (e.probabilities[e.species.index()] / e.probabilities[e.runner_up.index()]).ln();
        assert!(
            (log_odds - e.margin).abs() < 1e-9 * e.margin.abs().max(1.0),
            "{log_odds} vs {}",
            e.margin
        );
        assert!(e.margin >= 0.0);
        let most = e.contributions.iter().cloned().fold(f64::MIN, f64::max);
        assert_eq!(e.contributions[e.deciding.index()], most);
    }
    Ok(())
}

#[test]
fn a_borderline_flower_is_uncertain_and_a_typical_one_is_not() -> Result {
    let classifier = classifier()?;
    let around = neighbourhood();
    let typical = Measurements::new(5.0, 3.4, 1.5, 0.2)?;
    let e = classifier.explain(&typical, &around);
    assert_eq!(e.species, Species::Setosa);
    assert!(!e.uncertain);
    assert_eq!(e.set, [Species::Setosa]);
    // Between versicolor and virginica: both are in the set, most probable first.
    let borderline = Measurements::new(6.0, 2.8, 4.8, 1.7)?;
    let e = classifier.explain(&borderline, &around);
    assert!(e.uncertain);
    assert_eq!(e.set, [e.species, e.runner_up]);
    let pair = [e.species, e.runner_up];
    assert!(pair.contains(&Species::Versicolor) && pair.contains(&Species::Virginica));
    // "Uncertain" is the prediction's own set, not a separate rule.
    let prediction = classifier.classify(&borderline);
    assert_eq!(
        prediction.set.by_probability(&prediction.probabilities),
        e.set
    );
    Ok(())
}

#[test]
fn the_nearest_flowers_start_with_the_flower_itself() -> Result {
    let classifier = classifier()?;
    let around = neighbourhood();
    let first = around.flowers()[0];
    let e = classifier.explain(&Measurements::from_array(first.measurements)?, &around);
    assert_eq!(e.nearest.len(), NEAREST);
    assert_eq!((e.nearest[0].row, e.nearest[0].distance), (1, 0.0));
    assert!(e.nearest.windows(2).all(|w| w[0].distance <= w[1].distance));
    assert!(e
        .nearest
        .iter()
        .all(|n| n.flower.species == Species::Setosa));
    Ok(())
}

#[test]
fn the_map_cells_are_the_models_answers_and_the_regions_sit_where_expected() -> Result {
    let classifier = classifier()?;
    let held = Measurements::new(5.8, 3.0, 4.35, 1.3)?;
    let map =
        classifier.decision_map(Feature::PetalLength, Feature::PetalWidth, &held, 161, 120)?;
    for (column, row) in [(0, 0), (160, 119), (5, 117), (80, 60), (159, 3), (37, 90)] {
        let values = map.values_at(column, row);
        let m = Measurements::from_array(values)?;
        let p = classifier.probabilities(&m);
        let species = classifier.classify(&m).species;
        assert_eq!(
            map.species_at(column, row),
            Some(species),
            "cell ({column}, {row})"
        );
        assert_eq!(map.confidence[row * map.width + column], p[species.index()]);
    }
    let at = |x: f64, y: f64| {
        let (c, r) = map.cell_of(x, y).expect("on the map");
        map.species_at(c, r)
    };
    assert_eq!(at(1.4, 0.2), Some(Species::Setosa));
    assert_eq!(at(4.3, 1.3), Some(Species::Versicolor));
    assert_eq!(at(6.0, 2.2), Some(Species::Virginica));
    let boundary = map
        .nearest_boundary(1.4, 0.2, Species::Setosa)
        .expect("setosa has a border");
    assert_eq!(boundary.species, Species::Versicolor);
    assert!(
        boundary.distance > 0.5 && boundary.distance < 3.0,
        "{boundary:?}"
    );
    assert_eq!(map.cell_of(-1.0, 0.2), None);
    assert_eq!(map.nearest_boundary(99.0, 0.2, Species::Setosa), None);
    Ok(())
}

#[test]
fn a_flower_whose_cell_centre_lies_across_a_boundary_is_in_its_own_region() -> Result {
    let classifier = classifier()?;
    let held = Measurements::new(6.0, 2.9, 4.9, 1.6)?;
    let map = classifier.decision_map(Feature::PetalLength, Feature::PetalWidth, &held, 40, 40)?;
    let species_at = |x: f64, y: f64| -> std::result::Result<Species, Box<dyn std::error::Error>> {
        let m = Measurements::new(6.0, 2.9, x, y)?;
        Ok(classifier.classify(&m).species)
    };
    // Along the row through petal width 1.6, find two neighbouring cells
    // of different species, then the point between their centres where
    // the model's answer changes.
    let y = 1.6;
    let (column, row) = map.cell_of(0.1, y).expect("on the map");
    let column = (column..map.width - 1)
        .find(|&c| map.species_at(c, row) != map.species_at(c + 1, row))
        .expect("a boundary along the row");
    let (mut left, mut right) = (
        map.values_at(column, row)[2],
        map.values_at(column + 1, row)[2],
    );
    let left_species = species_at(left, y)?;
    for _ in 0..60 {
        let middle = (left + right) / 2.0;
        if species_at(middle, y)? == left_species {
            left = middle;
        } else {
            right = middle;
        }
    }
    // Just across the change, on whichever side of the cells' edge it is,
    // lies a point whose cell's centre the model answers otherwise.
    let step = map.x.slider_max() / map.width as f64;
    let edge = (column + 1) as f64 * step;
    let x = if right < edge { right } else { left };
    let (c, r) = map.cell_of(x, y).expect("on the map");
    let here = species_at(x, y)?;
    let cell = map.species_at(c, r).expect("a species");
    assert_ne!(
        here, cell,
        "x = {x}: the point and its cell's centre differ"
    );
    // The boundary from there is with the cell's species, closer than a cell.
    let boundary = map.nearest_boundary(x, y, here).expect("a boundary");
    assert_eq!(boundary.species, cell);
    assert!(boundary.distance < step, "{boundary:?}");
    Ok(())
}

#[test]
fn a_map_that_cannot_be_drawn_says_why() -> Result {
    let classifier = classifier()?;
    let held = Measurements::new(5.8, 3.0, 4.35, 1.3)?;
    let same = classifier.decision_map(Feature::PetalWidth, Feature::PetalWidth, &held, 10, 10);
    assert_eq!(same, Err(MapError::SameAxes(Feature::PetalWidth)));
    let error = classifier
        .decision_map(Feature::SepalLength, Feature::PetalWidth, &held, 0, 5000)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "a map of 0 × 5000 cells: each side must be from 1 to 4096"
    );
    Ok(())
}
