//! `textDocument/hover`: a node's card, as Markdown, on its ID or any reference to it;
//! a rule's summary on its name in `# crux: allow(...)`.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use petgraph::Direction;
use petgraph::visit::EdgeRef;

use super::Failure;
use super::convert::range;
use super::navigate::{Target, target};
use super::workspace::{Analysis, Workspace};
use crate::check::registry::lookup;
use crate::model::ArgGraph;
use crate::syntax::ast::Relation;
use crate::text::number;

/// The hover of the name under the cursor.
pub fn hover(w: &mut Workspace, p: HoverParams) -> Result<Option<Hover>, Failure> {
    let Some((file, target)) = target(w, &p.text_document_position_params) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let (markdown, span) = match &target {
        Target::Node { id, span, .. } => match card(analysis, id) {
            Some(md) => (md, *span),
            None => (format!("No node `{id}` in the debate."), *span),
        },
        Target::Rule { name, span } => match lookup(name) {
            Some(rule) => (
                format!(
                    "**{}** ({}, {} by default)\n\n{}\n\nMore: `crux rule {}`",
                    rule.name,
                    rule.code,
                    rule.default_severity,
                    rule.summary(),
                    rule.name
                ),
                *span,
            ),
            None => (format!("No rule `{name}`: `crux rules` lists them."), *span),
        },
    };
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range(analysis.source(file), span)),
    }))
}

/// Inline code, with a backtick in the text made harmless.
fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

/// A node's card: kind, ID, verdict and strength, text, sources, artifacts, and what
/// bears on it and what it bears on.
pub fn card(analysis: &Analysis, id: &str) -> Option<String> {
    let graph = &analysis.debate.graph;
    let &index = graph.index.get(id)?;
    let node = &graph.graph[index];
    let (verdicts, strengths) = analysis.judged();
    let judgement = verdicts.get(index);
    let mut out = format!(
        "**{} {}** — **{}** (strength {}, standard {})\n\n{}\n",
        node.kind.keyword(),
        code(&node.id),
        judgement.verdict.word(),
        crate::text::strength(strengths.of(index)),
        judgement.standard.keyword(),
        crate::text::reflow(&node.text)
    );
    let mut facts = Vec::new();
    if let Some((credence, _)) = node.credence {
        facts.push(format!("credence {}", number(credence)));
    }
    if let Some((status, _)) = node.status {
        facts.push(format!("status {}", status.keyword()));
    }
    if let Some(by) = &node.by {
        facts.push(format!("by {by}"));
    }
    if !node.tags.is_empty() {
        facts.push(format!("tags {}", node.tags.join(", ")));
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n{}\n", facts.join(" · ")));
    }
    if let Some(note) = &node.note {
        out.push_str(&format!("\n*Note:* {note}\n"));
    }
    if let Some(refuted) = &node.refuted {
        out.push_str(&format!("\n*Refuted by its own data:* {refuted}\n"));
    }
    if !node.sources.is_empty() {
        out.push_str("\n**Sources**\n");
        for (s, _) in &node.sources {
            out.push_str(&format!("- {s}\n"));
        }
    }
    if !node.artifacts.is_empty() {
        out.push_str("\n**Artifacts**\n");
        for a in &node.artifacts {
            let pin = match &a.sha256 {
                Some(_) => "pinned",
                None => "not pinned",
            };
            out.push_str(&format!("- {} ({pin})\n", code(&a.path)));
        }
    }
    for (title, direction, relations) in [
        (
            "Supported by",
            Direction::Incoming,
            &[Relation::Supports][..],
        ),
        (
            "Attacked by",
            Direction::Incoming,
            &[Relation::Attacks, Relation::Contradicts][..],
        ),
        (
            "Contradicts",
            Direction::Outgoing,
            &[Relation::Contradicts][..],
        ),
        ("Supports", Direction::Outgoing, &[Relation::Supports][..]),
        ("Attacks", Direction::Outgoing, &[Relation::Attacks][..]),
    ] {
        let list = related(graph, index, direction, relations, verdicts);
        if !list.is_empty() {
            out.push_str(&format!("\n**{title}**: {}\n", list.join(", ")));
        }
    }
    let source = analysis.source(node.span.file.0 as usize);
    out.push_str(&format!(
        "\n*{}:{}*",
        source.name,
        source.line_col(node.id_span.start)
    ));
    Some(out)
}

/// The nodes at the other end of the node's edges of some relations, each with the
/// edge's weight and its own verdict.
fn related(
    graph: &ArgGraph,
    index: petgraph::graph::NodeIndex,
    direction: Direction,
    relations: &[Relation],
    verdicts: &crate::semantics::carneades::Verdicts,
) -> Vec<String> {
    graph
        .graph
        .edges_directed(index, direction)
        .filter(|e| relations.contains(&e.weight().relation))
        .map(|e| {
            let other = match direction {
                Direction::Incoming => e.source(),
                Direction::Outgoing => e.target(),
            };
            format!(
                "{} ({}, {})",
                code(&graph.graph[other].id),
                number(e.weight().weight),
                verdicts.verdict(other).word()
            )
        })
        .collect()
}
