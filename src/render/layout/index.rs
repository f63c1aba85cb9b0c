//! Spatial indexes for routing and label placement: which label boxes or route
//! segments lie near a box or a segment.
//!
//! Both cut the plane into horizontal rows of one height. [`Boxes`] keeps, in each
//! row, the boxes that reach into it sorted by their left side; all are narrower than
//! the row is tall, so a query scans only the boxes whose left side lies between its
//! own left minus that width and its right: time grows with what is near, not with
//! the length of a long query segment. [`Segments`] keeps, in each row, the part of
//! every segment in that row in a bucket of a level whose buckets are at least as wide
//! as that part (the row height times a power of two), by the bucket its left end
//! falls in: adding a segment costs one entry per row it reaches however long it is,
//! and a query looks at a few buckets per level. Neither depends on hash order.
//! Depends only on [`super::Point`] and [`super::Rect`].

use rustc_hash::FxHashMap;

use super::{Point, Rect};

/// The rows of height `row` that the y-range `top..=bottom` touches.
fn rows(row: f64, top: f64, bottom: f64) -> std::ops::RangeInclusive<i64> {
    (top / row).floor() as i64..=(bottom / row).floor() as i64
}

/// The x-range of the part of segment `a`–`b` with y in `top..=bottom`, if any.
pub(super) fn x_within(a: Point, b: Point, top: f64, bottom: f64) -> Option<(f64, f64)> {
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    if a.y == b.y {
        if a.y < top || a.y > bottom {
            return None;
        }
    } else {
        let (u, v) = ((top - a.y) / (b.y - a.y), (bottom - a.y) / (b.y - a.y));
        t0 = t0.max(u.min(v));
        t1 = t1.min(u.max(v));
    }
    if t0 > t1 {
        return None;
    }
    let (x0, x1) = (a.x + t0 * (b.x - a.x), a.x + t1 * (b.x - a.x));
    Some((x0.min(x1), x0.max(x1)))
}

/// Boxes (with an owner), each narrower than the row height.
#[derive(Debug)]
pub(super) struct Boxes {
    row: f64,
    /// The widest box added so far.
    widest: f64,
    rows: FxHashMap<i64, Vec<(Rect, usize)>>,
}

impl Boxes {
    /// An empty index whose rows are `row` high.
    pub(super) fn new(row: f64) -> Boxes {
        Boxes {
            row,
            widest: 0.0,
            rows: FxHashMap::default(),
        }
    }

    /// Adds a box of `owner`.
    pub(super) fn add(&mut self, r: Rect, owner: usize) {
        self.widest = self.widest.max(r.width);
        for row in rows(self.row, r.y, r.y + r.height) {
            let list = self.rows.entry(row).or_default();
            let at = list.partition_point(|(q, _)| q.x <= r.x);
            list.insert(at, (r, owner));
        }
    }

    /// Whether `hit` holds for a box that may reach into the x-range `left..=right` of
    /// the y-range `top..=bottom`.
    pub(super) fn any_near(
        &self,
        (left, right): (f64, f64),
        (top, bottom): (f64, f64),
        mut hit: impl FnMut(Rect, usize) -> bool,
    ) -> bool {
        rows(self.row, top, bottom).any(|row| {
            let Some(list) = self.rows.get(&row) else {
                return false;
            };
            let from = list.partition_point(|(q, _)| q.x < left - self.widest);
            list[from..]
                .iter()
                .take_while(|(q, _)| q.x <= right)
                .any(|&(q, owner)| hit(q, owner))
        })
    }

    /// Whether `hit` holds for a box that may come within `grow` of segment `a`–`b`.
    pub(super) fn any_along(
        &self,
        a: Point,
        b: Point,
        grow: f64,
        mut hit: impl FnMut(Rect, usize) -> bool,
    ) -> bool {
        let (top, bottom) = (a.y.min(b.y) - grow, a.y.max(b.y) + grow);
        rows(self.row, top, bottom).any(|row| {
            let y = row as f64 * self.row;
            let Some(list) = self.rows.get(&row) else {
                return false;
            };
            let Some((left, right)) = x_within(a, b, y - grow, y + self.row + grow) else {
                return false;
            };
            let from = list.partition_point(|(q, _)| q.x < left - grow - self.widest);
            list[from..]
                .iter()
                .take_while(|(q, _)| q.x <= right + grow)
                .any(|&(q, owner)| hit(q, owner))
        })
    }
}

/// A segment, with an owner and the room kept around it.
pub(super) type Segment = (usize, Point, Point, f64);

/// The part of a segment in one row.
#[derive(Debug)]
struct Part {
    /// Its row, level and bucket.
    key: (i64, u32, i64),
    /// Its segment, by index.
    segment: usize,
    /// Its x-range, with the room around it.
    left: f64,
    right: f64,
}

/// X-ranges, left to right and apart.
type Ranges = Vec<(f64, f64)>;

/// Slack for rounding when a part's x-range is compared with a box's.
const SLACK: f64 = 1.0;

