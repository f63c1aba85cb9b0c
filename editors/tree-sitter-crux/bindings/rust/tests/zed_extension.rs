//! The Zed extension in editors/zed fits this grammar: its manifest builds the grammar
//! from this directory and gives the language server to the language its config
//! declares, and every query it ships compiles against the grammar.

use std::path::{Path, PathBuf};

use toml::Table;
use tree_sitter::Query;

fn zed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../zed")
}

fn read_toml(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_manifest_builds_this_grammar_for_the_crux_language() {
    let manifest = read_toml(&zed_dir().join("extension.toml"));
    assert_eq!(manifest["id"].as_str(), Some("crux"));
    assert_eq!(manifest["schema_version"].as_integer(), Some(1));

    // Zed fetches `repository` at `rev` and builds `path`/src/parser.c.
    let grammar = manifest["grammars"]["crux"].as_table().unwrap();
    let path = grammar["path"].as_str().unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .unwrap();
    let root = here.join("../..").canonicalize().unwrap();
    assert_eq!(root.join(path).canonicalize().unwrap(), here);
    assert!(root.join(path).join("src/parser.c").is_file());
    assert!(
        grammar["repository"]
            .as_str()
            .unwrap()
            .starts_with("file://")
    );
    assert_eq!(grammar["rev"].as_str().unwrap().len(), 40, "a commit");

    let config = read_toml(&zed_dir().join("languages/crux/config.toml"));
    assert_eq!(config["name"].as_str(), Some("crux"));
    assert_eq!(config["grammar"].as_str(), Some("crux"));
    assert_eq!(
        config["path_suffixes"].as_array().unwrap(),
        &[toml::Value::from("crux")]
    );
    assert_eq!(
        config["line_comments"].as_array().unwrap(),
        &[toml::Value::from("# ")]
    );

    let server = manifest["language_servers"]["crux"].as_table().unwrap();
    assert_eq!(
        server["languages"].as_array().unwrap(),
        &[config["name"].clone()],
        "the server serves the language of languages/crux"
    );
}

#[test]
fn the_queries_compile_against_the_grammar() {
    let dir = zed_dir().join("languages/crux");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "scm") {
            let source = std::fs::read_to_string(&path).unwrap();
            Query::new(&tree_sitter_crux::LANGUAGE.into(), &source)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            names.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "brackets.scm",
            "highlights.scm",
            "indents.scm",
            "injections.scm",
            "outline.scm",
            "overrides.scm"
        ]
    );
    // Zed highlights with the grammar's own query.
    let zed = std::fs::read_to_string(dir.join("highlights.scm")).unwrap();
    assert_eq!(zed, tree_sitter_crux::HIGHLIGHTS_QUERY);
}
