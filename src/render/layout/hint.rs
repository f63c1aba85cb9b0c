//! A layout that keeps an earlier one: the same phases, steered by where every node
//! was before, so that a small edit moves only what it touches.
//!
//! A node is *kept* when it was drawn before, its box has the same size, and its edges
//! (as source or as target) are the same edges, with labels of the same size, as
//! before. A kept node keeps its box exactly. Connected components whose nodes are all
//! kept and whose edges were all drawn before are reused as drawn (boxes, routes and
//! labels). In the other components, layers follow the earlier heights (a node drawn
//! before goes on the layer of its earlier band; an edge that now runs against the
//! layers is drawn sideways or downwards instead of moving nodes), each band keeps its earlier
//! middle when the bands around it leave room, and in each layer every node of the
//! same size as before keeps its earlier x, kept nodes first, as long as that does
//! not crowd a node placed already; then the other nodes, then the bends of the
//! edges, each take the free place nearest to where it wants to be (its earlier x,
//! the mean x of its neighbours placed already, or its edge's straight line). Edges
//! are routed as usual. A component with fewer than half of its nodes drawn before,
//! and a new one, is laid out afresh. Last, components are moved apart where they now overlap
//! (when they come closer than half the usual room, the one on the right moves right;
//! new ones go right of everything), and the whole
//! drawing moves only if something now reaches over the margin at the top or left.

use super::input::{Edge, Graph};
use super::layered::Layered;
use super::position::Placed;
use super::{
    COMPONENT_GAP, DUMMY_GAP, EdgeRoute, EdgeTarget, Layout, LayoutInput, MARGIN, NODE_GAP, Point,
    Rect, acyclic, bounds, layer_gap, layered, order, position, rank, route, shift,
};

/// The least room between two bands when a band grows into the gaps around it.
const MIN_BAND_GAP: f64 = 18.0;
/// Float noise when two earlier band middles are compared.
const SAME_BAND: f64 = 1e-6;

/// An earlier layout, by the indices of the graph laid out now.
#[derive(Clone, Debug, Default)]
pub struct LayoutHint {
    /// The earlier box of each node, by node index (`None` for a new node).
    pub nodes: Vec<Option<NodeHint>>,
    /// The earlier drawing of each edge, by edge index (`None` for a new edge, or one
    /// whose ends changed).
    pub edges: Vec<Option<EdgeHint>>,
}

/// Where a node was.
#[derive(Clone, Copy, Debug)]
pub struct NodeHint {
    /// Its box.
    pub rect: Rect,
    /// How many edges it had as source or as (node) target.
    pub edges: usize,
}

/// How an edge was drawn.
#[derive(Clone, Debug)]
pub struct EdgeHint {
    /// Its route and label.
    pub route: EdgeRoute,
    /// The size of its label.
    pub label: Option<(f64, f64)>,
}

impl LayoutHint {
    /// The hint from an earlier input and its layout, given the earlier index of each
    /// node and edge of the new input (`None` when new). An edge is matched only if
    /// its ends are matched nodes (or edges).
    pub fn new(
        earlier: &LayoutInput,
        drawn: &Layout,
        node_was: &[Option<usize>],
        edge_was: &[Option<usize>],
    ) -> LayoutHint {
        let degree = incident_counts(earlier);
        let nodes = node_was
            .iter()
            .map(|was| {
                let j = (*was)?;
                Some(NodeHint {
                    rect: *drawn.nodes.get(j)?,
                    edges: degree[j],
                })
            })
            .collect();
        let edges = edge_was
            .iter()
            .map(|was| {
                let j = (*was)?;
                Some(EdgeHint {
                    route: drawn.edges.get(j)?.clone(),
                    label: earlier.edges.get(j)?.label,
                })
            })
            .collect();
        LayoutHint { nodes, edges }
    }
}

