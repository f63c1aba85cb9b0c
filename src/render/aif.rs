//! AIF output: the debate in the Argument Interchange Format, as the JSON that AIFdb
//! and OVA exchange (`{"nodes": [...], "edges": [...], "locutions": []}`), so that
//! argument-mining tools read it. The full description is in `docs/export.md`.
//!
//! **Nodes.** Every crux node is an I-node (`"type": "I"`, its text). Every relation is
//! a node of its own: a support an RA-node (`"Default Inference"`), an attack, a
//! contradiction or an undercut a CA-node (`"Default Conflict"`), with an edge from the
//! I-node that states it to the relation node and one from the relation node to what it
//! is about. A contradiction is one CA-node, from the node that states it to the node it
//! names (a reader of plain AIF sees an attack; the `crux` key says it goes both ways).
//! An undercut's CA-node points at the RA- or CA-node of the relation it undercuts; an
//! undercut of a contradiction's other way round (of `a -> b` where `b contradicts
//! a`) says so in its `crux` object (`"reversed": true`).
//!
//! **IDs.** `nodeID`s and `edgeID`s are strings of decimal numbers, counted from 1: the
//! I-nodes in file order, then the relation nodes in the order of the relations; the
//! edges in the order of their relation nodes, the premise edge before the conclusion
//! edge. The same debate always gives the same bytes.
//!
//! **Extension keys.** So that nothing is lost, every I-node has a `crux` object with
//! its ID, its kind and its attributes in file order as `[name, value]` pairs (numbers
//! as JSON numbers, everything else as the string it is in the `.crux` file: the value
//! of a string, `a, b` for tags, `"path" sha256 "…"` for an artifact); every relation
//! node one with the relation and the weight as written (no `weight` when none was
//! written); the document one with `{"version": 1}`. An I-node's object also lists the
//! rules of a `# crux: allow(...)` comment above the node (`"allow": [...]`), and the
//! document's holds the first front matter of the debate's files, as written
//! (`"front_matter": "title: ...\n"`, the YAML between the `---` lines).
//!
//! Phase: render. The relations and nodes come from the [`RenderModel`]; what only the
//! source knows (the attributes as written, in order; whether a weight was written)
//! comes from [`Written`], read off the syntax trees once by [`Written::of`].

use std::collections::HashMap;

use petgraph::visit::EdgeRef;
use serde::Serialize;
use serde_json::Value;

use super::model::{Relation, RenderModel};
use crate::Debate;
use crate::syntax::ast::{Artifact, AttributeKind};

/// The version of the `crux` extension keys; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// What AIF keeps of the debate as written, which the render model does not hold.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// By node ID: its attributes other than relations, in file order, as `(name,
    /// value)`.
    pub attributes: HashMap<String, Vec<(String, Value)>>,
    /// By relation ID (the render model's `edge-SOURCE-TARGET`): the weight as written,
    /// `None` when none was.
    pub weights: HashMap<String, Option<f64>>,
    /// By node ID: the rules of the `# crux: allow(...)` comment above it.
    pub allows: HashMap<String, Vec<String>>,
    /// The YAML of the first front matter in the debate's files, as written.
    pub front_matter: Option<String>,
}

impl Written {
    /// Reads the attributes and written weights of every node and relation of `debate`
    /// off its syntax trees.
    pub fn of(debate: &Debate) -> Written {
        let g = &debate.graph.graph;
        let mut attributes = HashMap::new();
        let mut allows = HashMap::new();
        for i in g.node_indices() {
            let node = &g[i];
            let Some(ast) = debate
                .files
                .get(node.id_span.file.0 as usize)
                .and_then(|f| f.nodes.iter().find(|n| n.id.span == node.id_span))
            else {
                continue;
            };
            let list = ast
                .attributes
                .iter()
                .filter_map(|a| attribute(&a.kind))
                .collect();
            attributes.insert(node.id.to_string(), list);
            if !ast.allow.is_empty() {
                let rules = ast.allow.iter().map(|r| r.name.to_string()).collect();
                allows.insert(node.id.to_string(), rules);
            }
        }
        let front_matter = debate
            .files
            .iter()
            .zip(&debate.sources)
            .find_map(|(f, src)| {
                let span = f.front_matter.as_ref()?.span;
                let block = src.text.get(span.start as usize..span.end as usize)?;
                let mut lines: Vec<&str> = block.lines().collect();
                if lines.first().is_some_and(|l| l.trim_end() == "---") {
                    lines.remove(0);
                }
                if lines.last().is_some_and(|l| l.trim_end() == "---") {
                    lines.pop();
                }
                let yaml: String = lines.iter().map(|l| format!("{l}\n")).collect();
                (!yaml.trim().is_empty()).then_some(yaml)
            });
        // The same order and IDs as the render model's edges.
        let mut order: Vec<_> = g.edge_references().collect();
        order.sort_by_key(|e| (e.weight().origin, e.id().index()));
        let ids = super::model::edge_ids(
            order
                .iter()
                .map(|e| (g[e.source()].id.as_str(), g[e.target()].id.as_str())),
        );
        let weights = order
            .iter()
            .zip(ids)
            .map(|(e, id)| (id, e.weight().written_weight.map(|(w, _)| w)))
            .collect();
        Written {
            attributes,
            weights,
            allows,
            front_matter,
        }
    }
}

