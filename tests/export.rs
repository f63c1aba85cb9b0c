//! The exchange formats (`crux render --format aif|graphml|argdown`): snapshots of each
//! on every `tests/fixtures/render/*.crux` (`hostile.crux` puts markup, quotes,
//! backslashes and line breaks in every string), their structure checked against the
//! JSON render model, crux → AIF → crux and crux → Argdown → crux checked with `crux
//! diff`, and the showcase files in `docs/` checked to be what `crux` makes of `claims/`
//! today.
//!
//! The round trips through other tools (networkx reads the GraphML, the Argdown CLI the
//! Argdown) run from `.ci/run` (`tests/export/run`), which installs them.

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

const FIXTURES: &str = "tests/fixtures/render";

/// Every fixture, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    support::crux_files(FIXTURES)
}

/// `crux render --format FORMAT ARGS...`, run in the repository, which must succeed.
fn render(format: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["render", "--format", format])
        .args(args)
        .output()
        .expect("crux runs");
    assert!(
        out.status.success(),
        "{format} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn formats_match_their_snapshots() {
    for path in fixtures() {
        let name = path
            .file_stem()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        let file = path.to_str().expect("UTF-8");
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(&path);
        settings.set_omit_expression(true);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}.aif"), render("aif", &[file]));
            insta::assert_snapshot!(format!("{name}.graphml"), render("graphml", &[file]));
            insta::assert_snapshot!(format!("{name}.argdown"), render("argdown", &[file]));
        });
    }
}

/// The I-nodes are the nodes, a relation node per relation, two edges per relation;
/// every attribute but the relations is listed in file order.
#[test]
fn aif_has_a_node_per_node_and_per_relation() {
    for path in fixtures() {
        let file = path.to_str().expect("UTF-8");
        let model = json(&render("json", &[file]));
        let aif = json(&render("aif", &[file]));
        let (nodes, edges) = (
            model["nodes"].as_array().expect("nodes"),
            model["edges"].as_array().expect("edges"),
        );
        let aif_nodes = aif["nodes"].as_array().expect("AIF nodes");
        assert_eq!(aif_nodes.len(), nodes.len() + edges.len(), "{file}");
        assert_eq!(
            aif["edges"].as_array().expect("edges").len(),
            2 * edges.len()
        );
        assert_eq!(aif["locutions"], serde_json::json!([]));
        assert_eq!(aif["crux"]["version"], 1, "{file}");
        for (n, a) in nodes.iter().zip(aif_nodes) {
            assert_eq!(a["type"], "I");
            assert_eq!(a["crux"]["id"], n["id"]);
            assert_eq!(a["crux"]["kind"], n["kind"]);
            assert_eq!(a["text"], n["text"]);
        }
        for (e, a) in edges.iter().zip(&aif_nodes[nodes.len()..]) {
            let kind = if e["relation"] == "supports" {
                "RA"
            } else {
                "CA"
            };
            assert_eq!(a["type"], kind, "{file}: {e}");
            assert_eq!(a["crux"]["relation"], e["relation"]);
        }
    }
    // The attributes of `cuda_2006`, in the order of the file, relations left out.
    let aif = json(&render("aif", &["tests/fixtures/render/typical.crux"]));
    let cuda = aif["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["crux"]["id"] == "cuda_2006")
        .expect("cuda_2006");
    assert_eq!(
        cuda["crux"]["attributes"],
        serde_json::json!([
            ["source", "https://en.wikipedia.org/wiki/CUDA"],
            ["source", "NVIDIA press release, 8 November 2006"],
            [
                "artifact",
                "\"../check/artifacts/gpu-timeline.csv\" sha256 \"45425643e7fcd632de12f88eaaaeb6bc79adf8d690e33ec3742a631a58e4347f\" title \"GPU and crypto timeline\" kind dataset"
            ]
        ])
    );
}

/// A relation written without a weight has none in AIF; the undercut's CA-node points
/// at the relation node of the inference it undercuts.
#[test]
fn aif_keeps_unwritten_weights_unwritten_and_undercuts_point_at_relations() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("d.crux");
    std::fs::write(
        &path,
        "thesis t: \"T\"\nclaim a: \"A\"\n  supports t\n  credence 0.7\n  credence 0.25\n\
         claim u: \"U\"\n  undercuts a -> t 0.5\n",
    )
    .expect("written");
    let aif = json(&render("aif", &[path.to_str().expect("UTF-8")]));
    let nodes = aif["nodes"].as_array().expect("nodes");
    assert_eq!(
        nodes[1]["crux"]["attributes"],
        serde_json::json!([["credence", 0.7], ["credence", 0.25]])
    );
    assert_eq!(
        nodes[3]["crux"],
        serde_json::json!({"relation": "supports"})
    );
    assert_eq!(
        nodes[4]["crux"],
        serde_json::json!({"relation": "undercuts", "weight": 0.5})
    );
    let edges = aif["edges"].as_array().expect("edges");
    // u (3) -> CA (5) -> RA (4) of a -> t.
    assert_eq!(
        edges[2],
        serde_json::json!({"edgeID": "3", "fromID": "3", "toID": "5"})
    );
    assert_eq!(
        edges[3],
        serde_json::json!({"edgeID": "4", "fromID": "5", "toID": "4"})
    );
}

