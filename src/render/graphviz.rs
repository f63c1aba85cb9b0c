//! The `--layout graphviz` alternative: the same [`LayoutInput`] → [`Layout`] contract
//! as the built-in layout, computed by Graphviz `dot` through graphviz-rust.
//!
//! The graph handed to `dot` holds no user text at all: nodes are fixed-size boxes named
//! `n0`, `n1`... (sizes in inches, units / 72), edge labels are empty fixed-size table
//! cells of the label's size, and edges carry `id="eI"` so that their routes are matched
//! back by id, not by output order. `rankdir=BT` puts sources below their targets and
//! the `top` nodes go to `rank=max`, the top row.
//!
//! **Undercuts.** An edge that is undercut, `A → B`, is laid out as `A → pI → B` through a
//! tiny point node `pI`, so that `dot` makes room for the undercuts that point at it;
//! its route is the two halves joined at `pI`, and its weight label goes on the first
//! half. Every undercut of it is routed by `dot` to `pI`, which lies on that route about
//! halfway along it; [`undercut`] then keeps that route only while it stays clear of
//! the line it undercuts and ends it, from its own side, on the point of that line
//! nearest its midpoint that it reaches, straight or square to the line at the last,
//! without crossing a box or running along the line (so the undercut is seen to end
//! there). A weight label `dot` put beside the part of its route that is gone moves to
//! what is left.
//!
//! **Labels.** `dot` keeps room for each weight label beside its edge, but other lines
//! may pass over that spot; [`label`] moves such a label onto its own route, clear of
//! every box, line, arrowhead and other label. Like the built-in layout, an edge
//! that names a missing node or edge, or undercuts in a cycle, gets no route (no points)
//! and is left out of the graph.
//!
//! **Coordinates.** `dot -Tjson` gives positions in points with y upwards from the
//! bottom-left of the bounding box; they are turned into layout units (1 unit = 1 point)
//! with y downwards from the top-left. Edge splines (cubic Bézier control points) are
//! sampled into polylines that start at the source box and end at the arrow tip. A label
//! position is the top-left corner of the label box, centred where `dot` put the label.
//! Everything is shifted by a margin of 20 units, as in the built-in layout.
//!
//! **Running `dot`.** graphviz-rust's `exec_dot` writes the graph to a temporary file
//! and runs `dot -Tjson` on it; its error carries `dot`'s error output but not the exit
//! status, so [`GraphvizError::Failed`] has `status: None` when it comes from there.
//! [`available`] looks for `dot` on `PATH` without running anything.
//!
//! Phase: render. Runs the external `dot` program; never sees source text.

use std::collections::HashMap;
use std::fmt::Write;

use graphviz_rust::cmd::{CommandArg, Format};

mod label;
mod undercut;

pub use label::Stroked;

use super::layout::{EdgeRoute, EdgeTarget, Layout, LayoutInput, Point, Rect};
use undercut::midpoint;

/// How far from its route (past half its size) the label of an undercut may stay.
const LABEL_NEAR: f64 = 12.0;
/// Samples per Bézier segment when a spline becomes a polyline.
const SAMPLES: usize = 8;
/// Empty border around the drawing, as the built-in layout leaves.
const MARGIN: f64 = 20.0;
/// The largest box size passed on; larger ones are clamped.
const MAX_SIZE: f64 = 1e6;

/// Why Graphviz could not lay the map out.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    /// `dot` is not on `PATH`.
    #[error("Graphviz `dot` was not found on PATH; install Graphviz or use `--layout builtin`")]
    NotFound,
    /// `dot` ran and failed.
    #[error("Graphviz `dot` failed{}: {}", status.map(|s| format!(" (exit status {s})")).unwrap_or_default(), stderr.trim())]
    Failed {
        /// The exit status, when known (graphviz-rust reports only the error output).
        status: Option<i32>,
        /// What `dot` wrote to its error output.
        stderr: String,
    },
    /// `dot` printed something this module cannot read.
    #[error("cannot read the output of Graphviz `dot`: {0}")]
    Parse(String),
}

/// Whether a `dot` program is on `PATH`.
pub fn available() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    let names: &[&str] = if cfg!(windows) {
        &["dot.exe", "dot"]
    } else {
        &["dot"]
    };
    std::env::split_paths(&path).any(|dir| names.iter().any(|n| dir.join(n).is_file()))
}

