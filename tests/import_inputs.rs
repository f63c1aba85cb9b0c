//! `crux import` reads its inputs, and the files they `@include`, as every input is
//! read: a named pipe or a device is refused at once (reading one could block forever,
//! or never end and fill the memory), and text that is not UTF-8 is placed by line and
//! column. Nothing is written.

#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// Runs `crux args` in `dir`, killed after ten seconds (a hang fails the test, rather
/// than the test run).
fn crux(dir: &Path, args: &[&str]) -> Output {
    support::crux_within(dir, args, Duration::from_secs(10))
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Asserts exit 2, `expected` as the first line of stderr, and nothing written.
fn assert_refused(dir: &Path, args: &[&str], expected: &str) {
    let out = crux(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().next(), Some(expected), "{stderr}");
    assert!(stderr.contains("error: nothing was written"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!dir.join("out").exists());
}

#[test]
fn a_named_pipe_is_refused_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.json"));
    for format in ["aif", "argdown", "kialo", "microtext"] {
        assert_refused(
            dir.path(),
            &["import", format, "pipe.json", "-o", "out"],
            "error: pipe.json: a named pipe (FIFO), not a regular file",
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_device_that_never_ends_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for device in ["/dev/zero", "/dev/urandom"] {
        assert_refused(
            dir.path(),
            &["import", "kialo", device, "-o", "out"],
            &format!("error: {device}: a device, not a regular file"),
        );
    }
}

#[test]
fn text_that_is_not_utf8_is_placed_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.txt"),
        b"Discussion Title: T\n\n1. caf\xe9\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["import", "kialo", "talk.txt", "-o", "out"],
        "error: talk.txt:3:7: not valid UTF-8 text",
    );
}

/// Imports `main.argdown`, which includes `part.argdown` on its line 3, once `make_part`
/// has made the part in the folder it is given; the import must be refused with
/// `cannot read @include(part.argdown): REASON`.
fn assert_include_refused(make_part: impl FnOnce(&Path), reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    make_part(dir.path());
    std::fs::write(
        dir.path().join("main.argdown"),
        "[A]: a\n\n@include(part.argdown)\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["import", "argdown", "main.argdown", "-o", "out"],
        &format!("error: main.argdown:3:1: cannot read @include(part.argdown): {reason}"),
    );
}

#[test]
fn an_included_named_pipe_is_refused() {
    assert_include_refused(
        |dir| mkfifo(&dir.join("part.argdown")),
        "a named pipe (FIFO), not a regular file",
    );
}

/// An included file is read as the input is: text that is not UTF-8 is placed by line
/// and column there too.
#[test]
fn an_included_file_that_is_not_utf8_is_placed_by_line_and_column() {
    assert_include_refused(
        |dir| std::fs::write(dir.join("part.argdown"), b"[B]: b\n[C]: caf\xe9\n").unwrap(),
        "not valid UTF-8 text at line 2, column 9",
    );
}

#[test]
fn an_included_file_over_the_size_limit_is_refused_unread() {
    assert_include_refused(
        |dir| {
            // Sparse: the size alone refuses it.
            let part = std::fs::File::create(dir.join("part.argdown")).unwrap();
            part.set_len(crux::project::MAX_FILE_BYTES + 1).unwrap();
        },
        "file is too large (the limit is 64 MiB)",
    );
}
