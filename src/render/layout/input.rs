//! Layout phase 1: the input made safe to work on.
//!
//! Sizes become finite and non-negative; edges that refer to missing nodes or edges,
//! or undercut each other in a cycle, are marked invalid; chains of undercuts are
//! resolved to the plain edge (or self-loop) they finally rest on; the ranking
//! constraints of plain edges are listed (those of undercuts wait for cycle breaking,
//! which decides which end of the undercut edge is drawn higher); the nodes are split
//! into connected components. Depends only on the public input types.

use super::{EdgeTarget, LayoutInput};

/// The largest size kept for a box or a label; larger ones are clamped.
const MAX_SIZE: f64 = 1e6;

/// What an input edge becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Edge {
    /// Refers to something missing, or is part of a cycle of undercuts: not drawn.
    Invalid,
    /// A node arguing about itself.
    Loop { node: usize },
    /// `source` argues about `target`, another node.
    Link { source: usize, target: usize },
    /// `source` undercuts edge `edge`, whose chain of undercuts ends at edge `base`, a
    /// plain edge or a self-loop; `depth` is the length of that chain (1 for an
    /// undercut of a plain edge).
    Undercut {
        source: usize,
        edge: usize,
        base: usize,
        depth: usize,
    },
}

impl Edge {
    /// The node the edge starts from, if it is valid.
    pub(super) fn source(&self) -> Option<usize> {
        match *self {
            Edge::Invalid => None,
            Edge::Loop { node } => Some(node),
            Edge::Link { source, .. } | Edge::Undercut { source, .. } => Some(source),
        }
    }
}

/// A ranking constraint: `upper` goes above `lower`, because of edge `edge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Arc {
    pub upper: usize,
    pub lower: usize,
    pub edge: usize,
}

/// The cleaned-up input.
#[derive(Debug)]
pub(super) struct Graph {
    /// Box sizes, by node.
    pub sizes: Vec<(f64, f64)>,
    /// Whether a node must be on the top layer.
    pub top: Vec<bool>,
    /// By edge index.
    pub edges: Vec<Edge>,
    /// Label sizes, by edge index.
    pub labels: Vec<Option<(f64, f64)>>,
    /// The ranking constraints of plain edges (target above source), in edge order.
    pub links: Vec<Arc>,
    /// The component of each node; components are numbered by their first node.
    pub component: Vec<usize>,
    /// The number of components.
    pub components: usize,
}

/// Cleans up the input. Never fails.
pub(super) fn prepare(input: &LayoutInput) -> Graph {
    let n = input.nodes.len();
    let mut top = vec![false; n];
    for &t in input.top.iter().filter(|&&t| t < n) {
        top[t] = true;
    }
    let (edges, links) = classify(input);
    let labels = input
        .edges
        .iter()
        .map(|e| e.label.map(|(w, h)| (clean(w), clean(h))))
        .collect();
    // An undercut joins its source to the source of the edge it rests on.
    let joins = edges.iter().filter_map(|edge| match *edge {
        Edge::Link { source, target } => Some((source, target)),
        Edge::Undercut { source, base, .. } => Some((source, input.edges[base].source)),
        _ => None,
    });
    let (component, components) = components(n, joins);
    Graph {
        sizes: input
            .nodes
            .iter()
            .map(|&(w, h)| (clean(w), clean(h)))
            .collect(),
        top,
        edges,
        labels,
        links,
        component,
        components,
    }
}

/// What each edge is, and the ranking constraints of the plain edges.
fn classify(input: &LayoutInput) -> (Vec<Edge>, Vec<Arc>) {
    let resolved = resolve(input);
    let mut edges = Vec::with_capacity(input.edges.len());
    let mut links = Vec::new();
    for (e, (edge, resolved)) in input.edges.iter().zip(&resolved).enumerate() {
        let source = edge.source;
        edges.push(match (*resolved, edge.target) {
            (None, _) => Edge::Invalid,
            (Some(_), EdgeTarget::Node(t)) if t == source => Edge::Loop { node: t },
            (Some(_), EdgeTarget::Node(target)) => {
                links.push(Arc {
                    upper: target,
                    lower: source,
                    edge: e,
                });
                Edge::Link { source, target }
            }
            (Some((base, depth)), EdgeTarget::Edge(edge)) => Edge::Undercut {
                source,
                edge,
                base,
                depth,
            },
        });
    }
    (edges, links)
}

/// A size made finite, non-negative and not absurdly large.
fn clean(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, MAX_SIZE)
    } else {
        0.0
    }
}

