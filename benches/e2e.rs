//! `crux check` end to end, as a user runs it: the release binary, process start to
//! exit, on one-file debates, beside Argdown's `argdown json` on the same debate.
//!
//! Run with `cargo bench --bench e2e` (about a minute; Argdown's runs take most of it).
//! With `CRUX_BENCH_WRITE=1` it writes `claims/benchmarks/check-e2e.csv`; with
//! `CRUX_BENCH_E2E_CSV=NAME` too, `claims/benchmarks/NAME` instead, to keep a second run
//! beside the first (the speed of a machine drifts, see step 3).
//!
//! 1. The check benchmark's generator (`common::generate`, same seed) writes each
//!    debate of [`SIZES`] as ONE `.crux` file (10,000 nodes are about 2.4 MB, 100,000
//!    about 24 MB), and the 10,000-node one also node for node as one Argdown file (see
//!    `to_argdown/mod.rs`).
//! 2. `crux check .` runs in the debate's folder several times: the median wall time
//!    (spawn to exit, output read through a pipe) and, from one more run under GNU
//!    time (`/usr/bin/time`, where installed), the peak resident memory of the process.
//!    Each run must exit 0 (the generated debates have no errors).
//! 3. `argdown json FILE OUT` (Argdown 1.7.5 from `$ARGDOWN`,
//!    `target/peers/node_modules/.bin/argdown` after
//!    `npm i --prefix target/peers @argdown/cli@1.7.5 --ignore-scripts`, or PATH) is
//!    measured the same way on the Argdown file, and the table gives how many times
//!    faster crux is. Its runs are interleaved with crux's (a few runs of crux and
//!    of the scanner of step 4, then one of Argdown, and again), so that the ratios
//!    compare them on the machine in the same state: the speed of the machines this runs on drifts by tens of
//!    percent within minutes. Without Argdown those columns stay empty.
//! 4. A bare scanner (`floor/scan.rs`, compiled on its own with `rustc -C
//!    opt-level=3`, the standard library only) runs in the same rounds on the same
//!    file: it finds the nodes and relations, resolves the IDs and prints the same
//!    `unsupported-claim` reports as crux, and nothing else. Its time is a floor for
//!    the job; `argdown_over_floor` is how many times faster than Argdown even that
//!    is. Without `rustc` its columns stay empty.
//! 5. The phases in this process, as the binary runs them: reading the file, parsing
//!    (`crux::parse_files`: a large file is read in parts, one per core), resolving
//!    (a large file's line index is made meanwhile, on the other core), checking, and
//!    writing the rustc-style report; the median of
//!    each. (The binary also parses its arguments and finds the files, and frees
//!    nothing at exit.) Apart from them, the same file is parsed on one thread
//!    (`crux::syntax::lower`), which gives the throughput in MB/s per core.
//! 6. What every run of the binary pays whatever the debate, apart from the phases:
//!    the median wall time of `crux --version` (starting the process, loading and
//!    relocating it, parsing the arguments, exiting) and of `crux check .` on a
//!    one-node debate (that, and finding the config and the files). The phases above
//!    are timed in a process that has run them before, on memory it already holds;
//!    the binary, started afresh, also waits for the system to hand it every page it
//!    touches (page faults), much of what its wall time has beyond the fixed costs
//!    and the phases.
//!
//! Every program writes its results (crux and the scanner their reports to the pipe,
//! Argdown its JSON to a temporary folder), so none skips its output. Under `cargo
//! test --benches` (no `--bench`) only a 1,000-node one-file debate is checked once,
//! as a smoke test, which also asserts that the scanner's reports are crux's
//! `unsupported-claim` reports, byte for byte, in process and compiled on its own.
//!
//! `CRUX_BENCH_DUMP=DIR` writes the debates under `DIR` (`crux-NODES/` and
//! `debate-NODES.argdown`) and keeps them, to profile the binary on them.

