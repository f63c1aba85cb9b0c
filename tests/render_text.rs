//! The text renderers (DOT, Mermaid, JSON) over every `tests/fixtures/render/*.crux`,
//! and the Graphviz layout.
//!
//! Each fixture is loaded and checked as `crux render` would (project root
//! `tests/fixtures`, output next to the fixture, no CSV previews), and its three text
//! forms are snapshotted with insta as `tests/snapshots/render_text__<fixture>.<format>.snap`.
//! `hostile.crux` puts markup, template syntax, quotes, backslashes, line breaks and
//! `javascript:` URLs in every string an author controls; the tests below check that
//! each format keeps them as inert text and that the escaping loses nothing.
//!
//! Graphviz output depends on its version, so it is never snapshotted: when `dot` is
//! on PATH the DOT text must go through `dot -Tsvg`, and the Graphviz layout must give
//! non-overlapping boxes; without it, the layout must say so in words.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crux::check::Severities;
use crux::render::layout::{EdgeTarget, LayoutEdge, LayoutInput};
use crux::render::model::{ArtifactAccess, Context, RenderModel};
use crux::render::{dot, graphviz, json, mermaid, text};

mod support;

const FIXTURES: &str = "tests/fixtures/render";

/// Every fixture, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    support::crux_files(FIXTURES)
}

/// The render model of one fixture, as `crux render` builds it.
fn model(path: &Path) -> RenderModel {
    model_of(crux::project::read(path).expect("readable fixture"))
}

/// The render model of one file, as `crux render` builds it.
fn model_of(file: crux::syntax::SourceFile) -> RenderModel {
    let path = file.path.clone();
    let debate = crux::parse_debate(vec![file], Default::default());
    assert!(
        debate.syntax_errors.is_empty() && debate.resolve_errors.is_empty(),
        "{} does not parse and resolve cleanly",
        path.display()
    );
    let diagnostics = crux::check_debate(
        &debate,
        Path::new("tests/fixtures"),
        &Severities::default(),
        &Default::default(),
    );
    let cx = Context {
        sources: &debate.sources,
        output_dir: PathBuf::from(FIXTURES),
        // Links as `crux render` makes them; previews are tested in tests/html.rs.
        artifact: &|a| match crux::project::preview::access(a, Path::new("tests/fixtures")) {
            ArtifactAccess::Outside => ArtifactAccess::Outside,
            ArtifactAccess::Inside(_) => ArtifactAccess::Inside(None),
        },
        verdict: Default::default(),
    };
    crux::render::build_model(&debate, &diagnostics, &cx)
}

fn hostile() -> RenderModel {
    model(&Path::new(FIXTURES).join("hostile.crux"))
}

#[test]
fn text_formats_match_their_snapshots() {
    for path in fixtures() {
        let name = path
            .file_stem()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        let model = model(&path);
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(&path);
        settings.set_omit_expression(true);
        settings.set_prepend_module_to_snapshot(true);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}.dot"), dot::render(&model));
            insta::assert_snapshot!(format!("{name}.mermaid"), mermaid::render(&model));
            insta::assert_snapshot!(format!("{name}.json"), json::render(&model));
        });
    }
}

