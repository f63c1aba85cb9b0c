//! A map: the render model with every node's box sized to its wrapped text, laid out
//! by the built-in layered layout or by Graphviz.
//!
//! Phase: render.

use super::layout::{EdgeTarget, Layout, LayoutEdge, LayoutInput};
use super::model::{NodeKind, Relation, RenderModel, Verdict};
use super::text;

/// Font size of a node's statement.
pub const TEXT_SIZE: f64 = 13.0;
/// Line height of a node's statement.
pub const LINE_HEIGHT: f64 = 17.0;
/// Font size of a node's header (verdict, kind and ID) and footer (strength).
pub const SMALL_SIZE: f64 = 10.5;
/// Line height of the header and footer.
pub const SMALL_LINE: f64 = 14.0;
/// Letter spacing of the header, in em (the `letter-spacing` of `.head` in the map's
/// style sheets). The header is bold, the footer semi-bold (bold where the font has
/// no weight between).
pub const HEAD_SPACING: f64 = 0.04;
/// Inner padding of a box.
pub const PADDING: f64 = 10.0;
/// Widest text line inside a box.
pub const MAX_TEXT_WIDTH: f64 = 230.0;
/// Narrowest box.
pub const MIN_WIDTH: f64 = 150.0;
/// Font size of edge weight labels.
pub const LABEL_SIZE: f64 = 11.0;

/// The lines drawn in one node box.
#[derive(Clone, Debug)]
pub struct NodeText {
    /// The verdict badge, `✓ STANDS`, `✗ FALLS` or `? OPEN`, which starts the header.
    pub verdict: String,
    /// `VERDICT · KIND · ID`, wrapped.
    pub header: Vec<String>,
    /// The statement, wrapped.
    pub lines: Vec<String>,
    /// For each line of [`lines`](Self::lines), whether its paragraph is written right
    /// to left (its first letter that has a direction is Hebrew, Arabic, …, as a
    /// browser decides for `dir="auto"`, each paragraph on its own): such a line runs
    /// from the box's right edge, with its trailing punctuation on the left.
    pub rtl: Vec<bool>,
    /// `strength 0.73`, and whether the node's own data refutes it.
    pub footer: String,
}

/// The glyph that marks a verdict where colour cannot: `✓`, `✗` or `?`.
pub fn glyph(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Stands => "✓",
        Verdict::Falls => "✗",
        Verdict::Open => "?",
    }
}

/// The verdict as a box shows it: `✓ STANDS`, `✗ FALLS`, `? OPEN`.
pub fn badge(verdict: Verdict) -> String {
    format!("{} {}", glyph(verdict), verdict.word().to_uppercase())
}

/// What follows that mark, after the strength, on a box whose own data refutes it.
pub const REFUTED: &str = " · ✗ refuted by its data";

/// `strength 0.73`, and [`REFUTED`] when an expectation of the node fails on its data.
fn footer(node: &super::model::NodeView) -> String {
    let refuted = node.expectations.iter().any(|e| e.holds == Some(false));
    format!(
        "strength {}{}",
        crate::text::strength(node.strength),
        if refuted { REFUTED } else { "" }
    )
}

/// A laid-out map.
#[derive(Clone, Debug)]
pub struct Map {
    /// What is drawn.
    pub model: RenderModel,
    /// The text of each node box, by node index.
    pub texts: Vec<NodeText>,
    /// Boxes and routes.
    pub layout: Layout,
}

/// Which layout engine to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The built-in layered layout.
    Builtin,
    /// Graphviz `dot`.
    Graphviz,
}

/// The width of a header line: bold, letter-spaced.
fn head_width(line: &str) -> f64 {
    text::bold_width(line, SMALL_SIZE, HEAD_SPACING)
}

/// The text of a node and the size of its box.
fn node_text(node: &super::model::NodeView) -> (NodeText, (f64, f64)) {
    let verdict = badge(node.verdict);
    let header = text::wrap_by(
        &format!(
            "{verdict} · {} · {}",
            node.kind.keyword().to_uppercase(),
            node.id
        ),
        MAX_TEXT_WIDTH,
        head_width,
    );
    let statement = if node.text.is_empty() {
        "(no text)".to_string()
    } else {
        crate::text::paragraphs(&node.text).join("\n")
    };
    // Each paragraph wrapped on its own, so that each line knows its paragraph's
    // direction (the same lines as the whole wrapped at once: a line break is kept).
    let mut lines = Vec::new();
    let mut rtl = Vec::new();
    for paragraph in statement.split('\n') {
        let wrapped = text::wrap(paragraph, MAX_TEXT_WIDTH, TEXT_SIZE);
        let direction = unicode_bidi::get_base_direction(paragraph);
        rtl.extend(
            wrapped
                .iter()
                .map(|_| direction == unicode_bidi::Direction::Rtl),
        );
        lines.extend(wrapped);
    }
    let footer = footer(node);
    let widest = header
        .iter()
        .map(|l| head_width(l))
        .chain(lines.iter().map(|l| text::width(l, TEXT_SIZE)))
        .chain(std::iter::once(text::bold_width(&footer, SMALL_SIZE, 0.0)))
        .fold(0.0, f64::max);
    let width = (widest + 2.0 * PADDING).max(MIN_WIDTH).ceil();
    let height = (2.0 * PADDING
        + header.len() as f64 * SMALL_LINE
        + 4.0
        + lines.len() as f64 * LINE_HEIGHT
        + 6.0
        + SMALL_LINE)
        .ceil();
    (
        NodeText {
            verdict,
            header,
            lines,
            rtl,
            footer,
        },
        (width, height),
    )
}

