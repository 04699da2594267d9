//! The npm package: what other origins load from `dist/` (the public entry
//! points and `assets/public/`), in one flat folder without content hashes,
//! with a `package.json`, packed by `npm pack` into `target/npm/`.
//!
//! Flat, because every module finds the wasm it starts with
//! `new URL('./NAME.wasm', import.meta.url)`: Vite and webpack copy what
//! such a URL names by themselves, and after esbuild (which copies nothing)
//! the same relative names hold for every module once the `.wasm` files sit
//! beside the bundle. Unhashed, because an app's bundler hashes what it
//! emits, and a person reading `node_modules/` should see plain names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use xshell::{cmd, Shell};

use crate::build::bundle::{file_name, PUBLIC_ASSETS_DIR};

/// The package's name on npm.
pub const NAME: &str = "iris-classifier";

/// Where the package folder and its tarball go, under the root.
pub const NPM_DIR: &str = "target/npm";

/// The public entry points, from the top of `dist/`.
const ENTRY_POINTS: &[&str] = &[
    "iris.js",
    "iris.d.ts",
    "widget.js",
    "widget.d.ts",
    "react.d.ts",
    "vue.d.ts",
    "custom-elements.json",
];

/// The module holding the element's class, which `./element` exports
/// without registering a tag.
const ELEMENT_MODULE: &str = "iris-classifier-element.js";

/// The one module that changes the page when imported (it registers
/// `<iris-classifier>`): what `sideEffects` lists, so a bundler keeps it.
const REGISTERS: &str = "widget.js";

/// The guide for app developers, shipped as the package's README.
const README: &str = "docs/package.md";

/// What was made: the folder and the tarball `npm pack` wrote.
pub struct Package {
    /// `target/npm/package/`.
    pub folder: PathBuf,
    /// `target/npm/iris-classifier-VERSION.tgz`.
    pub tarball: PathBuf,
}

/// Writes the package from `dist/` (already assembled) and packs it.
pub fn write(sh: &Shell, root: &Path, dist: &Path) -> Result<Package> {
    let npm = root.join(NPM_DIR);
    if npm.exists() {
        std::fs::remove_dir_all(&npm)?;
    }
    let folder = npm.join("package");
    std::fs::create_dir_all(&folder)?;

    // (path under dist/, name in the package)
    let mut files: Vec<(String, String)> = ENTRY_POINTS
        .iter()
        .map(|name| ((*name).to_owned(), (*name).to_owned()))
        .collect();
    for entry in std::fs::read_dir(dist.join(PUBLIC_ASSETS_DIR))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".gz") {
            continue;
        }
        files.push((format!("{PUBLIC_ASSETS_DIR}/{name}"), unhashed(&name)?));
    }
    files.sort();
    let mut names = BTreeMap::new();
    for (from, to) in &files {
        if let Some(other) = names.insert(to.clone(), from.clone()) {
            bail!("dist/{other} and dist/{from} would both be {to} in the package");
        }
    }
    if !names.contains_key(ELEMENT_MODULE) {
        bail!(
            "dist/{PUBLIC_ASSETS_DIR}/ has no {ELEMENT_MODULE}: the element's module was renamed"
        );
    }

    for (from, to) in &files {
        let bytes =
            std::fs::read(dist.join(from)).with_context(|| format!("cannot read dist/{from}"))?;
        let bytes = if to.ends_with(".wasm") {
            bytes
        } else {
            let mut text =
                String::from_utf8(bytes).with_context(|| format!("dist/{from} is not UTF-8"))?;
            text = text.replace(&format!("./{PUBLIC_ASSETS_DIR}/"), "./");
            for (hashed, plain) in files
                .iter()
                .filter(|(f, _)| f.starts_with(PUBLIC_ASSETS_DIR))
            {
                text = text.replace(file_name(hashed), plain);
            }
            if text.contains(PUBLIC_ASSETS_DIR) {
                bail!("dist/{from} still names {PUBLIC_ASSETS_DIR}/ after flattening");
            }
            text.into_bytes()
        };
        std::fs::write(folder.join(to), bytes)?;
    }
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(root.join(license), folder.join(license))?;
    }
    std::fs::copy(root.join(README), folder.join("README.md"))
        .with_context(|| format!("cannot read {README}"))?;

    let mut listed: Vec<String> = names.into_keys().collect();
    listed.extend(["LICENSE-MIT", "LICENSE-APACHE"].map(str::to_owned));
    let manifest = serde_json::to_string_pretty(&manifest(sh, root, &listed))?;
    std::fs::write(folder.join("package.json"), format!("{manifest}\n"))?;

    let _dir = sh.push_dir(&folder);
    let packed = cmd!(sh, "npm pack --pack-destination .. --loglevel=error")
        .quiet()
        .read()
        .context("npm pack failed")?;
    let tarball = npm.join(packed.lines().last().unwrap_or_default().trim());
    if !tarball.is_file() {
        bail!("npm pack did not write {}", tarball.display());
    }
    Ok(Package { folder, tarball })
}

