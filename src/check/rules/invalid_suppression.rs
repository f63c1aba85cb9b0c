//! The `invalid-suppression` lint rule (S005). Phase: check; reads the syntax trees and the model.

use crate::check::registry::{lookup, suggest};
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports a `# crux: allow(NAME)` comment that names no rule, or that is not on the
    /// line right above a node (a blank line or an attribute in between).
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
    pub(crate) struct InvalidSuppression { pub name: String, pub unknown: bool }
}

impl Violation for InvalidSuppression {
    const RULE: Rule = Rule::InvalidSuppression;
    fn message(&self) -> String {
        if self.unknown {
            format!("`{}` is not a rule name or code", self.name)
        } else {
            format!("suppression of `{}` is not right above a node", self.name)
        }
    }
    fn label(&self) -> String {
        if self.unknown {
            "unknown rule".into()
        } else {
            "exempts nothing".into()
        }
    }
    fn help(&self) -> Option<String> {
        if !self.unknown {
            return Some("put `# crux: allow(...)` on the line directly above the node".into());
        }
        Some(match suggest(&self.name) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "run `crux rules` to list the rules".into(),
        })
    }
    fn replacement(&self) -> Option<String> {
        suggest(&self.name)
            .filter(|_| self.unknown)
            .map(str::to_string)
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for file in cx.files {
        let attached = file.nodes.iter().flat_map(|n| &n.allow);
        for name in attached.clone() {
            if lookup(&name.name).is_none() {
                let v = InvalidSuppression {
                    name: name.name.to_string(),
                    unknown: true,
                };
                out.push(v, name.span);
            }
        }
        for name in &file.unattached_allows {
            let unknown = lookup(&name.name).is_none();
            let v = InvalidSuppression {
                name: name.name.to_string(),
                unknown,
            };
            out.push(v, name.span);
        }
    }
}