/// How many edges each node has as source or as node target (a self-loop counts
/// once).
pub fn incident_counts(input: &LayoutInput) -> Vec<usize> {
    let n = input.nodes.len();
    let mut count = vec![0; n];
    for e in &input.edges {
        if e.source < n {
            count[e.source] += 1;
        }
        if let EdgeTarget::Node(t) = e.target
            && t < n
            && t != e.source
        {
            count[t] += 1;
        }
    }
    count
}

/// How a component was drawn this time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drawn {
    /// As before, unchanged.
    Reused,
    /// With some nodes where they were.
    Anchored,
    /// Afresh, to be put in free space.
    Fresh,
}

/// Lays out a graph, keeping what [`LayoutHint`] says was drawn before where it was.
pub fn layout_hinted(input: &LayoutInput, hint: &LayoutHint) -> Layout {
    let graph = super::input::prepare(input);
    let acyclic = acyclic::break_cycles(&graph);
    let fresh_ranks = rank::assign(&graph, &acyclic);
    let span_cap = layered::span_cap(&acyclic, &fresh_ranks);
    let groups = super::Groups::new(&graph);
    let n = graph.sizes.len();
    let edge_ok: Vec<bool> = (0..graph.edges.len())
        .map(|e| {
            hint.edges
                .get(e)
                .and_then(Option::as_ref)
                .is_some_and(|h| h.label == graph.labels[e] && graph.edges[e] != Edge::Invalid)
        })
        .collect();
    let node_hint = |v: usize| hint.nodes.get(v).copied().flatten();
    let same_size =
        |v: usize| node_hint(v).is_some_and(|h| (h.rect.width, h.rect.height) == graph.sizes[v]);
    let degree = incident_counts(input);
    let mut edges_ok = vec![true; n];
    for (e, edge) in input.edges.iter().enumerate() {
        let mut ends = vec![edge.source];
        if let EdgeTarget::Node(t) = edge.target {
            ends.push(t);
        }
        for v in ends.into_iter().filter(|&v| v < n) {
            edges_ok[v] &= edge_ok[e];
        }
    }
    let kept: Vec<bool> = (0..n)
        .map(|v| same_size(v) && edges_ok[v] && node_hint(v).is_some_and(|h| h.edges == degree[v]))
        .collect();
    let mut nodes = vec![super::zero_rect(); n];
    let mut edges = vec![super::no_route(); graph.edges.len()];
    let mut local = vec![0; n];
    let mut drawn = Vec::with_capacity(graph.components);
    // Where each node is in the order of cycle breaking.
    let mut seq_at = vec![0; n];
    for (i, &v) in acyclic.seq.iter().enumerate() {
        seq_at[v] = i;
    }
    for c in 0..graph.components {
        let (members, links) = (&groups.nodes[c], &groups.edges[c]);
        let kept_here = members.iter().filter(|&&v| kept[v]).count();
        if kept_here == members.len() && links.iter().all(|&e| edge_ok[e]) {
            for &v in members {
                nodes[v] = node_hint(v).map_or(super::zero_rect(), |h| h.rect);
            }
            for &e in links {
                if let Some(h) = hint.edges.get(e).and_then(Option::as_ref) {
                    edges[e] = h.route.clone();
                }
            }
            drawn.push(Drawn::Reused);
            continue;
        }
        let hinted = members.iter().filter(|&&v| node_hint(v).is_some()).count();
        let anchored = 2 * hinted >= members.len() && hinted > 0;
        let ranks = if anchored {
            hinted_ranks(&graph, &acyclic, members, (&fresh_ranks, &seq_at), |v| {
                node_hint(v).map(|h| h.rect)
            })
        } else {
            Ranked {
                ranks: fresh_ranks.clone(),
                anchor: Vec::new(),
            }
        };
        let g = layered::build(
            &graph,
            &acyclic,
            &ranks.ranks,
            members,
            links,
            span_cap,
            &mut local,
        );
        let gap = layer_gap(&graph, links);
        let placed = if anchored {
            let wishes = Wishes {
                kept: &kept,
                same_size: &|v| same_size(v),
                rect: &|v| node_hint(v).map(|h| h.rect),
                route: &|e| {
                    edge_ok[e]
                        .then(|| hint.edges.get(e).and_then(Option::as_ref))
                        .flatten()
                        .map(|h| h.route.points.as_slice())
                },
            };
            place_anchored(&g, &ranks.anchor, gap, &wishes)
        } else {
            let (layers, _) = order::order(&g);
            position::place(&g, layers, gap)
        };
        route::draw(&graph, &g, &placed, links, &mut nodes, &mut edges);
        if anchored {
            // The bands were put where the kept boxes were; take those boxes as they
            // were, without the float noise of going through their middles.
            for &v in members.iter().filter(|&&v| kept[v]) {
                if let Some(h) = node_hint(v) {
                    let r = nodes[v];
                    if (r.x - h.rect.x).abs() < 1e-6 && (r.y - h.rect.y).abs() < 1e-6 {
                        nodes[v] = h.rect;
                    }
                }
            }
        }
        drawn.push(if anchored {
            Drawn::Anchored
        } else {
            Drawn::Fresh
        });
    }
    arrange(&graph, &groups, &drawn, &mut nodes, &mut edges)
}

