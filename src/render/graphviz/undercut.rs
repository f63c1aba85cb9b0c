//! Where an undercut ends on a Graphviz layout: on the middle of the edge it undercuts,
//! reached from the undercut's own side.
//!
//! `dot` routes an undercut of `A → B` to the point node `pI` that splits `A → B` (see
//! the parent module); both halves of `A → B` and the undercut meet there, and the
//! undercut's last stretch often runs into `pI` along one of the halves, so it cannot be
//! told from the line it undercuts. So the undercut keeps `dot`'s route only while that
//! route stays clear of the edge it undercuts, and then goes to the point of that edge
//! nearest its midpoint that it reaches visibly: without crossing a box, and without
//! coming nearer to the edge than a line meeting it at [`MIN_ANGLE`] would. It goes
//! there straight if it can, else square to the edge for its last [`REACH`] units, the
//! way the built-in layout ends an undercut across a gap. When no such point exists,
//! it ends at the midpoint, or at `pI` if even that cannot be reached without crossing
//! a box.
//!
//! Phase: render (after `dot` has run).

use super::label::Grid;
use crate::render::layout::polyline::{along, crosses};
use crate::render::layout::{EdgeRoute, EdgeTarget, LayoutInput, Point, Rect};

/// The step between the points of an edge an undercut may end at, and how many of
/// them it tries; how far its last stretch (and arrowhead) keeps from a box.
const END_STEP: f64 = 6.0;
const END_SPOTS: usize = 64;
/// How many points of an edge an undercut tries at most, when none of the
/// [`END_SPOTS`] nearest its midpoint will do.
const MORE_SPOTS: usize = 512;
const END_CLEARANCE: f64 = 4.0;
/// The smallest angle, in degrees, at which an undercut's last stretch meets the edge
/// it undercuts.
pub(super) const MIN_ANGLE: f64 = 20.0;
/// How far back from its end an undercut must keep from the edge it undercuts as a line
/// at [`MIN_ANGLE`] would; beyond that it keeps at least as far as at that point.
pub(super) const REACH: f64 = 24.0;

/// Moves the end of every undercut from the point node `dot` routed it to onto the
/// middle of the edge it undercuts (see the module docs). An undercut of an undercut is
/// settled after the edge it undercuts, so it ends on that edge's final route.
pub(super) fn settle_all(
    input: &LayoutInput,
    valid: &[bool],
    nodes: &[Rect],
    grid: &Grid,
    edges: &mut [EdgeRoute],
) {
    let mut done = vec![false; edges.len()];
    for i in 0..edges.len() {
        settle(i, input, valid, nodes, grid, edges, &mut done);
    }
}

fn settle(
    i: usize,
    input: &LayoutInput,
    valid: &[bool],
    nodes: &[Rect],
    grid: &Grid,
    edges: &mut [EdgeRoute],
    done: &mut [bool],
) {
    // Walk down the chain of undercuts, then settle it from its far end back.
    let mut chain = Vec::new();
    let mut k = i;
    while !done[k] && valid[k] {
        done[k] = true;
        chain.push(k);
        match input.edges[k].target {
            EdgeTarget::Edge(j) => k = j,
            EdgeTarget::Node(_) => break,
        }
    }
    for &k in chain.iter().rev() {
        let EdgeTarget::Edge(j) = input.edges[k].target else {
            continue;
        };
        let source = input.edges[k].source;
        let points = end_on(
            &edges[k].points,
            &edges[j].points,
            nodes[source],
            |a, b, room| grid.segment_clear(a, b, room, source),
        );
        if let Some(points) = points {
            edges[k].points = points;
        }
    }
}

