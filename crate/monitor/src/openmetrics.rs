//! A round as OpenMetrics text (`--format openmetrics`), for operators who
//! already run Prometheus: one gauge per instance and check, so the fleet
//! can be graphed and alerted on with the tools they have (a textfile
//! collector, or any scrape of a file this writes). Label values are
//! escaped as the format says; whatever an instance says goes only into
//! label values.

use std::fmt::Write as _;

use crate::fleet::Round;

/// `text` as an OpenMetrics label value (inside the quotes).
fn label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The round as an OpenMetrics exposition, ending with `# EOF`.
pub fn render(round: &Round) -> String {
    let mut out = String::new();
    let reports = round.reports();
    let family = |out: &mut String, name: &str, kind: &str, unit: Option<&str>, help: &str| {
        let _ = writeln!(out, "# TYPE {name} {kind}");
        if let Some(unit) = unit {
            let _ = writeln!(out, "# UNIT {name} {unit}");
        }
        let _ = writeln!(out, "# HELP {name} {help}");
    };
    family(
        &mut out,
        "iris_instance_up",
        "gauge",
        None,
        "Whether the instance answers /healthz at all (1) or not (0).",
    );
    for r in reports {
        let _ = writeln!(
            out,
            "iris_instance_up{{instance=\"{}\"}} {}",
            label(&r.instance),
            u8::from(r.reachable)
        );
    }
    family(
        &mut out,
        "iris_instance_healthy",
        "gauge",
        None,
        "Whether every check of the instance passed (1) or not (0).",
    );
    for r in reports {
        let _ = writeln!(
            out,
            "iris_instance_healthy{{instance=\"{}\"}} {}",
            label(&r.instance),
            u8::from(r.healthy())
        );
    }
    family(
        &mut out,
        "iris_instance_check",
        "gauge",
        None,
        "Each check of each instance: healthz, version, module, headers, model; 1 passed, 0 failed.",
    );
    for r in reports {
        for (check, ok) in &r.checks {
            let _ = writeln!(
                out,
                "iris_instance_check{{instance=\"{}\",check=\"{}\"}} {}",
                label(&r.instance),
                label(check),
                u8::from(*ok)
            );
        }
    }
    family(
        &mut out,
        "iris_instance_problems",
        "gauge",
        None,
        "How many problems the instance has.",
    );
    for r in reports {
        let _ = writeln!(
            out,
            "iris_instance_problems{{instance=\"{}\"}} {}",
            label(&r.instance),
            r.problems.len()
        );
    }
    family(
        &mut out,
        "iris_instance_latency_seconds",
        "gauge",
        Some("seconds"),
        "How long /healthz took.",
    );
    for r in reports {
        if let Some(ms) = r.latency_ms {
            let _ = writeln!(
                out,
                "iris_instance_latency_seconds{{instance=\"{}\"}} {}",
                label(&r.instance),
                ms / 1000.0
            );
        }
    }
    family(
        &mut out,
        "iris_instance_version",
        "info",
        None,
        "What the instance says it serves (/version.json).",
    );
    for r in reports {
        if let Some(v) = &r.version {
            let _ = writeln!(
                out,
                "iris_instance_version_info{{instance=\"{}\",version=\"{}\",model_sha256=\"{}\"}} 1",
                label(&r.instance),
                label(&v.version),
                label(&v.model_sha256)
            );
        }
    }
    out.push_str("# EOF\n");
    out
}
