//! Local stand-ins for the Dockerfile's two base images. There is no
//! container registry here, so they are built from Debian packages (and this
//! machine's Rust toolchain) and tagged with the exact names the Dockerfile
//! pins; `--pull=never` makes sure nothing else is used. Users build
//! against the real images.

use std::path::{Path, PathBuf};

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::harness::podman::{self, podman_cmd};
use crate::project_root;

/// Debian mirror for the stand-in base images (plain HTTP works here).
const MIRROR: &str = "http://deb.debian.org/debian";

/// Makes sure podman can run and the stand-ins for the Dockerfile's base
/// images exist. (This module builds on `podman`; `podman` knows nothing
/// of stand-ins.)
pub fn prepare(sh: &Shell) -> Result<()> {
    podman::ensure(sh)?;
    let (rust, nginx) = podman::base_images()?;
    ensure(sh, &rust, &nginx)
}

/// Builds each stand-in that is missing or made by an older recipe.
pub fn ensure(sh: &Shell, rust: &str, nginx: &str) -> Result<()> {
    if !standin_is_current(sh, rust) {
        standin_rust(sh, rust)?;
    }
    if !standin_is_current(sh, nginx) {
        standin_nginx(sh, nginx)?;
    }
    Ok(())
}

/// Bumped whenever the stand-in recipes change, so machines rebuild them.
const STANDIN_RECIPE: &str = "2";

fn standin_is_current(sh: &Shell, name: &str) -> bool {
    let format = "{{ index .Config.Labels \"iris-classifier.standin\" }}";
    podman_cmd(sh, &["image", "inspect", "--format", format, name])
        .quiet()
        .ignore_stderr()
        .read()
        .is_ok_and(|label| label.trim() == STANDIN_RECIPE)
}

