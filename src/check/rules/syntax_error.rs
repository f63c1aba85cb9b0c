//! The `syntax-error` lint rule (S001). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::{Label, Suggestion};
use crate::syntax::{Span, SyntaxError};

declare_lint! {
    /// ## What it does
    /// Reports text that does not follow the `.crux` grammar: an unknown keyword, a
    /// missing `:` or quote, an unclosed string, an attribute outside any node.
    ///
    /// ## Why is this a problem?
    /// crux cannot know what the line means, so the node or relation on it is missing
    /// from the debate. Every error in a file is reported in one run: after a mistake the
    /// parser goes on at the next line.
    ///
    /// ## Example
    /// ```crux
    /// clam surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.6
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.6
    /// ```
    pub(crate) struct SyntaxErrorFound { pub error: SyntaxError }
}

impl Violation for SyntaxErrorFound {
    const RULE: Rule = Rule::SyntaxError;
    fn message(&self) -> String {
        self.error.message()
    }
    fn label(&self) -> String {
        self.error.label()
    }
    fn help(&self) -> Option<String> {
        self.error.help()
    }
    fn suggestion(&self, _: Span) -> Option<Suggestion> {
        let (span, replacement) = self.error.fix()?;
        Some(Suggestion { span, replacement })
    }
    fn secondary(&self) -> Vec<Label> {
        self.error
            .secondary()
            .into_iter()
            .map(|(s, m)| Label::new(s, m))
            .collect()
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for e in cx.syntax_errors.iter().filter(|e| !e.is_front_matter()) {
        out.push(SyntaxErrorFound { error: e.clone() }, e.span);
    }
}
