//! The editor support in `editors/` agrees with the language: the TextMate grammar of the
//! VS Code extension (also the one GitHub's Linguist would use) lists exactly the
//! keywords of `src/syntax/kind.rs` in their places, and exactly the values of `status`,
//! `standard` and an artifact's `kind`; its test fixtures use every keyword; and the
//! language configuration indents under every node kind. The grammar's behaviour is
//! tested on the fixtures by `vscode-tmgrammar-test` in `.ci/run`.
//!
//! The same holds for the tree-sitter grammar of `editors/tree-sitter-crux` (used by the
//! Zed extension): its node kinds, reserved words, attribute keywords and values are
//! those of the language, its highlighting query captures every keyword, its tests use
//! every keyword, and Zed highlights with the same query. The grammar's behaviour is
//! tested by `cargo test` in that directory, in `.ci/run`.

use std::collections::BTreeSet;

use crux::syntax::ast::{ArtifactKind, ProofStandard, Status};
use crux::syntax::kind::{KEYWORDS, KeywordRole};
use serde_json::Value;

const GRAMMAR: &str = include_str!("../editors/vscode/syntaxes/crux.tmLanguage.json");
const LANGUAGE_CONFIGURATION: &str = include_str!("../editors/vscode/language-configuration.json");
const TREE_SITTER_GRAMMAR: &str = include_str!("../editors/tree-sitter-crux/src/grammar.json");
const TREE_SITTER_HIGHLIGHTS: &str =
    include_str!("../editors/tree-sitter-crux/queries/highlights.scm");
const ZED_HIGHLIGHTS: &str = include_str!("../editors/zed/languages/crux/highlights.scm");

fn grammar() -> Value {
    serde_json::from_str(GRAMMAR).expect("the grammar is JSON")
}

fn keywords(role: KeywordRole) -> Vec<&'static str> {
    KEYWORDS
        .iter()
        .filter(|(_, _, r)| *r == role)
        .map(|(w, _, _)| *w)
        .collect()
}

/// The words of the first `(a|b|c)` group of a pattern.
fn first_group(pattern: &str) -> Vec<String> {
    let start = pattern.find('(').expect("a group") + 1;
    let end = start + pattern[start..].find(')').expect("a closed group");
    pattern[start..end].split('|').map(str::to_string).collect()
}

/// The rule `name` of the grammar's repository.
fn rule<'a>(grammar: &'a Value, name: &str) -> &'a Value {
    &grammar["repository"][name]
}

fn pattern<'a>(rule: &'a Value, key: &str) -> &'a str {
    rule[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {rule}"))
}

#[test]
fn the_grammar_lists_the_node_kinds() {
    let g = grammar();
    let node = pattern(rule(&g, "node"), "begin");
    assert!(node.starts_with("^[ \\t]*("), "{node}");
    assert_eq!(first_group(node), keywords(KeywordRole::NodeKind));
}

#[test]
fn the_grammar_lists_every_attribute_once() {
    let g = grammar();
    let mut found = Vec::new();
    for (name, rule) in g["repository"].as_object().unwrap() {
        if let Some(attribute) = name.strip_prefix("attribute-") {
            let begin = pattern(rule, "begin");
            assert!(begin.starts_with("^[ \\t]*("), "{attribute}: {begin}");
            found.extend(first_group(begin));
        }
    }
    found.sort();
    let mut expected: Vec<String> = keywords(KeywordRole::Attribute)
        .into_iter()
        .map(String::from)
        .collect();
    expected.sort();
    assert_eq!(found, expected);
    // Every attribute rule is used at the top level.
    let top: Vec<&str> = g["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["include"].as_str())
        .collect();
    for name in g["repository"].as_object().unwrap().keys() {
        if name.starts_with("attribute-") {
            assert!(top.contains(&format!("#{name}").as_str()), "{name} unused");
        }
    }
}

#[test]
fn the_grammar_lists_the_artifact_options_and_values() {
    let g = grammar();
    let options = pattern(rule(&g, "artifact-option"), "match");
    let options = &options[options.find(")(").map_or(0, |i| i + 1)..];
    assert_eq!(first_group(options), keywords(KeywordRole::ArtifactOption));

    let words = |rule_name: &str, scope: &str| -> Vec<String> {
        let rule = rule(&g, rule_name);
        let p = rule["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == scope)
            .unwrap_or_else(|| panic!("no {scope} in {rule_name}"));
        first_group(pattern(p, "match"))
    };
    let mut values: Vec<&str> = [Status::Accepted, Status::Rejected, Status::Open]
        .iter()
        .map(|s| s.keyword())
        .collect();
    values.extend(ProofStandard::ALL.iter().map(|s| s.keyword()));
    assert_eq!(words("attribute-word", "constant.language.crux"), values);
    let kinds: Vec<&str> = ArtifactKind::ALL.iter().map(|k| k.keyword()).collect();
    assert_eq!(
        words("attribute-artifact", "constant.language.artifact-kind.crux"),
        kinds
    );
}

#[test]
fn the_grammar_fixtures_use_every_keyword() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/test");
    let mut words = BTreeSet::new();
    let mut fixtures = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "crux") {
            fixtures += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("# SYNTAX TEST \"source.crux\""),
                "{path:?}"
            );
            // Source lines only: assertion lines start with `#` and a caret or `<-`.
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                words.extend(
                    line.split(|c: char| !c.is_ascii_alphanumeric())
                        .map(str::to_string),
                );
            }
        }
    }
    assert!(fixtures >= 6, "{fixtures} fixtures");
    for (word, _, _) in KEYWORDS {
        assert!(words.contains(*word), "no fixture uses `{word}`");
    }
}

