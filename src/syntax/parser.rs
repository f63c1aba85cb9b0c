//! The parser: a hand-written, line-oriented reader of `.crux` text into a lossless
//! syntax tree.
//!
//! Phase: syntax. Parsing cannot fail and never panics: [`parse`] always returns a
//! [`Parsed`] whose tree holds every byte of the input (its text is the file, byte for
//! byte), with each line that could not be read kept in an `ERROR` node, and every
//! error found. The language is line-oriented (`grammar/crux.pest` is its normative
//! grammar), so the parser reads one logical line at a time: a physical line, or
//! several when a `"""` block spans them. A mistake costs one diagnostic and parsing
//! goes on at the next line.
//!
//! The tree groups lines into `NODE`s: a node holds the comment lines right above its
//! header (no blank line between), the header line, and every line below it up to the
//! next node's comments or header, except the blank and comment lines after its last
//! attribute. Lines before the first node, and an attribute with no node above it, sit
//! at the top.

use memchr::memchr2;
use rowan::GreenNode;

use super::ast::File;
use super::describe::{Expect, describe};
use super::error::{ErrorCap, SyntaxError, SyntaxErrorKind};
use super::event::Event;
use super::green::GreenBuilder;
use super::kind::{KeywordRole, SyntaxKind, SyntaxNode, keyword, keyword_of};
use super::lower::Lower;
use super::span::{FileId, Span};
use super::split::{logical_lines, looks_like_header, starts_node};

use SyntaxKind::*;

/// The result of parsing one file: the lossless tree, what it says, and the errors.
#[derive(Debug)]
pub struct Parsed {
    /// The lossless syntax tree: its text is the file's.
    pub tree: GreenNode,
    /// What the tree says, lowered for the model: nodes, attributes, comments.
    pub ast: File,
    /// Every syntax and front matter error, in source order.
    pub errors: Vec<SyntaxError>,
}

impl Parsed {
    /// The root of the syntax tree, to walk it.
    pub fn syntax(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.tree.clone())
    }
}

/// Parses one file's text.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let (tree, ast, mut errors, cap) = run(file, text, 0..text.len(), true);
    cap.finish(&mut errors);
    Parsed { tree, ast, errors }
}

/// What a file says and its errors, without its tree: [`parse`], except that each line
/// is lowered as soon as it is read and no tree is built (what `crux check` needs, in
/// a fraction of the memory).
#[derive(Debug, Default)]
pub struct Lowered {
    /// What the file says.
    pub ast: File,
    /// Every syntax and front matter error, in source order.
    pub errors: Vec<SyntaxError>,
}

/// Reads one file's text into what it says, as [`parse`] reads it.
pub fn lower(file: FileId, text: &str) -> Lowered {
    let (_, ast, mut errors, cap) = run(file, text, 0..text.len(), false);
    cap.finish(&mut errors);
    Lowered { ast, errors }
}

/// [`lower`] on up to `threads` threads: a large file is cut into parts at node headers
/// that follow a blank line, the parts are read at once, and what they say is joined
/// in order. The result is [`lower`]'s: a part reads exactly as it reads inside the
/// whole file, since a blank line before a header ends everything a line can carry over
/// (a node, a suppression); a cut inside front matter or a `"""` block is found (the
/// part before it reports it unclosed) and the file is then read in one piece.
pub fn lower_parallel(file: FileId, text: &str, threads: usize) -> Lowered {
    lower_in_parts(file, text, threads, PART_BYTES)
}

/// Files shorter than this are read on one thread.
const PART_BYTES: usize = 1 << 20;

fn lower_in_parts(file: FileId, text: &str, threads: usize, min_part: usize) -> Lowered {
    in_parts(file, text, threads, min_part).unwrap_or_else(|| lower(file, text))
}

