//! `cargo xtask test`: installs what is missing, then runs every suite (the
//! list and what each checks: [`flags::Suite`]). The suites that need more
//! than a few lines live in `test/`.

mod apps;
mod bad_data;
mod compose;
mod hardened;
mod hostile;
mod image;
mod kube;
mod load;
mod monitor;
mod parity_cases;
mod rollout;
mod serve;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use xshell::{cmd, Shell};

use crate::build::{bundle, package};
use crate::flags::{self, Suite};
use crate::harness::chromium::{self, CHROMIUM};
use crate::harness::install::{self, WASM_TARGET};
use crate::harness::nginx::Nginx;
use crate::harness::static_server::Static;
use crate::harness::{cargo, loopback_url};
use crate::project_root;

impl flags::Test {
    /// Runs the named suites (all when none are named) and reports each.
    pub fn run(self, sh: &Shell) -> Result<()> {
        let selected: Vec<Suite> = if self.suites.is_empty() {
            Suite::ALL.to_vec()
        } else {
            Suite::ALL
                .into_iter()
                .chain(Suite::ON_REQUEST)
                .filter(|s| self.suites.contains(s))
                .collect()
        };
        let mut built = false;
        let mut failed = Vec::new();
        for suite in &selected {
            let name = suite.name();
            eprintln!("\n==> {name}");
            let started = Instant::now();
            let result = match suite {
                Suite::Lint => lint(sh)
                    .and_then(|()| ensure_dist(sh, &mut built))
                    .and_then(|()| lint_js(sh)),
                Suite::Unit => unit(sh),
                Suite::Wasm => ensure_dist(sh, &mut built).and_then(|()| wasm(sh)),
                Suite::Nginx => ensure_dist(sh, &mut built).and_then(|()| nginx(sh)),
                Suite::Serve => serve::run(sh),
                Suite::Browser => ensure_dist(sh, &mut built).and_then(|()| browser(sh)),
                Suite::Package => {
                    ensure_dist(sh, &mut built).and_then(|()| apps::run(sh, &dist_dir()))
                }
                Suite::Image => ensure_dist(sh, &mut built).and_then(|()| image::run(sh)),
                Suite::Load => image::build(sh).and_then(|()| load::run(sh, load::FULL_SECONDS)),
            };
            let secs = started.elapsed().as_secs_f64();
            match result {
                Ok(()) => eprintln!("<== {name}: ok ({secs:.0} s)"),
                Err(e) => {
                    eprintln!("<== {name}: FAILED ({secs:.0} s): {e:#}");
                    failed.push(name);
                }
            }
        }
        report(selected.len(), &failed)
    }
}

fn report(total: usize, failed: &[&str]) -> Result<()> {
    println!(
        "suites: {} passed, {} failed",
        total - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        bail!("failed suites: {}", failed.join(", "));
    }
    Ok(())
}

/// Builds `dist/` and the npm package made from it, once per run.
fn ensure_dist(sh: &Shell, built: &mut bool) -> Result<()> {
    if !*built {
        let root = project_root();
        bundle::build(sh, &root)?;
        package::write(sh, &root, &dist_dir())?;
        *built = true;
    }
    Ok(())
}

