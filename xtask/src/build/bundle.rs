//! The static bundle: `www/` plus the wasm build, assembled into `dist/`.
//!
//! Internal assets get content-hashed names under `dist/assets/` (cacheable
//! forever); public entry points keep stable names at the top (revalidated).
//! Every text and wasm file gets a precompressed `.gz` beside it for nginx's
//! `gzip_static`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use xshell::Shell;

use crate::build::{version, wasm};
use crate::harness::install;

/// How an asset is named in `dist/`.
#[derive(Clone, Copy, PartialEq)]
enum Naming {
    /// Same name at the top of `dist/`: a public URL others link to.
    Stable,
    /// `assets/<stem>.<hash>.<ext>`: changes whenever its content does.
    Hashed,
    /// `assets/public/<stem>.<hash>.<ext>`: hashed, and loaded by other
    /// sites too (what `widget.js` and `iris.js` import), so nginx.conf
    /// lets any origin fetch exactly this folder.
    HashedPublic,
}

impl Naming {
    /// The folder under `dist/` the file goes to.
    fn dir(self) -> &'static str {
        match self {
            Naming::Stable => "",
            Naming::Hashed => ASSETS_DIR,
            Naming::HashedPublic => PUBLIC_ASSETS_DIR,
        }
    }
}

/// Every file of the bundle, by its path under `www/`, in dependency order: a
/// file may refer only to files listed before it.
const ASSETS: &[(&str, Naming)] = &[
    ("pkg/iris_wasm_bg.wasm", Naming::HashedPublic),
    ("pkg/iris_wasm.js", Naming::HashedPublic),
    ("pkg/iris_card.js", Naming::HashedPublic),
    ("generated/facts.js", Naming::HashedPublic),
    // The catalogues: what the product says, one file per language.
    ("i18n/en.js", Naming::HashedPublic),
    ("i18n/es.js", Naming::HashedPublic),
    ("i18n/fr.js", Naming::HashedPublic),
    ("i18n/languages.js", Naming::HashedPublic),
    ("i18n/translate.js", Naming::Hashed),
    ("pkg/iris_explorer_bg.wasm", Naming::HashedPublic),
    ("pkg/iris_explorer.js", Naming::HashedPublic),
    // Markup without innerHTML (Trusted Types); the element bundles its own copy.
    ("dom.js", Naming::HashedPublic),
    ("explorer.js", Naming::HashedPublic),
    ("explorer-view.js", Naming::HashedPublic),
    ("iris.js", Naming::Stable),
    ("iris.d.ts", Naming::Stable),
    // Bundled by esbuild with the element modules it imports (ELEMENT_PARTS).
    ("element/iris-classifier-element.js", Naming::HashedPublic),
    ("widget.js", Naming::Stable),
    ("widget.d.ts", Naming::Stable),
    // JSX and Vue template types (generated with widget.d.ts; the npm package ships them too).
    ("react.d.ts", Naming::Stable),
    ("vue.d.ts", Naming::Stable),
    ("custom-elements.json", Naming::Stable),
    ("favicon.svg", Naming::Hashed),
    ("style.css", Naming::Hashed),
    ("tables.js", Naming::Hashed),
    ("model-card.js", Naming::Hashed),
    ("tables.css", Naming::Hashed),
    // "Classify a file": the files module, run in a worker, and its view.
    ("pkg/iris_files_bg.wasm", Naming::Hashed),
    ("pkg/iris_files.js", Naming::Hashed),
    // Workbooks (.xlsx, .xls, .ods): fetched by the worker for those alone.
    ("pkg/iris_workbooks_bg.wasm", Naming::Hashed),
    ("pkg/iris_workbooks.js", Naming::Hashed),
    ("file/worker.js", Naming::Hashed),
    ("file/view.js", Naming::Hashed),
    // "Copy link", "Save image", "Share…" and the print layout.
    ("share.css", Naming::Hashed),
    ("share.js", Naming::Hashed),
    ("page.js", Naming::Hashed),
    ("app.js", Naming::Hashed),
    ("index.html", Naming::Stable),
    ("embed.css", Naming::Hashed),
    ("embed.js", Naming::Hashed),
    ("embed.html", Naming::Stable),
    ("demo.css", Naming::Hashed),
    ("demo.js", Naming::Hashed),
    // demo.html's embed builder: the options become the code and the previews.
    ("demo-code.js", Naming::Hashed),
    ("demo.html", Naming::Stable),
];

