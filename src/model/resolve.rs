//! Name resolution: syntax trees of every file in a debate into one [`ArgGraph`].
//!
//! Phase: model. Depends on `syntax` only. IDs are global across files; the first
//! definition of an ID wins and later ones are reported.

use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use smol_str::SmolStr;

use super::edge::{ArgEdge, Relation};
use super::graph::ArgGraph;
use super::node::{ArgNode, ArtifactRef};
use crate::syntax::Span;
use crate::syntax::ast::{self, AttributeKind, Ident};

/// Settings that change how a debate resolves.
#[derive(Clone, Copy, Debug)]
pub struct ResolveOptions {
    /// Weight of a relation written without one.
    pub default_weight: f64,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            default_weight: 1.0,
        }
    }
}

/// A name that does not resolve, or resolves twice.
#[derive(Clone, Debug, PartialEq)]
pub enum ResolveError {
    /// Two nodes share an ID.
    DuplicateId {
        /// The ID.
        id: String,
        /// The first definition (kept).
        first: Span,
        /// The later one (dropped).
        second: Span,
    },
    /// A relation names an ID no node has.
    UnknownReference {
        /// The name written.
        name: String,
        /// Where.
        span: Span,
        /// The closest existing ID.
        suggestion: Option<String>,
    },
    /// `undercuts A -> B` where A neither supports nor attacks B.
    UnknownInference {
        /// A.
        from: String,
        /// B.
        to: String,
        /// The `undercuts` attribute.
        span: Span,
        /// Whether B supports or attacks A: the arrow is probably the wrong way round.
        reversed: bool,
    },
    /// A relation written again: the same source, relation and target (for
    /// `contradicts`, the same pair either way round; for `undercuts`, the same
    /// inference). The first one counts; this one is left out of the graph.
    DuplicateRelation {
        /// The node that has the relation.
        source: String,
        /// Which relation.
        relation: Relation,
        /// What it is about, as written: `t`, or `a -> t` for an undercut.
        target: String,
        /// The weight of the relation that counts (the first).
        kept_weight: f64,
        /// The weight of this one.
        weight: f64,
        /// The first relation, the one that counts.
        first: Span,
        /// This one.
        second: Span,
    },
}

impl ResolveError {
    /// Whether this only reports a repeat (a relation written again), which leaves the
    /// debate's meaning as it is; the others lose or confuse what was written.
    pub fn is_repeat(&self) -> bool {
        matches!(self, ResolveError::DuplicateRelation { .. })
    }
}

/// One parsed file, as resolution needs it.
pub struct Input<'a> {
    /// The file's path on disk (artifact paths are relative to its directory).
    pub path: &'a Path,
    /// Its syntax tree.
    pub ast: &'a ast::File,
}

