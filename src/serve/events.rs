//! The event stream of one open page: the state now, then the state again after each
//! change, and a comment every 15 s so that a page that has gone is noticed.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tiny_http::Request;

use super::{Shared, send};

const KEEPALIVE: Duration = Duration::from_secs(15);

/// Serves the stream until the page goes or the server stops.
pub(super) fn stream(request: Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = u64::MAX;
    loop {
        let state = {
            let guard = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, KEEPALIVE, |s| {
                    s.generation == seen && !shared.stop.load(Ordering::SeqCst)
                })
                .unwrap_or_else(|e| e.into_inner());
            guard.clone()
        };
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let alive = if state.generation == seen {
            out.write_all(b": keep-alive\n\n")
                .and_then(|()| out.flush())
                .is_ok()
        } else {
            seen = state.generation;
            let data = serde_json::to_string(&state).unwrap_or_default();
            send(&mut *out, "state", &data)
        };
        if !alive {
            return;
        }
    }
}
