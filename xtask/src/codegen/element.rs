//! The element's public API, read from its one declaration: the JSDoc block
//! on the class in `www/element/iris-classifier-element.js` (its tags are
//! described at the top of that file) and the `@typedef`s before it. The
//! four measurement attributes and properties are added from `iris-core`.

use anyhow::{bail, Context, Result};
use iris_core::{format_number, Feature, Language, MAX_CM, UNIT};

/// The file the declaration lives in, under the project root.
pub const SOURCE: &str = "www/element/iris-classifier-element.js";

/// A property of the element (`@prop`, or one per measurement).
pub struct Property {
    pub name: String,
    pub ty: String,
    pub default: Option<String>,
    /// The attribute it reflects, if any.
    pub attribute: Option<String>,
    pub readonly: bool,
    pub description: String,
}

/// An attribute the element observes (each reflected property's, and `@attr`s).
pub struct Attribute {
    pub name: String,
    pub ty: String,
    pub default: Option<String>,
    /// The property that reflects it, if any.
    pub property: Option<String>,
    pub description: String,
}

/// A method: `static define(tag?: string): T`.
pub struct Method {
    pub name: String,
    pub is_static: bool,
    /// `(name, optional, type)` for each parameter.
    pub parameters: Vec<(String, bool, String)>,
    pub returns: String,
    pub description: String,
}

/// A name, a type (or none) and a description: events, parts, custom
/// properties, slots and typedef fields.
pub struct Named {
    pub name: String,
    pub ty: String,
    pub description: String,
}

/// An object type the API names (`@typedef {object}`).
pub struct Interface {
    pub name: String,
    pub description: String,
    pub fields: Vec<Named>,
}

/// Everything the element promises to other people's code.
pub struct ElementApi {
    pub tag: String,
    pub class: String,
    pub description: String,
    /// Types it takes from `iris.js` (`@typedef {import('../iris.js').X} X`).
    pub imports: Vec<String>,
    pub interfaces: Vec<Interface>,
    pub attributes: Vec<Attribute>,
    pub properties: Vec<Property>,
    pub methods: Vec<Method>,
    pub events: Vec<Named>,
    pub parts: Vec<Named>,
    pub css_properties: Vec<Named>,
    pub slots: Vec<Named>,
}

/// The languages as a TypeScript union: `'en' | 'es' | 'fr'`.
pub fn language_union() -> String {
    Language::ALL.map(|l| format!("'{}'", l.code())).join(" | ")
}

/// `a, b or c` / `a and b`.
fn listed(items: &[&str], last_word: &str) -> String {
    match items.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {last_word} {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The declaration's text with crate/core's facts filled in.
fn fill(text: &str) -> String {
    let codes = Language::ALL.map(Language::code);
    let comma: Vec<&str> = Language::ALL
        .iter()
        .filter(|l| l.decimal_mark() == ',')
        .map(|l| l.code())
        .collect();
    let coverage = format!(
        "{} %",
        format_number(iris_core::training::conformal::COVERAGE * 100.0)
    );
    text.replace("{LANGUAGE}", &language_union())
        .replace("{LANGUAGES}", &listed(&codes, "or"))
        .replace("{COMMA_LANGUAGES}", &listed(&comma, "and"))
        .replace("{COVERAGE}", &coverage)
}

/// The JSDoc blocks of `source`, each as its lines without the ` * ` margin.
fn blocks(source: &str) -> Vec<(Vec<String>, usize)> {
    let mut out = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("/**") {
        let Some(len) = rest[start..].find("*/") else {
            break;
        };
        let body = &rest[start + 3..start + len];
        let lines = body
            .lines()
            .map(|l| {
                let l = l.trim();
                l.strip_prefix('*').unwrap_or(l).trim().to_owned()
            })
            .collect();
        out.push((lines, offset + start + len + 2));
        offset += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    out
}

/// A block's description (the text before its first tag) and its tags,
/// continuation lines joined: `("prop", "{boolean} plot … - …")`.
fn tags(lines: &[String]) -> (String, Vec<(String, String)>) {
    let mut description = Vec::new();
    let mut tags: Vec<(String, String)> = Vec::new();
    for line in lines {
        if let Some(tag) = line.strip_prefix('@') {
            let (name, rest) = tag.split_once(' ').unwrap_or((tag, ""));
            tags.push((name.to_owned(), rest.trim().to_owned()));
        } else if let Some((_, text)) = tags.last_mut() {
            if !line.is_empty() {
                text.push(' ');
                text.push_str(line);
            }
        } else if !line.is_empty() {
            description.push(line.as_str());
        }
    }
    (description.join(" "), tags)
}

/// `{type} rest` → (type, rest), braces balanced.
fn typed(text: &str) -> Result<(String, &str)> {
    let Some(body) = text.strip_prefix('{') else {
        bail!("expected {{type}} in '{text}'");
    };
    let mut depth = 1;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok((body[..i].trim().to_owned(), body[i + 1..].trim()));
                }
            }
            _ => {}
        }
    }
    bail!("unbalanced braces in '{text}'")
}

