//! Mermaid output: the map as a `flowchart BT`, for Markdown files and pull-request
//! comments (GitHub draws ```` ```mermaid ```` blocks).
//!
//! **Node names.** A node is named by its crux ID where Mermaid reads that ID as a node
//! name, so the source reads like the debate. crux IDs (`[a-z][a-z0-9_]*(-[a-z0-9_]+)*`)
//! are plain node names to Mermaid, except those whose first part (up to the first `-`)
//! is one of its keywords: `end`, `style`, `class`, `interpolate`, `graph`, `flowchart`,
//! `subgraph`, `call`, `click` or `href` (`end`, `end-game` and `style-x` break a chart;
//! `ending`, `end_x` and `classroom` do not: checked with the parser of Mermaid 10 and
//! 11). Such an ID is written with its first letter in upper case (`End`, `Style-x`):
//! Mermaid's keywords are case-sensitive, and crux IDs never contain an upper-case
//! letter, so the name cannot clash with another node's. Anything else that is not a
//! crux ID gets `N` and its index. IDs starting with `o` or `x` are safe: Mermaid reads
//! them as arrow heads only when they touch the arrow (`a---oB`), and every arrow here
//! has a space on both sides.
//!
//! **Shapes** follow the kind: a thesis is a subroutine box `[[...]]`, a claim a rounded box `(...)`, a
//! counter a flag `>...]`, evidence a cylinder `[(...)]`. Supports are `-->`, attacks
//! `--x`, contradictions `<-->`, each labelled with its weight; an undercut of `A → B`
//! is a dashed `-.->` to `B` labelled `undercuts A→B`. Colours come from `classDef`
//! and `linkStyle` (relations, width by weight): every node has the class of its kind,
//! which fills it, and the class of its verdict, `stands`, `falls` or `open`, which
//! draws its border green and solid, red and dashed, or grey and dotted.
//!
//! **Escaping.** Labels are double-quoted, and every character that Mermaid or the HTML
//! it produces could read as syntax is written as an entity: `"` as `#quot;`, and as
//! `#NNN;` (which Mermaid turns back into the character): `#` (so that no entity can be
//! forged), `&`, `<`, `>` (HTML), `|` (edge labels), `` ` `` (Markdown strings), `[`,
//! `]`, `{`, `}` (shapes), `\` and `%` (Mermaid looks for `%%{init}%%` directives
//! anywhere in the text). Line breaks and other control characters become spaces. The
//! `d` of `direction` is written `#100;` too: Mermaid reads any line that contains
//! `direction` followed by `TB`, `BT`, `RL` or `LR` as a direction statement, quotes or
//! not.
//!
//! A label starts with the verdict (`✓ stands`, `✗ falls`, `? open`), so that it reads
//! without colour, then the text, shortened to about [`MAX_CHARS`] characters with `…`
//! to keep the chart readable (the full text is in the other formats), then the
//! strength.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use std::fmt::Write;

use super::model::{NodeKind, NodeView, Relation, RenderModel, Verdict};
use crate::text::{number, shorten, strength};

/// Node texts longer than this many characters are shortened.
pub const MAX_CHARS: usize = 80;

/// Renders the model as a Mermaid flowchart.
pub fn render(model: &RenderModel) -> String {
    let names: Vec<String> = model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| node_name(&n.id, i))
        .collect();
    let mut out = String::from("flowchart BT\n");
    for (i, node) in model.nodes.iter().enumerate() {
        let text = if node.text.is_empty() {
            &node.id
        } else {
            &node.text
        };
        let label = escape(&format!(
            "{} {} · {} · strength {}",
            super::map::glyph(node.verdict),
            node.verdict,
            shorten(text, MAX_CHARS),
            strength(node.strength)
        ));
        let (open, close) = match node.kind {
            NodeKind::Thesis => ("[[", "]]"),
            NodeKind::Counter => (">", "]"),
            NodeKind::Evidence => ("[(", ")]"),
            NodeKind::Claim => ("(", ")"),
        };
        let _ = writeln!(out, "  {}{open}\"{label}\"{close}", names[i]);
    }
    let index: std::collections::HashMap<&str, &str> = model
        .nodes
        .iter()
        .zip(&names)
        .map(|(n, name)| (n.id.as_str(), name.as_str()))
        .collect();
    // Link styles, grouped by their text, in order of first use.
    let mut styles: Vec<(String, Vec<usize>)> = Vec::new();
    let mut link = 0;
    for edge in &model.edges {
        let (Some(s), Some(t)) = (
            index.get(edge.source.as_str()),
            index.get(edge.target.as_str()),
        ) else {
            continue;
        };
        let weight = number(edge.weight);
        let (arrow, label) = match model.inference(edge) {
            Some((a, b)) => (
                "-.->",
                format!("\"{}\"", escape(&format!("undercuts {a}→{b} · {weight}"))),
            ),
            None => match edge.relation {
                Relation::Supports => ("-->", weight),
                Relation::Contradicts => ("<-->", weight),
                Relation::Attacks | Relation::Undercuts => ("--x", weight),
            },
        };
        let _ = writeln!(out, "  {s} {arrow}|{label}| {t}");
        let colour = match edge.relation {
            Relation::Supports => "#1a7f37",
            Relation::Undercuts => "#bc4c00",
            Relation::Attacks | Relation::Contradicts => "#cf222e",
        };
        let width = number(1.0 + 2.0 * edge.weight.clamp(0.0, 1.0));
        let style = format!("stroke:{colour},stroke-width:{width}px,color:{colour}");
        match styles.iter_mut().find(|(st, _)| *st == style) {
            Some((_, links)) => links.push(link),
            None => styles.push((style, vec![link])),
        }
        link += 1;
    }
    // Kinds fill a node, verdicts draw its border: no property is set by both.
    for (kind, style) in [
        (NodeKind::Thesis, "fill:#dbe7fb,color:#1f2328"),
        (NodeKind::Claim, "fill:#f6f8fa,color:#1f2328"),
        (NodeKind::Counter, "fill:#ffebe9,color:#1f2328"),
        (NodeKind::Evidence, "fill:#dafbe1,color:#1f2328"),
    ] {
        let members = members(model, &names, |n| n.kind == kind);
        if !members.is_empty() {
            let kind = kind.keyword();
            let _ = writeln!(out, "  classDef {kind} {style}");
            let _ = writeln!(out, "  class {} {kind}", members.join(","));
        }
    }
    for (verdict, style) in [
        (Verdict::Stands, "stroke:#1a7f37,stroke-width:2.5px"),
        (
            Verdict::Falls,
            "stroke:#cf222e,stroke-width:2.5px,stroke-dasharray:6 3",
        ),
        (
            Verdict::Open,
            "stroke:#6e7781,stroke-width:1.5px,stroke-dasharray:2 3",
        ),
    ] {
        let members = members(model, &names, |n| n.verdict == verdict);
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {verdict} {style}");
            let _ = writeln!(out, "  class {} {verdict}", members.join(","));
        }
    }
    for (style, links) in styles {
        let list: Vec<String> = links.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
    }
    out
}

