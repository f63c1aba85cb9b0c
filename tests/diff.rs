//! `crux diff`: the structured diff of pairs of small debates, the Markdown output
//! (insta snapshots `tests/snapshots/diff__markdown_<case>.snap`), and the binary on a
//! throwaway git repository.
//!
//! Each case under `tests/fixtures/diff/<case>/` holds an `old/` and a `new/` directory:
//! `reword`, `rename`, `reweight`, `edges` (added and removed edges and undercuts; a
//! `contradicts` written from the other end), `status` (status, credence, kind, by,
//! tags, sources, artifacts, note), `flip` (an attacker of the thesis falls; the thesis
//! goes from OUT to IN in grounded labels and stands throughout), `verdict` (new evidence
//! outweighs the support of the thesis's attacker: the attacker falls and the thesis,
//! which fell, stands), `hostile`
//! (Markdown and HTML in user text), `syntax_error` (the new side does not fully
//! parse) and `unchanged`. Smaller cases are written inline.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crux::diff::{self, Change, DebateDiff, Edge, EdgeId, Inference, Rename, Settings, Standing};
use crux::model::Relation;
use crux::semantics::Label;
use crux::semantics::carneades::{Verdict, VerdictOptions};
use crux::syntax::SourceFile;
use crux::syntax::ast::{NodeKind, Status};

const FIXTURES: &str = "tests/fixtures/diff";

fn load(dir: &Path) -> crux::Debate {
    let files = crux::project::discover(&[dir.to_path_buf()], &Default::default())
        .expect("fixture directory");
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).expect("fixture file"))
        .collect();
    crux::parse_debate(sources, Default::default())
}

/// The diff of a fixture case, sides named `old` and `new`.
fn case(name: &str) -> DebateDiff {
    let dir = Path::new(FIXTURES).join(name);
    diff::compare(
        &load(&dir.join("old")),
        &load(&dir.join("new")),
        &Settings::default(),
    )
    .with_names("old", "new")
}

/// The diff of two one-file debates.
fn inline(old: &str, new: &str) -> DebateDiff {
    inline_with(old, new, &Settings::default())
}

/// The diff of two one-file debates, each judged by its own verdict settings.
fn inline_with(old: &str, new: &str, settings: &Settings) -> DebateDiff {
    let debate = |name: &str, text: &str| {
        crux::parse_debate(
            vec![SourceFile::new(name, name, text.to_string())],
            Default::default(),
        )
    };
    diff::compare(&debate("old.crux", old), &debate("new.crux", new), settings)
}

fn edge(source: &str, relation: Relation, target: &str, weight: f64) -> Edge {
    Edge {
        id: EdgeId {
            source: source.into(),
            relation,
            target: target.into(),
            inference: None,
        },
        weight,
    }
}

fn undercut(source: &str, from: &str, to: &str, weight: f64) -> Edge {
    let mut e = edge(source, Relation::Undercuts, to, weight);
    e.id.inference = Some(Inference {
        source: from.into(),
        target: to.into(),
    });
    e
}

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

#[test]
fn markdown_snapshots() {
    for name in [
        "reword",
        "rename",
        "reweight",
        "edges",
        "status",
        "flip",
        "verdict",
        "hostile",
        "syntax_error",
        "unchanged",
    ] {
        insta::assert_snapshot!(
            format!("markdown_{name}"),
            diff::markdown::render(&case(name))
        );
    }
}

#[test]
fn human_and_json_snapshots() {
    let d = case("flip");
    insta::assert_snapshot!("human_flip", diff::human::render(&d));
    insta::assert_snapshot!("json_flip", diff::json::render(&d));
    let d = case("verdict");
    insta::assert_snapshot!("human_verdict", diff::human::render(&d));
}

#[test]
fn reword() {
    let d = case("reword");
    assert_eq!(d.summary.nodes_reworded, 2);
    assert_eq!(d.summary.nodes_changed, 2);
    assert!(d.nodes.added.is_empty() && d.nodes.removed.is_empty());
    assert!(d.nodes.renamed.is_empty());
    let trunk = &d.nodes.changed[0];
    assert_eq!(
        (trunk.id.as_str(), trunk.old_id.as_str()),
        ("trunk", "trunk")
    );
    assert_eq!(
        trunk.changes,
        [Change::Text {
            old: "Teams should merge to trunk every day.".into(),
            new: "Teams should merge to trunk at least once a day.".into(),
        }]
    );
    assert_eq!(d.nodes.changed[1].id, "broken_main");
    assert!(d.nodes.changed[1].reworded());
    assert_eq!(d.edges, Default::default());
    // The text carries no weight: the verdict stays.
    assert!(!d.verdicts.theses[0].changed());
    assert!(d.verdicts.moves.is_empty());
}

/// A text is compared as every map shows it: moving the line breaks of a `"""` block
/// (or re-indenting it) changes nothing, and a renamed node whose text was re-wrapped
/// is still a rename; a new paragraph is a change (which the listings name a change of
/// line breaks, not a rewording).
#[test]
fn re_wrapping_a_text_is_not_a_rewording() {
    let old = "thesis t: \"\"\"\n  One two three\n  four five.\n  \"\"\"\n";
    let wrapped = "thesis t: \"\"\"\n    One two\n    three four five.\n    \"\"\"\n";
    let d = inline(old, wrapped);
    assert!(d.nodes.changed.is_empty(), "{:?}", d.nodes.changed);
    assert_eq!(d.summary.nodes_reworded, 0);
    let renamed = inline(old, &wrapped.replace("thesis t:", "thesis u:"));
    assert_eq!(renamed.nodes.renamed.len(), 1);
    assert!(renamed.nodes.added.is_empty() && renamed.nodes.removed.is_empty());
    let paragraphs = inline(
        old,
        "thesis t: \"\"\"\n  One two three\n\n  four five.\n  \"\"\"\n",
    );
    assert_eq!(paragraphs.nodes.changed.len(), 1);
    assert!(paragraphs.nodes.changed[0].reworded());
}

