//! A rolling update under load, as a cluster does it: wrk sends requests
//! through a balancer (a stand-in for a Service and its kube-proxy) to two
//! replicas of the image; each is replaced by a new one (surge first, the
//! new one added once its readiness probe answers), and each old one leaves
//! the way the kubelet stops a pod: the manifest's `preStop` command in the
//! container, then the image's stop signal within
//! `terminationGracePeriodSeconds`. The endpoint removal reaches the
//! balancer [`ENDPOINT_LAG`] after the stop begins, as it reaches every
//! kube-proxy asynchronously. Pass/fail: zero failed requests.
//!
//! A control run first does the same without the `preStop` hook and must
//! lose requests: that is what shows the balancer and the stop really
//! overlap, so that the zero of the real run means something.
//!
//! kube-proxy balances connections, not requests, so wrk ends each
//! connection after one request (`Connection: close`) and every request is
//! routed afresh. A keep-alive client that holds a connection to a leaving
//! pod is closed by nginx's graceful stop after its current response; a
//! browser retries an idempotent request on such a closed connection, wrk
//! counts it as an error, so keep-alive load is not what this run measures.

use std::io;
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use xshell::Shell;

use super::hostile::accept_on_loopback;
use super::kube::field;
use super::load::{http_get_within, under_load_with};
use crate::harness::podman::{podman_cmd, Container};
use crate::harness::wrk;
use crate::project_root;

/// The manifest whose stop settings the rollout plays.
const DEPLOYMENT: &str = "deploy/kubernetes/deployment.yaml";

/// How long after a pod starts stopping the balancer stops sending it new
/// connections. In a cluster this is the endpoints controller plus every
/// node's kube-proxy: often about a second, longer on a busy cluster,
/// which is what the manifest's 5 s `preStop` allows for.
const ENDPOINT_LAG: Duration = Duration::from_secs(1);

/// wrk's connections through the balancer.
const CONNECTIONS: u32 = 16;

/// How long wrk runs: enough for both replacements, each a new container,
/// its readiness, the `preStop` pause and the stop.
const SECONDS: u64 = 30;

/// The stop settings the Deployment declares.
struct StopSettings {
    /// The `preStop` exec command.
    pre_stop: Vec<String>,
    /// `terminationGracePeriodSeconds`.
    grace: Duration,
    /// The readiness probe's path.
    readiness: String,
}

impl StopSettings {
    fn from_manifest() -> Result<StopSettings> {
        let manifest = std::fs::read_to_string(project_root().join(DEPLOYMENT))?;
        let after = |key: &str| -> Result<&str> {
            let at = manifest
                .find(key)
                .with_context(|| format!("{DEPLOYMENT} has no {key}"))?;
            Ok(&manifest[at..])
        };
        // `command: ["sleep", "5"]`: a flow sequence of quoted strings, which
        // is also JSON.
        let command = field(after("preStop:")?, "command:")
            .with_context(|| format!("{DEPLOYMENT}: preStop has no exec command"))?;
        let pre_stop: Vec<String> = serde_json::from_str(&command)
            .with_context(|| format!("{DEPLOYMENT}: preStop command {command} is not a list"))?;
        let grace: u64 = field(&manifest, "terminationGracePeriodSeconds:")
            .with_context(|| format!("{DEPLOYMENT} sets no terminationGracePeriodSeconds"))?
            .parse()?;
        let readiness = field(after("readinessProbe:")?, "path:")
            .with_context(|| format!("{DEPLOYMENT}: the readiness probe has no path"))?;
        Ok(StopSettings {
            pre_stop,
            grace: Duration::from_secs(grace),
            readiness,
        })
    }
}

/// The control run without `preStop`, then the manifest's own; reports both.
pub fn run(sh: &Shell) -> Result<()> {
    let manifest = StopSettings::from_manifest()?;
    println!(
        "\nrollout: 2 replicas replaced one by one under wrk ({CONNECTIONS} connections, one request each, {SECONDS} s); \
         endpoints updated {} ms after each stop begins",
        ENDPOINT_LAG.as_millis()
    );
    let without = StopSettings {
        pre_stop: Vec::new(),
        grace: manifest.grace,
        readiness: manifest.readiness.clone(),
    };
    let control = rollout(sh, &without)?;
    let real = rollout(sh, &manifest)?;
    for (label, outcome) in [
        ("without preStop (control)".to_owned(), &control),
        (format!("preStop {:?}", manifest.pre_stop), &real),
    ] {
        println!(
            "  {label:<28} {:>7} requests, {:>5} failed; {} connections refused at the balancer",
            outcome.load.requests,
            outcome.load.errors(),
            outcome.refused
        );
    }
    if control.load.errors() == 0 {
        bail!(
            "the control rollout without preStop lost no request: the stops did not overlap \
             the balancer's routing, so this run cannot tell whether preStop works"
        );
    }
    if real.load.errors() > 0 {
        bail!(
            "the rolling update with the manifest's preStop lost {} requests: {:?}",
            real.load.errors(),
            real.load
        );
    }
    Ok(())
}

/// What one rollout measured.
struct Outcome {
    load: wrk::Load,
    /// Connections the balancer could not pass on (the backend refused).
    refused: u64,
}

