//! The `invalid-suppression` lint rule (S005). Phase: check; reads the syntax trees and the model.

use crate::check::registry::{lookup, suggest};
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports a `# crux: allow(NAME)` comment that names no rule, that names
    /// `syntax-error` (always an error), or that is not on the line right above a node (a
    /// blank line or an attribute in between).
    ///
    /// ## Why is this a problem?
    /// A suppression that names a misspelt rule, or that is not attached to a node,
    /// exempts nothing: the finding it was meant to silence still fires, or the comment
    /// stays behind after the node moved.
    ///
    /// ## Example
    /// ```crux
    /// # crux: allow(unsuported-claim)
    /// claim surplus: "Crypto drove GPU investment."
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// # crux: allow(unsupported-claim)
    /// claim surplus: "Crypto drove GPU investment."
    /// ```
    pub(crate) struct InvalidSuppression { pub name: String, pub why: Why }
}

/// Why a suppression exempts nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// It names no rule.
    Unknown,
    /// It is not on the line right above a node.
    Unattached,
    /// It names a rule that is always an error (`syntax-error`).
    AlwaysError,
}

impl Violation for InvalidSuppression {
    const RULE: Rule = Rule::InvalidSuppression;
    fn message(&self) -> String {
        match self.why {
            Why::Unknown => format!("`{}` is not a rule name or code", self.name),
            Why::Unattached => format!("suppression of `{}` is not right above a node", self.name),
            Why::AlwaysError => format!("`{}` cannot be suppressed", self.name),
        }
    }
    fn label(&self) -> String {
        match self.why {
            Why::Unknown => "unknown rule".into(),
            Why::Unattached | Why::AlwaysError => "exempts nothing".into(),
        }
    }
    fn help(&self) -> Option<String> {
        Some(match self.why {
            Why::Unattached => "put `# crux: allow(...)` on the line directly above the node".into(),
            Why::AlwaysError => {
                "a file that does not parse cannot pass a check; fix the syntax error and remove this".into()
            }
            Why::Unknown => match suggest(&self.name) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "run `crux rules` to list the rules".into(),
            },
        })
    }
    fn replacement(&self) -> Option<String> {
        suggest(&self.name)
            .filter(|_| self.why == Why::Unknown)
            .map(str::to_string)
    }
}

/// Why a suppression of `name` exempts nothing even right above a node, if it does.
fn flaw(name: &str) -> Option<Why> {
    match lookup(name) {
        None => Some(Why::Unknown),
        Some(info) if info.rule.always_error() => Some(Why::AlwaysError),
        Some(_) => None,
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for file in cx.files {
        for name in file.nodes.iter().flat_map(|n| &n.allow) {
            if let Some(why) = flaw(&name.name) {
                let v = InvalidSuppression {
                    name: name.name.to_string(),
                    why,
                };
                out.push(v, name.span);
            }
        }
        for name in &file.unattached_allows {
            let v = InvalidSuppression {
                name: name.name.to_string(),
                why: flaw(&name.name).unwrap_or(Why::Unattached),
            };
            out.push(v, name.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::messages;

    #[test]
    fn syntax_error_cannot_be_suppressed() {
        let src = "thesis t: \"T\"\n# crux: allow(syntax-error)\nclaim c: \"C\"\n  supports t\n";
        let found = messages(src);
        assert!(
            found.contains(&"`syntax-error` cannot be suppressed".to_string()),
            "{found:?}"
        );
    }
}