#[test]
fn the_language_configuration_indents_under_every_node_kind() {
    let config: Value = serde_json::from_str(LANGUAGE_CONFIGURATION).unwrap();
    let kinds = keywords(KeywordRole::NodeKind);
    for key in ["increaseIndentPattern", "decreaseIndentPattern"] {
        let p = config["indentationRules"][key].as_str().unwrap();
        assert_eq!(first_group(p), kinds, "{key}");
    }
    assert_eq!(config["comments"]["lineComment"], "#");
}

fn tree_sitter_grammar() -> Value {
    serde_json::from_str(TREE_SITTER_GRAMMAR).expect("grammar.json is JSON")
}

/// Every string literal of a tree-sitter rule (or of any JSON below it).
fn literals(rule: &Value, out: &mut Vec<String>) {
    match rule {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("STRING") {
                out.push(map["value"].as_str().unwrap().to_string());
            }
            map.values().for_each(|v| literals(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| literals(v, out)),
        _ => {}
    }
}

fn rule_literals(grammar: &Value, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    literals(&grammar["rules"][name], &mut out);
    out
}

#[test]
fn the_tree_sitter_grammar_lists_the_node_kinds_and_values() {
    let g = tree_sitter_grammar();
    assert_eq!(
        rule_literals(&g, "node_kind"),
        keywords(KeywordRole::NodeKind)
    );
    let statuses: Vec<&str> = [Status::Accepted, Status::Rejected, Status::Open]
        .iter()
        .map(|s| s.keyword())
        .collect();
    assert_eq!(rule_literals(&g, "status_value"), statuses);
    let standards: Vec<&str> = ProofStandard::ALL.iter().map(|s| s.keyword()).collect();
    assert_eq!(rule_literals(&g, "standard_value"), standards);
    let kinds: Vec<&str> = ArtifactKind::ALL.iter().map(|k| k.keyword()).collect();
    assert_eq!(rule_literals(&g, "artifact_kind_value"), kinds);
}

#[test]
fn the_tree_sitter_grammar_reserves_exactly_the_words_crux_reserves() {
    let g = tree_sitter_grammar();
    let mut reserved = Vec::new();
    literals(&g["reserved"]["global"], &mut reserved);
    let expected: Vec<&str> = KEYWORDS
        .iter()
        .map(|(w, _, _)| *w)
        .filter(|w| crux::syntax::kind::is_reserved(w))
        .collect();
    assert_eq!(reserved, expected);
}

#[test]
fn the_tree_sitter_grammar_has_every_keyword_and_highlights_it() {
    let g = tree_sitter_grammar();
    let rules = g["rules"].as_object().unwrap();
    for (word, _, _) in KEYWORDS {
        // The rules that spell the keyword out.
        let holders: Vec<&String> = rules
            .keys()
            .filter(|name| rule_literals(&g, name).iter().any(|l| l == word))
            .collect();
        assert!(!holders.is_empty(), "no rule of grammar.js has `{word}`");
        // The query captures the keyword itself, or the whole rule that holds it.
        let captured = TREE_SITTER_HIGHLIGHTS.contains(&format!("\"{word}\""))
            || holders
                .iter()
                .all(|name| TREE_SITTER_HIGHLIGHTS.contains(&format!("({name})")));
        assert!(
            captured,
            "highlights.scm does not capture `{word}` ({holders:?})"
        );
    }
    assert_eq!(
        ZED_HIGHLIGHTS, TREE_SITTER_HIGHLIGHTS,
        "Zed highlights with the grammar's own query"
    );
}

#[test]
fn the_tree_sitter_tests_use_every_keyword() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/tree-sitter-crux/test");
    let mut words = BTreeSet::new();
    for sub in ["corpus", "highlight"] {
        for entry in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            words.extend(
                text.split(|c: char| !c.is_ascii_alphanumeric())
                    .map(str::to_string),
            );
        }
    }
    for (word, _, _) in KEYWORDS {
        assert!(words.contains(*word), "no tree-sitter test uses `{word}`");
    }
    let highlight = std::fs::read_to_string(format!("{dir}/highlight/debate.crux")).unwrap();
    for (word, _, _) in KEYWORDS {
        assert!(
            highlight.lines().any(|l| !l.starts_with('#')
                && l.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == *word)),
            "test/highlight/debate.crux does not use `{word}`"
        );
    }
}
