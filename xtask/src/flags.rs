//! Every command and flag of `cargo xtask`, declared once. `cargo xtask
//! help` (and `--help` on any command) prints what these doc comments say.

use std::str::FromStr;

xflags::xflags! {
    /// Build, serve, test and benchmark iris-classifier (cargo xtask COMMAND).
    cmd xtask {
        /// Build the static bundle into dist/ (wasm, glue, pages, hashed names, .gz files)
        /// and the npm package made from it into target/npm/ (folder and tarball).
        cmd dist {}

        /// Serve dist/ with Debian's nginx and our nginx.conf at http://127.0.0.1:PORT,
        /// rebuilding and reloading the open page whenever crate/, www/ or data/ change.
        cmd serve {
            /// The loopback port (default 8080).
            optional --port port: u16
            /// Serve dist/ as it is: no build first.
            optional --no-build
            /// Build once and serve; do not watch for changes.
            optional --no-watch
        }

        /// Install what is missing, then run every suite, or only the named ones
        /// (an unknown name lists them all).
        cmd test {
            /// Suites to run, in the order of the full run.
            repeated suites: Suite
        }

        /// Measure sizes and speed in headless Chromium and nginx under wrk (reported, never asserted).
        cmd bench {}

        /// Write the files generated from the Rust sources (www/generated/ and regions of
        /// the typings); with --check, fail if any is out of date instead.
        cmd codegen {
            /// Change nothing; fail naming the stale files.
            optional --check
        }

        /// Print this help.
        cmd help {}
    }
}

/// A test suite of `cargo xtask test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// fmt, clippy natively and for wasm32, generated files up to date, the
    /// analysers (deny, gixy, checkov, kubernetes-validate), then the
    /// JavaScript type-checked (tsc) and linted (ESLint).
    Lint,
    /// cargo test, then malformed data files through a real build.
    Unit,
    /// The real wasm module in node against native answers, bit for bit.
    Wasm,
    /// HTTP checks of nginx.conf in Debian's nginx.
    Nginx,
    /// The development server: production headers, rebuild and reload on change.
    Serve,
    /// Headless Chromium on the page, the element and the iframe.
    Browser,
    /// The npm package's tarball in scratch apps (Vite, webpack, esbuild,
    /// React 19, Vue 3): type-checked, built, served, driven in Chromium.
    Package,
    /// The Dockerfile built with podman and run hardened; played as
    /// Kubernetes and compose; load and faults for a few seconds each.
    Image,
    /// The image's load and fault runs at full length (60 s each). Not in
    /// the full run (the image suite runs them shortened); name it.
    Load,
}

impl Suite {
    /// Every suite, in the order a full run takes them.
    pub const ALL: [Suite; 8] = [
        Suite::Lint,
        Suite::Unit,
        Suite::Wasm,
        Suite::Nginx,
        Suite::Serve,
        Suite::Browser,
        Suite::Package,
        Suite::Image,
    ];

    /// Suites run only when named.
    pub const ON_REQUEST: [Suite; 1] = [Suite::Load];

    /// Its name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Suite::Lint => "lint",
            Suite::Unit => "unit",
            Suite::Wasm => "wasm",
            Suite::Nginx => "nginx",
            Suite::Serve => "serve",
            Suite::Browser => "browser",
            Suite::Package => "package",
            Suite::Image => "image",
            Suite::Load => "load",
        }
    }
}

impl FromStr for Suite {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let every = || Suite::ALL.into_iter().chain(Suite::ON_REQUEST);
        every().find(|suite| suite.name() == s).ok_or_else(|| {
            let names: Vec<_> = every().map(|s| s.name()).collect();
            format!("unknown suite '{s}': expected one of {}", names.join(", "))
        })
    }
}

/// The help text, as xflags renders it for `--help`.
pub fn help() -> String {
    match Xtask::from_vec(vec!["--help".into()]) {
        Ok(_) => String::new(),
        Err(help) => help.to_string(),
    }
}
