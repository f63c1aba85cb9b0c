//! `crux serve`: a live preview of the map. An HTTP server on 127.0.0.1 sends the HTML
//! page of the debate, watches its files, and on a change draws the map again and tells
//! the open pages to reload (server-sent events, `/_crux/events`). While the debate has
//! syntax errors the last good page stays, and the pages show a banner naming where
//! the errors are. The only other files it sends are the ones the page links to (the
//! artifacts of the debate), when they are regular files inside the project
//! ([`files::resolve`]). Each request is answered on a thread of its own, so that a
//! client that does not read its answer holds up nothing else.
//!
//! Phase: outside the pipeline, like `cli`: it calls back into the command line for
//! each page ([`Render`]) and never reads the debate itself.

mod events;
pub mod files;
mod page;
mod watch;

use std::collections::HashSet;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tiny_http::{Header, Method, Request, Response, Server};

/// The live-reload script, appended to the page's own script.
const LIVE: &str = include_str!("../../templates/live.js");

/// Why there is no new page: one syntax error, or a problem loading the debate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// `file:line:column`, when it has a place.
    pub location: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// A page drawn: its HTML and what it links to.
pub struct Page {
    /// The whole HTML page.
    pub html: String,
    /// The links of the page to files of the project (relative URLs from the project
    /// folder, as the page writes them): the only files, besides the page, sent.
    pub links: Vec<String>,
}

/// Draws the page: given the live-reload script to include ([`live_script`]), the
/// page, or the problems that keep it from being drawn.
pub type Render<'a> = dyn FnMut(&str) -> Result<Page, Vec<Problem>> + 'a;

/// Requests answered at once at most; more wait their turn (a few pages and their
/// streams, and the files they open, are far fewer).
const RESPONDERS: usize = 64;

/// What `crux serve` needs.
pub struct Options {
    /// The project folder: no file outside it is sent.
    pub root: PathBuf,
    /// The files and folders to watch.
    pub watch: Vec<PathBuf>,
    /// The port, 0 for any free one.
    pub port: u16,
}

/// The live-reload script of the page with this version.
pub fn live_script(version: u64) -> String {
    LIVE.replace("__CRUX_PAGE_VERSION__", &version.to_string())
}

/// What the pages are told.
#[derive(Clone, Debug, Serialize)]
struct State {
    /// Counts the good pages drawn; 0 before the first.
    version: u64,
    /// Why the debate as it is now has no page (the page of `version` is still sent).
    problems: Vec<Problem>,
    /// Counts every change of state, so that a waiting event stream wakes up once.
    #[serde(skip)]
    generation: u64,
    #[serde(skip)]
    html: Arc<String>,
    /// The files the page links to, canonical: the only files sent.
    #[serde(skip)]
    files: Arc<HashSet<PathBuf>>,
    /// The digest of the page without what changes with its version ([`comparable`]).
    #[serde(skip)]
    same: [u8; 32],
}

/// The SHA-256 of the page without its live-reload script and the script's hash in the
/// Content-Security-Policy (the first `sha256-` of the page): the same for two pages of
/// the same debate whatever their versions.
fn comparable(html: &str, live: &str) -> [u8; 32] {
    let mut page = html.replacen(live, "", 1);
    if let Some(at) = page.find("sha256-") {
        let end = (at + "sha256-".len() + 44).min(page.len());
        if page.is_char_boundary(end) {
            page.replace_range(at..end, "");
        }
    }
    Sha256::digest(page.as_bytes()).into()
}

/// The state shared with the event streams.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    stop: AtomicBool,
}