/// Ranks for one component, and the earlier middle of each layer that keeps it.
struct Ranked {
    ranks: Vec<usize>,
    /// By layer of the component: the y its band's middle keeps, if any.
    anchor: Vec<Option<f64>>,
}

/// Layers for the members of a component that follow their earlier bands: a node
/// drawn before goes on the layer of its earlier band (the earlier band middles, in
/// order); a new node just below the lowest node above it (or just above the nodes
/// below it). The other nodes keep `fresh`.
fn hinted_ranks(
    graph: &Graph,
    acyclic: &acyclic::Acyclic,
    members: &[usize],
    (fresh, seq_at): (&[usize], &[usize]),
    rect: impl Fn(usize) -> Option<Rect>,
) -> Ranked {
    let middle = |v: usize| rect(v).map(|r| r.y + r.height / 2.0);
    let mut levels: Vec<f64> = members.iter().filter_map(|&v| middle(v)).collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup_by(|a, b| (*a - *b).abs() < SAME_BAND);
    let level = |v: usize| {
        let m = middle(v)?;
        Some(levels.partition_point(|&l| l < m - SAME_BAND))
    };
    let mut ranks = fresh.to_vec();
    let mut above: Vec<Vec<usize>> = vec![Vec::new(); graph.sizes.len()];
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); graph.sizes.len()];
    for arc in 0..acyclic.arcs.len() {
        if let Some((u, l)) = acyclic.oriented(arc) {
            below[u].push(l);
            above[l].push(u);
        }
    }
    let mut seq = members.to_vec();
    seq.sort_by_key(|&v| seq_at[v]);
    for &v in &seq {
        ranks[v] = match level(v) {
            _ if graph.top[v] => 0,
            Some(l) => l,
            None => match above[v].iter().map(|&u| ranks[u] + 1).max() {
                Some(r) => r,
                None => below[v]
                    .iter()
                    .filter_map(|&w| level(w))
                    .min()
                    .map_or(0, |l| l.saturating_sub(1)),
            },
        };
    }
    // New nodes move down below what they argue about; a node drawn before keeps its
    // band, and an edge that now runs against the bands is drawn sideways or upwards.
    for &v in &seq {
        for &w in below[v]
            .iter()
            .filter(|&&w| level(w).is_none() && !graph.top[w])
        {
            ranks[w] = ranks[w].max(ranks[v] + 1);
        }
    }
    let lowest = members.iter().map(|&v| ranks[v]).min().unwrap_or(0);
    let top = members.iter().map(|&v| ranks[v]).max().unwrap_or(0);
    let mut anchor = vec![None; 2 * (top - lowest) + 1];
    for &v in members {
        let at_level = level(v).is_some_and(|l| l == ranks[v]);
        ranks[v] -= lowest;
        if at_level && anchor[2 * ranks[v]].is_none() {
            anchor[2 * ranks[v]] = middle(v);
        }
    }
    Ranked { ranks, anchor }
}

