//! The render model: what every map shows, computed once from the graph, the
//! semantics and the diagnostics, and shared by every renderer. Its JSON form is the
//! documented `crux render --format json` schema (see `docs/json-schema.md`).
//!
//! Phase: render. Built from the model and the results; never from source text or the
//! syntax tree (locations arrive as `file:line:col` strings).

use std::path::{Component, Path, PathBuf};

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Severity;
use crate::model::ArgGraph;
pub use crate::model::Relation;
use crate::model::link::safe_url;
pub use crate::project::preview::{ArtifactAccess, CsvPreview, NumericColumn};
pub use crate::semantics::Label;
use crate::semantics::Labelling;
pub use crate::semantics::{Verdict, VerdictOptions, Verdicts};
use crate::syntax::ast::FrontMatter;
pub use crate::syntax::ast::{ArtifactKind, NodeKind, ProofStandard, Status};

/// A word of the language (a node kind, a relation, a status, an artifact kind), which
/// the model serialises as that keyword (lowercase, as written in `.crux` files).
trait Keyword {
    /// The keyword, as written.
    fn keyword(&self) -> &'static str;
}

impl Keyword for NodeKind {
    fn keyword(&self) -> &'static str {
        NodeKind::keyword(*self)
    }
}

impl Keyword for Relation {
    fn keyword(&self) -> &'static str {
        Relation::keyword(*self)
    }
}

impl Keyword for Status {
    fn keyword(&self) -> &'static str {
        Status::keyword(*self)
    }
}

impl Keyword for ProofStandard {
    fn keyword(&self) -> &'static str {
        ProofStandard::keyword(*self)
    }
}

impl Keyword for ArtifactKind {
    fn keyword(&self) -> &'static str {
        ArtifactKind::keyword(*self)
    }
}

fn keyword<K: Keyword, S: serde::Serializer>(k: &K, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.keyword())
}

fn optional_keyword<K: Keyword, S: serde::Serializer>(
    k: &Option<K>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match k {
        Some(k) => s.serialize_some(k.keyword()),
        None => s.serialize_none(),
    }
}

/// The version of the JSON schema; bumped on any incompatible change. Version 2: every
/// node has its verdict (`verdict`, `why`, `standard`), the primary answer of the map.
pub const SCHEMA_VERSION: u32 = 2;

/// Everything a map shows.
#[derive(Clone, Debug, Serialize)]
pub struct RenderModel {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The debate's title (first front matter `title`), if any.
    pub title: Option<String>,
    /// The `description` of the front matter that gives the title (without a title,
    /// the first `description`), if any.
    pub description: Option<String>,
    /// Front matter `authors` of every file, deduplicated.
    pub authors: Vec<String>,
    /// The `source` of the front matter that gives the title (without a title, the
    /// first `source`), if any.
    pub source: Option<String>,
    /// The `date` of that front matter, as written, likewise.
    pub date: Option<String>,
    /// Nodes, in file order.
    pub nodes: Vec<NodeView>,
    /// Relations, in file order.
    pub edges: Vec<EdgeView>,
    /// The check results.
    pub diagnostics: Vec<DiagnosticView>,
    /// Whether the DF-QuAD strengths converged (always on acyclic debates).
    pub strengths_converged: bool,
}

/// One node as a reader sees it.
#[derive(Clone, Debug, Serialize)]
pub struct NodeView {
    /// The author's ID.
    pub id: String,
    /// `thesis`, `claim`, `counter` or `evidence`.
    #[serde(serialize_with = "keyword")]
    pub kind: NodeKind,
    /// The statement.
    pub text: String,
    /// `by`
    pub by: Option<String>,
    /// `tags`
    pub tags: Vec<String>,
    /// `note`
    pub note: Option<String>,
    /// The base score (written or default).
    pub credence: f64,
    /// `status`, if written.
    #[serde(serialize_with = "optional_keyword")]
    pub status: Option<Status>,
    /// Whether it stands: `stands`, `falls` or `open` (the verdict every map shows
    /// first).
    pub verdict: Verdict,
    /// Why, in one sentence that starts with the verdict ("stands: `a` (0.8)
    /// outweighs `b` (0.5) under preponderance").
    pub why: String,
    /// The proof standard that decided the verdict: the node's own, else the debate's.
    #[serde(serialize_with = "keyword")]
    pub standard: ProofStandard,
    /// DF-QuAD strength in [0, 1]: how strong, not whether it stands.
    pub strength: f64,
    /// The grounded label (Dung semantics), for experts.
    pub label: Label,
    /// Sources; `url` only for http(s) and mailto.
    pub sources: Vec<SourceView>,
    /// Artifacts.
    pub artifacts: Vec<ArtifactView>,
    /// The node's `expect` lines and what its data says of each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<ExpectationView>,
    /// `file:line:col` of the node.
    pub location: String,
    /// Indices into [`RenderModel::edges`] of the relations that point at this node.
    pub incoming: Vec<usize>,
    /// Indices into [`RenderModel::edges`] of the relations this node states.
    pub outgoing: Vec<usize>,
}

