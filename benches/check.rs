//! The scaling benchmark of `crux check`: parse, resolve and lint a synthetic debate of
//! 1k, 10k and 100k nodes, from in-memory text.
//!
//! Run with `cargo bench --bench check`. Before criterion runs, the benchmark
//!
//! 1. generates each debate (see `common/mod.rs`) and checks that it has zero errors;
//! 2. measures the peak heap of one run of the pipeline, with a counting global
//!    allocator, and the median wall time of 11 runs (5 at 100k) with `Instant`;
//! 3. times the phases separately (line index, parse, resolve, check, drop);
//! 4. prints both tables, and with `CRUX_BENCH_WRITE=1` writes them to
//!    `claims/benchmarks/check-scaling.csv` and `claims/benchmarks/check-phases.csv`
//!    (which `claims/performance.crux` cites);
//! 5. prints how much text each debate has, beside the hand-written
//!    `claims/crypto-ai.crux`, and with `CRUX_BENCH_WRITE=1` writes it to
//!    `claims/benchmarks/check-text.csv`. `cargo bench --bench check -- --text-only`
//!    does only this step (the text does not depend on the machine);
//! 6. times the verdict (`semantics::carneades::evaluate` with the default options) on
//!    each parsed debate, median of 21 runs, and prints how many nodes stand, fall and
//!    stay open, and with `CRUX_BENCH_WRITE=1` writes it to
//!    `claims/benchmarks/verdict.csv` (with `CRUX_BENCH_VERDICT_CSV=NAME` too, to
//!    `claims/benchmarks/NAME` instead, to keep a second run beside the first).
//!    `cargo bench --bench check -- --verdict-only` does only this step.
//!
//! The timed pipeline is `SourceFile::new` + `parse_debate` + `check_debate` with the
//! default severities and an empty temporary directory as project root. Copying the
//! texts happens before the clock starts and dropping the results after it stops, in the
//! table and under criterion alike. `peak_mb` is the most heap the pipeline held at once
//! above what was allocated before it started (so it includes its copy of the texts),
//! in MB of 10^6 bytes. The counting allocator adds two relaxed atomic operations per
//! allocation to every timing.
//!
//! `CRUX_BENCH_DUMP=DIR` also writes the largest debate's files under `DIR` (the 1k one
//! with `--test`), to read them or to time the `crux` binary on them.

mod common;
mod peer;

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc as System;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use crux::check::Severities;
use crux::diagnostic::{Diagnostic, Severity};
use crux::model::ResolveOptions;
use crux::syntax::SourceFile;

use common::GenFile;

/// Wraps the allocator the `crux` binary uses (mimalloc) and counts the bytes
/// currently allocated and the peak.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to mimalloc (the allocator of the `crux` binary)
// unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

use common::{PER_FILE, SEED};

/// Debate sizes and how many timed runs give the median.
const SIZES: [(usize, usize); 3] = [(1_000, 11), (10_000, 11), (100_000, 5)];

/// One generated debate, ready to run.
struct Case {
    nodes: usize,
    runs: usize,
    files: Vec<GenFile>,
}

impl Case {
    fn label(&self) -> String {
        format!("{}k", self.nodes / 1000)
    }

    /// Fresh copies of the texts, made before any clock starts.
    fn texts(&self) -> Vec<String> {
        self.files.iter().map(|f| f.text.clone()).collect()
    }
}

/// The whole pipeline from in-memory text: line index, parse, resolve, check.
fn pipeline(
    case: &Case,
    texts: Vec<String>,
    root: &Path,
    severities: &Severities,
) -> (crux::Debate, Vec<Diagnostic>) {
    let sources: Vec<SourceFile> = case
        .files
        .iter()
        .zip(texts)
        .map(|(f, text)| SourceFile::new(f.name.clone(), root.join(&f.name), text))
        .collect();
    let debate = crux::parse_debate(sources, ResolveOptions::default());
    let diagnostics = crux::check_debate(&debate, root, severities, &Default::default());
    (debate, diagnostics)
}

