//! Runs Debian's nginx with the project's own `nginx.conf` on a loopback
//! port, for the tests and benchmarks.
//!
//! The config is used as it is except for three things a host needs: the
//! port (`listen 80` becomes `listen 127.0.0.1:PORT`), the web root (a copy
//! of `dist/`) and `/tmp/` (a private folder). Each must occur, or this fails:
//! the test must not silently run some other config. As root, nginx runs as
//! `nobody`, like the image's non-root user.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use std::os::unix::fs::PermissionsExt;

use anyhow::{bail, Context, Result};

use crate::harness::install::is_root;
use crate::harness::{free_port, loopback_url};
use crate::project_root;

/// A running nginx; stopped when dropped.
pub struct Nginx {
    /// Its loopback port.
    pub port: u16,
    /// Its private folder (config, web root, logs, temp files).
    pub dir: PathBuf,
    child: Child,
}

impl Nginx {
    /// Starts nginx with `config` (a file under the root, e.g. `nginx.conf`)
    /// serving a copy of `root` on a free port, and waits until it answers.
    pub fn start(name: &str, config: &str, root: &Path) -> Result<Nginx> {
        Nginx::start_on(name, config, root, free_port()?)
    }

    /// Like [`Nginx::start`], on `port`.
    pub fn start_on(name: &str, config: &str, root: &Path, port: u16) -> Result<Nginx> {
        Nginx::start_with(name, config, root, &[port], &[])
    }

    /// Like [`Nginx::start`], listening on every one of `ports` (one nginx,
    /// many instances), with `edits` (text, replacement) made to the config
    /// as well; each must occur.
    pub fn start_with(
        name: &str,
        config: &str,
        root: &Path,
        ports: &[u16],
        edits: &[(&str, &str)],
    ) -> Result<Nginx> {
        let port = *ports.first().context("no port to listen on")?;
        let dir = project_root().join(format!("target/nginx/{name}"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        let html = dir.join("html");
        copy_dir(root, &html)?;
        let source = std::fs::read_to_string(project_root().join(config))
            .with_context(|| format!("cannot read {config}"))?;
        let mut text = for_loopback(&source, ports, &html, &dir)?;
        for (from, to) in edits {
            if !text.contains(from) {
                bail!("{config} no longer contains '{from}', which this test changes");
            }
            text = text.replace(from, to);
        }
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, text)?;
        open_up(&dir)?;

        let log_path = dir.join("output.log");
        let log = std::fs::File::create(&log_path)?;
        // nginx reopens /dev/stdout and /dev/stderr (this file) as nobody.
        std::fs::set_permissions(&log_path, std::fs::Permissions::from_mode(0o666))?;
        let mut command = if is_root() {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "nginx",
            ]);
            c
        } else {
            Command::new("nginx")
        };
        command
            .arg("-e")
            .arg("stderr")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        let child = command
            .spawn()
            .context("cannot start nginx (is it installed?)")?;
        let mut nginx = Nginx { port, dir, child };
        nginx.wait_until_ready()?;
        Ok(nginx)
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        loopback_url(self.port)
    }

    /// The copy of the web root it serves.
    pub fn web_root(&self) -> PathBuf {
        self.dir.join("html")
    }

    /// What nginx wrote to stdout and stderr so far.
    pub fn output(&self) -> String {
        std::fs::read_to_string(self.dir.join("output.log")).unwrap_or_default()
    }

    fn wait_until_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("nginx exited ({status}):\n{}", self.output());
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!(
            "nginx did not listen on port {} within 10 s:\n{}",
            self.port,
            self.output()
        )
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // Ask for a fast shutdown (SIGTERM), then make sure.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The config with port, web root and `/tmp/` moved for a loopback test.
fn for_loopback(config: &str, ports: &[u16], html: &Path, dir: &Path) -> Result<String> {
    let mut text = config.to_owned();
    let listen: Vec<String> = ports
        .iter()
        .map(|port| format!("listen 127.0.0.1:{port};"))
        .collect();
    let listen6: Vec<String> = ports
        .iter()
        .map(|port| format!("listen [::1]:{port};"))
        .collect();
    // `/tmp/` first: the new web root may itself lie under /tmp.
    for (from, to) in [
        ("/tmp/", format!("{}/", dir.display())),
        ("listen 80;", listen.join("\n    ")),
        ("listen [::]:80;", listen6.join("\n    ")),
        (
            "root /usr/share/nginx/html;",
            format!("root {};", html.display()),
        ),
    ] {
        if !text.contains(from) {
            bail!("nginx.conf no longer contains '{from}': update xtask/src/harness/nginx.rs");
        }
        text = text.replace(from, &to);
    }
    Ok(text)
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Lets the unprivileged nginx read the web root and write its temp files.
fn open_up(dir: &Path) -> Result<()> {
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777))?;
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o644))?;
            }
        }
    }
    // Every folder above must be passable too (e.g. a clone under /root).
    let mut parent = dir.parent();
    while let Some(p) = parent {
        let mode = std::fs::metadata(p)?.permissions().mode();
        if mode & 0o001 == 0 {
            bail!(
                "{} is not accessible to other users (mode {:o}); nginx runs as nobody. \
                 Clone the repository somewhere world-accessible, or chmod o+x it",
                p.display(),
                mode & 0o777
            );
        }
        parent = p.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::for_loopback;
    use std::path::Path;

    #[test]
    fn moves_port_root_and_tmp_and_fails_when_one_is_missing() {
        let conf =
            "pid /tmp/nginx.pid;\nlisten 80;\nlisten [::]:80;\nroot /usr/share/nginx/html;\n";
        let out = for_loopback(conf, &[4242], Path::new("/x/html"), Path::new("/x")).unwrap();
        assert_eq!(
            out,
            "pid /x/nginx.pid;\nlisten 127.0.0.1:4242;\nlisten [::1]:4242;\nroot /x/html;\n"
        );
        assert!(for_loopback("listen 81;", &[1], Path::new("/h"), Path::new("/x")).is_err());
        // A checkout under /tmp keeps its own paths.
        let out =
            for_loopback(conf, &[1], Path::new("/tmp/ci/html"), Path::new("/tmp/ci")).unwrap();
        assert_eq!(
            out,
            "pid /tmp/ci/nginx.pid;\nlisten 127.0.0.1:1;\nlisten [::1]:1;\nroot /tmp/ci/html;\n"
        );
    }
}