/// The allocator of the `crux` binary, so that the phases are timed as it runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)]
mod common;
mod peer;
#[path = "floor/scan.rs"]
mod scan;
mod to_argdown;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crux::check::Severities;
use crux::model::ResolveOptions;
use crux::syntax::SourceFile;

/// Runs of the fixed costs (`crux --version`, a one-node check).
const FIXED_RUNS: usize = 21;

/// `(nodes, crux runs, Argdown runs)`; Argdown only at 10,000 nodes (at 100,000 it
/// needs minutes and gigabytes).
const SIZES: [(usize, usize, usize); 2] = [(10_000, 21, 7), (100_000, 5, 0)];
/// The limit of one run.
const LIMIT: Duration = Duration::from_secs(300);

/// One generated debate on disk.
struct Written {
    nodes: usize,
    relations: usize,
    bytes: usize,
    /// The folder that holds the one `.crux` file.
    crux_dir: PathBuf,
    /// The same debate in Argdown.
    argdown: PathBuf,
    /// The `.crux` file.
    path: PathBuf,
}

fn write_debate(nodes: usize, dir: &Path) -> Written {
    let mut files = common::generate(nodes, nodes, common::SEED);
    assert_eq!(files.len(), 1, "one file");
    let file = files.remove(0);
    let crux_dir = dir.join(format!("crux-{nodes}"));
    let path = crux_dir.join(&file.name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    std::fs::write(&path, &file.text).expect("write the .crux file");
    let bytes = file.text.len();
    let source = SourceFile::new(file.name, &path, file.text);
    let debate = crux::parse_debate(vec![source], ResolveOptions::default());
    let argdown = dir.join(format!("debate-{nodes}.argdown"));
    std::fs::write(&argdown, to_argdown::to_argdown(&debate)).expect("write the Argdown file");
    Written {
        nodes: debate.graph.graph.node_count(),
        relations: debate.graph.graph.edge_count(),
        bytes,
        crux_dir,
        argdown,
        path,
    }
}

/// A program to time: what to run, with which arguments, where.
struct Job<'a> {
    program: &'a Path,
    args: &'a [&'a str],
    dir: &'a Path,
}

impl Job<'_> {
    /// One run, which must end within the limit and exit 0.
    fn once(&self, memory: bool) -> peer::Run {
        let run = peer::run(self.program, self.args, self.dir, LIMIT, memory);
        assert!(!run.killed, "{} ran out of time", self.program.display());
        assert_eq!(
            run.code,
            Some(0),
            "{} {:?} failed: {}",
            self.program.display(),
            self.args,
            run.stderr
        );
        run
    }

    /// The peak memory of one more run, under GNU time.
    fn peak(&self) -> Option<f64> {
        self.once(true).peak_mb
    }
}

/// Median wall time of `runs` runs and the peak memory of one more (under GNU time).
/// Panics unless every run exits 0.
fn measure(job: &Job<'_>, runs: usize) -> (Duration, Option<f64>) {
    let times = (0..runs).map(|_| job.once(false).elapsed).collect();
    (peer::median(times), job.peak())
}