/// The parts read at once and joined; `None` if there is one part, or a cut was in the
/// wrong place.
fn in_parts(file: FileId, text: &str, threads: usize, min_part: usize) -> Option<Lowered> {
    let cuts = cuts(text, threads, min_part);
    if cuts.is_empty() {
        return None;
    }
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &cut in &cuts {
        ranges.push(start..cut);
        start = cut;
    }
    ranges.push(start..text.len());
    // The last part is read on this thread, which would otherwise only wait.
    let (last_range, others) = ranges.split_last()?;
    let parts: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = others
            .iter()
            .map(|range| scope.spawn(move || run(file, text, range.clone(), false)))
            .collect();
        let mine = run(file, text, last_range.clone(), false);
        let mut parts: Vec<_> = workers.into_iter().map(|w| w.join()).collect();
        parts.push(Ok(mine));
        parts
    });
    let mut ast = File::default();
    let mut errors = Vec::new();
    let mut cap = ErrorCap::default();
    let last = parts.len() - 1;
    let nodes: usize = parts
        .iter()
        .map(|p| p.as_ref().map_or(0, |p| p.1.nodes.len()))
        .sum();
    for (i, part) in parts.into_iter().enumerate() {
        let (_, part_ast, part_errors, part_cap) = part.ok()?;
        // A part that ends inside front matter or a block was cut in the wrong place.
        let unclosed = part_errors.iter().any(|e| {
            matches!(
                e.kind,
                SyntaxErrorKind::UnclosedBlock { .. } | SyntaxErrorKind::UnclosedFrontMatter
            )
        });
        if unclosed && i < last {
            return None;
        }
        if i == 0 {
            // The first part starts the whole: its nodes stay where they are (the room
            // made for them, from the part's size, mostly holds the others' too).
            ast = part_ast;
            ast.nodes.reserve(nodes - ast.nodes.len());
        } else {
            ast.nodes.extend(part_ast.nodes);
            ast.comments.extend(part_ast.comments);
            ast.unattached_allows.extend(part_ast.unattached_allows);
            ast.relations += part_ast.relations;
        }
        errors.extend(part_errors);
        cap.dropped += part_cap.dropped;
    }
    cap.finish(&mut errors);
    Some(Lowered { ast, errors })
}

/// Where to cut `text` into about `threads` parts of at least `min_part` bytes: each cut
/// is the start of a line that starts a node (at column 0) after a blank line.
fn cuts(text: &str, threads: usize, min_part: usize) -> Vec<usize> {
    let parts = threads.min(text.len() / min_part.max(1));
    let mut cuts = Vec::new();
    let mut from = 0;
    for k in 1..parts {
        let target = (text.len() / parts * k).max(from);
        let Some(cut) = next_cut(text, target) else {
            break;
        };
        if cut > from && cut < text.len() {
            cuts.push(cut);
            from = cut;
        }
    }
    cuts
}

/// The first line at or after `at` that starts a node at column 0 right after a blank
/// line (`\n\n` or `\n\r\n`).
fn next_cut(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        let rel = bytes[i..].iter().position(|&b| b == b'\n')?;
        let after = i + rel + 1;
        let line = match bytes.get(after) {
            Some(b'\n') => after + 1,
            Some(b'\r') if bytes.get(after + 1) == Some(&b'\n') => after + 2,
            _ => {
                i = after;
                continue;
            }
        };
        if bytes.get(line).is_some_and(u8::is_ascii_lowercase) && starts_node(&text[line..]) {
            return Some(line);
        }
        i = after;
    }
    None
}

/// Parses `range` of the text (the whole of it, or a part that starts at a line),
/// lowering each line as it is read; keeps the tree if asked (else the tree
/// returned is an empty root). The errors are not cut back yet.
fn run(
    file: FileId,
    text: &str,
    range: std::ops::Range<usize>,
    keep: bool,
) -> (GreenNode, File, Vec<SyntaxError>, ErrorCap) {
    let mut builder = Builder::new(file, &text[..range.end], keep, range.start);
    builder.file(range.start);
    let Builder {
        tree,
        mut errors,
        mut cap,
        lowering,
        ..
    } = builder;
    let ast = lowering.finish(&mut errors, &mut cap);
    let tree = tree.map_or_else(
        || GreenNode::new(ROOT.into(), std::iter::empty()),
        GreenBuilder::finish,
    );
    (tree, ast, errors, cap)
}

/// What one logical line turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// Blank, or only a comment.
    Trivia,
    /// A node header (possibly salvaged: read as far as its ID).
    Header,
    /// A line that cannot be read and looks like a node header: it starts a node
    /// whose attributes are dropped quietly.
    BrokenHeader,
    /// An attribute, or a line that cannot be read and looks like one.
    Attribute,
}

/// A blank or comment line waiting to learn which node it belongs to.
#[derive(Clone, Copy, Debug)]
struct Pending {
    start: usize,
    end: usize,
    next: usize,
    comment: bool,
}

