//! The `failed-expectation` lint rule (E207). Phase: check; reads the model and the
//! tables the project layer read (no file).

use crate::check::expectations::{Judgement, expectations};
use petgraph::visit::EdgeRef;

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::Relation;

declare_lint! {
    /// ## What it does
    /// Reports an `expect` that the node's data does not satisfy. The expression is
    /// evaluated over the node's CSV or JSON artifact; the message shows the values that
    /// decided it.
    ///
    /// ## Why is this a problem?
    /// The evidence says something its own data does not bear out: the data was
    /// corrected, a benchmark regressed, or the statement was wrong from the start. An
    /// evidence node whose expectation fails does not stand.
    ///
    /// ## Example
    /// ```crux
    /// evidence gaming_led: "Gaming out-earned the data center every year through FY2024."
    ///   artifact "artifacts/nvidia-revenue.csv"
    ///   expect "all(gaming_usd_bn > data_center_usd_bn)"
    /// ```
    ///
    /// ## Instead
    /// Say what the data shows (`where fiscal_year <= 'FY2022'`), or fix the data, or
    /// take the evidence out of the debate.
    pub(crate) struct FailedExpectation { pub node: String, pub expression: String, pub because: String, pub supported: Vec<String> }
}

impl Violation for FailedExpectation {
    const RULE: Rule = Rule::FailedExpectation;
    fn message(&self) -> String {
        format!(
            "`{}` expects `{}`, but its data says otherwise: {}",
            self.node, self.expression, self.because
        )
    }
    fn label(&self) -> String {
        "does not hold for the data".into()
    }
    fn help(&self) -> Option<String> {
        let ids: Vec<String> = self.supported.iter().map(|id| format!("`{id}`")).collect();
        Some(match ids.as_slice() {
            [] => "until it holds, the evidence does not stand".into(),
            _ => format!(
                "until it holds, the evidence does not stand, and its support for {} does not count",
                ids.join(", ")
            ),
        })
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for e in expectations(&g[n], cx.artifacts) {
            if let Judgement::Fails(because) = e.judgement {
                let mut supported: Vec<String> = cx
                    .graph
                    .outgoing(n, Relation::Supports)
                    .map(|edge| g[edge.target()].id.to_string())
                    .collect();
                supported.sort();
                let v = FailedExpectation {
                    node: g[n].id.to_string(),
                    expression: e.text,
                    because,
                    supported,
                };
                out.push(v, e.span);
            }
        }
    }
}
