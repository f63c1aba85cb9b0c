//! Lowering: pest pairs of one line into [`Statement`]s, with unescaped and dedented text.
//!
//! Phase: syntax. Only `parser.rs` calls this; the pest `Rule` enum stays private there.

use pest::iterators::Pair;

use super::ast::*;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::parser::GrammarRule as R;
use super::span::{FileId, Span};

/// What one line holds.
#[derive(Debug)]
pub(crate) enum Statement {
    /// `KIND ID: "text"`
    Header {
        kind: NodeKind,
        kind_span: Span,
        id: Ident,
        text: Option<Text>,
        span: Span,
    },
    /// An attribute of the node above.
    Attribute(Attribute),
}

/// Lowers pairs relative to a base byte offset in a file.
pub(crate) struct Lowerer<'e> {
    pub file: FileId,
    pub base: usize,
    pub errors: &'e mut Vec<SyntaxError>,
}

impl Lowerer<'_> {
    fn span(&self, pair: &Pair<'_, R>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError { kind, span });
    }

    /// Lowers a `line` pair into its statement and comment.
    pub fn line(&mut self, pair: Pair<'_, R>) -> (Option<Statement>, Option<Comment>) {
        let mut statement = None;
        let mut comment = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                R::comment => {
                    comment = Some(Comment {
                        text: inner.as_str().trim_end().to_string(),
                        span: self.span(&inner),
                        trailing: statement.is_some(),
                    })
                }
                R::node_header => statement = Some(self.header(inner)),
                _ => statement = Some(Statement::Attribute(self.attribute(inner))),
            }
        }
        (statement, comment)
    }

    fn header(&mut self, pair: Pair<'_, R>) -> Statement {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind_pair = inner.next().expect("grammar: header has a kind");
        let kind = NodeKind::from_keyword(kind_pair.as_str()).expect("grammar: known kind");
        let kind_span = self.span(&kind_pair);
        let id = self.ident(inner.next().expect("grammar: header has an id"));
        inner.next(); // the colon
        let text = inner.next().map(|p| self.text(p));
        Statement::Header {
            kind,
            kind_span,
            id,
            text,
            span,
        }
    }

    /// An identifier; a keyword used as an ID is reported but kept, so that references
    /// to it still resolve.
    pub fn ident(&mut self, pair: Pair<'_, R>) -> Ident {
        let ident = Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        };
        if KEYWORDS.contains(&ident.name.as_str()) {
            self.error(
                SyntaxErrorKind::KeywordAsId {
                    word: ident.name.clone(),
                },
                ident.span,
            );
        }
        ident
    }

    fn number(&mut self, pair: Pair<'_, R>) -> Number {
        let raw = pair.as_str().to_string();
        Number {
            value: raw.parse().unwrap_or(f64::NAN),
            span: self.span(&pair),
            raw,
        }
    }

    /// A `string` or `block_string` pair.
    pub fn text(&mut self, pair: Pair<'_, R>) -> Text {
        let span = self.span(&pair);
        let block = pair.as_rule() == R::block_string;
        let body_pair = pair.into_inner().next();
        let body = body_pair.as_ref().map(|p| p.as_str()).unwrap_or("");
        if !block && let Some((at, len)) = invalid_escape(body) {
            let start = body_pair
                .as_ref()
                .map_or(span.start as usize, |p| self.base + p.as_span().start())
                + at;
            self.error(
                SyntaxErrorKind::InvalidEscape {
                    escape: body[at..at + len].to_string(),
                },
                Span::new(self.file, start, start + len),
            );
        }
        let value = if block { dedent(body) } else { unescape(body) };
        Text { value, span, block }
    }

    fn attribute(&mut self, pair: Pair<'_, R>) -> Attribute {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let keyword_len = pair_keyword(rule).len();
        let keyword_span = Span::new(
            self.file,
            span.start as usize,
            span.start as usize + keyword_len,
        );
        let kind = match rule {
            R::supports | R::attacks | R::contradicts => {
                let relation = match rule {
                    R::supports => Relation::Supports,
                    R::attacks => Relation::Attacks,
                    _ => Relation::Contradicts,
                };
                let target = self.ident(inner.next().expect("grammar: target"));
                let weight = inner.next().map(|p| self.number(p));
                AttributeKind::Edge {
                    relation,
                    target,
                    weight,
                }
            }
            R::undercuts => {
                let from = self.ident(inner.next().expect("grammar: from"));
                inner.next(); // the arrow
                let to = self.ident(inner.next().expect("grammar: to"));
                let weight = inner.next().map(|p| self.number(p));
                AttributeKind::Undercut { from, to, weight }
            }
            R::credence => AttributeKind::Credence(self.number(inner.next().expect("number"))),
            R::status => {
                let word = inner.next().expect("grammar: status word");
                let wspan = self.span(&word);
                let status = match word.as_str() {
                    "accepted" => Status::Accepted,
                    "rejected" => Status::Rejected,
                    "open" => Status::Open,
                    other => {
                        self.error(SyntaxErrorKind::UnknownStatus { word: other.into() }, wspan);
                        Status::Open
                    }
                };
                AttributeKind::Status(status, wspan)
            }
            R::by => AttributeKind::By(self.text(inner.next().expect("text"))),
            R::note => AttributeKind::Note(self.text(inner.next().expect("text"))),
            R::source => AttributeKind::Source(self.text(inner.next().expect("text"))),
            R::tags => AttributeKind::Tags(
                inner
                    .map(|p| Ident {
                        name: p.as_str().to_string(),
                        span: self.span(&p),
                    })
                    .collect(),
            ),
            R::artifact => AttributeKind::Artifact(self.artifact(inner)),
            other => unreachable!("grammar: {other:?} is not an attribute"),
        };
        Attribute {
            kind,
            span,
            keyword_span,
        }
    }

    fn artifact(&mut self, mut inner: pest::iterators::Pairs<'_, R>) -> Artifact {
        let path = self.text(inner.next().expect("grammar: artifact path"));
        let mut artifact = Artifact {
            path,
            sha256: None,
            title: None,
            kind: None,
        };
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for option in inner {
            let rule = option.as_rule();
            let ospan = self.span(&option);
            let value = option.into_inner().next().expect("grammar: option value");
            let name = pair_keyword(rule);
            let kspan = Span::new(
                self.file,
                ospan.start as usize,
                ospan.start as usize + name.len(),
            );
            if let Some(&(_, first)) = seen.iter().find(|(n, _)| *n == name) {
                self.error(
                    SyntaxErrorKind::DuplicateAttribute {
                        keyword: name,
                        first,
                    },
                    kspan,
                );
                continue;
            }
            seen.push((name, kspan));
            match rule {
                R::sha256 => artifact.sha256 = Some(self.text(value)),
                R::title => artifact.title = Some(self.text(value)),
                _ => {
                    let vspan = self.span(&value);
                    match ArtifactKind::ALL
                        .into_iter()
                        .find(|k| k.keyword() == value.as_str())
                    {
                        Some(k) => artifact.kind = Some((k, vspan)),
                        None => self.error(
                            SyntaxErrorKind::UnknownArtifactKind {
                                word: value.as_str().into(),
                            },
                            vspan,
                        ),
                    }
                }
            }
        }
        artifact
    }
}