/// The element's modules: separate files in `www/element/` (one concern
/// each), one file in `dist/` (bundled into the element's module by esbuild:
/// one request instead of five, and one gzip stream).
const ELEMENT_PARTS: &[&str] = &[
    "element/styles.js",
    "element/messages.js",
    "element/template.js",
    "element/predictor.js",
];

/// The module [`ELEMENT_PARTS`] are bundled into. Its imports from outside
/// `element/` (`../iris.js`, the glue, the facts) stay imports, so the page
/// and the element share one `iris.js` and one wasm instance.
const ELEMENT_BUNDLE: &str = "element/iris-classifier-element.js";

/// Modules outside `element/` that the element's bundle contains rather
/// than imports: the English catalogue, of which esbuild keeps only the
/// `element` section, so an English first prediction fetches no other words,
/// and the few lines that build its markup (one request fewer).
const BUNDLED_FROM_OUTSIDE: &[&str] = &["../i18n/en.js", "../dom.js"];

/// The budget for [`FIRST_LOAD`], in gzip bytes (asserted by the browser suite).
/// 32 KiB until the element joined host forms (ElementInternals: its value,
/// validity, reset and restore, about 460 bytes), then half a KiB more.
pub const FIRST_LOAD_BUDGET: usize = 32 * 1024 + 512;

/// What `iris.js` needs before it can predict (by output name): the module,
/// its glue and `iris.js` itself.
pub const IRIS_JS_PATH: &[&str] = &["iris.js", "iris_wasm.", "iris_wasm_bg."];

/// The budget for [`IRIS_JS_PATH`], in gzip bytes.
pub const IRIS_JS_BUDGET: usize = 24 * 1024;

/// What the app page downloads before its first prediction (by output name):
/// the set [`FIRST_LOAD_BUDGET`] covers.
pub const FIRST_LOAD: &[&str] = &[
    "index.html",
    "style.",
    "app.",
    "facts.",
    "languages.",
    "iris-classifier-element.",
    "iris_wasm.",
    "iris_wasm_bg.",
];

/// Where content-hashed files go, under `dist/`. nginx.conf's cache rule
/// (`/assets/` is immutable) relies on this name.
pub const ASSETS_DIR: &str = "assets";

/// Where hashed files that other origins load go (CORS allowed by nginx.conf).
pub const PUBLIC_ASSETS_DIR: &str = "assets/public";

/// Extensions of files whose references are rewritten.
const TEXT: &[&str] = &["js", "ts", "css", "html", "svg"];

/// One file written to `dist/`.
pub struct Written {
    /// Path under `dist/`.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Size of its `.gz`.
    pub gzip_bytes: usize,
}

/// Builds the wasm module for the workspace at `root` and assembles its
/// `dist/`, returning what was written.
pub fn build(sh: &Shell, root: &Path) -> Result<Vec<Written>> {
    wasm::build(sh, root)?;
    let esbuild = install::esbuild(sh)?;
    let dist = root.join("dist");
    let mut written = assemble(&root.join("www"), &dist, &esbuild)?;
    written.push(version::write(sh, root, &dist, &written)?);
    written.push(super::sbom::write(sh, root, &dist)?);
    Ok(written)
}

