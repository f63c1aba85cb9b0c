//! The `stance-contradicts-semantics` lint rule (A402). Phase: check; reads the model and
//! the grounded labelling.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::semantics::Label;
use crate::syntax::ast::Status;

declare_lint! {
    /// ## What it does
    /// Reports a node marked `status accepted` that the grounded semantics labels OUT,
    /// or one marked `status rejected` that it labels IN.
    ///
    /// ## Why is this a problem?
    /// The stance the authors wrote down disagrees with their own map: an accepted
    /// claim that an unanswered attack defeats, or a rejected claim that nothing
    /// successfully attacks. Either the stance is wrong, or an argument that would
    /// justify it is missing from the file.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    ///   status accepted
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// ```
    ///
    /// ## Instead
    /// Write down the argument that answers the attack:
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    ///   status accepted
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// counter short_lived: "The shortages were brief."
    ///   attacks scarcity 0.6
    /// ```
    /// or mark the node `open`.
    ///
    /// ## Semantics note
    /// The grounded labelling is the most sceptical one: IN is what follows from the
    /// unattacked arguments alone, OUT what they defeat, UNDEC the rest. Weights do
    /// not enter it; `crux explain` shows the weighted strengths.
    pub(crate) struct StanceContradictsSemantics { pub node: String, pub status: Status, pub label: Label }
}

impl Violation for StanceContradictsSemantics {
    const RULE: Rule = Rule::StanceContradictsSemantics;
    fn message(&self) -> String {
        format!(
            "`{}` is marked {} but the grounded semantics labels it {}",
            self.node,
            self.status.keyword(),
            self.label
        )
    }
    fn label(&self) -> String {
        format!("{} here", self.status.keyword())
    }
    fn help(&self) -> Option<String> {
        Some(match self.label {
            Label::Out => format!(
                "an attack on `{}` is not answered; add the argument that defeats it, or change the stance (`crux explain {}` shows the tree)",
                self.node, self.node
            ),
            _ => format!(
                "nothing successfully attacks `{}`; add the argument that defeats it, or change the stance",
                self.node
            ),
        })
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        let Some((status, span)) = g[n].status else {
            continue;
        };
        let label = cx.labels().get(n.index() as u32);
        let contradicts = matches!(
            (status, label),
            (Status::Accepted, Label::Out) | (Status::Rejected, Label::In)
        );
        if contradicts {
            let v = StanceContradictsSemantics {
                node: g[n].id.clone(),
                status,
                label,
            };
            out.push(v, span);
        }
    }
}