/// Segments of any length.
///
/// Adding only records each part; the parts are sorted into their buckets once, when
/// first looked for (and again after more were added), so that building the index
/// costs a sort rather than a hash-map entry and a list per part.
#[derive(Debug)]
pub(super) struct Segments {
    row: f64,
    /// One more than the highest level used.
    levels: u32,
    /// The segments added, in order.
    segments: Vec<Segment>,
    /// The parts, sorted by bucket when `ready`.
    parts: Vec<Part>,
    /// Where each bucket's parts lie in `parts`, when `ready`.
    buckets: FxHashMap<(i64, u32, i64), (usize, usize)>,
    ready: bool,
    /// When set, the only areas ever looked in: the first row, then each row's
    /// x-ranges, merged, left to right. Parts that reach into none are not kept.
    watched: Option<(i64, Vec<Ranges>)>,
}

impl Segments {
    /// An empty index whose rows are `row` high.
    pub(super) fn new(row: f64) -> Segments {
        Segments {
            row,
            levels: 0,
            segments: Vec::new(),
            parts: Vec::new(),
            buckets: FxHashMap::default(),
            ready: true,
            watched: None,
        }
    }

    /// Keeps from now on only the parts of segments that reach into one of `areas`:
    /// [`Segments::any_near`] may then only be asked about boxes inside them.
    pub(super) fn watch(&mut self, areas: &[Rect]) {
        let span = |r: &Rect| rows(self.row, r.y, r.y + r.height);
        let first = areas.iter().map(|r| *span(r).start()).min().unwrap_or(0);
        let last = areas.iter().map(|r| *span(r).end()).max().unwrap_or(-1);
        let mut ranges = vec![Vec::new(); usize::try_from(last - first + 1).unwrap_or(0)];
        for r in areas {
            for row in span(r) {
                ranges[(row - first) as usize].push((r.x, r.x + r.width));
            }
        }
        for list in &mut ranges {
            list.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f64, f64)> = Vec::with_capacity(list.len());
            for &(a, b) in list.iter() {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            *list = merged;
        }
        self.watched = Some((first, ranges));
    }

    /// The merged x-ranges watched in a row (all of it when nothing is watched).
    fn watched_in(&self, row: i64) -> Option<&[(f64, f64)]> {
        let (first, ranges) = self.watched.as_ref()?;
        let at = usize::try_from(row - first).ok();
        Some(at.and_then(|at| ranges.get(at)).map_or(&[], Vec::as_slice))
    }

    /// Whether the x-range `left..=right` of a row reaches into a watched area.
    fn kept(&self, row: i64, left: f64, right: f64) -> bool {
        self.watched_in(row).is_none_or(|ranges| {
            let at = ranges.partition_point(|&(_, b)| b < left);
            ranges.get(at).is_some_and(|&(a, _)| a <= right)
        })
    }

    /// Whether the x-range `left..=right` of a row lies inside the watched areas.
    fn inside(&self, row: i64, left: f64, right: f64) -> bool {
        self.watched_in(row).is_none_or(|ranges| {
            let at = ranges.partition_point(|&(_, b)| b < right);
            ranges.get(at).is_some_and(|&(a, _)| a <= left)
        })
    }

    /// Adds a segment; it counts as reaching `grow` further on every side.
    pub(super) fn add(&mut self, s: Segment) {
        let (_, a, b, grow) = s;
        let index = self.segments.len();
        let before = self.parts.len();
        let (top, bottom) = (a.y.min(b.y) - grow, a.y.max(b.y) + grow);
        for row in rows(self.row, top, bottom) {
            if self.watched_in(row).is_some_and(<[_]>::is_empty) {
                continue;
            }
            let y = row as f64 * self.row;
            let Some((left, right)) = x_within(a, b, y - grow, y + self.row + grow) else {
                continue;
            };
            let (left, right) = (left - grow, right + grow);
            if !self.kept(row, left, right) {
                continue;
            }
            // The narrowest level whose buckets are as wide as the part: from the
            // logarithm, then a step up where rounding fell short.
            let ratio = (right - left) / self.row;
            let mut level = if ratio > 1.0 {
                (ratio.log2().ceil() as u32).min(64)
            } else {
                0
            };
            while self.width(level) < right - left && level < 64 {
                level += 1;
            }
            self.levels = self.levels.max(level + 1);
            let bucket = (left / self.width(level)).floor() as i64;
            self.parts.push(Part {
                key: (row, level, bucket),
                segment: index,
                left,
                right,
            });
        }
        if self.parts.len() > before {
            self.segments.push(s);
            self.ready = false;
        }
    }

    /// Sorts the parts into their buckets, if segments were added since the last time.
    fn prepare(&mut self) {
        if self.ready {
            return;
        }
        self.parts.sort_unstable_by_key(|p| (p.key, p.segment));
        self.buckets.clear();
        let mut start = 0;
        for (i, w) in self.parts.windows(2).enumerate() {
            if w[0].key != w[1].key {
                self.buckets.insert(w[0].key, (start, i + 1));
                start = i + 1;
            }
        }
        if let Some(last) = self.parts.last() {
            self.buckets.insert(last.key, (start, self.parts.len()));
        }
        self.ready = true;
    }