/// An `expect` of a node and what its data says of it.
#[derive(Clone, Debug, Serialize)]
pub struct ExpectationView {
    /// The expression, as written.
    pub text: String,
    /// Whether it holds; `None` when it could not be evaluated.
    pub holds: Option<bool>,
    /// The values that decided it (empty when it was not evaluated).
    pub because: String,
}

/// A source, with a link only when it is safe to follow.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// As written.
    pub text: String,
    /// The URL, for `http:`, `https:` and `mailto:` sources only.
    pub url: Option<String>,
}

/// An artifact, with a link relative to the output.
#[derive(Clone, Debug, Serialize)]
pub struct ArtifactView {
    /// The path as written.
    pub path: String,
    /// A relative URL from the output file to the artifact, when the artifact is inside
    /// the project.
    pub href: Option<String>,
    /// `title`
    pub title: Option<String>,
    /// `kind`
    #[serde(serialize_with = "optional_keyword")]
    pub kind: Option<ArtifactKind>,
    /// The pinned sha256, if any.
    pub sha256: Option<String>,
    /// The first rows of a CSV artifact and its numeric columns.
    pub preview: Option<CsvPreview>,
    /// What `crux check` found wrong with this very file, in its words: the
    /// `missing-artifact` or `stale-artifact` message, when one was reported.
    pub problem: Option<String>,
}

/// One relation.
#[derive(Clone, Debug, Serialize)]
pub struct EdgeView {
    /// A unique id, `edge-SOURCE-TARGET` (see [`edge_ids`]).
    pub id: String,
    /// The source node's ID.
    pub source: String,
    /// The target node's ID.
    pub target: String,
    /// `supports`, `attacks`, `contradicts` or `undercuts`.
    #[serde(serialize_with = "keyword")]
    pub relation: Relation,
    /// The weight in effect.
    pub weight: f64,
    /// For an undercut: the index of the edge whose inference it attacks.
    pub undercuts: Option<usize>,
    /// `file:line:col` of the statement.
    pub location: String,
}

/// A check finding, located.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticView {
    /// Rule code.
    pub code: &'static str,
    /// Rule name.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// File name.
    pub file: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// The node the finding is about, when its location is inside one.
    pub node: Option<String>,
}

/// Where things are, for locations and artifact links.
pub struct Context<'a> {
    /// The loaded files (for `file:line:col`).
    pub sources: &'a [crate::syntax::SourceFile],
    /// The directory the output is written to (artifact links are relative to it).
    pub output_dir: PathBuf,
    /// Finds an artifact on disk and reads its preview (`project::preview::access`):
    /// the only way the map learns anything about an artifact's file.
    pub artifact: &'a dyn Fn(&crate::model::ArtifactRef) -> ArtifactAccess,
    /// How verdicts are judged (`verdict:` in `crux.yaml`).
    pub verdict: VerdictOptions,
}

