//! Making the bundle: the wasm module (`wasm`) and `dist/` (`bundle`).
//! Used by `dist`, `serve`, `test` and `bench`.

pub mod bundle;
pub mod wasm;
