//! Rendering: debate maps as SVG, a self-contained HTML page, DOT, Mermaid and JSON.
//!
//! Phase: the last before the command line. Renderers take the [`model::RenderModel`]
//! (built from the graph, the semantics and the diagnostics) and, for the drawn
//! formats, a [`layout::Layout`]; never source text or the syntax tree.

pub mod dot;
pub mod explain;
pub mod graphviz;
pub mod html;
pub mod json;
pub mod layout;
pub mod map;
pub mod markup;
pub mod mermaid;
pub mod model;
pub mod svg;
pub mod text;

pub use model::RenderModel;
