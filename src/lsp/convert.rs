//! Between the protocol's terms and crux's: `file:` URIs and paths, 0-based UTF-16
//! positions and byte offsets.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::syntax::{LineCol, SourceFile, Span};

/// The path a `file:` URI names, percent-decoded; `None` for another scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` on Unix, `file://host/path` is not supported.
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let text = String::from_utf8(out).ok()?;
    // A Windows drive path, `file:///C:/x`, is `C:/x`.
    let text = match text.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() && cfg!(windows) => text[1..].to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// The `file:` URI of an absolute path, with every byte but the unreserved ones and
/// `/` percent-encoded.
pub fn path_to_uri(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if out.len() <= 9 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&out).unwrap_or_else(|_| Uri::from_str("file:///").expect("a valid URI"))
}

/// The protocol position of a byte offset: 0-based line and UTF-16 column.
pub fn position(file: &SourceFile, offset: u32) -> Position {
    let at = file.lines().line_col_utf16(offset);
    Position::new(at.line.saturating_sub(1), at.column.saturating_sub(1))
}

/// The protocol range of a span.
pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.start), position(file, span.end))
}

/// The byte offset of a protocol position, clamped to its line; `None` for a line
/// past the end.
pub fn offset(file: &SourceFile, at: Position) -> Option<u32> {
    let lc = LineCol {
        line: at.line.checked_add(1)?,
        column: at.character.checked_add(1)?,
    };
    file.lines().offset_utf16(&file.text, lc)
}

/// The range of a whole text, from its start to its end.
pub fn whole(file: &SourceFile) -> Range {
    Range::new(Position::new(0, 0), position(file, file.text.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/tmp/a b/é#.crux");
        let uri = path_to_uri(path);
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9%23.crux");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_to_path(&Uri::from_str("untitled:x").unwrap()), None);
    }

    #[test]
    fn positions_count_utf16_units() {
        let file = SourceFile::new("a", "a", "claim a: \"😀x\"\n".to_string());
        let x = file.text.find('x').unwrap() as u32;
        assert_eq!(position(&file, x), Position::new(0, 12));
        assert_eq!(offset(&file, Position::new(0, 12)), Some(x));
        assert_eq!(offset(&file, Position::new(5, 0)), None);
    }
}
