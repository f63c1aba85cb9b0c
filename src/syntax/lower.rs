//! Lowering: what each line of a file says, into the [`File`] the model reads, with
//! unescaped and dedented text, and the checks that need a whole statement or a whole
//! node (a keyword used as an ID, an unknown status or proof standard, an attribute
//! given twice, `# crux: allow`).
//!
//! Phase: syntax. Reads the parser's record of each line ([`Event`]s, no tree is
//! made), one line at a time, in source order.

use smallvec::SmallVec;
use smol_str::SmolStr;

use super::ast::*;
use super::error::{ErrorCap, SyntaxError, SyntaxErrorKind};
use super::event::{Event, close_of};
use super::front_matter;
use super::kind::{SyntaxKind, is_reserved, keyword_text};
use super::span::{FileId, Span};

use SyntaxKind::*;

/// The fewest bytes a node takes, as far as [`Lower::new`] reserves room for nodes:
/// a header line and a blank line (`claim a: "A claim."`); most take several times
/// as many, so that the room is rarely outgrown.
const BYTES_PER_NODE: usize = 48;

/// One line being read. Its statement goes to the [`Assembler`] as soon as it is
/// lowered (moving it through the line would copy it twice); what the line's comment
/// says of it is settled when the line ends.
#[derive(Default)]
struct LineState {
    /// The line holds a statement (a header or an attribute).
    statement: bool,
    comment: Option<Comment>,
    broken: Option<Broken>,
}

/// A line that could not be read.
#[derive(Clone, Copy, Debug)]
enum Broken {
    /// A node header that could not be read far enough to know its ID: its attributes
    /// are dropped, not reported as strays.
    Header,
    /// An attribute line.
    Attribute,
}

/// The pieces of one statement node: its tokens with their spans, and its child nodes
/// (artifact options, a salvaged header's error) with their events and byte ranges.
/// Kept inline: a statement has a handful of tokens (a long `tags` line spills over),
/// and reading one then allocates nothing.
struct Parts<'t, 'e> {
    tokens: SmallVec<[(SyntaxKind, &'t str, Span); 8]>,
    nodes: SmallVec<[Child<'e>; 2]>,
}

/// A node inside a statement: its kind, its events, and its byte range.
#[derive(Clone, Copy)]
struct Child<'e> {
    kind: SyntaxKind,
    events: &'e [Event],
    start: usize,
    end: usize,
}

/// Lowers a file one line at a time, in source order.
pub(crate) struct Lower {
    file: FileId,
    errors: Vec<SyntaxError>,
    cap: ErrorCap,
    assembler: Assembler,
    line: LineState,
    front_matter: Option<FrontMatter>,
}

impl Lower {
    /// Lowers `bytes` of text, with room for their nodes made at once: the list of
    /// nodes then never moves while it grows (each move copies every node read so far
    /// into memory the process has not touched yet). Room that is never filled is
    /// never touched, so it costs no memory.
    pub fn new(file: FileId, bytes: usize) -> Self {
        let mut assembler = Assembler::default();
        assembler.ast.nodes.reserve(bytes / BYTES_PER_NODE);
        Lower {
            file,
            errors: Vec::new(),
            cap: ErrorCap::default(),
            assembler,
            line: LineState::default(),
            front_matter: None,
        }
    }

    /// Lowers the next logical line of `text`, read into `events`. `starts_node`: the
    /// line starts a node, so that if it cannot be read, the node's attributes are
    /// dropped quietly. The line is complete at its line break ([`Lower::end_line`]),
    /// or at the end of the file.
    pub fn line(&mut self, text: &str, events: &[Event], starts_node: bool) {
        let mut i = 0;
        while i < events.len() {
            match events[i] {
                Event::Token(COMMENT, start, end) => {
                    let comment = &text[start as usize..end as usize];
                    self.line.comment = Some(Comment {
                        text: comment.trim_end().to_string(),
                        span: self.span(start as usize, end as usize),
                        trailing: self.line.statement,
                    });
                }
                Event::Token(..) | Event::Close => {}
                Event::Open(kind) => {
                    let close = close_of(events, i);
                    let inner = &events[i + 1..close.min(events.len())];
                    match kind {
                        HEADER => {
                            let node = self.header(text, inner);
                            self.assembler.header(node);
                            self.line.statement = true;
                        }
                        ERROR => {
                            self.line.broken = Some(if starts_node {
                                Broken::Header
                            } else {
                                Broken::Attribute
                            });
                        }
                        _ if kind.is_attribute() => {
                            if let Some(attribute) = self.attribute(kind, text, inner) {
                                self.assembler.attribute(attribute, &mut self.errors);
                                self.line.statement = true;
                            }
                        }
                        _ => {}
                    }
                    i = close;
                }
            }
            i += 1;
        }
    }

    /// The front matter: the YAML between its fences at `yaml` (perhaps empty), the
    /// whole of it, fences included, at `span`.
    pub fn front_matter(&mut self, yaml: &str, yaml_start: usize, span: Span) {
        let (front_matter, mut errors) = front_matter::read(self.file, yaml, yaml_start, span);
        self.errors.append(&mut errors);
        self.front_matter = Some(front_matter);
    }

    /// The file, once every line is in; the errors found go into `errors` (and those
    /// counted but dropped into `cap`).
    pub fn finish(mut self, errors: &mut Vec<SyntaxError>, cap: &mut ErrorCap) -> File {
        self.end_line();
        let mut ast = self.assembler.finish();
        ast.front_matter = self.front_matter;
        errors.append(&mut self.errors);
        cap.dropped += self.cap.dropped;
        ast
    }

    /// The line read last ends (at its line break).
    pub fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        match line.broken {
            Some(broken) => self.assembler.broken(broken),
            None => self
                .assembler
                .end_line(line.statement, line.comment, &mut self.errors),
        }
        self.cap.compact(&mut self.errors);
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError { kind, span });
    }

