//! The `unsupported-claim` lint rule (G108). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::Relation;
use crate::syntax::ast::NodeKind;

declare_lint! {
    /// ## What it does
    /// Reports a `claim` or `thesis` with no `evidence` anywhere below it through
    /// `supports` relations (directly, or through claims that are themselves supported
    /// by evidence). A node whose only link to the debate is a relation to an unknown ID
    /// or a line that does not parse is left to that finding, and so is a node that a
    /// `supports` line that does not parse names.
    ///
    /// ## Why is this a problem?
    /// The claim rests on nothing but other people's say-so. That may be the honest
    /// state of a debate, and the warning then says so to readers; but often a source
    /// exists and was not linked.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "After the crash, mining capacity went to AI."
    ///   supports crypto_helped_ai 0.6
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "After the crash, mining capacity went to AI."
    ///   supports crypto_helped_ai 0.6
    /// evidence merge_2022: "Ethereum's Merge ended GPU mining in September 2022."
    ///   supports surplus 0.5
    ///   source "https://ethereum.org/en/roadmap/merge/"
    /// ```
    pub(crate) struct UnsupportedClaim { pub node: String, pub kind: NodeKind }
}

impl Violation for UnsupportedClaim {
    const RULE: Rule = Rule::UnsupportedClaim;
    fn message(&self) -> String {
        format!(
            "{} `{}` has no evidence below it",
            self.kind.keyword(),
            self.node
        )
    }
    fn label(&self) -> String {
        "nothing supports this with evidence".into()
    }
    fn help(&self) -> Option<String> {
        Some("add an `evidence` node with a `source` that supports it, directly or through a supported claim".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    // Evidence backs what it supports, and so on up.
    let backed = cx.graph.marked(
        |n| g[n].kind == NodeKind::Evidence,
        |s, t, e| [(e.relation == Relation::Supports).then_some((s, t)), None],
    );
    let reaches_thesis =
        super::disconnected_node::reaching(cx.graph, |n| g[n].kind == NodeKind::Thesis);
    for &n in cx.nodes_in_order() {
        let node = &g[n];
        // A node whose only link to the debate is broken is left to that finding.
        let only_link_broken = cx.lost().from[n.index()] && !reaches_thesis[n.index()];
        // So is a node that a `supports` line that does not parse names.
        let only_link_broken = only_link_broken || cx.lost().supported[n.index()];
        if matches!(node.kind, NodeKind::Claim | NodeKind::Thesis)
            && !backed[n.index()]
            && !only_link_broken
        {
            out.push(
                UnsupportedClaim {
                    node: node.id.to_string(),
                    kind: node.kind,
                },
                node.id_span,
            );
        }
    }
}
