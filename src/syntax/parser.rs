//! The parser: the pest grammar in `grammar/crux.pest`, error recovery, and assembly of
//! lines into nodes.
//!
//! Phase: syntax. Parsing cannot fail: [`parse`] always returns a [`Parsed`] holding what
//! could be read and every error found. A file parses in one pass of the `file` rule
//! when it is valid; otherwise it is split into logical lines and each is parsed on its
//! own, so every independent mistake is reported at its own line and column.

use pest::Parser as _;
use pest::iterators::Pair;

use super::ast::{Comment, File, Ident, KEYWORDS, Node, NodeKind};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::front_matter;
use super::lower::{Lowerer, Statement};
use super::span::{FileId, Span};
use super::split::{logical_lines, starts_node};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/crux.pest"]
struct Grammar;

/// The grammar's rule enum, named so that "rule" keeps meaning a lint rule elsewhere.
pub(crate) use self::Rule as GrammarRule;

/// Syntax errors reported per file; past this, one summary error stands for the rest
/// (a binary file named `.crux` would otherwise flood the output).
pub const MAX_ERRORS: usize = 200;

/// The result of parsing one file: the tree and the errors.
#[derive(Debug, Default)]
pub struct Parsed {
    /// What could be read.
    pub ast: File,
    /// Every syntax and front matter error, in source order.
    pub errors: Vec<SyntaxError>,
}

/// One line after lowering, or a marker for a line that could not be read.
enum Item {
    Line {
        statement: Option<Statement>,
        comment: Option<Comment>,
    },
    /// A node header that could not be read far enough to know its ID: its attributes
    /// are dropped, not reported as strays.
    BrokenHeader,
    /// An attribute line that could not be read.
    BrokenAttribute,
}

/// Keeps the error list short while a file is read: only the first
/// [`MAX_ERRORS`]` + 1` errors in source order are ever shown, so the rest are counted
/// and dropped as soon as they are known to be past them. A file of a million bad lines
/// then needs memory for its text, not for a million errors, and the errors that will
/// not be shown are not put into words.
#[derive(Default)]
struct ErrorCap {
    /// Errors dropped so far.
    dropped: usize,
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
    fn compact(&mut self, errors: &mut Vec<SyntaxError>) {
        if errors.len() > Self::SLACK {
            // Stable: errors at the same place keep the order they were found in.
            errors.sort_by_key(|e| (e.span.start, e.span.end));
            self.dropped += errors.len() - (MAX_ERRORS + 1);
            errors.truncate(MAX_ERRORS + 1);
            self.last_kept = errors.last().map(|e| e.span.start);
        }
    }

    /// Whether any error found at `offset` or later will be dropped.
    fn full_before(&self, offset: usize) -> bool {
        self.last_kept.is_some_and(|last| (last as usize) < offset)
    }
}

/// Parses one file's text.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut errors = Vec::new();
    let mut cap = ErrorCap::default();
    let mut front = None;
    let mut assembler = Assembler::default();
    match Grammar::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let mut lower = Lowerer {
                file,
                base: 0,
                errors: &mut errors,
            };
            for pair in pairs.next().expect("grammar: file").into_inner() {
                match pair.as_rule() {
                    Rule::front_matter => front = Some(front_matter_of(file, pair, 0, &mut lower)),
                    Rule::line => {
                        let (statement, comment) = lower.line(pair);
                        assembler.push(Item::Line { statement, comment }, lower.errors);
                        cap.compact(lower.errors);
                    }
                    _ => {}
                }
            }
        }
        Err(_) => recover(
            file,
            text,
            &mut errors,
            &mut front,
            &mut cap,
            &mut assembler,
        ),
    }
    let mut ast = assembler.finish();
    ast.front_matter = front;
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    if errors.len() > MAX_ERRORS {
        let omitted = errors.len() - MAX_ERRORS + cap.dropped;
        let span = errors[MAX_ERRORS].span;
        errors.truncate(MAX_ERRORS);
        errors.push(SyntaxError {
            kind: SyntaxErrorKind::TooManyErrors { omitted },
            span,
        });
    }
    Parsed { ast, errors }
}