/// What the placement of an anchored component wants to know of the nodes and edges.
struct Wishes<'a> {
    kept: &'a [bool],
    same_size: &'a dyn Fn(usize) -> bool,
    rect: &'a dyn Fn(usize) -> Option<Rect>,
    route: &'a dyn Fn(usize) -> Option<&'a [Point]>,
}

/// Places the vertices of a component whose layers follow an earlier layout (see the
/// module's comment).
fn place_anchored(g: &Layered, anchor: &[Option<f64>], gap: f64, w: &Wishes) -> Placed {
    let count = g.layer_count;
    let mut band_height = vec![0.0_f64; count];
    for (v, &l) in g.layer.iter().enumerate() {
        band_height[l] = band_height[l].max(g.height[v]);
    }
    let band_top = bands(&band_height, anchor, gap, MARGIN);
    let smallest_gap = (1..count)
        .map(|l| band_top[l] - band_top[l - 1] - band_height[l - 1])
        .fold(gap, f64::min);
    let middle = |l: usize| band_top[l] + band_height[l] / 2.0;

    // New things go no further left than the component's boxes went before.
    let floor = (0..g.nodes.len())
        .filter_map(|v| (w.rect)(g.nodes[v]))
        .map(|r| r.x)
        .fold(f64::INFINITY, f64::min);
    let row = Row {
        items: Vec::new(),
        floor: if floor.is_finite() { floor } else { MARGIN },
    };
    let mut rows: Vec<Row> = vec![row; count];
    let mut x = vec![f64::NAN; g.layer.len()];
    let nodes = g.nodes.len();
    let put = |v: usize, at: f64, exact: bool, rows: &mut [Row], x: &mut [f64]| -> bool {
        let item = Item {
            x: at,
            left: g.width[v] / 2.0,
            right: g.width[v] / 2.0 + g.right_extra[v],
            dummy: g.is_dummy(v),
        };
        let row = &mut rows[g.layer[v]];
        match row.fit(item, exact) {
            Some(p) => {
                row.insert(Item { x: p, ..item });
                x[v] = p;
                true
            }
            None => false,
        }
    };
    let centre = |v: usize| (w.rect)(g.nodes[v]).map(|r| r.x + r.width / 2.0);
    // Nodes of the same size as before, at their earlier x: kept ones first.
    let mut floating = Vec::new();
    for pass in [true, false] {
        for v in 0..nodes {
            let node = g.nodes[v];
            if w.kept[node] != pass || !(w.same_size)(node) {
                continue;
            }
            if let Some(c) = centre(v)
                && put(v, c, true, &mut rows, &mut x)
            {
                continue;
            }
            floating.push(v);
        }
    }
    floating.extend((0..nodes).filter(|&v| !(w.same_size)(g.nodes[v])));
    // Bends of edges drawn before, where their route crossed the band.
    let mut bends = Vec::new();
    for (e, shape) in &g.shapes {
        if let layered::Shape::Chain { dummies, .. } = shape {
            for d in dummies.clone() {
                let earlier = (w.route)(*e).and_then(|pts| x_at(pts, middle(g.layer[d])));
                if !earlier.is_some_and(|at| put(d, at, true, &mut rows, &mut x)) {
                    bends.push(d);
                }
            }
        }
    }
    // The other nodes, top down: their earlier x, else over their neighbours.
    floating.sort_by_key(|&v| (g.layer[v], v));
    let neighbours = neighbour_nodes(g);
    for &v in &floating {
        let placed: Vec<f64> = neighbours[v]
            .iter()
            .map(|&u| x[u])
            .filter(|a| a.is_finite())
            .collect();
        let wish = centre(v)
            .or_else(|| {
                (!placed.is_empty()).then(|| placed.iter().sum::<f64>() / placed.len() as f64)
            })
            .unwrap_or_else(|| rows.iter().map(Row::right).fold(0.0, f64::max));
        put(v, wish, false, &mut rows, &mut x);
    }
    // The other bends, on the straight line between their edge's ends.
    let chains = chains(g);
    for &d in &bends {
        let (upper, lower, k, span) = chains[d - nodes];
        let t = k as f64 / span as f64;
        let wish = x[upper] + (x[lower] - x[upper]) * t;
        put(d, wish, false, &mut rows, &mut x);
    }
    let mut layers = vec![Vec::new(); count];
    for (v, &l) in g.layer.iter().enumerate() {
        layers[l].push(v);
    }
    for layer in &mut layers {
        layer.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    }
    Placed {
        layers,
        x,
        band_top,
        band_height,
        gap: smallest_gap,
    }
}

