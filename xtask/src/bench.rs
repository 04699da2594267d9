//! `cargo xtask bench`: reported numbers, never pass/fail. Builds the bundle,
//! serves it on loopback and measures it in headless Chromium, then loads
//! nginx (ours and a stock config, in the same run) with wrk, and reports the
//! image's size when podman has built it.

use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::Value;
use xshell::{cmd, Shell};

use crate::build::bundle;
use crate::flags;
use crate::harness::chromium::{self, CHROMIUM};
use crate::harness::install;
use crate::harness::loopback_url;
use crate::harness::nginx::Nginx;
use crate::harness::podman;
use crate::harness::static_server::Static;
use crate::harness::wrk;
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

    install::ensure_apt(sh, &["nginx"])?;
    // The app as it is served for real: nginx with our nginx.conf (its copy
    // of dist/ also holds the wasm floor page).
    let app = Nginx::start("bench-app", "nginx.conf", &dist)?;
    floor_page(&app.web_root(), &written)?;
    let plain = Static::start(&plain_page()?, 0)?;
    let _app = sh.push_env("APP_URL", app.url());
    let _plain = sh.push_env("PLAIN_URL", loopback_url(plain.port));
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let output = cmd!(sh, "node tests/bench/browser.mjs").read()?;
    let report: Value = serde_json::from_str(output.lines().last().unwrap_or_default())
        .with_context(|| format!("benchmark printed no JSON: {output}"))?;

    let date = cmd!(sh, "date -u +%Y-%m-%d").read().unwrap_or_default();
    println!("\niris-classifier benchmark, {date}: {}", machine(sh));
    println!(
        "browser: headless Chromium {}, everything on loopback",
        report["browser"].as_str().unwrap_or("?")
    );
    print_bytes(
        "the iris.js path (module, glue, iris.js and what it imports)",
        &written,
        bundle::IRIS_JS_PATH,
        bundle::IRIS_JS_BUDGET,
    );
    print_bytes(
        "the page before its first prediction",
        &written,
        bundle::FIRST_LOAD,
        bundle::FIRST_LOAD_BUDGET,
    );

    let number = |path: &[&str]| {
        path.iter()
            .fold(&report, |v, key| &v[*key])
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    println!(
        "\n  {:<46} {:>12} {:>14} {:>8}",
        "medians", "ours", "plain JS", "ratio"
    );
    let row = |what: &str, ours: f64, reference: f64, unit: &str| {
        println!(
            "  {what:<46} {:>9.3} {unit:<2} {:>11.3} {unit:<2} {:>7.2}×",
            ours,
            reference,
            ours / reference
        );
    };
    row(
        "predict(), per call (100,000 calls)",
        number(&["predict", "ours"]),
        number(&["predict", "reference"]),
        "µs",
    );
    for (key, what) in [
        ("batch", "predictBatch(), 1,000,000 rows, new arrays"),
        ("batchInto", "predictBatch(), 1,000,000 rows, into reused"),
        ("zeroCopy", "batch(n).run(), 1,000,000 rows, zero-copy"),
    ] {
        let rows = number(&[key, "rows"]);
        let (ours_ms, reference_ms) = (number(&[key, "ours"]), number(&[key, "reference"]));
        row(what, ours_ms, reference_ms, "ms");
        println!(
            "  {:<46} {:>9.1} M/s {:>10.1} M/s",
            "  = rows per second",
            rows / ours_ms / 1e3,
            rows / reference_ms / 1e3
        );
    }
    for (key, what) in [
        ("map", "102,400 rows (a 320 × 320 map), new arrays"),
        ("mapInto", "102,400 rows (a 320 × 320 map), into reused"),
        ("mapZeroCopy", "102,400 rows (a 320 × 320 map), zero-copy"),
    ] {
        row(
            what,
            number(&[key, "ours"]),
            number(&[key, "reference"]),
            "ms",
        );
    }
    println!(
        "  {:<46} {:>9.3} ms   (the explorer module: every pixel, 150 flowers, axes)",
        "decision map redraw, 320 × 320 canvas",
        number(&["redrawMs"])
    );
    row(
        &format!(
            "a CSV file of 1,000,000 rows ({:.1} MB), chosen to link",
            number(&["file", "bytes"]) / 1e6
        ),
        number(&["file", "ours"]),
        number(&["file", "reference"]),
        "ms",
    );
    row(
        "cold navigation to first prediction",
        number(&["cold", "oursMs"]),
        number(&["cold", "plainMs"]),
        "ms",
    );
    row(
        "  the same, wasm floor page (iris.js alone)",
        number(&["cold", "floorMs"]),
        number(&["cold", "plainMs"]),
        "ms",
    );
    drop(app);
    http_load(sh, &written, &dist)?;
    image_size(sh);
    Ok(())
}

