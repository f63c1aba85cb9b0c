//! `crux import` end to end, as a user runs it: the release binary, process start to
//! exit, reading a generated input and writing its `.crux` file.
//!
//! Run with `cargo bench --bench import`. Two inputs of 1,000 nodes each are generated
//! (deterministically): a Kialo discussion (a thesis and 999 claims, pro and con, in a
//! tree up to six levels deep, with a few `-> See` links) and an AIF map (1,000
//! I-nodes, each but the first joined to an earlier one by an RA or CA node, some RA
//! nodes with two premises). `crux import kialo|aif INPUT -o DIR --force` runs
//! several times on each; the median wall time is printed beside the target (100 ms),
//! with the median CPU time (user + system) of the process, which a busy machine
//! disturbs less.
//! With `CRUX_BENCH_WRITE=1` it writes `claims/benchmarks/import.csv`. Under `cargo
//! test --benches` (no `--bench`) each input is imported once, as a smoke test.

// Only the seeded random generator is used here.
#[allow(dead_code)]
mod common;
mod peer;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Nodes of each generated input.
const NODES: usize = 1_000;
/// Timed runs of each import.
const RUNS: usize = 15;
/// The target of one import, in milliseconds.
const TARGET_MS: f64 = 100.0;
/// The limit of one run.
const LIMIT: Duration = Duration::from_secs(60);

/// A sentence for node `i`.
fn sentence(rng: &mut common::Rng, i: usize) -> String {
    const WORDS: &[&str] = &[
        "prices", "rise", "because", "supply", "is", "short", "and", "demand", "grows", "the",
        "model", "predicts", "fewer", "sales", "next", "year", "while", "costs", "fall",
    ];
    let mut s = format!("Point {i}:");
    for _ in 0..(8 + rng.below(12)) {
        s.push(' ');
        let word: &&str = rng.pick(WORDS);
        s.push_str(word);
    }
    s.push('.');
    s
}

/// A Kialo export of `nodes` claims: the thesis `1.`, then a tree whose every claim
/// below it is `Pro:` or `Con:`; every 50th a `-> See` link to an earlier claim.
fn kialo(nodes: usize) -> String {
    let mut rng = common::Rng::new(common::SEED);
    let mut text = String::from("Discussion Title: A generated discussion\n\n1. ");
    text.push_str(&sentence(&mut rng, 0));
    text.push('\n');
    // The number of each claim, and how many children each has had.
    let mut numbers: Vec<String> = vec!["1.".into()];
    let mut children: Vec<usize> = vec![0];
    let mut links = 0;
    for i in 1..nodes {
        // A recent claim at most five levels deep, else the thesis.
        let p = i - 1 - rng.below(i.min(40));
        let parent = if numbers[p].matches('.').count() < 6 {
            p
        } else {
            0
        };
        children[parent] += 1;
        let number = format!("{}{}.", numbers[parent], children[parent]);
        let stance = if rng.chance(60) { "Pro" } else { "Con" };
        if i % 50 == 0 && i > 1 {
            // A link: one more line (a child of `parent`), not one more claim.
            let target = rng.below(i);
            let _ = writeln!(text, "{number} {stance}: -> See {}", numbers[target]);
            links += 1;
            children[parent] += 1;
            let number = format!("{}{}.", numbers[parent], children[parent]);
            let _ = writeln!(text, "{number} {stance}: {}", sentence(&mut rng, i));
            numbers.push(number);
        } else {
            let _ = writeln!(text, "{number} {stance}: {}", sentence(&mut rng, i));
            numbers.push(number);
        }
        children.push(0);
    }
    assert!(links > 0);
    text
}

