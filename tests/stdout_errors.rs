//! Standard output that cannot be written: every command that prints says so, `error:
//! cannot write to standard output: why`, and exits 2, instead of exiting 0 (or
//! panicking) with its output lost; a reader that stops reading (`| head`) is no error.
//! Standard error that cannot be written changes nothing but the messages: the exit
//! status and the files written are those of a run whose messages were read.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};

const DEBATE: &str =
    "thesis t: \"Remote work raises output.\"\n\nclaim c: \"Commutes are gone.\"\n  supports t\n";

/// A folder with `d.crux`, a changed copy `new.crux`, an unformatted `ugly.crux`, an
/// Argdown file and its own `crux.yaml`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crux.yaml"), "").unwrap();
    std::fs::write(dir.path().join("d.crux"), DEBATE).unwrap();
    std::fs::write(
        dir.path().join("new.crux"),
        format!("{DEBATE}\nclaim n: \"New.\"\n  attacks t\n"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("ugly")).unwrap();
    std::fs::write(dir.path().join("ugly/u.crux"), "thesis t:    \"x\"\n").unwrap();
    std::fs::write(dir.path().join("a.argdown"), "[A]: a statement\n").unwrap();
    dir
}

/// Every command that prints its result on standard output.
const COMMANDS: &[&[&str]] = &[
    &["--help"],
    &["--version"],
    &["check", "--help"],
    &["check", "d.crux"],
    &["check", "--format", "json", "d.crux"],
    &["check", "--format", "sarif", "d.crux"],
    &["explain", "t", "d.crux"],
    &["rules"],
    &["rules", "--format", "json"],
    &["rule", "G103"],
    &["solve", "--semantics", "grounded", "d.crux"],
    &["solve", "--semantics", "preferred", "d.crux"],
    &["solve", "--semantics", "dfquad", "d.crux"],
    &["solve", "--semantics", "carneades", "d.crux"],
    &["render", "--format", "svg", "d.crux"],
    &["render", "--format", "png", "d.crux"],
    &["render", "--format", "json", "d.crux"],
    &["fmt", "--check", "ugly"],
    &["diff", "d.crux", "new.crux"],
    &["import", "argdown", "a.argdown", "-o", "-"],
    &["completions", "bash"],
    &["man"],
];

fn run(dir: &Path, args: &[&str], stdout: Stdio) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_is_reported_and_exits_2() {
    let dir = project();
    for args in COMMANDS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = run(dir.path(), args, Stdio::from(full));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "crux {}: {stderr}",
            args.join(" ")
        );
        let line = "error: cannot write to standard output: No space left on device (os error 28)";
        assert_eq!(
            stderr.lines().filter(|l| *l == line).count(),
            1,
            "crux {}: expected `{line}` once in:\n{stderr}",
            args.join(" ")
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn fmt_reports_a_full_disk_after_formatting_the_files() {
    let dir = project();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(dir.path(), &["fmt", "ugly"], Stdio::from(full));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: cannot write to standard output: "),
        "{stderr}"
    );
    // The file itself was written: only the list of what was done was lost.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ugly/u.crux")).unwrap(),
        "thesis t: \"x\"\n"
    );
}

#[test]
fn a_reader_that_stops_reading_is_no_error() {
    let dir = project();
    for args in COMMANDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
            .args(*args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before a byte is read: every write fails with a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("standard output") && !stderr.contains("panicked"),
            "crux {}: {stderr}",
            args.join(" ")
        );
        assert_ne!(
            out.status.code(),
            Some(2),
            "crux {}: {stderr}",
            args.join(" ")
        );
    }
}

/// Commands that say something on standard error: errors, warnings and progress.
const SPEAKING: &[&[&str]] = &[
    &["check", "missing.crux"],
    &["check", "--config", "missing.yaml", "d.crux"],
    &["solve", "--semantics", "preferred", "bad.af"],
    &["import", "argdown", "warn.argdown", "-o", "-"],
    &["import", "argdown", "bad.argdown", "-o", "-"],
    &["explain", "nobody", "d.crux"],
    &["fmt", "ugly"],
    &["render", "--format", "svg", "--root", "nobody", "d.crux"],
    &["frobnicate"],
];

/// The exit status of `crux ARGS` in a fresh copy of the project, its standard error
/// sent to `stderr`, and the formatted file afterwards.
fn status_with_stderr(args: &[&str], stderr: Stdio) -> (Option<i32>, String) {
    let dir = project();
    std::fs::write(dir.path().join("bad.af"), "p af 3\n1 x\n").unwrap();
    std::fs::write(dir.path().join("bad.argdown"), "[A: not closed\n").unwrap();
    // An undercut of an element that argues for nothing: imported with a warning.
    std::fs::write(
        dir.path().join("warn.argdown"),
        "[A]: a statement\n  _ [B]: an undercut\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(stderr)
        .status()
        .unwrap();
    let formatted = std::fs::read_to_string(dir.path().join("ugly/u.crux")).unwrap();
    (out.code(), formatted)
}

#[test]
fn standard_error_that_cannot_be_written_changes_no_outcome() {
    for args in SPEAKING {
        let (expected, formatted) = status_with_stderr(args, Stdio::piped());
        assert!(
            matches!(expected, Some(0..=2)),
            "crux {}: {expected:?}",
            args.join(" ")
        );
        // A pipe whose reader is gone before the first message: each write fails
        // with a broken pipe.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let closed = status_with_stderr(args, Stdio::from(writer));
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let on_full = status_with_stderr(args, Stdio::from(full));
        for (how, got) in [("a closed pipe", closed), ("/dev/full", on_full)] {
            assert_eq!(
                got,
                (expected, formatted.clone()),
                "crux {} with standard error on {how}",
                args.join(" ")
            );
        }
    }
}
