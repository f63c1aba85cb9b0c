//! Why an input could not be read: the one error every command reports, in the same
//! words, for a file or path it cannot read.
//!
//! Phase: input (project); depends on nothing else in the crate but `project`'s own
//! limits and config errors.

use std::path::{Path, PathBuf};

use super::{ConfigErrors, MAX_FILE_BYTES};

/// Why an input could not be read. Shown as `FILE: REASON` ([`LoadError::reason`]),
/// or `FILE:LINE:COLUMN: not valid UTF-8 text (...)` for text that is not UTF-8.
#[derive(Debug)]
pub enum LoadError {
    /// A path on the command line does not exist.
    NotFound(PathBuf),
    /// A file is not UTF-8 text.
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte.
        line: usize,
        /// Column (in characters) of the first invalid byte.
        column: usize,
        /// Whether the file looks like UTF-16 (then line and column are 1 and 1).
        utf16: bool,
    },
    /// A file is over [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// A path names a pipe, socket or device: reading it could block forever or never
    /// end, so it is not opened.
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead (`a named pipe (FIFO)`, `a socket`, `a device`).
        kind: &'static str,
    },
    /// A `.crux` entry of a folder searched that is a symbolic link, which the search
    /// does not follow (a file named on the command line is read through its link).
    Link {
        /// The link.
        path: PathBuf,
    },
    /// Any other IO error.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A git revision could not be read: `spec` is the side as written
    /// (`git:REV[:PATH]`), or `REV:FILE` for one file of it.
    Git {
        /// What was asked for.
        spec: String,
        /// What went wrong (git's own message when git failed).
        message: String,
    },
    /// The `crux.yaml` of a git revision has mistakes, each named `REV:FILE` with its
    /// place, as the work tree's are.
    Config(ConfigErrors),
}

impl LoadError {
    /// The file it names, as messages write it, with the line and column of the problem
    /// (0 and 0 when it has no place in the file); no file for a git revision.
    pub fn place(&self) -> (Option<String>, u64, u64) {
        match self {
            LoadError::NotUtf8 {
                path, line, column, ..
            } => (Some(display_name(path)), *line as u64, *column as u64),
            LoadError::Git { .. } => (None, 0, 0),
            LoadError::Config(errors) => match errors.0.first() {
                Some(e) => (Some(e.file_name()), e.line, e.column),
                None => (None, 0, 0),
            },
            LoadError::NotFound(path)
            | LoadError::TooLarge { path }
            | LoadError::NotRegular { path, .. }
            | LoadError::Link { path }
            | LoadError::Io { path, .. } => (Some(display_name(path)), 0, 0),
        }
    }

    /// What is wrong, as [`Display`](std::fmt::Display) says it after the file and
    /// place.
    pub fn what(&self) -> String {
        match self {
            LoadError::NotUtf8 { utf16, .. } => {
                not_utf8(*utf16, Some("a .crux file must be UTF-8"))
            }
            LoadError::Git { .. } => self.to_string(),
            LoadError::Config(errors) => {
                (errors.0.first()).map_or_else(|| errors.to_string(), |e| e.message.clone())
            }
            _ => self.reason(),
        }
    }

    /// Why, without the file's name: for a message that names the file its own way
    /// (an Argdown `@include(NAME)`). Not UTF-8: `not valid UTF-8 text at line L,
    /// column C`.
    pub fn reason(&self) -> String {
        match self {
            LoadError::NotFound(_) => "no such file or directory".to_string(),
            LoadError::NotUtf8 {
                line,
                column,
                utf16: false,
                ..
            } => format!("not valid UTF-8 text at line {line}, column {column}"),
            LoadError::NotUtf8 { utf16: true, .. } => not_utf8(true, None),
            LoadError::TooLarge { .. } => format!(
                "file is too large (the limit is {} MiB)",
                MAX_FILE_BYTES >> 20
            ),
            LoadError::NotRegular { kind, .. } => format!("{kind}, not a regular file"),
            LoadError::Link { .. } => "a symbolic link, which a folder search does not follow; \
                 name the file it leads to, or leave the link out with `exclude:` in crux.yaml"
                .to_string(),
            LoadError::Io { source, .. } => source.to_string(),
            LoadError::Git { message, .. } => message.clone(),
            LoadError::Config(errors) => errors.to_string(),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotUtf8 {
                path, line, column, ..
            } => {
                write!(f, "{}:{line}:{column}: {}", display_name(path), self.what())
            }
            LoadError::Git { spec, message } => write!(f, "{spec}: {message}"),
            LoadError::Config(errors) => write!(f, "{errors}"),
            LoadError::NotFound(path)
            | LoadError::TooLarge { path }
            | LoadError::NotRegular { path, .. }
            | LoadError::Link { path }
            | LoadError::Io { path, .. } => {
                write!(f, "{}: {}", display_name(path), self.reason())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            LoadError::Config(errors) => Some(errors),
            _ => None,
        }
    }
}

/// What is wrong with text that is not UTF-8, in the words every input's error uses:
/// that it looks like UTF-16 (`utf16`, with what to do about it), else what must be
/// UTF-8 (`rule`, such as `a .crux file must be UTF-8`), if that is to be said.
pub fn not_utf8(utf16: bool, rule: Option<&str>) -> String {
    match (utf16, rule) {
        (true, _) => "not valid UTF-8 text: it looks like UTF-16; save it as UTF-8".into(),
        (false, Some(rule)) => format!("not valid UTF-8 text ({rule})"),
        (false, None) => "not valid UTF-8 text".into(),
    }
}

/// The path as the user should see it: as given, with `./` removed.
pub(super) fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
