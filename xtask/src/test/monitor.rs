//! `iris-monitor` against a fleet on loopback: 200 instances (one Debian
//! nginx with our config and bundle, listening on 200 ports) and four
//! broken ones (one down, one that never answers, one serving a different
//! model, one serving the module with the wrong type). The report must be
//! exactly right, and the servers' own logs must show the monitor never had
//! more than `--concurrency` requests in flight, nor only one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use xshell::{cmd, Shell};

use super::dist_dir;
use crate::harness::free_port;
use crate::harness::nginx::Nginx;
use crate::project_root;

/// Healthy instances.
const FLEET: usize = 200;
/// `--concurrency` for the run.
const CONCURRENCY: usize = 10;

/// Builds and runs the monitor against the fleet and checks its report.
pub fn run(sh: &Shell) -> Result<()> {
    // 200 distinct free ports (the kernel may hand the same one out twice).
    let mut ports = std::collections::BTreeSet::new();
    while ports.len() < FLEET {
        ports.insert(free_port()?);
    }
    let ports: Vec<u16> = ports.into_iter().collect();
    let log_format = "log_format fleet '$server_port $connection $msec $request_time $status $request_uri';\n  access_log LOG fleet;";
    let fleet_dir = project_root().join("target/nginx/fleet");
    let log = fleet_dir.join("fleet.log");
    let access_log = log_format.replace("LOG", &log.display().to_string());
    let fleet = Nginx::start_with(
        "fleet",
        "nginx.conf",
        &dist_dir(),
        &ports,
        &[
            ("access_log /dev/stdout combined;", &access_log),
            // Each response sent at 100 KB/s in 2 KB writes, so the module
            // takes about 0.2 s: long enough for millisecond logs to show
            // overlaps (a whole response otherwise leaves in one write).
            (
                "gzip_static on;",
                "gzip_static on;\n  limit_rate 100k;\n  sendfile_max_chunk 2k;",
            ),
        ],
    )?;

    // A different model: the same bundle, its version.json naming another.
    let other = Nginx::start("fleet-other-model", "nginx.conf", &dist_dir())?;
    let version_path = other.web_root().join("version.json");
    let mut version: Value = serde_json::from_str(&std::fs::read_to_string(&version_path)?)?;
    let model = version["modelSha256"]
        .as_str()
        .context("no modelSha256")?
        .to_owned();
    let different = format!(
        "{}{}",
        if model.starts_with('0') { '1' } else { '0' },
        &model[1..]
    );
    version["modelSha256"] = Value::String(different.clone());
    std::fs::write(&version_path, version.to_string())?;
    std::fs::remove_file(other.web_root().join("version.json.gz"))?;

    // The module served as application/octet-stream.
    let wrong_type = Nginx::start_with(
        "fleet-wrong-type",
        "nginx.conf",
        &dist_dir(),
        &[free_port()?],
        &[(
            "application/wasm          wasm;",
            "application/octet-stream  wasm;",
        )],
    )?;

    // Down: a port nothing listens on. Slow: accepts, never answers.
    let down = free_port()?;
    let silent = Silent::start()?;

    let mut urls: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    let broken = [
        (format!("http://127.0.0.1:{down}"), "DOWN"),
        (format!("http://127.0.0.1:{}", silent.port), "DOWN"),
        (other.url().trim_end_matches('/').to_owned(), "UNHEALTHY"),
        (
            wrong_type.url().trim_end_matches('/').to_owned(),
            "UNHEALTHY",
        ),
    ];
    // Spread among the healthy ones, so the order proves nothing.
    for (i, (url, _)) in broken.iter().enumerate() {
        urls.insert(37 + 50 * i, url.clone());
    }
    let list = fleet_dir.join("instances.txt");
    let mut file = std::fs::File::create(&list)?;
    writeln!(file, "# {} instances for the monitor test", urls.len())?;
    for url in &urls {
        writeln!(file, "{url}")?;
    }
    std::fs::write(&log, "")?;

    let concurrency = CONCURRENCY.to_string();
    let output = cmd!(
        sh,
        "cargo run --quiet --release --bin iris-monitor -- --concurrency {concurrency} --timeout 2 --retries 1 --json --file {list}"
    )
    .ignore_status()
    .output()?;
    let code = output.status.code();
    let report: Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "the monitor printed no JSON:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    if code != Some(1) {
        bail!("the monitor exited with {code:?}, expected 1 (some instance unhealthy)");
    }
    check_report(&report, &urls, &broken, &model, &different)?;
    let most = in_flight(&log)?;
    println!(
        "monitor: {} instances, {} healthy, the 4 broken ones found; at most {most} requests in flight at the servers (limit {CONCURRENCY})",
        urls.len(),
        FLEET
    );
    if most > CONCURRENCY {
        bail!("{most} requests were in flight at once; --concurrency is {CONCURRENCY}");
    }
    if most < 2 {
        bail!("never more than one request in flight: the monitor ran one by one");
    }
    drop((fleet, other, wrong_type, silent));
    Ok(())
}

