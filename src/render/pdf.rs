//! The map as a one-page PDF: its SVG converted by svg2pdf, vector shapes and real
//! (searchable, selectable) text in the bundled fonts of [`super::fonts`], embedded as
//! subsets. The page is the size of the SVG at 96 pixels to the inch, as a browser
//! prints it (a 1,200-pixel map is 12.5 inches wide).
//!
//! Phase: render.

use svg2pdf::{ConversionOptions, PageOptions};

use super::RenderError;
use super::fonts;

/// SVG pixels to the inch on the page.
pub const DPI: f32 = 96.0;

/// Converts `svg` to a PDF document.
pub fn render(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = fonts::parse(svg)?;
    svg2pdf::to_pdf(
        &tree,
        ConversionOptions::default(),
        PageOptions { dpi: DPI },
    )
    .map_err(|e| RenderError::Image(format!("cannot make the PDF: {e}")))
}
