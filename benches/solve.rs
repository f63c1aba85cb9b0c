//! Times `crux solve` (the release binary, as a user runs it: process start, reading
//! the file, solving, printing) on ICCMA benchmark instances from the folder named by
//! `CRUX_ICCMA_DATA` (default `tests/data/iccma/`, which holds all but two of them:
//! admbuster_50000 and the TGF form of n512p5q2_vh are measured only where that
//! variable names a folder that has them; a case whose file is absent is skipped, and
//! the results file is then not written), and, when it is installed, scalop, a top
//! ICCMA 2023 solver written in Rust, on the same instances in the same run, the same
//! way. It prints a table of medians. The bench runs `$SCALOP` or `scalop` on PATH;
//! install it with `cargo install --locked scalop`, the dependency versions of its own
//! lock file: with the newest ones, its times on the hard instances differ
//! several-fold. To measure such a build, name it: `SCALOP=PATH SCALOP_BUILD=newest`
//! writes `solve-iccma-scalop-newest.csv` instead.
//!
//! `cargo bench --bench solve`. With `CRUX_BENCH_WRITE=1` the table is also written to
//! `claims/benchmarks/solve-iccma.csv`. Nothing in it is typed in by hand: a peer that
//! is not installed, or that has no such task, gets `-`.
//!
//! Limits: every run of either solver is stopped after 30 s (reported as `timeout`);
//! the case that gives crux `--timeout 5` gives scalop the same 5 s. A case whose
//! first run takes over a second is run 3 times instead of 11. scalop reads ICCMA'23
//! and APX files; a TGF instance is converted to ICCMA'23 for it first, outside the
//! clock.

mod peer;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// One instance and task.
struct Case {
    file: &'static str,
    label: &'static str,
    args: &'static [&'static str],
    /// scalop's problem (`-p`) and argument (`-a`), if scalop has the task.
    scalop: Option<(&'static str, Option<&'static str>)>,
    /// The wall-clock limit of one run, for both solvers.
    limit_s: u64,
}

const ADMBUSTER: &str = "assat/ASSAT_Amsat/example/admbuster_50000.af";
const A1210993: &str = "assat/ASSAT_Amsat/example/a1210993_20150717_0403.gml.80.af";
const ST890: &str = "assat/ASSAT_Amsat/example/st_890_86_9_572.af";
const N256: &str = "craandijk/generators/vendor/AFGenBenchmarkGenerator/samples/APX/n256p5q2_e.apx";
const N512: &str =
    "craandijk/generators/vendor/AFGenBenchmarkGenerator/samples/TGF/n512p5q2_vh.tgf";

const GR: &[&str] = &["--semantics", "grounded", "--task", "some"];
const ST: &[&str] = &["--semantics", "stable", "--task", "some"];
const DC_PR_1: &[&str] = &[
    "--semantics",
    "preferred",
    "--task",
    "credulous",
    "--arg",
    "1",
];
const DS_PR_1: &[&str] = &[
    "--semantics",
    "preferred",
    "--task",
    "skeptical",
    "--arg",
    "1",
];

const CASES: &[Case] = &[
    Case {
        file: ADMBUSTER,
        label: "SE-GR",
        args: GR,
        scalop: Some(("SE-GR", None)),
        limit_s: 30,
    },
    Case {
        file: ADMBUSTER,
        label: "SE-ST",
        args: ST,
        scalop: Some(("SE-ST", None)),
        limit_s: 30,
    },
    Case {
        file: ADMBUSTER,
        label: "DC-PR 1",
        args: DC_PR_1,
        scalop: Some(("DC-PR", Some("1"))),
        limit_s: 30,
    },
    Case {
        file: ADMBUSTER,
        label: "DS-PR 1",
        args: DS_PR_1,
        scalop: Some(("DS-PR", Some("1"))),
        limit_s: 30,
    },
    Case {
        file: A1210993,
        label: "SE-GR",
        args: GR,
        scalop: Some(("SE-GR", None)),
        limit_s: 30,
    },
    Case {
        file: A1210993,
        label: "SE-ST",
        args: ST,
        scalop: Some(("SE-ST", None)),
        limit_s: 30,
    },
    Case {
        file: A1210993,
        label: "DC-PR 1",
        args: DC_PR_1,
        scalop: Some(("DC-PR", Some("1"))),
        limit_s: 30,
    },
    Case {
        file: A1210993,
        label: "DS-PR 1",
        args: DS_PR_1,
        scalop: Some(("DS-PR", Some("1"))),
        limit_s: 30,
    },
    // scalop has no enumeration task (ICCMA 2023 had none).
    Case {
        file: N256,
        label: "EE-PR",
        args: &["--semantics", "preferred", "--task", "enum"],
        scalop: None,
        limit_s: 30,
    },
    Case {
        file: N512,
        label: "DS-PR 1",
        args: DS_PR_1,
        scalop: Some(("DS-PR", Some("1"))),
        limit_s: 30,
    },
    Case {
        file: ST890,
        label: "DS-PR 1 (timeout 5 s)",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "skeptical",
            "--arg",
            "1",
            "--timeout",
            "5",
        ],
        scalop: Some(("DS-PR", Some("1"))),
        limit_s: 5,
    },
];

