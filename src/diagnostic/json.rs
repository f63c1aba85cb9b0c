//! The JSON printer: an array of objects with `code`, `name`, `severity`, `message`,
//! `file`, `line`, `column`, `end_line`, `end_column` (the command-line contract), plus
//! `help` and `related` locations.

use serde::Serialize;

use super::{Diagnostic, SourceMap};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonLocation<'a>>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

fn location(
    sources: &(impl SourceMap + ?Sized),
    span: crate::syntax::Span,
) -> (&str, u32, u32, u32, u32) {
    let file = sources.file(span);
    let start = file.line_col(span.start);
    let end = file.line_col(span.end);
    (&file.name, start.line, start.column, end.line, end.column)
}

/// Renders diagnostics as a pretty-printed JSON array.
pub fn render(diagnostics: &[Diagnostic], sources: &(impl SourceMap + ?Sized)) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| {
            let (file, line, column, end_line, end_column) = location(sources, d.primary.span);
            JsonDiagnostic {
                code: d.code,
                name: d.name,
                severity: d.severity.as_str(),
                message: &d.message,
                file,
                line,
                column,
                end_line,
                end_column,
                help: d.help.as_deref(),
                related: d
                    .secondary
                    .iter()
                    .map(|l| {
                        let (file, line, column, end_line, end_column) = location(sources, l.span);
                        JsonLocation {
                            message: &l.message,
                            file,
                            line,
                            column,
                            end_line,
                            end_column,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).expect("diagnostics serialize");
    out.push('\n');
    out
}

/// Pretty-printed JSON with a final newline, with `<`, `>`, `&`, U+2028 and U+2029
/// written as `\u` escapes: the same JSON to any parser, but safe to paste into an
/// HTML `<script>` element or a JavaScript source.
pub fn script_safe<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).expect("the value serializes");
    let mut out = String::with_capacity(json.len() + 1);
    // These characters can only occur inside strings, where an escape means the same.
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}
