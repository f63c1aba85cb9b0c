//! Which `.crux` files a debate is made of: the one directory walk every command uses.
//!
//! Phase: input (project). Directories are searched recursively with the `ignore`
//! crate: hidden files and folders are skipped, and so is whatever a `.gitignore` (in the
//! folder searched or a parent, inside a git repository or not; inside one, not above
//! its root, as git reads them) or `.git/info/exclude` ignores, and whatever `crux.yaml`'s `exclude:` patterns name. The user's global git
//! excludes file is not read, so that a debate is the same on every machine. A file named
//! on the command line is always read, and a folder named on the command line is always
//! searched, whatever the patterns say. A `.crux` entry that is a pipe, socket or device
//! is found too, so that reading it is refused and reported rather than skipped
//! silently; symbolic links are not followed, and a `.crux` one is reported as
//! unreadable for the same reason.
//!
//! The same rule picks the files of a git revision ([`in_tree`], [`excluded`]), whose
//! listing is not a directory on disk.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::{Config, LoadError};

/// Whether `dir` (absolute) is in a git repository's work tree: it or a parent holds
/// a `.git` folder (or, in a linked work tree or submodule, a `.git` file).
fn in_git_repository(dir: &Path) -> bool {
    dir.ancestors().any(|d| d.join(".git").exists())
}

/// Every `.crux` file under `paths`: directories are searched recursively (see the
/// module doc for what is skipped), files are taken as given. Sorted within each
/// directory and deduplicated, so the order is stable. The first folder that cannot be
/// searched is an error; [`super::load()`] reports them all.
pub fn discover(paths: &[PathBuf], config: &Config) -> Result<Vec<PathBuf>, LoadError> {
    let (files, mut errors) = discover_all(paths, config)?;
    match errors.is_empty() {
        true => Ok(files),
        false => Err(errors.remove(0)),
    }
}

/// [`discover`], with every folder that could not be searched (or entry that could not
/// be looked at) in the second list instead of stopping at the first. A path in `paths`
/// that does not exist is an `Err`.
pub(super) fn discover_all(
    paths: &[PathBuf],
    config: &Config,
) -> Result<(Vec<PathBuf>, Vec<LoadError>), LoadError> {
    let excluded = exclude_matcher(config);
    let mut out: Vec<PathBuf> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound(path.clone()),
            _ => LoadError::Io {
                path: path.clone(),
                source: e,
            },
        })?;
        if !meta.is_dir() {
            out.push(path.clone());
            continue;
        }
        if let Err(e) = walk(path, excluded.clone(), &mut out, &mut errors) {
            errors.push(e);
        }
    }
    // One file reached by two names (a symbolic link, or a second hard link) is read
    // once, under the first name: twice, every node in it would be a duplicate ID.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(identity(p)));
    Ok((out, errors))
}

/// What makes two names the same file: its device and inode where the system has
/// them, else its canonical path.
fn identity(path: &Path) -> (u64, u64, PathBuf) {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return (meta.dev(), meta.ino(), PathBuf::new());
    }
    (
        0,
        0,
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    )
}

/// The `exclude:` patterns of `config`, rooted at its directory (canonical, so that
/// walked paths can be compared with it); `None` when there are none.
fn exclude_matcher(config: &Config) -> Option<std::sync::Arc<Gitignore>> {
    if config.exclude.is_empty() {
        return None;
    }
    let dir = config.path.as_ref()?.parent()?;
    let dir = std::fs::canonicalize(dir).ok()?;
    let mut builder = GitignoreBuilder::new(&dir);
    for pattern in &config.exclude {
        // Checked when the config was loaded.
        let _ = builder.add_line(None, pattern);
    }
    builder.build().ok().map(std::sync::Arc::new)
}