impl Shared {
    fn snapshot(&self) -> State {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The files the page links to (without copying the rest of the state).
    fn files(&self) -> Arc<HashSet<PathBuf>> {
        Arc::clone(&self.state.lock().unwrap_or_else(|e| e.into_inner()).files)
    }
}

/// Wait for more changes this long after one, so that an editor's several writes of one
/// save make one new page.
const SETTLE: Duration = Duration::from_millis(30);

/// Runs the server until Ctrl-C. `ready` is called once with the address it listens
/// on, before the first page is drawn (a request waits for it). Each new page after
/// the first is announced on standard error (`map updated`), and so are the problems
/// that keep the debate from being drawn, the first page's included.
pub fn run(
    options: Options,
    render: &mut Render<'_>,
    ready: &mut dyn FnMut(SocketAddr),
) -> Result<(), String> {
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| format!("{}: {e}", options.root.display()))?;
    let server = Server::http((Ipv4Addr::LOCALHOST, options.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    let mut watch = watch::start(&options.watch)?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            version: 0,
            problems: Vec::new(),
            generation: 0,
            html: Arc::new(String::new()),
            files: Arc::new(HashSet::new()),
            same: [0; 32],
        }),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
    });
    // The address first, then what the first drawing says: an error that keeps the
    // debate from being drawn (no `.crux` files, say) is read after the line above it,
    // as the state of the debate served, not as a failure to start.
    ready(addr);
    redraw(&shared, render, &root, &mut watch);
    {
        let shared = Arc::clone(&shared);
        crate::interrupt::on_interrupt(move || {
            shared.stop.store(true, Ordering::SeqCst);
            shared.changed.notify_all();
        })
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    }
    let hosts = [
        format!("127.0.0.1:{}", addr.port()),
        format!("localhost:{}", addr.port()),
    ];
    let responders = Responders::new(RESPONDERS);
    while !shared.stop.load(Ordering::SeqCst) {
        if let Ok(()) = watch.changes.try_recv() {
            // Let the save finish, then draw once for everything that came with it (at
            // most 200 ms later, and a request is answered between two drawings, so
            // that files that never stop changing do not stop the server).
            let started = Instant::now();
            while watch.changes.recv_timeout(SETTLE).is_ok()
                && started.elapsed() < Duration::from_millis(200)
            {}
            redraw(&shared, render, &root, &mut watch);
        }
        match server.recv_timeout(Duration::from_millis(25)) {
            Ok(Some(request)) => {
                // Answered aside: a client that does not read its answer must not hold
                // up the next request, the next drawing or Ctrl-C.
                // An event stream lasts as long as its page: not counted.
                let stream = request.url().starts_with("/_crux/events");
                let slot = match stream {
                    true => None,
                    false => match responders.take(&shared.stop) {
                        Some(slot) => Some(slot),
                        // Stopped while waiting for a turn: the request goes unanswered.
                        None => continue,
                    },
                };
                let (shared, root, hosts) = (Arc::clone(&shared), root.clone(), hosts.clone());
                std::thread::spawn(move || {
                    respond(request, &shared, &root, &hosts);
                    // The turn ends here, or where the answer panicked.
                    drop(slot);
                });
            }
            Ok(None) => {}
            Err(e) => return Err(format!("the server failed: {e}")),
        }
    }
    shared.changed.notify_all();
    Ok(())
}

/// Turns to answer a request: at most so many at once.
struct Responders {
    /// One message a free turn.
    free: crossbeam_channel::Sender<()>,
    taken: crossbeam_channel::Receiver<()>,
}

/// A turn, given back when dropped (also when its answer panics).
struct Slot(crossbeam_channel::Sender<()>);

impl Drop for Slot {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

impl Responders {
    fn new(turns: usize) -> Self {
        let (free, taken) = crossbeam_channel::bounded(turns);
        for _ in 0..turns {
            let _ = free.send(());
        }
        Responders { free, taken }
    }

