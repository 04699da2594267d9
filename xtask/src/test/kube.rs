//! `deploy/kubernetes/deployment.yaml`, played for real: `podman kube play`
//! runs the manifest unchanged with the image just built, and the pods must
//! serve the app with the manifest's security settings in force.

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use crate::harness::podman::{self, podman_cmd};
use crate::project_root;

/// The manifest the suite plays.
const DEPLOYMENT: &str = "deploy/kubernetes/deployment.yaml";

/// What this sandbox alone needs, given from outside the manifest (podman
/// kube play has no --ulimit flag and ignores pod-level sysctls): limits
/// below the host's, and the unprivileged-port sysctl every Docker and
/// containerd container gets (a cluster applies the manifest's own).
const CONTAINERS_CONF: &str = r#"[containers]
default_ulimits = ["nofile=8192:8192", "nproc=4096:4096"]
default_sysctls = ["net.ipv4.ping_group_range=0 0", "net.ipv4.ip_unprivileged_port_start=0"]
"#;

/// Plays the Deployment, checks every pod, tears it down.
pub fn run(sh: &Shell) -> Result<()> {
    podman::ensure_kube_play(sh)?;
    let manifest = std::fs::read_to_string(project_root().join(DEPLOYMENT))?;
    let image = field(&manifest, "image:").context("the Deployment names no image")?;
    let replicas: usize = field(&manifest, "replicas:")
        .context("the Deployment sets no replicas")?
        .parse()?;
    // The manifest names the released image; here it is the one just built.
    let local = if image.contains('/') {
        image.clone()
    } else {
        format!("localhost/{image}")
    };
    podman_cmd(sh, &["tag", podman::TAG, &local])
        .quiet()
        .run()?;

    let _conf = podman::containers_conf(sh, "kube", CONTAINERS_CONF)?;
    let played = Played { sh };
    played.down();
    podman_cmd(sh, &["kube", "play", DEPLOYMENT])
        .run()
        .context("podman kube play failed")?;

    let mut containers = Vec::new();
    for pod in podman_cmd(sh, &["pod", "ps", "--format", "{{.Name}}"])
        .read()?
        .lines()
    {
        let names = podman_cmd(
            sh,
            &[
                "ps",
                "--filter",
                &format!("pod={pod}"),
                "--format",
                "{{.Names}}",
            ],
        )
        .read()?;
        containers.extend(
            names
                .lines()
                .filter(|n| !n.ends_with("-infra"))
                .map(str::to_owned),
        );
    }
    if containers.len() != replicas {
        bail!("the Deployment asks for {replicas} replicas; podman runs {containers:?}");
    }
    let memory_limit = memory_limit(&manifest).context("the Deployment sets no memory limit")?;
    for container in &containers {
        super::hardened::check(sh, container, Some(memory_limit))?;
    }
    // Every HTTP check, on the first pod, from inside its network namespace
    // (its own loopback: the manifest publishes no host port).
    let pid = podman_cmd(
        sh,
        &["inspect", "--format", "{{.State.Pid}}", &containers[0]],
    )
    .read()?;
    // nginx.conf's fixed number of workers, not one per node CPU.
    let conf = std::fs::read_to_string(project_root().join("nginx.conf"))?;
    let wanted: usize = conf
        .lines()
        .find_map(|l| l.strip_prefix("worker_processes "))
        .and_then(|n| n.trim_end_matches(';').parse().ok())
        .context("nginx.conf sets no fixed worker_processes")?;
    let workers = children(pid.trim())?;
    if workers != wanted {
        bail!("the 1-CPU pod runs {workers} nginx workers; nginx.conf says {wanted}");
    }
    let netns = format!("--net=/proc/{pid}/ns/net");
    let _base = sh.push_env("BASE_URL", "http://127.0.0.1/");
    cmd!(sh, "nsenter {netns} node --test tests/http/").run()?;
    eprintln!(
        "kube play: {} pods serve the app with the manifest's security settings",
        containers.len()
    );
    drop(played);
    Ok(())
}

/// How many processes have `pid` as their parent (nginx's workers, for its master).
fn children(pid: &str) -> Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir("/proc")? {
        let Ok(stat) = std::fs::read_to_string(entry?.path().join("stat")) else {
            continue;
        };
        // `PID (COMMAND) STATE PPID …`; the command may hold spaces and parentheses.
        let after = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
        if after.split_whitespace().nth(1) == Some(pid) {
            count += 1;
        }
    }
    Ok(count)
}

/// The container's memory limit in bytes (`limits:` then `memory: NMi`).
fn memory_limit(manifest: &str) -> Option<u64> {
    let limits = &manifest[manifest.find("limits:")?..];
    let mebibytes = field(limits, "memory:")?
        .strip_suffix("Mi")?
        .parse::<u64>()
        .ok()?;
    Some(mebibytes * 1024 * 1024)
}

/// The value after `key` on the first line that starts with it.
pub(super) fn field(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|line| line.trim().strip_prefix(key))
        .map(|value| value.trim().to_owned())
}

/// The played pods, taken down when dropped (whatever failed).
struct Played<'a> {
    sh: &'a Shell,
}

impl Played<'_> {
    fn down(&self) {
        let _ = podman_cmd(self.sh, &["kube", "down", DEPLOYMENT])
            .quiet()
            .ignore_stdout()
            .ignore_stderr()
            .run();
    }
}

impl Drop for Played<'_> {
    fn drop(&mut self) {
        self.down();
    }
}