/// The showcase files in docs/ are what `crux` makes of claims/ today.
#[test]
fn the_showcase_exports_are_up_to_date() {
    for (format, file) in [
        ("aif", "docs/showcase.aif.json"),
        ("graphml", "docs/showcase.graphml"),
        ("argdown", "docs/showcase.argdown"),
    ] {
        let made = render(format, &["claims/"]);
        if std::env::var_os("CRUX_UPDATE_SHOWCASE").is_some() {
            std::fs::write(file, &made).expect("written");
        }
        let stored = std::fs::read_to_string(Path::new(file)).unwrap_or_default();
        assert!(
            stored == made,
            "{file} is not what `crux render --format {format} claims/ -o {file}` makes; \
             regenerate it (or run this test with CRUX_UPDATE_SHOWCASE=1)"
        );
    }
}

/// crux → AIF → crux (`crux import aif`) gives a debate that `crux diff` calls
/// unchanged, for the showcase and every fixture.
#[test]
fn aif_round_trips_to_the_same_debate() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut inputs: Vec<String> = vec!["claims".into()];
    inputs.extend(
        fixtures()
            .iter()
            .map(|p| p.to_str().expect("UTF-8").to_string()),
    );
    for (k, input) in inputs.iter().enumerate() {
        let (rebuilt, diff) = round_trip(dir.path(), k, input, "aif", "json");
        let summary = diff["summary"].as_object().expect("a summary");
        assert!(
            summary.values().all(|v| v == 0),
            "{input}: crux → AIF → crux changed the debate: {summary:?}\n{}",
            std::fs::read_to_string(&rebuilt).expect("readable")
        );
        assert_eq!(diff["new"]["syntax_errors"], 0, "{input}");
        assert_eq!(diff["new"]["nodes"], diff["old"]["nodes"], "{input}");
        assert_eq!(diff["new"]["edges"], diff["old"]["edges"], "{input}");
    }
}

/// Numbers of 17 significant digits, and tiny ones, come back from AIF as the same
/// doubles (a JSON reader that rounds its last digit makes `crux diff` say reweighted).
#[test]
fn aif_round_trip_keeps_every_digit() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("digits.crux");
    std::fs::write(
        &input,
        "thesis t: \"T\"\nclaim a: \"A\"\n  supports t 0.9736161095498469\n  \
         credence 0.11807153053066555\nclaim b: \"B\"\n  attacks t 1e-30\n",
    )
    .expect("written");
    let input = input.to_str().expect("UTF-8").to_string();
    let (rebuilt, diff) = round_trip(dir.path(), 0, &input, "aif", "json");
    let summary = diff["summary"].as_object().expect("a summary");
    let rebuilt = std::fs::read_to_string(rebuilt).expect("readable");
    assert!(summary.values().all(|v| v == 0), "{summary:?}\n{rebuilt}");
    assert!(
        rebuilt.contains("supports t 0.9736161095498469\n"),
        "{rebuilt}"
    );
    assert!(
        rebuilt.contains("credence 0.11807153053066555\n"),
        "{rebuilt}"
    );
}

