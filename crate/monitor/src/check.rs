//! One instance, checked: health, version, the module it names, the page's
//! security headers, the response time. Requests go one after another on
//! one connection, so a check holds at most one request in flight.
//!
//! Nothing an instance says is trusted: the module path it names is fetched
//! only if it is a plain path on its own origin ([`Instance::resolve`]), no
//! redirect is followed (a healthy instance answers directly), no compressed
//! body is asked for or decoded, every body is bounded by what its path can
//! need, and one deadline bounds all of an instance's requests together.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::instance::Instance;

/// The most each path's body may be, in bytes: what a real instance sends,
/// with room to spare. A larger body is a problem, read no further.
mod limit {
    /// `/healthz`: a word.
    pub const HEALTH: u64 = 4 << 10;
    /// `/version.json`: a few hashes.
    pub const VERSION: u64 = 64 << 10;
    /// The module (about 50 KB today).
    pub const MODULE: u64 = 16 << 20;
    /// The page (a few KB).
    pub const PAGE: u64 = 1 << 20;
}

/// What `/version.json` holds (the fields the monitor reads).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    /// The product version.
    pub version: String,
    /// The source revision, when built from git.
    pub revision: Option<String>,
    /// SHA-256 of the model bytes.
    pub model_sha256: String,
    /// The module's path from the site root.
    pub wasm: String,
    /// SHA-256 of the module's bytes as served, uncompressed.
    pub wasm_sha256: String,
}

/// The headers every page of the app must carry, and what each must hold.
const PAGE_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", "default-src 'self'"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
];

/// How one instance answered.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The instance's base URL, as given.
    pub instance: String,
    /// `up` (answers /healthz) or `down`.
    pub reachable: bool,
    /// What it serves, if `/version.json` parsed.
    pub version: Option<Version>,
    /// Milliseconds `/healthz` took (the last attempt).
    pub latency_ms: Option<f64>,
    /// Everything wrong, in plain words; empty when healthy.
    pub problems: Vec<String>,
    /// Each check by name (`healthz`, `version`, `module`, `headers`,
    /// and the fleet's `model`): whether it passed. A check that could not
    /// be made (the instance is down) is absent.
    pub checks: std::collections::BTreeMap<String, bool>,
}

impl Report {
    /// No problem found.
    pub fn healthy(&self) -> bool {
        self.problems.is_empty()
    }

    /// The model hash it reports, if any.
    pub fn model(&self) -> Option<&str> {
        self.version.as_ref().map(|v| v.model_sha256.as_str())
    }
}

/// How to ask.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Per request, connection to last byte.
    pub timeout: Duration,
    /// Extra attempts after a failed request (connection error, timeout, 5xx).
    pub retries: u32,
    /// All of one instance's requests together, retries included.
    pub deadline: Duration,
}

