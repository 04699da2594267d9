//! `cargo xtask bench`: reported numbers, never pass/fail. Builds the bundle,
//! serves it on loopback and measures it in headless Chromium.

use anyhow::{Context, Result};
use serde_json::Value;
use xshell::{cmd, Shell};

use crate::serve::Static;
use crate::test::CHROMIUM;
use crate::{dist, tools};

/// Runs the benchmarks and prints a report.
pub fn run(sh: &Shell) -> Result<()> {
    let written = dist::build(sh)?;
    tools::ensure_apt(sh, &["chromium"])?;
    tools::ensure_npm(sh, "tests")?;

    let first_load: Vec<&dist::Written> = written
        .iter()
        .filter(|w| dist::FIRST_LOAD.iter().any(|name| w.path.contains(name)))
        .collect();
    let gzip_total: usize = first_load.iter().map(|w| w.gzip_bytes).sum();

    let app = Static::start(&dist::dist_dir(), 0)?;
    let _app = sh.push_env("APP_URL", format!("http://127.0.0.1:{}/", app.port));
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let output = cmd!(sh, "node tests/bench/browser.mjs").read()?;
    let report: Value = serde_json::from_str(output.lines().last().unwrap_or_default())
        .with_context(|| format!("benchmark printed no JSON: {output}"))?;

    println!("\niris-classifier benchmark ({})", machine(sh));
    println!("browser: {}", report["browser"].as_str().unwrap_or("?"));
    println!("\nbytes before the first prediction (gzip):");
    for w in &first_load {
        println!("  {:<42} {:>7}", w.path, w.gzip_bytes);
    }
    println!(
        "  {:<42} {:>7}  ({:.1} KiB of the 48 KiB budget)",
        "total",
        gzip_total,
        gzip_total as f64 / 1024.0
    );
    let cold = &report["coldFirstPredictionMs"];
    println!(
        "\ncold load to first prediction: median {:.0} ms (min {:.0}, max {:.0}, {} runs, loopback)",
        cold["median"].as_f64().unwrap_or(f64::NAN),
        cold["min"].as_f64().unwrap_or(f64::NAN),
        cold["max"].as_f64().unwrap_or(f64::NAN),
        cold["runs"]
    );
    println!(
        "predict(): mean {:.2} µs per call over {} calls",
        report["predict"]["meanMicroseconds"]
            .as_f64()
            .unwrap_or(f64::NAN),
        report["predict"]["calls"]
    );
    println!(
        "predictBatch(): {:.1} million rows/s ({} rows in {:.0} ms)",
        report["predictBatch"]["rowsPerSecond"]
            .as_f64()
            .unwrap_or(f64::NAN)
            / 1e6,
        report["predictBatch"]["rows"],
        report["predictBatch"]["ms"].as_f64().unwrap_or(f64::NAN)
    );
    Ok(())
}

/// A one-line description of this machine for the report.
fn machine(sh: &Shell) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = cmd!(sh, "nproc").read().unwrap_or_default();
    format!("{cpu}, {cores} cores")
}
