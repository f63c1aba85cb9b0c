//! Mermaid output: the map as a `flowchart BT`, for Markdown files and pull-request
//! comments (GitHub draws ```` ```mermaid ```` blocks).
//!
//! Node ids are `n0`, `n1`... in node order, since crux IDs contain `-`. Shapes follow
//! the kind: a thesis is a subroutine box `[[...]]`, a claim a rounded box `(...)`, a
//! counter a flag `>...]`, evidence a cylinder `[(...)]`. Supports are `-->`, attacks
//! `--x`, contradictions `<-->`, each labelled with its weight; an undercut of `A → B`
//! is a dashed `-.->` to `B` labelled `undercuts A→B`. Colours come from `classDef`
//! (kinds) and `linkStyle` (relations, width by weight).
//!
//! **Escaping.** Labels are double-quoted, and every character that Mermaid or the HTML
//! it produces could read as syntax is written as an entity: `"` as `#quot;`, and as
//! `#NNN;` (which Mermaid turns back into the character): `#` (so that no entity can be
//! forged), `&`, `<`, `>` (HTML), `|` (edge labels), `` ` `` (Markdown strings), `[`,
//! `]`, `{`, `}` (shapes), `\` and `%` (Mermaid looks for `%%{init}%%` directives
//! anywhere in the text). Line breaks and other control characters become spaces.
//!
//! Texts are shortened to about [`MAX_CHARS`] characters with `…`, and followed by the
//! grounded label and the strength, to keep the chart readable; the full text is in the
//! other formats.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use std::fmt::Write;

use super::dot::short_number;
use super::model::RenderModel;

/// Node texts longer than this many characters are shortened.
pub const MAX_CHARS: usize = 80;

/// Renders the model as a Mermaid flowchart.
pub fn render(model: &RenderModel) -> String {
    let mut out = String::from("flowchart BT\n");
    for (i, node) in model.nodes.iter().enumerate() {
        let text = if node.text.is_empty() {
            &node.id
        } else {
            &node.text
        };
        let label = escape(&format!(
            "{} · {} {:.2}",
            shorten(text, MAX_CHARS),
            node.label,
            node.strength
        ));
        let (open, close) = match node.kind {
            "thesis" => ("[[", "]]"),
            "counter" => (">", "]"),
            "evidence" => ("[(", ")]"),
            _ => ("(", ")"),
        };
        let _ = writeln!(out, "  n{i}{open}\"{label}\"{close}");
    }
    let index: std::collections::HashMap<&str, usize> = model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
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
        let weight = short_number(edge.weight);
        let (arrow, label) = match model.inference(edge) {
            Some((a, b)) => (
                "-.->",
                format!("\"{}\"", escape(&format!("undercuts {a}→{b} · {weight}"))),
            ),
            None => match edge.relation {
                "supports" => ("-->", weight),
                "contradicts" => ("<-->", weight),
                _ => ("--x", weight),
            },
        };
        let _ = writeln!(out, "  n{s} {arrow}|{label}| n{t}");
        let colour = match edge.relation {
            "supports" => "#1a7f37",
            "undercuts" => "#bc4c00",
            _ => "#cf222e",
        };
        let width = short_number(1.0 + 2.0 * edge.weight.clamp(0.0, 1.0));
        let style = format!("stroke:{colour},stroke-width:{width}px,color:{colour}");
        match styles.iter_mut().find(|(st, _)| *st == style) {
            Some((_, links)) => links.push(link),
            None => styles.push((style, vec![link])),
        }
        link += 1;
    }
    for (kind, style) in [
        (
            "thesis",
            "fill:#dbe7fb,stroke:#0969da,stroke-width:2px,color:#1f2328",
        ),
        ("claim", "fill:#f6f8fa,stroke:#57606a,color:#1f2328"),
        ("counter", "fill:#ffebe9,stroke:#cf222e,color:#1f2328"),
        ("evidence", "fill:#dafbe1,stroke:#1a7f37,color:#1f2328"),
    ] {
        let members: Vec<String> = model
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == kind)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {kind} {style}");
            let _ = writeln!(out, "  class {} {kind}", members.join(","));
        }
    }
    for (style, links) in styles {
        let list: Vec<String> = links.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
    }
    out
}

/// `text` on one line, cut at a word boundary to at most `max` characters plus `…`.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    // Prefer the last space, unless that throws away most of the text.
    let end = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() >= max * 3 / 4 => i,
        _ => cut.len(),
    };
    format!("{}…", cut[..end].trim_end())
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
    out
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
    }

    #[test]
    fn long_texts_are_shortened_at_a_word() {
        let text = "word ".repeat(30);
        let short = shorten(&text, 80);
        assert!(short.ends_with("word…"), "{short}");
        assert!(short.chars().count() <= 81);
        assert_eq!(shorten("a  b\nc", 80), "a b c");
        let long_word = "x".repeat(100);
        assert_eq!(shorten(&long_word, 80).chars().count(), 81);
    }
}
