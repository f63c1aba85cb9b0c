//! What `crux serve` promises of the layout across edits (README, `crux serve`): the
//! same debate gets the same drawing, and an edit in one debate of a page never changes
//! how another is drawn: at most that one slides as a whole on the sheet.

use std::collections::HashMap;

use crux::render::model::Context;
use crux::render::{Engine, map};
use crux::syntax::SourceFile;

const FIRST: &str = r#"thesis first: "The first debate."
claim a: "A."
  supports first 0.6
counter b: "B."
  attacks first 0.4
evidence c: "C."
  supports a
  source "somewhere"
"#;

const SECOND: &str = r#"thesis second: "The second debate."
claim d: "D."
  supports second
claim e: "E."
  attacks d 0.5
"#;

/// The top-left corner of each node's box, by ID.
fn corners(first: &str) -> HashMap<String, (f64, f64)> {
    let sources = vec![
        SourceFile::new("first.crux", "first.crux", first.to_string()),
        SourceFile::new("second.crux", "second.crux", SECOND.to_string()),
    ];
    let debate = crux::parse_debate(sources, Default::default());
    assert!(debate.syntax_errors.is_empty());
    let cx = Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|a| crux::project::preview::access(a, std::path::Path::new(".")),
        verdict: Default::default(),
    };
    let model = crux::render::build_model(&debate, &[], &cx);
    let drawn = map::build(model, Engine::Builtin).unwrap();
    drawn
        .model
        .nodes
        .iter()
        .zip(&drawn.layout.nodes)
        .map(|(n, r)| (n.id.clone(), (r.x, r.y)))
        .collect()
}

#[test]
fn the_same_debate_gets_the_same_drawing() {
    assert_eq!(corners(FIRST), corners(FIRST));
}

#[test]
fn an_edit_in_one_debate_leaves_the_other_as_drawn() {
    let before = corners(FIRST);
    let mut edited = FIRST.replace("\"A.\"", "\"A, now with a much longer text that wraps.\"");
    for i in 0..8 {
        edited.push_str(&format!(
            "claim more{i}: \"More {i}.\"\n  supports first 0.2\n"
        ));
    }
    let after = corners(&edited);
    // The edit did move the first debate's nodes.
    assert!(
        ["first", "a", "b", "c"]
            .iter()
            .any(|id| before[*id] != after[*id])
    );
    let (dx, dy) = (
        after["second"].0 - before["second"].0,
        after["second"].1 - before["second"].1,
    );
    for id in ["second", "d", "e"] {
        let moved = (after[id].0 - before[id].0, after[id].1 - before[id].1);
        assert!(
            (moved.0 - dx).abs() < 1e-6 && (moved.1 - dy).abs() < 1e-6,
            "{id} moved by {moved:?}, the debate by {:?}",
            (dx, dy)
        );
    }
}
