//! Artifacts on disk: where an artifact path leads, and the only way to read one.
//!
//! Phase: input (file IO lives in `project`). Every read of an artifact (its sha256 for
//! `check` and `pin`, its CSV preview for `render`) goes through an [`ArtifactFile`],
//! and only [`locate`] hands one out: for a regular file inside the artifact root,
//! found after resolving every symbolic link. A path that leads out of the root, a
//! directory, a FIFO, a socket or a device is never opened.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::read::special_kind;
use crate::check::{ArtifactFact, ArtifactFacts, ArtifactNeeds, Place, TableFact, table_artifact};
use crate::expect::Table;
use crate::model::{ArgGraph, ArtifactRef};

/// What an artifact path leads to.
#[derive(Debug)]
pub enum Location {
    /// An absolute path.
    Absolute,
    /// A relative path whose `..` components climb out of the root from the folder of
    /// the `.crux` file, which is inside it.
    ClimbsOut,
    /// A relative path that ends outside the root although the `.crux` file that names
    /// it is outside the root too (an `artifact_root` that is a subfolder, say).
    OutsideRoot {
        /// The root, relative to the folder of the `.crux` file.
        root: String,
    },
    /// A path inside the root that is a symbolic link to a place outside it.
    LinksOut(PathBuf),
    /// Nothing there.
    Missing,
    /// A directory, not a file.
    Directory,
    /// Something that is neither a file nor a directory: a FIFO, a socket, a device.
    Special(&'static str),
    /// A regular file inside the root.
    File(ArtifactFile),
}

impl Location {
    /// Whether the path stays inside the root, so that a map may link to it (whether
    /// or not there is a file).
    pub fn is_inside(&self) -> bool {
        matches!(
            self,
            Location::Missing | Location::Directory | Location::Special(_) | Location::File(_)
        )
    }

