//! The `invalid-expectation` lint rule (E208). Phase: check; reads the model and the
//! tables the project layer read (no file).

use crate::check::expectations::{Judgement, expectations, span_in_string};
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::expect::{ErrorKind, ExprError};

declare_lint! {
    /// ## What it does
    /// Reports an `expect` that cannot be evaluated. The expression does not parse (the
    /// caret points at the column where it stops), names a column its table does not
    /// have (with the closest name), or mixes types (`gaming > 'high'`); or the artifact
    /// is not a table (malformed CSV, JSON that is not an array of objects). Notation
    /// from other languages (`=` for `==`, `<>` for `!=`, `&&` for `and`) gets the
    /// spelling meant, as an edit editors offer.
    ///
    /// ## Why is this a problem?
    /// An expectation that cannot be evaluated checks nothing, and the reader is told
    /// the evidence is checked when it is not.
    ///
    /// ## Example
    /// ```crux
    /// evidence revenue: "Gaming led until FY2022."
    ///   artifact "artifacts/nvidia-revenue.csv"
    ///   expect "all(gaming_usd_bn > data_center_usd_bn where fiscal_year <= )"
    /// ```
    ///
    /// ## Instead
    /// Complete the expression (`where fiscal_year <= 'FY2022'`), and use the table's
    /// column names; the language is in docs/expect.md.
    pub(crate) struct InvalidExpectation { pub problem: String, pub help: Option<String>, pub replacement: Option<String> }
}

impl Violation for InvalidExpectation {
    const RULE: Rule = Rule::InvalidExpectation;
    fn message(&self) -> String {
        format!("invalid expectation: {}", self.problem)
    }
    fn label(&self) -> String {
        "here".into()
    }
    fn help(&self) -> Option<String> {
        self.help.clone()
    }
    fn replacement(&self) -> Option<String> {
        self.replacement.clone()
    }
}

/// The column name that mends an unknown one, as it would stand in the `expect "..."`
/// string: none when it would need an escape there.
fn mended_column(err: &ExprError) -> Option<String> {
    match &err.kind {
        ErrorKind::UnknownColumn {
            suggestion: Some(s),
            ..
        } => Some(crate::expect::ast::column(s)).filter(|c| !c.contains(['"', '\\'])),
        _ => None,
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for e in expectations(&g[n], cx.artifacts) {
            let (v, span) = match e.judgement {
                Judgement::Invalid(err) => {
                    let source = cx
                        .sources
                        .get(e.span.file.0 as usize)
                        .map_or("", |s| s.text.as_str());
                    let span = span_in_string(source, e.span, err.span.clone());
                    (
                        InvalidExpectation {
                            problem: err.to_string(),
                            help: err.help(),
                            replacement: mended_column(&err).or_else(|| err.replacement()),
                        },
                        span,
                    )
                }
                Judgement::Unreadable(why) => (
                    InvalidExpectation {
                        problem: why,
                        help: None,
                        replacement: None,
                    },
                    e.span,
                ),
                _ => continue,
            };
            out.push(v, span);
        }
    }
}
