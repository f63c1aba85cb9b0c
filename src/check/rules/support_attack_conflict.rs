//! The `support-attack-conflict` lint rule (G102). Phase: check; reads the syntax trees and the model.

use petgraph::graph::NodeIndex;
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
    pub(crate) struct SupportAttackConflict { pub node: String, pub target: String, pub relation: Relation, pub support: Span }
}

impl Violation for SupportAttackConflict {
    const RULE: Rule = Rule::SupportAttackConflict;
    fn message(&self) -> String {
        match self.relation {
            Relation::Contradicts => format!(
                "`{}` supports `{}`, and the two contradict each other",
                self.node, self.target
            ),
            _ => format!(
                "`{}` both supports and attacks `{}`",
                self.node, self.target
            ),
        }
    }
    fn label(&self) -> String {
        format!("{} here", self.relation.keyword())
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
    // What the node supports, the first `supports` of each target: sorted by target,
    // one buffer for every node.
    let mut supports: Vec<(NodeIndex, Span)> = Vec::new();
    for n in g.node_indices() {
        supports.clear();
        supports.extend(
            cx.graph
                .outgoing(n, Relation::Supports)
                .map(|e| (e.target(), e.weight().origin)),
        );
        if supports.is_empty() {
            continue;
        }
        // A stable sort: of two `supports` of one target, the first stays.
        supports.sort_by_key(|&(t, _)| t);
        supports.dedup_by_key(|&mut (t, _)| t);
        // `contradicts` is an attack both ways, so one written by the target counts too.
        let outgoing = g.edges(n).filter(|e| {
            matches!(
                e.weight().relation,
                Relation::Attacks | Relation::Contradicts
            )
        });
        let incoming = cx.graph.incoming(n, Relation::Contradicts);
        for e in outgoing.chain(incoming) {
            let other = if e.source() == n {
                e.target()
            } else {
                e.source()
            };
            if let Ok(i) = supports.binary_search_by_key(&other, |&(t, _)| t) {
                let support = supports[i].1;
                let v = SupportAttackConflict {
                    node: g[n].id.to_string(),
                    target: g[other].id.to_string(),
                    relation: e.weight().relation,
                    support,
                };
                out.push(v, e.weight().origin);
            }
        }
    }
}