/// The keyword that starts a statement or an artifact option of this rule (the keyword
/// rules are silent, so their spans are computed from the statement's start).
fn pair_keyword(rule: R) -> &'static str {
    match rule {
        R::supports => "supports",
        R::attacks => "attacks",
        R::contradicts => "contradicts",
        R::undercuts => "undercuts",
        R::credence => "credence",
        R::status => "status",
        R::by => "by",
        R::tags => "tags",
        R::note => "note",
        R::source => "source",
        R::artifact => "artifact",
        R::sha256 => "sha256",
        R::title => "title",
        R::artifact_kind => "kind",
        other => unreachable!("grammar: {other:?} has no keyword"),
    }
}

/// The byte offset and length of the first escape other than `\"`, `\\`, `\n`, `\t`.
pub(crate) fn invalid_escape(body: &str) -> Option<(usize, usize)> {
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some((_, '"' | '\\' | 'n' | 't')) => {}
                Some((_, other)) => return Some((i, 1 + other.len_utf8())),
                None => return Some((i, 1)),
            }
        }
    }
    None
}

/// Resolves `\"`, `\\`, `\n` and `\t`; another escaped character stands for itself
/// (and has been reported).
pub(crate) fn unescape(body: &str) -> String {
    if !body.contains('\\') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The text of a `"""` block: a blank first and last line dropped, the indentation common
/// to all non-blank lines removed, line endings normalised to `\n`.
pub(crate) fn dedent(body: &str) -> String {
    let mut lines: Vec<&str> = body.lines().collect();
    if body.ends_with('\n') || body.ends_with('\r') {
        lines.push("");
    }
    if lines.len() > 1 && lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_the_four_escapes() {
        assert_eq!(unescape(r#"a\"b\\c\nd\te"#), "a\"b\\c\nd\te");
    }

    #[test]
    fn dedents_blocks() {
        assert_eq!(dedent("\n    one\n      two\n    "), "one\n  two");
        assert_eq!(dedent("inline"), "inline");
        assert_eq!(dedent("\r\n  a\r\n  b\r\n  "), "a\nb");
    }
}
