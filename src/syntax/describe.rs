//! Syntax errors in words: what the parser expected where a line went wrong, as a
//! writer would say it, with advice for the usual slips (`70%`, `1,5`, `5e-1`, an
//! uppercase ID, text on its own line).
//!
//! Phase: syntax. Only the parser calls this.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::kind::{KEYWORDS, KeywordRole};
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
/// the line (starting at byte `base` of the file), `pos` where it went wrong and
/// `positives` what could have stood there.
pub(crate) fn describe(
    file: FileId,
    src: &str,
    base: usize,
    pos: usize,
    positives: &[Expect],
) -> SyntaxError {
    let found = token_at(src, pos);
    let span = Span::new(file, base + pos, base + pos + found.len());
    let leading = src[..pos].trim().is_empty();
    // A line that starts with an unknown word.
    if leading && !found.is_empty() && found.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
        let suggestion = crate::text::closest(
            KEYWORDS
                .iter()
                .filter(|(_, _, role)| *role != KeywordRole::ArtifactOption)
                .map(|&(k, _, _)| k),
            found,
        );
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
    for expect in positives {
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
    if found == "%" && !leading {
        help = Some(percent_help(&src[..pos]));
    }
    if leading && ["/", "//", ";", "%", "--"].contains(&found) {
        help = Some("comments start with `#`".into());
    }
    if found == "," {
        help = comma_help(&src[..pos], &src[pos + 1..]).or(help);
    }
    if expected.contains(&"a tag") && (found.starts_with('[') || found.starts_with('"')) {
        help = Some(
            "tags are words separated by commas, without brackets or quotes: `tags survey, 2023`"
                .into(),
        );
    }
    if expected == ["`:`"] && found.starts_with('"') {
        help = Some("a node starts `KIND ID: \"text\"`: add `:` after the ID".into());
    }
    // `expect """`, `artifact """`: the `""` read as an empty string, then a `"`.
    if !leading && found.starts_with('"') && src[..pos].ends_with("\"\"") {
        let keyword = src.split_whitespace().next().unwrap_or_default();
        help = Some(format!(
            "`{keyword}` takes a one-line string, not a `\"\"\"` block (blocks are for text: a node's, `by`, `note`, `source`, `title`)"
        ));
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
    let expected = match expected.as_slice() {
        [] => "the end of the line".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
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