/// The route of an undercut that `dot` drew as `route` (from its source box, `own`, to
/// the point node), ending on `aim`, the route of the edge it undercuts;
/// `clear(a, b, room)` says whether a straight stretch keeps `room` away from every box
/// but its own. `None` when `route` or `aim` has no length to work with.
///
/// The points of `aim` tried are its midpoint, then points every [`END_STEP`] along it,
/// nearest the midpoint first: the [`END_SPOTS`] nearest with [`END_CLEARANCE`] from
/// the boxes, then the others up to [`MORE_SPOTS`], then all of them again just off the
/// boxes;
/// never the last [`REACH`] units at either end (a quarter of the line when it is
/// short), where the undercut would seem to point at a box.
pub(super) fn end_on(
    route: &[Point],
    aim: &[Point],
    own: Rect,
    clear: impl Fn(Point, Point, f64) -> bool,
) -> Option<Vec<Point>> {
    let middle = midpoint(aim)?;
    if route.len() < 2 {
        return None;
    }
    // `dot`'s route is kept up to the first stretch that comes near `aim`.
    let near = REACH * MIN_ANGLE.to_radians().sin();
    let cut = route
        .windows(2)
        .position(|w| to_polyline(w[0], w[1], aim) < near)
        .unwrap_or(route.len() - 1);
    let length: f64 = aim.windows(2).map(|w| dist(w[0], w[1])).sum();
    let spots = ((length / END_STEP).ceil() as usize).clamp(END_SPOTS, MORE_SPOTS);
    let margin = REACH.min(length / 4.0);
    let (first, last) = (aim[0], aim[aim.len() - 1]);
    let inside = |p: &Point| dist(*p, first) >= margin && dist(*p, last) >= margin;
    let ends: Vec<Point> = std::iter::once(middle)
        .chain(along(aim, END_STEP, spots))
        .filter(inside)
        .collect();
    let spots: Vec<Spot> = ends.iter().map(|&end| Spot::on(end, aim)).collect();
    let near_middle = spots.len().min(END_SPOTS + 1);
    let passes = [
        (&spots[..near_middle], END_CLEARANCE),
        (&spots[near_middle..], END_CLEARANCE),
        (&spots[..], 0.0),
    ];
    for (spots, room) in passes {
        let open = |a: Point, b: Point| clear(a, b, room) && !crosses(a, b, own, -1.0);
        for spot in spots {
            let end = spot.at;
            // Straight from the last point of `dot`'s route that gets there visibly,
            // else square to `aim` for the last [`REACH`] units, from that point's side.
            let straight = (0..=cut)
                .rev()
                .find(|&from| spot.seen_from(route[from], aim) && open(route[from], end))
                .map(|from| (from, None));
            // A square end that turns back on itself (a hook) only when no other will.
            let square = |hook: bool| {
                (0..=cut).rev().find_map(|from| {
                    let start = route[from];
                    let bend = spot.beside(start)?;
                    let turn = (bend.x - start.x) * (end.x - bend.x)
                        + (bend.y - start.y) * (end.y - bend.y);
                    ((hook || turn >= 0.0)
                        && spot.seen_from(bend, aim)
                        && to_polyline(start, bend, aim) >= near
                        && open(bend, end)
                        && open(start, bend))
                    .then_some((from, Some(bend)))
                })
            };
            if let Some((from, bend)) = straight.or_else(|| square(false)).or_else(|| square(true))
            {
                let mut points = route[..=from].to_vec();
                points.extend(bend);
                points.push(end);
                return Some(points);
            }
        }
    }
    // Nothing reaches it visibly: the midpoint from where `dot`'s route stops, else the
    // point of `aim` nearest the point node (on `aim` but for its tiny size).
    let mut points = route.to_vec();
    let tip = points.pop()?;
    let last = *points.last()?;
    points.push(if clear(last, middle, END_CLEARANCE) {
        middle
    } else {
        nearest(tip, aim)
    });
    Some(points)
}

/// Whether a straight stretch from `start` to `end` (a point of `aim`) meets `aim`
/// visibly: each of its points at distance `s` from `end` is at least
/// `min(s, REACH) × sin(MIN_ANGLE)` from `aim`, so it neither runs along `aim` nor
/// crosses it before its end.
#[cfg(test)]
fn visible(start: Point, end: Point, aim: &[Point]) -> bool {
    Spot::on(end, aim).seen_from(start, aim)
}