#[test]
fn rename_is_not_a_removal_and_an_addition() {
    let d = case("rename");
    assert_eq!(
        d.nodes.renamed,
        [Rename {
            old_id: "safety".into(),
            new_id: "fewer_injuries".into(),
            kind: NodeKind::Claim,
            text: "Protected lanes cut cyclist injuries.".into(),
        }]
    );
    // A removed and an added node with different texts stay what they are.
    let ids = |v: &[diff::NodeRef]| v.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.nodes.removed), ["cost"]);
    assert_eq!(ids(&d.nodes.added), ["parking"]);
    assert!(
        d.nodes.changed.is_empty(),
        "a bare rename is no other change"
    );
    // Edges are matched through the rename: `fewer_injuries supports bike_lanes` and
    // `study supports fewer_injuries` are the old edges.
    assert_eq!(
        d.edges.added,
        [edge("parking", Relation::Attacks, "bike_lanes", 0.4)]
    );
    assert_eq!(
        d.edges.removed,
        [edge("cost", Relation::Attacks, "bike_lanes", 0.4)]
    );
    assert!(d.edges.reweighted.is_empty());
    assert_eq!(d.summary.nodes_renamed, 1);
}

#[test]
fn reweight() {
    let d = case("reweight");
    let r: Vec<(String, f64, f64)> = d
        .edges
        .reweighted
        .iter()
        .map(|r| (words(&r.id), r.old_weight, r.new_weight))
        .collect();
    // `supports alignment` (the default, 1) and `supports alignment 1.0` are the same.
    assert_eq!(
        r,
        [
            ("width supports tabs".into(), 0.6, 0.8),
            ("smart_tabs undercuts alignment -> tabs".into(), 0.5, 0.7),
        ]
    );
    assert!(d.edges.added.is_empty() && d.edges.removed.is_empty());
    assert!(d.nodes.changed.is_empty());
    let tabs = &d.verdicts.theses[0];
    assert!(tabs.changed());
    assert!(tabs.delta.unwrap() > 0.05);
}

/// An edge as the debate writes it.
fn words(e: &EdgeId) -> String {
    match &e.inference {
        Some(i) => format!("{} undercuts {} -> {}", e.source, i.source, i.target),
        None => format!("{} {} {}", e.source, e.relation.keyword(), e.target),
    }
}

#[test]
fn added_and_removed_edges() {
    let d = case("edges");
    assert_eq!(
        d.edges.added,
        [
            edge("slow_ci", Relation::Attacks, "atomic", 0.3),
            undercut("coupling", "slow_ci", "atomic", 0.4),
            edge("bazel", Relation::Supports, "affected", 0.6),
        ]
    );
    // `affected contradicts slow_ci` became `slow_ci contradicts affected`: the same
    // symmetric attack, so neither added nor removed.
    assert_eq!(
        d.edges.removed,
        [
            edge("slow_ci", Relation::Attacks, "monorepo", 0.6),
            undercut("coupling", "atomic", "monorepo", 0.4),
        ]
    );
    assert_eq!(d.summary.nodes_added, 1);
    assert_eq!(d.nodes.added[0].id, "bazel");
    assert_eq!(d.nodes.added[0].kind, NodeKind::Evidence);
    assert_eq!(d.nodes.added[0].line, 10);
}

#[test]
fn status_credence_kind_and_metadata() {
    let d = case("status");
    let changes = |id: &str| {
        d.nodes
            .changed
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.changes.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        changes("four_day_week"),
        [Change::Status {
            old: Some(Status::Open),
            new: Some(Status::Accepted),
        }]
    );
    assert_eq!(
        changes("trial"),
        [
            Change::Credence { old: 0.5, new: 0.7 },
            Change::By {
                old: Some("alice".into()),
                new: Some("bob".into()),
            },
            Change::Tags {
                added: vec!["revenue".into()],
                removed: vec!["uk".into()],
            },
        ]
    );
    assert_eq!(
        changes("report"),
        [
            Change::Sources {
                added: vec!["https://example.org/report-v2".into()],
                removed: vec!["https://example.org/report".into()],
            },
            Change::Artifacts {
                added: vec!["data/hours.csv".into()],
                removed: vec![],
                changed: vec!["data/revenue.csv".into()],
            },
        ]
    );
    assert_eq!(
        changes("self_selection"),
        [
            Change::Kind {
                old: NodeKind::Claim,
                new: NodeKind::Counter,
            },
            Change::Note {
                old: None,
                new: Some("Only volunteer firms took part.".into()),
            },
        ]
    );
    assert_eq!(d.summary.nodes_changed, 4);
    assert_eq!(d.summary.nodes_reworded, 0);
}

