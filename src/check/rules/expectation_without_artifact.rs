//! The `expectation-without-artifact` lint rule (E209). Phase: check; reads the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint, table_artifact};

declare_lint! {
    /// ## What it does
    /// Reports a node with `expect` but no CSV or JSON `artifact` for it to read.
    ///
    /// ## Why is this a problem?
    /// An expectation is a statement about the node's data; without a table it is
    /// never checked.
    ///
    /// ## Example
    /// ```crux
    /// evidence fast: "crux checks 10,000 nodes in under 50 ms."
    ///   source "cargo bench"
    ///   expect "median_ms where nodes == 10000 < 50"
    /// ```
    ///
    /// ## Instead
    /// Name the data: `artifact "benchmarks/check-scaling.csv"`.
    pub(crate) struct ExpectationWithoutArtifact { pub node: String, pub count: usize }
}

impl Violation for ExpectationWithoutArtifact {
    const RULE: Rule = Rule::ExpectationWithoutArtifact;
    fn message(&self) -> String {
        let (what, it) = if self.count == 1 {
            ("an expectation", "it")
        } else {
            ("expectations", "them")
        };
        format!(
            "`{}` has {what} but no CSV or JSON artifact to check {it} against",
            self.node
        )
    }
    fn label(&self) -> String {
        "never checked".into()
    }
    fn help(&self) -> Option<String> {
        Some("add `artifact \"PATH.csv\"` with the data the expectation is about".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        let node = &g[n];
        // A line of the node that does not parse may be its `artifact`: the syntax
        // error already says what is wrong there.
        if let Some(first) = node.expectations.first()
            && table_artifact(&node.artifacts).is_none()
            && !cx.lost().unparsed[n.index()]
        {
            let v = ExpectationWithoutArtifact {
                node: node.id.to_string(),
                count: node.expectations.len(),
            };
            out.push(v, first.span);
        }
    }
}
