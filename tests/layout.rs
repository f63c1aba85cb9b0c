//! The built-in layout, tested through its public API on generated argument graphs:
//! boxes never overlap, routes run from border to border, labels stay off the boxes,
//! top nodes are on top, targets are above sources, the output is deterministic, and
//! a small edit moves little. Odd inputs must not panic.

use crux::render::layout::{
    EdgeRoute, EdgeTarget, Layout, LayoutEdge, LayoutInput, LayoutStats, Point, Rect, layout,
    layout_with_stats,
};

/// Slack for floating-point comparisons.
const EPS: f64 = 1e-6;
/// The documented room between boxes of a layer, between layers, and around it all.
const NODE_GAP: f64 = 24.0;
const LAYER_GAP: f64 = 60.0;
const MARGIN: f64 = 20.0;

/// A xorshift64* generator: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn size(&mut self, min: usize, max: usize) -> f64 {
        (min + self.below(max - min + 1)) as f64
    }
}

/// A generated argument graph, and how many of its edges go against the grain (from an
/// earlier node to a later one, closing cycles).
struct Generated {
    input: LayoutInput,
    back: usize,
}

/// A random argument graph of `n` nodes, about two edges per node: the first nodes are
/// theses (on top), each later node argues about one or two earlier nodes, and some
/// add a contradiction back, an attack closing a cycle, an undercut of an earlier edge
/// (sometimes of an undercut) or a self-attack. Boxes are 120–260 by 40–120 units.
fn generate(n: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let theses = (n / 50).clamp(1, n.max(1));
    let nodes = (0..n)
        .map(|_| (rng.size(120, 260), rng.size(40, 120)))
        .collect();
    let mut edges: Vec<LayoutEdge> = Vec::new();
    let mut back = 0;
    let add = |edges: &mut Vec<LayoutEdge>, rng: &mut Rng, source: usize, target: EdgeTarget| {
        let label = rng.chance(70).then(|| (rng.size(24, 40), rng.size(14, 20)));
        edges.push(LayoutEdge {
            source,
            target,
            label,
        });
    };
    for t in 1..theses {
        if rng.chance(30) {
            let other = rng.below(t);
            add(&mut edges, &mut rng, t, EdgeTarget::Node(other));
        }
    }
    for i in theses..n {
        let target = rng.below(i);
        add(&mut edges, &mut rng, i, EdgeTarget::Node(target));
        if rng.chance(55) {
            let second = rng.below(i);
            add(&mut edges, &mut rng, i, EdgeTarget::Node(second));
        }
        if rng.chance(10) {
            add(&mut edges, &mut rng, target, EdgeTarget::Node(i));
            back += 1;
        }
        if rng.chance(10) {
            let from = rng.below(i);
            add(&mut edges, &mut rng, from, EdgeTarget::Node(i));
            back += 1;
        }
        if rng.chance(12) {
            let undercut = rng.below(edges.len());
            add(&mut edges, &mut rng, i, EdgeTarget::Edge(undercut));
        }
        if rng.chance(1) {
            add(&mut edges, &mut rng, i, EdgeTarget::Node(i));
        }
    }
    let input = LayoutInput {
        nodes,
        top: (0..theses).collect(),
        edges,
    };
    Generated { input, back }
}

/// The node an edge must be drawn below: its target, or for an undercut the end of
/// the plain edge under its chain of undercuts that is drawn higher.
fn anchor(input: &LayoutInput, stats: &LayoutStats, mut e: usize) -> usize {
    let direct = matches!(input.edges[e].target, EdgeTarget::Node(_));
    loop {
        match input.edges[e].target {
            EdgeTarget::Node(_) if !direct && stats.reversed.binary_search(&e).is_ok() => {
                return input.edges[e].source;
            }
            EdgeTarget::Node(t) => return t,
            EdgeTarget::Edge(j) => e = j,
        }
    }
}

fn on_border(p: Point, r: Rect) -> bool {
    let within = |v: f64, lo: f64, len: f64| v >= lo - EPS && v <= lo + len + EPS;
    let at = |v: f64, side: f64| (v - side).abs() < EPS;
    (within(p.x, r.x, r.width) && (at(p.y, r.y) || at(p.y, r.y + r.height)))
        || (within(p.y, r.y, r.height) && (at(p.x, r.x) || at(p.x, r.x + r.width)))
}