/// For each edge, the edge its chain of undercuts rests on (itself if it points at a
/// node) and the chain's length, or `None` when an index is out of range or the chain
/// loops.
fn resolve(input: &LayoutInput) -> Vec<Option<(usize, usize)>> {
    let (n, m) = (input.nodes.len(), input.edges.len());
    let mut done: Vec<Option<Option<(usize, usize)>>> = vec![None; m];
    let mut on_chain = vec![false; m];
    let mut chain = Vec::new();
    for start in 0..m {
        if done[start].is_some() {
            continue;
        }
        let mut e = start;
        // What the last edge of the chain resolves to.
        let mut tail = loop {
            chain.push(e);
            on_chain[e] = true;
            let edge = &input.edges[e];
            if edge.source >= n {
                break None;
            }
            match edge.target {
                EdgeTarget::Node(t) => break (t < n).then_some((e, 0)),
                EdgeTarget::Edge(j) if j < m && !on_chain[j] => match done[j] {
                    Some(known) => break known.map(|(b, d)| (b, d + 1)),
                    None => e = j,
                },
                EdgeTarget::Edge(_) => break None,
            }
        };
        for &e in chain.iter().rev() {
            done[e] = Some(tail);
            on_chain[e] = false;
            tail = tail.map(|(b, d)| (b, d + 1));
        }
        chain.clear();
    }
    done.into_iter().map(Option::flatten).collect()
}

/// The component of each node (numbered by first node) and the number of components,
/// for the given pairs of joined nodes.
fn components(n: usize, joins: impl Iterator<Item = (usize, usize)>) -> (Vec<usize>, usize) {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for (a, b) in joins {
        let (a, b) = (find(&mut parent, a), find(&mut parent, b));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut id = vec![usize::MAX; n];
    let mut count = 0;
    let component = (0..n)
        .map(|v| {
            let root = find(&mut parent, v);
            if id[root] == usize::MAX {
                id[root] = count;
                count += 1;
            }
            id[root]
        })
        .collect();
    (component, count)
}

#[cfg(test)]
mod tests {
    use super::super::LayoutEdge;
    use super::*;

    fn input(n: usize, edges: &[(usize, EdgeTarget)]) -> LayoutInput {
        LayoutInput {
            nodes: vec![(f64::NAN, -3.0); n],
            top: vec![0, 99],
            edges: edges
                .iter()
                .map(|&(source, target)| LayoutEdge {
                    source,
                    target,
                    label: Some((f64::INFINITY, 1e300)),
                })
                .collect(),
        }
    }

    #[test]
    fn invalid_edges_and_undercut_cycles_are_dropped() {
        use EdgeTarget::{Edge as E, Node as N};
        let g = prepare(&input(
            3,
            &[
                (1, N(0)),
                (2, E(0)),
                (0, E(1)),
                (5, N(0)),
                (1, N(7)),
                (2, E(6)),
                (1, E(5)),
            ],
        ));
        assert_eq!(
            g.edges[0],
            Edge::Link {
                source: 1,
                target: 0
            }
        );
        let undercut = |source, edge, depth| Edge::Undercut {
            source,
            edge,
            base: 0,
            depth,
        };
        assert_eq!(g.edges[1], undercut(2, 0, 1));
        assert_eq!(g.edges[2], undercut(0, 1, 2));
        assert_eq!(&g.edges[3..5], &[Edge::Invalid, Edge::Invalid]);
        assert_eq!(&g.edges[5..7], &[Edge::Invalid, Edge::Invalid]);
        assert_eq!(g.links.len(), 1);
        assert_eq!(
            (g.sizes[0], g.labels[0]),
            ((0.0, 0.0), Some((0.0, MAX_SIZE)))
        );
        assert_eq!(g.top, vec![true, false, false]);
    }

    #[test]
    fn self_loops_and_components() {
        use EdgeTarget::Node as N;
        let g = prepare(&input(4, &[(3, N(3)), (2, N(1))]));
        assert_eq!(g.edges[0], Edge::Loop { node: 3 });
        assert_eq!((g.component, g.components), (vec![0, 1, 1, 2], 3));
    }

    #[test]
    fn cycles_of_undercuts_are_invalid() {
        use EdgeTarget::Edge as E;
        let g = prepare(&input(2, &[(0, E(1)), (1, E(0)), (1, E(2))]));
        assert!(g.edges.iter().all(|e| *e == Edge::Invalid));
    }
}