/// The tops of the bands: a band with an anchor keeps its middle there when the bands
/// above leave room (gaps shrink down to [`MIN_BAND_GAP`] for that, and nothing goes
/// above `ceiling`); the bands between two anchored ones share the room evenly; the
/// others are `gap` apart.
fn bands(height: &[f64], anchor: &[Option<f64>], gap: f64, ceiling: f64) -> Vec<f64> {
    let count = height.len();
    let mut top = vec![0.0; count];
    // The last band placed (`None`: the ceiling), and where it ends.
    let (mut last, mut bottom): (Option<usize>, f64) = (None, ceiling);
    for l in 0..count {
        let Some(m) = anchor.get(l).copied().flatten() else {
            continue;
        };
        let first = last.map_or(0, |k| k + 1);
        let between: f64 = height[first..l].iter().sum();
        // The gaps between the bands from `last` to `l`; none above the first band.
        let gaps = (l - first) as f64 + if last.is_some() { 1.0 } else { 0.0 };
        let want = m - height[l] / 2.0;
        let room = want - bottom - between;
        let fits = if gaps == 0.0 {
            room >= -1e-9
        } else {
            room >= gaps * MIN_BAND_GAP
        };
        let step = match last {
            _ if !fits => gap,
            None if gaps > 0.0 => (room / gaps).min(gap),
            None => 0.0,
            Some(_) => room / gaps,
        };
        // Above the first anchor the bands hang from it; elsewhere they follow the last.
        let mut y = if last.is_none() && fits {
            want - between - step * gaps
        } else if last.is_none() {
            bottom
        } else {
            bottom + step
        };
        for k in first..l {
            top[k] = y;
            y += height[k] + step;
        }
        top[l] = if fits { want } else { y };
        bottom = top[l] + height[l];
        last = Some(l);
    }
    let first = last.map_or(0, |k| k + 1);
    let mut y = if last.is_some() {
        bottom + gap
    } else {
        ceiling
    };
    for l in first..count {
        top[l] = y;
        y += height[l] + gap;
    }
    top
}

/// The x where a route, drawn from end to end, is at height `y` (the first such point).
fn x_at(points: &[Point], y: f64) -> Option<f64> {
    points.windows(2).find_map(|w| {
        let (a, b) = (w[0], w[1]);
        let (lo, hi) = (a.y.min(b.y), a.y.max(b.y));
        if !(lo <= y && y <= hi) {
            return None;
        }
        if hi - lo < 1e-9 {
            return Some(a.x);
        }
        Some(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y))
    })
}

/// The vertices joined to each vertex, above and below.
fn neighbour_nodes(g: &Layered) -> Vec<Vec<usize>> {
    (0..g.layer.len())
        .map(|v| g.up.row(v).iter().chain(g.down.row(v)).copied().collect())
        .collect()
}

/// For each bend (by vertex minus the number of nodes): the upper and lower end of its
/// chain, its step down from the upper end, and the chain's span in layers.
fn chains(g: &Layered) -> Vec<(usize, usize, usize, usize)> {
    let mut out = vec![(0, 0, 0, 1); g.dummies()];
    for (_, shape) in &g.shapes {
        if let layered::Shape::Chain {
            upper,
            lower,
            dummies,
            ..
        } = shape
        {
            let span = (g.layer[*lower] - g.layer[*upper]).max(1);
            for d in dummies.clone() {
                out[d - g.nodes.len()] = (*upper, *lower, g.layer[d] - g.layer[*upper], span);
            }
        }
    }
    out
}

