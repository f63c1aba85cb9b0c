//! Diff: what changed between two versions of a debate, compared as resolved models
//! (two [`ArgGraph`]s), not as text. Nodes are matched by ID, edges by what they
//! connect, and the verdicts of both versions are evaluated and set side by side.
//!
//! Phase: after `model` and `semantics`. Depends on `model`, `semantics` and the node
//! kinds of `syntax`; never on `cli`, the file system or git: `project::load` reads the
//! two sides (files, directories or git revisions) and `cli/diff.rs` picks a printer.
//!
//! # Matching
//!
//! - **Nodes** are the same node when they have the same ID.
//! - **Renames.** A node whose ID is gone (removed) and a node whose ID is new (added)
//!   with the same text (as every map shows it: its paragraphs reflowed, see
//!   [`crate::text::reflow`], and not empty)
//!   are one node renamed `old_id → new_id`, not a removal plus an addition; its other
//!   changes (kind, credence, ...) are reported as for any kept node. The pairing is
//!   made only when it is unambiguous: that text belongs to exactly one removed node
//!   and exactly one added node. Otherwise they stay a removal and an addition.
//! - **Reworded** means the text differs as every map shows it, as for renames:
//!   re-indenting or re-wrapping a `"""` block (moving its line breaks, not its
//!   words or its blank lines between paragraphs) is not a rewording.
//! - **Edges** are identified by source ID, relation and target ID, with the old IDs
//!   translated through the renames first, so an edge whose end was renamed is the same
//!   edge. A `contradicts` edge is symmetric: `a contradicts b` and `b contradicts a`
//!   are the same edge. An undercut is identified by the undercutter and the inference
//!   it undercuts (`u undercuts a -> b`), whatever that inference's relation. An edge
//!   whose weight in effect (as written, else the project default) differs is
//!   *reweighted*. The same edge written twice is matched pairwise in source order.
//! - **Credence** is compared as the base score in effect ([`ArgNode::base_credence`]):
//!   writing `credence 0.5` on a claim that had none changes nothing.
//!
//! # Verdicts
//!
//! Each side is evaluated on its own, with its own settings ([`Settings`], each version's
//! `verdict:` in `crux.yaml`): the verdict ([`carneades::evaluate`]: stands, falls or
//! open, with the sentence that says why), the DF-QuAD strength ([`weighted::dfquad`]:
//! how strong) and the grounded label over [`Af::from_graph`] (the formal semantics, for
//! experts). For every node that is a thesis on either side, the diff gives all three
//! before and after; a thesis that exists on one side only has none on the other. Among
//! the nodes present on both sides, it lists every node whose verdict changed (theses
//! first, then in the new version's order), the [`TOP_MOVES`] largest strength moves by
//! |Δ| (moves under [`MIN_MOVE`] are ignored), and every grounded label change.
//!
//! # JSON (`crux diff --format json`)
//!
//! One object, `"schema": 2`, pretty-printed, fields in this order. Every list is in a
//! stable order: nodes and edges by file and position (added and kept ones as in the
//! new version, removed ones as in the old). IDs are the authors' IDs; floats are
//! unrounded. Schema 2 added the verdicts (`summary.verdicts_moved`, `verdicts.moved`,
//! and `verdict` and `why` in each side of a VERDICT).
//!
//! ```text
//! {
//!   "schema": 2,
//!   "old": { "name": "git:HEAD~1", "files": 2, "nodes": 9, "edges": 11, "syntax_errors": 0, "reference_errors": 0 },
//!   "new": { ...same fields... },
//!   "summary": { "nodes_added": 1, "nodes_removed": 0, "nodes_renamed": 1,
//!                "nodes_reworded": 1, "nodes_changed": 2, "edges_added": 1,
//!                "edges_removed": 0, "edges_reweighted": 1, "theses_changed": 1,
//!                "verdicts_moved": 2 },
//!   "nodes": {
//!     "added":   [ NODE ],
//!     "removed": [ NODE ],
//!     "renamed": [ { "old_id": "a", "new_id": "b", "kind": "claim", "text": "..." } ],
//!     "changed": [ { "id": "b", "old_id": "a", "kind": "claim", "file": "x.crux",
//!                    "line": 4, "changes": [ CHANGE ] } ]
//!   },
//!   "edges": {
//!     "added":      [ EDGE + "weight": 0.6 ],
//!     "removed":    [ EDGE + "weight": 0.6 ],
//!     "reweighted": [ EDGE + "old_weight": 0.6, "new_weight": 0.8 ]
//!   },
//!   "verdicts": {
//!     "theses":        [ VERDICT ],
//!     "moved":         [ VERDICT ],
//!     "moves":         [ VERDICT ],
//!     "label_changes": [ VERDICT ],
//!     "converged": { "old": true, "new": true }
//!   }
//! }
//! NODE    = { "id", "kind", "text", "file", "line" }
//!           (kind: thesis|claim|counter|evidence; file and line of the node's header;
//!           a file read from git is named `REV:path`, e.g. `HEAD~1:claims/a.crux`)
//! CHANGE  = { "field": "text",      "old": "...", "new": "..." }
//!         | { "field": "kind",      "old": "claim", "new": "counter" }
//!         | { "field": "credence",  "old": 0.5, "new": 0.7 }
//!         | { "field": "status",    "old": null, "new": "accepted" }   (null: no status)
//!         | { "field": "standard",  "old": null, "new": "beyond-doubt" } (null: none written)
//!         | { "field": "by" | "note", "old": "..." | null, "new": "..." | null }
//!         | { "field": "tags" | "sources", "added": [...], "removed": [...] }
//!         | { "field": "artifacts", "added": [path], "removed": [path],
//!             "changed": [path] }   (changed: same path, other sha256/title/kind)
//! EDGE    = { "source", "relation", "target", "inference" }
//!           (relation: supports|attacks|contradicts|undercuts; for an undercut,
//!           "inference" is { "source": "a", "target": "b" }, the edge a -> b it
//!           undercuts, and "target" is b; otherwise "inference" is null. Added and
//!           reweighted edges use the new IDs, removed ones the old IDs.)
//! VERDICT = { "id", "old_id", "kind", "before": STANDING | null, "after": STANDING | null,
//!             "delta": 0.12 | null }
//!           (before is null for a node added in the new version, after for one
//!           removed; delta = after.strength − before.strength when both exist)
//! STANDING = { "verdict": "stands"|"falls"|"open", "why": "stands: `a` (0.8) outweighs
//!              `b` (0.5) under preponderance", "strength": 0.42,
//!              "label": "IN"|"OUT"|"UNDEC" }
//! ```

