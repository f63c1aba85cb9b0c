//! A small YAML tree with positions, for `crux.yaml` and the front matter of `.crux`
//! files.
//!
//! Phase: syntax. Depends on nothing else in crux. Both are read from parser events
//! rather than through serde, so that every problem can be reported in one run, in file
//! order, in crux's words: a wrong type does not hide the next error, and YAML features
//! neither has a use for (tags, anchors and aliases, more than one document) are refused
//! by name.

use granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle, Span};

/// Deeper nesting than this is refused: a config is three levels deep.
const MAX_DEPTH: usize = 32;

/// A position in the file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: u64,
    /// Column, from 1.
    pub column: u64,
}

impl Position {
    fn of(marker: &Marker) -> Position {
        Position {
            line: marker.line() as u64,
            column: marker.col() as u64 + 1,
        }
    }
}

/// One node of the tree.
#[derive(Debug)]
pub struct Node {
    /// What it holds.
    pub value: Value,
    /// Where it starts.
    pub at: Position,
}

/// The content of a node.
#[derive(Debug)]
pub enum Value {
    /// A scalar: its text, and whether it was written without quotes.
    Scalar {
        /// The text after YAML escapes.
        text: String,
        /// Plain (unquoted, not a block scalar): only plain scalars can mean null.
        plain: bool,
    },
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Node, Node)>),
    /// A node that was already reported (a tag, an alias): its checks are skipped.
    Refused,
}

impl Value {
    /// An empty value, `~` or `null`, written without quotes.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What kind of value this is, for messages: "a list", "a mapping", "`text`".
    pub fn describe(&self) -> String {
        match self {
            Value::Scalar { .. } if self.is_null() => "nothing".into(),
            Value::Scalar { text, .. } => format!("`{}`", shown(text)),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "a mapping (`key: value` lines)".into(),
            Value::Refused => "a refused value".into(),
        }
    }
}

/// A problem found while reading the tree.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub at: Position,
    /// What, in words.
    pub message: String,
}

/// The tree of `text` (`None` for a file with no content: empty, only comments, or an
/// empty document), and the problems met. A YAML syntax error ends the reading; the
/// tree built so far is dropped, as it is incomplete. `holder` names what holds the
/// YAML in messages (`crux.yaml`, `front matter`).
pub fn parse(text: &str, holder: &str) -> (Option<Node>, Vec<Problem>) {
    let mut options = granit_parser::Options::default();
    options.emit_comments = false;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut problems = Vec::new();
    let mut builder = Builder::default();
    let mut documents = 0;
    for event in &mut parser {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem {
                    at: Position::of(e.marker()),
                    message: syntax_message(e.kind(), &e.info()),
                });
                return (None, problems);
            }
        };
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents == 2 {
                    problems.push(Problem {
                        at: Position::of(&span.start),
                        message: format!(
                            "a second YAML document; {holder} holds one document, \
                             so remove this `---` and what follows or merge them"
                        ),
                    });
                }
            }
            _ if documents > 1 => {}
            Event::Scalar(text, style, anchor, tag) => {
                let value = if refused(&mut problems, &span, anchor, tag.as_deref(), holder) {
                    Value::Refused
                } else {
                    Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    }
                };
                builder.push(Node {
                    value,
                    at: Position::of(&span.start),
                });
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let tagged = refused(&mut problems, &span, anchor, tag.as_deref(), holder);
                if builder.open.len() >= MAX_DEPTH {
                    problems.push(Problem {
                        at: Position::of(&span.start),
                        message: format!("nested more than {MAX_DEPTH} levels deep"),
                    });
                    return (None, problems);
                }
                builder.open.push(Open {
                    at: Position::of(&span.start),
                    is_map,
                    refused: tagged,
                    items: Vec::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close(),
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                problems.push(Problem {
                    at: Position::of(&span.start),
                    message: aliases(holder),
                });
                builder.push(Node {
                    value: Value::Refused,
                    at: Position::of(&span.start),
                });
            }
            _ => {}
        }
    }
    let root = builder.root.filter(|r| !r.value.is_null());
    (root, problems)
}

fn aliases(holder: &str) -> String {
    format!("anchors and aliases (`&name`, `*name`) are not used in {holder}; write the value out")
}

/// Reports a tag or an anchor on a node; true if there was one.
fn refused(
    problems: &mut Vec<Problem>,
    span: &Span,
    anchor: usize,
    tag: Option<&granit_parser::Tag>,
    holder: &str,
) -> bool {
    if let Some(tag) = tag {
        let written = format!("{}{}", tag.original_handle(), tag.suffix());
        problems.push(Problem {
            at: Position::of(span.tag_start.as_ref().unwrap_or(&span.start)),
            message: format!(
                "YAML tags such as `{written}` are not used in {holder}; write the value without it"
            ),
        });
        return true;
    }
    if anchor != 0 {
        problems.push(Problem {
            at: Position::of(&span.start),
            message: aliases(holder),
        });
        return true;
    }
    false
}

