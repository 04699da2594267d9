//! `iris-monitor` against hostile instances on loopback, beside one real
//! healthy one: a `/version.json` naming a module on another host (three
//! spellings of it), a redirect to another host, a redirect loop, a gzip
//! bomb, a body that trickles in a byte a second, a megabyte of headers,
//! escape sequences, invalid UTF-8 and invalid JSON, and an instance slow
//! enough to run out its deadline. Each must be reported as a problem of
//! that instance, the healthy one still checked, and nothing else
//! contacted: the would-be target of every forgery listens and must
//! receive nothing. The table must carry no control character, the JSON
//! must keep what the instance said exactly, and the OpenMetrics output
//! must parse with Prometheus' own Python parser. The monitor's peak
//! memory on the gzip bomb is measured and printed.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use xshell::{cmd, Shell};

use super::dist_dir;
use crate::harness::install;
use crate::harness::nginx::Nginx;
use crate::project_root;

/// What a hostile instance sends for a path (after reading the request).
enum Answer {
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// These bytes, then the body one byte at a time, a second apart.
    Trickle(Vec<u8>, Vec<u8>),
    /// These bytes after a pause.
    Late(Duration, Vec<u8>),
}

type Route = dyn Fn(&str) -> Answer + Send + Sync;

/// A listener on a free loopback port whose thread hands every connection
/// to `each` (with the stop flag) until that flag, returned, is set: the
/// test servers of this suite and the monitor suite.
pub(super) fn accept_on_loopback(
    mut each: impl FnMut(TcpStream, &Arc<AtomicBool>) + Send + 'static,
) -> Result<(u16, Arc<AtomicBool>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((stream, _)) => each(stream, &flag),
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    });
    Ok((port, stop))
}