/// An attribute as `(name, value)`; `None` for relations, which are nodes of their own.
fn attribute(kind: &AttributeKind) -> Option<(String, Value)> {
    let value = match kind {
        AttributeKind::Edge { .. } | AttributeKind::Undercut(_) => return None,
        AttributeKind::Credence(n) => number(n.value),
        AttributeKind::Status(s, _) => s.keyword().into(),
        AttributeKind::Standard(s, _) => s.keyword().into(),
        AttributeKind::By(t)
        | AttributeKind::Note(t)
        | AttributeKind::Source(t)
        | AttributeKind::Expect(t) => t.value.to_string().into(),
        AttributeKind::Tags(tags) => tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
            .into(),
        AttributeKind::Artifact(a) => artifact(a).into(),
    };
    Some((kind.keyword().to_string(), value))
}

/// A number as JSON (a value that JSON cannot hold, which the parser never gives, as
/// `null`).
fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// `"path" sha256 "hex" title "t" kind k`, as `crux fmt` writes it on one line.
fn artifact(a: &Artifact) -> String {
    let mut out = quote(&a.path.value);
    if let Some(h) = &a.sha256 {
        out.push_str(" sha256 ");
        out.push_str(&quote(&h.value));
    }
    if let Some(t) = &a.title {
        out.push_str(" title ");
        out.push_str(&quote(&t.value));
    }
    if let Some((k, _)) = &a.kind {
        out.push_str(" kind ");
        out.push_str(k.keyword());
    }
    out
}

/// A one-line `.crux` string with the escapes `\"`, `\\`, `\n`, `\r` and `\t`.
fn quote(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An AIF document.
#[derive(Serialize)]
struct Document {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    locutions: Vec<Value>,
    crux: DocumentExtension,
}

#[derive(Serialize)]
struct DocumentExtension {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    front_matter: Option<String>,
}

/// An AIF node.
#[derive(Serialize)]
struct Node {
    #[serde(rename = "nodeID")]
    node_id: String,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    crux: NodeExtension,
}

/// The `crux` key of an I-node or of a relation node.
#[derive(Serialize)]
#[serde(untagged)]
enum NodeExtension {
    Statement {
        id: String,
        kind: &'static str,
        attributes: Vec<(String, Value)>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        allow: Vec<String>,
    },
    Relation {
        relation: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        weight: Option<f64>,
        /// An undercut of a contradiction's other way round: of the inference from the
        /// node the contradiction names to the node that states it (the CA node it
        /// points at is the one contradiction).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        reversed: bool,
    },
}

/// An AIF edge.
#[derive(Serialize)]
struct Edge {
    #[serde(rename = "edgeID")]
    edge_id: String,
    #[serde(rename = "fromID")]
    from_id: String,
    #[serde(rename = "toID")]
    to_id: String,
}

/// Renders the model as AIF JSON (pretty-printed, with a final newline).
pub fn render(model: &RenderModel, written: &Written) -> String {
    let mut nodes = Vec::with_capacity(model.nodes.len() + model.edges.len());
    let mut inode: HashMap<&str, String> = HashMap::new();
    for node in &model.nodes {
        let id = (nodes.len() + 1).to_string();
        inode.insert(node.id.as_str(), id.clone());
        nodes.push(Node {
            node_id: id,
            text: node.text.clone(),
            kind: "I",
            crux: NodeExtension::Statement {
                id: node.id.clone(),
                kind: node.kind.keyword(),
                attributes: written
                    .attributes
                    .get(&node.id)
                    .cloned()
                    .unwrap_or_default(),
                allow: written.allows.get(&node.id).cloned().unwrap_or_default(),
            },
        });
    }
    // A node for every relation, numbered after the I-nodes, in the order of the edges.
    let first = nodes.len() + 1;
    let snode = |i: usize| (first + i).to_string();
    let mut edges = Vec::new();
    let mut edge = |from: String, to: String| {
        let edge_id = (edges.len() + 1).to_string();
        edges.push(Edge {
            edge_id,
            from_id: from,
            to_id: to,
        });
    };
    for (i, e) in model.edges.iter().enumerate() {
        let (kind, text) = match e.relation {
            Relation::Supports => ("RA", "Default Inference"),
            _ => ("CA", "Default Conflict"),
        };
        let weight = match written.weights.get(&e.id) {
            Some(w) => *w,
            None => Some(e.weight),
        };
        let reversed = e.relation == Relation::Undercuts
            && model
                .inference(e)
                .zip(e.undercuts.and_then(|j| model.edges.get(j)))
                .is_some_and(|((from, _), undercut)| from != undercut.source);
        nodes.push(Node {
            node_id: snode(i),
            text: text.into(),
            kind,
            crux: NodeExtension::Relation {
                relation: e.relation.keyword(),
                weight,
                reversed,
            },
        });
        let (Some(from), Some(to)) = (inode.get(e.source.as_str()), inode.get(e.target.as_str()))
        else {
            continue;
        };
        edge(from.clone(), snode(i));
        // An undercut is about the relation node of the inference it attacks.
        let to = match (e.relation, e.undercuts) {
            (Relation::Undercuts, Some(j)) if j < model.edges.len() => snode(j),
            _ => to.clone(),
        };
        edge(snode(i), to);
    }
    let document = Document {
        nodes,
        edges,
        locutions: Vec::new(),
        crux: DocumentExtension {
            version: VERSION,
            front_matter: written.front_matter.clone(),
        },
    };
    let mut out = serde_json::to_string_pretty(&document).expect("AIF serialises");
    out.push('\n');
    out
}
