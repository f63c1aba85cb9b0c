//! Verdicts before and after: the verdict (with why), the DF-QuAD strength and the
//! grounded label of every node of both versions; the theses, the verdicts that moved,
//! the largest strength moves and the label changes.
//!
//! Phase: diff. Runs the semantics on each side; prints nothing.

use petgraph::graph::NodeIndex;

use super::nodes::Matching;
use super::{Converged, MIN_MOVE, Settings, Standing, TOP_MOVES, VerdictChange, Verdicts};
use crate::model::ArgGraph;
use crate::semantics::carneades::{self, VerdictOptions};
use crate::semantics::weighted::{Strengths, dfquad};
use crate::semantics::{Af, Labelling, grounded};
use crate::syntax::ast::NodeKind;

/// What the semantics say of one version.
struct Side<'a> {
    graph: &'a ArgGraph,
    options: &'a VerdictOptions,
    verdicts: carneades::Verdicts,
    strengths: Strengths,
    labels: Labelling,
}

impl<'a> Side<'a> {
    fn new(graph: &'a ArgGraph, options: &'a VerdictOptions) -> Self {
        Side {
            graph,
            options,
            verdicts: carneades::evaluate(graph, options),
            strengths: dfquad(graph),
            labels: grounded(&Af::from_graph(graph)),
        }
    }

    /// How node `n` fares in this version.
    fn standing(&self, n: NodeIndex) -> Standing {
        let judgement = self.verdicts.get(n);
        Standing {
            verdict: judgement.verdict,
            why: judgement.why(self.graph, self.options),
            strength: self.strengths.of(n),
            label: self.labels.get(n.index() as crate::semantics::Arg),
        }
    }
}

/// Theses, verdicts moved, strength moves and label changes (see the `diff` module
/// docs).
pub(super) fn verdicts(
    old: &ArgGraph,
    new: &ArgGraph,
    m: &Matching,
    settings: &Settings,
) -> Verdicts {
    let before = Side::new(old, &settings.old);
    let after = Side::new(new, &settings.new);
    let change = |o: Option<NodeIndex>, n: Option<NodeIndex>| {
        let on = o.map(|o| &old.graph[o]);
        let nn = n.map(|n| &new.graph[n]);
        let node = nn.or(on).expect("a node on one side at least");
        let b = o.map(|o| before.standing(o));
        let a = n.map(|n| after.standing(n));
        let delta = b
            .as_ref()
            .zip(a.as_ref())
            .map(|(b, a)| a.strength - b.strength);
        VerdictChange {
            id: node.id.to_string(),
            old_id: on.unwrap_or(node).id.to_string(),
            kind: node.kind,
            before: b,
            after: a,
            delta,
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
    let mut moved: Vec<VerdictChange> = both
        .iter()
        .filter(|v| v.verdict_changed())
        .cloned()
        .collect();
    // Theses first, each group in the new version's order (the sort is stable).
    moved.sort_by_key(|v| v.kind != NodeKind::Thesis);
    let label_changes = both.iter().filter(|v| v.label_changed()).cloned().collect();
    let size = |v: &VerdictChange| v.delta.map_or(0.0, f64::abs);
    let mut moves: Vec<VerdictChange> = both.into_iter().filter(|v| size(v) >= MIN_MOVE).collect();
    moves.sort_by(|a, b| size(b).total_cmp(&size(a)).then_with(|| a.id.cmp(&b.id)));
    moves.truncate(TOP_MOVES);
    Verdicts {
        theses,
        moved,
        moves,
        label_changes,
        converged: Converged {
            old: before.strengths.converged,
            new: after.strengths.converged,
        },
    }
}
