//! Build and test orchestration for iris-classifier, in plain Rust.
//!
//! This is the [cargo-xtask](https://github.com/matklad/cargo-xtask) pattern:
//! `cargo xtask <command>` (an alias in `.cargo/config.toml`) runs this binary.
//! Each command lives in its own module; this file only dispatches.

mod bench;
mod build_errors;
mod dist;
mod image;
mod nginx;
mod parity;
mod serve;
mod test;
mod tools;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};
use xshell::Shell;

const HELP: &str = "\
usage: cargo xtask <command> [options]

commands:
  dist                 build the static bundle into dist/ (wasm, glue, page, .gz)
  serve [--port N]     build, then serve dist/ at http://127.0.0.1:N (default 8080)
  test [SUITE...]      install what is missing, then run every suite, or only
                       those named: lint unit wasm nginx browser image
  bench                build, then measure in headless Chromium: cold load to
                       first prediction, predict() latency, predictBatch() rows/s
  help                 show this text
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One readable line (anyhow would add a backtrace under RUST_BACKTRACE).
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_else(|| "help".to_owned());
    let rest: Vec<String> = args.collect();
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    match command.as_str() {
        "dist" => {
            no_options(&command, &rest)?;
            dist::run(&sh)
        }
        "serve" => serve::run(&sh, serve::Options::parse(&rest)?),
        "test" => test::run(&sh, &rest),
        "bench" => {
            no_options(&command, &rest)?;
            bench::run(&sh)
        }
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command '{other}'\n\n{HELP}"),
    }
}

fn no_options(command: &str, rest: &[String]) -> Result<()> {
    if let Some(extra) = rest.first() {
        bail!("'{command}' takes no options, got '{extra}'\n\n{HELP}");
    }
    Ok(())
}

/// The repository root: the parent of this crate's folder.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
