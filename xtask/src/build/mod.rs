//! Making the bundle: the wasm module (`wasm`), `dist/` (`bundle`) and its
//! `version.json` (`version`).
//! Used by `dist`, `serve`, `test` and `bench`.

pub mod bundle;
pub mod version;
pub mod wasm;
