//! Making the bundle: the wasm module (`wasm`), `dist/` (`bundle`), its
//! `version.json` (`version`) and its bill of materials (`sbom`), and the
//! npm package made from it (`package`).
//! Used by `dist`, `serve`, `test` and `bench`.

pub mod bundle;
pub mod package;
pub mod sbom;
pub mod version;
pub mod wasm;
