//! Formatting: one canonical layout for `.crux` files, printed over the syntax tree.
//!
//! Phase: right after syntax. Depends on `syntax` only; never on the model, which has lost
//! comments and the order things were written in. [`format`] refuses a file with syntax
//! errors (a YAML problem inside well-fenced front matter does not count: the YAML is
//! copied as it is), and refuses to return text that would read back as a different
//! file (the result is parsed again and compared before it is handed out).
//!
//! # The canonical layout
//!
//! - A byte order mark stays. Line ends are the file's own: `\r\n` if its first line
//!   ends so, else `\n`. The file ends with one line break.
//! - Front matter stays as written, YAML untouched; the fences become plain `---`. One
//!   blank line follows it.
//! - A node is its header `KIND ID: "text"` at column 0, then its attributes, one per
//!   line, indented two spaces. One blank line separates nodes; no blank line is kept
//!   inside a node.
//! - Attributes come in this order: the relations (`supports`, `attacks`,
//!   `contradicts`, `undercuts`) first, in the order written, so that the graph's edges
//!   keep their order; then `credence`, `status`, `standard`, `by`, `tags`, `note`,
//!   `source`, `artifact`, `expect`. Attributes of one keyword keep the order written.
//! - `supports ID W`, `undercuts A -> B W`, `tags a, b`, `artifact "path" sha256 "hex"
//!   title "t" kind k`: one space between parts.
//! - Numbers take their shortest spelling with the same value: `.5` → `0.5`, `1.0` →
//!   `1`, `0.50` → `0.5`. Values outside [0, 1] are kept; the linter reports them.
//! - One-line strings are re-escaped with `\"`, `\\`, `\n` and `\t` only. A `"""`
//!   block whose value spans lines stays a block: its lines indented four spaces more
//!   than the line it opens on, the closing `"""` on a line of its own at the same
//!   indentation. A block whose value is one line becomes a one-line string.
//! - Comments: a trailing comment stays at the end of its statement's line, after one
//!   space. An own-line comment belongs to the statement below it: above a node it stays
//!   above that node at column 0 (so a `# crux: allow(...)` stays right above its
//!   header), above an attribute it moves with that attribute and is indented like it.
//!   One exception: indented comments that hang right below a node's last line (no
//!   blank line between) and are not right above the next node are remarks on that node
//!   (often an attribute commented out); they stay below it, indented like attributes,
//!   even when its attributes are reordered. Comments after the last statement stay at
//!   the end. Around comments, runs of blank lines become one blank line and none is
//!   added, except the blank line that always separates a node from what comes before
//!   it (put above the comments that belong to the node).
//! - A comment text is never changed, beyond the trailing spaces the parser drops.
//!
//! # Files with syntax errors
//!
//! [`format_around_errors`] formats a file that has syntax errors: every line that
//! holds one (a line the syntax tree keeps in an `ERROR` node, a statement with an error
//! in it, an attribute outside any node, and every line of a node whose header cannot
//! be read) is kept byte for byte, in its place among the lines around it; everything
//! else is laid out as above. An unclosed `"""` block or front matter, and more
//! errors than are shown, leave the file as it is. `crux fmt` uses it; `crux fmt
//! --check` and `crux pin` do not, and refuse such a file.

mod printer;
mod verbatim;

use crate::syntax::ast::{AttributeKind, File, Node};
use crate::syntax::{FileId, SyntaxError, SyntaxErrorKind};

pub use verbatim::format_around_errors;

/// Why a file was not formatted.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file has syntax errors; fix them first (`crux check` shows them).
    #[error("the file has {} syntax error{}", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Syntax(Vec<SyntaxError>),
    /// The formatted text would not read back as the same file. A bug in `crux fmt`;
    /// nothing is written.
    #[error("formatting would change the file ({0}); this is a bug in crux fmt")]
    Unsafe(String),
}

/// The syntax errors that stop formatting: all of them, except a YAML problem inside
/// well-fenced front matter (`invalid-front-matter`), since the YAML is copied as it is.
pub fn blocking_errors(errors: &[SyntaxError]) -> Vec<SyntaxError> {
    errors
        .iter()
        .filter(|e| !matches!(e.kind, SyntaxErrorKind::FrontMatter { .. }))
        .cloned()
        .collect()
}

/// Formats one file's text. Returns the canonical text (equal to the input when the file
/// is already canonical), or why it cannot be formatted.
pub fn format(text: &str) -> Result<String, FormatError> {
    let parsed = crate::syntax::parse(FileId(0), text);
    let errors = blocking_errors(&parsed.errors);
    if !errors.is_empty() {
        return Err(FormatError::Syntax(errors));
    }
    let out = format_parsed(text, &parsed.ast);
    if out != text {
        verify(&parsed.ast, &out)?;
    }
    Ok(out)
}

/// Prints a parsed file in the canonical layout, without any check. `file` must be the
/// tree of `text`, read without blocking errors.
pub fn format_parsed(text: &str, file: &File) -> String {
    finish(
        text,
        printer::print(text, file, &printer::Verbatim::default()),
    )
}

/// The printer's output with the file's line ends and byte order mark restored.
fn finish(text: &str, mut out: String) -> String {
    if first_line_end_is_crlf(text) {
        out = out.replace('\n', "\r\n");
    }
    if text.starts_with('\u{FEFF}') {
        out.insert(0, '\u{FEFF}');
    }
    out
}

fn first_line_end_is_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