struct Builder<'t> {
    file: FileId,
    text: &'t str,
    /// The tree, when it is kept.
    tree: Option<GreenBuilder>,
    /// Lowers each line as it is read.
    lowering: Lower,
    errors: Vec<SyntaxError>,
    cap: ErrorCap,
    in_node: bool,
    pending: Vec<Pending>,
    events: Vec<Event>,
    expected: Vec<Expect>,
}

impl<'t> Builder<'t> {
    /// A builder of the text from byte `from`, which keeps the tree if asked.
    fn new(file: FileId, text: &'t str, keep: bool, from: usize) -> Self {
        Builder {
            file,
            text,
            tree: keep.then(GreenBuilder::default),
            lowering: Lower::new(file, text.len() - from),
            errors: Vec::new(),
            cap: ErrorCap::default(),
            in_node: false,
            pending: Vec::new(),
            events: Vec::new(),
            expected: Vec::new(),
        }
    }

    fn token(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        if end > start
            && let Some(tree) = &mut self.tree
        {
            tree.token(kind, &self.text[start..end]);
        }
    }

    fn start_node(&mut self, kind: SyntaxKind) {
        if let Some(tree) = &mut self.tree {
            tree.start_node(kind);
        }
    }

    fn finish_node(&mut self) {
        if let Some(tree) = &mut self.tree {
            tree.finish_node();
        }
    }

    /// The line break at `at` (`\n`, `\r\n` or `\r`), as a token; returns where the
    /// next line starts.
    fn line_break(&mut self, at: usize) -> usize {
        let end = self.break_end(at);
        self.token(NEWLINE, at, end);
        end
    }

    fn error(&mut self, kind: SyntaxErrorKind, start: usize, end: usize) {
        self.errors.push(SyntaxError {
            kind,
            span: Span::new(self.file, start, end),
        });
    }

    /// The file from `from`: its start (byte order mark, front matter) when `from` is
    /// 0, else a line where a part of it starts.
    fn file(&mut self, from: usize) {
        if let Some(tree) = &mut self.tree {
            tree.start_node(ROOT);
        }
        let text = self.text;
        let body = if from == 0 {
            let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
            self.token(BOM, 0, bom);
            self.front_matter(bom)
        } else {
            from
        };
        let mut lines = logical_lines(text, body).peekable();
        while let Some(line) = lines.next() {
            self.cap.compact(&mut self.errors);
            let next = lines.peek().map_or(text.len(), |l| l.start);
            self.line(line.start, line.end, next, line.problem, line.one_line);
        }
        self.flush_pending();
        if self.in_node {
            self.finish_node();
        }
    }

