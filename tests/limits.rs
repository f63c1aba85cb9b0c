//! Hostile sizes: `solve --timeout` stops on time however large the framework and
//! whatever the number, a file of garbage keeps few errors and little memory, and human
//! diagnostics cost time in proportion to what they show.
//!
//! The inputs are generated here (a fixed pseudo-random sequence), never committed.
//! Time bounds are generous, because these tests run on a debug build on a loaded
//! machine: each instance is sized so that the code before these limits took many times
//! longer than the bound (the numbers are given at each test), while the code with
//! them finishes far within it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crux::check::Severities;
use crux::diagnostic::{human, json};
use crux::syntax::{FileId, MAX_ERRORS, SourceFile, SyntaxErrorKind};

/// A fresh directory under the system temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("crux-limits-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A small deterministic pseudo-random sequence (xorshift64*).
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// An ICCMA'23 framework of `n` arguments and `m` random attacks.
fn random_framework(n: u64, m: u64) -> String {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut text = format!("p af {n}\n");
    for _ in 0..m {
        let (a, b) = (random.below(n) + 1, random.below(n) + 1);
        text.push_str(&format!("{a} {b}\n"));
    }
    text
}

/// Runs crux; its exit code, stdout, stderr and how long it took.
fn crux(args: &[&str], dir: &Path) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("crux runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

/// 100,000 arguments and a million attacks, with `--timeout 0.5`. Before the deadline
/// was looked at while reading the framework and building the SAT encoding, a debug
/// build took 8.8 s here (a release build 5 to 8 s), all of it before the first look
/// at the clock. Now it stops at 0.5 s; the bound leaves 2 s for starting the process
/// on a busy machine.
#[test]
fn solve_stops_at_the_deadline_while_reading_and_encoding() {
    let tmp = TempDir::new("solve");
    std::fs::write(tmp.0.join("big.af"), random_framework(100_000, 1_000_000)).unwrap();
    for semantics in ["complete", "preferred", "stable"] {
        let (code, _, err, took) = crux(
            &[
                "solve",
                "big.af",
                "--semantics",
                semantics,
                "--timeout",
                "0.5",
            ],
            &tmp.0,
        );
        assert_eq!(code, 3, "{semantics}: {err}");
        assert!(err.starts_with("error: timed out after "), "{err}");
        assert!(
            took < Duration::from_millis(2500),
            "{semantics}: took {took:?} with --timeout 0.5"
        );
    }
}

/// A debate of 100,000 claims and 500,000 attacks (11 MB), with `--timeout 0.5`: the
/// deadline used to be looked at only after the debate was parsed and resolved (10 s
/// in a debug build, 3.7 s in a release build); now the wait for the debate stops on
/// time.
#[test]
fn solve_stops_at_the_deadline_while_parsing_a_debate() {
    let tmp = TempDir::new("debate");
    let mut random = Random(0x5151_5151_5151_5151);
    let n = 100_000;
    let mut text = String::from("thesis t: \"T.\"\n");
    for i in 0..n {
        text.push_str(&format!("claim c{i}: \"Claim {i}.\"\n"));
        for _ in 0..5 {
            text.push_str(&format!("  attacks c{}\n", random.below(n)));
        }
    }
    std::fs::write(tmp.0.join("big.crux"), text).unwrap();
    let (code, _, err, took) = crux(
        &[
            "solve",
            "big.crux",
            "--semantics",
            "complete",
            "--timeout",
            "0.5",
        ],
        &tmp.0,
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        took < Duration::from_millis(2500),
        "took {took:?} with --timeout 0.5"
    );
}

/// Any number of seconds is a deadline, no deadline or a clear usage error; never a
/// panic (`1e19` and `1e20` used to overflow the clock and exit 101).
#[test]
fn solve_takes_any_timeout() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/solve");
    let args = |t: &'static str| {
        [
            "solve",
            "floating.af",
            "--semantics",
            "preferred",
            "--timeout",
            t,
        ]
    };
    let (code, expected, err, _) = crux(&args("10")[..4], &dir);
    assert_eq!(code, 0, "{err}");
    for t in [
        "1e19",
        "1e20",
        "1e300",
        "1.7976931348623157e308",
        "inf",
        "18446744073709551616",
    ] {
        let (code, out, err, _) = crux(&args(t), &dir);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (0, expected.as_str(), ""),
            "--timeout {t}"
        );
    }
    for t in ["--timeout=NaN", "--timeout=-inf", "--timeout=-1e20"] {
        let args = ["solve", "floating.af", "--semantics", "preferred", t];
        let (code, out, err, _) = crux(&args, &dir);
        assert_eq!(code, 2, "--timeout {t}: {out}{err}");
        assert!(
            err.starts_with("error: --timeout must be zero or more seconds, found "),
            "{err}"
        );
    }
    // No time at all: the deadline has passed before anything is read.
    let (code, _, err, _) = crux(&args("0"), &dir);
    assert_eq!(code, 3, "{err}");
}

/// Garbage lines that are each exactly one syntax error.
fn garbage(lines: usize) -> String {
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789 @$%&*()[]{}<>?/|=+-_~;,.";
    let mut random = Random(0x0123_4567_89ab_cdef);
    let mut text = String::new();
    for _ in 0..lines {
        // `@` first: never a node, an attribute, a comment or a string.
        text.push('@');
        for _ in 0..5 + random.below(60) {
            text.push(alphabet[random.below(alphabet.len() as u64) as usize] as char);
        }
        text.push('\n');
    }
    text
}

