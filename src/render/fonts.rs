//! The fonts of the PNG and PDF maps, bundled in the binary so that an image comes out
//! the same on every machine; fonts installed on the system are never read.
//!
//! Liberation Sans (regular and bold) has the metrics of Arial, which the text
//! measurement of [`super::text`] assumes, so wrapped lines fit their boxes as they do
//! in a browser; it covers Latin, Greek and Cyrillic. Noto Sans Symbols 2 adds the
//! verdict badges `✓` and `✗` and other symbols; it has no letters, so a line with a
//! badge keeps Liberation Sans for its words (a fallback font that had them all would
//! take over the whole line). Their licences (SIL Open Font License 1.1) are in
//! `fonts/` beside the files.
//!
//! Phase: render.

use std::sync::Arc;

use resvg::usvg::{self, fontdb};

use super::RenderError;

/// The family every generic name (`sans-serif`, `serif`, …) and an SVG without a
/// `font-family` resolve to.
pub const FAMILY: &str = "Liberation Sans";

/// The font files, in the order the fallback for a missing character tries them.
const FILES: [&[u8]; 3] = [
    include_bytes!("fonts/LiberationSans-Regular.ttf"),
    include_bytes!("fonts/LiberationSans-Bold.ttf"),
    include_bytes!("fonts/NotoSansSymbols2-Regular.ttf"),
];

/// A font database with the bundled fonts only.
pub fn database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for data in FILES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_monospace_family(FAMILY);
    db.set_cursive_family(FAMILY);
    db.set_fantasy_family(FAMILY);
    db
}

/// Parses an SVG document with the bundled fonts, its text laid out and ready to draw.
pub fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    tree(&xml(&for_images(svg))?)
}

/// What an image draws for a character that no bundled font has: a white square, from
/// Liberation Sans. A PDF's text copies as it, too.
pub const PLACEHOLDER: char = '\u{25A1}';

/// The SVG document `svg` (read as `doc`) laid out as [`tree`] lays it out, every
/// character that no bundled font has replaced by [`PLACEHOLDER`] first; and those
/// characters, each once, in the order they first appear ([`missing`]).
///
/// Without the replacement, the image would draw each such character as the font's
/// empty box all the same, but with two faults: in a PDF, every one of them would copy
/// as the same character (the last one the file's fonts map to their empty box, so
/// `日本` could paste as `🚀🚀`), and the layout stops looking in the other fonts for
/// the rest of the text after the first such character, so a `✓` or `→` after it would
/// be an empty box too.
pub fn covered(
    svg: &str,
    doc: &usvg::roxmltree::Document<'_>,
) -> Result<(usvg::Tree, Vec<String>), RenderError> {
    let first = tree(doc)?;
    let missing = missing(&first);
    if missing.is_empty() {
        return Ok((first, missing));
    }
    let faces = Faces::read();
    let absent: Vec<String> = missing
        .into_iter()
        .filter(|text| !text.chars().all(|c| faces.have(c)))
        .collect();
    let mut replaced = svg.to_string();
    for text in &absent {
        replaced = replaced.replace(text.as_str(), PLACEHOLDER.encode_utf8(&mut [0; 4]));
    }
    let second = tree(&xml(&replaced)?)?;
    let mut all = absent;
    for text in self::missing(&second) {
        if !all.contains(&text) {
            all.push(text);
        }
    }
    Ok((second, all))
}

/// The bundled fonts, read once: Liberation Sans regular (0) and bold (1), and Noto
/// Sans Symbols 2 (2). For [`super::text`]'s widths of the characters beyond ASCII.
pub(super) fn face(i: usize) -> Option<&'static ttf_parser::Face<'static>> {
    Faces::read().0.get(i)
}

