//! `iris-monitor`: checks many running instances of the iris classifier,
//! N at a time, and says which ones are not serving what they should.
//!
//! ```text
//! iris-monitor --file instances.txt --concurrency 10 --timeout 5
//! iris-monitor --json http://10.0.0.7:8080 http://10.0.0.8:8080
//! iris-monitor --watch 60 --file instances.txt
//! iris-monitor --format openmetrics --file instances.txt > /var/lib/node_exporter/iris.prom
//! ```
//!
//! Exit code: 0 when every instance is healthy, 1 when one is not, 2 when
//! the command line or the URL list is wrong.

mod check;
mod fleet;
mod instance;
mod openmetrics;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use crate::check::Settings;
use crate::fleet::{Fleet, Round};
use crate::instance::Instance;

/// How a round is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for people (what an instance says is escaped).
    Table,
    /// JSON for scripts.
    Json,
    /// OpenMetrics text, for Prometheus (a textfile collector).
    Openmetrics,
}

/// Check running iris-classifier instances: /healthz, /version.json, the
/// module it names (type and hash), the page's security headers and the
/// response time. Every instance must serve the same model: the one given
/// with --expect-model, or else the one most instances serve.
#[derive(Parser, Debug)]
#[command(name = "iris-monitor", version)]
struct Args {
    /// Base URLs of instances (e.g. http://10.0.0.7:8080).
    urls: Vec<String>,

    /// A file of base URLs, one per line; blank lines and lines starting
    /// with # are skipped.
    #[arg(long, value_name = "URLS.txt")]
    file: Option<PathBuf>,

    /// Requests in flight at most (one per instance being checked).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    concurrency: u16,

    /// Seconds each request may take, connection to last byte.
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS")]
    timeout: f64,

    /// Extra attempts for a request that fails (no answer, timeout, 5xx).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=5))]
    retries: u32,

    /// The model every instance must serve (SHA-256, as in /version.json).
    #[arg(long, value_name = "SHA256")]
    expect_model: Option<String>,

    /// Seconds all of one instance's requests may take together, retries included.
    #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
    deadline: f64,

    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Print the report as JSON (for scripts): the same as --format json.
    #[arg(long)]
    json: bool,

    /// Check again every SECONDS (at most a day) and report what changed, until stopped.
    #[arg(long, value_name = "SECONDS")]
    watch: Option<f64>,
}

/// `value` as seconds, if it lies in (0, `max`]; else the flag's error.
fn seconds(flag: &str, value: f64, max: f64) -> Result<Duration, String> {
    if value > 0.0 && value <= max {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(format!(
            "{flag} {value} is out of range: expected seconds greater than 0 and at most {max}"
        ))
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("iris-monitor: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs one round, or rounds forever with --watch; true when all healthy.
fn run(args: Args) -> Result<bool, String> {
    let urls = instances(&args)?;
    let timeout = seconds("--timeout", args.timeout, 600.0)?;
    let deadline = seconds("--deadline", args.deadline, 3600.0)?;
    let watch = args
        .watch
        .map(|every| seconds("--watch", every, 86_400.0))
        .transpose()?;
    if let Some(hash) = &args.expect_model {
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "--expect-model {hash:?} is not a SHA-256: expected 64 hexadecimal digits"
            ));
        }
    }
    let format = if args.json { Format::Json } else { args.format };
    if watch.is_some() && format == Format::Openmetrics {
        return Err("--watch reports changes, which OpenMetrics cannot carry: run it once per scrape instead".to_owned());
    }
    let settings = Settings {
        timeout,
        retries: args.retries,
        deadline,
    };
    let fleet = Fleet::new(urls, usize::from(args.concurrency), settings)
        .map_err(|e| format!("cannot start {} threads: {e}", args.concurrency))?;
    let expected = args.expect_model.map(|h| h.to_ascii_lowercase());
    let mut round: Round = fleet.round(expected.as_deref(), format == Format::Table);
    match format {
        Format::Table => print!("{}", round.table()),
        Format::Json => println!("{}", round.json()),
        Format::Openmetrics => print!("{}", openmetrics::render(&round)),
    }
    let Some(every) = watch else {
        return Ok(round.all_healthy());
    };
    loop {
        std::thread::sleep(every);
        let next = fleet.round(expected.as_deref(), false);
        if format == Format::Json {
            let changes = round.changes(&next);
            println!(
                "{}",
                serde_json::json!({ "changes": changes, "summary": next.summary() })
            );
        } else {
            for change in round.change_lines(&next) {
                println!("{change}");
            }
            println!("{}", next.summary_line());
        }
        round = next;
    }
}

/// The URLs from the arguments and --file, checked and without duplicates.
fn instances(args: &Args) -> Result<Vec<Instance>, String> {
    let mut urls: Vec<(String, String)> = args
        .urls
        .iter()
        .map(|u| (u.clone(), "the command line".to_owned()))
        .collect();
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                urls.push((line.to_owned(), format!("{}:{}", path.display(), i + 1)));
            }
        }
    }
    // One instance however it is spelt (case, default port, trailing slash).
    let mut seen = std::collections::BTreeSet::new();
    let mut checked = Vec::new();
    for (url, from) in urls {
        let instance = Instance::parse(&url).map_err(|e| format!("{from}: {e}"))?;
        if seen.insert(instance.clone()) {
            checked.push(instance);
        }
    }
    if checked.is_empty() {
        return Err("no instances: give base URLs as arguments or with --file".to_owned());
    }
    Ok(checked)
}
