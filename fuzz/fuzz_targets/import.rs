//! `crux import`: on any text, in any of the four formats, an import either fails with
//! a positioned error (`line N...` or a JSON path) or gives a `.crux` file that is
//! canonical (`crux fmt --check` clean), free of syntax and resolve errors, and the
//! same on a second run: the properties `tests/import.rs` asserts on the real files.
//!
//! The first byte picks the format (Argdown twice: as a `.argdown` file and as the
//! ```argdown blocks of a Markdown file); the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

use crux::import::{Format, import};
use crux::syntax::SourceFile;

const FORMATS: [(Format, &str); 5] = [
    (Format::Argdown, "fuzz.argdown"),
    (Format::Argdown, "fuzz.md"),
    (Format::Aif, "fuzz.json"),
    (Format::Kialo, "fuzz.txt"),
    (Format::Microtext, "fuzz.xml"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(rest) else {
        return;
    };
    let (format, name) = FORMATS[usize::from(pick) % FORMATS.len()];
    let imported = match import(format, name, input) {
        Ok(imported) => imported,
        Err(e) => {
            assert!(
                e.position.starts_with("line ") || e.position.starts_with('$'),
                "no position in the error {e:?}"
            );
            assert!(!e.message.is_empty(), "an error without a message");
            return;
        }
    };
    let again = import(format, name, input).expect("the second import fails");
    assert_eq!(imported, again, "the import is not deterministic");
    match crux::fmt::format(&imported.text) {
        Ok(formatted) => assert_eq!(
            formatted, imported.text,
            "the import is not canonical\n--- imported:\n{}",
            imported.text
        ),
        Err(e) => panic!(
            "the import does not format: {e}\n--- imported:\n{}",
            imported.text
        ),
    }
    let source = SourceFile::new("imported.crux", "imported.crux", imported.text.clone());
    let debate = crux::parse_debate(vec![source], Default::default());
    assert!(
        debate.syntax_errors.is_empty() && debate.resolve_errors.is_empty(),
        "the import has errors: {:?} {:?}\n--- imported:\n{}",
        debate.syntax_errors,
        debate.resolve_errors,
        imported.text
    );
});
