//! Text from a debate made safe to print on a terminal: the one function that `check`'s
//! reports and `explain`'s tree pass user text through.
//!
//! The C0 controls and DEL become their visible Unicode pictures (`ESC` is shown as
//! `␛`), tab becomes spaces, and the bidirectional overrides and isolates become U+FFFD,
//! exactly as the report renderer (annotate-snippets) shows source lines; on top of that,
//! the C1 controls (U+0080..U+009F, among them the one-character CSI and OSC), which some
//! terminals obey, become U+FFFD. No escape sequence survives: without `ESC`, `CSI` or
//! `OSC` a sequence cannot start. Line feeds are kept.
//!
//! Phase: diagnostic (any phase may use it).

use std::borrow::Cow;

/// What a C1 control becomes.
const REPLACEMENT: char = '\u{FFFD}';

/// A source line for the report renderer: as [`sanitize`], but tabs are kept. The
/// renderer draws a tab as spaces itself and counts it as one column, as editors do,
/// in the `FILE:LINE:COLUMN` it writes; a tab replaced beforehand would count four.
pub fn sanitize_source(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return pictured(text);
    }
    let parts: Vec<Cow<'_, str>> = text.split('\t').map(pictured).collect();
    Cow::Owned(parts.join("\t"))
}

/// `text` with every control character made visible or replaced (see the module docs).
/// A zero-width joiner is kept: the report renderer drops it from source lines, to
/// count their columns one way on every terminal, but in a message or `explain`'s tree
/// it holds an emoji sequence (👨‍👩‍👧) together.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.contains(ZWJ) {
        return pictured(text);
    }
    let parts: Vec<Cow<'_, str>> = text.split(ZWJ).map(pictured).collect();
    Cow::Owned(parts.join(ZWJ))
}

/// The zero-width joiner.
const ZWJ: &str = "\u{200D}";

/// As [`sanitize`], but as the report renderer draws a source line: without
/// zero-width joiners.
fn pictured(text: &str) -> Cow<'_, str> {
    let pictured = annotate_snippets::normalize_untrusted_str(text);
    let is_c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
    if pictured == text && !text.chars().any(is_c1) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        pictured
            .chars()
            .map(|c| if is_c1(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// For `text` and its [`sanitize_source`] form: the offset in the sanitized text of
/// each byte offset of `text` (an offset inside a character maps to where it starts).
pub fn offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut at = 0;
    let mut buf = [0; 4];
    for (i, c) in text.char_indices() {
        map[i..i + c.len_utf8()].fill(at);
        at += sanitize_source(c.encode_utf8(&mut buf)).len();
    }
    map[text.len()] = at;
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape_sequence_survives() {
        let hostile = "a\x1b[31mred\x1b]0;title\x07\u{9b}2J\u{9d}x\u{85}b\u{202e}c\td\u{7f}";
        let safe = sanitize(hostile);
        assert!(
            !safe.chars().any(|c| c.is_control() && c != '\n'),
            "{safe:?}"
        );
        assert_eq!(
            safe,
            "a␛[31mred␛]0;title␇\u{FFFD}2J\u{FFFD}x\u{FFFD}b\u{FFFD}c    d␡"
        );
    }

    #[test]
    fn emoji_sequences_stay_whole_outside_source_lines() {
        let family = "a 👨\u{200D}👩\u{200D}👧 b";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("\u{200D}\x1b"), "\u{200D}␛");
        assert_eq!(sanitize_source(family), "a 👨👩👧 b");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("plain\ntext é"), Cow::Borrowed(_)));
    }

    #[test]
    fn offsets_follow_the_replacements() {
        let text = "a\x1bb\u{9b}c";
        let safe = sanitize(text);
        let map = offsets(text);
        assert_eq!(&safe[map[2]..map[3]], "b");
        assert_eq!(&safe[map[5]..], "c");
        assert_eq!(map[text.len()], safe.len());
    }
}
