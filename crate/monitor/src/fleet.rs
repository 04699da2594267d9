//! Many instances: checked N at a time on a bounded thread pool, then
//! compared (every one must serve the expected model), reported as a table
//! or JSON, and compared round to round for `--watch`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::check::{self, short, Report, Settings};
use crate::instance::Instance;
use crate::terminal::printable;

/// The instances and how to check them.
pub struct Fleet {
    urls: Vec<Instance>,
    pool: rayon::ThreadPool,
    settings: Settings,
}

impl Fleet {
    /// A fleet checked with at most `concurrency` requests in flight.
    pub fn new(
        urls: Vec<Instance>,
        concurrency: usize,
        settings: Settings,
    ) -> Result<Fleet, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(concurrency)
            .thread_name(|i| format!("check-{i}"))
            .build()?;
        Ok(Fleet {
            urls,
            pool,
            settings,
        })
    }

    /// Checks every instance once (each pool thread checks one instance at
    /// a time, its requests one after another), with a progress bar on a
    /// terminal when `progress`.
    pub fn round(&self, expected_model: Option<&str>, progress: bool) -> Round {
        let bar = if progress {
            ProgressBar::new(self.urls.len() as u64)
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} instances {wide_bar} {elapsed}",
        ) {
            bar.set_style(style);
        }
        let settings = self.settings;
        let mut reports: Vec<Report> = self.pool.install(|| {
            self.urls
                .par_iter()
                .map(|url| {
                    let report = check::check(url, settings);
                    bar.inc(1);
                    report
                })
                .collect()
        });
        bar.finish_and_clear();
        let (model, basis) = match expected_model {
            Some(model) => (Some(model.to_owned()), "given"),
            None => (majority(&reports), "majority"),
        };
        if let Some(model) = &model {
            for report in &mut reports {
                if let Some(served) = report.model().map(str::to_owned) {
                    let same = &served == model;
                    report.checks.insert("model".to_owned(), same);
                    if !same {
                        let problem = format!(
                            "serves model {}…, expected {}… ({basis})",
                            short(&served),
                            short(model)
                        );
                        report.problems.push(problem);
                    }
                }
            }
        }
        Round {
            reports,
            model,
            basis,
        }
    }
}

/// The model most instances serve (the smaller hash on a tie).
fn majority(reports: &[Report]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for model in reports.iter().filter_map(Report::model) {
        *counts.entry(model).or_default() += 1;
    }
    let top = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|&(_, n)| n == top)
        .map(|(model, _)| model.to_owned())
}

/// One round's reports, in the order the instances were given.
pub struct Round {
    reports: Vec<Report>,
    model: Option<String>,
    basis: &'static str,
}

impl Round {
    /// Every instance healthy.
    pub fn all_healthy(&self) -> bool {
        self.reports.iter().all(Report::healthy)
    }