    /// Where the path leads, as data for the check.
    pub fn place(&self) -> Place {
        match self {
            Location::Absolute => Place::Absolute,
            Location::ClimbsOut => Place::ClimbsOut,
            Location::OutsideRoot { root } => Place::OutsideRoot { root: root.clone() },
            Location::LinksOut(to) => Place::LinksOut(to.clone()),
            Location::Missing => Place::Missing,
            Location::Directory => Place::Directory,
            Location::Special(what) => Place::Special(what),
            Location::File(_) => Place::File,
        }
    }
}

/// Looks at the artifacts of a debate on disk, doing only what `needs` asks: nothing
/// at all for [`ArtifactNeeds::NONE`], a file's sha256 only when a hash is needed for
/// an artifact of its kind (pinned or not), the project's files listed only when a
/// suggestion is needed and some artifact is missing. A file that cannot be read has
/// no hash. Each path is located, hashed and read once, however many nodes name it.
pub fn facts(graph: &ArgGraph, root: &Path, needs: ArtifactNeeds) -> ArtifactFacts {
    facts_reusing(graph, root, needs, &ArtifactFacts::default())
}

/// [`facts`], taking each table that `known` holds (facts found before, on the same
/// debate) instead of reading it again, when the artifact's path still leads to a file.
pub fn facts_reusing(
    graph: &ArgGraph,
    root: &Path,
    needs: ArtifactNeeds,
    known: &ArtifactFacts,
) -> ArtifactFacts {
    let mut facts = ArtifactFacts::default();
    if needs == ArtifactNeeds::NONE {
        return facts;
    }
    // The files of the project, listed once and only when something is missing.
    let mut files = None;
    // A path is located, and read as a table, once for each way of writing it (the
    // messages quote it as written); a file is hashed once.
    let mut located: HashMap<(&str, &Path), (Location, Option<TableFact>)> = HashMap::new();
    let mut hashes: HashMap<PathBuf, Option<String>> = HashMap::new();
    for n in graph.nodes_in_order() {
        for a in &graph.graph[n].artifacts {
            let reads_table = needs.table
                && !graph.graph[n].expectations.is_empty()
                && table_artifact(&graph.graph[n].artifacts).is_some_and(|t| std::ptr::eq(t, a));
            if !reads_table && !needs.beyond_tables() {
                continue;
            }
            let (location, read) = located
                .entry((a.path.as_str(), a.resolved.as_path()))
                .or_insert_with(|| (locate(a, root), None));
            let hash = if a.sha256.is_some() {
                needs.pinned_sha256
            } else {
                needs.unpinned_sha256
            };
            // A table comes with the sha256 of the bytes it was read from (or taken
            // with the table from `known`), which is the file's hash when one is wanted:
            // the file is read once, and the hash and the table are of one version of it.
            let mut read_hash = None;
            let table = match &*location {
                Location::File(file) if reads_table => Some(
                    read.get_or_insert_with(|| {
                        let (table, sha256) = match known.get(a) {
                            Some(ArtifactFact {
                                table: Some(table),
                                sha256,
                                ..
                            }) => (table.clone(), sha256.clone()),
                            _ => read_table(a, file),
                        };
                        read_hash = sha256;
                        table
                    })
                    .clone(),
                ),
                _ => None,
            };
            let sha256 = match &*location {
                Location::File(file) if hash => hashes
                    .entry(file.path().to_path_buf())
                    .or_insert_with(|| read_hash.take().or_else(|| file.sha256().ok()))
                    .clone(),
                _ => read_hash,
            };
            let suggestion = match &*location {
                Location::Missing if needs.suggestion => {
                    suggest(a, files.get_or_insert_with(|| candidates(root)))
                }
                _ => None,
            };
            let place = location.place();
            facts.insert(
                a,
                ArtifactFact {
                    place,
                    sha256,
                    suggestion,
                    table,
                },
            );
        }
    }
    facts
}

/// The largest table expectations read, in bytes.
pub const MAX_TABLE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads an artifact as a table for its node's expectations, and the sha256 of the bytes
/// read when they are the whole file.
fn read_table(a: &ArtifactRef, file: &ArtifactFile) -> (TableFact, Option<String>) {
    let mut sha256 = None;
    let read = file
        .read_prefix(MAX_TABLE_BYTES + 1)
        .map_err(|e| format!("cannot read `{}`: {e}", a.path))
        .and_then(|bytes| {
            if bytes.len() as u64 > MAX_TABLE_BYTES {
                return Err(format!(
                    "`{}` is larger than {} MB",
                    a.path,
                    MAX_TABLE_BYTES >> 20
                ));
            }
            sha256 = Some(hex(Sha256::digest(&bytes).as_slice()));
            Table::from_file_bytes(&a.path, &bytes).map_err(|e| format!("`{}` is {e}", a.path))
        });
    (TableFact(std::sync::Arc::new(read)), sha256)
}

/// Bytes in lowercase hex, as a sha256 is written.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A regular file inside the artifact root, as [`locate`] found it. Reading it checks
/// again that the file opened is that regular file.
#[derive(Debug, Clone)]
pub struct ArtifactFile {
    /// The path with every symbolic link resolved.
    real: PathBuf,
    #[cfg(unix)]
    id: (u64, u64),
}

impl ArtifactFile {
    /// The path with every symbolic link resolved.
    pub fn path(&self) -> &Path {
        &self.real
    }

    /// Opens the file without following a link and without blocking, and refuses it
    /// unless it is still the regular file that was located.
    fn open(&self) -> std::io::Result<std::fs::File> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
        }
        let file = options.open(&self.real)?;
        let meta = file.metadata()?;
        #[cfg(unix)]
        let same = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino()) == self.id
        };
        #[cfg(not(unix))]
        let same = true;
        if !meta.is_file() || !same {
            return Err(std::io::Error::other("the file changed while it was read"));
        }
        Ok(file)
    }

    /// The file's sha256, in lowercase hex.
    pub fn sha256(&self) -> std::io::Result<String> {
        let mut file = self.open()?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        Ok(hex(hasher.finalize().as_slice()))
    }

    /// At most the first `limit` bytes of the file.
    pub fn read_prefix(&self, limit: u64) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open()?.take(limit).read_to_end(&mut bytes)?;
        Ok(bytes)
    }
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

/// Lexically normalised absolute path (the empty path is the current folder).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The folder of the `.crux` file that names the artifact: `resolved` without the
/// components of the path as written.
fn base_dir(artifact: &ArtifactRef) -> PathBuf {
    let written = Path::new(&artifact.path)
        .components()
        .filter(|c| *c != Component::CurDir)
        .count();
    let parts: Vec<Component> = artifact
        .resolved
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    parts[..parts.len().saturating_sub(written)]
        .iter()
        .collect()
}

