//! The `unsourced-evidence` lint rule (E201). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::syntax::ast::NodeKind;

declare_lint! {
    /// ## What it does
    /// Reports an `evidence` node with neither a `source` nor an `artifact`. A blank
    /// `source ""`, a placeholder, is no source.
    ///
    /// ## Why is this a problem?
    /// Evidence is what a debate rests on, and it carries a high default credence (0.9).
    /// Evidence that nobody can look up is just a claim that calls itself a fact.
    ///
    /// ## Example
    /// ```crux
    /// evidence cuda_2006: "NVIDIA introduced CUDA in 2006."
    ///   attacks surplus_compute 0.5
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// evidence cuda_2006: "NVIDIA introduced CUDA in 2006."
    ///   attacks surplus_compute 0.5
    ///   source "https://en.wikipedia.org/wiki/CUDA"
    /// ```
    pub(crate) struct UnsourcedEvidence { pub node: String, pub blank: bool }
}

impl Violation for UnsourcedEvidence {
    const RULE: Rule = Rule::UnsourcedEvidence;
    fn message(&self) -> String {
        format!("evidence `{}` has no source", self.node)
    }
    fn label(&self) -> String {
        match self.blank {
            true => "its `source` is blank, and it has no `artifact`".into(),
            false => "neither `source` nor `artifact`".into(),
        }
    }
    fn help(&self) -> Option<String> {
        Some("add `source \"URL or citation\"` or `artifact \"path/to/data.csv\"`, or make it a `claim`".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        let node = &g[n];
        // A line of the node that does not parse may be its `source` or `artifact`:
        // the syntax error already says what is wrong there.
        if node.kind == NodeKind::Evidence
            && node.sources.iter().all(|(s, _)| s.trim().is_empty())
            && node.artifacts.is_empty()
            && !cx.lost().unparsed[n.index()]
        {
            out.push(
                UnsourcedEvidence {
                    node: node.id.to_string(),
                    blank: !node.sources.is_empty(),
                },
                node.id_span,
            );
        }
    }
}