/// Checks the instance at `base`.
pub fn check(base: &Instance, settings: Settings) -> Report {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        // A healthy instance answers directly; a redirect could point anywhere.
        .max_redirects(0)
        .user_agent(concat!("iris-monitor/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut report = Report {
        instance: base.as_str().to_owned(),
        reachable: false,
        version: None,
        latency_ms: None,
        problems: Vec::new(),
        checks: Default::default(),
    };
    let ends = Instant::now() + settings.deadline;
    let get = |path: &str, limit: u64| -> Result<Fetched, FetchError> {
        let url = base.resolve(path).map_err(|e| FetchError {
            reason: e.to_string(),
            attempts: 0,
        })?;
        fetch(&agent, url.as_str(), limit, settings, ends)
    };

    let mut before = 0;
    let mut passed = |report: &mut Report, name: &str| {
        let ok = report.problems.len() == before;
        report.checks.insert(name.to_owned(), ok);
        before = report.problems.len();
    };
    match get("/healthz", limit::HEALTH) {
        Ok(r) if r.status == 200 => {
            report.reachable = true;
            report.latency_ms = Some(r.took.as_secs_f64() * 1000.0);
        }
        Ok(r) => {
            report.reachable = true;
            report
                .problems
                .push(format!("/healthz answered {}", r.status));
        }
        Err(e) => {
            report.problems.push(format!("/healthz: {e}"));
            return report;
        }
    }
    passed(&mut report, "healthz");

    match get("/version.json", limit::VERSION) {
        Ok(r) if r.status == 200 => match serde_json::from_slice::<Version>(&r.body) {
            Ok(version) => report.version = Some(version),
            Err(e) => report
                .problems
                .push(format!("/version.json does not parse: {e}")),
        },
        Ok(r) => report
            .problems
            .push(format!("/version.json answered {}", r.status)),
        Err(e) => report.problems.push(format!("/version.json: {e}")),
    }
    passed(&mut report, "version");
    if let Some(version) = &report.version {
        match get(&version.wasm, limit::MODULE) {
            Ok(r) if r.status == 200 => {
                if r.content_type.as_deref() != Some("application/wasm") {
                    report.problems.push(format!(
                        "{} is served as {}, not application/wasm (browsers then cannot stream-compile it)",
                        version.wasm,
                        r.content_type.as_deref().unwrap_or("no type")
                    ));
                }
                let hash = hex(&Sha256::digest(&r.body));
                if hash != version.wasm_sha256 {
                    report.problems.push(format!(
                        "{} hashes to {}…, /version.json says {}…",
                        version.wasm,
                        &hash[..12],
                        short(&version.wasm_sha256)
                    ));
                }
            }
            Ok(r) => report
                .problems
                .push(format!("{} answered {}", version.wasm, r.status)),
            Err(e) => report.problems.push(format!("{}: {e}", version.wasm)),
        }
        passed(&mut report, "module");
    }
    match get("/", limit::PAGE) {
        Ok(r) if r.status == 200 => {
            for (name, expected) in PAGE_HEADERS {
                match r.headers.iter().find(|(n, _)| n == name) {
                    Some((_, value)) if value.contains(expected) => {}
                    Some((_, value)) => report.problems.push(format!(
                        "the page's {name} is {value:?}, expected {expected:?}"
                    )),
                    None => report
                        .problems
                        .push(format!("the page has no {name} header")),
                }
            }
        }
        Ok(r) => report.problems.push(format!("/ answered {}", r.status)),
        Err(e) => report.problems.push(format!("/: {e}")),
    }
    passed(&mut report, "headers");
    report
}

/// A response, read whole.
struct Fetched {
    status: u16,
    content_type: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    took: Duration,
}

/// Occurs when a request gets no usable HTTP answer, after every retry
/// (or is not made at all: `attempts` 0).
#[derive(Debug, thiserror::Error)]
#[error("{reason}{}", attempts_note(*.attempts))]
pub struct FetchError {
    reason: String,
    attempts: u32,
}

fn attempts_note(attempts: u32) -> String {
    match attempts {
        0 => String::new(),
        1 => " (after 1 attempt)".to_owned(),
        n => format!(" (after {n} attempts)"),
    }
}

/// GET with bounded retries on connection errors, timeouts and 5xx, each
/// request within `settings.timeout` and all of them before `ends`.
fn fetch(
    agent: &ureq::Agent,
    url: &str,
    limit: u64,
    settings: Settings,
    ends: Instant,
) -> Result<Fetched, FetchError> {
    let deadline_passed = |attempts| FetchError {
        reason: format!(
            "the instance's deadline passed ({} s for all its requests)",
            settings.deadline.as_secs_f64()
        ),
        attempts,
    };
    let mut reason = String::new();
    for attempt in 0..=settings.retries {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(100 * u64::from(attempt)));
        }
        let left = ends.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(deadline_passed(attempt));
        }
        let started = Instant::now();
        let request = agent
            .get(url)
            .header("accept-encoding", "identity")
            .config()
            .timeout_global(Some(settings.timeout.min(left)))
            .build();
        match request.call() {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let headers: Vec<(String, String)> = response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                let content_type = headers
                    .iter()
                    .find(|(n, _)| n == "content-type")
                    .map(|(_, v)| v.split(';').next().unwrap_or("").trim().to_owned());
                if (300..400).contains(&status) {
                    let to = headers
                        .iter()
                        .find(|(n, _)| n == "location")
                        .map_or("nowhere", |(_, v)| v.as_str());
                    return Err(FetchError {
                        reason: format!(
                            "answered {status}, a redirect to \"{to}\": the monitor follows none (a healthy instance answers directly)"
                        ),
                        attempts: attempt + 1,
                    });
                }
                let body = response.body_mut().with_config().limit(limit).read_to_vec();
                match body {
                    Ok(body) if status < 500 => {
                        return Ok(Fetched {
                            status,
                            content_type,
                            headers,
                            body,
                            took: started.elapsed(),
                        })
                    }
                    Ok(_) => reason = format!("answered {status}"),
                    // Asking again would read as much again.
                    Err(e @ ureq::Error::BodyExceedsLimit(_)) => {
                        return Err(FetchError {
                            reason: describe(&e),
                            attempts: attempt + 1,
                        })
                    }
                    Err(e) => reason = describe(&e),
                }
            }
            Err(e) => reason = describe(&e),
        }
    }
    Err(FetchError {
        reason,
        attempts: settings.retries + 1,
    })
}

/// A transport error in a few plain words.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::BodyExceedsLimit(limit) => {
            format!("body too large (more than {limit} bytes)")
        }
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => "timed out".to_owned(),
            _ => e.to_string(),
        },
        other => other.to_string(),
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first 12 characters of a hash, for tables and messages.
pub fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
