//! `crux serve` end to end: the real binary on a debate in a temporary folder, spoken to
//! over HTTP with the standard library. The page, the files it may and may not send,
//! the event that follows an edit, the banner's event while the debate has a syntax
//! error, and a clean stop on Ctrl-C.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const DEBATE: &str = r#"thesis served: "The map is served."
  credence 0.6

claim reason: "A reason for it."
  supports served 0.7

evidence data: "Some data."
  supports reason 0.5
  artifact "data/table.csv"
"#;

/// A running `crux serve`, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
    _stdout: BufReader<ChildStdout>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A project folder: the debate, its artifact, and a secret next to the folder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("debate");
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(root.join("main.crux"), DEBATE).unwrap();
    std::fs::write(root.join("data/table.csv"), "year,value\n2024,1\n").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "do not serve").unwrap();
    dir
}

/// The port of the address `crux serve` prints first (`http://127.0.0.1:PORT/`).
fn port_in(line: &str) -> Option<u16> {
    line.split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
}

fn serve(dir: &Path, extra: &[&str]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("serve")
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port = port_in(&line).unwrap_or_else(|| panic!("no address in {line:?}"));
    Serve {
        child,
        port,
        _stdout: stdout,
    }
}

/// Status and body of a GET of `target`, sent as it is (no normalisation of `..`).
fn get_with_host(port: u16, target: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn get(port: u16, target: &str) -> (u16, String) {
    get_with_host(port, target, &format!("127.0.0.1:{port}"))
}

/// The event stream: one `state` event's data at a time.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /_crux/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
            if line == "\r\n" {
                break;
            }
        }
        Events(reader)
    }

    /// Whether nothing but keep-alive comments comes for `wait`.
    fn quiet(&mut self, wait: Duration) -> bool {
        self.0.get_ref().set_read_timeout(Some(wait)).unwrap();
        let mut line = String::new();
        let quiet = match self.0.read_line(&mut line) {
            Ok(n) => n > 0 && line.starts_with(':'),
            Err(e) => matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        self.0
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        quiet
    }

    fn next(&mut self) -> serde_json::Value {
        let mut event = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "the stream ended");
            if line == "\n" {
                if let Some(data) = event.strip_prefix("event: state\ndata: ") {
                    return serde_json::from_str(data.trim_end()).unwrap();
                }
                event.clear();
            } else {
                event.push_str(&line);
            }
        }
    }
}

#[test]
fn serves_the_map_with_the_live_script() {
    let dir = project();
    let server = serve(&dir.path().join("debate"), &[]);
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("The map is served."), "{page}");
    assert!(page.contains("<svg"), "no map");
    assert!(page.contains("/_crux/events"), "no live-reload script");
    assert!(
        page.contains("connect-src &#39;self&#39;"),
        "the policy forbids the events"
    );
    // The artifact, linked relative to the page, is served.
    assert!(
        page.contains("href=\"./data/table.csv\""),
        "no artifact link"
    );
    assert_eq!(
        get(server.port, "/data/table.csv"),
        (200, "year,value\n2024,1\n".into())
    );
}

#[test]
fn nothing_outside_the_project_is_served() {
    let dir = project();
    let root = dir.path().join("debate");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
    }
    let server = serve(&root, &[]);
    let secret = dir.path().join("secret.txt");
    for target in [
        "/../secret.txt".to_string(),
        "/data/../../secret.txt".into(),
        "/%2e%2e/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/link.txt".into(),
        "/up/secret.txt".into(),
        format!("/{}", secret.display()),
        format!("/{}", secret.display().to_string().replace('/', "%2f")),
        "/.hidden".into(),
        "/missing.csv".into(),
    ] {
        let (status, body) = get(server.port, &target);
        assert_eq!(status, 404, "{target}: {body}");
        assert!(!body.contains("do not serve"), "{target}");
    }
    // A page of another site whose name points here is refused.
    assert_eq!(get_with_host(server.port, "/", "evil.example:80").0, 403);
}