/// Reads the output back and compares it with the input's tree.
fn verify(before: &File, out: &str) -> Result<(), FormatError> {
    let reparsed = crate::syntax::parse(FileId(0), out);
    if let Some(e) = blocking_errors(&reparsed.errors).first() {
        return Err(FormatError::Unsafe(format!(
            "the result does not parse: {}",
            e.message()
        )));
    }
    compare(before, &reparsed.ast)
}

/// Whether two trees say the same: nodes, comments, front matter, suppressions.
fn compare(before: &File, after: &File) -> Result<(), FormatError> {
    let (a, b) = (Meaning::of(before), Meaning::of(after));
    if a.comments != b.comments {
        return Err(FormatError::Unsafe("a comment would change".into()));
    }
    if a.front_matter != b.front_matter {
        return Err(FormatError::Unsafe("the front matter would change".into()));
    }
    if a.unattached_allows != b.unattached_allows {
        return Err(FormatError::Unsafe(
            "a `# crux: allow` would move to or from a node".into(),
        ));
    }
    if a.nodes.len() != b.nodes.len() {
        return Err(FormatError::Unsafe(
            "the number of nodes would change".into(),
        ));
    }
    for (x, y) in a.nodes.iter().zip(&b.nodes) {
        if x != y {
            return Err(FormatError::Unsafe(format!("node `{}` would change", x.id)));
        }
    }
    Ok(())
}

/// What a file says, without spans and layout: the input and the output of a format
/// must agree on it.
#[derive(Debug, PartialEq)]
struct Meaning {
    /// The front matter's fields, spelled out.
    front_matter: Option<String>,
    nodes: Vec<NodeMeaning>,
    /// Comment texts, sorted.
    comments: Vec<String>,
    /// Rule names of directives that are not right above a node, sorted.
    unattached_allows: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct NodeMeaning {
    kind: &'static str,
    id: String,
    text: Option<String>,
    /// Rule names, sorted.
    allow: Vec<String>,
    /// Attributes in canonical order, each spelled out.
    attributes: Vec<String>,
}

impl Meaning {
    fn of(file: &File) -> Self {
        let mut comments: Vec<String> = file.comments.iter().map(|c| c.text.clone()).collect();
        comments.sort();
        let mut unattached_allows: Vec<String> = file
            .unattached_allows
            .iter()
            .map(|i| i.name.to_string())
            .collect();
        unattached_allows.sort();
        Meaning {
            front_matter: file.front_matter.as_ref().map(|f| {
                format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    f.title, f.description, f.source, f.authors, f.date
                )
            }),
            nodes: file.nodes.iter().map(NodeMeaning::of).collect(),
            comments,
            unattached_allows,
        }
    }
}

impl NodeMeaning {
    fn of(node: &Node) -> Self {
        let mut attributes: Vec<&AttributeKind> = node.attributes.iter().map(|a| &a.kind).collect();
        attributes.sort_by_key(|k| printer::rank(k));
        let mut allow: Vec<String> = node.allow.iter().map(|i| i.name.to_string()).collect();
        allow.sort();
        NodeMeaning {
            kind: node.kind.keyword(),
            id: node.id.name.to_string(),
            text: node.text.as_ref().map(|t| t.value.to_string()),
            allow,
            attributes: attributes.into_iter().map(spell).collect(),
        }
    }
}

/// An attribute's content in words, values compared by value.
fn spell(kind: &AttributeKind) -> String {
    let n = |x: f64| x + 0.0; // -0 and 0 are the same weight
    match kind {
        AttributeKind::Edge {
            relation,
            target,
            weight,
        } => format!(
            "{} {} {:?}",
            relation.keyword(),
            target.name,
            weight.as_ref().map(|w| n(w.value))
        ),
        AttributeKind::Undercut(u) => format!(
            "undercuts {} -> {} {:?}",
            u.from.name,
            u.to.name,
            u.weight.as_ref().map(|w| n(w.value))
        ),
        AttributeKind::Credence(c) => format!("credence {:?}", n(c.value)),
        AttributeKind::Status(s, _) => format!("status {}", s.keyword()),
        AttributeKind::Standard(s, _) => format!("standard {}", s.keyword()),
        AttributeKind::By(t) => format!("by {:?}", t.value),
        AttributeKind::Tags(tags) => {
            let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
            format!("tags {names:?}")
        }
        AttributeKind::Note(t) => format!("note {:?}", t.value),
        AttributeKind::Source(t) => format!("source {:?}", t.value),
        AttributeKind::Expect(t) => format!("expect {:?}", t.value),
        AttributeKind::Artifact(a) => format!(
            "artifact {:?} {:?} {:?} {:?}",
            a.path.value,
            a.sha256.as_ref().map(|t| &t.value),
            a.title.as_ref().map(|t| &t.value),
            a.kind.map(|k| k.0.keyword())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_a_small_file() {
        let src = "# top\nclaim b: \"B.\"   # why\n  tags x,y\n  supports a .50\n\n\n\nthesis a: \"\"\"A.\"\"\"\n";
        assert_eq!(
            format(src).unwrap(),
            "# top\nclaim b: \"B.\" # why\n  supports a 0.5\n  tags x, y\n\nthesis a: \"A.\"\n"
        );
    }

    #[test]
    fn refuses_syntax_errors() {
        assert!(matches!(
            format("clam a: \"A.\"\n"),
            Err(FormatError::Syntax(_))
        ));
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let src = "\u{FEFF}claim a: \"A.\"\r\n  credence 1.0\r\n";
        assert_eq!(
            format(src).unwrap(),
            "\u{FEFF}claim a: \"A.\"\r\n  credence 1\r\n"
        );
    }
}
