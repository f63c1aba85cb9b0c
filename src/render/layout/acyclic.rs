//! Layout phase 2: cycle breaking.
//!
//! Debates have attack cycles and contradictions both ways, but layers need an acyclic
//! graph. Top nodes go first; arcs from a lower node up into a top node are reversed,
//! arcs between two top nodes are flat (drawn along the top layer). The other nodes
//! are ordered by the Eades–Lin–Smyth greedy heuristic (sinks to the back, sources to
//! the front, else the node with the largest out-degree minus in-degree), and the arcs
//! that point backwards in that order are reversed: a small feedback arc set, and none
//! at all when the graph is already acyclic. Ties go to the lowest index.
//!
//! Undercuts come second: an undercut ranks its source below the end of the undercut
//! edge that is drawn higher (its target, or its source if that edge was reversed), so
//! that the edge's midpoint is above the undercutter. These arcs follow the same order,
//! so they close no cycle. Depends on [`super::input`] only.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::LayoutStats;
use super::csr::Csr;
use super::input::{Arc, Edge, Graph};

/// How an arc is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    /// As given: `upper` above `lower`.
    Down,
    /// Turned around to break a cycle: `lower` above `upper`.
    Reversed,
    /// Between two top nodes: both on the top layer.
    Flat,
}

/// The outcome of cycle breaking.
#[derive(Debug)]
pub(super) struct Acyclic {
    /// Every node, in an order where all non-flat arcs, once oriented, go forwards.
    pub seq: Vec<usize>,
    /// Every ranking constraint, plain edges' and undercuts', in edge order.
    pub arcs: Vec<Arc>,
    /// By arc.
    pub dir: Vec<Dir>,
}

impl Acyclic {
    /// The arc `(above, below)` as drawn, or `None` for a flat arc.
    pub(super) fn oriented(&self, arc: usize) -> Option<(usize, usize)> {
        let a = self.arcs[arc];
        match self.dir[arc] {
            Dir::Down => Some((a.upper, a.lower)),
            Dir::Reversed => Some((a.lower, a.upper)),
            Dir::Flat => None,
        }
    }

    /// Statistics with the reversed and flat edges filled in.
    pub(super) fn stats(&self) -> LayoutStats {
        let edges = |d: Dir| -> Vec<usize> {
            let arcs = self.arcs.iter().zip(&self.dir);
            arcs.filter(|(_, dir)| **dir == d)
                .map(|(a, _)| a.edge)
                .collect()
        };
        LayoutStats {
            reversed: edges(Dir::Reversed),
            flat: edges(Dir::Flat),
            ..LayoutStats::default()
        }
    }
}

/// The direction of an arc as far as top nodes decide it, `None` if they do not.
fn by_top(top: &[bool], arc: &Arc) -> Option<Dir> {
    match (top[arc.upper], top[arc.lower]) {
        (true, true) => Some(Dir::Flat),
        (false, true) => Some(Dir::Reversed),
        (true, false) => Some(Dir::Down),
        (false, false) => None,
    }
}

/// Orders the nodes, decides the direction of every plain edge, then adds the arcs of
/// the undercuts.
pub(super) fn break_cycles(graph: &Graph) -> Acyclic {
    let n = graph.sizes.len();
    let top = &graph.top;
    let decided: Vec<Option<Dir>> = graph.links.iter().map(|a| by_top(top, a)).collect();
    let inner: Vec<(usize, usize)> = graph
        .links
        .iter()
        .zip(&decided)
        .filter(|(_, d)| d.is_none())
        .map(|(a, _)| (a.upper, a.lower))
        .collect();
    let mut seq: Vec<usize> = (0..n).filter(|&v| top[v]).collect();
    seq.extend(greedy_order(n, top, &inner));
    let mut pos = vec![0; n];
    for (i, &v) in seq.iter().enumerate() {
        pos[v] = i;
    }
    let orient = |arc: &Arc, decided: Option<Dir>| {
        decided.unwrap_or(if pos[arc.upper] < pos[arc.lower] {
            Dir::Down
        } else {
            Dir::Reversed
        })
    };
    let mut arcs: Vec<(Arc, Dir)> = graph
        .links
        .iter()
        .zip(decided)
        .map(|(a, d)| (*a, orient(a, d)))
        .collect();
    for arc in undercut_arcs(graph, &arcs) {
        arcs.push((arc, orient(&arc, by_top(top, &arc))));
    }
    arcs.sort_by_key(|(a, _)| a.edge);
    let (arcs, dir) = arcs.into_iter().unzip();
    Acyclic { seq, arcs, dir }
}

/// The ranking constraints of the undercuts, given the directions of the plain edges
/// (in edge order): below the end of the undercut edge that is drawn higher.
fn undercut_arcs(graph: &Graph, links: &[(Arc, Dir)]) -> Vec<Arc> {
    let mut arcs = Vec::new();
    for (e, edge) in graph.edges.iter().enumerate() {
        let Edge::Undercut { source, base, .. } = *edge else {
            continue;
        };
        let anchor = match graph.edges[base] {
            Edge::Loop { node } => node,
            Edge::Link { source, target } => {
                let i = links.partition_point(|(a, _)| a.edge < base);
                match links.get(i) {
                    Some((_, Dir::Reversed)) => source,
                    _ => target,
                }
            }
            _ => continue,
        };
        if anchor != source {
            arcs.push(Arc {
                upper: anchor,
                lower: source,
                edge: e,
            });
        }
    }
    arcs
}