/// The steps from the folder `from` to `to` (both absolute and normalised): a `..` for
/// each folder to climb, then the rest of `to`; none when they are the same. Artifact
/// messages and the maps' artifact links are both written from these.
pub fn relative_parts(from: &Path, to: &Path) -> Vec<String> {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".into(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts
}

/// `to` relative to the folder `from` (both absolute and normalised), with `/`.
pub(crate) fn relative(from: &Path, to: &Path) -> String {
    let parts = relative_parts(from, to);
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// Whether a path as written is absolute on any machine: `/x`, `\x`, `C:\x`, `D:/x`.
pub(crate) fn written_absolute(written: &str) -> bool {
    let bytes = written.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let path = Path::new(written);
    path.has_root() || path.is_absolute() || bytes.first() == Some(&b'\\') || drive
}

/// Locates an artifact relative to the artifact root. Symbolic links are resolved
/// before anything is looked at (a `..` after a link leads up from the link's target,
/// as the system opens it), and the file type comes from the metadata, so that nothing
/// is opened here.
pub fn locate(artifact: &ArtifactRef, root: &Path) -> Location {
    // `C:\data` and `D:/data` are absolute on Windows, and so on every machine: the
    // debate must work on all of them.
    if written_absolute(&artifact.path) {
        return Location::Absolute;
    }
    let root = absolute(root);
    let full = absolute(&artifact.resolved);
    if !full.starts_with(&root) {
        let dir = absolute(&base_dir(artifact));
        return if dir.starts_with(&root) {
            Location::ClimbsOut
        } else {
            Location::OutsideRoot {
                root: relative(&dir, &root),
            }
        };
    }
    let real_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    // The file system's root is no project: `crux.yaml` refuses it as `artifact_root`,
    // and it is refused here too, whoever passed it.
    if real_root.parent().is_none() {
        return Location::LinksOut(real_root);
    }
    // The path as written, not `full`: the system follows `link/..` to the folder
    // above the link's target, where the text `link/..` would say the folder of the
    // link; the file read and hashed must be the one the path opens.
    let as_written = std::path::absolute(&artifact.resolved).unwrap_or_else(|_| full.clone());
    let real = match std::fs::canonicalize(&as_written) {
        Ok(real) => real,
        Err(_) => {
            return match dangling_link_out(&full, &root, &real_root) {
                Some(to) => Location::LinksOut(to),
                None => Location::Missing,
            };
        }
    };
    if !real.starts_with(&real_root) {
        return Location::LinksOut(real);
    }
    let Ok(meta) = std::fs::metadata(&real) else {
        return Location::Missing;
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return Location::Directory;
    }
    if !kind.is_file() {
        return Location::Special(special_kind(kind).unwrap_or("a special file"));
    }
    Location::File(ArtifactFile {
        #[cfg(unix)]
        id: {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        },
        real,
    })
}

/// Where a path inside `root` (lexically) that leads nowhere would have led, when that
/// is outside the root: its nearest existing folder inside the root is a link out, or
/// the path itself is a dangling link out.
fn dangling_link_out(full: &Path, root: &Path, real_root: &Path) -> Option<PathBuf> {
    let parent = full.parent()?;
    let real_parent = full
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root))
        .find_map(|a| std::fs::canonicalize(a).ok())?;
    if !real_parent.starts_with(real_root) {
        return Some(real_parent);
    }
    let target = std::fs::read_link(full).ok()?;
    let base = std::fs::canonicalize(parent).unwrap_or(real_parent);
    let to = normalize(&base.join(target));
    (!to.starts_with(real_root)).then_some(to)
}

/// At most this many entries (files and folders) are looked at for a suggestion.
const MAX_ENTRIES: usize = 20_000;