    /// The tokens and child nodes of a statement (the events inside its node), with
    /// their places. A child node that holds no token sits where the last token before
    /// it ends.
    fn parts<'t, 'e>(&self, text: &'t str, events: &'e [Event]) -> Parts<'t, 'e> {
        let mut parts = Parts {
            tokens: SmallVec::new(),
            nodes: SmallVec::new(),
        };
        let mut at = events
            .iter()
            .find_map(|e| match *e {
                Event::Token(_, start, _) => Some(start as usize),
                _ => None,
            })
            .unwrap_or(0);
        let mut i = 0;
        while i < events.len() {
            match events[i] {
                Event::Token(kind, start, end) => {
                    let (start, end) = (start as usize, end as usize);
                    if kind != WHITESPACE && end > start {
                        parts
                            .tokens
                            .push((kind, &text[start..end], self.span(start, end)));
                    }
                    at = end;
                }
                Event::Close => {}
                Event::Open(kind) => {
                    let close = close_of(events, i);
                    let inner = &events[i + 1..close.min(events.len())];
                    let mut tokens = inner.iter().filter_map(|e| match *e {
                        Event::Token(_, start, end) => Some((start as usize, end as usize)),
                        _ => None,
                    });
                    let first = tokens.next();
                    let start = first.map_or(at, |r| r.0);
                    let end = tokens.next_back().or(first).map_or(start, |r| r.1);
                    parts.nodes.push(Child {
                        kind,
                        events: inner,
                        start,
                        end,
                    });
                    at = end;
                    i = close;
                }
            }
            i += 1;
        }
        parts
    }

    /// An identifier; a keyword used as an ID is reported but kept, so that references
    /// to it still resolve.
    fn ident(&mut self, text: &str, span: Span) -> Ident {
        if is_reserved(text) {
            self.error(SyntaxErrorKind::KeywordAsId { word: text.into() }, span);
        }
        Ident {
            name: SmolStr::new(text),
            span,
        }
    }

    fn number(text: &str, span: Span) -> Number {
        Number {
            value: text.parse().unwrap_or(f64::NAN),
            span,
        }
    }

    /// A `STRING` or `BLOCK_STRING` token.
    fn text(&mut self, kind: SyntaxKind, raw: &str, span: Span) -> Text {
        let block = kind == BLOCK_STRING;
        let quotes = if block { 3 } else { 1 };
        let body = &raw[quotes..raw.len() - quotes];
        // Most texts have no backslash: one search tells, and they are copied as they are.
        let escaped = !block && memchr::memchr(b'\\', body.as_bytes()).is_some();
        if escaped {
            for (at, len) in invalid_escapes(body) {
                let start = span.start as usize + quotes + at;
                self.error(
                    SyntaxErrorKind::InvalidEscape {
                        escape: body[at..at + len].to_string(),
                    },
                    Span::new(self.file, start, start + len),
                );
            }
        }
        let value = match (block, escaped) {
            (true, _) => SmolStr::from(dedent(body)),
            (false, true) => SmolStr::from(unescape(body)),
            (false, false) => SmolStr::new(body),
        };
        Text { value, span, block }
    }