/// Runs the pipeline once and panics unless the debate has zero errors.
fn verify(case: &Case, root: &Path) {
    let (debate, diagnostics) = pipeline(case, case.texts(), root, &Severities::default());
    let mut by_rule: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in &diagnostics {
        *by_rule.entry((d.severity, d.name)).or_default() += 1;
    }
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(5)
        .collect();
    assert!(
        errors.is_empty(),
        "the generated {} debate has errors, e.g. {errors:#?}",
        case.label()
    );
    let edges = debate.graph.graph.edge_count();
    let bytes: usize = case.files.iter().map(|f| f.text.len()).sum();
    let findings: Vec<String> = by_rule
        .iter()
        .map(|((sev, name), n)| format!("{n} {sev} {name}"))
        .collect();
    println!(
        "{:>5}: {} nodes, {edges} relations, {} files, {:.1} MB of text; 0 errors; {}",
        case.label(),
        debate.graph.graph.node_count(),
        case.files.len(),
        bytes as f64 / 1e6,
        if findings.is_empty() {
            "no warnings".to_string()
        } else {
            findings.join(", ")
        }
    );
}

/// Peak heap, in bytes, of one run of the pipeline above what was allocated before it.
fn peak_bytes(case: &Case, root: &Path, severities: &Severities) -> usize {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = pipeline(case, case.texts(), root, severities);
    let peak = PEAK.load(Ordering::Relaxed);
    drop(black_box(out));
    peak - base
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median wall time of the whole pipeline over `case.runs` runs.
fn median_time(case: &Case, root: &Path, severities: &Severities) -> Duration {
    let samples = (0..case.runs)
        .map(|_| {
            let texts = case.texts();
            let start = Instant::now();
            let out = pipeline(case, texts, root, severities);
            let elapsed = start.elapsed();
            drop(black_box(out));
            elapsed
        })
        .collect();
    median(samples)
}

/// Median time of each phase, run one after the other as `parse_debate` and
/// `check_debate` do: line index, parse, resolve, check, and dropping the results.
fn phases(case: &Case, root: &Path, severities: &Severities) -> [Duration; 5] {
    let mut samples: [Vec<Duration>; 5] = Default::default();
    for _ in 0..case.runs {
        let texts = case.texts();
        let t = Instant::now();
        let sources: Vec<SourceFile> = case
            .files
            .iter()
            .zip(texts)
            .map(|(f, text)| SourceFile::new(f.name.clone(), root.join(&f.name), text))
            .collect();
        // Made here, to time it (the binary makes it while it resolves a large debate).
        sources.iter().for_each(|s| _ = black_box(s.lines()));
        samples[0].push(t.elapsed());

        let t = Instant::now();
        let parsed = crux::parse_files(&sources);
        samples[1].push(t.elapsed());

        let t = Instant::now();
        let debate = crux::resolve_debate(sources, parsed, ResolveOptions::default());
        samples[2].push(t.elapsed());

        let t = Instant::now();
        let diagnostics = crux::check_debate(&debate, root, severities, &Default::default());
        samples[3].push(t.elapsed());

        let t = Instant::now();
        drop(black_box((debate, diagnostics)));
        samples[4].push(t.elapsed());
    }
    samples.map(median)
}

/// One row of the scaling table, with the phase medians.
struct Row {
    nodes: usize,
    files: usize,
    median_ms: f64,
    peak_mb: f64,
    runs: usize,
    phases: [Duration; 5],
}

fn scaling_table(cases: &[Case], root: &Path) -> Vec<Row> {
    let severities = Severities::default();
    let mut rows = Vec::new();
    for case in cases {
        verify(case, root);
        let peak = peak_bytes(case, root, &severities);
        let time = median_time(case, root, &severities);
        rows.push(Row {
            nodes: case.nodes,
            files: case.files.len(),
            median_ms: ms(time),
            peak_mb: peak as f64 / 1e6,
            runs: case.runs,
            phases: phases(case, root, &severities),
        });
    }
    println!(
        "\n{:>8} {:>6} {:>12} {:>10} {:>5}",
        "nodes", "files", "median ms", "peak MB", "runs"
    );
    for r in &rows {
        println!(
            "{:>8} {:>6} {:>12.2} {:>10.1} {:>5}",
            r.nodes, r.files, r.median_ms, r.peak_mb, r.runs
        );
    }
    println!(
        "\nphases, median ms:\n{:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "nodes", "index", "parse", "resolve", "check", "drop"
    );
    for r in &rows {
        let p = r.phases.map(ms);
        println!(
            "{:>8} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
            r.nodes, p[0], p[1], p[2], p[3], p[4]
        );
    }
    println!();
    rows
}

/// One row of the text table: a debate, its size and its text per node.
struct TextRow {
    debate: String,
    nodes: usize,
    files: usize,
    bytes: usize,
}

/// The size of each generated debate's text, and of the hand-written showcase debate.
fn text_table(cases: &[Case]) -> Vec<TextRow> {
    let mut rows: Vec<TextRow> = cases
        .iter()
        .map(|c| TextRow {
            debate: format!("generated (seed {SEED})"),
            nodes: c.nodes,
            files: c.files.len(),
            bytes: c.files.iter().map(|f| f.text.len()).sum(),
        })
        .collect();
    let showcase = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/crypto-ai.crux");
    let text = std::fs::read_to_string(&showcase).expect("read claims/crypto-ai.crux");
    let bytes = text.len();
    let source = SourceFile::new("claims/crypto-ai.crux", showcase, text);
    let debate = crux::parse_debate(vec![source], ResolveOptions::default());
    rows.push(TextRow {
        debate: "claims/crypto-ai.crux".into(),
        nodes: debate.graph.graph.node_count(),
        files: 1,
        bytes,
    });
    println!(
        "{:<28} {:>8} {:>6} {:>12} {:>15}",
        "debate", "nodes", "files", "text bytes", "bytes per node"
    );
    for r in &rows {
        println!(
            "{:<28} {:>8} {:>6} {:>12} {:>15.0}",
            r.debate,
            r.nodes,
            r.files,
            r.bytes,
            r.bytes as f64 / r.nodes as f64
        );
    }
    println!();
    rows
}

/// Writes the text table under `claims/benchmarks/`.
fn write_text_csv(rows: &[TextRow]) {
    let mut text = String::from("debate,nodes,files,text_bytes,bytes_per_node\n");
    for r in rows {
        text.push_str(&format!(
            "{},{},{},{},{:.0}\n",
            r.debate,
            r.nodes,
            r.files,
            r.bytes,
            r.bytes as f64 / r.nodes as f64
        ));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/benchmarks");
    std::fs::create_dir_all(&dir).expect("create claims/benchmarks");
    let path = dir.join("check-text.csv");
    std::fs::write(&path, text).expect("write a CSV");
    println!("wrote {}", path.display());
}

/// Writes both tables under `claims/benchmarks/`.
fn write_csv(rows: &[Row]) {
    let machine = peer::machine_and_compiler();
    let mut scaling = String::from("nodes,files,median_ms,peak_mb,runs,machine\n");
    let mut phases =
        String::from("nodes,files,index_ms,parse_ms,resolve_ms,check_ms,drop_ms,runs,machine\n");
    for r in rows {
        scaling.push_str(&format!(
            "{},{},{:.2},{:.1},{},{machine}\n",
            r.nodes, r.files, r.median_ms, r.peak_mb, r.runs
        ));
        let p = r.phases.map(ms);
        phases.push_str(&format!(
            "{},{},{:.2},{:.2},{:.2},{:.2},{:.2},{},{machine}\n",
            r.nodes, r.files, p[0], p[1], p[2], p[3], p[4], r.runs
        ));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/benchmarks");
    std::fs::create_dir_all(&dir).expect("create claims/benchmarks");
    for (name, text) in [("check-scaling.csv", scaling), ("check-phases.csv", phases)] {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write a CSV");
        println!("wrote {}", path.display());
    }
}

fn dump(case: &Case, dir: &Path) {
    for f in &case.files {
        let path = dir.join(&f.name);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
        std::fs::write(&path, &f.text).expect("write a generated file");
    }
    println!("wrote the {} debate under {}", case.label(), dir.display());
}

fn criterion_benches(c: &mut Criterion, cases: &[Case], root: &Path) {
    let severities = Severities::default();
    let mut group = c.benchmark_group("check");
    for case in cases {
        if case.nodes >= 100_000 {
            group
                .sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(2))
                .measurement_time(Duration::from_secs(10));
        } else {
            group
                .sample_size(30)
                .sampling_mode(SamplingMode::Auto)
                .warm_up_time(Duration::from_secs(2))
                .measurement_time(Duration::from_secs(5));
        }
        group.throughput(Throughput::Elements(case.nodes as u64));
        group.bench_function(BenchmarkId::from_parameter(case.label()), |b| {
            b.iter_batched(
                || case.texts(),
                |texts| pipeline(case, texts, root, &severities),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// An empty directory to serve as project root, removed when dropped (also on a panic).
struct EmptyRoot(PathBuf);

impl EmptyRoot {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("crux-bench-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("create the temporary project root");
        EmptyRoot(root)
    }
}

impl Drop for EmptyRoot {
    fn drop(&mut self) {
        // Only ever empty: nothing writes into the project root.
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Median time of the verdict on each debate, parsed once beforehand; with
/// `CRUX_BENCH_WRITE=1` also written to `claims/benchmarks/verdict.csv`, or the file
/// `CRUX_BENCH_VERDICT_CSV` names there.
fn verdict_table(cases: &[Case], root: &Path, csv_name: &str) {
    use crux::semantics::{Verdict, VerdictOptions, carneades};
    println!(
        "\nverdict (semantics::carneades::evaluate), median of {VERDICT_RUNS} runs:\n{:>8} {:>10} {:>8} {:>8} {:>8}",
        "nodes", "median ms", "stands", "falls", "open"
    );
    let options = VerdictOptions::default();
    let machine = peer::csv_safe(&peer::machine_and_compiler());
    let mut csv = String::from("nodes,files,median_ms,stands,falls,open,runs,machine\n");
    for case in cases {
        let sources: Vec<SourceFile> = case
            .files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), root.join(&f.name), f.text.clone()))
            .collect();
        let debate = crux::parse_debate(sources, ResolveOptions::default());
        let samples = (0..VERDICT_RUNS)
            .map(|_| {
                let start = Instant::now();
                let verdicts = carneades::evaluate(black_box(&debate.graph), &options);
                let elapsed = start.elapsed();
                drop(black_box(verdicts));
                elapsed
            })
            .collect();
        let verdicts = carneades::evaluate(&debate.graph, &options);
        let count = |v: Verdict| verdicts.iter().filter(|(_, j)| j.verdict == v).count();
        let median_ms = ms(median(samples));
        let (stands, falls, open) = (
            count(Verdict::Stands),
            count(Verdict::Falls),
            count(Verdict::Open),
        );
        println!(
            "{:>8} {:>10.2} {:>8} {:>8} {:>8}",
            case.nodes, median_ms, stands, falls, open
        );
        csv.push_str(&format!(
            "{},{},{median_ms:.2},{stands},{falls},{open},{VERDICT_RUNS},{machine}\n",
            case.nodes,
            case.files.len(),
        ));
    }
    peer::write_results(csv_name, &csv);
}

/// Timed runs of the verdict per debate.
const VERDICT_RUNS: usize = 21;

fn main() {
    // `cargo bench` passes `--bench`; without it, or with `--test` (`cargo test --benches`,
    // `cargo bench -- --test`), only check that the 1k debate is clean and let criterion
    // run it once.
    let args: Vec<String> = std::env::args().collect();
    let full = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    let text_only = args.iter().any(|a| a == "--text-only");
    let verdict_only = args.iter().any(|a| a == "--verdict-only");
    let write = std::env::var("CRUX_BENCH_WRITE").is_ok_and(|v| v == "1");
    let verdict_csv = peer::results_name("CRUX_BENCH_VERDICT_CSV", "verdict.csv");
    let guard = EmptyRoot::new();
    let root = guard.0.as_path();
    let sizes: &[(usize, usize)] = if full || text_only || verdict_only {
        &SIZES
    } else {
        &SIZES[..1]
    };
    let cases: Vec<Case> = sizes
        .iter()
        .map(|&(nodes, runs)| Case {
            nodes,
            runs,
            files: common::generate(nodes, PER_FILE, SEED),
        })
        .collect();
    if verdict_only {
        verdict_table(&cases, root, &verdict_csv);
        return;
    }
    if text_only {
        for case in &cases {
            verify(case, root);
        }
        let rows = text_table(&cases);
        if write {
            write_text_csv(&rows);
        }
        return;
    }
    if full {
        let rows = scaling_table(&cases, root);
        let text = text_table(&cases);
        verdict_table(&cases, root, &verdict_csv);
        if write {
            write_csv(&rows);
            write_text_csv(&text);
        }
    } else {
        verify(&cases[0], root);
    }
    if let Ok(dir) = std::env::var("CRUX_BENCH_DUMP") {
        dump(cases.last().expect("at least one size"), Path::new(&dir));
    }
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &cases, root);
    c.final_summary();
}