/// A point of an edge's route where an undercut may end, with what is near it.
struct Spot {
    at: Point,
    /// The stretches of the route within `2 × REACH` of it, the only ones a point of
    /// the undercut's last [`REACH`] units can come nearer to than that undercut may.
    local: Vec<(Point, Point)>,
    /// The direction of the route there (a unit vector), if it has one.
    heading: Option<(f64, f64)>,
}

impl Spot {
    fn on(at: Point, aim: &[Point]) -> Spot {
        let local = aim
            .windows(2)
            .filter(|w| to_segment(at, w[0], w[1]) < 2.0 * REACH)
            .map(|w| (w[0], w[1]))
            .collect();
        let heading = aim
            .windows(2)
            .filter(|w| dist(w[0], w[1]) > 0.0)
            .min_by(|a, b| to_segment(at, a[0], a[1]).total_cmp(&to_segment(at, b[0], b[1])))
            .map(|w| {
                let len = dist(w[0], w[1]);
                ((w[1].x - w[0].x) / len, (w[1].y - w[0].y) / len)
            });
        Spot { at, local, heading }
    }

    /// Whether a straight stretch from `start` to this spot of `aim` meets `aim`
    /// visibly (see [`visible`]).
    fn seen_from(&self, start: Point, aim: &[Point]) -> bool {
        let (end, sin) = (self.at, MIN_ANGLE.to_radians().sin());
        let length = dist(start, end);
        if length < 1.0 {
            return false;
        }
        let back = |s: f64| Point {
            x: end.x + (start.x - end.x) * s / length,
            y: end.y + (start.y - end.y) * s / length,
        };
        // Point by point near the end (where `aim` may bend), then the rest at once.
        let near = length.min(REACH);
        let steps = near.ceil() as usize;
        for k in 1..=steps {
            let s = near * k as f64 / steps as f64;
            let q = back(s);
            let closest = (self.local.iter())
                .map(|&(a, b)| to_segment(q, a, b))
                .fold(f64::INFINITY, f64::min);
            if closest < s * sin * 0.99 {
                return false;
            }
        }
        length <= REACH || to_polyline(back(REACH), start, aim) >= REACH * sin * 0.99
    }

    /// The point [`REACH`] away from this spot square to the route, on the side of
    /// `toward`; `None` if the route has no direction here or `toward` is on it.
    fn beside(&self, toward: Point) -> Option<Point> {
        let (dx, dy) = self.heading?;
        let end = self.at;
        let side = dx * (toward.y - end.y) - dy * (toward.x - end.x);
        if side == 0.0 {
            return None;
        }
        let sign = side.signum();
        Some(Point {
            x: end.x - dy * REACH * sign,
            y: end.y + dx * REACH * sign,
        })
    }
}

/// The point halfway along a polyline, `None` if it has no points.
pub(super) fn midpoint(points: &[Point]) -> Option<Point> {
    let total: f64 = points.windows(2).map(|w| dist(w[0], w[1])).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        let d = dist(w[0], w[1]);
        if d >= left && d > 0.0 {
            let t = left / d;
            return Some(Point {
                x: w[0].x + t * (w[1].x - w[0].x),
                y: w[0].y + t * (w[1].y - w[0].y),
            });
        }
        left -= d;
    }
    points.last().copied()
}