/// Adds the `.crux` files under the directory `root` to `out`, and what could not be
/// looked at below it to `errors`.
fn walk(
    root: &Path,
    excluded: Option<std::sync::Arc<Gitignore>>,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<LoadError>,
) -> Result<(), LoadError> {
    let canonical_root = std::fs::canonicalize(root).map_err(|e| LoadError::Io {
        path: root.to_path_buf(),
        source: e,
    })?;
    let given_root = root.to_path_buf();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .ignore(false)
        .git_global(false)
        // Inside a git repository, as git does: no `.gitignore` above its root applies
        // (the `ignore` crate stops at the root only when it requires git). Outside
        // one, every parent's `.gitignore` does.
        .require_git(in_git_repository(&canonical_root))
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    if let Some(excluded) = excluded {
        let base = excluded.path().to_path_buf();
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let Ok(relative) = entry.path().strip_prefix(&given_root) else {
                return true;
            };
            let absolute = canonical_root.join(relative);
            if !absolute.starts_with(&base) {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !excluded.matched(&absolute, is_dir).is_ignore()
        });
    }
    for entry in builder.build() {
        let entry = match entry {
            // A `.gitignore` line that is not a valid pattern is attached to its folder's
            // entry and left out, as git does; errors that come here are the walk's own.
            Ok(entry) => entry,
            Err(e) => {
                let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
                errors.push(LoadError::Io {
                    path,
                    source: plain(
                        e.into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
                    ),
                });
                continue;
            }
        };
        // A link is not followed: said so, rather than its file silently left out.
        if entry.path_is_symlink() && is_crux(entry.path()) {
            errors.push(LoadError::Link {
                path: entry.into_path(),
            });
            continue;
        }
        // Regular files, and pipes, sockets and devices (which reading refuses); not
        // folders, nor links.
        let wanted = entry
            .file_type()
            .is_some_and(|t| t.is_file() || !(t.is_dir() || t.is_symlink()));
        if wanted && is_crux(entry.path()) {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

/// The OS's own error under one that the walk wrapped: `Permission denied (os error
/// 13)`, not `IO error for operation on DIR: Permission denied (os error 13)` after the
/// name of DIR that the message gives already.
fn plain(e: std::io::Error) -> std::io::Error {
    let os = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .and_then(std::io::Error::raw_os_error);
    match os {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => e,
    }
}

/// The path an error of the walk is about, if it says.
fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// Whether a file's name says it is a `.crux` file.
fn is_crux(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "crux")
}

/// How many `.crux` files under the folders of `paths` the search leaves out (hidden,
/// ignored by a `.gitignore`, named by `exclude:`): for the message when it finds none.
pub fn left_out(paths: &[PathBuf]) -> usize {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|p| {
            ignore::WalkBuilder::new(p)
                .standard_filters(false)
                .follow_links(false)
                .build()
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_crux(e.path()))
        .count()
}

/// Whether a file listed under the folder `root` of a tree (paths from the tree's root,
/// `/`-separated) belongs to the debate: a `.crux` file with no hidden folder or name
/// between `root` and it, as in a directory walk.
pub(super) fn in_tree(root: &str, path: &str) -> bool {
    let below = if root.is_empty() {
        path
    } else {
        path.strip_prefix(root)
            .and_then(|p| p.strip_prefix('/'))
            .unwrap_or(path)
    };
    is_crux(Path::new(path)) && !below.split('/').any(|c| c.starts_with('.'))
}

/// Whether `matchers` (the deepest first, each rooted at `/` + its folder in the tree)
/// leave out `path` (a file from the tree's root) in a search of the folder `root`: the
/// file, or a folder between `root` and it, is ignored by the deepest matcher that has
/// a say. As on disk, the folder named is searched whatever the patterns say.
pub(super) fn excluded(matchers: &[&Gitignore], root: &str, path: &str) -> bool {
    let below = if root.is_empty() {
        path
    } else {
        path.strip_prefix(root)
            .map_or(path, |p| p.trim_start_matches('/'))
    };
    let mut current = Path::new("/").join(root);
    let parts: Vec<&str> = below.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        current.push(part);
        let is_dir = i + 1 < parts.len();
        for m in matchers.iter().filter(|m| current.starts_with(m.path())) {
            match m.matched(&current, is_dir) {
                ignore::Match::Ignore(_) => return true,
                ignore::Match::Whitelist(_) => break,
                ignore::Match::None => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    /// An error that wraps the OS's, as the walk's does.
    #[derive(Debug)]
    struct Wrapped(std::io::Error);

    impl std::fmt::Display for Wrapped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "IO error for operation on dir: {}", self.0)
        }
    }

    impl std::error::Error for Wrapped {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_walks_wrapping_is_taken_off_an_os_error() {
        let denied = std::io::Error::from_raw_os_error(13);
        let wrapped = std::io::Error::new(
            denied.kind(),
            Wrapped(std::io::Error::from_raw_os_error(13)),
        );
        assert_eq!(super::plain(wrapped).to_string(), denied.to_string());
        let other = std::io::Error::other("filesystem loop");
        assert_eq!(super::plain(other).to_string(), "filesystem loop");
    }

    use super::*;

    #[test]
    fn a_gitignore_above_a_repositorys_root_does_not_apply() {
        // A `.gitignore` of `*` in the folder above (say a home folder's), as git reads
        // it: not at all for the repository below, but for a plain folder below, yes.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "*\n").unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(repo.join("d.crux"), "thesis t: \"T\"\n").unwrap();
        let found = discover(std::slice::from_ref(&repo), &Config::default()).unwrap();
        assert_eq!(found, [repo.join("d.crux")]);
        std::fs::remove_dir(repo.join(".git")).unwrap();
        let found = discover(std::slice::from_ref(&repo), &Config::default()).unwrap();
        assert!(found.is_empty(), "{found:?}");
    }

    /// Two hard links to one file are one file: read once, under its first name (read
    /// twice, every node would be a duplicate ID, and `fmt` would find the second
    /// name "changed on disk" after writing the first).
    #[cfg(unix)]
    #[test]
    fn a_file_with_two_names_is_found_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.crux"), "thesis t: \"T\"\n").unwrap();
        std::fs::hard_link(dir.path().join("a.crux"), dir.path().join("b.crux")).unwrap();
        std::fs::write(dir.path().join("c.crux"), "thesis c: \"C\"\n").unwrap();
        let found = discover(&[dir.path().to_path_buf()], &Config::default()).unwrap();
        assert_eq!(
            found,
            [dir.path().join("a.crux"), dir.path().join("c.crux")]
        );
    }

    #[test]
    fn hidden_directories_below_the_root_are_skipped() {
        assert!(in_tree("", "claims/a.crux"));
        assert!(!in_tree("", ".github/a.crux"));
        assert!(in_tree(".hidden", ".hidden/a.crux"));
        assert!(!in_tree("claims", "claims/notes.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_in_a_folder_is_found_so_that_it_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe.crux");
        let c = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        std::fs::create_dir(dir.path().join("folder.crux")).unwrap();
        let found = discover(&[dir.path().to_path_buf()], &Config::default()).unwrap();
        assert_eq!(found, vec![pipe]);
    }
}
