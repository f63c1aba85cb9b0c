//! `textDocument/publishDiagnostics`: what `crux check --format json` reports, per file.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString};
use serde_json::json;

use super::convert::range;
use super::workspace::Analysis;
use crate::diagnostic::{Diagnostic, Severity};

/// One finding for the protocol: the rule's code, its severity, the message with the
/// help after it, and the related places. `data` keeps the rule's name, the message
/// and the help apart, as the JSON output has them.
pub fn to_lsp(d: &Diagnostic, analysis: &Analysis) -> lsp_types::Diagnostic {
    let sources = &analysis.debate.sources;
    let file = &sources[d.primary.span.file.0 as usize];
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            let i = l.span.file.0 as usize;
            let f = sources.get(i)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(analysis.uri(i), range(f, l.span)),
                message: l.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(file, d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some("crux".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({
            "name": d.name,
            "message": d.message,
            "help": d.help,
        })),
    }
}

/// The findings of every file, by file index (each file has a list, maybe empty).
pub fn by_file(analysis: &Analysis) -> Vec<Vec<lsp_types::Diagnostic>> {
    let mut out = vec![Vec::new(); analysis.debate.sources.len()];
    for d in &analysis.diagnostics {
        if let Some(list) = out.get_mut(d.primary.span.file.0 as usize) {
            list.push(to_lsp(d, analysis));
        }
    }
    out
}