    /// Front matter at `at` (after a byte order mark), if the file starts with `---`.
    /// Returns where the lines start.
    fn front_matter(&mut self, at: usize) -> usize {
        let text = self.text;
        if !text[at..].starts_with("---") {
            return at;
        }
        let fence_end = |from: usize| -> Option<usize> {
            let rest = text.get(from..)?.strip_prefix("---")?;
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let end = from + 3 + spaces;
            matches!(text.as_bytes().get(end), None | Some(b'\n' | b'\r')).then_some(end)
        };
        let opening = fence_end(at).filter(|&end| end < text.len());
        let mut closing = None;
        if let Some(open_end) = opening {
            let bytes = text.as_bytes();
            let mut line = open_end
                + if text[open_end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
            while line < text.len() {
                if let Some(end) = fence_end(line) {
                    closing = Some((line, end));
                    break;
                }
                while line < text.len() && bytes[line] != b'\n' && bytes[line] != b'\r' {
                    line += 1;
                }
                line += if text[line..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
            }
        }
        match (opening, closing) {
            (Some(open_end), Some((close_start, close_end))) => {
                self.start_node(FRONT_MATTER);
                self.token(FENCE, at, open_end);
                let yaml = self.line_break(open_end);
                self.token(YAML, yaml, close_start);
                self.token(FENCE, close_start, close_end);
                self.finish_node();
                let span = Span::new(self.file, at, close_end);
                self.lowering
                    .front_matter(&text[yaml..close_start], yaml, span);
                close_end
            }
            _ => {
                self.error(SyntaxErrorKind::UnclosedFrontMatter, at, at + 3);
                // Resynchronise at the first line that starts a node.
                let mut start = at;
                let mut resume = text.len();
                for line in text[at..].split_inclusive(['\n', '\r']) {
                    if starts_node(line) {
                        resume = start;
                        break;
                    }
                    start += line.len();
                }
                self.start_node(ERROR);
                self.token(ERROR_TOKEN, at, resume);
                self.finish_node();
                resume
            }
        }
    }

    /// One logical line `start..end`; its line break (and, after an unclosed block,
    /// the lines skipped) run to `next`.
    fn line(
        &mut self,
        start: usize,
        end: usize,
        next: usize,
        problem: Option<(SyntaxErrorKind, usize, usize)>,
        one_line: bool,
    ) {
        self.events.clear();
        // After an unclosed `"""`, the lines skipped up to the next node belong to the
        // line that opened it.
        let end = if next > self.break_end(end) {
            let before = &self.text[..next];
            before
                .strip_suffix("\r\n")
                .or(before.strip_suffix(['\n', '\r']))
                .map_or(next, str::len)
        } else {
            end
        };
        let kind = match problem {
            Some((kind, open, close)) => {
                self.error(kind, open, close);
                self.salvage(start, end)
            }
            None => self.read_line(start, end, one_line),
        };
        self.lowering
            .line(self.text, &self.events, kind == LineKind::BrokenHeader);
        // A line ends at its line break; the file's last line, if it has none, ends
        // when lowering finishes.
        if self.break_end(end) > end {
            self.lowering.end_line();
        }
        // The rest places the line in the tree (a blank or comment line waits to learn
        // which node it belongs to): nothing to do without one.
        if self.tree.is_none() {
            return;
        }
        match kind {
            LineKind::Trivia => {
                let comment = self
                    .events
                    .iter()
                    .any(|e| matches!(e, Event::Token(COMMENT, ..)));
                self.pending.push(Pending {
                    start,
                    end,
                    next,
                    comment,
                });
                return;
            }
            LineKind::Header | LineKind::BrokenHeader => {
                // The comment lines right above the header belong to it.
                let leading = self.pending.iter().rev().take_while(|p| p.comment).count();
                let before = self.pending.len() - leading;
                if self.in_node {
                    self.finish_node();
                }
                let rest: Vec<Pending> = self.pending.drain(before..).collect();
                self.flush_pending();
                self.start_node(NODE);
                self.in_node = true;
                for p in rest {
                    self.trivia_line(p);
                }
            }
            LineKind::Attribute => self.flush_pending(),
        }
        self.replay();
        self.line_break(end);
    }

    /// Where the line after a line ending at `at` starts.
    fn break_end(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        at + match bytes.get(at) {
            Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => 2,
            Some(b'\r' | b'\n') => 1,
            _ => 0,
        }
    }

    fn flush_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for p in &pending {
            self.trivia_line(*p);
        }
        self.pending = pending;
        self.pending.clear();
    }

    /// A blank or comment line: its whitespace, comment and line break.
    fn trivia_line(&mut self, p: Pending) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = p.start;
        while at < p.end && matches!(bytes[at], b' ' | b'\t') {
            at += 1;
        }
        self.token(WHITESPACE, p.start, at);
        if at < p.end {
            self.token(COMMENT, at, p.end);
        }
        self.line_break(p.end);
        debug_assert!(p.next <= text.len());
    }

    fn replay(&mut self) {
        let events = std::mem::take(&mut self.events);
        for event in &events {
            match *event {
                Event::Open(kind) => self.start_node(kind),
                Event::Token(kind, s, e) => self.token(kind, s as usize, e as usize),
                Event::Close => self.finish_node(),
            }
        }
        self.events = events;
    }

    /// Reads one logical line into events (`one_line`: it has no line break inside).
    /// Returns what it is.
    fn read_line(&mut self, start: usize, end: usize, one_line: bool) -> LineKind {
        let mut line = Line {
            text: self.text,
            bytes: self.text.as_bytes(),
            pos: start,
            end,
            one_line,
            events: &mut self.events,
            furthest: start,
            expected: &mut self.expected,
        };
        line.expected.clear();
        line.ws();
        let statement_start = line.pos;
        let word = line.run(statement_start);
        let (kind, read) = match keyword_of(word) {
            Some((kw, KeywordRole::NodeKind)) => (LineKind::Header, line.header(kw, word.len())),
            Some((kw, KeywordRole::Attribute)) => {
                (LineKind::Attribute, line.attribute(kw, word.len()))
            }
            _ => (LineKind::Trivia, true),
        };
        if read {
            // After the statement: spaces, a comment, the end of the line.
            line.ws();
            if line.pos < end && line.bytes[line.pos] == b'#' {
                line.token(COMMENT, line.pos, end);
            } else {
                line.miss(line.pos, Expect::Comment);
            }
            if line.pos >= end {
                return kind;
            }
            line.miss(line.pos, Expect::End);
        } else {
            // Without its statement, the line could still have been a comment.
            line.miss(statement_start, Expect::Comment);
            line.miss(statement_start, Expect::End);
        }
        let (pos, expected) = (line.furthest, line.expected.clone());
        if self.cap.full_before(start) {
            // Past the errors that will be shown: count it, do not word it.
            self.cap.dropped += 1;
        } else {
            let src = &self.text[start..end];
            let crlf = self.text[end..].starts_with("\r\n");
            self.errors.push(describe(
                self.file,
                (src, crlf),
                start,
                pos - start,
                &expected,
            ));
        }
        self.salvage(start, end)
    }