/// Lexically normalised absolute path (the empty path is the current folder, as for
/// `artifact ""` in a file of the current folder).
fn normal(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to the directory `from`, as a URL path (`/` separated, percent-encoded).
pub fn relative_url(from: &Path, to: &Path) -> String {
    let parts = crate::project::artifact::relative_parts(&normal(from), &normal(to));
    if parts.is_empty() {
        return ".".into();
    }
    parts
        .iter()
        .map(|p| percent_encode(p))
        .collect::<Vec<_>>()
        .join("/")
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(sources: &[crate::syntax::SourceFile], span: crate::syntax::Span) -> String {
    let file = &sources[span.file.0 as usize];
    format!("{}:{}", file.name, file.line_col(span.start))
}

/// Builds the render model; `verdicts` were judged with `cx.verdict`.
pub fn build(
    graph: &ArgGraph,
    labels: &Labelling,
    strengths: &crate::semantics::weighted::Strengths,
    verdicts: &Verdicts,
    diagnostics: &[Diagnostic],
    cx: &Context<'_>,
) -> RenderModel {
    let g = &graph.graph;
    let order = graph.nodes_in_order();
    let mut edge_order: Vec<_> = g.edge_references().collect();
    edge_order.sort_by_key(|e| (e.weight().origin, e.id().index()));
    let edge_pos: std::collections::HashMap<_, usize> = edge_order
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id(), i))
        .collect();
    let ids = edge_ids(
        edge_order
            .iter()
            .map(|e| (g[e.source()].id.as_str(), g[e.target()].id.as_str())),
    );
    let edges: Vec<EdgeView> = edge_order
        .iter()
        .zip(ids)
        .map(|(e, id)| {
            let (s, t) = (&g[e.source()].id, &g[e.target()].id);
            EdgeView {
                id,
                source: s.to_string(),
                target: t.to_string(),
                relation: e.weight().relation,
                weight: e.weight().weight,
                undercuts: e.weight().undercuts.and_then(|u| edge_pos.get(&u).copied()),
                location: location(cx.sources, e.weight().origin),
            }
        })
        .collect();
    // Each node's edges in, and out, by position in `edge_order`, ascending: one pass
    // over the edges, not one per node.
    let mut incoming_of = vec![Vec::new(); g.node_count()];
    let mut outgoing_of = vec![Vec::new(); g.node_count()];
    for (i, e) in edge_order.iter().enumerate() {
        incoming_of[e.target().index()].push(i);
        outgoing_of[e.source().index()].push(i);
    }
    let nodes = order
        .iter()
        .map(|&n| {
            let node = &g[n];
            let incoming = std::mem::take(&mut incoming_of[n.index()]);
            let outgoing = std::mem::take(&mut outgoing_of[n.index()]);
            let judgement = verdicts.get(n);
            NodeView {
                id: node.id.to_string(),
                kind: node.kind,
                text: node.text.to_string(),
                by: node.by.as_ref().map(ToString::to_string),
                tags: node.tags.iter().map(ToString::to_string).collect(),
                note: node.note.as_ref().map(ToString::to_string),
                credence: node.base_credence(),
                status: node.status.map(|(s, _)| s),
                verdict: judgement.verdict,
                why: judgement.why(graph, &cx.verdict),
                standard: judgement.standard,
                strength: strengths.values[n.index()],
                label: labels.get(n.index() as u32),
                sources: node
                    .sources
                    .iter()
                    .map(|(text, _)| SourceView {
                        text: text.to_string(),
                        url: safe_url(text),
                    })
                    .collect(),
                artifacts: node
                    .artifacts
                    .iter()
                    .map(|a| {
                        let (href, preview) = match (cx.artifact)(a) {
                            ArtifactAccess::Outside => (None, None),
                            ArtifactAccess::Inside(preview) => {
                                (Some(relative_url(&cx.output_dir, &a.resolved)), preview)
                            }
                        };
                        // The rules point at the path (missing) or at the pin (stale).
                        let pin = a.sha256.as_ref().map(|(_, span)| *span);
                        let problem = diagnostics
                            .iter()
                            .find(|d| {
                                matches!(d.name, "missing-artifact" | "stale-artifact")
                                    && (d.primary.span == a.path_span
                                        || Some(d.primary.span) == pin)
                            })
                            .map(|d| d.message.clone());
                        ArtifactView {
                            path: a.path.clone(),
                            href,
                            title: a.title.clone(),
                            kind: a.kind,
                            sha256: a.sha256.as_ref().map(|(h, _)| h.clone()),
                            preview,
                            problem,
                        }
                    })
                    .collect(),
                expectations: node
                    .expectations
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let outcome = node.outcomes.get(i).cloned().flatten();
                        ExpectationView {
                            text: e.text.clone(),
                            holds: outcome.as_ref().map(|o| o.0),
                            because: outcome.map(|o| o.1).unwrap_or_default(),
                        }
                    })
                    .collect(),
                location: location(cx.sources, node.header_span),
                incoming,
                outgoing,
            }
        })
        .collect();
    let spans = SpanIndex::new(g.node_weights().map(|n| n.span));
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let file = &cx.sources[d.primary.span.file.0 as usize];
            let lc = file.line_col(d.primary.span.start);
            DiagnosticView {
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: d.message.clone(),
                file: file.name.clone(),
                line: lc.line,
                column: lc.column,
                node: spans
                    .first_containing(d.primary.span)
                    .map(|i| g[petgraph::graph::NodeIndex::new(i)].id.to_string()),
            }
        })
        .collect();
    let mut authors: Vec<String> = Vec::new();
    for (_, fm) in &graph.front_matter {
        for a in &fm.authors {
            if !authors.contains(a) {
                authors.push(a.clone());
            }
        }
    }
    // The title and the description of one file: a debate titled by one file is not
    // described by another's description.
    let titled = graph.front_matter.iter().find(|(_, f)| f.title.is_some());
    let of_title = |key: fn(&FrontMatter) -> &Option<String>| match titled {
        Some((_, f)) => key(f).clone(),
        None => (graph.front_matter.iter()).find_map(|(_, f)| key(f).clone()),
    };
    let description = of_title(|f| &f.description);
    RenderModel {
        schema: SCHEMA_VERSION,
        title: titled.and_then(|(_, f)| f.title.clone()),
        description,
        authors,
        source: of_title(|f| &f.source),
        date: of_title(|f| &f.date),
        nodes,
        edges,
        diagnostics,
        strengths_converged: strengths.converged,
    }
}

