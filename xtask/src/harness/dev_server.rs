//! The development server behind `cargo xtask serve`: Debian's nginx with
//! our `nginx.conf` (so development sends exactly production's types and
//! headers, CSP included), serving a copy of `dist/` that a watcher rebuilds
//! whenever `crate/`, `www/` or `data/` change.
//!
//! Each HTML page of the copy loads `__dev/reload.js`, which polls
//! `__dev/build.json`: a new build id reloads the page, a build error is
//! shown over the page (and in the terminal) until the next good build.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use xshell::Shell;

use crate::build::bundle;
use crate::harness::install;
use crate::harness::nginx::{copy_dir, Nginx};

/// The folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["crate", "www", "data"];

/// Quiet time after the last change before rebuilding, so one save that
/// touches several files builds once.
const SETTLE: Duration = Duration::from_millis(300);

/// Polls for a new build and shows build errors; development only.
const RELOAD_JS: &str = r#"// Development only (cargo xtask serve): reloads the page after each
// rebuild and shows a failed build over the page.
const STATE = new URL('./build.json', import.meta.url);
let seen;
let box = null;

function show(error) {
  if (!error) { box?.remove(); box = null; return; }
  if (!box) {
    box = document.createElement('div');
    box.id = 'xtask-build-error';
    box.setAttribute('role', 'alert');
    Object.assign(box.style, {
      position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', margin: '0',
      padding: '1rem', background: 'rgba(30, 0, 0, 0.92)', color: '#ffd9d9',
      font: '13px/1.45 ui-monospace, monospace', whiteSpace: 'pre-wrap',
    });
    document.body.append(box);
  }
  box.textContent = `cargo xtask serve: the build failed; fix it and save to reload.\n\n${error}`;
}

async function poll() {
  try {
    const response = await fetch(STATE, { cache: 'no-store' });
    const { id, error } = await response.json();
    seen ??= id;
    if (id !== seen) { window.location.reload(); return; }
    show(error);
  } catch {
    // The server is restarting; try again.
  }
  setTimeout(poll, 250);
}
poll();
"#;

/// A running development server.
pub struct DevServer {
    nginx: Nginx,
    _watcher: Option<notify::RecommendedWatcher>,
    rebuilds: Option<std::thread::JoinHandle<()>>,
}

impl DevServer {
    /// Serves the workspace at `root` on `port` (0: any free port): builds
    /// it first when `build` is set, and rebuilds on change when `watch` is.
    pub fn start(sh: &Shell, root: &Path, port: u16, build: bool, watch: bool) -> Result<Self> {
        install::ensure_apt(sh, &["nginx"])?;
        let dist = root.join("dist");
        let mut error = None;
        if build {
            if let Err(e) = bundle::build(sh, root) {
                if !watch || !dist.join("index.html").exists() {
                    return Err(e);
                }
                eprintln!("error: {e:#}");
                error = Some(format!("{e:#}"));
            }
        }
        if !dist.join("index.html").exists() {
            anyhow::bail!("dist/index.html is missing: run `cargo xtask dist` first");
        }
        let port = if port == 0 {
            crate::harness::free_port()?
        } else {
            port
        };
        // Each build rewrites the served files: no cached descriptors.
        let nginx = Nginx::start_with(
            "serve",
            "nginx.conf",
            &dist,
            &[port],
            &[(
                "open_file_cache max=1000 inactive=60s;",
                "open_file_cache off;",
            )],
        )?;
        let web_root = nginx.web_root();
        publish(&dist, &web_root, 1, 0, error.as_deref())?;
        let (watcher, rebuilds) = if watch {
            let target_dir = sh.var_os("CARGO_TARGET_DIR");
            let (watcher, rebuilds) = watch_and_rebuild(root, web_root, target_dir)?;
            (Some(watcher), Some(rebuilds))
        } else {
            (None, None)
        };
        Ok(DevServer {
            nginx,
            _watcher: watcher,
            rebuilds,
        })
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        self.nginx.url()
    }

