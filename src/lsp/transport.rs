//! The server's end of stdin and stdout: LSP messages (`Content-Length` headers, then
//! a JSON body) read on one thread and written on another, as `lsp-server` does, but
//! bounded: a header line longer than [`MAX_HEADER_LINE`] or a body announced as
//! longer than [`MAX_BODY`] ends the server with an error, instead of reading an
//! endless line (`crux lsp < /dev/zero`) or allocating what a garbled header asks.
//! What was wrong with the input is the error the server ends with.

use std::io::{self, BufRead, Read};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The longest header line read; real ones are a few dozen bytes.
pub const MAX_HEADER_LINE: u64 = 8 * 1024;

/// The largest message body read: room for a `.crux` file at the size limit of every
/// input, escaped as a JSON string.
pub const MAX_BODY: usize = 512 * 1024 * 1024;

/// The threads that read stdin and write stdout.
pub struct IoThreads {
    reader: Option<JoinHandle<io::Result<()>>>,
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Why the reader stopped: `Some(Ok(()))` at the end of the input, `Some(Err(_))`
    /// on bad input (the cause of a server that ended early), `None` when it is still
    /// reading a second later.
    pub fn input_end(&mut self) -> Option<io::Result<()>> {
        // A reader that stopped has dropped its channel, and ends a moment later.
        let since = std::time::Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished())
            && since.elapsed() < std::time::Duration::from_secs(1)
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let reader = self.reader.take_if(|r| r.is_finished())?;
        Some(
            reader
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the reader stopped"))),
        )
    }

    /// Waits until every message sent was written.
    pub fn finish_writing(self) -> io::Result<()> {
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer stopped")))
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    let (writer_sender, writer_receiver): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = std::thread::Builder::new()
        .name("lsp-writer".into())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            writer_receiver
                .into_iter()
                .try_for_each(|message| message.write(&mut stdout))
        })
        .expect("a thread to write stdout");
    let (reader_sender, reader_receiver) = bounded::<Message>(0);
    let reader = std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            let mut stdin = io::stdin().lock();
            while let Some(message) = read(&mut stdin)? {
                if let Message::Notification(n) = &message
                    && n.method == UNREADABLE
                {
                    // Said here, whatever the server is doing (even before `initialize`).
                    let error = n.params["error"].as_str().unwrap_or_default();
                    eprintln!("crux lsp: skipped {error}");
                }
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if reader_sender.send(message).is_err() || exit {
                    break;
                }
            }
            Ok(())
        })
        .expect("a thread to read stdin");
    let connection = Connection {
        sender: writer_sender,
        receiver: reader_receiver,
    };
    (
        connection,
        IoThreads {
            reader: Some(reader),
            writer,
        },
    )
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The next message, or `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Message>> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        input
            .take(MAX_HEADER_LINE + 1)
            .read_until(b'\n', &mut line)?;
        if line.is_empty() && first {
            return Ok(None);
        }
        first = false;
        if line.len() as u64 > MAX_HEADER_LINE {
            return Err(invalid(format!(
                "a header line longer than {MAX_HEADER_LINE} bytes; is this an LSP client?"
            )));
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(invalid(format!(
                "malformed header {}; each ends with \\r\\n",
                shown(&line)
            )));
        };
        if line.is_empty() {
            break;
        }
        let text = std::str::from_utf8(line)
            .map_err(|_| invalid(format!("malformed header {}", shown(line))))?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid(format!("malformed header {}", shown(line))));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let n = value
                .trim()
                .parse::<usize>()
                .map_err(|_| invalid(format!("malformed header {}", shown(line))))?;
            if n > MAX_BODY {
                return Err(invalid(format!(
                    "a message of {n} bytes; the limit is {MAX_BODY}"
                )));
            }
            length = Some(n);
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(invalid(format!(
            "the input ended {} bytes into a message of {length}",
            body.len()
        )));
    }
    // The message was framed right, so the next one can be read: a body that is not
    // JSON-RPC goes to the server as an [`UNREADABLE`] notice, to be said and answered.
    let message = serde_json::from_slice(&body).unwrap_or_else(|e| unreadable(&body, &e));
    // A request whose id is neither a string nor a 32-bit integer (`2147483648`, `1.5`,
    // `true`) reads as a notification, which would be dropped without a word.
    if matches!(message, Message::Notification(_)) {
        let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
        if let Some(id) = json
            .as_ref()
            .and_then(|v| v.get("id"))
            .filter(|id| !id.is_null())
        {
            return Ok(Some(notice(
                format!("a request whose id {id} is neither a string nor an integer of 32 bits"),
                id.clone(),
            )));
        }
    }
    Ok(Some(message))
}

/// The method of the notice [`read`] passes on for a body that is not a JSON-RPC
/// message; its params hold `error` (in words) and the `id` the body names, if any.
pub const UNREADABLE: &str = "$/crux/unreadableMessage";

/// The notice for a framed body that is not a JSON-RPC message.
fn unreadable(body: &[u8], error: &serde_json::Error) -> Message {
    let json = serde_json::from_slice::<serde_json::Value>(body).ok();
    let id = (json.as_ref())
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_i64() || id.is_string());
    let error = match json {
        Some(_) => {
            "a message that is not JSON-RPC (a request, a response or a notification)".to_string()
        }
        None => format!("a message that is not JSON: {error}"),
    };
    notice(error, id.unwrap_or(serde_json::Value::Null))
}

/// The [`UNREADABLE`] notice for a body that is not a message the server can take.
fn notice(error: String, id: serde_json::Value) -> Message {
    Message::Notification(lsp_server::Notification::new(
        UNREADABLE.into(),
        serde_json::json!({ "error": error, "id": id }),
    ))
}

/// Bytes of a header, quoted and cut short, for an error message.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]);
    let more = if bytes.len() > 60 { "..." } else { "" };
    format!("{:?}{more}", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> io::Result<Vec<Message>> {
        let mut input = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(m) = read(&mut input)? {
            out.push(m);
        }
        Ok(out)
    }

    #[test]
    fn messages_are_read_in_turn() {
        let mut bytes = Vec::new();
        let exit = Message::Notification(lsp_server::Notification::new(
            "exit".into(),
            serde_json::Value::Null,
        ));
        exit.write(&mut bytes).unwrap();
        exit.write(&mut bytes).unwrap();
        assert_eq!(read_all(&bytes).unwrap().len(), 2);
        assert_eq!(read_all(b"").unwrap().len(), 0);
    }

    /// A framed body that is not JSON-RPC is passed on as a notice, and the messages
    /// after it are still read.
    #[test]
    fn a_body_that_is_not_json_rpc_is_a_notice() {
        let mut bytes = b"Content-Length: 10\r\n\r\n{not json}".to_vec();
        bytes.extend(b"Content-Length: 2\r\n\r\n[]");
        bytes.extend(b"Content-Length: 35\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}");
        let exit = Message::Notification(lsp_server::Notification::new(
            "exit".into(),
            serde_json::Value::Null,
        ));
        exit.write(&mut bytes).unwrap();
        let messages = read_all(&bytes).unwrap();
        let notices: Vec<_> = messages
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == UNREADABLE => Some(&n.params),
                _ => None,
            })
            .collect();
        assert_eq!(messages.len(), 4);
        assert_eq!(notices.len(), 3);
        assert!(notices[0]["error"].as_str().unwrap().contains("not JSON:"));
        assert!(
            notices[1]["error"]
                .as_str()
                .unwrap()
                .contains("not JSON-RPC")
        );
        assert_eq!(notices[0]["id"], serde_json::Value::Null);
        assert_eq!(notices[2]["id"], 7);
    }

    /// A request whose id the server cannot answer by (out of 32 bits, a fraction, a
    /// boolean) is a notice naming it, not a notification dropped without a word; one
    /// with a string id is a request.
    #[test]
    fn a_request_with_an_odd_id_is_a_notice() {
        for (id, named) in [
            ("2147483648", true),
            ("1.5", true),
            ("true", true),
            ("\"x\"", false),
        ] {
            let body = format!(
                r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#
            );
            let bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len());
            let messages = read_all(bytes.as_bytes()).unwrap();
            match &messages[..] {
                [Message::Notification(n)] if named => {
                    assert_eq!(n.method, UNREADABLE);
                    let error = n.params["error"].as_str().unwrap();
                    assert!(error.contains(&format!("id {id} is neither")), "{error}");
                }
                [Message::Request(r)] if !named => assert_eq!(r.method, "textDocument/hover"),
                other => panic!("{id}: {other:?}"),
            }
        }
    }

    #[test]
    fn garbage_is_an_error_in_words() {
        for (input, expected) in [
            (&b"hello world\n"[..], "malformed header"),
            (b"Content-Length: abc\r\n\r\n{}", "malformed header"),
            (b"Content-Length: 99999999999999\r\n\r\n{}", "the limit is"),
            (
                b"Content-Length: 100\r\n\r\n{}",
                "the input ended 2 bytes into",
            ),
            (b"X: y\r\n\r\n", "without Content-Length"),
        ] {
            let e = read_all(input).unwrap_err();
            assert!(e.to_string().contains(expected), "{e}");
        }
        let endless = vec![0u8; 100_000];
        let e = read_all(&endless).unwrap_err();
        assert!(e.to_string().contains("header line longer"), "{e}");
    }
}
