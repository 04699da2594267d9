//! `cargo xtask codegen`: files generated from the Rust sources, so the
//! JavaScript side never restates a fact `iris-core` holds (the measurements,
//! their names and limits, the species, the error codes).
//!
//! Whole files are generated under `www/generated/`; in hand-written files
//! (the typings) only the lines between `// generated:NAME begin` and
//! `// generated:NAME end` are. `--check` (run by the lint suite) fails
//! when a checked-in file differs from what this writes.

use std::fmt::Write as _;

use anyhow::{bail, Context, Result};
use iris_core::{format_number, ErrorKind, Feature, Language, Species, MAX_CM, STEP_CM, UNIT};
use xshell::Shell;

use crate::flags;
use crate::project_root;

mod element;

use element::ElementApi;

/// A generated file, or a generated region of a hand-written one.
enum Target {
    /// The whole file.
    File(&'static str),
    /// The lines between the markers of this region name.
    Region(&'static str, &'static str),
}

impl flags::Codegen {
    /// Writes every generated file, or with `--check` reports stale ones.
    pub fn run(self, _sh: &Shell) -> Result<()> {
        let api = element::parse(&read(element::SOURCE)?)?;
        let outputs = [
            (Target::File("www/generated/facts.js"), facts_js()),
            (Target::Region("www/iris.d.ts", "facts"), iris_types()),
            (Target::Region("www/iris.js", "names"), iris_names()),
            (Target::File("www/widget.d.ts"), widget_types(&api)),
            (Target::File("www/react.d.ts"), react_types(&api)),
            (Target::File("www/vue.d.ts"), vue_types(&api)),
            (Target::File("www/custom-elements.json"), manifest(&api)?),
            (
                Target::Region("docs/embedding.md", "element"),
                docs_tables(&api),
            ),
        ];
        let mut stale = Vec::new();
        for (target, generated) in outputs {
            let (path, wanted) = match target {
                Target::File(path) => (path, generated),
                Target::Region(path, name) => {
                    let current = read(path)?;
                    (
                        path,
                        replace_region(&current, name, &generated)
                            .with_context(|| format!("in {path}"))?,
                    )
                }
            };
            let file = project_root().join(path);
            if std::fs::read_to_string(&file).ok().as_deref() == Some(wanted.as_str()) {
                continue;
            }
            if self.check {
                stale.push(path);
            } else {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&file, wanted)?;
                eprintln!("codegen: wrote {path}");
            }
        }
        if !stale.is_empty() {
            bail!(
                "generated files are out of date: {}; run `cargo xtask codegen` and commit them",
                stale.join(", ")
            );
        }
        Ok(())
    }
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(project_root().join(path))
        .with_context(|| format!("cannot read {path}"))
}

/// `text` with the lines between the `name` markers replaced by `body`
/// (`// generated:NAME begin` in code, `<!-- generated:NAME begin -->` in Markdown).
fn replace_region(text: &str, name: &str, body: &str) -> Result<String> {
    let (begin, end) = if text.contains(&format!("<!-- generated:{name} begin")) {
        (
            format!("<!-- generated:{name} begin"),
            format!("<!-- generated:{name} end"),
        )
    } else {
        (
            format!("// generated:{name} begin"),
            format!("// generated:{name} end"),
        )
    };
    let (Some(start), Some(stop)) = (text.find(&begin), text.find(&end)) else {
        bail!("no '{begin}' … '{end}' markers");
    };
    let after_begin = start + text[start..].find('\n').map_or(begin.len(), |i| i + 1);
    if stop < after_begin {
        bail!("'{end}' comes before '{begin}'");
    }
    Ok(format!("{}{body}{}", &text[..after_begin], &text[stop..]))
}

