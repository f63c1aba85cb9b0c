//! crux beside Argdown, the closest existing tool, on the debates of the check benchmark.
//!
//! `cargo bench --bench argdown`. It runs Argdown when it is installed: `$ARGDOWN`, or
//! `target/peers/node_modules/.bin/argdown` (after
//! `npm i --prefix target/peers @argdown/cli@1.7.5 --ignore-scripts`), or `argdown` on
//! PATH; without it, it prints so and measures nothing. With `CRUX_BENCH_WRITE=1` it
//! writes `claims/benchmarks/argdown.csv` and `claims/benchmarks/argdown-errors.csv`.
//!
//! 1. **Checking.** The check benchmark's generated debates (same generator, seed and
//!    files: `common::generate`) are written out as `.crux` files and, node for node, as
//!    one Argdown file (see `to_argdown/mod.rs`).
//!    Then `crux check DIR` (the release binary) and `argdown FILE` (which parses,
//!    builds its model and reports "Successfully checked") are each run several times:
//!    median wall time, process start included, and the peak memory of the process
//!    (GNU time, where installed). Argdown's JSON export of the same file is read back
//!    once to count the statements and relations it saw.
//! 2. **Drawing.** At 1,000 nodes, `crux render --format svg` and Argdown's
//!    `argdown map --format svg`, once each.
//! 3. **Mistakes.** Three small inputs with a mistake (a reference to a name defined
//!    nowhere, an unclosed bracket or string, the same name defined twice), each written
//!    for both tools: the exit codes.
//!
//! Every run is stopped after 300 s (reported as `timeout`). Under `cargo test
//! --benches` (no `--bench`) only the 1,000-node debate is converted and checked by
//! crux, as a smoke test.

mod common;
mod peer;
mod to_argdown;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crux::model::ResolveOptions;
use crux::syntax::SourceFile;

/// `(nodes, runs)`: the check benchmark's first two sizes. (At 100,000 nodes Argdown
/// needs more memory and minutes than a benchmark run should take.)
const SIZES: [(usize, usize); 2] = [(1_000, 5), (10_000, 3)];
/// The limit of one run.
const LIMIT: Duration = Duration::from_secs(300);

/// One generated debate on disk, in both languages.
struct Written {
    nodes: usize,
    relations: usize,
    /// The folder of the `.crux` files.
    crux_dir: PathBuf,
    /// The Argdown file.
    argdown: PathBuf,
}

