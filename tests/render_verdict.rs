//! Every map shows the verdict first: the JSON `verdict` field, the SVG node classes,
//! borders and badges, the DOT node classes and borders, and the Mermaid verdict
//! classes, on debates whose verdicts were worked out by hand.

use std::path::Path;

use crux::render::model::{Context, RenderModel};
use crux::render::{self, Format, Options};

/// One node of each verdict, under the default standard (preponderance):
/// - `survey` and `minutes` are evidence, premises of credence 0.9: they stand;
/// - `focus` has no pro argument: it is open ("nothing supports it"), so its support of
///   the thesis does not apply;
/// - `hallway` has no pro argument, and `minutes` (standing) attacks it at 0.9: the con
///   side outweighs nothing, so it falls, and its attack on the thesis does not apply;
/// - `remote_works`: `survey` (0.8) supports it and no con argument applies: it stands.
const EACH: &str = r#"---
title: One node of each verdict
---
thesis remote_works: "Remote work keeps teams productive."

evidence survey: "A survey of 500 teams found output unchanged after going remote."
  supports remote_works 0.8
  source "https://example.org/survey"

claim focus: "Fewer interruptions mean more deep work."
  supports remote_works 0.4

counter hallway: "Hallway talk is where the real decisions happen."
  attacks remote_works 0.6

evidence minutes: "Meeting minutes show decisions are taken in scheduled meetings."
  attacks hallway 0.9
  source "https://example.org/minutes"
"#;

const EXPECTED: [(&str, &str, &str); 5] = [
    ("remote_works", "thesis", "stands"),
    ("survey", "evidence", "stands"),
    ("focus", "claim", "open"),
    ("hallway", "counter", "falls"),
    ("minutes", "evidence", "stands"),
];

/// The thesis is backed by evidence at 1.0 and attacked only by a counter nothing
/// supports, at 0.01. The counter is open, so its attack does not apply, and the
/// thesis stands. (Grounded semantics, which ignores weights and supports, has the
/// thesis OUT: the unattacked counter defeats it.)
const WHIM: &str = r#"thesis t: "The thesis."
evidence e: "Solid evidence."
  supports t 1.0
  source "https://example.org/e"
counter whim: "Someone shrugged."
  attacks t 0.01
"#;

fn model(text: &str) -> RenderModel {
    let file = crux::syntax::SourceFile::new("debate.crux", "debate.crux", text.to_string());
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        Path::new("."),
        &Default::default(),
        &Default::default(),
    );
    let cx = Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|_| crux::render::model::ArtifactAccess::Outside,
        verdict: Default::default(),
    };
    render::build_model(&debate, &diagnostics, &cx)
}

fn draw(model: &RenderModel, format: Format) -> String {
    render::render(format, model, &Options::default())
        .expect("drawn")
        .text
}

fn json_verdicts(model: &RenderModel) -> Vec<(String, String)> {
    let value: serde_json::Value =
        serde_json::from_str(&draw(model, Format::Json)).expect("valid JSON");
    assert_eq!(value["schema"], 2);
    value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            (
                n["id"].as_str().expect("id").to_string(),
                n["verdict"].as_str().expect("a verdict").to_string(),
            )
        })
        .collect()
}

