//! The highlighting query captures what it should: kinds, IDs, relations, values,
//! strings and comments. The annotated files of test/highlight (the same ones
//! `tree-sitter test` checks) are checked here with the query itself.

use std::path::{Path, PathBuf};

use tree_sitter::{Language, Parser, Point, Query, QueryCursor, StreamingIterator, Tree};

fn language() -> Language {
    tree_sitter_crux::LANGUAGE.into()
}

fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    parser.parse(text, None).unwrap()
}

/// Every capture of the highlighting query on `text`: name, start, end.
fn captures(text: &str) -> Vec<(String, Point, Point)> {
    let query = Query::new(&language(), tree_sitter_crux::HIGHLIGHTS_QUERY).unwrap();
    let tree = parse(text);
    let mut cursor = QueryCursor::new();
    let mut found = Vec::new();
    let mut it = cursor.captures(&query, tree.root_node(), text.as_bytes());
    while let Some((m, i)) = it.next() {
        let c = m.captures()[*i];
        found.push((
            query.capture_names()[c.index as usize].to_string(),
            c.node.start_position(),
            c.node.end_position(),
        ));
    }
    found
}

/// The captures covering a position.
fn captures_at(captures: &[(String, Point, Point)], at: Point) -> Vec<&str> {
    captures
        .iter()
        .filter(|(_, start, end)| *start <= at && at < *end)
        .map(|(name, _, _)| name.as_str())
        .collect()
}

/// The assertions of an annotated file, as `tree-sitter test` reads them: a comment line
/// `# ^ NAME` asserts NAME at the caret's column, `# <- NAME` at the column of the `#`,
/// of the last line above that is not an assertion.
fn assertions(text: &str) -> Vec<(Point, String)> {
    let mut out = Vec::new();
    let mut source_row = None;
    for (row, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let hash = line.len() - trimmed.len();
        let body = trimmed.strip_prefix('#').map(str::trim_start);
        let (column, name) = match body {
            Some(rest) if rest.starts_with("<-") => (hash, &rest[2..]),
            Some(rest) if rest.starts_with('^') => (line.find('^').unwrap(), &rest[1..]),
            _ => {
                source_row = Some(row);
                continue;
            }
        };
        let row = source_row.expect("an assertion below a source line");
        out.push((Point { row, column }, name.trim().to_string()));
    }
    out
}

fn highlight_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/highlight");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "crux"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {}", dir.display());
    files
}

#[test]
fn the_annotated_files_highlight_as_annotated() {
    let mut names = std::collections::BTreeSet::new();
    for file in highlight_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!parse(&text).root_node().has_error(), "{}", file.display());
        let found = captures(&text);
        let mut failures = Vec::new();
        for (at, expected) in assertions(&text) {
            let here = captures_at(&found, at);
            if !here.contains(&expected.as_str()) {
                failures.push(format!(
                    "{}:{}:{}: expected {expected}, found {here:?}",
                    file.display(),
                    at.row + 1,
                    at.column + 1
                ));
            }
            names.insert(expected);
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
    // The files assert every kind of thing that is highlighted.
    for name in [
        "keyword",
        "keyword.operator",
        "keyword.directive",
        "function",
        "variable",
        "property",
        "attribute",
        "number",
        "string",
        "constant",
        "tag",
        "comment",
        "operator",
    ] {
        assert!(names.contains(name), "no assertion of {name}");
    }
}

/// The capture of the first occurrence of `needle` in `text` (at its first byte).
fn capture_of(text: &str, needle: &str) -> Vec<String> {
    let offset = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let row = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let found = captures(text);
    captures_at(&found, Point { row, column })
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn kinds_ids_relations_numbers_strings_and_comments_are_captured() {
    let text = "# crux: allow(disconnected-node)\n\
                evidence gpu-supply: \"GPU supply\" # why\n\
                \x20 supports crypto_helped_ai 0.6\n\
                \x20 undercuts a -> b .5\n\
                \x20 credence 0.9\n\
                \x20 artifact \"data.csv\" kind dataset\n";
    for (needle, capture) in [
        ("evidence", "keyword"),
        ("gpu-supply", "function"),
        ("supports", "keyword.operator"),
        ("undercuts", "keyword.operator"),
        ("crypto_helped_ai", "variable"),
        ("a -> b", "variable"),
        ("-> b", "operator"),
        ("0.6", "number"),
        (".5", "number"),
        ("credence", "property"),
        ("\"GPU supply\"", "string"),
        ("\"data.csv\"", "string"),
        ("kind", "attribute"),
        ("dataset", "constant"),
        ("# why", "comment"),
        ("# crux:", "keyword.directive"),
        ("disconnected-node", "constant"),
    ] {
        assert_eq!(capture_of(text, needle), [capture], "{needle}");
    }
}
