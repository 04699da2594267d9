//! `dist/version.json`: what a running instance serves, for operators and
//! the fleet monitor: the product version, the source revision, the model's
//! hash and the module that carries it.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;
use sha2::{Digest, Sha256};
use xshell::{cmd, Shell};

use crate::build::bundle::Written;

/// Where the file goes, under `dist/`.
pub const VERSION_JSON: &str = "version.json";

/// Writes `dist/version.json` (and its `.gz`) for the bundle just written.
/// The model's hash and smartcore version are the model card's: the card
/// of the module this xtask was built with, from the same sources.
pub fn write(sh: &Shell, root: &Path, dist: &Path, written: &[Written]) -> Result<Written> {
    let wasm = written
        .iter()
        .find(|w| w.path.contains("iris_wasm_bg.") && w.path.ends_with(".wasm"))
        .context("the bundle has no wasm module")?;
    let module = std::fs::read(dist.join(&wasm.path))?;
    let card = iris_wasm::model_card()?;
    let document = json!({
        "version": iris_wasm::VERSION,
        "revision": revision(sh, root),
        "modelSha256": card.model_sha256,
        "smartcoreVersion": card.smartcore_version,
        "wasm": format!("/{}", wasm.path),
        "wasmSha256": hex(&Sha256::digest(&module)),
    });
    super::bundle::write_json(dist, VERSION_JSON, &document)
}

/// `IRIS_REVISION` when set (the image build passes its `REVISION`), else
/// the commit checked out at `root`, else `None` (no git checkout).
fn revision(sh: &Shell, root: &Path) -> Option<String> {
    if let Ok(given) = std::env::var("IRIS_REVISION") {
        let given = given.trim();
        if !given.is_empty() && given != "unknown" {
            return Some(given.to_owned());
        }
    }
    if !root.join(".git").exists() {
        return None;
    }
    let _dir = sh.push_dir(root);
    let head = cmd!(sh, "git rev-parse HEAD")
        .quiet()
        .ignore_stderr()
        .read()
        .ok()?;
    let dirty = !cmd!(sh, "git status --porcelain --untracked-files=no")
        .quiet()
        .ignore_stderr()
        .read()
        .ok()?
        .is_empty();
    Some(if dirty { format!("{head}-dirty") } else { head })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
