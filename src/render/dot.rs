//! Graphviz DOT output: the map as a `digraph` that `dot` lays out and draws.
//!
//! Theses are on top (`rankdir=BT`: an edge points from its source up to its target).
//! Nodes are rounded boxes filled by kind, with a border that shows the verdict: green
//! and solid when the node stands, red and dashed when it falls, grey and dotted when it
//! is open. The label starts with the verdict (`✓ stands`, `✗ falls`, `? open`) and
//! ends with the strength, and the node's `class` is `KIND VERDICT` (kept by `dot -Tsvg`).
//! Supports are green, attacks red, contradictions red with arrows at both ends,
//! undercuts dashed. Edge width follows the weight, and the weight is the edge's label.
//!
//! **Undercuts.** DOT cannot point an edge at another edge. An undercut edge `A → B` is
//! therefore drawn as two halves through a tiny point node, `A → "edge-A-B:mid" → B`
//! (the first half without an arrowhead, so the pair reads as one arrow), and every
//! undercut of it points at that node. Its name, the edge's id plus `:mid`, cannot clash
//! with a node, since IDs never contain `:`.
//!
//! **Escaping.** Every string that comes from the author (IDs, texts, tags, `by`, URLs,
//! the title) is written as a quoted DOT string through [`quote`]: `"` and `\` are
//! backslash-escaped (so `\N`, `\G`, `\l`... in a text stay literal), line breaks become
//! `\n`, other control characters a space, and `&`, `<`, `>` become `&amp;`, `&lt;`,
//! `&gt;`. Graphviz decodes those entities in ordinary labels and tooltips, so the
//! drawing shows the text as written, while no raw markup reaches a program that reads
//! the DOT text. HTML-like `<...>` labels are never used.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use std::fmt::Write;

use super::model::{EdgeView, NodeKind, NodeView, Relation, RenderModel, Verdict};
use super::text;
use crate::text::{number, strength};

/// Node texts are wrapped to lines this wide (in points at [`FONT_SIZE`]).
pub const WRAP_WIDTH: f64 = 220.0;
/// Font size of node texts.
pub const FONT_SIZE: f64 = 13.0;

/// Renders the model as a DOT `digraph`.
pub fn render(model: &RenderModel) -> String {
    let mut out = String::from("digraph debate {\n  rankdir=BT;\n");
    let mut graph_attrs = vec![
        ("fontname", quote("Helvetica,Arial,sans-serif")),
        ("nodesep", "0.4".to_string()),
        ("ranksep", "0.6".to_string()),
    ];
    if let Some(title) = &model.title {
        graph_attrs.push(("label", quote(title)));
        graph_attrs.push(("labelloc", "t".to_string()));
        graph_attrs.push(("fontsize", "18".to_string()));
    }
    if let Some(description) = &model.description {
        graph_attrs.push(("tooltip", quote(description)));
    }
    let _ = writeln!(out, "  graph [{}];", attrs(&graph_attrs));
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica,Arial,sans-serif\", \
         fontsize={FONT_SIZE}, margin=\"0.15,0.08\"];"
    );
    out.push_str("  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=10, arrowsize=0.8];\n");

    let theses: Vec<String> = model
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Thesis)
        .map(|n| quote(&n.id))
        .collect();
    if !theses.is_empty() {
        let _ = writeln!(
            out,
            "  subgraph theses {{ rank=max; {}; }}",
            theses.join("; ")
        );
    }
    for node in &model.nodes {
        let _ = writeln!(out, "  {} [{}];", quote(&node.id), attrs(&node_attrs(node)));
    }
    let mut undercut = vec![false; model.edges.len()];
    for j in model.edges.iter().filter_map(|e| e.undercuts) {
        if let Some(u) = undercut.get_mut(j) {
            *u = true;
        }
    }
    for (i, edge) in model.edges.iter().enumerate() {
        write_edge(&mut out, model, edge, undercut[i]);
    }
    out.push_str("}\n");
    out
}

/// The name of the point node an undercut edge is drawn through.
fn mid_point(edge: &EdgeView) -> String {
    quote(&format!("{}:mid", edge.id))
}

