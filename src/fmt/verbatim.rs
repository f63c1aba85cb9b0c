//! Formatting a file that has syntax errors: the lines with errors stay as written, the
//! rest takes the canonical layout.
//!
//! Phase: fmt. The syntax tree says which lines cannot be read (its `ERROR` nodes), the
//! errors say which statements were read with a mistake in them; both are kept byte for
//! byte. A statement kept as written still moves with its node and its attribute order,
//! like a comment; a kept line that belongs to no statement is placed like an own-line
//! comment.

use std::collections::BTreeSet;

use super::printer::{self, Verbatim};
use super::{FormatError, blocking_errors, finish};
use crate::syntax::ast::{Comment, File};
use crate::syntax::{FileId, SyntaxError, SyntaxErrorKind, SyntaxKind, SyntaxNode, parse};

/// Formats `text` around its syntax errors. Returns the text (equal to the input when
/// nothing but broken lines would change, when an error leaves the file alone (see
/// [`left_alone`]), or when the result would not read back as the same file) and the
/// errors, which the caller reports: the file is still broken. A file without errors is
/// formatted as by [`super::format`].
pub fn format_around_errors(text: &str) -> Result<(String, Vec<SyntaxError>), FormatError> {
    let parsed = parse(FileId(0), text);
    let errors = blocking_errors(&parsed.errors);
    if errors.is_empty() {
        return super::format(text).map(|t| (t, errors));
    }
    if errors.iter().any(|e| left_alone(&e.kind)) {
        return Ok((text.to_string(), errors));
    }
    let kept = kept_lines(text, &parsed.syntax(), &errors);
    let (file, verbatim) = split(text, &parsed.ast, &kept);
    let out = finish(text, printer::print(text, &file, &verbatim));
    // Lines with errors can mean something else once the lines around them move (two
    // stray `---` lines that end up at the top read as front matter): then the file is
    // left as it is, which is always safe.
    if out != text && verify(text, &parsed.ast, &kept, &out).is_err() {
        return Ok((text.to_string(), errors));
    }
    Ok((out, errors))
}

/// Whether an error leaves the whole file as it is, because the lines it holds cannot be
/// told from the lines around them:
/// - past the errors shown ([`crate::syntax::MAX_ERRORS`]), which statements have errors
///   is not known, and one formatted from what the parser made of it could say
///   something else (a misspelt `status` read as `open`);
/// - an unclosed `"""` block or front matter runs on over the lines after it: where
///   its text ends, and so which blank lines and indentation are part of it, is not
///   known until it is closed.
fn left_alone(kind: &SyntaxErrorKind) -> bool {
    matches!(
        kind,
        SyntaxErrorKind::TooManyErrors { .. }
            | SyntaxErrorKind::UnclosedBlock { .. }
            | SyntaxErrorKind::UnclosedFrontMatter
    )
}

/// The byte ranges (without line breaks) of the lines kept as written, in order.
fn kept_lines(text: &str, root: &SyntaxNode, errors: &[SyntaxError]) -> BTreeSet<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let range = |n: &SyntaxNode| {
        let r = n.text_range();
        (usize::from(r.start()), usize::from(r.end()))
    };
    for element in root.descendants() {
        match element.kind() {
            SyntaxKind::ERROR => ranges.push(range(&element)),
            // A node whose header cannot be read: its attributes belong to nothing.
            SyntaxKind::NODE => {
                let first = element.children().next();
                if first.is_some_and(|n| n.kind() == SyntaxKind::ERROR) {
                    ranges.push(range(&element));
                }
            }
            kind if kind.is_attribute()
                && element
                    .parent()
                    .is_some_and(|p| p.kind() == SyntaxKind::ROOT) =>
            {
                ranges.push(range(&element))
            }
            _ => {}
        }
    }
    ranges.extend(
        errors
            .iter()
            .map(|e| (e.span.start as usize, e.span.end as usize)),
    );
    let mut lines = BTreeSet::new();
    for (start, end) in ranges {
        let mut at = line_start(text, start);
        loop {
            let e = crate::text::line_end(text, at);
            // A range that ends with its line break does not reach the next line.
            if e > at || text[at..].is_empty() || e >= end {
                lines.insert((at, e));
            }
            if e >= end || e >= text.len() {
                break;
            }
            at = e + if text[e..].starts_with("\r\n") { 2 } else { 1 };
            if at >= end {
                break;
            }
        }
    }
    // A comment line is a comment (fmt may indent it), even inside a kept node.
    let comment_lines: BTreeSet<usize> = root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == SyntaxKind::COMMENT)
        .map(|t| usize::from(t.text_range().start()))
        .filter(|&start| text[line_start(text, start)..start].trim().is_empty())
        .map(|start| line_start(text, start))
        .collect();
    lines.retain(|&(s, e)| !text[s..e].trim().is_empty() && !comment_lines.contains(&s));
    lines
}

