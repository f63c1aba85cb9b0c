//! The `self-reference` lint rule (G101). Phase: check; reads the syntax trees and the model.

use petgraph::visit::EdgeRef;

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::Relation;

declare_lint! {
    /// ## What it does
    /// Reports a node that supports, attacks, contradicts or undercuts itself (an
    /// undercut of an inference the node itself takes part in counts too).
    ///
    /// ## Why is this a problem?
    /// A claim cannot be a reason for or against itself. A self-support is circular
    /// reasoning in one step; a self-attack makes the node unacceptable under every
    /// semantics, whatever the rest of the debate says.
    ///
    /// ## Example
    /// ```crux
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports surplus
    /// ```
    ///
    /// ## Instead
    /// Point the relation at the claim it was meant for, or remove it.
    pub(crate) struct SelfReference { pub node: String, pub relation: Relation }
}

impl Violation for SelfReference {
    const RULE: Rule = Rule::SelfReference;
    fn message(&self) -> String {
        match self.relation {
            Relation::Undercuts => {
                format!("`{}` undercuts an inference it takes part in", self.node)
            }
            r => format!("`{}` {} itself", self.node, r.keyword()),
        }
    }
    fn label(&self) -> String {
        "points back at its own node".into()
    }
    fn help(&self) -> Option<String> {
        Some("point the relation at another node, or remove it".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for e in g.edge_references() {
        let w = e.weight();
        let own_inference = w.undercuts.is_some_and(|i| {
            g.edge_endpoints(i)
                .is_some_and(|(a, b)| a == e.source() || b == e.source())
        });
        if e.source() == e.target() || own_inference {
            let v = SelfReference {
                node: g[e.source()].id.to_string(),
                relation: w.relation,
            };
            out.push(v, w.target_span);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::names;

    #[test]
    fn fires_on_self_support_only() {
        assert!(names("thesis t: \"x\"\n  supports t\n").contains(&"self-reference"));
        assert!(
            !names("thesis t: \"x\"\nclaim c: \"y\"\n  supports t\n").contains(&"self-reference")
        );
    }
}
