//! A round as OpenMetrics text (`--format openmetrics`), for operators who
//! already run Prometheus: one gauge per instance and check, so the fleet
//! can be graphed and alerted on with the tools they have (a textfile
//! collector, or any scrape of a file this writes). Label values are
//! escaped as the format says; whatever an instance says goes only into
//! label values.

use std::fmt::Write as _;

use crate::check::Report;
use crate::fleet::Round;

/// `text` as an OpenMetrics label value (inside the quotes).
fn label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// One sample of a report: its labels beyond `instance`, and its value.
type Sample = (Vec<(&'static str, String)>, f64);

/// One metric family: its name, type, unit, help, and each report's samples.
struct Family {
    name: &'static str,
    kind: &'static str,
    unit: Option<&'static str>,
    help: &'static str,
    /// The sample's name: the family's, or with `_info` for an info family.
    sample: &'static str,
    samples: fn(&Report) -> Vec<Sample>,
}

/// Every family, in the order they are written.
const FAMILIES: [Family; 6] = [
    Family {
        name: "iris_instance_up",
        kind: "gauge",
        unit: None,
        help: "Whether the instance answers /healthz at all (1) or not (0).",
        sample: "iris_instance_up",
        samples: |r| vec![(vec![], f64::from(u8::from(r.reachable)))],
    },
    Family {
        name: "iris_instance_healthy",
        kind: "gauge",
        unit: None,
        help: "Whether every check of the instance passed (1) or not (0).",
        sample: "iris_instance_healthy",
        samples: |r| vec![(vec![], f64::from(u8::from(r.healthy())))],
    },
    Family {
        name: "iris_instance_check",
        kind: "gauge",
        unit: None,
        help: "Each check of each instance: healthz, version, module, headers, model; 1 passed, 0 failed.",
        sample: "iris_instance_check",
        samples: |r| {
            r.checks
                .iter()
                .map(|(check, ok)| (vec![("check", check.clone())], f64::from(u8::from(*ok))))
                .collect()
        },
    },
    Family {
        name: "iris_instance_problems",
        kind: "gauge",
        unit: None,
        help: "How many problems the instance has.",
        sample: "iris_instance_problems",
        samples: |r| vec![(vec![], r.problems.len() as f64)],
    },
    Family {
        name: "iris_instance_latency_seconds",
        kind: "gauge",
        unit: Some("seconds"),
        help: "How long /healthz took.",
        sample: "iris_instance_latency_seconds",
        samples: |r| r.latency_ms.map(|ms| (vec![], ms / 1000.0)).into_iter().collect(),
    },
    Family {
        name: "iris_instance_version",
        kind: "info",
        unit: None,
        help: "What the instance says it serves (/version.json).",
        sample: "iris_instance_version_info",
        samples: |r| {
            r.version
                .iter()
                .map(|v| {
                    let labels = vec![
                        ("version", v.version.clone()),
                        ("model_sha256", v.model_sha256.clone()),
                    ];
                    (labels, 1.0)
                })
                .collect()
        },
    },
];

/// The round as an OpenMetrics exposition, ending with `# EOF`.
pub fn render(round: &Round) -> String {
    let mut out = String::new();
    for family in &FAMILIES {
        let _ = writeln!(out, "# TYPE {} {}", family.name, family.kind);
        if let Some(unit) = family.unit {
            let _ = writeln!(out, "# UNIT {} {unit}", family.name);
        }
        let _ = writeln!(out, "# HELP {} {}", family.name, family.help);
        for report in round.reports() {
            for (labels, value) in (family.samples)(report) {
                let mut text = format!("instance=\"{}\"", label(&report.instance));
                for (name, value) in labels {
                    let _ = write!(text, ",{name}=\"{}\"", label(&value));
                }
                let _ = writeln!(out, "{}{{{text}}} {value}", family.sample);
            }
        }
    }
    out.push_str("# EOF\n");
    out
}
