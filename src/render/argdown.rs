//! Argdown output: the debate node for node as one Argdown file, which the Argdown CLI
//! and editor read. The full description is in `docs/export.md`.
//!
//! Each node is a statement `[ID]: text` (crux IDs need no escaping in a title) (its text on one line), in file order, with its
//! kind as a tag (`#thesis`, `#claim`, `#counter`, `#evidence`) and its relations below
//! it as outgoing relations: `+> [T]` (supports), `-> [T]` (attacks), `>< [T]`
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
//! Phase: render. Takes the [`RenderModel`] only.

use std::fmt::Write;

use super::model::{Relation, RenderModel};

/// Renders the model as Argdown.
pub fn render(model: &RenderModel) -> String {
    let mut out = String::new();
    if let Some(title) = &model.title {
        let _ = writeln!(out, "# {}\n", escape(title));
    }
    for (k, node) in model.nodes.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let _ = write!(out, "[{}]: ", node.id);
        if !node.text.is_empty() {
            out.push_str(&escape(&node.text));
            out.push(' ');
        }
        let _ = writeln!(out, "#{}", node.kind.keyword());
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
}
