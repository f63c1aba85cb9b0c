//! Semantic tokens (node kinds, IDs, relations and other keywords, numbers, strings,
//! comments) and folding ranges (nodes, `"""` blocks, front matter), read off the
//! lossless syntax tree.

use lsp_types::{
    FoldingRange, FoldingRangeKind, FoldingRangeParams, SemanticToken, SemanticTokenModifier,
    SemanticTokenType, SemanticTokens, SemanticTokensLegend, SemanticTokensParams,
    SemanticTokensResult,
};

use super::convert::position;
use super::workspace::Workspace;
use super::{Failure, file_of};
use crate::syntax::{FileId, SourceFile, SyntaxKind, parse};

/// The token types, in legend order.
const TYPES: [SemanticTokenType; 8] = [
    SemanticTokenType::TYPE,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::ENUM_MEMBER,
];

/// The legend the server announces.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// The legend index of a syntax token, and whether it declares (a node's own ID).
fn classify(kind: SyntaxKind, parent: SyntaxKind) -> Option<(u32, u32)> {
    use SyntaxKind::*;
    Some(match kind {
        THESIS_KW | CLAIM_KW | COUNTER_KW | EVIDENCE_KW => (0, 0),
        IDENT => (1, u32::from(parent == HEADER)),
        k if k.is_keyword() => (2, 0),
        NUMBER => (3, 0),
        STRING | BLOCK_STRING => (4, 0),
        COMMENT => (5, 0),
        ARROW => (6, 0),
        WORD | TAG => (7, 0),
        _ => return None,
    })
}

/// The semantic tokens of one text, encoded as the protocol asks (each relative to the
/// one before; a token that spans lines is cut at each line end).
pub fn encode(source: &SourceFile) -> Vec<SemanticToken> {
    let parsed = parse(FileId(0), &source.text);
    let mut out = Vec::new();
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for token in parsed
        .syntax()
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        let parent = token.parent().map_or(SyntaxKind::ROOT, |p| p.kind());
        let Some((ty, modifiers)) = classify(token.kind(), parent) else {
            continue;
        };
        let r = token.text_range();
        let (start, end) = (u32::from(r.start()), u32::from(r.end()));
        let mut at = start;
        while at < end {
            let line = source.lines().line_of(at);
            let line_end = source.lines().line_start(line + 1).max(at).min(end);
            let line_end = if line + 1 >= source.lines().len() {
                end
            } else {
                line_end
            };
            // The piece of this token on this line, without the line break.
            let piece = source
                .text
                .get(at as usize..line_end as usize)
                .unwrap_or("");
            let piece = piece.trim_end_matches(['\n', '\r']);
            let p = position(source, at);
            let length: u32 = piece.encode_utf16().count() as u32;
            if length > 0 {
                let delta_line = p.line - last_line;
                let delta_start = if delta_line == 0 {
                    p.character - last_start
                } else {
                    p.character
                };
                out.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length,
                    token_type: ty,
                    token_modifiers_bitset: modifiers,
                });
                (last_line, last_start) = (p.line, p.character);
            }
            if line_end <= at {
                break;
            }
            at = line_end;
        }
    }
    out
}

/// `textDocument/semanticTokens/full`.
pub fn full(
    w: &mut Workspace,
    p: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>, Failure> {
    let Some(file) = file_of(w, &p.text_document.uri) else {
        return Ok(None);
    };
    let source = w.analysis().source(file);
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data: encode(source),
    })))
}

/// `textDocument/foldingRange`: each node from its header to its last attribute, each
/// `"""` block, and the front matter.
pub fn folding(
    w: &mut Workspace,
    p: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>, Failure> {
    let Some(file) = file_of(w, &p.text_document.uri) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    let ast = &analysis.debate.files[file];
    let lines = |start: u32, end: u32| {
        (
            source.lines().line_of(start) as u32,
            source.lines().line_of(end.saturating_sub(1).max(start)) as u32,
        )
    };
    let mut out = Vec::new();
    let mut push = |(start, end): (u32, u32), kind: Option<FoldingRangeKind>| {
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind,
                ..Default::default()
            });
        }
    };
    if let Some(fm) = &ast.front_matter {
        push(
            lines(fm.span.start, fm.span.end),
            Some(FoldingRangeKind::Region),
        );
    }
    for node in &ast.nodes {
        push(
            lines(node.span.start, node.span.end),
            Some(FoldingRangeKind::Region),
        );
    }
    let parsed = parse(FileId(0), &source.text);
    for token in parsed
        .syntax()
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == SyntaxKind::BLOCK_STRING)
    {
        let r = token.text_range();
        push(lines(r.start().into(), r.end().into()), None);
    }
    out.sort_by_key(|f| (f.start_line, f.end_line));
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_relative_and_cut_at_line_ends() {
        let text = "claim a: \"\"\"\n  x\n  \"\"\"\n  supports b 0.5 # c\n";
        let source = SourceFile::new("a", "a", text.to_string());
        let tokens: Vec<(u32, u32, u32, u32)> = encode(&source)
            .iter()
            .map(|t| (t.delta_line, t.delta_start, t.length, t.token_type))
            .collect();
        assert_eq!(
            tokens,
            vec![
                (0, 0, 5, 0),
                (0, 6, 1, 1),
                (0, 3, 3, 4),
                (1, 0, 3, 4),
                (1, 0, 5, 4),
                (1, 2, 8, 2),
                (0, 9, 1, 1),
                (0, 2, 3, 3),
                (0, 4, 3, 5),
            ]
        );
    }
}
