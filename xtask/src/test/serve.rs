//! The `serve` suite: `cargo xtask serve` on a copy of the workspace sends
//! exactly what production sends (the HTTP checks pass against it), left
//! alone it rebuilds and reloads nothing, and a
//! saved change reloads the open page, a broken build is shown on the page
//! and the next good build clears it (`tests/serve/`, in Chromium).

use anyhow::Result;
use xshell::{cmd, Shell};

use super::{http_checks, test_files, workspace_copy};
use crate::harness::chromium::{self, CHROMIUM};
use crate::harness::dev_server::DevServer;
use crate::project_root;

/// Runs the suite.
pub fn run(sh: &Shell) -> Result<()> {
    chromium::ensure(sh)?;
    let (copy, target) = workspace_copy(
        sh,
        &[
            "Cargo.toml",
            "Cargo.lock",
            ".cargo",
            "crate",
            "xtask",
            "www",
            "nginx.conf",
        ],
    )?;
    let _target = sh.push_env("CARGO_TARGET_DIR", target);
    let server = DevServer::start(sh, &copy, 0, true, true)?;
    http_checks(sh, &server.url())?;
    let _url = sh.push_env("DEV_URL", server.url());
    let _app = sh.push_env("APP_URL", server.url());
    let _root = sh.push_env("DEV_ROOT", &copy);
    let _chromium = sh.push_env("CHROMIUM", CHROMIUM);
    let tests = test_files(&project_root().join("tests/serve"))?;
    cmd!(sh, "node --test --test-concurrency=1 {tests...}").run()?;
    Ok(())
}