    fn status(report: &Report) -> &'static str {
        match (report.reachable, report.healthy()) {
            (false, _) => "DOWN",
            (true, true) => "ok",
            (true, false) => "UNHEALTHY",
        }
    }

    /// Counts by status, the expected model and how it was chosen.
    pub fn summary(&self) -> Value {
        let count = |status: &str| {
            self.reports
                .iter()
                .filter(|r| Self::status(r) == status)
                .count()
        };
        json!({
            "instances": self.reports.len(),
            "healthy": count("ok"),
            "unhealthy": count("UNHEALTHY"),
            "down": count("DOWN"),
            "expectedModel": self.model,
            "expectedModelFrom": self.basis,
        })
    }

    /// `200 instances: 196 ok, 3 unhealthy, 1 down`.
    pub fn summary_line(&self) -> String {
        let s = self.summary();
        format!(
            "{} instances: {} ok, {} unhealthy, {} down; model {} ({})",
            s["instances"],
            s["healthy"],
            s["unhealthy"],
            s["down"],
            self.model.as_deref().map(short).unwrap_or("unknown"),
            self.basis
        )
    }

    /// Every instance's report and the summary, as JSON.
    pub fn json(&self) -> Value {
        let instances: Vec<Value> = self
            .reports
            .iter()
            .map(|r| {
                let mut value = serde_json::to_value(r).unwrap_or(Value::Null);
                value["status"] = json!(Self::status(r));
                value
            })
            .collect();
        json!({ "summary": self.summary(), "instances": instances })
    }

    /// A table: instance, status, model, latency, what is wrong.
    pub fn table(&self) -> String {
        let width = self
            .reports
            .iter()
            .map(|r| printable(&r.instance).chars().count())
            .max()
            .unwrap_or(8)
            .max(8);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<width$}  {:<9}  {:<12}  {:>9}  problems",
            "instance", "status", "model", "latency"
        );
        for r in &self.reports {
            let latency = r
                .latency_ms
                .map(|ms| format!("{ms:.1} ms"))
                .unwrap_or_else(|| "-".to_owned());
            let _ = writeln!(
                out,
                "{:<width$}  {:<9}  {:<12}  {:>9}  {}",
                printable(&r.instance),
                Self::status(r),
                printable(r.model().map(short).unwrap_or("-")),
                latency,
                printable(&r.problems.join("; "))
            );
        }
        let _ = writeln!(out, "{}", printable(&self.summary_line()));
        out
    }

    /// What changed since `self`, as it reaches a terminal: each line
    /// escaped ([`printable`]).
    pub fn change_lines(&self, next: &Round) -> Vec<String> {
        self.changes(next).iter().map(|c| printable(c)).collect()
    }

    /// The reports, in the order the instances were given.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// What changed since `self`: instances going down, coming back,
    /// changing model, becoming (un)healthy.
    pub fn changes(&self, next: &Round) -> Vec<String> {
        let before: BTreeMap<&str, &Report> = self
            .reports
            .iter()
            .map(|r| (r.instance.as_str(), r))
            .collect();
        let mut changes = Vec::new();
        for now in &next.reports {
            let Some(was) = before.get(now.instance.as_str()) else {
                continue;
            };
            let name = &now.instance;
            match (was.reachable, now.reachable) {
                (true, false) => {
                    changes.push(format!("{name}: went DOWN ({})", now.problems.join("; ")))
                }
                (false, true) => changes.push(format!("{name}: came back")),
                _ => {}
            }
            if let (Some(a), Some(b)) = (was.model(), now.model()) {
                if a != b {
                    changes.push(format!(
                        "{name}: model changed from {}… to {}…",
                        short(a),
                        short(b)
                    ));
                }
            }
            if now.reachable && was.reachable && was.healthy() != now.healthy() {
                if now.healthy() {
                    changes.push(format!("{name}: healthy again"));
                } else {
                    changes.push(format!("{name}: UNHEALTHY ({})", now.problems.join("; ")));
                }
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Version;

    fn report(instance: &str, reachable: bool, model: Option<&str>, problems: &[&str]) -> Report {
        Report {
            instance: instance.to_owned(),
            reachable,
            version: model.map(|m| Version {
                version: "0.1.0".to_owned(),
                revision: None,
                model_sha256: m.to_owned(),
                wasm: "/assets/public/iris_wasm_bg.0.wasm".to_owned(),
                wasm_sha256: "0".repeat(64),
            }),
            latency_ms: reachable.then_some(1.0),
            problems: problems.iter().map(|p| (*p).to_owned()).collect(),
            checks: Default::default(),
        }
    }

    fn round(reports: Vec<Report>) -> Round {
        Round {
            model: majority(&reports),
            reports,
            basis: "majority",
        }
    }

    #[test]
    fn the_majority_model_wins_and_ties_go_to_the_smaller_hash() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        let three = [
            report("x", true, Some(&b), &[]),
            report("y", true, Some(&a), &[]),
            report("z", true, Some(&b), &[]),
        ];
        assert_eq!(majority(&three).as_deref(), Some(b.as_str()));
        assert_eq!(majority(&three[..2]).as_deref(), Some(a.as_str()));
        assert_eq!(majority(&[report("d", false, None, &["down"])]), None);
    }

    #[test]
    fn watch_reports_down_back_model_and_health_changes() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let before = round(vec![
            report("http://one", true, Some(&a), &[]),
            report("http://two", false, None, &["/healthz: connection refused"]),
            report("http://three", true, Some(&a), &[]),
            report("http://four", true, Some(&a), &[]),
            report("http://five", true, Some(&a), &[]),
        ]);
        let after = round(vec![
            report("http://one", false, None, &["/healthz: timed out"]),
            report("http://two", true, Some(&a), &[]),
            report("http://three", true, Some(&b), &["serves model bbbb…"]),
            report(
                "http://four",
                true,
                Some(&a),
                &["the page has no referrer-policy header"],
            ),
            report("http://five", true, Some(&a), &[]),
        ]);
        let changes = before.changes(&after);
        assert_eq!(
            changes,
            [
                "http://one: went DOWN (/healthz: timed out)",
                "http://two: came back",
                "http://three: model changed from aaaaaaaaaaaa… to bbbbbbbbbbbb…",
                "http://three: UNHEALTHY (serves model bbbb…)",
                "http://four: UNHEALTHY (the page has no referrer-policy header)",
            ]
        );
        assert!(after.changes(&after).is_empty());
        assert_eq!(
            after.summary_line(),
            "5 instances: 2 ok, 2 unhealthy, 1 down; model aaaaaaaaaaaa (majority)"
        );
        assert!(!after.all_healthy());
        let table = after.table();
        assert!(
            table.contains("http://one") && table.contains("DOWN"),
            "{table}"
        );
    }

    #[test]
    fn what_an_instance_says_reaches_the_table_escaped() {
        let evil = "\u{1b}[31m".to_owned() + &"a".repeat(60);
        let before = round(vec![report("http://x", true, Some(&"a".repeat(64)), &[])]);
        let after = round(vec![report(
            "http://x",
            true,
            Some(&evil),
            &["/version.json says \u{1b}]0;pwned\u{7}"],
        )]);
        let table = after.table();
        assert!(
            !table.contains('\u{1b}') && !table.contains('\u{7}'),
            "{table:?}"
        );
        assert!(table.contains("\\u{1b}]0;pwned\\u{7}"), "{table}");
        for line in before.change_lines(&after) {
            assert!(!line.contains('\u{1b}'), "{line:?}");
        }
        // JSON stays exact: serde escapes control characters itself.
        let json = after.json().to_string();
        assert!(json.contains("\\u001b]0;pwned\\u0007"), "{json}");
    }
}
