//! Layout phase 7b: label placement.
//!
//! The label of an edge across layers has its own room, a dummy vertex as large as the
//! label in the middle of the edge (next to the source for an undercut), where no
//! other line passes; it is [`reserve`]d here. The other labels (of undercuts that do
//! not pass their room, self-loops and edges between top nodes) are
//! placed last, when every route is known: where they were proposed (the middle of
//! their route) if that is clear of every node box, every label placed before and
//! every other route and arrowhead, or a few steps sideways, up or down from there, or
//! further along the route, or next to it; failing that, clear of the boxes only, and otherwise in a
//! gap between layers, where there are no boxes, at the crossing of the route nearest
//! to the proposal. Boxes are found by binary search in the ordered layers, labels and
//! route segments in the indexes of [`super::index`], so each check costs what lies
//! near the box or segment checked, not what the whole drawing holds. Depends on
//! [`super::position`].
//!
//! [`reserve`]: Obstacles::reserve

use std::cell::RefCell;

use super::index::{Boxes, Segment, Segments, x_within};
use super::layered::Layered;
use super::polyline::{along, crosses, overlap};
use super::position::Placed;
use super::{Point, Rect};

/// Room kept between a label and a box.
const CLEARANCE: f64 = 2.0;
/// How far, and how many times, a label is nudged to get clear of a box.
const SHIFT: f64 = 12.0;
const SHIFTS: usize = 5;
/// The least row height of the indexes of labels and routes.
const CELL: f64 = 128.0;
/// How far an arrowhead reaches back from the end of its route, and how far it (or a
/// line) is kept from a label.
const HEAD: f64 = 8.0;
const LINE_CLEARANCE: f64 = 4.0;
/// The step between spots tried along a route, and how many of them.
const STEP: f64 = 8.0;
const ALONG: usize = 48;
/// Offsets from the route tried last (sideways twice as far), for a label next to
/// its line rather than on it.
const BESIDE: [f64; 7] = [0.0, 12.0, -12.0, 24.0, -24.0, 36.0, -36.0];
/// The owner of an arrowhead's stretch of route: no label may cover it.
const NOBODY: usize = usize::MAX;

/// Slack for rounding when looking for boxes near a segment.
const EPS: f64 = 0.01;

/// The boxes of one placed component, to keep labels off them.
pub(super) struct Obstacles<'a> {
    g: &'a Layered,
    p: &'a Placed,
    /// The middle of every gap, top to bottom, counting the gaps above the first layer
    /// and below the last.
    middles: Vec<f64>,
    /// The node boxes of each layer, left to right: left side, right side, vertex.
    solid: Vec<Vec<(f64, f64, usize)>>,
    /// The boxes of each layer that labels keep clear of (node boxes and the rooms of
    /// labels), left to right: right side plus clearance, left side minus clearance,
    /// box.
    hard: Vec<Vec<(f64, f64, Rect)>>,
    /// The labels placed so far, with their edges.
    placed: RefCell<Boxes>,
    /// The route segments and arrowheads, with their edges, and the room kept around
    /// them.
    lines: RefCell<Segments>,
}

impl<'a> Obstacles<'a> {
    /// The obstacles of a placed component whose largest label side is `largest`.
    pub(super) fn new(g: &'a Layered, p: &'a Placed, largest: f64) -> Self {
        let half = p.gap / 2.0;
        let mut middles = vec![-half];
        middles.extend((0..p.layers.len()).map(|l| p.band_bottom(l) + half));
        let solid = p
            .layers
            .iter()
            .map(|layer| {
                let boxes = layer.iter().filter(|&&v| !g.is_dummy(v));
                boxes
                    .map(|&v| (p.x[v] - g.width[v] / 2.0, p.x[v] + g.width[v] / 2.0, v))
                    .collect()
            })
            .collect();
        let hard = p
            .layers
            .iter()
            .map(|layer| {
                let boxes = layer
                    .iter()
                    .filter(|&&v| !g.is_dummy(v) || g.width[v] > 0.0);
                boxes
                    .map(|&v| {
                        let half = g.width[v] / 2.0;
                        let (left, right) = (p.x[v] - half - CLEARANCE, p.x[v] + half + CLEARANCE);
                        (right, left, p.rect(g, v))
                    })
                    .collect()
            })
            .collect();
        Obstacles {
            g,
            p,
            middles,
            solid,
            hard,
            placed: RefCell::new(Boxes::new(CELL.max(largest))),
            lines: RefCell::new(Segments::new(CELL.max(largest))),
        }
    }

