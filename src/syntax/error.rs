//! Syntax errors: what went wrong while reading a file, as values with a span.
//!
//! Phase: syntax. The checker turns these into diagnostics (`syntax-error` and
//! `invalid-front-matter`); the words live here, in [`SyntaxError::message`].

use super::span::Span;

/// Syntax errors reported per file; past this, one summary error stands for the rest
/// (a binary file named `.crux` would otherwise flood the output).
pub const MAX_ERRORS: usize = 200;

/// One problem found while reading a file.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What is wrong.
    pub kind: SyntaxErrorKind,
    /// Where.
    pub span: Span,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SyntaxErrorKind {
    /// The grammar expected something else here.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        /// What would have been valid, in words.
        expected: String,
        /// What is there, in words.
        found: String,
        /// Advice, if there is a likely fix.
        help: Option<String>,
        /// The edit the advice describes, when it mends the line on its own: what to
        /// replace, and with what (boxed: few errors have one).
        fix: Option<Box<(Span, String)>>,
    },
    /// A line starts with a word that is neither a node kind nor an attribute.
    #[error("unknown keyword `{word}`")]
    UnknownKeyword {
        /// The word.
        word: String,
        /// The closest keyword, if any is close.
        suggestion: Option<&'static str>,
    },
    /// A `"` string that does not end on its line.
    #[error("unclosed string")]
    UnclosedString,
    /// A backslash escape other than the four the language has.
    #[error("unknown escape `{escape}`")]
    InvalidEscape {
        /// The escape as written.
        escape: String,
    },
    /// A `"""` block that never ends.
    #[error("unclosed `\"\"\"` block")]
    UnclosedBlock {
        /// An earlier block that ran on over a line with a node header, where its closing
        /// `"""` is likely missing: the byte ranges of its `"""` and of that header.
        earlier: Option<((usize, usize), (usize, usize))>,
    },
    /// An attribute before the first node.
    #[error("`{keyword}` must belong to a node, but no node starts above it")]
    AttributeOutsideNode {
        /// The attribute keyword.
        keyword: &'static str,
    },
    /// A keyword used as an ID.
    #[error("`{word}` is a keyword and cannot be used as an ID")]
    KeywordAsId {
        /// The keyword.
        word: String,
    },
    /// A `status` value that is not one of the three.
    #[error("unknown status `{word}`")]
    UnknownStatus {
        /// The value written.
        word: String,
        /// The closest status, if any is close.
        suggestion: Option<&'static str>,
    },
    /// A `standard` value that is not one of the five proof standards.
    #[error("unknown proof standard `{word}`")]
    UnknownStandard {
        /// The value written.
        word: String,
        /// The closest proof standard, if any is close.
        suggestion: Option<&'static str>,
    },
    /// An artifact `kind` that is not one of the five.
    #[error("unknown artifact kind `{word}`")]
    UnknownArtifactKind {
        /// The value written.
        word: String,
        /// The closest artifact kind, if any is close.
        suggestion: Option<&'static str>,
    },
    /// A single-valued attribute given twice in one node (or artifact).
    #[error("`{keyword}` is given twice")]
    DuplicateAttribute {
        /// The attribute keyword.
        keyword: &'static str,
        /// Where it was first given.
        first: Span,
    },
    /// A `# crux:` comment that is not a valid directive.
    #[error("malformed crux directive; expected `# crux: allow(RULE, ...)`")]
    MalformedDirective {
        /// A misspelt `allow` (`alow`): where it is, for the edit that mends it.
        allow: Option<Span>,
    },
    /// More errors than [`crate::syntax::MAX_ERRORS`] in one file.
    #[error("too many syntax errors; {omitted} more in this file are not shown")]
    TooManyErrors {
        /// How many were dropped.
        omitted: usize,
    },
    /// Front matter that opens with `---` but never closes.
    #[error("front matter starts here but has no closing `---` line")]
    UnclosedFrontMatter,
    /// Front matter that is not valid YAML or has an unknown key.
    #[error("invalid front matter: {message}")]
    FrontMatter {
        /// What the YAML reader said.
        message: String,
        /// Whether the problem is a key crux does not know.
        unknown_key: bool,
    },
}

/// Advice for a word that is not one of a few: the closest first, when one is close,
/// then `all` of them.
fn did_you_mean(suggestion: Option<&str>, all: &str) -> String {
    match suggestion {
        Some(s) => format!("did you mean `{s}`? {all}"),
        None => all.into(),
    }
}

