//! `textDocument/completion`, by what the line says before the cursor: node IDs after a
//! relation keyword or `->`, kind keywords at the start of a line, attribute names
//! under a node, rule names in `# crux: allow(...)`, values after `standard`,
//! `status` and `kind`, and file paths after `artifact "`.

use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Range, TextEdit,
};

use super::convert::{offset, position};
use super::workspace::Workspace;
use super::{Failure, file_of};
use crate::check::registry::RULES;
use crate::syntax::ast::{ArtifactKind, ProofStandard};
use crate::syntax::kind::{KEYWORDS, KeywordRole};

/// The keywords of one role, in the language reference's order (the order of
/// [`KEYWORDS`], which for attributes is also the formatter's).
fn keywords(role: KeywordRole) -> impl Iterator<Item = &'static str> {
    KEYWORDS
        .iter()
        .filter(move |(_, _, r)| *r == role)
        .map(|&(word, _, _)| word)
}

/// What the text before the cursor asks for.
#[derive(Debug, PartialEq)]
enum Context<'a> {
    /// A node ID, `prefix` typed so far.
    Id(&'a str),
    /// A kind keyword at the start of a line.
    Kind(&'a str),
    /// An attribute keyword on an indented line.
    Attribute(&'a str),
    /// A rule name inside `allow(`.
    Rule(&'a str),
    /// A word from a fixed list.
    Word(&'a str, Vec<&'static str>),
    /// A path inside `artifact "`.
    Path(&'a str),
}

/// Whether byte `at` of file `file` lies inside a `"""` block: between its quotes, or
/// after one that is never closed, up to the next node.
fn in_block(analysis: &super::workspace::Analysis, file: usize, at: u32) -> bool {
    use crate::syntax::ast::AttributeKind;
    let Some(ast) = analysis.debate.files.get(file) else {
        return false;
    };
    let inside = |t: &crate::syntax::ast::Text| t.block && t.span.start < at && at < t.span.end;
    let closed = ast.nodes.iter().any(|n| {
        n.text.as_ref().is_some_and(inside)
            || n.attributes.iter().any(|a| match &a.kind {
                AttributeKind::By(t)
                | AttributeKind::Note(t)
                | AttributeKind::Source(t)
                | AttributeKind::Expect(t) => inside(t),
                _ => false,
            })
    });
    closed
        || analysis.debate.syntax_errors.iter().any(|e| {
            e.span.file.0 as usize == file
                && matches!(e.kind, crate::syntax::SyntaxErrorKind::UnclosedBlock { .. })
                && e.span.end <= at
                && !ast
                    .nodes
                    .iter()
                    .any(|n| e.span.start < n.span.start && n.span.start <= at)
        })
}

/// Whether `word` could be part of an ID or keyword being typed.
fn is_word(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Where the comment of a line starts: its first `#` outside a string.
fn comment_start(line: &str) -> Option<usize> {
    scan_quotes(line).0
}

/// The first `#` of `line` outside a string, and whether the line ends inside one.
fn scan_quotes(line: &str) -> (Option<usize>, bool) {
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'#' if !in_string => return (Some(i), false),
            _ => {}
        }
    }
    (None, in_string)
}

fn context(before: &str) -> Option<Context<'_>> {
    // A byte order mark starts the first line; it is not part of what is typed.
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
    let trimmed = before.trim_start();
    let indented = trimmed.len() < before.len();
    // A comment on its own line, or at the end of a node's or attribute's line.
    if let Some(hash) = comment_start(trimmed) {
        let rest = trimmed[hash + 1..]
            .trim_start()
            .strip_prefix("crux:")?
            .trim_start();
        let inside = rest.strip_prefix("allow")?.trim_start().strip_prefix('(')?;
        let last = inside.rsplit(',').next().unwrap_or(inside).trim_start();
        return is_word(last).then_some(Context::Rule(last));
    }
    if let Some(rest) = trimmed.strip_prefix("artifact") {
        let rest = rest.trim_start();
        if let Some(path) = rest.strip_prefix('"')
            && !path.contains('"')
        {
            return Some(Context::Path(path));
        }
        let words: Vec<&str> = rest.split_whitespace().collect();
        if let [.., "kind", last] = words[..]
            && !rest.ends_with(' ')
        {
            return Some(Context::Word(
                last,
                ArtifactKind::ALL.map(|k| k.keyword()).to_vec(),
            ));
        }
        if words.last() == Some(&"kind") && rest.ends_with(' ') {
            return Some(Context::Word(
                "",
                ArtifactKind::ALL.map(|k| k.keyword()).to_vec(),
            ));
        }
        return None;
    }
    // Inside a quoted text (a statement, a note) the words are the writer's, `->`
    // included.
    if scan_quotes(trimmed).1 {
        return None;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, word) = trimmed.split_at(word_start);
    // A lone `-` may be the start of `->`.
    if word.starts_with('-') {
        return None;
    }
    let head = head.trim_end();
    if head.is_empty() {
        return Some(if indented {
            Context::Attribute(word)
        } else {
            Context::Kind(word)
        });
    }
    let first = head.split_whitespace().next().unwrap_or("");
    let words = head.split_whitespace().count();
    match first {
        "supports" | "attacks" | "contradicts" if words == 1 => Some(Context::Id(word)),
        "undercuts" if words == 1 || head.ends_with("->") => Some(Context::Id(word)),
        "standard" if words == 1 => Some(Context::Word(
            word,
            ProofStandard::ALL.map(|s| s.keyword()).to_vec(),
        )),
        "status" if words == 1 => Some(Context::Word(word, vec!["accepted", "rejected", "open"])),
        _ if head.ends_with("->") => Some(Context::Id(word)),
        _ => None,
    }
}

/// Whether the letters of `typed` appear in `candidate` in order (fuzzy matching).
pub fn fuzzy(typed: &str, candidate: &str) -> bool {
    let mut rest = candidate.chars();
    typed.chars().all(|c| rest.any(|d| d == c))
}

/// The completions at the cursor.
pub fn completion(
    w: &mut Workspace,
    p: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let at = &p.text_document_position;
    let Some(file) = file_of(w, &at.text_document.uri) else {
        return Ok(None);
    };
    let analysis = w.analysis();
    let source = analysis.source(file);
    let Some(cursor) = offset(source, at.position) else {
        return Ok(None);
    };
    let line_start = source.lines().line_start(source.lines().line_of(cursor));
    let before = source
        .text
        .get(line_start as usize..cursor as usize)
        .unwrap_or("");
    // Inside a `"""` block the lines are the writer's text, whatever they start with.
    if in_block(analysis, file, cursor) {
        return Ok(None);
    }
    let Some(context) = context(before) else {
        return Ok(None);
    };
    let typed = match &context {
        Context::Id(t)
        | Context::Kind(t)
        | Context::Attribute(t)
        | Context::Rule(t)
        | Context::Word(t, _)
        | Context::Path(t) => *t,
    };
    let typed_from = cursor - typed.len() as u32;
    let replace = Range::new(position(source, typed_from), at.position);
    let item = |label: String, kind: CompletionItemKind, detail: Option<String>| CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            replace,
            label.clone(),
        ))),
        filter_text: Some(label.clone()),
        label,
        kind: Some(kind),
        detail,
        ..Default::default()
    };
    let items: Vec<CompletionItem> = match context {
        Context::Id(typed) => {
            let graph = &analysis.debate.graph;
            let mut ids: Vec<_> = graph
                .graph
                .node_weights()
                .filter(|n| fuzzy(typed, &n.id))
                .collect();
            ids.sort_by(|a, b| a.id.cmp(&b.id));
            ids.into_iter()
                .map(|n| {
                    item(
                        n.id.to_string(),
                        CompletionItemKind::REFERENCE,
                        Some(format!(
                            "{}: {}",
                            n.kind.keyword(),
                            crate::text::shorten(&n.text, 60)
                        )),
                    )
                })
                .collect()
        }
        Context::Kind(typed) => keywords(KeywordRole::NodeKind)
            .filter(|k| k.starts_with(typed))
            .map(|k| item(k.to_string(), CompletionItemKind::KEYWORD, None))
            .collect(),
        Context::Attribute(typed) => keywords(KeywordRole::Attribute)
            .filter(|k| k.starts_with(typed))
            .map(|k| item(k.to_string(), CompletionItemKind::KEYWORD, None))
            .collect(),
        Context::Rule(typed) => RULES
            .iter()
            .filter(|r| fuzzy(typed, r.name))
            .map(|r| {
                item(
                    r.name.to_string(),
                    CompletionItemKind::VALUE,
                    Some(format!("{}: {}", r.code, r.summary())),
                )
            })
            .collect(),
        Context::Word(typed, words) => words
            .into_iter()
            .filter(|k| k.starts_with(typed))
            .map(|k| item(k.to_string(), CompletionItemKind::ENUM_MEMBER, None))
            .collect(),
        Context::Path(typed) => {
            let dir = source.path.parent().unwrap_or(Path::new(""));
            paths(dir, typed)
                .into_iter()
                .map(|(p, is_dir)| {
                    let kind = if is_dir {
                        CompletionItemKind::FOLDER
                    } else {
                        CompletionItemKind::FILE
                    };
                    item(p, kind, None)
                })
                .collect()
        }
    };
    Ok(Some(CompletionResponse::Array(items)))
}