    /// Waits for a free turn; `None` once `stop` is set.
    fn take(&self, stop: &AtomicBool) -> Option<Slot> {
        while !stop.load(Ordering::SeqCst) {
            if self.taken.recv_timeout(Duration::from_millis(100)).is_ok() {
                return Some(Slot(self.free.clone()));
            }
        }
        None
    }
}

/// Draws the page again ([`update`]), and watches the files it now links to.
fn redraw(shared: &Shared, render: &mut Render<'_>, root: &Path, watch: &mut watch::Watch) {
    update(shared, render, root);
    watch.also(shared.files().iter().map(PathBuf::as_path));
}

/// Draws the page again and tells the pages what changed.
fn update(shared: &Shared, render: &mut Render<'_>, root: &Path) {
    let next = shared.snapshot().version + 1;
    let outcome = render(&live_script(next));
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    match outcome {
        Ok(Page { html, links }) => {
            // A link the page writes is a path from the project folder (`./data/a.csv`).
            let files: HashSet<PathBuf> = links
                .iter()
                .map(|link| link.strip_prefix("./").unwrap_or(link))
                .filter_map(|link| files::resolve(root, &format!("/{link}")))
                .collect();
            state.files = Arc::new(files);
            let same = comparable(&html, &live_script(next));
            if state.same == same && state.problems.is_empty() {
                return; // nothing the page shows changed
            }
            state.version = next;
            state.html = Arc::new(html);
            state.same = same;
            state.problems.clear();
            // The first page is the one the server starts with, not an update.
            if state.generation > 0 {
                eprintln!("map updated");
            }
        }
        Err(problems) => {
            if state.problems == problems {
                return;
            }
            for p in &problems {
                let at = p
                    .location
                    .as_deref()
                    .map(|l| format!("{l}: "))
                    .unwrap_or_default();
                eprintln!(
                    "error: {at}{}",
                    crate::diagnostic::terminal::sanitize(&p.message)
                );
            }
            if state.version == 0 {
                state.html = Arc::new(page::problems(&problems, &live_script(0)));
            }
            state.problems = problems;
        }
    }
    state.generation += 1;
    shared.changed.notify_all();
}

/// Answers one request: the page at `/`, the event stream, a file the page links to,
/// or 404.
fn respond(request: Request, shared: &Arc<Shared>, root: &Path, hosts: &[String]) {
    let host_ok = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .is_some_and(|h| {
            hosts
                .iter()
                .any(|ok| h.value.as_str().eq_ignore_ascii_case(ok))
        });
    if !host_ok {
        // Another name for this machine: a page of another site that rebinds its name to
        // 127.0.0.1 must not read the debate.
        let _ = request.respond(text(403, "forbidden: use the address crux serve printed\n"));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD\n"));
        return;
    }
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    match url.as_str() {
        "/" | "/index.html" => {
            let html = shared.snapshot().html;
            let response = Response::from_data(html.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        "/_crux/events" => events::stream(request, shared),
        _ => match files::resolve(root, &url)
            .filter(|f| shared.files().contains(f))
            .and_then(|f| Some((std::fs::File::open(&f).ok()?, f)))
        {
            // Sent as it is read, not held in memory whole.
            Some((open, file)) => {
                let response = Response::from_file(open)
                    .with_header(header("Content-Type", files::content_type(&file)))
                    .with_header(header("X-Content-Type-Options", "nosniff"))
                    .with_header(header("Cache-Control", "no-store"));
                let _ = request.respond(response);
            }
            None => {
                let _ = request.respond(text(404, "not found\n"));
            }
        },
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// Writes one server-sent event; `false` when the page has gone.
fn send(out: &mut dyn Write, event: &str, data: &str) -> bool {
    write!(out, "event: {event}\ndata: {data}\n\n")
        .and_then(|()| out.flush())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responders_take_turns_and_get_them_back_also_from_a_panic() {
        let responders = Responders::new(2);
        let stop = AtomicBool::new(false);
        let first = responders.take(&stop).expect("a turn");
        let second = responders.take(&stop).expect("a turn");
        assert!(responders.taken.is_empty(), "both turns are taken");
        drop(first);
        let third = responders.take(&stop).expect("the turn given back");
        // A turn whose answer panics is given back all the same.
        let answered = std::thread::spawn(move || {
            let _slot = second;
            panic!("an answer that fails");
        });
        assert!(answered.join().is_err());
        let fourth = responders.take(&stop).expect("the panicked turn");
        // With every turn taken, a stop ends the wait.
        stop.store(true, Ordering::SeqCst);
        assert!(responders.take(&stop).is_none());
        drop((third, fourth));
    }
}
