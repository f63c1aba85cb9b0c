//! `crux lsp`: a language server over stdio, on the synchronous `lsp-server` stack.
//!
//! Phase: beside `cli`, above everything it serves from: the workspace's debate is every
//! `.crux` file that `crux check ROOT` reads (same discovery, same `crux.yaml`), with the
//! open buffers in place of the files on disk ([`workspace`]). Diagnostics are exactly
//! the checker's, published per file a short while after the last change; every request
//! is answered from the debate as it stands, and a request that panics is answered
//! with an error while the server goes on.

pub mod actions;
pub mod complete;
pub mod convert;
pub mod diagnostics;
pub mod format;
pub mod hints;
pub mod hover;
pub mod navigate;
pub mod symbols;
pub mod tokens;
pub mod transport;
pub mod workspace;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    InitializeParams, PublishDiagnosticsParams, ServerCapabilities, Uri, notification as notif,
    request as req,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use convert::uri_to_path;
use workspace::{OpenDoc, Workspace, normalize};

/// How long after the last change the debate is checked again and diagnostics are
/// published: changes typed faster than this are checked once.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// Runs the server on stdin and stdout until the client says `exit` or hangs up.
pub fn run_stdio() -> Result<(), String> {
    let (connection, mut io) = transport::stdio();
    if let Err(e) = run(connection, DEBOUNCE) {
        if e == EXIT_BEFORE_SHUTDOWN {
            // What was answered is written out first.
            let _ = io.finish_writing();
            return Err(e);
        }
        // What was wrong with the input says more than the closed channel it left.
        return Err(match io.input_end() {
            Some(Err(input)) => format!("standard input: {input}"),
            Some(Ok(())) => "standard input ended before the client sent `exit`".into(),
            None => e,
        });
    }
    // The reader stops on input it cannot frame (a garbled header): the server then
    // ends, and says why, with a failing status.
    if let Some(Err(input)) = io.input_end() {
        return Err(format!("standard input: {input}"));
    }
    io.finish_writing()
        .map_err(|e| format!("standard output: {e}"))
}

/// Runs the server on a connection: the handshake, then messages until `exit`.
pub fn run(connection: Connection, debounce: Duration) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(handshake)?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "crux", "version": env!("CARGO_PKG_VERSION") },
    });
    send(&connection, Response::new_ok(id, result).into());
    // The client says `initialized` next. A message before it (a client in a hurry)
    // is taken as the end of the handshake, and answered as usual.
    let early = match connection.receiver.recv() {
        Ok(Message::Notification(n)) if n.method == notif::Initialized::METHOD => None,
        Ok(message) => {
            eprintln!(
                "crux lsp: the client sent {} before `initialized`; going on as if it had sent it",
                describe(&message)
            );
            Some(message)
        }
        Err(_) => return Err(HANDSHAKE_CUT.to_string()),
    };
    if watches_files(&params) {
        // Files changed outside the editor (a `git checkout`, another tool) are read
        // again when the client says so.
        register_watch(
            &connection,
            "crux-watch",
            "crux-watch",
            &["**/*.crux", "**/crux.yaml"],
        );
    }
    let mut server = Server {
        workspace: Workspace::new(root(&params)),
        refresh_hints: refreshes_hints(&params),
        watching: watches_files(&params),
        artifacts_watched: Vec::new(),
        refreshes: 0,
        published: HashMap::new(),
        deadline: None,
        debounce,
        shown: Vec::new(),
        shut_down: false,
    };
    server.main_loop(&connection, early)
}

/// A message as a log names it: `request `textDocument/hover``.
fn describe(message: &Message) -> String {
    match message {
        Message::Request(r) => format!("request `{}`", r.method),
        Message::Notification(n) => format!("notification `{}`", n.method),
        Message::Response(r) => format!("a response (id {})", r.id),
    }
}

/// What went wrong in the handshake, in words a user can act on: a client that hangs up
/// before `initialize` and `initialized` were exchanged is named as such.
fn handshake(error: lsp_server::ProtocolError) -> String {
    if error.channel_is_disconnected() {
        HANDSHAKE_CUT.to_string()
    } else {
        error.to_string()
    }
}