#[test]
fn a_label_that_flips() {
    let d = case("flip");
    let remote = &d.verdicts.theses[0];
    assert_eq!(remote.id, "remote");
    let (before, after) = (
        remote.before.as_ref().unwrap(),
        remote.after.as_ref().unwrap(),
    );
    // Before: self_report (0.5) attacks with 0.8, survey (0.9) supports with 0.6:
    // 0.5 + 0.5 * (0.54 - 0.4) = 0.57. After: timesheets (0.9) attacks self_report with
    // 0.9, so self_report = 0.5 - 0.5 * 0.81 = 0.095 and remote = 0.5 + 0.5 * (0.54 -
    // 0.076) = 0.732.
    assert_eq!(before.label, Label::Out);
    assert_eq!(after.label, Label::In);
    assert_close(before.strength, 0.57);
    assert_close(after.strength, 0.732);
    assert_close(remote.delta.unwrap(), 0.162);
    // The verdict: self_report has no pro argument, so its attack never applies and
    // remote stands on survey (0.6) on both sides; self_report is open before (nothing
    // supports it) and falls after (timesheets' 0.9 against nothing).
    assert_eq!(
        (before.verdict, after.verdict),
        (Verdict::Stands, Verdict::Stands)
    );
    assert!(!remote.verdict_changed() && remote.changed());
    assert_eq!(d.summary.theses_changed, 1);
    let moved: Vec<(&str, Verdict, Verdict)> = d
        .verdicts
        .moved
        .iter()
        .map(|v| {
            let (b, a) = (v.before.as_ref().unwrap(), v.after.as_ref().unwrap());
            (v.id.as_str(), b.verdict, a.verdict)
        })
        .collect();
    assert_eq!(moved, [("self_report", Verdict::Open, Verdict::Falls)]);
    assert_eq!(d.summary.verdicts_moved, 1);
    let moves: Vec<&str> = d.verdicts.moves.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(moves, ["self_report", "remote"], "largest |Δ| first");
    let flips: Vec<(&str, Label, Label)> = d
        .verdicts
        .label_changes
        .iter()
        .map(|v| {
            (
                v.id.as_str(),
                v.before.as_ref().unwrap().label,
                v.after.as_ref().unwrap().label,
            )
        })
        .collect();
    assert_eq!(
        flips,
        [
            ("remote", Label::Out, Label::In),
            ("self_report", Label::In, Label::Out),
        ]
    );
    let md = diff::markdown::render(&d);
    assert!(
        md.contains("| Thesis `remote` | stands (0.57 → 0.73) |"),
        "{md}"
    );
    assert!(
        md.contains("Formal semantics (grounded labels, for experts): `remote` OUT → IN"),
        "{md}"
    );
}

#[test]
fn verdicts_that_move_are_listed_with_why_theses_first() {
    let d = case("verdict");
    // Before: replication (a premise) stands, so self_report stands on it (0.7) and its
    // attack (0.8) outweighs survey's support (0.6): remote falls. After: timesheets
    // (0.9) outweighs replication (0.7), so self_report falls, its attack no longer
    // applies, and remote stands on survey, unopposed: the sentence says why.
    let moved: Vec<(&str, Verdict, Verdict, &str)> = d
        .verdicts
        .moved
        .iter()
        .map(|v| {
            let (b, a) = (v.before.as_ref().unwrap(), v.after.as_ref().unwrap());
            (v.id.as_str(), b.verdict, a.verdict, a.why.as_str())
        })
        .collect();
    assert_eq!(
        moved,
        [
            (
                "remote",
                Verdict::Falls,
                Verdict::Stands,
                "stands: `survey` (0.6) supports it, unopposed (its one attacker `self_report` \
                 does not stand), under preponderance"
            ),
            (
                "self_report",
                Verdict::Stands,
                Verdict::Falls,
                "falls: `timesheets` (0.9) outweighs `replication` (0.7) under preponderance"
            ),
        ]
    );
    let before = d.verdicts.theses[0].before.as_ref().unwrap();
    assert_eq!(
        before.why,
        "falls: `self_report` (0.8) outweighs `survey` (0.6) under preponderance"
    );
    // DF-QuAD, the secondary number: self_report 0.5 + 0.5 * 0.7 * 0.9 = 0.815 before,
    // 0.5 - 0.5 * (0.81 - 0.63) = 0.41 after; remote 0.5 - 0.5 * (0.652 - 0.54) = 0.444
    // before, 0.5 + 0.5 * (0.54 - 0.328) = 0.606 after.
    assert_close(before.strength, 0.444);
    assert_close(d.verdicts.theses[0].after.as_ref().unwrap().strength, 0.606);
    assert_eq!(d.summary.verdicts_moved, 2);
    let human = diff::human::render(&d);
    assert!(
        human.contains("Verdicts moved\n  remote       falls → stands: `survey` (0.6) supports it"),
        "{human}"
    );
    let md = diff::markdown::render(&d);
    assert!(
        md.contains(
            "| `remote` (thesis) | falls → stands | `survey` (0.6) supports it, unopposed (its one \
             attacker `self_report` does not stand), under preponderance |"
        ),
        "{md}"
    );
    let v: serde_json::Value = serde_json::from_str(&diff::json::render(&d)).expect("valid JSON");
    let remote = &v["verdicts"]["moved"][0];
    assert_eq!(remote["before"]["verdict"], "falls");
    assert_eq!(remote["after"]["verdict"], "stands");
    assert_eq!(v["summary"]["verdicts_moved"], 2);
}

#[test]
fn a_new_proof_standard_is_a_change_and_moves_the_verdict_it_decides() {
    // pro 0.5: enough for preponderance, short of α 0.6 for beyond-doubt.
    let old = "thesis t: \"T.\"\nevidence e: \"E.\"\n  supports t 0.5\n  source \"s\"\n";
    let new = old.replace(
        "thesis t: \"T.\"\n",
        "thesis t: \"T.\"\n  standard beyond-doubt\n",
    );
    let d = inline(old, &new);
    assert_eq!(d.nodes.changed.len(), 1);
    let t = &d.nodes.changed[0];
    assert_eq!(t.id, "t");
    assert_eq!(
        t.changes,
        [Change::Standard {
            old: None,
            new: Some(crux::syntax::ast::ProofStandard::BeyondDoubt),
        }]
    );
    let human = diff::human::render(&d);
    assert!(human.contains("standard (none) → beyond-doubt"), "{human}");
    let moved = &d.verdicts.moved[0];
    assert_eq!(moved.id, "t");
    assert_eq!(moved.after.as_ref().unwrap().verdict, Verdict::Open);
    let v: serde_json::Value = serde_json::from_str(&diff::json::render(&d)).expect("valid JSON");
    let change = &v["nodes"]["changed"][0]["changes"][0];
    assert_eq!(change["field"], "standard", "{v}");
    assert_eq!(change["new"], "beyond-doubt", "{v}");
}

