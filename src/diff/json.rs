//! JSON output: the [`DebateDiff`] as the documented structure of the `diff` module
//! docs, with `"schema": 1` first.
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and `\u0026`, and
//! U+2028 and U+2029 as `\u2028` and `\u2029` (as `render --format json` does): the
//! same JSON to any parser, safe to paste into HTML or JavaScript.
//!
//! Phase: diff (printing). Takes the [`DebateDiff`] only.

use serde::Serialize;

use super::DebateDiff;

/// The version of the structure; bumped when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    #[serde(flatten)]
    diff: &'a DebateDiff,
}

/// Renders the diff as pretty-printed JSON with a final newline.
pub fn render(diff: &DebateDiff) -> String {
    let doc = Document {
        schema: SCHEMA,
        diff,
    };
    let json = serde_json::to_string_pretty(&doc).expect("a diff serializes");
    let mut out = String::with_capacity(json.len() + 1);
    // These characters can only occur inside strings, where an escape means the same.
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}