/// Only what the page links to is sent: not the debate's own files, not a file beside
/// the artifact, and, with no `crux.yaml`, not the rest of the git repository the
/// project root is taken from (a key listed in `.gitignore`, say).
#[test]
fn only_the_files_the_page_links_to_are_served() {
    let dir = project();
    let root = dir.path().join("debate");
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("credentials.txt"), "API_KEY=abc").unwrap();
    std::fs::write(root.join("data/private.csv"), "x\n1\n").unwrap();
    let server = serve(&root, &[]);
    // The project is the repository: the artifact is at `debate/data/table.csv`.
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("href=\"./debate/data/table.csv\""), "{page}");
    assert_eq!(
        get(server.port, "/debate/data/table.csv"),
        (200, "year,value\n2024,1\n".into())
    );
    for target in [
        "/credentials.txt",
        "/debate/main.crux",
        "/debate/data/private.csv",
    ] {
        let (status, body) = get(server.port, target);
        assert_eq!(status, 404, "{target}: {body}");
    }
}

/// A client that asks for a file and never reads it holds up nobody: the page is
/// still answered.
#[test]
fn a_client_that_does_not_read_holds_up_nobody() {
    let dir = project();
    let root = dir.path().join("debate");
    // Far more than the socket buffers hold.
    let big = "year,value\n".to_string() + &"2024,1\n".repeat(4_000_000);
    std::fs::write(root.join("data/table.csv"), big).unwrap();
    let server = serve(&root, &[]);
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stalled,
        "GET /data/table.csv HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("<html"));
    drop(stalled);
}

#[test]
fn an_edit_sends_a_reload_event() {
    let dir = project();
    let root = dir.path().join("debate");
    let server = serve(&root, &[]);
    let mut events = Events::open(server.port);
    let first = events.next();
    assert_eq!(first["version"], 1);
    assert_eq!(first["problems"], serde_json::json!([]));

    let saved = Instant::now();
    let edited = DEBATE.replace("A reason for it.", "A better reason for it.");
    std::fs::write(root.join("main.crux"), edited).unwrap();
    let next = events.next();
    let took = saved.elapsed();
    assert_eq!(next["version"], 2, "{next}");
    eprintln!(
        "the reload event came {} ms after the save",
        took.as_millis()
    );
    assert!(took < Duration::from_millis(500), "took {took:?}");
    let (_, page) = get(server.port, "/");
    assert!(page.contains("A better reason for it."));
}

/// The page follows its data: a change to an artifact outside the folder served (but
/// inside the project) sends a reload too, and the page shows the new data.
#[test]
fn a_change_of_the_data_sends_a_reload_event() {
    let dir = project();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("tables")).unwrap();
    std::fs::write(dir.path().join("tables/d.csv"), "x\n1\n").unwrap();
    let root = dir.path().join("debate");
    std::fs::write(
        root.join("main.crux"),
        DEBATE.replace("data/table.csv", "../tables/d.csv"),
    )
    .unwrap();
    let server = serve(&root, &[]);
    let mut events = Events::open(server.port);
    assert_eq!(events.next()["version"], 1);
    std::fs::write(dir.path().join("tables/d.csv"), "x\n7\n").unwrap();
    assert_eq!(events.next()["version"], 2);
}

#[test]
fn a_save_that_changes_nothing_sends_nothing() {
    let dir = project();
    let root = dir.path().join("debate");
    let server = serve(&root, &[]);
    let mut events = Events::open(server.port);
    assert_eq!(events.next()["version"], 1);
    std::fs::write(root.join("main.crux"), DEBATE).unwrap();
    std::fs::write(root.join("notes.txt"), "not part of the debate").unwrap();
    assert!(events.quiet(Duration::from_millis(700)));
    let (_, page) = get(server.port, "/");
    assert!(
        page.contains("var version = \"1\""),
        "the page was replaced"
    );
}