#[test]
fn each_version_is_judged_by_its_own_settings() {
    // The same debate; the new version's crux.yaml asks for clear-and-convincing, which a
    // 0.5 support does not meet (α 0.6): the thesis goes from stands to open.
    let src = "thesis t: \"T.\"\nevidence e: \"E.\"\n  supports t 0.5\n  source \"s\"\n";
    let strict = VerdictOptions {
        standard: crux::syntax::ast::ProofStandard::ClearAndConvincing,
        ..VerdictOptions::default()
    };
    let d = inline_with(
        src,
        src,
        &Settings {
            old: VerdictOptions::default(),
            new: strict,
        },
    );
    assert!(d.is_empty());
    let t = &d.verdicts.moved[0];
    assert_eq!(t.id, "t");
    assert_eq!(t.before.as_ref().unwrap().verdict, Verdict::Stands);
    let after = t.after.as_ref().unwrap();
    assert_eq!(after.verdict, Verdict::Open);
    assert_eq!(
        after.why,
        "open: `e` (0.5) does not reach α 0.6 under clear-and-convincing"
    );
    assert_eq!(d.summary.theses_changed, 1);
    // With the same settings on both sides nothing moves.
    assert!(inline(src, src).verdicts.moved.is_empty());
}

#[test]
fn syntax_errors_still_diff_what_parsed() {
    let d = case("syntax_error");
    assert_eq!((d.old.syntax_errors, d.new.syntax_errors), (0, 1));
    let added: Vec<&str> = d.nodes.added.iter().map(|n| n.id.as_str()).collect();
    assert!(added.contains(&"study"), "{added:?}");
    assert_eq!(d.edges.reweighted.len(), 1);
    assert!(diff::markdown::render(&d).contains("the new version has 1 syntax error"));
}

#[test]
fn unchanged() {
    let d = case("unchanged");
    assert!(d.is_empty());
    assert!(d.verdicts.moves.is_empty() && d.verdicts.label_changes.is_empty());
    assert!(d.verdicts.moved.is_empty());
    assert!(!d.verdicts.theses[0].changed());
    assert!(diff::human::render(&d).contains("Nodes: no changes"));
}

#[test]
fn ambiguous_renames_stay_removals_and_additions() {
    // Two removed nodes share the text: which one became `c`? Neither is guessed.
    let d = inline(
        "thesis t: \"T.\"\nclaim a: \"Same.\"\n  supports t\nclaim b: \"Same.\"\n  supports t\n",
        "thesis t: \"T.\"\nclaim c: \"Same.\"\n  supports t\n",
    );
    assert!(d.nodes.renamed.is_empty());
    assert_eq!(d.nodes.removed.len(), 2);
    assert_eq!(d.nodes.added.len(), 1);
    // Texts are compared after trimming, and an empty text never matches.
    let d = inline("claim a: \"  Same. \"\n", "claim b: \"Same.\"\n");
    assert_eq!(d.nodes.renamed.len(), 1);
}

#[test]
fn a_renamed_node_keeps_its_edges_and_reports_its_other_changes() {
    let d = inline(
        "thesis t: \"T.\"\nclaim a: \"A.\"\n  supports t 0.5\n  credence 0.4\n",
        "thesis t: \"T.\"\ncounter b: \"A.\"\n  supports t 0.9\n  credence 0.4\n",
    );
    assert_eq!(d.nodes.renamed.len(), 1);
    let c = &d.nodes.changed[0];
    assert_eq!((c.id.as_str(), c.old_id.as_str()), ("b", "a"));
    assert_eq!(
        c.changes,
        [Change::Kind {
            old: NodeKind::Claim,
            new: NodeKind::Counter
        }]
    );
    assert!(d.edges.added.is_empty() && d.edges.removed.is_empty());
    assert_eq!(d.edges.reweighted.len(), 1);
    assert_eq!(d.edges.reweighted[0].id.source, "b");
    // The moves name both IDs.
    let m = &d.verdicts.moves[0];
    assert_eq!((m.id.as_str(), m.old_id.as_str()), ("t", "t"));
}

#[test]
fn theses_on_either_side_and_the_move_cap() {
    let d = inline(
        "thesis gone: \"Gone.\"\nthesis kept: \"Kept.\"\n",
        "thesis kept: \"Kept.\"\nthesis fresh: \"Fresh.\"\nclaim x: \"X.\"\n  supports kept 0.2\n",
    );
    let theses: Vec<(&str, Option<&Standing>, Option<&Standing>)> = d
        .verdicts
        .theses
        .iter()
        .map(|v| (v.id.as_str(), v.before.as_ref(), v.after.as_ref()))
        .collect();
    assert_eq!(theses.len(), 3);
    assert_eq!(theses[0].0, "kept");
    assert!(theses[0].1.is_some() && theses[0].2.is_some());
    assert_eq!((theses[1].0, theses[1].1), ("fresh", None));
    assert_eq!((theses[2].0, theses[2].2), ("gone", None));
    assert!(d.verdicts.theses.iter().all(|t| t.changed()));

    // Seven claims, each supported by one new claim of its own with another weight:
    // seven moves, the five largest listed; a move under 0.005 is not one.
    let mut old = String::new();
    let mut new = String::new();
    for i in 0..7 {
        old.push_str(&format!("claim c{i}: \"C{i}.\"\n"));
        new.push_str(&format!("claim c{i}: \"C{i}.\"\n"));
        new.push_str(&format!(
            "claim s{i}: \"S{i}.\"\n  supports c{i} 0.{}\n",
            i + 1
        ));
    }
    new.push_str("claim tiny: \"Tiny.\"\n  supports c0 0.001\n");
    let d = inline(&old, &new);
    let moves: Vec<&str> = d.verdicts.moves.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(moves, ["c6", "c5", "c4", "c3", "c2"]);
}

