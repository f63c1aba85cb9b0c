//! Diagnostics: findings with a rule, a severity, a message and labelled spans.
//!
//! Shared by every phase. Rules create diagnostics; the printers in this module's
//! children turn them into text. Line and column are computed only by the printers.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod terminal;

use std::fmt;

use serde::Serialize;

use crate::syntax::{SourceFile, Span};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Reported; fails the check only with `--deny warnings`.
    Warning,
    /// Reported for information.
    Info,
}

impl Severity {
    /// The lowercase word.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem with the input that stopped the check or left part of it unread: a
/// mistake in `crux.yaml`, a file that could not be read. It is no finding of a rule;
/// the machine formats carry it beside the findings (SARIF as a tool execution
/// notification, GitHub as an annotation), so that a CI run says why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// The file, as messages name it; `None` when the problem has no file.
    pub file: Option<String>,
    /// Line, from 1; 0 when the problem has no place in the file.
    pub line: u64,
    /// Column (in characters), from 1; 0 when the problem has no place in the file.
    pub column: u64,
    /// What is wrong, without the file and position.
    pub message: String,
}

/// What a printer that lists rules (SARIF's `tool.driver.rules`) needs to know of one:
/// the registry in `check` hands these over as data, so that printing depends on no
/// phase above this one.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDoc {
    /// Stable code, e.g. `G103`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `circular-support`.
    pub name: &'static str,
    /// The first sentence of what the rule does.
    pub summary: String,
    /// Severity unless `crux.yaml` says otherwise.
    pub default_severity: Severity,
    /// The rule's documentation (Markdown with fixed headings).
    pub explanation: &'static str,
}

/// A span with a short explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there (may be empty).
    pub message: String,
}

impl Label {
    /// A label at `span` saying `message`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule's stable code, e.g. `S003`.
    pub code: &'static str,
    /// The rule's kebab-case name, e.g. `duplicate-id`.
    pub name: &'static str,
    /// The severity in effect.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The main place.
    pub primary: Label,
    /// Related places.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The fix the help suggests, as an edit, when it is one replacement ("did you
    /// mean `X`?"): for editors' quick fixes. Never printed.
    pub suggestion: Option<Suggestion>,
}

/// An edit that fixes a finding: `replacement` in place of the text at `span`.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// What to replace.
    pub span: Span,
    /// The text to put there.
    pub replacement: String,
}

/// The loaded source files, indexed by [`crate::syntax::FileId`].
pub trait SourceMap {
    /// The file a span points into.
    fn file(&self, span: Span) -> &SourceFile;
}

impl SourceMap for [SourceFile] {
    fn file(&self, span: Span) -> &SourceFile {
        &self[span.file.0 as usize]
    }
}

impl SourceMap for Vec<SourceFile> {
    fn file(&self, span: Span) -> &SourceFile {
        &self[span.file.0 as usize]
    }
}

/// Counts by severity, for the summary line and the exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Summary {
    /// Counts the diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// `n thing` or `n things`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