/// The bundled fonts, read, to ask whether any of them has a character.
struct Faces(Vec<ttf_parser::Face<'static>>);

impl Faces {
    /// The bundled fonts, read once for the process.
    fn read() -> &'static Faces {
        static FACES: std::sync::OnceLock<Faces> = std::sync::OnceLock::new();
        FACES.get_or_init(Faces::bundled)
    }

    fn bundled() -> Faces {
        Faces(
            FILES
                .iter()
                .filter_map(|data| ttf_parser::Face::parse(data, 0).ok())
                .collect(),
        )
    }

    /// Whether one of the fonts has a glyph for `c`.
    fn have(&self, c: char) -> bool {
        self.0.iter().any(|face| face.glyph_index(c).is_some())
    }
}

/// The map's SVG as the image renderer needs it: headers at their own widths
/// ([`own_widths`]) and right-to-left lines anchored at their end. The renderer
/// ignores `direction`, so a right-to-left line that a browser starts at the box's
/// right edge would run out of the box to the right: `text-anchor="end"` puts its
/// end there instead (in words of the image renderer, whose paragraphs all run left
/// to right, the same place).
pub fn for_images(svg: &str) -> String {
    own_widths(svg).replace(
        r#" direction="rtl""#,
        r#" direction="rtl" text-anchor="end""#,
    )
}

/// The map's SVG with each box's header line drawn at its font's own width: without
/// the `textLength` that holds a reader's fallback font to Arial's widths. The bundled
/// Liberation Sans has Arial's widths already, and the image renderer stretches a line
/// that starts with a `tspan` (the verdict badge) across the box when it has one. The
/// other lines keep it: it holds a character no bundled font has (drawn as a
/// [`PLACEHOLDER`], wider than many letters) inside the box.
pub fn own_widths(svg: &str) -> String {
    const HEAD: &str = "<text class=\"head\" ";
    const LENGTH: &str = " textLength=\"";
    const ADJUST: &str = " lengthAdjust=\"spacingAndGlyphs\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(HEAD) {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        out.push_str(&rest[..i]);
        match tag.find(LENGTH) {
            Some(at) => {
                let after = &tag[at + LENGTH.len()..];
                let value_end = after.find('"').map_or(after.len(), |e| e + 1);
                let tail = &after[value_end..];
                out.push_str(&tag[..at]);
                out.push_str(tail.strip_prefix(ADJUST).unwrap_or(tail));
            }
            None => out.push_str(tag),
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// The XML of an SVG document, before anything is laid out.
pub fn xml(svg: &str) -> Result<usvg::roxmltree::Document<'_>, RenderError> {
    usvg::roxmltree::Document::parse(svg)
        .map_err(|e| RenderError::Image(format!("cannot read the map's SVG: {e}")))
}

/// The SVG of `doc` with the bundled fonts, its text laid out and ready to draw.
pub fn tree(doc: &usvg::roxmltree::Document<'_>) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: Arc::new(database()),
        ..usvg::Options::default()
    };
    usvg::Tree::from_xmltree(doc, &options)
        .map_err(|e| RenderError::Image(format!("cannot read the map's SVG: {e}")))
}

/// Every glyph of the text in `tree`, with the family of its font (`None` for a
/// character no bundled font has, drawn as an empty box), its weight and its text.
pub fn glyphs(tree: &usvg::Tree) -> Vec<(Option<String>, u16, String)> {
    fn walk(
        group: &usvg::Group,
        db: &fontdb::Database,
        out: &mut Vec<(Option<String>, u16, String)>,
    ) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, db, out),
                usvg::Node::Text(text) => {
                    for glyph in text.layouted().iter().flat_map(|s| &s.positioned_glyphs) {
                        let face = db.face(glyph.font);
                        let family = face
                            .and_then(|f| f.families.first())
                            .filter(|_| glyph.id.0 != 0)
                            .map(|(name, _)| name.clone());
                        let weight = face.map_or(0, |f| f.weight.0);
                        out.push((family, weight, glyph.text.clone()));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), tree.fontdb(), &mut out);
    out
}

