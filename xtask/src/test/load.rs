//! Load and faults against the real image, hardened, on loopback: wrk at 256
//! connections on the page and on the wasm module (also with the container
//! held to 1 CPU and 64 MiB), then a worker killed, the container stopped
//! and started, and /tmp filled, all while wrk runs; last, a rolling update
//! through a balancer ([`super::rollout`]). Pass/fail is on errors and
//! recovery only; the figures are printed for the README.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use xshell::Shell;

use crate::harness::podman::{podman_cmd, Container};
use crate::harness::{install, wrk};

/// Seconds per load run in `cargo xtask test load`.
pub const FULL_SECONDS: u64 = 60;

/// Seconds per load run in the image suite (and so in CI).
pub const SHORT_SECONDS: u64 = 6;

/// Connections wrk holds open.
const CONNECTIONS: u32 = 256;

/// Runs every load and fault check, each load run lasting `seconds`.
pub fn run(sh: &Shell, seconds: u64) -> Result<()> {
    install::ensure_apt(sh, &["wrk"])?;
    let duration = Duration::from_secs(seconds);
    println!(
        "\nload: wrk, 2 threads, {CONNECTIONS} connections, {seconds} s per run, the image run hardened, loopback"
    );
    println!(
        "  {:<22} {:<10} {:>11} {:>10} {:>7} {:>12}",
        "container", "file", "requests/s", "p99", "errors", "peak memory"
    );
    for (label, options) in [
        ("hardened", &[][..]),
        ("1 CPU, 64 MiB", &["--cpus", "1", "--memory", "64m"][..]),
    ] {
        let container = Container::run_with(sh, "iris-classifier-load", options)?;
        let wasm = wasm_path(&container)?;
        for (file, path) in [("index.html", "/".to_owned()), ("wasm", wasm)] {
            let load = wrk::run(
                sh,
                &format!("{}{}", container.url(), &path[1..]),
                CONNECTIONS,
                duration,
            )?;
            let peak = peak_memory(sh, &container)?;
            println!(
                "  {label:<22} {file:<10} {:>11.0} {:>10} {:>7} {:>9.1} MiB",
                load.requests_per_second,
                load.p99,
                load.errors(),
                peak as f64 / 1048576.0
            );
            if load.errors() > 0 {
                bail!("{label}, {file}: {load:?}: every request must succeed");
            }
        }
    }
    faults(sh, duration)?;
    super::rollout::run(sh)
}

/// The wasm module's path, as the instance's `/version.json` names it.
fn wasm_path(container: &Container<'_>) -> Result<String> {
    let url = format!("{}{}", container.url(), crate::build::version::VERSION_JSON);
    let version: serde_json::Value =
        serde_json::from_str(&http_get(&url)?).with_context(|| format!("{url} is not JSON"))?;
    version["wasm"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("{url} names no wasm module"))
}

/// The container's peak memory use so far (cgroup v2 `memory.peak`, else
/// v1's `memory.max_usage_in_bytes`).
fn peak_memory(sh: &Shell, container: &Container<'_>) -> Result<u64> {
    let script = "cat /sys/fs/cgroup/memory.peak 2>/dev/null \
        || cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes";
    let peak = podman_cmd(sh, &["exec", &container.name, "sh", "-c", script])
        .quiet()
        .read()?;
    peak.trim()
        .parse()
        .with_context(|| format!("memory.peak reads {peak:?}"))
}

