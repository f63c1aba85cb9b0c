//! The built-in layered (Sugiyama-style) layout of the rendering phase.
//!
//! It places node boxes and routes edges for the SVG and HTML renderers. It knows
//! nothing of debates: it takes box sizes, edges and the nodes that go on top, and
//! depends on no other crux module, so any renderer (and any test) can call it. Its
//! phases, one module each, only look backwards:
//!
//! 1. `input`: sizes made finite, invalid edges dropped, undercut chains resolved,
//!    the nodes split into connected components;
//! 2. `acyclic`: cycles broken by reversing a small feedback arc set (Eades–Lin–Smyth
//!    greedy order, top nodes first);
//! 3. `rank`: longest-path layering from the top, then a compaction pass;
//! 4. `layered`: nodes on every other layer, and dummy vertices (bends, and rooms
//!    for labels) in the layers an edge crosses;
//! 5. `order`: crossing reduction (barycenter sweeps and adjacent swaps);
//! 6. `position`: x by block descent on a quadratic energy under separation
//!    constraints (no overlaps by construction), y by layer;
//! 7. `port`, `route` and `label`: where edges meet their boxes, polylines
//!    through the dummies from border to border, and labels in rooms of their own or
//!    placed off the boxes and the other routes.
//!
//! Helpers shared by the phases: `csr` (adjacency lists), `polyline` (geometry of
//! routes) and `index` (which labels and route segments lie near a box or a segment).
//!
//! `hint` lays out with an earlier layout as a guide, so that a small edit moves only
//! the nodes it touches (for `crux serve`).
//!
//! Components are laid out one by one and put side by side. The result depends only
//! on the input (no hash order, no threads), and every order is seeded by node or edge
//! index, so a small edit moves little.

mod acyclic;
mod csr;
mod hint;
mod index;
mod input;
mod label;
mod layered;
mod order;
pub(in crate::render) mod polyline;
mod port;
mod position;
mod rank;
mod route;

pub use hint::{EdgeHint, LayoutHint, NodeHint, incident_counts, layout_hinted};

/// Horizontal room between two boxes of a layer (or a box and a long edge).
const NODE_GAP: f64 = 24.0;
/// Horizontal room between two long edges passing through the same layer.
const DUMMY_GAP: f64 = 12.0;
/// Vertical room between two layers of boxes, before room for labels is added.
const LAYER_GAP: f64 = 60.0;
/// Room between connected components placed side by side.
const COMPONENT_GAP: f64 = 48.0;
/// Empty border around the whole drawing.
const MARGIN: f64 = 20.0;

/// A point in SVG user units (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Point {
    /// Distance from the left.
    pub x: f64,
    /// Distance from the top.
    pub y: f64,
}

/// A node box: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Rect {
    /// Left side.
    pub x: f64,
    /// Top side.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// What an edge points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeTarget {
    /// A node, by index.
    Node(usize),
    /// another edge, near its middle (an undercut)
    Edge(usize),
}

/// An edge to lay out: `source` argues about `target`, so the target goes above.
#[derive(Clone, Debug)]
pub struct LayoutEdge {
    /// The arguing node, by index.
    pub source: usize,
    /// The node or edge argued about.
    pub target: EdgeTarget,
    /// size of the edge's label (the weight), if it has one
    pub label: Option<(f64, f64)>,
}

/// What to lay out. Indices out of range are ignored, never a panic.
#[derive(Clone, Debug)]
pub struct LayoutInput {
    /// box sizes, by node index
    pub nodes: Vec<(f64, f64)>,
    /// nodes that must be on the top layer (theses)
    pub top: Vec<usize>,
    /// The edges, by edge index.
    pub edges: Vec<LayoutEdge>,
}

/// How one edge is drawn.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EdgeRoute {
    /// polyline from the source box's border to the target (box border, or a point of
    /// the target edge for an undercut), at least 2 points
    ///
    /// An undercut ends on the edge it undercuts, at the point nearest the one halfway
    /// along it that it reaches without crossing a box or a label. An edge that
    /// was ignored (an index out of range, or undercuts undercutting each other in a
    /// cycle) has no points. A self-loop leaves and re-enters its box's right side.
    pub points: Vec<Point>,
    /// top-left of the label box, placed on/next to the route, not over any node box
    pub label: Option<Point>,
}

