//! Escaping for XML and HTML: the one function through which every user string reaches
//! the SVG map and the HTML page (the page's templates use it as tera's escape
//! function).
//!
//! Besides the five characters that mean markup (`& < > " '`), it replaces with U+FFFD
//! every character that cannot appear in a well-formed document: the C0 controls other
//! than tab, line feed and carriage return (forbidden by XML 1.0), DEL and the C1
//! controls (parse errors in HTML, discouraged in XML, and terminal escapes in disguise),
//! and the noncharacters U+FDD0..U+FDEF and U+xFFFE, U+xFFFF of every plane (U+FFFE and
//! U+FFFF are forbidden by XML 1.0, the others parse errors in HTML). A character
//! reference would not do: `&#xFFFE;` is not well-formed either.
//!
//! Phase: render.

use std::io;

/// What a character that may not appear becomes.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Escapes text for XML or HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None if allowed(c) => out.push(c),
            None => out.push(REPLACEMENT),
        }
    }
    out
}

/// [`escape`] into a writer, as tera's escape function.
pub fn write_escaped(s: &str, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(escape(s).as_bytes())
}

/// The entity that stands for a markup character ([`crate::text::MARKUP_ENTITIES`]).
fn entity(c: char) -> Option<&'static str> {
    // Letters, digits and spaces, most of any text, need no look.
    if !c.is_ascii_punctuation() {
        return None;
    }
    crate::text::MARKUP_ENTITIES
        .iter()
        .find(|(m, _)| *m == c)
        .map(|(_, e)| *e)
}

/// Whether a character may appear as it is in an XML 1.0 or HTML document.
pub fn allowed(c: char) -> bool {
    let u = c as u32;
    let control = (u < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || (0x7F..=0x9F).contains(&u);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE;
    !control && !noncharacter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_escape_writes_unmarkup_reads_back() {
        for text in [
            "<a href=\"x\">&'</a>",
            "&amp; is written &amp;amp;",
            "a & b; &#39 &lt",
            "",
        ] {
            assert_eq!(crate::text::unmarkup(&escape(text)), text);
        }
        // Other entities are not the escape's: they stay.
        assert_eq!(
            crate::text::unmarkup("&eacute;&#233;&lt;"),
            "&eacute;&#233;<"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn replaces_what_no_document_may_hold() {
        for c in [
            '\u{0}',
            '\u{1}',
            '\u{8}',
            '\u{B}',
            '\u{C}',
            '\u{1B}',
            '\u{1F}',
            '\u{7F}',
            '\u{85}',
            '\u{9B}',
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{1FFFF}',
            '\u{10FFFE}',
            '\u{10FFFF}',
        ] {
            assert_eq!(
                escape(&format!("a{c}b")),
                "a\u{FFFD}b",
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn keeps_what_documents_may_hold() {
        let text = "tab\there\nline\r\u{A0}é€\u{FDCF}\u{FDF0}\u{FFFD}\u{10000}😀\u{10FFFD}";
        assert_eq!(escape(text), text);
    }
}
