//! Times `crux solve` (the release binary, as a user runs it: process start, reading
//! the file, solving, printing) on ICCMA benchmark instances from
//! `../shared/data/iccma/`, and prints a table of medians, beside the medians measured
//! on the same machine for scalop, a top ICCMA 2023 solver written in Rust, where known.
//!
//! `cargo bench --bench solve`. With `CRUX_BENCH_WRITE=1` the table is also written to
//! `claims/benchmarks/solve-iccma.csv`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

struct Case {
    file: &'static str,
    label: &'static str,
    args: &'static [&'static str],
    /// scalop's median on this machine, in seconds.
    scalop: Option<f64>,
}

const ADMBUSTER: &str = "assat/ASSAT_Amsat/example/admbuster_50000.af";
const A1210993: &str = "assat/ASSAT_Amsat/example/a1210993_20150717_0403.gml.80.af";
const ST890: &str = "assat/ASSAT_Amsat/example/st_890_86_9_572.af";

const CASES: &[Case] = &[
    Case {
        file: ADMBUSTER,
        label: "SE-GR",
        args: &["--semantics", "grounded", "--task", "some"],
        scalop: Some(0.055),
    },
    Case {
        file: ADMBUSTER,
        label: "SE-ST",
        args: &["--semantics", "stable", "--task", "some"],
        scalop: Some(0.166),
    },
    Case {
        file: ADMBUSTER,
        label: "DC-PR 1",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "credulous",
            "--arg",
            "1",
        ],
        scalop: Some(0.273),
    },
    Case {
        file: ADMBUSTER,
        label: "DS-PR 1",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "skeptical",
            "--arg",
            "1",
        ],
        scalop: None,
    },
    Case {
        file: A1210993,
        label: "SE-GR",
        args: &["--semantics", "grounded", "--task", "some"],
        scalop: Some(0.020),
    },
    Case {
        file: A1210993,
        label: "SE-ST",
        args: &["--semantics", "stable", "--task", "some"],
        scalop: Some(0.041),
    },
    Case {
        file: A1210993,
        label: "DC-PR 1",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "credulous",
            "--arg",
            "1",
        ],
        scalop: Some(0.042),
    },
    Case {
        file: A1210993,
        label: "DS-PR 1",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "skeptical",
            "--arg",
            "1",
        ],
        scalop: None,
    },
    Case {
        file: "craandijk/generators/vendor/AFGenBenchmarkGenerator/samples/APX/n256p5q2_e.apx",
        label: "EE-PR",
        args: &["--semantics", "preferred", "--task", "enum"],
        scalop: None,
    },
    Case {
        file: "craandijk/generators/vendor/AFGenBenchmarkGenerator/samples/TGF/n512p5q2_vh.tgf",
        label: "DS-PR 1",
        args: &[
            "--semantics",
            "preferred",
            "--task",
            "skeptical",
            "--arg",
            "1",
        ],
        scalop: None,
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
        scalop: None,
    },
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // Under `cargo test --benches` only check that the binary answers one case.
    let full = std::env::args().any(|a| a == "--bench");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/iccma");
    let crux = env!("CARGO_BIN_EXE_crux");
    let cases = if full { CASES } else { &CASES[..1] };
    let mut rows = Vec::new();
    println!(
        "{:<42} {:<22} {:>10} {:>10} {:>7}  answer",
        "instance", "task", "crux s", "scalop s", "ratio"
    );
    for case in cases {
        let path = data.join(case.file);
        let mut runs = 11;
        let mut times = Vec::new();
        let mut answer = String::new();
        let mut code = None;
        let mut i = 0;
        while i < runs {
            i += 1;
            let started = Instant::now();
            let out = Command::new(crux)
                .arg("solve")
                .arg(&path)
                .args(case.args)
                .output()
                .expect("crux runs");
            times.push(started.elapsed());
            // Slow cases: a median of three is enough to tell seconds apart.
            if times.len() == 1 && times[0] > Duration::from_secs(1) {
                runs = 3;
            }
            code = out.status.code();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let lines = stdout.lines().count();
            let first = stdout.lines().next().unwrap_or("");
            let first = match first.strip_prefix('w') {
                Some(rest) => format!("extension of {}", rest.split_whitespace().count()),
                None => first.to_string(),
            };
            answer = match code {
                Some(3) => "timeout (exit 3)".to_string(),
                _ if lines > 1 => format!("{lines} extensions"),
                _ => first,
            };
        }
        assert!(
            matches!(code, Some(0) | Some(3)),
            "{} {}: exit {code:?}",
            case.file,
            case.label
        );
        let m = median(times).as_secs_f64();
        let name = case.file.rsplit('/').next().unwrap_or(case.file);
        let (scalop, ratio) = match case.scalop {
            Some(s) => (format!("{s:.3}"), format!("{:.2}", m / s)),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{name:<42} {:<22} {m:>10.3} {scalop:>10} {ratio:>7}  {answer}",
            case.label
        );
        rows.push(format!(
            "{name},{},{m:.3},{scalop},{ratio},{answer},{runs}",
            case.label
        ));
    }
    if full && std::env::var("CRUX_BENCH_WRITE").is_ok_and(|v| v == "1") {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("claims/benchmarks/solve-iccma.csv");
        let mut text =
            String::from("instance,task,crux_median_s,scalop_median_s,ratio,answer,runs\n");
        for r in rows {
            text.push_str(&r);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("write the results");
        println!("wrote {}", path.display());
    }
}