#[test]
fn a_repeated_relation_counts_once() {
    // Removing the repeat (`duplicate-relation`) changes nothing: it never counted.
    let d = inline(
        "thesis t: \"T.\"\nclaim a: \"A.\"\n  supports t 0.5\n  supports t 0.9\n",
        "thesis t: \"T.\"\nclaim a: \"A.\"\n  supports t 0.5\n",
    );
    assert!(d.edges.removed.is_empty(), "{:?}", d.edges.removed);
    assert!(d.edges.added.is_empty() && d.edges.reweighted.is_empty());
    assert!(d.verdicts.moves.is_empty());
}

#[test]
fn json_follows_the_documented_structure() {
    let v: serde_json::Value =
        serde_json::from_str(&diff::json::render(&case("status"))).expect("valid JSON");
    assert_eq!(v["schema"], 2);
    assert_eq!(v["old"]["name"], "old");
    assert_eq!(v["summary"]["nodes_changed"], 4);
    let trial = &v["nodes"]["changed"][1];
    assert_eq!(trial["id"], "trial");
    assert_eq!(trial["kind"], "claim");
    assert_eq!(trial["changes"][0]["field"], "credence");
    assert_eq!(trial["changes"][2]["field"], "tags");
    assert_eq!(trial["changes"][2]["removed"][0], "uk");
    let status = &v["nodes"]["changed"][0]["changes"][0];
    assert_eq!(status["old"], "open");
    assert_eq!(status["new"], "accepted");
    let thesis = &v["verdicts"]["theses"][0];
    assert_eq!(thesis["before"]["label"], "IN");
    assert!(thesis["before"]["verdict"].is_string());
    assert!(thesis["after"]["why"].is_string());
    assert!(thesis["delta"].is_number());
    assert_eq!(v["verdicts"]["converged"]["new"], true);

    let v: serde_json::Value =
        serde_json::from_str(&diff::json::render(&case("edges"))).expect("valid JSON");
    let added = &v["edges"]["added"];
    assert_eq!(added[0]["inference"], serde_json::Value::Null);
    assert_eq!(added[1]["relation"], "undercuts");
    assert_eq!(added[1]["inference"]["source"], "slow_ci");
    assert_eq!(added[1]["weight"], 0.4);
}

// ---------------------------------------------------------------------------------
// The binary on a throwaway git repository.

/// A fresh directory under the system temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("crux-diff-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `program` in `dir` with an isolated git configuration and a fixed identity, so
/// that commits work on a bare machine whatever the user's settings.
fn run_in(dir: &Path, program: &str, args: &[&str], home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CEILING_DIRECTORIES", home.parent().unwrap_or(home))
        .env("GIT_AUTHOR_NAME", "crux test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "crux test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn git(dir: &Path, args: &[&str], home: &Path) -> String {
    let out = run_in(dir, "git", args, home);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn crux(dir: &Path, args: &[&str], home: &Path) -> (i32, String, String) {
    let out = run_in(dir, env!("CARGO_BIN_EXE_crux"), args, home);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn git_available() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

#[test]
fn a_revision_is_judged_by_the_verdict_settings_it_had() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("verdict");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&repo).unwrap();
    // The debate never changes; the old revision's crux.yaml asked for clear and
    // convincing proof, which a 0.5 support does not meet (α 0.6): open then, stands now.
    let debate = "thesis t: \"T.\"\nevidence e: \"E.\"\n  supports t 0.5\n  source \"s\"\n";
    std::fs::write(repo.join("debate.crux"), debate).unwrap();
    std::fs::write(
        repo.join("crux.yaml"),
        "verdict:\n  standard: clear-and-convincing\n",
    )
    .unwrap();
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "strict"], &home);
    std::fs::write(
        repo.join("crux.yaml"),
        "verdict:\n  standard: preponderance\n",
    )
    .unwrap();
    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", ".", "--format", "json"], &home);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let moved = &v["verdicts"]["moved"][0];
    assert_eq!(moved["id"], "t", "{out}");
    assert_eq!(moved["before"]["verdict"], "open", "{out}");
    assert_eq!(moved["after"]["verdict"], "stands", "{out}");
}

