//! The `disconnected-node` lint rule (G105). Phase: check; reads the syntax trees and the model.

use petgraph::graph::NodeIndex;

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::{ArgGraph, Relation};
use crate::syntax::ast::NodeKind;

declare_lint! {
    /// ## What it does
    /// Reports a node from which no thesis can be reached by following its relations
    /// (supports, attacks, contradicts, undercuts) and those of the nodes it points at.
    /// A node with a relation to an unknown ID, or a line that does not parse, is left
    /// to that finding (the lost relation may be its link), and so is what leads to it.
    /// A debate with no thesis at all gets one `no-thesis` finding instead of one of
    /// these per node.
    ///
    /// ## Why is this a problem?
    /// The node takes no part in the debate: it bears on no thesis, so it changes no
    /// verdict. Usually a relation is missing or points at the wrong ID.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim gaming: "PC gaming drove GPU progress."
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// counter gaming: "PC gaming drove GPU progress."
    ///   attacks crypto_helped_ai 0.5
    /// ```
    pub(crate) struct DisconnectedNode { pub node: String }
}

impl Violation for DisconnectedNode {
    const RULE: Rule = Rule::DisconnectedNode;
    fn message(&self) -> String {
        format!("`{}` does not lead to any thesis", self.node)
    }
    fn label(&self) -> String {
        "no path from here to a thesis".into()
    }
    fn help(&self) -> Option<String> {
        Some("add a `supports`, `attacks` or `undercuts` that connects it to the debate".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    if !g.node_indices().any(|n| g[n].kind == NodeKind::Thesis) {
        return; // `no-thesis` says it once.
    }
    // A node with a broken link may reach a thesis through it: `unknown-reference` or
    // `syntax-error` already says so, and neither it nor what leads to it is reported.
    let reaches = reaching(cx.graph, |n| {
        g[n].kind == NodeKind::Thesis || cx.lost().from[n.index()]
    });
    for &n in cx.nodes_in_order() {
        if !reaches[n.index()] {
            out.push(
                DisconnectedNode {
                    node: g[n].id.to_string(),
                },
                g[n].id_span,
            );
        }
    }
}

/// Which nodes (by index) lead to one of the `start` nodes by following relations
/// (a contradiction both ways); the `start` nodes themselves included.
pub(crate) fn reaching(graph: &ArgGraph, start: impl Fn(NodeIndex) -> bool) -> Vec<bool> {
    // Walk backwards: whoever points at a node that reaches a thesis reaches it too.
    graph.marked(start, |s, t, e| {
        let contradicted = (e.relation == Relation::Contradicts).then_some((s, t));
        [Some((t, s)), contradicted]
    })
}