/// Lays the graph out with Graphviz `dot`, every line taken as the widest drawn, with
/// arrowheads at both ends (see [`layout_stroked`]).
pub fn layout(input: &LayoutInput) -> Result<Layout, GraphvizError> {
    layout_stroked(input, &[])
}

/// Lays the graph out with Graphviz `dot`; `strokes` (by edge index) says how each
/// edge is drawn, so that the weight labels keep clear of the lines as drawn. An edge
/// left out is taken as the widest line, with arrowheads at both ends.
pub fn layout_stroked(input: &LayoutInput, strokes: &[Stroked]) -> Result<Layout, GraphvizError> {
    if !available() {
        return Err(GraphvizError::NotFound);
    }
    let output = graphviz_rust::exec_dot(to_dot(input), vec![CommandArg::Format(Format::Json)])
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GraphvizError::NotFound,
            _ => GraphvizError::Failed {
                status: None,
                stderr: e.to_string(),
            },
        })?;
    let json: serde_json::Value =
        serde_json::from_slice(&output).map_err(|e| GraphvizError::Parse(e.to_string()))?;
    read_layout(input, &json, strokes)
}

/// Edges that some valid undercut points at.
fn undercut_edges(input: &LayoutInput, valid: &[bool]) -> Vec<bool> {
    let mut split = vec![false; input.edges.len()];
    for (i, e) in input.edges.iter().enumerate() {
        if let EdgeTarget::Edge(j) = e.target
            && valid[i]
        {
            split[j] = true;
        }
    }
    split
}

/// The DOT graph `dot` lays out (no user text: see the module docs).
fn to_dot(input: &LayoutInput) -> String {
    let mut out = String::from(
        "digraph layout {\n  rankdir=BT; nodesep=0.35; ranksep=0.45;\n  \
         node [shape=box, fixedsize=true, label=\"\"];\n",
    );
    let sizes = sizes(input);
    for (i, (w, h)) in sizes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  n{i} [width={:.5}, height={:.5}];",
            w / 72.0,
            h / 72.0
        );
    }
    let mut top: Vec<usize> = input
        .top
        .iter()
        .copied()
        .filter(|&t| t < sizes.len())
        .collect();
    top.sort_unstable();
    top.dedup();
    if !top.is_empty() {
        let top: Vec<String> = top.iter().map(|i| format!("n{i}")).collect();
        let _ = writeln!(out, "  {{ rank=max; {}; }}", top.join("; "));
    }
    let valid = valid_edges(input);
    let split = undercut_edges(input, &valid);
    for (i, e) in input.edges.iter().enumerate() {
        if !valid[i] {
            continue;
        }
        let head = match e.target {
            EdgeTarget::Node(t) => format!("n{t}"),
            EdgeTarget::Edge(j) => format!("p{j}"),
        };
        // An empty table cell of the label's size (in points, whole numbers).
        let cell = |v: f64| {
            if v.is_finite() {
                v.ceil().clamp(1.0, 65535.0)
            } else {
                1.0
            }
        };
        let label = e.label.map_or(String::new(), |(w, h)| {
            format!(
                ", label=<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>\
                 <TD FIXEDSIZE=\"TRUE\" WIDTH=\"{}\" HEIGHT=\"{}\"></TD></TR></TABLE>>",
                cell(w),
                cell(h)
            )
        });
        if split[i] {
            let _ = writeln!(out, "  p{i} [shape=point, width=0.02, height=0.02];");
            let _ = writeln!(
                out,
                "  n{} -> p{i} [id=\"e{i}a\", dir=none{label}];",
                e.source
            );
            let _ = writeln!(out, "  p{i} -> {head} [id=\"e{i}b\"];");
        } else {
            let _ = writeln!(out, "  n{} -> {head} [id=\"e{i}\"{label}];", e.source);
        }
    }
    out.push_str("}\n");
    out
}

/// Numbers separated by commas, e.g. `"27,18.5"`.
fn numbers(text: &str) -> Result<Vec<f64>, GraphvizError> {
    text.split(',')
        .map(|n| {
            n.trim()
                .parse::<f64>()
                .map_err(|_| GraphvizError::Parse(format!("`{text}` is not a list of numbers")))
        })
        .collect()
}

fn field<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(serde_json::Value::as_str)
}

