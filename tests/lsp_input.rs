//! `crux lsp` on input that is not an LSP client's: it ends at once with exit 2 and one
//! line saying what was wrong, never reading an endless header (`< /dev/zero`) or
//! allocating what a garbled `Content-Length` asks for; a client's session still ends
//! with exit 0.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `crux lsp` in an empty folder with `stdin`, killed after ten seconds.
fn lsp(stdin: Stdio, input: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut stdin) = child.stdin.take() {
        // The server may stop reading before the end: a broken pipe is fine.
        let _ = stdin.write_all(input);
    }
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("crux lsp did not stop in 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn message(json: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{json}", json.len()).into_bytes()
}

#[test]
fn garbage_ends_the_server_with_the_reason() {
    for (input, expected) in [
        (
            &b"hello world\n"[..],
            "error: crux lsp: standard input: malformed header \"hello world\\n\"; each ends with \\r\\n",
        ),
        (
            b"Content-Length: 99999999999999\r\n\r\n{}",
            "error: crux lsp: standard input: a message of 99999999999999 bytes; the limit is 536870912",
        ),
        (
            // A framed body that is not JSON is skipped; the input then ends too early.
            b"Content-Length: 5\r\n\r\nhello",
            "crux lsp: skipped a message that is not JSON: expected value at line 1 column 1\n\
             error: crux lsp: standard input ended before the client sent `exit`",
        ),
        (
            b"",
            "error: crux lsp: standard input ended before the client sent `exit`",
        ),
    ] {
        let out = lsp(Stdio::piped(), input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.trim_end(), expected);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_header_is_refused() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = lsp(Stdio::from(zero), b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "error: crux lsp: standard input: a header line longer than 8192 bytes; is this an LSP client?"
    );
}

#[test]
fn a_session_still_ends_cleanly() {
    let mut input =
        message(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    input.extend(message(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.extend(message(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#));
    input.extend(message(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let out = lsp(Stdio::piped(), &input);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(r#""serverInfo""#), "{stdout}");
    assert!(stdout.contains(r#""id":2"#), "{stdout}");
}

/// After `shutdown` a request is answered with `InvalidRequest`, and `exit` ends the
/// server with 0; `exit` without `shutdown` ends it with 1, as the protocol says.
#[test]
fn shutdown_then_exit_as_the_protocol_says() {
    let start = || {
        let mut input = message(
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        );
        input.extend(message(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ));
        input
    };
    let mut input = start();
    input.extend(message(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#));
    input.extend(message(
        r#"{"jsonrpc":"2.0","id":3,"method":"workspace/symbol","params":{"query":""}}"#,
    ));
    input.extend(message(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let out = lsp(Stdio::piped(), &input);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32600,"#),
        "{stdout}"
    );

    let mut input = start();
    input.extend(message(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let out = lsp(Stdio::piped(), &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "crux lsp: the client sent `exit` before `shutdown`"
    );
}
