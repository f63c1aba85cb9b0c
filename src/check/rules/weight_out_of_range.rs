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
    pub(crate) struct WeightOutOfRange { pub what: &'static str, pub written: String, pub value: f64 }
}

impl Violation for WeightOutOfRange {
    const RULE: Rule = Rule::WeightOutOfRange;
    fn message(&self) -> String {
        format!("{} {} is outside the range 0 to 1", self.what, self.written)
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
            let written = cx
                .sources
                .get(number.span.file.0 as usize)
                .map_or("", |s| s.slice(number.span));
            let spelled = crate::text::spelling(written);
            if !in_range(&spelled, number.value) {
                let v = WeightOutOfRange {
                    what,
                    written: spelled,
                    value: number.value,
                };
                out.push(v, number.span);
            }
        }
    }
}

/// Whether a number as written is from 0 to 1, judged on its digits, not on its nearest
/// double: `1.0000000000000001` is out of range, though that double is 1. `spelled` is
/// its shortest spelling ([`crate::text::spelling`]); `value` decides a text that is not
/// a number of the language.
fn in_range(spelled: &str, value: f64) -> bool {
    let number = spelled
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    match spelled {
        _ if spelled.is_empty() || !number => (0.0..=1.0).contains(&value),
        "0" | "1" => true,
        _ => spelled.starts_with("0."),
    }
}

#[cfg(test)]
mod tests {
    use super::in_range;

    #[test]
    fn the_range_is_judged_on_the_digits_written() {
        for (text, inside) in [
            ("0", true),
            ("1", true),
            ("1.000", true),
            ("01", true),
            (".5", true),
            ("0.9999999999999999999", true),
            ("-0", true),
            ("-0.000", true),
            ("1.0000000000000001", false),
            (
                "-0.0000000000000000000000000000000000000000000000000000000000001",
                false,
            ),
            ("2", false),
            ("10", false),
            ("-0.5", false),
        ] {
            let value: f64 = text.parse().unwrap();
            let spelled = crate::text::spelling(text);
            assert_eq!(in_range(&spelled, value), inside, "{text}");
        }
    }
}
