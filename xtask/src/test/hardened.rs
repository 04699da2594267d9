//! What "hardened" means for a running container of the image, checked
//! from inside it, whoever started it (podman run, kube play, compose).

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use xshell::Shell;

use crate::harness::podman::podman_cmd;

/// A running container of the image: serving, non-root, read-only, no
/// capability, no privilege gain, the runtime's seccomp filter, a writable
/// /tmp and, if given, the memory limit in bytes.
pub fn check(sh: &Shell, container: &str, memory_limit: Option<u64>) -> Result<()> {
    let exec = |script: &str| {
        podman_cmd(sh, &["exec", container, "sh", "-c", script])
            .quiet()
            .ignore_stderr()
            .read()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while exec("wget -q -O /dev/null http://127.0.0.1/healthz").is_err() {
        if Instant::now() > deadline {
            bail!("{container} did not answer /healthz within 20 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let expect = |what: &str, got: String, want: &str| {
        if got.trim() == want {
            Ok(())
        } else {
            bail!("{container}: {what} is {:?}, expected {want:?}", got.trim())
        }
    };
    // nginx.conf's `listen [::]:80`: a listening IPv6 socket on port 80
    // (0x0050), whatever addresses this network gives the container.
    let tcp6 = exec("cat /proc/net/tcp6").unwrap_or_default();
    let listens6 = tcp6.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.get(1).is_some_and(|a| a.ends_with(":0050")) && fields.get(3) == Some(&"0A")
    });
    if !listens6 {
        bail!("{container}: nginx does not listen on IPv6 port 80:\n{tcp6}");
    }
    expect("the uid", exec("id -u")?, "101")?;
    expect("the gid", exec("id -g")?, "101")?;
    if exec("touch /usr/share/nginx/html/written").is_ok() {
        bail!("{container}: the root file system is writable");
    }
    expect(
        "/tmp",
        exec("touch /tmp/written && echo writable")?,
        "writable",
    )?;
    let status = exec("cat /proc/1/status")?;
    let value = |key: &str| super::kube::field(&status, key).unwrap_or_default();
    for key in ["CapEff:", "CapPrm:", "CapBnd:"] {
        expect(key, value(key), "0000000000000000")?;
    }
    expect("NoNewPrivs", value("NoNewPrivs:"), "1")?;
    expect("Seccomp (2 = filter)", value("Seccomp:"), "2")?;
    if let Some(limit) = memory_limit {
        // cgroup v2, else v1 (as on this machine).
        let max = exec(
            "cat /sys/fs/cgroup/memory.max 2>/dev/null \
             || cat /sys/fs/cgroup/memory/memory.limit_in_bytes",
        )?;
        expect("the memory limit", max, &limit.to_string())?;
    }
    Ok(())
}
