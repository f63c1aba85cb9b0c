//! Argdown output: the debate node for node as one Argdown file, which the Argdown CLI
//! and editor read. The full description is in `docs/export.md`.
//!
//! The front matter is Argdown front matter (`===`, YAML strings, then `===`): the
//! title as `title:`, the description as `subTitle:`, the authors as `author:` (a string,
//! or a list of several), the date as `date:` (the keys Argdown's HTML export shows in
//! its header), and the source as `source:`, which Argdown keeps and ignores; `crux
//! import argdown` reads them all back. The authors are written escaped for HTML (`&lt;`
//! for `<`, as the SVG map escapes text), because Argdown's HTML export puts them into
//! its page as they are (the title, subtitle and date it escapes); the import reads the
//! entities back. Each node is a statement `[ID]: text` (crux IDs
//! need no escaping in a title) (its text on one line), in file order, with its kind as
//! its first tag (`#thesis`, `#claim`, `#counter`, `#evidence`), then its own tags
//! (`#tag`, or `#(tag)` when it holds a `/` or a `.`), and its relations below it as
//! outgoing relations: `+> [T]` (supports), `-> [T]` (attacks), `>< [T]`
//! (contradicts). Argdown lets only arguments be undercut, and crux has no arguments,
//! so `undercuts A -> B` becomes an attack on `A`, the reason whose inference it
//! denies. A debate with N nodes and E relations is N statements and E relations.
//!
//! **Escaping.** A backslash before a character makes Argdown read it as text, so every
//! character that Argdown could read as markup is written with one: `\ @ # * _ [ ] < >
//! / { } ( )`, and `.` and `:` when a character other than a space follows (so that
//! no `.name.` or `:name:` appears). Line breaks and other control characters
//! become spaces.
//!
//! **Data.** What else the node has (its attributes but tags, the weights written on
//! its relations, which undercuts its attacks stand for, and its text when one line
//! cannot hold it) ends its line as Argdown statement data, a YAML flow mapping in
//! braces under crux's own attribute names (see [`data`]), which `crux import argdown`
//! reads back. A node with none of these has no data.
//!
//! Phase: render. Takes the [`RenderModel`] and what only the source knows
//! ([`Written`]: the attributes as written, the written weights).

mod data;

use std::fmt::Write;

use super::aif::Written;
use super::model::{Relation, RenderModel};

/// Renders the model as Argdown, with the data `written` holds (an empty [`Written`]
/// gives no data but the nodes' artifacts, undercuts and texts).
pub fn render(model: &RenderModel, written: &Written) -> String {
    let mut out = String::new();
    let quoted = |value: &Option<String>| value.as_deref().map(yaml_string);
    let authors: Vec<String> = (model.authors.iter())
        .map(|a| yaml_string(&super::markup::escape(a)))
        .collect();
    let front = [
        ("title", quoted(&model.title)),
        ("subTitle", quoted(&model.description)),
        ("author", crate::syntax::front_matter::one_or_list(&authors)),
        ("date", quoted(&model.date)),
        ("source", quoted(&model.source)),
    ];
    out.push_str(&crate::syntax::front_matter::block("===", &front));
    for (k, node) in model.nodes.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let _ = write!(out, "[{}]: ", node.id);
        if !node.text.is_empty() {
            out.push_str(&escape(&node.text));
            out.push(' ');
        }
        out.push('#');
        out.push_str(node.kind.keyword());
        for tag in &node.tags {
            if tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            {
                let _ = write!(out, " #{tag}");
            } else {
                let _ = write!(out, " #({tag})");
            }
        }
        if let Some(data) = data::data(model, node, written) {
            out.push(' ');
            out.push_str(&data);
        }
        out.push('\n');
        for &i in &node.outgoing {
            let edge = &model.edges[i];
            let (symbol, target) = match edge.relation {
                Relation::Supports => ("+>", edge.target.as_str()),
                Relation::Attacks => ("->", edge.target.as_str()),
                Relation::Contradicts => ("><", edge.target.as_str()),
                Relation::Undercuts => match model.inference(edge) {
                    Some((a, _)) => ("->", a),
                    None => ("->", edge.target.as_str()),
                },
            };
            let _ = writeln!(out, "  {symbol} [{target}]");
        }
    }
    out
}

/// A YAML string for the front matter: a JSON string (which YAML reads as a
/// double-quoted one), with `=` written `\u003D` when the text holds the `===` that
/// would end Argdown's front matter.
fn yaml_string(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    match text.contains("===") {
        true => json.replace('=', "\\u003D"),
        false => json,
    }
}

/// Argdown's escaping of a text on one line (see the module docs).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '@' | '#' | '*' | '_' | '[' | ']' | '<' | '>' | '/' | '{' | '}' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            '.' | ':' if chars.peek().is_some_and(|n| !n.is_whitespace()) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(escape("a [b] <c> #d"), r"a \[b\] \<c\> \#d");
        assert_eq!(escape("e.g. http://x"), r"e\.g. http\:\/\/x");
        assert_eq!(escape("a -> b. c"), r"a -\> b. c");
        assert_eq!(escape("one\ntwo"), "one two");
    }

    #[test]
    fn a_front_matter_string_cannot_end_the_front_matter() {
        assert_eq!(yaml_string("A \"title\": a=b"), r#""A \"title\": a=b""#);
        assert_eq!(yaml_string("a === b"), r#""a \u003D\u003D\u003D b""#);
    }
}
