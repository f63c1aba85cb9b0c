//! Syntax errors in words: what the parser expected where a line went wrong, as a
//! writer would say it, with advice for the usual slips (`70%`, `1,5`, `5e-1`, an
//! uppercase ID, text on its own line, text without quotes or in curly quotes, a `:`
//! after an attribute's keyword, tags without commas, a weight in brackets).
//!
//! Phase: syntax. Only the parser calls this.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::kind::{KEYWORDS, KeywordRole, keyword_of};
use super::span::{FileId, Span};

/// One thing the parser tried at a position and did not find. Messages list them in
/// the order declared here, which is the grammar's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Expect {
    /// The end of the line.
    End,
    /// A comment (never named in a message: one may always end a line).
    Comment,
    /// `:`
    Colon,
    /// A node ID.
    Ident,
    /// `->`
    Arrow,
    /// `sha256`, `title` or `kind` after an artifact's path.
    ArtifactOption,
    /// A number.
    Number,
    /// A bare word (a status, a proof standard or an artifact kind).
    Word,
    /// A tag.
    Tag,
    /// A quoted string or `"""` block.
    Str,
}

/// Turns a failed line into a [`SyntaxError`] in words a writer understands: `src` is
/// the line (starting at byte `base` of the file) and whether it ends in `\r\n`, `pos`
/// where it went wrong and `positives` what could have stood there.
pub(crate) fn describe(
    file: FileId,
    (src, crlf): (&str, bool),
    base: usize,
    pos: usize,
    positives: &[Expect],
) -> SyntaxError {
    let found = token_at(src, pos);
    let span = Span::new(file, base + pos, base + pos + found.len());
    let leading = src[..pos].trim().is_empty();
    // A line that starts with an unknown word.
    if leading
        && !found.is_empty()
        && found.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        && !src[pos..].starts_with("_>")
    {
        let suggestion = crate::text::closest(
            KEYWORDS
                .iter()
                .filter(|(_, _, role)| *role != KeywordRole::ArtifactOption)
                .map(|&(k, _, _)| k),
            found,
        )
        .or_else(|| synonym(found));
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
    let mut positives = positives.to_vec();
    positives.sort();
    for &expect in &positives {
        let name = match expect {
            Expect::Ident => {
                if found.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) {
                    help = Some(
                        "IDs are written in lowercase: letters, digits, `_`, and `-` between parts"
                            .to_string(),
                    );
                }
                "an ID"
            }
            Expect::Colon => "`:`",
            Expect::Arrow => "`->`",
            Expect::Number => "a number",
            Expect::Str => "a quoted string",
            Expect::Word => "a word",
            Expect::Tag => "a tag",
            Expect::End if leading => continue,
            Expect::End => "the end of the line",
            Expect::Comment => continue,
            Expect::ArtifactOption => "`sha256`, `title` or `kind`",
        };
        if !expected.contains(&name) {
            expected.push(name);
        }
    }
    let mut slip = odd_space((src, crlf), pos)
        .or_else(|| slip_help((src, crlf), pos, found, &positives, leading));
    if let Some(slip) = &slip {
        help = Some(slip.help.clone());
    }
    // Where an ID may stand, or right after an ID's letters (`naïve`), a word in
    // another script is an ID in the wrong letters (where only a text may stand, it
    // is text without its quotes).
    let in_id = src
        .get(..pos)
        .is_some_and(|before| before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
    if !leading
        && (positives.contains(&Expect::Ident) || in_id)
        && found
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
    {
        slip = None;
        help = Some(
            "IDs are written in ASCII: lowercase letters, digits, `_`, and `-` between parts"
                .into(),
        );
    }
    // Tags are ASCII words too.
    if !leading
        && help.is_none()
        && positives.contains(&Expect::Tag)
        && found
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
    {
        help = Some(
            "tags are written in ASCII: letters, digits, `_`, `-`, `/` and `.`; a tag in \
             other letters can be a `note` instead"
                .into(),
        );
    }
    if leading && found.starts_with('"') {
        help = Some(
            "a node's text goes on the same line as `KIND ID:`; for long text, open a `\"\"\"` block there"
                .into(),
        );
    }
    // (At a line's start, an Argdown relation `-> t` has its own advice.)
    if src[pos..].starts_with("->") && !(leading && slip.is_some()) {
        help = Some(if src.trim_start().starts_with("undercuts") {
            "`undercuts A -> B` names one inference, with one arrow: the relation by which `A` argues for `B`".into()
        } else {
            "an arrow `A -> B` names an inference; only `undercuts` takes one".into()
        });
    }
    if found.starts_with('\\') {
        help = Some("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`".into());
    }
    if found == "%" && !leading {
        slip = Some(percent_help(&src[..pos]));
        help = slip.as_ref().map(|s| s.help.clone());
    }
    if leading && ["/", "//", ";", "%", "--"].contains(&found) {
        help = Some("comments start with `#`".into());
    }
    if found == "," {
        // `0,5`: a decimal comma, mended into a point.
        if let Some((advice, range, with)) = comma_help(&src[..pos], &src[pos + 1..]) {
            slip = Slip::mend(advice.clone(), range, with);
            help = Some(advice);
        }
    }
    if expected.contains(&"a tag") && (found.starts_with('[') || found.starts_with('"')) {
        help = Some(
            "tags are words separated by commas, without brackets or quotes: `tags survey, 2023`"
                .into(),
        );
    }
    if expected == ["`:`"] && found.starts_with('"') {
        let id_end = src[..pos].trim_end().len();
        slip = Slip::mend(
            "a node starts `KIND ID: \"text\"`: add `:` after the ID".into(),
            id_end..id_end,
            ":".into(),
        );
        help = slip.as_ref().map(|s| s.help.clone());
    }
    // `expect """`, `artifact """`: the `""` read as an empty string, then a `"`.
    if !leading && found.starts_with('"') && src[..pos].ends_with("\"\"") {
        let keyword = src.split_whitespace().next().unwrap_or_default();
        help = Some(format!(
            "`{keyword}` takes a one-line string, not a `\"\"\"` block (blocks are for text: a node's, `by`, `note`, `source`, `title`)"
        ));
    }
    if let Some(advice) = exponent_help(found) {
        help = Some(advice.help.clone());
        slip = Some(Slip {
            edit: advice.edit.map(|(_, with)| (pos..pos + found.len(), with)),
            ..advice
        });
    }
    // `claim c:` with nothing (or only a comment) after it: the statement is missing.
    let head = src[..pos].trim_end();
    let node_kind =
        |word: &str| keyword_of(word).is_some_and(|(_, role)| role == KeywordRole::NodeKind);
    if expected == ["a quoted string"]
        && (found.is_empty() || found == "#")
        && head.ends_with(':')
        && head.split_whitespace().next().is_some_and(node_kind)
    {
        help = Some(format!(
            "a node states what it asserts right after its `:`, in quotes: `{head} \"...\"`"
        ));
    }
    if leading {
        // At the start of a line, only a node or an attribute can come.
        expected = vec!["a node kind or an attribute"];
        if found == "---" {
            help = Some("front matter must be at the very top of the file".into());
        }
    }
    let expected = match expected.as_slice() {
        [] => "the end of the line".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    let found_words = match found.chars().next() {
        None => "the end of the line".to_string(),
        Some('#') => "a comment".to_string(),
        Some(c) => match space_name(c) {
            // Shown as itself, it would read as a blank or as nothing.
            Some(name) => format!("`U+{:04X}` ({name})", c as u32),
            None => format!("`{found}`"),
        },
    };
    SyntaxError {
        kind: SyntaxErrorKind::Unexpected {
            expected,
            found: found_words,
            // The edit goes with the slip's advice, unless later advice replaced it.
            fix: slip
                .filter(|slip| help.as_ref() == Some(&slip.help))
                .and_then(|slip| slip.edit)
                .map(|(range, with)| {
                    let span = Span::new(file, base + range.start, base + range.end);
                    Box::new((span, with))
                }),
            help,
        },
        span,
    }
}

/// The keyword that other notations, or plain English, call `word`: `author` is `by`.
fn synonym(word: &str) -> Option<&'static str> {
    const SYNONYMS: &[(&str, &[&str])] = &[
        ("by", &["author", "authors", "writer", "speaker", "from"]),
        (
            "source",
            &[
                "url",
                "link",
                "href",
                "cite",
                "citation",
                "ref",
                "reference",
                "doi",
            ],
        ),
        ("note", &["comment", "remark", "description", "desc"]),
        (
            "attacks",
            &["rebuts", "refutes", "opposes", "against", "objects", "con"],
        ),
        ("supports", &["backs", "pro", "for", "warrants"]),
        (
            "credence",
            &["confidence", "belief", "probability", "certainty"],
        ),
        (
            "counter",
            &["objection", "rebuttal", "counterclaim", "counterargument"],
        ),
        ("claim", &["premise", "argument", "statement", "reason"]),
        ("thesis", &["conclusion", "question", "issue", "topic"]),
        ("tags", &["labels", "label", "keywords"]),
        ("artifact", &["data", "dataset", "file", "attachment"]),
    ];
    let word = word.to_ascii_lowercase();
    SYNONYMS
        .iter()
        .find(|(_, others)| others.contains(&word.as_str()))
        .map(|&(keyword, _)| keyword)
}

/// Advice for a slip of a writer used to other notations, and the edit that mends
/// the line when there is one.
struct Slip {
    help: String,
    /// Bytes of the line to replace, and what to put there.
    edit: Option<(std::ops::Range<usize>, String)>,
}

impl Slip {
    fn say(help: String) -> Option<Slip> {
        Some(Slip { help, edit: None })
    }

    fn mend(help: String, range: std::ops::Range<usize>, with: String) -> Option<Slip> {
        Some(Slip {
            help,
            edit: Some((range, with)),
        })
    }
}

/// `+> t`, `-> [t]`, `<+ <t>`: a relation written as Argdown writes it, under the node
/// it comes from (`+>`, `->`, `><`, `_>`) or under the node it goes to (`<+`, `<-`,
/// `<_`, and `+ [t]`, `- [t]`). An outgoing one becomes crux's relation line; crux
/// writes every relation under the node it comes from, so an incoming one is only
/// explained, as is an undercut (crux names the inference it denies).
fn argdown_relation(rest: &str, line: std::ops::Range<usize>) -> Option<Slip> {
    const ARROWS: [(&str, &str, bool); 9] = [
        ("+>", "supports", true),
        ("->", "attacks", true),
        ("><", "contradicts", true),
        ("_>", "undercuts", true),
        ("<+", "supports", false),
        ("<-", "attacks", false),
        ("<_", "undercuts", false),
        ("+", "supports", false),
        ("-", "attacks", false),
    ];
    let &(arrow, keyword, outgoing) = ARROWS.iter().find(|(a, ..)| rest.starts_with(a))?;
    let target = rest[arrow.len()..].trim();
    let bracketed = (target.strip_prefix('[').and_then(|t| t.strip_suffix(']')))
        .or_else(|| target.strip_prefix('<').and_then(|t| t.strip_suffix('>')));
    // `- supports t` is a list item (see below); Argdown's `+ [t]` has brackets.
    if arrow.len() == 1 && bracketed.is_none() {
        return None;
    }
    let id = bracketed.unwrap_or(target).trim();
    let id = super::is_id(id).then_some(id);
    if keyword == "undercuts" {
        return Slip::say(format!(
            "crux writes Argdown's `{arrow}` as `undercuts A -> B` under the node that undercuts: it names the inference it denies, the relation by which `A` argues for `B`"
        ));
    }
    match (outgoing, id) {
        (true, Some(id)) => {
            let mended = format!("{keyword} {id}");
            let help = format!(
                "a relation is written with its keyword, not Argdown's `{arrow}`: `{mended}`"
            );
            Slip::mend(help, line, mended)
        }
        (true, None) => Slip::say(format!(
            "a relation is written with its keyword, not Argdown's `{arrow}`: `{keyword} ID`, with the ID of the node it goes to"
        )),
        (false, _) => {
            let source = id.unwrap_or("ID");
            Slip::say(format!(
                "Argdown's `{arrow}` is a relation into this node; crux writes each relation under the node it comes from: under `{source}`, write `{keyword}` and this node's ID"
            ))
        }
    }
}

/// What a character that looks like a space, or like nothing, is called, for one that
/// the grammar does not take as a space (it takes spaces and tabs). Direction marks
/// come with text pasted from Hebrew and Arabic editors; a variation selector with an
/// emoji.
fn space_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "a no-break space",
        '\u{202f}' => "a narrow no-break space",
        '\u{2000}'..='\u{200a}' => "a typographic space",
        '\u{205f}' => "a mathematical space",
        '\u{3000}' => "an ideographic space",
        '\u{1680}' => "an Ogham space",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{200b}' => "a zero-width space",
        '\u{200c}' => "a zero-width non-joiner",
        '\u{200d}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a zero-width no-break space",
        '\u{200e}' => "a left-to-right mark",
        '\u{200f}' => "a right-to-left mark",
        '\u{61c}' => "an Arabic letter mark",
        '\u{202a}'..='\u{202e}' => "a direction embedding or override",
        '\u{2066}'..='\u{2069}' => "a direction isolate",
        '\u{ad}' => "a soft hyphen",
        '\u{34f}' => "a combining grapheme joiner",
        '\u{180e}' => "a Mongolian vowel separator",
        '\u{fe00}'..='\u{fe0f}' => "a variation selector",
        _ => return None,
    })
}

