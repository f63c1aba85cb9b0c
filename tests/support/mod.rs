//! What several test files share: finding the `.crux` fixtures they run over.
//!
//! Each test file that needs it declares `mod support;`; the folder keeps Cargo from
//! building this as a test of its own.

use std::path::{Path, PathBuf};

/// Every `*.crux` file directly in `dir` (not `*.expected.crux`, which hold what a
/// fixture formats to), sorted by name. Panics if the folder cannot be read or holds
/// none, so that a moved fixture folder fails the test instead of passing it empty.
pub fn crux_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".crux") && !name.ends_with(".expected.crux")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .crux files in {}", dir.display());
    paths
}
