//! Property tests: the parser and the checker never panic, on arbitrary text or on
//! random mutations of valid files, and every diagnostic points inside its file.

use std::path::Path;

use proptest::prelude::*;

use crux::check::Severities;
use crux::diagnostic::{github, human, json};
use crux::syntax::SourceFile;

/// Runs the whole pipeline and every printer on one file, and checks the spans and the
/// suggested edits.
fn run_all(text: &str) {
    let file = SourceFile::new("fuzz.crux", "/nonexistent/fuzz.crux", text.to_string());
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        Path::new("/nonexistent"),
        &Severities::default(),
        &Default::default(),
    );
    let src = &debate.sources[0].text;
    for d in &diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let (s, e) = (label.span.start as usize, label.span.end as usize);
            assert!(s <= e && e <= src.len(), "span {s}..{e} outside the file");
            assert!(
                src.is_char_boundary(s) && src.is_char_boundary(e),
                "span {s}..{e} splits a character"
            );
        }
        assert!(!d.message.is_empty());
        // A suggestion (which `crux check --fix` applies) replaces whole characters of
        // the file.
        if let Some(fix) = &d.suggestion {
            let (s, e) = (fix.span.start as usize, fix.span.end as usize);
            assert!(s <= e && e <= src.len(), "edit {s}..{e} outside the file");
            assert!(
                src.is_char_boundary(s) && src.is_char_boundary(e),
                "edit {s}..{e} splits a character"
            );
        }
    }
    human::render(&diagnostics, &debate.sources, false);
    human::render(&diagnostics, &debate.sources, true);
    json::render(&diagnostics, &debate.sources);
    github::render(&diagnostics, &debate.sources);
}

const VALID: &str = include_str!("../claims/crypto-ai.crux");

const SMALL: &str = r#"---
title: A small debate
authors: [one, two]
---
# comment
thesis t: "The thesis."
  credence 0.5
  status open
claim c: """
    A block
      with indentation.
    """
  supports t 0.6   # trailing
  tags a, b-c
# crux: allow(unsupported-claim)
counter k: "Against \"it\"."
  attacks t 0.4
  undercuts c -> t 0.3
  contradicts c
evidence e: "A fact."
  supports c
  source "https://example.org"
  artifact "data.csv" sha256 "00" title "T" kind dataset
"#;

/// Fragments that are likely to confuse a parser.
const PIECES: &[&str] = &[
    "\"",
    "\"\"\"",
    "#",
    "->",
    ":",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\\",
    "---\n",
    "thesis ",
    "claim ",
    "counter ",
    "evidence ",
    "supports ",
    "attacks ",
    "undercuts ",
    "contradicts ",
    "credence ",
    "status ",
    "tags ",
    "artifact ",
    "sha256 ",
    "kind ",
    "1.5",
    "-0.2",
    ".",
    ",",
    "é",
    "\u{FEFF}",
    "# crux: allow(",
    ")",
    "x",
    "Xy",
    "a-",
    "--",
    "\0",
    "💥",
    "“",
    "”",
    "'",
    "- ",
    "(",
    ";",
    "by ",
    "source ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(a, p)| Mutation::Insert(a, p)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut s = text.to_string();
    match *m {
        Mutation::Delete(at, n) => {
            let a = floor_boundary(&s, at % (s.len() + 1));
            let b = floor_boundary(&s, a + n);
            s.replace_range(a..b, "");
        }
        Mutation::Insert(at, p) => {
            let a = floor_boundary(&s, at % (s.len() + 1));
            s.insert_str(a, PIECES[p]);
        }
        Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) if s.lines().count() == 0 => {
            let _ = i;
        }
        Mutation::DuplicateLine(i) => {
            let mut lines: Vec<&str> = s.lines().collect();
            let i = i % lines.len();
            lines.insert(i, lines[i]);
            s = lines.join("\n");
        }
        Mutation::SwapLines(i, j) => {
            let mut lines: Vec<&str> = s.lines().collect();
            let (i, j) = (i % lines.len(), j % lines.len());
            lines.swap(i, j);
            s = lines.join("\n");
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        run_all(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        run_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn line_shaped_noise_never_panics(lines in proptest::collection::vec(
        proptest::collection::vec(0..PIECES.len(), 0..8), 0..30)) {
        let text: String = lines
            .iter()
            .map(|l| l.iter().map(|&p| PIECES[p]).collect::<String>() + "\n")
            .collect();
        run_all(&text);
    }

    #[test]
    fn mutated_showcase_never_panics(ms in proptest::collection::vec(mutation(), 1..6)) {
        let text = ms.iter().fold(VALID.to_string(), |t, m| apply(&t, m));
        run_all(&text);
    }

    #[test]
    fn mutated_small_file_never_panics(ms in proptest::collection::vec(mutation(), 1..8)) {
        let text = ms.iter().fold(SMALL.to_string(), |t, m| apply(&t, m));
        run_all(&text);
    }
}

#[test]
fn valid_files_parse_without_errors() {
    for text in [VALID, SMALL] {
        let parsed = crux::syntax::parse(crux::syntax::FileId(0), text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    }
}

#[test]
fn one_mistake_per_line_is_one_diagnostic_each() {
    let text = "thesis t: \"ok\"\nclam c: \"x\"\nclaim d \"no colon\"\n  supports t 0.x\nclaim e: \"fine\"\n  supports t\n";
    let parsed = crux::syntax::parse(crux::syntax::FileId(0), text);
    let file = SourceFile::new("f", "f", text.to_string());
    let at: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| file.line_col(e.span.start).to_string())
        .collect();
    assert_eq!(at, ["2:1", "3:9", "4:14"]);
    // The valid nodes around the mistakes are kept.
    let ids: Vec<&str> = parsed
        .ast
        .nodes
        .iter()
        .map(|n| n.id.name.as_str())
        .collect();
    assert_eq!(ids, ["t", "d", "e"]);
}

/// The recovering parser (used once a file has an error) reads valid lines exactly as
/// the one-pass parser does: same nodes, same attributes, same spans.
#[test]
fn recovery_reads_valid_lines_like_the_fast_path() {
    for text in [VALID, SMALL] {
        let fast = crux::syntax::parse(crux::syntax::FileId(0), text);
        let broken = format!("{text}\n@@@ not crux\n");
        let slow = crux::syntax::parse(crux::syntax::FileId(0), &broken);
        assert_eq!(slow.errors.len(), 1, "{:?}", slow.errors);
        assert_eq!(
            format!("{:?}", fast.ast.nodes),
            format!("{:?}", slow.ast.nodes)
        );
        assert_eq!(
            format!("{:?}", fast.ast.front_matter),
            format!("{:?}", slow.ast.front_matter)
        );
        assert_eq!(
            format!("{:?}", fast.ast.comments),
            format!("{:?}", slow.ast.comments)
        );
    }
}
