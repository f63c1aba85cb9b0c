//! The project: which `.crux` files a debate is made of, their text, and `crux.yaml`.
//!
//! Phase: input, beside syntax. File IO lives here and in `cli`, nowhere else in the
//! library. Errors here are "unreadable input" (exit 2), not findings.

pub mod artifact;
pub mod config;
mod discover;
pub mod preview;
mod yaml;

use std::path::{Path, PathBuf};

use crate::syntax::SourceFile;

pub use config::{Config, ConfigError, ConfigErrors, Level};
pub use discover::discover;

/// Files larger than this are refused, so that a stray huge file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
}

/// Reads one file as UTF-8 text.
pub fn read(path: &Path) -> Result<SourceFile, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Read at most one byte past the limit, so that a device or pipe that never ends
    // (`/dev/zero`) cannot exhaust memory.
    let not_found = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => io(e),
    };
    // A pipe, socket or device is refused before it is opened (opening a FIFO blocks
    // until a writer comes), and checked again on the open file.
    let regular = |meta: std::fs::Metadata| match special_kind(&meta) {
        Some(kind) => Err(LoadError::NotRegular {
            path: path.to_path_buf(),
            kind,
        }),
        None => Ok(()),
    };
    regular(std::fs::metadata(path).map_err(not_found)?)?;
    let file = std::fs::File::open(path).map_err(not_found)?;
    let meta = file.metadata().map_err(io)?;
    // Room for the whole file at once (and the byte past the limit), not grown by
    // doubling and copying.
    let size = meta.len().min(MAX_FILE_BYTES) as usize + 1;
    regular(meta)?;
    let mut bytes = Vec::with_capacity(size);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    Ok(SourceFile::new(display_name(path), path, text))
}

/// What a file that is neither a regular file nor a folder is, in words; `None` for
/// regular files and folders.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// The path as the user should see it: as given, with `./` removed.
fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