/// Where everything goes, in SVG user units, with a margin of 20 around it all.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Layout {
    /// The box of each node, by node index.
    pub nodes: Vec<Rect>,
    /// The route of each edge, by edge index.
    pub edges: Vec<EdgeRoute>,
    /// Width of the sheet.
    pub width: f64,
    /// Height of the sheet.
    pub height: f64,
}

/// Figures about a layout, for benchmarks, tests and debugging.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct LayoutStats {
    /// Layers of boxes of the tallest component (not counting the layers of labels
    /// and bends between them).
    pub layers: usize,
    /// Crossings between consecutive layers, long edges counted through their bends.
    /// Edges drawn straight or between top nodes, and the last stretch of undercuts,
    /// are not counted.
    pub crossings: u64,
    /// Bend points added: one per layer of labels and bends an edge crosses.
    pub dummies: usize,
    /// Connected components, laid out side by side.
    pub components: usize,
    /// Edges drawn downwards (target below source) to break cycles, ascending.
    pub reversed: Vec<usize>,
    /// Edges between two top nodes, drawn under the top layer, ascending.
    pub flat: Vec<usize>,
    /// Edges spanning so many layers that they got no bends (drawn straight, possibly
    /// over boxes), ascending. Only very large graphs have them.
    pub straight: Vec<usize>,
}

/// Lays out a graph: node boxes in layers, targets above sources, and edge routes.
pub fn layout(input: &LayoutInput) -> Layout {
    layout_with_stats(input).0
}

/// [`layout`], plus figures about the result.
pub fn layout_with_stats(input: &LayoutInput) -> (Layout, LayoutStats) {
    let graph = input::prepare(input);
    let acyclic = acyclic::break_cycles(&graph);
    let ranks = rank::assign(&graph, &acyclic);
    let span_cap = layered::span_cap(&acyclic, &ranks);
    let groups = Groups::new(&graph);
    let mut stats = acyclic.stats();
    stats.components = graph.components;
    let mut nodes = vec![zero_rect(); graph.sizes.len()];
    let mut edges = vec![no_route(); graph.edges.len()];
    let mut local = vec![0; graph.sizes.len()];
    let (mut cursor, mut height) = (MARGIN, 0.0_f64);
    for c in 0..graph.components {
        let (members, links) = (&groups.nodes[c], &groups.edges[c]);
        let g = layered::build(
            &graph, &acyclic, &ranks, members, links, span_cap, &mut local,
        );
        let (layers, crossings) = order::order(&g);
        let placed = position::place(&g, layers, layer_gap(&graph, links));
        route::draw(&graph, &g, &placed, links, &mut nodes, &mut edges);
        let (min, max) = bounds(&graph, members, links, &nodes, &edges);
        shift(
            members,
            links,
            &mut nodes,
            &mut edges,
            cursor - min.x,
            MARGIN - min.y,
        );
        cursor += max.x - min.x + COMPONENT_GAP;
        height = height.max(max.y - min.y);
        stats.layers = stats.layers.max(g.layer_count.div_ceil(2));
        stats.crossings += crossings;
        stats.dummies += g.dummies();
        stats.straight.extend(g.straight_edges());
    }
    stats.straight.sort_unstable();
    let width = if graph.components == 0 {
        2.0 * MARGIN
    } else {
        cursor - COMPONENT_GAP + MARGIN
    };
    let layout = Layout {
        nodes,
        edges,
        width,
        height: height + 2.0 * MARGIN,
    };
    (layout, stats)
}

/// The nodes and valid edges of each component, ascending.
struct Groups {
    nodes: Vec<Vec<usize>>,
    edges: Vec<Vec<usize>>,
}

impl Groups {
    fn new(graph: &input::Graph) -> Groups {
        let mut nodes = vec![Vec::new(); graph.components];
        let mut edges = vec![Vec::new(); graph.components];
        for (v, &c) in graph.component.iter().enumerate() {
            nodes[c].push(v);
        }
        for (e, edge) in graph.edges.iter().enumerate() {
            if let Some(source) = edge.source() {
                edges[graph.component[source]].push(e);
            }
        }
        Groups { nodes, edges }
    }
}

