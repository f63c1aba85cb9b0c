//! The `unknown-reference` lint rule (S004). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::ResolveError;

declare_lint! {
    /// ## What it does
    /// Reports a relation (`supports`, `attacks`, `contradicts`, `undercuts`) that names
    /// an ID no node in the debate has, and an `undercuts A -> B` where A neither
    /// supports nor attacks B. An ID that a line which does not parse was meant to
    /// give (`thesys t: "..."`) is left to that line's syntax error.
    ///
    /// ## Why is this a problem?
    /// The relation is dropped from the graph, so the argument it stands for is silently
    /// missing from every verdict. It is almost always a typo or a node that was renamed.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helpd_ai 0.6
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.6
    /// ```
    pub(crate) struct UnknownReference { pub name: String, pub suggestion: Option<String>, pub inference_of: Option<String>, pub reversed: bool }
}

impl Violation for UnknownReference {
    const RULE: Rule = Rule::UnknownReference;
    fn message(&self) -> String {
        match &self.inference_of {
            Some(from) => format!(
                "`{from}` neither supports nor attacks `{}`, so there is no inference to undercut",
                self.name
            ),
            None => format!("unknown ID `{}`", self.name),
        }
    }
    fn label(&self) -> String {
        match self.inference_of {
            Some(_) => "no such relation".into(),
            None => "no node has this ID".into(),
        }
    }
    fn help(&self) -> Option<String> {
        match (&self.inference_of, &self.suggestion) {
            (Some(from), _) if self.reversed => Some(format!(
                "`{}` is the one with the relation; did you mean `undercuts {} -> {from}`?",
                self.name, self.name
            )),
            (Some(from), _) => Some(format!(
                "undercut a relation that exists: add `supports {}` or `attacks {}` to `{from}`, or undercut another inference",
                self.name, self.name
            )),
            (None, Some(s)) => Some(format!("did you mean `{s}`?")),
            (None, None) => None,
        }
    }
    fn replacement(&self) -> Option<String> {
        self.suggestion
            .clone()
            .filter(|_| self.inference_of.is_none())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    // A node whose first line does not parse is reported there, not again at every
    // line that names it.
    let lost_header =
        |name: &String| !cx.syntax_errors.is_empty() && cx.lost().headers.ids.contains(name);
    for e in cx.resolve_errors {
        match e {
            ResolveError::UnknownReference { name, .. } if lost_header(name) => {}
            ResolveError::UnknownReference {
                name,
                span,
                suggestion,
            } => out.push(
                UnknownReference {
                    name: name.clone(),
                    suggestion: suggestion.clone(),
                    inference_of: None,
                    reversed: false,
                },
                *span,
            ),
            // `undercuts a -> t` where a's `supports t 0,5` did not parse: the
            // inference is lost with that line, which is reported already.
            ResolveError::UnknownInference { from, .. } if lost_line_of(cx, from) => {}
            ResolveError::UnknownInference {
                from,
                to,
                span,
                reversed,
            } => out.push(
                UnknownReference {
                    name: to.clone(),
                    suggestion: None,
                    inference_of: Some(from.clone()),
                    reversed: *reversed,
                },
                *span,
            ),
            ResolveError::DuplicateId { .. } | ResolveError::DuplicateRelation { .. } => {}
        }
    }
}

/// Whether the node `id` has a line that does not parse (which may be the relation an
/// undercut names).
fn lost_line_of(cx: &Context, id: &str) -> bool {
    !cx.syntax_errors.is_empty()
        && cx
            .graph
            .index
            .get(id)
            .is_some_and(|&n| cx.lost().unparsed[n.index()])
}