fn front_matter_of(
    file: FileId,
    pair: Pair<'_, Rule>,
    base: usize,
    lower: &mut Lowerer<'_>,
) -> super::ast::FrontMatter {
    let s = pair.as_span();
    let span = Span::new(file, base + s.start(), base + s.end());
    let yaml = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::yaml)
        .expect("grammar: front matter has a body");
    match front_matter::read(file, yaml.as_str(), base + yaml.as_span().start(), span) {
        Ok(fm) => fm,
        Err(e) => {
            lower.errors.push(e);
            super::ast::FrontMatter {
                span,
                ..Default::default()
            }
        }
    }
}

/// The slow path: front matter, then each logical line on its own.
fn recover(
    file: FileId,
    text: &str,
    errors: &mut Vec<SyntaxError>,
    front: &mut Option<super::ast::FrontMatter>,
    cap: &mut ErrorCap,
    assembler: &mut Assembler,
) {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut body = bom;
    if text[bom..].starts_with("---") {
        match Grammar::parse(Rule::front_matter, text) {
            Ok(mut pairs) => {
                let pair = pairs.next().expect("grammar: front matter");
                body = pair.as_span().end();
                let mut lower = Lowerer {
                    file,
                    base: 0,
                    errors,
                };
                *front = Some(front_matter_of(file, pair, 0, &mut lower));
            }
            Err(_) => {
                errors.push(SyntaxError {
                    kind: SyntaxErrorKind::UnclosedFrontMatter,
                    span: Span::new(file, bom, bom + 3),
                });
                // Resynchronise at the first line that starts a node.
                body = text.len();
                let mut at = 0;
                for line in text.split_inclusive('\n') {
                    if starts_node(line) {
                        body = at;
                        break;
                    }
                    at += line.len();
                }
            }
        }
    }
    for logical in logical_lines(text, body) {
        cap.compact(errors);
        let src = &text[logical.start..logical.end];
        if let Some((kind, open, close)) = logical.problem {
            errors.push(SyntaxError {
                kind,
                span: Span::new(file, open, close),
            });
            assembler.push(salvage_header(file, src, logical.start), errors);
            continue;
        }
        let mut lower = Lowerer {
            file,
            base: logical.start,
            errors,
        };
        match Grammar::parse(Rule::line_only, src) {
            Ok(mut pairs) => {
                let line = pairs
                    .next()
                    .expect("grammar: line_only")
                    .into_inner()
                    .next()
                    .expect("grammar: line");
                let (statement, comment) = lower.line(line);
                assembler.push(Item::Line { statement, comment }, lower.errors);
            }
            Err(err) => {
                if cap.full_before(logical.start) {
                    // Past the errors that will be shown: count it, do not word it.
                    cap.dropped += 1;
                } else {
                    errors.push(describe(file, src, logical.start, &err));
                }
                assembler.push(salvage_header(file, src, logical.start), errors);
            }
        }
    }
}

/// For a line that failed to parse: if it starts a node and its ID can be read, keep the
/// node (without its text) so that its attributes and references to it still count.
fn salvage_header(file: FileId, src: &str, base: usize) -> Item {
    if !starts_node(src) {
        return if looks_like_header(src) {
            Item::BrokenHeader
        } else {
            Item::BrokenAttribute
        };
    }
    let indent = src.len() - src.trim_start().len();
    let rest = &src[indent..];
    let kw_len = rest.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    let kind = NodeKind::from_keyword(&rest[..kw_len]).expect("starts_node checked the kind");
    let after_kw = &rest[kw_len..];
    let gap = after_kw.len() - after_kw.trim_start().len();
    let id_text = &after_kw[gap..];
    let id_len = id_text
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-')
        .count();
    let id = &id_text[..id_len];
    // The ID must end where the grammar would end it: at a space, a `:` or the line's
    // end. `naïve` is not the ID `na`.
    let ends_cleanly = id_text[id_len..]
        .chars()
        .next()
        .is_none_or(|c| c == ':' || c == ' ' || c == '\t');
    if id.is_empty() || !id.as_bytes()[0].is_ascii_lowercase() || id.ends_with('-') || !ends_cleanly
    {
        return Item::BrokenHeader;
    }
    let kind_start = base + indent;
    let id_start = kind_start + kw_len + gap;
    Item::Line {
        statement: Some(Statement::Header {
            kind,
            kind_span: Span::new(file, kind_start, kind_start + kw_len),
            id: Ident {
                name: id.to_string(),
                span: Span::new(file, id_start, id_start + id_len),
            },
            text: None,
            span: Span::new(file, kind_start, base + src.trim_end().len()),
        }),
        comment: None,
    }
}