/// Copies `www/` into `dist/` with hashed names, rewritten references and `.gz` files.
pub fn assemble(www: &Path, dist: &Path, esbuild: &Path) -> Result<Vec<Written>> {
    check_every_file_is_listed(www)?;
    if dist.exists() {
        std::fs::remove_dir_all(dist)?;
    }
    std::fs::create_dir_all(dist.join(PUBLIC_ASSETS_DIR))?;

    // (source path under www/, output path under dist/, times referenced)
    let mut done: Vec<(&str, String, usize)> = Vec::new();
    let mut written = Vec::new();
    for &(source, naming) in ASSETS {
        let mut bytes =
            std::fs::read(www.join(source)).with_context(|| format!("cannot read www/{source}"))?;
        if TEXT.contains(&extension(source)) {
            let text =
                String::from_utf8(bytes).with_context(|| format!("www/{source} is not UTF-8"))?;
            let mut text = if source == ELEMENT_BUNDLE {
                bundle(esbuild, www, source)?
            } else {
                minify(esbuild, source, text)?
            };
            let output_dir = naming.dir();
            for (dep_source, dep_output, uses) in &mut done {
                let old = relative(parent(source), dep_source);
                let new = relative(output_dir, dep_output);
                *uses += replace_reference(&mut text, &old, &new);
            }
            if text.contains("pkg/") {
                bail!("www/{source} still refers to pkg/ after rewriting: list what it uses in ASSETS");
            }
            bytes = text.into_bytes();
        }
        let output = match naming {
            Naming::Stable => file_name(source).to_owned(),
            Naming::Hashed | Naming::HashedPublic => {
                let digest = Sha256::digest(&bytes);
                let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
                let name = file_name(source);
                let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
                format!("{}/{stem}.{hash}.{ext}", naming.dir())
            }
        };
        let gzip = gzip(&bytes)?;
        std::fs::write(dist.join(&output), &bytes)?;
        std::fs::write(dist.join(format!("{output}.gz")), &gzip)?;
        written.push(Written {
            path: output.clone(),
            bytes: bytes.len(),
            gzip_bytes: gzip.len(),
        });
        done.push((source, output, 0));
    }
    for (source, output, uses) in &done {
        if output.starts_with(ASSETS_DIR) && *uses == 0 {
            bail!(
                "{output} (www/{source}) is referenced by nothing: a reference was not rewritten"
            );
        }
    }
    Ok(written)
}

