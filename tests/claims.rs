//! The showcase debates in `claims/` must check with zero errors.

use std::path::{Path, PathBuf};

use crux::check::Severities;
use crux::diagnostic::{Severity, human};

fn check_dir(dir: &Path) -> (crux::Debate, Vec<crux::diagnostic::Diagnostic>) {
    let files =
        crux::project::discover(&[dir.to_path_buf()], &Default::default()).expect("claims/ exists");
    assert!(!files.is_empty(), "no .crux files in {}", dir.display());
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).expect("readable"))
        .collect();
    let debate = crux::parse_debate(sources, Default::default());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let diagnostics = crux::check_debate(&debate, &root, &Severities::default());
    (debate, diagnostics)
}

#[test]
fn claims_check_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let (debate, diagnostics) = check_dir(&dir);
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "claims/ has errors:\n{}",
        human::render(&errors, &debate.sources, false)
    );
    // The showcase is a real debate, not a toy.
    assert!(debate.graph.graph.node_count() >= 30);
}

#[test]
fn showcase_warnings_are_only_the_honest_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let (_, diagnostics) = check_dir(&dir);
    for d in &diagnostics {
        assert_eq!(
            d.name, "unsupported-claim",
            "unexpected finding in claims/: {}",
            d.message
        );
    }
}
