//! The grammar agrees with crux's own parser (grammar/crux.pest) on every `.crux` file of
//! the repository: the fixtures under tests/fixtures and the showcase under claims/.
//! A file parses without an ERROR or MISSING node exactly when `crux check` reads it
//! without a syntax error; and where there are errors, they are on the same lines: each
//! error crux reports lies on the lines of an ERROR node (or of the node missing a
//! token), and each such node holds an error crux reports.
//!
//! The verdict comes from the crux program itself: `CRUX_BIN`, else the repository's
//! `target/debug/crux` (built by `cargo build` at the repository root). Two problems crux
//! reports as syntax errors are found after parsing, from more than a line's grammar, and
//! do not count here: a single-valued attribute given twice in a node ("is given twice")
//! and, for the front matter, anything about its YAML (`invalid-front-matter`, except the
//! missing closing `---`, which is the grammar's business). Where crux stops reading
//! lines (after an unclosed `"""` block, before the first node under an unclosed front
//! matter), the grammar reads on and may find more errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tree_sitter::{Node, Parser};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crux_binary() -> PathBuf {
    let path = std::env::var_os("CRUX_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository().join("target/debug/crux"));
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build` at the repository root, or set CRUX_BIN",
        path.display()
    );
    path
}

/// Every `.crux` file under `dir`, recursively, in a stable order.
fn crux_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            crux_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "crux") {
            out.push(path);
        }
    }
}

/// A syntax error crux reports: its 1-based line, and what it says.
struct Reported {
    line: usize,
    message: String,
}

/// What `crux check` says of one file: `None` when it does not read it (exit 2: not
/// UTF-8, a bad `crux.yaml`, ...), else its syntax errors.
fn crux_syntax_errors(crux: &Path, file: &Path) -> Option<Vec<Reported>> {
    let dir = file.parent().unwrap();
    let output = Command::new(crux)
        .args(["check", "--format", "json", "--color", "never"])
        .arg(file.file_name().unwrap())
        .current_dir(dir)
        .output()
        .expect("crux runs");
    match output.status.code() {
        Some(0 | 1) => {}
        Some(2) => return None,
        other => panic!(
            "crux check {} exited with {other:?}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
    let diagnostics: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "crux check --format json {}: {e}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let errors = diagnostics
        .as_array()
        .expect("an array of diagnostics")
        .iter()
        .filter(|d| {
            let message = d["message"].as_str().unwrap_or_default();
            match d["name"].as_str() {
                Some("syntax-error") => !message.ends_with("is given twice"),
                Some("invalid-front-matter") => message.contains("no closing `---`"),
                _ => false,
            }
        })
        .map(|d| Reported {
            line: d["line"].as_u64().expect("a line") as usize,
            message: d["message"].as_str().unwrap_or_default().to_string(),
        })
        .collect();
    Some(errors)
}

/// The lines (1-based, first and last) of every outermost ERROR node of the tree, and
/// of the node holding each MISSING one.
fn error_lines(node: Node, out: &mut Vec<(usize, usize)>) {
    if node.is_error() || node.is_missing() {
        let whole = if node.is_missing() {
            node.parent().unwrap_or(node)
        } else {
            node
        };
        let (start, end) = (whole.start_position(), whole.end_position());
        // An error that ends with its line break ends on that line.
        let last = if end.column == 0 && end.row > start.row {
            end.row - 1
        } else {
            end.row
        };
        out.push((start.row + 1, last.max(node.end_position().row) + 1));
        return;
    }
    if node.has_error() {
        let before = out.len();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            error_lines(child, out);
        }
        // A token missing after an extra (`claim c: # comment`, no text) marks its node
        // as holding an error, but is not among its children: the error is the node's.
        if out.len() == before {
            let row = node.start_position().row;
            out.push((row + 1, node.end_position().row.max(row) + 1));
        }
    }
}

/// The line (1-based) of the first node header: the first line that starts with a node
/// kind.
fn first_node_line(text: &[u8]) -> usize {
    let text = String::from_utf8_lossy(text);
    text.lines()
        .position(|line| {
            let line = line.trim_start_matches([' ', '\t']);
            ["thesis", "claim", "counter", "evidence"]
                .iter()
                .any(|kind| {
                    line.strip_prefix(kind).is_some_and(|rest| {
                        !rest.starts_with(|c: char| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
                        })
                    })
                })
        })
        .map_or(usize::MAX, |i| i + 1)
}

#[test]
fn the_grammar_finds_syntax_errors_exactly_where_crux_does() {
    let root = repository();
    let crux = crux_binary();
    let mut files = Vec::new();
    crux_files(&root.join("tests/fixtures"), &mut files);
    crux_files(&root.join("claims"), &mut files);

    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_crux::LANGUAGE.into())
        .unwrap();

    let (mut compared, mut with_errors, mut disagreements) = (0, 0, Vec::new());
    for file in &files {
        let Some(reported) = crux_syntax_errors(&crux, file) else {
            continue;
        };
        let text = std::fs::read(file).unwrap();
        let tree = parser.parse(&text, None).expect("a tree");
        let mut ours = Vec::new();
        error_lines(tree.root_node(), &mut ours);
        compared += 1;
        with_errors += usize::from(!reported.is_empty());
        let name = file.strip_prefix(&root).unwrap().display();
        // Every error crux reports lies in an error of the tree...
        for r in &reported {
            if !ours
                .iter()
                .any(|&(first, last)| (first..=last).contains(&r.line))
            {
                disagreements.push(format!(
                    "{name}:{}: crux reports `{}`; the grammar finds no error there",
                    r.line, r.message
                ));
            }
        }
        // ... and every error of the tree holds one that crux reports. crux reads an
        // unclosed `"""` block to the end of the file and says no more; the grammar
        // reads the lines after its first one as lines, and may find more errors there.
        let swallowed_from = reported
            .iter()
            .filter(|r| r.message.starts_with("unclosed `\"\"\"` block"))
            .map(|r| r.line)
            .min()
            .unwrap_or(usize::MAX);
        // Front matter without a closing `---`: crux reports it on its first line and
        // skips the lines up to the first node, where the grammar finds errors.
        let skipped_before = if reported
            .iter()
            .any(|r| r.message.contains("no closing `---`"))
        {
            first_node_line(&text)
        } else {
            0
        };
        for &(first, last) in &ours {
            let held = reported.iter().any(|r| (first..=last).contains(&r.line));
            if !held && first <= swallowed_from && last >= skipped_before {
                disagreements.push(format!(
                    "{name}:{first}-{last}: the grammar finds an error; crux reports none there"
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {compared} files:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    // Both verdicts are exercised: most files are clean, and some have syntax errors.
    assert!(compared >= 100, "only {compared} files compared");
    assert!(
        with_errors >= 5,
        "only {with_errors} files with syntax errors"
    );
    assert!(
        compared - with_errors >= 50,
        "only {} clean files",
        compared - with_errors
    );
}