    /// Rebuilds the events of a line that cannot be read: a node header read as far as
    /// its ID when that much is clean, else an `ERROR` node holding the line.
    fn salvage(&mut self, start: usize, end: usize) -> LineKind {
        self.events.clear();
        let text = self.text;
        let src = &text[start..end];
        let indent = src.len() - src.trim_start_matches([' ', '\t']).len();
        let at = start + indent;
        if indent > 0 {
            self.events
                .push(Event::Token(WHITESPACE, start as u32, at as u32));
        }
        if starts_node(src) {
            let rest = &text[at..end];
            let kw_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            let after_kw = &rest[kw_len..];
            let gap = after_kw.len() - after_kw.trim_start_matches([' ', '\t']).len();
            let id_text = &after_kw[gap..];
            let id_len = id_text
                .bytes()
                .take_while(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-'
                })
                .count();
            let id = &id_text[..id_len];
            // The ID must end where the grammar would end it: at a space, a `:` or the
            // line's end. `naïve` is not the ID `na`.
            let ends_cleanly = id_text[id_len..]
                .chars()
                .next()
                .is_none_or(|c| c == ':' || c == ' ' || c == '\t');
            let clean = !id.is_empty()
                && id.as_bytes()[0].is_ascii_lowercase()
                && !id.ends_with('-')
                && ends_cleanly;
            let kw = keyword(&rest[..kw_len], KeywordRole::NodeKind);
            if let (true, Some(kw)) = (clean, kw) {
                let (kw_end, id_start) = (at + kw_len, at + kw_len + gap);
                let id_end = id_start + id_len;
                self.events.extend([
                    Event::Open(HEADER),
                    Event::Token(kw, at as u32, kw_end as u32),
                    Event::Token(WHITESPACE, kw_end as u32, id_start as u32),
                    Event::Token(IDENT, id_start as u32, id_end as u32),
                ]);
                // What follows the ID, up to the end of the line (perhaps nothing:
                // the error is then that the line ends there).
                self.events.extend([
                    Event::Open(ERROR),
                    Event::Token(ERROR_TOKEN, id_end as u32, end as u32),
                    Event::Close,
                    Event::Close,
                ]);
                return LineKind::Header;
            }
        }
        self.events.extend([
            Event::Open(ERROR),
            Event::Token(ERROR_TOKEN, at as u32, end as u32),
            Event::Close,
        ]);
        if starts_node(src) || looks_like_header(src) {
            LineKind::BrokenHeader
        } else {
            LineKind::Attribute
        }
    }
}

/// The reader of one logical line, after the grammar in `grammar/crux.pest`. Like
/// pest, it remembers the furthest position where something was expected and not
/// found, and what.
struct Line<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    /// No line break inside `pos..end` (a `"""` block can make a line of several).
    one_line: bool,
    events: &'a mut Vec<Event>,
    furthest: usize,
    expected: &'a mut Vec<Expect>,
}

/// `[a-z0-9_]`: the characters that continue a keyword or an ID.
fn ident_char(b: u8) -> bool {
    IDENT_CHAR[b as usize]
}

/// [`ident_char`] of every byte, looked up (IDs and keywords are most of what a line
/// holds outside its text).
const IDENT_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_';
        b += 1;
    }
    table
};

/// Whether `name` is a node ID: `[a-z][a-z0-9_]*(-[a-z0-9_]+)*`, as the parser reads
/// one, and not a word that starts a node or an attribute.
pub fn is_id(name: &str) -> bool {
    let bytes = name.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut i = 1 + ident_run(&bytes[1..]);
    while bytes.get(i) == Some(&b'-') && bytes.get(i + 1).is_some_and(|&b| ident_char(b)) {
        i += 2 + ident_run(&bytes[i + 2..]);
    }
    i == bytes.len() && !super::kind::is_reserved(name)
}