/// Why the server ends when the client hangs up during the handshake.
const HANDSHAKE_CUT: &str = "the client closed the connection before the handshake was done \
     (an `initialize` request, then an `initialized` notification)";

/// Whether the client can be asked to ask for inlay hints again (a change to one file
/// can move the verdicts shown in another).
fn refreshes_hints(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.inlay_hint.as_ref())
        .and_then(|h| h.refresh_support)
        .unwrap_or(false)
}

/// Whether the client can be asked to report changed files.
fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// What the server can do.
pub fn capabilities() -> ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([" ", ">", "(", ",", "\"", "/"].map(String::from).to_vec()),
            ..Default::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            ..Default::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// The workspace root the client names: its first workspace folder, else its root URI,
/// else the current directory.
#[allow(deprecated)]
fn root(params: &InitializeParams) -> PathBuf {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| uri_to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(uri_to_path))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

struct Server {
    workspace: Workspace,
    /// Whether to ask the client for inlay hints again after each check.
    refresh_hints: bool,
    /// Whether the client reports changed files it is asked to watch.
    watching: bool,
    /// The artifacts (paths from the workspace folder) the client was last asked to
    /// watch: a change to a table changes what its expectations and pins say.
    artifacts_watched: Vec<String>,
    /// How many requests were sent to the client (their IDs).
    refreshes: u64,
    /// What was last published for each file, so that unchanged lists are not sent
    /// again and fixed files are cleared.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// When to check and publish next, after a change.
    deadline: Option<Instant>,
    debounce: Duration,
    /// The workspace problems already shown to the user.
    shown: Vec<String>,
    /// Whether the client asked to shut down: only `exit` is expected next.
    shut_down: bool,
}

/// Asks the client (request `request`) to report changes to the files that match
/// `globs`, as the registration `id`.
fn register_watch(connection: &Connection, request: &str, id: &str, globs: &[impl AsRef<str>]) {
    let watchers = (globs.iter())
        .map(|glob| lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(glob.as_ref().to_string()),
            kind: None,
        })
        .collect();
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: id.to_string(),
            method: notif::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(
                lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers },
            )
            .ok(),
        }],
    };
    send(
        connection,
        Request::new(
            request.to_string().into(),
            req::RegisterCapability::METHOD.into(),
            params,
        )
        .into(),
    );
}

/// Why the server ends with status 1: the protocol asks for it when `exit` comes
/// without `shutdown` before it.
pub const EXIT_BEFORE_SHUTDOWN: &str = "the client sent `exit` before `shutdown`";

