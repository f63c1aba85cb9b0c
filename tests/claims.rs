//! The showcase debates in `claims/` must check with zero errors.

use std::path::{Path, PathBuf};

use crux::check::Severities;
use crux::diagnostic::{Severity, human};

fn check_dir(dir: &Path) -> (crux::Debate, Vec<crux::diagnostic::Diagnostic>) {
    let files =
        crux::project::discover(&[dir.to_path_buf()], &Default::default()).expect("claims/ exists");
    assert!(!files.is_empty(), "no .crux files in {}", dir.display());
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).expect("readable"))
        .collect();
    let debate = crux::parse_debate(sources, Default::default());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let diagnostics =
        crux::check_debate(&debate, &root, &Severities::default(), &Default::default());
    (debate, diagnostics)
}

#[test]
fn claims_check_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let (debate, diagnostics) = check_dir(&dir);
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "claims/ has errors:\n{}",
        human::render(&errors, &debate.sources, false)
    );
    // The showcase is a real debate, not a toy.
    assert!(debate.graph.graph.node_count() >= 30);
}

#[test]
fn showcase_warnings_are_only_the_honest_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let (_, diagnostics) = check_dir(&dir);
    for d in &diagnostics {
        assert_eq!(
            d.name, "unsupported-claim",
            "unexpected finding in claims/: {}",
            d.message
        );
    }
}

/// The showcase debate alone, as a graph.
fn crypto_debate() -> crux::Debate {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/crypto-ai.crux");
    let (debate, _) = check_dir(&path);
    debate
}

fn node<'a>(debate: &'a crux::Debate, id: &str) -> &'a crux::model::ArgNode {
    debate
        .graph
        .node(id)
        .unwrap_or_else(|| panic!("claims/crypto-ai.crux has no node `{id}`"))
}

/// The rows of a CSV file under `claims/artifacts/`, header first.
fn csv_rows(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("claims/artifacts")
        .join(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&path)
        .expect("the artifact is readable");
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// The IDs of the nodes `id` receives a relation of this kind from.
fn sources_of(debate: &crux::Debate, id: &str, relation: crux::model::Relation) -> Vec<String> {
    let g = &debate.graph;
    let target = g.index[id];
    g.graph
        .edges_directed(target, petgraph::Direction::Incoming)
        .filter(|e| e.weight().relation == relation)
        .map(|e| g.graph[petgraph::visit::EdgeRef::source(&e)].id.to_string())
        .collect()
}

#[test]
fn counterfactuals_are_marked_alike_on_both_sides() {
    let debate = crypto_debate();
    let g = &debate.graph.graph;
    let by_note: Vec<&crux::model::ArgNode> = g
        .node_weights()
        .filter(|n| {
            n.note
                .as_deref()
                .is_some_and(|t| t.contains("counterfactual judgement"))
        })
        .collect();
    let by_tag: Vec<&crux::model::ArgNode> = g
        .node_weights()
        .filter(|n| n.tags.iter().any(|t| t == "counterfactual"))
        .collect();
    let ids = |v: &[&crux::model::ArgNode]| v.iter().map(|n| n.id.to_string()).collect::<Vec<_>>();
    assert_eq!(
        ids(&by_note),
        ids(&by_tag),
        "note and tag mark the same nodes"
    );
    let marked = ids(&by_note);
    for id in [
        "manic_driver",
        "no_ai_without_crypto",
        "same_progress_anyway",
    ] {
        assert!(marked.contains(&id.to_string()), "`{id}` is not marked");
    }
    // Both sides: a claim for the thesis and a counter against it.
    use crux::syntax::ast::NodeKind;
    assert!(by_note.iter().any(|n| n.kind == NodeKind::Claim));
    assert!(by_note.iter().any(|n| n.kind == NodeKind::Counter));
}

#[test]
fn the_first_gpu_shortage_is_the_litecoin_one_of_2013_2014() {
    let rows = csv_rows("gpu-timeline.csv");
    let first: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[1].contains("First crypto-driven consumer GPU shortage"))
        .collect();
    assert_eq!(first.len(), 1, "one row for the first shortage");
    assert!(first[0][0].starts_with("2013-12"), "dated {}", first[0][0]);
    assert!(first[0][1].contains("Litecoin"));
    assert!(
        rows.iter()
            .all(|r| !(r[0].starts_with("2017") && r[1].contains("First"))),
        "a 2017 row still claims to be the first"
    );
    let debate = crypto_debate();
    let shortage = node(&debate, "gpu_shortage_2013_2014");
    assert!(shortage.text.contains("December 2013") && shortage.text.contains("Litecoin"));
    assert!(debate.graph.node("gpu_shortage_2017_2018").is_none());
}