/// The entries of the folder `typed` is in, relative to `dir`, as `typed` spells the
/// folder: `data/` lists `data/a.csv`, `data/b/`. Hidden entries only when a `.` is
/// typed. At most 200.
fn paths(dir: &Path, typed: &str) -> Vec<(String, bool)> {
    let (folder, name) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    if Path::new(folder).is_absolute() || folder.split('/').any(|p| p == "..") {
        return Vec::new();
    }
    // Nor through a symbolic link that leads out of the file's folder: `check` would
    // refuse the path (`artifact-outside-project`).
    let inside = |path: &Path| match (std::fs::canonicalize(dir), std::fs::canonicalize(path)) {
        (Ok(base), Ok(path)) => path.starts_with(base),
        _ => false,
    };
    if !inside(&dir.join(folder)) {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name().into_string().ok()?;
            if file_name.starts_with('.') && !name.starts_with('.') {
                return None;
            }
            if !file_name.starts_with(name) {
                return None;
            }
            let kind = e.file_type().ok()?;
            if kind.is_symlink() && !inside(&e.path()) {
                return None;
            }
            let is_dir = e.path().is_dir();
            let suffix = if is_dir { "/" } else { "" };
            Some((format!("{folder}{file_name}{suffix}"), is_dir))
        })
        .take(200)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completion offers no path through a link that leads out of the file's folder.
    #[cfg(unix)]
    #[test]
    fn paths_stay_inside_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.csv"), "a\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/t.csv"), "a\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        std::os::unix::fs::symlink("data", dir.path().join("data-link")).unwrap();
        let names = |typed| -> Vec<String> {
            paths(dir.path(), typed)
                .into_iter()
                .map(|(p, _)| p)
                .collect()
        };
        assert_eq!(names(""), ["data-link/", "data/"]);
        assert!(names("out/").is_empty());
        assert_eq!(names("data-link/"), ["data-link/t.csv"]);
    }

    #[test]
    fn the_line_before_the_cursor_decides() {
        assert_eq!(context("  supports ab"), Some(Context::Id("ab")));
        assert_eq!(context("  supports "), Some(Context::Id("")));
        assert_eq!(context("  undercuts a -> b"), Some(Context::Id("b")));
        assert_eq!(context("  undercuts a"), Some(Context::Id("a")));
        assert_eq!(context("cl"), Some(Context::Kind("cl")));
        assert_eq!(context("  sou"), Some(Context::Attribute("sou")));
        assert_eq!(context("# crux: allow(unsup"), Some(Context::Rule("unsup")));
        assert_eq!(context("# crux: allow(a, b"), Some(Context::Rule("b")));
        // At the end of a node's or an attribute's line, too; a `#` in a string is text.
        assert_eq!(
            context("claim c: \"C\" # crux: allow(disc"),
            Some(Context::Rule("disc"))
        );
        assert_eq!(
            context("  supports t 0.4 # crux: allow("),
            Some(Context::Rule(""))
        );
        assert_eq!(context("claim c: \"a \\\" # crux: allow(x"), None);
        assert_eq!(context("claim c: \"C\" # a note"), None);
        assert_eq!(
            context("  artifact \"data/x"),
            Some(Context::Path("data/x"))
        );
        assert_eq!(context("# a comment"), None);
        assert_eq!(context("🚀"), None);
        assert_eq!(context("  supports é"), None);
        assert_eq!(context("claim a: \"x"), None);
        assert_eq!(context("  supports a 0."), None);
        assert!(matches!(
            context("  standard pre"),
            Some(Context::Word("pre", _))
        ));
        // `->` inside a quoted text is the writer's arrow, not an undercut.
        assert_eq!(context("claim z: \"A leads -> "), None);
        assert_eq!(context("  note \"x -> g"), None);
        // A byte order mark before the first word is not typed.
        assert_eq!(context("\u{FEFF}cl"), Some(Context::Kind("cl")));
        assert_eq!(context("\u{FEFF}"), Some(Context::Kind("")));
    }

    #[test]
    fn fuzzy_matches_letters_in_order() {
        assert!(fuzzy("gpu", "gpu-demand"));
        assert!(fuzzy("gd", "gpu-demand"));
        assert!(!fuzzy("dg", "gpu-demand"));
    }
}