impl Server {
    fn main_loop(&mut self, connection: &Connection, early: Option<Message>) -> Result<(), String> {
        let mut early = early;
        loop {
            let message = match (early.take(), self.deadline) {
                (Some(m), _) => Some(m),
                (None, deadline) => match deadline {
                    Some(deadline) => match connection.receiver.recv_deadline(deadline) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    },
                    None => match connection.receiver.recv() {
                        Ok(m) => Some(m),
                        Err(_) => return Ok(()),
                    },
                },
            };
            match message {
                None => self.publish(connection),
                Some(Message::Request(request)) => {
                    if request.method == req::Shutdown::METHOD {
                        self.shut_down = true;
                        send(connection, Response::new_ok(request.id, ()).into());
                        continue;
                    }
                    if self.shut_down {
                        // The protocol: after `shutdown`, every request is an error.
                        let message = "the server is shutting down: after `shutdown` it \
                                       answers no request"
                            .to_string();
                        let code = ErrorCode::InvalidRequest as i32;
                        send(
                            connection,
                            Response::new_err(request.id, code, message).into(),
                        );
                        continue;
                    }
                    let response = self.request(request);
                    send(connection, response.into());
                    // Diagnostics due are published right after the answer, not later.
                    if self.deadline.is_some_and(|d| d <= Instant::now()) {
                        self.publish(connection);
                    }
                }
                Some(Message::Notification(n)) => {
                    if n.method == notif::Exit::METHOD {
                        return if self.shut_down {
                            Ok(())
                        } else {
                            Err(EXIT_BEFORE_SHUTDOWN.into())
                        };
                    }
                    if self.shut_down {
                        continue;
                    }
                    if n.method == transport::UNREADABLE {
                        unreadable(connection, &n.params);
                        continue;
                    }
                    let method = n.method.clone();
                    if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                        eprintln!("crux lsp: internal error while handling {method}");
                        self.workspace.disk_changed();
                    }
                    if self.workspace.is_stale() {
                        self.deadline = Some(Instant::now() + self.debounce);
                    }
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    /// Checks the debate as it stands and publishes each file's findings: every open
    /// file's, and every other file's that changed since last time.
    fn publish(&mut self, connection: &Connection) {
        self.deadline = None;
        let computed = catch_unwind(AssertUnwindSafe(|| {
            let analysis = self.workspace.analysis();
            let sources = &analysis.debate.sources;
            let lists = diagnostics::by_file(analysis);
            sources
                .iter()
                .map(|s| s.path.clone())
                .zip(lists)
                .collect::<Vec<_>>()
        }));
        let lists = match computed {
            Ok(lists) => lists,
            Err(_) => {
                eprintln!("crux lsp: internal error while checking the debate");
                return;
            }
        };
        let mut now: HashMap<PathBuf, Vec<lsp_types::Diagnostic>> = HashMap::new();
        for (path, list) in lists {
            now.entry(path).or_default().extend(list);
        }
        for (path, old) in &self.published {
            if !now.contains_key(path) && !old.is_empty() {
                self.send_diagnostics(connection, path, Vec::new());
            }
        }
        for (path, list) in &now {
            let open = self.workspace.open.contains_key(path);
            if open || self.published.get(path) != Some(list) {
                self.send_diagnostics(connection, path, list.clone());
            }
        }
        self.published = now;
        self.watch_artifacts(connection);
        if self.refresh_hints {
            // The verdicts shown as inlay hints may have moved, in any file.
            self.refreshes += 1;
            let id = format!("crux-hints-{}", self.refreshes);
            send(
                connection,
                Request::new(id.into(), req::InlayHintRefreshRequest::METHOD.into(), ()).into(),
            );
        }
        for problem in self.workspace.problems() {
            if !self.shown.contains(&problem) {
                let params = lsp_types::ShowMessageParams {
                    typ: lsp_types::MessageType::WARNING,
                    message: problem.clone(),
                };
                send(
                    connection,
                    Notification::new(notif::ShowMessage::METHOD.into(), params).into(),
                );
                self.shown.push(problem);
            }
        }
    }

    /// Asks the client to report changes to the debate's artifacts, when they are not
    /// the ones it was last asked for (the `**/*.crux` watch does not see a table).
    fn watch_artifacts(&mut self, connection: &Connection) {
        if !self.watching {
            return;
        }
        let root = self.workspace.root.clone();
        let Some(analysis) = self.workspace.last() else {
            return;
        };
        let mut globs: Vec<String> = (analysis.debate.graph.graph.node_weights())
            .flat_map(|n| &n.artifacts)
            .filter_map(|a| {
                let full = crate::project::artifact::absolute(&a.resolved);
                let relative = full.strip_prefix(&root).ok()?.to_str()?.replace('\\', "/");
                // A path with glob characters would watch other files, or none.
                (!relative.contains(['*', '?', '[', ']', '{', '}'])).then_some(relative)
            })
            .collect();
        globs.sort();
        globs.dedup();
        if globs == self.artifacts_watched {
            return;
        }
        const ID: &str = "crux-watch-artifacts";
        if !self.artifacts_watched.is_empty() {
            self.refreshes += 1;
            let params = lsp_types::UnregistrationParams {
                unregisterations: vec![lsp_types::Unregistration {
                    id: ID.to_string(),
                    method: notif::DidChangeWatchedFiles::METHOD.to_string(),
                }],
            };
            let request = format!("crux-watch-{}", self.refreshes);
            send(
                connection,
                Request::new(
                    request.into(),
                    req::UnregisterCapability::METHOD.into(),
                    params,
                )
                .into(),
            );
        }
        if !globs.is_empty() {
            self.refreshes += 1;
            let request = format!("crux-watch-{}", self.refreshes);
            register_watch(connection, &request, ID, &globs);
        }
        self.artifacts_watched = globs;
    }

    fn send_diagnostics(
        &self,
        connection: &Connection,
        path: &std::path::Path,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) {
        let params = PublishDiagnosticsParams {
            uri: self.workspace.uri(path),
            diagnostics,
            version: self.workspace.open.get(path).map(|d| d.version),
        };
        send(
            connection,
            Notification::new(notif::PublishDiagnostics::METHOD.into(), params).into(),
        );
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    let doc = OpenDoc {
                        text: p.text_document.text,
                        version: p.text_document.version,
                        shown: std::path::absolute(&path).unwrap_or_else(|_| path.clone()),
                    };
                    let known = self
                        .workspace
                        .last()
                        .is_some_and(|a| a.file(&path).is_some());
                    self.workspace.open.insert(normalize(&path), doc);
                    if known {
                        self.workspace.buffers_changed();
                    } else {
                        // A file created since the folder was searched: search again.
                        self.workspace.disk_changed();
                    }
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                    && let Some(doc) = self.workspace.open.get_mut(&normalize(&path))
                {
                    for change in p.content_changes {
                        apply_change(&mut doc.text, change);
                    }
                    doc.version = p.text_document.version;
                    self.workspace.buffers_changed();
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    self.workspace.open.remove(&normalize(&path));
                    self.workspace.disk_changed();
                }
            }
            notif::DidSaveTextDocument::METHOD | notif::DidChangeWatchedFiles::METHOD => {
                self.workspace.disk_changed();
            }
            _ => {}
        }
    }

