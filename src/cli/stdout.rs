//! Printing a command's output on standard output. A reader that stops reading (`crux
//! check | head`) is its choice, not an error; any other failure to write (a full disk,
//! `> /dev/full`) is reported, `error: cannot write to standard output: why`, and ends
//! the command with exit 2, so that a truncated output is never taken for a whole one.
//!
//! Phase: cli.

use std::io::Write;

use super::ExitStatus;

/// What a failed write of standard output means: `None` when the reader is gone (a
/// closed pipe), else the message to report.
pub(crate) fn failure(e: &std::io::Error) -> Option<String> {
    match e.kind() {
        std::io::ErrorKind::BrokenPipe => None,
        _ => Some(format!("cannot write to standard output: {e}")),
    }
}

/// Writes `bytes` on standard output and flushes it. `false` when that failed for a
/// reason other than a closed pipe; the error is reported.
#[must_use]
pub(crate) fn print(bytes: &[u8]) -> bool {
    let mut stdout = std::io::stdout().lock();
    finish(stdout.write_all(bytes).and_then(|()| stdout.flush()))
}

/// Reports the result of writing standard output (all of it, flushed): `false` when
/// it failed for a reason other than a closed pipe.
#[must_use]
pub(crate) fn finish(result: std::io::Result<()>) -> bool {
    match result.as_ref().err().and_then(failure) {
        Some(message) => {
            eprintln!("error: {message}");
            false
        }
        None => true,
    }
}

/// `status`, or [`ExitStatus::Error`] when `written` is false.
pub(crate) fn status(written: bool, status: ExitStatus) -> ExitStatus {
    match written {
        true => status,
        false => ExitStatus::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_no_failure_and_a_full_disk_is() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(failure(&pipe), None);
        let full = std::io::Error::from_raw_os_error(28);
        let message = failure(&full).unwrap();
        assert!(
            message.starts_with("cannot write to standard output: "),
            "{message}"
        );
    }
}
