//! `crux man -o DIR` writes pages that groff formats without a warning. Without groff on
//! PATH the test says so and passes: the pages' content is tested in `tests/cmd/man_*`
//! and in `src/cli/man.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_page_formats_without_warnings() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("man-pages");
    let _ = std::fs::remove_dir_all(&dir);
    let status = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["man", "-o"])
        .arg(&dir)
        .status()
        .expect("crux runs");
    assert!(status.success());
    let pages = files(&dir);
    let names: Vec<String> = pages
        .iter()
        .map(|p| {
            p.strip_prefix(&dir)
                .expect("under dir")
                .display()
                .to_string()
        })
        .collect();
    assert!(names.contains(&"man1/crux.1".to_string()), "{names:?}");
    assert!(
        names.contains(&"man1/crux-check.1".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"man5/crux-language.5".to_string()),
        "{names:?}"
    );
    if Command::new("groff").arg("--version").output().is_err() {
        eprintln!("groff is not installed: the pages were written but not formatted");
        return;
    }
    for page in &pages {
        let out = Command::new("groff")
            .args(["-man", "-ww", "-z"])
            .arg(page)
            .output()
            .expect("groff runs");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "{}: {warnings}",
            page.display()
        );
    }
}