/// A revision's `crux.yaml` is read and checked as the work tree's is: every mistake in
/// it is a usage error (exit 2), reported in the same words, named `REV:PATH`, and no
/// diff is printed, since its verdicts would be judged by settings it did not have.
#[test]
fn a_revisions_crux_yaml_is_checked_as_the_work_trees() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("config");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(repo.join("claims/data")).unwrap();
    let debate = "thesis t: \"T.\"\nevidence e: \"E.\"\n  supports t 0.5\n  source \"s\"\n";
    std::fs::write(repo.join("claims/debate.crux"), debate).unwrap();
    std::fs::write(repo.join("claims/data/x.csv"), "a\n1\n").unwrap();
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "no config"], &home);
    git(&repo, &["tag", "base"], &home);
    let config = repo.join("claims/crux.yaml");
    let bad = [
        "verdict:\n  standard: dialecticl\n",
        "rules:\n  bogus: off\n",
        "default_weight: 2\nartifact_root: gone\n",
        "exclude: {a: b}\nrender:\n  theme: blue\n",
    ];
    for text in bad {
        std::fs::write(&config, text).unwrap();
        // The work tree's report, with the file named as the revision names it.
        let (code, out, on_disk) = crux(&repo, &["diff", "claims", "claims"], &home);
        assert_eq!((code, out.as_str()), (2, ""), "{text}");
        assert!(on_disk.contains(" --> claims/crux.yaml:"), "{on_disk}");
        let expected = on_disk.replace("claims/crux.yaml", "HEAD:claims/crux.yaml");
        let expected = expected.replace("claims/gone", "HEAD:claims/gone");
        git(&repo, &["add", "."], &home);
        git(&repo, &["commit", "-q", "-m", text], &home);
        for args in [
            ["diff", "git:base:claims", "git:HEAD:claims"],
            ["diff", "git:HEAD:claims", "git:base:claims"],
        ] {
            let (code, out, err) = crux(&repo, &args, &home);
            assert_eq!((code, out.as_str()), (2, ""), "{text}: {err}");
            assert_eq!(err, expected, "{text}");
        }
        // From inside the folder, the file is named from the repository's root too.
        let (code, _, err) = crux(&repo.join("claims"), &["diff", "git:HEAD", "."], &home);
        assert_eq!(code, 2, "{text}: {err}");
        assert_eq!(err, expected, "{text}");
    }
    // A valid config, artifact_root a folder of the revision: read, and its verdict
    // settings used (clear and convincing: a 0.5 support does not meet α 0.6).
    std::fs::write(
        &config,
        "artifact_root: data\nrules:\n  E205: info\nverdict:\n  standard: clear-and-convincing\n",
    )
    .unwrap();
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "valid"], &home);
    std::fs::remove_file(&config).unwrap();
    let (code, out, err) = crux(
        &repo,
        &["diff", "git:HEAD:claims", "claims", "--format", "json"],
        &home,
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let moved = &v["verdicts"]["moved"][0];
    assert_eq!(moved["id"], "t", "{out}");
    assert_eq!(moved["before"]["verdict"], "open", "{out}");
    assert_eq!(moved["after"]["verdict"], "stands", "{out}");
}

#[test]
fn git_revisions_are_read_without_touching_the_work_tree() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("git");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(repo.join("claims")).unwrap();
    let debate = repo.join("claims/debate.crux");
    let flip = Path::new(FIXTURES).join("flip");
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    std::fs::copy(flip.join("old/debate.crux"), &debate).unwrap();
    std::fs::write(repo.join("README.md"), "not a debate\n").unwrap();
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "old"], &home);
    std::fs::copy(flip.join("new/debate.crux"), &debate).unwrap();
    git(&repo, &["commit", "-q", "-a", "-m", "new"], &home);
    // An uncommitted edit in the work tree: `git:HEAD` against `.` must see it.
    let mut edited = std::fs::read_to_string(&debate).unwrap();
    edited = edited.replace("attacks remote 0.8", "attacks remote 0.7");
    std::fs::write(&debate, &edited).unwrap();

    let status_before = git(&repo, &["status", "--porcelain"], &home);
    let index_before = std::fs::read(repo.join(".git/index")).unwrap();
    let bytes_before = std::fs::read(&debate).unwrap();

    let (code, out, err) = crux(&repo, &["diff", "git:HEAD~1", "git:HEAD"], &home);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(out.contains("crux diff: git:HEAD~1 → git:HEAD"), "{out}");
    assert!(out.contains("remote  stands (0.57 → 0.73)"), "{out}");
    assert!(
        out.contains("+ evidence timesheets (HEAD:claims/debate.crux:7)"),
        "{out}"
    );

    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", ".", "--format", "json"], &home);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["edges_reweighted"], 1, "{out}");
    assert_eq!(v["edges"]["reweighted"][0]["old_weight"], 0.8);
    assert_eq!(v["edges"]["reweighted"][0]["new_weight"], 0.7);
    assert_eq!(v["old"]["files"], 1, "README.md is not a debate file");

    // PATH is relative to the current directory; from `claims/`, `.` is `claims`.
    let claims = repo.join("claims");
    let (code, out, err) = crux(
        &claims,
        &[
            "diff",
            "git:HEAD~1:.",
            "git:HEAD:debate.crux",
            "--format",
            "markdown",
        ],
        &home,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("| Thesis `remote` | stands (0.57 → 0.73) |"),
        "{out}"
    );
    // Without PATH, the current directory, as on disk.
    let (code, out, _) = crux(&claims, &["diff", "git:HEAD~1", "git:HEAD"], &home);
    assert_eq!(code, 0);
    assert!(out.contains("Nodes: 1 added"), "{out}");

    // A bad revision: exit 2 with git's own message.
    let (code, out, err) = crux(&repo, &["diff", "git:no-such-rev", "."], &home);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with("error: git:no-such-rev: fatal: Not a valid object name no-such-rev"),
        "{err}"
    );
    // Something that is not a revision at all.
    let (code, _, err) = crux(&repo, &["diff", "git:--output=x", "."], &home);
    assert_eq!(code, 2);
    assert!(err.contains("is not a revision"), "{err}");
    assert!(!repo.join("x").exists());

    // Nothing was written: the work tree, the index and the status are as they were.
    assert_eq!(std::fs::read(&debate).unwrap(), bytes_before);
    assert_eq!(
        std::fs::read(repo.join(".git/index")).unwrap(),
        index_before
    );
    assert_eq!(git(&repo, &["status", "--porcelain"], &home), status_before);
}

#[test]
fn a_git_side_without_path_is_the_current_directory() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("git-cwd");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    for (folder, id) in [("a", "first"), ("b", "second")] {
        std::fs::create_dir_all(repo.join(folder)).unwrap();
        std::fs::write(
            repo.join(folder).join("debate.crux"),
            format!("thesis {id}: \"{id}\"\n"),
        )
        .unwrap();
    }
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "two debates"], &home);

    let files = |dir: &Path| {
        let (code, out, err) = crux(
            dir,
            &["diff", "git:HEAD", "git:HEAD", "--format", "json"],
            &home,
        );
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        (v["old"]["files"].clone(), v["new"]["files"].clone())
    };
    assert_eq!(files(&repo), (2.into(), 2.into()), "the whole repository");
    assert_eq!(files(&repo.join("a")), (1.into(), 1.into()), "only a/");
}