/// [`measure`] for several programs at once, their runs interleaved in rounds (as many
/// as the fewest runs asked for): in each round every program runs its share of its
/// runs, so that all of them see the machine in the same state (its speed here drifts
/// by tens of percent within minutes, and a ratio of two medians taken minutes apart
/// would measure the drift).
fn measure_interleaved(jobs: &[(&Job<'_>, usize)]) -> Vec<(Duration, Option<f64>)> {
    let rounds = jobs.iter().map(|&(_, runs)| runs).min().unwrap_or(0).max(1);
    let mut times: Vec<Vec<Duration>> = jobs.iter().map(|&(_, r)| Vec::with_capacity(r)).collect();
    for round in 0..rounds {
        for (&(job, runs), times) in jobs.iter().zip(&mut times) {
            let due = runs * (round + 1) / rounds;
            while times.len() < due {
                times.push(job.once(false).elapsed);
            }
        }
    }
    jobs.iter()
        .zip(times)
        .map(|(&(job, _), times)| (peer::median(times), job.peak()))
        .collect()
}

/// Compiles the bare scanner (`floor/scan.rs`) on its own with `rustc` (`$RUSTC`, or
/// on PATH) into `dir`, as a program that scans the file named by its argument and
/// prints the report. `None`, said why, if it cannot be compiled.
fn build_floor(dir: &Path) -> Option<PathBuf> {
    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/floor/scan.rs");
    let main = dir.join("floor-main.rs");
    let program = dir.join("floor");
    let source = format!(
        "#[path = {:?}]\nmod scan;\n\n{}",
        scan.to_str()?,
        r#"fn main() {
    use std::io::Write;
    let path = std::env::args().nth(1).expect("the file to scan");
    let text = std::fs::read_to_string(&path).expect("read the file");
    let scan = scan::scan(&path, &text);
    std::io::stdout().write_all(scan.report.as_bytes()).expect("write the report");
    // As crux does, the process exits without freeing what it made.
    std::mem::forget((text, scan));
}
"#
    );
    std::fs::write(&main, source).expect("write the scanner's main");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let built = std::process::Command::new(&rustc)
        .args([
            "--edition",
            "2024",
            "-C",
            "opt-level=3",
            "-C",
            "codegen-units=1",
        ])
        .args(["-C", "panic=abort", "-o"])
        .arg(&program)
        .arg(&main)
        .output();
    match built {
        Ok(out) if out.status.success() => Some(program),
        Ok(out) => {
            println!(
                "the bare scanner did not compile, so it is not timed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            println!("rustc cannot be run ({e}), so the bare scanner is not timed");
            None
        }
    }
}

/// The phases of `crux check` in this process, one after the other as the binary runs
/// them: reading the file, parsing, resolving (and indexing lines), checking, and
/// writing the report (rustc-style text). Medians over `runs`.
fn phases(path: &Path, root: &Path, runs: usize) -> [Duration; 6] {
    let mut samples: [Vec<Duration>; 6] = Default::default();
    for _ in 0..runs {
        let t = Instant::now();
        let sources = vec![crux::project::read(path).expect("read the debate")];
        samples[0].push(t.elapsed());

        let t = Instant::now();
        let parsed = crux::parse_files(&sources);
        samples[1].push(t.elapsed());

        let t = Instant::now();
        let debate = crux::resolve_debate(sources, parsed, ResolveOptions::default());
        samples[2].push(t.elapsed());

        let t = Instant::now();
        let diagnostics =
            crux::check_debate(&debate, root, &Severities::default(), &Default::default());
        samples[3].push(t.elapsed());

        let t = Instant::now();
        let report = crux::diagnostic::human::render(&diagnostics, &debate.sources, false);
        samples[4].push(t.elapsed());
        drop(black_box((diagnostics, report)));

        // Not a phase: the same parse on one thread, for the rate per core.
        let t = Instant::now();
        let one = crux::syntax::lower(crux::syntax::FileId(0), &debate.sources[0].text);
        samples[5].push(t.elapsed());
        drop(black_box((debate, one)));
    }
    samples.map(peer::median)
}

/// The fixed costs of a run of the binary: the median wall time of `crux --version`
/// and of `crux check .` on a one-node debate written under `dir`.
fn fixed_costs(crux: &Path, dir: &Path) -> (Duration, Duration) {
    let one = dir.join("crux-1");
    std::fs::create_dir_all(&one).expect("create a folder");
    std::fs::write(one.join("one.crux"), "thesis t: \"One node.\"\n").expect("write a debate");
    let job = |args, dir| Job {
        program: crux,
        args,
        dir,
    };
    let (start, _) = measure(&job(&["--version"], dir), FIXED_RUNS);
    let (check, _) = measure(&job(&["check", "."], &one), FIXED_RUNS);
    (start, check)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The file's name as `crux check .` shows it, from the debate's folder.
fn shown_name(w: &Written) -> String {
    let name = w
        .path
        .strip_prefix(&w.crux_dir)
        .expect("the file is in its folder");
    name.to_str().expect("UTF-8").to_string()
}

/// The smoke test of the floor: on the debate `w`, the bare scanner reports exactly the
/// `unsupported-claim` findings that `crux check` reported (`crux_report`), byte for
/// byte, and, compiled on its own, prints the same report.
fn floor_agrees(w: &Written, crux_report: &str, dir: &Path) {
    let name = shown_name(w);
    let text = std::fs::read_to_string(&w.path).expect("read the debate");
    let scan = scan::scan(&name, &text);
    let crux_blocks: Vec<&str> = crux_report
        .split("\n\n")
        .filter(|b| b.starts_with("warning[unsupported-claim]"))
        .collect();
    let scan_blocks: Vec<&str> = scan
        .report
        .split("\n\n")
        .filter(|b| b.starts_with("warning["))
        .collect();
    assert!(
        !scan.unbacked.is_empty(),
        "the debate has unsupported claims"
    );
    assert_eq!(scan_blocks.len(), scan.unbacked.len());
    for (i, (scanned, checked)) in scan_blocks.iter().zip(&crux_blocks).enumerate() {
        assert_eq!(scanned, checked, "report {i}: the scanner's, then crux's");
    }
    assert_eq!(
        scan_blocks.len(),
        crux_blocks.len(),
        "as many reports as crux"
    );
    let program = build_floor(dir).expect("the bare scanner compiles");
    let run = peer::run(&program, &[&name], &w.crux_dir, LIMIT, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, scan.report);
}

fn main() {
    let csv_name = peer::results_name("CRUX_BENCH_E2E_CSV", "check-e2e.csv");
    let full = std::env::args().any(|a| a == "--bench");
    let crux = PathBuf::from(env!("CARGO_BIN_EXE_crux"));
    let dump = std::env::var_os("CRUX_BENCH_DUMP").map(PathBuf::from);
    let dir = dump.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("crux-bench-e2e-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    if !full {
        let w = write_debate(1_000, &dir);
        let run = peer::run(&crux, &["check", "."], &w.crux_dir, LIMIT, false);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        floor_agrees(&w, &run.stdout, &dir);
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/node_modules/.bin/argdown");
    let argdown = peer::find("ARGDOWN", Some(&local), "argdown");
    let version = match &argdown {
        Some(a) => peer::csv_safe(&peer::version(a, "--version")),
        None => {
            println!(
                "Argdown is not installed (npm i --prefix target/peers @argdown/cli@1.7.5 --ignore-scripts): crux only"
            );
            String::new()
        }
    };
    let floor = build_floor(&dir);
    let machine = peer::machine();
    let (start, one_node) = fixed_costs(&crux, &dir);
    let fixed = format!("{:.1},{:.1}", ms(start), ms(one_node));
    let mut csv = String::from(
        "nodes,relations,files,mb,crux_median_ms,crux_peak_mb,crux_runs,start_ms,one_node_ms,read_ms,parse_ms,resolve_ms,check_ms,report_ms,parse_mb_per_s_per_core,floor_median_ms,argdown_median_ms,argdown_peak_mb,argdown_runs,argdown_over_crux,argdown_over_floor,argdown_version,machine\n",
    );
    println!(
        "{:>7} {:>9} {:>6} {:>8} {:>8} {:>9} {:>10} {:>9} {:>11} {:>11} {:>8} {:>8}",
        "nodes",
        "relations",
        "MB",
        "crux ms",
        "crux MB",
        "parse ms",
        "MB/s/core",
        "floor ms",
        "argdown ms",
        "argdown MB",
        "ratio",
        "floor x"
    );
    let cell = |v: Option<f64>, digits: usize| v.map_or(String::new(), |v| format!("{v:.digits$}"));
    let mut phase_rows = Vec::new();
    for (nodes, runs, argdown_runs) in SIZES {
        let w = write_debate(nodes, &dir);
        let mb = w.bytes as f64 / 1e6;
        let check = Job {
            program: &crux,
            args: &["check", "."],
            dir: &w.crux_dir,
        };
        let name = shown_name(&w);
        let floor_args = [name.as_str()];
        let floor_job = floor.as_deref().map(|program| Job {
            program,
            args: &floor_args,
            dir: &w.crux_dir,
        });
        let out = dir.join("json");
        let (file, out) = (
            w.argdown.to_str().expect("UTF-8"),
            out.to_str().expect("UTF-8"),
        );
        let argdown_args = ["json", file, out];
        let argdown_job = argdown
            .as_deref()
            .filter(|_| argdown_runs > 0)
            .map(|program| Job {
                program,
                args: &argdown_args,
                dir: &dir,
            });
        // Argdown, when it runs, sets the rounds: crux and the floor run between its runs.
        let mut jobs = vec![(&check, runs)];
        jobs.extend(floor_job.as_ref().map(|job| (job, runs)));
        jobs.extend(argdown_job.as_ref().map(|job| (job, argdown_runs)));
        let mut results = measure_interleaved(&jobs).into_iter();
        let (ct, cm) = results.next().expect("crux's result");
        let ft = floor_job
            .as_ref()
            .and_then(|_| results.next())
            .map(|(t, _)| ms(t));
        let (at, am) = match results.next() {
            Some((t, m)) => (Some(ms(t)), m),
            None => (None, None),
        };
        let phase = phases(&w.path, &w.crux_dir, runs);
        let parse = phase[1];
        let throughput = mb / phase[5].as_secs_f64();
        let ratio = at.map(|a| a / ms(ct));
        let floor_ratio = at.zip(ft).map(|(a, f)| a / f);
        println!(
            "{:>7} {:>9} {:>6.1} {:>8.1} {:>8} {:>9.1} {:>10.1} {:>9} {:>11} {:>11} {:>8} {:>8}",
            w.nodes,
            w.relations,
            mb,
            ms(ct),
            cell(cm, 1),
            ms(parse),
            throughput,
            cell(ft, 1),
            cell(at, 1),
            cell(am, 1),
            cell(ratio, 1),
            cell(floor_ratio, 1)
        );
        let argdown_done = if at.is_some() { argdown_runs } else { 0 };
        csv.push_str(&format!(
            "{},{},1,{mb:.2},{:.1},{},{runs},{fixed},{},{throughput:.1},{},{},{},{argdown_done},{},{},{},{machine}\n",
            w.nodes,
            w.relations,
            ms(ct),
            cell(cm, 1),
            phase[..5]
                .iter()
                .map(|&p| format!("{:.1}", ms(p)))
                .collect::<Vec<_>>()
                .join(","),
            cell(ft, 1),
            cell(at, 1),
            cell(am, 1),
            cell(ratio, 1),
            cell(floor_ratio, 1),
            if at.is_some() { version.as_str() } else { "" },
        ));
        phase_rows.push((w.nodes, phase));
    }
    println!(
        "\nphases in this process, median ms:\n{:>7} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "nodes", "read", "parse", "resolve", "check", "report"
    );
    for (nodes, phase) in phase_rows {
        let p = phase.map(ms);
        println!(
            "{nodes:>7} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            p[0], p[1], p[2], p[3], p[4]
        );
    }
    println!(
        "\nfixed costs of a run, median ms: crux --version {:.1}, crux check of a one-node debate {:.1}",
        ms(start),
        ms(one_node)
    );
    peer::write_results(&csv_name, &csv);
    if dump.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
