//! `cargo xtask dist`: the static bundle in `dist/`, and the npm package
//! made from it in `target/npm/`.

use anyhow::Result;
use xshell::Shell;

use crate::build::{bundle, package};
use crate::flags;
use crate::project_root;

impl flags::Dist {
    /// Builds the bundle and the package, and prints what it wrote.
    pub fn run(self, sh: &Shell) -> Result<()> {
        let root = project_root();
        let written = bundle::build(sh, &root)?;
        println!("{:<44} {:>9} {:>9}", "dist/", "bytes", "gzip");
        for w in &written {
            println!("{:<44} {:>9} {:>9}", w.path, w.bytes, w.gzip_bytes);
        }
        let made = package::write(sh, &root, &root.join("dist"))?;
        println!("npm package: {}", made.folder.display());
        println!(
            "packed:      {} ({} bytes)",
            made.tarball.display(),
            std::fs::metadata(&made.tarball)?.len()
        );
        Ok(())
    }
}