    /// Whether a label box would touch a label placed before.
    fn crowded(&self, r: Rect) -> bool {
        let placed = self.placed.borrow();
        let (x, y) = ((r.x, r.x + r.width), (r.y, r.y + r.height));
        placed.any_near(x, y, |other, _| overlap(r, other, 0.0))
    }

    /// Keeps the room of edge `e`'s label: later labels and undercuts stay off it.
    pub(super) fn reserve(&self, e: usize, r: Rect) {
        self.placed.borrow_mut().add(r, e);
    }

    /// Tells the index of routes where the labels placed later may go (see
    /// [`reach`]), before any route is added: only the parts of routes there are kept.
    pub(super) fn watch(&self, areas: &[Rect]) {
        self.lines.borrow_mut().watch(areas);
    }

    /// Adds the route of edge `e`, so that the labels placed later stay off it, and off
    /// the arrowheads at both of its ends.
    pub(super) fn add_route(&self, e: usize, route: &[Point]) {
        let mut lines = self.lines.borrow_mut();
        let mut add = |line: Segment| lines.add(line);
        for w in route.windows(2) {
            add((e, w[0], w[1], LINE_CLEARANCE));
        }
        for (from, tip) in [
            (route.get(1), route.first()),
            (route.iter().rev().nth(1), route.last()),
        ] {
            let (Some(&from), Some(&tip)) = (from, tip) else {
                continue;
            };
            let len = (tip.x - from.x).hypot(tip.y - from.y);
            if len > 0.0 {
                let back = HEAD.min(len) / len;
                let base = Point {
                    x: tip.x + (from.x - tip.x) * back,
                    y: tip.y + (from.y - tip.y) * back,
                };
                add((NOBODY, base, tip, LINE_CLEARANCE));
            }
        }
    }

    /// Whether a label box of edge `own` would touch a route segment or an arrowhead
    /// (its own route excepted, its arrowheads not).
    fn on_a_line(&self, r: Rect, own: usize) -> bool {
        let mut lines = self.lines.borrow_mut();
        lines.any_near(r, |&(e, a, b, grow)| e != own && crosses(a, b, r, grow))
    }

    /// Whether segment `a`–`b` of edge `own` is clear of every node box but `skip`'s (a
    /// vertex) and of every label placed so far but its own.
    pub(super) fn clear_line(&self, a: Point, b: Point, skip: usize, own: usize) -> bool {
        let (g, p) = (self.g, self.p);
        let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
        let start = first_layer(p, |l| p.band_bottom(l) >= top);
        for l in start..p.layers.len() {
            if p.band_top[l] > bottom {
                break;
            }
            // Only the part of the segment within the layer's band can cross its boxes.
            let Some((left, right)) = x_within(a, b, p.band_top[l], p.band_bottom(l)) else {
                continue;
            };
            let (left, right) = (left - EPS, right + EPS);
            let boxes = &self.solid[l];
            let from = boxes.partition_point(|&(_, r, _)| r < left);
            for &(lo, _, v) in &boxes[from..] {
                if lo > right {
                    break;
                }
                if v != skip && crosses(a, b, p.rect(g, v), 0.0) {
                    return false;
                }
            }
        }
        let placed = self.placed.borrow();
        !placed.any_along(a, b, LINE_CLEARANCE, |r, e| {
            e != own && crosses(a, b, r, LINE_CLEARANCE)
        })
    }

    /// Whether a point is on or near a label placed so far.
    pub(super) fn on_a_label(&self, at: Point) -> bool {
        let r = Rect {
            x: at.x,
            y: at.y,
            width: 0.0,
            height: 0.0,
        };
        let placed = self.placed.borrow();
        let (x, y) = ((at.x - HEAD, at.x + HEAD), (at.y - HEAD, at.y + HEAD));
        placed.any_near(x, y, |other, _| overlap(r, other, HEAD))
    }

