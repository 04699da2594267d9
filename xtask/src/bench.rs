//! `cargo xtask bench`: reported numbers, never pass/fail. Builds the bundle,
//! serves it on loopback and measures it in headless Chromium, then loads
//! nginx (ours and a stock config, in the same run) with wrk, and reports the
//! image's size when podman has built it.

use anyhow::{Context, Result};
use serde_json::Value;
use xshell::{cmd, Shell};

use crate::build::bundle;
use crate::flags;
use crate::harness::chromium::{self, CHROMIUM};
use crate::harness::install;
use crate::harness::nginx::Nginx;
use crate::harness::podman;
use crate::harness::static_server::Static;
use crate::project_root;

impl flags::Bench {
    /// Runs the benchmarks and prints a report.
    pub fn run(self, sh: &Shell) -> Result<()> {
        run(sh)
    }
}

fn run(sh: &Shell) -> Result<()> {
    let written = bundle::build(sh, &project_root())?;
    chromium::ensure(sh)?;
    let dist = project_root().join("dist");

    let first_load: Vec<&bundle::Written> = written
        .iter()
        .filter(|w| bundle::FIRST_LOAD.iter().any(|name| w.path.contains(name)))
        .collect();
    let gzip_total: usize = first_load.iter().map(|w| w.gzip_bytes).sum();

    let app = Static::start(&dist, 0)?;
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
    http_load(sh, &written, &dist)?;
    image_size(sh);
    Ok(())
}

/// One wrk run's numbers.
struct Load {
    requests_per_second: f64,
    p99: String,
    errors: u64,
}

/// wrk for 10 s at 64 connections, against our nginx.conf and a stock one.
fn http_load(sh: &Shell, written: &[bundle::Written], dist: &std::path::Path) -> Result<()> {
    install::ensure_apt(sh, &["wrk", "nginx"])?;
    let wasm = written
        .iter()
        .find(|w| w.path.ends_with(".wasm"))
        .context("no wasm in dist/")?;
    let ours = Nginx::start("bench-ours", "nginx.conf", dist)?;
    let stock = Nginx::start("bench-stock", "xtask/bench/stock-nginx.conf", dist)?;
    println!(
        "
nginx under load: wrk, 2 threads, 64 connections, 10 s each, Accept-Encoding: gzip, loopback"
    );
    println!(
        "  {:<12} {:<8} {:>12} {:>10} {:>7}",
        "file", "config", "requests/s", "p99", "errors"
    );
    for (label, path) in [
        ("index.html", "index.html".to_owned()),
        ("wasm", wasm.path.clone()),
    ] {
        let mut rates = Vec::new();
        for (name, server) in [("ours", &ours), ("stock", &stock)] {
            let load = wrk(sh, &format!("{}{path}", server.url()))?;
            println!(
                "  {:<12} {:<8} {:>12.0} {:>10} {:>7}",
                label, name, load.requests_per_second, load.p99, load.errors
            );
            rates.push(load.requests_per_second);
        }
        println!("  {label}: ours / stock = {:.2}", rates[0] / rates[1]);
    }
    Ok(())
}

fn wrk(sh: &Shell, url: &str) -> Result<Load> {
    let header = "Accept-Encoding: gzip";
    let out = cmd!(
        sh,
        "wrk --threads 2 --connections 64 --duration 10s --latency --header {header} {url}"
    )
    .quiet()
    .read()?;
    let field = |prefix: &str| -> Option<String> {
        out.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_owned()))
    };
    let requests_per_second = field("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .with_context(|| format!("wrk printed no Requests/sec:\n{out}"))?;
    let p99 = field("99%").unwrap_or_else(|| "?".to_owned());
    let mut errors: u64 = field("Non-2xx or 3xx responses:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if let Some(socket) = field("Socket errors:") {
        errors += socket
            .split(',')
            .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
            .sum::<u64>();
    }
    Ok(Load {
        requests_per_second,
        p99,
        errors,
    })
}

/// The image's own layers (what this project adds to the nginx base image).
fn image_size(sh: &Shell) {
    let (_, base) = match podman::base_images() {
        Ok(names) => names,
        Err(_) => return,
    };
    let size = |name: &str| -> Option<u64> {
        podman::podman_cmd(sh, &["image", "inspect", "--format", "{{.Size}}", name])
            .quiet()
            .ignore_stderr()
            .read()
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    match (size(podman::TAG), size(&base)) {
        (Some(total), Some(base_size)) => println!(
            "
image: our layers add {:.0} KB (uncompressed) to {base}. \
             The base's published compressed size cannot be read here (no registry); \
             the local stand-in base is {:.0} MB.",
            total.saturating_sub(base_size) as f64 / 1000.0,
            base_size as f64 / 1e6
        ),
        _ => println!(
            "
image: not built here yet (run `cargo xtask test image` first)"
        ),
    }
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