    /// A node header: the node, with no attributes yet.
    fn header(&mut self, source: &str, events: &[Event]) -> Node {
        let parts = self.parts(source, events);
        let (_, kw_text, kind_span) = parts.tokens[0];
        let kind = NodeKind::from_keyword(kw_text).unwrap_or(NodeKind::Claim);
        let id = parts
            .tokens
            .iter()
            .find(|t| t.0 == IDENT)
            .map(|&(_, name, span)| self.ident(name, span))
            .unwrap_or(Ident {
                name: SmolStr::default(),
                span: kind_span,
            });
        let text = parts
            .tokens
            .iter()
            .find(|t| matches!(t.0, STRING | BLOCK_STRING))
            .map(|&(kind, raw, span)| self.text(kind, raw, span));
        let end = match (&text, parts.nodes.first()) {
            (Some(t), _) => t.span.end as usize,
            // A header read only as far as its ID: it runs to the end of its first
            // line, trailing spaces aside.
            (
                None,
                Some(&Child {
                    kind: ERROR,
                    start,
                    end,
                    ..
                }),
            ) => {
                let rest = &source[start..end];
                let first = rest.split(['\n', '\r']).next().unwrap_or("");
                start + first.trim_end().len()
            }
            (None, _) => id.span.end as usize,
        };
        let span = Span::new(self.file, kind_span.start as usize, end);
        Node {
            kind,
            kind_span,
            id,
            text,
            attributes: Vec::new(),
            allow: Vec::new(),
            header_span: span,
            span,
        }
    }

    /// An attribute statement (always complete: the parser builds one only from a line
    /// that reads in full).
    fn attribute(&mut self, kind: SyntaxKind, text: &str, events: &[Event]) -> Option<Attribute> {
        let parts = self.parts(text, events);
        let (kw, _, kw_span) = *parts.tokens.first()?;
        let start = kw_span.start as usize;
        let mut end = parts.tokens.last().map_or(start, |t| t.2.end as usize);
        if let Some(child) = parts.nodes.last() {
            end = end.max(child.end);
        }
        let span = Span::new(self.file, start, end);
        let first = |k: SyntaxKind| parts.tokens.iter().find(|t| t.0 == k).copied();
        let kind = match kind {
            RELATION => {
                let relation = match kw {
                    SUPPORTS_KW => Relation::Supports,
                    ATTACKS_KW => Relation::Attacks,
                    _ => Relation::Contradicts,
                };
                let (_, name, tspan) = first(IDENT)?;
                AttributeKind::Edge {
                    relation,
                    target: self.ident(name, tspan),
                    weight: first(NUMBER).map(|(_, t, s)| Self::number(t, s)),
                }
            }
            UNDERCUT => {
                let mut idents = parts.tokens.iter().filter(|t| t.0 == IDENT);
                let (&(_, a, aspan), &(_, b, bspan)) = (idents.next()?, idents.next()?);
                AttributeKind::Undercut(Box::new(Undercut {
                    from: self.ident(a, aspan),
                    to: self.ident(b, bspan),
                    weight: first(NUMBER).map(|(_, t, s)| Self::number(t, s)),
                }))
            }
            CREDENCE => {
                let (_, t, s) = first(NUMBER)?;
                AttributeKind::Credence(Self::number(t, s))
            }
            STATUS => {
                let (_, word, wspan) = first(WORD)?;
                let status = Status::from_keyword(word).unwrap_or_else(|| {
                    let suggestion = crate::text::closest(Status::ALL.map(Status::keyword), word);
                    self.error(
                        SyntaxErrorKind::UnknownStatus {
                            word: word.into(),
                            suggestion,
                        },
                        wspan,
                    );
                    Status::Open
                });
                AttributeKind::Status(status, wspan)
            }
            STANDARD => {
                let (_, word, wspan) = first(WORD)?;
                let standard = ProofStandard::from_keyword(word).unwrap_or_else(|| {
                    let suggestion =
                        crate::text::closest(ProofStandard::ALL.map(ProofStandard::keyword), word);
                    self.error(
                        SyntaxErrorKind::UnknownStandard {
                            word: word.into(),
                            suggestion,
                        },
                        wspan,
                    );
                    ProofStandard::default()
                });
                AttributeKind::Standard(standard, wspan)
            }
            TAGS => AttributeKind::Tags(
                parts
                    .tokens
                    .iter()
                    .filter(|t| t.0 == TAG)
                    .map(|&(_, name, span)| Ident {
                        name: SmolStr::new(name),
                        span,
                    })
                    .collect(),
            ),
            BY | NOTE | SOURCE => {
                let (k, raw, s) = parts
                    .tokens
                    .iter()
                    .find(|t| matches!(t.0, STRING | BLOCK_STRING))
                    .copied()?;
                let text = self.text(k, raw, s);
                match kind {
                    BY => AttributeKind::By(text),
                    NOTE => AttributeKind::Note(text),
                    _ => AttributeKind::Source(text),
                }
            }
            EXPECT => {
                let (k, raw, s) = parts.tokens.iter().find(|t| t.0 == STRING).copied()?;
                AttributeKind::Expect(self.text(k, raw, s))
            }
            _ => AttributeKind::Artifact(Box::new(self.artifact(text, &parts)?)),
        };
        Some(Attribute { kind, span })
    }

