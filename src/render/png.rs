//! The map as a PNG image: its SVG drawn by resvg with the bundled fonts of
//! [`super::fonts`], on white, at `scale` pixels per SVG pixel.
//!
//! The default scale is 2, so that text stays sharp on a high-density screen and on a
//! projector. An image may have at most [`MAX_PIXELS`] pixels: when no scale is asked
//! for, a map too large for that is drawn at the largest scale that fits (and the
//! output says so); a scale asked for that does not fit is an error that says which
//! would, instead of a buffer of gigabytes.
//!
//! Phase: render.

use resvg::tiny_skia::{Color, Pixmap, Transform};

use super::RenderError;
use super::fonts;

/// Pixels per SVG pixel when none is asked for.
pub const DEFAULT_SCALE: f32 = 2.0;

/// The most pixels an image may have: 50 million, 200 MB while it is drawn (a map of
/// about 7,000 by 7,000 pixels).
pub const MAX_PIXELS: u64 = 50_000_000;

/// A PNG image and the scale it was drawn at.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// The encoded image.
    pub bytes: Vec<u8>,
    /// Pixels per SVG pixel.
    pub scale: f32,
    /// Whether the default scale was lowered to fit [`MAX_PIXELS`].
    pub fitted: bool,
    /// The characters no bundled font has, drawn as [`fonts::PLACEHOLDER`]
    /// ([`fonts::covered`]).
    pub missing: Vec<String>,
}

/// Draws `svg` as a PNG image, `scale` pixels per SVG pixel; with no scale,
/// [`DEFAULT_SCALE`], or the largest scale that fits [`MAX_PIXELS`] if that is less.
pub fn render(svg: &str, scale: Option<f32>) -> Result<Image, RenderError> {
    let svg = fonts::for_images(svg);
    let xml = fonts::xml(&svg)?;
    let declared = declared_size(&xml);
    let (scale, fitted) = match (scale, declared) {
        (Some(s), _) => (s, false),
        (None, Some((width, height))) => {
            let fits = largest_fitting_scale(width, height);
            (DEFAULT_SCALE.min(fits), fits < DEFAULT_SCALE)
        }
        (None, None) => (DEFAULT_SCALE, false),
    };
    // A map too large is refused before its text is laid out, which takes seconds on a
    // map of thousands of nodes; the size of the laid-out tree is checked again below.
    if let Some((width, height)) = declared {
        pixel_size(width, height, scale)?;
    }
    let (tree, missing) = fonts::covered(&svg, &xml)?;
    let size = tree.size();
    let (width, height) = pixel_size(size.width(), size.height(), scale)?;
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| {
        RenderError::Image(format!("cannot make a {width} × {height} pixel image"))
    })?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap
        .encode_png()
        .map_err(|e| RenderError::Image(format!("cannot encode the PNG image: {e}")))?;
    Ok(Image {
        bytes,
        scale,
        fitted,
        missing,
    })
}

/// The largest scale, in hundredths (as printed), at which a `width` × `height` SVG
/// makes an image of at most [`MAX_PIXELS`] pixels, rounded sides included.
pub fn largest_fitting_scale(width: f32, height: f32) -> f32 {
    let area = f64::from(width.max(1.0)) * f64::from(height.max(1.0));
    let mut hundredths = ((MAX_PIXELS as f64 / area).sqrt() * 100.0).floor() as i64;
    // Each side is rounded up to whole pixels: step down until the rounded sides fit.
    while hundredths > 1 {
        let (w, h) = sides(width, height, hundredths as f32 / 100.0);
        if w * h <= MAX_PIXELS as f64 {
            break;
        }
        hundredths -= 1;
    }
    hundredths.max(1) as f32 / 100.0
}

/// The `width` and `height` of the root element when both are plain numbers (pixels),
/// as the map's SVG gives them.
fn declared_size(xml: &resvg::usvg::roxmltree::Document<'_>) -> Option<(f32, f32)> {
    let root = xml.root_element();
    let number = |name: &str| root.attribute(name)?.trim().parse::<f32>().ok();
    Some((number("width")?, number("height")?))
}

/// The size in pixels of an image of a `width` × `height` SVG at `scale`, or why
/// there is none: a scale that is not a positive number, or more than [`MAX_PIXELS`]
/// ([`TooManyPixels`]).
pub fn pixel_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::Image(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let (w, h) = sides(width, height, scale);
    if w * h > MAX_PIXELS as f64 {
        return Err(RenderError::TooManyPixels(TooManyPixels {
            width,
            height,
            scale,
            largest: largest_fitting_scale(width, height),
        }));
    }
    Ok((w as u32, h as u32))
}

