//! `cargo xtask serve`: the app at http://127.0.0.1:PORT, served by
//! Debian's nginx with our `nginx.conf`, rebuilt and reloaded on change.

use anyhow::Result;
use xshell::Shell;

use crate::flags;
use crate::harness::dev_server::DevServer;
use crate::project_root;

impl flags::Serve {
    /// Builds (unless `--no-build`), serves and, unless `--no-watch`,
    /// rebuilds whenever a source changes.
    pub fn run(self, sh: &Shell) -> Result<()> {
        let watch = !self.no_watch;
        let server = DevServer::start(
            sh,
            &project_root(),
            self.port.unwrap_or(8080),
            !self.no_build,
            watch,
        )?;
        println!(
            "serving dist/ at {} with nginx and nginx.conf{} (Ctrl-C to stop)",
            server.url(),
            if watch {
                "; rebuilding when crate/, www/ or data/ change"
            } else {
                ""
            }
        );
        server.wait();
        Ok(())
    }
}
