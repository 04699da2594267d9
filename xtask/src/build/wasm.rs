//! Compiles the crate to wasm, generates the JS glue and shrinks the module.

use std::path::{Path, PathBuf};

use std::io::Write as _;

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::harness::cargo;
use crate::harness::install::{self, WASM_TARGET};

/// The modules, by package: each gives `www/pkg/NAME.js` (glue) and
/// `www/pkg/NAME_bg.wasm`. The first is what every prediction needs; the
/// explorer is fetched only when a page shows the map or an explanation; the
/// files module only when a person classifies a file (in a worker), and the
/// workbooks module only when that file is a spreadsheet workbook.
pub const MODULES: [(&str, &str); 4] = [
    ("iris-wasm", "iris_wasm"),
    ("iris-explorer", "iris_explorer"),
    ("iris-files", "iris_files"),
    ("iris-workbooks", "iris_workbooks"),
];

/// `--package NAME` for every module, as cargo takes them.
pub fn package_args() -> Vec<String> {
    MODULES
        .iter()
        .flat_map(|(package, _)| ["--package".to_owned(), (*package).to_owned()])
        .collect()
}

/// Environment variable that keeps function names in the module, for size
/// work with `twiggy top www/pkg/iris_wasm_bg.wasm`. Never set for releases.
const KEEP_NAMES: &str = "XTASK_WASM_NAMES";

/// Builds `www/pkg/` of the workspace at `root`: the optimised module and
/// its ES-module glue, as `www/iris.js` imports them. Returns the folder.
pub fn build(sh: &Shell, root: &Path) -> Result<PathBuf> {
    let keep_names = std::env::var_os(KEEP_NAMES).is_some();
    install::ensure_wasm_target(sh)?;
    let cargo = cargo();
    let manifest = root.join("Cargo.toml");
    let _flags = sh.push_env("RUSTFLAGS", reproducible_rustflags(root));
    // Captured, so a failure (a malformed data file stops the build script)
    // can be shown where the developer looks, e.g. on the page under
    // `cargo xtask serve`; echoed in full either way.
    eprintln!("xtask: building the wasm module (cargo build --profile wasm)");
    let packages = package_args();
    let output = cmd!(
        sh,
        "{cargo} build --locked --manifest-path {manifest} {packages...} --lib --target {WASM_TARGET} --profile wasm --message-format=json-render-diagnostics"
    )
    .ignore_status()
    .output()?;
    std::io::stderr().write_all(&output.stderr)?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let errors: Vec<&str> = said
            .lines()
            .filter(|l| l.trim_start().starts_with("error"))
            .collect();
        bail!("the wasm build failed:\n{}", errors.join("\n"));
    }
    let target = sh
        .var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let card = model_card(&output.stdout)?;
    let pkg = root.join("www/pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg)?;
    }
    std::fs::create_dir_all(&pkg)?;
    // JSON is a JavaScript expression: the card as a module's default export.
    std::fs::write(
        pkg.join(CARD_MODULE),
        format!(
            "// The model card, written by the build (cargo xtask dist).\nexport default {card};\n"
        ),
    )?;
    let wasm_opt = install::wasm_opt(sh)?;
    for (_package, out_name) in MODULES {
        let input = target.join(format!("{WASM_TARGET}/wasm/{out_name}.wasm"));
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&input)
            .out_name(out_name)
            .web(true)?
            .typescript(true)
            .remove_name_section(!keep_names)
            .remove_producers_section(true)
            .generate(&pkg)
            .with_context(|| format!("wasm-bindgen failed on {out_name}"))?;

        let module = pkg.join(format!("{out_name}_bg.wasm"));
        let names: &[&str] = if keep_names { &["--debuginfo"] } else { &[] };
        // The features rustc enables by default for wasm32 must be declared, or
        // wasm-opt rejects (or mis-optimises) the instructions that use them.
        cmd!(
            sh,
            "{wasm_opt} -Oz --strip-debug --strip-producers {names...}
                --enable-bulk-memory --enable-sign-ext --enable-mutable-globals
                --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue
                --enable-simd
                {module} -o {module}"
        )
        .run()
        .context("wasm-opt failed")?;
    }
    Ok(pkg)
}

/// The model card as an ES module in `www/pkg/`, which `iris.js`'s
/// `modelInfo()` imports when first asked: the wasm module carries none of
/// it, so the first prediction does not wait for it.
pub const CARD_MODULE: &str = "iris_card.js";

/// The card the `iris-wasm` build script wrote (`model_card.json` in its
/// `OUT_DIR`), found in cargo's JSON messages on `stdout`.
fn model_card(stdout: &[u8]) -> Result<String> {
    let out_dir = String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "build-script-executed")
        .filter(|m| {
            m["package_id"]
                .as_str()
                .is_some_and(|id| id.contains("#iris-wasm@"))
        })
        .find_map(|m| m["out_dir"].as_str().map(PathBuf::from))
        .context("cargo reported no build script run for iris-wasm")?;
    let path = out_dir.join("model_card.json");
    let card = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str::<serde_json::Value>(&card)
        .with_context(|| format!("{} is not JSON", path.display()))?;
    Ok(card)
}

/// Panic locations embed source paths; mapping the machine-specific prefixes
/// (the crate registry, this checkout) to fixed names makes the module the
/// same bytes wherever it is built. Only the wasm target sees these flags.
pub(crate) fn reproducible_rustflags(root: &Path) -> String {
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    // 128-bit SIMD: every current browser runs it, and the softmax uses it.
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    flags.push_str(" -C target-feature=+simd128");
    for (from, to) in [
        (cargo_home, "/cargo"),
        (root.to_path_buf(), "/iris-classifier"),
    ] {
        flags.push_str(&format!(" --remap-path-prefix={}={to}", from.display()));
    }
    flags.trim().to_owned()
}