pub mod human;
pub mod json;
pub mod markdown;

mod edges;
mod nodes;
mod verdicts;
mod words;

use serde::{Serialize, Serializer};

use crate::Debate;
use crate::model::Relation;
#[cfg(doc)]
use crate::model::{ArgGraph, ArgNode};
use crate::semantics::Label;
use crate::semantics::carneades::{self, VerdictOptions};
#[cfg(doc)]
use crate::semantics::{Af, weighted};
use crate::syntax::ast::{NodeKind, ProofStandard, Status};

/// Strength moves smaller than this (in absolute value) are not listed.
pub const MIN_MOVE: f64 = 0.005;

/// How many of the largest strength moves are listed.
pub const TOP_MOVES: usize = 5;

/// Everything that changed from one version of a debate to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DebateDiff {
    /// The old version.
    pub old: Side,
    /// The new version.
    pub new: Side,
    /// Counts of the changes below.
    pub summary: Summary,
    /// Nodes added, removed, renamed and changed.
    pub nodes: NodeChanges,
    /// Edges added, removed and reweighted.
    pub edges: EdgeChanges,
    /// Verdicts before and after.
    pub verdicts: Verdicts,
}

impl DebateDiff {
    /// The same diff with the sides named (as the user wrote them, e.g. `git:HEAD~1`).
    pub fn with_names(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.old.name = old.into();
        self.new.name = new.into();
        self
    }

    /// Whether nothing at all changed in nodes or edges.
    pub fn is_empty(&self) -> bool {
        self.nodes.added.is_empty()
            && self.nodes.removed.is_empty()
            && self.nodes.renamed.is_empty()
            && self.nodes.changed.is_empty()
            && self.edges.added.is_empty()
            && self.edges.removed.is_empty()
            && self.edges.reweighted.is_empty()
    }
}