/// A control character in a text (an escape sequence pasted with it) comes back from
/// AIF and from Argdown as it was: `crux diff` sees no change.
#[test]
fn control_characters_round_trip() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("cc.crux");
    std::fs::write(
        &input,
        "thesis t: \"Run \u{1b}[1mmake\u{1b}[0m first\"\nclaim a: \"A\u{7f}\"\n  supports t\n",
    )
    .expect("written");
    let input = input.to_str().expect("UTF-8").to_string();
    for (k, (format, extension)) in [("aif", "json"), ("argdown", "argdown")]
        .into_iter()
        .enumerate()
    {
        let (rebuilt, diff) = round_trip(dir.path(), k, &input, format, extension);
        let summary = diff["summary"].as_object().expect("a summary");
        let rebuilt = std::fs::read_to_string(rebuilt).expect("readable");
        assert!(
            summary.values().all(|v| v == 0),
            "{format}: {summary:?}\n{rebuilt}"
        );
        assert!(rebuilt.contains("\u{1b}[1mmake"), "{format}: {rebuilt:?}");
    }
}

/// crux → Argdown → crux (`crux import argdown`) gives a debate that `crux diff` calls
/// unchanged, for the showcase and every fixture: every node with its ID, kind, tags,
/// text and attributes (in the statements' data), every relation with its weight, the
/// undercuts (written as attacks, with the inference in the data); and the title and
/// description are kept.
#[test]
fn argdown_round_trips_to_the_same_debate() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut inputs: Vec<String> = vec!["claims".into()];
    inputs.extend(
        fixtures()
            .iter()
            .map(|p| p.to_str().expect("UTF-8").to_string()),
    );
    for (k, input) in inputs.iter().enumerate() {
        let (rebuilt, diff) = round_trip(dir.path(), k, input, "argdown", "argdown");
        let summary = diff["summary"].as_object().expect("a summary");
        assert!(
            summary.values().all(|v| v == 0),
            "{input}: crux → Argdown → crux changed the debate: {summary:?}\n{:#}",
            diff["nodes"]
        );
        assert_eq!(diff["new"]["syntax_errors"], 0, "{input}");
        assert_eq!(diff["new"]["nodes"], diff["old"]["nodes"], "{input}");
        assert_eq!(diff["new"]["edges"], diff["old"]["edges"], "{input}");
        let rebuilt = rebuilt.to_str().expect("UTF-8");
        let (old, new) = (
            json(&render("json", &[input])),
            json(&render("json", &[rebuilt])),
        );
        assert!(old["title"].is_string(), "{input}: no title to keep");
        assert_eq!(new["title"], old["title"], "{input}");
        assert_eq!(
            words(&new["description"]),
            words(&old["description"]),
            "{input}"
        );
    }
}

/// Each node's attributes and its relations' weights are the data of its statement
/// (a YAML flow mapping under crux's names), and a node with neither has none.
#[test]
fn argdown_writes_attributes_and_weights_as_statement_data() {
    let argdown = render("argdown", &["tests/fixtures/render/typical.crux"]);
    let line = |id: &str| {
        argdown
            .lines()
            .find(|l| l.starts_with(&format!("[{id}]:")))
            .expect("a statement")
            .to_string()
    };
    assert!(line("cuda_2006").ends_with(
        r#"#evidence {source: ["https://en.wikipedia.org/wiki/CUDA", "NVIDIA press release, 8 November 2006"], artifact: [{path: "../check/artifacts/gpu-timeline.csv", sha256: "45425643e7fcd632de12f88eaaaeb6bc79adf8d690e33ec3742a631a58e4347f", title: "GPU and crypto timeline", kind: "dataset"}], weights: {"attacks surplus_compute": 0.5}}"#
    ));
    // Its `"""` block only wraps the text: the one line reads the same, no `text` key.
    assert!(line("features_differ").ends_with(
        r#"#claim {undercuts: ["surplus_compute -> crypto_helped_ai"], weights: {"undercuts surplus_compute -> crypto_helped_ai": 0.7}}"#
    ));
    // Weights as written only: none written, no data.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("d.crux");
    std::fs::write(&path, "thesis t: \"T\"\nclaim a: \"A\"\n  supports t\n").expect("written");
    let plain = render("argdown", &[path.to_str().expect("UTF-8")]);
    assert_eq!(plain, "[t]: T #thesis\n\n[a]: A #claim\n  +> [t]\n");
}

