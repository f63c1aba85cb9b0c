//! The data of an Argdown statement: a node's attributes and the written weights of its
//! relations, as the YAML flow mapping in braces that ends the statement's line
//! (`{source: ["https://…"], credence: 0.8}`), which Argdown reads as the statement's
//! `data` and `crux import argdown` as the attributes they were.
//!
//! **Keys**, in this order, each only when the node has it: `by`, `credence`,
//! `status`, `standard` (a value, or a list when written more than once); `source`,
//! `artifact`, `expect` (always a list; an artifact is a mapping `{path, sha256, title,
//! kind}` of what is written); `note`; `allow` (the rules of a `# crux: allow(...)`
//! comment); `undercuts` (the inferences the node undercuts, `"a -> t"`: Argdown writes
//! each undercut as an attack on `a`); `weights` (the weight written on each outgoing
//! relation that has one, keyed by the relation as crux writes it: `"supports t"`,
//! `"undercuts a -> t"`); `text` (the statement exactly, when the one line of Argdown
//! does not read as the same text as the maps show it: paragraphs, lines of Chinese or
//! Japanese, control characters, or no text).
//! Tags are Argdown tags, not data.
//!
//! **Values** are YAML that Argdown (js-yaml) and crux (serde-saphyr) read alike:
//! numbers as Rust prints them (never with an exponent), every string as a JSON string
//! (a YAML double-quoted string) in which `{` and `}` are written `\u007B` and `\u007D`
//! (Argdown ends its data at a brace), the characters YAML takes only escaped (DEL, C1
//! controls, U+FEFF, U+FFFE, U+FFFF) and the line and paragraph separators (U+2028,
//! U+2029, which end Argdown's data as a line break would: text pasted from a PDF has
//! them) as `\uXXXX`. Comment markers (`//`, `/*`,
//! `<!--`) are written as they are: in a quoted data string both read them as text.
//!
//! Phase: render. Takes the render model and [`Written`] only.

use std::fmt::Write as _;

use serde_json::Value;

use crate::render::aif::Written;
use crate::render::model::{NodeView, Relation, RenderModel};

/// The data of `node`, `{...}`, or `None` when it has nothing to write.
pub fn data(model: &RenderModel, node: &NodeView, written: &Written) -> Option<String> {
    let mut entries: Vec<(&str, String)> = Vec::new();
    let attributes = written
        .attributes
        .get(&node.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let values = |name: &str| -> Vec<String> {
        attributes
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| value(v))
            .collect()
    };
    for name in ["by", "credence", "status", "standard"] {
        match values(name).as_slice() {
            [] => {}
            [one] => entries.push((name, one.clone())),
            many => entries.push((name, list(many))),
        }
    }
    for name in ["source", "artifact", "expect"] {
        let items = match name {
            "artifact" => node.artifacts.iter().map(artifact).collect(),
            _ => values(name),
        };
        if !items.is_empty() {
            entries.push((name, list(&items)));
        }
    }
    match values("note").as_slice() {
        [] => {}
        [one] => entries.push(("note", one.clone())),
        many => entries.push(("note", list(many))),
    }
    if let Some(rules) = written.allows.get(&node.id).filter(|r| !r.is_empty()) {
        let rules: Vec<String> = rules.iter().map(|r| string(r)).collect();
        entries.push(("allow", list(&rules)));
    }
    let mut undercuts = Vec::new();
    let mut weights: Vec<(String, String)> = Vec::new();
    for &i in &node.outgoing {
        let edge = &model.edges[i];
        let target = match (edge.relation, model.inference(edge)) {
            (Relation::Undercuts, Some((a, t))) => {
                let inference = format!("{a} -> {t}");
                undercuts.push(string(&inference));
                inference
            }
            _ => edge.target.clone(),
        };
        let key = string(&format!("{} {target}", edge.relation.keyword()));
        if let Some(Some(w)) = written.weights.get(&edge.id)
            && !weights.iter().any(|(k, _)| *k == key)
        {
            weights.push((key, number(*w)));
        }
    }
    if !undercuts.is_empty() {
        entries.push(("undercuts", list(&undercuts)));
    }
    if !weights.is_empty() {
        let pairs: Vec<String> = weights.iter().map(|(k, w)| format!("{k}: {w}")).collect();
        entries.push(("weights", format!("{{{}}}", pairs.join(", "))));
    }
    if !one_line_keeps(&node.text) {
        entries.push(("text", string(&node.text)));
    }
    if entries.is_empty() {
        return None;
    }
    let mut out = String::from("{");
    for (k, (key, value)) in entries.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{key}: {value}");
    }
    out.push('}');
    Some(out)
}

/// Whether the text as Argdown puts it on one line (control characters as spaces,
/// runs of white space as one space) reads back as the same statement: `crux diff`
/// compares texts as the maps show them ([`crate::text::reflow`]), so a text whose
/// line breaks only wrap it does, and one with paragraphs, or whose lines join
/// without a space (Chinese, Japanese), does not. Nor does an empty text: the
/// statement would read back with its title for a text.
fn one_line_keeps(text: &str) -> bool {
    let line: String = (text.chars())
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty() && crate::text::reflow(&words.join(" ")) == crate::text::reflow(text)
}

/// A written attribute value: a number as a number, anything else as a string.
fn value(v: &Value) -> String {
    match v {
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::String(s) => string(s),
        other => string(&other.to_string()),
    }
}

/// An artifact as a mapping of what is written.
fn artifact(a: &crate::render::model::ArtifactView) -> String {
    let mut out = format!("{{path: {}", string(&a.path));
    if let Some(h) = &a.sha256 {
        let _ = write!(out, ", sha256: {}", string(h));
    }
    if let Some(t) = &a.title {
        let _ = write!(out, ", title: {}", string(t));
    }
    if let Some(k) = a.kind {
        let _ = write!(out, ", kind: {}", string(k.keyword()));
    }
    out.push('}');
    out
}

/// `[a, b]`.
fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// A number as Rust prints it: `0.8`, `1`, never an exponent.
fn number(x: f64) -> String {
    format!("{x}")
}

/// A string as a JSON string, with the escapes the module docs list.
fn string(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '{'
            | '}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_json_strings_without_braces() {
        assert_eq!(string("a \"q\" \\ b"), r#""a \"q\" \\ b""#);
        assert_eq!(string("{x} }"), r#""\u007Bx\u007D \u007D""#);
        assert_eq!(string("one\ntwo\t==="), r#""one\ntwo\t===""#);
        assert_eq!(
            string("https://a.org/b a // c /* d */ <!-- e --> <b>"),
            r#""https://a.org/b a // c /* d */ <!-- e --> <b>""#
        );
        assert_eq!(string("\u{7f}\u{85}\u{feff}"), r#""\u007F\u0085\uFEFF""#);
        assert_eq!(string("a\u{2028}b\u{2029}"), r#""a\u2028b\u2029""#);
    }

    #[test]
    fn a_text_is_kept_when_one_line_changes_it() {
        assert!(one_line_keeps("Plain words, one line."));
        // Line breaks and runs of spaces that only wrap the text, as maps show it.
        assert!(one_line_keeps("Two\n    lines"));
        assert!(one_line_keeps("Two  spaces"));
        assert!(!one_line_keeps("One.\n\nTwo paragraphs."));
        // Lines of Chinese join without a space.
        assert!(!one_line_keeps("漢\n字"));
        assert!(!one_line_keeps("a\u{1}b"));
        assert!(!one_line_keeps(""));
    }
}
