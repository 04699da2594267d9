//! The `image` suite: the image built from the Dockerfile with podman and
//! run hardened; the same HTTP and browser checks as the loopback nginx, plus
//! what only a container has.

use anyhow::{bail, Result};
use xshell::Shell;

use super::{browser_tests_against, dist_dir, http_checks};
use crate::harness::chromium;
use crate::harness::podman::{self, podman_cmd, Container};
use crate::harness::standin;

/// The image built from the Dockerfile with podman and run hardened.
pub fn run(sh: &Shell) -> Result<()> {
    chromium::ensure(sh)?;
    build(sh)?;
    check_image_config(sh)?;

    let container = Container::run(sh, "iris-classifier-test")?;
    let exec = |args: &[&str]| {
        let mut all = vec!["exec", container.name.as_str()];
        all.extend_from_slice(args);
        podman_cmd(sh, &all).quiet().ignore_stderr().read()
    };
    super::hardened::check(sh, &container.name, None)?;
    // Same sources, same bytes: these stable files name every hashed asset,
    // so equal files mean the image serves exactly the bundle built here.
    for file in ["index.html", "iris.js", "embed.html"] {
        let inside = exec(&["cat", &format!("/usr/share/nginx/html/{file}")])?;
        let local = std::fs::read_to_string(dist_dir().join(file))?;
        if inside.trim_end() != local.trim_end() {
            bail!("the image's {file} differs from dist/{file}: the builds are not reproducible");
        }
    }
    let health = podman_cmd(sh, &["healthcheck", "run", &container.name]).read();
    if let Err(e) = health {
        bail!("the image's HEALTHCHECK failed: {e}");
    }
    http_checks(sh, &container.url())?;
    browser_tests_against(sh, &container.url())?;
    let logs = container.logs();
    if !logs.contains("\"GET / HTTP/1.1\" 200") {
        bail!("the container logged no access line for GET /:\n{logs}");
    }
    let stopped = container.stop()?;
    let code = podman_cmd(
        sh,
        &[
            "inspect",
            "--format",
            "{{.State.ExitCode}}",
            &container.name,
        ],
    )
    .read()?;
    eprintln!(
        "stopped in {:.2} s with exit code {code}",
        stopped.as_secs_f64()
    );
    // How soon is reported, not judged. A container that ignored the stop
    // signal would be killed after podman's 10 s, with code 137: exit code
    // 0 is what says nginx stopped on the signal, gracefully.
    if code != "0" {
        bail!(
            "the container exited with code {code} on stop:\n{}",
            container.logs()
        );
    }
    drop(container);
    super::kube::run(sh)?;
    super::compose::run(sh)?;
    super::load::run(sh, super::load::SHORT_SECONDS)
}

/// Builds the image from the Dockerfile (stand-in base images first).
pub fn build(sh: &Shell) -> Result<()> {
    standin::prepare(sh)?;
    let took = podman::build(sh)?;
    eprintln!("image built in {:.0} s", took.as_secs_f64());
    Ok(())
}

/// User, port, health check and labels as the Dockerfile declares them.
fn check_image_config(sh: &Shell) -> Result<()> {
    let inspect = podman_cmd(sh, &["image", "inspect", podman::TAG]).read()?;
    let value: serde_json::Value = serde_json::from_str(&inspect)?;
    let config = &value[0]["Config"];
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            bail!("image config: {what}:\n{config:#}")
        }
    };
    expect(config["User"] == "101", "User must be 101")?;
    expect(
        config["ExposedPorts"].get("80/tcp").is_some(),
        "must expose 80/tcp",
    )?;
    expect(
        config["StopSignal"] == "SIGQUIT",
        "StopSignal must be SIGQUIT",
    )?;
    // podman keeps it beside Config; Docker inside it.
    let health = match &value[0]["Healthcheck"]["Test"] {
        serde_json::Value::Null => &config["Healthcheck"]["Test"],
        test => test,
    };
    expect(
        health.to_string().contains("/healthz"),
        "HEALTHCHECK must probe /healthz",
    )?;
    for label in ["title", "source", "version", "revision", "licenses"] {
        let key = format!("org.opencontainers.image.{label}");
        expect(
            config["Labels"].get(&key).is_some(),
            &format!("label {key} missing"),
        )?;
    }
    Ok(())
}
