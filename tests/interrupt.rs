//! Ctrl-C (SIGINT) while `crux render -o` writes its output: the temporary file beside
//! the output is removed, the output keeps its old content, and crux exits with 130.
//!
//! The signal is sent as soon as the temporary file appears, which the test watches for
//! by listing the folder in a loop; a large debate makes the write last long enough
//! (tens of milliseconds) for the signal to arrive during it. When it arrives too late
//! (the output was already renamed into place, or crux had finished), the attempt is
//! repeated with a larger debate; whatever the timing, no temporary file may remain and
//! the output is never half-written. The handler's own parts are tested in
//! `src/interrupt.rs`.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names of the temporary files of writes in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".crux-tmp"))
        .collect()
}

/// A debate of 5,000 claims of `words` words each, which render to JSON of about
/// 8 × `words` kilobytes.
fn large_debate(words: usize) -> String {
    let text = vec!["word"; words].join(" ");
    let mut out = String::from("thesis t: \"The thesis.\"\n");
    for i in 0..5_000 {
        out.push_str(&format!(
            "claim c{i}: \"Claim {i}: {text}\"\n  supports t 0.5\n"
        ));
    }
    out
}

#[test]
fn an_interrupted_render_leaves_no_temporary_file_and_the_old_output() {
    const OLD: &str = "the old map\n";
    let dir = tempfile::tempdir().expect("a temporary folder");
    let output = dir.path().join("map.json");
    let mut outcomes = Vec::new();
    for attempt in 0..6 {
        let words = 300 << attempt.min(2);
        std::fs::write(dir.path().join("debate.crux"), large_debate(words)).unwrap();
        std::fs::write(&output, OLD).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
            .args([
                "render",
                "debate.crux",
                "--format",
                "json",
                "-o",
                "map.json",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("crux runs");
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut sent = false;
        while child.try_wait().unwrap().is_none() {
            if !temporary_files(dir.path()).is_empty() {
                // SAFETY: kill(2) with a child's process ID and SIGINT has no memory effect.
                assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
                sent = true;
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("crux render took over two minutes");
            }
        }
        let out = child.wait_with_output().expect("crux ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let left = temporary_files(dir.path());
        assert!(
            left.is_empty(),
            "attempt {attempt}: {left:?} left behind (interrupted: {sent}, {:?}) {stderr}",
            out.status
        );
        let written = std::fs::read_to_string(&output).unwrap();
        if written == OLD {
            // Interrupted during the write: the old output stays, and crux says nothing.
            assert!(
                sent,
                "attempt {attempt}: not written, {:?} {stderr}",
                out.status
            );
            assert_eq!(out.status.code(), Some(130), "{:?} {stderr}", out.status);
            assert_eq!(stderr, "");
            return;
        }
        // Too late: the new output is in place, whole.
        serde_json::from_str::<serde_json::Value>(&written)
            .unwrap_or_else(|e| panic!("attempt {attempt}: a half-written output: {e}"));
        // Interrupted after the rename (130), or finished before the signal came (0).
        let code = out.status.code();
        assert!(
            code == Some(0) || (sent && code == Some(130)),
            "attempt {attempt}: {:?} {stderr}",
            out.status
        );
        outcomes.push((words, sent, out.status));
    }
    panic!("the signal never arrived during the write: {outcomes:?}");
}