fn node_attrs(node: &NodeView) -> Vec<(&'static str, String)> {
    let text = if node.text.is_empty() {
        &node.id
    } else {
        &node.text
    };
    let mut lines = vec![escape(&format!(
        "{} {}",
        super::map::glyph(node.verdict),
        node.verdict
    ))];
    lines.extend(
        text::wrap(
            &crate::text::paragraphs(text).join("\n"),
            WRAP_WIDTH,
            FONT_SIZE,
        )
        .iter()
        .map(|l| escape(l)),
    );
    lines.push(escape(&format!("strength {}", strength(node.strength))));
    let mut tooltip = format!("{} ({})", node.id, node.kind.keyword());
    if let Some(by) = &node.by {
        let _ = write!(tooltip, " by {by}");
    }
    let _ = write!(
        tooltip,
        ": {}; strength {}",
        node.why,
        strength(node.strength)
    );
    if !node.tags.is_empty() {
        let _ = write!(tooltip, "; tags: {}", node.tags.join(", "));
    }
    let (colour, style, width) = verdict_border(node.verdict);
    let mut a = vec![
        ("id", quote(&format!("node-{}", node.id))),
        (
            "class",
            quote(&format!("{} {}", node.kind.keyword(), node.verdict)),
        ),
        ("label", format!("\"{}\"", lines.join("\\n"))),
        ("fillcolor", quote(kind_fill(node.kind))),
        ("color", quote(colour)),
        ("style", quote(style)),
        ("penwidth", width.to_string()),
        ("tooltip", quote(&tooltip)),
    ];
    if let Some(url) = node.sources.iter().find_map(|s| s.url.as_deref()) {
        a.push(("URL", quote(url)));
        a.push(("target", quote("_blank")));
    }
    a
}

/// Writes one relation (two halves and a point when it is undercut).
fn write_edge(out: &mut String, model: &RenderModel, edge: &EdgeView, undercut: bool) {
    let tail = quote(&edge.source);
    let head = match edge.undercuts.and_then(|j| model.edges.get(j)) {
        Some(target) => mid_point(target),
        None => quote(&edge.target),
    };
    let colour = relation_colour(edge.relation);
    let width = number(0.8 + 2.4 * edge.weight.clamp(0.0, 1.0));
    let mut common = vec![("color", quote(colour)), ("penwidth", width)];
    if edge.relation == Relation::Undercuts {
        common.push(("style", "dashed".to_string()));
    }
    let what = match model.inference(edge) {
        Some((a, b)) => format!("{} undercuts {a} → {b}", edge.source),
        None => format!(
            "{} {} {}",
            edge.source,
            edge.relation.keyword(),
            edge.target
        ),
    };
    let mut full = common.clone();
    full.extend([
        ("id", quote(&edge.id)),
        ("label", quote(&number(edge.weight))),
        ("fontcolor", quote(colour)),
        (
            "tooltip",
            quote(&format!("{what} ({})", number(edge.weight))),
        ),
    ]);
    if edge.relation == Relation::Contradicts {
        full.push(("dir", "both".to_string()));
    }
    if !undercut {
        let _ = writeln!(out, "  {tail} -> {head} [{}];", attrs(&full));
        return;
    }
    let mid = mid_point(edge);
    let _ = writeln!(
        out,
        "  {mid} [shape=point, width=0.06, height=0.06, label=\"\", color={}];",
        quote(colour)
    );
    let mut first = common;
    let dir = if edge.relation == Relation::Contradicts {
        "back"
    } else {
        "none"
    };
    first.push(("dir", dir.to_string()));
    let _ = writeln!(out, "  {tail} -> {mid} [{}];", attrs(&first));
    if let Some(d) = full.iter_mut().find(|(k, _)| *k == "dir") {
        d.1 = "forward".to_string();
    }
    let _ = writeln!(out, "  {mid} -> {head} [{}];", attrs(&full));
}

fn attrs(list: &[(&str, String)]) -> String {
    list.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fill colour of a node kind.
fn kind_fill(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Thesis => "#dbe7fb",
        NodeKind::Counter => "#ffebe9",
        NodeKind::Evidence => "#dafbe1",
        NodeKind::Claim => "#f6f8fa",
    }
}

/// The border of a node by verdict: colour, style and width.
fn verdict_border(verdict: Verdict) -> (&'static str, &'static str, &'static str) {
    match verdict {
        Verdict::Stands => ("#1a7f37", "rounded,filled", "2.5"),
        Verdict::Falls => ("#cf222e", "rounded,filled,dashed", "2.5"),
        Verdict::Open => ("#6e7781", "rounded,filled,dotted", "1.5"),
    }
}

fn relation_colour(relation: Relation) -> &'static str {
    match relation {
        Relation::Supports => "#1a7f37",
        Relation::Undercuts => "#bc4c00",
        Relation::Attacks | Relation::Contradicts => "#cf222e",
    }
}

/// A DOT quoted string holding `s` literally (see the module docs).
pub fn quote(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// The inside of a DOT quoted string holding `s` literally.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => out.push(' '),
            // What `dot -Tsvg` would pass on into a malformed SVG.
            c if !super::markup::allowed(c) => out.push(super::markup::REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_user_text_literal() {
        assert_eq!(quote(r#"a"b\N"#), r#""a\"b\\N""#);
        assert_eq!(quote("x\ny\r"), r#""x\ny ""#);
        assert_eq!(quote("<b>&amp;</b>"), r#""&lt;b&gt;&amp;amp;&lt;/b&gt;""#);
    }

    #[test]
    fn numbers_are_short() {}
}