/// Whether a line that failed to parse (and does not start with a node kind) is more
/// likely a mistyped node header than a mistyped attribute. A mistyped header must not
/// let the attributes under it attach to the node before it; a mistyped attribute must
/// not cut its node short.
fn looks_like_header(src: &str) -> bool {
    let trimmed = src.trim_start();
    let indented = trimmed.len() != src.len();
    let word: &str = trimmed
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    if word.is_empty() || !word.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    // `word id:` has the shape of a header, whatever the word.
    let after = trimmed[word.len()..].trim_start();
    let id_len = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    let header_shape = id_len > 0 && after[id_len..].trim_start().starts_with(':');
    if header_shape {
        return true;
    }
    if indented {
        return false;
    }
    // Unindented: a header, unless the word is closer to an attribute keyword.
    let lower = word.to_ascii_lowercase();
    let score = |k: &str| strsim::jaro_winkler(k, &lower);
    let best_kind = ["thesis", "claim", "counter", "evidence"]
        .iter()
        .map(|k| score(k))
        .fold(0.0, f64::max);
    let best_attribute = KEYWORDS
        .iter()
        .filter(|k| NodeKind::from_keyword(k).is_none())
        .map(|k| score(k))
        .fold(0.0, f64::max);
    best_kind >= best_attribute
}

/// Groups lines into nodes and attaches suppression comments, one line at a time as
/// the lines are read.
#[derive(Default)]
struct Assembler {
    ast: File,
    current: Option<Node>,
    /// The last header could not be read: its attributes are dropped quietly.
    broken: bool,
    /// Where the current node first gives each single-valued attribute.
    firsts: Vec<(&'static str, Span)>,
    pending_allow: Vec<Ident>,
}

impl Assembler {
    /// Adds the next line.
    fn push(&mut self, item: Item, errors: &mut Vec<SyntaxError>) {
        let (statement, comment) = match item {
            Item::Line { statement, comment } => (statement, comment),
            Item::BrokenHeader => {
                self.ast.nodes.extend(self.current.take());
                self.pending_allow.clear();
                self.broken = true;
                return;
            }
            Item::BrokenAttribute => return,
        };
        let mut directive = Vec::new();
        if let Some(c) = &comment {
            if let Some(names) = directive_of(c, errors) {
                directive = names;
            }
            self.ast.comments.push(c.clone());
        }
        match statement {
            None if comment.is_none() => {
                // A blank line: a suppression must sit right above its node.
                self.ast.unattached_allows.append(&mut self.pending_allow);
            }
            None => self.pending_allow.append(&mut directive),
            Some(Statement::Header {
                kind,
                kind_span,
                id,
                text,
                span,
            }) => {
                self.ast.nodes.extend(self.current.take());
                self.broken = false;
                self.firsts.clear();
                let mut allow = std::mem::take(&mut self.pending_allow);
                allow.append(&mut directive);
                self.current = Some(Node {
                    kind,
                    kind_span,
                    id,
                    text,
                    attributes: Vec::new(),
                    allow,
                    header_span: span,
                    span,
                });
            }
            Some(Statement::Attribute(attr)) => {
                self.ast.unattached_allows.append(&mut self.pending_allow);
                match self.current.as_mut() {
                    Some(node) => {
                        check_duplicate(&mut self.firsts, &attr, errors);
                        node.span = node.span.cover(attr.span);
                        node.attributes.push(attr);
                        node.allow.append(&mut directive);
                    }
                    None if self.broken => {}
                    None => errors.push(SyntaxError {
                        kind: SyntaxErrorKind::AttributeOutsideNode {
                            keyword: attr.kind.keyword(),
                        },
                        span: attr.keyword_span,
                    }),
                }
            }
        }
    }

