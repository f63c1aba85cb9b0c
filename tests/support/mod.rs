//! What several test files share: finding the `.crux` fixtures they run over, and
//! running the `crux` binary with a time limit.
//!
//! Each test file that needs it declares `mod support;`; the folder keeps Cargo from
//! building this as a test of its own. A test file uses only part of it.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Every `*.crux` file directly in `dir` (not `*.expected.crux`, which hold what a
/// fixture formats to), sorted by name. Panics if the folder cannot be read or holds
/// none, so that a moved fixture folder fails the test instead of passing it empty.
pub fn crux_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".crux") && !name.ends_with(".expected.crux")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .crux files in {}", dir.display());
    paths
}

/// Runs `crux ARGS` in `dir` with no standard input, and kills it (failing the test)
/// after `limit`, so that a command that blocks fails the test instead of hanging the
/// run. Its output is read on threads while it runs, so that a large output cannot
/// block it.
pub fn crux_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crux runs");
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).map(|_| bytes)
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`crux {}` did not finish within {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap().unwrap(),
        stderr: stderr.join().unwrap().unwrap(),
    }
}
