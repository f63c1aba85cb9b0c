//! The `stance-contradicts-semantics` lint rule (A402). Phase: check; reads the model and
//! the verdicts.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::semantics::carneades::Verdict;
use crate::syntax::ast::Status;

declare_lint! {
    /// ## What it does
    /// Reports a node marked `status accepted` whose verdict is `falls`, or one marked
    /// `status rejected` whose verdict is `stands`.
    ///
    /// ## Why is this a problem?
    /// The stance the authors wrote down disagrees with their own map: an accepted
    /// claim whose con side meets its proof standard, or a rejected claim whose pro
    /// side does. Either the stance is wrong, or an argument that would justify it is
    /// missing from the file. The help names the argument that decides the verdict.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    ///   status accepted
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// evidence prices: "GPU prices doubled during the 2017 mining boom."
    ///   supports scarcity 0.9
    ///   source "https://example.org/gpu-prices"
    /// ```
    ///
    /// ## Instead
    /// Write down the argument that outweighs the attack:
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    ///   status accepted
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// evidence prices: "GPU prices doubled during the 2017 mining boom."
    ///   supports scarcity 0.9
    ///   source "https://example.org/gpu-prices"
    /// evidence cuda_2006: "GPU computing for science began in 2006, before mining."
    ///   supports crypto_helped_ai 0.9
    ///   source "https://example.org/cuda"
    /// ```
    /// or mark the node `open`.
    ///
    /// ## Semantics note
    /// The verdict is the one every map and `crux explain` show first: each node is
    /// judged by its proof standard over the weights of the pro and con arguments that
    /// apply (Carneades). A node whose verdict is `open` contradicts neither stance.
    /// The grounded labels of `crux solve` do not enter this rule.
    pub(crate) struct StanceContradictsSemantics {
        pub node: String,
        pub status: Status,
        pub verdict: Verdict,
        pub why: String,
    }
}

impl Violation for StanceContradictsSemantics {
    const RULE: Rule = Rule::StanceContradictsSemantics;
    fn message(&self) -> String {
        format!(
            "`{}` is marked {} but its verdict is `{}`",
            self.node,
            self.status.keyword(),
            self.verdict
        )
    }
    fn label(&self) -> String {
        format!("{} here", self.status.keyword())
    }
    fn help(&self) -> Option<String> {
        let fix = match self.verdict {
            Verdict::Falls => "add the argument that answers it",
            _ => "add the attack that answers it",
        };
        Some(format!(
            "{}; {fix}, or change the stance (`crux explain {}` shows the tree)",
            self.why, self.node
        ))
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        let Some((status, span)) = g[n].status else {
            continue;
        };
        let judgement = cx.verdicts().get(n);
        let contradicts = matches!(
            (status, judgement.verdict),
            (Status::Accepted, Verdict::Falls) | (Status::Rejected, Verdict::Stands)
        );
        if contradicts {
            let v = StanceContradictsSemantics {
                node: g[n].id.to_string(),
                status,
                verdict: judgement.verdict,
                why: judgement.why(cx.graph, &cx.verdict),
            };
            out.push(v, span);
        }
    }
}