/// An instance that answers as `route` says, and records every path asked.
struct Hostile {
    port: u16,
    stop: Arc<AtomicBool>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Hostile {
    fn start(route: Arc<Route>) -> Result<Hostile> {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let (port, stop) = accept_on_loopback(move |stream, stop| {
            let (route, log, stop) = (Arc::clone(&route), Arc::clone(&log), Arc::clone(stop));
            std::thread::spawn(move || serve(stream, &*route, &log, &stop));
        })?;
        Ok(Hostile { port, stop, asked })
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn asked(&self) -> Vec<String> {
        self.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Reads one request's head and answers it, then closes.
fn serve(mut stream: TcpStream, route: &Route, asked: &Mutex<Vec<String>>, stop: &AtomicBool) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 << 10 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let text = String::from_utf8_lossy(&head);
    let path = text.split_whitespace().nth(1).unwrap_or("").to_owned();
    if let Ok(mut log) = asked.lock() {
        log.push(path.clone());
    }
    match route(&path) {
        Answer::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Answer::Late(pause, bytes) => {
            std::thread::sleep(pause);
            let _ = stream.write_all(&bytes);
        }
        Answer::Trickle(head, body) => {
            let _ = stream.write_all(&head);
            for b in body {
                if stop.load(Ordering::Relaxed) || stream.write_all(&[b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

/// A whole HTTP response.
fn response(status: &str, headers: &[(&str, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn json_ok(body: &[u8]) -> Vec<u8> {
    response(
        "200 OK",
        &[("content-type", "application/json".to_owned())],
        body,
    )
}

/// Answers `/healthz` with 200 and `/version.json` with `version`; else 404.
fn instance(version: impl Fn() -> Answer + Send + Sync + 'static) -> Arc<Route> {
    Arc::new(move |path: &str| match path {
        "/healthz" => Answer::Raw(response("200 OK", &[], b"ok\n")),
        "/version.json" => version(),
        _ => Answer::Raw(response("404 Not Found", &[], b"")),
    })
}

/// A listener that counts every connection: the target a forgery would reach.
struct Target {
    port: u16,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Target {
    fn start() -> Result<Target> {
        let connections = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&connections);
        let (port, stop) = accept_on_loopback(move |_, _| {
            count.fetch_add(1, Ordering::Relaxed);
        })?;
        Ok(Target {
            port,
            connections,
            stop,
        })
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Runs the hostile fleet and checks what the monitor made of it.
pub fn run(sh: &Shell) -> Result<()> {
    let target = Target::start()?;
    let t = target.port;
    let healthy = Nginx::start("hostile-healthy", "nginx.conf", &dist_dir())?;
    let real: Value = serde_json::from_str(&std::fs::read_to_string(
        healthy.web_root().join("version.json"),
    )?)?;
    let model = real["modelSha256"]
        .as_str()
        .context("no modelSha256")?
        .to_owned();
    let version_with = |wasm: &str| {
        let body = json!({ "version": "0.1.0", "modelSha256": model, "wasm": wasm, "wasmSha256": "0".repeat(64) }).to_string();
        move || Answer::Raw(json_ok(body.as_bytes()))
    };

    // A gzip bomb: a GiB of zeros, about a megabyte compressed.
    let bomb_path = project_root().join("target/hostile/bomb.gz");
    std::fs::create_dir_all(bomb_path.parent().context("no parent")?)?;
    if !bomb_path.exists() {
        let out = std::fs::File::create(&bomb_path)?;
        let status = std::process::Command::new("sh")
            .args(["-c", "head -c 1073741824 /dev/zero | gzip -1"])
            .stdout(out)
            .status()?;
        if !status.success() {
            bail!("could not make the gzip bomb");
        }
    }
    let bomb = Arc::new(std::fs::read(&bomb_path)?);

    let escape = json!({
        "version": "\u{1b}]0;pwned\u{7}0.1.0",
        "modelSha256": format!("\u{1b}[31m{}", &model[5..]),
        "wasm": "/assets/x.wasm",
        "wasmSha256": "\u{1b}[2J",
    })
    .to_string();
    let mut invalid_utf8 =
        json!({ "version": "0.1.0", "modelSha256": model, "wasm": "/x.wasm", "wasmSha256": "0" })
            .to_string()
            .into_bytes();
    invalid_utf8.splice(15..15, [0xff, 0xfe]);
    let huge_header = "x".repeat(1 << 20);
    let slow_version = version_with("/assets/slow.wasm");

    type Case = (&'static str, Arc<Route>, &'static str);
    let cases: Vec<Case> = vec![
        (
            "ssrf-at",
            instance(version_with(&format!("@127.0.0.1:{t}/ssrf"))),
            "refused, not fetched",
        ),
        (
            "ssrf-scheme-relative",
            instance(version_with(&format!("//127.0.0.1:{t}/ssrf"))),
            "refused, not fetched",
        ),
        (
            "ssrf-absolute",
            instance(version_with(&format!("http://127.0.0.1:{t}/ssrf"))),
            "refused, not fetched",
        ),
        (
            "ssrf-dot-dot",
            instance(version_with("/../../etc/passwd")),
            "refused, not fetched",
        ),
        (
            "cross-host-redirect",
            instance(move || {
                Answer::Raw(response(
                    "302 Found",
                    &[("location", format!("http://127.0.0.1:{t}/version.json"))],
                    b"",
                ))
            }),
            "follows none",
        ),
        (
            "redirect-loop",
            instance(|| {
                Answer::Raw(response(
                    "301 Moved Permanently",
                    &[("location", "/version.json".to_owned())],
                    b"",
                ))
            }),
            "follows none",
        ),
        (
            "gzip-bomb",
            instance(move || {
                Answer::Raw(response(
                    "200 OK",
                    &[
                        ("content-type", "application/json".to_owned()),
                        ("content-encoding", "gzip".to_owned()),
                    ],
                    &bomb,
                ))
            }),
            "body too large",
        ),
        (
            "trickle",
            instance(|| {
                Answer::Trickle(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n".to_vec(),
                vec![b' '; 100],
            )
            }),
            "timed out",
        ),
        (
            "megabyte-of-headers",
            instance(move || {
                Answer::Raw(response(
                    "200 OK",
                    &[("x-padding", huge_header.clone())],
                    b"{}",
                ))
            }),
            "header",
        ),
        (
            "escape-sequences",
            instance(move || Answer::Raw(json_ok(escape.as_bytes()))),
            "answered 404",
        ),
        (
            "invalid-utf8",
            instance(move || Answer::Raw(json_ok(&invalid_utf8))),
            "does not parse",
        ),
        (
            "invalid-json",
            instance(|| Answer::Raw(json_ok(b"{\"version\": 1,"))),
            "does not parse",
        ),
        (
            "out-of-time",
            Arc::new(move |path: &str| {
                let answer = match path {
                    "/version.json" => match slow_version() {
                        Answer::Raw(bytes) => bytes,
                        _ => Vec::new(),
                    },
                    _ => response("200 OK", &[], b"ok\n"),
                };
                Answer::Late(Duration::from_millis(1200), answer)
            }),
            "deadline passed",
        ),
    ];
    let mut servers = Vec::new();
    let mut urls = vec![healthy.url().trim_end_matches('/').to_owned()];
    for (name, route, _) in &cases {
        let server =
            Hostile::start(Arc::clone(route)).with_context(|| format!("starting {name}"))?;
        urls.push(server.url());
        servers.push(server);
    }

    let list = &urls;
    let monitor = project_root().join("target/release/iris-monitor");
    cmd!(sh, "cargo build --quiet --release --bin iris-monitor").run()?;
    install::ensure_apt(sh, &["time"])?;
    let flags = [
        "--concurrency",
        "8",
        "--timeout",
        "2",
        "--retries",
        "1",
        "--deadline",
        "3",
        "--expect-model",
        model.as_str(),
    ];

    // JSON: each case reported as a problem of its own instance, exactly.
    let output = cmd!(
        sh,
        "/usr/bin/time -f %M {monitor} {flags...} --format json {list...}"
    )
    .ignore_status()
    .output()?;
    let peak_kib: u64 = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .context("no peak memory from /usr/bin/time")?;
    let report: Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("no JSON: {}", String::from_utf8_lossy(&output.stderr)))?;
    if output.status.code() != Some(1) {
        bail!("the monitor exited {:?}, expected 1", output.status.code());
    }
    let instances = report["instances"].as_array().context("no instances")?;
    if instances[0]["status"] != "ok" {
        bail!(
            "the healthy instance was not checked as healthy: {}",
            instances[0]
        );
    }
    for ((name, _, says), found) in cases.iter().zip(&instances[1..]) {
        let problems = found["problems"].to_string();
        if found["status"] == "ok" || !problems.contains(says) {
            bail!(
                "{name}: expected a problem saying {says:?}, got {} {problems}",
                found["status"]
            );
        }
        println!(
            "hostile {name}: {}",
            found["problems"][0]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(110)
                .collect::<String>()
        );
    }
    let escaped = &instances[1 + cases
        .iter()
        .position(|c| c.0 == "escape-sequences")
        .context("case")?];
    if escaped["version"]["version"] != "\u{1b}]0;pwned\u{7}0.1.0" {
        bail!(
            "--format json did not keep what the instance said exactly: {}",
            escaped["version"]
        );
    }
    let forged = target.connections.load(Ordering::Relaxed);
    if forged != 0 {
        bail!("the would-be target of the forgeries received {forged} connections");
    }
    let looped = &servers[cases
        .iter()
        .position(|c| c.0 == "redirect-loop")
        .context("case")?];
    let asked = looped.asked();
    if asked.iter().filter(|p| *p == "/version.json").count() != 1 {
        bail!("the redirect loop was followed: {asked:?}");
    }
    println!(
        "monitor: peak memory {} MiB on a fleet with a 1 GiB gzip bomb ({} KB compressed)",
        peak_kib / 1024,
        bomb_len(&bomb_path) / 1000
    );
    if peak_kib > 256 * 1024 {
        bail!("the monitor's peak memory was {peak_kib} KiB: the bomb was decoded");
    }

    // The table: nothing an instance said reaches the terminal raw.
    let table = cmd!(sh, "{monitor} {flags...} {list...}")
        .ignore_status()
        .output()?;
    if let Some(c) = String::from_utf8_lossy(&table.stdout)
        .chars()
        .find(|c| c.is_control() && *c != '\n')
    {
        bail!("the table holds the control character {c:?}");
    }

    // OpenMetrics: Prometheus' own parser reads it, one gauge per instance and check.
    let metrics = cmd!(sh, "{monitor} {flags...} --format openmetrics {list...}")
        .ignore_status()
        .output()?;
    let python = install::python_tools(sh)?;
    let script = "import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families\nfams = {f.name: f for f in text_string_to_metric_families(sys.stdin.read())}\nprint(len(fams['iris_instance_up'].samples), len(fams['iris_instance_check'].samples), sum(s.value for s in fams['iris_instance_healthy'].samples))";
    let parsed = cmd!(sh, "{python} -c {script}")
        .stdin(metrics.stdout)
        .read()
        .context("Prometheus' parser refused the OpenMetrics output")?;
    let counts: Vec<f64> = parsed
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    if counts.first() != Some(&(urls.len() as f64)) || counts.get(2) != Some(&1.0) {
        bail!("OpenMetrics: {parsed} (instances, checks, healthy), expected {} instances and 1 healthy", urls.len());
    }
    println!(
        "monitor: OpenMetrics parsed by prometheus_client: {} instances, {} check gauges",
        counts[0],
        counts.get(1).copied().unwrap_or(0.0)
    );
    drop((servers, healthy, target));
    Ok(())
}

fn bomb_len(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}