impl SyntaxError {
    /// The one-line message.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The label under the caret.
    pub fn label(&self) -> String {
        match &self.kind {
            SyntaxErrorKind::Unexpected { expected, .. } => format!("expected {expected}"),
            SyntaxErrorKind::UnknownKeyword { .. } => "not a node kind or attribute".into(),
            SyntaxErrorKind::UnclosedString => "this string is never closed".into(),
            SyntaxErrorKind::UnclosedBlock { .. } => "this block is never closed".into(),
            SyntaxErrorKind::InvalidEscape { .. } => "not an escape".into(),
            SyntaxErrorKind::AttributeOutsideNode { .. } => "attribute outside any node".into(),
            SyntaxErrorKind::KeywordAsId { .. } => "keyword used as an ID".into(),
            SyntaxErrorKind::UnknownStatus { .. } => "not a status".into(),
            SyntaxErrorKind::UnknownStandard { .. } => "not a proof standard".into(),
            SyntaxErrorKind::UnknownArtifactKind { .. } => "not an artifact kind".into(),
            SyntaxErrorKind::DuplicateAttribute { .. } => "given again here".into(),
            SyntaxErrorKind::MalformedDirective { .. } => "not understood".into(),
            SyntaxErrorKind::TooManyErrors { .. } => "the next error is here".into(),
            SyntaxErrorKind::UnclosedFrontMatter => "opened here".into(),
            SyntaxErrorKind::FrontMatter { .. } => "here".into(),
        }
    }

    /// Advice on how to fix it.
    pub fn help(&self) -> Option<String> {
        match &self.kind {
            SyntaxErrorKind::Unexpected { help, .. } => help.clone(),
            SyntaxErrorKind::UnknownKeyword { suggestion, .. } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "a line starts with a node kind (`thesis`, `claim`, `counter`, `evidence`) \
                         or an attribute (`supports`, `attacks`, `source`, ...)"
                    .into(),
            }),
            SyntaxErrorKind::UnclosedString => Some(
                "close it with `\"` on the same line, or use a `\"\"\"` block for text over several lines".into(),
            ),
            SyntaxErrorKind::UnclosedBlock { earlier: None } => {
                Some("end the block with `\"\"\"`".into())
            }
            SyntaxErrorKind::UnclosedBlock { earlier: Some(_) } => Some(
                "each `\"\"\"` closes the block open before it: add the missing `\"\"\"` \
                 before the node marked above"
                    .into(),
            ),
            SyntaxErrorKind::InvalidEscape { .. } => Some(
                "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash".into(),
            ),
            SyntaxErrorKind::AttributeOutsideNode { .. } => Some(
                "start a node first, e.g. `claim my_claim: \"...\"`, and put its attributes below it".into(),
            ),
            SyntaxErrorKind::KeywordAsId { word } => {
                Some(format!("choose another ID, e.g. `{word}_1` or `my_{word}`"))
            }
            SyntaxErrorKind::UnknownStatus { suggestion, .. } => Some(did_you_mean(
                *suggestion,
                "a status is `accepted`, `rejected` or `open`",
            )),
            SyntaxErrorKind::UnknownStandard { suggestion, .. } => Some(did_you_mean(
                *suggestion,
                "a proof standard is `scintilla`, `preponderance`, \
                 `clear-and-convincing`, `beyond-doubt` or `dialectical`",
            )),
            SyntaxErrorKind::UnknownArtifactKind { suggestion, .. } => Some(did_you_mean(
                *suggestion,
                "an artifact kind is `dataset`, `benchmark`, `figure`, `paper` or `code`",
            )),
            SyntaxErrorKind::DuplicateAttribute { .. } => Some("keep one of them".into()),
            SyntaxErrorKind::MalformedDirective { allow: Some(_) } => Some(
                "did you mean `allow`? to exempt the next node from a rule, write `# crux: allow(rule-name)`".into(),
            ),
            SyntaxErrorKind::MalformedDirective { allow: None } => Some(
                "to exempt the next node from a rule, write `# crux: allow(rule-name)`".into(),
            ),
            SyntaxErrorKind::TooManyErrors { .. } => {
                Some("is this a .crux file? fix the errors above and check again".into())
            }
            SyntaxErrorKind::UnclosedFrontMatter => {
                Some("end the front matter with a line holding only `---`".into())
            }
            SyntaxErrorKind::FrontMatter {
                unknown_key: true, ..
            } => {
                let keys = super::kind::FRONT_MATTER_KEYS.map(|k| format!("`{k}`"));
                let (last, rest) = keys.split_last()?;
                Some(format!("front matter keys are {} and {last}", rest.join(", ")))
            }
            SyntaxErrorKind::FrontMatter { .. } => None,
        }
    }

    /// The edit that fixes it, when its help describes one: what to replace, and with
    /// what ("did you mean `X`?" replaces the error's own span).
    pub fn fix(&self) -> Option<(Span, String)> {
        match &self.kind {
            SyntaxErrorKind::UnknownKeyword { suggestion, .. }
            | SyntaxErrorKind::UnknownStandard { suggestion, .. }
            | SyntaxErrorKind::UnknownStatus { suggestion, .. }
            | SyntaxErrorKind::UnknownArtifactKind { suggestion, .. } => {
                suggestion.map(|s| (self.span, s.to_string()))
            }
            SyntaxErrorKind::MalformedDirective { allow } => {
                allow.map(|span| (span, "allow".to_string()))
            }
            SyntaxErrorKind::Unexpected { fix, .. } => fix.as_deref().cloned(),
            _ => None,
        }
    }

    /// Secondary places worth showing, with a label each.
    pub fn secondary(&self) -> Vec<(Span, String)> {
        match &self.kind {
            SyntaxErrorKind::DuplicateAttribute { first, .. } => {
                vec![(*first, "first given here".into())]
            }
            SyntaxErrorKind::UnclosedBlock {
                earlier: Some((open, header)),
            } => {
                let span = |(start, end): (usize, usize)| Span::new(self.span.file, start, end);
                vec![
                    (
                        span(*open),
                        "this block has no `\"\"\"` of its own before the node below".into(),
                    ),
                    (
                        span(*header),
                        "so this node is read as the block's text".into(),
                    ),
                ]
            }
            _ => Vec::new(),
        }
    }

    /// Whether this is a front matter problem (`invalid-front-matter`) rather than a
    /// `syntax-error`.
    pub fn is_front_matter(&self) -> bool {
        matches!(
            self.kind,
            SyntaxErrorKind::UnclosedFrontMatter | SyntaxErrorKind::FrontMatter { .. }
        )
    }
}

