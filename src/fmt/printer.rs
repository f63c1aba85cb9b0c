//! The printer: one `.crux` syntax tree and its source text in, canonical text out.
//!
//! Phase: fmt, right after syntax. Reads the [`File`] tree and the text it was parsed
//! from (for comments' places and blank lines, which the tree records as spans); never
//! the model. The layout rules are listed in the module docs of [`crate::fmt`].

use crate::syntax::ast::{
    Artifact, Attribute, AttributeKind, File, FrontMatter, Node, Number, Text, Undercut,
};
use crate::syntax::span::Span;

/// Spaces before an attribute line.
const ATTRIBUTE_INDENT: usize = 2;
/// Extra spaces before the lines of a `"""` block, relative to the line it opens on.
const BLOCK_INDENT: usize = 4;

/// An own-line comment, whether a blank line separated it from what came before, and
/// whether it is indented.
#[derive(Debug, Default)]
struct Own<'a> {
    text: &'a str,
    blank_before: bool,
    indented: bool,
    /// A line kept as written (a line with a syntax error): printed without indentation
    /// of its own.
    raw: bool,
}

/// A comment or a line kept as written, as the printer places it.
type Line<'a> = (&'a str, bool);

/// What a file with syntax errors keeps as written (see [`super::verbatim`]).
#[derive(Debug, Default)]
pub(super) struct Verbatim {
    /// Statements printed as their source lines, by where they start.
    pub statements: std::collections::HashMap<u32, String>,
    /// Lines with errors that belong to no statement of the tree, passed in the
    /// file's comment list; by where they start.
    pub lines: std::collections::HashSet<u32>,
}

/// The comments that belong to one attribute.
#[derive(Debug, Default)]
struct AttributeComments<'a> {
    /// Own-line comments right above it (they move with it).
    leading: Vec<Line<'a>>,
    /// A comment at the end of its line.
    trailing: Option<&'a str>,
}

/// The comments that belong to one node.
#[derive(Debug, Default)]
struct NodeComments<'a> {
    /// Own-line comments between the previous node (or the top) and the header.
    leading: Vec<Own<'a>>,
    /// Whether a blank line separated the last leading comment from the header.
    blank_before_header: bool,
    /// A comment at the end of the header line.
    trailing: Option<&'a str>,
    /// One entry per attribute, in source order.
    attributes: Vec<AttributeComments<'a>>,
    /// Indented own-line comments right below the node's last line, followed by a blank
    /// line or the end of the file: remarks on the node (or attributes commented out).
    tail: Vec<Line<'a>>,
}

/// Every comment of a file, attached to the item it belongs to.
#[derive(Debug, Default)]
struct Comments<'a> {
    nodes: Vec<NodeComments<'a>>,
    /// Own-line comments after the last statement.
    tail: Vec<Own<'a>>,
}

/// Which statement a span belongs to.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Header(usize),
    Attribute(usize, usize),
}

/// Line breaks in `s` (`\r\n` counts once, a lone `\r` counts).
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

