//! The HTML page end to end: `crux render --format html` on one-file debates of
//! 1,000, 10,000 and 100,000 nodes, then the page opened in headless Chromium.
//!
//! Run with `cargo bench --bench page` (a few minutes; the 100,000-node layout takes
//! most of it). `CRUX_BENCH_SIZES=1000,10000` picks the sizes, `CRUX_BENCH_RUNS` the
//! runs per size (default 3), and the pages stay in `target/bench-page/`.
//!
//! 1. The check benchmark's generator (`common::generate`, same seed) writes each
//!    debate as ONE `.crux` file.
//! 2. `crux render . --format html -o page.html` runs in its folder: the median wall
//!    time of the runs, and the size of the page.
//! 3. `benches/page/open.py` opens the page in headless Chromium over the DevTools
//!    protocol (as `tests/e2e/browser.py` does), once per run in a fresh browser, and
//!    reports the time from navigation to the `load` event, to the first paint of the
//!    map (the page's script marks it, `performance.mark("crux-map-drawn")`, after the
//!    frame that shows it), and the browser's memory (the proportional set size of
//!    its processes) once the map is drawn; then the time to the next frame of a pan,
//!    of "Fit all", of "Expand all" and of a pan in the far view; medians.
//!
//! With `CRUX_BENCH_WRITE=1` the table is also written to
//! `claims/benchmarks/page-open.csv`. Under `cargo test --benches` (no `--bench`) only a
//! 1,000-node page is rendered once, as a smoke test (the browser is not started).

#[allow(dead_code)]
mod common;
mod peer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The limit of one render, unless `CRUX_BENCH_LIMIT` gives another (in seconds).
const LIMIT: Duration = Duration::from_secs(600);

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let crux = PathBuf::from(env!("CARGO_BIN_EXE_crux"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sizes: Vec<usize> = match std::env::var("CRUX_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) if full => vec![1_000, 10_000, 100_000],
        Err(_) => vec![1_000],
    };
    let runs: usize = match std::env::var("CRUX_BENCH_RUNS") {
        Ok(s) => s.parse().expect("CRUX_BENCH_RUNS is a number"),
        Err(_) if full => 3,
        Err(_) => 1,
    };
    let limit = std::env::var("CRUX_BENCH_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(LIMIT, Duration::from_secs);
    let out = root.join("target/bench-page");
    let mut csv = String::from(
        "nodes,render_s,page_mb,load_s,map_drawn_s,browser_mb,drawn_nodes,pan_ms,fit_ms,expand_all_ms,far_pan_ms\n",
    );
    print!("{csv}");
    for nodes in sizes {
        let dir = out.join(format!("crux-{nodes}"));
        std::fs::create_dir_all(&dir).expect("create a folder");
        let mut files = common::generate(nodes, nodes, common::SEED);
        let file = files.remove(0);
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
        std::fs::write(&path, &file.text).expect("write the debate");
        let page = out.join(format!("page-{nodes}.html"));
        let page_arg = page.to_str().expect("a UTF-8 path");
        let args = ["render", ".", "--format", "html", "-o", page_arg];
        let times = (0..runs)
            .map(|_| {
                let run = peer::run(&crux, &args, &dir, limit, false);
                assert!(!run.killed, "crux render ran out of time");
                assert_eq!(run.code, Some(0), "crux render failed: {}", run.stderr);
                run.elapsed
            })
            .collect();
        let render = peer::median(times).as_secs_f64();
        let mb = std::fs::metadata(&page).expect("the page").len() as f64 / 1e6;
        let opened = if full {
            let o = Command::new("python3")
                .arg(root.join("benches/page/open.py"))
                .arg(&page)
                .arg("--runs")
                .arg(runs.to_string())
                .output()
                .expect("run python3 benches/page/open.py");
            assert!(
                o.status.success(),
                "open.py failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        } else {
            ",,,,,,,".into()
        };
        let line = format!("{nodes},{render:.2},{mb:.2},{opened}\n");
        print!("{line}");
        csv.push_str(&line);
    }
    if full && std::env::var_os("CRUX_BENCH_WRITE").is_some() {
        std::fs::write(root.join("claims/benchmarks/page-open.csv"), csv)
            .expect("write claims/benchmarks/page-open.csv");
    }
}
