//! Podman (there is no Docker engine here): the image built from the
//! Dockerfile as it is, and containers of it run read-only and non-root.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::harness::{free_port, install, loopback_url};
use crate::project_root;

/// The tag the tests build.
pub const TAG: &str = "localhost/iris-classifier:test";

/// Makes sure podman can run (the stand-in base images are
/// [`crate::harness::standin::prepare`]'s).
pub fn ensure(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["podman", "runc", "debootstrap", "uidmap"])?;
    if let Err(e) = podman_cmd(sh, &["info"]).quiet().ignore_stdout().run() {
        bail!(
            "PODMAN CANNOT RUN HERE, so the image cannot be tested: {e}. \
             The image suite fails rather than pass without testing the image."
        );
    }
    Ok(())
}

/// What `podman kube play` needs beside podman: catatonit, the pods'
/// pause process.
pub fn ensure_kube_play(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["catatonit"])
}

/// Points podman (for as long as the guard lives) at a `containers.conf`
/// with `text`, written to `target/{name}/containers.conf`: what this
/// sandbox needs from outside a file the suite plays unchanged.
pub fn containers_conf<'a>(sh: &'a Shell, name: &str, text: &str) -> Result<xshell::PushEnv<'a>> {
    let conf = project_root().join(format!("target/{name}/containers.conf"));
    std::fs::create_dir_all(conf.parent().context("no parent")?)?;
    std::fs::write(&conf, text)?;
    Ok(sh.push_env("CONTAINERS_CONF", &conf))
}

/// `podman --runtime runc ARGS...`: always runc, as the default crun cannot
/// set RLIMIT_NOFILE in this sandbox.
pub fn podman_cmd<'a>(sh: &'a Shell, args: &[&str]) -> xshell::Cmd<'a> {
    cmd!(sh, "podman --runtime runc {args...}")
}

/// Builds the image from the Dockerfile exactly as it is.
pub fn build(sh: &Shell) -> Result<Duration> {
    let revision = cmd!(sh, "git rev-parse HEAD")
        .read()
        .unwrap_or_else(|_| "unknown".into());
    let started = Instant::now();
    let revision_arg = format!("REVISION={revision}");
    podman_cmd(
        sh,
        &[
            "build",
            "--pull=never",
            "--format",
            "docker",
            "--build-arg",
            &revision_arg,
            "--tag",
            TAG,
            "--file",
            "Dockerfile",
            ".",
        ],
    )
    .run()
    .context("podman build failed")?;
    Ok(started.elapsed())
}

/// The two base image names the Dockerfile pins (its ARG defaults).
pub fn base_images() -> Result<(String, String)> {
    let dockerfile = std::fs::read_to_string(project_root().join("Dockerfile"))?;
    let arg = |name: &str| -> Result<String> {
        dockerfile
            .lines()
            .find_map(|l| l.strip_prefix(&format!("ARG {name}=")))
            .map(|v| v.trim().to_owned())
            .with_context(|| format!("the Dockerfile has no 'ARG {name}=...'"))
    };
    Ok((arg("RUST_IMAGE")?, arg("NGINX_IMAGE")?))
}

/// A running container of the image; removed when dropped.
pub struct Container<'a> {
    sh: &'a Shell,
    /// Its name.
    pub name: String,
    /// The loopback port its port 80 is published on.
    pub port: u16,
}

impl<'a> Container<'a> {
    /// Runs the image hardened: read-only root, /tmp in memory, no
    /// capabilities, no privilege gain, port 80 on a loopback port.
    pub fn run(sh: &'a Shell, name: &str) -> Result<Container<'a>> {
        Self::run_with(sh, name, &[])
    }

    /// [`Container::run`] with more `podman run` options (resource limits).
    pub fn run_with(sh: &'a Shell, name: &str, options: &[&str]) -> Result<Container<'a>> {
        let port = free_port()?;
        let _ = podman_cmd(sh, &["rm", "--force", name])
            .quiet()
            .ignore_stdout()
            .ignore_stderr()
            .run();
        let publish = format!("127.0.0.1:{port}:80");
        podman_cmd(
            sh,
            &[
                "run",
                "--detach",
                "--name",
                name,
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "--publish",
                &publish,
                // Docker's default, which podman lacks: lets uid 101 bind port 80.
                "--sysctl",
                "net.ipv4.ip_unprivileged_port_start=0",
                // This sandbox refuses to raise resource limits, and podman
                // otherwise asks for the maximum: ask for less than the host has.
                // (Nothing the image needs: users run it without these.)
                "--ulimit",
                "nofile=8192:8192",
                "--ulimit",
                "nproc=4096:4096",
            ]
            .into_iter()
            .chain(options.iter().copied())
            .chain([TAG])
            .collect::<Vec<_>>(),
        )
        .run()?;
        let container = Container {
            sh,
            name: name.to_owned(),
            port,
        };
        container.wait_until_healthy()?;
        Ok(container)
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        loopback_url(self.port)
    }

    fn wait_until_healthy(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok()
                && podman_cmd(
                    self.sh,
                    &[
                        "exec",
                        &self.name,
                        "wget",
                        "-q",
                        "-O",
                        "/dev/null",
                        "http://127.0.0.1/healthz",
                    ],
                )
                .quiet()
                .ignore_stderr()
                .run()
                .is_ok()
            {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!("the container did not answer within 20 s:\n{}", self.logs())
    }

    /// What the container wrote to stdout and stderr.
    pub fn logs(&self) -> String {
        podman_cmd(self.sh, &["logs", &self.name])
            .quiet()
            .ignore_stderr()
            .read()
            .unwrap_or_default()
    }

    /// Stops it the way `docker stop` does and returns how long that took.
    pub fn stop(&self) -> Result<Duration> {
        let started = Instant::now();
        podman_cmd(self.sh, &["stop", "--time", "10", &self.name])
            .quiet()
            .ignore_stdout()
            .run()?;
        Ok(started.elapsed())
    }
}

impl Drop for Container<'_> {
    fn drop(&mut self) {
        let _ = podman_cmd(self.sh, &["rm", "--force", &self.name])
            .quiet()
            .ignore_stdout()
            .ignore_stderr()
            .run();
    }
}