/// Strings with quotes, braces, backslashes, comment markers, `===`, line breaks and a
/// line separator (U+2028, which ends Argdown's data unescaped), numbers, several
/// sources and an allow comment come back from Argdown as they were written.
#[test]
fn argdown_data_keeps_every_string_and_number() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("tricky.crux");
    std::fs::write(
        &input,
        "thesis t: \"T\"\n\n# crux: allow(unsupported-claim)\n\
         claim c: \"C {x} }\"\n  supports t 0.125\n  credence 0.25\n\
         \x20 by \"Ada \\\"A\\\" \\\\ B} c\"\n  note \"line one\\n=== /* no */ a // b <!-- c -->\u{2028}page 3\"\n\
         \x20 source \"https://a.org/x?q={1}\"\n  source \"s2\"\n  status accepted\n  standard beyond-doubt\n",
    )
    .expect("written");
    let input = input.to_str().expect("UTF-8").to_string();
    let argdown = render("argdown", &[&input]);
    assert!(
        argdown.contains(
            r#"#claim {by: "Ada \"A\" \\ B\u007D c", credence: 0.25, status: "accepted", standard: "beyond-doubt", source: ["https://a.org/x?q=\u007B1\u007D", "s2"], note: "line one\n=== /* no */ a // b <!-- c -->\u2028page 3", allow: ["unsupported-claim"], weights: {"supports t": 0.125}}"#
        ),
        "{argdown}"
    );
    let (rebuilt, diff) = round_trip(dir.path(), 0, &input, "argdown", "argdown");
    let summary = diff["summary"].as_object().expect("a summary");
    assert!(summary.values().all(|v| v == 0), "{summary:?}");
    let rebuilt = std::fs::read_to_string(rebuilt).expect("readable");
    assert!(
        rebuilt.contains("# crux: allow(unsupported-claim)\n"),
        "{rebuilt}"
    );
    assert!(rebuilt.contains("  credence 0.25\n"), "{rebuilt}");
}

/// `input` rendered as `format` into `dir/debate-K.EXT`, imported back with `crux import
/// FORMAT` into `dir/out-K/`: the rebuilt file, and `crux diff --format json` from
/// `input` to it.
fn round_trip(
    dir: &std::path::Path,
    k: usize,
    input: &str,
    format: &str,
    extension: &str,
) -> (std::path::PathBuf, serde_json::Value) {
    let exported = dir.join(format!("debate-{k}.{extension}"));
    std::fs::write(&exported, render(format, &[input])).expect("written");
    let out_dir = dir.join(format!("out-{k}"));
    let import = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["import", format])
        .arg(&exported)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .expect("crux import runs");
    assert!(
        import.status.success(),
        "{input}: {}",
        String::from_utf8_lossy(&import.stderr)
    );
    let rebuilt = out_dir.join(format!("debate-{k}.crux"));
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args([
            "diff",
            input,
            rebuilt.to_str().expect("UTF-8"),
            "--format",
            "json",
        ])
        .output()
        .expect("crux diff runs");
    let diff = json(&String::from_utf8(out.stdout).expect("UTF-8"));
    (rebuilt, diff)
}

