//! `crux import`: every file under `tests/data/{aif,argdown,kialo,microtext}/` is
//! imported and its `.crux` text (with the warnings) compared with a snapshot; every
//! file under a `malformed/` folder must fail with a positioned error (snapshot too).
//! Every import must be canonical (`crux fmt --check` clean), free of syntax and
//! resolve errors, and byte-identical on a second run.

use std::path::{Path, PathBuf};

use crux::import::{Format, import};

const FORMATS: &[(&str, Format)] = &[
    ("aif", Format::Aif),
    ("argdown", Format::Argdown),
    ("kialo", Format::Kialo),
    ("microtext", Format::Microtext),
];

/// The input files of a folder, sorted; LICENSE and README files are not inputs.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            !name.starts_with("LICENSE") && !name.starts_with("README")
        })
        .collect();
    files.sort();
    files
}

fn snapshot_name(format: &str, path: &Path, malformed: bool) -> String {
    let stem = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace('.', "_");
    match malformed {
        true => format!("{format}__malformed__{stem}"),
        false => format!("{format}__{stem}"),
    }
}

#[test]
fn every_fixture_imports_to_a_canonical_valid_debate() {
    let mut seen = 0;
    for &(name, format) in FORMATS {
        for path in inputs(&Path::new("tests/data").join(name)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let imported =
                import(format, &file, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let again = import(format, &file, &text).unwrap();
            assert_eq!(imported, again, "{}: not deterministic", path.display());
            assert_eq!(
                crux::fmt::format(&imported.text).unwrap(),
                imported.text,
                "{}: not canonical",
                path.display()
            );
            let debate = crux::parse_debate(
                vec![crux::syntax::SourceFile::new(
                    "imported.crux",
                    "imported.crux",
                    imported.text.clone(),
                )],
                Default::default(),
            );
            assert!(
                debate.syntax_errors.is_empty(),
                "{}: {:?}",
                path.display(),
                debate.syntax_errors
            );
            assert!(
                debate.resolve_errors.is_empty(),
                "{}: {:?}",
                path.display(),
                debate.resolve_errors
            );
            let mut shown = imported.text.clone();
            for w in &imported.warnings {
                shown.push_str(&format!("# warning: {w}\n"));
            }
            insta::assert_snapshot!(snapshot_name(name, &path, false), shown);
            seen += 1;
        }
    }
    assert!(seen >= 6, "only {seen} fixtures");
}

#[test]
fn every_malformed_fixture_is_a_positioned_error() {
    let mut seen = 0;
    for &(name, format) in FORMATS {
        for path in inputs(&Path::new("tests/data").join(name).join("malformed")) {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let error =
                import(format, &file, &text).expect_err(&format!("{} imported", path.display()));
            assert!(
                error.position.starts_with("line ") || error.position.starts_with('$'),
                "{}: no position in {error}",
                path.display()
            );
            insta::assert_snapshot!(snapshot_name(name, &path, true), error.to_string());
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} malformed fixtures");
}

/// Runs `crux import` in `dir`.
fn crux(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn writes_files_keeps_existing_ones_and_writes_nothing_on_an_error() {
    let data = std::fs::canonicalize("tests/data").unwrap();
    let meat = data.join("kialo/meat.txt");
    let links = data.join("kialo/links.txt");
    let bad = data.join("kialo/malformed/twice.txt");
    let dir = tempfile::tempdir().unwrap();
    let (meat, links, bad) = (
        meat.to_str().unwrap(),
        links.to_str().unwrap(),
        bad.to_str().unwrap(),
    );

    // A malformed input among good ones: exit 2, nothing written.
    let out = crux(dir.path(), &["import", "kialo", meat, bad, "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());

    // Two files into a new folder, the same text as -o - prints.
    let out = crux(dir.path(), &["import", "kialo", meat, links, "-o", "out"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap();
    let printed = crux(dir.path(), &["import", "kialo", meat, "-o", "-"]);
    assert_eq!(written.as_bytes(), printed.stdout.as_slice());
    assert!(dir.path().join("out/links.crux").is_file());

    // An existing file is kept without --force, even when another could be written.
    std::fs::write(dir.path().join("out/meat.crux"), "# mine\n").unwrap();
    std::fs::remove_file(dir.path().join("out/links.crux")).unwrap();
    let out = crux(dir.path(), &["import", "kialo", links, meat, "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("out/links.crux").exists());

    // --force replaces it.
    let out = crux(
        dir.path(),
        &["import", "kialo", meat, "-o", "out", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap(),
        written
    );
}

#[test]
fn a_thousand_node_kialo_discussion_imports_quickly() {
    let mut text = String::from("Discussion Title: Big\n\n1. The thesis.\n");
    for i in 1..=100 {
        text.push_str(&format!("1.{i}. Pro: Reason number {i}.\n"));
        for j in 1..=9 {
            let stance = if j % 2 == 0 { "Pro" } else { "Con" };
            text.push_str(&format!(
                "1.{i}.{j}. {stance}: Objection {j} to reason {i}.\n"
            ));
        }
    }
    let start = std::time::Instant::now();
    let imported = import(Format::Kialo, "big.txt", &text).unwrap();
    let took = start.elapsed();
    assert_eq!(
        imported.text.matches("\n  supports ").count()
            + imported.text.matches("\n  attacks ").count(),
        1000
    );
    // Generous for an unoptimised build on a busy machine; a release build takes far less.
    assert!(took.as_secs_f64() < 5.0, "took {took:?}");
}
