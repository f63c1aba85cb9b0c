//! The documents in docs/ say what crux does, and these tests hold them to it: the
//! samples of output are what crux writes, the messages quoted are the messages crux
//! prints, and the figures are the benchmarks' results.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXPORT: &str = include_str!("../docs/export.md");

/// The fenced blocks of `text` in the language `lang`.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    text.split(&fence)
        .skip(1)
        .map(|rest| rest.split("\n```").next().expect("a closed block"))
        .collect()
}

/// `text` with every run of whitespace one space, as a reader sees wrapped lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn crux(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crux"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("crux runs")
}

#[test]
fn the_aif_sample_is_what_crux_writes() {
    let sample: Value = serde_json::from_str(blocks(EXPORT, "json")[0]).expect("JSON");
    let output = crux(
        Path::new("."),
        &["render", "--format", "aif", "docs/examples/remote.crux"],
    );
    assert!(output.status.success(), "{output:?}");
    let written: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for (list, id) in [("nodes", "nodeID"), ("edges", "edgeID")] {
        for object in sample[list].as_array().expect("a list") {
            let real = written[list]
                .as_array()
                .expect("a list")
                .iter()
                .find(|o| o[id] == object[id]);
            assert_eq!(real, Some(object), "docs/export.md: {list} {}", object[id]);
        }
    }
    for key in ["locutions", "crux"] {
        assert_eq!(written[key], sample[key], "docs/export.md: `{key}`");
    }
}

#[test]
fn the_aif_attribute_values_are_the_language_s() {
    // `["status", "accepted"]`, `["standard", "beyond-doubt"]`: each keyword the text
    // shows is one a `.crux` file may hold there.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let flat = flat(EXPORT);
    let mut count = 0;
    for attribute in ["status", "standard"] {
        let opening = format!("[\"{attribute}\", \"");
        for rest in flat.split(&opening).skip(1) {
            let value = rest.split('"').next().expect("a value");
            let file = dir.path().join("debate.crux");
            std::fs::write(&file, format!("thesis t: \"T\"\n  {attribute} {value}\n"))
                .expect("write");
            let output = crux(dir.path(), &["render", "--format", "aif", "debate.crux"]);
            let written: Value = serde_json::from_slice(&output.stdout).expect("JSON");
            assert_eq!(
                written["nodes"][0]["crux"]["attributes"],
                serde_json::json!([[attribute, value]]),
                "docs/export.md: `{attribute} {value}`"
            );
            count += 1;
        }
    }
    assert!(count >= 2, "only {count} values found");
}
