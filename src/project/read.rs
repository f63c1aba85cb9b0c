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
    utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        line: e.line,
        column: e.column,
        utf16: e.utf16,
    })
}

/// Where bytes stop being UTF-8 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NotUtf8 {
    /// Line of the first byte that is not UTF-8 (1-based).
    pub line: usize,
    /// Column of it, in characters (1-based).
    pub column: usize,
    /// Whether the bytes look like UTF-16 ([`looks_like_utf16`]); then the place is the
    /// start of the file.
    pub utf16: bool,
}

/// The text, or where it is not UTF-8: the one UTF-8 check of every input. Bytes that
/// look like UTF-16 are refused from their start, even when they would pass as UTF-8
/// (ASCII saved as UTF-16 without a byte order mark is ASCII with a NUL after each
/// character).
pub(super) fn utf8(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    if looks_like_utf16(&bytes) {
        return Err(NotUtf8 {
            line: 1,
            column: 1,
            utf16: true,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        // Placed as an editor places it: a byte order mark is no column, a lone `\r`
        // ends a line.
        let at = crate::syntax::span::LineIndex::new(good).line_col(good, good.len() as u32);
        NotUtf8 {
            line: at.line as usize,
            column: at.column as usize,
            utf16: false,
        }
    })
}

/// How many bytes from the start [`looks_like_utf16`] looks at.
const UTF16_SAMPLE: usize = 64;

/// Whether `bytes` look like UTF-16 text (as Windows Notepad saves "Unicode"): a UTF-16
/// byte order mark (FF FE or FE FF), or, in the first bytes, a NUL as every other byte
/// and only there, as ASCII characters take in UTF-16 (little or big endian). Text
/// has no NUL, so UTF-8 text never looks so.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    let nul_at = |parity: usize| {
        sample
            .iter()
            .enumerate()
            .all(|(i, &b)| (b == 0) == (i % 2 == parity))
    };
    !sample.is_empty() && (nul_at(0) || nul_at(1))
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
    fn utf16_is_told_apart() {
        let utf16 = |bytes: &[u8]| utf8(bytes.to_vec()).map_err(|e| e.utf16);
        // With a byte order mark, little or big endian.
        assert_eq!(utf16(b"\xff\xfet\0h\0"), Err(true));
        assert_eq!(utf16(b"\xfe\xff\0t\0h"), Err(true));
        // Without one: ASCII with a NUL after (or before) each character, although
        // that much is valid UTF-8.
        assert_eq!(utf16(b"t\0h\0e\0s\0i\0s\0"), Err(true));
        assert_eq!(utf16(b"\0t\0h\0e"), Err(true));
        // Not UTF-16: UTF-8 text, a stray NUL, a Latin-1 byte.
        assert_eq!(utf16(b"thesis"), Ok("thesis".to_string()));
        assert_eq!(utf16(b"th\0sis"), Ok("th\0sis".to_string()));
        assert_eq!(utf16(b"caf\xe9"), Err(false));
        assert_eq!(utf16(b""), Ok(String::new()));
        let e = decode(Path::new("./u16.crux"), b"\xff\xfet\0".to_vec());
        assert_eq!(
            e.unwrap_err().to_string(),
            "u16.crux:1:1: not valid UTF-8 text: it looks like UTF-16; save it as UTF-8"
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
