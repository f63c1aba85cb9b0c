//! Reading `crux.yaml` from disk: a regular file, bounded in size, UTF-8.
//!
//! Phase: input (project).

use std::path::Path;

use super::super::read::{Refusal, read_bounded, utf8};
use super::{ConfigError, MAX_CONFIG_BYTES};

/// The text of a config file: a regular file (never a FIFO or a device, which could
/// block or never end), at most [`MAX_CONFIG_BYTES`], UTF-8; read as every input is
/// ([`read_bounded`], [`utf8`]).
pub(super) fn read_text(path: &Path) -> Result<String, ConfigError> {
    text(path, read_bounded(path, MAX_CONFIG_BYTES))
}

/// The text of the config file at `path` from its `bytes`, or why it was refused (see
/// [`read_text`]): for a file on disk, or one of a git revision, in the same words.
pub(in crate::project) fn text(
    path: &Path,
    bytes: Result<Vec<u8>, Refusal>,
) -> Result<String, ConfigError> {
    let fail = |message: String| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
        text: None,
    };
    let bytes = bytes.map_err(|refusal| {
        fail(match refusal {
            Refusal::NotFound => "no such file or directory".into(),
            Refusal::Folder => "is a folder; the config must be a file".into(),
            Refusal::Special(kind) => {
                format!("{kind}, not a regular file; the config must be a file")
            }
            Refusal::TooLarge => format!(
                "file is too large for a config (the limit is {} MiB)",
                MAX_CONFIG_BYTES >> 20
            ),
            Refusal::Io(e) => e.to_string(),
        })
    })?;
    utf8(bytes).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: e.line as u64,
        column: e.column as u64,
        message: super::super::not_utf8(e.utf16, Some("crux.yaml must be UTF-8")),
        text: None,
    })
}
