//! What is under the cursor, and where else it is: definition, references, document
//! highlights and rename.

use std::collections::HashMap;

use lsp_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams, GotoDefinitionParams,
    GotoDefinitionResponse, Location, PrepareRenameResponse, ReferenceParams, RenameParams,
    TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use super::convert::{offset, range};
use super::workspace::{Analysis, Workspace};
use super::{Failure, file_of, refuse};
use crate::syntax::ast::{AttributeKind, File, Ident, Node};
use crate::syntax::kind::KeywordRole;
use crate::syntax::kind::SyntaxKind::{ATTACKS_KW, CONTRADICTS_KW, SUPPORTS_KW, UNDERCUTS_KW};
use crate::syntax::{FileId, Span};

/// A name the cursor can be on.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A node ID, where the node is written (`definition`) or where it is named.
    Node {
        /// The ID.
        id: String,
        /// Where this occurrence is.
        span: Span,
        /// Whether this is the node's header.
        definition: bool,
    },
    /// A rule name in `# crux: allow(...)`.
    Rule {
        /// The name as written.
        name: String,
        /// Where it is.
        span: Span,
    },
}

/// Every occurrence of a node ID in a file: headers (`true`) and references.
pub fn occurrences(file: &File) -> impl Iterator<Item = (&Ident, bool)> {
    file.nodes.iter().flat_map(names)
}

/// The IDs a node writes: its own (`true`), then the ones its relations name.
fn names(node: &Node) -> impl Iterator<Item = (&Ident, bool)> {
    std::iter::once((&node.id, true)).chain(node.attributes.iter().flat_map(|a| {
        let named: Vec<&Ident> = match &a.kind {
            AttributeKind::Edge { target, .. } => vec![target],
            AttributeKind::Undercut(u) => vec![&u.from, &u.to],
            _ => Vec::new(),
        };
        named.into_iter().map(|i| (i, false))
    }))
}

/// What is at byte `at` of file `file`: a node ID or a rule name. The end of a name
/// counts as on it, as editors put the cursor after a word.
pub fn target_at(analysis: &Analysis, file: usize, at: u32) -> Option<Target> {
    let ast = analysis.debate.files.get(file)?;
    let on = |s: Span| s.start <= at && at <= s.end && s.start < s.end;
    // Nodes are in source order: look only at the one the offset falls in, and its
    // neighbours (the offset may sit between nodes).
    let i = ast.nodes.partition_point(|n| n.span.end < at);
    for node in ast.nodes.iter().skip(i.saturating_sub(1)).take(3) {
        if let Some(rule) = node.allow.iter().find(|r| on(r.span)) {
            return Some(Target::Rule {
                name: rule.name.to_string(),
                span: rule.span,
            });
        }
        let found = names(node).find(|(ident, _)| on(ident.span));
        if let Some((ident, definition)) = found {
            return Some(Target::Node {
                id: ident.name.to_string(),
                span: ident.span,
                definition,
            });
        }
    }
    if let Some(r) = ast.unattached_allows.iter().find(|r| on(r.span)) {
        return Some(Target::Rule {
            name: r.name.to_string(),
            span: r.span,
        });
    }
    broken_mentions(analysis, Some(file))
        .into_iter()
        .find(|(_, span)| on(*span))
        .map(|(id, span)| Target::Node {
            id,
            span,
            definition: false,
        })
}

