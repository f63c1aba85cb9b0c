//! Abstract argumentation frameworks: arguments and the attack relation, as compact
//! adjacency lists indexed by argument number.
//!
//! Phase: semantics. Built from a resolved [`ArgGraph`] (attacks, and contradictions in
//! both directions) or read from an ICCMA, APX or TGF file (`input.rs`).

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use crate::model::ArgGraph;

/// An argument's number inside one framework.
pub type Arg = u32;

/// A Dung framework: named arguments and who attacks whom.
#[derive(Clone, Debug, Default)]
pub struct Af {
    /// Argument names, by number.
    pub names: Vec<String>,
    /// `attackers[a]`: the arguments that attack `a` (deduplicated, sorted).
    pub attackers: Vec<Vec<Arg>>,
    /// `targets[a]`: the arguments `a` attacks (deduplicated, sorted).
    pub targets: Vec<Vec<Arg>>,
}

impl Af {
    /// A framework over `names` with the given `(attacker, attacked)` pairs. Duplicate
    /// attacks are merged.
    pub fn new(names: Vec<String>, attacks: impl IntoIterator<Item = (Arg, Arg)>) -> Af {
        let n = names.len();
        let mut attackers = vec![Vec::new(); n];
        let mut targets = vec![Vec::new(); n];
        for (a, b) in attacks {
            attackers[b as usize].push(a);
            targets[a as usize].push(b);
        }
        for list in attackers.iter_mut().chain(targets.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Af {
            names,
            attackers,
            targets,
        }
    }

    /// The framework of a debate: one argument per node (numbered in the graph's node
    /// order), `attacks` edges and both directions of `contradicts`. Supports and
    /// undercuts have no place in Dung semantics.
    pub fn from_graph(graph: &ArgGraph) -> Af {
        let names = graph
            .graph
            .node_indices()
            .map(|n| graph.graph[n].id.clone())
            .collect();
        let attacks = graph
            .attacks()
            .map(|(a, b, _)| (a.index() as Arg, b.index() as Arg));
        Af::new(names, attacks)
    }

    /// The graph node of an argument built by [`Af::from_graph`].
    pub fn node(arg: Arg) -> NodeIndex {
        NodeIndex::new(arg as usize)
    }

    /// Number of arguments.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of attacks.
    pub fn attack_count(&self) -> usize {
        self.targets.iter().map(Vec::len).sum()
    }

    /// The argument with this name.
    pub fn find(&self, name: &str) -> Option<Arg> {
        self.names.iter().position(|n| n == name).map(|i| i as Arg)
    }

    /// A name-to-number map, for many look-ups.
    pub fn index(&self) -> HashMap<&str, Arg> {
        self.names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as Arg))
            .collect()
    }

    /// Whether a set (as a membership vector) is conflict-free.
    pub fn conflict_free(&self, set: &[bool]) -> bool {
        (0..self.len()).all(|a| !set[a] || self.targets[a].iter().all(|&b| !set[b as usize]))
    }

    /// Whether `set` defends `a`: every attacker of `a` is attacked by `set`.
    pub fn defends(&self, set: &[bool], a: Arg) -> bool {
        self.attackers[a as usize]
            .iter()
            .all(|&b| self.attackers[b as usize].iter().any(|&c| set[c as usize]))
    }
}