/// A text's words, joined by one space (`""` for a missing text).
fn words(text: &serde_json::Value) -> String {
    let text = text.as_str().unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// crux → AIF → crux keeps the front matter as written and every `# crux: allow(...)`
/// comment above its node (both in crux's extension keys of the AIF).
#[test]
fn aif_round_trip_keeps_front_matter_and_allow_comments() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = "---\ntitle: \"Kept\"\nauthors:\n  - Ada\n  - Bob\ndate: 2024-05-01\n---\n\nthesis t: \"T\"\n\n# crux: allow(unsupported-claim, no-evidence)\nclaim c: \"C\"\n  supports t\n";
    let input = dir.path().join("kept.crux");
    std::fs::write(&input, source).expect("written");
    let aif = render("aif", &[input.to_str().expect("UTF-8")]);
    let value = json(&aif);
    assert_eq!(
        value["crux"]["front_matter"],
        "title: \"Kept\"\nauthors:\n  - Ada\n  - Bob\ndate: 2024-05-01\n"
    );
    let file = dir.path().join("kept.json");
    std::fs::write(&file, &aif).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["import", "aif"])
        .arg(&file)
        .args(["-o", "-"])
        .output()
        .expect("crux import runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rebuilt = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(rebuilt, source);
}

/// The front matter goes to Argdown's (`subTitle`, `author`, `date`, `source`), the
/// authors escaped for Argdown's HTML page, and comes back from it as it was written.
#[test]
fn argdown_front_matter_keeps_every_key() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("front.crux");
    let front = "title: \"T\"\ndescription: \"D\"\nsource: \"a thread\"\n\
                 authors: [\"Ada <a@x.org>\", \"Bo & Co\"]\ndate: \"2024-05-01\"\n";
    std::fs::write(&input, format!("---\n{front}---\n\nthesis t: \"T\"\n")).expect("written");
    let input = input.to_str().expect("UTF-8").to_string();
    let argdown = render("argdown", &[&input]);
    assert!(
        argdown.starts_with(
            "===\ntitle: \"T\"\nsubTitle: \"D\"\n\
             author: [\"Ada &lt;a@x.org&gt;\", \"Bo &amp; Co\"]\n\
             date: \"2024-05-01\"\nsource: \"a thread\"\n===\n\n"
        ),
        "{argdown}"
    );
    let (rebuilt, _) = round_trip(dir.path(), 0, &input, "argdown", "argdown");
    let rebuilt = std::fs::read_to_string(rebuilt).expect("readable");
    assert!(
        rebuilt.starts_with(&format!("---\n{front}---\n")),
        "{rebuilt}"
    );
}

/// A contradiction attacks both ways, and each way is an inference of its own: an
/// undercut of either way comes back from AIF and from Argdown as the same undercut,
/// not as one of the other way (AIF has one CA node for the contradiction; crux's key
/// says `"reversed": true` on the undercut of the way it was not written).
#[test]
fn undercuts_of_either_way_of_a_contradiction_round_trip() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("both.crux");
    std::fs::write(
        &input,
        "thesis a: \"A holds.\"\n\
         claim b: \"B holds.\"\n  contradicts a 0.8\n\
         counter back: \"Against A's way.\"\n  undercuts a -> b 0.5\n\
         counter forth: \"Against B's way.\"\n  undercuts b -> a\n",
    )
    .expect("written");
    let input = input.to_str().expect("UTF-8");
    let aif = json(&render("aif", &[input]));
    let reversed: Vec<bool> = aif["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["crux"]["relation"] == "undercuts")
        .map(|n| n["crux"]["reversed"] == true)
        .collect();
    assert_eq!(reversed, [true, false]);
    for (k, (format, extension)) in [("aif", "json"), ("argdown", "argdown")]
        .into_iter()
        .enumerate()
    {
        let (rebuilt, diff) = round_trip(dir.path(), k, input, format, extension);
        let text = std::fs::read_to_string(&rebuilt).expect("readable");
        let summary = diff["summary"].as_object().expect("a summary");
        assert!(
            summary.values().all(|v| v == 0),
            "crux → {format} → crux changed the debate: {summary:?}\n{text}"
        );
        assert!(
            text.contains("  undercuts a -> b 0.5\n"),
            "{format}:\n{text}"
        );
        assert!(text.contains("  undercuts b -> a\n"), "{format}:\n{text}");
    }
}