    /// The file, once every line is in.
    fn finish(mut self) -> File {
        self.ast.nodes.extend(self.current.take());
        self.ast.unattached_allows.append(&mut self.pending_allow);
        self.ast
    }
}

/// Single-valued attributes may be given once per node.
/// `firsts` holds where the node first gave each of them, so that a node with many
/// attributes is checked in linear time.
fn check_duplicate(
    firsts: &mut Vec<(&'static str, Span)>,
    attr: &super::ast::Attribute,
    errors: &mut Vec<SyntaxError>,
) {
    let keyword = attr.kind.keyword();
    if !matches!(keyword, "credence" | "status" | "by" | "note") {
        return;
    }
    match firsts.iter().find(|(k, _)| *k == keyword) {
        Some(&(_, first)) => errors.push(SyntaxError {
            kind: SyntaxErrorKind::DuplicateAttribute { keyword, first },
            span: attr.keyword_span,
        }),
        None => firsts.push((keyword, attr.keyword_span)),
    }
}

/// Reads `# crux: allow(a, b)`. Returns the names, or `None` for an ordinary comment.
fn directive_of(comment: &Comment, errors: &mut Vec<SyntaxError>) -> Option<Vec<Ident>> {
    let body = comment.text.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("crux:")?;
    let offset = comment.text.len() - rest.len();
    let malformed = || SyntaxError {
        kind: SyntaxErrorKind::MalformedDirective,
        span: comment.span,
    };
    let trimmed = rest.trim_start();
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
            name: name.to_string(),
            span: Span::new(comment.span.file, start, start + name.len()),
        });
        at += part.len() + 1;
    }
    Some(names)
}

/// Turns a pest error on one line into a [`SyntaxError`] in words a writer understands.
fn describe(file: FileId, src: &str, base: usize, err: &pest::error::Error<Rule>) -> SyntaxError {
    let pos = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let positives: Vec<Rule> = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let found = token_at(src, pos);
    let span = Span::new(file, base + pos, base + pos + found.len());
    let leading = src[..pos].trim().is_empty();
    // A line that starts with an unknown word.
    if leading && !found.is_empty() && found.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
        let suggestion = KEYWORDS
            .iter()
            .copied()
            .map(|k| (strsim::jaro_winkler(k, &found.to_ascii_lowercase()), k))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k);
        return SyntaxError {
            kind: SyntaxErrorKind::UnknownKeyword {
                word: found.to_string(),
                suggestion,
            },
            span,
        };
    }
    let mut expected: Vec<&str> = Vec::new();
    let mut help = None;
    for rule in &positives {
        let name = match rule {
            Rule::kind => "a node kind",
            Rule::ident => {
                if found.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) {
                    help = Some(
                        "IDs are written in lowercase: letters, digits, `_`, and `-` between parts"
                            .to_string(),
                    );
                }
                "an ID"
            }
            Rule::colon => "`:`",
            Rule::arrow => "`->`",
            Rule::number => "a number",
            Rule::string | Rule::string_body | Rule::block_string => "a quoted string",
            Rule::word => "a word",
            Rule::tag => "a tag",
            Rule::EOI if leading => continue,
            Rule::EOI => "the end of the line",
            Rule::comment => continue,
            Rule::kw_sha256 | Rule::kw_title | Rule::kw_kind => "`sha256`, `title` or `kind`",
            _ => "an attribute",
        };
        if !expected.contains(&name) {
            expected.push(name);
        }
    }
    if !leading
        && found
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
    {
        help = Some(
            "IDs are written in ASCII: lowercase letters, digits, `_`, and `-` between parts"
                .into(),
        );
    }
    if leading && found.starts_with('"') {
        help = Some(
            "a node's text goes on the same line as `KIND ID:`; for long text, open a `\"\"\"` block there"
                .into(),
        );
    }
    if src[pos..].starts_with("->") {
        help = Some("an arrow `A -> B` names an inference; only `undercuts` takes one".into());
    }
    if found.starts_with('\\') {
        help = Some("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`".into());
    }
    if found == "%" {
        help = Some(percent_help(&src[..pos]));
    }
    if found == "," {
        help = comma_help(&src[..pos], &src[pos + 1..]).or(help);
    }
    if let Some(advice) = exponent_help(found) {
        help = Some(advice);
    }
    if leading {
        // At the start of a line, only a node or an attribute can come.
        expected = vec!["a node kind or an attribute"];
        if found == "---" {
            help = Some("front matter must be at the very top of the file".into());
        }
    }
    if expected.is_empty() {
        expected.push("the end of the line");
    }
    let expected = match expected.as_slice() {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => unreachable!(),
    };
    let found_words = if found.is_empty() {
        "the end of the line".to_string()
    } else {
        format!("`{found}`")
    };
    SyntaxError {
        kind: SyntaxErrorKind::Unexpected {
            expected,
            found: found_words,
            help,
        },
        span,
    }
}

