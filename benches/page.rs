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
//! `CRUX_BENCH_TILE=K` adds a page of K copies of the largest debate side by side
//! (`page-tiled.html`): the debate is laid out once and its copies are placed next to
//! each other (IDs suffixed `_0`, `_1`…), which measures the page and the browser at
//! K times the size without waiting for the layout of the whole (the layout of 100,000
//! nodes takes many minutes on a busy 2-core machine). Its render time is that of the
//! page alone, after the layout.
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
        let opened = open(root, &page, runs, full);
        let line = format!("{nodes},{render:.2},{mb:.2},{opened}\n");
        print!("{line}");
        csv.push_str(&line);
    }
    if let Some(k) = std::env::var("CRUX_BENCH_TILE")
        .ok()
        .and_then(|k| k.parse::<usize>().ok())
    {
        let nodes = *std::env::var("CRUX_BENCH_SIZES")
            .ok()
            .and_then(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).max())
            .get_or_insert(10_000);
        let dir = out.join(format!("crux-{nodes}"));
        let map = crux::render::map::build(model_of(&dir), crux::render::map::Engine::Builtin)
            .expect("a layout");
        let tiled = tile(&map, k);
        let start = std::time::Instant::now();
        let page = crux::render::html::render(&tiled, None).expect("the page");
        let render = start.elapsed().as_secs_f64();
        let path = out.join("page-tiled.html");
        std::fs::write(&path, &page).expect("write the page");
        let opened = open(root, &path, runs, full);
        let line = format!(
            "{} (tiled),{render:.2},{:.2},{opened}\n",
            tiled.model.nodes.len(),
            page.len() as f64 / 1e6
        );
        print!("{line}");
        csv.push_str(&line);
    }
    if full && std::env::var_os("CRUX_BENCH_WRITE").is_some() {
        std::fs::write(root.join("claims/benchmarks/page-open.csv"), csv)
            .expect("write claims/benchmarks/page-open.csv");
    }
}

/// The render model of the debate in `dir`, as `crux render` builds it.
fn model_of(dir: &Path) -> crux::render::model::RenderModel {
    let files = crux::project::discover(&[dir.to_path_buf()], &Default::default())
        .expect("the debate's files");
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).expect("read a file"))
        .collect();
    let debate = crux::parse_debate(sources, Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        dir,
        &crux::check::Severities::default(),
        &Default::default(),
    );
    let cx = crux::render::model::Context {
        sources: &debate.sources,
        output_dir: dir.to_path_buf(),
        artifact: &|a| crux::project::preview::access(a, dir),
        verdict: Default::default(),
    };
    crux::render::build_model(&debate, &diagnostics, &cx)
}

/// `k` copies of a laid-out map side by side, their IDs suffixed `_0`, `_1`…
fn tile(map: &crux::render::map::Map, k: usize) -> crux::render::map::Map {
    let (n, e) = (map.model.nodes.len(), map.model.edges.len());
    let mut out = map.clone();
    out.model.nodes.clear();
    out.model.edges.clear();
    out.texts.clear();
    out.layout.nodes.clear();
    out.layout.edges.clear();
    out.layout.width = map.layout.width * k as f64;
    for t in 0..k {
        let dx = map.layout.width * t as f64;
        for (node, (text, rect)) in map
            .model
            .nodes
            .iter()
            .zip(map.texts.iter().zip(&map.layout.nodes))
        {
            let mut node = node.clone();
            let mut text = text.clone();
            if let Some(last) = text
                .header
                .last_mut()
                .filter(|l| l.ends_with(node.id.as_str()))
            {
                last.push_str(&format!("_{t}"));
            }
            node.id = format!("{}_{t}", node.id);
            node.incoming = node.incoming.iter().map(|i| i + t * e).collect();
            node.outgoing = node.outgoing.iter().map(|i| i + t * e).collect();
            out.model.nodes.push(node);
            out.texts.push(text);
            let mut rect = *rect;
            rect.x += dx;
            out.layout.nodes.push(rect);
        }
        for (edge, route) in map.model.edges.iter().zip(&map.layout.edges) {
            let mut edge = edge.clone();
            edge.id = format!("{}_{t}", edge.id);
            edge.source = format!("{}_{t}", edge.source);
            edge.target = format!("{}_{t}", edge.target);
            edge.undercuts = edge.undercuts.map(|u| u + t * e);
            out.model.edges.push(edge);
            let mut route = route.clone();
            for p in &mut route.points {
                p.x += dx;
            }
            if let Some(l) = &mut route.label {
                l.x += dx;
            }
            out.layout.edges.push(route);
        }
    }
    debug_assert_eq!(out.model.nodes.len(), n * k);
    out
}

/// The CSV columns `benches/page/open.py` prints for `page`, opened `runs` times in
/// headless Chromium; empty columns when the browser is not started (`full` false).
fn open(root: &Path, page: &Path, runs: usize, full: bool) -> String {
    if !full {
        return ",,,,,,,".into();
    }
    let o = Command::new("python3")
        .arg(root.join("benches/page/open.py"))
        .arg(page)
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
}