/// Whether a character [`space_name`] names is drawn as a space (the others are drawn
/// as nothing).
fn looks_like_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{202f}' | '\u{2000}'
            ..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{1680}' | '\u{2028}' | '\u{2029}'
    )
}

/// Advice and an edit for a line that went wrong at a character that looks like a
/// space or like nothing (pasted from a web page or a word processor): the run of them
/// there becomes ordinary spaces, one for each that looks like a space, none for the
/// invisible ones.
fn odd_space((src, _crlf): (&str, bool), pos: usize) -> Option<Slip> {
    let rest = src.get(pos..)?;
    let first = rest.chars().next()?;
    let name = space_name(first)?;
    let run = rest
        .char_indices()
        .find(|&(_, c)| space_name(c).is_none())
        .map_or(rest.len(), |(i, _)| i);
    let spaces: String = rest[..run]
        .chars()
        .filter(|&c| looks_like_space(c))
        .map(|_| ' ')
        .collect();
    let what = if spaces.is_empty() {
        "delete it: it is invisible, and only spaces and tabs separate words".to_string()
    } else {
        "write an ordinary space instead: only spaces and tabs separate words".to_string()
    };
    Slip::mend(format!("this is {name}; {what}"), pos..pos + run, spaces)
}

/// The quote marks that are not `"`: curly and low quotes, guillemets, apostrophes.
const OTHER_QUOTES: [char; 11] = ['“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‛', '\''];