/// Turns `dot -Tjson` output into the layout.
fn read_layout(
    input: &LayoutInput,
    json: &serde_json::Value,
    strokes: &[Stroked],
) -> Result<Layout, GraphvizError> {
    let bb = numbers(field(json, "bb").ok_or_else(|| GraphvizError::Parse("no `bb`".into()))?)?;
    let [left, bottom, right, top] = bb[..] else {
        return Err(GraphvizError::Parse("`bb` is not four numbers".into()));
    };
    let flip = |x: f64, y: f64| Point {
        x: x - left + MARGIN,
        y: top - y + MARGIN,
    };
    let mut centres: HashMap<String, Point> = HashMap::new();
    for o in json
        .get("objects")
        .and_then(|o| o.as_array())
        .into_iter()
        .flatten()
    {
        if let (Some(name), Some(pos)) = (field(o, "name"), field(o, "pos"))
            && let [x, y] = numbers(pos)?[..]
        {
            centres.insert(name.to_string(), flip(x, y));
        }
    }
    let mut splines: HashMap<String, (Vec<Point>, Option<Point>)> = HashMap::new();
    for e in json
        .get("edges")
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
    {
        let Some(id) = field(e, "id") else { continue };
        let points = spline(field(e, "pos").unwrap_or(""), &flip)?;
        let lp = match field(e, "lp") {
            Some(lp) => match numbers(lp)?[..] {
                [x, y] => Some(flip(x, y)),
                _ => return Err(GraphvizError::Parse(format!("bad `lp` `{lp}`"))),
            },
            None => None,
        };
        splines.insert(id.to_string(), (points, lp));
    }
    let missing = |what: &str| GraphvizError::Parse(format!("no position for `{what}`"));
    let centre_of = |name: String| centres.get(&name).copied().ok_or_else(|| missing(&name));
    let mut take = |name: String| splines.remove(&name).ok_or_else(|| missing(&name));

    let sizes = sizes(input);
    let mut nodes = Vec::with_capacity(sizes.len());
    for (i, &(w, h)) in sizes.iter().enumerate() {
        let c = centre_of(format!("n{i}"))?;
        nodes.push(Rect {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
            width: w,
            height: h,
        });
    }
    let valid = valid_edges(input);
    let split = undercut_edges(input, &valid);
    // Routes as `dot` drew them; undercuts still end at the point node.
    let mut edges = Vec::with_capacity(input.edges.len());
    for (i, e) in input.edges.iter().enumerate() {
        if !valid[i] {
            edges.push(EdgeRoute {
                points: Vec::new(),
                label: None,
            });
            continue;
        }
        let (mut points, lp) = if split[i] {
            let (mut a, lp) = take(format!("e{i}a"))?;
            let (b, _) = take(format!("e{i}b"))?;
            a.push(centre_of(format!("p{i}"))?);
            a.extend(b);
            (a, lp)
        } else {
            take(format!("e{i}"))?
        };
        let source = centre(nodes[e.source]);
        let target = match e.target {
            EdgeTarget::Node(t) => centre(nodes[t]),
            EdgeTarget::Edge(j) => centre_of(format!("p{j}"))?,
        };
        if let (Some(&first), Some(&last)) = (points.first(), points.last())
            && dist(first, target) + dist(last, source) < dist(first, source) + dist(last, target)
        {
            points.reverse();
        }
        if points.len() < 2 {
            points = vec![source, target];
        }
        let label = match (lp, e.label) {
            (Some(c), Some((w, h))) => Some(Point {
                x: c.x - w / 2.0,
                y: c.y - h / 2.0,
            }),
            _ => None,
        };
        edges.push(EdgeRoute { points, label });
    }
    // An undercut ends on the middle of the edge it undercuts, from its own side
    // (after that edge's own end is settled, when it is an undercut too).
    let grid = label::Grid::of_boxes(&nodes);
    undercut::settle_all(input, &valid, &nodes, &grid, &mut edges);
    for (route, e) in edges.iter_mut().zip(&input.edges) {
        route.points.dedup_by(|b, a| dist(*a, *b) < 0.01);
        // A label `dot` put beside the part of an undercut's route that is gone goes
        // to the middle of what is left (and is then placed clear of the rest).
        if let (EdgeTarget::Edge(_), Some(at), Some((w, h))) = (e.target, route.label, e.label) {
            let centre = Point {
                x: at.x + w / 2.0,
                y: at.y + h / 2.0,
            };
            if undercut::to_polyline(centre, centre, &route.points) > w.max(h) / 2.0 + LABEL_NEAR
                && let Some(m) = midpoint(&route.points)
            {
                route.label = Some(Point {
                    x: m.x - w / 2.0,
                    y: m.y - h / 2.0,
                });
            }
        }
    }
    let sizes: Vec<Option<(f64, f64)>> = input.edges.iter().map(|e| e.label).collect();
    label::place(grid, &mut edges, &sizes, strokes);
    Ok(Layout {
        nodes,
        edges,
        width: right - left + 2.0 * MARGIN,
        height: top - bottom + 2.0 * MARGIN,
    })
}

