//! Which `.crux` files a debate is made of: the one directory walk every command uses.
//!
//! Phase: input (project). Directories are searched recursively with the `ignore`
//! crate: hidden files and folders are skipped, and so is whatever a `.gitignore` (in the
//! folder searched or a parent, inside a git repository or not) or `.git/info/exclude`
//! ignores, and whatever `crux.yaml`'s `exclude:` patterns name. The user's global git
//! excludes file is not read, so that a debate is the same on every machine. A file named
//! on the command line is always read, and a folder named on the command line is always
//! searched, whatever the patterns say.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::{Config, LoadError};

/// Every `.crux` file under `paths`: directories are searched recursively (see the
/// module doc for what is skipped), files are taken as given. Sorted within each
/// directory and deduplicated, so the order is stable.
pub fn discover(paths: &[PathBuf], config: &Config) -> Result<Vec<PathBuf>, LoadError> {
    let excluded = exclude_matcher(config);
    let mut out: Vec<PathBuf> = Vec::new();
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
        walk(path, excluded.clone(), &mut out)?;
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
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

/// Adds the `.crux` files under the directory `root` to `out`.
fn walk(
    root: &Path,
    excluded: Option<std::sync::Arc<Gitignore>>,
    out: &mut Vec<PathBuf>,
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
        .require_git(false)
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
                return Err(LoadError::Io {
                    path,
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
                });
            }
        };
        if entry.file_type().is_some_and(|t| t.is_file())
            && entry.path().extension().is_some_and(|x| x == "crux")
        {
            out.push(entry.into_path());
        }
    }
    Ok(())
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