/// The tarball the last [`write`] made (the only `.tgz` in [`NPM_DIR`]).
pub fn tarball() -> Result<PathBuf> {
    let npm = crate::project_root().join(NPM_DIR);
    let mut found = Vec::new();
    for entry in
        std::fs::read_dir(&npm).with_context(|| format!("no {NPM_DIR}/: run cargo xtask dist"))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "tgz") {
            found.push(path);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!("{NPM_DIR}/ holds {} tarballs, not one", found.len()),
    }
}

/// `package.json`: the version is the product's; `files` is exactly what
/// was written. Structs, not a JSON map, because the order of an export's
/// conditions matters (`types` first, `default` last).
fn manifest(sh: &Shell, root: &Path, files: &[String]) -> Manifest {
    let element = format!("./{ELEMENT_MODULE}");
    Manifest {
        name: NAME,
        version: iris_wasm::VERSION,
        description: "An iris-flower classifier that runs in the browser: a model trained at build time with smartcore, in a 21 KB (gzip) WebAssembly module; a JS API, the <iris-classifier> element and its types for React and Vue.",
        keywords: &["iris", "classifier", "machine-learning", "webassembly", "wasm", "custom-element", "web-component"],
        license: "MIT OR Apache-2.0",
        repository: repository(sh, root).map(|url| Repository { kind: "git", url }),
        kind: "module",
        exports: Exports {
            root: Entry::code("./iris.d.ts", "./iris.js"),
            widget: Entry::code("./widget.d.ts", &format!("./{REGISTERS}")),
            element: Entry::code("./widget.d.ts", &element),
            react: Entry::types("./react.d.ts"),
            vue: Entry::types("./vue.d.ts"),
            manifest: "./custom-elements.json",
            package: "./package.json",
        },
        types: "./iris.d.ts",
        files: files.to_vec(),
        side_effects: vec![format!("./{REGISTERS}")],
        custom_elements: "./custom-elements.json",
    }
}

/// `package.json`, in the order npm and people read it.
#[derive(Serialize)]
struct Manifest {
    name: &'static str,
    version: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    license: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<Repository>,
    #[serde(rename = "type")]
    kind: &'static str,
    exports: Exports,
    types: &'static str,
    files: Vec<String>,
    #[serde(rename = "sideEffects")]
    side_effects: Vec<String>,
    #[serde(rename = "customElements")]
    custom_elements: &'static str,
}

#[derive(Serialize)]
struct Repository {
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
}

/// What each import specifier resolves to.
#[derive(Serialize)]
struct Exports {
    /// `iris-classifier`: the JS API.
    #[serde(rename = ".")]
    root: Entry,
    /// `iris-classifier/widget`: registers `<iris-classifier>`.
    #[serde(rename = "./widget")]
    widget: Entry,
    /// `iris-classifier/element`: the class, nothing registered.
    #[serde(rename = "./element")]
    element: Entry,
    /// `iris-classifier/react`: JSX types only.
    #[serde(rename = "./react")]
    react: Entry,
    /// `iris-classifier/vue`: template types only.
    #[serde(rename = "./vue")]
    vue: Entry,
    #[serde(rename = "./custom-elements.json")]
    manifest: &'static str,
    #[serde(rename = "./package.json")]
    package: &'static str,
}

/// An export's conditions: `types` first, then the module.
#[derive(Serialize)]
struct Entry {
    types: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<String>,
}

impl Entry {
    fn code(types: &str, module: &str) -> Entry {
        Entry {
            types: types.to_owned(),
            default: Some(module.to_owned()),
        }
    }

    fn types(types: &str) -> Entry {
        Entry {
            types: types.to_owned(),
            default: None,
        }
    }
}

/// The checkout's `origin` when it is a URL a person can reach (a clone of
/// a local folder has none), else `IRIS_REPOSITORY`.
fn repository(sh: &Shell, root: &Path) -> Option<String> {
    if let Ok(given) = std::env::var("IRIS_REPOSITORY") {
        if !given.trim().is_empty() {
            return Some(given.trim().to_owned());
        }
    }
    let _dir = sh.push_dir(root);
    let origin = cmd!(sh, "git remote get-url origin")
        .quiet()
        .ignore_stderr()
        .read()
        .ok()?;
    let reachable = ["https://", "git+https://", "git@", "ssh://"];
    reachable
        .iter()
        .any(|scheme| origin.starts_with(scheme))
        .then_some(origin)
}

/// `stem.HASH.ext` (as `bundle` names hashed files) as `stem.ext`.
fn unhashed(name: &str) -> Result<String> {
    let mut parts = name.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(stem), Some(hash), Some(ext))
            if hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(format!("{stem}.{ext}"))
        }
        _ => bail!("{PUBLIC_ASSETS_DIR}/{name} has no content hash in its name"),
    }
}

#[cfg(test)]
mod tests {
    use super::unhashed;

    #[test]
    fn hashes_come_out_of_names() {
        assert_eq!(
            unhashed("iris_wasm_bg.c504793a2d.wasm").unwrap(),
            "iris_wasm_bg.wasm"
        );
        assert_eq!(
            unhashed("iris-classifier-element.f2699229a6.js").unwrap(),
            "iris-classifier-element.js"
        );
        assert!(unhashed("iris.js").is_err());
        assert!(unhashed("a.notahash00.js").is_err());
    }
}