    /// Whether a label box would touch a node box.
    pub(super) fn hit(&self, r: Rect) -> bool {
        let p = self.p;
        let start = first_layer(p, |l| p.band_bottom(l) + CLEARANCE >= r.y);
        for l in start..p.layers.len() {
            if p.band_top[l] - CLEARANCE > r.y + r.height {
                break;
            }
            let boxes = &self.hard[l];
            let from = boxes.partition_point(|&(right, _, _)| right < r.x);
            for &(_, left, b) in &boxes[from..] {
                if left > r.x + r.width {
                    break;
                }
                if overlap(r, b, CLEARANCE) {
                    return true;
                }
            }
        }
        false
    }

    /// The top-left corner of the label of edge `own`, of `size`, for its route:
    /// centred on `wish` if that is clear, else shifted a little sideways or up or
    /// down, else further along the route, else clear of the boxes only, else in the
    /// gap crossed by the route nearest to `wish`.
    pub(super) fn place(
        &self,
        own: usize,
        route: &[Point],
        wish: Point,
        size: (f64, f64),
    ) -> Point {
        let (w, h) = size;
        let corner = |c: Point| Point {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
        };
        let rect = |c: Point| {
            let at = corner(c);
            Rect {
                x: at.x,
                y: at.y,
                width: w,
                height: h,
            }
        };
        let nudges = (0..=SHIFTS).flat_map(|k| {
            let d = k as f64 * SHIFT;
            [(d, 0.0), (-d, 0.0), (0.0, d), (0.0, -d)]
        });
        let spots = nudges.map(|(dx, dy)| Point {
            x: wish.x + dx,
            y: wish.y + dy,
        });
        let clean = |c: Point| {
            let r = rect(c);
            !self.hit(r) && !self.crowded(r) && !self.on_a_line(r, own)
        };
        let beside = |c: Point| {
            BESIDE.iter().flat_map(move |&dy| {
                BESIDE.iter().map(move |&dx| Point {
                    x: c.x + 2.0 * dx,
                    y: c.y + dy,
                })
            })
        };
        let spot = spots
            .clone()
            .find(|&c| clean(c))
            .or_else(|| along(route, STEP, ALONG).into_iter().find(|&c| clean(c)))
            .or_else(|| {
                along(route, 2.0 * STEP, ALONG)
                    .into_iter()
                    .flat_map(beside)
                    .find(|&c| clean(c))
            })
            .or_else(|| {
                spots
                    .clone()
                    .find(|&c| !self.hit(rect(c)) && !self.crowded(rect(c)))
            })
            .or_else(|| spots.clone().find(|&c| !self.hit(rect(c))))
            .unwrap_or_else(|| self.gap_spot(route, wish));
        self.reserve(own, rect(spot));
        corner(spot)
    }

    /// The middle of a gap where the route crosses it, nearest to `wish`; if the route
    /// crosses no gap middle, the gap middle nearest to `wish`, straight above or below.
    fn gap_spot(&self, route: &[Point], wish: Point) -> Point {
        let middles = &self.middles;
        let mut best: Option<(f64, Point)> = None;
        for s in route.windows(2) {
            let (lo, hi) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
            let from = middles.partition_point(|&y| y < lo);
            for &y in middles[from..].iter().take_while(|&&y| y <= hi) {
                let x = if hi > lo {
                    s[0].x + (s[1].x - s[0].x) * (y - s[0].y) / (s[1].y - s[0].y)
                } else {
                    (s[0].x + s[1].x) / 2.0
                };
                let d = (x - wish.x).abs() + (y - wish.y).abs();
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, Point { x, y }));
                }
            }
        }
        best.map(|(_, p)| p).unwrap_or_else(|| {
            // The nearest gap; between two as near, the lower one.
            let below = middles.partition_point(|&y| y < wish.y);
            let lower = middles.get(below).copied();
            let upper = below.checked_sub(1).map(|i| middles[i]);
            let y = match (upper, lower) {
                (Some(u), Some(l)) if wish.y - u < l - wish.y => u,
                (_, Some(l)) => l,
                (u, None) => u.unwrap_or(wish.y),
            };
            Point { x: wish.x, y }
        })
    }
}