/// One version of the debate, in numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Side {
    /// What the user called it (empty unless set with [`DebateDiff::with_names`]).
    pub name: String,
    /// Files read.
    pub files: usize,
    /// Nodes in the resolved graph.
    pub nodes: usize,
    /// Edges in the resolved graph.
    pub edges: usize,
    /// Syntax errors met (the diff covers what parsed).
    pub syntax_errors: usize,
    /// Relations to an ID or inference that is not there, and IDs given twice: what
    /// they name is not in the graph the diff compares.
    pub reference_errors: usize,
}

impl Side {
    /// What this side lost, in words (`1 syntax error and 2 reference errors`), or
    /// `None` when it read whole.
    pub fn lost(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.syntax_errors, "syntax error"),
            (self.reference_errors, "reference error"),
        ]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, what)| crate::diagnostic::plural(n, what))
        .collect();
        (!parts.is_empty()).then(|| parts.join(" and "))
    }
}

/// How many changes of each sort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Nodes only in the new version.
    pub nodes_added: usize,
    /// Nodes only in the old version.
    pub nodes_removed: usize,
    /// Nodes whose ID changed (same text).
    pub nodes_renamed: usize,
    /// Nodes whose text changed.
    pub nodes_reworded: usize,
    /// Nodes with any change of their own (text included; a bare rename is not).
    pub nodes_changed: usize,
    /// Edges only in the new version.
    pub edges_added: usize,
    /// Edges only in the old version.
    pub edges_removed: usize,
    /// Edges whose weight changed.
    pub edges_reweighted: usize,
    /// Theses added or removed, or whose verdict or grounded label changed, or whose
    /// strength moved by [`MIN_MOVE`] or more.
    pub theses_changed: usize,
    /// Nodes in both versions whose verdict changed.
    pub verdicts_moved: usize,
}

/// A node as one version has it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeRef {
    /// Its ID.
    pub id: String,
    /// Its kind.
    #[serde(serialize_with = "kind_keyword")]
    pub kind: NodeKind,
    /// Its statement.
    pub text: String,
    /// The file that holds it, as that version names it.
    pub file: String,
    /// The line of its header, from 1.
    pub line: u32,
}

/// A node whose ID changed while its text stayed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rename {
    /// The ID in the old version.
    pub old_id: String,
    /// The ID in the new version.
    pub new_id: String,
    /// Its kind in the new version.
    #[serde(serialize_with = "kind_keyword")]
    pub kind: NodeKind,
    /// The (shared) text.
    pub text: String,
}

/// A node present in both versions (possibly renamed) whose content changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeChange {
    /// The ID in the new version.
    pub id: String,
    /// The ID in the old version (equal to `id` unless renamed).
    pub old_id: String,
    /// Its kind in the new version.
    #[serde(serialize_with = "kind_keyword")]
    pub kind: NodeKind,
    /// The file that holds it in the new version.
    pub file: String,
    /// The line of its header there.
    pub line: u32,
    /// What changed, in the order of [`Change`]'s variants.
    pub changes: Vec<Change>,
}

impl NodeChange {
    /// Whether the text changed.
    pub fn reworded(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(c, Change::Text { .. }))
    }
}