/// One connected part of a map: the nodes linked to each other by relations (an
/// undercut links its source to both ends of the relation it undercuts), as the HTML
/// page shows one debate at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Indices into [`RenderModel::nodes`], in the model's order.
    pub nodes: Vec<usize>,
    /// The index of the part's first thesis, if it has one.
    pub thesis: Option<usize>,
}

impl Part {
    /// What the part is called where it is shown on its own (a tab of the page, a page
    /// of the PDF): its thesis's text on one line, else the thesis's ID, or "Nodes
    /// without a thesis".
    pub fn title(&self, model: &RenderModel) -> String {
        match self.thesis.map(|i| &model.nodes[i]) {
            Some(t) if !t.text.is_empty() => crate::text::reflow(&t.text),
            Some(t) => t.id.clone(),
            None => "Nodes without a thesis".into(),
        }
    }
}

impl RenderModel {
    /// For an undercut `A -> B`: A and B, as written. The edge it undercuts runs from A
    /// to B, or from B to A when it is a contradiction (which attacks both ways).
    pub fn inference<'a>(&'a self, edge: &'a EdgeView) -> Option<(&'a str, &'a str)> {
        let u = self.edges.get(edge.undercuts?)?;
        Some(if u.target == edge.target {
            (u.source.as_str(), u.target.as_str())
        } else {
            (u.target.as_str(), u.source.as_str())
        })
    }

    /// The connected parts of the map, each debate on its own: the parts that hold a
    /// thesis, in the order of their first thesis, then, as one last part, every node
    /// of the parts without a thesis (when there are any). A map without any thesis is
    /// one part.
    pub fn parts(&self) -> Vec<Part> {
        let n = self.nodes.len();
        let index: std::collections::HashMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.as_str(), i))
            .collect();
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut union = |a: &str, b: &str| {
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        };
        for e in &self.edges {
            union(&e.source, &e.target);
            if let Some(u) = e.undercuts.and_then(|j| self.edges.get(j)) {
                union(&e.source, &u.source);
                union(&e.source, &u.target);
            }
        }
        // Components by their smallest node index, which is their first node.
        let mut by_root: std::collections::BTreeMap<usize, Part> = Default::default();
        for i in 0..n {
            let part = by_root.entry(find(&mut parent, i)).or_insert(Part {
                nodes: Vec::new(),
                thesis: None,
            });
            part.nodes.push(i);
            if part.thesis.is_none() && self.nodes[i].kind == NodeKind::Thesis {
                part.thesis = Some(i);
            }
        }
        let (mut parts, rest): (Vec<Part>, Vec<Part>) =
            by_root.into_values().partition(|p| p.thesis.is_some());
        parts.sort_by_key(|p| p.thesis);
        let mut stray: Vec<usize> = rest.into_iter().flat_map(|p| p.nodes).collect();
        if !stray.is_empty() {
            stray.sort_unstable();
            parts.push(Part {
                nodes: stray,
                thesis: None,
            });
        }
        parts
    }

    /// The index of a node by ID.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The part of the map under one node (`render.root` in `crux.yaml`): the node and
    /// every node whose relations lead to it. Relations, undercut references and the
    /// incoming/outgoing lists are renumbered; findings about dropped nodes are dropped.
    pub fn rooted_at(self, root: &str) -> Result<RenderModel, String> {
        if self.node_index(root).is_none() {
            return Err(no_root(self.nodes.iter().map(|n| n.id.as_str()), root));
        }
        // Walk backwards: whoever points at a kept node is kept, and a contradiction
        // attacks both ways, whichever side it is written on. Each node's sources are
        // listed once, so the walk is linear in the edges, however deep the debate.
        let mut sources: std::collections::HashMap<&str, Vec<&str>> =
            std::collections::HashMap::new();
        for e in &self.edges {
            sources.entry(&e.target).or_default().push(&e.source);
            if e.relation == crate::syntax::ast::Relation::Contradicts {
                sources.entry(&e.source).or_default().push(&e.target);
            }
        }
        let mut keep: std::collections::HashSet<String> = std::collections::HashSet::new();
        keep.insert(root.to_string());
        let mut todo = vec![root];
        while let Some(id) = todo.pop() {
            for &source in sources.get(id).into_iter().flatten() {
                if keep.insert(source.to_string()) {
                    todo.push(source);
                }
            }
        }
        drop(sources);
        Ok(self.keep(&keep))
    }

    /// The model of one part of the map (see [`RenderModel::parts`]), drawn on its own.
    pub fn part(&self, part: &Part) -> RenderModel {
        let keep = (part.nodes.iter())
            .map(|&i| self.nodes[i].id.clone())
            .collect();
        self.clone().keep(&keep)
    }

    /// The model with only the nodes in `keep`, the relations between them, and the
    /// findings on them or on no node.
    fn keep(mut self, keep: &std::collections::HashSet<String>) -> RenderModel {
        let old_edges = std::mem::take(&mut self.edges);
        let mut renumber = vec![None; old_edges.len()];
        for (i, e) in old_edges.iter().enumerate() {
            if keep.contains(&e.source) && keep.contains(&e.target) {
                renumber[i] = Some(self.edges.len());
                self.edges.push(e.clone());
            }
        }
        for e in &mut self.edges {
            e.undercuts = e.undercuts.and_then(|j| renumber[j]);
        }
        self.nodes.retain(|n| keep.contains(&n.id));
        // Each node's edges in, and out, ascending: one pass over the edges.
        let mut incoming: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        let mut outgoing: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, e) in self.edges.iter().enumerate() {
            incoming.entry(&e.target).or_default().push(i);
            outgoing.entry(&e.source).or_default().push(i);
        }
        for n in &mut self.nodes {
            n.incoming = incoming.remove(n.id.as_str()).unwrap_or_default();
            n.outgoing = outgoing.remove(n.id.as_str()).unwrap_or_default();
        }
        self.diagnostics
            .retain(|d| d.node.as_ref().is_none_or(|id| keep.contains(id)));
        self
    }
}