/// A solver's answer in a few words: `extension of N`, `N extensions`, `YES`, `NO`,
/// `timeout`.
fn answer(run: &peer::Run, crux: bool) -> String {
    if run.killed || (crux && run.code == Some(3)) {
        return "timeout".into();
    }
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('c'))
        .collect();
    match lines.as_slice() {
        [] => format!("no output (exit {:?})", run.code),
        [one] => match one.strip_prefix('w') {
            Some(rest) => format!("extension of {}", rest.split_whitespace().count()),
            None => one.to_string(),
        },
        many => format!("{} extensions", many.len()),
    }
}

/// Median time and answer of up to 11 runs (3 when the first takes over a second, 1
/// when it hits the limit).
fn measure(
    program: &Path,
    args: &[&str],
    limit: Duration,
    crux: bool,
) -> (Duration, String, usize) {
    let dir = std::env::temp_dir();
    let mut times = Vec::new();
    let mut runs = 11;
    let mut last = String::new();
    while times.len() < runs {
        let run = peer::run(program, args, &dir, limit, false);
        let a = answer(&run, crux);
        let ok = run.killed || matches!(run.code, Some(0) | Some(3)) || !crux;
        assert!(
            ok,
            "{} {args:?}: exit {:?}\n{}",
            program.display(),
            run.code,
            run.stderr
        );
        if !last.is_empty() && a != last {
            panic!("{} {args:?} answered {a}, then {last}", program.display());
        }
        last = a;
        times.push(run.elapsed);
        if times.len() == 1 {
            if run.killed || run.code == Some(3) {
                runs = 1;
            } else if run.elapsed > Duration::from_secs(1) {
                runs = 3;
            }
        }
    }
    (peer::median(times), last, runs)
}

/// A TGF file (`a` lines, `#`, `a b` lines) as an ICCMA'23 file in `dir`, and the
/// ICCMA index of the TGF argument named `arg`.
fn tgf_to_iccma(path: &Path, dir: &Path, arg: &str) -> (PathBuf, String) {
    let text = std::fs::read_to_string(path).expect("read the TGF instance");
    let (nodes, edges) = text.split_once("\n#").expect("a TGF file has a # line");
    let names: Vec<&str> = nodes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let index = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .expect("a known argument")
            + 1
    };
    let mut out = format!("p af {}\n", names.len());
    for line in edges.lines().skip(1) {
        let mut it = line.split_whitespace();
        if let (Some(a), Some(b)) = (it.next(), it.next()) {
            out.push_str(&format!("{} {}\n", index(a), index(b)));
        }
    }
    let file = dir.join(format!("crux-bench-{}.af", std::process::id()));
    std::fs::write(&file, out).expect("write the converted instance");
    (file, index(arg).to_string())
}