/// JavaScript and CSS minified by esbuild (comments and white space out,
/// local names shortened; exports, strings and behaviour kept); other text
/// as it is. What a visitor downloads before the first prediction is
/// mostly this.
fn minify(esbuild: &Path, source: &str, text: String) -> Result<String> {
    let options: &[&str] = match extension(source) {
        "js" => &["--loader=js", "--format=esm", "--target=es2022"],
        "css" => &["--loader=css"],
        _ => return Ok(text),
    };
    let mut child = Command::new(esbuild)
        .args(["--minify", "--log-level=warning", "--charset=utf8"])
        .args(options)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", esbuild.display()))?;
    let mut stdin = child.stdin.take().context("esbuild has no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("writing to esbuild panicked"))??;
    if !output.status.success() {
        bail!(
            "esbuild could not minify www/{source}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("esbuild's www/{source} is not UTF-8"))
}

/// `www/{source}` and the modules it imports from its own folder, as one
/// minified module; imports that leave the folder (`../…`) are kept as
/// they are written, for [`assemble`] to rewrite.
fn bundle(esbuild: &Path, www: &Path, source: &str) -> Result<String> {
    // Run from the module's folder: esbuild then keeps `../…` as written.
    let path = www.join(source);
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        bail!("www/{source} has no folder");
    };
    let externals = imports_outside_folder(www)?;
    let output = Command::new(esbuild)
        .current_dir(folder)
        .arg(name)
        .args(externals.iter().map(|path| format!("--external:{path}")))
        .args(["--bundle", "--format=esm", "--target=es2022"])
        .args(["--minify", "--log-level=warning", "--charset=utf8"])
        .output()
        .with_context(|| format!("cannot run {}", esbuild.display()))?;
    if !output.status.success() {
        bail!(
            "esbuild could not bundle www/{source}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("esbuild's www/{source} is not UTF-8"))
}

/// Every module specifier starting `../` in the element's files but those
/// in [`BUNDLED_FROM_OUTSIDE`]: what the bundle must import rather than contain.
fn imports_outside_folder(www: &Path) -> Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    for source in ELEMENT_PARTS.iter().chain([&ELEMENT_BUNDLE]) {
        let text = std::fs::read_to_string(www.join(source))
            .with_context(|| format!("cannot read www/{source}"))?;
        for quote in ['\'', '"'] {
            for (start, _) in text.match_indices(&format!("{quote}../")) {
                let rest = &text[start + 1..];
                if let Some(end) = rest.find(quote) {
                    if !BUNDLED_FROM_OUTSIDE.contains(&&rest[..end]) {
                        found.insert(rest[..end].to_owned());
                    }
                }
            }
        }
    }
    Ok(found)
}

/// Files of `www/` that are tooling, not site: the type checker's
/// configuration (run by the lint suite).
const NOT_SHIPPED: &[&str] = &["jsconfig.json"];

/// Fails when `www/` holds a file the bundle would silently leave out
/// (`pkg/`, the wasm build's output, is listed by name).
fn check_every_file_is_listed(www: &Path) -> Result<()> {
    let listed: BTreeSet<&str> = ASSETS
        .iter()
        .map(|(s, _)| *s)
        .chain(ELEMENT_PARTS.iter().copied())
        .chain(NOT_SHIPPED.iter().copied())
        .collect();
    let mut folders = vec![www.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let name = path.strip_prefix(www)?.to_string_lossy().replace('\\', "/");
            if entry.file_type()?.is_dir() {
                if name != "pkg" {
                    folders.push(path);
                }
            } else if !listed.contains(name.as_str()) {
                bail!("www/{name} is not in the bundle: add it to ASSETS in xtask/src/build/bundle.rs");
            }
        }
    }
    Ok(())
}

/// Replaces `old` with `new` where it stands as a quoted string or a CSS
/// `url()`, so `./iris.js` does not match inside `./iris.json`. Returns the count.
fn replace_reference(text: &mut String, old: &str, new: &str) -> usize {
    let mut count = 0;
    // `./x` may also be written as a bare `x`.
    let spellings = [Some(old), old.strip_prefix("./")];
    for spelling in spellings.into_iter().flatten() {
        for (open, close) in [('\'', '\''), ('"', '"'), ('(', ')')] {
            let from = format!("{open}{spelling}{close}");
            let hits = text.matches(&from).count();
            if hits > 0 {
                *text = text.replace(&from, &format!("{open}{new}{close}"));
                count += hits;
            }
        }
    }
    count
}

/// The path of `to` (under the bundle root) as written in a file in
/// `from_dir`: `./x.js`, `./sub/x.js` or `../x.js`.
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = to.split('/').collect();
    let target_dir = &target[..target.len() - 1];
    let common = from
        .iter()
        .zip(target_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let up = from.len() - common;
    let rest = target[common..].join("/");
    if up == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(up))
    }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The last part of `path`: `assets/x.js` → `x.js`.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

fn extension(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// Writes `document` as pretty JSON to `dist/NAME` with its `.gz`: the
/// bundle's generated JSON files (`version.json`, `sbom.cdx.json`).
pub(crate) fn write_json(dist: &Path, name: &str, document: &serde_json::Value) -> Result<Written> {
    let bytes = format!("{document:#}\n").into_bytes();
    let gzip = gzip(&bytes)?;
    std::fs::write(dist.join(name), &bytes)?;
    std::fs::write(dist.join(format!("{name}.gz")), &gzip)?;
    Ok(Written {
        path: name.to_owned(),
        bytes: bytes.len(),
        gzip_bytes: gzip.len(),
    })
}

/// Gzip made by zopfli (smaller than zlib's best by a few per cent, and
/// readable by every gzip client), with no timestamp or name: same input,
/// same bytes.
pub(crate) fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(relative("", "iris.js"), "./iris.js");
        assert_eq!(
            relative("element", "generated/facts.js"),
            "../generated/facts.js"
        );
        assert_eq!(relative("element", "element/styles.js"), "./styles.js");
        assert_eq!(relative("a/b", "c.js"), "../../c.js");
        assert_eq!(relative("", "pkg/iris_wasm.js"), "./pkg/iris_wasm.js");
        assert_eq!(relative("assets", "assets/a.1.js"), "./a.1.js");
        assert_eq!(relative("assets", "widget.js"), "../widget.js");
        assert_eq!(
            relative("pkg", "pkg/iris_wasm_bg.wasm"),
            "./iris_wasm_bg.wasm"
        );
    }

    #[test]
    fn rewrites_only_whole_quoted_references() {
        let mut text =
            "import a from './iris.js'; fetch(\"./iris.json\"); url(./iris.js)".to_owned();
        let n = replace_reference(&mut text, "./iris.js", "./assets/iris.1.js");
        assert_eq!(n, 2);
        assert_eq!(
            text,
            "import a from './assets/iris.1.js'; fetch(\"./iris.json\"); url(./assets/iris.1.js)"
        );
    }

    #[test]
    fn bare_names_match_too() {
        let mut text = "new URL('iris_wasm_bg.wasm', import.meta.url)".to_owned();
        assert_eq!(
            replace_reference(&mut text, "./iris_wasm_bg.wasm", "./iris_wasm_bg.ab.wasm"),
            1
        );
        assert_eq!(text, "new URL('./iris_wasm_bg.ab.wasm', import.meta.url)");
    }

    #[test]
    fn gzip_is_deterministic() {
        let a = gzip(b"hello hello hello").unwrap_or_default();
        let b = gzip(b"hello hello hello").unwrap_or_default();
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }
}
