//! Trains the model when the crate is built and writes, into `OUT_DIR`:
//! `model.postcard` (the serialized model) and `model_card.json`.
//!
//! The training code is `iris-core`'s (a build-dependency with its
//! `training` feature), so Cargo reruns this script whenever that code
//! changes; the data file and the lockfile are the other inputs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iris_core::training;

fn main() -> ExitCode {
    for input in ["../../data/iris.csv", "../../Cargo.lock"] {
        println!("cargo::rerun-if-changed={input}");
    }
    match train_and_write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One clear line, no backtrace: cargo shows build-script stderr.
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Trains on `data/iris.csv` and writes the model and its card.
fn train_and_write() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let root = manifest
        .ancestors()
        .nth(2)
        .ok_or("crate/wasm has no repository root above it")?;
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    // Paths in messages are relative to the repository root.
    std::env::set_current_dir(root).map_err(|e| e.to_string())?;
    let version = smartcore_version(Path::new("Cargo.lock"));
    let artifacts =
        training::build(Path::new("data/iris.csv"), &version).map_err(|e| e.to_string())?;
    let card = serde_json::to_string(&artifacts.card).map_err(|e| e.to_string())?;
    write(&out.join("model.postcard"), &artifacts.model_bytes)?;
    write(&out.join("model_card.json"), card.as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The smartcore version recorded in the lockfile, for the model card.
fn smartcore_version(lockfile: &Path) -> String {
    let Ok(lock) = std::fs::read_to_string(lockfile) else {
        println!("cargo::warning=no Cargo.lock; the model card says smartcore version 'unknown'");
        return "unknown".to_owned();
    };
    lock.split("[[package]]")
        .find(|entry| entry.contains("name = \"smartcore\""))
        .and_then(|entry| entry.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}