fn js_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `www/generated/facts.js`: the measurements, species and limits.
fn facts_js() -> String {
    let fields = Feature::ALL.map(|f| {
        frozen_object(&[
            ("name", js_string(f.js_name())),
            ("attribute", js_string(f.attribute())),
            ("column", js_string(f.column())),
            ("label", js_string(f.label())),
            ("sliderMax", format_number(f.slider_max())),
        ])
    });
    let species = Species::ALL.map(|s| {
        frozen_object(&[
            ("name", js_string(s.name())),
            ("label", js_string(s.label())),
        ])
    });
    let languages = Language::ALL.map(|l| {
        frozen_object(&[
            ("code", js_string(l.code())),
            ("name", js_string(l.name())),
            ("decimal", js_string(&l.decimal_mark().to_string())),
        ])
    });
    let reasons: Vec<(&str, String)> = ErrorKind::ALL
        .iter()
        .map(|kind| (kind.code(), js_string(&kind.reason())))
        .collect();
    let exports = [
        (
            "The four measurements, in the order the model takes them.",
            "FIELDS",
            frozen_array(&fields),
        ),
        ("The unit of every measurement.", "UNIT", js_string(UNIT)),
        (
            "Every measurement must be greater than 0 and at most MAX_CM.",
            "MAX_CM",
            format_number(MAX_CM),
        ),
        (
            "The precision the data was measured to: the step of fields and sliders.",
            "STEP_CM",
            format_number(STEP_CM),
        ),
        (
            "The three species, in class-index order.",
            "SPECIES",
            frozen_array(&species),
        ),
        (
            "The share of flowers whose prediction set holds their species (training's conformal coverage).",
            "COVERAGE",
            format_number(iris_core::training::conformal::COVERAGE),
        ),
        (
            "The languages the product speaks (English, the fallback, first): code, own name, decimal mark.",
            "LANGUAGES",
            frozen_array(&languages),
        ),
        (
            "What is wrong with a rejected measurement, in English, by error code.",
            "REASONS",
            frozen_object(&reasons),
        ),
    ];
    let mut out = String::from(
        "// Generated by `cargo xtask codegen` from crate/core (Feature, Species, Language,\n\
         // the limits in measurements.rs, the coverage in training/conformal.rs). Do not edit:\n\
         // change the Rust source and run it again.\n",
    );
    for (doc, name, value) in exports {
        let _ = write!(out, "\n/** {doc} */\nexport const {name} = {value};\n");
    }
    out
}

/// The names `iris.js` reads answers by, written into it (no import of
/// `facts.js` on the `iris.js` path).
fn iris_names() -> String {
    let list = |names: Vec<&str>| {
        names
            .into_iter()
            .map(js_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "const SPECIES = [{}];\nconst [f0, f1, f2, f3] = [{}];\n",
        list(Species::ALL.map(Species::name).to_vec()),
        list(Feature::ALL.map(Feature::js_name).to_vec()),
    )
}

/// `Object.freeze({ key: value, … })` of written JS values; keys that are
/// not identifiers are quoted.
fn frozen_object(entries: &[(&str, String)]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|(key, value)| {
            let plain = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            let key = if plain {
                (*key).to_owned()
            } else {
                js_string(key)
            };
            format!("{key}: {value}")
        })
        .collect();
    format!("Object.freeze({{ {} }})", entries.join(", "))
}

/// `Object.freeze([ … ])`, one written JS value a line.
fn frozen_array(items: &[String]) -> String {
    let lines: String = items.iter().map(|item| format!("  {item},\n")).collect();
    format!("Object.freeze([\n{lines}])")
}

fn union(items: impl IntoIterator<Item = &'static str>) -> String {
    items
        .into_iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The `facts` region of `www/iris.d.ts`.
fn iris_types() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/** The three species, in class-index order. */\nexport type Species = {};\n",
        union(Species::ALL.map(Species::name))
    );
    let _ = writeln!(
        out,
        "/** Property names of the four measurements. */\nexport type Field = {};\n",
        union(Feature::ALL.map(Feature::js_name))
    );
    let _ = writeln!(
        out,
        "/** Four measurements of one flower, in {UNIT} (each > 0 and <= {}). */\nexport interface Measurements {{",
        format_number(MAX_CM)
    );
    for f in Feature::ALL {
        let _ = writeln!(out, "  {}: number;", f.js_name());
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/** Why a measurement was rejected. */\nexport type MeasurementErrorCode = {};",
        union(ErrorKind::ALL.map(ErrorKind::code))
    );
    out
}

/// The header of a whole generated typings file.
fn typings_header(what: &str) -> String {
    format!(
        "// {what}\n// Generated by `cargo xtask codegen` from the declaration on the class in\n// {} (and crate/core's facts). Do not edit.\n",
        element::SOURCE
    )
}

/// A `/** … */` line at `indent`.
fn doc(indent: &str, text: &str) -> String {
    format!("{indent}/** {} */\n", text.replace("*/", "*\\/"))
}