    /// Answers one request; a handler that panics is answered with an internal error.
    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let method = request.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.dispatch(request))) {
            Ok(response) => response,
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("crux lsp: internal error while answering {method}"),
            ),
        }
    }

    fn dispatch(&mut self, request: Request) -> Response {
        let w = &mut self.workspace;
        match request.method.as_str() {
            req::HoverRequest::METHOD => {
                answer::<req::HoverRequest>(request, |p| hover::hover(w, p))
            }
            req::GotoDefinition::METHOD => {
                answer::<req::GotoDefinition>(request, |p| navigate::definition(w, p))
            }
            req::References::METHOD => {
                answer::<req::References>(request, |p| navigate::references(w, p))
            }
            req::DocumentHighlightRequest::METHOD => {
                answer::<req::DocumentHighlightRequest>(request, |p| navigate::highlight(w, p))
            }
            req::PrepareRenameRequest::METHOD => {
                answer::<req::PrepareRenameRequest>(request, |p| navigate::prepare_rename(w, p))
            }
            req::Rename::METHOD => answer::<req::Rename>(request, |p| navigate::rename(w, p)),
            req::Completion::METHOD => {
                answer::<req::Completion>(request, |p| complete::completion(w, p))
            }
            req::Formatting::METHOD => {
                answer::<req::Formatting>(request, |p| format::formatting(w, p))
            }
            req::DocumentSymbolRequest::METHOD => {
                answer::<req::DocumentSymbolRequest>(request, |p| symbols::document(w, p))
            }
            req::WorkspaceSymbolRequest::METHOD => {
                answer::<req::WorkspaceSymbolRequest>(request, |p| symbols::workspace(w, p))
            }
            req::CodeActionRequest::METHOD => {
                answer::<req::CodeActionRequest>(request, |p| actions::code_actions(w, p))
            }
            req::SemanticTokensFullRequest::METHOD => {
                answer::<req::SemanticTokensFullRequest>(request, |p| tokens::full(w, p))
            }
            req::FoldingRangeRequest::METHOD => {
                answer::<req::FoldingRangeRequest>(request, |p| tokens::folding(w, p))
            }
            req::InlayHintRequest::METHOD => {
                answer::<req::InlayHintRequest>(request, |p| hints::inlay_hints(w, p))
            }
            #[cfg(test)]
            "crux/panic" => panic!("a handler that panics"),
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("crux lsp does not answer {}", request.method),
            ),
        }
    }
}