#[test]
fn timeline_facts_say_what_their_sources_say() {
    let debate = crypto_debate();
    let avalon = &node(&debate, "asic_miners_2013").text;
    assert!(
        avalon.contains("over 2013") && avalon.contains("Litecoin"),
        "ASIC miners did not end GPU mining at once: {avalon}"
    );
    let limiter = &node(&debate, "nvidia_cmp_2021").text;
    assert!(limiter.contains("RTX 3060"), "{limiter}");
    // The title on the cited arXiv page.
    let ciresan = node(&debate, "ciresan_gpu_mlp_2010");
    assert_eq!(ciresan.sources[0].0, "https://arxiv.org/abs/1003.0358");
    assert!(
        ciresan
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("\"Deep Big Simple Neural Nets Excel on Handwritten Digit Recognition\"")
    );
    let rows = csv_rows("gpu-timeline.csv");
    let row = |needle: &str| {
        rows.iter()
            .find(|r| r[1].contains(needle))
            .unwrap_or_else(|| panic!("no timeline row mentions {needle}"))
    };
    assert!(row("Avalon")[1].contains("over 2013"));
    assert!(row("hash-rate limiter")[1].contains("RTX 3060"));
    assert!(row("Ciresan")[1].contains("Deep Big Simple Neural Nets Excel"));
}

#[test]
fn revenue_is_by_market_platform() {
    let rows = csv_rows("nvidia-revenue.csv");
    for r in &rows[1..] {
        let source = r.last().expect("a source column");
        assert!(source.contains("market platform"), "{source}");
        assert!(!source.contains("segment"), "{source}");
    }
    let debate = crypto_debate();
    for n in debate.graph.graph.node_weights() {
        for a in &n.artifacts {
            if let Some(title) = &a.title {
                assert!(!title.contains("segment"), "`{}`: {title}", n.id);
            }
        }
    }
}

#[test]
fn the_pro_premise_has_its_evidence() {
    let debate = crypto_debate();
    let backers = sources_of(&debate, "surplus_compute", crux::model::Relation::Supports);
    for id in [
        "atlantic_crypto_coreweave",
        "sec_nvidia_2022",
        "nvidia_cmp_2021",
    ] {
        assert!(
            backers.contains(&id.to_string()),
            "{id} does not support surplus_compute"
        );
    }
    let coreweave = node(&debate, "atlantic_crypto_coreweave");
    assert!(coreweave.text.contains("CoreWeave") && coreweave.text.contains("2019"));
}

#[test]
fn every_timeline_evidence_is_a_row_of_the_timeline() {
    let rows = csv_rows("gpu-timeline.csv");
    let urls: Vec<&str> = rows[1..]
        .iter()
        .flat_map(|r| r[3].split(" ; "))
        .map(str::trim)
        .collect();
    let debate = crypto_debate();
    for n in debate.graph.graph.node_weights() {
        if n.kind != crux::syntax::ast::NodeKind::Evidence
            || n.artifacts
                .iter()
                .any(|a| a.path.ends_with("nvidia-revenue.csv"))
        {
            continue;
        }
        for (s, _) in &n.sources {
            if s.starts_with("https://") {
                assert!(urls.contains(&s.as_str()), "`{}`: {s} is in no row", n.id);
            }
        }
    }
}

#[test]
fn readme_quotes_the_check_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let expected =
        std::fs::read_to_string(root.join("tests/cmd/check_claims.stdout")).expect("stdout");
    let start = readme
        .find("`check` exits 0 and prints")
        .expect("the README quotes `crux check claims/`");
    let block = &readme[start..];
    let opening = "```console\n$ crux check claims/\n";
    let block = &block[block.find(opening).expect("a console block") + opening.len()..];
    let block = &block[..block.find("```").expect("the block ends")];
    assert_eq!(
        block, expected,
        "the README's quote differs from tests/cmd/check_claims.stdout"
    );
}

/// The numbers written in `text`: `1,000` and `1000` alike, decimals kept.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() || (!cur.is_empty() && (c == '.' || c == ',') && next_digit) {
            if c != ',' {
                cur.push(c);
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn performance_numbers_come_from_their_results_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (debate, _) = check_dir(&root.join("claims/performance.crux"));
    let mut checked = 0;
    for n in debate.graph.graph.node_weights() {
        if n.kind != crux::syntax::ast::NodeKind::Evidence {
            continue;
        }
        assert!(!n.artifacts.is_empty(), "`{}` cites no results file", n.id);
        let mut cells = Vec::new();
        for a in &n.artifacts {
            assert!(a.sha256.is_some(), "`{}`: {} is not pinned", n.id, a.path);
            let text = std::fs::read_to_string(&a.resolved).expect("a results file");
            // Every number inside every cell, so that `DC-PR 1` offers `1`.
            cells.extend(text.split([',', '\n']).flat_map(numbers));
        }
        for number in numbers(&n.text) {
            assert!(
                cells.contains(&number),
                "`{}` says {number}, which is in none of its results files",
                n.id
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} numbers checked");
}
