//! wrk, Debian's HTTP load generator, run against a loopback URL and its
//! summary read back.

use std::time::Duration;

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

/// One wrk run's numbers.
#[derive(Debug)]
pub struct Load {
    /// Completed requests per second.
    pub requests_per_second: f64,
    /// Completed requests.
    pub requests: u64,
    /// The 99th-percentile latency as wrk prints it (`4.21ms`).
    pub p99: String,
    /// Responses that were not 2xx or 3xx.
    pub non_2xx: u64,
    /// Connect, read, write and timeout errors.
    pub socket_errors: u64,
}

impl Load {
    /// Every request that did not get a good answer.
    pub fn errors(&self) -> u64 {
        self.non_2xx + self.socket_errors
    }
}

/// `wrk` with 2 threads, `connections` keep-alive connections for
/// `duration`, asking for gzip.
pub fn run(sh: &Shell, url: &str, connections: u32, duration: Duration) -> Result<Load> {
    run_with_headers(sh, url, connections, duration, &[GZIP])
}

/// Asks for a gzip response, as browsers do.
pub const GZIP: &str = "Accept-Encoding: gzip";

/// Ends each connection after one request (each request a new connection).
pub const CLOSE: &str = "Connection: close";

/// [`run`] sending `headers` with every request.
pub fn run_with_headers(
    sh: &Shell,
    url: &str,
    connections: u32,
    duration: Duration,
    headers: &[&str],
) -> Result<Load> {
    let connections = connections.to_string();
    let seconds = format!("{}s", duration.as_secs());
    let headers = headers.iter().flat_map(|h| ["--header", h]);
    let out = cmd!(
        sh,
        "wrk --threads 2 --connections {connections} --duration {seconds} --timeout 5s --latency {headers...} {url}"
    )
    .quiet()
    .read()?;
    let field = |prefix: &str| -> Option<String> {
        out.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_owned()))
    };
    let requests_per_second = field("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .with_context(|| format!("wrk printed no Requests/sec:\n{out}"))?;
    let requests = out
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("wrk printed no request count:\n{out}"))?;
    let p99 = field("99%").unwrap_or_else(|| "?".to_owned());
    let non_2xx = field("Non-2xx or 3xx responses:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let socket_errors = field("Socket errors:")
        .map(|socket| {
            socket
                .split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    Ok(Load {
        requests_per_second,
        requests,
        p99,
        non_2xx,
        socket_errors,
    })
}
