//! Weight labels on a Graphviz layout, placed clear of everything else drawn.
//!
//! `dot` puts an edge's label beside its edge, in room it keeps for it, but another
//! edge may pass over that spot, or close enough for its line to touch the label. Once
//! every route is known, each label is placed in turn: where `dot` put it if that is
//! clear, else on its own route (which it labels), at the spot nearest the route's
//! middle, or a step beside it, that is clear. Clear means: off every node box, off
//! every label placed before, off the lines of the other edges (their width counted)
//! and off every arrowhead, its own included. When no spot is clear, `dot`'s is kept.
//! Obstacles are found through a grid of cells, so each check costs what lies near the
//! spot, not what the whole drawing holds.
//!
//! Phase: render (after `dot` has run).

use std::collections::HashMap;

use crate::render::layout::polyline::{along, crosses, overlap};
use crate::render::layout::{EdgeRoute, Point, Rect};

/// Room kept between a label and a box or another label.
const CLEARANCE: f64 = 2.0;
/// The room kept beside a line, past half its width.
const LINE: f64 = 1.0;
/// How far an arrowhead reaches back from the end of its route, and half its width
/// with room beside it.
const HEAD_BACK: f64 = 8.0;
const HEAD_HALF: f64 = 3.5 + 1.0;
/// The step between the spots tried along a route, and how many of them.
const STEP: f64 = 6.0;
const ALONG: usize = 64;
/// Offsets across the route tried at every spot, for a label beside its line.
const BESIDE: [f64; 11] = [
    0.0, 14.0, -14.0, 26.0, -26.0, 38.0, -38.0, 50.0, -50.0, 62.0, -62.0,
];
/// The side of a grid cell.
const CELL: f64 = 64.0;

/// How an edge is drawn: its line's width, and whether it has an arrowhead at its
/// start too (a contradiction).
#[derive(Clone, Copy, Debug)]
pub struct Stroked {
    /// The width of the line.
    pub width: f64,
    /// Whether the line starts with an arrowhead as well as ending in one.
    pub both_ends: bool,
}

impl Default for Stroked {
    /// The widest line drawn (1 + 3 × weight), with an arrowhead at both ends.
    fn default() -> Self {
        Stroked {
            width: 4.0,
            both_ends: true,
        }
    }
}

/// A stretch of line: its ends, how far around it a label must keep, and its edge
/// (`None` for an arrowhead, which no label may cover).
struct Stroke {
    a: Point,
    b: Point,
    grow: f64,
    edge: Option<usize>,
}

/// What a label (or the last stretch of an undercut) must keep clear of, by grid cell.
#[derive(Default)]
pub(super) struct Grid {
    boxes: Vec<Rect>,
    strokes: Vec<Stroke>,
    cells: HashMap<(i64, i64), Vec<Item>>,
}

#[derive(Clone, Copy)]
enum Item {
    Box(usize),
    Stroke(usize),
}

fn cell(v: f64) -> i64 {
    (v / CELL).floor().clamp(-1e9, 1e9) as i64
}

impl Grid {
    fn insert(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, item: Item) {
        for cx in cell(x0)..=cell(x1) {
            for cy in cell(y0)..=cell(y1) {
                self.cells.entry((cx, cy)).or_default().push(item);
            }
        }
    }

    /// The grid of some node boxes.
    pub(super) fn of_boxes(nodes: &[Rect]) -> Self {
        let mut grid = Grid::default();
        for &r in nodes {
            grid.add_box(r);
        }
        grid
    }

    /// Whether segment `a`–`b`, `grow` wide each side, passes through no box but
    /// the box `except`.
    pub(super) fn segment_clear(&self, a: Point, b: Point, grow: f64, except: usize) -> bool {
        let (x0, x1) = (a.x.min(b.x) - grow, a.x.max(b.x) + grow);
        let (y0, y1) = (a.y.min(b.y) - grow, a.y.max(b.y) + grow);
        if (x1 - x0) / CELL * (y1 - y0) / CELL > 1e6 {
            return (self.boxes.iter().enumerate())
                .all(|(k, &r)| k == except || !crosses(a, b, r, grow));
        }
        for cx in cell(x0)..=cell(x1) {
            for cy in cell(y0)..=cell(y1) {
                let Some(items) = self.cells.get(&(cx, cy)) else {
                    continue;
                };
                for &item in items {
                    if let Item::Box(k) = item
                        && k != except
                        && crosses(a, b, self.boxes[k], grow)
                    {
                        return false;
                    }
                }
            }
        }
        true
    }