/// Runs `dot -Tsvg` on `source`, or `None` when Graphviz is not installed.
fn dot_to_svg(source: &str) -> Option<String> {
    if !graphviz::available() {
        eprintln!("note: Graphviz `dot` is not on PATH; skipping `dot -Tsvg`");
        return None;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(source.as_bytes())
        .expect("dot reads its input");
    let out = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot -Tsvg failed: {stderr}\n{source}");
    assert!(!stderr.contains("syntax error"), "{stderr}");
    Some(String::from_utf8(out.stdout).expect("SVG is UTF-8"))
}

#[test]
fn dot_output_parses() {
    for path in fixtures() {
        let source = dot::render(&model(&path));
        if let Err(e) = graphviz_rust::parse(&source) {
            panic!("{}: DOT does not parse: {e}\n{source}", path.display());
        }
        dot_to_svg(&source);
    }
}

/// Undoes DOT quoting and the entities `dot::render` writes.
fn undot(quoted: &str) -> String {
    let inner = &quoted[1..quoted.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {quoted}"),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The attributes of each node statement of a DOT graph, by node name (quoted).
fn dot_nodes(source: &str) -> Vec<(String, Vec<(String, String)>)> {
    use graphviz_rust::dot_structures::{Attribute, Id, Stmt};
    let graph = graphviz_rust::parse(source).expect("DOT parses");
    let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph");
    };
    let id = |id: &Id| match id {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) | Id::Anonymous(s) => s.clone(),
    };
    stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some((
                id(&n.id.0),
                n.attributes
                    .iter()
                    .map(|Attribute(k, v)| (id(k), id(v)))
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn hostile_strings_stay_text_in_dot() {
    let model = hostile();
    let source = dot::render(&model);
    let lower = source.to_lowercase();
    for bad in [
        "<script",
        "<img",
        "</svg",
        "<b>",
        "javascript:",
        "vbscript:",
        "data:text",
    ] {
        assert!(
            !lower.contains(bad),
            "raw `{bad}` in the DOT output:\n{source}"
        );
    }
    assert!(!source.contains("label=<"), "an HTML-like label");
    // Every node's label and tooltip read back as exactly what was written.
    let nodes = dot_nodes(&source);
    for node in &model.nodes {
        let (_, attrs) = nodes
            .iter()
            .find(|(name, _)| undot(name) == node.id)
            .unwrap_or_else(|| panic!("no node statement for {}", node.id));
        let get = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| undot(v))
                .unwrap_or_else(|| panic!("{} has no {key}", node.id))
        };
        let glyph = crux::render::map::glyph(node.verdict);
        let mut lines = vec![format!("{glyph} {}", node.verdict)];
        lines.extend(text::wrap(
            &crux::text::paragraphs(&node.text).join("\n"),
            dot::WRAP_WIDTH,
            dot::FONT_SIZE,
        ));
        lines.push(format!("strength {:.2}", node.strength));
        assert_eq!(get("label"), lines.join("\n"));
        assert_eq!(
            get("class"),
            format!("{} {}", node.kind.keyword(), node.verdict)
        );
        assert!(get("tooltip").contains(&node.why));
        assert!(get("tooltip").contains(&node.tags.join(", ")));
        if let Some(by) = &node.by {
            assert!(get("tooltip").contains(by.as_str()));
        }
    }
    let title = model.title.as_deref().expect("the fixture has a title");
    assert!(source.contains(&dot::quote(title)));
    if let Some(svg) = dot_to_svg(&source) {
        let lower = svg.to_lowercase();
        for bad in ["<script", "<img", "<b>", "javascript:", "onerror=alert(1)>"] {
            assert!(
                !lower.contains(bad),
                "raw `{bad}` in Graphviz's SVG:\n{svg}"
            );
        }
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{svg}"
        );
        assert_eq!(svg.matches("</svg>").count(), 1, "{svg}");
    }
}

/// Undoes Mermaid's entities (`#quot;`, `#NNN;`).
fn unmermaid(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail.find(';').expect("an entity ends with `;`");
        let name = &tail[..end];
        out.push(match name {
            "quot" => '"',
            n => char::from_u32(n.parse().expect("a numeric entity")).expect("a character"),
        });
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_strings_stay_text_in_mermaid() {
    let model = hostile();
    let source = mermaid::render(&model);
    let lower = source.to_lowercase();
    for bad in ["javascript:", "vbscript:", "<script", "<img"] {
        assert!(
            !lower.contains(bad),
            "raw `{bad}` in the Mermaid output:\n{source}"
        );
    }
    let mut labels = Vec::new();
    for line in source.lines() {
        assert!(
            !line.trim_start().starts_with("%%"),
            "a comment or directive: {line}"
        );
        let parts: Vec<&str> = line.split('"').collect();
        assert!(parts.len() % 2 == 1, "unbalanced quotes: {line}");
        for label in parts.iter().skip(1).step_by(2) {
            for c in ['<', '>', '&', '|', '[', ']', '{', '}', '`', '\\', '%'] {
                assert!(!label.contains(c), "raw `{c}` in the label {label:?}");
            }
            labels.push(unmermaid(label));
        }
    }
    // The node labels read back as the verdict, then the (shortened) texts.
    for (i, node) in model.nodes.iter().enumerate() {
        let label = &labels[i];
        let flat = node.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let glyph = crux::render::map::glyph(node.verdict);
        let label = label
            .strip_prefix(&format!("{glyph} {} · ", node.verdict))
            .expect("the verdict first");
        let shown = label.split(" · ").next().expect("text next");
        let shown = shown.strip_suffix('…').unwrap_or(shown);
        assert!(
            flat.starts_with(shown),
            "{shown:?} is not the start of {flat:?}"
        );
        assert!(shown.chars().count() <= mermaid::MAX_CHARS);
    }
}

/// IDs that are Mermaid keywords, or start with one, or start with an arrow head's
/// letter, and a text with a direction statement in it.
const MERMAID_KEYWORDS: &str = r#"thesis end: "The end, direction LR."
claim class-size: "Schools."
  supports end 0.5
claim classroom: "Rooms."
  supports end 0.5
claim ops: "Operations."
  supports end 0.5
evidence x-ray: "An image."
  supports ops
  source "https://example.org/x-ray"
counter graph: "A graph."
  attacks end
counter style_guide: "A style guide."
  attacks graph
"#;

#[test]
fn mermaid_names_nodes_by_their_ids() {
    let file = crux::syntax::SourceFile::new(
        "keywords.crux",
        "tests/fixtures/render/keywords.crux",
        MERMAID_KEYWORDS.to_string(),
    );
    let source = mermaid::render(&model_of(file));
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    for declaration in [
        "End[[\"✓ stands · The end, #100;irection LR. · ",
        "Class-size(\"? open · Schools. · ",
        "classroom(\"? open · Rooms. · ",
        "ops(\"✓ stands · Operations. · ",
        "x-ray[(\"✓ stands · An image. · ",
        "Graph>\"? open · A graph. · ",
        "style_guide>\"? open · A style guide. · ",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(declaration)),
            "no `{declaration}` in\n{source}"
        );
    }
    for edge in [
        "Class-size -->|0.5| End",
        "classroom -->|0.5| End",
        "ops -->|0.5| End",
        "x-ray -->|1| ops",
        "Graph --x|1| End",
        "style_guide --x|1| Graph",
        "class End thesis",
    ] {
        assert!(lines.contains(&edge), "no `{edge}` in\n{source}");
    }
}

