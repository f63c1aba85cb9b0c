//! The `invalid-front-matter` lint rule (S002). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::syntax::SyntaxError;

declare_lint! {
    /// ## What it does
    /// Reports front matter that is not valid YAML, is not closed by a `---` line, or has
    /// a key other than `title`, `description`, `source`, `authors` and `date`.
    ///
    /// ## Why is this a problem?
    /// A misspelt key (`titel:`) would otherwise be ignored in silence, and the rendered
    /// map would lack its title.
    ///
    /// ## Example
    /// ```crux
    /// ---
    /// titel: Did the crypto boom make the AI boom possible?
    /// ---
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// ---
    /// title: Did the crypto boom make the AI boom possible?
    /// ---
    /// ```
    pub(crate) struct InvalidFrontMatter { pub error: SyntaxError }
}

impl Violation for InvalidFrontMatter {
    const RULE: Rule = Rule::InvalidFrontMatter;
    fn message(&self) -> String {
        self.error.message()
    }
    fn label(&self) -> String {
        self.error.label()
    }
    fn help(&self) -> Option<String> {
        self.error.help()
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for e in cx.syntax_errors.iter().filter(|e| e.is_front_matter()) {
        out.push(InvalidFrontMatter { error: e.clone() }, e.span);
    }
}
