//! The XML of the Argumentative Microtext corpus (`<arggraph>` with `<edu>`, `<adu>`
//! and `<edge>` elements):
//!
//! - each `<adu>` is a node, its text the `<edu>`s joined to it by `seg` edges, its ID
//!   the ADU's (`a1`); `type="opp"` marks the opponent's voice (tagged `opponent`);
//! - `sup` and `exa` (example) edges are `supports`, `reb` (rebut) edges `attacks`, and
//!   `und` (undercut) edges, which point at another edge, `undercuts` that relation;
//! - an `add` edge, which points at another edge, joins its source to that edge's
//!   source as one more premise of the same argument: the premises are linked (see
//!   `super::policy::support`).

use std::collections::HashMap;

use super::policy::support;
use super::{Attribute, Debate, ImportError, Node, RelationKind, Target, Value};

/// One `<edge>`, as read.
struct Edge<'a> {
    id: &'a str,
    src: &'a str,
    trg: &'a str,
    kind: &'a str,
    line: usize,
}

/// The attribute `name` of an element, or an error on its line.
fn attribute<'a>(
    doc: &roxmltree::Document<'_>,
    node: roxmltree::Node<'a, '_>,
    name: &str,
) -> Result<&'a str, ImportError> {
    node.attribute(name).ok_or_else(|| {
        ImportError::at_line(
            doc.text_pos_at(node.range().start).row as usize,
            format!(
                "<{}> without a {name}=\"...\" attribute",
                node.tag_name().name()
            ),
        )
    })
}

/// Reads microtext XML into a debate.
pub fn read(input: &str) -> Result<Debate, ImportError> {
    let doc = roxmltree::Document::parse(input).map_err(|e| {
        let pos = e.pos();
        let (row, col) = match e {
            // Reported at the document's start: point at the declaration itself.
            roxmltree::Error::DtdDetected => input.find("<!DOCTYPE").map_or((1, 1), |at| {
                let before = &input[..at];
                let row = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |n| n + 1);
                (row, before[line_start..].chars().count() + 1)
            }),
            // Found at the end of the input, and reported at its start: point at the
            // end, where the document stops short.
            roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
                let body = input.trim_end();
                let row = body.matches('\n').count() + 1;
                let line_start = body.rfind('\n').map_or(0, |n| n + 1);
                (row, body[line_start..].chars().count() + 1)
            }
            _ => (pos.row as usize, pos.col as usize),
        };
        // The library's message ends with the position, which is given before it.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at ")
            .filter(|(_, at)| at.split(':').all(|n| n.parse::<u32>().is_ok()))
            .map_or(message.as_str(), |(m, _)| m);
        ImportError::new(
            format!("line {row}, column {col}"),
            format!("not well-formed XML: {message}"),
        )
    })?;
    let root = doc.root_element();
    let line_of = |node: roxmltree::Node<'_, '_>| doc.text_pos_at(node.range().start).row as usize;
    if root.tag_name().name() != "arggraph" {
        return Err(ImportError::at_line(
            line_of(root),
            format!("expected <arggraph>, found <{}>", root.tag_name().name()),
        ));
    }
    let attr = |node, name| attribute(&doc, node, name);
    let mut edus: HashMap<&str, String> = HashMap::new();
    let mut adus: Vec<(&str, &str, usize)> = Vec::new();
    let mut edges: Vec<Edge<'_>> = Vec::new();
    for child in root.children().filter(|c| c.is_element()) {
        match child.tag_name().name() {
            "edu" => {
                let text: String = child
                    .descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect();
                edus.insert(attr(child, "id")?, text.trim().to_string());
            }
            "adu" => adus.push((attr(child, "id")?, attr(child, "type")?, line_of(child))),
            "edge" => edges.push(Edge {
                id: attr(child, "id")?,
                src: attr(child, "src")?,
                trg: attr(child, "trg")?,
                kind: attr(child, "type")?,
                line: line_of(child),
            }),
            _ => {}
        }
    }
    let mut debate = Debate::default();
    if let Some(topic) = root.attribute("topic_id") {
        debate.description = Some(format!("Topic: {}", topic.replace('_', " ")));
    }
    if let Some(id) = root.attribute("id") {
        debate.title = Some(id.to_string());
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for &(id, kind, line) in &adus {
        if !matches!(kind, "pro" | "opp") {
            return Err(ImportError::at_line(
                line,
                format!("<adu type=\"{kind}\">: expected pro or opp"),
            ));
        }
        let text: Vec<&str> = edges
            .iter()
            .filter(|e| e.kind == "seg" && e.trg == id)
            .filter_map(|e| edus.get(e.src).map(String::as_str))
            .collect();
        let attributes = match kind {
            "opp" => vec![Attribute {
                name: "tags".into(),
                value: Value::Tags(vec!["opponent".into()]),
            }],
            _ => Vec::new(),
        };
        let n = debate.add_node(Node {
            name: id.to_string(),
            kind: None,
            text: text.join(" "),
            attributes,
        });
        if index.insert(id, n).is_some() {
            return Err(ImportError::at_line(
                line,
                format!("ADU {id} is defined twice"),
            ));
        }
    }
    for e in &edges {
        let known = match e.kind {
            "seg" => edus.contains_key(e.src) && index.contains_key(e.trg),
            "sup" | "exa" | "reb" => index.contains_key(e.src) && index.contains_key(e.trg),
            "und" | "add" => index.contains_key(e.src) && edges.iter().any(|t| t.id == e.trg),
            other => {
                return Err(ImportError::at_line(
                    e.line,
                    format!("<edge type=\"{other}\">: expected seg, sup, exa, reb, und or add"),
                ));
            }
        };
        if !known {
            return Err(ImportError::at_line(
                e.line,
                format!(
                    "edge {} joins {} to {}, which are not both defined",
                    e.id, e.src, e.trg
                ),
            ));
        }
    }
    // Premises of an argument (an edge): its source and the ADUs `add`ed to the edge,
    // in order.
    let premises = |edge: &Edge<'_>| -> Vec<usize> {
        let mut p = vec![index[edge.src]];
        p.extend(
            edges
                .iter()
                .filter(|a| a.kind == "add" && a.trg == edge.id)
                .map(|a| index[a.src]),
        );
        p
    };
    let mut relation_of: HashMap<&str, usize> = HashMap::new();
    for undercuts in [false, true] {
        for e in &edges {
            let (kind, to) = match (e.kind, undercuts) {
                ("sup" | "exa", false) => (RelationKind::Supports, Target::Node(index[e.trg])),
                ("reb", false) => (RelationKind::Attacks, Target::Node(index[e.trg])),
                ("und", true) => match relation_of.get(e.trg) {
                    Some(&r) => (RelationKind::Undercuts, Target::Edge(r)),
                    None => {
                        debate.warnings.push(format!(
                            "line {}: edge {} undercuts {}, which is not a support or rebuttal; dropped",
                            e.line, e.id, e.trg
                        ));
                        continue;
                    }
                },
                _ => continue,
            };
            let name = format!("{}_argument", e.id);
            let at = format!("line {}", e.line);
            if let Some(r) = support(&mut debate, &premises(e), to, kind, None, &name, &at) {
                relation_of.insert(e.id, r);
            }
        }
    }
    Ok(debate)
}