/// One changed attribute of a node.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Change {
    /// The statement (compared as the maps show it, reflowed).
    Text {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// The kind keyword.
    Kind {
        /// Before.
        #[serde(serialize_with = "kind_keyword")]
        old: NodeKind,
        /// After.
        #[serde(serialize_with = "kind_keyword")]
        new: NodeKind,
    },
    /// The base score in effect.
    Credence {
        /// Before.
        old: f64,
        /// After.
        new: f64,
    },
    /// The authors' stance (`None`: no `status` written).
    Status {
        /// Before.
        #[serde(serialize_with = "status_keyword")]
        old: Option<Status>,
        /// After.
        #[serde(serialize_with = "status_keyword")]
        new: Option<Status>,
    },
    /// The proof standard written on the node (`None`: none written, the debate's).
    Standard {
        /// Before.
        #[serde(serialize_with = "standard_keyword")]
        old: Option<ProofStandard>,
        /// After.
        #[serde(serialize_with = "standard_keyword")]
        new: Option<ProofStandard>,
    },
    /// `by`.
    By {
        /// Before.
        old: Option<String>,
        /// After.
        new: Option<String>,
    },
    /// `tags`, as sets.
    Tags {
        /// Tags only in the new version.
        added: Vec<String>,
        /// Tags only in the old version.
        removed: Vec<String>,
    },
    /// `source`s.
    Sources {
        /// Sources only in the new version.
        added: Vec<String>,
        /// Sources only in the old version.
        removed: Vec<String>,
    },
    /// `artifact`s, by path.
    Artifacts {
        /// Paths only in the new version.
        added: Vec<String>,
        /// Paths only in the old version.
        removed: Vec<String>,
        /// Paths in both whose sha256, title or kind changed.
        changed: Vec<String>,
    },
    /// `note`.
    Note {
        /// Before.
        old: Option<String>,
        /// After.
        new: Option<String>,
    },
    /// `expect`s, by their text: an edited one is one removed and one added.
    Expectations {
        /// Expectations only in the new version.
        added: Vec<String>,
        /// Expectations only in the old version.
        removed: Vec<String>,
    },
    /// An `expect` written the same in both versions that held in one and fails in the
    /// other (its data changed).
    Expectation {
        /// The expression.
        text: String,
        /// Whether it holds now.
        holds: bool,
        /// The values that decide it now.
        because: String,
    },
}

/// Node changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeChanges {
    /// Only in the new version.
    pub added: Vec<NodeRef>,
    /// Only in the old version.
    pub removed: Vec<NodeRef>,
    /// Same text, new ID.
    pub renamed: Vec<Rename>,
    /// Kept (or renamed) nodes with changed content.
    pub changed: Vec<NodeChange>,
}

/// Which edge: what it connects. See the module docs for edge identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EdgeId {
    /// The node the relation is written on.
    pub source: String,
    /// The relation.
    #[serde(serialize_with = "relation_keyword")]
    pub relation: Relation,
    /// The node it bears on (for an undercut, the target of the undercut inference).
    pub target: String,
    /// For an undercut: the inference `source -> target` it undercuts.
    pub inference: Option<Inference>,
}

/// The inference an undercut attacks: the edge `source -> target`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Inference {
    /// Where the undercut edge starts.
    pub source: String,
    /// Where it ends.
    pub target: String,
}

/// An edge with its weight in effect.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// Which edge.
    #[serde(flatten)]
    pub id: EdgeId,
    /// Its weight.
    pub weight: f64,
}

/// An edge present in both versions with another weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reweight {
    /// Which edge (new IDs).
    #[serde(flatten)]
    pub id: EdgeId,
    /// Before.
    pub old_weight: f64,
    /// After.
    pub new_weight: f64,
}

/// Edge changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EdgeChanges {
    /// Only in the new version (new IDs).
    pub added: Vec<Edge>,
    /// Only in the old version (old IDs).
    pub removed: Vec<Edge>,
    /// In both, with another weight.
    pub reweighted: Vec<Reweight>,
}

/// How one node fares in one version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standing {
    /// Whether it stands: the answer.
    pub verdict: carneades::Verdict,
    /// Why, in one sentence that starts with the verdict.
    pub why: String,
    /// How strong it is (DF-QuAD).
    pub strength: f64,
    /// Its grounded label (the formal semantics, for experts).
    pub label: Label,
}

/// A node's standing before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictChange {
    /// The ID in the new version (the old one if the node was removed).
    pub id: String,
    /// The ID in the old version (the new one if the node was added).
    pub old_id: String,
    /// Its kind (in the new version if it has one there).
    #[serde(serialize_with = "kind_keyword")]
    pub kind: NodeKind,
    /// In the old version, if the node is there.
    pub before: Option<Standing>,
    /// In the new version, if the node is there.
    pub after: Option<Standing>,
    /// `after.strength − before.strength`, when both exist.
    pub delta: Option<f64>,
}