/// The built bundle.
fn dist_dir() -> PathBuf {
    project_root().join("dist")
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
    install::ensure_wasm_target(sh)?;
    cmd!(sh, "{cargo} fmt --all -- --check").run()?;
    cmd!(
        sh,
        "{cargo} clippy --locked --workspace --all-targets -- -D warnings"
    )
    .run()?;
    // With the flags the module is built with, so the simd128 code is linted.
    let root = crate::project_root();
    let rustflags = sh.push_env(
        "RUSTFLAGS",
        crate::build::wasm::reproducible_rustflags(&root),
    );
    let packages = crate::build::wasm::package_args();
    cmd!(
        sh,
        "{cargo} clippy --locked {packages...} --lib --target {WASM_TARGET} -- -D warnings"
    )
    .run()?;
    drop(rustflags);
    // Files generated from the Rust sources must match what codegen writes.
    let xtask = std::env::current_exe()?;
    cmd!(sh, "{xtask} codegen --check").run()?;
    // The Kubernetes manifests against the API's own schemas (offline), as
    // operators' pipelines check them; the kustomization is kustomize's.
    let python = install::python_tools(sh)?;
    let validate = python.with_file_name("kubernetes-validate");
    let manifests: Vec<PathBuf> = std::fs::read_dir(project_root().join("deploy/kubernetes"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| !p.ends_with("kustomization.yaml"))
        .collect();
    cmd!(sh, "{validate} --strict {manifests...}").run()?;
    // What the crates may be: licenses, bans, sources (deny.toml).
    install::cargo_tool(sh, "cargo-deny", CARGO_DENY)?;
    cmd!(sh, "{cargo} deny --locked check licenses bans sources").run()?;
    // The analysers operators run: gixy on nginx.conf, checkov on the
    // Dockerfile and the manifests (offline). Zero findings: a deliberate
    // choice is skipped where it is made, with its reason (a `checkov:skip`
    // comment or annotation).
    let gixy = python.with_file_name("gixy");
    cmd!(sh, "{gixy} nginx.conf").run()?;
    let checkov = python.with_file_name("checkov");
    let quiet = ["--quiet", "--compact", "--skip-download"];
    cmd!(
        sh,
        "{checkov} {quiet...} --framework dockerfile --file Dockerfile"
    )
    .run()?;
    cmd!(
        sh,
        "{checkov} {quiet...} --framework kubernetes --directory deploy/kubernetes"
    )
    .run()?;
    Ok(())
}

/// The JavaScript: TypeScript's checker over www/ (`www/jsconfig.json`, with
/// the declarations the wasm build writes into www/pkg/) and over the JS
/// tests (`tests/jsconfig.json`, with `tests/globals.d.ts`), ESLint's
/// recommended rules over www/ and tests/ (`tests/eslint.config.mjs`), then
/// the npm package's tarball through publint and Are the Types Wrong (ESM
/// only: the package has no CommonJS entry), all pinned in
/// `tests/package-lock.json`; zero errors and zero warnings.
fn lint_js(sh: &Shell) -> Result<()> {
    install::ensure_npm(sh, "tests")?;
    let bin = project_root().join("tests/node_modules/.bin");
    let (tsc, eslint) = (bin.join("tsc"), bin.join("eslint"));
    let (publint, attw) = (bin.join("publint"), bin.join("attw"));
    let _root = sh.push_dir(project_root());
    cmd!(sh, "{tsc} -p www/jsconfig.json").run()?;
    cmd!(sh, "{tsc} -p tests/jsconfig.json").run()?;
    cmd!(
        sh,
        "{eslint} -c tests/eslint.config.mjs --max-warnings 0 www tests"
    )
    .run()?;
    let tarball = package::tarball()?;
    cmd!(sh, "{publint} run --strict {tarball}").run()?;
    cmd!(sh, "{attw} --profile esm-only --format ascii {tarball}").run()?;
    Ok(())
}

/// The cargo-deny the lint suite runs (installed once per machine).
const CARGO_DENY: &str = "0.20.2";

/// Native unit, integration and doc tests, then malformed data in a real build.
fn unit(sh: &Shell) -> Result<()> {
    let cargo = cargo();
    cmd!(sh, "{cargo} test --locked --workspace").run()?;
    bad_data::run(sh)
}

/// The built wasm module, run for real in node, against native answers.
fn wasm(sh: &Shell) -> Result<()> {
    install::ensure_npm(sh, "tests")?;
    let cases = project_root().join("target/parity/cases.json");
    let count = parity_cases::write(&cases)?;
    eprintln!("wrote {count} native predictions to {}", cases.display());
    let _dist = sh.push_env("IRIS_DIST", dist_dir());
    let _cases = sh.push_env("IRIS_PARITY_CASES", &cases);
    cmd!(sh, "node --test tests/node/").run()?;
    Ok(())
}

/// HTTP checks of nginx.conf, in Debian's nginx on a loopback port.
fn nginx(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["nginx"])?;
    install::ensure_npm(sh, "tests")?;
    let server = Nginx::start("test", "nginx.conf", &dist_dir())?;
    // nginx.conf listens on IPv6 too: the same checks reach it on [::1].
    let _ipv6 = sh.push_env("IPV6_URL", server.url().replace("127.0.0.1", "[::1]"));
    http_checks(sh, &server.url())?;
    let log = server.output();
    if !log.contains("\"GET / HTTP/1.1\" 200") {
        bail!("nginx logged no access line for GET / to stdout:\n{log}");
    }
    drop(server);
    // The bill of materials dist wrote (and nginx serves, and the image ships).
    let python = install::python_tools(sh)?;
    let sbom = dist_dir().join(crate::build::sbom::SBOM);
    cmd!(sh, "{python} tests/python/check_sbom.py {sbom}").run()?;
    monitor::run(sh)?;
    hostile::run(sh)
}