/// `head - description` → (head, description).
fn described(text: &str) -> Result<(&str, String)> {
    let Some((head, description)) = text.split_once(" - ") else {
        bail!("expected 'NAME - description' in '{text}'");
    };
    Ok((head.trim(), description.trim().to_owned()))
}

/// The camelCase of an attribute name: `bar-fill` → `barFill`.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads the declaration from the element's source text.
pub fn parse(source: &str) -> Result<ElementApi> {
    let source = fill(source);
    let mut api = ElementApi {
        tag: String::new(),
        class: String::new(),
        description: String::new(),
        imports: Vec::new(),
        interfaces: Vec::new(),
        attributes: Vec::new(),
        properties: Vec::new(),
        methods: Vec::new(),
        events: Vec::new(),
        parts: Vec::new(),
        css_properties: Vec::new(),
        slots: Vec::new(),
    };
    for f in Feature::ALL {
        api.attributes.push(Attribute {
            name: f.attribute().to_owned(),
            ty: "string".to_owned(),
            default: None,
            property: Some(f.js_name().to_owned()),
            description: format!(
                "The {} in {UNIT} (greater than 0, at most {}); empty when absent.",
                f.label(),
                format_number(MAX_CM)
            ),
        });
        api.properties.push(Property {
            name: f.js_name().to_owned(),
            ty: "number | null".to_owned(),
            default: None,
            attribute: Some(f.attribute().to_owned()),
            readonly: false,
            description: format!(
                "The {} in {UNIT} the field holds now, or null; setting it sets `{}`.",
                f.label(),
                f.attribute()
            ),
        });
    }
    for (lines, end) in blocks(&source) {
        let (description, tags) = tags(&lines);
        if let Some((_, text)) = tags.iter().find(|(t, _)| t == "typedef") {
            let (ty, name) = typed(text)?;
            let name = name.split_whitespace().next().unwrap_or("").to_owned();
            if ty.starts_with("import(") {
                api.imports.push(name);
                continue;
            }
            let mut fields = Vec::new();
            for (tag, text) in &tags {
                if tag == "property" {
                    let (ty, rest) = typed(text)?;
                    let (name, description) = described(rest)?;
                    fields.push(Named {
                        name: name.to_owned(),
                        ty,
                        description,
                    });
                }
            }
            api.interfaces.push(Interface {
                name,
                description,
                fields,
            });
            continue;
        }
        if !tags.iter().any(|(t, _)| t == "tag") {
            continue;
        }
        let after = &source[end..];
        let class = after
            .trim_start()
            .strip_prefix("export class ")
            .and_then(|rest| rest.split_whitespace().next())
            .context("the @tag block must stand right before `export class`")?;
        api.class = class.to_owned();
        api.description = description;
        for (tag, text) in tags {
            match tag.as_str() {
                "tag" => api.tag = text,
                "prop" => api.properties.push(property(&text)?),
                "attr" => {
                    let (ty, rest) = typed(&text)?;
                    let (name, description) = described(rest)?;
                    api.attributes.push(Attribute {
                        name: name.to_owned(),
                        ty,
                        default: None,
                        property: None,
                        description,
                    });
                }
                "method" => api.methods.push(method(&text)?),
                "fires" => {
                    let (ty, rest) = typed(&text)?;
                    let (name, description) = described(rest)?;
                    api.events.push(Named {
                        name: name.to_owned(),
                        ty,
                        description,
                    });
                }
                "csspart" | "cssprop" | "slot" => {
                    let (name, description) = described(&text)?;
                    let named = Named {
                        name: name.to_owned(),
                        ty: String::new(),
                        description,
                    };
                    match tag.as_str() {
                        "csspart" => api.parts.push(named),
                        "cssprop" => api.css_properties.push(named),
                        _ => api.slots.push(named),
                    }
                }
                other => bail!("{SOURCE}: unknown tag @{other}"),
            }
        }
    }
    if api.tag.is_empty() {
        bail!("{SOURCE}: no JSDoc block with @tag before the class");
    }
    // Each reflected property's attribute, in declaration order.
    let reflected: Vec<Attribute> = api
        .properties
        .iter()
        .skip(Feature::ALL.len())
        .filter_map(|p| {
            p.attribute.as_ref().map(|a| Attribute {
                name: a.clone(),
                ty: p.ty.clone(),
                default: p.default.clone(),
                property: Some(p.name.clone()),
                description: p.description.clone(),
            })
        })
        .collect();
    let at = Feature::ALL.len();
    api.attributes.splice(at..at, reflected);
    Ok(api)
}

