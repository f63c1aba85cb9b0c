//! Source positions: byte spans into loaded files, and the line index that turns a byte
//! offset into a line and column.
//!
//! Phase: syntax (the bottom layer). Depends on nothing else in crux. Line and column are
//! computed only when something is printed; everything else carries [`Span`]s.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Identifies one loaded source file inside a [`crate::project::Sources`] set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file the range points into.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `start..end` in `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The byte range, for slicing the file's text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both `self` and `other` (same file).
    pub fn cover(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// One loaded `.crux` file: its display name, its path on disk and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user should see it (relative to where crux was started, if possible).
    pub name: String,
    /// The path on disk.
    pub path: PathBuf,
    /// The file's text (not to be changed once [`SourceFile::lines`] has indexed it).
    pub text: String,
    /// Where each line starts, made when first asked for (a debate without findings
    /// never needs it, and a large one has it made on a core that would wait).
    lines: OnceLock<LineIndex>,
    /// Whether a byte order mark at the start is a character of the text, counted in
    /// columns: in an editor's buffer that holds one, where the editor shows it.
    bom_counted: bool,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            lines: OnceLock::new(),
            bom_counted: false,
        }
    }

    /// Wraps the text of an editor's buffer. Columns count a byte order mark at its
    /// start as a character, as the editor does if it left one in the buffer (a
    /// file's byte order mark is not counted, as editors do not show it).
    pub fn buffer(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            bom_counted: true,
            ..SourceFile::new(name, path, text)
        }
    }

    /// Where each line starts.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| {
            let mut index = LineIndex::new(&self.text);
            index.bom &= !self.bom_counted;
            index
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines().line_col(&self.text, offset)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The one place where byte offsets become lines and columns, in characters (for
/// people) or UTF-16 code units (for SARIF and editors). Lines end at `\n`, `\r\n`
/// and a lone `\r`, as in the grammar and in editors; a byte order mark at the start
/// is not counted in columns, as editors do not show it.
///
/// Built on rust-analyzer's `line-index`, which breaks lines at `\n` only: a lone `\r`
/// is handed to it as a `\n` (the same length, so every offset stays the same).
#[derive(Clone, Debug)]
pub struct LineIndex {
    index: line_index::LineIndex,
    /// The number of lines (an empty text has one).
    lines: u32,
    /// Whether the text starts with a byte order mark that columns do not count.
    bom: bool,
}

impl Default for LineIndex {
    fn default() -> Self {
        LineIndex::new("")
    }
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` all end a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        let index = if memchr::memchr_iter(b'\r', bytes).any(lone_cr) {
            let lf: String = text
                .char_indices()
                .map(|(i, c)| if c == '\r' && lone_cr(i) { '\n' } else { c })
                .collect();
            line_index::LineIndex::new(&lf)
        } else {
            line_index::LineIndex::new(text)
        };
        let end = index.len();
        let lines = index.line_col(end).line + 1;
        LineIndex {
            index,
            lines,
            bom: text.starts_with('\u{FEFF}'),
        }
    }

    /// The offset, inside the text and moved back to the start of the character it
    /// falls in (a character is at most 4 bytes long).
    fn position(&self, offset: u32) -> line_index::LineCol {
        let offset = offset.min(self.index.len().into());
        (offset.saturating_sub(3)..=offset)
            .rev()
            .find_map(|o| self.index.try_line_col(o.into()))
            .unwrap_or(line_index::LineCol { line: 0, col: 0 })
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.position(offset).line as usize
    }

    /// The byte offset at which 0-based `line` starts (the last line's, past the end).
    pub fn line_start(&self, line: usize) -> u32 {
        let line = (line as u32).min(self.lines - 1);
        self.index.line(line).map_or(0, |r| r.start().into())
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines as usize
    }

    /// Whether there are no lines (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }

    /// The 1-based line and column of `offset`, the column counted in `encoding` and
    /// without a byte order mark.
    fn wide(&self, offset: u32, encoding: line_index::WideEncoding) -> LineCol {
        let at = self.position(offset);
        let wide = self.index.to_wide(encoding, at).map_or(at.col, |w| w.col);
        let bom = u32::from(self.bom && at.line == 0 && at.col > 0);
        LineCol {
            line: at.line + 1,
            column: wide - bom + 1,
        }
    }

    /// 1-based line and character column of `offset` in `text`, the indexed text.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        // The index holds all it needs; `text` is taken for the callers' sake.
        let _ = text;
        self.wide(offset, line_index::WideEncoding::Utf32)
    }

    /// 1-based line and column of `offset`, the column counted in UTF-16 code units:
    /// the positions of SARIF (`utf16CodeUnits`) and, less one on each, of the
    /// language server protocol. A character outside the Basic Multilingual Plane (an
    /// emoji) counts two.
    pub fn line_col_utf16(&self, offset: u32) -> LineCol {
        self.wide(offset, line_index::WideEncoding::Utf16)
    }

    /// The byte offset in `text` (the indexed text) of a 1-based line and character
    /// column, the inverse of [`line_col`](Self::line_col), clamped as
    /// [`offset_utf16`](Self::offset_utf16) is.
    pub fn offset(&self, text: &str, at: LineCol) -> Option<u32> {
        self.offset_in(text, at, line_index::WideEncoding::Utf32)
    }

    /// The byte offset in `text` (the indexed text) of a 1-based line and UTF-16
    /// column, the inverse of [`line_col_utf16`](Self::line_col_utf16). A column past
    /// the end of its line gives the end of the line (before its line break), as the
    /// language server protocol asks; a column inside a character (between the two
    /// halves of an emoji), the start of that character. `None` for a line that does
    /// not exist or a column of 0.
    pub fn offset_utf16(&self, text: &str, at: LineCol) -> Option<u32> {
        self.offset_in(text, at, line_index::WideEncoding::Utf16)
    }

    /// The byte offset of a 1-based line and column counted in `encoding`.
    fn offset_in(
        &self,
        text: &str,
        at: LineCol,
        encoding: line_index::WideEncoding,
    ) -> Option<u32> {
        let line = at.line.checked_sub(1).filter(|&l| l < self.lines)?;
        let bom = u32::from(self.bom && line == 0);
        let col = at.column.checked_sub(1)? + bom;
        let range = self.index.line(line)?;
        let start = u32::from(range.start());
        let body = text
            .get(start as usize..usize::from(range.end()))?
            .trim_end_matches(['\n', '\r']);
        let end = start + body.len() as u32;
        let utf8 = self
            .index
            .to_utf8(encoding, line_index::WideLineCol { line, col })?;
        Some(self.floor(start.saturating_add(utf8.col).min(end)))
    }

    /// `offset` moved back to the start of the character it falls in.
    fn floor(&self, offset: u32) -> u32 {
        let at = self.position(offset);
        self.index.offset(at).map_or(offset, u32::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, column: u32) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\né x\r\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), lc(1, 1));
        assert_eq!(idx.line_col(text, 3), lc(2, 1));
        // `x` is after a two-byte `é` and a space.
        assert_eq!(idx.line_col(text, 6), lc(2, 3));
        assert_eq!(idx.line_col(text, 9), lc(3, 1));
        assert_eq!(idx.len(), 3);
    }

    #[test]
    fn an_emoji_is_one_character_and_two_utf16_units() {
        // 😀 is 4 bytes, outside the Basic Multilingual Plane.
        let text = "a😀b\n😀😀c";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 5), lc(1, 3));
        assert_eq!(idx.line_col_utf16(5), lc(1, 4));
        // Line 2: two emoji, then `c` at byte 15.
        assert_eq!(idx.line_col(text, 15), lc(2, 3));
        assert_eq!(idx.line_col_utf16(15), lc(2, 5));
        // An offset inside an emoji is the emoji's start.
        assert_eq!(idx.line_col_utf16(3), lc(1, 2));
        assert_eq!(idx.line_col(text, 3), lc(1, 2));
    }

    #[test]
    fn crlf_and_a_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_col(text, 1), lc(1, 2)); // the `\r` of `\r\n`
        assert_eq!(idx.line_col(text, 3), lc(2, 1));
        assert_eq!(idx.line_col(text, 5), lc(3, 1));
        assert_eq!(idx.line_col_utf16(7), lc(4, 1));
        assert_eq!(
            (0..4).map(|l| idx.line_start(l)).collect::<Vec<_>>(),
            [0, 3, 5, 7]
        );
        assert_eq!(idx.line_of(4), 1);
        // Past the last line: the last line's start.
        assert_eq!(idx.line_start(99), 7);
    }

    #[test]
    fn a_byte_order_mark_is_not_counted() {
        let text = "\u{FEFF}ab\n😀x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), lc(1, 1));
        assert_eq!(idx.line_col(text, 3), lc(1, 1));
        assert_eq!(idx.line_col(text, 5), lc(1, 3));
        assert_eq!(idx.line_col_utf16(3), lc(1, 1));
        assert_eq!(idx.line_col_utf16(5), lc(1, 3));
        // After the emoji on line 2.
        assert_eq!(idx.line_col_utf16(10), lc(2, 3));
        assert_eq!(idx.line_col(text, 10), lc(2, 2));
    }

    #[test]
    fn offsets_past_the_end_stay_at_the_end() {
        let text = "ab\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 99), lc(2, 1));
        assert_eq!(idx.line_col_utf16(u32::MAX), lc(2, 1));
        let empty = LineIndex::new("");
        assert_eq!((empty.len(), empty.line_col("", 5)), (1, lc(1, 1)));
        assert_eq!(LineIndex::default().line_start(0), 0);
    }

    #[test]
    fn utf16_positions_map_back_to_offsets() {
        let text = "\u{FEFF}é😀x\r\ny😀\rz";
        let idx = LineIndex::new(text);
        for offset in 0..=text.len() as u32 {
            if !text.is_char_boundary(offset as usize) || offset == 0 {
                continue;
            }
            let at = idx.line_col_utf16(offset);
            let back = idx.offset_utf16(text, at).unwrap();
            // The `\n` of a `\r\n` is the `\r`'s position plus one, past the line.
            if text.as_bytes()[offset as usize - 1] == b'\r'
                && text.as_bytes().get(offset as usize) == Some(&b'\n')
            {
                continue;
            }
            assert_eq!(back, offset, "{at}");
        }
        // Past the end of a line: its end, before the line break.
        assert_eq!(idx.offset_utf16(text, lc(1, 50)), Some(10));
        // Between the halves of an emoji: the emoji's start.
        assert_eq!(idx.offset_utf16(text, lc(1, 3)), Some(5));
        assert_eq!(idx.offset_utf16(text, lc(9, 1)), None);
        assert_eq!(idx.offset_utf16(text, lc(1, 0)), None);
        // In characters, the emoji is one column.
        assert_eq!(idx.offset(text, lc(1, 3)), Some(9));
        assert_eq!(idx.offset(text, lc(2, 2)), Some(13));
        for offset in [3, 5, 9, 12, 13, 17, 18] {
            assert_eq!(idx.offset(text, idx.line_col(text, offset)), Some(offset));
        }
    }
}
