//! Small geometry helpers for routes: tidying a polyline, finding its midpoint and
//! points along it, and whether a segment crosses a box.
//! Used by the routing phase; depends only on [`super::Point`] and [`super::Rect`].

use super::{Point, Rect};

/// Drops repeated points and points in the middle of a vertical or horizontal run. The
/// first and last points always stay, so a route keeps at least two points.
pub(super) fn simplify(points: Vec<Point>) -> Vec<Point> {
    let Some((&last, inner)) = points.split_last() else {
        return points;
    };
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for (i, &p) in inner.iter().enumerate() {
        let next = points[i + 1];
        match out.last() {
            None => out.push(p),
            Some(&q) if q == p || next == p => {}
            Some(&q) if (q.x == p.x && p.x == next.x) || (q.y == p.y && p.y == next.y) => {}
            Some(_) => out.push(p),
        }
    }
    out.push(last);
    out
}

/// The point halfway along a polyline (its first point if it has no length).
pub(super) fn halfway(points: &[Point]) -> Point {
    let length: f64 = points.windows(2).map(|w| distance(w[0], w[1])).sum();
    let mut left = length / 2.0;
    for w in points.windows(2) {
        let d = distance(w[0], w[1]);
        if d > 0.0 && left <= d {
            let t = left / d;
            return Point {
                x: w[0].x + t * (w[1].x - w[0].x),
                y: w[0].y + t * (w[1].y - w[0].y),
            };
        }
        left -= d;
    }
    points
        .last()
        .or(points.first())
        .copied()
        .unwrap_or(Point { x: 0.0, y: 0.0 })
}

/// The `count` points nearest to a polyline's halfway point among those every `step`
/// along it, nearest first. Only the stretch around the halfway point that holds them
/// is walked point by point, so a long polyline costs little more than a short one.
pub(in crate::render) fn along(points: &[Point], step: f64, count: usize) -> Vec<Point> {
    let length: f64 = points.windows(2).map(|w| distance(w[0], w[1])).sum();
    // Every point nearer the middle than the `count`-th one is in this window.
    let reach = (count as f64 + 1.0) * step;
    let (from, to) = (length / 2.0 - reach, length / 2.0 + reach);
    let mut out = Vec::new();
    let mut at = 0.0;
    for w in points.windows(2) {
        let d = distance(w[0], w[1]);
        if d > 0.0 && at + d >= from && at <= to {
            let mut t = (step - at % step) % step;
            while t <= d && at + t < from {
                t += step;
            }
            while t <= d && at + t <= to {
                let f = t / d;
                let p = Point {
                    x: w[0].x + f * (w[1].x - w[0].x),
                    y: w[0].y + f * (w[1].y - w[0].y),
                };
                out.push(((at + t - length / 2.0).abs(), out.len(), p));
                t += step;
            }
        }
        at += d;
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    out.into_iter().take(count).map(|(_, _, p)| p).collect()
}

/// Whether segment `a`–`b` passes through the inside of `r` grown by `grow` on every
/// side (Liang–Barsky clipping); touching its border does not count.
pub(in crate::render) fn crosses(a: Point, b: Point, r: Rect, grow: f64) -> bool {
    const EPS: f64 = 0.01;
    let (x0, x1) = (r.x - grow + EPS, r.x + r.width + grow - EPS);
    let (y0, y1) = (r.y - grow + EPS, r.y + r.height + grow - EPS);
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

fn distance(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// Whether two boxes share some area, counting `clearance` around the first.
pub(in crate::render) fn overlap(a: Rect, b: Rect, clearance: f64) -> bool {
    a.x - clearance < b.x + b.width
        && b.x < a.x + a.width + clearance
        && a.y - clearance < b.y + b.height
        && b.y < a.y + a.height + clearance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(list: &[(f64, f64)]) -> Vec<Point> {
        list.iter().map(|&(x, y)| Point { x, y }).collect()
    }

    #[test]
    fn simplify_drops_repeats_and_straight_runs() {
        let route = pts(&[
            (0.0, 0.0),
            (0.0, 5.0),
            (0.0, 5.0),
            (0.0, 10.0),
            (4.0, 20.0),
            (4.0, 20.0),
        ]);
        assert_eq!(
            simplify(route),
            pts(&[(0.0, 0.0), (0.0, 10.0), (4.0, 20.0)])
        );
        assert_eq!(simplify(pts(&[(1.0, 1.0), (1.0, 1.0)])).len(), 2);
    }

    #[test]
    fn halfway_walks_the_length() {
        assert_eq!(
            halfway(&pts(&[(0.0, 0.0), (0.0, 10.0), (30.0, 10.0)])),
            Point { x: 10.0, y: 10.0 }
        );
        assert_eq!(
            halfway(&pts(&[(3.0, 3.0), (3.0, 3.0)])),
            Point { x: 3.0, y: 3.0 }
        );
    }

    #[test]
    fn overlap_needs_area() {
        let r = |x, y| Rect {
            x,
            y,
            width: 10.0,
            height: 10.0,
        };
        assert!(overlap(r(0.0, 0.0), r(5.0, 5.0), 0.0));
        assert!(!overlap(r(0.0, 0.0), r(10.0, 0.0), 0.0));
        assert!(overlap(r(0.0, 0.0), r(11.0, 0.0), 2.0));
    }
}
