//! Loading a debate's `.crux` files: the one way every command obtains them.
//!
//! Phase: input (project). The files come from a [`Source`]: files and folders on disk,
//! found by [`discover`](super::discover()), or a git revision. Every file passes the
//! same checks whatever its source: a regular file (not a pipe, socket or device), at
//! most [`MAX_FILE_BYTES`], UTF-8 text. A file that fails them is kept, with the reason,
//! in [`Loaded::unreadable`], and the others are loaded, so that every command reports
//! every unreadable file in the same words (and exits 2).

use std::path::{Path, PathBuf};

use super::{Config, discover, git};
use crate::syntax::SourceFile;

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

/// Where a debate's files come from.
#[derive(Debug)]
pub enum Source<'a> {
    /// Files and folders on disk; folders are searched as [`discover`](super::discover())
    /// says, with the `exclude:` patterns of `config`.
    Disk {
        /// The files and folders (at least one).
        paths: &'a [PathBuf],
        /// The config in effect.
        config: Config,
    },
    /// `git:REV[:PATH]`: the `.crux` files under PATH as committed in REV, in the git
    /// repository of the current directory, found by the same rule as on disk, with
    /// the revision's own `crux.yaml` (its `default_weight` and `exclude:`).
    Git {
        /// The whole side as written, `git:` included.
        spec: &'a str,
    },
}

/// A debate's files, read.
#[derive(Debug)]
pub struct Loaded {
    /// The config in effect (for a git revision, the keys read from its `crux.yaml`).
    pub config: Config,
    /// Every file found, read or not, in the order found.
    pub files: Vec<PathBuf>,
    /// The files that were read, in the order found.
    pub sources: Vec<SourceFile>,
    /// Why each of the other files could not be read, in the order found.
    pub unreadable: Vec<LoadError>,
    /// What the command should say about the input although it was read (a git
    /// revision's `crux.yaml` that does not parse and was ignored).
    pub warnings: Vec<String>,
}

/// Finds and reads the `.crux` files of `source`. A path that does not exist, or a git
/// revision that cannot be listed, is an `Err`; a file that cannot be read is in
/// [`Loaded::unreadable`] and the rest is read. Finding no file at all is not an error
/// here (`files` is empty): whether that is one is the command's call.
pub fn load(source: Source<'_>) -> Result<Loaded, LoadError> {
    match source {
        Source::Disk { paths, config } => {
            let (files, mut unreadable) = discover::discover_all(paths, &config)?;
            let mut sources = Vec::with_capacity(files.len());
            for file in &files {
                match read(file) {
                    Ok(s) => sources.push(s),
                    Err(e) => unreadable.push(e),
                }
            }
            Ok(Loaded {
                config,
                files,
                sources,
                unreadable,
                warnings: Vec::new(),
            })
        }
        Source::Git { spec } => git::load(spec),
    }
}

/// Reads one file as UTF-8 text.
pub fn read(path: &Path) -> Result<SourceFile, LoadError> {
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|refusal| match refusal {
        Refusal::NotFound => LoadError::NotFound(path.to_path_buf()),
        Refusal::Special(kind) => LoadError::NotRegular {
            path: path.to_path_buf(),
            kind,
        },
        Refusal::TooLarge => LoadError::TooLarge {
            path: path.to_path_buf(),
        },
        Refusal::Folder => LoadError::Io {
            path: path.to_path_buf(),
            source: std::io::ErrorKind::IsADirectory.into(),
        },
        Refusal::Io(source) => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let text = decode(path, bytes)?;
    Ok(SourceFile::new(display_name(path), path, text))
}

/// Why [`read_bounded`] did not return a file's bytes.
#[derive(Debug)]
pub(super) enum Refusal {
    /// There is no such file.
    NotFound,
    /// It is a folder.
    Folder,
    /// It is a pipe, socket or device (what, in words).
    Special(&'static str),
    /// It is over the limit.
    TooLarge,
    /// Any other IO error.
    Io(std::io::Error),
}

/// The bytes of the regular file at `path`, at most `limit` of them. Every input file
/// crux reads (`.crux` files, `crux.yaml`, frameworks) is read here. A pipe, socket or
/// device is refused before it is opened (opening a FIFO blocks until a writer comes),
/// and checked again on the open file; a file whose size is over the limit is refused
/// without being read, and at most one byte past the limit is ever read, in case the
/// file grew in between.
pub(super) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::NotFound,
        _ => Refusal::Io(e),
    };
    let regular = |meta: std::fs::Metadata| {
        if meta.is_dir() {
            return Err(Refusal::Folder);
        }
        if let Some(kind) = special_kind(&meta) {
            return Err(Refusal::Special(kind));
        }
        match meta.len() > limit {
            true => Err(Refusal::TooLarge),
            false => Ok(()),
        }
    };
    regular(std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    regular(file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge);
    }
    Ok(bytes)
}

/// Refuses a file of `len` bytes when it is over [`MAX_FILE_BYTES`].
pub(super) fn check_size(path: &Path, len: u64) -> Result<(), LoadError> {
    if len > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The text of a file's bytes: within the size limit and UTF-8, or the reason not.
pub(super) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    check_size(path, bytes.len() as u64)?;
    utf8(bytes).map_err(|(line, column)| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        line,
        column,
    })
}

/// The text, or the line and column (1-based, in characters) of the first byte that
/// is not UTF-8: the one UTF-8 check of every input.
pub(super) fn utf8(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    })
}

/// What a file that is neither a regular file nor a folder is, in words; `None` for
/// regular files and folders.
pub(super) fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    file_type_kind(meta.file_type())
}

/// [`special_kind`] of a file type.
pub(super) fn file_type_kind(kind: std::fs::FileType) -> Option<&'static str> {
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
pub(super) fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_invalid_byte_is_located() {
        let e = decode(
            Path::new("./a.crux"),
            b"thesis t: \"T\"\nclaim \xe9".to_vec(),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "a.crux:2:7: not valid UTF-8 text (a .crux file must be UTF-8)"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.crux");
        // Sparse: no disk space is used, and the size alone refuses it.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = read(&path).unwrap_err();
        assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
        assert!(
            e.to_string()
                .ends_with("huge.crux: file is too large (the limit is 64 MiB)"),
            "{e}"
        );
    }

    #[test]
    fn every_unreadable_file_of_a_folder_is_kept_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        std::fs::write(dir.path().join("b.crux"), b"claim \xff\n").unwrap();
        std::fs::write(dir.path().join("c.crux"), b"\xfe\n").unwrap();
        let paths = [dir.path().to_path_buf()];
        let loaded = load(Source::Disk {
            paths: &paths,
            config: Config::default(),
        })
        .unwrap();
        assert_eq!(loaded.files.len(), 3);
        assert_eq!(loaded.sources.len(), 1);
        assert_eq!(loaded.unreadable.len(), 2);
        assert!(
            loaded
                .unreadable
                .iter()
                .all(|e| matches!(e, LoadError::NotUtf8 { .. }))
        );
    }
}
