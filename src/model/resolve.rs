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

/// Debates with fewer nodes are resolved on one thread (a thread costs more than
/// lowering their nodes takes).
const PARALLEL_FROM: usize = 2_000;

/// Builds the graph of a debate.
pub fn resolve(inputs: &[Input<'_>], options: ResolveOptions) -> (ArgGraph, Vec<ResolveError>) {
    let nodes: usize = inputs.iter().map(|i| i.ast.nodes.len()).sum();
    let parallel =
        nodes >= PARALLEL_FROM && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    resolve_on(inputs, options, parallel)
}

/// [`resolve`]; with `parallel`, the graph's nodes are made on a second thread while
/// this one resolves the relations (the result is the same).
fn resolve_on(
    inputs: &[Input<'_>],
    options: ResolveOptions,
    parallel: bool,
) -> (ArgGraph, Vec<ResolveError>) {
    let mut g = ArgGraph::default();
    let nodes: usize = inputs.iter().map(|i| i.ast.nodes.len()).sum();
    // Room for every relation written, and no more: the other attributes make no edge.
    let relations = inputs
        .iter()
        .flat_map(|i| &i.ast.nodes)
        .flat_map(|n| &n.attributes)
        .filter(|a| {
            matches!(
                a.kind,
                AttributeKind::Edge { .. } | AttributeKind::Undercut { .. }
            )
        })
        .count();
    g.index.reserve(nodes);
    let mut errors = Vec::new();
    // The nodes that count (the first of each ID), with the directory of their file;
    // the `i`th becomes `NodeIndex::new(i)`.
    let mut kept: Vec<(&ast::Node, &Path)> = Vec::with_capacity(nodes);
    for input in inputs {
        if let Some(fm) = &input.ast.front_matter {
            g.front_matter.push((fm.span.file, fm.clone()));
        }
        let dir = input.path.parent().unwrap_or(Path::new(""));
        for node in &input.ast.nodes {
            if let Some(&first) = g.index.get(&node.id.name) {
                errors.push(ResolveError::DuplicateId {
                    id: node.id.name.to_string(),
                    first: kept[first.index()].0.id.span,
                    second: node.id.span,
                });
                continue;
            }
            g.index
                .insert(node.id.name.clone(), NodeIndex::new(kept.len()));
            kept.push((node, dir));
        }
    }
    // The graph's nodes, made from the syntax tree's (the bulk of the work), while the
    // relations are resolved by ID, which needs only the index.
    let make_nodes = || {
        let mut graph = petgraph::graph::DiGraph::with_capacity(kept.len(), relations);
        for &(node, dir) in &kept {
            graph.add_node(lower_node(node, dir));
        }
        graph
    };
    let (graph, (edges, undercuts)) = if parallel {
        std::thread::scope(|scope| {
            let maker = scope.spawn(make_nodes);
            let relations = plain_relations(&g, &kept, relations, options, &mut errors);
            (maker.join().expect("resolving nodes panicked"), relations)
        })
    } else {
        let graph = make_nodes();
        (
            graph,
            plain_relations(&g, &kept, relations, options, &mut errors),
        )
    };
    g.graph = graph;
    for (source, target, edge) in edges {
        g.graph.add_edge(source, target, edge);
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
            errors.push(duplicate(&g.graph[first], &e, &name, &target));
            continue;
        }
        let id = g.graph.add_edge(source, b, e);
        seen_undercuts.insert((source, inference, b), id);
    }
    (g, errors)
}

/// An `undercuts A -> B` waiting for the plain relations: its source, A, B, weight and
/// span.
type PendingUndercut<'a> = (
    NodeIndex,
    &'a Ident,
    &'a Ident,
    &'a Option<ast::Number>,
    Span,
);

