//! The GitHub Actions printer: one workflow command per diagnostic,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use super::{Diagnostic, Severity, SourceMap};

/// Percent-encodes a message the way the Actions runner expects, after making the other
/// control characters visible as the human format does (no escape sequence reaches the
/// log).
fn escape_data(s: &str) -> String {
    s.split('\r')
        .map(|piece| super::terminal::sanitize(piece).into_owned())
        .collect::<Vec<_>>()
        .join("\r")
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Percent-encodes a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders diagnostics as workflow commands, one per line.
pub fn render(diagnostics: &[Diagnostic], sources: &(impl SourceMap + ?Sized)) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let file = sources.file(d.primary.span);
        let start = file.line_col(d.primary.span.start);
        let end = file.line_col(d.primary.span.end);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&file.name),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} ({})", d.name, d.code)),
            escape_data(&message),
        ));
    }
    out
}

/// The problems of the input that stopped the check or left part of it unread, as
/// `::error` annotations (at their file and place when they have them).
pub fn problems(problems: &[super::InputProblem]) -> String {
    let mut out = String::new();
    for p in problems {
        let mut properties = Vec::new();
        if let Some(file) = &p.file {
            properties.push(format!("file={}", escape_property(file)));
            if p.line > 0 {
                properties.push(format!("line={}", p.line));
            }
            if p.column > 0 {
                properties.push(format!("col={}", p.column));
            }
        }
        properties.push(format!("title={}", escape_property("crux")));
        out.push_str(&format!(
            "::error {}::{}\n",
            properties.join(","),
            escape_data(&p.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_escape_sequence_reaches_the_log() {
        let escaped = super::escape_data("a \u{1b}[2Jb\u{9b}c\u{7}\nd%");
        assert!(
            !escaped.contains(['\u{1b}', '\u{9b}', '\u{7}']),
            "{escaped}"
        );
        assert_eq!(escaped, "a \u{241b}[2Jb\u{fffd}c\u{2407}%0Ad%25");
        let property = super::escape_property("n\u{1b}]0;x.crux");
        assert_eq!(property, "n\u{241b}]0;x.crux");
    }
}