/// The spans of the nodes, sorted, to find the node a diagnostic points into without
/// a pass over every node per diagnostic.
struct SpanIndex {
    /// `(file, start, end, node)`, sorted.
    sorted: Vec<(u32, u32, u32, usize)>,
    /// The largest `end` of `sorted[..=k]` within the same file.
    reach: Vec<u32>,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = crate::syntax::Span>) -> Self {
        let mut sorted: Vec<_> = spans
            .enumerate()
            .map(|(i, s)| (s.file.0, s.start, s.end, i))
            .collect();
        sorted.sort_unstable();
        let mut reach = Vec::with_capacity(sorted.len());
        for (k, &(file, _, end, _)) in sorted.iter().enumerate() {
            let before = match k.checked_sub(1).map(|j| (sorted[j].0, reach[j])) {
                Some((f, r)) if f == file => r,
                _ => 0,
            };
            reach.push(end.max(before));
        }
        SpanIndex { sorted, reach }
    }

    /// The first node (in node order) whose span contains `span`.
    fn first_containing(&self, span: crate::syntax::Span) -> Option<usize> {
        let file = span.file.0;
        let mut k = self
            .sorted
            .partition_point(|&(f, start, _, _)| (f, start) <= (file, span.start));
        let mut best: Option<usize> = None;
        while k > 0 {
            k -= 1;
            let (f, _, end, node) = self.sorted[k];
            if f != file || self.reach[k] < span.end {
                break;
            }
            if end >= span.end {
                best = Some(best.map_or(node, |b| b.min(node)));
            }
        }
        best
    }
}

