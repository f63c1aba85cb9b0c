//! CSV artifacts on the HTML page: any bytes get a preview or none, and the page (its
//! table and chart) and the JSON map render without a panic. A chart never draws a
//! coordinate that is not a number.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use crux::render::model::{
    ArtifactKind, ArtifactView, NodeKind, NodeView, RenderModel, SCHEMA_VERSION,
};
use crux::semantics::Label;

/// A map of one node with one CSV artifact (its preview left to the input), made by
/// hand: the page's table and chart depend on the preview alone.
fn base() -> &'static RenderModel {
    static BASE: OnceLock<RenderModel> = OnceLock::new();
    BASE.get_or_init(|| RenderModel {
        schema: SCHEMA_VERSION,
        title: Some("Fuzz".into()),
        description: None,
        authors: Vec::new(),
        source: None,
        date: None,
        nodes: vec![NodeView {
            id: "e".into(),
            kind: NodeKind::Evidence,
            text: "Some data.".into(),
            by: None,
            tags: Vec::new(),
            note: None,
            credence: 1.0,
            status: None,
            strength: 1.0,
            label: Label::In,
            verdict: crux::semantics::Verdict::Stands,
            why: "stands: it is evidence (credence 1), unopposed, under preponderance".into(),
            standard: crux::syntax::ast::ProofStandard::Preponderance,
            sources: Vec::new(),
            artifacts: vec![ArtifactView {
                path: "data.csv".into(),
                href: Some("data.csv".into()),
                title: Some("Data".into()),
                kind: Some(ArtifactKind::Dataset),
                sha256: None,
                preview: None,
                problem: None,
            }],
            expectations: Vec::new(),
            location: "fuzz.crux:1:1".into(),
            incoming: Vec::new(),
            outgoing: Vec::new(),
        }],
        edges: Vec::new(),
        diagnostics: Vec::new(),
        strengths_converged: true,
    })
}

/// The HTML page and the JSON map of the debate, with `data` as the artifact's content.
fn render(data: &[u8]) -> String {
    let mut model = base().clone();
    model.nodes[0].artifacts[0].preview = crux::project::preview::parse(data);
    crux::render::json::render(&model);
    let map = crux::render::map::build(model, crux::render::map::Engine::Builtin)
        .expect("a one-node map lays out");
    crux::render::html::render(&map, None).expect("the page renders")
}

fuzz_target!(|data: &[u8]| {
    static CHARTS: OnceLock<()> = OnceLock::new();
    CHARTS.get_or_init(|| {
        let page = render(b"year,sales\n2020,1\n2021,3\n");
        assert!(
            page.contains("<figure class=\"chart\">"),
            "a small CSV gets no chart: this target no longer reaches the chart code"
        );
    });
    let page = render(data);
    // Rust spells a non-finite coordinate `NaN`, `inf` or `-inf`; the page's own text
    // has none of these next to a `"`, `,` or space, so they can only come from the data.
    let data = String::from_utf8_lossy(data).to_lowercase();
    for word in ["NaN", "inf"] {
        if data.contains(&word.to_lowercase()) {
            continue;
        }
        let drawn = ["\"", ",", " ", "-"].iter().any(|before| {
            ["\"", ",", " "]
                .iter()
                .any(|after| page.contains(&format!("{before}{word}{after}")))
        });
        assert!(!drawn, "the page has a coordinate `{word}`");
    }
});