/// Only the first [`MAX_ERRORS`] errors of a file are kept and the rest are counted:
/// a file of garbage no longer holds an error per line.
#[test]
fn garbage_keeps_the_first_errors_and_counts_the_rest() {
    let lines = 100_000;
    let parsed = crux::syntax::parse(FileId(0), &garbage(lines));
    assert_eq!(parsed.errors.len(), MAX_ERRORS + 1);
    match &parsed.errors[MAX_ERRORS].kind {
        SyntaxErrorKind::TooManyErrors { omitted } => assert_eq!(*omitted, lines - MAX_ERRORS),
        other => panic!("{other:?}"),
    }
    // The errors kept are the first ones, one per line, in order.
    let text = garbage(MAX_ERRORS + 1);
    let line_starts: Vec<u32> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
        .take(MAX_ERRORS + 1)
        .collect();
    let starts: Vec<u32> = parsed.errors.iter().map(|e| e.span.start).collect();
    assert_eq!(starts, line_starts);
}

/// The peak memory of a process, read from `/proc` while it runs (Linux only):
/// `VmHWM` only grows, so the last value read is close to the peak.
#[cfg(target_os = "linux")]
fn peak_kib(mut child: std::process::Child) -> (std::process::ExitStatus, u64) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kib = line
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            return (status, peak);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A 16 MB file of garbage lines: `check` used to hold a worded error and two line
/// records for each of its 480,000 lines, about 15 times the file in memory (250 MB
/// here, 800 MB for a 60 MB file); now it needs about twice the file, whatever the
/// number of errors.
#[cfg(target_os = "linux")]
#[test]
fn garbage_is_checked_in_memory_proportional_to_the_file() {
    let tmp = TempDir::new("garbage");
    let text = garbage(480_000);
    let size_kib = text.len() as u64 / 1024;
    std::fs::write(tmp.0.join("garbage.crux"), &text).unwrap();
    drop(text);
    let child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "garbage.crux", "--format", "json"])
        .current_dir(&tmp.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("crux runs");
    let (status, peak) = peak_kib(child);
    assert_eq!(status.code(), Some(1));
    assert!(
        peak < 6 * size_kib + 64 * 1024,
        "peak {peak} KiB for a file of {size_kib} KiB"
    );
}

/// A support cycle through `n` claims, each on its own two lines.
fn cycle(n: usize) -> String {
    let mut text = String::from("thesis t: \"T.\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "claim c{i}: \"Claim {i}.\"\n  supports c{}\n",
            (i + 1) % n
        ));
    }
    text
}

/// `n` claims that all have the ID `a`.
fn duplicates(n: usize) -> String {
    let mut text = String::from("thesis t: \"T.\"\n");
    for i in 0..n {
        text.push_str(&format!("claim a: \"Claim {i}.\"\n  supports t\n"));
    }
    text
}

fn diagnostics(text: String) -> (Vec<crux::diagnostic::Diagnostic>, crux::Debate) {
    let file = SourceFile::new("big.crux", "/nonexistent/big.crux", text);
    let debate = crux::parse_debate(vec![file], Default::default());
    let d = crux::check_debate(
        &debate,
        Path::new("/nonexistent"),
        &Severities::default(),
        &Default::default(),
    );
    (d, debate)
}

/// A 50,000-claim support cycle is one diagnostic with 50,000 places. The human report
/// used to draw every one of them (18.5 s in a release build, against 0.6 s for JSON),
/// and finding the cycle overflowed the stack of a debug build; now the cycle is found
/// without recursion, and the report draws the first few places and counts the rest.
#[test]
fn a_long_cycle_is_reported_in_a_few_lines() {
    let (diagnostics, debate) = diagnostics(cycle(50_000));
    let cycle: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.name == "circular-support")
        .cloned()
        .collect();
    assert_eq!(cycle.len(), 1);
    assert_eq!(cycle[0].secondary.len(), 49_999);
    let out = human::render(&cycle, &debate.sources, false);
    assert!(out.lines().count() < 120, "{} lines", out.lines().count());
    assert!(
        out.contains(
            "note: 49979 more related places are not shown; `--format json` lists every one"
        ),
        "{out}"
    );
    // JSON keeps every place.
    let v: serde_json::Value =
        serde_json::from_str(&json::render(&cycle, &debate.sources)).expect("JSON");
    assert_eq!(v[0]["related"].as_array().map(Vec::len), Some(49_999));
}

/// 20,000 duplicate IDs, each reported with the first definition at the top of the file.
/// The human report used to hand the renderer every line between the two (15 s in a
/// release build, against 0.12 s for JSON; over two minutes in a debug build); now it
/// costs about what JSON costs.
#[test]
fn human_reports_cost_about_what_json_costs() {
    let (diagnostics, debate) = diagnostics(duplicates(20_000));
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.name == "duplicate-id")
            .count(),
        19_999
    );
    let started = Instant::now();
    let out = json::render(&diagnostics, &debate.sources);
    let json_took = started.elapsed();
    assert!(out.len() > 1_000_000);
    let started = Instant::now();
    let out = human::render(&diagnostics, &debate.sources, false);
    let human_took = started.elapsed();
    assert!(
        human_took < 10 * json_took + Duration::from_secs(5),
        "human {human_took:?}, JSON {json_took:?}"
    );
    assert!(
        out.contains("::: big.crux:2:7"),
        "the first definition has its own snippet"
    );
}
