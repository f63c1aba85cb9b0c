//! Why an input could not be read: the one error every command reports, in the same
//! words, for a file or path it cannot read.
//!
//! Phase: input (project); depends on nothing else in the crate.

use std::path::{Path, PathBuf};

use super::MAX_FILE_BYTES;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path on the command line does not exist.
    #[error("{}: no such file or directory", display_name(.0))]
    NotFound(PathBuf),
    /// A file is not UTF-8 text.
    #[error(
        "{}:{line}:{column}: not valid UTF-8 text (a .crux file must be UTF-8)",
        display_name(path)
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte.
        line: usize,
        /// Column (in characters) of the first invalid byte.
        column: usize,
    },
    /// A file is over [`MAX_FILE_BYTES`].
    #[error("{}: file is too large (the limit is {} MiB)", display_name(path), MAX_FILE_BYTES >> 20)]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// A path names a pipe, socket or device: reading it could block forever or never
    /// end, so it is not opened.
    #[error("{}: {kind}, not a regular file", display_name(path))]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead (`a named pipe (FIFO)`, `a socket`, `a device`).
        kind: &'static str,
    },
    /// Any other IO error.
    #[error("{}: {source}", display_name(path))]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A git revision could not be read: `spec` is the side as written
    /// (`git:REV[:PATH]`), or `REV:FILE` for one file of it.
    #[error("{spec}: {message}")]
    Git {
        /// What was asked for.
        spec: String,
        /// What went wrong (git's own message when git failed).
        message: String,
    },
}

/// The path as the user should see it: as given, with `./` removed.
pub(super) fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