/// A parser error in crux's words: the common mistakes say what to change; the rest
/// keep the parser's words, without its escapes and quotes.
fn syntax_message(kind: &ErrorKind, info: &str) -> String {
    use ErrorKind as K;
    let words: String = match kind {
        K::UnexpectedCharacter { character } => character_message(*character),
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart => "a tab in indentation; YAML indents with spaces".into(),
        K::TabInPlainScalar => "a tab in a value; use spaces, or put the value in quotes".into(),
        K::UnclosedQuotedScalar => "a quote is opened and never closed".into(),
        K::UnclosedFlowCollection { open } => {
            format!("`{open}` is opened and never closed")
        }
        K::MismatchedFlowCollectionEnd { open, close } => {
            format!("`{open}` is closed by `{close}`")
        }
        K::MisplacedFlowCollectionEnd => "a closing bracket with no opening one".into(),
        K::UnexpectedEofFlowSequence | K::UnexpectedEofFlowMapping => {
            "the file ends inside a `[...]` or `{...}`; close it".into()
        }
        K::UnexpectedEof
        | K::UnexpectedEofImplicitFlowMapping
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping => "the file ends in the middle of a value".into(),
        K::InvalidIndentation | K::InvalidFlowScalarIndent | K::InvalidQuotedScalarIndent => {
            "this line is not indented like the lines it belongs with".into()
        }
        K::ExpectedBlockMappingKey => {
            "expected a `key: value` line here, indented like the keys before it".into()
        }
        K::MappingValueNotAllowed | K::InvalidColonPlacement => {
            "a `:` where no `key: value` can start; put a value that holds `: ` in quotes".into()
        }
        K::InvalidMappingValueWhitespace => "a `:` after a key must be followed by a space".into(),
        K::SimpleKeyExpected | K::InvalidSimpleKey => {
            "a key without `:`, or a key longer than one line; write `key: value`".into()
        }
        K::ExpectedFlowSequenceSeparator => "expected `,` or `]` in this list".into(),
        K::ExpectedFlowMappingSeparator => "expected `,` or `}` in this mapping".into(),
        K::ExpectedBlockSequenceEntry | K::BlockSequenceEntryNotAllowed => {
            "a `- ` item is not allowed here; indent it under its key".into()
        }
        K::InvalidBlockEntryWhitespace => "`-` must be followed by a space".into(),
        K::CommentNotSeparated => "a `#` comment must follow a space".into(),
        K::CommentInterceptedScalar => "a comment inside a value that goes on".into(),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidUnicodeEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate => {
            "a `\\` escape in double quotes that YAML does not know; write `\\\\` for a \
             backslash, or use single quotes"
                .into()
        }
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            "text after the closing quote of a value".into()
        }
        K::BomInsideDocument => {
            "a byte order mark (U+FEFF) is only allowed at the start of the file".into()
        }
        K::RecursionLimitExceeded => "nested too deep".into(),
        K::InputDecoding { .. } => "not valid UTF-8 text".into(),
        _ => {
            let first = info.lines().next().unwrap_or("").trim();
            let first = first.trim_end_matches('.');
            if first.is_empty() {
                return "this is not valid YAML".into();
            }
            first.into()
        }
    };
    format!("not valid YAML: {words}")
}

/// What a character YAML does not allow is, named by its code point.
fn character_message(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    match c {
        '\0' => format!("a NUL character ({code}) is not allowed in YAML"),
        '@' => "`@` cannot start a value; put the value in quotes".into(),
        '`' => "a backquote cannot start a value; put the value in quotes".into(),
        c if c.is_control() || super::invisible(c) => {
            format!("a control character ({code}) is not allowed in YAML")
        }
        c => format!("unexpected character `{c}` ({code}); put the value in quotes"),
    }
}

/// `text` as user text in a message: at most 40 characters, on one line.
pub fn shown(text: &str) -> String {
    one_line(text, 40)
}