/// An AIFdb-style JSON map of `nodes` I-nodes.
fn aif(nodes: usize) -> String {
    let mut rng = common::Rng::new(common::SEED + 1);
    let mut json_nodes = Vec::new();
    let mut edges = Vec::new();
    let mut next_id = nodes + 1;
    let quote = |s: &str| serde_json::to_string(s).expect("a JSON string");
    for i in 1..=nodes {
        json_nodes.push(format!(
            "{{\"nodeID\": \"{i}\", \"text\": {}, \"type\": \"I\"}}",
            quote(&sentence(&mut rng, i))
        ));
    }
    for i in 2..=nodes {
        let target = 1 + rng.below(i - 1);
        let s = next_id;
        next_id += 1;
        let (kind, text) = if rng.chance(70) {
            ("RA", "Default Inference")
        } else {
            ("CA", "Default Conflict")
        };
        json_nodes.push(format!(
            "{{\"nodeID\": \"{s}\", \"text\": \"{text}\", \"type\": \"{kind}\"}}"
        ));
        edges.push((i, s));
        // Some inferences have a second premise (linked premises).
        if kind == "RA" && i > 2 && rng.chance(10) {
            let other = 1 + rng.below(i - 1);
            if other != target {
                edges.push((other, s));
            }
        }
        edges.push((s, target));
    }
    let edges: Vec<String> = edges
        .iter()
        .enumerate()
        .map(|(k, (f, t))| {
            format!("{{\"edgeID\": \"e{k}\", \"fromID\": \"{f}\", \"toID\": \"{t}\"}}")
        })
        .collect();
    format!(
        "{{\"nodes\": [\n{}\n], \"edges\": [\n{}\n], \"locutions\": []}}\n",
        json_nodes.join(",\n"),
        edges.join(",\n")
    )
}

/// CPU time (user + system) of the finished child processes so far (zero where
/// `getrusage` is not available).
#[cfg(not(unix))]
fn children_cpu() -> Duration {
    Duration::ZERO
}

/// CPU time (user + system) of the finished child processes so far.
#[cfg(unix)]
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Runs `crux import FORMAT INPUT -o out --force` in `dir`; panics unless it exits 0.
/// Its wall time and CPU time.
fn import(crux: &Path, format: &str, input: &str, dir: &Path) -> (Duration, Duration) {
    let cpu = children_cpu();
    let run = peer::run(
        crux,
        &["import", format, input, "-o", "out", "--force"],
        dir,
        LIMIT,
        false,
    );
    assert!(!run.killed, "crux import {format} ran out of time");
    assert_eq!(run.code, Some(0), "crux import {format}: {}", run.stderr);
    (run.elapsed, children_cpu().saturating_sub(cpu))
}

/// Nodes and relations of the imported file.
fn counts(file: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(file).expect("the imported file");
    let nodes = text
        .lines()
        .filter(|l| {
            ["thesis ", "claim ", "counter ", "evidence "]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .count();
    let relations = text
        .lines()
        .filter(|l| {
            [
                "  supports ",
                "  attacks ",
                "  contradicts ",
                "  undercuts ",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .count();
    (nodes, relations)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let crux = PathBuf::from(env!("CARGO_BIN_EXE_crux"));
    let dir = std::env::temp_dir().join(format!("crux-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    let inputs = [
        ("kialo", "discussion.txt", kialo(NODES)),
        ("aif", "map.json", aif(NODES)),
    ];
    let mut csv = String::from(
        "format,nodes,relations,input_kb,median_ms,cpu_median_ms,runs,target_ms,met,machine\n",
    );
    let machine = peer::machine();
    println!(
        "{:>6} {:>6} {:>9} {:>9} {:>10} {:>7} {:>7}",
        "format", "nodes", "relations", "input_kb", "median_ms", "cpu_ms", "target"
    );
    for (format, name, text) in &inputs {
        std::fs::write(dir.join(name), text).expect("write the input");
        let first = import(&crux, format, name, &dir);
        let stem = name.split('.').next().expect("a stem");
        let (nodes, relations) = counts(&dir.join("out").join(format!("{stem}.crux")));
        assert!(nodes >= NODES, "{format}: only {nodes} nodes imported");
        if !full {
            continue;
        }
        let runs: Vec<(Duration, Duration)> = std::iter::once(first)
            .chain((1..RUNS).map(|_| import(&crux, format, name, &dir)))
            .collect();
        let median = peer::median(runs.iter().map(|r| r.0).collect()).as_secs_f64() * 1000.0;
        let cpu = peer::median(runs.iter().map(|r| r.1).collect()).as_secs_f64() * 1000.0;
        let met = median < TARGET_MS;
        let kb = text.len() as f64 / 1000.0;
        println!(
            "{format:>6} {nodes:>6} {relations:>9} {kb:>9.1} {median:>10.1} {cpu:>7.1} {:>7}",
            if met { "met" } else { "MISSED" }
        );
        let _ = writeln!(
            csv,
            "{format},{nodes},{relations},{kb:.1},{median:.1},{cpu:.1},{RUNS},{TARGET_MS},{met},{}",
            peer::csv_safe(&machine)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    if full {
        peer::write_results("import.csv", &csv);
    }
}
