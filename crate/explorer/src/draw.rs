//! Drawing the decision map into a canvas with web-sys: the model's answer
//! at every pixel (shaded by how sure it is), the training flowers (a shape
//! and a colour per species), the person's flower, and the axes in cm.

use iris_core::explain::Neighbourhood;
use iris_core::map::{Boundary, DecisionMap};
use iris_core::{most_probable, Classifier, Feature, Measurements, Species};
use serde::Serialize;
use wasm_bindgen::{Clamped, JsCast, JsError, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Colours for one colour scheme.
#[derive(Clone, Copy)]
pub struct Theme {
    background: [u8; 3],
    ink: &'static str,
    outline: &'static str,
}

impl Theme {
    /// On a light page.
    pub const LIGHT: Theme = Theme {
        background: [255, 255, 255],
        ink: "#1b1b1b",
        outline: "#1b1b1b",
    };
    /// On a dark page.
    pub const DARK: Theme = Theme {
        background: [24, 24, 27],
        ink: "#ececec",
        outline: "#f4f4f4",
    };
}

/// Okabe–Ito colours (safe for colour-blind readers), in species order:
/// orange, sky blue, bluish green.
const SPECIES_RGB: [[u8; 3]; Species::COUNT] = [[230, 159, 0], [86, 180, 233], [0, 158, 115]];

fn css(rgb: [u8; 3]) -> String {
    format!("rgb({},{},{})", rgb[0], rgb[1], rgb[2])
}

/// Where the plot sits in the canvas, in device pixels.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plot {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

/// What was drawn: for the text alternative and for mapping clicks.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Drawn {
    /// The plot area in device pixels.
    plot: Plot,
    /// The measurement across and its axis maximum in cm.
    x: Feature,
    x_max: f64,
    /// The measurement up and its axis maximum in cm.
    y: Feature,
    y_max: f64,
    /// The region the flower lies in (none when it lies off the plot).
    region: Option<Species>,
    /// The nearest other region from the flower.
    boundary: Option<Boundary>,
}

/// Draws everything; see the module documentation.
#[allow(clippy::too_many_arguments)]
pub fn map(
    canvas: &HtmlCanvasElement,
    classifier: &Classifier,
    x: Feature,
    y: Feature,
    titles: &[String; 2],
    flower: &Measurements,
    neighbourhood: &Neighbourhood,
    theme: Theme,
    scale: f64,
) -> Result<Drawn, JsError> {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js)?
        .ok_or_else(|| JsError::new("the canvas has no 2d context"))?
        .dyn_into()
        .map_err(|_| JsError::new("the canvas's 2d context is not a CanvasRenderingContext2d"))?;
    let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let plot = Plot {
        left: (44.0 * scale).round(),
        top: (8.0 * scale).round(),
        width: (width - 52.0 * scale).round().max(1.0),
        height: (height - 44.0 * scale).round().max(1.0),
    };
    let map = classifier
        .decision_map(x, y, flower, plot.width as usize, plot.height as usize)
        .map_err(|e| JsError::new(&e.to_string()))?;

    context.set_fill_style_str(&css(theme.background));
    context.fill_rect(0.0, 0.0, width, height);
    put_regions(&context, &map, &plot, theme)?;
    let (x_max, y_max) = (x.slider_max(), y.slider_max());
    let to_px = |vx: f64, vy: f64| {
        (
            plot.left + vx / x_max * plot.width,
            plot.top + (1.0 - vy / y_max) * plot.height,
        )
    };
    for f in neighbourhood.flowers() {
        let (px, py) = to_px(f.measurements[x.index()], f.measurements[y.index()]);
        draw_flower(&context, f.species, px, py, 3.5 * scale, theme);
    }
    axes(&context, &plot, [x, y], titles, theme, scale)?;
    let (fx, fy) = (flower.get(x), flower.get(y));
    let (px, py) = to_px(fx.min(x_max), fy.min(y_max));
    context.set_stroke_style_str(theme.ink);
    context.set_line_width(2.5 * scale);
    context.begin_path();
    context
        .arc(px, py, 8.0 * scale, 0.0, std::f64::consts::TAU)
        .map_err(js)?;
    context.move_to(px - 12.0 * scale, py);
    context.line_to(px + 12.0 * scale, py);
    context.move_to(px, py - 12.0 * scale);
    context.line_to(px, py + 12.0 * scale);
    context.stroke();

    // The flower's region is the model's answer for the flower itself (the
    // prediction beside the map), not for the centre of the cell it is
    // drawn in, which may lie across a boundary from it.
    let here = most_probable(&classifier.probabilities(flower));
    Ok(Drawn {
        plot,
        x,
        x_max,
        y,
        y_max,
        region: map.cell_of(fx, fy).map(|_| here),
        boundary: map.nearest_boundary(fx, fy, here),
    })
}

