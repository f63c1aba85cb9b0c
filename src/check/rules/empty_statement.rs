//! The `empty-statement` lint rule (S006). Phase: check; reads the syntax trees.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports a node whose statement is empty or only white space: `""`, `"   "`, or
    /// a `"""` block with nothing in it.
    ///
    /// ## Why is this a problem?
    /// The statement is what the node asserts. Without one the map draws an empty box,
    /// the card and `explain` have nothing to quote, and the verdict and strength
    /// computed for the node are about nothing a reader can see. It is usually a draft
    /// left unfinished, or a quote closed too early.
    ///
    /// ## Example
    /// ```crux
    /// claim surplus_compute: ""
    ///   supports crypto_helped_ai 0.6
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// claim surplus_compute: "Crypto drove heavy GPU investment; after the crash that capacity went to AI."
    ///   supports crypto_helped_ai 0.6
    /// ```
    pub(crate) struct EmptyStatement { pub kind: &'static str, pub node: String }
}

impl Violation for EmptyStatement {
    const RULE: Rule = Rule::EmptyStatement;
    fn message(&self) -> String {
        format!("{} `{}` states nothing", self.kind, self.node)
    }
    fn label(&self) -> String {
        "an empty statement".into()
    }
    fn help(&self) -> Option<String> {
        Some("write what the node asserts between the quotes; its box on the map is empty".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for node in cx.files.iter().flat_map(|f| &f.nodes) {
        let Some(text) = &node.text else {
            // The header did not parse past the ID: `syntax-error` says so.
            continue;
        };
        if text.value.trim().is_empty() {
            out.push(
                EmptyStatement {
                    kind: node.kind.keyword(),
                    node: node.id.name.to_string(),
                },
                text.span,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::messages;

    #[test]
    fn a_block_of_blank_lines_states_nothing() {
        let src = "thesis t: \"t\"\nclaim c: \"\"\"\n\n    \n    \"\"\"\n  supports t\n\
                   claim d: \"\"\"\n  A line.\n  \"\"\"\n  supports t\n";
        let found: Vec<String> = messages(src)
            .into_iter()
            .filter(|m| m.contains("states nothing"))
            .collect();
        assert_eq!(found, ["claim `c` states nothing"]);
    }
}
