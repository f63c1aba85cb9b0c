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

use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap;

use super::input::{Edge, Graph};
use super::label::{self, Obstacles};
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
        free: std::iter::repeat_with(OnceCell::new)
            .take(p.layers.len())
            .collect(),
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
    for &(_, e) in &undercuts {
        if let Some(room) = router.undercut_room(e) {
            router.obstacles.reserve(e, room);
        }
    }
    for (_, e) in undercuts {
        routes[e] = router.undercut(e, routes);
    }
    let later = router.later.take();
    let areas: Vec<Rect> = later
        .iter()
        .filter_map(|&(e, wish)| {
            let size = graph.labels[e]?;
            Some(label::reach(&routes[e].points, wish, size))
        })
        .collect();
    router.obstacles.watch(&areas);
    for &e in edges {
        router.obstacles.add_route(e, &routes[e].points);
    }
    for (e, wish) in later {
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
    later: RefCell<Vec<(usize, Point)>>,
    /// Where the undercuts routed so far end, by cells [`ENDS_APART`] wide.
    ends: RefCell<FxHashMap<(i64, i64), Vec<Point>>>,
    /// For each layer, once needed: the x-ranges, left to right, where a vertical line
    /// would touch a box or a label's room.
    free: Vec<OnceCell<Vec<(f64, f64)>>>,
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
                self.obstacles.reserve(e, label);
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
        targets.extend(along(aim, TARGET_STEP, TARGETS));
        let apart = |t: Point| self.apart(t);
        let free: Vec<Point> = targets
            .into_iter()
            .filter(|&t| !self.obstacles.on_a_label(t) && apart(t))
            .collect();
        // Candidates share their first segments: each segment is checked once.
        let checked: RefCell<FxHashMap<[u64; 4], bool>> = RefCell::default();
        let clear = |points: &[Point]| {
            points.windows(2).all(|w| {
                let key = [w[0].x, w[0].y, w[1].x, w[1].y].map(f64::to_bits);
                if let Some(&known) = checked.borrow().get(&key) {
                    return known;
                }
                let known = self.obstacles.clear_line(w[0], w[1], s, e);
                checked.borrow_mut().insert(key, known);
                known
            })
        };
        // The first route that is clear and passes the label's room, else the first
        // that is clear, else the first.
        let room = self.undercut_room(e);
        let through = |points: &[Point]| {
            room.is_some_and(|room| {
                let x = room.x + room.width / 2.0;
                points.windows(2).any(|w| {
                    let (top, bottom) = (w[0].y.min(w[1].y), w[0].y.max(w[1].y));
                    w[0].x == x && w[1].x == x && top <= room.y && room.y + room.height <= bottom
                })
            })
        };
        let (mut best, mut clear_one, mut first) = (None, None, None);
        // Each target straight from the last bend, or square: up or down to its
        // height, then across (in a gap, where no box and no label is).
        let elbow = |mut points: Vec<Point>| {
            let n = points.len();
            if n >= 2 {
                let (from, to) = (points[n - 2], points[n - 1]);
                points.insert(n - 1, pt(from.x, to.y));
            }
            simplify(points)
        };
        let candidates = free
            .iter()
            .flat_map(|&t| {
                let points = self.undercut_to(e, s, t);
                [points.clone(), elbow(points)]
            })
            .chain(self.through_gap(e, s, aim))
            .chain(self.hop(e, s, aim));
        for points in candidates {
            if clear(&points) {
                if through(&points) {
                    best = Some(points);
                    break;
                }
                if clear_one.is_none() {
                    clear_one = Some(points);
                }
            } else if first.is_none() {
                first = Some(points);
            }
        }
        let points = best
            .or(clear_one)
            .or(first)
            .unwrap_or_else(|| self.undercut_to(e, s, halfway(aim)));
        if let Some(&end) = points.last() {
            self.ends
                .borrow_mut()
                .entry(end_cell(end))
                .or_default()
                .push(end);
        }
        // Its label in its room, if the route runs through it.
        if let (Some(room), Some(_)) = (room, self.graph.labels[e])
            && through(&points)
        {
            return EdgeRoute {
                points,
                label: Some(Point {
                    x: room.x,
                    y: room.y,
                }),
            };
        }
        let wish = halfway(&points);
        self.finish(e, points, wish)
    }

    /// Routes of undercut `e` from vertex `s` out of its box into the gap above or
    /// below, then along the gap to where the edge it undercuts (`aim`) crosses it:
    /// the gaps hold no boxes and no labels.
    fn through_gap(&self, e: usize, s: usize, aim: &[Point]) -> Vec<Vec<Point>> {
        let (p, g) = (self.p, self.g);
        let (r, l) = (p.rect(g, s), g.layer[s]);
        let middle = halfway(aim);
        let mut out = Vec::new();
        for up in [true, false] {
            let (border, y) = if up {
                (r.y, p.band_top[l] - p.gap / 2.0)
            } else {
                (r.y + r.height, p.band_bottom(l) + p.gap / 2.0)
            };
            let x = match self.ports.get(&(e, true)) {
                Some(&(x, top)) if top == up => x,
                _ => r.x + r.width / 2.0,
            };
            let mut crossings: Vec<Point> = aim
                .windows(2)
                .filter(|w| w[0].y.min(w[1].y) < y && y < w[0].y.max(w[1].y))
                .map(|w| {
                    let t = (y - w[0].y) / (w[1].y - w[0].y);
                    pt(w[0].x + t * (w[1].x - w[0].x), y)
                })
                .collect();
            crossings.sort_by(|a, b| {
                let d = |q: &Point| (q.x - middle.x).hypot(q.y - middle.y);
                d(a).total_cmp(&d(b))
            });
            for t in crossings {
                out.push(simplify(vec![pt(x, border), pt(x, y), t]));
            }
        }
        out
    }

    /// The route of undercut `e` from vertex `s` along the gaps to the nearest gap the
    /// edge it undercuts (`aim`) crosses, square, crossing each layer between where it
    /// has no box and no label; it exists whenever `aim` crosses a gap.
    fn hop(&self, e: usize, s: usize, aim: &[Point]) -> Option<Vec<Point>> {
        let (p, g) = (self.p, self.g);
        let count = p.layers.len();
        let (r, l) = (p.rect(g, s), g.layer[s]);
        // Gap k lies above layer k (gap `count` below the last).
        let gap_y = |k: usize| {
            if k < count {
                p.band_top[k] - p.gap / 2.0
            } else {
                p.band_bottom(count - 1) + p.gap / 2.0
            }
        };
        let crossing = |k: usize| {
            let y = gap_y(k);
            aim.windows(2)
                .filter(|w| w[0].y.min(w[1].y) < y && y < w[0].y.max(w[1].y))
                .map(|w| {
                    let t = (y - w[0].y) / (w[1].y - w[0].y);
                    pt(w[0].x + t * (w[1].x - w[0].x), y)
                })
                .next()
        };
        // The gap crossed by `aim` nearest to the source's layer.
        let (k, target) = (0..=count)
            .filter_map(|k| crossing(k).map(|t| (k, t)))
            .min_by_key(|&(k, _)| if k <= l { l - k } else { k - l - 1 })?;
        let up = k <= l;
        let (border, start) = if up {
            (r.y, l)
        } else {
            (r.y + r.height, l + 1)
        };
        let x = match self.ports.get(&(e, true)) {
            Some(&(x, top)) if top == up => x,
            _ => r.x + r.width / 2.0,
        };
        let mut points = vec![pt(x, border), pt(x, gap_y(start))];
        let mut gap = start;
        while gap != k {
            // Cross the layer between this gap and the next one.
            let (layer, next) = if up {
                (gap - 1, gap - 1)
            } else {
                (gap, gap + 1)
            };
            let x = self.free_x(layer, target.x);
            points.push(pt(x, gap_y(gap)));
            points.push(pt(x, gap_y(next)));
            gap = next;
        }
        points.push(target);
        Some(simplify(points))
    }

    /// Whether a point is at least [`ENDS_APART`] from where every undercut routed so
    /// far ends.
    fn apart(&self, t: Point) -> bool {
        let ends = self.ends.borrow();
        let (cx, cy) = end_cell(t);
        (cx - 1..=cx + 1).all(|x| {
            (cy - 1..=cy + 1).all(|y| {
                ends.get(&(x, y)).is_none_or(|near| {
                    near.iter()
                        .all(|q| (q.x - t.x).hypot(q.y - t.y) >= ENDS_APART)
                })
            })
        })
    }

    /// The x nearest to `want` where a vertical line crosses layer `l` without
    /// touching a box or a label's room.
    fn free_x(&self, l: usize, want: f64) -> f64 {
        let merged = self.free[l].get_or_init(|| self.blocked(l));
        let i = merged.partition_point(|&(_, b)| b <= want);
        match merged.get(i) {
            Some(&(a, b)) if a < want && want - a <= b - want => a,
            Some(&(a, b)) if a < want => b,
            _ => want,
        }
    }

    /// The x-ranges of layer `l`, left to right and apart, where a vertical line would
    /// touch a box or a label's room.
    fn blocked(&self, l: usize) -> Vec<(f64, f64)> {
        let (p, g) = (self.p, self.g);
        const ROOM: f64 = 6.0;
        let mut blocked: Vec<(f64, f64)> = p.layers[l]
            .iter()
            .filter(|&&v| !g.is_dummy(v) || g.width[v] > 0.0)
            .map(|&v| {
                let half = g.width[v] / 2.0 + ROOM;
                (p.x[v] - half, p.x[v] + half + g.right_extra[v])
            })
            .collect();
        blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for (a, b) in blocked {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }

    /// The room kept for an undercut's label next to its source, if it has one.
    fn undercut_room(&self, e: usize) -> Option<Rect> {
        let Some(Shape::Chain { label: Some(d), .. }) = self.g.shape(e) else {
            return None;
        };
        let room = self.p.rect(self.g, *d);
        Some(Rect {
            y: room.y + LABEL_PAD,
            height: room.height - 2.0 * LABEL_PAD,
            ..room
        })
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

/// The cell of the grid of undercut ends that holds a point.
fn end_cell(p: Point) -> (i64, i64) {
    (
        (p.x / ENDS_APART).floor() as i64,
        (p.y / ENDS_APART).floor() as i64,
    )
}

/// The end of `a`–`b` that is not `v`.
fn other(v: usize, a: usize, b: usize) -> usize {
    if v == a { b } else { a }
}

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}
