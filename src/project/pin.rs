//! Pinning an artifact: the text edit that writes the file's current sha256 into the
//! `.crux` file that names it, as `crux pin` writes it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::artifact::{Location, locate};
use crate::model::ArtifactRef;
use crate::syntax::Span;

/// One text edit: replace `span` (empty for an insertion) with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinEdit {
    /// What to replace: the pinned value, or the empty span right after the path.
    pub span: Span,
    /// The new text: `"<hex>"`, or ` sha256 "<hex>"` after the path.
    pub text: String,
}

/// Why an artifact cannot be pinned.
#[derive(Debug, thiserror::Error)]
pub enum Unpinnable {
    /// No file there.
    #[error("does not exist")]
    Missing,
    /// A directory.
    #[error("is a directory, not a file")]
    Directory,
    /// A FIFO, a socket, a device.
    #[error("is {0}, not a regular file")]
    Special(&'static str),
    /// Outside the project root (absolute, climbing out, or a link out).
    #[error("is outside the project")]
    Outside,
    /// The file could not be read.
    #[error("cannot be read ({0})")]
    Unreadable(std::io::Error),
    /// The `.crux` file that names it: writing the pin changes what it pins.
    #[error("is the file it is written in: a pin in it would change it")]
    ItsOwnFile,
}

/// The edit that pins `artifact`, named in the `.crux` file `holder`, to its file's
/// current sha256: `None` when the pin is already right. `hashes` remembers the files
/// hashed so far (one file named twice is read once). An artifact that is `holder`
/// itself cannot be pinned: the pin would change it.
pub fn pin_edit(
    artifact: &ArtifactRef,
    holder: &Path,
    root: &Path,
    hashes: &mut HashMap<PathBuf, String>,
) -> Result<Option<PinEdit>, Unpinnable> {
    let file = match locate(artifact, root) {
        Location::File(file) => file,
        Location::Missing => return Err(Unpinnable::Missing),
        Location::Directory => return Err(Unpinnable::Directory),
        Location::Special(what) => return Err(Unpinnable::Special(what)),
        Location::Absolute
        | Location::ClimbsOut
        | Location::OutsideRoot { .. }
        | Location::LinksOut(_) => return Err(Unpinnable::Outside),
    };
    if std::fs::canonicalize(holder).is_ok_and(|h| h == file.path()) {
        return Err(Unpinnable::ItsOwnFile);
    }
    let hash = match hashes.get(file.path()) {
        Some(h) => h.clone(),
        None => {
            let h = file.sha256().map_err(Unpinnable::Unreadable)?;
            hashes.insert(file.path().to_path_buf(), h.clone());
            h
        }
    };
    Ok(match &artifact.sha256 {
        Some((pinned, _)) if *pinned == hash => None,
        Some((_, pin_span)) => Some(PinEdit {
            span: *pin_span,
            text: format!("\"{hash}\""),
        }),
        None => {
            let end = artifact.path_span.end as usize;
            Some(PinEdit {
                span: Span::new(artifact.path_span.file, end, end),
                text: format!(" sha256 \"{hash}\""),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::FileId;

    fn artifact(dir: &Path, sha256: Option<(&str, Span)>) -> ArtifactRef {
        ArtifactRef {
            path: "a.csv".into(),
            resolved: dir.join("a.csv"),
            span: Span::new(FileId(0), 0, 20),
            path_span: Span::new(FileId(0), 10, 17),
            sha256: sha256.map(|(h, s)| (h.to_string(), s)),
            title: None,
            kind: None,
        }
    }

    #[test]
    fn inserts_replaces_or_leaves_the_pin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x\n").unwrap();
        let hash = "8d5d9a0f6bd0d3e4e2a5e4a9c8f0e3b2c1a5d1e0b2f7c9d8e6a4b3c2d1e0f9a8";
        let hashes = &mut HashMap::new();
        let holder = dir.path().join("d.crux");
        let insert = pin_edit(&artifact(dir.path(), None), &holder, dir.path(), hashes)
            .unwrap()
            .unwrap();
        assert_eq!(insert.span, Span::new(FileId(0), 17, 17));
        let real = insert
            .text
            .trim_start_matches(" sha256 \"")
            .trim_end_matches('"');
        assert_eq!(real.len(), 64);
        let stale = Span::new(FileId(0), 25, 91);
        let replace = pin_edit(
            &artifact(dir.path(), Some((hash, stale))),
            &holder,
            dir.path(),
            hashes,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            replace,
            PinEdit {
                span: stale,
                text: format!("\"{real}\"")
            }
        );
        let fresh = artifact(dir.path(), Some((real, stale)));
        assert_eq!(pin_edit(&fresh, &holder, dir.path(), hashes).unwrap(), None);
        std::fs::remove_file(dir.path().join("a.csv")).unwrap();
        assert!(matches!(
            pin_edit(&fresh, &holder, dir.path(), &mut HashMap::new()),
            Err(Unpinnable::Missing)
        ));
    }
}
