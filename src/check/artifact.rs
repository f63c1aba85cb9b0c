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
    /// No file there (or a directory).
    Missing,
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
    if written.has_root() || written.is_absolute() || artifact.path.starts_with('\\') {
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
            } else if real.is_file() {
                Location::File(real)
            } else {
                Location::Missing
            }
        }
        Err(_) => Location::Missing,
    }
}
