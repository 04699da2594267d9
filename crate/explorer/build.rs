//! Writes the training flowers into `OUT_DIR/flowers.postcard` (measurements
//! and species index per row), for the map's points and the nearest flowers.

use std::path::PathBuf;
use std::process::ExitCode;

use iris_core::training::dataset;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=../../data/iris.csv");
    match write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let data = dataset::load(&manifest.join("../../data/iris.csv")).map_err(|e| e.to_string())?;
    let rows: Vec<([f64; 4], u8)> = data
        .rows
        .iter()
        .zip(&data.labels)
        .map(|(m, s)| (*m, s.index() as u8))
        .collect();
    let bytes = postcard::to_allocvec(&rows).map_err(|e| e.to_string())?;
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    std::fs::write(out.join("flowers.postcard"), bytes).map_err(|e| e.to_string())
}