    /// The width of the buckets of a level.
    fn width(&self, level: u32) -> f64 {
        self.row * f64::from(level).exp2()
    }

    /// Whether `hit` holds for a segment that may reach into box `r` (one whose room,
    /// in a row the box touches, meets the box's x-range).
    pub(super) fn any_near(&mut self, r: Rect, mut hit: impl FnMut(&Segment) -> bool) -> bool {
        self.prepare();
        debug_assert!(
            rows(self.row, r.y, r.y + r.height).all(|row| self.inside(row, r.x, r.x + r.width)),
            "{r:?} is outside the watched areas"
        );
        rows(self.row, r.y, r.y + r.height).any(|row| {
            (0..self.levels).any(|level| {
                // A segment's part starts at most one bucket width left of where it ends.
                let w = self.width(level);
                let first = ((r.x - w) / w).floor() as i64;
                let last = ((r.x + r.width) / w).floor() as i64;
                (first..=last).any(|bucket| {
                    self.buckets
                        .get(&(row, level, bucket))
                        .is_some_and(|&(start, end)| {
                            // Only a part whose x-range meets the box's can reach it.
                            let (left, right) = (r.x - SLACK, r.x + r.width + SLACK);
                            self.parts[start..end].iter().any(|p| {
                                p.left <= right && left <= p.right && hit(&self.segments[p.segment])
                            })
                        })
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn boxes_are_found_near_a_long_segment_only() {
        let mut boxes = Boxes::new(100.0);
        boxes.add(rect(5_000.0, 40.0, 50.0, 20.0), 1);
        boxes.add(rect(9_000.0, 340.0, 50.0, 20.0), 2);
        let mut seen = Vec::new();
        // A slanting line from (0, 0) to (10 000, 1 000) passes over box 1's row at
        // x 0..2 000 only, and near box 2.
        let found = boxes.any_along(pt(0.0, 0.0), pt(10_000.0, 1_000.0), 4.0, |_, e| {
            seen.push(e);
            false
        });
        assert!(!found);
        assert_eq!(seen, Vec::<usize>::new());
        let near = |x: f64| boxes.any_near((x, x + 10.0), (45.0, 50.0), |_, e| e == 1);
        assert!(near(5_040.0) && near(4_995.0) && !near(4_980.0) && !near(5_060.0));
    }

    #[test]
    fn segments_are_found_from_any_level() {
        let mut lines = Segments::new(100.0);
        lines.add((7, pt(-20_000.0, 50.0), pt(20_000.0, 50.0), 4.0));
        lines.add((8, pt(310.0, 0.0), pt(310.0, 250.0), 4.0));
        let mut owners = |r: Rect| {
            let mut seen = Vec::new();
            lines.any_near(r, |s| {
                seen.push(s.0);
                false
            });
            seen.sort_unstable();
            seen.dedup();
            seen
        };
        assert_eq!(owners(rect(19_000.0, 40.0, 30.0, 5.0)), vec![7]);
        assert_eq!(owners(rect(300.0, 210.0, 30.0, 5.0)), vec![8]);
        assert_eq!(owners(rect(300.0, 40.0, 30.0, 5.0)), vec![7, 8]);
        assert_eq!(owners(rect(300.0, 500.0, 30.0, 5.0)), Vec::<usize>::new());
    }

    #[test]
    fn watched_segments_keep_only_what_reaches_the_areas() {
        let mut lines = Segments::new(100.0);
        lines.watch(&[
            rect(0.0, 0.0, 400.0, 50.0),
            rect(5_000.0, 900.0, 50.0, 50.0),
        ]);
        // Across the first area; beside it, in its row; in no watched row; and a long
        // slanting line that reaches the second area only.
        lines.add((1, pt(200.0, -50.0), pt(200.0, 80.0), 4.0));
        lines.add((2, pt(600.0, 10.0), pt(900.0, 10.0), 4.0));
        lines.add((3, pt(200.0, 500.0), pt(200.0, 600.0), 4.0));
        lines.add((4, pt(1_000.0, 0.0), pt(10_000.0, 2_070.0), 4.0));
        assert_eq!(lines.segments.len(), 2);
        assert!(lines.parts.iter().all(|p| p.segment < 2));
        let mut owners = |r: Rect| {
            let mut seen = Vec::new();
            lines.any_near(r, |s| {
                seen.push(s.0);
                false
            });
            seen
        };
        assert_eq!(owners(rect(190.0, 10.0, 20.0, 10.0)), vec![1]);
        assert_eq!(owners(rect(300.0, 10.0, 20.0, 10.0)), Vec::<usize>::new());
        assert!(
            owners(rect(5_010.0, 920.0, 20.0, 10.0))
                .iter()
                .all(|&e| e == 4)
        );
    }
}
