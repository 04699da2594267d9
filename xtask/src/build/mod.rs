//! Making the bundle: the wasm module (`wasm`), `dist/` (`bundle`), its
//! `version.json` (`version`) and its bill of materials (`sbom`).
//! Used by `dist`, `serve`, `test` and `bench`.

pub mod bundle;
pub mod sbom;
pub mod version;
pub mod wasm;
