//! Writes an imported [`Debate`] as `.crux` text: front matter, then one node per
//! source node in source order, each with its relations and attributes, laid out by
//! the formatter (`crate::fmt::format`), so the result is canonical.

use std::fmt::Write as _;

use super::aif::ALLOW;
use super::ids::Ids;
use super::{Debate, ImportError, RelationKind, Target, Value};
use crate::syntax::ast::NodeKind;

/// The debate as canonical `.crux` text, every node with a unique valid ID.
pub fn write(debate: &Debate) -> Result<String, ImportError> {
    let mut ids = Ids::default();
    let names: Vec<String> = debate.nodes.iter().map(|n| ids.unique(&n.name)).collect();
    let mut out = String::new();
    if let Some(yaml) = &debate.front_matter {
        out.push_str("---\n");
        out.push_str(yaml);
        if !yaml.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("---\n\n");
    } else {
        let quoted = |value: &str| serde_json::to_string(&one_line(value)).unwrap_or_default();
        let authors: Vec<String> = debate.authors.iter().map(|a| quoted(a)).collect();
        let front = [
            ("title", debate.title.as_deref().map(quoted)),
            ("description", debate.description.as_deref().map(quoted)),
            ("source", debate.source.as_deref().map(quoted)),
            (
                "authors",
                crate::syntax::front_matter::one_or_list(&authors),
            ),
            ("date", debate.date.as_deref().map(quoted)),
        ];
        out.push_str(&crate::syntax::front_matter::block("---", &front));
    }
    let mut by_node: Vec<Vec<usize>> = vec![Vec::new(); debate.nodes.len()];
    for (i, r) in debate.relations.iter().enumerate() {
        if let Some(list) = by_node.get_mut(r.from) {
            list.push(i);
        }
    }
    for (i, node) in debate.nodes.iter().enumerate() {
        for attribute in node.attributes.iter().filter(|a| a.name == ALLOW) {
            if let Value::Tags(rules) = &attribute.value {
                let _ = writeln!(out, "{ALLOW}({})", rules.join(", "));
            }
        }
        let kind = node.kind.unwrap_or(NodeKind::Claim);
        let _ = writeln!(
            out,
            "{} {}: {}",
            kind.keyword(),
            names[i],
            quote(&node.text)
        );
        let mut schemes = Vec::new();
        for &r in &by_node[i] {
            let relation = &debate.relations[r];
            let target = match relation.to {
                Target::Node(n) => names.get(n).cloned(),
                Target::Edge(e) => debate.relations.get(e).and_then(|edge| match edge.to {
                    Target::Node(to) if edge.kind != RelationKind::Undercuts => {
                        Some(format!("{} -> {}", names.get(edge.from)?, names.get(to)?))
                    }
                    _ => None,
                }),
                Target::Reverse(e) => debate.relations.get(e).and_then(|edge| match edge.to {
                    Target::Node(to) if edge.kind == RelationKind::Contradicts => {
                        Some(format!("{} -> {}", names.get(to)?, names.get(edge.from)?))
                    }
                    _ => None,
                }),
            };
            let Some(target) = target else {
                continue;
            };
            let _ = write!(out, "  {} {target}", relation.kind.keyword());
            if let Some(w) = relation.weight.filter(|w| w.is_finite()) {
                let _ = write!(out, " {}", number(w));
            }
            out.push('\n');
            if let Some(scheme) = &relation.scheme {
                schemes.push(format!(
                    "Scheme of {} {target}: {scheme}",
                    relation.kind.keyword()
                ));
            }
        }
        // The schemes go in the node's note: on lines of their own after the note it
        // has, or in a note of their own after its other attributes.
        let mut schemes = Some(schemes).filter(|s| !s.is_empty());
        for attribute in node.attributes.iter().filter(|a| a.name != ALLOW) {
            let value = match &attribute.value {
                Value::Number(n) if n.is_finite() => number(*n),
                Value::Number(_) => continue,
                Value::Word(w) => w.clone(),
                Value::Text(t) if attribute.name == "note" && schemes.is_some() => {
                    let mut lines = vec![t.clone()];
                    lines.extend(schemes.take().into_iter().flatten());
                    quote(&lines.join("\n"))
                }
                Value::Text(t) => quote(t),
                Value::Artifact { path, rest } => format!("{}{rest}", quote(path)),
                Value::Tags(tags) => {
                    let tags: Vec<String> = tags.iter().filter_map(|t| tag(t)).collect();
                    if tags.is_empty() {
                        continue;
                    }
                    tags.join(", ")
                }
            };
            let _ = writeln!(out, "  {} {value}", attribute.name);
        }
        if let Some(schemes) = schemes {
            let _ = writeln!(out, "  note {}", quote(&schemes.join("\n")));
        }
        out.push('\n');
    }
    if out.ends_with("\n\n") {
        out.pop();
    }
    crate::fmt::format(&out).map_err(|e| {
        let detail = match &e {
            crate::fmt::FormatError::Syntax(errors) => match errors.first() {
                Some(first) => format!("{e}: {first:?}"),
                None => e.to_string(),
            },
            other => other.to_string(),
        };
        ImportError::new(
            "output",
            format!(
                "the imported debate is not a valid .crux file ({detail}); this is a bug in crux import"
            ),
        )
    })
}