/// The edges' IDs, in the order of their `(source, target)` pairs: `edge-SOURCE-TARGET`,
/// with `-2`, `-3`... appended for a pair that repeats, or for one whose ID another
/// pair already took (IDs may hold `-`: `a` → `b-c` and `a-b` → `c` would both be
/// `edge-a-b-c`). Unique, and the same for the same debate.
pub(crate) fn edge_ids<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    pairs
        .map(|(s, t)| {
            let base = format!("edge-{s}-{t}");
            let n = next.entry(base.clone()).or_insert(1);
            let mut id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            while !taken.insert(id.clone()) {
                *n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

/// Why the map cannot be rooted at `root`, which none of the `ids` is, with the likeliest
/// typo: the one wording of `--root` and `render.root` for every command.
pub fn no_root<'a>(ids: impl Iterator<Item = &'a str>, root: &str) -> String {
    let hint = crate::text::closest(ids, root)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    format!("no node `{root}` to root the map at{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_ids_are_unique_when_node_ids_hold_hyphens() {
        let pairs = [
            ("a", "b-c"),
            ("a-b", "c"),
            ("a-b", "c-2"),
            ("a", "b"),
            ("a", "b"),
        ];
        assert_eq!(
            edge_ids(pairs.into_iter()),
            [
                "edge-a-b-c",
                "edge-a-b-c-2",
                "edge-a-b-c-2-2",
                "edge-a-b",
                "edge-a-b-2"
            ]
        );
    }

    #[test]
    fn relative_urls_climb_and_encode() {
        assert_eq!(
            relative_url(
                Path::new("/p/out"),
                Path::new("/p/claims/artifacts/a b.csv")
            ),
            "../claims/artifacts/a%20b.csv"
        );
        assert_eq!(
            relative_url(Path::new("/p"), Path::new("/p/x.csv")),
            "x.csv"
        );
    }

    #[test]
    fn an_empty_path_is_the_current_folder_not_the_file_system_root() {
        // `artifact ""` in `d.crux`, rendered from its folder to standard output.
        assert_eq!(relative_url(Path::new("."), Path::new("")), ".");
        assert_eq!(relative_url(Path::new(""), Path::new("")), ".");
        assert_eq!(relative_url(Path::new("/p"), Path::new("/p")), ".");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(relative_url(&cwd, Path::new("")), ".");
    }
    #[test]
    fn the_span_index_finds_what_a_pass_over_the_nodes_finds() {
        use crate::syntax::{FileId, Span};
        let span = |f: u32, a: u32, b: u32| Span {
            file: FileId(f),
            start: a,
            end: b,
        };
        // Nodes in two files, one inside another, and a gap.
        let nodes = [
            span(0, 10, 20),
            span(0, 0, 9),
            span(1, 0, 50),
            span(0, 30, 60),
            span(0, 35, 40),
            span(1, 60, 70),
        ];
        let index = SpanIndex::new(nodes.iter().copied());
        for f in 0..2 {
            for a in 0..75 {
                for b in a..75 {
                    let d = span(f, a, b);
                    let slow = nodes.iter().position(|n| n.contains(d));
                    assert_eq!(index.first_containing(d), slow, "{d:?}");
                }
            }
        }
    }
}
