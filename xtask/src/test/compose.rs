//! `compose.yaml`, brought up for real with podman-compose, unchanged: the
//! image just built must serve with the file's hardened settings in force.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::harness::podman::{self, podman_cmd};
use crate::harness::{free_port, install, loopback_url};
use crate::project_root;

/// The project name the suite uses, so it never touches a user's.
const PROJECT: &str = "iris-compose-test";

/// What this sandbox alone needs, from outside the file: runc (crun cannot
/// set resource limits here) and limits below the host's.
const CONTAINERS_CONF: &str = r#"[containers]
default_ulimits = ["nofile=8192:8192", "nproc=4096:4096"]

[engine]
runtime = "runc"
"#;

/// Brings `compose.yaml` up, checks the service, takes it down.
pub fn run(sh: &Shell) -> Result<()> {
    install::ensure_apt(sh, &["podman-compose"])?;
    let compose = std::fs::read_to_string(project_root().join("compose.yaml"))?;
    let image = super::kube::field(&compose, "image:").context("compose.yaml names no image")?;
    // The file builds the image if it is missing; it is the one just built.
    podman_cmd(
        sh,
        &["tag", podman::TAG, &format!("localhost/{image}:latest")],
    )
    .quiet()
    .run()?;
    let _conf = podman::containers_conf(sh, "compose", CONTAINERS_CONF)?;
    // The file publishes ${IRIS_PUBLISH:-8080}: here, a free loopback port.
    let port = free_port()?;
    let _publish = sh.push_env("IRIS_PUBLISH", format!("127.0.0.1:{port}"));
    let up = Up { sh };
    up.down();
    cmd!(
        sh,
        "podman-compose --project-name {PROJECT} --file compose.yaml up -d"
    )
    .run()
    .context("podman-compose up failed")?;

    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("the compose service did not open 127.0.0.1:{port} within 20 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let names = podman_cmd(
        sh,
        &[
            "ps",
            "--filter",
            &format!("label=io.podman.compose.project={PROJECT}"),
            "--format",
            "{{.Names}}",
        ],
    )
    .read()?;
    let [container] = names.lines().collect::<Vec<_>>()[..] else {
        bail!("expected one container of project {PROJECT}, found {names:?}");
    };
    let tmp = podman_cmd(sh, &["exec", container, "sh", "-c", "df -k /tmp | tail -1"]).read()?;
    super::hardened::check(sh, container, None)?;
    // `tmpfs: /tmp:size=16m` in the file.
    if !tmp.contains("16384") {
        bail!("/tmp in the compose service is not the file's 16 MiB tmpfs: {tmp}");
    }
    super::http_checks(sh, &loopback_url(port))?;
    eprintln!("compose: {container} serves the app with the file's hardened settings");
    drop(up);
    Ok(())
}

/// The project, taken down when dropped (whatever failed).
struct Up<'a> {
    sh: &'a Shell,
}

impl Up<'_> {
    fn down(&self) {
        let sh = self.sh;
        let _ = cmd!(
            sh,
            "podman-compose --project-name {PROJECT} --file compose.yaml down"
        )
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run();
    }
}

impl Drop for Up<'_> {
    fn drop(&mut self) {
        self.down();
    }
}
