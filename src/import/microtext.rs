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
    // Each EDU's text, and its place in the document (an ADU joins its EDUs in the
    // order they are written, whatever the order of the `seg` edges).
    let mut edus: HashMap<&str, (usize, String)> = HashMap::new();
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
                let place = edus.len();
                edus.insert(attr(child, "id")?, (place, text.trim().to_string()));
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
        let mut parts: Vec<&(usize, String)> = edges
            .iter()
            .filter(|e| e.kind == "seg" && e.trg == id)
            .filter_map(|e| edus.get(e.src))
            .collect();
        parts.sort_by_key(|(place, _)| *place);
        let text: Vec<&str> = parts.iter().map(|(_, t)| t.as_str()).collect();
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
            // Defined, but of the wrong kind for this edge: said so.
            let is_edge = |id: &str| edges.iter().any(|t| t.id == id);
            let wrong = match e.kind {
                "seg" if !edus.contains_key(e.src) && index.contains_key(e.src) => {
                    Some(format!("its source {} is an ADU, not an EDU", e.src))
                }
                "sup" | "exa" | "reb" if index.contains_key(e.src) && is_edge(e.trg) => {
                    Some(format!(
                        "its target {} is an edge; a {} edge points at an ADU",
                        e.trg, e.kind
                    ))
                }
                "und" | "add" if index.contains_key(e.src) && index.contains_key(e.trg) => {
                    Some(format!(
                        "its target {} is an ADU; an {} edge points at an edge",
                        e.trg, e.kind
                    ))
                }
                _ => None,
            };
            let message = match wrong {
                Some(why) => format!("edge {}: {why}", e.id),
                None => format!(
                    "edge {} joins {} to {}, which are not both defined",
                    e.id, e.src, e.trg
                ),
            };
            return Err(ImportError::at_line(e.line, message));
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

#[cfg(test)]
mod tests {
    use super::read;

    /// An ADU's text is its EDUs in the order the document writes them.
    #[test]
    fn an_adu_joins_its_edus_in_document_order() {
        let xml = r#"<arggraph id="x">
  <edu id="e1">part one</edu>
  <edu id="e2">part two</edu>
  <adu id="a1" type="pro"/>
  <edge id="c2" src="e2" trg="a1" type="seg"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
</arggraph>"#;
        assert_eq!(read(xml).unwrap().nodes[0].text, "part one part two");
    }

    /// An edge whose end is defined, but as the wrong kind, says which.
    #[test]
    fn an_edge_to_the_wrong_kind_of_end_says_so() {
        let graph = |edge: &str| {
            format!(
                r#"<arggraph id="x">
  <edu id="e1">one</edu>
  <edu id="e2">two</edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="opp"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="a2" trg="a1" type="reb"/>
  {edge}
</arggraph>"#
            )
        };
        let error = |edge: &str| read(&graph(edge)).unwrap_err().to_string();
        assert_eq!(
            error(r#"<edge id="c4" src="a1" trg="a2" type="und"/>"#),
            "line 9: edge c4: its target a2 is an ADU; an und edge points at an edge"
        );
        assert_eq!(
            error(r#"<edge id="c4" src="a1" trg="c3" type="reb"/>"#),
            "line 9: edge c4: its target c3 is an edge; a reb edge points at an ADU"
        );
        assert_eq!(
            error(r#"<edge id="c4" src="a1" trg="a9" type="sup"/>"#),
            "line 9: edge c4 joins a1 to a9, which are not both defined"
        );
    }
}
