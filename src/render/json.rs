//! JSON output: the [`RenderModel`] as the documented, versioned schema of
//! `docs/json-schema.md` (`"schema": 2`).
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and `\u0026`, and
//! U+2028 and U+2029 as `\u2028` and `\u2029`: the same JSON to any parser, but safe to
//! paste into an HTML `<script>` element or a JavaScript source.
//!
//! Phase: render. Takes the [`RenderModel`] only.

use super::model::RenderModel;

/// Renders the model as pretty-printed JSON with a final newline.
pub fn render(model: &RenderModel) -> String {
    crate::diagnostic::json::script_safe(model)
}