#[test]
fn json_gives_each_node_its_verdict_standard_and_why() {
    let m = model(EACH);
    let expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(id, _, v)| (id.to_string(), v.to_string()))
        .collect();
    assert_eq!(json_verdicts(&m), expected);
    let value: serde_json::Value = serde_json::from_str(&draw(&m, Format::Json)).unwrap();
    let node = |id: &str| {
        value["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(node("focus")["why"], "open: nothing supports it");
    assert_eq!(
        node("hallway")["why"],
        "falls: `minutes` (0.9) attacks it, unopposed, under preponderance"
    );
    assert_eq!(node("remote_works")["standard"], "preponderance");
    // The strength and the grounded label are still there, as secondary fields.
    assert!(node("remote_works")["strength"].is_number());
    assert_eq!(node("hallway")["label"], "OUT");
}

#[test]
fn svg_marks_each_verdict_by_class_border_and_badge() {
    let svg = draw(&model(EACH), Format::Svg);
    for (id, kind, verdict) in EXPECTED {
        let open = format!("<g class=\"node {kind} {verdict}\" id=\"node-{id}\"");
        let at = svg
            .find(&open)
            .unwrap_or_else(|| panic!("no `{open}` in\n{svg}"));
        let group = &svg[at..at + svg[at..].find("</g>").unwrap()];
        // The box is the first shape; its dash pattern tells the verdict without colour.
        let rect = &group[group.find("<rect").unwrap()..];
        let rect = &rect[..rect.find("/>").unwrap()];
        match verdict {
            "stands" => assert!(!rect.contains("stroke-dasharray"), "{rect}"),
            "falls" => assert!(rect.contains("stroke-dasharray=\"7 4\""), "{rect}"),
            _ => assert!(rect.contains("stroke-dasharray=\"2 3\""), "{rect}"),
        }
        // The first line of the box starts with the badge.
        let badge = match verdict {
            "stands" => "✓ STANDS",
            "falls" => "✗ FALLS",
            _ => "? OPEN",
        };
        let head = &group[group.find("<text class=\"head\"").unwrap()..];
        let head = &head[..head.find("</text>").unwrap()];
        assert!(
            head.contains(&format!("<tspan class=\"verdict-badge\">{badge}</tspan>")),
            "{head}"
        );
        assert!(group.contains(&format!("data-verdict=\"{verdict}\"")));
    }
    // The legend says what the borders mean.
    assert!(svg.contains("✗ falls (dashed)"));
}

#[test]
fn dot_marks_each_verdict_by_class_border_and_label() {
    let dot = draw(&model(EACH), Format::Dot);
    for (id, kind, verdict) in EXPECTED {
        let line = dot
            .lines()
            .find(|l| l.starts_with(&format!("  \"{id}\" [")))
            .unwrap_or_else(|| panic!("no node {id} in\n{dot}"));
        assert!(
            line.contains(&format!("class=\"{kind} {verdict}\"")),
            "{line}"
        );
        let (colour, style) = match verdict {
            "stands" => ("#1a7f37", "rounded,filled"),
            "falls" => ("#cf222e", "rounded,filled,dashed"),
            _ => ("#6e7781", "rounded,filled,dotted"),
        };
        assert!(line.contains(&format!("color=\"{colour}\"")), "{line}");
        assert!(line.contains(&format!("style=\"{style}\"")), "{line}");
        let glyph = crux::render::map::glyph(verdict_of(verdict));
        assert!(
            line.contains(&format!("label=\"{glyph} {verdict}\\n")),
            "{line}"
        );
    }
}

#[test]
fn mermaid_gives_each_node_its_verdict_class() {
    let mermaid = draw(&model(EACH), Format::Mermaid);
    for (verdict, members) in [
        ("stands", "remote_works,survey,minutes"),
        ("falls", "hallway"),
        ("open", "focus"),
    ] {
        assert!(
            mermaid.contains(&format!("\n  classDef {verdict} stroke:")),
            "{mermaid}"
        );
        assert!(
            mermaid.contains(&format!("\n  class {members} {verdict}\n")),
            "{mermaid}"
        );
    }
    assert!(mermaid.contains("  hallway>\"✗ falls · Hallway talk"));
    assert!(mermaid.contains("  focus(\"? open · Fewer interruptions"));
}

#[test]
fn a_whim_does_not_topple_a_thesis_backed_by_evidence() {
    let m = model(WHIM);
    let verdicts = json_verdicts(&m);
    assert_eq!(
        verdicts,
        [
            ("t".to_string(), "stands".to_string()),
            ("e".to_string(), "stands".to_string()),
            ("whim".to_string(), "open".to_string()),
        ]
    );
    let t = &m.nodes[0];
    assert_eq!(t.label.to_string(), "OUT", "grounded semantics disagrees");
    assert_eq!(
        t.why,
        "stands: `e` (1) supports it, unopposed (its one attacker `whim` does not stand), \
         under preponderance"
    );
    let svg = draw(&m, Format::Svg);
    assert!(svg.contains("<g class=\"node thesis stands\" id=\"node-t\""));
    assert!(svg.contains("<tspan class=\"verdict-badge\">✓ STANDS</tspan> · THESIS · t<"));
    assert!(svg.contains("<g class=\"node counter open\" id=\"node-whim\""));
}

fn verdict_of(word: &str) -> crux::render::model::Verdict {
    use crux::render::model::Verdict;
    match word {
        "stands" => Verdict::Stands,
        "falls" => Verdict::Falls,
        _ => Verdict::Open,
    }
}
