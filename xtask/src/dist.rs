//! `cargo xtask dist`: the static bundle in `dist/`.

use anyhow::Result;
use xshell::Shell;

use crate::build::bundle;
use crate::flags;
use crate::project_root;

impl flags::Dist {
    /// Builds the bundle and prints what it wrote.
    pub fn run(self, sh: &Shell) -> Result<()> {
        let written = bundle::build(sh, &project_root())?;
        println!("{:<44} {:>9} {:>9}", "dist/", "bytes", "gzip");
        for w in &written {
            println!("{:<44} {:>9} {:>9}", w.path, w.bytes, w.gzip_bytes);
        }
        Ok(())
    }
}