/// The plain relations of the `kept` nodes, resolved by `g`'s index, in the order they
/// become edges (the `i`th is `EdgeIndex::new(i)`), and the undercuts, left for when the
/// relations they attack are in the graph. Each relation counts once; `relations` is
/// how many are written.
fn plain_relations<'a>(
    g: &ArgGraph,
    kept: &[(&'a ast::Node, &Path)],
    relations: usize,
    options: ResolveOptions,
    errors: &mut Vec<ResolveError>,
) -> (
    Vec<(NodeIndex, NodeIndex, ArgEdge)>,
    Vec<PendingUndercut<'a>>,
) {
    let mut edges: Vec<(NodeIndex, NodeIndex, ArgEdge)> = Vec::with_capacity(relations);
    let mut undercuts = Vec::new();
    // Each relation once: (source, relation, target) to the edge that counts.
    let mut seen: FxHashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex> = FxHashMap::default();
    seen.reserve(relations);
    for (i, &(node, _)) in kept.iter().enumerate() {
        let source = NodeIndex::new(i);
        for attr in &node.attributes {
            match &attr.kind {
                AttributeKind::Edge {
                    relation,
                    target,
                    weight,
                } => {
                    let Some(t) = lookup(g, target, errors) else {
                        continue;
                    };
                    let e = edge(*relation, weight, attr.span, target.span, options);
                    // A contradiction is the same either way round.
                    let reverse = (*relation == Relation::Contradicts)
                        .then(|| seen.get(&(t, *relation, source)))
                        .flatten();
                    if let Some(&first) = seen.get(&(source, *relation, t)).or(reverse) {
                        let kept = &edges[first.index()].2;
                        errors.push(duplicate(kept, &e, &node.id.name, &target.name));
                        continue;
                    }
                    let id = EdgeIndex::new(edges.len());
                    edges.push((source, t, e));
                    seen.insert((source, *relation, t), id);
                }
                AttributeKind::Undercut(u) => {
                    undercuts.push((source, &u.from, &u.to, &u.weight, attr.span))
                }
                _ => {}
            }
        }
    }
    (edges, undercuts)
}

/// The report for `again`, a relation that repeats `kept`, the edge that counts.
fn duplicate(kept: &ArgEdge, again: &ArgEdge, source: &str, target: &str) -> ResolveError {
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
        allow: node.allow.clone(),
    };
    for attr in &node.attributes {
        match &attr.kind {
            AttributeKind::Credence(c) => n.credence = Some((c.value, c.span)),
            AttributeKind::Status(s, span) => n.status = Some((*s, *span)),
            AttributeKind::Standard(s, span) => n.standard = Some((*s, *span)),
            AttributeKind::By(t) => n.by = Some(t.value.to_string()),
            AttributeKind::Note(t) => n.note = Some(t.value.to_string()),
            AttributeKind::Tags(tags) => n.tags.extend(tags.iter().map(|t| t.name.to_string())),
            AttributeKind::Source(t) => n.sources.push((t.value.to_string(), t.span)),
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
            AttributeKind::Edge { .. } | AttributeKind::Undercut { .. } => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use crate::syntax::{FileId, SourceFile};

    /// Making the nodes on a second thread changes nothing: the same graph, the same
    /// errors, in the same order, for every fixture and for all of them in one debate.
    #[test]
    fn a_second_thread_changes_nothing() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "crux"))
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let mut debates = vec![texts.clone()];
        debates.extend(texts.into_iter().map(|t| vec![t]));
        for texts in debates {
            let sources: Vec<SourceFile> = texts
                .into_iter()
                .enumerate()
                .map(|(i, t)| SourceFile::new(format!("{i}.crux"), format!("/x/{i}.crux"), t))
                .collect();
            let asts: Vec<_> = sources
                .iter()
                .enumerate()
                .map(|(i, s)| crate::syntax::lower(FileId(i as u32), &s.text).ast)
                .collect();
            let inputs: Vec<super::Input<'_>> = sources
                .iter()
                .zip(&asts)
                .map(|(s, ast)| super::Input { path: &s.path, ast })
                .collect();
            let one = super::resolve_on(&inputs, Default::default(), false);
            let two = super::resolve_on(&inputs, Default::default(), true);
            assert_eq!(format!("{one:?}"), format!("{two:?}"));
            assert!(one.0.graph.node_count() > 0 || inputs.len() == 1);
        }
    }
}
