//! Layout phase 7a: edge routes.
//!
//! An edge leaves its source box and enters its target box through a port (see
//! [`super::port`]) on the top or bottom side. Between layers a route runs straight up
//! or down inside the bands (through its dummies' columns, kept clear of boxes) and
//! diagonally across the gaps, which hold no boxes. Edges between top nodes run
//! through the gap under the top layer; self-loops go out of the box's right side,
//! into the room reserved for them; undercuts are routed last, shallowest first, to
//! the midpoint of the edge they undercut (through their dummies while those are on
//! the way, or beside the box when the midpoint is in the same layer), ending at the
//! point of that edge nearest its midpoint from which the last stretch crosses no box
//! and no label. The label of an edge across layers takes its dummy's room; the
//! others are placed last, by [`super::label`], off every route. Depends on all the
//! earlier phases.

use super::input::{Edge, Graph};
use super::label::Obstacles;
use super::layered::{LABEL_PAD, LOOP_LABEL_GAP, LOOP_OUT, LOOP_STEP, Layered, Shape};
use super::polyline::{along, halfway, simplify};
use super::port::{Ports, ports};
use super::position::Placed;
use super::{EdgeRoute, Point, Rect};

/// The vertical step between the levels of routes between top nodes.
const FLAT_STEP: f64 = 6.0;
/// How many vertices an undercut looks past for a straight way to a point beside it.
const SCAN: usize = 64;
/// The step between the points of an edge an undercut may end at, and how many of
/// them it tries.
const TARGET_STEP: f64 = 6.0;
const TARGETS: usize = 64;
/// How far apart two undercuts end, when they can.
const ENDS_APART: f64 = 30.0;

/// Routes the edges of one placed component and writes its boxes and routes.
pub(super) fn draw(
    graph: &Graph,
    g: &Layered,
    p: &Placed,
    edges: &[usize],
    rects: &mut [Rect],
    routes: &mut [EdgeRoute],
) {
    for (v, &node) in g.nodes.iter().enumerate() {
        rects[node] = p.rect(g, v);
    }
    let largest = edges
        .iter()
        .filter_map(|&e| graph.labels[e])
        .map(|(w, h)| w.max(h))
        .fold(0.0, f64::max);
    let router = Router {
        graph,
        g,
        p,
        obstacles: Obstacles::new(g, p, largest),
        ports: ports(graph, g, p),
        later: Default::default(),
        ends: Default::default(),
    };
    let mut flat = 0;
    for &e in edges {
        if let Edge::Link { source, .. } = graph.edges[e] {
            routes[e] = router.link(e, source, flat);
            flat += usize::from(matches!(g.shape(e), Some(Shape::Flat { .. })));
        }
    }
    router.loops(edges, routes);
    let mut undercuts: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|&e| match graph.edges[e] {
            Edge::Undercut { depth, .. } => Some((depth, e)),
            _ => None,
        })
        .collect();
    undercuts.sort_unstable();
    for (_, e) in undercuts {
        routes[e] = router.undercut(e, routes);
    }
    for &e in edges {
        router.obstacles.add_route(e, &routes[e].points);
    }
    for (e, wish) in router.later.take() {
        if let Some(size) = graph.labels[e] {
            let at = router.obstacles.place(e, &routes[e].points, wish, size);
            routes[e].label = Some(at);
        }
    }
}

/// What routing one component needs.
struct Router<'a> {
    graph: &'a Graph,
    g: &'a Layered,
    p: &'a Placed,
    obstacles: Obstacles<'a>,
    ports: Ports,
    /// The edges whose labels are placed last, and where each would go.
    later: std::cell::RefCell<Vec<(usize, Point)>>,
    /// Where the undercuts routed so far end.
    ends: std::cell::RefCell<Vec<Point>>,
}

