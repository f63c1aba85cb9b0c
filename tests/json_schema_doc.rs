//! `docs/json-schema.md` describes what `crux render --format json` writes: each object's
//! field table lists exactly the keys crux writes for it, the example uses exactly
//! those keys too, and it is what crux writes for the example's debate.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

const DOC: &str = include_str!("../docs/json-schema.md");

type Keys = BTreeSet<String>;

/// The field names of each table in the document, by the heading above it (`document`
/// for "The document").
fn documented() -> BTreeMap<String, Keys> {
    let mut tables: BTreeMap<String, Keys> = BTreeMap::new();
    let mut heading = String::new();
    for line in DOC.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            heading = h.trim().to_string();
        } else if line.starts_with("## ") {
            heading = if line == "## The document" {
                "document".into()
            } else {
                String::new()
            };
        } else if let Some(row) = line.strip_prefix("| `")
            && !heading.is_empty()
        {
            let field = row.split('`').next().expect("a field name");
            tables
                .entry(heading.clone())
                .or_default()
                .insert(field.to_string());
        }
    }
    tables
}

fn keys(value: &Value) -> Keys {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

/// The keys of each kind of object in a rendered document.
fn written(document: &Value) -> BTreeMap<String, Keys> {
    let mut out: BTreeMap<String, Keys> = BTreeMap::new();
    let mut add = |kind: &str, value: &Value| {
        out.entry(kind.to_string()).or_default().extend(keys(value));
    };
    add("document", document);
    for node in document["nodes"].as_array().expect("nodes") {
        add("node", node);
        for expectation in node["expectations"].as_array().into_iter().flatten() {
            add("expectation", expectation);
        }
        for source in node["sources"].as_array().expect("sources") {
            add("source", source);
        }
        for artifact in node["artifacts"].as_array().expect("artifacts") {
            add("artifact", artifact);
            if artifact["preview"].is_object() {
                add("preview", &artifact["preview"]);
                for column in artifact["preview"]["numeric"].as_array().expect("numeric") {
                    add("numeric column", column);
                }
            }
        }
    }
    for edge in document["edges"].as_array().expect("edges") {
        add("edge", edge);
    }
    for diagnostic in document["diagnostics"].as_array().expect("diagnostics") {
        add("diagnostic", diagnostic);
    }
    out
}

#[test]
fn the_field_tables_list_what_crux_writes() {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["render", "claims/", "--format", "json"])
        .output()
        .expect("crux runs");
    assert!(output.status.success(), "{output:?}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let written = written(&document);
    let documented = documented();
    for kind in [
        "document",
        "node",
        "source",
        "expectation",
        "artifact",
        "preview",
        "numeric column",
        "edge",
        "diagnostic",
    ] {
        let real = written
            .get(kind)
            .unwrap_or_else(|| panic!("the showcase has no {kind} to compare"));
        assert_eq!(
            documented.get(kind),
            Some(real),
            "docs/json-schema.md: the table of `{kind}` against the keys crux writes"
        );
    }
}

#[test]
fn the_example_uses_the_documented_fields() {
    let example = DOC
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("an example");
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    let documented = documented();
    for (kind, keys) in written(&example) {
        assert_eq!(
            documented.get(&kind),
            Some(&keys),
            "docs/json-schema.md: the example's `{kind}` against its table"
        );
    }
}

/// The fields the document says may be left out: those whose meaning says "Left out".
fn optional() -> Keys {
    DOC.lines()
        .filter(|line| line.starts_with("| `") && line.contains("Left out"))
        .map(|line| line[3..].split('`').next().expect("a field").to_string())
        .collect()
}

#[test]
fn every_field_is_present_but_the_ones_left_out() {
    // "Every field is always present, except `expectations`": each node of the showcase
    // has every documented field, and only the fields said to be left out are missing.
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["render", "claims/", "--format", "json"])
        .output()
        .expect("crux runs");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let optional = optional();
    let flat = DOC.split_whitespace().collect::<Vec<_>>().join(" ");
    for field in &optional {
        assert!(
            flat.contains(&format!("Every field is always present, except `{field}`")),
            "docs/json-schema.md: `{field}` is left out, and the encoding should say so"
        );
    }
    let documented = &documented()["node"];
    let mut missing = Keys::new();
    for node in document["nodes"].as_array().expect("nodes") {
        missing.extend(documented.difference(&keys(node)).cloned());
    }
    assert_eq!(
        missing, optional,
        "docs/json-schema.md: the node fields left out"
    );
}

/// The first fenced block of the document in the language `lang`.
fn block(lang: &str) -> &'static str {
    DOC.split(&format!("```{lang}\n"))
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap_or_else(|| panic!("a {lang} block"))
}

#[test]
fn the_example_is_what_crux_writes() {
    // The example's debate and data, rendered as the document says, give its JSON.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(claims.join("artifacts")).expect("a folder");
    std::fs::create_dir(dir.path().join("site")).expect("a folder");
    std::fs::write(
        claims.join("crypto-ai.crux"),
        format!("{}\n", block("crux")),
    )
    .expect("write");
    std::fs::write(
        claims.join("artifacts/gpu-timeline.csv"),
        format!("{}\n", block("csv")),
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .current_dir(dir.path())
        .args(["render", "--format", "json", "claims/crypto-ai.crux"])
        .args(["-o", "site/debate.json"])
        .output()
        .expect("crux runs");
    assert!(output.status.success(), "{output:?}");
    let written: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("site/debate.json")).expect("the output"),
    )
    .expect("JSON");
    let example: Value = serde_json::from_str(block("json")).expect("the example is JSON");
    assert_eq!(written, example, "docs/json-schema.md: the example");
}
