//! `textDocument/codeAction`: quick fixes for the findings under the cursor. A finding
//! whose help says "did you mean `X`?" offers X in place of what is written; an
//! unpinned or stale artifact offers its current sha256 (as `crux pin` writes it); a
//! finding inside a node offers a `# crux: allow(RULE)` above that node.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use super::convert::{path_to_uri, range};
use super::diagnostics::to_lsp;
use super::workspace::{Analysis, Workspace};
use super::{Failure, file_of};
use crate::diagnostic::Diagnostic;
use crate::project::pin::pin_edit;
use crate::syntax::{SourceFile, Span};

/// Rules a suppression cannot silence, or that are about suppressions.
const NOT_SUPPRESSIBLE: [&str; 2] = ["syntax-error", "invalid-suppression"];

/// The quick fixes for every finding whose place meets the requested range.
// `WorkspaceEdit::changes` is keyed by URI, which clippy counts as a mutable key.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(
    w: &mut Workspace,
    p: CodeActionParams,
) -> Result<Option<CodeActionResponse>, Failure> {
    let Some(file) = file_of(w, &p.text_document.uri) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    let mut out = Vec::new();
    for d in &analysis.diagnostics {
        if d.primary.span.file.0 as usize != file {
            continue;
        }
        let r = range(source, d.primary.span);
        if r.end < p.range.start || p.range.end < r.start {
            continue;
        }
        for (title, edits, preferred) in fixes(analysis, source, d) {
            let mut changes = HashMap::new();
            changes.insert(path_to_uri(&source.path), edits);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(d, &analysis.debate.sources)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(preferred),
                ..Default::default()
            }));
        }
    }
    Ok(Some(out))
}

/// The word a help text suggests: the `X` of "did you mean `X`?".
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = &help[help.find("did you mean `")? + "did you mean `".len()..];
    Some(&rest[..rest.find('`')?])
}

/// The fixes of one finding: title, edits, and whether it is the one to prefer.
fn fixes(
    analysis: &Analysis,
    source: &SourceFile,
    d: &Diagnostic,
) -> Vec<(String, Vec<TextEdit>, bool)> {
    let mut out = Vec::new();
    let written = source.slice(d.primary.span);
    if let Some(word) = d.help.as_deref().and_then(suggestion)
        && !written.is_empty()
        && !written.contains(char::is_whitespace)
        && written != word
    {
        out.push((
            format!("Replace `{written}` with `{word}`"),
            vec![TextEdit::new(
                range(source, d.primary.span),
                word.to_string(),
            )],
            true,
        ));
    }
    if matches!(d.name, "unpinned-artifact" | "stale-artifact")
        && let Some((span, text)) = pin(analysis, d.primary.span)
    {
        out.push((
            "Pin the artifact's sha256 (crux pin)".to_string(),
            vec![TextEdit::new(range(source, span), text)],
            true,
        ));
    }
    if !NOT_SUPPRESSIBLE.contains(&d.name)
        && let Some(edit) = allow(analysis, source, d)
    {
        out.push((
            format!("Suppress `{}` on this node", d.name),
            vec![edit],
            false,
        ));
    }
    out
}

/// The edit that adds the finding's rule to a `# crux: allow(...)` above the node it is
/// in: to the list already there, or a new line.
fn allow(analysis: &Analysis, source: &SourceFile, d: &Diagnostic) -> Option<TextEdit> {
    let ast = analysis.debate.files.get(d.primary.span.file.0 as usize)?;
    let node = ast.nodes.iter().find(|n| n.span.contains(d.primary.span))?;
    if let Some(last) = node.allow.last() {
        let at = Span {
            start: last.span.end,
            ..last.span
        };
        return Some(TextEdit::new(range(source, at), format!(", {}", d.name)));
    }
    let line_start = source
        .lines
        .line_start(source.lines.line_of(node.span.start));
    let indent = source
        .text
        .get(line_start as usize..node.span.start as usize)
        .unwrap_or("");
    let at = Span::new(node.span.file, line_start as usize, line_start as usize);
    let eol = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Some(TextEdit::new(
        range(source, at),
        format!("{indent}# crux: allow({}){eol}", d.name),
    ))
}

/// The `crux pin` edit for the artifact at `span`: its current sha256 in place of the
/// pinned one, or inserted after its path.
fn pin(analysis: &Analysis, span: Span) -> Option<(Span, String)> {
    let artifact = analysis
        .debate
        .graph
        .graph
        .node_weights()
        .flat_map(|n| &n.artifacts)
        .find(|a| a.span.contains(span) || span.contains(a.path_span))?;
    let edit = pin_edit(artifact, &analysis.project_root, &mut HashMap::new()).ok()??;
    Some((edit.span, edit.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggestion_is_read_off_the_help() {
        assert_eq!(suggestion("did you mean `gpu-demand`?"), Some("gpu-demand"));
        assert_eq!(suggestion("add a source"), None);
    }
}
