//! What a node's expectations say about its data: each `expect "EXPR"` evaluated over
//! the table the project layer read ([`super::ArtifactFacts`]). The rules
//! `failed-expectation`, `invalid-expectation` and `expectation-without-artifact`
//! report from here; the verdict, `crux explain`, the card, `crux diff` and `crux pin`
//! read the same results.
//!
//! Phase: check. Reads no file.

use crate::expect::{self, ExprError};
use crate::model::ArgNode;
use crate::syntax::Span;

use super::artifacts::{ArtifactFacts, table_artifact};

/// One expectation of a node and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectationResult {
    /// The expression, as written (escapes read).
    pub text: String,
    /// The span of its string, quotes included.
    pub span: Span,
    /// What the data says.
    pub judgement: Judgement,
}

/// What became of one expectation.
#[derive(Clone, Debug, PartialEq)]
pub enum Judgement {
    /// The data satisfies it; the values that decided it.
    Holds(String),
    /// The data does not satisfy it; the values that decided it.
    Fails(String),
    /// It does not parse, or does not fit the table.
    Invalid(ExprError),
    /// The artifact is not a table (it is, for example, malformed CSV).
    Unreadable(String),
    /// The node has no CSV or JSON artifact.
    NoTable,
    /// Not evaluated: the file is missing, outside the project, or was not read.
    Unknown,
}

impl Judgement {
    /// Whether the expectation is known to fail.
    pub fn fails(&self) -> bool {
        matches!(self, Judgement::Fails(_))
    }
}

/// The expectations of `node`, each evaluated over its table.
pub fn expectations(node: &ArgNode, facts: &ArtifactFacts) -> Vec<ExpectationResult> {
    if node.expectations.is_empty() {
        return Vec::new();
    }
    let table = table_artifact(&node.artifacts).map(|a| facts.get(a).and_then(|f| f.table.clone()));
    node.expectations
        .iter()
        .map(|e| {
            let judgement = match &e.expr {
                Err(e) => Judgement::Invalid(e.clone()),
                Ok(expr) => match &table {
                    None => Judgement::NoTable,
                    Some(None) => Judgement::Unknown,
                    Some(Some(t)) => match &*t.0 {
                        Err(e) => Judgement::Unreadable(e.clone()),
                        Ok(table) => match expect::evaluate(expr, table) {
                            Ok(o) if o.holds => Judgement::Holds(o.because),
                            Ok(o) => Judgement::Fails(o.because),
                            Err(e) => Judgement::Invalid(e),
                        },
                    },
                },
            };
            ExpectationResult {
                text: e.text.clone(),
                span: e.span,
                judgement,
            }
        })
        .collect()
}

/// The span, inside the string written at `span` in `source`, of the byte range
/// `range` of the expression (escapes read): where a caret points.
pub fn span_in_string(source: &str, span: Span, range: std::ops::Range<usize>) -> Span {
    let raw = source.get(span.range()).unwrap_or("").as_bytes();
    let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or(&[]);
    let body_start = span.start as usize + 1;
    // An escape (`\"`, `\\`, `\n`, `\t`) is two written bytes for one read byte;
    // every other byte is itself.
    let at = |target: usize| -> usize {
        let (mut read, mut i) = (0, 0);
        while i < body.len() && read < target {
            i += if body[i] == b'\\' && i + 1 < body.len() {
                2
            } else {
                1
            };
            read += 1;
        }
        body_start + i
    };
    let start = at(range.start);
    let end = at(range.end).max(start + 1).min(span.end as usize);
    Span::new(span.file, start, end.max(start))
}
