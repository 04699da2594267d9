//! A malformed `data/iris.csv` must stop the real build with one line that
//! names file, line and column: no panic, no backtrace. Checked by building
//! a copy of the workspace with broken data files.

use anyhow::{bail, Result};
use xshell::{cmd, Shell};

use crate::harness::cargo;

/// Each case: the data file, and the line the build must print.
fn cases() -> Vec<(String, &'static str)> {
    let header = format!("{}\n", iris_core::training::dataset::header().join(","));
    let header = header.as_str();
    vec![
        (
            format!("{header}5.1,3.5,1.4x,0.2,setosa\n"),
            "error: data/iris.csv:2:3: petal_length '1.4x' is not a number",
        ),
        (
            format!("{header}5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,setosa\n"),
            "error: data/iris.csv:3:5: expected 5 fields",
        ),
        (
            format!("{header}5.1,3.5,1.4,0.2,rose\n"),
            "error: data/iris.csv:2:5: species 'rose' is not one of setosa, versicolor, virginica",
        ),
        (String::new(), "error: data/iris.csv: the file is empty"),
    ]
}

/// Builds a copy of the workspace with each broken data file.
pub fn run(sh: &Shell) -> Result<()> {
    let (copy, target) =
        super::workspace_copy(sh, &["Cargo.toml", "Cargo.lock", "crate", "xtask"])?;
    let manifest = copy.join("Cargo.toml");
    let _target = sh.push_env("CARGO_TARGET_DIR", target);
    let cargo = cargo();
    for (data, expected) in cases() {
        std::fs::write(copy.join("data/iris.csv"), &data)?;
        let output = cmd!(
            sh,
            "{cargo} build --locked --quiet --manifest-path {manifest} --package iris-wasm --lib"
        )
        .quiet()
        .ignore_status()
        .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            bail!("the build accepted a malformed data file:\n{data}");
        }
        if !stderr.lines().any(|l| l.trim().starts_with(expected)) {
            bail!("the build failed without the line '{expected}':\n{stderr}");
        }
        if stderr.contains("panicked") || stderr.contains("stack backtrace") {
            bail!("the build panicked on a malformed data file:\n{stderr}");
        }
        eprintln!("malformed data stops the build: {expected}");
    }
    Ok(())
}