fn main() {
    // Under `cargo test --benches` only check that the binary answers one case.
    let full = std::env::args().any(|a| a == "--bench");
    let data = match std::env::var_os("CRUX_ICCMA_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/iccma"),
    };
    let (present, absent): (Vec<&Case>, Vec<&Case>) =
        CASES.iter().partition(|c| data.join(c.file).is_file());
    for case in &absent {
        println!("{}: absent from {}, skipped", case.file, data.display());
    }
    if present.is_empty() {
        println!(
            "no instance found in {}: nothing to measure",
            data.display()
        );
        return;
    }
    let crux = PathBuf::from(env!("CARGO_BIN_EXE_crux"));
    let scalop = peer::find("SCALOP", None, "scalop");
    match &scalop {
        Some(p) => println!(
            "scalop: {} ({})",
            p.display(),
            peer::version(p, "--version")
        ),
        None => println!("scalop is not installed (cargo install --locked scalop): crux alone"),
    }
    let cases = if full { &present[..] } else { &present[..1] };
    let tmp = std::env::temp_dir();
    let mut rows = Vec::new();
    println!(
        "{:<34} {:<22} {:>9} {:>9} {:>6}  answers",
        "instance", "task", "crux s", "scalop s", "ratio"
    );
    for case in cases {
        let path = data.join(case.file);
        let limit = Duration::from_secs(case.limit_s);
        let mut args = vec!["solve", path.to_str().expect("UTF-8 path")];
        args.extend(case.args);
        let (m, crux_answer, runs) = measure(&crux, &args, limit, true);
        let name = case.file.rsplit('/').next().unwrap_or(case.file);
        let m = m.as_secs_f64();
        let mut scalop_cells = (
            "-".to_string(),
            "-".to_string(),
            "-".to_string(),
            "-".to_string(),
        );
        if let (Some(program), Some((problem, arg))) = (&scalop, case.scalop) {
            let (file, arg) = if case.file.ends_with(".tgf") {
                let (f, a) = tgf_to_iccma(&path, &tmp, arg.unwrap_or("1"));
                (f, Some(a))
            } else {
                (path.clone(), arg.map(String::from))
            };
            let reader = if case.file.ends_with(".apx") {
                "apx"
            } else {
                "iccma23"
            };
            let mut sargs = vec![
                "solve",
                "-f",
                file.to_str().expect("UTF-8 path"),
                "-p",
                problem,
            ];
            sargs.extend(["-r", reader, "--logging-level", "off"]);
            if let Some(a) = &arg {
                sargs.extend(["-a", a.as_str()]);
            }
            let (s, a, r) = measure(program, &sargs, limit, false);
            if file != path {
                let _ = std::fs::remove_file(&file);
            }
            let s = s.as_secs_f64();
            let ratio = if a == "timeout" || crux_answer == "timeout" {
                "-".to_string()
            } else {
                format!("{:.2}", m / s)
            };
            scalop_cells = (format!("{s:.3}"), a, r.to_string(), ratio);
        }
        let (s, s_answer, s_runs, ratio) = scalop_cells;
        println!(
            "{name:<34} {:<22} {m:>9.3} {s:>9} {ratio:>6}  {crux_answer} / {s_answer}",
            case.label
        );
        rows.push(format!(
            "{name},{},{m:.3},{runs},{crux_answer},{s},{s_runs},{s_answer},{ratio}",
            case.label
        ));
    }
    if full {
        let build = scalop_build();
        let version = scalop
            .as_deref()
            .map_or("scalop not installed".into(), |p| {
                let version = peer::csv_safe(&peer::version(p, "--version"));
                match &build {
                    Some(label) => format!("{version} ({label} build)"),
                    None => version,
                }
            });
        let file = build.map_or("solve-iccma.csv".to_string(), |label| {
            format!("solve-iccma-scalop-{label}.csv")
        });
        let machine = peer::machine();
        let mut text = String::from(
            "instance,task,crux_median_s,crux_runs,crux_answer,scalop_median_s,scalop_runs,scalop_answer,ratio,scalop_version,machine\n",
        );
        for r in rows {
            text.push_str(&format!("{r},{version},{machine}\n"));
        }
        if absent.is_empty() {
            peer::write_results(&file, &text);
        } else {
            println!(
                "{file} not written: {} of {} instances are absent (set CRUX_ICCMA_DATA)",
                absent.len(),
                CASES.len()
            );
        }
    }
}

/// `SCALOP_BUILD`: a label for a build of scalop other than `cargo install --locked
/// scalop` (lower-case letters, digits and `-`), such as `newest` for one built with the
/// newest dependencies. Its table goes to `solve-iccma-scalop-LABEL.csv`, so the
/// reference table is never overwritten by another build's.
fn scalop_build() -> Option<String> {
    let label = std::env::var("SCALOP_BUILD")
        .ok()
        .filter(|l| !l.is_empty())?;
    assert!(
        label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "SCALOP_BUILD={label}: use lower-case letters, digits and -"
    );
    Some(label)
}
