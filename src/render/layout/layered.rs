//! Layout phase 4: the layered graph of one component.
//!
//! Vertices are the component's nodes (vertex `i` is its `i`-th node by index) then
//! dummy vertices, one per layer crossed by an edge spanning several layers. A node of
//! rank `r` goes to layer `2r`: the odd layers between hold no boxes, only bends, so
//! every edge between two ranks crosses at least one layer. A dummy is a bend point of
//! its edge; the middle dummy of a labelled edge is as large as the label, so every
//! label gets its own room in a layer, where no other line passes. Self-loops widen their node on
//! the right, for the loop and its labels. To keep the work near-linear, edges longer
//! than a cap (chosen so the dummies stay within a budget; only hit by large, deep
//! graphs) get no dummies and are drawn straight. Depends on [`super::input`],
//! [`super::acyclic`] and the ranks of [`super::rank`].

use std::ops::Range;

use super::acyclic::Acyclic;
use super::csr::Csr;
use super::input::{Edge, Graph};

/// How far a self-loop reaches out of its box, and the step between nested loops.
pub(super) const LOOP_OUT: f64 = 16.0;
pub(super) const LOOP_STEP: f64 = 10.0;
/// Room between a self-loop and its label, and between two loop labels.
pub(super) const LOOP_LABEL_GAP: f64 = 4.0;
/// Room above and below a label in its layer, so that the lines leaving the layer
/// slanting keep off it.
pub(super) const LABEL_PAD: f64 = 6.0;

/// How an edge with a ranking arc is laid through the layers.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shape {
    /// Through `dummies` (top to bottom) from vertex `upper` down to vertex `lower`.
    Chain {
        upper: usize,
        lower: usize,
        dummies: Range<usize>,
        label: Option<usize>,
    },
    /// Too long for dummies: a straight line.
    Straight { upper: usize, lower: usize },
    /// Between two vertices of the same layer (top nodes).
    Flat { upper: usize, lower: usize },
}

/// The layered graph of one component.
#[derive(Debug)]
pub(super) struct Layered {
    /// The component's nodes, ascending: vertex `i < nodes.len()` is node `nodes[i]`.
    pub nodes: Vec<usize>,
    /// The layer of each vertex.
    pub layer: Vec<usize>,
    /// The width and height of each vertex (a dummy's label, or nothing).
    pub width: Vec<f64>,
    pub height: Vec<f64>,
    /// Room reserved right of each vertex, for self-loops and their labels.
    pub right_extra: Vec<f64>,
    /// The number of layers.
    pub layer_count: usize,
    /// `(edge, shape)` for each edge with a ranking arc, by edge index.
    pub shapes: Vec<(usize, Shape)>,
    /// Neighbours in the layer above and below, in edge order.
    pub up: Csr,
    pub down: Csr,
}

impl Layered {
    /// Whether a vertex is a dummy.
    pub(super) fn is_dummy(&self, v: usize) -> bool {
        v >= self.nodes.len()
    }

    /// The number of dummy vertices.
    pub(super) fn dummies(&self) -> usize {
        self.layer.len() - self.nodes.len()
    }

    /// The shape of an edge, if it has a ranking arc.
    pub(super) fn shape(&self, edge: usize) -> Option<&Shape> {
        let i = self.shapes.binary_search_by_key(&edge, |(e, _)| *e).ok()?;
        Some(&self.shapes[i].1)
    }

    /// The edges drawn straight.
    pub(super) fn straight_edges(&self) -> impl Iterator<Item = usize> + '_ {
        let straight = |(e, s): &(usize, Shape)| matches!(s, Shape::Straight { .. }).then_some(*e);
        self.shapes.iter().filter_map(straight)
    }
}

