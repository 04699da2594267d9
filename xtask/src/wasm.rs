//! Compiles the crate to wasm, generates the JS glue and shrinks the module.

use std::path::PathBuf;

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::project_root;
use crate::tools::{self, WASM_TARGET};

/// Name of the generated glue (`iris_wasm.js`) and module (`iris_wasm_bg.wasm`).
pub const OUT_NAME: &str = "iris_wasm";

/// Environment variable that keeps function names in the module, for size
/// work with `twiggy top www/pkg/iris_wasm_bg.wasm`. Never set for releases.
const KEEP_NAMES: &str = "XTASK_WASM_NAMES";

/// Builds `www/pkg/`: the optimised module and its ES-module glue, as
/// `www/iris.js` imports them. Returns the folder.
pub fn build(sh: &Shell) -> Result<PathBuf> {
    let keep_names = std::env::var_os(KEEP_NAMES).is_some();
    tools::ensure_wasm_target(sh)?;
    let cargo = cargo();
    let _flags = sh.push_env("RUSTFLAGS", reproducible_rustflags());
    cmd!(
        sh,
        "{cargo} build --locked --package iris-wasm --lib --target {WASM_TARGET} --profile wasm"
    )
    .run()?;
    let input = project_root().join(format!("target/{WASM_TARGET}/wasm/iris_wasm.wasm"));
    let pkg = project_root().join("www/pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg)?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .generate(&pkg)
        .context("wasm-bindgen failed")?;

    let module = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    let wasm_opt = tools::wasm_opt(sh)?;
    let names: &[&str] = if keep_names { &["--debuginfo"] } else { &[] };
    // The features rustc enables by default for wasm32 must be declared, or
    // wasm-opt rejects (or mis-optimises) the instructions that use them.
    cmd!(
        sh,
        "{wasm_opt} -Oz --strip-debug --strip-producers {names...}
            --enable-bulk-memory --enable-sign-ext --enable-mutable-globals
            --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue
            {module} -o {module}"
    )
    .run()
    .context("wasm-opt failed")?;
    Ok(pkg)
}

/// Panic locations embed source paths; mapping the machine-specific prefixes
/// (the crate registry, this checkout) to fixed names makes the module the
/// same bytes wherever it is built. Only the wasm target sees these flags.
fn reproducible_rustflags() -> String {
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    for (from, to) in [(cargo_home, "/cargo"), (project_root(), "/iris-classifier")] {
        flags.push_str(&format!(" --remap-path-prefix={}={to}", from.display()));
    }
    flags.trim().to_owned()
}

/// The cargo that runs this xtask (so toolchain overrides carry through).
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
