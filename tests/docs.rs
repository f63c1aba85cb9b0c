//! The documents in docs/ say what crux does, and these tests hold them to it: the
//! samples of output are what crux writes, the messages quoted are the messages crux
//! prints, and the figures are the benchmarks' results.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXPECT: &str = include_str!("../docs/expect.md");
const EXPORT: &str = include_str!("../docs/export.md");
const IMPORT: &str = include_str!("../docs/import.md");
const LSP: &str = include_str!("../docs/lsp.md");

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
fn the_argdown_sample_is_what_crux_writes() {
    let sample = blocks(EXPORT, "argdown")[0];
    let output = crux(
        Path::new("."),
        &[
            "render",
            "--format",
            "argdown",
            "tests/fixtures/render/typical.crux",
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let written = String::from_utf8(output.stdout).expect("UTF-8");
    for statement in sample.split("\n\n") {
        assert!(
            written.contains(&format!("{statement}\n")),
            "docs/export.md: {statement}"
        );
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

#[test]
fn the_expect_messages_are_crux_s() {
    // Each message docs/expect.md quotes, with an expectation that gives it.
    let said = [
        (
            "nvidia-revenue",
            "all(gaming_usd_bn > data_center_usd_bn where fiscal_year >= 'FY2023')",
            "FY2023: gaming_usd_bn 9.07 <= data_center_usd_bn 15.01",
        ),
        (
            "nvidia-revenue",
            "max(gaming_usd_bn) >= 15",
            "max(gaming_usd_bn) 12.46 < 15",
        ),
        (
            "nvidia-revenue",
            "all(gaming_usd_bn > data_center_usd_bn)",
            "FY2023: gaming_usd_bn 9.07 <= data_center_usd_bn 15.01 (and 1 more row)",
        ),
        (
            "lsp",
            "median_ms where nodes == 20000 < 50",
            "no row where nodes == 20000; value(median_ms, where nodes == 20000) needs exactly one",
        ),
        ("lsp", "all(x > 0)", "x is empty"),
    ];
    let dir = with_showcase_revenue();
    std::fs::write(
        dir.path().join("artifacts/lsp.csv"),
        "nodes,median_ms,x\n1000,17.1,1\n10000,39.0,\n",
    )
    .expect("write the data");
    let mut debate = String::new();
    for (i, (data, expression, _)) in said.iter().enumerate() {
        debate += &format!(
            "evidence e{i}: \"E\"\n  artifact \"artifacts/{data}.csv\"\n  expect \"{expression}\"\n\n"
        );
    }
    std::fs::write(dir.path().join("debate.crux"), debate).expect("write the debate");
    let output = crux(dir.path(), &["check", "--format", "json", "debate.crux"]);
    let findings: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let doc = flat(EXPECT);
    for (i, (_, expression, message)) in said.iter().enumerate() {
        assert!(
            doc.contains(&format!("`{message}")),
            "docs/expect.md should quote `{message}`"
        );
        let line = 3 + 4 * i as u64;
        let finding = findings
            .as_array()
            .expect("an array")
            .iter()
            .find(|f| f["line"] == line && f["name"] == "failed-expectation")
            .unwrap_or_else(|| panic!("`{expression}` fails: {findings:#}"));
        let printed = finding["message"].as_str().expect("a message");
        assert!(
            printed.contains(message),
            "`{expression}`: crux says {printed:?}, docs/expect.md `{message}`"
        );
    }
}

#[test]
fn the_expect_example_holds_on_the_showcase_data() {
    let dir = with_showcase_revenue();
    let example = blocks(EXPECT, "crux")[0];
    std::fs::write(dir.path().join("debate.crux"), example).expect("write the example");
    let output = crux(dir.path(), &["check", "--format", "json", "debate.crux"]);
    let findings: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let about_expectations: Vec<&Value> = findings
        .as_array()
        .expect("an array")
        .iter()
        .filter(|f| {
            f["name"]
                .as_str()
                .is_some_and(|n| n.contains("expectation"))
        })
        .collect();
    assert!(
        about_expectations.is_empty(),
        "docs/expect.md's example: {about_expectations:#?}"
    );
}

#[test]
fn the_lsp_figures_are_the_benchmark_s() {
    let csv = std::fs::read_to_string("claims/benchmarks/lsp.csv").expect("lsp.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let doc = flat(LSP);
    let mut rows = 0;
    for line in lines {
        let row: std::collections::HashMap<&str, &str> =
            header.iter().copied().zip(line.split(',')).collect();
        let nodes: u64 = row["nodes"].parse().expect("a number");
        let nodes = if nodes >= 1000 {
            format!("{},{:03}", nodes / 1000, nodes % 1000)
        } else {
            nodes.to_string()
        };
        let edits = if rows == 0 {
            format!(
                "({} edits; {} ms of it the debounce)",
                row["edits"], row["debounce_ms"]
            )
        } else {
            format!("({} edits)", row["edits"])
        };
        let said = format!(
            "| {nodes} nodes in {} files | {} ms {edits} | {} ms | {} MB |",
            row["files"], row["change_median_ms"], row["open_ms"], row["peak_mb"]
        );
        assert!(
            doc.contains(&said),
            "docs/lsp.md should say `{said}`, as claims/benchmarks/lsp.csv does"
        );
        // "Goals: under 50 ms for a 1,000-node debate in 10 files, under 100 MB for 10,000
        // nodes. [...] Both goals are met."
        let goal = if rows == 0 {
            row["change_median_ms"].parse::<f64>().expect("a number") < 50.0
        } else {
            row["peak_mb"].parse::<f64>().expect("a number") < 100.0
        };
        assert!(
            goal && doc.contains("Both goals are met."),
            "docs/lsp.md's goals: {row:?}"
        );
        rows += 1;
    }
    assert_eq!(rows, 2, "the benchmark's rows");
}

/// What `crux import FORMAT` prints for `input`, written to a file named `name`.
fn import(format: &str, name: &str, input: &str) -> String {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    std::fs::write(dir.path().join(name), input).expect("write the input");
    let output = crux(dir.path(), &["import", format, name, "-o", "-"]);
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// An AIF RA node 29048 from the premises 29046 and 29047 to the conclusion 29045.
const LINKED_AIF: &str = r#"{"nodes": [
  {"nodeID": 29045, "text": "Meat is murder", "type": "I"},
  {"nodeID": "29046", "text": "Animals are sentient", "type": "I"},
  {"nodeID": "29047", "text": "Killing sentient beings is wrong", "type": "I"},
  {"nodeID": "29048", "text": "Default Inference", "type": "RA"}],
 "edges": [
  {"edgeID": 1, "fromID": "29046", "toID": "29048"},
  {"edgeID": 2, "fromID": "29047", "toID": "29048"},
  {"edgeID": 3, "fromID": "29048", "toID": 29045}]}"#;

#[test]
fn the_linked_premises_example_is_what_crux_imports() {
    let example = blocks(IMPORT, "crux")[0];
    let imported = import("aif", "linked.json", LINKED_AIF);
    assert!(
        imported.contains(example),
        "docs/import.md's example:\n{example}\ncrux imports:\n{imported}"
    );
}

#[test]
fn the_id_table_is_what_crux_imports() {
    let kialo =
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Don't panic!\n1.2. Con: Don't panic!\n";
    let microtext = r#"<arggraph id="x" topic_id="t">
  <edu id="e1">A</edu>
  <adu id="a1" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
</arggraph>"#;
    let argdown = "[Meat is murder]: m\n  + [Claim]: c\n  + [This is a very long title that goes on and on]: l\n";
    let rows = [
        (
            "AIF `\"nodeID\": 29045`",
            import("aif", "a.json", LINKED_AIF),
            "n29045",
        ),
        (
            "Argdown `[Meat is murder]`",
            import("argdown", "a.argdown", argdown),
            "meat_is_murder",
        ),
        (
            "Kialo `1.1. Pro: Don't panic!`",
            import("kialo", "k.txt", kialo),
            "dont_panic",
        ),
        (
            "a second `Don't panic!`",
            import("kialo", "k.txt", kialo),
            "dont_panic_2",
        ),
        (
            "microtext `<adu id=\"a1\">`",
            import("microtext", "m.xml", microtext),
            "a1",
        ),
        (
            "a title `Claim`",
            import("argdown", "a.argdown", argdown),
            "claim_node",
        ),
        (
            "a title `This is a very long title that goes on and on`",
            import("argdown", "a.argdown", argdown),
            "this_is_a_very_long_title_that",
        ),
    ];
    for (source, imported, id) in rows {
        let row = format!("| {source} | `{id}` |");
        assert!(
            IMPORT.contains(&row),
            "docs/import.md should have the row {row}"
        );
        assert!(
            imported
                .lines()
                .any(|l| l.split(' ').nth(1) == Some(&format!("{id}:"))),
            "{source} should be imported as `{id}`:\n{imported}"
        );
    }
}

/// A temporary folder with the showcase's revenue table in `artifacts/`, as
/// docs/expect.md's examples name it.
fn with_showcase_revenue() -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    std::fs::create_dir(dir.path().join("artifacts")).expect("a folder");
    std::fs::copy(
        "claims/artifacts/nvidia-revenue.csv",
        dir.path().join("artifacts/nvidia-revenue.csv"),
    )
    .expect("copy the data");
    dir
}
