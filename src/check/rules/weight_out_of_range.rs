//! The `weight-out-of-range` lint rule (W301). Phase: check; reads the syntax trees and the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::syntax::ast::AttributeKind;

declare_lint! {
    /// ## What it does
    /// Reports a relation weight or a `credence` outside the range 0 to 1.
    ///
    /// ## Why is this a problem?
    /// Weights and credences are degrees between "no bearing" (0) and "full bearing"
    /// (1). A value outside that range has no meaning in the weighted semantics and
    /// would push strengths out of range.
    ///
    /// ## Example
    /// ```crux
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 8
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// counter scarcity: "Mining made GPUs scarce."
    ///   attacks crypto_helped_ai 0.8
    /// ```
    pub(crate) struct WeightOutOfRange { pub what: &'static str, pub value: f64 }
}

impl Violation for WeightOutOfRange {
    const RULE: Rule = Rule::WeightOutOfRange;
    fn message(&self) -> String {
        format!("{} {} is outside the range 0 to 1", self.what, self.value)
    }
    fn label(&self) -> String {
        "must be between 0 and 1".into()
    }
    fn help(&self) -> Option<String> {
        let percent = self.value.fract() == 0.0 && (10.0..=100.0).contains(&self.value);
        let hint = if percent {
            format!(" (for {}%, write {})", self.value, self.value / 100.0)
        } else {
            String::new()
        };
        Some(format!("use a number from 0 to 1{hint}"))
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    // Read the trees, not the graph: a relation to an unknown ID is not in the graph,
    // and its weight is still wrong.
    for node in cx.files.iter().flat_map(|f| &f.nodes) {
        for attr in &node.attributes {
            let (what, number) = match &attr.kind {
                AttributeKind::Credence(c) => ("credence", c),
                AttributeKind::Edge {
                    weight: Some(w), ..
                } => ("weight", w),
                AttributeKind::Undercut(u) => match &u.weight {
                    Some(w) => ("weight", w),
                    None => continue,
                },
                _ => continue,
            };
            if !(0.0..=1.0).contains(&number.value) {
                let v = WeightOutOfRange {
                    what,
                    value: number.value,
                };
                out.push(v, number.span);
            }
        }
    }
}
