//! JSON output: the [`RenderModel`] as the documented, versioned schema of
//! `docs/json-schema.md` (`"schema": 1`).
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and `\u0026`, and
//! U+2028 and U+2029 as `\u2028` and `\u2029`: the same JSON to any parser, but safe to
//! paste into an HTML `<script>` element or a JavaScript source.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use super::model::RenderModel;

/// Renders the model as pretty-printed JSON with a final newline.
pub fn render(model: &RenderModel) -> String {
    let json = serde_json::to_string_pretty(model).expect("the render model serializes");
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
