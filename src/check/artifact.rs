//! Where an artifact path leads: inside the project, outside it, or nowhere. Shared by
//! the artifact rules so that each reports only its own finding.

use std::path::{Component, Path, PathBuf};

use crate::model::ArtifactRef;

/// What an artifact path resolves to.
pub(crate) enum Location {
    /// An absolute path.
    Absolute,
    /// A relative path whose `..` components climb out of the project.
    ClimbsOut,
    /// A path inside the project that is a link to a place outside it.
    LinksOut(PathBuf),
    /// Nothing there.
    Missing,
    /// A directory, not a file.
    Directory,
    /// A file inside the project.
    File(PathBuf),
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Locates an artifact relative to the project root.
pub(crate) fn locate(artifact: &ArtifactRef, project_root: &Path) -> Location {
    let written = Path::new(&artifact.path);
    let bytes = artifact.path.as_bytes();
    // `C:\data` and `D:/data` are absolute on Windows, and so on every machine: the
    // debate must work on all of them.
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if written.has_root() || written.is_absolute() || bytes.first() == Some(&b'\\') || drive {
        return Location::Absolute;
    }
    let root = std::path::absolute(project_root).unwrap_or_else(|_| project_root.to_path_buf());
    let root = normalize(&root);
    let full =
        std::path::absolute(&artifact.resolved).unwrap_or_else(|_| artifact.resolved.clone());
    let full = normalize(&full);
    if !full.starts_with(&root) {
        return Location::ClimbsOut;
    }
    match std::fs::canonicalize(&full) {
        Ok(real) => {
            let real_root = std::fs::canonicalize(&root).unwrap_or(root);
            if !real.starts_with(&real_root) {
                Location::LinksOut(real)
            } else if real.is_dir() {
                Location::Directory
            } else {
                Location::File(real)
            }
        }
        Err(_) => Location::Missing,
    }
}