#[test]
fn hostile_strings_stay_text_in_json() {
    let model = hostile();
    let source = json::render(&model);
    assert!(!source.contains('<') && !source.contains('>'), "{source}");
    let value: serde_json::Value = serde_json::from_str(&source).expect("valid JSON");
    assert_eq!(value["schema"], 2);
    assert_eq!(value["title"].as_str(), model.title.as_deref());
    for (node, view) in value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .zip(&model.nodes)
    {
        assert_eq!(node["text"].as_str(), Some(view.text.as_str()));
        for source in node["sources"].as_array().expect("sources") {
            if let Some(url) = source["url"].as_str() {
                let lower = url.to_ascii_lowercase();
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|p| lower.starts_with(p)),
                    "unsafe link {url}"
                );
            }
        }
        for artifact in node["artifacts"].as_array().expect("artifacts") {
            if let Some(href) = artifact["href"].as_str() {
                assert!(
                    !href.contains(':'),
                    "an artifact link with a scheme: {href}"
                );
            }
        }
    }
    let scripts = model
        .nodes
        .iter()
        .flat_map(|n| &n.sources)
        .filter(|s| s.text.to_lowercase().contains("script:"));
    for s in scripts {
        assert_eq!(s.url, None, "{} became a link", s.text);
    }
}

/// A layered test graph: `n` boxes of varied sizes, each arguing about an earlier one,
/// some twice, one cycle, and undercuts of a few edges.
fn generated_input(n: usize) -> LayoutInput {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let nodes = (0..n)
        .map(|_| (120.0 + next(140) as f64, 50.0 + next(60) as f64))
        .collect();
    let mut edges = Vec::new();
    for i in 2..n {
        for _ in 0..1 + next(2) {
            let target = next(i as u64) as usize;
            edges.push(LayoutEdge {
                source: i,
                target: EdgeTarget::Node(target),
                label: Some((24.0, 16.0)),
            });
        }
    }
    edges.push(LayoutEdge {
        source: 0,
        target: EdgeTarget::Node(n - 1),
        label: Some((24.0, 16.0)),
    });
    for j in [0, 5, 11] {
        edges.push(LayoutEdge {
            source: n - 1 - j,
            target: EdgeTarget::Edge(j),
            label: Some((24.0, 16.0)),
        });
    }
    LayoutInput {
        nodes,
        top: vec![0, 1],
        edges,
    }
}