#[test]
fn a_syntax_error_keeps_the_last_map_and_names_the_line() {
    let dir = project();
    let root = dir.path().join("debate");
    let server = serve(&root, &[]);
    let mut events = Events::open(server.port);
    assert_eq!(events.next()["version"], 1);
    let broken = DEBATE.replace("claim reason: \"A reason", "claim reason \"A reason");
    std::fs::write(root.join("main.crux"), broken).unwrap();
    let state = events.next();
    assert_eq!(state["version"], 1, "{state}");
    let problem = &state["problems"][0];
    let location = problem["location"].as_str().unwrap();
    assert!(location.ends_with("main.crux:4:14"), "{state}");
    assert!(!problem["message"].as_str().unwrap().is_empty());
    // The last good map stays.
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("A reason for it."));
    // Fixed: a new page.
    std::fs::write(root.join("main.crux"), DEBATE.replace("it.", "it, fixed.")).unwrap();
    let state = events.next();
    assert_eq!(state["version"], 2, "{state}");
    assert_eq!(state["problems"], serde_json::json!([]));
}

#[test]
fn a_debate_broken_from_the_start_shows_its_errors_until_fixed() {
    let dir = project();
    let root = dir.path().join("debate");
    std::fs::write(root.join("main.crux"), "thesis t \"no colon\"\n").unwrap();
    let server = serve(&root, &[]);
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("main.crux:1:"), "{page}");
    let mut events = Events::open(server.port);
    assert_eq!(events.next()["version"], 0);
    std::fs::write(root.join("main.crux"), DEBATE).unwrap();
    assert_eq!(events.next()["version"], 1);
}

#[test]
fn listens_on_the_port_given() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = project();
    let server = serve(&dir.path().join("debate"), &["--port", &port.to_string()]);
    assert_eq!(server.port, port);
    assert_eq!(get(port, "/").0, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let dir = project();
    let mut server = serve(&dir.path().join("debate"), &[]);
    let _events = Events::open(server.port);
    // SAFETY: kill(2) with a child's process ID and SIGINT has no memory effect.
    unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) };
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    // Nothing changed, so nothing was announced: the first map is no update.
    assert_eq!(stderr, "stopped\n");
}

/// `crux serve main.crux` in the debate's folder, without a `crux.yaml`: the file's
/// folder is `.`, as for `./main.crux` (it was the empty path, which cannot be served).
#[test]
fn a_file_named_without_its_folder_is_served() {
    let dir = project();
    let root = dir.path().join("debate");
    // No crux.yaml above the temporary folder either: the root is the file's folder.
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["serve", "main.crux"])
        .current_dir(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let Some(port) = port_in(&line) else {
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!(
            "no address in {line:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let server = Serve {
        child,
        port,
        _stdout: stdout,
    };
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("The map is served."), "{page}");
    assert_eq!(
        get(server.port, "/data/table.csv"),
        (200, "year,value\n2024,1\n".into())
    );
}

/// Standard output that cannot be written (`> /dev/full`): the failure is reported and
/// the address is given on standard error, where it can be read.
#[cfg(target_os = "linux")]
#[test]
fn the_address_is_given_when_standard_output_fails() {
    let dir = project();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("serve")
        .arg(dir.path().join("debate"))
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read on a thread of its own: a server that says nothing would block the read.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = [String::new(), String::new()];
        for line in &mut lines {
            let _ = stderr.read_line(line);
        }
        let _ = tx.send(lines);
    });
    let lines = rx.recv_timeout(std::time::Duration::from_secs(10));
    let _ = child.kill();
    let _ = child.wait();
    let lines = lines.expect("two lines on standard error within 10 s");
    assert!(
        lines[0].starts_with("error: cannot write to standard output: "),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("Serving the map on http://127.0.0.1:"),
        "{lines:?}"
    );
}