/// `text` on one line, at most `max` characters: control and invisible characters are
/// escaped (`\u{1b}`), so that a message cannot move the cursor or hide text.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == max {
            out.push('…');
            break;
        }
        if c.is_control() || super::invisible(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A collection being read.
struct Open {
    at: Position,
    is_map: bool,
    refused: bool,
    items: Vec<Node>,
}

/// Builds the tree from node events, with an explicit stack (no recursion).
#[derive(Default)]
struct Builder {
    open: Vec<Open>,
    root: Option<Node>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.open.last_mut() {
            Some(parent) => parent.items.push(node),
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }

    fn close(&mut self) {
        let Some(open) = self.open.pop() else { return };
        let value = if open.refused {
            Value::Refused
        } else if open.is_map {
            let mut pairs = Vec::with_capacity(open.items.len() / 2);
            let mut items = open.items.into_iter();
            while let (Some(k), Some(v)) = (items.next(), items.next()) {
                pairs.push((k, v));
            }
            Value::Map(pairs)
        } else {
            Value::List(open.items)
        };
        self.push(Node { value, at: open.at });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse(text, "crux.yaml")
            .1
            .into_iter()
            .map(|p| format!("{}:{}: {}", p.at.line, p.at.column, p.message))
            .collect()
    }

    #[test]
    fn no_content_is_no_tree() {
        for text in ["", "# only a comment\n", "---\n", "---\n# c\n...\n", "~\n"] {
            let (root, problems) = parse(text, "crux.yaml");
            assert!(root.is_none(), "{text:?}");
            assert!(problems.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn keeps_positions_and_order() {
        let (root, problems) = parse("a: 1\nb:\n  - x\n", "crux.yaml");
        assert!(problems.is_empty());
        let Some(Node {
            value: Value::Map(pairs),
            ..
        }) = root
        else {
            panic!("not a map")
        };
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1].0.at, Position { line: 2, column: 1 });
        assert!(matches!(&pairs[1].1.value, Value::List(l) if l.len() == 1));
    }

    #[test]
    fn refuses_tags_aliases_and_documents() {
        assert_eq!(
            problems("a: !!str 1\nb: !foo x\n"),
            [
                "1:4: YAML tags such as `!!str` are not used in crux.yaml; write the value without it",
                "2:4: YAML tags such as `!foo` are not used in crux.yaml; write the value without it",
            ]
        );
        assert_eq!(problems("a: &x 1\nb: *x\n").len(), 2);
        assert_eq!(
            problems("a: 1\n---\na: 2\n---\n"),
            [
                "2:1: a second YAML document; crux.yaml holds one document, so remove this `---` and what follows or merge them"
            ]
        );
    }

    #[test]
    fn parser_errors_are_in_plain_words() {
        let cases = [
            (
                "a: 1\n\u{0}\n",
                "not valid YAML: a NUL character (U+0000) is not allowed in YAML",
            ),
            (
                "rules:\n\tG101: off\n",
                "not valid YAML: a tab in indentation; YAML indents with spaces",
            ),
            (
                "a: \"x\n",
                "not valid YAML: a quote is opened and never closed",
            ),
            (
                "a: [1, 2\n",
                "not valid YAML: `[` is opened and never closed",
            ),
            (
                "a: @x\n",
                "not valid YAML: `@` cannot start a value; put the value in quotes",
            ),
            (
                "a: \"\\q\"\n",
                "not valid YAML: a `\\` escape in double quotes that YAML does not know; write `\\\\` for a backslash, or use single quotes",
            ),
        ];
        for (text, expected) in cases {
            let got = problems(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            let message = got[0].split_once(": ").unwrap().1;
            assert_eq!(message, expected, "{text:?}");
        }
        assert!(problems("a: 1\n\u{0}\n")[0].starts_with("2:1: "));
    }

    /// Every syntax error a short hostile input can cause reads as words: no Rust
    /// escape (`\u{...}`), no debug text, no mismatched quotes.
    #[test]
    fn no_parser_message_shows_rust_syntax() {
        let pieces = [
            "a", ":", " ", "\t", "\n", "-", "[", "]", "{", "}", "\"", "'", "\\", "#", "&", "*",
            "!", "|", ">", "%", "@", "`", ",", "?", "\u{0}", "\u{1b}", "\u{feff}", "---",
        ];
        let mut seen = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("k: {a}{b}\n  {c}x: y{a}\n");
                    for p in parse(&text, "crux.yaml").1 {
                        seen += 1;
                        let m = &p.message;
                        assert!(
                            !m.contains("\\u{") && !m.contains('{')
                                || m.contains("`{...}`")
                                || m.contains("`{`")
                                || m.contains("`}`"),
                            "{text:?}: {m}"
                        );
                        assert!(!m.contains("Error") && !m.contains("Kind"), "{text:?}: {m}");
                        assert_eq!(m.matches('`').count() % 2, 0, "{text:?}: {m}");
                    }
                }
            }
        }
        assert!(seen > 100);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let text = "[".repeat(200) + &"]".repeat(200);
        let (root, problems) = parse(&text, "crux.yaml");
        assert!(root.is_none());
        assert_eq!(problems.len(), 1);
    }
}