/// The size of an edge's weight label.
pub fn label_size(weight: f64) -> (f64, f64) {
    let t = crate::text::number(weight);
    ((text::width(&t, LABEL_SIZE) + 8.0).ceil(), 16.0)
}

/// The width of the line of an edge of this weight: 1 to 4 units.
pub fn line_width(weight: f64) -> f64 {
    1.0 + 3.0 * weight.clamp(0.0, 1.0)
}

/// The layout input of a model: box sizes, theses on top, edges with label sizes.
pub fn layout_input(model: &RenderModel, sizes: &[(f64, f64)]) -> LayoutInput {
    let positions: std::collections::HashMap<&str, usize> = model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let index = |id: &str| positions[id];
    LayoutInput {
        nodes: sizes.to_vec(),
        top: model
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Thesis)
            .map(|(i, _)| i)
            .collect(),
        edges: model
            .edges
            .iter()
            .map(|e| LayoutEdge {
                source: index(&e.source),
                target: match e.undercuts {
                    Some(j) => EdgeTarget::Edge(j),
                    None => EdgeTarget::Node(index(&e.target)),
                },
                label: Some(label_size(e.weight)),
            })
            .collect(),
    }
}

/// Sizes the boxes and lays the map out.
pub fn build(model: RenderModel, engine: Engine) -> Result<Map, String> {
    build_after(model, engine, None)
}

/// [`build`], keeping the nodes of an earlier map of the same debate where they were
/// as far as the edit allows (the built-in layout only; see
/// [`super::layout::layout_hinted`]). Nodes are matched by ID, edges by their `id` and
/// relation.
pub fn build_after(
    model: RenderModel,
    engine: Engine,
    earlier: Option<&Map>,
) -> Result<Map, String> {
    let (texts, sizes): (Vec<NodeText>, Vec<(f64, f64)>) =
        model.nodes.iter().map(node_text).unzip();
    let input = layout_input(&model, &sizes);
    let layout = match (engine, earlier) {
        (Engine::Builtin, Some(earlier)) => {
            super::layout::layout_hinted(&input, &hint(&model, earlier))
        }
        (Engine::Builtin, None) => super::layout::layout(&input),
        (Engine::Graphviz, _) => {
            let strokes: Vec<super::graphviz::Stroked> = model
                .edges
                .iter()
                .map(|e| super::graphviz::Stroked {
                    width: line_width(e.weight),
                    both_ends: e.relation == Relation::Contradicts,
                })
                .collect();
            super::graphviz::layout_stroked(&input, &strokes).map_err(|e| e.to_string())?
        }
    };
    Ok(Map {
        model,
        texts,
        layout,
    })
}

/// What an earlier map says of the layout of `model`: its nodes by ID, its edges by
/// `id` and relation (an undercut only if it undercuts the same edge).
pub fn hint(model: &RenderModel, earlier: &Map) -> super::layout::LayoutHint {
    use std::collections::HashMap;
    let sizes: Vec<(f64, f64)> = earlier
        .layout
        .nodes
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    let before = layout_input(&earlier.model, &sizes);
    let nodes: HashMap<&str, usize> = earlier
        .model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let edges: HashMap<(&str, Relation), usize> = earlier
        .model
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.id.as_str(), e.relation), i))
        .collect();
    let node_was: Vec<Option<usize>> = model
        .nodes
        .iter()
        .map(|n| nodes.get(n.id.as_str()).copied())
        .collect();
    let mut edge_was: Vec<Option<usize>> = Vec::with_capacity(model.edges.len());
    for e in &model.edges {
        let was = edges.get(&(e.id.as_str(), e.relation)).copied();
        let same_target = |j: usize| match (e.undercuts, earlier.model.edges[j].undercuts) {
            (None, None) => true,
            (Some(a), Some(b)) => edge_was.get(a).copied().flatten() == Some(b),
            _ => false,
        };
        edge_was.push(was.filter(|&j| same_target(j)));
    }
    super::layout::LayoutHint::new(&before, &earlier.layout, &node_was, &edge_was)
}
