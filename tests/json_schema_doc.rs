//! `docs/json-schema.md` describes what `crux render --format json` writes: each object's
//! field table lists exactly the keys crux writes for it, and the example uses exactly
//! those keys too.

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
