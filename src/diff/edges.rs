//! Edge matching: by source, relation and target after renames; undercuts by the
//! inference they undercut; `contradicts` in either direction.
//!
//! Phase: diff. Reads two resolved graphs and the node matching.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::nodes::Matching;
use super::{Edge, EdgeChanges, EdgeId, Inference, Reweight};
use crate::model::{ArgGraph, Relation};

/// What makes two edges the same edge, in the new version's IDs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    source: String,
    relation: Relation,
    target: String,
    /// For an undercut: the source of the inference it undercuts.
    inference_source: Option<String>,
}

/// Added, removed and reweighted edges.
pub(super) fn edge_changes(old: &ArgGraph, new: &ArgGraph, m: &Matching) -> EdgeChanges {
    let old_edges = in_order(old);
    let new_edges = in_order(new);
    let old_key = |i: NodeIndex| m.new_id(old, new, i).to_string();
    let new_key = |i: NodeIndex| new.graph[i].id.to_string();
    let mut old_by_key: HashMap<Key, Vec<EdgeIndex>> = HashMap::new();
    for &e in &old_edges {
        old_by_key.entry(key(old, e, old_key)).or_default().push(e);
    }
    let mut out = EdgeChanges::default();
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for &e in &new_edges {
        let k = key(new, e, new_key);
        let nth = seen.entry(k.clone()).or_default();
        let counterpart = old_by_key.get(&k).and_then(|list| list.get(*nth));
        *nth += 1;
        let weight = new.graph[e].weight;
        match counterpart {
            None => out.added.push(Edge {
                id: edge_id(new, e),
                weight,
            }),
            Some(&o) if old.graph[o].weight != weight => out.reweighted.push(Reweight {
                id: edge_id(new, e),
                old_weight: old.graph[o].weight,
                new_weight: weight,
            }),
            Some(_) => {}
        }
    }
    let mut seen_old: HashMap<Key, usize> = HashMap::new();
    for &e in &old_edges {
        let k = key(old, e, old_key);
        let nth = seen_old.entry(k.clone()).or_default();
        *nth += 1;
        if *nth > seen.get(&k).copied().unwrap_or(0) {
            out.removed.push(Edge {
                id: edge_id(old, e),
                weight: old.graph[e].weight,
            });
        }
    }
    out
}

/// Edges in the order they are written: by file, then position.
fn in_order(g: &ArgGraph) -> Vec<EdgeIndex> {
    let mut edges: Vec<EdgeIndex> = g.graph.edge_indices().collect();
    edges.sort_by_key(|&e| (g.graph[e].origin, e.index()));
    edges
}

/// The identity of an edge, with node IDs given by `id`.
fn key(g: &ArgGraph, e: EdgeIndex, id: impl Fn(NodeIndex) -> String) -> Key {
    let (s, t) = g.graph.edge_endpoints(e).expect("an edge of this graph");
    let edge = &g.graph[e];
    let (mut source, mut target) = (id(s), id(t));
    if edge.relation == Relation::Contradicts && target < source {
        std::mem::swap(&mut source, &mut target);
    }
    Key {
        source,
        relation: edge.relation,
        target,
        inference_source: inference(g, e).map(|(a, _)| id(a)),
    }
}

/// For an undercut `A -> B`: A and B, as written.
fn inference(g: &ArgGraph, e: EdgeIndex) -> Option<(NodeIndex, NodeIndex)> {
    g.inference(e)
}

/// An edge as its own version writes it.
fn edge_id(g: &ArgGraph, e: EdgeIndex) -> EdgeId {
    let (s, t) = g.graph.edge_endpoints(e).expect("an edge of this graph");
    EdgeId {
        source: g.graph[s].id.to_string(),
        relation: g.graph[e].relation,
        target: g.graph[t].id.to_string(),
        inference: inference(g, e).map(|(a, b)| Inference {
            source: g.graph[a].id.to_string(),
            target: g.graph[b].id.to_string(),
        }),
    }
}
