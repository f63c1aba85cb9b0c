//! The `accepted-conflict` lint rule (A401). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::model::Relation;
use crate::syntax::Span;
use crate::syntax::ast::Status;
use petgraph::visit::EdgeRef;

declare_lint! {
    /// ## What it does
    /// Reports two nodes marked `status accepted` where one attacks (or contradicts)
    /// the other.
    ///
    /// ## Why is this a problem?
    /// The authors hold both true, yet say one is a reason against the other. An
    /// accepted set of claims must be conflict-free; one of the stances, or the attack,
    /// is wrong.
    ///
    /// ## Example
    /// ```crux
    /// claim surplus: "Crypto built GPU capacity that AI later used."
    ///   status accepted
    /// counter timing: "Crypto and deep learning took off at the same time."
    ///   attacks surplus 0.7
    ///   status accepted
    /// ```
    ///
    /// ## Instead
    /// Mark one of them `open` or `rejected`, or remove the attack.
    pub(crate) struct AcceptedConflict { pub attacker: String, pub attacked: String, pub relation: Relation, pub attacked_status: Span }
}

impl Violation for AcceptedConflict {
    const RULE: Rule = Rule::AcceptedConflict;
    fn message(&self) -> String {
        format!(
            "accepted `{}` {} accepted `{}`",
            self.attacker,
            self.relation.keyword(),
            self.attacked
        )
    }
    fn label(&self) -> String {
        format!("the `{}`", self.relation.keyword())
    }
    fn help(&self) -> Option<String> {
        Some(
            "accepted nodes must not attack each other; change one stance or drop the attack"
                .into(),
        )
    }
    fn secondary(&self) -> Vec<Label> {
        vec![Label::new(
            self.attacked_status,
            "the attacked node is accepted here",
        )]
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    let accepted = |n: petgraph::graph::NodeIndex| match g[n].status {
        Some((Status::Accepted, span)) => Some(span),
        _ => None,
    };
    for e in g.edge_references() {
        let (a, b) = (e.source(), e.target());
        let relation = e.weight().relation;
        if a == b || !matches!(relation, Relation::Attacks | Relation::Contradicts) {
            continue;
        }
        if let (Some(_), Some(status)) = (accepted(a), accepted(b)) {
            let v = AcceptedConflict {
                attacker: g[a].id.to_string(),
                attacked: g[b].id.to_string(),
                relation,
                attacked_status: status,
            };
            out.push(v, e.weight().origin);
        }
    }
}
