//! The `support-attack-conflict` lint rule (G102). Phase: check; reads the syntax trees and the model.

use std::collections::HashMap;

use petgraph::visit::EdgeRef;

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::model::Relation;
use crate::syntax::Span;

declare_lint! {
    /// ## What it does
    /// Reports a node that both supports and attacks (or contradicts) the same target.
    ///
    /// ## Why is this a problem?
    /// One statement cannot be both a reason for and a reason against the same claim;
    /// the two relations cancel in the weighted strengths and make the map unreadable.
    /// Usually the node says two things and should be split.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim mixed: "Mining paid for GPUs but made them scarce."
    ///   supports crypto_helped_ai 0.4
    ///   attacks crypto_helped_ai 0.6
    /// ```
    ///
    /// ## Instead
    /// Split it into a claim that supports and a counter that attacks.
    pub(crate) struct SupportAttackConflict { pub node: String, pub target: String, pub support: Span }
}

impl Violation for SupportAttackConflict {
    const RULE: Rule = Rule::SupportAttackConflict;
    fn message(&self) -> String {
        format!(
            "`{}` both supports and attacks `{}`",
            self.node, self.target
        )
    }
    fn label(&self) -> String {
        "attacks here".into()
    }
    fn help(&self) -> Option<String> {
        Some("split the node into a claim that supports and a counter that attacks".into())
    }
    fn secondary(&self) -> Vec<Label> {
        vec![Label::new(self.support, "supports here")]
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for n in g.node_indices() {
        let mut supports: HashMap<_, Span> = HashMap::new();
        let mut attacks = Vec::new();
        for e in g.edges(n) {
            match e.weight().relation {
                Relation::Supports => {
                    supports.entry(e.target()).or_insert(e.weight().origin);
                }
                Relation::Attacks | Relation::Contradicts => attacks.push(e),
                Relation::Undercuts => {}
            }
        }
        for e in attacks {
            if let Some(&support) = supports.get(&e.target()) {
                let v = SupportAttackConflict {
                    node: g[n].id.clone(),
                    target: g[e.target()].id.clone(),
                    support,
                };
                out.push(v, e.weight().origin);
            }
        }
    }
}