    fn add_box(&mut self, r: Rect) {
        self.boxes.push(r);
        let item = Item::Box(self.boxes.len() - 1);
        self.insert(r.x, r.y, r.x + r.width, r.y + r.height, item);
    }

    fn add_stroke(&mut self, s: Stroke) {
        let g = s.grow;
        let (x0, x1) = (s.a.x.min(s.b.x) - g, s.a.x.max(s.b.x) + g);
        let (y0, y1) = (s.a.y.min(s.b.y) - g, s.a.y.max(s.b.y) + g);
        // A stretch too long for the grid (far outside any sane drawing) is skipped.
        if (x1 - x0) / CELL * (y1 - y0) / CELL > 1e6 {
            return;
        }
        self.strokes.push(s);
        self.insert(x0, y0, x1, y1, Item::Stroke(self.strokes.len() - 1));
    }

    /// Whether `r`, the label of `edge`, is clear of everything in the grid.
    fn clear(&self, r: Rect, edge: usize) -> bool {
        for cx in cell(r.x - CLEARANCE)..=cell(r.x + r.width + CLEARANCE) {
            for cy in cell(r.y - CLEARANCE)..=cell(r.y + r.height + CLEARANCE) {
                let Some(items) = self.cells.get(&(cx, cy)) else {
                    continue;
                };
                for &item in items {
                    let hit = match item {
                        Item::Box(k) => overlap(r, self.boxes[k], CLEARANCE),
                        Item::Stroke(k) => {
                            let s = &self.strokes[k];
                            s.edge != Some(edge) && crosses(s.a, s.b, r, s.grow)
                        }
                    };
                    if hit {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// The arrowhead at `tip` of a route whose last point before it is `from`, as the
/// stretch of line it covers (none when the two are the same point).
fn head(from: Point, tip: Point) -> Option<Stroke> {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = dx.hypot(dy);
    (len > 0.0).then(|| Stroke {
        a: tip,
        b: Point {
            x: tip.x - dx / len * HEAD_BACK,
            y: tip.y - dy / len * HEAD_BACK,
        },
        grow: HEAD_HALF,
        edge: None,
    })
}

/// Places the label of every edge that has one (`sizes[i]`, with `dot`'s spot in
/// `routes[i].label`) clear of the boxes, routes, arrowheads and the other labels.
/// `grid` holds the node boxes (and nothing else yet); `strokes` says how each edge is
/// drawn.
pub(super) fn place(
    mut grid: Grid,
    routes: &mut [EdgeRoute],
    sizes: &[Option<(f64, f64)>],
    strokes: &[Stroked],
) {
    for (i, route) in routes.iter().enumerate() {
        let pts = &route.points;
        let look = strokes.get(i).copied().unwrap_or_default();
        for w in pts.windows(2) {
            grid.add_stroke(Stroke {
                a: w[0],
                b: w[1],
                grow: look.width / 2.0 + LINE,
                edge: Some(i),
            });
        }
        if look.both_ends
            && let [a, b, ..] = pts.as_slice()
            && let Some(s) = head(*b, *a)
        {
            grid.add_stroke(s);
        }
        if let [.., a, b] = pts.as_slice()
            && let Some(s) = head(*a, *b)
        {
            grid.add_stroke(s);
        }
    }
    for (i, route) in routes.iter_mut().enumerate() {
        let (Some(at), Some((w, h))) = (route.label, sizes.get(i).copied().flatten()) else {
            continue;
        };
        let centred = |c: Point, dx: f64, dy: f64| Rect {
            x: c.x + dx - w / 2.0,
            y: c.y + dy - h / 2.0,
            width: w,
            height: h,
        };
        let dot = Rect {
            x: at.x,
            y: at.y,
            width: w,
            height: h,
        };
        let spots = along(&route.points, STEP, ALONG);
        let found = std::iter::once(dot)
            .chain(BESIDE.iter().flat_map(|&d| {
                spots.iter().flat_map(move |&c| {
                    // Beside a line is across it: sideways, or up or down.
                    let across = if d == 0.0 {
                        None
                    } else {
                        Some(centred(c, 0.0, d))
                    };
                    std::iter::once(centred(c, d, 0.0)).chain(across)
                })
            }))
            .find(|&r| grid.clear(r, i));
        let Some(r) = found else { continue };
        route.label = Some(Point { x: r.x, y: r.y });
        grid.add_box(r);
    }
}