/// A worker killed, the container stopped and started, /tmp filled: each
/// under load, each recovered from.
fn faults(sh: &Shell, duration: Duration) -> Result<()> {
    let container = Container::run(sh, "iris-classifier-faults")?;
    let url = container.url();
    let exec = |script: &str| {
        podman_cmd(sh, &["exec", &container.name, "sh", "-c", script])
            .quiet()
            .ignore_stderr()
            .read()
    };
    println!("\nfaults, each under the same load:");

    // 1. SIGKILL one worker: the master starts another; only the requests
    //    that worker had in flight fail.
    // nginx processes whose title says worker (not this shell, whose
    // command line holds the same words).
    let workers = "for d in /proc/[0-9]*; do \
        [ \"$(cat $d/comm 2>/dev/null)\" = nginx ] && grep -qs 'worker process' $d/cmdline \
        && echo ${d#/proc/}; done";
    let before: Vec<String> = exec(workers)?.lines().map(str::to_owned).collect();
    let victim = before.first().context("no nginx worker found")?.clone();
    let load = under_load(&url, duration, || {
        thread::sleep(duration / 3);
        exec(&format!("kill -9 {victim}"))?;
        Ok(())
    })?;
    thread::sleep(Duration::from_millis(500));
    let after: Vec<String> = exec(workers)?.lines().map(str::to_owned).collect();
    if after.len() != before.len() || after.contains(&victim) {
        bail!("after SIGKILL of worker {victim}, workers are {after:?} (were {before:?})");
    }
    println!(
        "  worker {victim} killed with SIGKILL: replaced ({} workers again); {} of {} requests failed (those in flight on it)",
        after.len(),
        load.errors(),
        load.requests
    );

    // 2. Fill the /tmp tmpfs: static files need none of it.
    let load = under_load(&url, duration, || {
        let _ = exec("cat /dev/zero > /tmp/fill");
        Ok(())
    })?;
    let free = exec("df -k /tmp | tail -1")?;
    exec("rm -f /tmp/fill")?;
    println!(
        "  /tmp filled ({}): {} requests, {} failed",
        free.split_whitespace().nth(4).unwrap_or("?"),
        load.requests,
        load.errors()
    );
    if load.errors() > 0 {
        bail!("requests failed while /tmp was full: {load:?}");
    }
    // 3. Stop and start the container while wrk keeps trying: it serves
    //    again (how soon is reported, not judged: timings are not pass/fail
    //    here). Each probe gets 250 ms, so a connection the port forwarder
    //    accepts before nginx is up does not stall the count. Last: after a
    //    restart the old container's port-forwarding state lingers a moment.
    let mut back_after = Duration::ZERO;
    under_load(&url, duration, || {
        thread::sleep(duration / 4);
        podman_cmd(sh, &["stop", "--time", "10", &container.name])
            .quiet()
            .ignore_stdout()
            .run()?;
        podman_cmd(sh, &["start", &container.name])
            .quiet()
            .ignore_stdout()
            .run()?;
        let started = Instant::now();
        let probe = format!("{url}healthz");
        while http_get_within(&probe, Duration::from_millis(250)).is_err() {
            if started.elapsed() > RESTART_DEADLINE {
                bail!("not serving {RESTART_DEADLINE:?} after podman start");
            }
            thread::sleep(Duration::from_millis(10));
        }
        back_after = started.elapsed();
        Ok(())
    })?;
    println!(
        "  stopped and started under load: serving again {:.0} ms after `podman start` returned",
        back_after.as_secs_f64() * 1000.0
    );

    Ok(())
}

/// Runs `during` while wrk loads `url` for `duration`; returns wrk's figures.
fn under_load(
    url: &str,
    duration: Duration,
    during: impl FnOnce() -> Result<()>,
) -> Result<wrk::Load> {
    under_load_with(url, duration, CONNECTIONS, &[wrk::GZIP], during)
}

/// [`under_load`] with `connections` connections sending `headers`.
pub(super) fn under_load_with(
    url: &str,
    duration: Duration,
    connections: u32,
    headers: &[&str],
    during: impl FnOnce() -> Result<()>,
) -> Result<wrk::Load> {
    thread::scope(|scope| {
        // Its own shell: a Shell is not shared between threads.
        let load = scope
            .spawn(|| wrk::run_with_headers(&Shell::new()?, url, connections, duration, headers));
        let outcome = during();
        let load = load
            .join()
            .map_err(|_| anyhow::anyhow!("the wrk thread panicked"))??;
        outcome.map(|()| load)
    })
}

/// How long a restarted container may take to serve before the suite
/// calls it down (a bound on waiting, not a speed requirement).
const RESTART_DEADLINE: Duration = Duration::from_secs(10);

/// GET `url` (loopback), the body as text; an error unless it answers 200.
fn http_get(url: &str) -> Result<String> {
    http_get_within(url, Duration::from_secs(2))
}

/// [`http_get`], giving up after `timeout`.
pub(super) fn http_get_within(url: &str, timeout: Duration) -> Result<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build()
        .into();
    Ok(agent.get(url).call()?.body_mut().read_to_string()?)
}
