//! Document symbols (every node of a file, with its kind) and workspace symbols (the
//! nodes of the debate whose ID or text matches the query).

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, SymbolInformation,
    SymbolKind, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::convert::range;
use super::workspace::Workspace;
use super::{Failure, file_of};
use crate::syntax::ast::NodeKind;

/// The symbol kind each node kind shows as (editors draw an icon for each).
pub fn kind(k: NodeKind) -> SymbolKind {
    match k {
        NodeKind::Thesis => SymbolKind::CLASS,
        NodeKind::Claim => SymbolKind::PROPERTY,
        NodeKind::Counter => SymbolKind::EVENT,
        NodeKind::Evidence => SymbolKind::CONSTANT,
    }
}

/// `textDocument/documentSymbol`: the file's nodes, in order.
#[allow(deprecated)]
pub fn document(
    w: &mut Workspace,
    p: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failure> {
    let Some(file) = file_of(w, &p.text_document.uri) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    let symbols = analysis.debate.files[file]
        .nodes
        .iter()
        .filter(|n| !n.id.name.is_empty())
        .map(|n| DocumentSymbol {
            name: n.id.name.to_string(),
            detail: Some(format!(
                "{} {}",
                n.kind.keyword(),
                n.text
                    .as_ref()
                    .map(|t| crate::text::shorten(&t.value, 80))
                    .unwrap_or_default()
            )),
            kind: kind(n.kind),
            tags: None,
            deprecated: None,
            range: range(source, n.span),
            selection_range: range(source, n.id.span),
            children: None,
        })
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

/// `workspace/symbol`: every node whose ID or text holds the query's letters in order
/// (case-insensitive), at most 1,000.
#[allow(deprecated)]
pub fn workspace(
    w: &mut Workspace,
    p: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>, Failure> {
    let analysis = w.analysis();
    let query = p.query.to_lowercase();
    let mut out = Vec::new();
    for (i, ast) in analysis.debate.files.iter().enumerate() {
        let source = analysis.source(i);
        for n in &ast.nodes {
            let text = n.text.as_ref().map(|t| t.value.as_str()).unwrap_or("");
            let matches =
                super::complete::fuzzy(&query, &n.id.name) || text.to_lowercase().contains(&query);
            if n.id.name.is_empty() || !matches {
                continue;
            }
            out.push(SymbolInformation {
                name: n.id.name.to_string(),
                kind: kind(n.kind),
                tags: None,
                deprecated: None,
                location: Location::new(analysis.uri(i), range(source, n.span)),
                container_name: Some(source.name.clone()),
            });
            if out.len() >= 1000 {
                return Ok(Some(WorkspaceSymbolResponse::Flat(out)));
            }
        }
    }
    Ok(Some(WorkspaceSymbolResponse::Flat(out)))
}