/// `www/widget.d.ts`: the element's class, its events' details and the
/// global tag and event maps.
fn widget_types(api: &ElementApi) -> String {
    let mut out = typings_header(
        "Types for widget.js and the package's `./element`: the <iris-classifier> element.",
    );
    let _ = writeln!(
        out,
        "\nimport type {{ {} }} from './iris.js';\n",
        api.imports.join(", ")
    );
    for i in &api.interfaces {
        out.push_str(&doc("", &i.description));
        let _ = writeln!(out, "export interface {} {{", i.name);
        for f in &i.fields {
            out.push_str(&doc("  ", &f.description));
            let _ = writeln!(out, "  {}: {};", f.name, f.ty);
        }
        out.push_str("}\n\n");
    }
    out.push_str(&doc("", &api.description));
    let _ = writeln!(out, "export class {} extends HTMLElement {{", api.class);
    out.push_str(&doc("  ", "It takes part in a host `<form>`."));
    out.push_str("  static readonly formAssociated: true;\n");
    out.push_str(&doc("  ", "The attributes it observes."));
    out.push_str("  static readonly observedAttributes: string[];\n");
    for p in &api.properties {
        out.push_str(&doc("  ", &p.description));
        let readonly = if p.readonly { "readonly " } else { "" };
        let _ = writeln!(out, "  {readonly}{}: {};", p.name, p.ty);
    }
    for m in &api.methods {
        out.push_str(&doc("  ", &m.description));
        let params: Vec<String> = m
            .parameters
            .iter()
            .map(|(n, optional, ty)| format!("{n}{}: {ty}", if *optional { "?" } else { "" }))
            .collect();
        let _ = writeln!(
            out,
            "  {}{}({}): {};",
            if m.is_static { "static " } else { "" },
            m.name,
            params.join(", "),
            m.returns
        );
    }
    out.push_str("}\n\ndeclare global {\n  interface HTMLElementTagNameMap {\n");
    let _ = writeln!(out, "    '{}': {};\n  }}", api.tag, api.class);
    out.push_str("  interface HTMLElementEventMap {\n");
    for e in &api.events {
        let _ = writeln!(out, "    '{}': CustomEvent<{}>;", e.name, e.ty);
    }
    out.push_str("  }\n}\n");
    out
}

/// What a framework's template may set on the element: each attribute (as
/// written in markup) and each writable property, all optional.
fn settable(api: &ElementApi) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for a in &api.attributes {
        if a.name == "lang" {
            continue; // HTML's own, typed by every framework already
        }
        // A measurement's attribute takes a number as well as its text.
        let ty = if a.ty == "string" && a.property.is_some() {
            "string | number".to_owned()
        } else {
            a.ty.replace(" | null", "")
        };
        out.push((format!("'{}'", a.name), ty, a.description.clone()));
    }
    for p in api.properties.iter().filter(|p| !p.readonly) {
        if p.attribute.as_deref() == Some(p.name.as_str()) {
            continue; // the same name as its attribute: listed once
        }
        out.push((p.name.clone(), p.ty.clone(), p.description.clone()));
    }
    out
}