impl<'a> Comments<'a> {
    /// Attaches every comment: a trailing one to the statement on its line, an own-line
    /// one to the statement below it (a header or an attribute), or to the tail.
    fn attach(text: &str, file: &'a File, verbatim: &Verbatim) -> Self {
        let mut nodes: Vec<NodeComments<'a>> = file
            .nodes
            .iter()
            .map(|n| NodeComments {
                attributes: n.attributes.iter().map(|_| Default::default()).collect(),
                ..Default::default()
            })
            .collect();
        let mut statements: Vec<(Span, Slot)> = Vec::new();
        for (i, node) in file.nodes.iter().enumerate() {
            statements.push((node.header_span, Slot::Header(i)));
            for (j, attr) in node.attributes.iter().enumerate() {
                statements.push((attr.span, Slot::Attribute(i, j)));
            }
        }
        statements.sort_by_key(|(span, _)| span.start);
        let mut tail = Vec::new();
        let mut prev_end = file
            .front_matter
            .as_ref()
            .map_or(0, |f| f.span.end as usize);
        let mut next = 0; // the first statement not yet passed
        let gap = |from: usize, to: usize| line_breaks(text.get(from..to).unwrap_or("")) >= 2;
        for comment in &file.comments {
            let start = comment.span.start as usize;
            while next < statements.len() && (statements[next].0.start as usize) < start {
                let (span, slot) = statements[next];
                if let Slot::Header(i) = slot
                    && !nodes[i].leading.is_empty()
                {
                    nodes[i].blank_before_header = gap(prev_end, span.start as usize);
                }
                prev_end = span.end as usize;
                next += 1;
            }
            let blank_before = gap(prev_end, start);
            prev_end = comment.span.end as usize;
            let body = comment.text.as_str();
            if comment.trailing && next > 0 {
                match statements[next - 1].1 {
                    Slot::Header(i) => nodes[i].trailing = Some(body),
                    Slot::Attribute(i, j) => nodes[i].attributes[j].trailing = Some(body),
                }
                continue;
            }
            let line_start = at_line_start(prefix(text, start));
            let raw = verbatim.lines.contains(&comment.span.start);
            let own = Own {
                text: body,
                blank_before,
                // A line kept as written starts at the start of its line.
                indented: !line_start || (raw && body.starts_with([' ', '\t'])),
                raw,
            };
            match statements.get(next).map(|s| s.1) {
                Some(Slot::Header(i)) => nodes[i].leading.push(own),
                Some(Slot::Attribute(i, j)) => nodes[i].attributes[j].leading.push((body, raw)),
                None => tail.push(own),
            }
        }
        // Headers after the last comment.
        for &(span, slot) in &statements[next..] {
            if let Slot::Header(i) = slot
                && !nodes[i].leading.is_empty()
            {
                nodes[i].blank_before_header = gap(prev_end, span.start as usize);
            }
            prev_end = span.end as usize;
        }
        let mut comments = Comments { nodes, tail };
        comments.move_node_tails();
        comments
    }

    /// Moves each paragraph of indented comments that hangs below a node (no blank line
    /// between) and is not right above the next node into that node's tail.
    fn move_node_tails(&mut self) {
        for i in 1..self.nodes.len() {
            let (before, after) = self.nodes.split_at_mut(i);
            let next = &mut after[0];
            let Some(k) = hanging(&next.leading) else {
                continue;
            };
            let k = if k < next.leading.len() || next.blank_before_header {
                k
            } else {
                // Right above the next header, comments belong to it; indented lines
                // with errors are still this node's (a broken attribute).
                next.leading[..k]
                    .iter()
                    .take_while(|c| c.raw && c.indented)
                    .count()
            };
            if k > 0 {
                before[i - 1]
                    .tail
                    .extend(next.leading.drain(..k).map(|c| (c.text, c.raw)));
                if next.leading.is_empty() {
                    // The blank line below the moved comments is the one between nodes.
                    next.blank_before_header = false;
                }
            }
        }
        if let (Some(last), Some(k)) = (self.nodes.last_mut(), hanging(&self.tail)) {
            last.tail
                .extend(self.tail.drain(..k).map(|c| (c.text, c.raw)));
        }
    }
}

