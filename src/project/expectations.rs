//! Evidence refuted by its own data: reads the table of every node with `expect` and
//! marks the nodes whose expectation fails ([`crate::model::ArgNode::refuted`]), which the
//! verdict then treats as attacked by their data.
//!
//! Phase: project (file IO). The evaluation itself is the checker's
//! ([`crate::check::expectations`]).

use std::path::Path;

use super::artifact::MAX_TABLE_BYTES;
use crate::Debate;
use crate::check::{ArtifactFacts, ArtifactNeeds, Judgement, expectations};
use crate::expect::Table;

/// Marks every evidence node of `debate` whose expectation fails on its data; artifact
/// paths are judged against `root` like `crux check` does. Reads nothing when no node
/// has an expectation. The tables read are kept in [`Debate::tables`], for the check.
pub fn refute(debate: &mut Debate, root: &Path) {
    if debate
        .graph
        .graph
        .node_weights()
        .all(|n| n.expectations.is_empty())
    {
        return;
    }
    let facts = super::artifact::facts(&debate.graph, root, ArtifactNeeds::TABLE);
    mark(debate, &facts);
    debate.tables = facts;
}

/// [`refute`] for a debate read from a git revision (`git:REV[:PATH]`, as `crux diff`
/// takes it): each table is read as committed in that revision, from the path the
/// artifact names next to its `.crux` file.
pub fn refute_at_revision(debate: &mut Debate, spec: &str) {
    use crate::check::{ArtifactFact, Place, TableFact, table_artifact};
    let g = &debate.graph.graph;
    if g.node_weights().all(|n| n.expectations.is_empty()) {
        return;
    }
    let mut facts = ArtifactFacts::default();
    for node in g.node_weights().filter(|n| !n.expectations.is_empty()) {
        let Some(a) = table_artifact(&node.artifacts) else {
            continue;
        };
        let table = super::git::read_at_revision(spec, &a.resolved, MAX_TABLE_BYTES)
            .map_err(|e| format!("cannot read `{}` in {spec}: {e}", a.path))
            .and_then(|bytes| {
                Table::from_file_bytes(&a.path, &bytes).map_err(|e| format!("`{}` is {e}", a.path))
            });
        let fact = ArtifactFact {
            place: Place::File,
            sha256: None,
            suggestion: None,
            table: Some(TableFact(std::sync::Arc::new(table))),
        };
        facts.insert(a, fact);
    }
    mark(debate, &facts);
}

/// Judges the expectations of `debate` on `facts` and marks what they refute.
fn mark(debate: &mut Debate, facts: &ArtifactFacts) {
    let g = &debate.graph.graph;
    let judged: Vec<_> = g
        .node_indices()
        .filter(|&n| !g[n].expectations.is_empty())
        .map(|n| (n, expectations(&g[n], facts)))
        .collect();
    for (n, results) in judged {
        let node = &mut debate.graph.graph[n];
        node.refuted = results.iter().find_map(|e| match &e.judgement {
            Judgement::Fails(because) => Some(format!("`{}` fails: {because}", e.text)),
            _ => None,
        });
        node.outcomes = results
            .into_iter()
            .map(|e| match e.judgement {
                Judgement::Holds(because) => Some((true, because)),
                Judgement::Fails(because) => Some((false, because)),
                _ => None,
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::carneades::{self, Verdict};
    use crate::syntax::SourceFile;

    /// The verdict of `e` when its expectation is `expect`.
    fn verdict_of_evidence(expect: &str) -> (Verdict, Option<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.csv"), "year,x\n2021,1\n2022,3\n").unwrap();
        let text = format!(
            "thesis t: \"T.\"\nevidence e: \"E.\"\n  supports t\n  artifact \"t.csv\"\n  expect \"{expect}\"\n"
        );
        let path = dir.path().join("a.crux");
        let file = SourceFile::new("a.crux", path, text);
        let mut debate = crate::parse_debate(vec![file], Default::default());
        refute(&mut debate, dir.path());
        let verdicts = carneades::evaluate(&debate.graph, &Default::default());
        let e = debate
            .graph
            .graph
            .node_indices()
            .find(|&n| debate.graph.graph[n].id == "e")
            .unwrap();
        let node = &debate.graph.graph[e];
        assert_eq!(node.outcomes.len(), 1);
        assert_eq!(
            node.outcomes[0].as_ref().map(|o| o.0),
            Some(node.refuted.is_none())
        );
        (verdicts.verdict(e), node.refuted.clone())
    }

    #[test]
    fn the_check_judges_the_table_the_verdict_judged_without_reading_it_again() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("t.csv");
        std::fs::write(&csv, "year,x\n2021,1\n2022,3\n").unwrap();
        let text = "evidence e: \"E.\"\n  artifact \"t.csv\"\n  expect \"all(x < 2)\"\n";
        let file = SourceFile::new("a.crux", dir.path().join("a.crux"), text.to_string());
        let mut debate = crate::parse_debate(vec![file], Default::default());
        refute(&mut debate, dir.path());
        assert!(debate.graph.node("e").unwrap().refuted.is_some());
        // The file changes after the verdict read it: the check still reports what
        // the verdict saw, not a second reading that could tell another story.
        std::fs::write(&csv, "year,x\n2021,1\n2022,1\n").unwrap();
        let severities = crate::check::Severities::default();
        let diagnostics =
            crate::check_debate(&debate, dir.path(), &severities, &Default::default());
        let failed: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.name == "failed-expectation")
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(failed.len(), 1, "{diagnostics:#?}");
        assert!(failed[0].contains("x 3 >= 2"), "{}", failed[0]);
        // Without the verdict's reading, the check reads the file as it is now.
        debate.tables = Default::default();
        let again = crate::check_debate(&debate, dir.path(), &severities, &Default::default());
        assert!(
            !again.iter().any(|d| d.name == "failed-expectation"),
            "{again:#?}"
        );
    }

    #[test]
    fn evidence_its_data_refutes_falls() {
        let (verdict, why) = verdict_of_evidence("all(x < 2)");
        assert_eq!(verdict, Verdict::Falls);
        assert_eq!(
            why.as_deref(),
            Some("`all(x < 2)` fails: year 2022: x 3 >= 2")
        );
        assert_eq!(verdict_of_evidence("all(x < 5)"), (Verdict::Stands, None));
    }
}
