//! `textDocument/formatting`: what `crux fmt` writes, also for a file with syntax
//! errors (its broken lines stay as written), as one edit over the part that changes.

use lsp_types::{DocumentFormattingParams, TextEdit};

use super::convert::{range, uri_to_path};
use super::workspace::{Workspace, normalize};
use super::{Failure, file_of, refuse};
use crate::syntax::{SourceFile, Span};

/// The edits that make the buffer what `crux fmt` would write.
pub fn formatting(
    w: &mut Workspace,
    p: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>, Failure> {
    // A buffer the config excludes is no part of the debate, but `crux fmt` formats
    // it all the same, and so does the editor.
    let file = file_of(w, &p.text_document.uri);
    let excluded = match file {
        Some(_) => None,
        None => uri_to_path(&p.text_document.uri)
            .and_then(|path| w.open.get(&normalize(&path)))
            .map(|doc| SourceFile::buffer("", "", doc.text.clone())),
    };
    let source = match (&excluded, file) {
        (Some(buffer), _) => buffer,
        (None, Some(file)) => w.analysis().source(file),
        (None, None) => return Ok(None),
    };
    let formatted = match crate::fmt::format_around_errors(&source.text) {
        Ok((text, _)) => text,
        Err(e) => return Err(refuse(format!("not formatted: {e}"))),
    };
    Ok(Some(
        edit(&source.text, &formatted)
            .map(|(span, text)| TextEdit::new(range(source, span), text))
            .into_iter()
            .collect(),
    ))
}

/// The one replacement that turns `old` into `new`: the bytes between their common
/// start and common end (at character boundaries), or `None` if they are equal.
pub fn edit(old: &str, new: &str) -> Option<(Span, String)> {
    if old == new {
        return None;
    }
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    // A range never ends between the `\r` and `\n` of one line break, where a
    // line-and-column position cannot point: the edit takes in the whole break.
    let inside_break = |text: &str, at: usize| {
        at > 0
            && text.as_bytes().get(at - 1) == Some(&b'\r')
            && text.as_bytes().get(at) == Some(&b'\n')
    };
    if inside_break(old, start) || inside_break(new, start) {
        start -= 1;
    }
    if suffix > 0
        && (inside_break(old, old.len() - suffix) || inside_break(new, new.len() - suffix))
    {
        suffix -= 1;
    }
    let span = Span::new(crate::syntax::FileId(0), start, old.len() - suffix);
    Some((span, new[start..new.len() - suffix].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_covers_what_changes() {
        let (span, text) = edit(
            "claim a: \"é\"\n  supports  b\n",
            "claim a: \"é\"\n  supports b\n",
        )
        .unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (25, 26, ""));
        assert_eq!(edit("x", "x"), None);
        let (span, text) = edit("é", "è").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (0, 2, "è"));
        // Mixed line endings: the edit starts and ends on whole line breaks.
        let (span, text) = edit("a\r\rb", "a\r\nb").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (1, 3, "\r\n"));
        let (span, text) = edit("a\nb\r\nc", "a\r\nb\r\nc").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (1, 2, "\r\n"));
        let (span, text) = edit("x\r\n", "x \r\n").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (1, 1, " "));
        let (span, text) = edit("ab\r\n", "a\r\n").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (1, 2, ""));
        let (span, text) = edit("a \r\n", "a\n").unwrap();
        assert_eq!((span.start, span.end, text.as_str()), (1, 4, "\n"));
    }
}