/// The area holding every box [`Obstacles::place`] may test against the routes for a
/// label of `size` on `route`, wished at `wish`: the spots around `wish`, along the
/// route and beside it, with a unit to spare for rounding.
pub(super) fn reach(route: &[Point], wish: Point, size: (f64, f64)) -> Rect {
    let (w, h) = size;
    let nudge = SHIFTS as f64 * SHIFT;
    let beside = BESIDE.iter().fold(0.0_f64, |m, d| m.max(d.abs()));
    let mut spots = vec![
        (wish.x - nudge, wish.y - nudge),
        (wish.x + nudge, wish.y + nudge),
    ];
    spots.extend(along(route, STEP, ALONG).into_iter().map(|p| (p.x, p.y)));
    for p in along(route, 2.0 * STEP, ALONG) {
        spots.push((p.x - 2.0 * beside, p.y - beside));
        spots.push((p.x + 2.0 * beside, p.y + beside));
    }
    let (mut left, mut top) = (f64::INFINITY, f64::INFINITY);
    let (mut right, mut bottom) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (x, y) in spots {
        (left, right) = (left.min(x), right.max(x));
        (top, bottom) = (top.min(y), bottom.max(y));
    }
    Rect {
        x: left - w / 2.0 - 1.0,
        y: top - h / 2.0 - 1.0,
        width: right - left + w + 2.0,
        height: bottom - top + h + 2.0,
    }
}

/// The first layer for which `pred` holds, `pred` being false then true going down.
fn first_layer(p: &Placed, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, p.layers.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::super::csr::Csr;
    use super::*;

    #[test]
    fn labels_avoid_boxes() {
        // A box 100 x 40 centred at x = 0 in layer 0, one 100 x 200 in layer 1.
        let g = Layered {
            nodes: vec![0, 1],
            layer: vec![0, 1],
            width: vec![100.0, 100.0],
            height: vec![40.0, 200.0],
            right_extra: vec![0.0; 2],
            layer_count: 2,
            shapes: Vec::new(),
            up: Csr::new(2, &[(1, 0)]),
            down: Csr::new(2, &[(0, 1)]),
        };
        let p = Placed {
            layers: vec![vec![0], vec![1]],
            x: vec![0.0, 0.0],
            band_top: vec![0.0, 120.0],
            band_height: vec![40.0, 200.0],
            gap: 80.0,
        };
        let obstacles = Obstacles::new(&g, &p, 30.0);
        let size = (30.0, 16.0);
        let route = [Point { x: 0.0, y: 120.0 }, Point { x: 0.0, y: 40.0 }];
        let free = obstacles.place(0, &route, Point { x: 0.0, y: 80.0 }, size);
        assert_eq!(free, Point { x: -15.0, y: 72.0 });
        // Wished just over box 1: nudged up, clear of it.
        let nudged = obstacles.place(0, &route, Point { x: 0.0, y: 130.0 }, size);
        assert_eq!(nudged, Point { x: -15.0, y: 98.0 });
        // Deep inside box 1, on a route that crosses no gap: next to the route, clear
        // of the box.
        let inside = [Point { x: 0.0, y: 300.0 }, Point { x: 0.0, y: 140.0 }];
        let below = obstacles.place(0, &inside, Point { x: 0.0, y: 220.0 }, size);
        assert_eq!(below, Point { x: 57.0, y: 212.0 });
        // Wished over box 1, on a route crossing the gap above it, whose middle is
        // taken: further along the route, clear of the first label.
        let moved = obstacles.place(0, &route, Point { x: 0.0, y: 220.0 }, size);
        assert_eq!(moved, Point { x: -15.0, y: 56.0 });
        assert!(obstacles.hit(Rect {
            x: 49.0,
            y: 0.0,
            width: 10.0,
            height: 10.0
        }));
    }
}