    /// Serves until the process is interrupted.
    pub fn wait(mut self) {
        match self.rebuilds.take() {
            Some(rebuilds) => {
                let _ = rebuilds.join();
            }
            None => loop {
                std::thread::park();
            },
        }
    }
}

/// Whether an event can change what a build produces: a file created,
/// written, renamed or removed. The build itself reads every source, and
/// inotify reports those opens and closes as access events; counting them
/// made each build schedule the next, forever. Metadata (permissions,
/// times) changes nothing either.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Watches the sources and rebuilds on change, publishing each outcome.
fn watch_and_rebuild(
    root: &Path,
    web_root: PathBuf,
    target_dir: Option<std::ffi::OsString>,
) -> Result<(notify::RecommendedWatcher, std::thread::JoinHandle<()>)> {
    let (tx, rx) = mpsc::channel();
    let generated = root.join("www/pkg");
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !changes_content(&event.kind) {
                return;
            }
            if let Some(path) = event.paths.iter().find(|p| !p.starts_with(&generated)) {
                let _ = tx.send(format!("{} ({:?})", path.display(), event.kind));
            }
        }
    })?;
    for folder in WATCHED {
        watcher
            .watch(&root.join(folder), RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {folder}/"))?;
    }
    let root = root.to_path_buf();
    let rebuilds = std::thread::spawn(move || {
        let Ok(sh) = Shell::new() else { return };
        if let Some(dir) = target_dir {
            sh.set_var("CARGO_TARGET_DIR", dir);
        }
        let mut id = 1;
        let mut rebuilds = 0;
        while let Ok(change) = rx.recv() {
            while rx.recv_timeout(SETTLE).is_ok() {}
            eprintln!("xtask serve: {change} changed, rebuilding…");
            rebuilds += 1;
            let outcome = bundle::build(&sh, &root).map(|_written| ());
            if outcome.is_ok() {
                id += 1;
            }
            let error = outcome.as_ref().err().map(|e| format!("{e:#}"));
            match &error {
                Some(text) => {
                    eprintln!("error: {text}\nxtask serve: still serving the last good build")
                }
                None => eprintln!("xtask serve: rebuilt; open pages reload"),
            }
            if let Err(e) = publish(
                &root.join("dist"),
                &web_root,
                id,
                rebuilds,
                error.as_deref(),
            ) {
                eprintln!("error: cannot publish the build: {e:#}");
            }
        }
    });
    Ok((watcher, rebuilds))
}

/// Copies a good build into the served folder (the previous one stays when
/// the build failed), makes every page load the reload script, and records
/// the outcome in `__dev/build.json`: `id` names the good build being
/// served (a new one reloads open pages), `rebuilds` counts every rebuild
/// since the server started, good or failed, and `error` is the last
/// failure's text.
fn publish(
    dist: &Path,
    web_root: &Path,
    id: u64,
    rebuilds: u64,
    error: Option<&str>,
) -> Result<()> {
    let dev = web_root.join("__dev");
    if error.is_none() || !web_root.join("index.html").exists() {
        for entry in std::fs::read_dir(web_root)? {
            let path = entry?.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else {
                std::fs::remove_file(&path)?;
            }
        }
        copy_dir(dist, web_root)?;
        for entry in std::fs::read_dir(web_root)? {
            let page = entry?.path();
            if page.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&page)?;
                let tag = r#"<script type="module" src="./__dev/reload.js"></script></head>"#;
                std::fs::write(&page, text.replacen("</head>", tag, 1))?;
                // nginx compresses the changed page itself.
                let _ = std::fs::remove_file(page.with_extension("html.gz"));
            }
        }
        std::fs::create_dir_all(&dev)?;
        std::fs::write(dev.join("reload.js"), RELOAD_JS)?;
    }
    let state = serde_json::json!({ "id": id, "rebuilds": rebuilds, "error": error });
    std::fs::write(dev.join("build.json"), state.to_string())?;
    Ok(())
}