/// An error a handler answers with.
pub type Failure = ResponseError;

/// A refusal, with the message the editor shows.
pub fn refuse(message: impl Into<String>) -> Failure {
    ResponseError {
        code: ErrorCode::RequestFailed as i32,
        message: message.into(),
        data: None,
    }
}

fn answer<R>(request: Request, f: impl FnOnce(R::Params) -> Result<R::Result, Failure>) -> Response
where
    R: lsp_types::request::Request,
    R::Params: DeserializeOwned,
    R::Result: Serialize,
{
    let id = request.id;
    match serde_json::from_value::<R::Params>(request.params) {
        Ok(p) => match f(p) {
            Ok(result) => Response::new_ok(id, result),
            Err(e) => Response::new_err(id, e.code, e.message),
        },
        Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()),
    }
}

fn params<P: DeserializeOwned>(n: Notification) -> Option<P> {
    serde_json::from_value(n.params).ok()
}

/// Answers a message that could not be read when it named its request (the reader has
/// said it on stderr): the server goes on with the next message.
fn unreadable(connection: &Connection, params: &serde_json::Value) {
    let error = params["error"]
        .as_str()
        .unwrap_or("a message that is not JSON-RPC");
    let id = match &params["id"] {
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(Into::into),
        serde_json::Value::String(s) => Some(s.clone().into()),
        _ => None,
    };
    if let Some(id) = id {
        let response = Response::new_err(id, ErrorCode::InvalidRequest as i32, error.to_string());
        send(connection, response.into());
    }
}

fn send(connection: &Connection, message: Message) {
    // A client that hung up is noticed by the receiving side.
    let _ = connection.sender.send(message);
}

/// Applies one change to a buffer: a whole new text, or a range replaced (positions
/// in UTF-16, clamped to the text).
fn apply_change(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let file = crate::syntax::SourceFile::buffer("", "", std::mem::take(text));
    let end_of_text = file.text.len() as u32;
    let start = convert::offset(&file, range.start).unwrap_or(end_of_text) as usize;
    let end = (convert::offset(&file, range.end).unwrap_or(end_of_text) as usize).max(start);
    let mut new = file.text;
    new.replace_range(start..end, &change.text);
    *text = new;
}

/// The open buffer or file a request names: its index in the debate.
pub fn file_of(w: &mut Workspace, uri: &Uri) -> Option<usize> {
    let path = uri_to_path(uri)?;
    w.analysis().file(&path)
}

#[cfg(test)]
mod tests {
    use super::convert::path_to_uri;
    use super::*;

    type Started = (Connection, std::thread::JoinHandle<Result<(), String>>);

    /// A server on an in-memory connection, initialized on `root`.
    fn start(root: &std::path::Path) -> Started {
        start_with(root, serde_json::json!({}))
    }