/// `git:REV` without PATH is the whole current directory as committed: against a folder
/// or file of the repository other than that, every other file shows as removed. The
/// diff is still that (the contract), with a note naming the `git:REV:PATH` meant.
#[test]
fn a_bare_revision_against_a_part_of_the_repository_suggests_its_path() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("git-note");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    let outside = tmp.0.join("outside");
    std::fs::create_dir_all(&home).unwrap();
    for (folder, id) in [("claims", "first"), ("other", "second")] {
        std::fs::create_dir_all(repo.join(folder)).unwrap();
        std::fs::write(
            repo.join(folder).join("debate.crux"),
            format!("thesis {id}: \"{id}\"\n"),
        )
        .unwrap();
    }
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("debate.crux"), "thesis first: \"first\"\n").unwrap();
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "two debates"], &home);

    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", "claims/"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Nodes: 1 removed"), "{out}");
    assert_eq!(
        err,
        "note: git:HEAD is the current directory as committed in HEAD, not claims/; for \
         claims/ as committed, write git:HEAD:claims (crux diff git:HEAD:claims claims/)\n"
    );
    // As suggested: nothing changed.
    let (code, out, err) = crux(&repo, &["diff", "git:HEAD:claims", "claims/"], &home);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(out.contains("Nodes: no changes"), "{out}");
    // A file, on the new side; the command keeps the order of the sides.
    let (_, _, err) = crux(&repo, &["diff", "./claims/debate.crux", "git:HEAD"], &home);
    assert_eq!(
        err,
        "note: git:HEAD is the current directory as committed in HEAD, not \
         ./claims/debate.crux; for ./claims/debate.crux as committed, write \
         git:HEAD:claims/debate.crux (crux diff ./claims/debate.crux \
         git:HEAD:claims/debate.crux)\n"
    );
    // PATH is relative to the current directory.
    let claims = repo.join("claims");
    let (_, _, err) = crux(&claims, &["diff", "git:HEAD", "../other"], &home);
    assert!(
        err.contains("write git:HEAD:../other (crux diff git:HEAD:../other ../other)"),
        "{err}"
    );
    // No note when the sides name the same place, or the path is outside the repository.
    let same: [(&Path, &[&str]); 4] = [
        (&repo, &["diff", "git:HEAD", "."]),
        (&claims, &["diff", "git:HEAD", "."]),
        (
            &claims,
            &["diff", "git:HEAD", &claims.display().to_string()],
        ),
        (&repo, &["diff", "git:HEAD:claims", "claims/debate.crux"]),
    ];
    for (dir, args) in same {
        let (code, _, err) = crux(dir, args, &home);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
    let (_, _, err) = crux(
        &repo,
        &["diff", "git:HEAD", &outside.display().to_string()],
        &home,
    );
    assert!(!err.contains("note:"), "{err}");
}

#[test]
fn git_outside_a_repository_is_a_usage_error() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("nogit");
    let home = tmp.0.join("home");
    let dir = tmp.0.join("plain");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.crux"), "thesis t: \"T.\"\n").unwrap();
    let (code, out, err) = crux(&dir, &["diff", "git:HEAD", "."], &home);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.starts_with("error: git:HEAD: "), "{err}");
    assert!(err.contains("not a git repository"), "{err}");
}