/// Something placed in a layer: its centre, how far it reaches left and right of it,
/// and whether it is a bend.
#[derive(Clone, Copy, Debug)]
struct Item {
    x: f64,
    left: f64,
    right: f64,
    dummy: bool,
}

/// The room between two neighbours of a layer.
fn room(a: &Item, b: &Item) -> f64 {
    if a.dummy && b.dummy {
        DUMMY_GAP
    } else {
        NODE_GAP
    }
}

/// What is placed in one layer, left to right.
#[derive(Clone, Debug)]
struct Row {
    items: Vec<Item>,
    /// Nothing reaches left of this.
    floor: f64,
}

impl Row {
    /// The right end of what is placed.
    fn right(&self) -> f64 {
        self.items.last().map_or(0.0, |i| i.x + i.right + NODE_GAP)
    }

    /// The x nearest `item.x` where the item fits with room around it; with `exact`,
    /// only `item.x` itself.
    fn fit(&self, item: Item, exact: bool) -> Option<f64> {
        let at = self.items.partition_point(|i| i.x < item.x);
        // The range of centres that fits between items `j - 1` and `j`.
        let gap = |j: usize| -> Option<(f64, f64)> {
            let lo = match j.checked_sub(1).map(|k| &self.items[k]) {
                Some(a) => a.x + a.right + room(a, &item) + item.left,
                None => self.floor + item.left,
            };
            let hi = match self.items.get(j) {
                Some(b) => b.x - b.left - room(&item, b) - item.right,
                None => f64::INFINITY,
            };
            (lo <= hi).then_some((lo, hi))
        };
        if exact {
            return gap(at)
                .filter(|&(lo, hi)| lo <= item.x + 1e-9 && item.x <= hi + 1e-9)
                .map(|_| item.x);
        }
        let left = (0..=at)
            .rev()
            .find_map(gap)
            .map(|(lo, hi)| item.x.clamp(lo, hi));
        let right = (at + 1..=self.items.len())
            .find_map(gap)
            .map(|(lo, hi)| item.x.clamp(lo, hi));
        match (left, right) {
            (Some(a), Some(b)) if (b - item.x).abs() < (a - item.x).abs() => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        }
    }

    fn insert(&mut self, item: Item) {
        let at = self.items.partition_point(|i| i.x < item.x);
        self.items.insert(at, item);
    }
}