/// Advice for slips of writers used to other notations, where the parser stopped at
/// `found` (byte `pos` of the line `src`, which ends in `\r\n` if `crlf`) expecting
/// `positives`: text without quotes or
/// in curly or single quotes, a `"` inside text, an ID in quotes, a node without an ID,
/// a `:` after an attribute's keyword, a weight in brackets or after a word or a comma,
/// several targets on one relation line, tags without commas or with `#`, and an
/// attribute written as a list item. The advice rewrites the line's own words; where
/// the rewrite is the whole fix, it comes as an edit too (for editors' quick fixes).
fn slip_help<'a>(
    (src, crlf): (&'a str, bool),
    pos: usize,
    found: &str,
    positives: &[Expect],
    leading: bool,
) -> Option<Slip> {
    let line = src.split(['\n', '\r']).next().unwrap_or_default();
    let words = line.trim_start();
    let indent = line.len() - words.len();
    let keyword = &words[..words
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(words.len())];
    let role = keyword_of(keyword).map(|(_, role)| role);
    let at = pos.min(line.len());
    let raw_rest = line.get(at..).unwrap_or_default();
    // From the error to the end of the line, without a comment or trailing spaces.
    let rest = without_comment(raw_rest).trim_end();
    let to_end = at..at + rest.len();
    let before = line.get(..at).unwrap_or_default().trim();
    // What follows `prefix` at the start of `text`, or nothing.
    let past = |text: &'a str, prefix: &str| text.strip_prefix(prefix).unwrap_or_default();
    let wants = |e: Expect| positives.contains(&e);
    let first = found.chars().next()?;
    if leading {
        if let Some(slip) = argdown_relation(rest, to_end.clone()) {
            return Some(slip);
        }
        // `- supports t`, `* claim c: "..."`: an attribute or node written as a list item.
        let after = past(rest, found).trim_start();
        let word = after.split_whitespace().next().unwrap_or_default();
        if !(matches!(first, '-' | '*' | '+' | '•') && keyword_of(word).is_some()) {
            return None;
        }
        let help = format!("lines are not list items: drop the `{first}` and write `{after}`");
        return Slip::mend(help, to_end, after.to_string());
    }
    // `supports: t`, `credence: 0.7`, `tags: a, b`: a `:` after an attribute's keyword.
    // An ID in brackets goes without them (`supports: [t]`).
    let value = past(rest, ":").trim_start();
    let value = match value
        .strip_prefix(['[', '('])
        .and_then(|v| v.strip_suffix([']', ')']))
    {
        Some(id) if matches!(role, Some(KeywordRole::Attribute)) && super::is_id(id.trim()) => {
            id.trim()
        }
        _ => value,
    };
    if found == ":"
        && role == Some(KeywordRole::Attribute)
        && before == keyword
        && !value.is_empty()
    {
        let mended = format!("{keyword} {value}");
        let help = format!("only a node's ID is followed by `:`; write `{mended}`");
        return Slip::mend(help, indent..to_end.end, mended);
    }
    // `evidence e: "..." source "..."`: an attribute on its node's line, or on
    // another attribute's.
    if wants(Expect::End)
        && keyword_of(found).is_some_and(|(_, r)| r == KeywordRole::Attribute)
        && role.is_some()
    {
        let own_indent = &line[..indent];
        let deeper = if role == Some(KeywordRole::NodeKind) {
            "  "
        } else {
            ""
        };
        let newline = if crlf { "\r\n" } else { "\n" };
        let start = line[..at].trim_end().len();
        let help = format!("each attribute goes on a line of its own, below its node: `{rest}`");
        return Slip::mend(
            help,
            start..to_end.end,
            format!("{newline}{own_indent}{deeper}{rest}"),
        );
    }
    let relation_keyword = matches!(keyword, "supports" | "attacks" | "contradicts");
    // `supports [0.7] t`, `supports 0.7 t`: the weight before the target.
    if relation_keyword && wants(Expect::Ident) && before == keyword {
        let parts: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || "()[]{}".contains(c))
            .filter(|part| !part.is_empty())
            .collect();
        // `supports [t]`: an ID in brackets.
        if let [target] = parts[..]
            && super::is_id(target)
            && found != target
        {
            let help = format!("IDs are written without brackets: `{keyword} {target}`");
            return Slip::mend(help, to_end, target.to_string());
        }
        if let [number, target] = parts[..]
            && number.parse::<f64>().is_ok_and(f64::is_finite)
            && super::is_id(target)
        {
            let mended = format!("{target} {number}");
            let help = format!("the weight comes after the target: `{keyword} {mended}`");
            return Slip::mend(help, to_end, mended);
        }
    }
    // `undercuts e t`: an inference is written with an arrow.
    if keyword == "undercuts" && wants(Expect::Arrow) && super::is_id(found) {
        let from = before.split_whitespace().nth(1).unwrap_or_default();
        let help = format!(
            "`undercuts` names an inference, with an arrow: `undercuts {from} -> {found}` (the relation by which `{from}` argues for `{found}`)"
        );
        return Slip::mend(help, at..at, "-> ".into());
    }
    // `thesis t; "..."`, `thesis t： "..."` (the full-width colon of an input method).
    if wants(Expect::Colon) && matches!(found, ";" | "：" | "﹕") {
        let help = format!("a node's ID is followed by `:`, not `{found}`");
        return Slip::mend(help, at..at + found.len(), ":".into());
    }
    if wants(Expect::Str) {
        // Curly or single quotes, as word processors and other languages write them.
        if OTHER_QUOTES.contains(&first) {
            let inner = past(rest, found).trim_end_matches(OTHER_QUOTES);
            // Without a closing quote before it, a ` #` may be part of the text
            // (`‘Rank #1’`): rewritten, the rest of it would become a comment.
            let closed = rest.len() > found.len() && rest.ends_with(OTHER_QUOTES);
            if !closed
                || inner.trim().is_empty()
                || inner.contains(['"', '\\'])
                || inner.contains(OTHER_QUOTES)
            {
                return Slip::say(format!(
                    "text is written in straight double quotes `\"`, not `{first}`"
                ));
            }
            let help = format!(
                "text is written in straight double quotes, not `{first}`: \"{}\"",
                crate::text::shorten(inner, 60)
            );
            return Slip::mend(help, to_end, format!("\"{inner}\""));
        }
        // `by Alice`, `source https://example.org`, `artifact data/x.csv`.
        if first.is_alphanumeric() || matches!(first, '/' | '.' | '~' | '_') {
            let what = match keyword {
                "artifact" => "the path",
                _ => "the text",
            };
            if rest.contains(['"', '\\']) {
                return Slip::say(format!("put {what} in double quotes"));
            }
            // ` #1 language`, ` #climate`: a `#` right before a word may be part of the
            // text, or a comment; which, the writer knows, so nothing is rewritten.
            let comment = raw_rest[rest.len()..].trim_start();
            if comment.len() > 1 && !comment[1..].starts_with(char::is_whitespace) {
                let whole = raw_rest.trim_end();
                if whole.contains(['"', '\\']) {
                    return Slip::say(format!("put {what} in double quotes"));
                }
                return Slip::say(format!(
                    "put {what} in double quotes: \"{}\", or \"{}\" if the `#` is part of it (a `#` after a space starts a comment)",
                    crate::text::shorten(rest, 60),
                    crate::text::shorten(whole, 60)
                ));
            }
            let help = format!(
                "put {what} in double quotes: \"{}\"",
                crate::text::shorten(rest, 60)
            );
            return Slip::mend(help, to_end, format!("\"{rest}\""));
        }
    }
    if wants(Expect::Ident) && found == "\"" {
        // `supports "t"`: an ID in quotes.
        let quoted = past(rest, "\"").split('"').next().unwrap_or_default();
        if super::is_id(quoted) && past(past(rest, "\""), quoted).starts_with('"') {
            let help = format!("IDs are written without quotes: `{before} {quoted}`");
            return Slip::mend(help, at..at + quoted.len() + 2, quoted.to_string());
        }
        // `claim "text"`: a node without an ID. Naming it is the author's choice, so
        // the advice suggests an ID made of the text's first words, without an edit.
        if role == Some(KeywordRole::NodeKind) {
            let text = past(rest, "\"").split('"').next().unwrap_or_default();
            return Slip::say(format!(
                "a node starts `KIND ID: \"text\"`: give it an ID, e.g. `{keyword} {}: {}`",
                id_from(text).unwrap_or_else(|| format!("my_{keyword}")),
                crate::text::shorten(rest, 40)
            ));
        }
    }
    // `"He said "no" loudly"`: the string ended at a `"` meant as part of the text.
    let touching = line.get(..at).unwrap_or_default();
    if wants(Expect::End)
        && touching.ends_with('"')
        && !touching.ends_with("\"\"\"")
        && first.is_alphanumeric()
    {
        let help = "a `\"` inside text is written `\\\"`".to_string();
        let open = line.find('"').filter(|&o| !line[o..].starts_with("\"\"\""));
        let close = rest.rfind('"').map(|c| at + c);
        return match (open, close) {
            (Some(open), Some(close)) if open + 1 < at && !line[open..close].contains('\\') => {
                // An expectation reads text in single quotes too, with no escape.
                let inner = &line[open + 1..close];
                if keyword == "expect" && !inner.contains('\'') {
                    let word = rest.split('"').next().unwrap_or_default();
                    let help = format!(
                        "text in an expectation may be written in single quotes: `'{word}'`"
                    );
                    let with = format!("\"{}\"", inner.replace('"', "'"));
                    return Slip::mend(help, open..close + 1, with);
                }
                let inner = inner.replace('"', "\\\"");
                Slip::mend(help, open..close + 1, format!("\"{inner}\""))
            }
            _ => Slip::say(help),
        };
    }
    // A relation whose target has been read (`supports t ...`).
    let relation = matches!(
        keyword,
        "supports" | "attacks" | "contradicts" | "undercuts"
    ) && before.split_whitespace().count() >= 2;
    if relation && (wants(Expect::Number) || found == ",") {
        let parts = || {
            rest.split(|c: char| c.is_whitespace() || "()[]{},;:=".contains(c))
                .filter(|part| !part.is_empty())
        };
        let is_number = |part: &str| {
            part.bytes().all(|b| b.is_ascii_digit() || b == b'.') && part.parse::<f64>().is_ok()
        };
        let others = past(rest, found).trim_start();
        let other = others.split([' ', ',']).next().unwrap_or_default();
        // `attacks t and c`, `attacks t, c`: several targets on one line.
        if matches!(found, "," | "and" | "&") && super::is_id(other) {
            let help = format!(
                "a relation line names one node: write `{keyword} {other}` on a line of its own"
            );
            // Only IDs, no weight (which would weigh one target, or all?), and not an
            // undercut (`undercuts a -> b`): one line for each target.
            let mut targets = before.split_whitespace().skip(1);
            let first_target = targets.next().filter(|_| targets.next().is_none());
            let listed: Vec<&str> = rest
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty() && !matches!(*w, "and" | "&"))
                .collect();
            return match first_target {
                Some(target)
                    if keyword != "undercuts" && listed.iter().all(|w| super::is_id(w)) =>
                {
                    let newline = if crlf { "\r\n" } else { "\n" };
                    let between = format!("{newline}{}", &line[..indent]);
                    let lines: Vec<String> = std::iter::once(target)
                        .chain(listed)
                        .map(|t| format!("{keyword} {t}"))
                        .collect();
                    Slip::mend(help, indent..to_end.end, lines.join(&between))
                }
                _ => Slip::say(help),
            };
        }
        // `supports t (0.5)`, `supports t, 0.5`, `supports t weight 0.5`; not after a
        // weight (`supports t 0.5, 0.6`: which one was meant?).
        let weighed = before.split_whitespace().skip(1).any(is_number);
        if let Some(number) = parts().find(|part| is_number(part))
            && !first.is_ascii_digit()
            && !weighed
        {
            let help = format!("the weight is a bare number after the target: `{before} {number}`");
            // The edit drops the rest of the line: only when that is the number and
            // the brackets or the word around it, never a second target.
            let only_a_weight = parts()
                .filter(|part| !is_number(part))
                .all(|part| matches!(part, "weight" | "w" | "with"));
            if !only_a_weight {
                return Slip::say(help);
            }
            let space = if touching.ends_with([' ', '\t']) {
                ""
            } else {
                " "
            };
            return Slip::mend(help, to_end, format!("{space}{number}"));
        }
    }
    if keyword == "credence" && wants(Expect::Number) && first.is_alphabetic() {
        return Slip::say("a credence is a number from 0 to 1: `credence 0.7`".into());
    }
    if keyword == "tags" {
        // `tags #jobs`, `tags #jobs #demand`: a `#` starts a comment. The edit takes
        // every `#word` of the line, or none: the rest would become a comment.
        if found == "#" {
            // Up to a `#` that starts a real comment (`# ...`, with a space after it).
            let body = raw_rest
                .match_indices('#')
                .find(|&(i, _)| {
                    raw_rest[i + 1..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
                })
                .map_or(raw_rest, |(i, _)| &raw_rest[..i]);
            let words: Vec<&str> = body
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            let tags: Vec<&str> = words
                .iter()
                .map(|w| w.trim_start_matches('#'))
                .filter(|t| !t.is_empty())
                .collect();
            let tag_like = |t: &&str| {
                t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_/.".contains(&b))
            };
            if !tags.is_empty()
                && tags.len() == words.len()
                && words.iter().all(|w| w.starts_with('#'))
                && tags.iter().all(tag_like)
            {
                let mended = tags.join(", ");
                let help =
                    format!("a `#` starts a comment; write tags without it: `tags {mended}`");
                return Slip::mend(help, at..at + body.trim_end().len(), mended);
            }
            if let Some(tag) = tags.first() {
                return Slip::say(format!(
                    "a `#` starts a comment; write tags without it: `tags {tag}`"
                ));
            }
        }
        // `tags jobs demand`, `tags jobs; demand`: tags without commas.
        if wants(Expect::End) && (found == ";" || first.is_alphanumeric()) {
            let words: Vec<&str> = past(words, keyword)
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .filter(|w| !w.is_empty())
                .collect();
            let tags = without_comment(&words.join(" ")).trim_end().to_string();
            let tag_like = |w: &str| {
                w.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_/.".contains(&b))
            };
            if tags.contains(' ') && tags.split(' ').all(tag_like) {
                let mended = format!("tags {}", tags.replace(' ', ", "));
                let help = format!("tags are separated by commas: `{mended}`");
                return Slip::mend(help, indent..to_end.end, mended);
            }
        }
    }
    None
}

