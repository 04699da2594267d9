//! `cargo xtask test`: installs what is missing, then runs every suite.
//!
//! Suites, in order: `lint` (fmt, clippy native and wasm), `unit` (cargo
//! test: the model, validation, training determinism), `wasm` (the real wasm
//! module in node against native answers), `nginx` (HTTP checks of our
//! nginx.conf in Debian's nginx), `browser` (headless Chromium on the built
//! page, served by that nginx), `image` (the Dockerfile built with podman and
//! run hardened: the same HTTP and browser checks, plus what only a
//! container has).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use xshell::{cmd, Shell};

use crate::image::{self, Container};
use crate::nginx::Nginx;
use crate::serve::Static;
use crate::tools::{self, WASM_TARGET};
use crate::wasm::cargo;
use crate::{build_errors, dist, parity, project_root};

/// Every suite, in the order they run.
const SUITES: &[&str] = &["lint", "unit", "wasm", "nginx", "browser", "image"];

/// The Chromium the browser tests drive (Debian's package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs the named suites (all when none are named) and reports each.
pub fn run(sh: &Shell, names: &[String]) -> Result<()> {
    for name in names {
        if !SUITES.contains(&name.as_str()) {
            bail!(
                "unknown suite '{name}': expected one of {}",
                SUITES.join(", ")
            );
        }
    }
    let selected: Vec<&str> = SUITES
        .iter()
        .copied()
        .filter(|s| names.is_empty() || names.iter().any(|n| n == s))
        .collect();

    let mut built = false;
    let mut failed = Vec::new();
    for suite in &selected {
        eprintln!("\n==> {suite}");
        let started = Instant::now();
        let result = match *suite {
            "lint" => lint(sh),
            "unit" => unit(sh),
            "wasm" => ensure_dist(sh, &mut built).and_then(|()| wasm(sh)),
            "nginx" => ensure_dist(sh, &mut built).and_then(|()| nginx(sh)),
            "browser" => ensure_dist(sh, &mut built).and_then(|()| browser(sh)),
            "image" => ensure_dist(sh, &mut built).and_then(|()| image(sh)),
            _ => unreachable!("suite names are checked above"),
        };
        let secs = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => eprintln!("<== {suite}: ok ({secs:.0} s)"),
            Err(e) => {
                eprintln!("<== {suite}: FAILED ({secs:.0} s): {e:#}");
                failed.push(*suite);
            }
        }
    }
    println!(
        "suites: {} passed, {} failed",
        selected.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        bail!("failed suites: {}", failed.join(", "));
    }
    Ok(())
}

fn ensure_dist(sh: &Shell, built: &mut bool) -> Result<()> {
    if !*built {
        dist::build(sh)?;
        *built = true;
    }
    Ok(())
}

/// Formatting and clippy, natively and for the wasm target (`wasm.rs` only
/// compiles there).
fn lint(sh: &Shell) -> Result<()> {
    let cargo = cargo();
    if cmd!(sh, "{cargo} fmt --version")
        .quiet()
        .ignore_stderr()
        .read()
        .is_err()
        || cmd!(sh, "{cargo} clippy --version")
            .quiet()
            .ignore_stderr()
            .read()
            .is_err()
    {
        cmd!(sh, "rustup component add rustfmt clippy").run()?;
    }
    tools::ensure_wasm_target(sh)?;
    cmd!(sh, "{cargo} fmt --all -- --check").run()?;
    cmd!(
        sh,
        "{cargo} clippy --locked --workspace --all-targets -- -D warnings"
    )
    .run()?;
    cmd!(
        sh,
        "{cargo} clippy --locked --package iris-wasm --lib --target {WASM_TARGET} -- -D warnings"
    )
    .run()?;
    Ok(())
}

/// Native unit, integration and doc tests, then malformed data in a real build.
fn unit(sh: &Shell) -> Result<()> {
    let cargo = cargo();
    cmd!(sh, "{cargo} test --locked --workspace").run()?;
    build_errors::run(sh)
}

/// The built wasm module, run for real in node, against native answers.
fn wasm(sh: &Shell) -> Result<()> {
    tools::ensure_npm(sh, "tests")?;
    let cases = project_root().join("target/parity/cases.json");
    let count = parity::write_cases(&cases)?;
    eprintln!("wrote {count} native predictions to {}", cases.display());
    let _dist = sh.push_env("IRIS_DIST", dist::dist_dir());
    let _cases = sh.push_env("IRIS_PARITY_CASES", &cases);
    cmd!(sh, "node --test tests/node/").run()?;
    Ok(())
}

/// HTTP checks of nginx.conf, in Debian's nginx on a loopback port.
fn nginx(sh: &Shell) -> Result<()> {
    tools::ensure_apt(sh, &["nginx"])?;
    tools::ensure_npm(sh, "tests")?;
    let server = Nginx::start("test", "nginx.conf", &dist::dist_dir())?;
    http_checks(sh, &server.url())?;
    let log = server.output();
    if !log.contains("\"GET / HTTP/1.1\" 200") {
        bail!("nginx logged no access line for GET / to stdout:\n{log}");
    }
    Ok(())
}

/// The HTTP checks in `tests/http/` against `base_url`.
pub fn http_checks(sh: &Shell, base_url: &str) -> Result<()> {
    let _base = sh.push_env("BASE_URL", base_url);
    cmd!(sh, "node --test tests/http/").run()?;
    Ok(())
}

