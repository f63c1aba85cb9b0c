//! The argument graph: nodes and weighted relations over petgraph.
//!
//! Phase: model. Never let a `NodeIndex` reach output: emit the author's IDs.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use super::edge::{ArgEdge, Relation};
use super::node::ArgNode;
use crate::syntax::FileId;
use crate::syntax::ast::FrontMatter;

/// A resolved debate.
#[derive(Debug, Default)]
pub struct ArgGraph {
    /// Nodes and edges.
    pub graph: DiGraph<ArgNode, ArgEdge>,
    /// ID to node (with a fast, fixed hash: IDs are the author's, not an attacker's,
    /// and a debate of 100,000 nodes looks every relation's target up here).
    pub index: FxHashMap<String, NodeIndex>,
    /// The front matter of each file that has one.
    pub front_matter: Vec<(FileId, FrontMatter)>,
}

impl ArgGraph {
    /// The node with this ID.
    pub fn node(&self, id: &str) -> Option<&ArgNode> {
        self.index.get(id).map(|&i| &self.graph[i])
    }

    /// Node indices in a stable order: by file, then position.
    pub fn nodes_in_order(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by_key(|&i| self.graph[i].span);
        v
    }

    /// Attacks as Dung sees them: `attacks` edges, and `contradicts` in both directions,
    /// as (attacker, attacked, edge) triples.
    pub fn attacks(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, EdgeIndex)> + '_ {
        self.graph.edge_references().flat_map(|e| {
            let (s, t, id) = (e.source(), e.target(), e.id());
            let relation = e.weight().relation;
            let forward =
                matches!(relation, Relation::Attacks | Relation::Contradicts).then_some((s, t, id));
            let backward = (relation == Relation::Contradicts).then_some((t, s, id));
            forward.into_iter().chain(backward)
        })
    }

    /// For an `undercuts A -> B` edge: the inference it attacks, `(A, B)` as written.
    /// The edge it undercuts runs from A to B, or from B to A when it is a
    /// contradiction (which attacks both ways). `None` for any other edge.
    pub fn inference(&self, undercut: EdgeIndex) -> Option<(NodeIndex, NodeIndex)> {
        let inference = self.graph.edge_weight(undercut)?.undercuts?;
        let (s, t) = self.graph.edge_endpoints(inference)?;
        let (_, b) = self.graph.edge_endpoints(undercut)?;
        Some(if t == b { (s, t) } else { (t, s) })
    }

    /// Edges of one relation going into a node.
    pub fn incoming(
        &self,
        node: NodeIndex,
        relation: Relation,
    ) -> impl Iterator<Item = petgraph::graph::EdgeReference<'_, ArgEdge>> {
        self.graph
            .edges_directed(node, Direction::Incoming)
            .filter(move |e| e.weight().relation == relation)
    }

    /// Edges of one relation going out of a node.
    pub fn outgoing(
        &self,
        node: NodeIndex,
        relation: Relation,
    ) -> impl Iterator<Item = petgraph::graph::EdgeReference<'_, ArgEdge>> {
        self.graph
            .edges_directed(node, Direction::Outgoing)
            .filter(move |e| e.weight().relation == relation)
    }
}