/// Box sizes made finite, positive and not absurdly large.
fn sizes(input: &LayoutInput) -> Vec<(f64, f64)> {
    let clean = |v: f64| {
        if v.is_finite() {
            v.clamp(1.0, MAX_SIZE)
        } else {
            1.0
        }
    };
    input
        .nodes
        .iter()
        .map(|&(w, h)| (clean(w), clean(h)))
        .collect()
}

/// Which edges can be drawn: those whose nodes exist and whose chain of undercuts ends
/// at a node (not in a cycle or at a missing edge).
fn valid_edges(input: &LayoutInput) -> Vec<bool> {
    let (n, m) = (input.nodes.len(), input.edges.len());
    (0..m)
        .map(|i| {
            let mut k = i;
            for _ in 0..=m {
                let e = &input.edges[k];
                if e.source >= n {
                    return false;
                }
                match e.target {
                    EdgeTarget::Node(t) => return t < n,
                    EdgeTarget::Edge(j) if j < m => k = j,
                    EdgeTarget::Edge(_) => return false,
                }
            }
            false
        })
        .collect()
}

fn centre(r: Rect) -> Point {
    Point {
        x: r.x + r.width / 2.0,
        y: r.y + r.height / 2.0,
    }
}

fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// An edge's `pos` (`[s,x,y] [e,x,y] x,y x,y ...`: cubic Bézier control points, one
/// spline per `;`-separated part) as a polyline from start to arrow tip.
fn spline(pos: &str, flip: &dyn Fn(f64, f64) -> Point) -> Result<Vec<Point>, GraphvizError> {
    let mut out = Vec::new();
    for part in pos.split(';').filter(|p| !p.trim().is_empty()) {
        let (mut start, mut end, mut control) = (None, None, Vec::new());
        for item in part.split_whitespace() {
            let (kind, rest) = match item.split_once(',') {
                Some(("s", r)) => ('s', r),
                Some(("e", r)) => ('e', r),
                _ => ('p', item),
            };
            let [x, y] = numbers(rest)?[..] else {
                return Err(GraphvizError::Parse(format!("bad point `{item}`")));
            };
            let p = flip(x, y);
            match kind {
                's' => start = Some(p),
                'e' => end = Some(p),
                _ => control.push(p),
            }
        }
        out.extend(start);
        if let Some(&first) = control.first() {
            out.push(first);
        }
        for seg in control.windows(4).step_by(3) {
            for k in 1..=SAMPLES {
                out.push(bezier(seg, k as f64 / SAMPLES as f64));
            }
        }
        out.extend(end);
    }
    Ok(out)
}

