//! The `no-thesis` lint rule (G107). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::syntax::ast::NodeKind;
use crate::syntax::{FileId, Span};

declare_lint! {
    /// ## What it does
    /// Reports a debate (all the files checked together) that has no `thesis`; not
    /// when a line meant to start one does not parse (`thesys t: "..."`), which is
    /// reported as a syntax error.
    ///
    /// ## Why is this a problem?
    /// A thesis is what the debate is about: verdicts are given for theses, maps are
    /// drawn with them on top, and `disconnected-node` measures against them. Without one
    /// the debate has no question.
    ///
    /// ## Example
    /// ```crux
    /// claim surplus: "Crypto drove GPU investment."
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.6
    /// ```
    pub(crate) struct NoThesis { pub files: usize }
}

impl Violation for NoThesis {
    const RULE: Rule = Rule::NoThesis;
    fn message(&self) -> String {
        if self.files == 1 {
            "the debate has no thesis".into()
        } else {
            format!("the debate ({} files) has no thesis", self.files)
        }
    }
    fn help(&self) -> Option<String> {
        Some("state what the debate is about: `thesis ID: \"...\"`".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    // No file, no debate to ask a thesis of.
    if cx.files.is_empty() || g.node_weights().any(|n| n.kind == NodeKind::Thesis) {
        return;
    }
    // `thesys t: "..."`: the thesis is there, on a line the syntax error names.
    if !cx.syntax_errors.is_empty() && cx.lost().headers.thesis {
        return;
    }
    let span = g
        .node_weights()
        .map(|n| n.header_span)
        .min()
        .unwrap_or(Span::new(FileId(0), 0, 0));
    out.push(
        NoThesis {
            files: cx.files.len(),
        },
        span,
    );
}