/// Headless Chromium against the built page, served by nginx with our config.
fn browser(sh: &Shell) -> Result<()> {
    tools::ensure_apt(sh, &["chromium", "nginx"])?;
    tools::ensure_npm(sh, "tests")?;
    let app = Nginx::start("browser", "nginx.conf", &dist::dist_dir())?;
    browser_tests_against(sh, &app.url())
}

/// Every browser test against the app at `app_url`.
pub fn browser_tests_against(sh: &Shell, app_url: &str) -> Result<()> {
    // Host pages for the widget tests, on a second origin (another port).
    let host = Static::start(&project_root().join("tests/browser/host"), 0)?;
    let _host = sh.push_env("HOST_URL", format!("http://127.0.0.1:{}/", host.port));
    let _app = sh.push_env("APP_URL", app_url);
    // The model bytes this checkout trains; the page (and so the image) must show them.
    let _model = sh.push_env("MODEL_SHA256", iris_wasm::model_card()?.model_sha256);
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let _dist = sh.push_env("IRIS_DIST", dist::dist_dir());
    let tests = browser_tests()?;
    cmd!(sh, "node --test --test-concurrency=1 {tests...}").run()?;
    Ok(())
}

/// The image built from the Dockerfile with podman and run hardened.
fn image(sh: &Shell) -> Result<()> {
    tools::ensure_apt(sh, &["chromium"])?;
    tools::ensure_npm(sh, "tests")?;
    image::prepare(sh)?;
    let took = image::build(sh)?;
    eprintln!("image built in {:.0} s", took.as_secs_f64());
    check_image_config(sh)?;

    let container = Container::run(sh, "iris-classifier-test")?;
    let exec = |args: &[&str]| {
        let mut all = vec!["exec", container.name.as_str()];
        all.extend_from_slice(args);
        image::podman_cmd(sh, &all).quiet().ignore_stderr().read()
    };
    let uid = exec(&["id", "-u"])?;
    if uid != "101" {
        bail!("nginx runs as uid {uid}, expected the non-root 101");
    }
    if exec(&["touch", "/usr/share/nginx/html/written"]).is_ok() {
        bail!("the container's root file system is writable despite --read-only");
    }
    // Same sources, same bytes: these stable files name every hashed asset,
    // so equal files mean the image serves exactly the bundle built here.
    for file in ["index.html", "iris.js", "embed.html"] {
        let inside = exec(&["cat", &format!("/usr/share/nginx/html/{file}")])?;
        let local = std::fs::read_to_string(dist::dist_dir().join(file))?;
        if inside.trim_end() != local.trim_end() {
            bail!("the image's {file} differs from dist/{file}: the builds are not reproducible");
        }
    }
    let health = image::podman_cmd(sh, &["healthcheck", "run", &container.name]).read();
    if let Err(e) = health {
        bail!("the image's HEALTHCHECK failed: {e}");
    }
    http_checks(sh, &container.url())?;
    browser_tests_against(sh, &container.url())?;
    let logs = container.logs();
    if !logs.contains("\"GET / HTTP/1.1\" 200") {
        bail!("the container logged no access line for GET /:\n{logs}");
    }
    let stopped = container.stop()?;
    let code = image::podman_cmd(
        sh,
        &[
            "inspect",
            "--format",
            "{{.State.ExitCode}}",
            &container.name,
        ],
    )
    .read()?;
    eprintln!(
        "stopped in {:.2} s with exit code {code}",
        stopped.as_secs_f64()
    );
    if stopped > Duration::from_secs(2) {
        bail!(
            "the container took {:.1} s to stop (limit 2 s)",
            stopped.as_secs_f64()
        );
    }
    if code != "0" {
        bail!(
            "the container exited with code {code} on stop:\n{}",
            container.logs()
        );
    }
    Ok(())
}

/// User, port, health check and labels as the Dockerfile declares them.
fn check_image_config(sh: &Shell) -> Result<()> {
    let inspect = image::podman_cmd(sh, &["image", "inspect", image::TAG]).read()?;
    let value: serde_json::Value = serde_json::from_str(&inspect)?;
    let config = &value[0]["Config"];
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            bail!("image config: {what}:\n{config:#}")
        }
    };
    expect(config["User"] == "101", "User must be 101")?;
    expect(
        config["ExposedPorts"].get("80/tcp").is_some(),
        "must expose 80/tcp",
    )?;
    expect(
        config["StopSignal"] == "SIGQUIT",
        "StopSignal must be SIGQUIT",
    )?;
    // podman keeps it beside Config; Docker inside it.
    let health = match &value[0]["Healthcheck"]["Test"] {
        serde_json::Value::Null => &config["Healthcheck"]["Test"],
        test => test,
    };
    expect(
        health.to_string().contains("/healthz"),
        "HEALTHCHECK must probe /healthz",
    )?;
    for label in ["title", "source", "version", "revision", "licenses"] {
        let key = format!("org.opencontainers.image.{label}");
        expect(
            config["Labels"].get(&key).is_some(),
            &format!("label {key} missing"),
        )?;
    }
    Ok(())
}

fn browser_tests() -> Result<Vec<PathBuf>> {
    let dir = project_root().join("tests/browser");
    let mut tests: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    if tests.is_empty() {
        bail!("no browser tests found in {}", dir.display());
    }
    Ok(tests)
}