#[test]
fn a_revision_skips_what_the_work_tree_skips() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("skips");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    for dir in ["drafts", "generated", "sub/drafts"] {
        std::fs::create_dir_all(repo.join(dir)).unwrap();
    }
    let flip = Path::new(FIXTURES).join("flip");
    std::fs::copy(flip.join("new/debate.crux"), repo.join("debate.crux")).unwrap();
    std::fs::write(repo.join("crux.yaml"), "exclude:\n  - drafts/\n").unwrap();
    std::fs::write(repo.join(".gitignore"), "generated/\n").unwrap();
    // Each of these has a syntax error: reading any of them shows in the diff.
    for file in ["drafts/a.crux", "generated/b.crux", "sub/drafts/c.crux"] {
        std::fs::write(repo.join(file), "claim broken \"no colon\"\n").unwrap();
    }
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["add", "-f", "generated/b.crux"], &home);
    git(&repo, &["commit", "-q", "-m", "one"], &home);

    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", "."], &home);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(out.contains("Nodes: no changes"), "{out}");
    // `drafts/` is any folder named drafts, below the folder of crux.yaml.
    let (code, _, err) = crux(&repo, &["diff", "git:HEAD:sub", "sub"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("syntax error"), "{err}");
    // A folder named is searched, on both sides.
    let (code, _, err) = crux(&repo, &["diff", "git:HEAD:drafts", "drafts"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("git:HEAD:drafts: 1 syntax error"), "{err}");
    assert!(err.contains("warning: drafts: 1 syntax error"), "{err}");
}

#[test]
fn git_path_missing_at_the_revision_is_an_error() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("gitpath");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(repo.join("claims")).unwrap();
    let flip = Path::new(FIXTURES).join("flip");
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    std::fs::copy(
        flip.join("old/debate.crux"),
        repo.join("claims/debate.crux"),
    )
    .unwrap();
    std::fs::create_dir_all(repo.join("notes")).unwrap();
    std::fs::write(repo.join("notes/todo.txt"), "not a debate\n").unwrap();
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "old"], &home);
    std::fs::copy(flip.join("new/debate.crux"), repo.join("claims/later.crux")).unwrap();
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "new"], &home);

    // A file added after the revision, and a misspelt directory: errors, not "everything
    // added".
    for (spec, path, rev) in [
        (
            "git:HEAD~1:claims/later.crux",
            "claims/later.crux",
            "HEAD~1",
        ),
        ("git:HEAD:claim", "claim", "HEAD"),
    ] {
        let (code, out, err) = crux(&repo, &["diff", spec, "claims/later.crux"], &home);
        assert_eq!(code, 2, "{spec}: {out}{err}");
        assert_eq!(out, "", "{spec}");
        assert!(
            err.starts_with(&format!("error: {spec}: ")) && err.contains(path) && err.contains(rev),
            "{spec}: {err}"
        );
    }
    // From a subdirectory the path is relative to it, and is named as the user wrote it.
    let claims = repo.join("claims");
    let (code, _, err) = crux(
        &claims,
        &["diff", "git:HEAD~1:later.crux", "later.crux"],
        &home,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`later.crux`") && err.contains("HEAD~1"),
        "{err}"
    );
    // A path that exists but holds no debate is still an empty debate, as on disk.
    let (code, _, err) = crux(&repo, &["diff", "git:HEAD:notes", "claims"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no .crux files"), "{err}");
    // The path that exists at the revision is read as before.
    let (code, out, err) = crux(
        &repo,
        &["diff", "git:HEAD:claims/later.crux", "claims/later.crux"],
        &home,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Nodes: no changes"), "{out}");
}

#[test]
fn a_revision_judges_its_expectations_on_its_own_data() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("expect");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(repo.join("claims/data")).unwrap();
    let debate = "thesis t: \"Sales grew.\"\n\nevidence e: \"Sales grew every year.\"\n  \
                  supports t\n  source \"Annual report\"\n  artifact \"data/../data/sales.csv\"\n  \
                  expect \"all(sales > 4)\"\n";
    std::fs::write(repo.join("claims/debate.crux"), debate).unwrap();
    std::fs::write(
        repo.join("claims/data/sales.csv"),
        "year,sales\n2022,5\n2023,6\n",
    )
    .unwrap();
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "sales grew"], &home);
    // The data is corrected on disk: 2023 was 3. The .crux file is the same.
    std::fs::write(
        repo.join("claims/data/sales.csv"),
        "year,sales\n2022,5\n2023,3\n",
    )
    .unwrap();
    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", "claims"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("expectation \"all(sales > 4)\" now fails: year 2023: sales 3 <= 4"),
        "{out}"
    );
    // Run from a folder below, the revision's data is still found.
    let (code, out, err) = crux(&repo.join("claims"), &["diff", "git:HEAD:.", "."], &home);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("now fails: year 2023: sales 3 <= 4"), "{out}");
    // Committed, both sides agree: nothing flipped.
    git(&repo, &["commit", "-q", "-a", "-m", "correction"], &home);
    let (code, out, err) = crux(&repo, &["diff", "git:HEAD", "claims"], &home);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("expectation"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_link_named_in_a_revision_is_an_error_not_an_empty_debate() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = TempDir::new("gitlink");
    let home = tmp.0.join("home");
    let repo = tmp.0.join("repo");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(repo.join("real")).unwrap();
    std::fs::create_dir_all(repo.join("deb")).unwrap();
    std::fs::write(repo.join("real/t.crux"), "thesis t: \"T.\"\n").unwrap();
    std::os::unix::fs::symlink("../real/t.crux", repo.join("deb/link.crux")).unwrap();
    git(&repo, &["init", "-q"], &home);
    git(&repo, &["config", "commit.gpgsign", "false"], &home);
    git(&repo, &["add", "."], &home);
    git(&repo, &["commit", "-q", "-m", "one"], &home);
    // Nothing changed; read through the link as an empty debate, every node was "added".
    let (code, out, err) = crux(
        &repo,
        &["diff", "git:HEAD:deb/link.crux", "deb/link.crux"],
        &home,
    );
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: git:HEAD:deb/link.crux: `deb/link.crux` is a symbolic link in revision HEAD; \
         name the file or folder it leads to\n"
    );
    let (code, out, err) = crux(
        &repo,
        &["diff", "git:HEAD:real/t.crux", "deb/link.crux"],
        &home,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Nodes: no changes"), "{out}");
}

#[test]
fn an_edited_expectation_is_a_change_of_its_node() {
    // Without data the expectation has no outcome; its text is still part of the node.
    let node = |expect: &str| {
        format!(
            "thesis t: \"T.\"\nevidence e: \"E.\"\n  source \"https://example.org\"\n  supports t\n  expect \"{expect}\"\n"
        )
    };
    let d = inline(&node("all(minutes < 200)"), &node("all(minutes < 210)"));
    assert_eq!(d.nodes.changed.len(), 1, "{:?}", d.nodes);
    let change = &d.nodes.changed[0];
    assert_eq!(change.id, "e");
    assert_eq!(
        change.changes,
        [diff::Change::Expectations {
            added: vec!["all(minutes < 210)".into()],
            removed: vec!["all(minutes < 200)".into()],
        }]
    );
    let human = diff::human::render(&d);
    assert!(
        human.contains("expect +\"all(minutes < 210)\" -\"all(minutes < 200)\""),
        "{human}"
    );
}

#[test]
fn a_side_with_a_relation_to_nothing_says_so() {
    // The new side renames `insurance` and still supports it by its old name: that
    // relation is not in its graph, and the diff must not look clean.
    let d = inline(
        "thesis t: \"T.\"\nclaim insurance: \"I.\"\n  supports t\n",
        "thesis t: \"T.\"\nclaim cover: \"I.\"\n  supports t\nclaim extra: \"E.\"\n  supports insurance 0.8\n",
    );
    assert_eq!((d.old.reference_errors, d.new.reference_errors), (0, 1));
    assert_eq!(d.new.lost().as_deref(), Some("1 reference error"));
    let markdown = diff::markdown::render(&d);
    assert!(
        markdown.contains("> **Warning:** the new version has 1 reference error;"),
        "{markdown}"
    );
}