/// Prints what a set of files weighs in gzip, against its budget.
fn print_bytes(what: &str, written: &[bundle::Written], names: &[&str], budget: usize) {
    println!("\nbytes on {what} (gzip):");
    let files: Vec<&bundle::Written> = written
        .iter()
        .filter(|w| names.iter().any(|name| w.path.contains(name)))
        .collect();
    for w in &files {
        println!("  {:<46} {:>7}", w.path, w.gzip_bytes);
    }
    let total: usize = files.iter().map(|w| w.gzip_bytes).sum();
    println!(
        "  {:<46} {:>7}  ({:.1} KiB of the {} KiB budget)",
        "total",
        total,
        total as f64 / 1024.0,
        budget / 1024
    );
}

/// The reference page: the same prediction from inline JavaScript, with the
/// coefficients of the model card written into it, as small as a page can be.
fn plain_page() -> Result<std::path::PathBuf> {
    let card = iris_wasm::model_card()?;
    let dir = project_root().join("target/bench/plain");
    std::fs::create_dir_all(&dir)?;
    let coefficients = serde_json::to_string(&card.coefficients)?;
    let fields = serde_json::to_string(&iris_core::Feature::ALL.map(|f| f.attribute()))?;
    let species = serde_json::to_string(&card.species)?;
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain JS reference</title></head>
<body><p id="out"></p><script>
const c = {coefficients}, fields = {fields}, species = {species};
const q = new URLSearchParams(location.search), x = fields.map((f) => Number(q.get(f)));
const s = c.intercepts.map((b, k) => c.weights[k].reduce((sum, w, i) => sum + w * x[i], b));
const most = Math.max(...s), e = s.map((v) => Math.exp(v - most)), t = e.reduce((a, b) => a + b);
const p = e.map((v) => v / t), best = p.indexOf(Math.max(...p));
document.getElementById('out').textContent = `${{species[best]}} ${{(100 * p[best]).toFixed(1)}} %`;
window.firstPrediction = performance.now();
</script></body></html>
"#
    );
    std::fs::write(dir.join("index.html"), html)?;
    Ok(dir)
}

/// Writes the wasm floor page into a web root beside the app: `floor.html`,
/// the least a page needs to predict with `iris.js` (the module, its glue
/// and `iris.js` preloaded, one module script that predicts from the
/// query). The gap between it and the plain page is what any wasm page pays
/// on a cold load; the gap between the app and it is the app's own.
fn floor_page(root: &std::path::Path, written: &[bundle::Written]) -> Result<()> {
    let asset = |prefix: &str| {
        written
            .iter()
            .find(|w| {
                w.path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .starts_with(prefix)
            })
            .map(|w| w.path.clone())
            .with_context(|| format!("no {prefix}* in dist/"))
    };
    let (glue, wasm) = (asset("iris_wasm.")?, asset("iris_wasm_bg.")?);
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wasm floor</title>
<link rel="modulepreload" href="./iris.js"><link rel="modulepreload" href="./{glue}">
<link rel="preload" href="./{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="./floor.js"></script></head><body><p id="out"></p></body></html>
"#
    );
    let fields = iris_core::Feature::ALL.map(|f| (f.attribute(), f.js_name()));
    let reads: Vec<String> = fields
        .iter()
        .map(|(attribute, key)| format!("{key}: Number(q.get('{attribute}'))"))
        .collect();
    let script = format!(
        "import init, {{ predict }} from './iris.js';
await init();
const q = new URLSearchParams(location.search);
const r = predict({{ {} }});
document.getElementById('out').textContent = `${{r.species}} ${{(100 * r.probabilities[r.species]).toFixed(1)}} %`;
window.firstPrediction = performance.now();
",
        reads.join(", ")
    );
    std::fs::write(root.join("floor.html"), html)?;
    std::fs::write(root.join("floor.js"), script)?;
    Ok(())
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
            let load = wrk::run(
                sh,
                &format!("{}{path}", server.url()),
                64,
                Duration::from_secs(10),
            )?;
            println!(
                "  {:<12} {:<8} {:>12.0} {:>10} {:>7}",
                label,
                name,
                load.requests_per_second,
                load.p99,
                load.errors()
            );
            rates.push(load.requests_per_second);
        }
        println!("  {label}: ours / stock = {:.2}", rates[0] / rates[1]);
    }
    Ok(())
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
