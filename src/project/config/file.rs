//! Reading `crux.yaml` from disk: a regular file, bounded in size, UTF-8.
//!
//! Phase: input (project).

use std::io::Read;
use std::path::Path;

use super::{ConfigError, MAX_CONFIG_BYTES};
use crate::syntax::span::LineIndex;

/// The text of a config file: a regular file (never a FIFO or a device, which could
/// block or never end), at most [`MAX_CONFIG_BYTES`], UTF-8.
pub(super) fn read_text(path: &Path) -> Result<String, ConfigError> {
    let fail = |message: String| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
        text: None,
    };
    let io = |e: std::io::Error| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".into(),
            _ => e.to_string(),
        })
    };
    let regular = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            Err(fail("is a folder; the config must be a file".into()))
        } else if !meta.is_file() {
            Err(fail(
                "not a regular file (a pipe, socket or device); the config must be a file".into(),
            ))
        } else {
            Ok(())
        }
    };
    regular(&std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    // Checked again on the open file, in case it was replaced in between.
    regular(&file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(fail(format!(
            "file is too large for a config (the limit is {} MiB)",
            MAX_CONFIG_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        let at = LineIndex::new(good).line_col(good, good.len() as u32);
        ConfigError {
            path: path.to_path_buf(),
            line: at.line.into(),
            column: at.column.into(),
            message: "not valid UTF-8 text (crux.yaml must be UTF-8)".into(),
            text: None,
        }
    })
}