    fn artifact(&mut self, text: &str, parts: &Parts<'_, '_>) -> Option<Artifact> {
        let (k, raw, s) = parts.tokens.iter().find(|t| t.0 == STRING).copied()?;
        let mut artifact = Artifact {
            path: self.text(k, raw, s),
            sha256: None,
            title: None,
            kind: None,
        };
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for child in &parts.nodes {
            if child.kind != ARTIFACT_OPTION {
                continue;
            }
            let option = self.parts(text, child.events);
            let (kw, _, kspan) = option.tokens[0];
            let name = keyword_text(kw).unwrap_or("kind");
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
            let Some(&(vkind, value, vspan)) = option.tokens.get(1) else {
                continue;
            };
            match kw {
                SHA256_KW => artifact.sha256 = Some(self.text(vkind, value, vspan)),
                TITLE_KW => artifact.title = Some(self.text(vkind, value, vspan)),
                _ => match ArtifactKind::ALL.into_iter().find(|k| k.keyword() == value) {
                    Some(k) => artifact.kind = Some((k, vspan)),
                    None => self.error(
                        SyntaxErrorKind::UnknownArtifactKind {
                            word: value.into(),
                            suggestion: crate::text::closest(
                                ArtifactKind::ALL.map(ArtifactKind::keyword),
                                value,
                            ),
                        },
                        vspan,
                    ),
                },
            }
        }
        Some(artifact)
    }
}

/// Groups lines into nodes and attaches suppression comments, one line at a time as
/// the lines are read: a line's statement first, then, at its end, its comment.
#[derive(Default)]
struct Assembler {
    ast: File,
    /// The last of `ast.nodes` is still being read (its attributes are gathered in
    /// `attributes`).
    open: bool,
    /// The current node's attributes, gathered here and moved into it at its end in
    /// one allocation of the right size (a list grown one push at a time moves, and
    /// keeps spare room).
    attributes: Vec<Attribute>,
    /// The last header could not be read: its attributes are dropped quietly.
    broken: bool,
    /// Where the current node first gives each single-valued attribute.
    firsts: Vec<(&'static str, Span)>,
    pending_allow: Vec<Ident>,
}

impl Assembler {
    /// The node being read, if any.
    fn current(&mut self) -> Option<&mut Node> {
        if self.open {
            self.ast.nodes.last_mut()
        } else {
            None
        }
    }

    /// A header starts `node`; the suppressions of the comment lines right above it
    /// are its own.
    fn header(&mut self, mut node: Node) {
        self.close_node();
        self.broken = false;
        self.firsts.clear();
        node.allow = std::mem::take(&mut self.pending_allow);
        self.ast.nodes.push(node);
        self.open = true;
    }

    /// An attribute of the node being read.
    fn attribute(&mut self, attr: Attribute, errors: &mut Vec<SyntaxError>) {
        self.ast.unattached_allows.append(&mut self.pending_allow);
        if !self.open {
            if !self.broken {
                errors.push(SyntaxError {
                    kind: SyntaxErrorKind::AttributeOutsideNode {
                        keyword: attr.kind.keyword(),
                    },
                    span: attr.keyword_span(),
                });
            }
            return;
        }
        check_duplicate(&mut self.firsts, &attr, errors);
        if matches!(
            attr.kind,
            AttributeKind::Edge { .. } | AttributeKind::Undercut(_)
        ) {
            self.ast.relations += 1;
        }
        let span = attr.span;
        self.attributes.push(attr);
        if let Some(node) = self.current() {
            node.span = node.span.cover(span);
        }
    }

    /// A line that could not be read.
    fn broken(&mut self, broken: Broken) {
        if let Broken::Header = broken {
            self.close_node();
            self.pending_allow.clear();
            self.broken = true;
        }
    }

