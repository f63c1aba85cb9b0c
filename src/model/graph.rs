//! The argument graph: nodes and weighted relations over petgraph.
//!
//! Phase: model. Never let a `NodeIndex` reach output: emit the author's IDs.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use smol_str::SmolStr;

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
    pub index: FxHashMap<SmolStr, NodeIndex>,
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

    /// Which nodes (by index) the `start` nodes lead to, themselves included, where
    /// `arcs` gives for each edge the steps it allows, as `(from, to)`: a marked `from`
    /// marks `to`. Linear: one pass over the edges builds a compact list of the steps
    /// out of each node, and the walk reads only that list.
    pub fn marked(
        &self,
        start: impl Fn(NodeIndex) -> bool,
        arcs: impl Fn(NodeIndex, NodeIndex, &ArgEdge) -> [Option<(NodeIndex, NodeIndex)>; 2],
    ) -> Vec<bool> {
        let n = self.graph.node_count();
        let steps = || {
            self.graph
                .raw_edges()
                .iter()
                .flat_map(|e| arcs(e.source(), e.target(), &e.weight))
                .flatten()
        };
        // Steps out of node i: `to[first[i]..first[i + 1]]`.
        let mut first = vec![0u32; n + 1];
        for (from, _) in steps() {
            first[from.index() + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut next = first.clone();
        let mut to = vec![NodeIndex::new(0); first[n] as usize];
        for (from, t) in steps() {
            to[next[from.index()] as usize] = t;
            next[from.index()] += 1;
        }
        let mut marked = vec![false; n];
        let mut stack: Vec<NodeIndex> = self.graph.node_indices().filter(|&i| start(i)).collect();
        for &i in &stack {
            marked[i.index()] = true;
        }
        while let Some(i) = stack.pop() {
            for &t in &to[first[i.index()] as usize..first[i.index() + 1] as usize] {
                if !marked[t.index()] {
                    marked[t.index()] = true;
                    stack.push(t);
                }
            }
        }
        marked
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

#[cfg(test)]
mod tests {
    use crate::syntax::SourceFile;

    #[test]
    fn marks_what_the_steps_reach() {
        let src = "thesis t: \"t\"\nclaim a: \"a\"\n  supports b\nclaim b: \"b\"\n  supports t\nclaim c: \"c\"\n  attacks a\n  contradicts d\nclaim d: \"d\"\n";
        let file = SourceFile::new("t.crux", "t.crux", src.to_string());
        let g = crate::parse_debate(vec![file], Default::default()).graph;
        let names = |marked: Vec<bool>| -> Vec<&str> {
            let mut v: Vec<&str> = (0..marked.len())
                .filter(|&i| marked[i])
                .map(|i| g.graph[petgraph::graph::NodeIndex::new(i)].id.as_str())
                .collect();
            v.sort();
            v
        };
        let supports = |s, t, e: &super::ArgEdge| {
            [
                (e.relation == super::Relation::Supports).then_some((s, t)),
                None,
            ]
        };
        assert_eq!(
            names(g.marked(|n| g.graph[n].id == "a", supports)),
            ["a", "b", "t"]
        );
        // Backwards along every edge, and forwards along contradictions.
        let back = |s, t, e: &super::ArgEdge| {
            [
                Some((t, s)),
                (e.relation == super::Relation::Contradicts).then_some((s, t)),
            ]
        };
        assert_eq!(
            names(g.marked(|n| g.graph[n].id == "b", back)),
            ["a", "b", "c", "d"]
        );
        assert_eq!(names(g.marked(|_| false, back)), Vec::<&str>::new());
    }
}