/// Whether two boxes share area (touching is fine).
fn overlap(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.width - EPS
        && b.x < a.x + a.width - EPS
        && a.y < b.y + b.height - EPS
        && b.y < a.y + a.height - EPS
}

/// `a` is at least a layer gap above `b`.
fn above(a: Rect, b: Rect) -> bool {
    a.y + a.height + LAYER_GAP - EPS <= b.y
}

fn boxes_are_apart(out: &Layout) {
    let mut order: Vec<usize> = (0..out.nodes.len()).collect();
    order.sort_by(|&a, &b| out.nodes[a].x.total_cmp(&out.nodes[b].x));
    for (i, &a) in order.iter().enumerate() {
        let ra = out.nodes[a];
        for &b in &order[i + 1..] {
            let rb = out.nodes[b];
            if rb.x >= ra.x + ra.width + NODE_GAP - EPS {
                break;
            }
            let vertical = (rb.y - (ra.y + ra.height)).max(ra.y - (rb.y + rb.height));
            assert!(
                vertical >= LAYER_GAP - EPS,
                "boxes {a} and {b} too close: {ra:?} {rb:?}"
            );
        }
    }
}

fn inside_sheet(out: &Layout, input: &LayoutInput) {
    let check = |x: f64, y: f64, w: f64, h: f64| {
        assert!(x.is_finite() && y.is_finite());
        assert!(
            x >= MARGIN - EPS && y >= MARGIN - EPS,
            "({x}, {y}) in the margin"
        );
        assert!(x + w <= out.width - MARGIN + EPS && y + h <= out.height - MARGIN + EPS);
    };
    for r in &out.nodes {
        check(r.x, r.y, r.width, r.height);
    }
    for (route, edge) in out.edges.iter().zip(&input.edges) {
        for p in &route.points {
            check(p.x, p.y, 0.0, 0.0);
        }
        if let (Some(p), Some((w, h))) = (route.label, edge.label) {
            check(p.x, p.y, w, h);
        }
    }
}

fn routes_join_their_ends(out: &Layout, input: &LayoutInput) {
    for (e, (route, edge)) in out.edges.iter().zip(&input.edges).enumerate() {
        assert!(
            route.points.len() >= 2,
            "edge {e} has {} points",
            route.points.len()
        );
        let (first, last) = (route.points[0], *route.points.last().unwrap());
        assert!(
            on_border(first, out.nodes[edge.source]),
            "edge {e} starts at {first:?}"
        );
        match edge.target {
            EdgeTarget::Node(t) => assert!(on_border(last, out.nodes[t]), "edge {e} ends off"),
            EdgeTarget::Edge(j) => {
                // An undercut ends on the edge it undercuts.
                let on = out.edges[j].points.windows(2).any(|w| {
                    let (a, b) = (w[0], w[1]);
                    let (dx, dy) = (b.x - a.x, b.y - a.y);
                    let len2 = dx * dx + dy * dy;
                    let t = if len2 == 0.0 {
                        0.0
                    } else {
                        (((last.x - a.x) * dx + (last.y - a.y) * dy) / len2).clamp(0.0, 1.0)
                    };
                    (a.x + t * dx - last.x).hypot(a.y + t * dy - last.y) < 1e-3
                });
                assert!(on, "edge {e} ends off the edge it undercuts");
            }
        }
        assert_eq!(route.label.is_some(), edge.label.is_some(), "edge {e}");
    }
}

fn labels_are_off_the_boxes(out: &Layout, input: &LayoutInput) {
    for (e, (route, edge)) in out.edges.iter().zip(&input.edges).enumerate() {
        let (Some(p), Some((width, height))) = (route.label, edge.label) else {
            continue;
        };
        let label = Rect {
            x: p.x,
            y: p.y,
            width,
            height,
        };
        for (v, &r) in out.nodes.iter().enumerate() {
            assert!(
                !overlap(label, r),
                "label of edge {e} over node {v}: {label:?} {r:?}"
            );
        }
    }
}