/// The Mermaid names (`names`, by node index) of the nodes that match.
fn members<'a>(
    model: &RenderModel,
    names: &'a [String],
    matches: impl Fn(&NodeView) -> bool,
) -> Vec<&'a str> {
    model
        .nodes
        .iter()
        .zip(names)
        .filter(|(n, _)| matches(n))
        .map(|(_, name)| name.as_str())
        .collect()
}

/// Mermaid keywords that break a chart as a node name, alone or before a `-`.
const KEYWORDS: &[&str] = &[
    "end",
    "style",
    "class",
    "interpolate",
    "graph",
    "flowchart",
    "subgraph",
    "call",
    "click",
    "href",
];

/// Whether `id` has the form of a crux ID: `[a-z][a-z0-9_]*(-[a-z0-9_]+)*`.
fn is_crux_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// The Mermaid node name of the node `id` at `index` (see the module docs).
fn node_name(id: &str, index: usize) -> String {
    if !is_crux_id(id) {
        return format!("N{index}");
    }
    let first_part = id.split('-').next().unwrap_or(id);
    if KEYWORDS.contains(&first_part) {
        let mut name = id.to_string();
        name[..1].make_ascii_uppercase();
        name
    } else {
        id.to_string()
    }
}

/// Mermaid's escaping of a quoted label (see the module docs).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | '&' | '<' | '>' | '|' | '`' | '[' | ']' | '{' | '}' | '\\' | '%' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() => out.push(' '),
            // Noncharacters, which Mermaid would pass on into its SVG.
            c if !super::markup::allowed(c) => out.push(super::markup::REPLACEMENT),
            c => out.push(c),
        }
    }
    out.replace("direction", "#100;irection")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_syntax() {
        assert_eq!(escape(r#"<a href="x">"#), "#60;a href=#quot;x#quot;#62;");
        assert_eq!(
            escape("#quot; | ]] --> (;)"),
            "#35;quot; #124; #93;#93; --#62; (;)"
        );
        assert_eq!(escape("%%{init}%%"), "#37;#37;#123;init#125;#37;#37;");
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("set direction LR"), "set #100;irection LR");
    }

    #[test]
    fn ids_are_node_names_unless_mermaid_reads_a_keyword() {
        for id in [
            "crypto_helped_ai",
            "gpu-supply",
            "ops",
            "x",
            "o-x",
            "ending",
            "end_x",
            "default_weight",
            "my_class",
            "classroom",
            "styles",
            "interpolated",
            "graph_x",
        ] {
            assert_eq!(node_name(id, 0), id);
        }
        for (id, name) in [
            ("end", "End"),
            ("end-game", "End-game"),
            ("class", "Class"),
            ("class-size", "Class-size"),
            ("style", "Style"),
            ("style-x", "Style-x"),
            ("graph", "Graph"),
            ("flowchart-2", "Flowchart-2"),
            ("subgraph", "Subgraph"),
            ("click", "Click"),
            ("call-out", "Call-out"),
            ("href", "Href"),
            ("interpolate", "Interpolate"),
        ] {
            assert_eq!(node_name(id, 0), name);
        }
        assert_eq!(node_name("Not an ID", 3), "N3");
        assert_eq!(node_name("", 4), "N4");
        assert_eq!(node_name("a--b", 5), "N5");
    }
}