/// Where the line holding `at` starts (after the byte order mark, which the printer
/// puts back on its own).
fn line_start(text: &str, at: usize) -> usize {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    text[..at.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(bom, |i| i + 1)
        .max(bom.min(at))
}

/// The file to print, and what the printer keeps as written: statements on kept lines
/// print as their lines; kept lines that belong to no statement travel as comments;
/// comments on kept lines are part of them.
fn split(text: &str, ast: &File, kept: &BTreeSet<(usize, usize)>) -> (File, Verbatim) {
    let on_kept = |start: u32| {
        let start = start as usize;
        kept.range(..=(start, usize::MAX))
            .next_back()
            .is_some_and(|&(s, e)| s <= start && start <= e)
    };
    let mut verbatim = Verbatim::default();
    let mut covered: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut file = ast.clone();
    let mut keep = |span: crate::syntax::Span, verbatim: &mut Verbatim| {
        let (s, e) = (
            line_start(text, span.start as usize),
            crate::text::line_end(text, span.end as usize),
        );
        for &line in kept.range((s, 0)..=(e, usize::MAX)) {
            covered.insert(line);
        }
        verbatim.statements.insert(
            span.start,
            text[s..e].replace("\r\n", "\n").replace('\r', "\n"),
        );
    };
    // A statement is kept when any of its lines is: the closing line of a `"""` block
    // can hold the error (a malformed directive in its comment).
    let any_kept = |span: crate::syntax::Span| {
        let start = line_start(text, span.start as usize);
        kept.range((start, 0)..=(span.end as usize, usize::MAX))
            .next()
            .is_some()
    };
    for node in &file.nodes {
        if any_kept(node.header_span) {
            keep(node.header_span, &mut verbatim);
        }
        for attr in &node.attributes {
            if any_kept(attr.span) {
                keep(attr.span, &mut verbatim);
            }
        }
    }
    // Comments on kept lines are printed with them.
    file.comments
        .retain(|c| !(c.trailing && on_kept(c.span.start)));
    let comment_lines: BTreeSet<usize> = file
        .comments
        .iter()
        .map(|c| line_start(text, c.span.start as usize))
        .collect();
    for &(s, e) in kept {
        // A comment line is printed as a comment (a `# crux:` line with a mistake, say);
        // a `#` line inside an unclosed block is text of the error, kept here.
        if covered.contains(&(s, e)) || comment_lines.contains(&s) {
            continue;
        }
        verbatim.lines.insert(s as u32);
        file.comments.push(Comment {
            text: text[s..e].to_string(),
            span: crate::syntax::Span::new(FileId(0), s, e),
            trailing: false,
        });
    }
    file.comments.sort_by_key(|c| c.span.start);
    (file, verbatim)
}

/// Reads the output back: the same nodes, the same comments and the same kept lines.
fn verify(
    text: &str,
    before: &File,
    kept: &BTreeSet<(usize, usize)>,
    out: &str,
) -> Result<(), FormatError> {
    let reparsed = parse(FileId(0), out);
    let errors = blocking_errors(&reparsed.errors);
    let kept_after = kept_lines(out, &reparsed.syntax(), &errors);
    // Kept lines move with the attribute below them, as comments do: compare them as
    // a multiset.
    let lines = |t: &str, k: &BTreeSet<(usize, usize)>| -> Vec<String> {
        let mut lines: Vec<String> = k.iter().map(|&(s, e)| t[s..e].to_string()).collect();
        lines.sort();
        lines
    };
    if lines(text, kept) != lines(out, &kept_after) {
        return Err(FormatError::Unsafe(
            "a line with a syntax error would change".into(),
        ));
    }
    super::compare(before, &reparsed.ast)
}