impl VerdictChange {
    /// Whether the verdict changed (a node on one side only has no verdict on the
    /// other: changed).
    pub fn verdict_changed(&self) -> bool {
        self.before.as_ref().map(|s| s.verdict) != self.after.as_ref().map(|s| s.verdict)
    }

    /// Whether the grounded label changed.
    pub fn label_changed(&self) -> bool {
        self.before.as_ref().map(|s| s.label) != self.after.as_ref().map(|s| s.label)
    }

    /// Whether anything worth reporting changed: the verdict, the label, the strength
    /// by [`MIN_MOVE`] or more, or the node's presence.
    pub fn changed(&self) -> bool {
        self.verdict_changed()
            || self.label_changed()
            || self.delta.is_none_or(|d| d.abs() >= MIN_MOVE)
    }
}

/// Whether each side's DF-QuAD iteration converged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Converged {
    /// The old version.
    pub old: bool,
    /// The new version.
    pub new: bool,
}

impl Default for Converged {
    fn default() -> Self {
        Converged {
            old: true,
            new: true,
        }
    }
}

/// Verdicts before and after.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Verdicts {
    /// Every node that is a thesis in either version, new order first.
    pub theses: Vec<VerdictChange>,
    /// Every node in both versions whose verdict changed: theses first, then in the new
    /// version's order.
    pub moved: Vec<VerdictChange>,
    /// The largest strength moves among nodes in both versions, largest first.
    pub moves: Vec<VerdictChange>,
    /// Every node in both versions whose grounded label changed.
    pub label_changes: Vec<VerdictChange>,
    /// Whether the strengths are fixpoints on both sides.
    pub converged: Converged,
}

/// The settings the verdicts of each version are judged by (`verdict:` in each version's
/// `crux.yaml`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Settings {
    /// The old version's.
    pub old: VerdictOptions,
    /// The new version's.
    pub new: VerdictOptions,
}

/// Compares two versions of a debate. Never fails: a side with syntax or resolution
/// errors is compared as far as it resolved.
pub fn compare(old: &Debate, new: &Debate, settings: &Settings) -> DebateDiff {
    let matching = nodes::match_nodes(old, new);
    let node_changes = nodes::node_changes(old, new, &matching);
    let edge_changes = edges::edge_changes(&old.graph, &new.graph, &matching);
    let verdicts = verdicts::verdicts(&old.graph, &new.graph, &matching, settings);
    let summary = Summary {
        nodes_added: node_changes.added.len(),
        nodes_removed: node_changes.removed.len(),
        nodes_renamed: node_changes.renamed.len(),
        nodes_reworded: node_changes.changed.iter().filter(|c| c.reworded()).count(),
        nodes_changed: node_changes.changed.len(),
        edges_added: edge_changes.added.len(),
        edges_removed: edge_changes.removed.len(),
        edges_reweighted: edge_changes.reweighted.len(),
        theses_changed: verdicts.theses.iter().filter(|v| v.changed()).count(),
        verdicts_moved: verdicts.moved.len(),
    };
    DebateDiff {
        old: side(old),
        new: side(new),
        summary,
        nodes: node_changes,
        edges: edge_changes,
        verdicts,
    }
}

/// The counts of one side.
pub fn side(debate: &Debate) -> Side {
    Side {
        name: String::new(),
        files: debate.sources.len(),
        nodes: debate.graph.graph.node_count(),
        edges: debate.graph.graph.edge_count(),
        syntax_errors: debate.syntax_errors.len(),
        reference_errors: debate
            .resolve_errors
            .iter()
            .filter(|e| !e.is_repeat())
            .count(),
    }
}

fn kind_keyword<S: Serializer>(kind: &NodeKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.keyword())
}

fn relation_keyword<S: Serializer>(relation: &Relation, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(relation.keyword())
}

fn standard_keyword<S: Serializer>(
    standard: &Option<ProofStandard>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match standard {
        Some(standard) => s.serialize_str(standard.keyword()),
        None => s.serialize_none(),
    }
}

fn status_keyword<S: Serializer>(status: &Option<Status>, s: S) -> Result<S::Ok, S::Error> {
    match status {
        Some(status) => s.serialize_str(status.keyword()),
        None => s.serialize_none(),
    }
}
