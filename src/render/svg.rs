//! The SVG map: one `<g class="node KIND VERDICT" id="node-ID">` per node whose first
//! shape is its box, one `<g class="edge RELATION" id="edge-SOURCE-TARGET">` per
//! relation, and, in a standalone SVG, a legend whose swatches are `g.swatch`
//! elements (only a node is a `g.node`). Colours come from CSS classes, so the HTML page can restyle
//! them (dark mode); a standalone SVG carries its own style sheet and a white backdrop,
//! so that it reads on a dark page too.
//!
//! **The verdict** is what a box says first. Its border is coloured by the verdict
//! (green stands, red falls, grey open) and drawn solid, dashed or dotted, and its first
//! line starts with a badge, `✓ STANDS`, `✗ FALLS` or `? OPEN`, so the verdict reads
//! without colour too. The fill is the node's kind. The strength, how strong, is the
//! last line.
//!
//! Phase: render. Every user string is escaped for XML by [`super::markup::escape`].

use std::fmt::Write;

use super::layout::{Point, Rect};
use super::map::{self, Map};
use super::model::{NodeKind, NodeView, Relation, Verdict};

pub use super::markup::escape;

/// The style sheet of the map; the HTML page overrides it for dark mode.
pub const STYLE: &str = r#"
.crux-map { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; }
.crux-map .node rect.box, .crux-map .swatch rect.box { stroke: #334155; }
.crux-map .node.thesis rect.box, .crux-map .swatch.thesis rect.box { fill: #dbe4ff; }
.crux-map .node.claim rect.box, .crux-map .swatch.claim rect.box { fill: #eef6ff; }
.crux-map .node.counter rect.box, .crux-map .swatch.counter rect.box { fill: #fff1e6; }
.crux-map .node.evidence rect.box, .crux-map .swatch.evidence rect.box { fill: #effbf3; }
.crux-map .node.stands rect.box, .crux-map .swatch.stands rect.box { stroke: #15803d; }
.crux-map .node.falls rect.box, .crux-map .swatch.falls rect.box { stroke: #b91c1c; }
.crux-map .node.open rect.box, .crux-map .swatch.open rect.box { stroke: #64748b; }
.crux-map .node .head { font-size: 10.5px; font-weight: 700; letter-spacing: .04em; fill: #475569; }
.crux-map .node.stands .verdict-badge { fill: #15803d; } .crux-map .node.falls .verdict-badge { fill: #b91c1c; } .crux-map .node.open .verdict-badge { fill: #475569; }
.crux-map .node .body { font-size: 13px; fill: #0f172a; }
.crux-map .node .foot { font-size: 10.5px; font-weight: 600; fill: #475569; }
.crux-map .node a .body { fill: #1d4ed8; text-decoration: underline; }
.crux-map .edge path.line, .crux-map .swatch path.line { fill: none; }
.crux-map .edge.supports path.line, .crux-map .swatch.supports path.line { stroke: #16a34a; }
.crux-map .edge.attacks path.line, .crux-map .edge.contradicts path.line, .crux-map .swatch.attacks path.line, .crux-map .swatch.contradicts path.line { stroke: #dc2626; }
.crux-map .edge.undercuts path.line, .crux-map .swatch.undercuts path.line { stroke: #7c2d12; stroke-dasharray: 6 4; }
.crux-map .edge .weight rect { fill: #ffffff; stroke: #cbd5e1; }
.crux-map .edge .weight text { font-size: 11px; fill: #334155; }
.crux-map .legend text { font-size: 12px; fill: #334155; }
.crux-map .legend .title { font-weight: 700; }
"#;

fn f(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn path(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{},{}",
            if i == 0 { "M" } else { " L" },
            f(p.x),
            f(p.y)
        );
    }
    d
}

/// Renders a map as a standalone SVG document (`standalone`: with the XML declaration,
/// the style sheet and a legend under the map) or as an element to inline in HTML,
/// whose page has a legend of its own.
pub fn render(map: &Map, standalone: bool) -> String {
    let legend_height = if standalone { 166.0 } else { 0.0 };
    let width = map.layout.width.max(520.0);
    let height = map.layout.height + legend_height;
    let mut out = String::new();
    if standalone {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let title = map.model.title.as_deref().unwrap_or("Debate map");
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="crux-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}">"#,
        w = f(width),
        h = f(height),
        t = escape(title)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    if standalone {
        let _ = writeln!(out, "<style>{STYLE}</style>");
        // The map is drawn in light colours: on a page of another colour (a README
        // in dark mode) a transparent picture would lose its legend and lines.
        let _ = writeln!(
            out,
            r##"<rect class="backdrop" width="{}" height="{}" fill="#ffffff"/>"##,
            f(width),
            f(height)
        );
    }
    out.push_str(&markers());
    out.push_str("<g class=\"edges\">\n");
    for (i, e) in map.model.edges.iter().enumerate() {
        let Some(route) = map.layout.edges.get(i) else {
            continue;
        };
        let stroke = super::map::line_width(e.weight);
        let start = if both_ends(e.relation) {
            "marker-start=\"url(#arrow-attacks-start)\" "
        } else {
            ""
        };
        let end = format!("url(#arrow-{})", arrow(e.relation));
        let _ = writeln!(
            out,
            r#"<g class="edge {rel}" id="{id}" data-source="{s}" data-target="{t}"><title>{s} {rel} {t} ({w})</title><path class="line" d="{d}" stroke-width="{sw}" {start}marker-end="{end}"/>"#,
            rel = e.relation.keyword(),
            id = escape(&e.id),
            s = escape(&e.source),
            t = escape(&e.target),
            w = crate::text::number(e.weight),
            d = path(&route.points),
            sw = f(stroke),
        );
        if let Some(at) = route.label {
            let (lw, lh) = map::label_size(e.weight);
            let _ = writeln!(
                out,
                r#"<g class="weight"><rect x="{x}" y="{y}" width="{lw}" height="{lh}" rx="3"/><text x="{tx}" y="{ty}" text-anchor="middle">{w}</text></g>"#,
                x = f(at.x),
                y = f(at.y),
                lw = f(lw),
                lh = f(lh),
                tx = f(at.x + lw / 2.0),
                ty = f(at.y + lh - 4.5),
                w = crate::text::number(e.weight),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, node) in map.model.nodes.iter().enumerate() {
        let (Some(rect), Some(text)) = (map.layout.nodes.get(i), map.texts.get(i)) else {
            continue;
        };
        out.push_str(&node_group(node, rect, text));
    }
    out.push_str("</g>\n");
    if standalone {
        out.push_str(&legend(map.layout.height + 10.0));
    }
    out.push_str("</svg>\n");
    out
}

/// The border of a box by verdict: its width and dash pattern (solid when it stands,
/// dashed when it falls, dotted when open), so that the verdict reads without colour.
fn border(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Stands => ("3", ""),
        Verdict::Falls => ("2.5", r#" stroke-dasharray="7 4""#),
        Verdict::Open => ("1.5", r#" stroke-dasharray="2 3""#),
    }
}

fn node_group(node: &NodeView, r: &Rect, text: &map::NodeText) -> String {
    let mut out = String::new();
    let (width, dash) = border(node.verdict);
    let _ = writeln!(
        out,
        r#"<g class="node {kind} {verdict}" id="node-{id}" data-verdict="{verdict}" data-strength="{s}" data-label="{label}" tabindex="0"><rect class="box" x="{x}" y="{y}" width="{w}" height="{h}" rx="8" stroke-width="{width}"{dash}/>"#,
        kind = node.kind.keyword(),
        verdict = node.verdict,
        id = escape(&node.id),
        label = node.label,
        s = crate::text::strength(node.strength),
        x = f(r.x),
        y = f(r.y),
        w = f(r.width),
        h = f(r.height),
    );
    let _ = writeln!(
        out,
        "<title>{} {}: {} ({}; strength {})</title>",
        node.kind.keyword(),
        escape(&node.id),
        escape(&node.text),
        escape(&node.why),
        crate::text::strength(node.strength)
    );
    let x = r.x + map::PADDING;
    let mut y = r.y + map::PADDING;
    // Every line is drawn as long as it is in Arial (the header and footer in Arial
    // Bold), which the box is made to fit: where the reader has no font of Arial's
    // widths, the fallback (often wider, such as DejaVu Sans) is drawn narrower or
    // wider to that length, not out of the box. Not a line with a character whose
    // width is a guess (see `held_to`).
    for (i, line) in text.header.iter().enumerate() {
        y += map::SMALL_LINE;
        let length = super::text::arial_bold_width(line, map::SMALL_SIZE, map::HEAD_SPACING);
        // The first line starts with the verdict badge, in the verdict's colour.
        let line = match line.strip_prefix(text.verdict.as_str()) {
            Some(rest) if i == 0 => format!(
                r#"<tspan class="verdict-badge">{}</tspan>{}"#,
                escape(&text.verdict),
                escape(rest)
            ),
            _ => escape(line),
        };
        let _ = writeln!(
            out,
            r#"<text class="head" x="{}" y="{}"{}>{line}</text>"#,
            f(x),
            f(y - 3.0),
            held_to(text.header[i].as_str(), length),
        );
    }
    y += 4.0;
    let link = node.sources.iter().find_map(|s| s.url.clone());
    if let Some(url) = &link {
        let _ = writeln!(
            out,
            r#"<a href="{}" target="_blank" rel="noopener noreferrer">"#,
            escape(url)
        );
    }
    for (i, line) in text.lines.iter().enumerate() {
        y += map::LINE_HEIGHT;
        // A right-to-left paragraph starts at the right edge and runs leftwards.
        let (body_x, direction) = match text.rtl.get(i) {
            Some(true) => (r.x + r.width - map::PADDING, r#" direction="rtl""#),
            _ => (x, ""),
        };
        let _ = writeln!(
            out,
            r#"<text class="body" x="{}" y="{}"{direction}{}>{}</text>"#,
            f(body_x),
            f(y - 4.0),
            held_to(line, super::text::arial_width(line, map::TEXT_SIZE)),
            escape(line)
        );
    }
    if link.is_some() {
        out.push_str("</a>\n");
    }
    y += 6.0 + map::SMALL_LINE;
    let _ = writeln!(
        out,
        r#"<text class="foot" x="{tx}" y="{ty}" textLength="{length}" lengthAdjust="spacingAndGlyphs">{foot}</text>"#,
        tx = f(x),
        ty = f(y - 3.0),
        length = f(super::text::arial_bold_width(
            &text.footer,
            map::SMALL_SIZE,
            0.0
        )),
        foot = escape(&text.footer)
    );
    out.push_str("</g>\n");
    out
}

/// The attributes that draw `line` `length` wide whatever the reader's font, when its
/// width is known ([`super::text::measured`]). A line in a script that no bundled font
/// has (Arabic, Devanagari, …) is measured on the wide side: held to that length, its
/// letters would be spread apart, so it keeps its font's own width, inside the box.
fn held_to(line: &str, length: f64) -> String {
    match super::text::measured(line) {
        true => format!(
            r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#,
            f(length)
        ),
        false => String::new(),
    }
}

/// The arrowhead marker a relation ends in: `arrow-NAME`.
fn arrow(relation: Relation) -> &'static str {
    match relation {
        Relation::Supports => "supports",
        Relation::Undercuts => "undercuts",
        Relation::Attacks | Relation::Contradicts => "attacks",
    }
}

/// Whether a relation has an arrowhead at both ends (a contradiction attacks both ways).
fn both_ends(relation: Relation) -> bool {
    match relation {
        Relation::Contradicts => true,
        Relation::Supports | Relation::Attacks | Relation::Undercuts => false,
    }
}

fn markers() -> String {
    let mut out = String::from("<defs>\n");
    for (name, colour) in [
        ("supports", "#16a34a"),
        ("attacks", "#dc2626"),
        ("undercuts", "#7c2d12"),
    ] {
        let _ = writeln!(
            out,
            r#"<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
        );
    }
    out.push_str(r##"<marker id="arrow-attacks-start" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="#dc2626"/></marker>"##);
    out.push_str("\n</defs>\n");
    out
}

/// The legend's explanations, one line each.
pub const LEGEND_LINES: [&str; 3] = [
    "Border: the verdict (does the node meet its proof standard?).",
    "Last line: strength, how strong (0 to 1). Line width: weight (0 to 1).",
    "Theses on top; arrows point at what an argument is about.",
];

fn legend(top: f64) -> String {
    let mut out = format!(
        "<g class=\"legend\" transform=\"translate(20,{})\">\n",
        f(top)
    );
    out.push_str("<text class=\"title\" x=\"0\" y=\"14\">Legend</text>\n");
    for (i, kind) in [
        NodeKind::Thesis,
        NodeKind::Claim,
        NodeKind::Counter,
        NodeKind::Evidence,
    ]
    .into_iter()
    .enumerate()
    {
        let (kind, name) = (kind.keyword(), kind.keyword());
        let x = i as f64 * 110.0;
        let _ = writeln!(
            out,
            r#"<g class="swatch {kind}"><rect class="box" x="{x}" y="24" width="22" height="14" rx="3"/></g><text x="{tx}" y="35">{name}</text>"#,
            x = f(x),
            tx = f(x + 28.0)
        );
    }
    for (i, (relation, name)) in [
        (Relation::Supports, "supports"),
        (Relation::Attacks, "attacks"),
        (Relation::Contradicts, "contradicts"),
        (Relation::Undercuts, "undercuts (an inference)"),
    ]
    .into_iter()
    .enumerate()
    {
        let x = i as f64 * 110.0;
        let rel = relation.keyword();
        let end = arrow(relation);
        let start = if both_ends(relation) {
            r#" marker-start="url(#arrow-attacks-start)""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<g class="swatch {rel}"><path class="line" d="M{x0},60 L{x1},60" stroke-width="2.5"{start} marker-end="url(#arrow-{end})"/></g><text x="{tx}" y="64">{name}</text>"#,
            x0 = f(x + 2.0),
            x1 = f(x + 24.0),
            tx = f(x + 30.0)
        );
    }
    for (i, (verdict, words)) in [
        (Verdict::Stands, "stands (solid)"),
        (Verdict::Falls, "falls (dashed)"),
        (Verdict::Open, "open (dotted)"),
    ]
    .into_iter()
    .enumerate()
    {
        let x = i as f64 * 165.0;
        let (width, dash) = border(verdict);
        let _ = writeln!(
            out,
            r#"<g class="swatch {verdict}"><rect class="box" x="{x}" y="78" width="22" height="14" rx="3" fill="none" stroke-width="{width}"{dash}/></g><text x="{tx}" y="90">{glyph} {words}</text>"#,
            x = f(x),
            tx = f(x + 28.0),
            glyph = map::glyph(verdict),
        );
    }
    for (i, line) in LEGEND_LINES.iter().enumerate() {
        let _ = writeln!(out, r#"<text x="0" y="{}">{line}</text>"#, 114 + 16 * i);
    }
    out.push_str("</g>\n");
    out
}