fn layers_point_up(out: &Layout, input: &LayoutInput, stats: &LayoutStats) {
    let mut lowest_bottom = f64::INFINITY;
    for r in &out.nodes {
        lowest_bottom = lowest_bottom.min(r.y + r.height);
    }
    for &t in &input.top {
        // No box a whole layer above a top node.
        assert!(
            out.nodes[t].y < lowest_bottom + LAYER_GAP,
            "top node {t} is not on top"
        );
    }
    for (e, edge) in input.edges.iter().enumerate() {
        let (s, t) = (edge.source, anchor(input, stats, e));
        let (rs, rt) = (out.nodes[s], out.nodes[t]);
        if s == t {
            continue;
        }
        if stats.flat.contains(&e) {
            assert!(input.top.contains(&s) && input.top.contains(&t));
            assert!((rs.y + rs.height / 2.0 - rt.y - rt.height / 2.0).abs() < EPS);
        } else if stats.reversed.binary_search(&e).is_ok() {
            assert!(above(rs, rt), "reversed edge {e} is not drawn downwards");
        } else {
            assert!(
                above(rt, rs),
                "edge {e}: target {t} is not above source {s}"
            );
        }
    }
}

/// Every geometric promise of the layout, for a valid input.
fn check_all(input: &LayoutInput) -> (Layout, LayoutStats) {
    let (out, stats) = layout_with_stats(input);
    assert_eq!(out.nodes.len(), input.nodes.len());
    assert_eq!(out.edges.len(), input.edges.len());
    for (r, &(w, h)) in out.nodes.iter().zip(&input.nodes) {
        assert_eq!((r.width, r.height), (w, h));
    }
    boxes_are_apart(&out);
    inside_sheet(&out, input);
    routes_join_their_ends(&out, input);
    labels_are_off_the_boxes(&out, input);
    layers_point_up(&out, input, &stats);
    (out, stats)
}

#[test]
fn generated_graphs_keep_every_promise() {
    for (n, seed) in [
        (10, 1),
        (10, 2),
        (25, 3),
        (60, 4),
        (150, 5),
        (400, 6),
        (1000, 7),
    ] {
        let generated = generate(n, seed);
        let (_, stats) = check_all(&generated.input);
        assert!(
            stats.reversed.len() <= generated.back,
            "{n} nodes: {} edges reversed, {} back edges generated",
            stats.reversed.len(),
            generated.back
        );
        assert!(stats.straight.is_empty());
    }
}

#[test]
fn an_acyclic_graph_reverses_nothing() {
    let mut input = generate(300, 11).input;
    input.edges.retain(|e| match e.target {
        EdgeTarget::Node(t) => t < e.source,
        EdgeTarget::Edge(_) => false,
    });
    let (_, stats) = check_all(&input);
    assert!(stats.reversed.is_empty(), "reversed: {:?}", stats.reversed);
}

