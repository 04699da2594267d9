//! Installs what the build and tests need on a fresh Debian machine, and
//! skips whatever is already present.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::project_root;

/// The Rust target the module is compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Oldest binaryen whose wasm-opt handles wasm-bindgen output (108 corrupts it).
const MIN_BINARYEN: u32 = 110;

/// Adds the wasm32 target through rustup unless it is installed.
pub fn ensure_wasm_target(sh: &Shell) -> Result<()> {
    let installed = cmd!(sh, "rustup target list --installed").read()?;
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        cmd!(sh, "rustup target add {WASM_TARGET}").run()?;
    }
    Ok(())
}

/// Installs the Debian packages that are missing (one `apt-get update` first).
pub fn ensure_apt(sh: &Shell, packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            let format = "-f=${Status}";
            cmd!(sh, "dpkg-query -W {format} {p}")
                .quiet()
                .ignore_stderr()
                .read()
                .map_or(true, |status| !status.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let (program, prefix): (&str, &[&str]) = if is_root() {
        ("apt-get", &[])
    } else {
        ("sudo", &["apt-get"])
    };
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    cmd!(sh, "{program} {prefix...} update -q")
        .run()
        .context("apt-get update failed (run as root, or with sudo)")?;
    let _env = sh.push_env("DEBIAN_FRONTEND", "noninteractive");
    let list = missing.iter();
    cmd!(
        sh,
        "{program} {prefix...} install -y -q --no-install-recommends {list...}"
    )
    .run()
    .with_context(|| format!("could not install: apt-get install {}", missing.join(" ")))?;
    Ok(())
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Runs `npm ci` in `dir` (relative to the root) unless its lockfile is
/// already installed. Installs Node.js from Debian when there is none.
pub fn ensure_npm(sh: &Shell, dir: &str) -> Result<()> {
    if cmd!(sh, "node --version")
        .quiet()
        .ignore_stderr()
        .read()
        .is_err()
    {
        ensure_apt(sh, &["nodejs", "npm"])?;
    }
    let root = project_root().join(dir);
    let lock = std::fs::read(root.join("package-lock.json"))
        .with_context(|| format!("{dir}/package-lock.json is missing"))?;
    let stamp = root.join("node_modules/.xtask-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    let _dir = sh.push_dir(&root);
    // No install scripts: none of the pinned packages needs one (esbuild's
    // binary comes as an optional dependency, binaryen's in the package),
    // and a compromised one could run anything at install.
    cmd!(
        sh,
        "npm ci --ignore-scripts --no-audit --no-fund --loglevel=error"
    )
    .run()?;
    std::fs::write(&stamp, lock)?;
    Ok(())
}

/// A cargo subcommand at exactly `version` (`cargo install` it when
/// `cargo NAME --version` says otherwise); `name` is the crate, `cargo-NAME`.
pub fn cargo_tool(sh: &Shell, name: &str, version: &str) -> Result<()> {
    let subcommand = name.trim_start_matches("cargo-");
    let cargo = crate::harness::cargo();
    let installed = cmd!(sh, "{cargo} {subcommand} --version")
        .quiet()
        .ignore_stderr()
        .read()
        .unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    eprintln!("xtask: installing {name} {version} (cargo install, once per machine)");
    cmd!(sh, "{cargo} install --locked {name} --version {version}")
        .run()
        .with_context(|| format!("cargo install {name} {version} failed"))?;
    Ok(())
}

/// The Python the suites run tools with: a virtual environment in
/// `target/venv` holding exactly `tests/python/requirements.txt`,
/// (re)installed when that file changes. Returns its `python`.
pub fn python_tools(sh: &Shell) -> Result<PathBuf> {
    ensure_apt(sh, &["python3-venv"])?;
    let requirements = project_root().join("tests/python/requirements.txt");
    let wanted =
        std::fs::read(&requirements).context("tests/python/requirements.txt is missing")?;
    let venv = project_root().join("target/venv");
    let python = venv.join("bin/python");
    let stamp = venv.join(".xtask-requirements");
    if std::fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) && python.exists() {
        return Ok(python);
    }
    cmd!(sh, "python3 -m venv --clear {venv}").run()?;
    cmd!(
        sh,
        "{python} -m pip install --quiet --disable-pip-version-check --no-input -r {requirements}"
    )
    .run()
    .context("pip could not install tests/python/requirements.txt")?;
    std::fs::write(&stamp, wanted)?;
    Ok(python)
}

/// wasm-opt from the binaryen npm package pinned in `xtask/package.json`,
/// everywhere (developer machines, CI, the Docker build): the same optimiser
/// gives the same bytes, so a bundle built anywhere has the same hashed names.
/// Debian 12's binaryen 108 would corrupt wasm-bindgen output anyway.
pub fn wasm_opt(sh: &Shell) -> Result<PathBuf> {
    ensure_npm(sh, "xtask")?;
    let npm_bin = project_root().join("xtask/node_modules/.bin/wasm-opt");
    let version = cmd!(sh, "{npm_bin} --version").read()?;
    match binaryen_version(&version) {
        Some(v) if v >= MIN_BINARYEN => Ok(npm_bin),
        _ => bail!("wasm-opt from npm reports '{version}'; binaryen {MIN_BINARYEN}+ is required"),
    }
}

/// esbuild from the npm package pinned in `xtask/package.json`, which minifies
/// the bundle's JavaScript and CSS (the same version everywhere, so the same
/// bytes and hashed names wherever the bundle is built).
pub fn esbuild(sh: &Shell) -> Result<PathBuf> {
    ensure_npm(sh, "xtask")?;
    Ok(project_root().join("xtask/node_modules/.bin/esbuild"))
}

/// `wasm-opt version 120 (version_120)` -> 120.
fn binaryen_version(text: &str) -> Option<u32> {
    text.split_whitespace()
        .skip_while(|w| *w != "version")
        .nth(1)?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::binaryen_version;

    #[test]
    fn reads_binaryen_versions() {
        assert_eq!(
            binaryen_version("wasm-opt version 120 (version_120)"),
            Some(120)
        );
        assert_eq!(binaryen_version("wasm-opt version 108"), Some(108));
        assert_eq!(binaryen_version("wasm-opt version 132.0.0"), Some(132));
        assert_eq!(binaryen_version("something else"), None);
    }
}
