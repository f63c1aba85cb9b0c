//! Rendering: debate maps as SVG, a self-contained HTML page, DOT, Mermaid, JSON, and
//! PNG and PDF images of the SVG; and the debate in the exchange formats of other tools
//! (AIF, GraphML, Argdown).
//!
//! Phase: the last before the command line. [`build_model`] turns a checked debate into
//! the [`model::RenderModel`] (with the semantics), and [`render`] is the one entry
//! point that draws it in any [`Format`], laying it out first for the drawn formats;
//! renderers never see source text or the syntax tree. `explain` draws the tree under
//! one node for a terminal.

pub mod aif;
pub mod argdown;
pub mod dot;
pub mod explain;
pub mod fonts;
pub mod graphml;
pub mod graphviz;
pub mod html;
pub mod json;
pub mod layout;
pub mod map;
pub mod markup;
pub mod mermaid;
pub mod model;
pub mod pdf;
pub mod png;
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
    /// The map as a PNG image, for slides (2 pixels per SVG pixel unless --scale says).
    Png,
    /// The map as a PDF with its fonts embedded, for papers: a page for each debate.
    Pdf,
    /// The debate in the Argument Interchange Format (AIF JSON, as AIFdb and OVA write
    /// it), with crux's own data in `crux` keys (docs/export.md).
    Aif,
    /// The debate as a GraphML graph with its data as typed attributes, for yEd,
    /// networkx and graph databases (docs/export.md).
    Graphml,
    /// The debate as an Argdown file: a statement per node, a relation per relation
    /// (docs/export.md).
    Argdown,
}

impl Format {
    /// Whether the format is an image of bytes rather than text (PNG, PDF).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }

    /// Whether the format draws the laid-out map (and so uses the layout engine).
    pub fn is_drawn(self) -> bool {
        matches!(self, Format::Html | Format::Svg | Format::Png | Format::Pdf)
    }
}

/// How to draw a map.
#[derive(Clone, Debug)]
pub struct Options {
    /// The layout engine of the drawn formats (HTML and SVG).
    pub engine: Engine,
    /// A directory to load `page.html.tera` from instead of the built-in template.
    pub templates: Option<PathBuf>,
    /// PNG pixels per SVG pixel; `None` for [`png::DEFAULT_SCALE`], lowered to the
    /// largest scale that fits [`png::MAX_PIXELS`] if the map is too large for it.
    pub scale: Option<f32>,
    /// What AIF and Argdown keep of the source as written (attributes in file order,
    /// written weights): [`aif::Written::of`] the debate; empty, AIF lists no attributes
    /// and every weight in effect, and Argdown writes no attributes and no weights.
    pub written: aif::Written,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            engine: Engine::Builtin,
            templates: None,
            scale: None,
            written: aif::Written::default(),
        }
    }
}

/// A drawn map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The document of a text format (HTML, SVG, DOT, JSON, Mermaid, AIF, GraphML,
    /// Argdown); empty for an image.
    pub text: String,
    /// The bytes of an image format (PNG, PDF); empty for a text format.
    pub image: Vec<u8>,
    /// What the reader should know about how it was drawn (a PNG drawn at a lower
    /// scale than the default, to fit).
    pub notes: Vec<String>,
}

impl Output {
    fn of_image(image: Vec<u8>) -> Self {
        Output {
            text: String::new(),
            image,
            notes: Vec::new(),
        }
    }

    /// The bytes to write: the image, or the text in UTF-8.
    pub fn into_bytes(self) -> Vec<u8> {
        if self.image.is_empty() {
            self.text.into_bytes()
        } else {
            self.image
        }
    }
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
    /// The PNG or PDF image could not be made (a bad scale, an SVG that cannot be read).
    #[error("{0}")]
    Image(String),
    /// The PNG image would have more than [`png::MAX_PIXELS`] pixels at the scale asked
    /// for.
    #[error(transparent)]
    TooManyPixels(#[from] png::TooManyPixels),
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

/// For an image of several debates, one wide picture of them side by side: how to
/// draw one, or each on a page of its own.
fn side_by_side(model: &RenderModel) -> Option<String> {
    let parts = model.parts();
    let theses: Vec<String> = (parts.iter())
        .filter_map(|p| p.thesis)
        .map(|i| format!("`{}`", model.nodes[i].id))
        .collect();
    (theses.len() > 1).then(|| {
        format!(
            "the image holds {} debates side by side: `--root ID` draws one (their theses are {}), and `--format pdf` gives each a page of its own",
            theses.len(),
            theses.join(", ")
        )
    })
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
        Format::Aif => aif::render(model, &options.written),
        Format::Graphml => graphml::render(model),
        Format::Argdown => argdown::render(model, &options.written),
        Format::Svg => svg::render(&drawn()?, true),
        Format::Html => html::render(&drawn()?, options.templates.as_deref())?,
        // Images of the standalone SVG, as `--format svg` writes it.
        Format::Png => {
            let svg = svg::render(&drawn()?, true);
            let image = png::render(&svg, options.scale)?;
            let mut output = Output::of_image(image.bytes);
            if image.fitted {
                output.notes.push(format!(
                    "the map is too large for a PNG image at scale {}: drawn at scale {}, \
                     the largest that fits {} million pixels (--scale to choose another; \
                     PDF and SVG have no such limit)",
                    png::DEFAULT_SCALE,
                    image.scale,
                    png::MAX_PIXELS / 1_000_000
                ));
            }
            output.notes.extend(fonts::missing_note(&image.missing));
            output.notes.extend(side_by_side(model));
            return Ok(output);
        }
        Format::Pdf => {
            // A page for each debate, as the page has a tab for each.
            let parts = model.parts();
            let pages = match parts.len() {
                0 | 1 => vec![pdf::Page {
                    svg: svg::render(&drawn()?, true),
                    title: String::new(),
                }],
                _ => (parts.iter())
                    .map(|part| {
                        let drawn = map::build(model.part(part), options.engine)
                            .map_err(RenderError::Layout)?;
                        Ok(pdf::Page {
                            svg: svg::render(&drawn, true),
                            title: part.title(model),
                        })
                    })
                    .collect::<Result<_, RenderError>>()?,
            };
            let (bytes, missing) = pdf::render(&pages, model.title.as_deref())?;
            let mut output = Output::of_image(bytes);
            output.notes.extend(fonts::missing_note(&missing));
            return Ok(output);
        }
    };
    Ok(Output {
        text,
        image: Vec::new(),
        notes: Vec::new(),
    })
}
