//! Reading one input file: a regular file (never a pipe, socket or device, which could
//! block or never end), bounded in size, UTF-8 text. Every file crux reads as input
//! (`.crux` files from disk or git, `crux.yaml`, frameworks) passes here.
//!
//! Phase: input (project); must not depend on `render` or `cli`.

use std::path::Path;

use super::LoadError;
use super::error::display_name;
use crate::syntax::SourceFile;

/// Files larger than this are refused, so that a stray huge file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
        if let Some(kind) = special_kind(meta.file_type()) {
            return Err(Refusal::Special(kind));
        }
        match meta.len() > limit {
            true => Err(Refusal::TooLarge),
            false => Ok(()),
        }
    };
    regular(std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    // Room for the whole file at once (and the byte that tells it grew), not a buffer
    // doubled a dozen times over for a large debate.
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize + 1);
    regular(meta)?;
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
        // Placed as an editor places it: a byte order mark is no column, a lone `\r`
        // ends a line.
        let at = crate::syntax::span::LineIndex::new(good).line_col(good, good.len() as u32);
        (at.line as usize, at.column as usize)
    })
}

/// What a file that is neither a regular file nor a folder is, in words; `None` for
/// regular files and folders.
pub(crate) fn special_kind(kind: std::fs::FileType) -> Option<&'static str> {
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
}