fn write_debate(nodes: usize, dir: &Path) -> Written {
    let files = common::generate(nodes, common::PER_FILE, common::SEED);
    let crux_dir = dir.join(format!("crux-{nodes}"));
    let mut sources = Vec::new();
    for f in &files {
        let path = crux_dir.join(&f.name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
        std::fs::write(&path, &f.text).expect("write a .crux file");
        sources.push(SourceFile::new(f.name.clone(), path, f.text.clone()));
    }
    let debate = crux::parse_debate(sources, ResolveOptions::default());
    let argdown = dir.join(format!("debate-{nodes}.argdown"));
    std::fs::write(&argdown, to_argdown::to_argdown(&debate)).expect("write the Argdown file");
    Written {
        nodes: debate.graph.graph.node_count(),
        relations: debate.graph.graph.edge_count(),
        crux_dir,
        argdown,
    }
}

/// Median time, peak memory of the last run, exit code and runs.
fn measure(
    program: &Path,
    args: &[&str],
    dir: &Path,
    runs: usize,
) -> (Option<f64>, Option<f64>, Option<i32>) {
    let mut times = Vec::new();
    let mut peak = None;
    let mut code = None;
    for _ in 0..runs {
        let run = peer::run(program, args, dir, LIMIT, true);
        if run.killed {
            return (None, None, None);
        }
        times.push(run.elapsed);
        peak = run.peak_mb;
        code = run.code;
    }
    (Some(peer::median(times).as_secs_f64()), peak, code)
}

/// Statements and relations in Argdown's JSON export of `file`.
fn argdown_counts(argdown: &Path, file: &Path, dir: &Path) -> (usize, usize) {
    let out = dir.join("json");
    let run = peer::run(
        argdown,
        &[
            "json",
            file.to_str().expect("UTF-8"),
            out.to_str().expect("UTF-8"),
        ],
        dir,
        LIMIT,
        false,
    );
    assert_eq!(run.code, Some(0), "argdown json failed: {}", run.stderr);
    let name = file
        .file_stem()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    let json = std::fs::read_to_string(out.join(format!("{name}.json"))).expect("Argdown's JSON");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let statements = v["statements"].as_object().map_or(0, |m| m.len());
    let relations = v["relations"].as_array().map_or(0, |a| a.len());
    (statements, relations)
}

fn cell(v: Option<f64>, digits: usize) -> String {
    v.map_or("timeout".into(), |v| format!("{v:.digits$}"))
}

/// The mistakes, each as `(name, crux text, Argdown text)`.
const MISTAKES: &[(&str, &str, &str)] = &[
    (
        "reference to an undefined name",
        "thesis a: \"Text.\"\n\nclaim b: \"Text.\"\n  supports nothere\n",
        "[a]: Text.\n\n[b]: Text.\n  +> [nothere]\n",
    ),
    (
        "unclosed bracket or string",
        "thesis a: \"Text.\"\n\nclaim b: \"Text.\n  supports a\n",
        "[a]: Text.\n\n[b]: Text.\n  +> [a\n",
    ),
    (
        "the same name defined twice",
        "thesis a: \"One text.\"\n\nthesis a: \"Another text.\"\n",
        "[a]: One text.\n\n[a]: Another text.\n",
    ),
];

fn mistakes(crux: &Path, argdown: &Path, dir: &Path) -> Vec<String> {
    let mut rows = Vec::new();
    for (i, (name, crux_text, argdown_text)) in MISTAKES.iter().enumerate() {
        let case = dir.join(format!("mistake-{i}"));
        std::fs::create_dir_all(&case).expect("create a folder");
        std::fs::write(case.join("debate.crux"), crux_text).expect("write");
        std::fs::write(case.join("debate.argdown"), argdown_text).expect("write");
        let c = peer::run(crux, &["check", "debate.crux"], &case, LIMIT, false);
        let a = peer::run(argdown, &["debate.argdown"], &case, LIMIT, false);
        let show = |code: Option<i32>| code.map_or("timeout".into(), |c| c.to_string());
        println!(
            "{name:<34} crux exit {}, argdown exit {}",
            show(c.code),
            show(a.code)
        );
        rows.push(format!("{name},{},{}", show(c.code), show(a.code)));
    }
    rows
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let crux = PathBuf::from(env!("CARGO_BIN_EXE_crux"));
    let dir = std::env::temp_dir().join(format!("crux-bench-argdown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/node_modules/.bin/argdown");
    let argdown = peer::find("ARGDOWN", Some(&local), "argdown");
    if !full {
        let w = write_debate(SIZES[0].0, &dir);
        let run = peer::run(&crux, &["check", "."], &w.crux_dir, LIMIT, false);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let Some(argdown) = argdown else {
        println!(
            "Argdown is not installed (npm i --prefix target/peers @argdown/cli@1.7.5 --ignore-scripts): nothing to compare"
        );
        let _ = std::fs::remove_dir_all(&dir);
        return;
    };
    let version = peer::csv_safe(&peer::version(&argdown, "--version"));
    println!("argdown: {} ({version})", argdown.display());
    let machine = peer::machine();
    let mut rows = Vec::new();
    println!(
        "{:>7} {:>9} {:<6} {:>10} {:>9} {:>11} {:>10}",
        "nodes", "relations", "task", "crux s", "crux MB", "argdown s", "argdown MB"
    );
    for (i, &(nodes, runs)) in SIZES.iter().enumerate() {
        let w = write_debate(nodes, &dir);
        let (statements, relations) = argdown_counts(&argdown, &w.argdown, &dir);
        println!(
            "{nodes} nodes: crux reads {} nodes and {} relations, Argdown {statements} statements and {relations} relations",
            w.nodes, w.relations
        );
        let file = w.argdown.to_str().expect("UTF-8");
        let (ct, cm, code) = measure(&crux, &["check", "."], &w.crux_dir, runs);
        assert_eq!(code, Some(0), "the generated debate checks without errors");
        let (at, am, _) = measure(&argdown, &[file], &dir, runs);
        let mut tasks = vec![("check", ct, cm, at, am, runs)];
        if i == 0 {
            let svg = dir.join("crux.svg");
            let (ct, cm, _) = measure(
                &crux,
                &[
                    "render",
                    ".",
                    "--format",
                    "svg",
                    "-o",
                    svg.to_str().expect("UTF-8"),
                ],
                &w.crux_dir,
                1,
            );
            let out = dir.join("map");
            let (at, am, _) = measure(
                &argdown,
                &["map", "--format", "svg", file, out.to_str().expect("UTF-8")],
                &dir,
                1,
            );
            tasks.push(("svg", ct, cm, at, am, 1));
        }
        for (task, ct, cm, at, am, runs) in tasks {
            println!(
                "{:>7} {:>9} {task:<6} {:>10} {:>9} {:>11} {:>10}",
                w.nodes,
                w.relations,
                cell(ct, 3),
                cell(cm, 1),
                cell(at, 3),
                cell(am, 1)
            );
            rows.push(format!(
                "{},{},{statements},{relations},{task},{},{},{},{},{runs},{version},{machine}",
                w.nodes,
                w.relations,
                cell(ct, 3),
                cell(cm, 1),
                cell(at, 3),
                cell(am, 1),
            ));
        }
    }
    let mut text = String::from(
        "nodes,relations,argdown_statements,argdown_relations,task,crux_median_s,crux_peak_mb,argdown_median_s,argdown_peak_mb,runs,argdown_version,machine\n",
    );
    for r in rows {
        text.push_str(&r);
        text.push('\n');
    }
    peer::write_results("argdown.csv", &text);
    let mut text = String::from("mistake,crux_exit,argdown_exit\n");
    for r in mistakes(&crux, &argdown, &dir) {
        text.push_str(&r);
        text.push('\n');
    }
    peer::write_results("argdown-errors.csv", &text);
    let _ = std::fs::remove_dir_all(&dir);
}