/// The longest span (in ranks) an edge may have and still get dummies: unlimited unless the
/// dummies of all edges would exceed a budget linear in the size of the graph.
pub(super) fn span_cap(acyclic: &Acyclic, ranks: &[usize]) -> usize {
    let budget = 10 * (ranks.len() + acyclic.arcs.len()) + 10_000;
    let span = |a: &super::input::Arc| ranks[a.upper].abs_diff(ranks[a.lower]);
    let mut count = Vec::new();
    for s in acyclic.arcs.iter().map(span) {
        if count.len() <= s {
            count.resize(s + 1, 0usize);
        }
        count[s] += 1;
    }
    let mut used = 0;
    // An edge across `s` ranks crosses `2s - 1` layers.
    for (s, &c) in count.iter().enumerate().skip(1) {
        used += (2 * s - 1) * c;
        if used > budget {
            return s - 1;
        }
    }
    usize::MAX
}

/// Builds the layered graph of one component. `local` is scratch space by node.
pub(super) fn build(
    graph: &Graph,
    acyclic: &Acyclic,
    ranks: &[usize],
    nodes: &[usize],
    edges: &[usize],
    span_cap: usize,
    local: &mut [usize],
) -> Layered {
    let mut g = Layered {
        nodes: nodes.to_vec(),
        layer: nodes.iter().map(|&v| 2 * ranks[v]).collect(),
        width: nodes.iter().map(|&v| graph.sizes[v].0).collect(),
        height: nodes.iter().map(|&v| graph.sizes[v].1).collect(),
        right_extra: vec![0.0; nodes.len()],
        layer_count: nodes.iter().map(|&v| 2 * ranks[v] + 1).max().unwrap_or(0),
        shapes: Vec::new(),
        up: Csr::default(),
        down: Csr::default(),
    };
    for (i, &v) in nodes.iter().enumerate() {
        local[v] = i;
    }
    let mut pairs = Vec::new();
    let mut arcs = acyclic.arcs.iter().peekable();
    for &e in edges {
        while arcs.next_if(|a| a.edge < e).is_some() {}
        if let Some(arc) = arcs.next_if(|a| a.edge == e) {
            let (a, b) = (local[arc.upper], local[arc.lower]);
            // An undercut's label goes next to its source, where its route surely runs.
            let near = match graph.edges[e] {
                Edge::Undercut { source, .. } => Some(local[source]),
                _ => None,
            };
            let shape = g.lay(a, b, (graph.labels[e], near), span_cap, &mut pairs);
            g.shapes.push((e, shape));
        }
    }
    reserve_loops(graph, edges, local, &mut g.right_extra);
    let flipped: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
    g.down = Csr::new(g.layer.len(), &pairs);
    g.up = Csr::new(g.layer.len(), &flipped);
    g
}

impl Layered {
    /// The shape of an arc between vertices `a` and `b`, adding its dummies and its
    /// `(above, below)` vertex pairs; `label` is the size of its label and the vertex
    /// it goes next to (else in the middle).
    fn lay(
        &mut self,
        a: usize,
        b: usize,
        (label, near): (Option<(f64, f64)>, Option<usize>),
        span_cap: usize,
        pairs: &mut Vec<(usize, usize)>,
    ) -> Shape {
        let (upper, lower) = if self.layer[a] <= self.layer[b] {
            (a, b)
        } else {
            (b, a)
        };
        let span = self.layer[lower] - self.layer[upper];
        if span == 0 {
            return Shape::Flat { upper: a, lower: b };
        }
        if span > span_cap.saturating_mul(2) {
            return Shape::Straight { upper, lower };
        }
        let first = self.layer.len();
        let mut above = upper;
        // The label goes in the middle, in a layer without boxes (an odd one, the
        // nodes being on even layers).
        let middle = span / 2;
        let at = if near == Some(upper) {
            1
        } else if near == Some(lower) {
            span - 1
        } else if (self.layer[upper] + middle) % 2 == 1 || middle == 1 {
            middle
        } else {
            middle - 1
        };
        for k in 1..span {
            let d = self.layer.len();
            let (w, h) = label
                .filter(|_| k == at)
                .map_or((0.0, 0.0), |(w, h)| (w, h + 2.0 * LABEL_PAD));
            self.layer.push(self.layer[upper] + k);
            self.width.push(w);
            self.height.push(h);
            self.right_extra.push(0.0);
            pairs.push((above, d));
            above = d;
        }
        pairs.push((above, lower));
        let dummies = first..self.layer.len();
        let label = label.filter(|_| span >= 2).map(|_| first + at - 1);
        Shape::Chain {
            upper,
            lower,
            dummies,
            label,
        }
    }
}

