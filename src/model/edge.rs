//! An edge of the resolved argument graph.
//!
//! Phase: model.

use petgraph::graph::EdgeIndex;

use crate::syntax::Span;
pub use crate::syntax::ast::Relation;

/// A relation from one node to another.
#[derive(Clone, Debug)]
pub struct ArgEdge {
    /// What the source does to the target.
    pub relation: Relation,
    /// The weight in effect: as written, else the project default.
    pub weight: f64,
    /// The written weight, with its span.
    pub written_weight: Option<(f64, Span)>,
    /// The attribute that made the edge.
    pub origin: Span,
    /// Where the target's ID is written.
    pub target_span: Span,
    /// For `undercuts A -> B`: the edge A→B whose inference is attacked. The undercut
    /// edge itself runs from the undercutter to B.
    pub undercuts: Option<EdgeIndex>,
}