#[test]
fn a_folder_without_crux_files_is_served_and_said_after_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("notes.txt"), "not a debate").unwrap();
    // Standard output and standard error into one file, to see their order.
    let log = dir.path().join("log.txt");
    let file = std::fs::File::create(&log).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("serve")
        .arg(&empty)
        .stdout(Stdio::from(file.try_clone().unwrap()))
        .stderr(Stdio::from(file))
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut text = String::new();
    while text.lines().count() < 2 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
        text = std::fs::read_to_string(&log).unwrap();
    }
    let lines: Vec<&str> = text.lines().collect();
    let page = lines
        .first()
        .and_then(|l| port_in(l))
        .map(|port| get(port, "/"));
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        lines.len() == 2 && lines[0].starts_with("Serving the map on http://127.0.0.1:"),
        "{text}"
    );
    // The words of `crux check`, after the address.
    assert_eq!(
        lines[1],
        format!("error: no .crux files found in {}", empty.display())
    );
    // Still serving: the page says it too.
    assert!(running, "{text}");
    let (status, page) = page.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("no .crux files found in"), "{page}");
}

#[test]
fn a_port_in_use_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = project();
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("serve")
        .arg(dir.path().join("debate"))
        .args(["--port", &port.to_string()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
}

/// A debate with a few arguments on each side, for the layout's sake.
const WIDE: &str = r#"thesis wide: "A thesis with several arguments."
claim a1: "First argument."
  supports wide 0.5
claim a2: "Second argument."
  supports wide 0.4
counter c1: "First objection."
  attacks wide 0.3
evidence e1: "Data for the first."
  supports a1 0.6
evidence e2: "Data for the second."
  supports a2 0.7
evidence e3: "Data against."
  supports c1 0.5
counter c2: "An objection to the data."
  attacks e2 0.2
"#;

/// An edit that touches only the thesis: one more argument under it.
const ONE_MORE: &str =
    "claim a3: \"A third argument, added while the page is open.\"\n  supports wide 0.6\n";

/// The box of every node in a page, by ID, from the map's data.
fn boxes(page: &str) -> std::collections::HashMap<String, Vec<f64>> {
    let start = page.find("id=\"crux-data\">").expect("the map's data") + 15;
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    let ids = data["id"].as_array().unwrap();
    let nums = data["boxes"].as_array().unwrap();
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let b = (0..4).map(|k| nums[4 * i + k].as_f64().unwrap()).collect();
            (id.as_str().unwrap().to_string(), b)
        })
        .collect()
}

#[test]
fn an_edit_leaves_the_other_nodes_where_they_were_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("main.crux"), WIDE).unwrap();
    let server = serve(root, &["--layout", "builtin"]);
    let mut events = Events::open(server.port);
    assert_eq!(events.next()["version"], 1);
    let before = boxes(&get(server.port, "/").1);
    std::fs::write(root.join("main.crux"), format!("{WIDE}{ONE_MORE}")).unwrap();
    assert_eq!(events.next()["version"], 2);
    let after = boxes(&get(server.port, "/").1);
    assert!(after.contains_key("a3"));
    // Everything but the thesis, whose edges changed, keeps its box.
    for id in ["a1", "a2", "c1", "e1", "e2", "e3", "c2"] {
        assert_eq!(after[id], before[id], "{id} moved");
    }
    // Drawn afresh, the same debate has nodes elsewhere: the live page kept them.
    let page = root.join("fresh.html");
    let status = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["render", "--format", "html", "--layout", "builtin", "-o"])
        .arg(&page)
        .arg(root.join("main.crux"))
        .status()
        .unwrap();
    assert!(status.success());
    let fresh = boxes(&std::fs::read_to_string(&page).unwrap());
    assert!(
        ["a1", "a2", "c1", "e1", "e2", "e3", "c2"]
            .iter()
            .any(|id| fresh[*id] != before[*id]),
        "this edit moves nothing even when drawn afresh"
    );
}