/// The distance from segment `a`–`b` to a polyline (infinite if it has no segment).
pub(super) fn to_polyline(a: Point, b: Point, points: &[Point]) -> f64 {
    points
        .windows(2)
        .map(|w| segments(a, b, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

/// The distance between segments `a`–`b` and `c`–`d`: zero when they cross.
fn segments(a: Point, b: Point, c: Point, d: Point) -> f64 {
    let side = |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return 0.0;
    }
    to_segment(a, c, d)
        .min(to_segment(b, c, d))
        .min(to_segment(c, a, b))
        .min(to_segment(d, a, b))
}

/// The distance from `p` to segment `a`–`b`.
fn to_segment(p: Point, a: Point, b: Point) -> f64 {
    dist(p, foot(p, a, b))
}

/// The point of segment `a`–`b` nearest to `p`.
fn foot(p: Point, a: Point, b: Point) -> Point {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    Point {
        x: a.x + t * dx,
        y: a.y + t * dy,
    }
}

/// The point of a polyline nearest to `p` (`p` itself if it has no segment).
fn nearest(p: Point, points: &[Point]) -> Point {
    points
        .windows(2)
        .map(|w| foot(p, w[0], w[1]))
        .min_by(|a, b| dist(p, *a).total_cmp(&dist(p, *b)))
        .unwrap_or(p)
}

fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// A box far from everything, so that it never stands in the way.
    const AWAY: Rect = Rect {
        x: 1000.0,
        y: 1000.0,
        width: 10.0,
        height: 10.0,
    };

    #[test]
    fn a_route_into_the_point_node_along_the_edge_ends_on_its_middle_from_the_side() {
        // The edge runs straight up from (0, 200) to (0, 0); `dot` brought the undercut
        // from (100, 200) up beside it and then along it into the point node at (0, 60).
        let aim = [p(0.0, 200.0), p(0.0, 0.0)];
        let route = [p(100.0, 200.0), p(40.0, 150.0), p(3.0, 120.0), p(0.0, 60.0)];
        let out = end_on(&route, &aim, AWAY, |_, _, _| true).expect("a route");
        assert_eq!(out.last(), Some(&p(0.0, 100.0)));
        assert_eq!(&out[..out.len() - 1], &route[..2]);
        let n = out.len();
        assert!(visible(out[n - 2], out[n - 1], &aim));
    }

    #[test]
    fn a_stretch_along_or_across_the_edge_is_not_visible() {
        let aim = [p(0.0, 200.0), p(0.0, 0.0)];
        // Along it, from below the middle.
        assert!(!visible(p(0.0, 150.0), p(0.0, 100.0), &aim));
        // At 10 degrees.
        let shallow = p(
            50.0 * 10f64.to_radians().sin(),
            100.0 + 50.0 * 10f64.to_radians().cos(),
        );
        assert!(!visible(shallow, p(0.0, 100.0), &aim));
        // Across it on the way to its end.
        let zigzag = [p(-50.0, 200.0), p(50.0, 150.0), p(0.0, 100.0), p(0.0, 0.0)];
        assert!(visible(p(50.0, 100.0), p(0.0, 100.0), &zigzag));
        assert!(!visible(p(0.0, 200.0), p(0.0, 100.0), &zigzag));
        // Square to it, and at 30 degrees.
        assert!(visible(p(50.0, 100.0), p(0.0, 100.0), &aim));
        let steep = p(
            50.0 * 30f64.to_radians().sin(),
            100.0 + 50.0 * 30f64.to_radians().cos(),
        );
        assert!(visible(steep, p(0.0, 100.0), &aim));
    }

    #[test]
    fn a_box_in_the_way_moves_the_end_along_the_edge() {
        let aim = [p(0.0, 200.0), p(0.0, 0.0)];
        let route = [p(100.0, 100.0), p(0.0, 100.0)];
        let wall = Rect {
            x: 20.0,
            y: 80.0,
            width: 20.0,
            height: 40.0,
        };
        let out =
            end_on(&route, &aim, AWAY, |a, b, room| !crosses(a, b, wall, room)).expect("a route");
        let end = out[out.len() - 1];
        assert_eq!(end.x, 0.0);
        assert!(end.y <= 80.0 - 4.0 || end.y >= 120.0 + 4.0, "{end:?}");
        assert!((end.y - 100.0).abs() < 100.0, "{end:?}");
    }
}