/// The length of the run of `[a-z0-9_]` that `bytes` starts with.
fn ident_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !ident_char(b))
        .unwrap_or(bytes.len())
}

impl Line<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        (i < self.end).then(|| self.bytes[i])
    }

    fn token(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        self.events
            .push(Event::Token(kind, start as u32, end as u32));
        self.pos = end;
    }

    fn miss(&mut self, at: usize, what: Expect) {
        if at > self.furthest {
            self.furthest = at;
            self.expected.clear();
        }
        if at == self.furthest && !self.expected.contains(&what) {
            self.expected.push(what);
        }
    }

    /// The run of `[a-z0-9_]` at `at`: a keyword if it is one.
    fn run(&self, at: usize) -> &str {
        &self.text[at..at + ident_run(&self.bytes[at..self.end])]
    }

    /// Spaces and tabs, if any.
    fn ws(&mut self) -> bool {
        let start = self.pos;
        let mut i = start;
        while matches!(self.at(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if i > start {
            self.token(WHITESPACE, start, i);
        }
        i > start
    }

    /// `ws` then `item`, or nothing (the spaces are given back when `item` fails).
    fn spaced(&mut self, item: impl FnOnce(&mut Self) -> bool) -> bool {
        let (pos, len) = (self.pos, self.events.len());
        if self.ws() && item(self) {
            return true;
        }
        self.pos = pos;
        self.events.truncate(len);
        false
    }

    /// The keyword of kind `kind`, `len` bytes long, where the reader is.
    fn keyword(&mut self, kind: SyntaxKind, len: usize) {
        self.token(kind, self.pos, self.pos + len);
    }

    /// `[a-z][a-z0-9_]*(-[a-z0-9_]+)*`
    fn ident(&mut self) -> bool {
        let start = self.pos;
        if !self.at(start).is_some_and(|b| b.is_ascii_lowercase()) {
            self.miss(start, Expect::Ident);
            return false;
        }
        let rest = &self.bytes[start..self.end];
        let mut i = 1 + ident_run(&rest[1..]);
        while rest.get(i) == Some(&b'-') && rest.get(i + 1).is_some_and(|&b| ident_char(b)) {
            i += 2 + ident_run(&rest[i + 2..]);
        }
        self.token(IDENT, start, start + i);
        true
    }

    /// `-?(\d+(\.\d+)?|\.\d+)`, not followed by a letter, a digit, `_` or `.`.
    fn number(&mut self) -> bool {
        let start = self.pos;
        let digits = |line: &Self, mut i: usize| {
            let from = i;
            while line.at(i).is_some_and(|b| b.is_ascii_digit()) {
                i += 1;
            }
            (i > from).then_some(i)
        };
        let mut i = start;
        if self.at(i) == Some(b'-') {
            i += 1;
        }
        let end = match digits(self, i) {
            Some(whole) if self.at(whole) == Some(b'.') => digits(self, whole + 1).or(Some(whole)),
            Some(whole) => Some(whole),
            None if self.at(i) == Some(b'.') => digits(self, i + 1),
            None => None,
        };
        match end {
            Some(e)
                if !self
                    .at(e)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') =>
            {
                self.token(NUMBER, start, e);
                true
            }
            _ => {
                self.miss(start, Expect::Number);
                false
            }
        }
    }

    /// `[A-Za-z][A-Za-z0-9_-]*`
    fn word(&mut self) -> bool {
        let start = self.pos;
        if !self.at(start).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.miss(start, Expect::Word);
            return false;
        }
        let mut i = start + 1;
        while self
            .at(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            i += 1;
        }
        self.token(WORD, start, i);
        true
    }

    /// `[A-Za-z0-9_/.-]+`
    fn tag(&mut self) -> bool {
        let start = self.pos;
        let mut i = start;
        while self
            .at(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'/' | b'.'))
        {
            i += 1;
        }
        if i == start {
            self.miss(start, Expect::Tag);
            return false;
        }
        self.token(TAG, start, i);
        true
    }

    /// A one-line string: `"`, characters other than `"`, `\` and line breaks, or a
    /// backslash and any character, then `"`.
    fn string(&mut self) -> bool {
        let start = self.pos;
        if self.at(start) != Some(b'"') {
            self.miss(start, Expect::Str);
            return false;
        }
        let mut i = start + 1;
        loop {
            // Jump to the next quote or backslash; a line break before it ends the line.
            let stop = memchr2(b'"', b'\\', &self.bytes[i..self.end]).map(|rel| i + rel);
            let skipped = &self.bytes[i..stop.unwrap_or(self.end)];
            let Some(at) =
                stop.filter(|_| self.one_line || memchr2(b'\n', b'\r', skipped).is_none())
            else {
                self.miss(start, Expect::Str);
                return false;
            };
            if self.bytes[at] == b'"' {
                i = at;
                break;
            }
            match self.text[at + 1..self.end].chars().next() {
                None | Some('\n' | '\r') => {
                    self.miss(start, Expect::Str);
                    return false;
                }
                Some(c) => i = at + 1 + c.len_utf8(),
            }
        }
        self.token(STRING, start, i + 1);
        true
    }

    /// A `"""` block or a one-line string.
    fn text(&mut self) -> bool {
        let start = self.pos;
        if self.text[start..self.end].starts_with("\"\"\"")
            && let Some(rel) = self.text[start + 3..self.end].find("\"\"\"")
        {
            self.token(BLOCK_STRING, start, start + 3 + rel + 3);
            return true;
        }
        self.string()
    }

    fn punct(&mut self, s: &str, kind: SyntaxKind, what: Expect) -> bool {
        if self.text[self.pos..self.end].starts_with(s) {
            self.token(kind, self.pos, self.pos + s.len());
            true
        } else {
            self.miss(self.pos, what);
            false
        }
    }

    /// Runs `item` inside a node of `kind`; the node is closed whatever happens (a line
    /// that fails is rebuilt from scratch).
    fn node(&mut self, kind: SyntaxKind, item: impl FnOnce(&mut Self) -> bool) -> bool {
        self.events.push(Event::Open(kind));
        let ok = item(self);
        self.events.push(Event::Close);
        ok
    }

    /// `KIND ID: TEXT`, after its keyword `kw`, `len` bytes long.
    fn header(&mut self, kw: SyntaxKind, len: usize) -> bool {
        self.node(HEADER, |l| {
            l.keyword(kw, len);
            l.ws();
            if !l.ident() {
                return false;
            }
            l.ws();
            if !l.punct(":", COLON, Expect::Colon) {
                return false;
            }
            l.ws();
            l.text()
        })
    }

    /// An attribute line, after its keyword `kw`, `len` bytes long.
    fn attribute(&mut self, kw: SyntaxKind, len: usize) -> bool {
        let node = match kw {
            SUPPORTS_KW | ATTACKS_KW | CONTRADICTS_KW => RELATION,
            UNDERCUTS_KW => UNDERCUT,
            CREDENCE_KW => CREDENCE,
            STATUS_KW => STATUS,
            STANDARD_KW => STANDARD,
            BY_KW => BY,
            TAGS_KW => TAGS,
            NOTE_KW => NOTE,
            SOURCE_KW => SOURCE,
            EXPECT_KW => EXPECT,
            _ => ARTIFACT,
        };
        self.node(node, |l| {
            l.keyword(kw, len);
            l.ws();
            match node {
                RELATION => l.ident() && l.weight(),
                UNDERCUT => {
                    l.ident()
                        && {
                            l.ws();
                            l.punct("->", ARROW, Expect::Arrow)
                        }
                        && {
                            l.ws();
                            l.ident()
                        }
                        && l.weight()
                }
                CREDENCE => l.number(),
                STATUS | STANDARD => l.word(),
                BY | NOTE | SOURCE => l.text(),
                EXPECT => l.string(),
                TAGS => l.tags(),
                _ => l.string() && l.artifact_options(),
            }
        })
    }

    /// An optional weight after a space; always succeeds.
    fn weight(&mut self) -> bool {
        self.spaced(Self::number);
        true
    }

    /// `TAG (, TAG)*`
    fn tags(&mut self) -> bool {
        if !self.tag() {
            return false;
        }
        loop {
            let (pos, len) = (self.pos, self.events.len());
            self.ws();
            let more = self.at(self.pos) == Some(b',') && {
                self.token(COMMA, self.pos, self.pos + 1);
                self.ws();
                self.tag()
            };
            if !more {
                self.pos = pos;
                self.events.truncate(len);
                return true;
            }
        }
    }

    /// `(ws OPTION)*` after an artifact's path.
    fn artifact_options(&mut self) -> bool {
        while self.spaced(Self::artifact_option) {}
        true
    }

    /// `sha256 "hex"`, `title TEXT` or `kind WORD`.
    fn artifact_option(&mut self) -> bool {
        let word = self.run(self.pos);
        let Some(kw) = keyword(word, KeywordRole::ArtifactOption) else {
            self.miss(self.pos, Expect::ArtifactOption);
            return false;
        };
        let (pos, len) = (self.pos, self.events.len());
        let kw_len = word.len();
        let ok = self.node(ARTIFACT_OPTION, |l| {
            l.keyword(kw, kw_len);
            l.ws();
            match kw {
                SHA256_KW => l.string(),
                TITLE_KW => l.text(),
                _ => l.word(),
            }
        });
        if !ok {
            self.pos = pos;
            self.events.truncate(len);
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text whose lines carry state over: suppressions, comments, a block with a
    /// blank line and a header-like line in it, errors, attributes of a broken header.
    const TRICKY: &str = "---\ntitle: t\n---\n\n# crux: allow(no-thesis)\nclaim a: \"A\"\n  supports b 0.5\n\nclaim b: \"\"\"\n  one\n\nclaim c: \"inside the block\"\n  \"\"\"\n  by \"me\"\n\n# crux: allow(unsupported-claim)\n\nclaim d: \"D\" # trailing\n  credence 0.5\n  credence 0.6\n\nclam e: \"E\"\n  supports a\n\ncounter f: \"F\"\n  attacks a\n  status maybe\n";

    /// `is_id` says yes exactly when `claim NAME: "x"` reads back as a node NAME.
    #[test]
    fn is_id_agrees_with_the_parser() {
        let names = [
            "a", "a1", "a_b", "a-b", "a-b-c_d", "a--b", "a-", "-a", "1a", "_a", "A", "aB", "a b",
            "a.b", "é", "aé", "claim", "supports", "title", "sha256", "kind", "", "a-1", "a-_",
            "thesis_x",
        ];
        for name in names {
            let probe = format!("claim {name}: \"x\"\n");
            let lowered = lower(FileId(0), &probe);
            let reads_back = lowered.errors.is_empty()
                && lowered.ast.nodes.len() == 1
                && lowered.ast.nodes[0].id.name == name;
            assert_eq!(is_id(name), reads_back, "{name:?}");
        }
    }

    fn same(a: &Lowered, b: &Lowered) {
        assert_eq!(format!("{:?}", a.ast), format!("{:?}", b.ast));
        assert_eq!(a.errors, b.errors);
    }

    #[test]
    fn parts_read_as_the_whole_file() {
        // Without its block (a cut may fall inside it, see below), in parts for real.
        let plain = TRICKY.replace(
            "\"\"\"\n  one\n\nclaim c: \"inside the block\"\n  \"\"\"",
            "\"B\"",
        );
        let text = plain.repeat(5);
        let whole = lower(FileId(3), &text);
        assert!(whole.errors.len() > 10, "{:?}", whole.errors);
        for threads in [2, 3, 8, 64] {
            let parts = in_parts(FileId(3), &text, threads, 1).expect("read in parts");
            same(&parts, &whole);
        }
        // With the block: in parts or in one piece, the same.
        let text = TRICKY.repeat(5);
        for threads in [2, 3, 8, 64] {
            same(
                &lower_in_parts(FileId(3), &text, threads, 1),
                &lower(FileId(3), &text),
            );
        }
    }

    #[test]
    fn a_cut_inside_a_block_falls_back_to_one_piece() {
        // Every candidate cut of this text is inside the block.
        let text = "claim a: \"\"\"\n\nclaim b: x\n\nclaim c: y\n\"\"\"\n";
        assert!(!cuts(text, 4, 1).is_empty());
        assert!(in_parts(FileId(0), text, 4, 1).is_none());
        same(
            &lower_in_parts(FileId(0), text, 4, 1),
            &lower(FileId(0), text),
        );
    }

    #[test]
    fn cuts_are_node_lines_after_blank_lines() {
        let text = "claim a: \"A\"\n\nclaim b: \"B\"\r\n\r\nclaim c: \"C\"\n\n  claim d: \"D\"\n";
        let cuts = cuts(text, 8, 1);
        for &cut in &cuts {
            assert!(text[cut..].starts_with("claim "), "{cut}");
        }
        assert_eq!(cuts.len(), 2, "{cuts:?}");
    }
}
