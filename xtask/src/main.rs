//! Build and test orchestration for iris-classifier, in plain Rust.
//!
//! This is the [cargo-xtask](https://github.com/matklad/cargo-xtask) pattern:
//! `cargo xtask <command>` (an alias in `.cargo/config.toml`) runs this binary.
//! Commands and flags are declared in `flags.rs`; each command is a module
//! here; what several commands share lives in `build/` (making the bundle)
//! and `harness/` (installing tools, running nginx, podman, Chromium). No
//! command module uses another.

mod bench;
mod build;
mod codegen;
mod dist;
mod flags;
mod harness;
mod serve;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use xshell::Shell;

fn main() -> ExitCode {
    let flags = match flags::Xtask::from_env() {
        Ok(flags) => flags,
        Err(e) => {
            // --help lands here too: xflags reports it as an "error" to print.
            let text = e.to_string();
            let is_help = e.is_help();
            eprintln!("{text}");
            return if is_help {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    };
    match run(flags) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One readable line (anyhow would add a backtrace under RUST_BACKTRACE).
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(flags: flags::Xtask) -> Result<()> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    match flags.subcommand {
        flags::XtaskCmd::Dist(cmd) => cmd.run(&sh),
        flags::XtaskCmd::Serve(cmd) => cmd.run(&sh),
        flags::XtaskCmd::Test(cmd) => cmd.run(&sh),
        flags::XtaskCmd::Bench(cmd) => cmd.run(&sh),
        flags::XtaskCmd::Codegen(cmd) => cmd.run(&sh),
        flags::XtaskCmd::Help(_) => {
            print!("{}", flags::help());
            Ok(())
        }
    }
}

/// The repository root: the parent of this crate's folder.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