/// A stand-in for the official Rust image: Debian trixie, gcc, this
/// machine's Rust toolchain (it cannot be downloaded here) with the wasm32
/// target, laid out and configured as the official image is.
fn standin_rust(sh: &Shell, name: &str) -> Result<()> {
    eprintln!(
        "xtask: building stand-in base image {name} (Debian trixie + this machine's toolchain)"
    );
    let root = fresh_dir("target/standin/rust")?;
    let rootfs = root.display().to_string();
    cmd!(
        sh,
        "debootstrap --variant=minbase --include=gcc,libc6-dev,ca-certificates trixie {rootfs} {MIRROR}"
    )
    .run()?;
    let sysroot = cmd!(sh, "rustc --print sysroot").read()?;
    let version = cmd!(sh, "rustc --version").read()?;
    let number = version
        .split_whitespace()
        .nth(1)
        .unwrap_or("stable")
        .to_owned();
    let toolchain = format!("{number}-x86_64-unknown-linux-gnu");
    let dest = root.join("usr/local/rustup/toolchains").join(&toolchain);
    std::fs::create_dir_all(&dest)?;
    let dest_s = dest.display().to_string();
    // The toolchain without its 600 MB of HTML docs.
    cmd!(sh, "sh -c 'tar -C \"$0\" --exclude=./share/doc -cf - . | tar -C \"$1\" -xf -' {sysroot} {dest_s}").run()?;
    let bin = root.join("usr/local/cargo/bin");
    std::fs::create_dir_all(&bin)?;
    let rustup = cmd!(sh, "sh -c 'command -v rustup'").read()?;
    std::fs::copy(&rustup, bin.join("rustup"))?;
    for proxy in [
        "cargo",
        "rustc",
        "rustdoc",
        "rustfmt",
        "cargo-fmt",
        "cargo-clippy",
        "clippy-driver",
    ] {
        std::os::unix::fs::symlink("rustup", bin.join(proxy))?;
    }
    std::fs::write(
        root.join("usr/local/rustup/settings.toml"),
        format!("version = \"12\"\ndefault_toolchain = \"{toolchain}\"\nprofile = \"minimal\"\n"),
    )?;
    // This network's HTTPS goes through a proxy that the host's CA bundle
    // trusts. Installed as a local certificate too, so it survives the
    // update-ca-certificates that apt runs inside the build.
    std::fs::copy(
        "/etc/ssl/certs/ca-certificates.crt",
        root.join("etc/ssl/certs/ca-certificates.crt"),
    )?;
    std::fs::create_dir_all(root.join("usr/local/share/ca-certificates"))?;
    std::fs::copy(
        "/etc/ssl/certs/ca-certificates.crt",
        root.join("usr/local/share/ca-certificates/host-bundle.crt"),
    )?;
    import(
        sh,
        &root,
        name,
        &[
            "ENV RUSTUP_HOME=/usr/local/rustup",
            // Node's own CA list lacks this network's proxy; the Dockerfile
            // needs nothing of the kind against the real registries.
            "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt",
            "ENV CARGO_HOME=/usr/local/cargo",
            "ENV PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "CMD [\"bash\"]",
        ],
    )
}

/// A stand-in for the official nginx image: Debian's nginx-light, laid out
/// as the official image is (user nginx uid 101, conf.d/default.conf, html
/// root, logs linked to stdout and stderr), plus wget as busybox has it.
fn standin_nginx(sh: &Shell, name: &str) -> Result<()> {
    eprintln!("xtask: building stand-in base image {name} (Debian nginx-light)");
    let root = fresh_dir("target/standin/nginx")?;
    let rootfs = root.display().to_string();
    cmd!(
        sh,
        "debootstrap --variant=minbase --include=nginx-light,wget bookworm {rootfs} {MIRROR}"
    )
    .run()?;
    let passwd = root.join("etc/passwd");
    let users = std::fs::read_to_string(&passwd)?;
    if !users.lines().any(|l| l.split(':').nth(2) == Some("101")) {
        std::fs::write(
            &passwd,
            format!("{users}nginx:x:101:101:nginx user:/nonexistent:/usr/sbin/nologin\n"),
        )?;
        let group = root.join("etc/group");
        let groups = std::fs::read_to_string(&group)?;
        std::fs::write(&group, format!("{groups}nginx:x:101:\n"))?;
    }
    std::fs::create_dir_all(root.join("etc/nginx/conf.d"))?;
    std::fs::write(
        root.join("etc/nginx/conf.d/default.conf"),
        "# stand-in default site\n",
    )?;
    std::fs::create_dir_all(root.join("usr/share/nginx/html"))?;
    let logs = root.join("var/log/nginx");
    std::fs::create_dir_all(&logs)?;
    for (file, target) in [("access.log", "/dev/stdout"), ("error.log", "/dev/stderr")] {
        let _ = std::fs::remove_file(logs.join(file));
        std::os::unix::fs::symlink(target, logs.join(file))?;
    }
    import(
        sh,
        &root,
        name,
        &[
            "EXPOSE 80",
            "STOPSIGNAL SIGQUIT",
            "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
        ],
    )
}

fn import(sh: &Shell, root: &Path, name: &str, changes: &[&str]) -> Result<()> {
    let mut args = vec![
        "import".to_owned(),
        "--change".to_owned(),
        format!("LABEL iris-classifier.standin={STANDIN_RECIPE}"),
    ];
    for change in changes {
        args.push("--change".to_owned());
        args.push((*change).to_owned());
    }
    let archive = root.with_extension("tar");
    let (root_s, archive_s) = (root.display().to_string(), archive.display().to_string());
    cmd!(sh, "tar -C {root_s} -cf {archive_s} .").run()?;
    args.push(archive_s.clone());
    args.push(name.to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    podman_cmd(sh, &args).run()?;
    std::fs::remove_file(&archive)?;
    Ok(())
}

fn fresh_dir(relative: &str) -> Result<PathBuf> {
    let dir = project_root().join(relative);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(dir.parent().unwrap_or(&dir))?;
    Ok(dir)
}