/// The length of the first paragraph of `comments` when it hangs below the line above
/// (no blank line between) and starts indented.
fn hanging(comments: &[Own<'_>]) -> Option<usize> {
    let first = comments.first()?;
    if first.blank_before || !first.indented {
        return None;
    }
    Some(
        comments
            .iter()
            .skip(1)
            .position(|c| c.blank_before)
            .map_or(comments.len(), |p| p + 1),
    )
}

/// The text before byte `start` (clamped to a char boundary).
fn prefix(text: &str, start: usize) -> &str {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    &text[..start]
}

/// Whether the text `before` something ends at the start of a line (a byte order mark
/// does not count).
fn at_line_start(before: &str) -> bool {
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
    before.is_empty() || before.ends_with(['\n', '\r'])
}

/// Prints a file in the canonical layout, with `\n` line ends and no byte order mark
/// (the caller restores both).
pub(super) fn print(text: &str, file: &File, verbatim: &Verbatim) -> String {
    let comments = Comments::attach(text, file, verbatim);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    if let Some(fm) = &file.front_matter {
        front_matter(&mut out, text, fm);
    }
    for (node, comments) in file.nodes.iter().zip(&comments.nodes) {
        if !out.is_empty() {
            out.push('\n');
        }
        print_node(&mut out, text, node, comments, verbatim);
    }
    for (k, c) in comments.tail.iter().enumerate() {
        let after_node = !file.nodes.is_empty();
        let first_after_front_matter = k == 0 && !after_node && !out.is_empty();
        if (k > 0 || after_node) && c.blank_before || first_after_front_matter {
            out.push('\n');
        }
        out.push_str(c.text);
        out.push('\n');
    }
    out
}

/// `---`, the YAML as written (line ends normalised), `---`.
fn front_matter(out: &mut String, text: &str, fm: &FrontMatter) {
    let block = text.get(fm.span.range()).unwrap_or("");
    let block = block.strip_prefix('\u{FEFF}').unwrap_or(block);
    // The opening fence line, then the YAML lines, then the closing fence line.
    let body = match block.find(['\n', '\r']) {
        Some(i) if block[i..].starts_with("\r\n") => &block[i + 2..],
        Some(i) => &block[i + 1..],
        None => "",
    };
    let yaml_end = body.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let yaml = body[..yaml_end].replace("\r\n", "\n").replace('\r', "\n");
    out.push_str("---\n");
    out.push_str(&without_trailing_blanks(yaml));
    out.push_str("---\n");
}

/// The YAML with trailing spaces and tabs removed from its lines, unless that changes
/// what it reads as (a literal block scalar keeps them as content): then as written.
fn without_trailing_blanks(yaml: String) -> String {
    let trimmed: String = yaml
        .split_inclusive('\n')
        .map(|line| {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let kept = body.trim_end_matches([' ', '\t']);
            if body.len() == line.len() {
                kept.to_string()
            } else {
                format!("{kept}\n")
            }
        })
        .collect();
    if trimmed == yaml || reads_as(&trimmed) != reads_as(&yaml) {
        yaml
    } else {
        trimmed
    }
}

/// What a front matter's YAML reads as: its fields, and the kinds of the errors it has.
fn reads_as(yaml: &str) -> String {
    let file = crate::syntax::span::FileId(0);
    let (fm, errors) = crate::syntax::front_matter::read(file, yaml, 0, Span::new(file, 0, 0));
    let kinds: Vec<_> = errors.iter().map(|e| &e.kind).collect();
    format!("{fm:?} {kinds:?}")
}

fn print_node(
    out: &mut String,
    text: &str,
    node: &Node,
    comments: &NodeComments<'_>,
    verbatim: &Verbatim,
) {
    for (k, c) in comments.leading.iter().enumerate() {
        if k > 0 && c.blank_before {
            out.push('\n');
        }
        out.push_str(c.text);
        out.push('\n');
    }
    if comments.blank_before_header {
        out.push('\n');
    }
    match verbatim.statements.get(&node.header_span.start) {
        Some(raw) => out.push_str(raw),
        None => {
            out.push_str(node.kind.keyword());
            out.push(' ');
            out.push_str(&node.id.name);
            out.push(':');
            if let Some(t) = &node.text {
                out.push(' ');
                push_text(out, t, 0);
            }
        }
    }
    end_line(out, comments.trailing);
    let mut order: Vec<usize> = (0..node.attributes.len()).collect();
    order.sort_by_key(|&j| rank(&node.attributes[j].kind));
    for j in order {
        let c = &comments.attributes[j];
        for &line in &c.leading {
            attribute_line(out, line);
        }
        let attr = &node.attributes[j];
        match verbatim.statements.get(&attr.span.start) {
            Some(raw) => out.push_str(raw),
            None => {
                indent(out, ATTRIBUTE_INDENT);
                attribute(out, text, attr);
            }
        }
        end_line(out, c.trailing);
    }
    for &line in &comments.tail {
        attribute_line(out, line);
    }
}

/// A comment among a node's attributes, indented like them, or a line kept as written.
fn attribute_line(out: &mut String, (text, raw): Line<'_>) {
    if !raw {
        indent(out, ATTRIBUTE_INDENT);
    }
    out.push_str(text);
    out.push('\n');
}

/// The place of an attribute in the canonical order: relations first (in the order
/// written), then `credence status standard by tags note source artifact expect`.
pub(super) fn rank(kind: &AttributeKind) -> u8 {
    match kind {
        AttributeKind::Edge { .. } | AttributeKind::Undercut { .. } => 0,
        AttributeKind::Credence(_) => 1,
        AttributeKind::Status(..) => 2,
        AttributeKind::Standard(..) => 3,
        AttributeKind::By(_) => 4,
        AttributeKind::Tags(_) => 5,
        AttributeKind::Note(_) => 6,
        AttributeKind::Source(_) => 7,
        AttributeKind::Artifact(_) => 8,
        AttributeKind::Expect(_) => 9,
    }
}

fn end_line(out: &mut String, trailing: Option<&str>) {
    if let Some(c) = trailing {
        out.push(' ');
        out.push_str(c);
    }
    out.push('\n');
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// One attribute in its canonical form; `text` is the file's (numbers are spelled from
/// what was written).
fn attribute(out: &mut String, text: &str, attr: &Attribute) {
    let digits = |n: &Number| crate::text::spelling(text.get(n.span.range()).unwrap_or(""));
    out.push_str(attr.kind.keyword());
    out.push(' ');
    match &attr.kind {
        AttributeKind::Edge { target, weight, .. } => {
            out.push_str(&target.name);
            if let Some(w) = weight {
                out.push(' ');
                out.push_str(&digits(w));
            }
        }
        AttributeKind::Undercut(u) => {
            let Undercut { from, to, weight } = &**u;
            out.push_str(&from.name);
            out.push_str(" -> ");
            out.push_str(&to.name);
            if let Some(w) = weight {
                out.push(' ');
                out.push_str(&digits(w));
            }
        }
        AttributeKind::Credence(n) => out.push_str(&digits(n)),
        AttributeKind::Status(s, _) => out.push_str(s.keyword()),
        AttributeKind::Standard(s, _) => out.push_str(s.keyword()),
        AttributeKind::Tags(tags) => {
            for (k, t) in tags.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(&t.name);
            }
        }
        AttributeKind::By(t)
        | AttributeKind::Note(t)
        | AttributeKind::Source(t)
        | AttributeKind::Expect(t) => push_text(out, t, ATTRIBUTE_INDENT),
        AttributeKind::Artifact(a) => artifact(out, a),
    }
}

/// `"path" sha256 "hex" title "t" kind k`
fn artifact(out: &mut String, a: &Artifact) {
    push_text(out, &a.path, ATTRIBUTE_INDENT);
    if let Some(h) = &a.sha256 {
        out.push_str(" sha256 ");
        push_text(out, h, ATTRIBUTE_INDENT);
    }
    if let Some(t) = &a.title {
        out.push_str(" title ");
        push_text(out, t, ATTRIBUTE_INDENT);
    }
    if let Some((k, _)) = &a.kind {
        out.push_str(" kind ");
        out.push_str(k.keyword());
    }
}

/// A text value: a `"""` block when it was written as one and spans lines (or holds a
/// carriage return, which no escape can write), else a one-line string.
fn push_text(out: &mut String, t: &Text, line_indent: usize) {
    if (t.block && t.value.contains('\n')) || t.value.contains('\r') {
        block(out, &t.value, line_indent + BLOCK_INDENT);
    } else {
        quote(out, &t.value);
    }
}

/// A `"""` block: the opening quotes at the end of the line, each line of the value
/// indented, then the closing quotes on a line of their own at the same indentation.
/// Reading it back removes that common indentation and the blank first and last lines,
/// which gives the value back exactly (its lines carry no trailing spaces).
fn block(out: &mut String, value: &str, body_indent: usize) {
    out.push_str("\"\"\"\n");
    for line in value.split('\n') {
        if !line.is_empty() {
            indent(out, body_indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    indent(out, body_indent);
    out.push_str("\"\"\"");
}

/// A one-line string with the canonical escapes `\"`, `\\`, `\n` and `\t`.
pub(super) fn quote(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_canonically() {
        let mut out = String::new();
        quote(&mut out, "a \"b\" \\ c\nd\te");
        assert_eq!(out, r#""a \"b\" \\ c\nd\te""#);
    }

    #[test]
    fn line_breaks_count_crlf_once() {
        assert_eq!(line_breaks("\r\n\n\r"), 3);
    }
}
