//! The npm package as app developers use it: the packed tarball installed
//! into the scratch apps of `tests/apps/` (their tools pinned by its
//! lockfile), the React and Vue apps type-checked with `strict`, every app
//! built for production by its bundler, each build checked for the `.wasm`
//! files it must have emitted, then all served by a stock nginx and driven
//! in Chromium (`tests/apps/apps.test.mjs`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::build::package;
use crate::harness::chromium::{self, CHROMIUM};
use crate::harness::install;
use crate::harness::nginx::Nginx;
use crate::project_root;

/// The scratch apps' folder, under the root.
const APPS: &str = "tests/apps";

/// How each app is built: its name (and URL path), its source folder under
/// [`APPS`], and the bundler.
const BUILDS: &[(&str, &str, Bundler)] = &[
    ("vite", "plain", Bundler::Vite),
    ("webpack", "plain", Bundler::Webpack),
    ("esbuild", "plain", Bundler::Esbuild),
    ("react", "react", Bundler::Vite),
    ("vue", "vue", Bundler::Vite),
];

#[derive(Clone, Copy)]
enum Bundler {
    Vite,
    Webpack,
    Esbuild,
}

/// Runs the suite against the tarball `cargo xtask dist` wrote and the
/// site in `dist/` (the reference for the answers).
pub fn run(sh: &Shell, dist: &Path) -> Result<()> {
    install::ensure_apt(sh, &["nginx"])?;
    chromium::ensure(sh)?;
    install::ensure_npm(sh, "tests")?;
    install::ensure_npm(sh, APPS)?;
    let root = project_root();
    let apps = root.join(APPS);
    let bin = apps.join("node_modules/.bin");
    let tarball = package::tarball()?;
    {
        // As a developer would, but saving nothing: the apps' lockfile stays
        // the tools', and the tarball changes with every build.
        let _dir = sh.push_dir(&apps);
        cmd!(
            sh,
            "npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error {tarball}"
        )
        .run()?;
        let (tsc, vue_tsc) = (bin.join("tsc"), bin.join("vue-tsc"));
        cmd!(sh, "{tsc} -p react/tsconfig.json").run()?;
        cmd!(sh, "{vue_tsc} -p vue/tsconfig.json").run()?;
    }
    let installed = apps.join("node_modules").join(package::NAME);
    let out = root.join("target/apps");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    for &(name, source, bundler) in BUILDS {
        let target = out.join(name);
        build(sh, &apps.join(source), &bin, bundler, &target)?;
        println!("{name} emitted:");
        for (file, bytes) in listing(&target)? {
            println!("  {file:<48} {bytes:>9}");
        }
        emitted_wasm(&installed, &target, name)?;
    }

    let site = Nginx::start("package-site", "nginx.conf", dist)?;
    let served = Nginx::start("package-apps", "xtask/bench/stock-nginx.conf", &out)?;
    let _app = sh.push_env("APP_URL", site.url());
    let _apps = sh.push_env("APPS_URL", served.url());
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let test = apps.join("apps.test.mjs");
    cmd!(sh, "node --test --test-concurrency=1 {test}").run()?;
    Ok(())
}

/// Builds the app in `source` for production into `target`.
fn build(sh: &Shell, source: &Path, bin: &Path, bundler: Bundler, target: &Path) -> Result<()> {
    let _dir = sh.push_dir(source);
    let _out = sh.push_env("IRIS_APP_OUT", target);
    match bundler {
        Bundler::Vite => {
            let vite = bin.join("vite");
            cmd!(sh, "{vite} build --config vite.config.js").run()?;
        }
        Bundler::Webpack => {
            let webpack = bin.join("webpack");
            cmd!(sh, "{webpack} --config webpack.config.js").run()?;
            std::fs::copy(source.join("index.html"), target.join("index.html"))?;
        }
        Bundler::Esbuild => {
            // The one line esbuild needs (docs/package.md): the package's
            // .wasm files as entry points with the copy loader, beside the bundle.
            let esbuild = bin.join("esbuild");
            let wasm = wasm_files(&source.join("../node_modules").join(package::NAME))?;
            cmd!(
                sh,
                "{esbuild} main.js {wasm...} --bundle --format=esm --splitting --minify --outdir={target} --entry-names=[name] --loader:.wasm=copy --log-level=warning"
            )
            .run()?;
            std::fs::copy(source.join("index.html"), target.join("index.html"))?;
        }
    }
    Ok(())
}

/// The `.wasm` files of the installed package.
fn wasm_files(package: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(package)
        .with_context(|| format!("{} is not installed", package.display()))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Fails unless every `.wasm` file of the package is in `target`, byte for
/// byte, under whatever name the bundler gave it.
fn emitted_wasm(package: &Path, target: &Path, name: &str) -> Result<()> {
    let emitted: Vec<Vec<u8>> = files(target)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .map(std::fs::read)
        .collect::<std::io::Result<_>>()?;
    for wasm in wasm_files(package)? {
        let bytes = std::fs::read(&wasm)?;
        if !emitted.contains(&bytes) {
            bail!(
                "the {name} build did not emit {}",
                wasm.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    Ok(())
}

/// Every file under `dir`.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Every file under `dir` by its path there, with its size.
fn listing(dir: &Path) -> Result<Vec<(String, u64)>> {
    files(dir)?
        .into_iter()
        .map(|path| {
            let bytes = std::fs::metadata(&path)?.len();
            let name = path.strip_prefix(dir)?.to_string_lossy().into_owned();
            Ok((name, bytes))
        })
        .collect()
}