/// Builds the graph of a debate.
pub fn resolve(inputs: &[Input<'_>], options: ResolveOptions) -> (ArgGraph, Vec<ResolveError>) {
    let mut g = ArgGraph::default();
    let nodes: usize = inputs.iter().map(|i| i.ast.nodes.len()).sum();
    // Room for every relation written, and no more: the other attributes make no edge.
    let relations = inputs.iter().map(|i| i.ast.relations).sum();
    g.graph.reserve_nodes(nodes);
    g.graph.reserve_edges(relations);
    g.index.reserve(nodes);
    let mut errors = Vec::new();
    let mut kept: Vec<(&ast::Node, NodeIndex)> = Vec::with_capacity(nodes);
    for input in inputs {
        if let Some(fm) = &input.ast.front_matter {
            g.front_matter.push((fm.span.file, fm.clone()));
        }
        let dir = input.path.parent().unwrap_or(Path::new(""));
        for node in &input.ast.nodes {
            if let Some(&first) = g.index.get(&node.id.name) {
                errors.push(ResolveError::DuplicateId {
                    id: node.id.name.to_string(),
                    first: g.graph[first].id_span,
                    second: node.id.span,
                });
                continue;
            }
            let idx = g.graph.add_node(lower_node(node, dir));
            g.index.insert(node.id.name.clone(), idx);
            kept.push((node, idx));
        }
    }
    // Plain relations first, so that undercuts can find the inference they attack.
    let mut undercuts = Vec::new();
    // Each relation once: (source, relation, target) to the edge that counts.
    let mut seen: FxHashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex> = FxHashMap::default();
    seen.reserve(relations);
    for &(node, source) in &kept {
        for attr in &node.attributes {
            match &attr.kind {
                AttributeKind::Edge {
                    relation,
                    target,
                    weight,
                } => {
                    let Some(t) = lookup(&g, target, &mut errors) else {
                        continue;
                    };
                    let e = edge(*relation, weight, attr.span, target.span, options);
                    // A contradiction is the same either way round.
                    let reverse = (*relation == Relation::Contradicts)
                        .then(|| seen.get(&(t, *relation, source)))
                        .flatten();
                    if let Some(&first) = seen.get(&(source, *relation, t)).or(reverse) {
                        errors.push(duplicate(&g, first, &e, &node.id.name, &target.name));
                        continue;
                    }
                    let id = g.graph.add_edge(source, t, e);
                    seen.insert((source, *relation, t), id);
                }
                AttributeKind::Undercut(u) => {
                    undercuts.push((source, &u.from, &u.to, &u.weight, attr.span))
                }
                _ => {}
            }
        }
    }
    let mut seen_undercuts: FxHashMap<(NodeIndex, EdgeIndex, NodeIndex), EdgeIndex> =
        FxHashMap::default();
    for (source, from, to, weight, span) in undercuts {
        let (Some(a), Some(b)) = (lookup(&g, from, &mut errors), lookup(&g, to, &mut errors))
        else {
            continue;
        };
        // The inference A→B: a relation from A to B, or a contradiction between them
        // written on B (a contradiction attacks both ways).
        let inference = g
            .graph
            .edges_connecting(a, b)
            .find(|e| e.weight().relation != Relation::Undercuts)
            .or_else(|| {
                g.graph
                    .edges_connecting(b, a)
                    .find(|e| e.weight().relation == Relation::Contradicts)
            })
            .map(|e| e.id());
        let Some(inference) = inference else {
            let reversed = g
                .graph
                .edges_connecting(b, a)
                .any(|e| e.weight().relation != Relation::Undercuts);
            errors.push(ResolveError::UnknownInference {
                from: from.name.to_string(),
                to: to.name.to_string(),
                span: from.span.cover(to.span),
                reversed,
            });
            continue;
        };
        let mut e = edge(
            Relation::Undercuts,
            weight,
            span,
            from.span.cover(to.span),
            options,
        );
        e.undercuts = Some(inference);
        if let Some(&first) = seen_undercuts.get(&(source, inference, b)) {
            let target = format!("{} -> {}", from.name, to.name);
            let name = g.graph[source].id.clone();
            errors.push(duplicate(&g, first, &e, &name, &target));
            continue;
        }
        let id = g.graph.add_edge(source, b, e);
        seen_undercuts.insert((source, inference, b), id);
    }
    (g, errors)
}

/// The report for `again`, a relation that repeats the edge `first`.
fn duplicate(
    g: &ArgGraph,
    first: EdgeIndex,
    again: &ArgEdge,
    source: &str,
    target: &str,
) -> ResolveError {
    let kept = &g.graph[first];
    ResolveError::DuplicateRelation {
        source: source.to_string(),
        relation: again.relation,
        target: target.to_string(),
        kept_weight: kept.weight,
        weight: again.weight,
        first: kept.origin,
        second: again.origin,
    }
}

fn lookup(g: &ArgGraph, name: &Ident, errors: &mut Vec<ResolveError>) -> Option<NodeIndex> {
    if let Some(&i) = g.index.get(&name.name) {
        return Some(i);
    }
    errors.push(ResolveError::UnknownReference {
        name: name.name.to_string(),
        span: name.span,
        suggestion: closest(g.index.keys().map(SmolStr::as_str), &name.name),
    });
    None
}

/// The candidate most like `name`, if any is close enough to be a likely typo.
pub fn closest<'a>(candidates: impl Iterator<Item = &'a str>, name: &str) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(c, name), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_string())
}

fn edge(
    relation: Relation,
    weight: &Option<ast::Number>,
    origin: Span,
    target_span: Span,
    options: ResolveOptions,
) -> ArgEdge {
    ArgEdge {
        relation,
        weight: weight.as_ref().map_or(options.default_weight, |w| w.value),
        written_weight: weight.as_ref().map(|w| (w.value, w.span)),
        origin,
        target_span,
        undercuts: None,
    }
}

/// The graph node of a syntax tree node; `dir` is the directory of its file.
fn lower_node(node: &ast::Node, dir: &Path) -> ArgNode {
    let mut n = ArgNode {
        id: node.id.name.clone(),
        kind: node.kind,
        text: node
            .text
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        id_span: node.id.span,
        header_span: node.header_span,
        span: node.span,
        credence: None,
        status: None,
        standard: None,
        by: None,
        tags: Vec::new(),
        note: None,
        sources: Vec::new(),
        artifacts: Vec::new(),
        expectations: Vec::new(),
        refuted: None,
        outcomes: Vec::new(),
        allow: node.allow.clone(),
    };
    for attr in &node.attributes {
        match &attr.kind {
            AttributeKind::Credence(c) => n.credence = Some((c.value, c.span)),
            AttributeKind::Status(s, span) => n.status = Some((*s, *span)),
            AttributeKind::Standard(s, span) => n.standard = Some((*s, *span)),
            AttributeKind::By(t) => n.by = Some(t.value.clone()),
            AttributeKind::Note(t) => n.note = Some(t.value.clone()),
            AttributeKind::Tags(tags) => n.tags.extend(tags.iter().map(|t| t.name.clone())),
            AttributeKind::Source(t) => n.sources.push((t.value.clone(), t.span)),
            AttributeKind::Artifact(a) => n.artifacts.push(ArtifactRef {
                path: a.path.value.to_string(),
                resolved: dir.join(&a.path.value),
                span: attr.span,
                path_span: a.path.span,
                sha256: a
                    .sha256
                    .as_ref()
                    .map(|h| (h.value.trim().to_ascii_lowercase(), h.span)),
                title: a.title.as_ref().map(|t| t.value.to_string()),
                kind: a.kind.map(|k| k.0),
            }),
            AttributeKind::Expect(t) => n.expectations.push((t.value.to_string(), t.span)),
            AttributeKind::Edge { .. } | AttributeKind::Undercut { .. } => {}
        }
    }
    n
}
