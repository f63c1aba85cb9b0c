//! Nodes with a broken link: a relation that names no node (or no inference), or a
//! line of the node that does not parse. Such a node may be linked to the debate by
//! the relation that was lost, so the rules that judge how a node is linked
//! (`disconnected-node`, `unsupported-claim`, `counter-attacks-nothing`) leave it to the
//! finding that is already there instead of piling a follow-on finding on it. The same
//! goes for the node that a `supports` line that does not parse names: it may be
//! supported by it (`supports t 70%`).
//!
//! Phase: check. Reads the syntax trees, the syntax and resolve errors and the model.

use petgraph::graph::NodeIndex;

use crate::model::{ArgGraph, ResolveError};
use crate::syntax::{SourceFile, Span, SyntaxError, SyntaxErrorKind, ast};

/// What was lost, by `NodeIndex::index()`.
pub(crate) struct BrokenLinks {
    /// Whether the node has a relation or a line that was lost: how it is linked to the
    /// debate is not known.
    pub from: Vec<bool>,
    /// Whether the node has a line that does not parse (which may be any relation).
    pub unparsed: Vec<bool>,
    /// Whether a `supports` line that does not parse names the node: whether it is
    /// supported is not known.
    pub supported: Vec<bool>,
}

/// Finds the nodes with a broken link, and those a lost `supports` line names.
pub(crate) fn broken_links(
    graph: &ArgGraph,
    sources: &[SourceFile],
    files: &[ast::File],
    syntax_errors: &[SyntaxError],
    resolve_errors: &[ResolveError],
) -> BrokenLinks {
    // Each file's nodes by where they start: a node's lines run to the next node.
    let starts: Vec<Vec<(u32, Option<NodeIndex>)>> = files
        .iter()
        .map(|f| {
            let mut v: Vec<(u32, Option<NodeIndex>)> = f
                .nodes
                .iter()
                .map(|n| (n.span.start, in_graph(graph, n)))
                .collect();
            v.sort_by_key(|(start, _)| *start);
            v
        })
        .collect();
    let owner = |span: Span| -> Option<NodeIndex> {
        let nodes = starts.get(span.file.0 as usize)?;
        let after = nodes.partition_point(|(start, _)| *start <= span.start);
        nodes[..after].last()?.1
    };
    let lost_lines = syntax_errors
        .iter()
        .filter(|e| !e.is_front_matter())
        .filter(|e| {
            !matches!(
                e.kind,
                SyntaxErrorKind::DuplicateAttribute { .. } | SyntaxErrorKind::MalformedDirective
            )
        })
        .map(|e| e.span)
        .collect::<Vec<_>>();
    let mut supported = vec![false; graph.graph.node_count()];
    for span in &lost_lines {
        let target = sources
            .get(span.file.0 as usize)
            .and_then(|f| supports_target(f, span.start))
            .and_then(|id| graph.index.get(id));
        if let Some(n) = target {
            supported[n.index()] = true;
        }
    }
    let lost_relations = resolve_errors.iter().filter_map(|e| match e {
        ResolveError::UnknownReference { span, .. }
        | ResolveError::UnknownInference { span, .. } => Some(*span),
        ResolveError::DuplicateId { .. } | ResolveError::DuplicateRelation { .. } => None,
    });
    let mut unparsed = vec![false; graph.graph.node_count()];
    for n in lost_lines.into_iter().filter_map(owner) {
        unparsed[n.index()] = true;
    }
    let mut from = unparsed.clone();
    for n in lost_relations.filter_map(owner) {
        from[n.index()] = true;
    }
    BrokenLinks {
        from,
        unparsed,
        supported,
    }
}

/// The ID after `supports` on the line of `file` that holds byte `at`, if the line
/// starts so.
fn supports_target(file: &SourceFile, at: u32) -> Option<&str> {
    let line = file.lines().line_of(at);
    let start = file.lines().line_start(line) as usize;
    let end = if line + 1 < file.lines().len() {
        file.lines().line_start(line + 1) as usize
    } else {
        file.text.len()
    };
    let text = file.text.get(start..end)?.trim_end_matches(['\n', '\r']);
    let rest = text.trim_start().strip_prefix("supports")?;
    let rest = rest.strip_prefix([' ', '\t'])?.trim_start();
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// The graph node a syntax tree node became, unless it was dropped as a duplicate ID.
fn in_graph(graph: &ArgGraph, node: &ast::Node) -> Option<NodeIndex> {
    let &i = graph.index.get(&node.id.name)?;
    (graph.graph[i].id_span == node.id.span).then_some(i)
}