/// The Eades–Lin–Smyth order of the nodes not in `skip`, for arcs `(from, to)`
/// between such nodes.
fn greedy_order(n: usize, skip: &[bool], arcs: &[(usize, usize)]) -> Vec<usize> {
    let out = Csr::new(n, arcs);
    let reversed: Vec<(usize, usize)> = arcs.iter().map(|&(a, b)| (b, a)).collect();
    let into = Csr::new(n, &reversed);
    let mut state = Greedy {
        outdeg: (0..n).map(|v| out.row(v).len() as i64).collect(),
        indeg: (0..n).map(|v| into.row(v).len() as i64).collect(),
        removed: skip.to_vec(),
        sinks: VecDeque::new(),
        sources: VecDeque::new(),
        heap: BinaryHeap::new(),
    };
    for v in (0..n).filter(|&v| !skip[v]) {
        state.enqueue(v);
        state
            .heap
            .push((state.outdeg[v] - state.indeg[v], Reverse(v)));
    }
    let (mut front, mut back) = (Vec::new(), Vec::new());
    while let Some((v, to_front)) = state.next() {
        if to_front {
            front.push(v);
        } else {
            back.push(v);
        }
        state.removed[v] = true;
        for &w in out.row(v) {
            state.touch(w, |s| s.indeg[w] -= 1);
        }
        for &u in into.row(v) {
            state.touch(u, |s| s.outdeg[u] -= 1);
        }
    }
    front.extend(back.into_iter().rev());
    front
}

/// The working state of [`greedy_order`].
struct Greedy {
    outdeg: Vec<i64>,
    indeg: Vec<i64>,
    removed: Vec<bool>,
    sinks: VecDeque<usize>,
    sources: VecDeque<usize>,
    /// `(out - in, node)`, with stale entries skipped when popped.
    heap: BinaryHeap<(i64, Reverse<usize>)>,
}

impl Greedy {
    fn enqueue(&mut self, v: usize) {
        if self.outdeg[v] == 0 {
            self.sinks.push_back(v);
        } else if self.indeg[v] == 0 {
            self.sources.push_back(v);
        }
    }

    /// Updates the degrees of a remaining neighbour of a removed node.
    fn touch(&mut self, v: usize, update: impl FnOnce(&mut Self)) {
        if self.removed[v] {
            return;
        }
        let was_free = self.outdeg[v] == 0 || self.indeg[v] == 0;
        update(self);
        if !was_free {
            self.enqueue(v);
        }
        self.heap.push((self.outdeg[v] - self.indeg[v], Reverse(v)));
    }

    /// The next node to remove, and whether it goes to the front of the order.
    fn next(&mut self) -> Option<(usize, bool)> {
        while let Some(v) = self.sinks.pop_front() {
            if !self.removed[v] {
                return Some((v, false));
            }
        }
        while let Some(v) = self.sources.pop_front() {
            if !self.removed[v] {
                return Some((v, true));
            }
        }
        while let Some((delta, Reverse(v))) = self.heap.pop() {
            if !self.removed[v] && delta == self.outdeg[v] - self.indeg[v] {
                return Some((v, true));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, top: &[usize], arcs: &[(usize, usize)]) -> Graph {
        let links: Vec<Arc> = arcs
            .iter()
            .enumerate()
            .map(|(edge, &(upper, lower))| Arc { upper, lower, edge })
            .collect();
        Graph {
            sizes: vec![(10.0, 10.0); n],
            top: (0..n).map(|v| top.contains(&v)).collect(),
            edges: arcs
                .iter()
                .map(|&(upper, lower)| Edge::Link {
                    source: lower,
                    target: upper,
                })
                .collect(),
            labels: vec![None; arcs.len()],
            links,
            component: vec![0; n],
            components: 1,
        }
    }

    #[test]
    fn an_acyclic_graph_keeps_every_arc() {
        let g = graph(4, &[], &[(0, 1), (1, 2), (0, 2), (3, 2)]);
        assert!(break_cycles(&g).dir.iter().all(|d| *d == Dir::Down));
    }

    #[test]
    fn a_contradiction_reverses_one_arc() {
        let g = graph(3, &[], &[(0, 1), (1, 2), (2, 1)]);
        let dirs = break_cycles(&g).dir;
        assert_eq!(dirs.iter().filter(|d| **d == Dir::Reversed).count(), 1);
    }

    #[test]
    fn top_nodes_come_first() {
        // 1 is above 0 by the arc, but 0 is on top: the arc is reversed.
        let g = graph(3, &[0, 2], &[(1, 0), (0, 1), (0, 2)]);
        let acyclic = break_cycles(&g);
        assert_eq!(acyclic.dir, vec![Dir::Reversed, Dir::Down, Dir::Flat]);
        assert_eq!(acyclic.seq, vec![0, 2, 1]);
        assert_eq!(acyclic.stats().reversed, vec![0]);
        assert_eq!(acyclic.stats().flat, vec![2]);
    }

    #[test]
    fn every_cycle_is_broken() {
        // A ring of 6 and its chords: after orienting, the order is topological.
        let arcs: Vec<(usize, usize)> = (0..6)
            .flat_map(|i| [(i, (i + 1) % 6), (i, (i + 3) % 6)])
            .collect();
        let g = graph(6, &[], &arcs);
        let acyclic = break_cycles(&g);
        let mut pos = [0; 6];
        for (i, &v) in acyclic.seq.iter().enumerate() {
            pos[v] = i;
        }
        for arc in 0..arcs.len() {
            let (a, b) = acyclic.oriented(arc).unwrap();
            assert!(pos[a] < pos[b]);
        }
    }
}
