//! The verdict: which claims stand, after Carneades (Gordon, Prakken & Walton, "The
//! Carneades model of argument and burden of proof", Artificial Intelligence 171, 2007).
//! Every node `stands`, `falls` or stays `open`, judged by its proof standard over the
//! weights of its applicable pro and con arguments.
//!
//! Phase: semantics. Depends on `model` (and `syntax` for kinds and standards); knows
//! nothing of checks or output.
//!
//! # Arguments
//!
//! - Every `supports A -> n` edge is a pro argument of `n`; every `attacks A -> n`, and
//!   every `contradicts` between `A` and `n` written either way, is a con argument of `n`
//!   (the attacks Dung sees, [`ArgGraph::attacks`]; a node that contradicts itself has one
//!   con argument from it, which `undercuts a -> a` removes).
//! - Evidence is a premise: it has one more pro argument, [`Argument::Premise`], whose
//!   weight is its credence (0.9 unless written) and which always applies, unless its
//!   `status` is `rejected`. Claims, theses and counters have no premise: their credence
//!   is not an argument.
//! - The weight of an edge's argument is the edge's weight, clamped to [0, 1] (NaN as 0).
//! - An argument *applies* when its source stands and the undercuts of it that apply
//!   leave it some weight. An `undercuts A -> B` of weight `u` whose source stands is an
//!   exception to the A→B argument: it scales the argument's weight by `1 − u`, so an
//!   undercut of the default weight 1 removes the argument, and a weaker one (`0.3`, "a
//!   reservation") leaves 70% of it; several undercuts of one argument multiply. This
//!   is how the weight an author writes on an undercut means what it means on every
//!   other relation, as in the strengths (`weighted`). On a `contradicts` an undercut
//!   cuts only the direction it names. A node that `falls` and one that is `open` both
//!   count as "does not stand" here: neither's arguments apply, nor its undercuts.
//!
//! # Proof standards
//!
//! A node is judged by its own `standard`, else the debate's ([`VerdictOptions`]). With
//! `pro` the weight of its strongest applicable pro argument and `con` that of its
//! strongest applicable con argument (0 when there is none), the pro side meets
//!
//! - `scintilla` when there is an applicable pro argument;
//! - `preponderance` when, moreover, `pro > con`;
//! - `clear-and-convincing` when `pro ≥ α` and `pro − con ≥ β`;
//! - `beyond-doubt` when `pro ≥ α` and `con ≤ γ`;
//! - `dialectical` when there is no applicable con argument.
//!
//! The con side meets it by the same test with the sides swapped. A node `stands` when
//! its pro side meets its standard, else `falls` when its con side does, else it is
//! `open`: a claim with no applicable pro argument is never `stands`. The difference
//! `pro − con` is compared at the precision weights are written in (within 10⁻⁹), so
//! that `0.7 − 0.4` reaches β 0.3. Every standard is monotone: a stronger pro side never
//! hurts standing, a stronger con side never helps it.
//!
//! # Evaluation
//!
//! A node depends on the sources of its arguments and on the undercutters of those
//! arguments. The nodes that depend on no cycle are decided in topological order
//! (Kahn's algorithm), each once: linear in the size of the debate. The others are
//! decided as in grounded semantics, by the least fixpoint: each node knows of each
//! source only "stands", "does not stand" or "not yet known", and is decided as soon as
//! its result is the same whichever way its unknown sources go (by monotonicity, it
//! stands for sure when the pro arguments known to apply meet the standard against every
//! con argument that may apply, and surely does not when every pro argument that may
//! apply does not meet it against the con arguments known to apply). Deciding one node
//! may decide others; when nothing changes any more, the nodes still undecided are
//! `open`, with [`Reason::Cycle`] naming a cycle of arguments they are on or depend on.
//! Then every node is judged over the arguments that apply (an undecided source does not
//! stand), which gives each node that does not stand `falls` or `open` and the strongest
//! argument of each side.
//!
//! The result does not depend on the order of files or nodes: the fixpoint is unique,
//! ties between equally strong arguments go to the premise, then to the source with the
//! smaller ID, and a cycle is named from its smallest ID.

use std::fmt;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::model::ArgGraph;
use crate::syntax::ast::ProofStandard;

mod evaluate;
mod why;

pub use evaluate::evaluate;

/// What a reader is told about a node: whether it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Its pro side meets its proof standard.
    Stands,
    /// Its con side meets its proof standard.
    Falls,
    /// Neither side does.
    Open,
}

