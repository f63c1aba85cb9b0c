//! The `counter-attacks-nothing` lint rule (G106). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::Relation;
use crate::syntax::ast::{AttributeKind, NodeKind};

declare_lint! {
    /// ## What it does
    /// Reports a `counter` that attacks, contradicts and undercuts nothing. A counter
    /// with a line that does not parse is left to that `syntax-error`: the line may be
    /// its attack.
    ///
    /// ## Why is this a problem?
    /// A counter is by definition an argument against something. Without an attack it
    /// is drawn and evaluated as a plain claim, and the objection it states is lost.
    ///
    /// ## Example
    /// ```crux
    /// counter scarcity: "Mining made GPUs scarce."
    ///   supports gpu_prices_rose
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// ```
    /// or make it a `claim` if it argues for something.
    pub(crate) struct CounterAttacksNothing { pub node: String }
}

impl Violation for CounterAttacksNothing {
    const RULE: Rule = Rule::CounterAttacksNothing;
    fn message(&self) -> String {
        format!("counter `{}` attacks nothing", self.node)
    }
    fn label(&self) -> String {
        "no `attacks`, `contradicts` or `undercuts`".into()
    }
    fn help(&self) -> Option<String> {
        Some("add what it argues against, e.g. `attacks ID 0.7`, or make it a `claim`".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    // Read the written relations, not the graph: an attack on a misspelt ID is an
    // `unknown-reference`, not a counter that attacks nothing.
    for node in cx.files.iter().flat_map(|f| &f.nodes) {
        if node.kind != NodeKind::Counter {
            continue;
        }
        let attacks_out = node.attributes.iter().any(|a| match &a.kind {
            AttributeKind::Edge { relation, .. } => *relation != Relation::Supports,
            AttributeKind::Undercut { .. } => true,
            _ => false,
        });
        let in_graph = cx.graph.index.get(&node.id.name).copied();
        let contradicted =
            in_graph.is_some_and(|n| cx.graph.incoming(n, Relation::Contradicts).next().is_some());
        // A line that does not parse may be the attack: `syntax-error` says so.
        let broken = in_graph.is_some_and(|n| cx.lost().unparsed[n.index()]);
        if !attacks_out && !contradicted && !broken {
            out.push(
                CounterAttacksNothing {
                    node: node.id.name.to_string(),
                },
                node.id.span,
            );
        }
    }
}