    /// A server on an in-memory connection, initialized on `root` by a client with
    /// `capabilities`.
    fn start_with(root: &std::path::Path, capabilities: serde_json::Value) -> Started {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || run(server, Duration::from_millis(1)));
        let uri = path_to_uri(root);
        let init = Request::new(
            0.into(),
            req::Initialize::METHOD.into(),
            serde_json::json!({ "capabilities": capabilities, "rootUri": uri }),
        );
        client.sender.send(init.into()).unwrap();
        assert!(matches!(
            client.receiver.recv().unwrap(),
            Message::Response(_)
        ));
        let initialized =
            Notification::new(notif::Initialized::METHOD.into(), serde_json::json!({}));
        client.sender.send(initialized.into()).unwrap();
        (client, handle)
    }

    #[test]
    fn a_client_that_leaves_before_the_handshake_is_told_so() {
        let (server, client) = Connection::memory();
        drop(client);
        let error = run(server, DEBOUNCE).expect_err("no handshake");
        assert!(error.contains("before the handshake was done"), "{error}");
    }

    /// A client that asks before it says `initialized` is answered all the same.
    #[test]
    fn a_request_before_initialized_is_answered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || run(server, Duration::from_millis(1)));
        let init = Request::new(
            0.into(),
            req::Initialize::METHOD.into(),
            serde_json::json!({ "capabilities": {}, "rootUri": path_to_uri(dir.path()) }),
        );
        client.sender.send(init.into()).unwrap();
        response(&client, 0);
        let ask = Request::new(
            1.into(),
            req::WorkspaceSymbolRequest::METHOD.into(),
            serde_json::json!({ "query": "t" }),
        );
        client.sender.send(ask.into()).unwrap();
        let found = response(&client, 1).response_result.unwrap();
        assert_eq!(found[0]["name"], "t", "{found}");
        stop(client, handle, 2);
    }

    fn response(client: &Connection, id: i32) -> Response {
        loop {
            if let Message::Response(r) = client.receiver.recv().unwrap()
                && r.id == id.into()
            {
                return r;
            }
        }
    }

    /// Shuts the server down as a client does (`shutdown`, as request `id`, then
    /// `exit`), and asserts that it ends well.
    fn stop(client: Connection, handle: std::thread::JoinHandle<Result<(), String>>, id: i32) {
        let shutdown = Request::new(
            id.into(),
            req::Shutdown::METHOD.into(),
            serde_json::Value::Null,
        );
        client.sender.send(shutdown.into()).unwrap();
        response(&client, id);
        let exit = Notification::new(notif::Exit::METHOD.into(), serde_json::Value::Null);
        client.sender.send(exit.into()).unwrap();
        assert_eq!(handle.join().unwrap(), Ok(()));
    }

    #[test]
    fn a_handler_that_panics_is_answered_with_an_error_and_the_server_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        let (client, handle) = start(dir.path());
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let panicking = Request::new(1.into(), "crux/panic".into(), serde_json::Value::Null);
        client.sender.send(panicking.into()).unwrap();
        let answer = response(&client, 1);
        std::panic::set_hook(hook);
        let error = answer.response_result.unwrap_err();
        assert_eq!(error.code, ErrorCode::InternalError as i32);
        assert!(error.message.contains("crux/panic"), "{}", error.message);
        let uri = path_to_uri(&dir.path().join("a.crux"));
        let symbols = Request::new(
            2.into(),
            req::DocumentSymbolRequest::METHOD.into(),
            serde_json::json!({ "textDocument": { "uri": uri } }),
        );
        client.sender.send(symbols.into()).unwrap();
        let names = response(&client, 2).response_result.unwrap();
        assert_eq!(names[0]["name"], "t");
        stop(client, handle, 3);
    }

    /// Inlay hints give each node's verdict and strength at the end of its header
    /// line (after a comment, if it has one); when a change to another file moves the
    /// verdicts, a client that can refresh its hints is asked to.
    #[test]
    fn inlay_hints_show_verdicts_and_follow_changes_in_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let header = "thesis t: \"T\"  # the thesis";
        let a = format!("{header}\ncounter c: \"C\"\n  attacks t 0.8\n");
        std::fs::write(dir.path().join("a.crux"), &a).unwrap();
        let refresh =
            serde_json::json!({ "workspace": { "inlayHint": { "refreshSupport": true } } });
        let (client, handle) = start_with(dir.path(), refresh);
        let uri = path_to_uri(&dir.path().join("a.crux"));
        let hints = |id: i32| -> Vec<(u64, u64, String)> {
            let ask = Request::new(
                id.into(),
                req::InlayHintRequest::METHOD.into(),
                serde_json::json!({
                    "textDocument": { "uri": uri },
                    "range": { "start": { "line": 0, "character": 0 },
                               "end": { "line": 9, "character": 0 } }
                }),
            );
            client.sender.send(ask.into()).unwrap();
            let list = response(&client, id).response_result.unwrap();
            list.as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    let at = &h["position"];
                    assert_eq!(h["paddingLeft"], true);
                    let tooltip = h["tooltip"].as_str().unwrap();
                    let label = h["label"].as_str().unwrap().to_string();
                    let verdict = label.split(' ').next().unwrap();
                    assert!(tooltip.starts_with(&format!("{verdict}: ")), "{tooltip}");
                    (
                        at["line"].as_u64().unwrap(),
                        at["character"].as_u64().unwrap(),
                        label,
                    )
                })
                .collect()
        };
        // Nothing backs the counter, so its attack does not apply and the thesis is
        // open; DF-QuAD still weighs the attack: 0.5 - 0.5 × 0.8 × 0.5 = 0.3.
        let end = header.len() as u64;
        assert_eq!(
            hints(1),
            [
                (0, end, "open · 0.30".to_string()),
                (1, 14, "open · 0.50".to_string())
            ]
        );
        // Evidence for the counter, in another file: the counter stands and the thesis
        // falls (0.5 - 0.5 × 0.8 × 0.95 = 0.12).
        let b = path_to_uri(&dir.path().join("b.crux"));
        let open = Notification::new(
            notif::DidOpenTextDocument::METHOD.into(),
            serde_json::json!({ "textDocument": {
                "uri": b, "languageId": "crux", "version": 1,
                "text": "evidence e: \"E\"\n  supports c\n  source \"s\"\n"
            } }),
        );
        client.sender.send(open.into()).unwrap();
        loop {
            if let Message::Request(r) = client.receiver.recv().unwrap() {
                assert_eq!(r.method, req::InlayHintRefreshRequest::METHOD);
                break;
            }
        }
        assert_eq!(
            hints(2),
            [
                (0, end, "falls · 0.12".to_string()),
                (1, 14, "stands · 0.95".to_string())
            ]
        );
        stop(client, handle, 3);
    }

    #[test]
    fn changes_apply_at_utf16_positions() {
        let mut text = "claim a: \"😀 x\"\nclaim b: \"y\"\n".to_string();
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(0, 13),
                lsp_types::Position::new(0, 14),
            )),
            range_length: None,
            text: "z".into(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "claim a: \"😀 z\"\nclaim b: \"y\"\n");
    }

    /// A workspace opened through a symbolic link: the server answers with the URIs
    /// the editor uses, under the link, not with the real paths it resolves them to.
    #[cfg(unix)]
    #[test]
    fn a_root_reached_through_a_link_keeps_its_uris() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("b.crux"), "thesis t: \"T\"\n").unwrap();
        std::fs::write(real.join("a.crux"), "claim c: \"C\"\n  supports t\n").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (client, handle) = start(&link);
        let a = path_to_uri(&link.join("a.crux"));
        let open = Notification::new(
            notif::DidOpenTextDocument::METHOD.into(),
            serde_json::json!({ "textDocument": {
                "uri": a, "languageId": "crux", "version": 1,
                "text": "claim c: \"C\"\n  supports t\n  supports nowhere\n"
            } }),
        );
        client.sender.send(open.into()).unwrap();
        let mut published = HashMap::new();
        while published.len() < 2 {
            if let Message::Notification(n) = client.receiver.recv().unwrap()
                && n.method == notif::PublishDiagnostics::METHOD
            {
                let p: PublishDiagnosticsParams = serde_json::from_value(n.params).unwrap();
                let messages: Vec<String> = p.diagnostics.into_iter().map(|d| d.message).collect();
                published.insert(p.uri.as_str().to_string(), messages.join("\n"));
            }
        }
        let b = path_to_uri(&link.join("b.crux"));
        // The unknown ID is a finding of the open buffer, at the editor's URI.
        let mut uris: Vec<&String> = published.keys().collect();
        uris.sort();
        assert_eq!(uris, [a.as_str(), b.as_str()]);
        assert!(published[a.as_str()].contains("`nowhere`"), "{published:?}");
        let ask = Request::new(
            1.into(),
            req::GotoDefinition::METHOD.into(),
            serde_json::json!({
                "textDocument": { "uri": a },
                "position": { "line": 1, "character": 12 }
            }),
        );
        client.sender.send(ask.into()).unwrap();
        let found = response(&client, 1).response_result.unwrap();
        let found = if found.is_array() {
            found[0].clone()
        } else {
            found
        };
        assert_eq!(found["uri"], b.as_str(), "{found}");
        stop(client, handle, 2);
    }

    /// A buffer that `crux.yaml` excludes gets no diagnostics, but formatting as
    /// `crux fmt` would give it.
    #[test]
    fn an_excluded_buffer_is_formatted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("crux.yaml"), "exclude: [\"drafts/**\"]\n").unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        std::fs::create_dir(dir.path().join("drafts")).unwrap();
        let draft = dir.path().join("drafts/d.crux");
        let text = "claim   d: \"D\"\n  supports   t\n";
        std::fs::write(&draft, text).unwrap();
        let (client, handle) = start(dir.path());
        let uri = path_to_uri(&draft);
        let open = Notification::new(
            notif::DidOpenTextDocument::METHOD.into(),
            serde_json::json!({ "textDocument": {
                "uri": uri, "languageId": "crux", "version": 1, "text": text
            } }),
        );
        client.sender.send(open.into()).unwrap();
        let ask = Request::new(
            1.into(),
            req::Formatting::METHOD.into(),
            serde_json::json!({
                "textDocument": { "uri": uri },
                "options": { "tabSize": 2, "insertSpaces": true }
            }),
        );
        client.sender.send(ask.into()).unwrap();
        let edits = response(&client, 1).response_result.unwrap();
        let edits: Vec<lsp_types::TextEdit> = serde_json::from_value(edits).unwrap();
        assert_eq!(edits.len(), 1, "{edits:?}");
        let file = crate::syntax::SourceFile::buffer("", "", text.to_string());
        let (from, to) = (
            convert::offset(&file, edits[0].range.start).unwrap() as usize,
            convert::offset(&file, edits[0].range.end).unwrap() as usize,
        );
        let mut formatted = text.to_string();
        formatted.replace_range(from..to, &edits[0].new_text);
        assert_eq!(formatted, "claim d: \"D\"\n  supports t\n");
        stop(client, handle, 2);
    }

    /// A buffer that holds a byte order mark, as some editors leave it: the editor
    /// counts it as the first character of line 0, and so does the server.
    #[test]
    fn a_byte_order_mark_in_a_buffer_is_a_character() {
        let mut text = "\u{FEFF}claim a: \"x\"\n".to_string();
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(0, 11),
                lsp_types::Position::new(0, 12),
            )),
            range_length: None,
            text: "y".into(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "\u{FEFF}claim a: \"y\"\n");

        let dir = tempfile::tempdir().unwrap();
        let (client, handle) = start(dir.path());
        let uri = path_to_uri(&dir.path().join("a.crux"));
        let open = Notification::new(
            notif::DidOpenTextDocument::METHOD.into(),
            serde_json::json!({ "textDocument": {
                "uri": uri, "languageId": "crux", "version": 1,
                "text": "\u{FEFF}claim   a: \"A\"\n"
            } }),
        );
        client.sender.send(open.into()).unwrap();
        let ask = Request::new(
            1.into(),
            req::Formatting::METHOD.into(),
            serde_json::json!({
                "textDocument": { "uri": uri },
                "options": { "tabSize": 2, "insertSpaces": true }
            }),
        );
        client.sender.send(ask.into()).unwrap();
        let edits = response(&client, 1).response_result.unwrap();
        // `claim   a` becomes `claim a`: two spaces go after `claim ` (6 characters),
        // from column 7 with the mark (6 without it).
        assert_eq!(
            edits,
            serde_json::json!([{
                "range": { "start": { "line": 0, "character": 7 },
                           "end": { "line": 0, "character": 9 } },
                "newText": ""
            }])
        );
        stop(client, handle, 2);
    }
}