/// The HTTP checks in `tests/http/` against `base_url`.
pub fn http_checks(sh: &Shell, base_url: &str) -> Result<()> {
    let _base = sh.push_env("BASE_URL", base_url);
    cmd!(sh, "node --test tests/http/").run()?;
    Ok(())
}

/// Headless Chromium against the built page, served by nginx with our config.
fn browser(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["nginx"])?;
    chromium::ensure(sh)?;
    let app = Nginx::start("browser", "nginx.conf", &dist_dir())?;
    browser_tests_against(sh, &app.url())
}

/// Every browser test against the app at `app_url`.
pub fn browser_tests_against(sh: &Shell, app_url: &str) -> Result<()> {
    // Host pages for the widget tests, on a second origin (another port).
    let host = Static::start(&project_root().join("tests/browser/host"), 0)?;
    let _host = sh.push_env("HOST_URL", loopback_url(host.port));
    // The worker-policy probe, served with our nginx.conf's headers.
    install::ensure_apt(sh, &["nginx"])?;
    let probe = Nginx::start(
        "csp-probe",
        "nginx.conf",
        &project_root().join("tests/browser/csp"),
    )?;
    let _probe = sh.push_env("PROBE_URL", probe.url());
    let _app = sh.push_env("APP_URL", app_url);
    // The model bytes this checkout trains; the page (and so the image) must show them.
    let _model = sh.push_env("MODEL_SHA256", iris_wasm::model_card()?.model_sha256);
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let _dist = sh.push_env("IRIS_DIST", dist_dir());
    // The byte budgets, from where the bundle defines them.
    let _page = sh.push_env("FIRST_LOAD_BUDGET", bundle::FIRST_LOAD_BUDGET.to_string());
    let _iris = sh.push_env("IRIS_JS_BUDGET", bundle::IRIS_JS_BUDGET.to_string());
    // Workbooks for "Classify a file", written by libraries made for it.
    let workbooks = project_root().join("target/fixtures/workbooks");
    let cargo = cargo();
    cmd!(
        sh,
        "{cargo} run --locked --quiet --package iris-workbooks --example fixtures -- {workbooks}"
    )
    .run()?;
    let _workbooks = sh.push_env("WORKBOOKS", &workbooks);
    let mut tests = test_files(&project_root().join("tests/browser"))?;
    // While working on one feature: `XTASK_BROWSER_TESTS=share,element`
    // runs only those files (a full run never sets it).
    if let Ok(only) = std::env::var("XTASK_BROWSER_TESTS") {
        let wanted: Vec<String> = only
            .split(',')
            .map(|s| format!("{}.test.mjs", s.trim()))
            .collect();
        tests.retain(|t| {
            t.file_name()
                .is_some_and(|n| wanted.iter().any(|w| *w == n.to_string_lossy()))
        });
        if tests.is_empty() {
            bail!("XTASK_BROWSER_TESTS={only} names no file of tests/browser/");
        }
    }
    cmd!(sh, "node --test --test-concurrency=1 {tests...}").run()?;
    Ok(())
}

/// A fresh copy of the tracked files under `paths` (plus `data/`), for
/// suites that must change sources without touching the checkout, and the
/// target folder to build it in (returned second).
///
/// (!) The copy must not share the checkout's `target/`: Cargo's unit
/// hashes do not depend on where a workspace lives, so a copy built there
/// overwrites the checkout's fingerprints and a later build of the checkout
/// can reuse the copy's artifacts (a stale embedded model, for one). Every
/// suite uses the same copy folder, so its own target folder stays coherent.
fn workspace_copy(sh: &Shell, paths: &[&str]) -> Result<(PathBuf, PathBuf)> {
    let root = project_root();
    let base = root.join("target/workspace-copy");
    let copy = base.join("workspace");
    if copy.exists() {
        std::fs::remove_dir_all(&copy)?;
    }
    std::fs::create_dir_all(copy.join("data"))?;
    let files = cmd!(sh, "git ls-files -- {paths...} data").read()?;
    for file in files.lines() {
        if let Some(parent) = copy.join(file).parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(root.join(file), copy.join(file))?;
    }
    Ok((copy, base.join("target")))
}

/// The `*.test.mjs` files in `dir`, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut tests: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    if tests.is_empty() {
        bail!("no tests found in {}", dir.display());
    }
    Ok(tests)
}
