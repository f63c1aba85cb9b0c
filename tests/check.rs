//! The lint fixtures: one generic test body over every `tests/fixtures/check/*.crux`.
//!
//! Each fixture is a small debate named `<CODE>_<slug>.crux` after the rule it tests. It
//! holds cases that must fire and near misses that must not, and says what it expects in
//! comments at the end of the line where a diagnostic's primary span starts:
//!
//! ```text
//! claim a: "A."                  # expect: G108
//!   supports a                   # expect: G101@12
//! counter b: "B."                # expect: G105, G106
//! # crux: allow(unsuported-claim)
//! # expect-above: S005@15
//! ```
//!
//! `CODE@COLUMN` also pins the 1-based column (in characters). `# expect-above:` puts
//! the expectation on the line above; it is for lines that cannot carry a trailing comment
//! of their own, such as a `# crux:` directive. The comments are read from the raw text, so
//! they work on lines that do not parse. The diagnostics must match the expectations
//! exactly (nothing missing, nothing extra), and the human output is snapshotted with
//! insta (`tests/snapshots/check__<fixture>.snap`) so that wording, carets and help lines
//! are reviewed too.
//!
//! The output of a fixture whose findings do not match is not snapshotted: fix the
//! findings first. A few snapshots are written by hand with the output crux should give
//! where its wording is wrong today (`E202_directory`, `E204_malformed_pin`,
//! `S001_duplicate_artifact_option`, `S002_duplicate_key`, `S002_wrong_type`,
//! `W301_percent_hint`); `INSTA_UPDATE=always` would overwrite them, so review with
//! `cargo insta review` instead.
//!
//! The project root of every fixture is `tests/fixtures/check` (its `crux.yaml`, which
//! holds no settings, makes `crux check` on a fixture agree), so artifact paths may use
//! `artifacts/` but not `..`. `artifacts/link-out.csv` is a committed symbolic link to
//! `tests/fixtures/outside-project.csv`, which is outside that root.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crux::check::{RULES, Severities};

mod support;

/// The fixtures' directory, which is also their project root.
const FIXTURES: &str = "tests/fixtures/check";

/// One `CODE[@COLUMN]` item of an `expect` comment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    line: u32,
    code: String,
    column: Option<u32>,
}

/// One diagnostic, reduced to what the expectations compare.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Actual {
    line: u32,
    code: String,
    column: u32,
}

/// Every fixture, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    support::crux_files(FIXTURES)
}

/// The file name without `.crux`, e.g. `G101_self_reference`.
fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("fixture has a name")
        .to_string_lossy()
        .into_owned()
}

/// Reads the `# expect:` and `# expect-above:` comments of a fixture's raw text.
fn expectations(text: &str) -> Result<Vec<Expected>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let (target, list) = if let Some(pos) = line.find("# expect:") {
            (number, &line[pos + "# expect:".len()..])
        } else if let Some(pos) = line.find("# expect-above:") {
            if number == 1 {
                return Err("line 1: `# expect-above:` on the first line".into());
            }
            (number - 1, &line[pos + "# expect-above:".len()..])
        } else {
            continue;
        };
        for item in list.split(',') {
            let item = item.trim();
            let (code, column) = match item.split_once('@') {
                Some((code, column)) => {
                    let column = column
                        .parse::<u32>()
                        .map_err(|_| format!("line {number}: bad column in `{item}`"))?;
                    (code, Some(column))
                }
                None => (item, None),
            };
            if !RULES.iter().any(|r| r.code == code) {
                return Err(format!("line {number}: `{item}` names no rule code"));
            }
            out.push(Expected {
                line: target,
                code: code.to_string(),
                column,
            });
        }
    }
    Ok(out)
}

/// Pairs expectations with diagnostics; returns what is missing and what is extra.
fn compare(expected: &[Expected], actual: &[Actual]) -> (Vec<Expected>, Vec<Actual>) {
    let mut left: Vec<Actual> = actual.to_vec();
    // Pinned expectations first, so that an unpinned one cannot take their diagnostic.
    let mut ordered: Vec<&Expected> = expected.iter().collect();
    ordered.sort_by_key(|e| e.column.is_none());
    let mut missing = Vec::new();
    for e in ordered {
        let found = left.iter().position(|a| {
            a.line == e.line && a.code == e.code && e.column.is_none_or(|c| c == a.column)
        });
        match found {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(e.clone()),
        }
    }
    missing.sort();
    (missing, left)
}

