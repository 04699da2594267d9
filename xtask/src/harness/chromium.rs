//! Debian's Chromium, which the browser tests and benchmarks drive through
//! playwright-core (installed with npm from `tests/package-lock.json`).

use anyhow::Result;
use xshell::Shell;

use crate::harness::install;

/// The Chromium binary (Debian's package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Installs Chromium and the test tools when missing.
pub fn ensure(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["chromium"])?;
    install::ensure_npm(sh, "tests")
}
