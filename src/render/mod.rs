//! Rendering: debate maps as SVG, a self-contained HTML page, DOT, Mermaid and JSON.
//!
//! Phase: the last before the command line. [`build_model`] turns a checked debate into
//! the [`model::RenderModel`] (with the semantics), and [`render`] is the one entry
//! point that draws it in any [`Format`], laying it out first for the drawn formats;
//! renderers never see source text or the syntax tree. `explain` draws the tree under
//! one node for a terminal.

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

use std::path::PathBuf;

pub use map::Engine;
pub use model::RenderModel;

use crate::Debate;
use crate::diagnostic::Diagnostic;
use crate::semantics::{Af, carneades, grounded, weighted};

/// A map format.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML page: the map, a card per node, the check results.
    Html,
    /// The map as an SVG image.
    Svg,
    /// Graphviz DOT source.
    Dot,
    /// The render model as JSON (schema in docs/json-schema.md).
    Json,
    /// A Mermaid flowchart, for Markdown and pull-request comments.
    Mermaid,
}

/// How to draw a map.
#[derive(Clone, Debug)]
pub struct Options {
    /// The layout engine of the drawn formats (HTML and SVG).
    pub engine: Engine,
    /// A directory to load `page.html.tera` from instead of the built-in template.
    pub templates: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            engine: Engine::Builtin,
            templates: None,
        }
    }
}

/// A drawn map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The document, in the format asked for.
    pub text: String,
}

/// Why a map could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The layout engine failed (Graphviz missing or broken).
    #[error("{0}")]
    Layout(String),
    /// The HTML template could not be read or rendered.
    #[error(transparent)]
    Template(#[from] html::HtmlError),
}

/// The render model of a debate and its check results, with the verdicts (judged with
/// `cx.verdict`), the DF-QuAD strengths and the grounded labels computed here.
pub fn build_model(
    debate: &Debate,
    diagnostics: &[Diagnostic],
    cx: &model::Context<'_>,
) -> RenderModel {
    let labels = grounded(&Af::from_graph(&debate.graph));
    let strengths = weighted::dfquad(&debate.graph);
    let verdicts = carneades::evaluate(&debate.graph, &cx.verdict);
    model::build(
        &debate.graph,
        &labels,
        &strengths,
        &verdicts,
        diagnostics,
        cx,
    )
}

/// Draws `model` in `format`: the one way a map is made.
pub fn render(
    format: Format,
    model: &RenderModel,
    options: &Options,
) -> Result<Output, RenderError> {
    let drawn = || map::build(model.clone(), options.engine).map_err(RenderError::Layout);
    let text = match format {
        Format::Json => json::render(model),
        Format::Dot => dot::render(model),
        Format::Mermaid => mermaid::render(model),
        Format::Svg => svg::render(&drawn()?, true),
        Format::Html => {
            let map = drawn()?;
            let svg = svg::render(&map, false);
            html::render(&map.model, &svg, options.templates.as_deref())?
        }
    };
    Ok(Output { text })
}