#[test]
fn same_input_same_output() {
    let input = generate(500, 21).input;
    let (a, b) = (layout(&input), layout(&input));
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn adding_a_leaf_moves_little() {
    for (n, seed) in [(200, 31), (1000, 32)] {
        let before = generate(n, seed).input;
        let mut after = before.clone();
        after.nodes.push((180.0, 60.0));
        after.edges.push(LayoutEdge {
            source: n,
            target: EdgeTarget::Node(n / 2),
            label: Some((30.0, 16.0)),
        });
        let (a, b) = (layout(&before), check_all(&after).0);
        // Compare positions up to a shift of the whole drawing.
        let mut dx: Vec<f64> = (0..n).map(|v| b.nodes[v].x - a.nodes[v].x).collect();
        dx.sort_by(f64::total_cmp);
        let shift = dx[n / 2];
        let moved = (0..n)
            .filter(|&v| (b.nodes[v].x - a.nodes[v].x - shift).abs() >= a.nodes[v].width)
            .count();
        let same_layer = (0..n).filter(|&v| b.nodes[v].y == a.nodes[v].y).count();
        eprintln!("{n} nodes: {moved} moved more than their width, {same_layer} kept their y");
        // Typically 1-10 %; the bound leaves room for the unlucky insertion points.
        assert!(
            moved * 4 <= n,
            "{moved} of {n} nodes moved more than their width"
        );
        assert!(
            same_layer * 10 >= 9 * n,
            "only {same_layer} of {n} nodes kept their y"
        );
    }
}

#[test]
fn small_cases_look_right() {
    // A thesis, two arguments, evidence under one of them, and an undercut.
    let edge = |source, target| LayoutEdge {
        source,
        target,
        label: Some((30.0, 16.0)),
    };
    let input = LayoutInput {
        nodes: vec![
            (200.0, 60.0),
            (150.0, 40.0),
            (150.0, 40.0),
            (120.0, 50.0),
            (120.0, 50.0),
        ],
        top: vec![0],
        edges: vec![
            edge(1, EdgeTarget::Node(0)),
            edge(2, EdgeTarget::Node(0)),
            edge(3, EdgeTarget::Node(1)),
            edge(4, EdgeTarget::Edge(2)),
        ],
    };
    let (out, stats) = check_all(&input);
    // One bend per edge, in the layer of labels between two layers of boxes.
    assert_eq!((stats.layers, stats.crossings, stats.dummies), (3, 0, 4));
    let middle = |v: usize| out.nodes[v].x + out.nodes[v].width / 2.0;
    // The thesis sits between its two arguments.
    assert!(middle(1).min(middle(2)) < middle(0) && middle(0) < middle(1).max(middle(2)));
    // The undercutter sits on the evidence's layer.
    assert_eq!(
        out.nodes[3].y + out.nodes[3].height / 2.0,
        out.nodes[4].y + out.nodes[4].height / 2.0
    );
}

#[test]
fn odd_inputs_do_not_panic() {
    let edge = |source, target, label| LayoutEdge {
        source,
        target,
        label,
    };
    use EdgeTarget::{Edge as E, Node as N};
    let cases = vec![
        LayoutInput {
            nodes: vec![],
            top: vec![3],
            edges: vec![edge(0, N(1), None)],
        },
        LayoutInput {
            nodes: vec![(f64::NAN, f64::INFINITY), (-5.0, 0.0), (0.0, 0.0)],
            top: vec![0, 0, 1, 9],
            edges: vec![
                edge(0, N(1), Some((f64::NAN, -1.0))),
                edge(1, N(0), None),
                edge(0, N(1), None),
                edge(2, N(2), Some((20.0, 10.0))),
                edge(2, N(2), Some((20.0, 10.0))),
                edge(2, E(0), None),
                edge(1, E(5), Some((10.0, 10.0))),
                edge(1, E(7), None),
                edge(0, E(9), None),
                edge(7, N(0), None),
                edge(0, N(7), None),
                edge(2, E(10), None),
                edge(0, E(3), Some((10.0, 10.0))),
            ],
        },
    ];
    for input in &cases {
        let out = layout(input);
        assert_eq!(out.edges.len(), input.edges.len());
        assert!(out.width.is_finite() && out.height.is_finite());
    }
    let out = layout(&cases[1]);
    let empty: Vec<usize> = (0..13)
        .filter(|&e| out.edges[e].points.is_empty())
        .collect();
    assert_eq!(empty, vec![7, 8, 9, 10, 11]);
}

#[test]
fn cycles_loops_duplicates_and_top_edges_keep_the_promises() {
    let edge = |source, target: EdgeTarget, label: bool| LayoutEdge {
        source,
        target,
        label: label.then_some((28.0, 16.0)),
    };
    use EdgeTarget::{Edge as E, Node as N};
    let input = LayoutInput {
        nodes: (0..9)
            .map(|i| (120.0 + 10.0 * i as f64, 40.0 + 5.0 * i as f64))
            .collect(),
        top: vec![0, 1],
        edges: vec![
            edge(0, N(1), true),
            edge(1, N(0), true),
            edge(2, N(0), true),
            edge(3, N(2), true),
            edge(2, N(3), true),
            edge(4, N(3), false),
            edge(2, N(4), true),
            edge(5, N(5), true),
            edge(5, N(5), true),
            edge(5, N(1), true),
            edge(6, N(1), true),
            edge(6, N(1), true),
            edge(7, E(3), true),
            edge(8, E(12), true),
            edge(0, N(8), true),
            edge(8, N(8), false),
        ],
    };
    let (out, stats) = check_all(&input);
    assert_eq!(stats.flat, vec![0, 1]);
    // Duplicate edges get distinct routes.
    assert_ne!(out.edges[10].points, out.edges[11].points);
    // Self-loops do not coincide either.
    assert_ne!(out.edges[7].points, out.edges[8].points);
    let _: &EdgeRoute = &out.edges[0];
}

#[test]
fn extreme_shapes_keep_the_promises() {
    let edge = |source, target| LayoutEdge {
        source,
        target: EdgeTarget::Node(target),
        label: Some((30.0, 16.0)),
    };
    let boxes = |n: usize| -> Vec<(f64, f64)> {
        (0..n)
            .map(|i| (120.0 + (i % 7) as f64 * 20.0, 40.0 + (i % 5) as f64 * 20.0))
            .collect()
    };
    let n = 1000;
    let cases = [
        // A chain, with every node also arguing about the root: too many bends for
        // the budget, so the longest edges are drawn straight.
        (
            boxes(n),
            vec![0],
            (1..n).flat_map(|i| [edge(i, i - 1), edge(i, 0)]).collect(),
        ),
        // One cycle through every node, and no top node.
        (
            boxes(300),
            vec![],
            (0..300).map(|i| edge(i, (i + 1) % 300)).collect(),
        ),
        // A star, and a complete bipartite graph.
        (boxes(300), vec![0], (1..300).map(|i| edge(i, 0)).collect()),
        (
            boxes(40),
            (0..20).collect(),
            (20..40)
                .flat_map(|i| (0..20).map(move |t| edge(i, t)))
                .collect(),
        ),
        // Top nodes arguing about each other only.
        (
            boxes(50),
            (0..50).collect(),
            (1..50).map(|i| edge(i, i - 1)).collect(),
        ),
    ];
    for (nodes, top, edges) in cases {
        let input = LayoutInput { nodes, top, edges };
        check_all(&input);
    }
    let input = LayoutInput {
        nodes: boxes(n),
        top: vec![0],
        edges: (1..n).flat_map(|i| [edge(i, i - 1), edge(i, 0)]).collect(),
    };
    let (_, stats) = layout_with_stats(&input);
    assert!(!stats.straight.is_empty());
}

#[test]
fn random_junk_does_not_panic() {
    let mut rng = Rng::new(99);
    for _ in 0..300 {
        let n = rng.below(12);
        let odd = [f64::NAN, -1.0, f64::INFINITY, 0.0, 1e300];
        let size = |rng: &mut Rng| {
            if rng.chance(10) {
                odd[rng.below(odd.len())]
            } else {
                rng.size(1, 300)
            }
        };
        let nodes = (0..n).map(|_| (size(&mut rng), size(&mut rng))).collect();
        let m = rng.below(20);
        let edges = (0..m)
            .map(|_| {
                let source = rng.below(n + 2);
                let target = if rng.chance(30) {
                    EdgeTarget::Edge(rng.below(m + 2))
                } else {
                    EdgeTarget::Node(rng.below(n + 2))
                };
                let label = rng.chance(50).then(|| (size(&mut rng), size(&mut rng)));
                LayoutEdge {
                    source,
                    target,
                    label,
                }
            })
            .collect();
        let top = (0..rng.below(4)).map(|_| rng.below(n + 2)).collect();
        let input = LayoutInput { nodes, top, edges };
        let out = layout(&input);
        assert_eq!((out.nodes.len(), out.edges.len()), (n, m));
        assert!(out.width.is_finite() && out.height.is_finite());
        for r in &out.nodes {
            assert!([r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite()));
        }
        for route in &out.edges {
            assert!(route.points.is_empty() || route.points.len() >= 2);
            let label = route.label.iter();
            assert!(
                route
                    .points
                    .iter()
                    .chain(label)
                    .all(|p| p.x.is_finite() && p.y.is_finite())
            );
        }
    }
}

#[test]
fn in_a_wide_fan_each_label_sits_over_its_own_box() {
    // A thesis argued by 25 nodes: the lines meet at the thesis, so a label drawn
    // where they converge could be read as any of theirs. Each label stays over its
    // own box, nearer to it than to any other box of the row.
    let fan = 25;
    let input = LayoutInput {
        nodes: std::iter::once((240.0, 75.0))
            .chain((0..fan).map(|_| (240.0, 90.0)))
            .collect(),
        top: vec![0],
        edges: (1..=fan)
            .map(|source| LayoutEdge {
                source,
                target: EdgeTarget::Node(0),
                label: Some((25.0, 16.0)),
            })
            .collect(),
    };
    let (out, _) = check_all(&input);
    let middle = |v: usize| out.nodes[v].x + out.nodes[v].width / 2.0;
    for (e, route) in out.edges.iter().enumerate() {
        let label = route.label.expect("a label").x;
        let own = e + 1;
        let nearest = (1..=fan)
            .min_by(|&a, &b| {
                (middle(a) - label)
                    .abs()
                    .total_cmp(&(middle(b) - label).abs())
            })
            .unwrap();
        assert_eq!(nearest, own, "label of edge {e} at x {label}");
        assert!(
            (middle(own) - label).abs() < out.nodes[own].width / 2.0,
            "label of edge {e} at x {label}, its box's middle at {}",
            middle(own)
        );
    }
}