/// Widens the nodes with self-loops on the right: nested loops, then their labels side
/// by side.
fn reserve_loops(graph: &Graph, edges: &[usize], local: &[usize], extra: &mut [f64]) {
    let mut loops = vec![0usize; extra.len()];
    let mut labels = vec![0.0; extra.len()];
    for &e in edges {
        if let Edge::Loop { node } = graph.edges[e] {
            let v = local[node];
            loops[v] += 1;
            if let Some((w, _)) = graph.labels[e] {
                labels[v] += LOOP_LABEL_GAP + w;
            }
        }
    }
    for (v, &k) in loops.iter().enumerate().filter(|(_, k)| **k > 0) {
        extra[v] = LOOP_OUT + LOOP_STEP * (k - 1) as f64 + labels[v];
    }
}

#[cfg(test)]
mod tests {
    use super::super::acyclic::break_cycles;
    use super::super::input::prepare;
    use super::super::rank::assign;
    use super::super::{EdgeTarget, LayoutEdge, LayoutInput};
    use super::*;

    fn layered(edges: &[(usize, usize)], cap: Option<usize>) -> Layered {
        let input = LayoutInput {
            nodes: vec![(50.0, 20.0); 5],
            top: vec![0],
            edges: edges
                .iter()
                .map(|&(source, target)| LayoutEdge {
                    source,
                    target: EdgeTarget::Node(target),
                    label: Some((30.0, 12.0)),
                })
                .collect(),
        };
        let graph = prepare(&input);
        let acyclic = break_cycles(&graph);
        let ranks = assign(&graph, &acyclic);
        let cap = cap.unwrap_or_else(|| span_cap(&acyclic, &ranks));
        let all: Vec<usize> = (0..5).collect();
        let edges: Vec<usize> = (0..edges.len()).collect();
        build(&graph, &acyclic, &ranks, &all, &edges, cap, &mut [0; 5])
    }

    #[test]
    fn a_long_edge_gets_one_dummy_per_layer_crossed() {
        // A chain 0 <- 1 <- 2 <- 3, and 3 -> 0 across three ranks: nodes on layers 0,
        // 2, 4 and 6, one bend between two ranks, five for 3 -> 0.
        let g = layered(&[(1, 0), (2, 1), (3, 2), (3, 0), (4, 4)], None);
        assert_eq!(&g.layer[..5], &[0, 2, 4, 6, 0]);
        assert_eq!(g.dummies(), 8);
        assert_eq!(&g.layer[5..], &[1, 3, 5, 1, 2, 3, 4, 5]);
        // Its label in the middle, on an odd layer (no boxes), with room above and below.
        let chain = Shape::Chain {
            upper: 0,
            lower: 3,
            dummies: 8..13,
            label: Some(10),
        };
        assert_eq!(g.shape(3), Some(&chain));
        assert_eq!((g.width[10], g.height[10]), (30.0, 12.0 + 2.0 * LABEL_PAD));
        assert_eq!((g.width[9], g.width[11]), (0.0, 0.0));
        // A one-rank edge labels its only bend.
        assert_eq!(g.width[5], 30.0);
        assert_eq!(g.down.row(0), &[5, 8]);
        assert_eq!(g.up.row(3), &[7, 12]);
        assert_eq!(g.right_extra[4], LOOP_OUT + LOOP_LABEL_GAP + 30.0);
        assert_eq!(g.shape(4), None);
    }

    #[test]
    fn edges_over_the_cap_are_straight() {
        let g = layered(&[(1, 0), (2, 1), (3, 2), (3, 0)], Some(2));
        assert_eq!(g.dummies(), 3);
        assert_eq!(g.straight_edges().collect::<Vec<_>>(), vec![3]);
    }
}