impl Verdict {
    /// The word, as every output writes it.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Stands => "stands",
            Verdict::Falls => "falls",
            Verdict::Open => "open",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The debate-wide settings of the verdict (`verdict:` in `crux.yaml`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VerdictOptions {
    /// The standard of a node that names none.
    pub standard: ProofStandard,
    /// α: the weight the strongest pro argument needs under `clear-and-convincing` and
    /// `beyond-doubt`.
    pub alpha: f64,
    /// β: how far pro must beat con under `clear-and-convincing`.
    pub beta: f64,
    /// γ: the most con may weigh under `beyond-doubt`.
    pub gamma: f64,
}

impl Default for VerdictOptions {
    fn default() -> Self {
        VerdictOptions {
            standard: ProofStandard::Preponderance,
            alpha: 0.6,
            beta: 0.3,
            gamma: 0.1,
        }
    }
}

/// The verdict of every node of a debate, with why ([`evaluate`]).
#[derive(Clone, Debug, Default)]
pub struct Verdicts {
    /// By `NodeIndex::index()`.
    judgements: Vec<Judgement>,
}

impl Verdicts {
    /// The judgement of one node of the graph it was computed from.
    pub fn get(&self, node: NodeIndex) -> &Judgement {
        &self.judgements[node.index()]
    }

    /// The verdict of one node.
    pub fn verdict(&self, node: NodeIndex) -> Verdict {
        self.get(node).verdict
    }

    /// Every node's judgement, by node index.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (NodeIndex, &Judgement)> + '_ {
        self.judgements
            .iter()
            .enumerate()
            .map(|(i, j)| (NodeIndex::new(i), j))
    }

    /// How many nodes were judged.
    pub fn len(&self) -> usize {
        self.judgements.len()
    }

    /// Whether the debate has no node.
    pub fn is_empty(&self) -> bool {
        self.judgements.is_empty()
    }
}

/// How one node was judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// The node judged.
    pub node: NodeIndex,
    /// Whether it stands.
    pub verdict: Verdict,
    /// The standard applied: the node's own, else the debate's.
    pub standard: ProofStandard,
    /// The strongest applicable pro argument.
    pub pro: Option<Weighed>,
    /// The strongest applicable con argument.
    pub con: Option<Weighed>,
    /// Why the verdict is what it is.
    pub reason: Reason,
}

/// An argument and its weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weighed {
    /// Which argument.
    pub argument: Argument,
    /// Its weight in [0, 1], after the undercuts that apply to it.
    pub weight: f64,
    /// Its weight as written (the relation's weight, or the evidence's credence).
    pub written: f64,
}

/// A pro or con argument of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Argument {
    /// A `supports`, `attacks` or `contradicts` edge into the node (or, for a
    /// contradiction written on the node, out of it).
    Edge(EdgeIndex),
    /// Evidence's own credence.
    Premise,
    /// Evidence's own data, against it: an `expect` of the node fails (weight 1).
    Data,
}

impl Weighed {
    /// The node that makes the argument about `node` (`None` for a premise).
    pub fn arguer(&self, graph: &ArgGraph, node: NodeIndex) -> Option<NodeIndex> {
        match self.argument {
            Argument::Premise | Argument::Data => None,
            Argument::Edge(e) => {
                let (s, t) = graph.graph.edge_endpoints(e)?;
                Some(if t == node { s } else { t })
            }
        }
    }
}

/// Why a node got its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The deciding side meets the standard: the pro side of a node that stands, the con
    /// side of one that falls. When no argument of the other side applies, `idle` says
    /// why each of that side's arguments does not (empty when there are none, or when
    /// one applies).
    Met {
        /// The other side's arguers that do not apply.
        idle: Idle,
    },
    /// Something applicable supports it, but neither side meets the standard.
    NotMet,
    /// No applicable pro argument, and the con side does not meet the standard.
    NothingSupports {
        /// The supporters, none of which applies.
        idle: Idle,
    },
    /// Evidence with `status rejected` (which is then no premise), with no other
    /// applicable pro argument, and a con side that does not meet the standard.
    Rejected,
    /// Undecided: it is on, or depends on, a cycle of arguments that decides nothing.
    Cycle {
        /// The start of the cycle, in the direction of the arguments, from its smallest
        /// ID (at most [`Reason::CYCLE_SHOWN`] nodes).
        through: Vec<NodeIndex>,
        /// How many nodes the whole cycle has.
        length: usize,
        /// Whether the node is itself on that cycle.
        on: bool,
    },
}

impl Reason {
    /// How many nodes of a cycle a reason keeps.
    pub const CYCLE_SHOWN: usize = 6;
    /// How many arguers that do not apply a reason names, of each kind.
    pub const SUPPORTERS_SHOWN: usize = 3;
}

/// The arguments of one side of a node of which none applies, by arguer: those that
/// do not stand, and those that stand but whose argument is undercut away. Each list
/// holds the arguers with the smallest IDs (at most [`Reason::SUPPORTERS_SHOWN`]), so
/// that a reason does not depend on the order the files were written in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Idle {
    /// Arguers that do not stand.
    pub fallen: Vec<NodeIndex>,
    /// How many arguers do not stand in all.
    pub fallen_all: usize,
    /// Arguers that stand, their argument undercut away.
    pub undercut: Vec<NodeIndex>,
    /// How many arguments are undercut away in all.
    pub undercut_all: usize,
}

impl Idle {
    /// Whether the side has no argument at all.
    pub fn is_empty(&self) -> bool {
        self.fallen_all == 0 && self.undercut_all == 0
    }
}

#[cfg(test)]
mod tests;