/// `www/react.d.ts`: `<iris-classifier>` in React 19's JSX (attributes,
/// properties, `oniris-prediction` and `oniris-error`).
fn react_types(api: &ElementApi) -> String {
    let mut out =
        typings_header("React 19 JSX types for <iris-classifier> (the package's `./react`).");
    let _ = writeln!(
        out,
        "\nimport type {{ DetailedHTMLProps, HTMLAttributes }} from 'react';\nimport type {{ {}, {} }} from './widget.js';\n",
        api.class,
        api.interfaces.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    out.push_str(&doc("", "What JSX accepts on the element: React 19 sets properties it has and listens to `on` + the exact event name."));
    let _ = writeln!(
        out,
        "export interface IrisClassifierJSXProps extends DetailedHTMLProps<HTMLAttributes<{0}>, {0}> {{",
        api.class
    );
    for (name, ty, description) in settable(api) {
        out.push_str(&doc("  ", &description));
        let _ = writeln!(out, "  {name}?: {ty};");
    }
    for e in &api.events {
        out.push_str(&doc("  ", &e.description));
        let _ = writeln!(
            out,
            "  'on{}'?: (event: CustomEvent<{}>) => void;",
            e.name, e.ty
        );
    }
    out.push_str(
        "}\n\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n",
    );
    let _ = writeln!(out, "      '{}': IrisClassifierJSXProps;", api.tag);
    out.push_str("    }\n  }\n}\n");
    out
}

/// `www/vue.d.ts`: `<iris-classifier>` in Vue 3's templates (vue-tsc reads
/// `GlobalComponents`; `@iris-prediction` is checked as `onIrisPrediction`).
fn vue_types(api: &ElementApi) -> String {
    let mut out =
        typings_header("Vue 3 template types for <iris-classifier> (the package's `./vue`).");
    let _ = writeln!(
        out,
        "\nimport type {{ DefineComponent }} from 'vue';\nimport type {{ {} }} from './widget.js';\n",
        api.interfaces.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    out.push_str(&doc(
        "",
        "What a Vue template may set on the element, and its events.",
    ));
    out.push_str("export interface IrisClassifierVueProps {\n");
    for (name, ty, description) in vue_settable(api) {
        out.push_str(&doc("  ", &description));
        let _ = writeln!(out, "  {name}?: {ty};");
    }
    for e in &api.events {
        out.push_str(&doc("  ", &e.description));
        let _ = writeln!(
            out,
            "  on{}?: (event: CustomEvent<{}>) => void;",
            pascal(&e.name),
            e.ty
        );
    }
    out.push_str("}\n\ndeclare module 'vue' {\n  interface GlobalComponents {\n");
    let _ = writeln!(
        out,
        "    '{}': DefineComponent<IrisClassifierVueProps>;",
        api.tag
    );
    out.push_str("  }\n}\n\nexport {};\n");
    out
}

/// [`settable`] as Vue's templates see it: Vue reads `sepal-length` as
/// the prop `sepalLength`, so an attribute whose camelCase name is a
/// property's is one entry, the property's, taking either's values.
fn vue_settable(api: &ElementApi) -> Vec<(String, String, String)> {
    let all = settable(api);
    let camel = |quoted: &str| element::camel(quoted.trim_matches('\''));
    let mut out: Vec<(String, String, String)> = Vec::new();
    for (name, ty, description) in &all {
        let is_attribute = name.starts_with('\'');
        if is_attribute && all.iter().any(|(other, _, _)| *other == camel(name)) {
            continue; // folded into the property below
        }
        let mut ty = ty.clone();
        if !is_attribute {
            if let Some((_, attribute_ty, _)) = all
                .iter()
                .find(|(other, _, _)| other.starts_with('\'') && camel(other) == *name)
            {
                ty = format!("{attribute_ty} | null");
            }
        }
        out.push((name.clone(), ty, description.clone()));
    }
    out
}

/// `iris-prediction` → `IrisPrediction`.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// A Markdown table cell: pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `docs/embedding.md`'s tables of the element's API.
fn docs_tables(api: &ElementApi) -> String {
    let mut out = String::from(
        "| attribute | property | type | default | what |\n| --- | --- | --- | --- | --- |\n",
    );
    for a in &api.attributes {
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {} | {} |",
            a.name,
            a.property
                .as_ref()
                .map_or(String::new(), |p| format!("`{p}`")),
            cell(&a.ty),
            a.default
                .as_ref()
                .map_or("absent".to_owned(), |d| format!("`{d}`")),
            cell(&a.description)
        );
    }
    for p in api.properties.iter().filter(|p| p.attribute.is_none()) {
        let _ = writeln!(
            out,
            "| | `{}`{} | `{}` | | {} |",
            p.name,
            if p.readonly { " (read-only)" } else { "" },
            cell(&p.ty),
            cell(&p.description)
        );
    }
    out.push_str("\n| method | what |\n| --- | --- |\n");
    for m in &api.methods {
        let params: Vec<&str> = m.parameters.iter().map(|(n, _, _)| n.as_str()).collect();
        let _ = writeln!(
            out,
            "| `{}{}({})` | {} |",
            if m.is_static { "static " } else { "" },
            m.name,
            params.join(", "),
            cell(&m.description)
        );
    }
    out.push_str("\n| event | `event.detail` | when |\n| --- | --- | --- |\n");
    for e in &api.events {
        let fields = api
            .interfaces
            .iter()
            .find(|i| i.name == e.ty)
            .map(|i| {
                i.fields
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{}` | {{ {} }} | {} |",
            e.name,
            fields,
            cell(&e.description)
        );
    }
    out.push_str("\n| part (`iris-classifier::part(…)`) | what |\n| --- | --- |\n");
    for p in &api.parts {
        let _ = writeln!(out, "| `{}` | {} |", p.name, cell(&p.description));
    }
    out.push_str("\n| custom property | what |\n| --- | --- |\n");
    for p in &api.css_properties {
        let _ = writeln!(out, "| `{}` | {} |", p.name, cell(&p.description));
    }
    if !api.slots.is_empty() {
        out.push_str("\n| slot | what |\n| --- | --- |\n");
        for s in &api.slots {
            let _ = writeln!(out, "| `{}` | {} |", s.name, cell(&s.description));
        }
    }
    out
}

/// `www/custom-elements.json`: the Custom Elements Manifest (schema 2.1)
/// that editors and documentation tools read.
fn manifest(api: &ElementApi) -> Result<String> {
    use serde_json::{json, Map, Value};
    let with_default = |mut v: Value, default: &Option<String>| {
        if let (Some(d), Some(o)) = (default, v.as_object_mut()) {
            o.insert("default".into(), json!(d));
        }
        v
    };
    let attributes: Vec<Value> = api
        .attributes
        .iter()
        .map(|a| {
            let mut v =
                json!({ "name": a.name, "type": { "text": a.ty }, "description": a.description });
            if let (Some(p), Some(o)) = (&a.property, v.as_object_mut()) {
                o.insert("fieldName".into(), json!(p));
            }
            with_default(v, &a.default)
        })
        .collect();
    let mut members: Vec<Value> = api
        .properties
        .iter()
        .map(|p| {
            let mut o = Map::new();
            o.insert("kind".into(), json!("field"));
            o.insert("name".into(), json!(p.name));
            if p.readonly {
                o.insert("readonly".into(), json!(true));
            }
            o.insert("type".into(), json!({ "text": p.ty }));
            if let Some(a) = &p.attribute {
                o.insert("attribute".into(), json!(a));
            }
            o.insert("description".into(), json!(p.description));
            with_default(Value::Object(o), &p.default)
        })
        .collect();
    for m in &api.methods {
        let mut o = Map::new();
        o.insert("kind".into(), json!("method"));
        o.insert("name".into(), json!(m.name));
        if m.is_static {
            o.insert("static".into(), json!(true));
        }
        let parameters: Vec<Value> = m
            .parameters
            .iter()
            .map(|(n, optional, ty)| {
                let mut p = json!({ "name": n, "type": { "text": ty } });
                if *optional {
                    p["optional"] = json!(true);
                }
                p
            })
            .collect();
        o.insert("parameters".into(), json!(parameters));
        o.insert("return".into(), json!({ "type": { "text": m.returns } }));
        o.insert("description".into(), json!(m.description));
        members.push(Value::Object(o));
    }
    let named = |items: &[element::Named]| -> Vec<Value> {
        items
            .iter()
            .map(|n| json!({ "name": n.name, "description": n.description }))
            .collect()
    };
    let declaration = json!({
        "kind": "class",
        "name": api.class,
        "tagName": api.tag,
        "customElement": true,
        "description": api.description,
        "superclass": { "name": "HTMLElement" },
        "attributes": attributes,
        "members": members,
        "events": api.events.iter().map(|e| json!({ "name": e.name, "type": { "text": format!("CustomEvent<{}>", e.ty) }, "description": e.description })).collect::<Vec<_>>(),
        "cssParts": named(&api.parts),
        "cssProperties": named(&api.css_properties),
        "slots": named(&api.slots),
    });
    let document = json!({
        "schemaVersion": "2.1.0",
        "modules": [
            {
                "kind": "javascript-module",
                "path": "widget.js",
                "declarations": [declaration],
                "exports": [
                    { "kind": "js", "name": api.class, "declaration": { "name": api.class, "module": "widget.js" } },
                    { "kind": "custom-element-definition", "name": api.tag, "declaration": { "name": api.class, "module": "widget.js" } }
                ]
            }
        ]
    });
    Ok(format!("{}\n", serde_json::to_string_pretty(&document)?))
}

#[cfg(test)]
mod tests {
    use super::replace_region;

    #[test]
    fn replaces_only_the_region() {
        let text = "a\n// generated:x begin\nold\n// generated:x end\nb\n";
        assert_eq!(
            replace_region(text, "x", "new\n").ok().as_deref(),
            Some("a\n// generated:x begin\nnew\n// generated:x end\nb\n")
        );
        assert!(replace_region(text, "y", "").is_err());
    }

    #[test]
    fn checked_in_files_are_current() {
        // The lint suite runs `codegen --check` too; this makes `cargo test` say so first.
        let sh = xshell::Shell::new().expect("shell");
        let check = crate::flags::Codegen { check: true };
        if let Err(e) = check.run(&sh) {
            panic!("{e:#}");
        }
    }
}
