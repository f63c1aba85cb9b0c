//! Verdicts before and after: grounded labels and DF-QuAD strengths of both versions,
//! the theses, the largest strength moves and the label changes.
//!
//! Phase: diff. Runs the semantics on each side; prints nothing.

use petgraph::graph::NodeIndex;

use super::nodes::Matching;
use super::{Converged, MIN_MOVE, TOP_MOVES, Verdict, VerdictChange, Verdicts};
use crate::model::ArgGraph;
use crate::semantics::weighted::dfquad;
use crate::semantics::{Af, grounded};
use crate::syntax::ast::NodeKind;

/// The verdict on every node of one version, by node index, and whether the strengths
/// converged.
fn evaluate(g: &ArgGraph) -> (Vec<Verdict>, bool) {
    let labels = grounded(&Af::from_graph(g));
    let strengths = dfquad(g);
    let verdicts = labels
        .0
        .iter()
        .zip(&strengths.values)
        .map(|(&label, &strength)| Verdict { label, strength })
        .collect();
    (verdicts, strengths.converged)
}

/// Theses, moves and label changes (see the `diff` module docs).
pub(super) fn verdicts(old: &ArgGraph, new: &ArgGraph, m: &Matching) -> Verdicts {
    let (before, old_converged) = evaluate(old);
    let (after, new_converged) = evaluate(new);
    let change = |o: Option<NodeIndex>, n: Option<NodeIndex>| {
        let on = o.map(|o| &old.graph[o]);
        let nn = n.map(|n| &new.graph[n]);
        let node = nn.or(on).expect("a node on one side at least");
        let before = o.map(|o| before[o.index()]);
        let after = n.map(|n| after[n.index()]);
        VerdictChange {
            id: node.id.to_string(),
            old_id: on.unwrap_or(node).id.to_string(),
            kind: node.kind,
            before,
            after,
            delta: before.zip(after).map(|(b, a)| a.strength - b.strength),
        }
    };
    let is_thesis =
        |g: &ArgGraph, i: Option<NodeIndex>| i.is_some_and(|i| g.graph[i].kind == NodeKind::Thesis);
    let mut theses = Vec::new();
    let mut both = Vec::new();
    for &n in &m.new_order {
        let o = m.new_to_old.get(&n).copied();
        if is_thesis(new, Some(n)) || is_thesis(old, o) {
            theses.push(change(o, Some(n)));
        }
        if o.is_some() {
            both.push(change(o, Some(n)));
        }
    }
    for &o in &m.removed {
        if is_thesis(old, Some(o)) {
            theses.push(change(Some(o), None));
        }
    }
    let label_changes = both.iter().filter(|v| v.label_changed()).cloned().collect();
    let size = |v: &VerdictChange| v.delta.map_or(0.0, f64::abs);
    let mut moves: Vec<VerdictChange> = both.into_iter().filter(|v| size(v) >= MIN_MOVE).collect();
    moves.sort_by(|a, b| size(b).total_cmp(&size(a)).then_with(|| a.id.cmp(&b.id)));
    moves.truncate(TOP_MOVES);
    Verdicts {
        theses,
        moves,
        label_changes,
        converged: Converged {
            old: old_converged,
            new: new_converged,
        },
    }
}
