//! Watching the debate's files with `notify`: every folder given recursively, and the
//! folder of every file given (editors often save by writing a new file and renaming
//! it over the old one, which a watch on the file itself would lose).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use notify::{EventKind, RecursiveMode, Watcher};

/// A running watch; dropping it stops it.
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    /// The folders watched for [`Watch::also`], each once.
    also: std::collections::HashSet<PathBuf>,
    /// One message per change that may concern the debate.
    pub changes: Receiver<()>,
}

impl Watch {
    /// Also watches the folder of each of `files` (the artifacts the page shows, which
    /// may lie outside the debate's folders: `../data/a.csv`), so that the page follows
    /// a change of its data too. A folder that cannot be watched is left out: the page
    /// then follows its data only when the debate changes.
    pub fn also<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        for dir in files.into_iter().filter_map(Path::parent) {
            if self.also.insert(dir.to_path_buf()) {
                let _ = self.watcher.watch(dir, RecursiveMode::NonRecursive);
            }
        }
    }
}

/// Starts watching `paths` (files and folders).
pub fn start(paths: &[PathBuf]) -> Result<Watch, String> {
    let (tx, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && relevant(&event)
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch the files: {e}"))?;
    for path in paths {
        let (target, mode) = if path.is_dir() {
            (path.as_path(), RecursiveMode::Recursive)
        } else {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            (
                parent.unwrap_or(Path::new(".")),
                RecursiveMode::NonRecursive,
            )
        };
        watcher
            .watch(target, mode)
            .map_err(|e| format!("cannot watch {}: {e}", target.display()))?;
    }
    Ok(Watch {
        watcher,
        also: Default::default(),
        changes,
    })
}

/// Whether an event may change the map: a change to a file that is not hidden nor an
/// editor's scratch file (reads are not changes).
fn relevant(event: &notify::Event) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !(name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name == "4913")
    })
}
