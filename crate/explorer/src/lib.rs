/*!
The explorer's WebAssembly module, fetched only when a page shows the
decision map or an explanation: the model (from `iris-wasm`, without its
exports), the 150 training flowers, and a thin boundary (`src/bindings.rs`):
explanations go out as plain objects through serde-wasm-bindgen, and the map
is drawn into a canvas through web-sys.
*/
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod bindings;
#[cfg(target_arch = "wasm32")]
mod draw;

use std::sync::OnceLock;

use iris_core::explain::{Flower, Neighbourhood};
use iris_core::Species;

/// The training flowers, written by the build script.
static FLOWERS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/flowers.postcard"));

/// The training flowers and their spread, decoded on first use.
pub fn neighbourhood() -> &'static Neighbourhood {
    static DECODED: OnceLock<Neighbourhood> = OnceLock::new();
    DECODED.get_or_init(|| {
        let rows: Vec<([f64; 4], u8)> = postcard::from_bytes(FLOWERS).unwrap_or_default();
        Neighbourhood::new(
            rows.into_iter()
                .filter_map(|(measurements, species)| {
                    Some(Flower {
                        measurements,
                        species: Species::from_index(usize::from(species))?,
                    })
                })
                .collect(),
        )
    })
}