#[test]
fn graphviz_layout_places_boxes_apart_and_routes_every_edge() {
    let input = generated_input(30);
    if !graphviz::available() {
        eprintln!("note: Graphviz `dot` is not on PATH; checking the error instead");
        let err = graphviz::layout(&input).expect_err("no dot, no layout");
        assert!(matches!(err, graphviz::GraphvizError::NotFound));
        return;
    }
    let layout = graphviz::layout(&input).expect("dot lays the graph out");
    assert_eq!(layout.nodes.len(), input.nodes.len());
    assert_eq!(layout.edges.len(), input.edges.len());
    for (i, (r, &(w, h))) in layout.nodes.iter().zip(&input.nodes).enumerate() {
        assert_eq!((r.width, r.height), (w, h), "box {i} keeps its size");
        assert!(r.x >= 0.0 && r.y >= 0.0, "box {i} is on the sheet");
        assert!(r.x + r.width <= layout.width + 1e-6 && r.y + r.height <= layout.height + 1e-6);
        for (j, s) in layout.nodes.iter().enumerate().skip(i + 1) {
            let apart = r.x + r.width <= s.x
                || s.x + s.width <= r.x
                || r.y + r.height <= s.y
                || s.y + s.height <= r.y;
            assert!(apart, "boxes {i} and {j} overlap: {r:?} {s:?}");
        }
    }
    // Top nodes sit on the highest row: no box has its centre above theirs.
    let centre = |r: &crux::render::layout::Rect| r.y + r.height / 2.0;
    for &t in &input.top {
        let top = centre(&layout.nodes[t]);
        assert!(
            layout.nodes.iter().all(|r| centre(r) >= top - 1e-6),
            "top node {t} is not on top"
        );
    }
    for (i, route) in layout.edges.iter().enumerate() {
        assert!(route.points.len() >= 2, "edge {i} has no route");
        assert!(
            route
                .points
                .iter()
                .all(|p| p.x.is_finite() && p.y.is_finite())
        );
        assert!(route.label.is_some(), "edge {i} lost its label");
        // An undercut ends on the edge it undercuts (where, and that it is seen to end
        // there, `tests/drawing.rs` checks).
        if let EdgeTarget::Edge(j) = input.edges[i].target {
            let end = route.points.last().expect("a route");
            let off = distance_to(*end, &layout.edges[j].points);
            assert!(
                off < 0.5,
                "undercut {i} ends at {end:?}, {off:.1} off edge {j}"
            );
        }
    }
}

/// The distance from `p` to a polyline.
fn distance_to(p: crux::render::layout::Point, points: &[crux::render::layout::Point]) -> f64 {
    points
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len2 = dx * dx + dy * dy;
            let t = if len2 == 0.0 {
                0.0
            } else {
                (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
            };
            (a.x + t * dx - p.x).hypot(a.y + t * dy - p.y)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Run by [`graphviz_missing_is_reported_in_words`] in a child process whose PATH holds
/// no `dot`; does nothing when run otherwise.
#[test]
#[ignore = "run by graphviz_missing_is_reported_in_words with an empty PATH"]
fn graphviz_missing_child() {
    if std::env::var_os("CRUX_TEST_NO_DOT").is_none() {
        return;
    }
    assert!(!graphviz::available());
    let err = graphviz::layout(&generated_input(30)).expect_err("no dot, no layout");
    assert!(matches!(err, graphviz::GraphvizError::NotFound), "{err:?}");
    let message = err.to_string();
    assert_eq!(
        message,
        "Graphviz `dot` was not found on PATH; install Graphviz or use `--layout builtin`"
    );
    assert!(!message.contains("os error"));
}

#[test]
fn graphviz_missing_is_reported_in_words() {
    let empty = std::env::temp_dir().join(format!("crux-empty-path-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("a temporary directory");
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "graphviz_missing_child",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("PATH", &empty)
        .env("CRUX_TEST_NO_DOT", "1")
        .output()
        .expect("the test binary runs");
    let _ = std::fs::remove_dir(&empty);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