/// Keeps the error list short while a file is read: only the first
/// [`MAX_ERRORS`]` + 1` errors in source order are ever shown, so the rest are counted
/// and dropped as soon as they are known to be past them. A file of a million bad lines
/// then needs memory for its text and tree, not for a million errors, and the errors
/// that will not be shown are not put into words.
#[derive(Default)]
pub(crate) struct ErrorCap {
    /// Errors dropped so far.
    pub dropped: usize,
    /// Once errors have been dropped: where the last error kept starts. An error that
    /// starts after it can never be shown.
    last_kept: Option<u32>,
}

impl ErrorCap {
    /// Past this many errors, the list is sorted and cut back to the ones that can
    /// still be shown.
    const SLACK: usize = 4 * (MAX_ERRORS + 1);

    /// Cuts `errors` back when it has grown long. The errors kept are exactly those
    /// that sorting the full list and keeping its head would keep.
    pub fn compact(&mut self, errors: &mut Vec<SyntaxError>) {
        if errors.len() > Self::SLACK {
            // Stable: errors at the same place keep the order they were found in.
            errors.sort_by_key(|e| (e.span.start, e.span.end));
            self.dropped += errors.len() - (MAX_ERRORS + 1);
            errors.truncate(MAX_ERRORS + 1);
            self.last_kept = errors.last().map(|e| e.span.start);
        }
    }

    /// Whether any error found at `offset` or later will be dropped.
    pub fn full_before(&self, offset: usize) -> bool {
        self.last_kept.is_some_and(|last| (last as usize) < offset)
    }

    /// Sorts the errors and replaces the ones past [`MAX_ERRORS`] with one summary.
    pub fn finish(self, errors: &mut Vec<SyntaxError>) {
        errors.sort_by_key(|e| (e.span.start, e.span.end));
        if errors.len() > MAX_ERRORS {
            let omitted = errors.len() - MAX_ERRORS + self.dropped;
            let span = errors[MAX_ERRORS].span;
            errors.truncate(MAX_ERRORS);
            errors.push(SyntaxError {
                kind: SyntaxErrorKind::TooManyErrors { omitted },
                span,
            });
        }
    }
}