/// `{type} [readonly] name[=default] [(attribute)] - description`.
fn property(text: &str) -> Result<Property> {
    let (ty, rest) = typed(text)?;
    let (head, description) = described(rest)?;
    let mut words: Vec<&str> = head.split_whitespace().collect();
    let readonly = words.first() == Some(&"readonly");
    if readonly {
        words.remove(0);
    }
    let attribute = match words.last() {
        Some(w) if w.starts_with('(') && w.ends_with(')') => {
            let a = w[1..w.len() - 1].to_owned();
            words.pop();
            Some(a)
        }
        _ => None,
    };
    let [spec] = words.as_slice() else {
        bail!("@prop: expected one name in '{head}'");
    };
    let (name, default) = match spec.split_once('=') {
        Some((n, d)) => (n.to_owned(), Some(d.to_owned())),
        None => ((*spec).to_owned(), None),
    };
    if let Some(a) = &attribute {
        if camel(a) != name {
            bail!("@prop {name}: its attribute must be its name in kebab-case, not '{a}'");
        }
    }
    Ok(Property {
        name,
        ty,
        default,
        attribute,
        readonly,
        description,
    })
}

/// `[static] name(a?: T, b: U): R - description`.
fn method(text: &str) -> Result<Method> {
    let (head, description) = described(text)?;
    let (is_static, head) = match head.strip_prefix("static ") {
        Some(rest) => (true, rest),
        None => (false, head),
    };
    let (Some(open), Some(close)) = (head.find('('), head.rfind("):")) else {
        bail!("@method: expected 'name(params): type' in '{head}'");
    };
    let parameters = head[open + 1..close]
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, ty) = p.split_once(':').unwrap_or((p, "unknown"));
            let optional = name.ends_with('?');
            (
                name.trim_end_matches('?').trim().to_owned(),
                optional,
                ty.trim().to_owned(),
            )
        })
        .collect();
    Ok(Method {
        name: head[..open].trim().to_owned(),
        is_static,
        parameters,
        returns: head[close + 2..].trim().to_owned(),
        description,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_tag() {
        let source = "/**\n * @typedef {import('../iris.js').Species} Species\n */\n\
            /**\n * A detail.\n * @typedef {object} D\n * @property {Species} species - The species.\n */\n\
            /**\n * An element.\n *\n * @tag x-y\n * @prop {boolean} big=false (big) - Large,\n *   very.\n\
             * @prop {D | null} readonly last - The last.\n * @attr {string} lang - {LANGUAGES}.\n\
             * @method static define(tag?: string): typeof X - Registers.\n * @fires {D} x-done - Done.\n\
             * @csspart root - The root.\n * @cssprop --x-fg - Text.\n */\nexport class X extends HTMLElement {}\n";
        let api = parse(source).expect("parses");
        assert_eq!((api.tag.as_str(), api.class.as_str()), ("x-y", "X"));
        assert_eq!(api.imports, ["Species"]);
        assert_eq!(api.interfaces[0].fields[0].ty, "Species");
        let big = &api.properties[Feature::ALL.len()];
        assert_eq!(
            (
                big.name.as_str(),
                big.default.as_deref(),
                big.description.as_str()
            ),
            ("big", Some("false"), "Large, very.")
        );
        assert!(api.properties.last().is_some_and(|p| p.readonly));
        let names: Vec<&str> = api.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(&names[Feature::ALL.len()..], ["big", "lang"]);
        assert_eq!(
            api.attributes.last().map(|a| a.description.as_str()),
            Some("en, es or fr.")
        );
        assert_eq!(
            api.methods[0].parameters,
            [("tag".to_owned(), true, "string".to_owned())]
        );
        assert_eq!(api.events[0].name, "x-done");
        assert_eq!(api.parts[0].name, "root");
        assert_eq!(api.css_properties[0].name, "--x-fg");
        assert!(
            parse("/** @tag x */\nconst a = 1;").is_err(),
            "no class after @tag"
        );
        assert!(parse("/** @tag x\n * @prop {boolean} a (b) - x */\nexport class A {}").is_err());
    }
}
