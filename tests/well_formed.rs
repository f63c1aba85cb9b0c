//! Output that other programs read stays well-formed whatever the debate holds:
//! `tests/fixtures/well-formed/debate.crux` puts, raw, every kind of character an XML or
//! HTML document may not contain (C0 and C1 controls, DEL, U+FFFE, U+FFFF, the other
//! noncharacters, terminal escape sequences) into node texts, the author, a note,
//! sources, an artifact title and a CSV preview, and the same through YAML escapes into
//! the front matter. The SVG must parse as XML; the HTML page (and the map inside it)
//! must hold none of those characters; `explain` must send no escape sequence to the
//! terminal.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/well-formed";

/// A character that no XML 1.0 or HTML document may hold (or should: the C1 controls
/// and noncharacters are parse errors in HTML).
fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

fn assert_clean(what: &str, text: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| forbidden(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} holds {}", bad.join(", "));
}

/// A fresh directory under cargo's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("well-formed")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `crux render --format FORMAT` on the fixture and returns what it wrote.
fn render(format: &str) -> String {
    let out = scratch(format).join(format!("map.{format}"));
    let status = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args([
            "render", FIXTURE, "--layout", "builtin", "--format", format, "-o",
        ])
        .arg(&out)
        .status()
        .expect("crux runs");
    assert!(status.success(), "crux render --format {format}: {status}");
    std::fs::read_to_string(&out).expect("the output is UTF-8")
}

/// The fixture holds what the test is about (so that the test can fail).
#[test]
fn the_fixture_holds_forbidden_characters() {
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("debate.crux")).unwrap();
    for c in [
        '\u{1}', '\u{1B}', '\u{85}', '\u{9B}', '\u{FFFE}', '\u{FFFF}', '\u{FDD0}',
    ] {
        assert!(text.contains(c), "U+{:04X} missing", c as u32);
    }
    assert!(text.contains('\u{10FFFF}') && text.contains('\u{1FFFE}'));
}

#[test]
fn the_svg_map_is_well_formed_xml() {
    let svg = render("svg");
    assert_clean("the SVG", &svg);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    // The strings are there, as text.
    let text: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Title"), "{text}");
    assert!(text.contains("Thesis"), "{text}");
    assert!(
        text.contains('\u{FFFD}'),
        "forbidden characters become U+FFFD"
    );
}

#[test]
fn the_html_page_and_its_map_are_well_formed() {
    let html = render("html");
    assert_clean("the HTML page", &html);
    for expected in ["Title", "Author", "Note", "Citation", "Artifact", "year"] {
        assert!(html.contains(expected), "{expected} is on the page");
    }
    // The map inside the page is XML too.
    let start = html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"crux-map\"")
        .expect("the page holds the map");
    let end = start + html[start..].find("</svg>").expect("the map ends") + "</svg>".len();
    let map = &html[start..end];
    roxmltree::Document::parse(map).unwrap_or_else(|e| panic!("the inline map is not XML: {e}"));
}

#[test]
fn explain_sends_no_escape_sequence_to_the_terminal() {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["explain", "t", FIXTURE, "--color", "never"])
        .output()
        .expect("crux runs");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let controls: Vec<String> = stdout
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(
        controls.is_empty(),
        "explain printed {}",
        controls.join(", ")
    );
    // The texts are still shown, with the controls as `check` shows them.
    assert!(stdout.contains("Thesis"), "{stdout}");
    assert!(stdout.contains("␛[31m"), "{stdout}");
}

#[test]
fn check_sends_no_escape_sequence_to_the_terminal() {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", FIXTURE])
        .env("NO_COLOR", "1")
        .output()
        .expect("crux runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(stdout.contains("Artifact"), "{stdout}");
    let controls: Vec<String> = stdout
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(controls.is_empty(), "check printed {}", controls.join(", "));
}
