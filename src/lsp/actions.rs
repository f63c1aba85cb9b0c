//! `textDocument/codeAction`: quick fixes for the findings under the cursor. A finding
//! with a suggestion (the "did you mean `X`?" of an unknown ID, rule name, keyword,
//! proof standard or artifact path) offers X in place of what is written; an
//! unpinned or stale artifact offers its current sha256 (as `crux pin` writes it); a
//! finding inside a node offers a `# crux: allow(RULE)` above that node. A file with
//! problems of notation offers to mend them all at once (`source.fixAll.crux`, the edits
//! `crux check --fix` makes; editors can run it on save).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use super::convert::range;
use super::diagnostics::to_lsp;
use super::workspace::{Analysis, Workspace};
use super::{Failure, file_of};
use crate::diagnostic::Diagnostic;
use crate::project::pin::pin_edit;
use crate::syntax::{SourceFile, Span};

/// The kind of the action that mends every problem of notation in a file.
pub const FIX_ALL: &str = "source.fixAll.crux";

/// Whether a `# crux: allow(...)` could silence the finding: not one of a rule that
/// is always an error, nor one about suppressions themselves.
fn suppressible(name: &str) -> bool {
    crate::check::lookup(name)
        .is_some_and(|r| !r.rule.always_error() && r.rule != crate::check::Rule::InvalidSuppression)
}

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
    // Kinds the client asked for (all when it names none): an asked kind covers the
    // kinds below it (`source` covers `source.fixAll.crux`).
    let wanted = |kind: &CodeActionKind| {
        p.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wanted(&fix_all)
        && let Some((_, mended)) = crate::check::notation_edits(&analysis.diagnostics)
            .into_iter()
            .find(|(f, _)| f.0 as usize == file)
    {
        let edits = mended
            .iter()
            .map(|s| TextEdit::new(range(source, s.span), s.replacement.clone()))
            .collect();
        let mut changes = HashMap::new();
        changes.insert(analysis.uri(file), edits);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!(
                "Mend {} of notation (as `crux check --fix`)",
                crate::diagnostic::plural(mended.len(), "problem")
            ),
            kind: Some(fix_all),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    if !wanted(&CodeActionKind::QUICKFIX) {
        return Ok(Some(out));
    }
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
            changes.insert(analysis.uri(file), edits);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(d, analysis)]),
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

/// The fixes of one finding: title, edits, and whether it is the one to prefer.
fn fixes(
    analysis: &Analysis,
    source: &SourceFile,
    d: &Diagnostic,
) -> Vec<(String, Vec<TextEdit>, bool)> {
    let mut out = Vec::new();
    if let Some(s) = &d.suggestion
        && s.span.file == d.primary.span.file
    {
        let written = source.slice(s.span);
        if written != s.replacement {
            out.push((
                format!("Replace `{written}` with `{}`", s.replacement),
                vec![TextEdit::new(range(source, s.span), s.replacement.clone())],
                true,
            ));
        }
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
    if suppressible(d.name)
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
    let mut line_start = source
        .lines()
        .line_start(source.lines().line_of(node.span.start));
    // The new line goes after a byte order mark, which stays the file's first bytes.
    if line_start == 0 && source.text.starts_with('\u{FEFF}') {
        line_start = '\u{FEFF}'.len_utf8() as u32;
    }
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
    let holder = &analysis.source(artifact.span.file.0 as usize).path;
    let edit = pin_edit(
        artifact,
        holder,
        &analysis.project_root,
        &mut HashMap::new(),
    )
    .ok()??;
    Some((edit.span, edit.text))
}

#[cfg(test)]
mod tests {
    use crate::syntax::SourceFile;

    /// The line that suppresses a finding goes after a byte order mark, which stays
    /// the file's first bytes (a second one would be a syntax error).
    #[test]
    fn a_suppression_goes_after_the_byte_order_mark() {
        use super::super::workspace::{OpenDoc, Workspace, normalize};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.crux");
        for text in [
            "\u{FEFF}claim lonely: \"Nothing backs me.\"\n",
            "\u{FEFF}claim lonely: \"Nothing backs me.\"\r\n",
        ] {
            let mut w = Workspace::new(dir.path().to_path_buf());
            let doc = OpenDoc {
                text: text.to_string(),
                version: 1,
                shown: path.clone(),
            };
            w.open.insert(normalize(&path), doc);
            let analysis = w.analysis();
            let file = analysis.file(&path).unwrap();
            let source = analysis.source(file);
            let d = (analysis.diagnostics.iter())
                .find(|d| d.name == "unsupported-claim")
                .unwrap();
            let edit = super::allow(analysis, source, d).unwrap();
            let at = super::super::convert::offset(source, edit.range.start).unwrap() as usize;
            let mut fixed = text.to_string();
            fixed.insert_str(at, &edit.new_text);
            let eol = if text.ends_with("\r\n") { "\r\n" } else { "\n" };
            assert_eq!(
                fixed,
                format!(
                    "\u{FEFF}# crux: allow(unsupported-claim){eol}{}",
                    &text[3..]
                )
            );
        }
    }

    /// Each "did you mean" comes with its edit: the misspelt text, and what replaces it;
    /// so does advice that rewrites a line (text without quotes).
    #[test]
    fn findings_that_suggest_a_word_carry_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/table.csv"), "a,b\n").unwrap();
        let text = "thesis t: \"T.\"\n  standard preponderence\n\
                    # crux: allow(unsuported-claim)\nclaim c: \"C.\"\n  suports t\n\
                    \x20 artifact \"data/tabel.csv\"\nclaim d: \"D.\"\n  supports tt\n  by Alice\n\
                    evidence e: \"E.\"\n  supports t\n  artifact \"data/table.csv\"\n\
                    \x20 expect \"sum(a) = 1\"\n";
        let path = dir.path().join("m.crux");
        let source = SourceFile::new("m.crux", &path, text.to_string());
        let debate = crate::parse_debate(vec![source.clone()], Default::default());
        let diagnostics = crate::check_debate(
            &debate,
            dir.path(),
            &Default::default(),
            &Default::default(),
        );
        let mut fixes: Vec<(&str, &str, &str)> = diagnostics
            .iter()
            .filter_map(|d| {
                let s = d.suggestion.as_ref()?;
                assert!(
                    d.help
                        .as_deref()
                        .unwrap()
                        .contains(&s.replacement.replace('"', ""))
                );
                Some((d.name, source.slice(s.span), s.replacement.as_str()))
            })
            .collect();
        fixes.sort();
        assert_eq!(
            fixes,
            vec![
                ("invalid-expectation", "=", "=="),
                (
                    "invalid-suppression",
                    "unsuported-claim",
                    "unsupported-claim"
                ),
                (
                    "missing-artifact",
                    "\"data/tabel.csv\"",
                    "\"data/table.csv\""
                ),
                ("syntax-error", "Alice", "\"Alice\""),
                ("syntax-error", "preponderence", "preponderance"),
                ("syntax-error", "suports", "supports"),
                ("unknown-reference", "tt", "t"),
            ]
        );
        // A help without a word to put in has no edit.
        assert!(
            diagnostics
                .iter()
                .any(|d| d.help.is_some() && d.suggestion.is_none())
        );
    }
}
