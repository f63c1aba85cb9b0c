//! The line-oriented lexer: splitting a file into logical lines, and telling what a line
//! that cannot be read most likely was.
//!
//! Phase: syntax. A logical line is one physical line, or several when a `"""` block
//! spans them. The scanner also finds unclosed strings, which it reports where they open
//! (the grammar alone would report them where the line ends).

use memchr::{memchr2, memmem};

use super::error::SyntaxErrorKind;
use super::kind::{KEYWORDS, KeywordRole, keyword};

/// One logical line: a byte range (without its line break) and what the scanner found.
#[derive(Debug)]
pub(crate) struct Logical {
    pub start: usize,
    pub end: usize,
    /// An unclosed string or block: the kind and the byte range of its opening quote(s).
    pub problem: Option<(SyntaxErrorKind, usize, usize)>,
    /// The line is one physical line: no line break inside `start..end`.
    pub one_line: bool,
}

/// End of the physical line starting at `start` (the index of its `\n`/`\r`, or the
/// text's length), and the start of the next one.
fn physical_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let i = memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |rel| start + rel);
    let next = if i + 1 < bytes.len() && bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
        i + 2
    } else {
        i + 1
    };
    (i, next)
}

/// The closing quote of a one-line string whose text starts at `from`, before `end`
/// (a backslash escapes the byte after it).
fn string_end(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut k = from;
    while k < end {
        k += memchr2(b'"', b'\\', &bytes[k..end])?;
        if bytes[k] == b'"' {
            return Some(k);
        }
        k += 2;
    }
    None
}

/// Whether a line starts (after indentation) with a node kind keyword.
pub(crate) fn starts_node(line: &str) -> bool {
    let line = line.trim_start();
    let word_len = line.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    keyword(&line[..word_len], KeywordRole::NodeKind).is_some()
        && line[word_len..]
            .chars()
            .next()
            .is_some_and(|c| c == ' ' || c == '\t')
}

/// The byte range of the first node header (`KIND ID:`, as in `claim d:`) that starts a
/// physical line in `text[from..to]`: the text of a block that ran on over a node.
fn header_inside(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = from;
    while start < to {
        let (end, next) = physical_end(bytes, start);
        let line = &text[start..end.min(to)];
        if starts_node(line) {
            let indent = line.len() - line.trim_start().len();
            let rest = &line[indent..];
            let word = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            let after = rest[word..].trim_start();
            let id = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                .count();
            if id > 0 && after[id..].trim_start().starts_with(':') {
                let header_end = start + (line.len() - after.len()) + id;
                return Some((start + indent, header_end));
            }
        }
        start = next;
    }
    None
}

/// Splits `text[from..]` into logical lines, one at a time (a file of a million lines
/// is never held as a list of them).
pub(crate) fn logical_lines(text: &str, from: usize) -> impl Iterator<Item = Logical> + '_ {
    let bytes = text.as_bytes();
    let mut start = from;
    let mut first = true;
    let mut done = false;
    // The last `"""` block that ran on over a line with a node header: the byte ranges
    // of its `"""` and of that header. Named when a later block is never closed, as a
    // block with a closing `"""` missing makes every `"""` after it pair up wrongly.
    let mut runs_over_node: Option<((usize, usize), (usize, usize))> = None;
    std::iter::from_fn(move || {
        if done || !(start < bytes.len() || (start == bytes.len() && first)) {
            return None;
        }
        first = false;
        let (mut end, mut next) = physical_end(bytes, start);
        let first_next = next;
        let mut one_line = true;
        let mut problem = None;
        let mut skip_to_node = false;
        let mut i = start;
        // Only `#` and `"` matter here: the scan jumps from one to the next.
        while let Some(rel) = memchr2(b'#', b'"', &bytes[i..end]) {
            i += rel;
            if bytes[i] == b'#' {
                break;
            }
            if bytes[i + 1..].starts_with(b"\"\"") {
                match memmem::find(&bytes[i + 3..], b"\"\"\"") {
                    Some(rel) => {
                        let close = i + 3 + rel + 3;
                        if close > end {
                            // The block runs on: extend to the line where it closes.
                            (end, next) = physical_end(bytes, close - 3);
                            one_line = false;
                            if let Some(header) = header_inside(text, first_next, close - 3) {
                                runs_over_node = Some(((i, i + 3), header));
                            }
                        }
                        i = close;
                    }
                    None => {
                        let earlier = runs_over_node.take();
                        problem = Some((SyntaxErrorKind::UnclosedBlock { earlier }, i, i + 3));
                        skip_to_node = true;
                        break;
                    }
                }
                continue;
            }
            match string_end(bytes, i + 1, end) {
                Some(close) => i = close + 1,
                None => {
                    problem = Some((SyntaxErrorKind::UnclosedString, i, i + 1));
                    break;
                }
            }
        }
        let line = Logical {
            start,
            end,
            problem,
            one_line,
        };
        start = next;
        if skip_to_node {
            // Resynchronise at the next line that starts a node.
            while start < bytes.len() {
                let (e, n) = physical_end(bytes, start);
                if starts_node(&text[start..e]) {
                    break;
                }
                start = n;
            }
        }
        if next >= bytes.len() && end >= bytes.len() {
            done = true;
        }
        Some(line)
    })
}

/// Whether a line that failed to parse (and does not start with a node kind) is more
/// likely a mistyped node header than a mistyped attribute. A mistyped header must not
/// let the attributes under it attach to the node before it; a mistyped attribute must
/// not cut its node short.
pub(crate) fn looks_like_header(src: &str) -> bool {
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
    let best = |role: KeywordRole| {
        KEYWORDS
            .iter()
            .filter(|(_, _, r)| *r == role)
            .map(|(k, _, _)| strsim::jaro_winkler(k, &lower))
            .fold(0.0, f64::max)
    };
    best(KeywordRole::NodeKind) >= best(KeywordRole::Attribute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<&str> {
        logical_lines(text, 0)
            .map(|l| &text[l.start..l.end])
            .collect()
    }

    #[test]
    fn blocks_join_lines() {
        let text = "claim a: \"\"\"\n  x\n  \"\"\"\n  by \"me\"\n";
        assert_eq!(
            ranges(text),
            ["claim a: \"\"\"\n  x\n  \"\"\"", "  by \"me\""]
        );
    }

    #[test]
    fn unclosed_block_resyncs_at_next_node() {
        let text = "claim a: \"\"\"\n  x\nclaim b: \"y\"";
        let lines: Vec<Logical> = logical_lines(text, 0).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].problem.as_ref().map(|p| p.1), Some(9));
        assert_eq!(&text[lines[1].start..lines[1].end], "claim b: \"y\"");
    }

    #[test]
    fn unclosed_string_is_found_at_its_quote() {
        let lines: Vec<Logical> = logical_lines("claim a: \"oops\n", 0).collect();
        assert_eq!(lines[0].problem.as_ref().map(|p| p.1), Some(9));
    }

    #[test]
    fn escapes_and_comments_inside_strings_do_not_end_them() {
        // `\"` and `#` inside a string; a backslash right before the line break.
        let text = "claim a: \"x\\\"y # not a comment\" # one\nclaim b: \"z\\\nclaim c: \"\"";
        let lines: Vec<Logical> = logical_lines(text, 0).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].problem.is_none());
        assert_eq!(
            lines[1].problem.as_ref().map(|p| p.1),
            Some(text.find("\"z").unwrap())
        );
        assert!(lines[2].problem.is_none());
    }
}