/// Two replicas behind the balancer, each replaced under load.
fn rollout(sh: &Shell, settings: &StopSettings) -> Result<Outcome> {
    let old = [
        Container::run(sh, "iris-classifier-rollout-old-0")?,
        Container::run(sh, "iris-classifier-rollout-old-1")?,
    ];
    let balancer = Balancer::start(old.iter().map(|c| c.port).collect())?;
    let mut new = Vec::new();
    let load = under_load_with(
        &balancer.url(),
        Duration::from_secs(SECONDS),
        CONNECTIONS,
        &[wrk::GZIP, wrk::CLOSE],
        || {
            thread::sleep(Duration::from_secs(2));
            for (i, leaving) in old.iter().enumerate() {
                // maxSurge 1, maxUnavailable 0: the new pod first, in the
                // Service once ready, then the old one stops.
                let replacement = Container::run(sh, &format!("iris-classifier-rollout-new-{i}"))?;
                ready(&replacement, &settings.readiness)?;
                balancer.add(replacement.port);
                new.push(replacement);
                terminate(sh, &balancer, leaving, settings)?;
            }
            Ok(())
        },
    )?;
    let refused = balancer.refused.load(Ordering::Relaxed);
    drop(balancer);
    drop(new);
    drop(old);
    Ok(Outcome { load, refused })
}

/// Waits until the readiness probe's path answers 200.
fn ready(container: &Container<'_>, path: &str) -> Result<()> {
    let url = format!("{}{}", container.url(), path.trim_start_matches('/'));
    let started = Instant::now();
    while http_get_within(&url, Duration::from_millis(500)).is_err() {
        if started.elapsed() > Duration::from_secs(20) {
            bail!("{url} (the readiness probe) did not answer within 20 s");
        }
        thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Stops `leaving` as the kubelet stops a pod, while the endpoint removal
/// travels to the balancer.
fn terminate(
    sh: &Shell,
    balancer: &Balancer,
    leaving: &Container<'_>,
    settings: &StopSettings,
) -> Result<()> {
    let started = Instant::now();
    let port = leaving.port;
    thread::scope(|scope| {
        scope.spawn(move || {
            thread::sleep(ENDPOINT_LAG);
            balancer.remove(port);
        });
        if !settings.pre_stop.is_empty() {
            let mut exec = vec!["exec", leaving.name.as_str()];
            exec.extend(settings.pre_stop.iter().map(String::as_str));
            podman_cmd(sh, &exec)
                .quiet()
                .run()
                .context("the manifest's preStop command failed in the container")?;
        }
        // What is left of the grace period after preStop, as the kubelet
        // counts it; podman sends the image's STOPSIGNAL, then SIGKILL.
        let left = settings.grace.saturating_sub(started.elapsed()).as_secs();
        podman_cmd(
            sh,
            &["stop", "--time", &left.max(1).to_string(), &leaving.name],
        )
        .quiet()
        .ignore_stdout()
        .run()?;
        Ok(())
    })
}

/// A TCP balancer on loopback: each new connection goes to the next backend
/// in turn; the backend set changes while it runs, and connections already
/// made stay where they are (as kube-proxy's do).
struct Balancer {
    port: u16,
    stop: Arc<AtomicBool>,
    backends: Arc<Mutex<Vec<u16>>>,
    refused: Arc<AtomicU64>,
}

impl Balancer {
    fn start(backends: Vec<u16>) -> Result<Balancer> {
        let backends = Arc::new(Mutex::new(backends));
        let refused = Arc::new(AtomicU64::new(0));
        let next = AtomicUsize::new(0);
        let (set, count) = (Arc::clone(&backends), Arc::clone(&refused));
        let (port, stop) = accept_on_loopback(move |client, _| {
            let port = {
                let set = set.lock().unwrap_or_else(|e| e.into_inner());
                if set.is_empty() {
                    return;
                }
                set[next.fetch_add(1, Ordering::Relaxed) % set.len()]
            };
            let count = Arc::clone(&count);
            thread::spawn(move || {
                if relay(client, port).is_err() {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            });
        })?;
        Ok(Balancer {
            port,
            stop,
            backends,
            refused,
        })
    }

    fn url(&self) -> String {
        crate::harness::loopback_url(self.port)
    }

    fn add(&self, port: u16) {
        self.set().push(port);
    }

    fn remove(&self, port: u16) {
        self.set().retain(|&p| p != port);
    }

    fn set(&self) -> std::sync::MutexGuard<'_, Vec<u16>> {
        self.backends.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Passes bytes both ways between `client` and the backend on `port` until
/// both sides are done. An error only when the backend cannot be reached
/// (the client then sees its connection closed, as through kube-proxy).
fn relay(client: TcpStream, port: u16) -> io::Result<()> {
    let server = TcpStream::connect(("127.0.0.1", port))?;
    let (mut client_in, mut server_out) = (client.try_clone()?, server.try_clone()?);
    let upstream = thread::spawn(move || {
        let _ = io::copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(Shutdown::Write);
    });
    let (mut server_in, mut client_out) = (server, client);
    let _ = io::copy(&mut server_in, &mut client_out);
    let _ = client_out.shutdown(Shutdown::Write);
    let _ = upstream.join();
    Ok(())
}