/// A number in its shortest spelling.
fn number(n: f64) -> String {
    let s = format!("{n}");
    if s == "-0" { "0".into() } else { s }
}

/// A one-line quoted string: `"`, `\`, line breaks and tabs escaped; `\r` dropped and
/// NUL (which no text file holds) turned into a space. Other control characters stay as
/// they are, as `crux fmt` keeps them: a debate that has them (an escape sequence
/// pasted with its text) comes back from its own export the same.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            '\0' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for front matter: on one line, and without the characters YAML does not take
/// in a quoted string even escaped as JSON escapes them (control characters, DEL and
/// the C1 controls among them, a byte order mark, U+FFFE and U+FFFF), which become
/// spaces.
fn one_line(text: &str) -> String {
    let printable: String = text
        .chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => ' ',
            c => c,
        })
        .collect();
    printable.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tag as the language allows it (`[A-Za-z0-9_/.-]+`): other characters become `-`.
pub fn tag(text: &str) -> Option<String> {
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '.' | '-');
    let text = text.trim();
    // A tag as crux writes it (crux's own, through AIF) is kept as it is.
    if !text.is_empty() && text.chars().all(valid) {
        return Some(text.to_string());
    }
    let mut out = String::new();
    for c in text.chars() {
        if valid(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Attribute, Node};

    #[test]
    fn a_title_with_characters_yaml_refuses_is_written_without_them() {
        let d = Debate {
            title: Some("Late\u{7f}starts\u{1}\u{85}and \u{9f}naps\u{feff}\u{ffff}".into()),
            description: Some("Two\nlines\r\n".into()),
            ..Debate::default()
        };
        let text = write(&d).unwrap();
        assert!(
            text.starts_with(
                "---\ntitle: \"Late starts and naps\"\ndescription: \"Two lines\"\n---\n"
            ),
            "{text}"
        );
        let parsed = crate::syntax::parse(crate::syntax::FileId(0), &text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let front = parsed.ast.front_matter.unwrap();
        assert_eq!(front.title.as_deref(), Some("Late starts and naps"));
    }

    #[test]
    fn writes_nodes_relations_and_undercuts_in_canonical_layout() {
        let mut d = Debate {
            title: Some("A \"test\"".into()),
            ..Debate::default()
        };
        let a = d.add_node(Node {
            name: "A".into(),
            kind: Some(NodeKind::Thesis),
            text: "Line one\nline \"two\"".into(),
            ..Node::default()
        });
        let b = d.add_node(Node {
            name: "b".into(),
            text: "B".into(),
            attributes: vec![Attribute {
                name: "tags".into(),
                value: Value::Tags(vec!["a tag".into(), "!!".into()]),
            }],
            ..Node::default()
        });
        let c = d.add_node(Node {
            name: "claim".into(),
            text: "C".into(),
            ..Node::default()
        });
        let s = d.relate(b, RelationKind::Supports, Target::Node(a), Some(0.50));
        d.relate(c, RelationKind::Undercuts, Target::Edge(s), None);
        let text = write(&d).unwrap();
        assert_eq!(
            text,
            "---\ntitle: \"A \\\"test\\\"\"\n---\n\nthesis a: \"Line one\\nline \\\"two\\\"\"\n\n\
             claim b: \"B\"\n  supports a 0.5\n  tags a-tag\n\n\
             claim claim_node: \"C\"\n  undercuts b -> a\n"
        );
        assert_eq!(crate::fmt::format(&text).unwrap(), text);
    }
}
