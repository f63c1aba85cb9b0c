//! Abstract argumentation frameworks: arguments and the attack relation, as compact
//! adjacency lists indexed by argument number.
//!
//! Phase: semantics. Built from a resolved [`ArgGraph`] (attacks, and contradictions in
//! both directions) or read from an ICCMA, APX or TGF file (`input.rs`).

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::deadline::{Deadline, Timeout};
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
        match Af::new_until(names, attacks, Deadline::none()) {
            Ok(af) => af,
            Err(Timeout) => unreachable!("no deadline"),
        }
    }

    /// [`Af::new`], or `Timeout` when the deadline passes first (building the
    /// adjacency lists of millions of attacks takes a noticeable time).
    pub fn new_until(
        names: Vec<String>,
        attacks: impl IntoIterator<Item = (Arg, Arg)>,
        deadline: Deadline,
    ) -> Result<Af, Timeout> {
        let mut ticker = deadline.ticker();
        let attacks: Vec<(Arg, Arg)> = attacks.into_iter().collect();
        let n = names.len();
        // Count first, so that every list is allocated once at its final size.
        let mut in_degree = vec![0u32; n];
        let mut out_degree = vec![0u32; n];
        for &(a, b) in &attacks {
            ticker.tick()?;
            in_degree[b as usize] += 1;
            out_degree[a as usize] += 1;
        }
        let mut attackers: Vec<Vec<Arg>> = Vec::with_capacity(n);
        let mut targets: Vec<Vec<Arg>> = Vec::with_capacity(n);
        for (&i, &o) in in_degree.iter().zip(&out_degree) {
            ticker.tick()?;
            attackers.push(Vec::with_capacity(i as usize));
            targets.push(Vec::with_capacity(o as usize));
        }
        for (a, b) in attacks {
            ticker.tick()?;
            attackers[b as usize].push(a);
            targets[a as usize].push(b);
        }
        for list in attackers.iter_mut().chain(targets.iter_mut()) {
            ticker.tick_by(1 + list.len())?;
            list.sort_unstable();
            list.dedup();
        }
        Ok(Af {
            names,
            attackers,
            targets,
        })
    }

    /// The framework of a debate: one argument per node (numbered in the graph's node
    /// order), `attacks` edges and both directions of `contradicts`. Supports and
    /// undercuts have no place in Dung semantics.
    pub fn from_graph(graph: &ArgGraph) -> Af {
        match Af::from_graph_until(graph, Deadline::none()) {
            Ok(af) => af,
            Err(Timeout) => unreachable!("no deadline"),
        }
    }

    /// [`Af::from_graph`], or `Timeout` when the deadline passes first.
    pub fn from_graph_until(graph: &ArgGraph, deadline: Deadline) -> Result<Af, Timeout> {
        let mut ticker = deadline.ticker();
        let mut names = Vec::with_capacity(graph.graph.node_count());
        for n in graph.graph.node_indices() {
            ticker.tick()?;
            names.push(graph.graph[n].id.to_string());
        }
        let mut attacks = Vec::new();
        for (a, b, _) in graph.attacks() {
            ticker.tick()?;
            attacks.push((a.index() as Arg, b.index() as Arg));
        }
        Af::new_until(names, attacks, deadline)
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
