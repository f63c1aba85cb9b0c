//! Name resolution: syntax trees of every file in a debate into one [`ArgGraph`].
//!
//! Phase: model. Depends on `syntax` only. IDs are global across files; the first
//! definition of an ID wins and later ones are reported.

use std::path::Path;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use rustc_hash::FxHashMap;
use smol_str::SmolStr;
use std::collections::hash_map::Entry;

use super::edge::{ArgEdge, Relation};
use super::graph::ArgGraph;
use super::node::{ArgNode, ArtifactRef, Expectation};
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

/// Debates of at least this many nodes build their nodes on a second thread while
/// their relations are resolved (a thread costs more than resolving a smaller one).
const PARALLEL_FROM: usize = 2_000;

/// Builds the graph of a debate: the nodes (the first definition of each ID), then
/// the relations between them. On a large debate the nodes are built on a second
/// thread while this one resolves the relations, which need only the nodes' places.
pub fn resolve(inputs: &[Input<'_>], options: ResolveOptions) -> (ArgGraph, Vec<ResolveError>) {
    let nodes: usize = inputs.iter().map(|i| i.ast.nodes.len()).sum();
    let relations = inputs.iter().map(|i| i.ast.relations).sum();
    let mut index: FxHashMap<SmolStr, NodeIndex> = FxHashMap::default();
    index.reserve(nodes);
    let mut front_matter = Vec::new();
    let mut errors = Vec::new();
    // The nodes kept, each with the folder of its file: a node's place here is its
    // index in the graph.
    let mut kept: Vec<(&ast::Node, &Path)> = Vec::with_capacity(nodes);
    for input in inputs {
        if let Some(fm) = &input.ast.front_matter {
            front_matter.push((fm.span.file, fm.clone()));
        }
        let dir = input.path.parent().unwrap_or(Path::new(""));
        for node in &input.ast.nodes {
            match index.entry(node.id.name.clone()) {
                Entry::Occupied(first) => errors.push(ResolveError::DuplicateId {
                    id: node.id.name.to_string(),
                    first: kept[first.get().index()].0.id.span,
                    second: node.id.span,
                }),
                Entry::Vacant(slot) => {
                    slot.insert(NodeIndex::new(kept.len()));
                    kept.push((node, dir));
                }
            }
        }
    }
    let build_nodes = || {
        let mut graph = DiGraph::with_capacity(kept.len(), relations);
        for &(node, dir) in &kept {
            graph.add_node(lower_node(node, dir));
        }
        graph
    };
    let plan = || plan_relations(&kept, &index, relations, options);
    let add_edges = |graph: &mut DiGraph<ArgNode, ArgEdge>, planned: Vec<Planned>| {
        for p in planned {
            graph.add_edge(p.source, p.target, p.edge(options));
        }
    };
    let (graph, relation_errors) = if kept.len() >= PARALLEL_FROM {
        std::thread::scope(|scope| {
            let nodes = scope.spawn(build_nodes);
            let (planned, errors) = plan();
            let mut graph = nodes
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            add_edges(&mut graph, planned);
            (graph, errors)
        })
    } else {
        let mut graph = build_nodes();
        let (planned, errors) = plan();
        add_edges(&mut graph, planned);
        (graph, errors)
    };
    errors.extend(relation_errors);
    let g = ArgGraph {
        graph,
        index,
        front_matter,
    };
    (g, errors)
}

/// A relation resolved to the places of its nodes, before the graph holds them: the
/// attribute that writes it, read again when its edge is made (a plan of a large
/// debate's relations stays a fraction of the size of their edges).
struct Planned<'a> {
    source: NodeIndex,
    target: NodeIndex,
    relation: Relation,
    attr: &'a ast::Attribute,
    /// For an undercut, the inference it attacks.
    inference: Option<EdgeIndex>,
}

impl Planned<'_> {
    /// The edge.
    fn edge(&self, options: ResolveOptions) -> ArgEdge {
        // Only relations and undercuts are planned.
        let (weight, target_span) = match &self.attr.kind {
            AttributeKind::Edge { target, weight, .. } => (weight, target.span),
            AttributeKind::Undercut(u) => (&u.weight, u.from.span.cover(u.to.span)),
            _ => (&None, self.attr.span),
        };
        let mut e = edge(self.relation, weight, self.attr.span, target_span, options);
        e.undercuts = self.inference;
        e
    }
}