/// The characters of `tree`'s text that no bundled font has, each once, in the order
/// they first appear: the layout gives each the font's empty box (see [`covered`]).
pub fn missing(tree: &usvg::Tree) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (family, _, text) in glyphs(tree) {
        if family.is_none() && !text.trim().is_empty() && !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The note for an image whose text has characters no bundled font has.
pub fn missing_note(missing: &[String]) -> Option<String> {
    const SHOWN: usize = 8;
    if missing.is_empty() {
        return None;
    }
    let mut shown: Vec<&str> = missing.iter().take(SHOWN).map(String::as_str).collect();
    if missing.len() > SHOWN {
        shown.push("…");
    }
    Some(format!(
        "{} of the map's text ({}) {} no glyph in the fonts bundled for PNG and PDF \
         (Latin, Greek, Cyrillic, symbols) and {} drawn as {PLACEHOLDER}; \
         --format svg and html use the reader's fonts",
        crate::diagnostic::plural(missing.len(), "character"),
        shown.join(" "),
        if missing.len() == 1 { "has" } else { "have" },
        if missing.len() == 1 { "is" } else { "are" },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generic_family_has_a_font_in_both_weights() {
        let db = database();
        assert_eq!(db.len(), 3);
        for family in [
            fontdb::Family::SansSerif,
            fontdb::Family::Serif,
            fontdb::Family::Monospace,
        ] {
            for weight in [fontdb::Weight::NORMAL, fontdb::Weight::BOLD] {
                let query = fontdb::Query {
                    families: &[family],
                    weight,
                    ..fontdb::Query::default()
                };
                let id = db.query(&query).expect("a bundled font");
                let face = db.face(id).expect("a face");
                assert_eq!(face.families[0].0, FAMILY);
                assert_eq!(face.weight, weight);
            }
        }
    }

    #[test]
    fn a_badge_comes_from_the_symbols_and_its_words_stay_in_liberation_sans() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">
            <text x="0" y="20" style="font-family: Helvetica, Arial, sans-serif; font-weight: 700">✓ STANDS · évidence</text>
            <text x="0" y="40">✗ plain</text></svg>"#;
        let glyphs = glyphs(&parse(svg).expect("parsed"));
        let bold = "✓ STANDS · évidence".chars().count();
        assert_eq!(glyphs.len(), bold + "✗ plain".chars().count());
        for (i, (family, weight, text)) in glyphs.iter().enumerate() {
            if text == "✓" || text == "✗" {
                assert_eq!(family.as_deref(), Some("Noto Sans Symbols2"));
            } else {
                assert_eq!(family.as_deref(), Some(FAMILY), "{text:?}");
                assert_eq!(*weight, if i < bold { 700 } else { 400 }, "{text:?}");
            }
        }
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">
            <text x="0" y="20">a中</text></svg>"#;
        let glyphs = glyphs(&parse(svg).expect("parsed"));
        let families: Vec<_> = glyphs.iter().map(|g| g.0.as_deref()).collect();
        assert_eq!(families, [Some(FAMILY), None]);
    }

    /// The header line keeps its font's own width, with its verdict badge; the other
    /// lines keep the length they are held to.
    #[test]
    fn only_the_header_loses_its_length() {
        let svg = concat!(
            r#"<text class="head" x="1" y="2" textLength="41.6" lengthAdjust="spacingAndGlyphs">"#,
            r#"<tspan class="verdict-badge">? OPEN</tspan> · THESIS · t</text>"#,
            r#"<text class="body" x="1" y="3" textLength="9" lengthAdjust="spacingAndGlyphs">a</text>"#,
            r#"<text class="head">no length</text>"#,
        );
        assert_eq!(
            own_widths(svg),
            concat!(
                r#"<text class="head" x="1" y="2"><tspan class="verdict-badge">? OPEN</tspan> · THESIS · t</text>"#,
                r#"<text class="body" x="1" y="3" textLength="9" lengthAdjust="spacingAndGlyphs">a</text>"#,
                r#"<text class="head">no length</text>"#,
            )
        );
    }
}