/// The IDs written on relation lines that do not parse (`supports t 1.5x`), with their
/// places; of one file, or of all. Such a line is missing from the debate, but it still
/// names its target, so finding, highlighting and renaming the node's references must
/// see it too.
fn broken_mentions(analysis: &Analysis, file: Option<usize>) -> Vec<(String, Span)> {
    let is_id = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    let mut out = Vec::new();
    let mut lines_seen = std::collections::HashSet::new();
    for e in &analysis.debate.syntax_errors {
        let f = e.span.file;
        if file.is_some_and(|file| f.0 as usize != file) {
            continue;
        }
        let text = analysis.source(f.0 as usize).text.as_str();
        let Some(at) = text.get(..e.span.start as usize).map(str::len) else {
            continue;
        };
        let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        if !lines_seen.insert((f, start)) {
            continue;
        }
        let line = &text[start..end];
        let body = line.trim_start_matches([' ', '\t']);
        let word = body.bytes().take_while(u8::is_ascii_lowercase).count();
        let relation = matches!(
            crate::syntax::kind::keyword(&body[..word], KeywordRole::Attribute),
            Some(SUPPORTS_KW | ATTACKS_KW | CONTRADICTS_KW | UNDERCUTS_KW)
        );
        if !relation {
            continue;
        }
        // Every ID-shaped word after the keyword, up to a comment, outside strings
        // (the words of a quoted text are the writer's, not references).
        let rest_at = start + (line.len() - body.len()) + word;
        let rest = &text[rest_at..end];
        let mut i = 0;
        let bytes = rest.as_bytes();
        while i < bytes.len() {
            if bytes[i] == b'#' {
                break;
            }
            if bytes[i] == b'"' {
                // To the closing quote (past escapes), or the end of an unclosed one.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            if bytes[i].is_ascii_lowercase()
                && (i == 0 || !is_id(bytes[i - 1]) && bytes[i - 1] != b'.')
            {
                let len = bytes[i..].iter().take_while(|&&b| is_id(b)).count();
                let name = rest[i..i + len].trim_end_matches('-');
                if crate::syntax::is_id(name) {
                    let s = rest_at + i;
                    out.push((name.to_string(), Span::new(f, s, s + name.len())));
                }
                i += len;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// The target under the cursor of a request.
pub fn target(w: &mut Workspace, p: &TextDocumentPositionParams) -> Option<(usize, Target)> {
    let file = file_of(w, &p.text_document.uri)?;
    let analysis = w.analysis();
    let at = offset(analysis.source(file), p.position)?;
    target_at(analysis, file, at).map(|t| (file, t))
}

/// Every place an ID is written, headers flagged `true`, in file order; with the
/// lines that do not parse ([`broken_mentions`]).
pub fn all_occurrences(analysis: &Analysis, id: &str) -> Vec<(Span, bool)> {
    let mut found: Vec<(Span, bool)> = analysis
        .debate
        .files
        .iter()
        .flat_map(occurrences)
        .filter(|(ident, _)| ident.name == id)
        .map(|(ident, def)| (ident.span, def))
        .collect();
    if !analysis.debate.syntax_errors.is_empty() {
        for (name, span) in broken_mentions(analysis, None) {
            if name == id && !found.iter().any(|(s, _)| *s == span) {
                found.push((span, false));
            }
        }
        found.sort_by_key(|(span, _)| (span.file, span.start));
    }
    found
}

fn location(analysis: &Analysis, span: Span) -> Location {
    let i = span.file.0 as usize;
    Location::new(analysis.uri(i), range(analysis.source(i), span))
}

/// `textDocument/definition`: the header of the node an ID names (every header, when
/// the ID is defined twice).
pub fn definition(
    w: &mut Workspace,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, Failure> {
    let Some((_, Target::Node { id, .. })) = target(w, &p.text_document_position_params) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let found: Vec<Location> = all_occurrences(analysis, &id)
        .into_iter()
        .filter(|(_, def)| *def)
        .map(|(span, _)| location(analysis, span))
        .collect();
    Ok(match found.len() {
        0 => None,
        1 => Some(GotoDefinitionResponse::Scalar(found[0].clone())),
        _ => Some(GotoDefinitionResponse::Array(found)),
    })
}

/// `textDocument/references`: every place the ID is named, its header too when the
/// client asks for the declaration.
pub fn references(w: &mut Workspace, p: ReferenceParams) -> Result<Option<Vec<Location>>, Failure> {
    let Some((_, Target::Node { id, .. })) = target(w, &p.text_document_position) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let with_header = p.context.include_declaration;
    Ok(Some(
        all_occurrences(analysis, &id)
            .into_iter()
            .filter(|(_, def)| with_header || !def)
            .map(|(span, _)| location(analysis, span))
            .collect(),
    ))
}

/// `textDocument/documentHighlight`: the ID's occurrences in this file, the header as
/// a write, the references as reads.
pub fn highlight(
    w: &mut Workspace,
    p: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>, Failure> {
    let Some((file, Target::Node { id, .. })) = target(w, &p.text_document_position_params) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    Ok(Some(
        all_occurrences(analysis, &id)
            .into_iter()
            .filter(|(span, _)| span.file == FileId(file as u32))
            .map(|(span, def)| DocumentHighlight {
                range: range(source, span),
                kind: Some(if def {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    ))
}

/// `textDocument/prepareRename`: the ID under the cursor, or a refusal.
pub fn prepare_rename(
    w: &mut Workspace,
    p: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failure> {
    match target(w, &p) {
        Some((file, Target::Node { span, .. })) => {
            let source = w.analysis().source(file);
            Ok(Some(PrepareRenameResponse::Range(range(source, span))))
        }
        _ => Err(refuse("only a node ID can be renamed")),
    }
}

/// Why `new` cannot be a node ID, if it cannot: not an ID, a keyword, or taken.
pub fn refusal(analysis: &Analysis, old: &str, new: &str) -> Option<String> {
    if crate::syntax::kind::is_reserved(new) {
        return Some(format!("`{new}` is a keyword and cannot be an ID"));
    }
    if !crate::syntax::is_id(new) {
        return Some(format!(
            "`{new}` is not a valid ID: lowercase letters, digits and `_`, starting with a letter, parts joined by `-`"
        ));
    }
    if new != old && analysis.debate.graph.index.contains_key(new) {
        let at = all_occurrences(analysis, new)
            .into_iter()
            .find(|(_, def)| *def)
            .map(|(span, _)| {
                let s = analysis.source(span.file.0 as usize);
                format!(" ({}:{})", s.name, s.line_col(span.start))
            })
            .unwrap_or_default();
        return Some(format!("`{new}` is taken: another node has that ID{at}"));
    }
    None
}

/// `textDocument/rename`: the ID renamed everywhere it is written, in every file; refused
/// when the new name is taken, a keyword, or not an ID.
// `WorkspaceEdit::changes` is keyed by URI, which clippy counts as a mutable key.
#[allow(clippy::mutable_key_type)]
pub fn rename(w: &mut Workspace, p: RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
    let Some((
        _,
        Target::Node {
            id,
            span: at,
            definition,
        },
    )) = target(w, &p.text_document_position)
    else {
        return Err(refuse("only a node ID can be renamed"));
    };
    let analysis = w.analysis();
    if let Some(why) = refusal(analysis, &id, &p.new_name) {
        return Err(refuse(why));
    }
    let mut spans = all_occurrences(analysis, &id);
    let headers: Vec<Span> = spans
        .iter()
        .filter(|(_, def)| *def)
        .map(|(s, _)| *s)
        .collect();
    if headers.len() > 1 {
        // An ID written on two nodes: renaming one header is how the duplicate is
        // mended, and a reference to it names neither node for sure.
        if !definition {
            let places: Vec<String> = headers
                .iter()
                .map(|span| {
                    let s = analysis.source(span.file.0 as usize);
                    format!("{}:{}", s.name, s.line_col(span.start))
                })
                .collect();
            return Err(refuse(format!(
                "`{id}` is the ID of {} nodes ({}): rename one of their headers first",
                headers.len(),
                places.join(", ")
            )));
        }
        spans.retain(|(span, _)| *span == at);
    }
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for (span, _) in spans {
        let i = span.file.0 as usize;
        let source = analysis.source(i);
        changes
            .entry(analysis.uri(i))
            .or_default()
            .push(TextEdit::new(range(source, span), p.new_name.clone()));
    }
    // `render.root` in `crux.yaml` names the node too.
    if let Some((config, at)) = w.render_root(&id) {
        changes
            .entry(w.uri(&config))
            .or_default()
            .push(TextEdit::new(at, p.new_name.clone()));
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }))
}
