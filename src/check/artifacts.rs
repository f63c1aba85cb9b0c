//! What is known about the artifacts a debate names, handed to the check as data.
//!
//! Phase: check. The check reads no file: the project layer
//! (`crate::project::artifact::facts`) looks at the disk first and fills an
//! [`ArtifactFacts`], doing only the work that [`ArtifactNeeds`] asks for, which
//! [`needs`](super::needs) derives from the rules that are on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::expect::Table;

use crate::model::ArtifactRef;
use crate::syntax::Span;

/// Where an artifact path leads, as data (no handle to the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// An absolute path.
    Absolute,
    /// A relative path whose `..` components climb out of the project.
    ClimbsOut,
    /// A relative path that ends outside the artifact root.
    OutsideRoot {
        /// The root, relative to the folder of the `.crux` file.
        root: String,
    },
    /// A symbolic link to a place outside the project.
    LinksOut(PathBuf),
    /// Nothing there.
    Missing,
    /// A directory, not a file.
    Directory,
    /// Neither a file nor a directory, in words (`a named pipe (FIFO)`, ...).
    Special(&'static str),
    /// A regular file inside the project.
    File,
}

/// What was found out about one artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactFact {
    /// Where its path leads.
    pub place: Place,
    /// The file's sha256 in lowercase hex: only for a [`Place::File`] that could be read,
    /// and only when a rule that is on needs it.
    pub sha256: Option<String>,
    /// For a [`Place::Missing`] artifact, the existing file most like it, relative to
    /// the `.crux` file; only when a rule that is on needs it.
    pub suggestion: Option<String>,
    /// The file read as a table, for the expectations of its node: only for the table
    /// an expectation reads ([`table_artifact`]), and only when a rule that is on
    /// needs it. `Err` says why the file is not a table.
    pub table: Option<TableFact>,
}

/// A table read from an artifact (shared: the check, the verdict and the card read it).
#[derive(Clone, Debug)]
pub struct TableFact(pub Arc<Result<Table, String>>);

/// Two facts are the same when they are the same reading.
impl PartialEq for TableFact {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for TableFact {}

/// Whether an artifact path names a table expectations can read (`.csv`, `.json`).
pub fn is_table(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".json")
}

/// The artifact a node's expectations read: its first CSV or JSON artifact.
pub fn table_artifact(artifacts: &[ArtifactRef]) -> Option<&ArtifactRef> {
    artifacts.iter().find(|a| is_table(&a.path))
}

/// The facts about every artifact of a debate, by the span of the artifact's path.
#[derive(Clone, Debug, Default)]
pub struct ArtifactFacts {
    facts: HashMap<Span, ArtifactFact>,
}

impl ArtifactFacts {
    /// Records what was found out about `artifact`.
    pub fn insert(&mut self, artifact: &ArtifactRef, fact: ArtifactFact) {
        self.facts.insert(artifact.path_span, fact);
    }

    /// What is known about `artifact`; `None` when no rule that is on asked.
    pub fn get(&self, artifact: &ArtifactRef) -> Option<&ArtifactFact> {
        self.facts.get(&artifact.path_span)
    }

    /// How many artifacts were looked at.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether no artifact was looked at.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

/// Which facts the rules that are on need. Each field is off unless a rule that is on
/// reads it; [`ArtifactNeeds::NONE`] means the disk is not touched at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArtifactNeeds {
    /// Where each artifact path leads.
    pub place: bool,
    /// The sha256 of each pinned artifact that is a file.
    pub pinned_sha256: bool,
    /// The sha256 of each artifact without a pin that is a file.
    pub unpinned_sha256: bool,
    /// A suggestion for each missing artifact (lists the project's files).
    pub suggestion: bool,
    /// The table each node with expectations reads, parsed.
    pub table: bool,
}

impl ArtifactNeeds {
    /// Nothing: no artifact is looked at.
    pub const NONE: ArtifactNeeds = ArtifactNeeds {
        place: false,
        pinned_sha256: false,
        unpinned_sha256: false,
        suggestion: false,
        table: false,
    };

    /// Where each artifact path leads.
    pub const PLACE: ArtifactNeeds = ArtifactNeeds {
        place: true,
        ..ArtifactNeeds::NONE
    };

    /// The table each node with expectations reads (only those artifacts are looked at).
    pub const TABLE: ArtifactNeeds = ArtifactNeeds {
        table: true,
        ..ArtifactNeeds::NONE
    };

    /// Whether anything but tables is needed: then every artifact is looked at.
    pub const fn beyond_tables(self) -> bool {
        self.place || self.pinned_sha256 || self.unpinned_sha256 || self.suggestion
    }

    /// Both sets of needs.
    pub const fn and(self, other: ArtifactNeeds) -> ArtifactNeeds {
        ArtifactNeeds {
            place: self.place || other.place,
            pinned_sha256: self.pinned_sha256 || other.pinned_sha256,
            unpinned_sha256: self.unpinned_sha256 || other.unpinned_sha256,
            suggestion: self.suggestion || other.suggestion,
            table: self.table || other.table,
        }
    }
}