impl Router<'_> {
    /// The vertex of a node of this component.
    fn vertex(&self, node: usize) -> usize {
        self.g.nodes.binary_search(&node).unwrap_or(0)
    }

    /// The x where an edge meets a vertex's box (its centre if it has no port).
    fn port(&self, e: usize, at_source: bool, v: usize) -> f64 {
        self.ports
            .get(&(e, at_source))
            .map_or(self.p.x[v], |&(x, _)| x)
    }

    /// The route of a plain edge, with its label; `flat` counts the edges between top
    /// nodes routed so far.
    fn link(&self, e: usize, source: usize, flat: usize) -> EdgeRoute {
        let Some(shape) = self.g.shape(e) else {
            return EdgeRoute {
                points: Vec::new(),
                label: None,
            };
        };
        let s = self.vertex(source);
        let (p, g) = (self.p, self.g);
        let (points, wish) = match shape {
            Shape::Chain {
                upper,
                lower,
                dummies,
                label: Some(d),
            } => {
                let points = self.through(e, *upper, *lower, dummies.clone(), s == *upper);
                let room = p.rect(g, *d);
                let label = Rect {
                    y: room.y + LABEL_PAD,
                    height: room.height - 2.0 * LABEL_PAD,
                    ..room
                };
                self.obstacles.reserve(label);
                return EdgeRoute {
                    points: simplify(points),
                    label: self.graph.labels[e].map(|_| Point {
                        x: label.x,
                        y: label.y,
                    }),
                };
            }
            Shape::Chain {
                upper,
                lower,
                dummies,
                label,
            } => {
                let points = self.through(e, *upper, *lower, dummies.clone(), s == *upper);
                let wish = match (label, dummies.is_empty()) {
                    (Some(d), _) => Point {
                        x: p.x[*d],
                        y: p.band_middle(g.layer[*d]),
                    },
                    (None, true) => Point {
                        x: (self.port(e, true, s) + self.port(e, false, other(s, *upper, *lower)))
                            / 2.0,
                        y: (p.band_bottom(g.layer[*upper]) + p.band_top[g.layer[*lower]]) / 2.0,
                    },
                    (None, false) => halfway(&points),
                };
                (points, wish)
            }
            Shape::Straight { upper, lower } => {
                let points = self.through(e, *upper, *lower, 0..0, s == *upper);
                let wish = halfway(&points);
                (points, wish)
            }
            Shape::Flat { upper, lower } => self.flat(e, s, other(s, *upper, *lower), flat),
        };
        self.finish(e, points, wish)
    }

    /// Simplifies a route and leaves its label to be placed last, near `wish`.
    fn finish(&self, e: usize, points: Vec<Point>, wish: Point) -> EdgeRoute {
        let points = simplify(points);
        if self.graph.labels[e].is_some() {
            self.later.borrow_mut().push((e, wish));
        }
        EdgeRoute {
            points,
            label: None,
        }
    }

    /// A route from `upper` down through `dummies` to `lower`, or the other way round.
    fn through(
        &self,
        e: usize,
        upper: usize,
        lower: usize,
        dummies: std::ops::Range<usize>,
        source_is_upper: bool,
    ) -> Vec<Point> {
        let (p, g) = (self.p, self.g);
        let (lo, hi) = (p.rect(g, lower), p.rect(g, upper));
        let lo_x = self.port(e, !source_is_upper, lower);
        let hi_x = self.port(e, source_is_upper, upper);
        let mut points = vec![pt(lo_x, lo.y), pt(lo_x, p.band_top[g.layer[lower]])];
        for d in dummies.rev() {
            let l = g.layer[d];
            points.push(pt(p.x[d], p.band_bottom(l)));
            points.push(pt(p.x[d], p.band_top[l]));
        }
        points.push(pt(hi_x, p.band_bottom(g.layer[upper])));
        points.push(pt(hi_x, hi.y + hi.height));
        if source_is_upper {
            points.reverse();
        }
        points
    }

    /// A route between two boxes of one layer, through the gap below it: the `k`-th
    /// such route runs on one of a few levels, so that routes between the same boxes
    /// do not coincide, and its label sits a third of the way from the source.
    fn flat(&self, e: usize, s: usize, t: usize, k: usize) -> (Vec<Point>, Point) {
        let (p, g) = (self.p, self.g);
        let level = (k % 5) as f64 - 2.0;
        let y = p.band_bottom(g.layer[s]) + p.gap / 2.0 + FLAT_STEP * level;
        let (sx, tx) = (self.port(e, true, s), self.port(e, false, t));
        let (rs, rt) = (p.rect(g, s), p.rect(g, t));
        let points = vec![
            pt(sx, rs.y + rs.height),
            pt(sx, y),
            pt(tx, y),
            pt(tx, rt.y + rt.height),
        ];
        (points, pt(sx + (tx - sx) / 3.0, y))
    }

    /// Routes the self-loops.
    fn loops(&self, edges: &[usize], routes: &mut [EdgeRoute]) {
        let mut count = vec![0usize; self.g.nodes.len()];
        for &e in edges {
            if let Edge::Loop { node } = self.graph.edges[e] {
                count[self.vertex(node)] += 1;
            }
        }
        // Per vertex: loops drawn so far, and the width of their labels.
        let mut done = vec![(0usize, 0.0); self.g.nodes.len()];
        for &e in edges {
            if let Edge::Loop { node } = self.graph.edges[e] {
                let v = self.vertex(node);
                let (k, shift) = done[v];
                routes[e] = self.self_loop(e, v, (k, count[v]), shift);
                let width = self.graph.labels[e].map_or(0.0, |(w, _)| LOOP_LABEL_GAP + w);
                done[v] = (k + 1, shift + width);
            }
        }
    }

    /// Self-loop `k` of `count` on vertex `v`: out of the right side and back, nested,
    /// with the labels side by side to the right of the outermost loop, this one
    /// `shift` further right than the first.
    fn self_loop(&self, e: usize, v: usize, (k, count): (usize, usize), shift: f64) -> EdgeRoute {
        let r = self.p.rect(self.g, v);
        let (right, middle) = (r.x + r.width, r.y + r.height / 2.0);
        let out = LOOP_OUT + LOOP_STEP * k as f64;
        let dy = (r.height / 4.0 + 3.0 * k as f64).min(r.height / 2.0);
        let points = vec![
            pt(right, middle - dy),
            pt(right + out, middle - dy),
            pt(right + out, middle + dy),
            pt(right, middle + dy),
        ];
        let x = right + LOOP_OUT + LOOP_STEP * count.saturating_sub(1) as f64 + shift;
        let w = self.graph.labels[e].map_or(0.0, |(w, _)| w);
        self.finish(e, points, pt(x + LOOP_LABEL_GAP + w / 2.0, middle))
    }

    /// The route of an undercut: from its source box to the midpoint of the edge it
    /// undercuts, through its dummies while they lie before that point.
    fn undercut(&self, e: usize, routes: &[EdgeRoute]) -> EdgeRoute {
        let Edge::Undercut { source, edge, .. } = self.graph.edges[e] else {
            return EdgeRoute {
                points: Vec::new(),
                label: None,
            };
        };
        let s = self.vertex(source);
        let aim = &routes[edge].points;
        let mut targets = vec![halfway(aim)];
        targets.extend(along(aim, TARGET_STEP).into_iter().take(TARGETS));
        let taken = self.ends.borrow().clone();
        let apart = |t: Point| {
            taken
                .iter()
                .all(|q| (q.x - t.x).hypot(q.y - t.y) >= ENDS_APART)
        };
        let free: Vec<Point> = targets
            .into_iter()
            .filter(|&t| !self.obstacles.on_a_label(t) && apart(t))
            .collect();
        let clear = |points: &[Point]| {
            points
                .windows(2)
                .all(|w| self.obstacles.clear_line(w[0], w[1], s))
        };
        let mut routes_to = free.iter().map(|&t| self.undercut_to(e, s, t));
        let first = routes_to.next();
        let points = match &first {
            Some(points) if clear(points) => first.clone(),
            _ => routes_to.find(|points| clear(points)).or(first),
        }
        .unwrap_or_else(|| self.undercut_to(e, s, halfway(aim)));
        self.ends.borrow_mut().extend(points.last().copied());
        let wish = halfway(&points);
        self.finish(e, points, wish)
    }

    /// The route of undercut `e` from vertex `s` to `target`, a point of the edge it
    /// undercuts.
    fn undercut_to(&self, e: usize, s: usize, target: Point) -> Vec<Point> {
        let (p, g) = (self.p, self.g);
        let (r, l) = (p.rect(g, s), g.layer[s]);
        let up = target.y < r.y + r.height / 2.0;
        if p.band_top[l] <= target.y && target.y <= p.band_bottom(l) {
            return self.beside(e, s, target, up);
        }
        let x = match self.ports.get(&(e, true)) {
            Some(&(x, top)) if top == up => x,
            _ => r.x + r.width / 2.0,
        };
        let before = |y: f64| if up { target.y < y } else { target.y > y };
        let mut points = vec![pt(x, if up { r.y } else { r.y + r.height })];
        let edge_y = if up { p.band_top[l] } else { p.band_bottom(l) };
        if before(edge_y) {
            points.push(pt(x, edge_y));
            for d in self.dummies_from(e, s, up) {
                let (near, far) = if up {
                    (p.band_bottom(g.layer[d]), p.band_top[g.layer[d]])
                } else {
                    (p.band_top[g.layer[d]], p.band_bottom(g.layer[d]))
                };
                if !before(far) {
                    break;
                }
                points.push(pt(p.x[d], near));
                points.push(pt(p.x[d], far));
            }
        }
        points.push(target);
        simplify(points)
    }

    /// A route from vertex `s` to a point in its own layer: straight from the side of
    /// the box if only bends lie between, else through the gap above (`up`) or below.
    fn beside(&self, e: usize, s: usize, target: Point, up: bool) -> Vec<Point> {
        let (p, g) = (self.p, self.g);
        let (r, l) = (p.rect(g, s), g.layer[s]);
        let right = target.x >= p.x[s];
        let layer = &p.layers[l];
        let i = layer.partition_point(|&v| p.x[v] < p.x[s]);
        // Only bends in between, looking at a bounded number of them.
        let clear = |mut between: Box<dyn Iterator<Item = &usize> + '_>| {
            between.by_ref().take(SCAN).all(|&v| g.is_dummy(v)) && between.next().is_none()
        };
        let clear = if right {
            let after = layer.get(i + 1..).unwrap_or(&[]).iter();
            clear(Box::new(
                after.take_while(|&&v| p.x[v] - g.width[v] / 2.0 < target.x),
            ))
        } else {
            let before = layer[..i].iter().rev();
            clear(Box::new(
                before.take_while(|&&v| p.x[v] + g.width[v] / 2.0 > target.x),
            ))
        };
        if clear {
            let x = if right { r.x + r.width } else { r.x };
            return vec![pt(x, target.y.clamp(r.y, r.y + r.height)), target];
        }
        let x = match self.ports.get(&(e, true)) {
            Some(&(x, top)) if top == up => x,
            _ => r.x + r.width / 2.0,
        };
        let (border, gap) = if up {
            (r.y, p.band_top[l] - p.gap / 2.0)
        } else {
            (r.y + r.height, p.band_bottom(l) + p.gap / 2.0)
        };
        simplify(vec![pt(x, border), pt(x, gap), pt(target.x, gap), target])
    }

    /// The dummies of an edge's chain, starting next to vertex `s`, if the chain leaves
    /// `s` upwards (`up`) or downwards (not `up`).
    fn dummies_from(&self, e: usize, s: usize, up: bool) -> Vec<usize> {
        match self.g.shape(e) {
            Some(Shape::Chain {
                upper,
                lower,
                dummies,
                ..
            }) => {
                if up && *lower == s {
                    dummies.clone().rev().collect()
                } else if !up && *upper == s {
                    dummies.clone().collect()
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }
}

/// The end of `a`–`b` that is not `v`.
fn other(v: usize, a: usize, b: usize) -> usize {
    if v == a { b } else { a }
}

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}