/// The vertical room between layers: half the base gap plus half the tallest label,
/// so that two layers of boxes, with a layer of labels and bends between, are at least
/// the base gap apart and a label centred in a gap never reaches a box.
fn layer_gap(graph: &input::Graph, links: &[usize]) -> f64 {
    let tallest = links
        .iter()
        .filter_map(|&e| graph.labels[e])
        .map(|(_, h)| h)
        .fold(0.0, f64::max);
    (LAYER_GAP + tallest) / 2.0
}

/// The corners of what a component draws: boxes, routes and labels.
fn bounds(
    graph: &input::Graph,
    members: &[usize],
    links: &[usize],
    nodes: &[Rect],
    edges: &[EdgeRoute],
) -> (Point, Point) {
    let mut min = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    let mut cover = |x: f64, y: f64, w: f64, h: f64| {
        min = Point {
            x: min.x.min(x),
            y: min.y.min(y),
        };
        max = Point {
            x: max.x.max(x + w),
            y: max.y.max(y + h),
        };
    };
    for &v in members {
        let r = nodes[v];
        cover(r.x, r.y, r.width, r.height);
    }
    for &e in links {
        for p in &edges[e].points {
            cover(p.x, p.y, 0.0, 0.0);
        }
        if let (Some(p), Some((w, h))) = (edges[e].label, graph.labels[e]) {
            cover(p.x, p.y, w, h);
        }
    }
    (min, max)
}

/// Moves a component's boxes, routes and labels by `(dx, dy)`.
fn shift(
    members: &[usize],
    links: &[usize],
    nodes: &mut [Rect],
    edges: &mut [EdgeRoute],
    dx: f64,
    dy: f64,
) {
    for &v in members {
        nodes[v].x += dx;
        nodes[v].y += dy;
    }
    for &e in links {
        let route = &mut edges[e];
        for p in route.points.iter_mut().chain(route.label.as_mut()) {
            p.x += dx;
            p.y += dy;
        }
    }
}

fn zero_rect() -> Rect {
    Rect {
        x: 0.0,
        y: 0.0,
        width: 0.0,
        height: 0.0,
    }
}

fn no_route() -> EdgeRoute {
    EdgeRoute {
        points: Vec::new(),
        label: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(source: usize, target: usize) -> LayoutEdge {
        LayoutEdge {
            source,
            target: EdgeTarget::Node(target),
            label: Some((30.0, 16.0)),
        }
    }

    #[test]
    fn empty_graph_is_just_the_margin() {
        let input = LayoutInput {
            nodes: vec![],
            top: vec![],
            edges: vec![],
        };
        let out = layout(&input);
        assert_eq!((out.width, out.height), (40.0, 40.0));
    }

    #[test]
    fn target_is_drawn_above_source() {
        let input = LayoutInput {
            nodes: vec![(100.0, 40.0), (120.0, 50.0)],
            top: vec![0],
            edges: vec![edge(1, 0)],
        };
        let out = layout(&input);
        let (t, s) = (out.nodes[0], out.nodes[1]);
        assert!(t.y + t.height + LAYER_GAP <= s.y);
        assert_eq!(out.edges[0].points.first().unwrap().y, s.y);
        assert_eq!(out.edges[0].points.last().unwrap().y, t.y + t.height);
        assert_eq!((t.x.min(s.x), t.y.min(s.y)), (MARGIN, MARGIN));
    }

    #[test]
    fn components_go_side_by_side() {
        let input = LayoutInput {
            nodes: vec![(100.0, 40.0); 2],
            top: vec![],
            edges: vec![],
        };
        let (out, stats) = layout_with_stats(&input);
        assert_eq!(stats.components, 2);
        assert_eq!(out.nodes[1].x, out.nodes[0].x + 100.0 + COMPONENT_GAP);
        assert_eq!(out.width, 2.0 * 100.0 + COMPONENT_GAP + 2.0 * MARGIN);
    }
}
