//! `crux lsp` as an editor sees it: the release binary as a process, spoken to over
//! its stdin and stdout.
//!
//! Run with `cargo bench --bench lsp`. It prints medians:
//!
//! 1. On a 1,000-node debate in 10 files (the check benchmark's generator,
//!    `common::generate`, 100 nodes a file), one file is opened, then edited again and
//!    again (a line added at its end, as one keystroke's `didChange`): the time from
//!    sending each `didChange` to receiving the `publishDiagnostics` of that version
//!    (the server waits [`crux::lsp::DEBOUNCE`] for more changes first). Goal: under
//!    50 ms.
//! 2. On a 10,000-node debate in 10 files, the same, and the peak resident memory of
//!    the server process (`VmHWM` of `/proc/PID/status`, Linux) after the edits.
//!    Goal: under 100 MB.
//!
//! With `CRUX_BENCH_WRITE=1` the table is also written to `claims/benchmarks/lsp.csv`.
//! Under `cargo test --benches` (no `--bench`) each size runs three edits, as a smoke
//! test.

#[allow(dead_code)]
mod common;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// `(nodes, files, edits)`.
const SIZES: [(usize, usize, usize); 2] = [(1_000, 10, 41), (10_000, 10, 21)];
/// The longest wait for one answer.
const LIMIT: Duration = Duration::from_secs(60);

/// The server process and its messages.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Message>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("crux lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).expect("the server reads");
        self.stdin.flush().expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    /// Waits for the first message `wanted` accepts.
    fn wait(&self, wanted: impl Fn(&Message) -> bool) -> Message {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .messages
                .recv_timeout(left)
                .expect("the server answers in time");
            if wanted(&m) {
                return m;
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`.
    fn diagnostics(&self, uri: &str, version: i64) -> Value {
        let m = self.wait(|m| match m {
            Message::Notification(n) => {
                n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == version
            }
            _ => false,
        });
        match m {
            Message::Notification(n) => n.params,
            _ => unreachable!(),
        }
    }

    fn request(&mut self, id: i32, method: &str, params: Value) -> Value {
        self.send(Message::Request(Request::new(
            RequestId::from(id),
            method.into(),
            params,
        )));
        let m = self.wait(|m| matches!(m, Message::Response(r) if r.id == RequestId::from(id)));
        match m {
            Message::Response(r) => r.response_result.unwrap_or(Value::Null),
            _ => unreachable!(),
        }
    }

    /// The peak resident memory of the process in bytes (Linux).
    fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    fn stop(mut self) {
        self.request(9_999, "shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs one size: the median time from `didChange` to `publishDiagnostics`, and the
/// peak memory of the server.
fn run(nodes: usize, files: usize, edits: usize) -> (Duration, Duration, Option<u64>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = std::fs::canonicalize(dir.path()).expect("the folder exists");
    for f in common::generate(nodes, nodes / files, common::SEED) {
        let path = root.join(&f.name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
        std::fs::write(&path, &f.text).expect("writable");
    }
    let file = root.join("debate/part-000.crux");
    let text = std::fs::read_to_string(&file).expect("written");
    let uri = format!("file://{}", file.display());
    let mut server = Server::start(&root);
    let root_uri = format!("file://{}", root.display());
    server.request(
        1,
        "initialize",
        json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
    );
    server.notify("initialized", json!({}));
    let opened = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "crux", "version": 1, "text": text } }),
    );
    let first = server.diagnostics(&uri, 1);
    let first_time = opened.elapsed();
    let errors = first["diagnostics"]
        .as_array()
        .map_or(0, |d| d.iter().filter(|d| d["severity"] == 1).count());
    assert_eq!(errors, 0, "the generated debate has no errors");
    let lines = text.lines().count();
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = 2 + i as i64;
        let line = lines + i;
        let change = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{
                "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } },
                "text": format!("# edit {i}\n"),
            }],
        });
        let sent = Instant::now();
        server.notify("textDocument/didChange", change);
        server.diagnostics(&uri, version);
        times.push(sent.elapsed());
    }
    let memory = server.peak_memory();
    server.stop();
    (median(times), first_time, memory)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    println!(
        "crux lsp: didChange to publishDiagnostics (median), first check after didOpen, peak memory"
    );
    let mut csv = String::from("nodes,files,edits,debounce_ms,change_median_ms,open_ms,peak_mb\n");
    for (nodes, files, edits) in SIZES {
        let edits = if full { edits } else { 3 };
        let (change, open, memory) = run(nodes, files, edits);
        csv.push_str(&format!(
            "{nodes},{files},{edits},{},{:.1},{:.1},{}\n",
            crux::lsp::DEBOUNCE.as_millis(),
            change.as_secs_f64() * 1000.0,
            open.as_secs_f64() * 1000.0,
            memory.map_or(String::new(), |m| format!("{:.1}", m as f64 / 1_000_000.0)),
        ));
        let memory = memory.map_or("n/a".to_string(), |m| {
            format!("{:.1} MB", m as f64 / 1_000_000.0)
        });
        println!(
            "{nodes:>6} nodes in {files} files: change {:>7.1} ms (debounce {} ms, {edits} edits), open {:>7.1} ms, memory {memory}",
            change.as_secs_f64() * 1000.0,
            crux::lsp::DEBOUNCE.as_millis(),
            open.as_secs_f64() * 1000.0,
        );
    }
    if full && std::env::var("CRUX_BENCH_WRITE").is_ok_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/claims/benchmarks/lsp.csv");
        std::fs::write(path, csv).expect("cannot write the benchmark table");
        println!("wrote {path}");
    }
}