/// Every instance's status and problems as expected.
fn check_report(
    report: &Value,
    urls: &[String],
    broken: &[(String, &str)],
    model: &str,
    different: &str,
) -> Result<()> {
    let instances = report["instances"].as_array().context("no instances")?;
    let listed: Vec<&str> = instances
        .iter()
        .filter_map(|i| i["instance"].as_str())
        .collect();
    if listed != urls.iter().map(String::as_str).collect::<Vec<_>>() {
        bail!("the report does not list the instances in the order given");
    }
    let summary = &report["summary"];
    let expect = [
        ("healthy", FLEET),
        ("unhealthy", 2),
        ("down", 2),
        ("instances", FLEET + 4),
    ];
    for (key, n) in expect {
        if summary[key].as_u64() != Some(n as u64) {
            bail!("summary {key} is {}, expected {n}: {summary}", summary[key]);
        }
    }
    if summary["expectedModel"].as_str() != Some(model) {
        bail!(
            "the majority model is {}, expected {model}",
            summary["expectedModel"]
        );
    }
    for instance in instances {
        let url = instance["instance"].as_str().unwrap_or_default();
        let status = instance["status"].as_str().unwrap_or_default();
        let problems = instance["problems"].to_string();
        let wanted = broken
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, s)| *s)
            .unwrap_or("ok");
        if status != wanted {
            bail!("{url} is {status}, expected {wanted}: {problems}");
        }
        let index = broken.iter().position(|(u, _)| u == url);
        let expected_problem = match index {
            Some(0) => "connection refused",
            Some(1) => "timed out",
            Some(2) => &different[..12],
            Some(3) => "application/octet-stream",
            _ => continue,
        };
        if !problems.contains(expected_problem) {
            bail!("{url}: the problems {problems} do not say {expected_problem:?}");
        }
    }
    Ok(())
}

/// The most requests in flight at once across the fleet's servers while
/// the monitor ran, from their access logs: each request
/// spans [end − request_time, end]. Times are whole milliseconds, so each
/// span is trimmed by 1 ms at the start (a request that ends in the same
/// millisecond another starts is not counted twice); sub-millisecond
/// overlaps may go uncounted, never invented.
fn in_flight(log: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(log)?;
    let mut events: BTreeMap<i64, i64> = BTreeMap::new();
    let mut requests = 0;
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, _, end, took, ..] = fields[..] else {
            continue;
        };
        let end = (end.parse::<f64>()? * 1000.0).round() as i64;
        let took = (took.parse::<f64>()? * 1000.0).round() as i64;
        let start = end - took + 1;
        if start < end {
            *events.entry(start).or_default() += 1;
            *events.entry(end).or_default() -= 1;
        }
        requests += 1;
    }
    // Per instance: /version.json, the module and the page (nginx.conf
    // does not log /healthz, so those spans go uncounted).
    if requests < FLEET * 3 {
        bail!(
            "the fleet's log holds {requests} requests, expected at least {}",
            FLEET * 3
        );
    }
    let (mut now, mut most) = (0_i64, 0_i64);
    for delta in events.values() {
        now += delta;
        most = most.max(now);
    }
    Ok(most as usize)
}

/// A server that accepts connections and never answers: an instance hung
/// past the monitor's timeout.
struct Silent {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl Silent {
    fn start() -> Result<Silent> {
        let mut held = Vec::new();
        let (port, stop) = super::hostile::accept_on_loopback(move |stream, _| held.push(stream))?;
        Ok(Silent { port, stop })
    }
}

impl Drop for Silent {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
