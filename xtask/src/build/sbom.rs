//! `dist/sbom.cdx.json`: a CycloneDX 1.5 software bill of materials of what
//! the bundle carries: the four wasm modules' crates, as cargo resolves them
//! for `wasm32-unknown-unknown` (normal dependencies only, and no
//! proc-macro: build scripts, macros, tests and tools ship nothing), each
//! with its version, package URL,
//! license and the SHA-256 that `Cargo.lock` pins. No npm package goes into
//! the bundle (esbuild and binaryen only build it), so none is listed.
//!
//! Written from `cargo tree` and `Cargo.lock` rather than by an
//! installed tool, so the Docker build needs nothing more; no timestamp or
//! random serial number, so the same sources give the same bytes. The
//! nginx suite checks it against the CycloneDX schema with the CycloneDX
//! project's own validator (`cyclonedx-python-lib`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{json, Value};
use xshell::{cmd, Shell};

use crate::build::bundle::Written;
use crate::build::wasm::package_args;
use crate::harness::install::WASM_TARGET;

/// Where the file goes, under `dist/`.
pub const SBOM: &str = "sbom.cdx.json";

/// Writes `dist/sbom.cdx.json` (and its `.gz`) for the workspace at `root`.
pub fn write(sh: &Shell, root: &Path, dist: &Path) -> Result<Written> {
    let cargo = crate::harness::cargo();
    let manifest = root.join("Cargo.toml");
    let packages = package_args();
    // Exactly what `cargo build --target wasm32 -p …` compiles into the
    // modules (features unified as that build unifies them), with depths.
    let format = "{p}|{l}";
    let tree = cmd!(
        sh,
        "{cargo} tree --locked --manifest-path {manifest} --edges normal --target {WASM_TARGET} {packages...} --prefix depth --format {format}"
    )
    .quiet()
    .read()?;
    let checksums = lock_checksums(&std::fs::read_to_string(root.join("Cargo.lock"))?);
    let document = bill(&parse_tree(&tree)?, &checksums);
    super::bundle::write_json(dist, SBOM, &document)
}

/// One crate of the tree.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Crate {
    name: String,
    version: String,
    /// A workspace crate (a path), not a registry one.
    local: bool,
    license: Option<String>,
}

/// The crates and who depends on whom, from `cargo tree --prefix depth`.
/// Proc-macro crates run in the compiler, on the build machine: they and
/// what only they use are left out, since none of it is in a module.
struct Tree {
    roots: Vec<Crate>,
    needs: BTreeMap<Crate, BTreeSet<Crate>>,
}

fn parse_tree(text: &str) -> Result<Tree> {
    let mut tree = Tree {
        roots: Vec::new(),
        needs: BTreeMap::new(),
    };
    let mut stack: Vec<Crate> = Vec::new();
    let mut skip_below: Option<usize> = None;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let digits = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        let depth: usize = line[..digits]
            .parse()
            .with_context(|| format!("no depth in {line:?}"))?;
        if skip_below.is_some_and(|d| depth > d) {
            continue;
        }
        skip_below = None;
        // `(*)`: a crate shown before, its dependencies not repeated.
        let entry = line[digits..].trim_end_matches(" (*)");
        let (package, license) = entry.rsplit_once('|').context("no license field")?;
        if package.ends_with("(proc-macro)") {
            skip_below = Some(depth);
            continue;
        }
        let mut words = package.split_whitespace();
        let name = words.next().context("no name")?.to_owned();
        let version = words
            .next()
            .context("no version")?
            .trim_start_matches('v')
            .to_owned();
        let node = Crate {
            name,
            version,
            local: package.contains(" (/"),
            license: Some(license.trim().to_owned()).filter(|l| !l.is_empty()),
        };
        stack.truncate(depth);
        match stack.last() {
            Some(parent) => {
                tree.needs
                    .entry(parent.clone())
                    .or_default()
                    .insert(node.clone());
            }
            None if !tree.roots.contains(&node) => tree.roots.push(node.clone()),
            None => {}
        }
        tree.needs.entry(node.clone()).or_default();
        stack.push(node);
    }
    Ok(tree)
}

/// `(name, version)` → the SHA-256 `Cargo.lock` records for a registry crate.
fn lock_checksums(lock: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            package.lines().find_map(|l| {
                l.strip_prefix(&format!("{key} = \""))
                    .and_then(|v| v.strip_suffix('"'))
                    .map(str::to_owned)
            })
        };
        if let (Some(name), Some(version), Some(sum)) =
            (field("name"), field("version"), field("checksum"))
        {
            out.insert((name, version), sum);
        }
    }
    out
}

/// A crate's reference in the bill: its package URL, or for a workspace
/// crate a name of this project's.
fn reference(c: &Crate) -> String {
    if c.local {
        format!("iris-classifier/{}@{}", c.name, c.version)
    } else {
        format!("pkg:cargo/{}@{}", c.name, c.version)
    }
}

/// The bill of materials for `tree`.
fn bill(tree: &Tree, checksums: &BTreeMap<(String, String), String>) -> Value {
    let components: Vec<Value> = tree
        .needs
        .keys()
        .map(|c| {
            let mut component = json!({
                "type": "library",
                "bom-ref": reference(c),
                "name": c.name,
                "version": c.version,
            });
            if let Some(license) = &c.license {
                component["licenses"] = json!([{ "expression": license }]);
            }
            if !c.local {
                component["purl"] = json!(reference(c));
                if let Some(sum) = checksums.get(&(c.name.clone(), c.version.clone())) {
                    component["hashes"] = json!([{ "alg": "SHA-256", "content": sum }]);
                }
            }
            component
        })
        .collect();
    let dependencies = std::iter::once(json!({
        "ref": "iris-classifier",
        "dependsOn": tree.roots.iter().map(reference).collect::<Vec<_>>(),
    }))
    .chain(tree.needs.iter().map(|(c, needs)| {
        json!({ "ref": reference(c), "dependsOn": needs.iter().map(reference).collect::<Vec<_>>() })
    }))
    .collect::<Vec<_>>();
    json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {
            "component": {
                "type": "application",
                "bom-ref": "iris-classifier",
                "name": "iris-classifier",
                "version": iris_wasm::VERSION,
                "description": "The static bundle: the page, the element, iris.js and the four WebAssembly modules, whose crates are listed here",
                "licenses": [{ "expression": "MIT OR Apache-2.0" }],
            },
            "properties": [
                { "name": "iris-classifier:npm-packages-in-bundle", "value": "none (esbuild and binaryen only build it)" },
                { "name": "iris-classifier:target", "value": WASM_TARGET },
            ],
        },
        "components": components,
        "dependencies": dependencies,
    })
}
