//! The `.crux` reader: any text is parsed into a tree whose text is the input, byte for
//! byte, and read alike with and without its tree; it is resolved and checked without a
//! panic, every diagnostic and every suggested edit points inside the file, the edits
//! of `crux check --fix` give a text that reads again, and every diagnostic printer
//! copes with it.
//!
//! The file lives in a directory that does not exist, so that artifact paths lead
//! nowhere and the fuzzer never reads the machine's files.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use crux::check::Severities;
use crux::diagnostic::{github, human, json, sarif};
use crux::syntax::{FileId, SourceFile};

const ROOT: &str = "/nonexistent/crux-fuzz";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = crux::syntax::parse(FileId(0), text);
    assert_eq!(
        parsed.syntax().to_string(),
        text,
        "the tree is not lossless"
    );
    let lowered = crux::syntax::lower(FileId(0), text);
    assert_eq!(parsed.errors, lowered.errors);
    assert_eq!(format!("{:?}", parsed.ast), format!("{:?}", lowered.ast));
    let file = SourceFile::new("fuzz.crux", format!("{ROOT}/fuzz.crux"), text.to_string());
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        Path::new(ROOT),
        &Severities::default(),
        &Default::default(),
    );
    let len = debate.sources[0].text.len();
    for d in &diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let (s, e) = (label.span.start as usize, label.span.end as usize);
            assert!(s <= e && e <= len, "span {s}..{e} outside the file");
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "span {s}..{e} splits a character"
            );
        }
        assert!(!d.message.is_empty(), "{} has no message", d.code);
        if let Some(s) = &d.suggestion {
            let (a, b) = (s.span.start as usize, s.span.end as usize);
            assert!(
                a <= b && b <= len,
                "{}: edit {a}..{b} outside the file",
                d.code
            );
            assert!(
                text.is_char_boundary(a) && text.is_char_boundary(b),
                "{}: edit {a}..{b} splits a character",
                d.code
            );
        }
    }
    // The edits `crux check --fix` makes: the text they give reads again.
    for (_, edits) in crux::check::notation_edits(&diagnostics) {
        crux::syntax::parse(FileId(0), &crux::check::apply_edits(text, &edits));
    }
    human::render(&diagnostics, &debate.sources, false);
    human::render(&diagnostics, &debate.sources, true);
    json::render(&diagnostics, &debate.sources);
    github::render(&diagnostics, &debate.sources);
    sarif::render(
        &diagnostics,
        &crux::check::registry::docs(),
        &debate.sources,
        Some(Path::new(ROOT)),
    );
    let af = crux::semantics::Af::from_graph(&debate.graph);
    crux::semantics::grounded(&af);
    crux::semantics::weighted::dfquad(&debate.graph);
});
