//! GraphML output: the debate as a directed graph with typed data on its nodes and
//! edges, which yEd, networkx, Gephi and graph databases read. The full description is
//! in `docs/export.md`.
//!
//! **Nodes** are the crux nodes, in file order, with their crux ID as the GraphML ID
//! and the data `kind`, `text`, `credence`, `verdict`, `strength` and `label`.
//! **Edges** are the relations, in file order, with their render-model ID
//! (`edge-SOURCE-TARGET`) and the data `relation` and `weight`. GraphML has no edge
//! that ends on an edge, so an **undercut** becomes a node of its own (kind
//! `undercut`, ID `undercut:` and the relation's ID, which no crux ID can be, with its
//! `relation`, `weight` and the `inference_source` and `inference_target` of the
//! inference it attacks) and two edges, from the node that states it to that node
//! (`…:from`) and from that node to the target of the inference (`…:to`). A debate with
//! N nodes, E relations and U undercuts thus has N + U nodes and E + U edges.
//!
//! **Escaping.** Every string is XML-escaped (`&`, `<`, `>`, `"`, `'`; a carriage
//! return as `&#13;` so that no reader turns it into a line feed); characters that no
//! XML document may hold become U+FFFD.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use std::fmt::Write;

use super::model::{Relation, RenderModel};

/// The declared keys: `(id, for, attr.name, attr.type)`.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("kind", "node", "kind", "string"),
    ("text", "node", "text", "string"),
    ("credence", "node", "credence", "double"),
    ("verdict", "node", "verdict", "string"),
    ("strength", "node", "strength", "double"),
    ("label", "node", "label", "string"),
    ("node_relation", "node", "relation", "string"),
    ("node_weight", "node", "weight", "double"),
    ("inference_source", "node", "inference_source", "string"),
    ("inference_target", "node", "inference_target", "string"),
    ("relation", "edge", "relation", "string"),
    ("weight", "edge", "weight", "double"),
];

/// Renders the model as a GraphML document.
pub fn render(model: &RenderModel) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name, kind) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph id=\"debate\" edgedefault=\"directed\">\n");
    for node in &model.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&node.id));
        data(&mut out, "kind", node.kind.keyword());
        data(&mut out, "text", &node.text);
        data(&mut out, "credence", &number(node.credence));
        data(&mut out, "verdict", &node.verdict.to_string());
        data(&mut out, "strength", &number(node.strength));
        data(&mut out, "label", &node.label.to_string());
        out.push_str("    </node>\n");
    }
    // The undercut nodes, after the crux nodes, in the order of the relations.
    for edge in &model.edges {
        let Some((a, b)) = undercut(model, edge) else {
            continue;
        };
        let _ = writeln!(out, "    <node id=\"undercut:{}\">", escape(&edge.id));
        data(&mut out, "kind", "undercut");
        data(&mut out, "text", &format!("undercuts {a} -> {b}"));
        data(&mut out, "node_relation", Relation::Undercuts.keyword());
        data(&mut out, "node_weight", &number(edge.weight));
        data(&mut out, "inference_source", a);
        data(&mut out, "inference_target", b);
        out.push_str("    </node>\n");
    }
    for edge in &model.edges {
        let relation = edge.relation.keyword();
        let weight = number(edge.weight);
        match undercut(model, edge) {
            Some((_, b)) => {
                let node = format!("undercut:{}", edge.id);
                for (suffix, source, target) in [
                    ("from", edge.source.as_str(), node.as_str()),
                    ("to", &node, b),
                ] {
                    let _ = writeln!(
                        out,
                        "    <edge id=\"undercut:{}:{suffix}\" source=\"{}\" target=\"{}\">",
                        escape(&edge.id),
                        escape(source),
                        escape(target)
                    );
                    data(&mut out, "relation", relation);
                    data(&mut out, "weight", &weight);
                    out.push_str("    </edge>\n");
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
                    escape(&edge.id),
                    escape(&edge.source),
                    escape(&edge.target)
                );
                data(&mut out, "relation", relation);
                data(&mut out, "weight", &weight);
                out.push_str("    </edge>\n");
            }
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The inference `(A, B)` that `edge` undercuts, when it is an undercut whose inference
/// is in the model (an undercut of a relation outside a `--root` map stays an edge).
fn undercut<'a>(
    model: &'a RenderModel,
    edge: &'a super::model::EdgeView,
) -> Option<(&'a str, &'a str)> {
    if edge.relation != Relation::Undercuts {
        return None;
    }
    model.inference(edge)
}

/// A `double` in the shortest spelling that reads back as the same value.
fn number(x: f64) -> String {
    format!("{x}")
}

/// `<data key="KEY">VALUE</data>`
fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
}

/// XML escaping (see the module docs).
fn escape(s: &str) -> String {
    super::markup::escape(s).replace('\r', "&#13;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_carriage_returns_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a\r\nb"), "a&#13;\nb");
        assert_eq!(escape("<&'\">\u{0}"), "&lt;&amp;&#39;&quot;&gt;\u{FFFD}");
    }
}
