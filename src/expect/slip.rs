//! Slips from other languages in an expectation: `=` for `==`, `<>` for `!=`, `&&` for
//! `and`, `AND` for `and`. The parser stops at them as at any other error; this names
//! what the language writes instead, and the edit that mends it.
//!
//! Phase: beside `syntax`, reading only the text and what the parser expected.

use std::ops::Range;

/// What the language writes where another language's notation was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlipKind {
    /// `=` or `===` for `==`.
    Equal,
    /// `<>`, `!==` or `≠` for `!=`.
    NotEqual,
    /// `=<` or `≤` for `<=`.
    AtMost,
    /// `=>` or `≥` for `>=`.
    AtLeast,
    /// `&&`, `||`, `!` (or `&`, `|`) for `and`, `or`, `not`.
    Logic,
    /// `AND`, `Or`, `WHERE` for the lowercase keyword.
    Uppercase(&'static str),
}

/// A slip: what it is, and the text that mends it in place of what was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    /// What was meant.
    pub kind: SlipKind,
    /// The text to put in place of the slip: the operator or keyword meant, with a
    /// space where a keyword would otherwise run into a word.
    pub replacement: String,
}

impl Slip {
    /// The advice.
    pub fn help(&self) -> String {
        match self.kind {
            SlipKind::Equal => "a comparison is written `==`".into(),
            SlipKind::NotEqual => "not equal is written `!=`".into(),
            SlipKind::AtMost => "at most is written `<=`".into(),
            SlipKind::AtLeast => "at least is written `>=`".into(),
            SlipKind::Logic => "logic is written in words: `and`, `or`, `not`".into(),
            SlipKind::Uppercase(k) => format!("keywords are written in lowercase: `{k}`"),
        }
    }
}

/// The slip at byte `at` of `text`, where parsing stopped, given what the parser
/// expected there (as the error names it): the bytes written and the slip.
pub(super) fn find(text: &str, at: usize, expected: &[&str]) -> Option<(Range<usize>, Slip)> {
    let (before, rest) = text.split_at(at);
    // After an operand, where a comparison could come.
    let comparable = expected.contains(&"a comparison");
    let after_operand = expected.contains(&"`and`");
    let (range, kind, meant) = if let Some(more) = rest.strip_prefix('=') {
        if before.ends_with("==") {
            (at - 2..at + 1, SlipKind::Equal, "==")
        } else if before.ends_with("!=") {
            (at - 2..at + 1, SlipKind::NotEqual, "!=")
        } else if !comparable {
            return None;
        } else if more.starts_with('<') {
            (at..at + 2, SlipKind::AtMost, "<=")
        } else if more.starts_with('>') {
            (at..at + 2, SlipKind::AtLeast, ">=")
        } else {
            (at..at + 1, SlipKind::Equal, "==")
        }
    } else if rest.starts_with('>') && before.ends_with('<') {
        (at - 1..at + 1, SlipKind::NotEqual, "!=")
    } else if comparable && let Some(c @ ('≠' | '≤' | '≥')) = rest.chars().next() {
        let (kind, meant) = match c {
            '≠' => (SlipKind::NotEqual, "!="),
            '≤' => (SlipKind::AtMost, "<="),
            _ => (SlipKind::AtLeast, ">="),
        };
        (at..at + c.len_utf8(), kind, meant)
    } else if after_operand && (rest.starts_with('&') || rest.starts_with('|')) {
        let c = rest.as_bytes()[0];
        let len = rest.bytes().take(2).take_while(|&b| b == c).count();
        let meant = if c == b'&' { "and" } else { "or" };
        (at..at + len, SlipKind::Logic, meant)
    } else if !after_operand && rest.starts_with('!') && !rest.starts_with("!=") {
        (at..at + 1, SlipKind::Logic, "not")
    } else {
        let word: String = rest.chars().take_while(|c| is_word(*c)).collect();
        let keyword = ["and", "or", "where"]
            .into_iter()
            .find(|k| word.eq_ignore_ascii_case(k) && word != *k)
            .filter(|k| expected.contains(&format!("`{k}`").as_str()))?;
        (at..at + word.len(), SlipKind::Uppercase(keyword), keyword)
    };
    let mut replacement = meant.to_string();
    if meant.starts_with(is_word) {
        if text[..range.start].ends_with(is_word) {
            replacement.insert(0, ' ');
        }
        if text[range.end..].starts_with(is_word) {
            replacement.push(' ');
        }
    }
    Some((range, Slip { kind, replacement }))
}

/// A character of a name, a keyword or a number.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
