//! Loading a debate's `.crux` files: the one way every command obtains them.
//!
//! Phase: input (project); must not depend on `render` or `cli`. The files come from
//! a [`Source`]: files and folders on disk, found by [`discover`](super::discover()), or
//! a git revision. Every file passes the same checks whatever its source
//! ([`super::read()`]): a regular file (not a pipe, socket or device), at most
//! [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES), UTF-8 text. A file that fails them is
//! kept, with the reason, in [`Loaded::unreadable`], and the others are loaded, so that
//! every command reports every unreadable file in the same words (and exits 2).

use std::path::PathBuf;

use super::read::read;
use super::{Config, LoadError, discover, git};
use crate::syntax::SourceFile;

/// Where a debate's files come from.
#[derive(Debug)]
pub enum Source<'a> {
    /// Files and folders on disk; folders are searched as [`discover`](super::discover())
    /// says, with the `exclude:` patterns of `config`.
    Disk {
        /// The files and folders (at least one).
        paths: &'a [PathBuf],
        /// The config in effect (boxed: it is much larger than a git revision's spec).
        config: Box<Config>,
    },
    /// `git:REV[:PATH]`: the `.crux` files under PATH as committed in REV, in the git
    /// repository of the current directory, found by the same rule as on disk, with
    /// the revision's own `crux.yaml`, checked as on disk ([`LoadError::Config`]).
    Git {
        /// The whole side as written, `git:` included.
        spec: &'a str,
    },
}

/// A debate's files, read.
#[derive(Debug)]
pub struct Loaded {
    /// The config in effect (for a git revision, its own `crux.yaml`).
    pub config: Config,
    /// Every file found, read or not, in the order found.
    pub files: Vec<PathBuf>,
    /// The files that were read, in the order found.
    pub sources: Vec<SourceFile>,
    /// Why each of the other files (or a folder below a path) could not be read: the
    /// folders that could not be searched first, then the files in the order found.
    pub unreadable: Vec<LoadError>,
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
                config: *config,
                files,
                sources,
                unreadable,
            })
        }
        Source::Git { spec } => git::load(spec),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unreadable_file_of_a_folder_is_kept_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        std::fs::write(dir.path().join("b.crux"), b"claim \xff\n").unwrap();
        std::fs::write(dir.path().join("c.crux"), b"\xfe\n").unwrap();
        let paths = [dir.path().to_path_buf()];
        let loaded = load(Source::Disk {
            paths: &paths,
            config: Box::default(),
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
