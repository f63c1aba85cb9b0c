//! `textDocument/inlayHint`: each node's verdict and strength at the end of its header
//! line, as `crux explain` gives them (`stands · 0.77`), with the sentence that says
//! why as the tooltip; so an author sees what the debate concludes while writing it.

use lsp_types::{InlayHint, InlayHintLabel, InlayHintParams, InlayHintTooltip};

use super::convert::position;
use super::workspace::Workspace;
use super::{Failure, file_of};

/// The hints of the nodes whose header line is in the range asked for.
pub fn inlay_hints(
    w: &mut Workspace,
    p: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>, Failure> {
    let Some(file) = file_of(w, &p.text_document.uri) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    let graph = &analysis.debate.graph;
    let (verdicts, strengths) = analysis.judged();
    let mut hints = Vec::new();
    for node in &analysis.debate.files[file].nodes {
        let Some(&index) = graph.index.get(node.id.name.as_str()) else {
            continue;
        };
        // An ID written twice: the debate's node is one of the headers; the other
        // gets no hint rather than another node's.
        if graph.graph[index].id_span != node.id.span {
            continue;
        }
        let at = crate::text::line_end(&source.text, node.id.span.end as usize);
        let at = position(source, at as u32);
        if at.line < p.range.start.line || at.line > p.range.end.line {
            continue;
        }
        let judgement = verdicts.get(index);
        hints.push(InlayHint {
            position: at,
            label: InlayHintLabel::String(format!(
                "{} · {}",
                judgement.verdict.word(),
                crate::text::strength(strengths.of(index))
            )),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!(
                "{} (strength: DF-QuAD, 0 to 1)",
                judgement.why(graph, &analysis.verdict)
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Ok(Some(hints))
}