/// The edges of the `kept` nodes' relations, in the order the graph adds them (the
/// edge at place `i` gets `EdgeIndex` `i`): the plain relations first, so that
/// undercuts can find the inference they attack; then the undercuts. Relations to
/// unknown IDs, repeats and undercuts of no inference are reported instead.
fn plan_relations<'a>(
    kept: &[(&'a ast::Node, &Path)],
    index: &FxHashMap<SmolStr, NodeIndex>,
    relations: usize,
    options: ResolveOptions,
) -> (Vec<Planned<'a>>, Vec<ResolveError>) {
    let mut planned: Vec<Planned> = Vec::with_capacity(relations);
    let mut errors = Vec::new();
    let mut undercuts = Vec::new();
    // Where each node's plain relations are in `planned` (a node's relations are
    // planned together): a repeat is looked for there, among a handful.
    let mut own: Vec<std::ops::Range<usize>> = Vec::with_capacity(kept.len());
    for (place, &(node, _)) in kept.iter().enumerate() {
        let source = NodeIndex::new(place);
        let start = planned.len();
        for attr in &node.attributes {
            match &attr.kind {
                AttributeKind::Edge {
                    relation, target, ..
                } => {
                    let Some(t) = lookup(index, target, &mut errors) else {
                        continue;
                    };
                    let same = |p: &Planned| p.relation == *relation && p.target == t;
                    // A contradiction is the same either way round: the target's own
                    // relations are planned already if it comes first.
                    let reverse = || {
                        if *relation != Relation::Contradicts {
                            return None;
                        }
                        own.get(t.index())?.clone().find(|&i| {
                            planned[i].relation == Relation::Contradicts
                                && planned[i].target == source
                        })
                    };
                    let first = (start..planned.len())
                        .find(|&i| same(&planned[i]))
                        .or_else(reverse);
                    let this = Planned {
                        source,
                        target: t,
                        relation: *relation,
                        attr,
                        inference: None,
                    };
                    if let Some(first) = first {
                        let (kept, again) = (planned[first].edge(options), this.edge(options));
                        errors.push(duplicate(&kept, &again, &node.id.name, &target.name));
                        continue;
                    }
                    planned.push(this);
                }
                AttributeKind::Undercut(u) => undercuts.push((source, node, attr, &u.from, &u.to)),
                _ => {}
            }
        }
        own.push(start..planned.len());
    }
    // The latest of the relations of these kinds from `x` to `y`, as the graph's
    // list of `x`'s edges, newest first, would find it.
    let latest = |x: NodeIndex, y: NodeIndex, kinds: &[Relation]| {
        own[x.index()]
            .clone()
            .rev()
            .find(|&i| planned[i].target == y && kinds.contains(&planned[i].relation))
            .map(EdgeIndex::new)
    };
    let plain = [Relation::Supports, Relation::Attacks, Relation::Contradicts];
    // The undercuts, planned after the plain relations; each once: (source,
    // inference, target) to its place among them.
    let mut cuts: Vec<Planned> = Vec::new();
    let mut seen_cuts: FxHashMap<(NodeIndex, EdgeIndex, NodeIndex), usize> = FxHashMap::default();
    for (source, node, attr, from, to) in undercuts {
        let (Some(a), Some(b)) = (
            lookup(index, from, &mut errors),
            lookup(index, to, &mut errors),
        ) else {
            continue;
        };
        // The inference A→B: a relation from A to B, or a contradiction between them
        // written on B (a contradiction attacks both ways).
        let inference = latest(a, b, &plain).or_else(|| latest(b, a, &[Relation::Contradicts]));
        let Some(inference) = inference else {
            errors.push(ResolveError::UnknownInference {
                from: from.name.to_string(),
                to: to.name.to_string(),
                span: from.span.cover(to.span),
                reversed: latest(b, a, &plain).is_some(),
            });
            continue;
        };
        let this = Planned {
            source,
            target: b,
            relation: Relation::Undercuts,
            attr,
            inference: Some(inference),
        };
        if let Some(&first) = seen_cuts.get(&(source, inference, b)) {
            let target = format!("{} -> {}", from.name, to.name);
            let (kept, again) = (cuts[first].edge(options), this.edge(options));
            errors.push(duplicate(&kept, &again, &node.id.name, &target));
            continue;
        }
        seen_cuts.insert((source, inference, b), cuts.len());
        cuts.push(this);
    }
    planned.append(&mut cuts);
    (planned, errors)
}

/// The report for `again`, a relation that repeats the edge `kept`.
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

fn lookup(
    index: &FxHashMap<SmolStr, NodeIndex>,
    name: &Ident,
    errors: &mut Vec<ResolveError>,
) -> Option<NodeIndex> {
    if let Some(&i) = index.get(&name.name) {
        return Some(i);
    }
    errors.push(ResolveError::UnknownReference {
        name: name.name.to_string(),
        span: name.span,
        suggestion: crate::text::closest(index.keys().map(SmolStr::as_str), &name.name)
            .map(str::to_string),
    });
    None
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
            AttributeKind::Expect(t) => n
                .expectations
                .push(Expectation::new(t.value.to_string(), t.span)),
            AttributeKind::Edge { .. } | AttributeKind::Undercut { .. } => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use petgraph::visit::EdgeRef;

    use super::*;
    use crate::syntax::FileId;

    /// The edges of `src` as `source relation target weight [undercuts from->to]`, in
    /// edge order, and the errors.
    fn resolved(src: &str) -> (Vec<String>, Vec<ResolveError>) {
        let lowered = crate::syntax::lower(FileId(0), src);
        let input = Input {
            path: Path::new("/d/a.crux"),
            ast: &lowered.ast,
        };
        let (g, errors) = resolve(&[input], ResolveOptions::default());
        let id = |i: NodeIndex| g.graph[i].id.to_string();
        let edges = g
            .graph
            .edge_references()
            .map(|e| {
                let w = e.weight();
                let mut line = format!(
                    "{} {:?} {} {}",
                    id(e.source()),
                    w.relation,
                    id(e.target()),
                    w.weight
                );
                if let Some((a, b)) = g.inference(e.id()) {
                    line.push_str(&format!(" [{}->{}]", id(a), id(b)));
                }
                line
            })
            .collect();
        (edges, errors)
    }

    #[test]
    fn relations_resolve_in_order_and_repeats_are_reported() {
        let (edges, errors) = resolved(
            "claim a: \"A\"\n  supports b 0.5\n  attacks c\n  supports b 0.7\nclaim b: \"B\"\n  contradicts c\nclaim c: \"C\"\n  contradicts b 0.2\n",
        );
        assert_eq!(
            edges,
            ["a Supports b 0.5", "a Attacks c 1", "b Contradicts c 1"]
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        let ResolveError::DuplicateRelation {
            kept_weight,
            weight,
            ..
        } = &errors[0]
        else {
            panic!("{errors:?}");
        };
        assert_eq!((*kept_weight, *weight), (0.5, 0.7));
        assert!(matches!(
            &errors[1],
            ResolveError::DuplicateRelation { source, .. } if source == "c"
        ));
    }

    #[test]
    fn an_undercut_attacks_the_inference_written_last_between_its_nodes() {
        // `a` both supports and attacks `b`: the undercut takes the later relation.
        let (edges, errors) = resolved(
            "claim a: \"A\"\n  supports b\n  attacks b\nclaim b: \"B\"\n  contradicts d\nclaim u: \"U\"\n  undercuts a -> b 0.4\n  undercuts d -> b\n  undercuts a -> b\nclaim d: \"D\"\n",
        );
        assert_eq!(
            edges,
            [
                "a Supports b 1",
                "a Attacks b 1",
                "b Contradicts d 1",
                "u Undercuts b 0.4 [a->b]",
                "u Undercuts b 1 [d->b]",
            ]
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(matches!(&errors[0], ResolveError::DuplicateRelation { .. }));
    }

    #[test]
    fn an_undercut_of_no_inference_says_whether_it_runs_the_other_way() {
        let (edges, errors) = resolved(
            "claim a: \"A\"\nclaim b: \"B\"\n  supports a\nclaim u: \"U\"\n  undercuts a -> b\n  undercuts u -> a\n  undercuts a -> x\n",
        );
        assert_eq!(edges, ["b Supports a 1"]);
        let reversed: Vec<_> = errors
            .iter()
            .map(|e| match e {
                ResolveError::UnknownInference { reversed, .. } => format!("{reversed}"),
                ResolveError::UnknownReference { name, .. } => name.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(reversed, ["true", "false", "x"]);
    }

    #[test]
    fn the_first_definition_of_an_id_wins() {
        let (edges, errors) = resolved(
            "claim a: \"first\"\n  supports b\nclaim b: \"B\"\nclaim a: \"second\"\n  attacks b\n",
        );
        assert_eq!(edges, ["a Supports b 1"]);
        assert!(matches!(
            &errors[..],
            [ResolveError::DuplicateId { id, first, second }]
                if id == "a" && first.start == 6 && second.start > first.start
        ));
    }
}
