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
        let outputs = [
            (Target::File("www/generated/facts.js"), facts_js()),
            (Target::Region("www/iris.d.ts", "facts"), iris_types()),
            (Target::Region("www/iris.js", "names"), iris_names()),
            (
                Target::Region("www/widget.d.ts", "properties"),
                element_properties(),
            ),
            (
                Target::Region("www/widget.d.ts", "language"),
                element_language(),
            ),
            (Target::File("www/custom-elements.json"), manifest()?),
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

/// `text` with the lines between the `name` markers replaced by `body`.
fn replace_region(text: &str, name: &str, body: &str) -> Result<String> {
    let begin = format!("// generated:{name} begin");
    let end = format!("// generated:{name} end");
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

/// The languages as a TypeScript union: `'en' | 'es' | 'fr'`.
fn language_union() -> String {
    union(Language::ALL.map(Language::code))
}

/// The languages in words: `en, es or fr`.
fn language_list() -> String {
    let codes = Language::ALL.map(Language::code);
    match codes.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The languages that write a decimal comma: `es and fr`.
fn comma_languages() -> String {
    let codes: Vec<&str> = Language::ALL
        .iter()
        .filter(|l| l.decimal_mark() == ',')
        .map(|l| l.code())
        .collect();
    match codes.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The `language` region of `www/widget.d.ts`.
fn element_language() -> String {
    format!(
        "  /** The language the element speaks now (its `lang`, else the nearest `lang` around it, else the browser's). */\n  readonly language: {};\n",
        language_union()
    )
}

/// The `properties` region of `www/widget.d.ts`: one property per measurement.
fn element_properties() -> String {
    let mut out = String::new();
    for f in Feature::ALL {
        let _ = writeln!(
            out,
            "  /** The {} in {UNIT} the field holds now, or null; setting it sets `{}`. */\n  {}: number | null;",
            f.label(),
            f.attribute(),
            f.js_name()
        );
    }
    out
}

/// What `<iris-classifier>` declares besides its measurements: (attribute,
/// property, type, default, description). The browser suite checks this
/// table against the live element, so it cannot drift from the JavaScript.
const OTHER_ATTRIBUTES: [(&str, &str, &str, &str, &str); 4] = [
    (
        "theme",
        "theme",
        "'light' | 'dark' | 'auto'",
        "'auto'",
        "Colours: light, dark, or auto (follows prefers-color-scheme); unknown values read as auto.",
    ),
    (
        "compact",
        "compact",
        "boolean",
        "false",
        "No sliders, fields in a grid.",
    ),
    (
        "plot",
        "plot",
        "boolean",
        "false",
        "Show the decision map: the species the model predicts over two measurements, drawn by the explorer module (loaded when first needed); click or use the arrow keys on it to set them.",
    ),
    (
        "explain",
        "explain",
        "boolean",
        "false",
        "Show why: each measurement's share of the decision, an uncertain answer (a prediction set of more than one species) said plainly, the nearest training flowers (loaded when first needed).",
    ),
];

/// The element's events: (name, detail type, description).
const EVENTS: [(&str, &str, &str); 2] = [
    (
        "iris-prediction",
        "CustomEvent<IrisPredictionDetail>",
        "Every new prediction: inputs, species, probabilities, set, warnings. Bubbles and is composed.",
    ),
    (
        "iris-error",
        "CustomEvent<IrisErrorDetail>",
        "A rejected value (field, code, reason, message), or a module that cannot start (field null, code 'load-failed'). Bubbles and is composed.",
    ),
];

/// The element's CSS parts: (name, description).
const PARTS: [(&str, &str); 15] = [
    ("root", "The whole card."),
    ("form", "The measurement fields."),
    ("field", "One measurement: label, input, slider, error."),
    ("label", "A field's label."),
    ("input", "A field's text input."),
    ("slider", "A field's slider."),
    ("error", "Why a field's value is rejected."),
    ("result", "The answer."),
    (
        "status",
        "The live region: species and probability, or what to do.",
    ),
    ("species", "The predicted species' name."),
    (
        "set",
        "The prediction set in words: the species that cannot be ruled out at the model card's coverage (95 %).",
    ),
    ("bars", "The probability of each species."),
    ("bar", "One probability's track."),
    ("bar-fill", "One probability's filled share."),
    (
        "warnings",
        "Notes that make the prediction less certain, e.g. an extrapolation.",
    ),
];

/// The element's custom properties: (name, description).
const CSS_PROPERTIES: [(&str, &str); 11] = [
    ("--iris-font", "Font family (system-ui)."),
    ("--iris-font-size", "Font size (16px; 14px compact)."),
    ("--iris-fg", "Text colour."),
    ("--iris-bg", "Background colour."),
    ("--iris-border", "Border colour."),
    ("--iris-accent", "Accent: bars, focus rings, sliders."),
    ("--iris-track", "Bar tracks and rules."),
    ("--iris-muted", "Secondary text."),
    ("--iris-error", "Error text and invalid fields."),
    ("--iris-warning", "Warning text."),
    ("--iris-radius", "Corner radius (12px)."),
];

/// `www/custom-elements.json`: the Custom Elements Manifest (schema 2.1)
/// that editors and documentation tools read.
fn manifest() -> Result<String> {
    use serde_json::json;
    let mut attributes = Vec::new();
    let mut members = Vec::new();
    for f in Feature::ALL {
        let description = format!(
            "The {} in {UNIT} (greater than 0, at most {}); empty when absent.",
            f.label(),
            format_number(MAX_CM)
        );
        attributes.push(json!({ "name": f.attribute(), "fieldName": f.js_name(), "type": { "text": "string" }, "description": description }));
        members.push(json!({ "kind": "field", "name": f.js_name(), "type": { "text": "number | null" }, "attribute": f.attribute(), "description": format!("The {} the field holds now, or null; setting it sets the attribute.", f.label()) }));
    }
    for (attribute, property, ty, default, description) in OTHER_ATTRIBUTES {
        attributes.push(json!({ "name": attribute, "fieldName": property, "type": { "text": ty }, "default": default, "description": description }));
        members.push(json!({ "kind": "field", "name": property, "type": { "text": ty }, "default": default, "attribute": attribute, "description": description }));
    }
    // `lang` is HTMLElement's own attribute and property; the element reads it.
    attributes.push(json!({ "name": "lang", "type": { "text": "string" }, "description": format!("The language the element speaks: {}, with numbers as the language writes them (5,1 in {}). Without it, the nearest lang around the element, then the browser's languages; otherwise English.", language_list(), comma_languages()) }));
    members.push(json!({ "kind": "field", "name": "prediction", "readonly": true, "type": { "text": "IrisPredictionDetail | null" }, "description": "The current prediction, or null when the inputs are incomplete or invalid." }));
    members.push(json!({ "kind": "field", "name": "ready", "readonly": true, "type": { "text": "Promise<void> | null" }, "description": "Resolves once the classifier has started in this element; rejects with the reason when it could not. Null until the element is connected." }));
    members.push(json!({ "kind": "field", "name": "language", "readonly": true, "type": { "text": language_union() }, "description": "The language the element speaks now." }));
    members.push(json!({ "kind": "method", "name": "define", "static": true, "parameters": [{ "name": "tag", "optional": true, "type": { "text": "string" } }, { "name": "registry", "optional": true, "type": { "text": "CustomElementRegistry" } }], "return": { "type": { "text": "typeof IrisClassifierElement" } }, "description": "Registers the element (default name iris-classifier); returns the class." }));
    let declaration = json!({
        "kind": "class",
        "name": "IrisClassifierElement",
        "tagName": "iris-classifier",
        "customElement": true,
        "description": "Classifies an iris flower from four measurements, in the visitor's browser.",
        "superclass": { "name": "HTMLElement" },
        "attributes": attributes,
        "members": members,
        "events": EVENTS.map(|(name, ty, description)| json!({ "name": name, "type": { "text": ty }, "description": description })),
        "cssParts": PARTS.map(|(name, description)| json!({ "name": name, "description": description })),
        "cssProperties": CSS_PROPERTIES.map(|(name, description)| json!({ "name": name, "description": description })),
    });
    let document = json!({
        "schemaVersion": "2.1.0",
        "modules": [
            {
                "kind": "javascript-module",
                "path": "widget.js",
                "declarations": [declaration],
                "exports": [
                    { "kind": "js", "name": "IrisClassifierElement", "declaration": { "name": "IrisClassifierElement", "module": "widget.js" } },
                    { "kind": "custom-element-definition", "name": "iris-classifier", "declaration": { "name": "IrisClassifierElement", "module": "widget.js" } }
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
