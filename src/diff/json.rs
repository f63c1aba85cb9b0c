//! JSON output: the [`DebateDiff`] as the documented structure of the `diff` module
//! docs, with `"schema": 2` first.
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and `\u0026`, and
//! U+2028 and U+2029 as `\u2028` and `\u2029` (as `render --format json` does): the
//! same JSON to any parser, safe to paste into HTML or JavaScript.
//!
//! Phase: diff (printing). Takes the [`DebateDiff`] only.

use serde::Serialize;

use super::DebateDiff;

/// The version of the structure; bumped when a field changes meaning or goes away, or
/// when the verdicts came in (2).
pub const SCHEMA: u32 = 2;

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
    crate::diagnostic::json::script_safe(&doc)
}
