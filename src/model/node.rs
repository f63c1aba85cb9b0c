//! A node of the resolved argument graph.
//!
//! Phase: model. Built from the syntax tree by `resolve`; keeps the spans it came from.

use std::path::PathBuf;

use smol_str::SmolStr;

use crate::expect::{Expr, ExprError};
use crate::syntax::Span;
use crate::syntax::ast::{ArtifactKind, Ident, NodeKind, ProofStandard, Status};

/// One claim, counter, thesis or piece of evidence.
#[derive(Clone, Debug)]
pub struct ArgNode {
    /// The author's ID, unique across the debate (the syntax tree's, shared).
    pub id: SmolStr,
    /// Which kind.
    pub kind: NodeKind,
    /// The statement (empty when the header could not be read; the syntax tree's,
    /// shared).
    pub text: SmolStr,
    /// Where the ID is written.
    pub id_span: Span,
    /// The header line.
    pub header_span: Span,
    /// The header and every attribute.
    pub span: Span,
    /// `credence`, as written, with its span.
    pub credence: Option<(f64, Span)>,
    /// `status`, with its span.
    pub status: Option<(Status, Span)>,
    /// `standard`, the proof standard that decides the node's verdict, with its span.
    pub standard: Option<(ProofStandard, Span)>,
    /// `by` (the syntax tree's, shared)
    pub by: Option<SmolStr>,
    /// `tags` (kept inline: a tag is a short word)
    pub tags: Vec<SmolStr>,
    /// `note` (the syntax tree's, shared)
    pub note: Option<SmolStr>,
    /// Every `source`, with its span (the syntax tree's strings, shared).
    pub sources: Vec<(SmolStr, Span)>,
    /// Every `artifact`.
    pub artifacts: Vec<ArtifactRef>,
    /// Every `expect`, read once here for every reader (the verdict, the check, the
    /// map).
    pub expectations: Vec<Expectation>,
    /// Set when the node's own data refutes it: the first `expect` that fails, with the
    /// values that decided it. Resolving leaves it `None`; the project layer sets it
    /// after reading the node's table (`project::expectations`), and the verdict treats
    /// such evidence as attacked by its own data.
    pub refuted: Option<String>,
    /// What the data says of each expectation, in the order of `expectations`:
    /// whether it holds and the values that decided it, or `None` when it was not
    /// evaluated (invalid, or no table). Empty until the project layer reads the
    /// tables, like `refuted`.
    pub outcomes: Vec<Option<(bool, String)>>,
    /// Rule names exempted by `# crux: allow(...)`.
    pub allow: Vec<Ident>,
}

impl ArgNode {
    /// The base score before any argument: the written credence, else 0.9 for evidence
    /// and 0.5 for the other kinds.
    pub fn base_credence(&self) -> f64 {
        match self.credence {
            Some((c, _)) => c,
            None if self.kind == NodeKind::Evidence => 0.9,
            None => 0.5,
        }
    }
}

/// One `expect "EXPR"` of a node.
#[derive(Clone, Debug)]
pub struct Expectation {
    /// The expression as written (escapes read).
    pub text: String,
    /// The span of its string, quotes included.
    pub span: Span,
    /// The expression read, or why it cannot be (judged against the node's table only
    /// when it reads).
    pub expr: Result<Expr, ExprError>,
}

impl Expectation {
    /// Reads the expression `text`, written at `span`.
    pub fn new(text: String, span: Span) -> Self {
        let expr = crate::expect::parse(&text);
        Expectation { text, span, expr }
    }
}

/// A data or benchmark file named by a node.
#[derive(Clone, Debug)]
pub struct ArtifactRef {
    /// The path as written.
    pub path: String,
    /// The path resolved against the directory of the file that names it.
    pub resolved: PathBuf,
    /// The `artifact` attribute.
    pub span: Span,
    /// The written path string.
    pub path_span: Span,
    /// The pinned sha256 (lowercased), with its span.
    pub sha256: Option<(String, Span)>,
    /// `title`
    pub title: Option<String>,
    /// `kind`
    pub kind: Option<ArtifactKind>,
}