/// Advice for a `%` after `before`: weights and credences are written from 0 to 1.
fn percent_help(before: &str) -> String {
    let before = before.trim_end();
    let digits = before
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let number = &before[before.len() - digits..];
    match (number.parse::<f64>(), decimal(&format!("{number}e-2"))) {
        (Ok(p), Some(fraction)) => {
            format!("weights and credences are numbers from 0 to 1: for {p}%, write {fraction}")
        }
        _ => "weights and credences are numbers from 0 to 1, e.g. 0.7".into(),
    }
}

/// Advice for a `,` between digits (`1,5`): decimal numbers use a point.
fn comma_help(before: &str, after: &str) -> Option<String> {
    let whole = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let fraction = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (whole > 0 && fraction > 0).then(|| {
        format!(
            "decimal numbers use a point: write {}.{}",
            &before[before.len() - whole..],
            &after[..fraction]
        )
    })
}

/// Advice for a number written with an exponent (`5e-1`), which the language does not
/// read: the same number in plain decimals.
fn exponent_help(found: &str) -> Option<String> {
    let unsigned = found.strip_prefix('-').unwrap_or(found);
    let (mantissa, exponent) = unsigned.split_once(['e', 'E'])?;
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let number = digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    if !number || exponent.is_empty() || !digits(exponent) {
        return None;
    }
    Some(match decimal(found) {
        Some(number) => format!("numbers are written without an exponent: write {number}"),
        None => "numbers are written in plain decimals without an exponent, e.g. 0.5".into(),
    })
}

/// The number `text` (Rust float syntax) as the shortest plain decimal that reads back
/// as the same value (`0.7e-2` is `0.007`), if it is finite and short enough to write
/// out: at most 20 digits after the point and 20 before.
fn decimal(text: &str) -> Option<String> {
    let value = text.parse::<f64>().ok().filter(|v| v.is_finite())?;
    let shown = value.to_string();
    let (whole, fraction) = shown.split_once('.').unwrap_or((&shown, ""));
    (whole.trim_start_matches('-').len() <= 20 && fraction.len() <= 20).then_some(shown)
}

/// The token starting at `pos`: a run of word characters, or one other character.
fn token_at(src: &str, pos: usize) -> &str {
    let rest = &src[pos.min(src.len())..];
    let word = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    if word > 0 {
        return &rest[..word];
    }
    match rest.chars().next() {
        Some(c) if c == '\n' || c == '\r' => "",
        Some('\\') => rest.get(..2).unwrap_or(&rest[..1]),
        Some(c) => &rest[..c.len_utf8()],
        None => "",
    }
}
