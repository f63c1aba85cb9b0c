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
    /// The nodes that lines which do not parse were meant to start.
    pub headers: LostHeaders,
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
    // The node whose lines hold `span`'s start: where it starts, and what it became.
    let above = |span: Span| -> Option<(u32, Option<NodeIndex>)> {
        let nodes = starts.get(span.file.0 as usize)?;
        let after = nodes.partition_point(|(start, _)| *start <= span.start);
        nodes[..after].last().copied()
    };
    let owner = |span: Span| -> Option<NodeIndex> { above(span)?.1 };
    // Whether a node starts on the line where `span` starts, before it.
    let starts_on_its_line = |span: Span| -> bool {
        let (Some((start, _)), Some(file)) = (above(span), sources.get(span.file.0 as usize))
        else {
            return false;
        };
        start >= file.lines().line_start(file.lines().line_of(span.start))
    };
    let mut headers = LostHeaders::default();
    let mut lost_lines = Vec::new();
    for e in syntax_errors.iter().filter(|e| !e.is_front_matter()) {
        let header = lost_header(sources, e);
        if let Some((id, thesis)) = header {
            headers.ids.push(id.to_string());
            headers.thesis |= thesis;
        }
        if matches!(
            e.kind,
            SyntaxErrorKind::DuplicateAttribute { .. } | SyntaxErrorKind::MalformedDirective { .. }
        ) {
            continue;
        }
        // A line meant to start a node of its own that none starts on (`evidnce vet:
        // "..."`) is not a lost line of the node above it.
        if header.is_none() || starts_on_its_line(e.span) {
            lost_lines.push(e.span);
        }
    }
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
        headers,
    }
}

/// The ID after `supports` on the line of `file` that holds byte `at`, if the line
/// starts so.
fn supports_target(file: &SourceFile, at: u32) -> Option<&str> {
    let rest = line_at(file, at)?.trim_start().strip_prefix("supports")?;
    let rest = rest.strip_prefix([' ', '\t'])?.trim_start();
    let len = id_len(rest);
    (len > 0).then(|| &rest[..len])
}

/// The line of `file` that holds byte `at`, without its line break.
fn line_at(file: &SourceFile, at: u32) -> Option<&str> {
    let line = file.lines().line_of(at);
    let start = file.lines().line_start(line) as usize;
    let end = if line + 1 < file.lines().len() {
        file.lines().line_start(line + 1) as usize
    } else {
        file.text.len()
    };
    Some(file.text.get(start..end)?.trim_end_matches(['\n', '\r']))
}

/// How many bytes at the start of `text` could belong to an ID.
fn id_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len())
}

/// The nodes that lines which do not parse were meant to start: `thesys t: "..."`,
/// `thesis T: "..."`. What refers to them, and a debate whose thesis is among them,
/// wait for the syntax error to be fixed rather than being reported again.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct LostHeaders {
    /// The IDs such lines give, as written.
    pub ids: Vec<String>,
    /// Whether one of them was meant as a thesis (its first word is `thesis`, or a
    /// misspelling of it).
    pub thesis: bool,
}

/// The ID that the line where `e` starts gives, when that line is meant to start a
/// node (`WORD ID:`, WORD a node kind or no keyword at all), and whether it was meant
/// as a thesis.
fn lost_header<'a>(sources: &'a [SourceFile], e: &SyntaxError) -> Option<(&'a str, bool)> {
    let line = sources
        .get(e.span.file.0 as usize)
        .and_then(|f| line_at(f, e.span.start))?;
    let words = line.trim_start();
    let word = &words[..id_len(words)];
    let is_kind = |w: &str| {
        crate::syntax::kind::keyword(w, crate::syntax::kind::KeywordRole::NodeKind).is_some()
    };
    if word.is_empty() || !(is_kind(word) || crate::syntax::kind::keyword_of(word).is_none()) {
        return None;
    }
    let misspelt = match &e.kind {
        SyntaxErrorKind::UnknownKeyword { suggestion, .. } => *suggestion,
        _ => None,
    };
    let thesis = word == "thesis" || misspelt == Some("thesis");
    let after_word = &words[word.len()..];
    // At the start of a line, a node kind is a header whatever follows: `thesis: "A"`
    // (no ID), `thesis ai_helps; "A"`, `thesis a.b: "A"`, `thesis naïve: "A"`, a
    // full-width `：`.
    let header_line = line.len() == words.len() && is_kind(word);
    if header_line && after_word.starts_with([':', '：']) {
        return Some(("", thesis));
    }
    let rest = after_word.trim_start_matches([' ', '\t']);
    if rest.len() == after_word.len() {
        return None;
    }
    let id = match header_line {
        true => {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ':' | ';' | '：' | '"' | '“'))
                .unwrap_or(rest.len());
            &rest[..end]
        }
        false => &rest[..id_len(rest)],
    };
    let after = rest[id.len()..].trim_start_matches([' ', '\t']);
    let separated = match header_line {
        true => after.starts_with([':', ';', '：', '"', '“']),
        false => after.starts_with(':'),
    };
    if id.is_empty() || !separated {
        return None;
    }
    Some((id, thesis))
}

/// The graph node a syntax tree node became, unless it was dropped as a duplicate ID.
fn in_graph(graph: &ArgGraph, node: &ast::Node) -> Option<NodeIndex> {
    let &i = graph.index.get(&node.id.name)?;
    (graph.graph[i].id_span == node.id.span).then_some(i)
}