/// An ID made of the first three words of `text` that are not small words (`the`,
/// `of`, ...), in ASCII letters and digits: "Remote lets us hire from anywhere." gives
/// `remote_lets_us`. `None` when `text` has no such word, or they make no ID.
fn id_from(text: &str) -> Option<String> {
    const SMALL: [&str; 24] = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
        "it", "its", "of", "on", "or", "that", "the", "this", "to", "was",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        // An ID starts with a letter: a year or a number leads none.
        .skip_while(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .take(3)
        .collect();
    let id = words.join("_");
    super::is_id(&id).then_some(id)
}

/// `text` up to a comment (a `#` after a space, or at the start), if it has one.
fn without_comment(text: &str) -> &str {
    if text.starts_with('#') {
        return "";
    }
    text.find(" #").map_or(text, |i| &text[..i])
}

/// Advice for a `%` after `before`: weights and credences are written from 0 to 1.
/// With the fraction for a number before the `%`, and the edit that writes it in
/// place of the number and the `%` (`before` is the line up to the `%`).
fn percent_help(before: &str) -> Slip {
    let trimmed = before.trim_end();
    let digits = trimmed
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let start = trimmed.len() - digits;
    let number = &trimmed[start..];
    match (number.parse::<f64>(), decimal(&format!("{number}e-2"))) {
        (Ok(p), Some(fraction)) => Slip {
            help: format!(
                "weights and credences are numbers from 0 to 1: for {p}%, write {fraction}"
            ),
            edit: Some((start..before.len() + 1, fraction)),
        },
        _ => Slip {
            help: "weights and credences are numbers from 0 to 1, e.g. 0.7".into(),
            edit: None,
        },
    }
}

/// Advice for a `,` between digits (`1,5`): decimal numbers use a point.
fn comma_help(before: &str, after: &str) -> Option<(String, std::ops::Range<usize>, String)> {
    let whole = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let fraction = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (whole > 0 && fraction > 0).then(|| {
        let number = format!("{}.{}", &before[before.len() - whole..], &after[..fraction]);
        let range = before.len() - whole..before.len() + 1 + fraction;
        (
            format!("decimal numbers use a point: write {number}"),
            range,
            number,
        )
    })
}

/// Advice for a number written with an exponent (`5e-1`), which the language does not
/// read: the same number in plain decimals.
/// With the edit that writes the number so (its range is `found`'s, set by the caller).
fn exponent_help(found: &str) -> Option<Slip> {
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
        Some(number) => Slip {
            help: format!("numbers are written without an exponent: write {number}"),
            edit: Some((0..found.len(), number)),
        },
        None => Slip {
            help: "numbers are written in plain decimals without an exponent, e.g. 0.5".into(),
            edit: None,
        },
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

#[cfg(test)]
mod tests {
    use super::id_from;
    use crate::syntax::{FileId, parse};

    /// Each edit that goes with a slip's advice mends its line: with it made, the line
    /// reads without an error.
    #[test]
    fn the_edits_of_slips_mend_their_lines() {
        let text = include_str!("../../tests/fixtures/check/S001_other_notations.crux");
        // Every slip of the fixture but the credence word, the node without an ID and
        // the text before a `#1` (text or a comment?) has an edit.
        assert_eq!(mend_each(text), (31, 28));
        let text = include_str!("../../tests/fixtures/check/S001_header_punctuation.crux");
        assert_eq!(mend_each(text), (2, 2));
    }

    #[test]
    fn outgoing_argdown_relations_are_mended_and_incoming_ones_explained() {
        let text = include_str!("../../tests/fixtures/check/S001_argdown_relations.crux");
        // `+> t`, `-> [t]`, `>< <e>` and the list item; not the title in brackets, the
        // four incoming relations or the undercut.
        assert_eq!(mend_each(text), (9, 4));
    }

    /// `text` with the edit of each of `errors` (every one must have one) made, from the
    /// end, so that the earlier ranges stay where they were.
    fn fix_all(text: &str, errors: &[super::SyntaxError]) -> String {
        let mut fixed = text.to_string();
        for error in errors.iter().rev() {
            let (span, with) = error.fix().expect("an edit");
            fixed.replace_range(span.range(), &with);
        }
        fixed
    }

    /// The syntax errors of `text`, and how many of them have an edit that leaves no
    /// error on the lines it writes (each edit made on its own).
    fn mend_each(text: &str) -> (usize, usize) {
        let line_of = |text: &str, offset: usize| text[..offset].matches('\n').count();
        let errors = parse(FileId(0), text).errors;
        let mut mended = 0;
        for error in &errors {
            let Some((span, with)) = error.fix() else {
                continue;
            };
            let mut fixed = text.to_string();
            fixed.replace_range(span.range(), &with);
            let line = line_of(text, error.span.start as usize);
            // An edit may write a line as several.
            let lines = line..=line + with.matches('\n').count();
            let left: Vec<_> = parse(FileId(0), &fixed)
                .errors
                .into_iter()
                .filter(|e| lines.contains(&line_of(&fixed, e.span.start as usize)))
                .map(|e| e.message())
                .collect();
            assert!(left.is_empty(), "line {}: `{with}` left {left:?}", line + 1);
            mended += 1;
        }
        (errors.len(), mended)
    }

    /// Curly quotes around text with ` #` in it get advice but no edit: the edit would
    /// turn the rest of the text into a comment.
    #[test]
    fn a_decimal_comma_is_mended_into_a_point() {
        let text = "thesis t: \"T.\"\ncounter c: \"C.\"\n  attacks t 0,5\n  credence 0,25\n";
        let errors = parse(FileId(0), text).errors;
        assert_eq!(errors.len(), 2, "{errors:?}");
        let fixed = fix_all(text, &errors);
        assert_eq!(
            fixed,
            "thesis t: \"T.\"\ncounter c: \"C.\"\n  attacks t 0.5\n  credence 0.25\n"
        );
        assert!(parse(FileId(0), &fixed).errors.is_empty());
    }

    #[test]
    fn a_hash_inside_curly_quotes_is_not_cut_off() {
        let errors = parse(FileId(0), "thesis t: “Rank #1 fan”\n").errors;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].fix(), None);
        assert!(errors[0].help().unwrap().contains("straight double quotes"));
        let errors = parse(FileId(0), "thesis t: “Rank one”  # a comment\n").errors;
        let (_, with) = errors[0].fix().unwrap();
        assert_eq!(with, "\"Rank one\"");
    }

    /// A `"` inside an expectation ends its string: the advice is the single quotes the
    /// expectation language reads, which need no escape; elsewhere it is `\"`.
    #[test]
    fn a_double_quote_inside_an_expectation_becomes_a_single_quote() {
        let text = "evidence e: \"E.\"\n  expect \"count(where k == \"a b\") == 1\"\n";
        let errors = parse(FileId(0), text).errors;
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].help().unwrap(),
            "text in an expectation may be written in single quotes: `'a b'`"
        );
        let (_, with) = errors[0].fix().unwrap();
        assert_eq!(with, "\"count(where k == 'a b') == 1\"");
        let errors = parse(FileId(0), "evidence e: \"E. \"x\" y\"\n").errors;
        assert_eq!(
            errors[0].help().unwrap(),
            "a `\"` inside text is written `\\\"`"
        );
    }

    /// A character that looks like a space or like nothing is named by its code point,
    /// and the edit makes each run of them ordinary spaces (none for an invisible one).
    #[test]
    fn spaces_that_are_not_spaces_are_named_and_mended() {
        let text = "thesis\u{a0}t: \"T.\"\n\u{a0}\u{a0}supports t\n\u{200b}claim z: \"Z\"\n  \
                    attacks\u{2009}\u{200b}t\n";
        let errors = parse(FileId(0), text).errors;
        let messages: Vec<String> = errors.iter().map(|e| e.message()).collect();
        assert_eq!(
            messages,
            [
                "expected an ID, found `U+00A0` (a no-break space)",
                "expected a node kind or an attribute, found `U+00A0` (a no-break space)",
                "expected a node kind or an attribute, found `U+200B` (a zero-width space)",
                "expected an ID, found `U+2009` (a typographic space)",
            ]
        );
        assert!(
            errors[2]
                .help()
                .unwrap()
                .starts_with("this is a zero-width space; delete it")
        );
        let fixed = fix_all(text, &errors);
        assert_eq!(
            fixed,
            "thesis t: \"T.\"\n  supports t\nclaim z: \"Z\"\n  attacks t\n"
        );
        assert!(parse(FileId(0), &fixed).errors.is_empty());
    }

    /// Unquoted text in any script is told to take quotes (and `--fix` quotes it);
    /// a word in another script where an ID goes is told that IDs are ASCII.
    #[test]
    fn unquoted_text_in_any_script_is_quoted() {
        let text = "thesis t: \"x\"\n  by Алиса\n  note 备注\n  source ويكيبيديا\n\
                    claim c: \"y\"\n  supports Алиса\n";
        let errors = parse(FileId(0), text).errors;
        let helps: Vec<String> = errors.iter().map(|e| e.help().unwrap()).collect();
        assert_eq!(
            helps,
            [
                "put the text in double quotes: \"Алиса\"",
                "put the text in double quotes: \"备注\"",
                "put the text in double quotes: \"ويكيبيديا\"",
                "IDs are written in ASCII: lowercase letters, digits, `_`, and `-` between parts",
            ]
        );
        // The ID has no edit; the texts have.
        assert!(errors[3].fix().is_none());
        let tag = parse(FileId(0), "thesis t: \"x\"\n  tags 标签\n").errors;
        assert!(
            tag[0]
                .help()
                .unwrap()
                .starts_with("tags are written in ASCII"),
            "{:?}",
            tag[0].help()
        );
        let fixed = fix_all(text, &errors[..3]);
        assert!(
            fixed.contains("  by \"Алиса\"\n  note \"备注\"\n  source \"ويكيبيديا\"\n"),
            "{fixed}"
        );
        assert!(fixed.ends_with("  supports Алиса\n"), "{fixed}");
    }

    /// Direction marks and other invisible characters pasted with right-to-left text
    /// are named too, and deleted by the edit.
    #[test]
    fn invisible_marks_are_named_and_deleted() {
        let text = "thesis t: \"T.\"\nclaim a: \"A\"\n  supports t\u{200f}\n\
                    claim b: \"B\"\n  supports\u{202b} t\u{fe0f}\n";
        let errors = parse(FileId(0), text).errors;
        let messages: Vec<String> = errors.iter().map(|e| e.message()).collect();
        assert_eq!(
            messages,
            [
                "expected the end of the line, found `U+200F` (a right-to-left mark)",
                "expected an ID, found `U+202B` (a direction embedding or override)",
            ]
        );
        assert!(
            errors[0]
                .help()
                .unwrap()
                .starts_with("this is a right-to-left mark; delete it")
        );
        let fixed = fix_all(text, &errors);
        // The variation selector after `t` is found once the line reads on.
        let again = parse(FileId(0), &fixed).errors;
        let fixed = fix_all(&fixed, &again);
        assert_eq!(
            fixed,
            "thesis t: \"T.\"\nclaim a: \"A\"\n  supports t\nclaim b: \"B\"\n  supports t\n"
        );
        assert!(parse(FileId(0), &fixed).errors.is_empty());
    }

    /// A second arrow on an `undercuts` line is not told that only `undercuts` takes one.
    #[test]
    fn a_second_arrow_of_an_undercut_is_named_as_such() {
        let head = "thesis t: \"T\"\nclaim e: \"E\"\n  supports t\nclaim u: \"U\"\n";
        let help = |line: &str| {
            let errors = parse(FileId(0), &format!("{head}{line}\n")).errors;
            errors[0].help().unwrap().to_string()
        };
        assert!(
            help("  undercuts e -> t -> x").starts_with("`undercuts A -> B` names one inference")
        );
        assert!(help("  attacks e -> t").contains("only `undercuts` takes one"));
    }

    /// A node without an ID is advised an ID made of its text's first words.
    #[test]
    fn a_node_without_an_id_is_advised_one_from_its_text() {
        let help = |text: &str| parse(FileId(0), text).errors[0].help().unwrap().to_string();
        assert_eq!(
            help("claim \"Remote lets us hire from anywhere.\"\n"),
            "a node starts `KIND ID: \"text\"`: give it an ID, e.g. `claim remote_lets_us: \
             \"Remote lets us hire from anywhere.\"`"
        );
        // A number does not start an ID; small words are left out.
        assert!(
            help("counter \"The 2013 GPU shortage of 2014\"\n")
                .contains("e.g. `counter gpu_shortage_2014: ")
        );
        assert_eq!(id_from("Is it the GPU?").as_deref(), Some("gpu"));
        // No word in ASCII letters: the generic ID.
        assert!(help("claim \"日本語\"\n").contains("e.g. `claim my_claim: \"日本語\"`"));
        assert_eq!(id_from("2013, 2014"), None);
        // A keyword is no ID.
        assert_eq!(id_from("Claim"), None);
    }

    /// Several targets on one relation line become one line each, in the line's
    /// indentation and line ending, its comment kept at the end; with a weight (whose
    /// target would be a guess) or on an undercut, the advice comes without an edit.
    #[test]
    fn several_targets_become_one_line_each() {
        let fix = |text: &str| {
            let errors = parse(FileId(0), text).errors;
            assert_eq!(errors.len(), 1, "{text:?}: {errors:?}");
            errors[0].fix().map(|(span, with)| {
                let mut fixed = text.to_string();
                fixed.replace_range(span.range(), &with);
                fixed
            })
        };
        let head = "thesis t: \"T\"\nthesis u: \"U\"\nthesis v: \"V\"\nclaim c: \"C\"\n";
        assert_eq!(
            fix(&format!("{head}  attacks t, u and v  # all three\n")).as_deref(),
            Some(format!("{head}  attacks t\n  attacks u\n  attacks v  # all three\n").as_str())
        );
        let crlf = head.replace('\n', "\r\n");
        assert_eq!(
            fix(&format!("{crlf}\tsupports t & u\r\n")).as_deref(),
            Some(format!("{crlf}\tsupports t\r\n\tsupports u\r\n").as_str())
        );
        assert_eq!(fix(&format!("{head}  attacks t and u 0.5\n")), None);
        // A weight after a second target is not taken for the first one's, nor a
        // second weight for the first.
        assert_eq!(fix(&format!("{head}  attacks t u 0.5\n")), None);
        assert_eq!(fix(&format!("{head}  attacks t 0.5, 0.6\n")), None);
        assert_eq!(
            fix(&format!("{head}  undercuts c -> t (0.5)\n")).as_deref(),
            Some(format!("{head}  undercuts c -> t 0.5\n").as_str())
        );
        assert_eq!(
            fix(&format!("{head}  attacks t (weight 0.5)\n")).as_deref(),
            Some(format!("{head}  attacks t 0.5\n").as_str())
        );
        assert_eq!(fix(&format!("{head}  attacks t and Ü\n")), None);
    }
}
