//! The `duplicate-relation` lint rule (G109). Phase: check; reads the model's resolve
//! errors.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::model::{Relation, ResolveError};
use crate::syntax::Span;

declare_lint! {
    /// ## What it does
    /// Reports a relation written more than once: the same node `supports`, `attacks`,
    /// `contradicts` or `undercuts` the same target again, in the same node or further
    /// down. A contradiction is the same relation either way round (`a contradicts b`
    /// and `b contradicts a`), and an undercut repeats when it names the same inference.
    ///
    /// ## Why is this a problem?
    /// Writing an argument twice does not make it twice as strong. Usually the second
    /// line is a leftover from an edit, or was meant for another target, and when the
    /// weights differ it is unclear which one the author means.
    ///
    /// ## Example
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.6
    ///   supports crypto_helped_ai 0.8
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// thesis crypto_helped_ai: "Crypto was good for AI."
    /// claim surplus: "Crypto drove GPU investment."
    ///   supports crypto_helped_ai 0.8
    /// ```
    ///
    /// ## Semantics note
    /// A relation counts once everywhere: in the map, in `explain`, and in every
    /// semantics. The first one written counts, with its weight; the repeats are left
    /// out, whatever their weight, and each is reported here. An `undercuts` of the
    /// relation attacks that one relation.
    pub(crate) struct DuplicateRelation { pub source: String, pub relation: Relation, pub target: String, pub kept_weight: f64, pub weight: f64, pub first: Span }
}

impl Violation for DuplicateRelation {
    const RULE: Rule = Rule::DuplicateRelation;
    fn message(&self) -> String {
        format!(
            "`{} {} {}` is written more than once",
            self.source,
            self.relation.keyword(),
            self.target
        )
    }
    fn label(&self) -> String {
        "written again here".into()
    }
    fn help(&self) -> Option<String> {
        Some(if self.kept_weight == self.weight {
            "remove the repeat: a relation counts once, however often it is written".into()
        } else {
            format!(
                "only the first counts, with weight {}; remove the repeat, or give the first the weight you mean ({} here)",
                shown(self.kept_weight),
                shown(self.weight)
            )
        })
    }
    fn secondary(&self) -> Vec<Label> {
        vec![Label::new(self.first, "this one counts")]
    }
}

/// A weight as its value reads: `-0` is `0`.
fn shown(w: f64) -> f64 {
    if w == 0.0 { 0.0 } else { w }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    for e in cx.resolve_errors {
        if let ResolveError::DuplicateRelation {
            source,
            relation,
            target,
            kept_weight,
            weight,
            first,
            second,
        } = e
        {
            let v = DuplicateRelation {
                source: source.clone(),
                relation: *relation,
                target: target.clone(),
                kept_weight: *kept_weight,
                weight: *weight,
                first: *first,
            };
            out.push(v, *second);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::{messages, names};

    #[test]
    fn fires_once_per_repeat() {
        let src = "thesis t: \"t\"\nclaim c: \"c\"\n  supports t 0.5\n  supports t 0.5\n  supports t 0.5\n";
        let dups = names(src)
            .into_iter()
            .filter(|n| *n == "duplicate-relation")
            .count();
        assert_eq!(dups, 2);
    }

    #[test]
    fn a_contradiction_repeats_either_way_round() {
        let src = "claim a: \"a\"\n  contradicts b\nclaim b: \"b\"\n  contradicts a\n";
        assert!(messages(src).contains(&"`b contradicts a` is written more than once".into()));
    }

    #[test]
    fn different_relations_and_targets_are_not_repeats() {
        let src = "thesis t: \"t\"\nthesis u: \"u\"\nclaim c: \"c\"\n  supports t\n  supports u\n  attacks t\n";
        assert!(!names(src).contains(&"duplicate-relation"));
    }
}