/// Every cell's colour: its species' colour over the background, stronger
/// the surer the model is.
fn put_regions(
    context: &CanvasRenderingContext2d,
    map: &DecisionMap,
    plot: &Plot,
    theme: Theme,
) -> Result<(), JsError> {
    let mut pixels = vec![0_u8; map.width * map.height * 4];
    for (i, (species, confidence)) in map.species.iter().zip(&map.confidence).enumerate() {
        let colour = SPECIES_RGB[usize::from(*species).min(Species::COUNT - 1)];
        // From 1/3 (a three-way tie) to 1: 15 % to 60 % of the colour.
        let share = 0.15 + 0.45 * ((confidence - 1.0 / 3.0) * 1.5).clamp(0.0, 1.0);
        for channel in 0..3 {
            let blended = f64::from(theme.background[channel]) * (1.0 - share)
                + f64::from(colour[channel]) * share;
            pixels[4 * i + channel] = blended.round() as u8;
        }
        pixels[4 * i + 3] = 255;
    }
    let image = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&pixels),
        map.width as u32,
        map.height as u32,
    )
    .map_err(js)?;
    context
        .put_image_data(&image, plot.left, plot.top)
        .map_err(js)
}

/// A training flower: setosa a circle, versicolor a square, virginica a
/// triangle, in its species' colour with an outline.
fn draw_flower(
    context: &CanvasRenderingContext2d,
    species: Species,
    x: f64,
    y: f64,
    r: f64,
    theme: Theme,
) {
    context.begin_path();
    match species {
        Species::Setosa => {
            let _ = context.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        Species::Versicolor => context.rect(x - r, y - r, 2.0 * r, 2.0 * r),
        Species::Virginica => {
            context.move_to(x, y - 1.2 * r);
            context.line_to(x + 1.1 * r, y + 0.9 * r);
            context.line_to(x - 1.1 * r, y + 0.9 * r);
            context.close_path();
        }
    }
    context.set_fill_style_str(&css(SPECIES_RGB[species.index()]));
    context.fill();
    context.set_stroke_style_str(theme.outline);
    context.set_line_width(1.0);
    context.stroke();
}

/// Both axes with a tick and a label every centimetre, and their titles.
fn axes(
    context: &CanvasRenderingContext2d,
    plot: &Plot,
    [x, y]: [Feature; 2],
    titles: &[String; 2],
    theme: Theme,
    scale: f64,
) -> Result<(), JsError> {
    context.set_stroke_style_str(theme.ink);
    context.set_fill_style_str(theme.ink);
    context.set_line_width(scale);
    context.set_font(&format!(
        "{}px system-ui, sans-serif",
        (11.0 * scale).round()
    ));
    let bottom = plot.top + plot.height;
    context.begin_path();
    context.move_to(plot.left, plot.top);
    context.line_to(plot.left, bottom);
    context.line_to(plot.left + plot.width, bottom);
    context.stroke();
    let tick = 4.0 * scale;
    context.set_text_align("center");
    context.set_text_baseline("top");
    let x_max = x.slider_max();
    for cm in 0..=(x_max as u32) {
        let px = plot.left + f64::from(cm) / x_max * plot.width;
        context.begin_path();
        context.move_to(px, bottom);
        context.line_to(px, bottom + tick);
        context.stroke();
        context
            .fill_text(&cm.to_string(), px, bottom + tick + scale)
            .map_err(js)?;
    }
    context
        .fill_text(
            &titles[0],
            plot.left + plot.width / 2.0,
            bottom + 20.0 * scale,
        )
        .map_err(js)?;
    context.set_text_align("right");
    context.set_text_baseline("middle");
    let y_max = y.slider_max();
    for cm in 0..=(y_max as u32) {
        let py = bottom - f64::from(cm) / y_max * plot.height;
        context.begin_path();
        context.move_to(plot.left - tick, py);
        context.line_to(plot.left, py);
        context.stroke();
        context
            .fill_text(&cm.to_string(), plot.left - tick - 2.0 * scale, py)
            .map_err(js)?;
    }
    context.save();
    context
        .translate(12.0 * scale, plot.top + plot.height / 2.0)
        .map_err(js)?;
    context.rotate(-std::f64::consts::FRAC_PI_2).map_err(js)?;
    context.set_text_align("center");
    context.fill_text(&titles[1], 0.0, 0.0).map_err(js)?;
    context.restore();
    Ok(())
}

fn js(error: JsValue) -> JsError {
    JsError::new(&error.as_string().unwrap_or_else(|| format!("{error:?}")))
}