/// Puts the components where they do not overlap: the reused and anchored ones, left
/// to right, where they are unless they now overlap one placed already (then moved
/// right, past it), the fresh ones right of everything; then the whole drawing inside
/// the margin.
fn arrange(
    graph: &Graph,
    groups: &super::Groups,
    drawn: &[Drawn],
    nodes: &mut [Rect],
    edges: &mut [EdgeRoute],
) -> Layout {
    let mut boxes: Vec<(Point, Point)> = Vec::new();
    // Components drawn before may come closer than they are put afresh, down to half
    // the room, before one is moved.
    let overlaps = |a: &(Point, Point), b: &(Point, Point)| {
        let g = COMPONENT_GAP / 2.0;
        a.0.x < b.1.x + g && b.0.x < a.1.x + g && a.0.y < b.1.y + g && b.0.y < a.1.y + g
    };
    let mut order: Vec<usize> = (0..drawn.len()).collect();
    let bound = |c: usize, nodes: &[Rect], edges: &[EdgeRoute]| {
        bounds(graph, &groups.nodes[c], &groups.edges[c], nodes, edges)
    };
    let firsts: Vec<(Point, Point)> = order.iter().map(|&c| bound(c, nodes, edges)).collect();
    order.sort_by(|&a, &b| {
        let fresh = |c: usize| drawn[c] == Drawn::Fresh;
        fresh(a)
            .cmp(&fresh(b))
            .then(firsts[a].0.x.total_cmp(&firsts[b].0.x))
            .then(a.cmp(&b))
    });
    for c in order {
        let (members, links) = (&groups.nodes[c], &groups.edges[c]);
        let mut b = firsts[c];
        if drawn[c] == Drawn::Fresh {
            let right = boxes
                .iter()
                .map(|b| b.1.x + COMPONENT_GAP)
                .fold(MARGIN, f64::max);
            let (dx, dy) = (right - b.0.x, MARGIN - b.0.y);
            shift(members, links, nodes, edges, dx, dy);
            b = bound(c, nodes, edges);
        }
        while let Some(hit) = boxes.iter().find(|o| overlaps(&b, o)) {
            let dx = hit.1.x + COMPONENT_GAP - b.0.x;
            shift(members, links, nodes, edges, dx, 0.0);
            b = bound(c, nodes, edges);
        }
        boxes.push(b);
    }
    let min_x = boxes.iter().map(|b| b.0.x).fold(f64::INFINITY, f64::min);
    let min_y = boxes.iter().map(|b| b.0.y).fold(f64::INFINITY, f64::min);
    let (dx, dy) = (
        if min_x < MARGIN - 1e-9 {
            MARGIN - min_x
        } else {
            0.0
        },
        if min_y < MARGIN - 1e-9 {
            MARGIN - min_y
        } else {
            0.0
        },
    );
    if dx != 0.0 || dy != 0.0 {
        let all: Vec<usize> = (0..nodes.len()).collect();
        let every: Vec<usize> = (0..edges.len()).collect();
        shift(&all, &every, nodes, edges, dx, dy);
    }
    let max_x = boxes.iter().map(|b| b.1.x + dx).fold(0.0, f64::max);
    let max_y = boxes.iter().map(|b| b.1.y + dy).fold(0.0, f64::max);
    Layout {
        nodes: nodes.to_vec(),
        edges: edges.to_vec(),
        width: if boxes.is_empty() {
            2.0 * MARGIN
        } else {
            max_x + MARGIN
        },
        height: if boxes.is_empty() {
            2.0 * MARGIN
        } else {
            max_y + MARGIN
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_keep_their_middles_where_there_is_room() {
        // Layers 0 and 2 keep their middles; layer 1 gets the room between, evenly.
        let top = bands(
            &[40.0, 20.0, 60.0],
            &[Some(100.0), None, Some(300.0)],
            38.0,
            20.0,
        );
        assert_eq!(top, vec![80.0, 185.0, 270.0]);
        // No room for layer 2 at its middle: it follows with the usual gap.
        let top = bands(
            &[40.0, 20.0, 60.0],
            &[Some(40.0), None, Some(100.0)],
            38.0,
            20.0,
        );
        assert_eq!(top, vec![20.0, 98.0, 156.0]);
        // Nothing goes above the ceiling.
        assert_eq!(bands(&[40.0], &[Some(30.0)], 38.0, 20.0), vec![20.0]);
        // Bands above the first anchor hang from it, the gaps shrunk to fit.
        let top = bands(&[50.0, 20.0, 40.0], &[None, None, Some(150.0)], 38.0, 20.0);
        assert_eq!(top, vec![20.0, 90.0, 130.0]);
    }

    #[test]
    fn a_new_item_takes_the_nearest_free_place() {
        let item = |x: f64, w: f64| Item {
            x,
            left: w / 2.0,
            right: w / 2.0,
            dummy: false,
        };
        let mut row = Row {
            items: Vec::new(),
            floor: 0.0,
        };
        row.insert(item(100.0, 100.0));
        row.insert(item(300.0, 100.0));
        // Between them there is room for 52 (24 each side of it): a 40 fits, a 60 not.
        assert_eq!(row.fit(item(190.0, 40.0), false), Some(194.0));
        assert_eq!(row.fit(item(200.0, 60.0), false), Some(404.0));
        assert_eq!(row.fit(item(200.0, 60.0), true), None);
        // Never left of the floor.
        assert_eq!(row.fit(item(0.0, 10.0), false), Some(5.0));
    }
}