/// The regular files under the artifact root (hidden folders and files skipped, links
/// not followed, at most [`MAX_ENTRIES`] entries looked at), as absolute normalised
/// paths: the candidates for [`suggest`].
pub fn candidates(root: &Path) -> Vec<PathBuf> {
    let root = absolute(root);
    ignore::WalkBuilder::new(&root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .max_depth(Some(12))
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .take(MAX_ENTRIES)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .collect()
}

/// The existing file most like a missing artifact, written as a path relative to the
/// `.crux` file that names it: the nearest path by spelling (a few edits away), else
/// the only file with the same name.
pub fn suggest(artifact: &ArtifactRef, candidates: &[PathBuf]) -> Option<String> {
    let dir = absolute(&base_dir(artifact));
    let written: Vec<String> = candidates.iter().map(|c| relative(&dir, c)).collect();
    let wanted = artifact.path.replace('\\', "/");
    let wanted = wanted.trim_start_matches("./");
    let budget = (wanted.chars().count() / 6).max(2);
    let near = written
        .iter()
        .map(|w| (strsim::levenshtein(w, wanted), w))
        .filter(|(d, _)| *d <= budget)
        .min();
    if let Some((_, w)) = near {
        return Some(w.clone());
    }
    let name = Path::new(wanted)
        .file_name()?
        .to_string_lossy()
        .to_lowercase();
    let mut same_name = written.iter().filter(|w| {
        Path::new(w.as_str())
            .file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase() == name)
    });
    match (same_name.next(), same_name.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(dir: &Path, path: &str) -> ArtifactRef {
        let span = crate::syntax::Span::new(crate::syntax::FileId(0), 0, 0);
        ArtifactRef {
            path: path.into(),
            resolved: dir.join(path),
            span,
            path_span: span,
            sha256: None,
            title: None,
            kind: None,
        }
    }

    #[test]
    fn a_file_named_by_many_nodes_is_read_once_per_way_of_writing_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.csv"), "a,b\n1,2,3\n").unwrap();
        let node = |id: &str, path: &str| {
            format!("evidence {id}: \"E.\"\n  artifact \"{path}\"\n  expect \"all(a > 0)\"\n")
        };
        let text = [
            node("e1", "t.csv"),
            node("e2", "t.csv"),
            node("e3", "./t.csv"),
        ]
        .concat();
        let file = crate::syntax::SourceFile::new("d.crux", dir.path().join("d.crux"), text);
        let debate = crate::parse_debate(vec![file], Default::default());
        let needs = ArtifactNeeds {
            table: true,
            unpinned_sha256: true,
            ..ArtifactNeeds::NONE
        };
        let facts = facts(&debate.graph, dir.path(), needs);
        let fact = |id: &str| {
            facts
                .get(&debate.graph.node(id).unwrap().artifacts[0])
                .unwrap()
        };
        let table = |id: &str| fact(id).table.clone().unwrap().0;
        // The same path as written: one read, shared.
        assert!(std::sync::Arc::ptr_eq(&table("e1"), &table("e2")));
        // Another way of writing it: its own message, which quotes it as written.
        let message = |id: &str| table(id).as_ref().as_ref().unwrap_err().clone();
        assert!(
            message("e1").starts_with("`t.csv` is "),
            "{}",
            message("e1")
        );
        assert!(
            message("e3").starts_with("`./t.csv` is "),
            "{}",
            message("e3")
        );
        // One file, one hash, of the bytes the table was read from.
        let sha = fact("e1").sha256.clone().unwrap();
        assert_eq!(
            sha,
            "f47a33245cb42a1f42fe4c947d21bda44d5c97eb7cbdacd4112fdd859709cdbf"
        );
        assert_eq!(fact("e2").sha256.as_ref(), Some(&sha));
        assert_eq!(fact("e3").sha256.as_ref(), Some(&sha));
    }

    /// `link/../a.csv` is the file the system opens: `a.csv` beside the link's target,
    /// not beside the link (the hash and the data must be of the file a reader opens).
    #[cfg(unix)]
    #[test]
    fn a_parent_after_a_link_leads_up_from_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("sub/inner")).unwrap();
        std::fs::write(root.join("a.csv"), "n\n1\n").unwrap();
        std::fs::write(root.join("sub/a.csv"), "n\n2\n").unwrap();
        std::os::unix::fs::symlink("sub/inner", root.join("ld")).unwrap();
        match locate(&artifact(&root, "ld/../a.csv"), &root) {
            Location::File(f) => assert_eq!(f.path(), root.join("sub/a.csv")),
            other => panic!("{other:?}"),
        }
        // Lexically inside, but through the link it leads out of the project.
        std::fs::create_dir_all(root.join("p")).unwrap();
        std::os::unix::fs::symlink("../sub/inner", root.join("p/up")).unwrap();
        let project = root.join("p");
        std::fs::write(root.join("sub/b.csv"), "n\n3\n").unwrap();
        assert!(
            matches!(
                locate(&artifact(&project, "up/../b.csv"), &project),
                Location::LinksOut(_)
            ),
            "{:?}",
            locate(&artifact(&project, "up/../b.csv"), &project)
        );
    }

    #[test]
    fn a_table_and_its_hash_are_of_one_reading() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("t.csv");
        std::fs::write(&csv, "a\n1\n").unwrap();
        let text =
            "evidence e: \"E.\"\n  artifact \"t.csv\" sha256 \"00\"\n  expect \"all(a > 0)\"\n";
        let file = crate::syntax::SourceFile::new("d.crux", dir.path().join("d.crux"), text.into());
        let debate = crate::parse_debate(vec![file], Default::default());
        let a = &debate.graph.node("e").unwrap().artifacts[0];
        let tables = facts(&debate.graph, dir.path(), ArtifactNeeds::TABLE);
        // The file changes after its table was read: the check that reuses the table
        // hashes what the table was read from, not the file as it is now.
        std::fs::write(&csv, "a\n-1\n").unwrap();
        let needs = ArtifactNeeds {
            table: true,
            pinned_sha256: true,
            ..ArtifactNeeds::NONE
        };
        let checked = facts_reusing(&debate.graph, dir.path(), needs, &tables);
        let fact = checked.get(a).unwrap();
        assert_eq!(fact.table, tables.get(a).unwrap().table);
        // sha256 of "a\n1\n".
        assert_eq!(
            fact.sha256.as_deref(),
            Some("309b0e45a73d3fc5325e2b6ed0a01ef8b9cde6b05a5633c1f893f970d52bfddc")
        );
        // Without a reading to reuse, the file is read as it is now.
        let fresh = facts(&debate.graph, dir.path(), needs);
        assert_ne!(fresh.get(a).unwrap().sha256, fact.sha256);
    }

    #[test]
    fn the_folder_of_the_file_is_found_from_the_written_path() {
        let a = artifact(Path::new("/p/claims"), "./data/../x.csv");
        assert_eq!(base_dir(&a), Path::new("/p/claims"));
        assert_eq!(
            relative(Path::new("/p/claims"), Path::new("/p/a/b.csv")),
            "../a/b.csv"
        );
        assert_eq!(relative(Path::new("/p"), Path::new("/p")), ".");
    }

    #[test]
    fn outside_a_root_without_dotdot_is_not_climbing() {
        let a = artifact(Path::new("/p"), "data/x.csv");
        assert!(matches!(
            locate(&a, Path::new("/p/artifacts")),
            Location::OutsideRoot { root } if root == "artifacts"
        ));
        let a = artifact(Path::new("/p/claims"), "../../x.csv");
        assert!(matches!(locate(&a, Path::new("/p")), Location::ClimbsOut));
        let a = artifact(Path::new("/p"), "/etc/passwd");
        assert!(matches!(locate(&a, Path::new("/p")), Location::Absolute));
    }

    #[test]
    fn the_file_system_root_is_never_a_project() {
        let a = artifact(Path::new("/etc"), "passwd");
        assert!(!locate(&a, Path::new("/")).is_inside());
        let a = artifact(Path::new("/etc/.."), "etc/passwd");
        assert!(!locate(&a, Path::new("/etc/..")).is_inside());
    }

    #[test]
    fn suggestions_are_relative_to_the_file() {
        let files = [
            PathBuf::from("/p/artifacts/nvidia-revenue.csv"),
            PathBuf::from("/p/artifacts/other.csv"),
            PathBuf::from("/p/data/sales.csv"),
        ];
        let a = artifact(Path::new("/p/claims"), "../artifacts/nvidia-revenu.csv");
        assert_eq!(
            suggest(&a, &files).as_deref(),
            Some("../artifacts/nvidia-revenue.csv")
        );
        let a = artifact(Path::new("/p"), "sales.csv");
        assert_eq!(suggest(&a, &files).as_deref(), Some("data/sales.csv"));
        let a = artifact(Path::new("/p"), "zzz/unrelated.txt");
        assert_eq!(suggest(&a, &files), None);
        // A shared folder is not a likeness.
        let a = artifact(Path::new("/p"), "artifacts/gone.csv");
        assert_eq!(suggest(&a, &files), None);
    }
}