/// A scale at which the image of a map would have more than [`MAX_PIXELS`] pixels, with
/// the largest scale that fits, so that the error can say which would do.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error(
    "the map is {} × {} pixels, so at scale {scale} its PNG image would be {} × {} \
     = {:.0} million pixels, more than the {} million a PNG may have; use a scale \
     of at most {largest} (--scale), or PDF or SVG, which have no such limit",
    width.ceil(),
    height.ceil(),
    self.pixels().0,
    self.pixels().1,
    (self.pixels().0 * self.pixels().1 / 1e6).ceil(),
    MAX_PIXELS / 1_000_000
)]
pub struct TooManyPixels {
    /// The SVG's width, in SVG pixels.
    pub width: f32,
    /// The SVG's height, in SVG pixels.
    pub height: f32,
    /// The scale asked for.
    pub scale: f32,
    /// The largest scale that fits ([`largest_fitting_scale`]).
    pub largest: f32,
}

impl TooManyPixels {
    /// The image's width and height in pixels at the scale asked for.
    fn pixels(&self) -> (f64, f64) {
        sides(self.width, self.height, self.scale)
    }
}

/// The width and height in pixels of a `width` × `height` SVG at `scale`: rounded up,
/// at least one pixel each.
fn sides(width: f32, height: f32, scale: f32) -> (f64, f64) {
    let side = |svg: f32| (f64::from(svg) * f64::from(scale)).ceil().max(1.0);
    (side(width), side(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_too_large_is_refused_before_its_text_is_laid_out() {
        // Text that no font could lay out in any time: the refusal comes first.
        let text = "<text>x</text>".repeat(20_000);
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="5000">{text}</svg>"#
        );
        let started = std::time::Instant::now();
        let e = render(&svg, Some(2.0)).unwrap_err();
        assert!(e.to_string().contains("400 million"), "{e}");
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn sizes_are_scaled_and_rounded_up() {
        assert_eq!(pixel_size(520.0, 300.5, 2.0).unwrap(), (1040, 601));
        assert_eq!(pixel_size(520.0, 300.0, 0.001).unwrap(), (1, 1));
    }

    #[test]
    fn a_bad_scale_is_refused() {
        for scale in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            let e = pixel_size(520.0, 300.0, scale).unwrap_err();
            assert!(e.to_string().contains("positive number"), "{e}");
        }
    }

    #[test]
    fn too_many_pixels_is_an_error_that_names_a_scale_that_fits() {
        let e = pixel_size(20_000.0, 5_000.0, 2.0).unwrap_err().to_string();
        assert!(e.contains("40000 × 10000"), "{e}");
        assert!(e.contains("400 million"), "{e}");
        assert!(e.contains("at most 0.7 "), "{e}");
        // The scale it names does fit.
        assert!(pixel_size(20_000.0, 5_000.0, 0.7).is_ok());
        assert!(pixel_size(20_000.0, 5_000.0, 0.71).is_err());
    }

    #[test]
    fn the_fitting_scale_fits_and_the_next_does_not() {
        for (w, h) in [(20_000.0, 5_000.0), (4_961.0, 3_281.0), (7_071.0, 7_072.0)] {
            let fits = largest_fitting_scale(w, h);
            assert!(pixel_size(w, h, fits).is_ok(), "{w} × {h} at {fits}");
            assert!(
                pixel_size(w, h, fits + 0.01).is_err(),
                "{w} × {h} at {fits} + 0.01"
            );
        }
    }

    #[test]
    fn a_tiny_map_has_a_largest_scale_too() {
        // The first estimate does not fit once the sides are rounded up.
        let fits = largest_fitting_scale(1.0, 1.0);
        assert!(pixel_size(1.0, 1.0, fits).is_ok(), "{fits}");
        let e = pixel_size(1.0, 1.0, fits + 0.01).unwrap_err();
        assert!(
            matches!(e, RenderError::TooManyPixels(t) if t.largest == fits),
            "{e}"
        );
    }

    #[test]
    fn without_a_scale_a_large_map_is_drawn_at_the_largest_that_fits() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="4000"><rect width="10" height="10"/></svg>"#;
        let image = render(svg, None).unwrap();
        assert!(image.fitted);
        assert_eq!(image.scale, 1.25);
        let small = r#"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"/>"#;
        let image = render(small, None).unwrap();
        assert!(!image.fitted);
        assert_eq!(image.scale, DEFAULT_SCALE);
        // A scale asked for is kept, or refused.
        assert!(render(svg, Some(2.0)).is_err());
    }
}