    /// The end of a line that was read, after its statement (if it had one): its
    /// comment, whose `# crux: allow(...)` applies to the statement's node, or, on a
    /// line of its own, to the node below.
    fn end_line(
        &mut self,
        statement: bool,
        comment: Option<Comment>,
        errors: &mut Vec<SyntaxError>,
    ) {
        let mut directive = Vec::new();
        let had_comment = comment.is_some();
        if let Some(c) = comment {
            if let Some(names) = directive_of(&c, errors) {
                directive = names;
            }
            self.ast.comments.push(c);
        }
        if statement {
            // An attribute line outside any node drops its suppression.
            if let Some(node) = self.current() {
                node.allow.append(&mut directive);
            }
        } else if had_comment {
            self.pending_allow.append(&mut directive);
        } else {
            // A blank line: a suppression must sit right above its node.
            self.ast.unattached_allows.append(&mut self.pending_allow);
        }
    }

    /// The file, once every line is in. The list of nodes keeps its room: what was
    /// never filled was never touched (cutting it to size would copy every node).
    fn finish(mut self) -> File {
        self.close_node();
        self.ast.unattached_allows.append(&mut self.pending_allow);
        self.ast
    }

    /// Ends the node being read, its lists cut to size (a large debate holds hundreds
    /// of thousands of them).
    fn close_node(&mut self) {
        if !self.open {
            return;
        }
        self.open = false;
        let attributes = self.attributes.drain(..).collect();
        if let Some(node) = self.ast.nodes.last_mut() {
            node.attributes = attributes;
            node.allow.shrink_to_fit();
        }
    }
}

/// Single-valued attributes may be given once per node.
/// `firsts` holds where the node first gave each of them, so that a node with many
/// attributes is checked in linear time.
fn check_duplicate(
    firsts: &mut Vec<(&'static str, Span)>,
    attr: &Attribute,
    errors: &mut Vec<SyntaxError>,
) {
    if !matches!(
        attr.kind,
        AttributeKind::Credence(_)
            | AttributeKind::Status(..)
            | AttributeKind::Standard(..)
            | AttributeKind::By(_)
            | AttributeKind::Note(_)
    ) {
        return;
    }
    let keyword = attr.kind.keyword();
    match firsts.iter().find(|(k, _)| *k == keyword) {
        Some(&(_, first)) => errors.push(SyntaxError {
            kind: SyntaxErrorKind::DuplicateAttribute { keyword, first },
            span: attr.keyword_span(),
        }),
        None => firsts.push((keyword, attr.keyword_span())),
    }
}

/// Reads `# crux: allow(a, b)`. Returns the names, or `None` for an ordinary comment.
fn directive_of(comment: &Comment, errors: &mut Vec<SyntaxError>) -> Option<Vec<Ident>> {
    let body = comment.text.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("crux:")?;
    let offset = comment.text.len() - rest.len();
    let trimmed = rest.trim_start();
    // `# crux: alow(x)`: a misspelt `allow`, mended by an edit.
    let word_len = trimmed
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    let allow = (word != "allow" && crate::text::closest(["allow"], word).is_some()).then(|| {
        let start = comment.span.start as usize + offset + (rest.len() - trimmed.len());
        Span::new(comment.span.file, start, start + word_len)
    });
    let malformed = || SyntaxError {
        kind: SyntaxErrorKind::MalformedDirective { allow },
        span: comment.span,
    };
    let Some(args) = trimmed
        .strip_prefix("allow")
        .map(str::trim_start)
        .and_then(|a| a.strip_prefix('('))
        .and_then(|a| a.trim_end().strip_suffix(')'))
    else {
        errors.push(malformed());
        return None;
    };
    let args_offset = offset + (rest.len() - trimmed.len()) + trimmed.find('(').unwrap_or(0) + 1;
    let mut names = Vec::new();
    let mut at = args_offset;
    for part in args.split(',') {
        let name = part.trim();
        let lead = part.len() - part.trim_start().len();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            errors.push(malformed());
            return None;
        }
        let start = comment.span.start as usize + at + lead;
        names.push(Ident {
            name: SmolStr::new(name),
            span: Span::new(comment.span.file, start, start + name.len()),
        });
        at += part.len() + 1;
    }
    Some(names)
}

/// The byte offset and length of every escape other than `\"`, `\\`, `\n`, `\t`, in
/// order: each is reported, so that one run names them all.
pub(crate) fn invalid_escapes(body: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // Most texts have no escape at all: found without reading them char by char.
    let Some(first) = memchr::memchr(b'\\', body.as_bytes()) else {
        return found;
    };
    let mut chars = body[first..].char_indices().map(|(i, c)| (first + i, c));
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some((_, '"' | '\\' | 'n' | 't')) => {}
                Some((_, other)) => found.push((i, 1 + other.len_utf8())),
                None => found.push((i, 1)),
            }
        }
    }
    found
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