fn bezier(p: &[Point], t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point {
        x: a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
        y: a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::layout::LayoutEdge;

    #[test]
    fn splines_become_polylines_in_top_left_coordinates() {
        let flip = |x: f64, y: f64| Point { x, y: 100.0 - y };
        let p = spline("e,10,90 10,10 10,30 10,60 10,80", &flip).expect("valid pos");
        assert_eq!(p.first(), Some(&Point { x: 10.0, y: 90.0 }));
        assert_eq!(p.last(), Some(&Point { x: 10.0, y: 10.0 }));
        assert_eq!(p.len(), 1 + SAMPLES + 1);
        assert!(spline("1,2 x,3", &flip).is_err());
    }

    /// What `dot -Tjson` (2.43) prints for the input of the test below, trimmed.
    const SMALL_JSON: &str = r#"{"bb": "0,0,269,154.44",
        "objects": [{"name": "%3", "nodes": [1]},
            {"name": "n0", "pos": "145,136.44"}, {"name": "n1", "pos": "72,18"},
            {"name": "n2", "pos": "219,18"}, {"name": "p0", "pos": "145,84.72"}],
        "edges": [
            {"id": "e0a", "pos": "91.18,36.078 112.13,54.735 143,82.218 144.91,83.917", "lp": "136,60"},
            {"id": "e1", "pos": "e,145.09,83.917 199.56,36.078 184.29,49.487 163.83,67.457 152.82,77.135"},
            {"id": "e0b", "pos": "e,145,118.3 145,85.583 145,86.903 145,97.129 145,107.98"}]}"#;

    fn small_input() -> LayoutInput {
        LayoutInput {
            nodes: vec![(144.0, 36.0), (144.0, 36.0), (100.0, 36.0)],
            top: vec![0],
            edges: vec![
                LayoutEdge {
                    source: 1,
                    target: EdgeTarget::Node(0),
                    label: Some((20.0, 16.0)),
                },
                LayoutEdge {
                    source: 2,
                    target: EdgeTarget::Edge(0),
                    label: None,
                },
            ],
        }
    }

    #[test]
    fn dot_json_becomes_a_top_left_layout() {
        let json = serde_json::from_str(SMALL_JSON).expect("valid JSON");
        let layout = read_layout(&small_input(), &json, &[]).expect("readable");
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        // Centre (145, 136.44) in a 154.44 high box, y flipped, plus the margin of 20.
        let top = layout.nodes[0];
        assert!(close(top.x, 93.0) && close(top.y, 20.0), "{top:?}");
        assert!(close(layout.width, 309.0) && close(layout.height, 194.44));
        // The supports edge runs from the top of n1 up to the bottom of n0, through p0.
        let route = &layout.edges[0].points;
        let (first, last) = (route[0], route[route.len() - 1]);
        assert!(
            close(first.x, 111.18) && (first.y - 138.44).abs() < 0.1,
            "{first:?}"
        );
        assert!(
            close(last.x, 165.0) && (last.y - 56.0).abs() < 0.2,
            "{last:?}"
        );
        assert!(route.iter().any(|p| close(p.x, 165.0) && close(p.y, 89.72)));
        // The undercut ends halfway along the edge it undercuts.
        let under = &layout.edges[1].points;
        assert_eq!(under.last().copied(), midpoint(route));
        // The label box `dot` centred at `lp` touches the undercut's arrowhead (4.5
        // units wide each side, room included), so the label moves to a spot on its own
        // route clear of it.
        let crossed = |r: Rect| {
            under
                .windows(2)
                .any(|w| crate::render::layout::polyline::crosses(w[0], w[1], r, 4.5))
        };
        let at = |p: Point| Rect {
            x: p.x,
            y: p.y,
            width: 20.0,
            height: 16.0,
        };
        assert!(crossed(at(Point {
            x: 146.0,
            y: 106.44
        })));
        let label = layout.edges[0].label.expect("a label");
        assert!(!crossed(at(label)), "{label:?}");
    }

    #[test]
    fn edges_to_nothing_get_no_route() {
        let mut input = small_input();
        input.edges.push(LayoutEdge {
            source: 0,
            target: EdgeTarget::Node(7),
            label: None,
        });
        input.edges.push(LayoutEdge {
            source: 0,
            target: EdgeTarget::Edge(4),
            label: None,
        });
        input.edges.push(LayoutEdge {
            source: 1,
            target: EdgeTarget::Edge(4),
            label: None,
        });
        assert_eq!(valid_edges(&input), [true, true, false, false, false]);
        let dot = to_dot(&input);
        assert!(!dot.contains("e2") && !dot.contains("p4"), "{dot}");
        let json = serde_json::from_str(SMALL_JSON).expect("valid JSON");
        let layout = read_layout(&input, &json, &[]).expect("readable");
        assert!(layout.edges[2..].iter().all(|e| e.points.is_empty()));
    }

    #[test]
    fn the_graph_for_dot_names_nodes_and_splits_undercut_edges() {
        let input = LayoutInput {
            nodes: vec![(72.0, 36.0), (144.0, 36.0), (72.0, 72.0)],
            top: vec![0],
            edges: vec![
                LayoutEdge {
                    source: 1,
                    target: EdgeTarget::Node(0),
                    label: Some((20.0, 16.0)),
                },
                LayoutEdge {
                    source: 2,
                    target: EdgeTarget::Edge(0),
                    label: None,
                },
            ],
        };
        let dot = to_dot(&input);
        assert!(dot.contains("n1 [width=2.00000, height=0.50000];"), "{dot}");
        assert!(dot.contains("{ rank=max; n0; }"), "{dot}");
        assert!(
            dot.contains("n1 -> p0 [id=\"e0a\", dir=none, label=<"),
            "{dot}"
        );
        assert!(dot.contains("p0 -> n0 [id=\"e0b\"];"), "{dot}");
        assert!(dot.contains("n2 -> p0 [id=\"e1\"];"), "{dot}");
    }
}