/// Checks one fixture; returns a description of every mismatch.
fn check_fixture(path: &Path) -> Result<(), String> {
    let name = stem(path);
    let file = crux::project::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let expected = expectations(&file.text)?;
    let debate = crux::parse_debate(vec![file], Default::default());
    let diags = crux::check_debate(
        &debate,
        Path::new(FIXTURES),
        &Severities::default(),
        &Default::default(),
    );
    let actual: Vec<Actual> = diags
        .iter()
        .map(|d| {
            let source = &debate.sources[d.primary.span.file.0 as usize];
            let at = source.line_col(d.primary.span.start);
            Actual {
                line: at.line,
                code: d.code.to_string(),
                column: at.column,
            }
        })
        .collect();
    let (missing, extra) = compare(&expected, &actual);
    if !missing.is_empty() || !extra.is_empty() {
        let mut report = String::new();
        for m in &missing {
            let column = m.column.map(|c| format!("@{c}")).unwrap_or_default();
            report.push_str(&format!("  missing: line {}: {}{column}\n", m.line, m.code));
        }
        for x in &extra {
            report.push_str(&format!(
                "  extra:   line {}: {}@{}\n",
                x.line, x.code, x.column
            ));
        }
        // Do not snapshot output whose findings are wrong: fix those first.
        return Err(report);
    }

    // A link that leads out of the project is reported with its absolute target.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real_repo = std::fs::canonicalize(repo).unwrap_or_else(|_| repo.to_path_buf());
    let output = crux::diagnostic::human::render(&diags, &debate.sources, false)
        .replace(&*real_repo.to_string_lossy(), "[REPO]")
        .replace(&*repo.to_string_lossy(), "[REPO]");
    let mut settings = insta::Settings::clone_current();
    settings.set_input_file(path);
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(true);
    catch_unwind(AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, output));
    }))
    .map_err(|_| "  the human output differs from its snapshot (see above)\n".to_string())
}

#[test]
fn fixtures_match_their_expectations_and_snapshots() {
    assert!(
        std::fs::symlink_metadata(Path::new(FIXTURES).join("artifacts/link-out.csv"))
            .is_ok_and(|m| m.file_type().is_symlink()),
        "artifacts/link-out.csv must be a symbolic link (on Windows, enable git's core.symlinks)"
    );
    let mut failures = String::new();
    for path in fixtures() {
        if let Err(report) = check_fixture(&path) {
            failures.push_str(&format!("{}:\n{report}", path.display()));
        }
    }
    assert!(failures.is_empty(), "fixtures that fail:\n{failures}");
}

#[test]
fn every_rule_has_a_fixture_that_expects_it() {
    let mut expected_codes = BTreeSet::new();
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let expected = expectations(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        expected_codes.extend(expected.into_iter().map(|e| e.code));
    }
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|r| !expected_codes.contains(r.code))
        .map(|r| r.code)
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a firing fixture: {missing:?}"
    );
}

#[test]
fn every_fixture_is_named_after_a_rule() {
    for path in fixtures() {
        let name = stem(&path);
        let (code, slug) = name
            .split_once('_')
            .unwrap_or_else(|| panic!("{name}: expected `<CODE>_<slug>`"));
        let rule = RULES.iter().find(|r| r.code == code);
        assert!(rule.is_some(), "{name}: `{code}` is not a rule code");
        assert!(
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{name}: the slug must be snake_case"
        );
    }
}

#[test]
fn fixtures_are_utf8_text() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).expect("readable fixture");
        let text = std::str::from_utf8(&bytes)
            .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", path.display()));
        assert!(text.ends_with('\n'), "{}: no final newline", path.display());
    }
}

#[test]
fn the_expectation_reader_reads_what_the_fixtures_use() {
    let text = "a # expect: G101\nb # expect: S001@12, G105\n# expect-above: S005@3\n";
    let got = expectations(text).expect("valid expectations");
    let want = [
        (1, "G101", None),
        (2, "S001", Some(12)),
        (2, "G105", None),
        (2, "S005", Some(3)),
    ];
    assert_eq!(got.len(), want.len());
    for (g, (line, code, column)) in got.iter().zip(want) {
        assert_eq!((g.line, g.code.as_str(), g.column), (line, code, column));
    }
    assert!(expectations("x # expect: G999\n").is_err());
    assert!(expectations("x # expect: S001@x\n").is_err());
}
