//! The `duplicate-id` lint rule (S003). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::model::ResolveError;
use crate::syntax::Span;

declare_lint! {
    /// ## What it does
    /// Reports two nodes with the same ID, in one file or in two files of the debate.
    ///
    /// ## Why is this a problem?
    /// IDs are global across every file of a debate, and relations name their targets by
    /// ID. With two definitions, a relation cannot say which one it means; crux keeps the
    /// first and ignores the second.
    ///
    /// ## Example
    /// ```crux
    /// claim scarcity: "Mining made GPUs scarce."
    /// counter scarcity: "Mining made GPUs expensive."
    /// ```
    ///
    /// ## Instead
    /// Give each node its own ID, or merge the two into one node.
    pub(crate) struct DuplicateId { pub id: String, pub first: Span }
}

impl Violation for DuplicateId {
    const RULE: Rule = Rule::DuplicateId;
    fn message(&self) -> String {
        format!("duplicate ID `{}`", self.id)
    }
    fn label(&self) -> String {
        "defined again here".into()
    }
    fn help(&self) -> Option<String> {
        Some("IDs must be unique across all files of the debate; rename one of the nodes".into())
    }
    fn secondary(&self) -> Vec<Label> {
        vec![Label::new(self.first, "first defined here")]
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for e in cx.resolve_errors {
        if let ResolveError::DuplicateId { id, first, second } = e {
            out.push(
                DuplicateId {
                    id: id.clone(),
                    first: *first,
                },
                *second,
            );
        }
    }
}
