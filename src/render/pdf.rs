//! The map as a PDF: its SVG converted by svg2pdf, vector shapes and real (searchable,
//! selectable) text in the bundled fonts of [`super::fonts`], embedded as subsets. A
//! map of several debates has a page for each (see [`super::model::RenderModel::parts`]),
//! each titled in the document outline (the viewer's bookmarks) by its thesis, as the
//! HTML page has a tab for each; one debate is one page. A page is the size of its
//! SVG at 96 pixels to the inch, as a browser prints it (a 1,200-pixel map is 12.5
//! inches wide).
//!
//! The same map gives the same bytes on every run: svg2pdf writes the objects of its
//! fonts in the order of a hash map, so its objects are numbered again here in the
//! order they are reached from the drawing, and written in that order.
//!
//! Phase: render.

use std::collections::HashMap;

use pdf_writer::types::PageMode;
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Content, Name, Rect, Ref, TextStr};
use svg2pdf::ConversionOptions;

use super::RenderError;
use super::fonts;

/// SVG pixels to the inch on the page.
pub const DPI: f32 = 96.0;

/// The objects of the document; the pages and their drawings follow them.
const CATALOG: Ref = Ref::new(1);
const PAGES: Ref = Ref::new(2);
const INFO: Ref = Ref::new(3);
const OUTLINE: Ref = Ref::new(4);

/// One page to draw: the standalone SVG of a map, and its title in the outline.
pub struct Page {
    /// The SVG, as `--format svg` writes it.
    pub svg: String,
    /// The page's entry in the outline (used when there are several pages).
    pub title: String,
}

/// The largest side of a page, in units (1/72 inch unless the page sets UserUnit).
const MAX_PAGE_UNITS: f32 = 14_400.0;

/// Converts `pages` (at least one) to a PDF document titled `title`; the fonts that no
/// bundled font covers are in the second value.
pub fn render(pages: &[Page], title: Option<&str>) -> Result<(Vec<u8>, Vec<String>), RenderError> {
    let outlined = pages.len() > 1;
    let mut missing = Vec::new();
    let mut head = Chunk::new();
    let mut objects: Vec<(i32, Vec<u8>)> = Vec::new();
    // Each page: its page object, its content and (outlined) its outline item, then
    // the objects of its drawing.
    let mut next = if outlined {
        OUTLINE.get() + 1
    } else {
        INFO.get() + 1
    };
    let mut page_refs = Vec::with_capacity(pages.len());
    let mut items = Vec::with_capacity(pages.len());
    for page in pages {
        let svg = fonts::for_images(&page.svg);
        let (tree, lacking) = fonts::covered(&svg, &fonts::xml(&svg)?)?;
        for font in lacking {
            if !missing.contains(&font) {
                missing.push(font);
            }
        }
        let (drawing, root) = svg2pdf::to_chunk(&tree, ConversionOptions::default())
            .map_err(|e| RenderError::Image(format!("cannot make the PDF: {e}")))?;
        let (w, h) = (
            tree.size().width() * 72.0 / DPI,
            tree.size().height() * 72.0 / DPI,
        );
        // A page side is at most 14,400 units in the readers that keep to the PDF
        // reference's limits (Acrobat among them): a larger map (a long chain is tens of
        // thousands of points tall) is written in larger units (UserUnit, PDF 1.6), the
        // same size on paper.
        let unit = (w.max(h) / MAX_PAGE_UNITS).ceil().max(1.0);
        let (w, h) = (w / unit, h / unit);
        let (page_ref, content_ref) = (Ref::new(next), Ref::new(next + 1));
        let item = outlined.then(|| Ref::new(next + 2));
        let first = next + 2 + i32::from(outlined);
        let mut chunk = Chunk::new();
        let mut content = Content::new();
        content.save_state();
        // The drawing is one point square: scaled to the page.
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]);
        content.x_object(Name(b"M"));
        content.restore_state();
        chunk.stream(content_ref, &content.finish());
        {
            let mut p = chunk.page(page_ref);
            p.media_box(Rect::new(0.0, 0.0, w, h));
            if unit > 1.0 {
                p.user_unit(unit);
            }
            p.parent(PAGES);
            p.contents(content_ref);
            p.resources().x_objects().pair(Name(b"M"), Ref::new(first));
        }
        objects.extend(own(&chunk));
        let drawing = canonical(&split(&drawing), root.get(), first);
        next = first + i32::try_from(drawing.len()).unwrap_or(i32::MAX);
        objects.extend(drawing);
        page_refs.push(page_ref);
        items.extend(item.map(|item| (item, page_ref, page.title.as_str())));
    }
    {
        let mut catalog = head.indirect(CATALOG).start::<Catalog>();
        catalog.pages(PAGES);
        if outlined {
            catalog.outlines(OUTLINE).page_mode(PageMode::UseOutlines);
        }
    }
    head.pages(PAGES)
        .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX))
        .kids(page_refs.iter().copied());
    {
        let mut info = head.indirect(INFO).start::<DocumentInfo>();
        info.producer(TextStr("crux"));
        if let Some(title) = title {
            info.title(TextStr(title));
        }
    }
    if let (Some(&(first, ..)), Some(&(last, ..))) = (items.first(), items.last()) {
        head.outline(OUTLINE)
            .first(first)
            .last(last)
            .count(i32::try_from(items.len()).unwrap_or(i32::MAX));
        for (k, &(item, page, title)) in items.iter().enumerate() {
            let mut entry = head.outline_item(item);
            entry.title(TextStr(title)).parent(OUTLINE);
            if let Some(&(prev, ..)) = k.checked_sub(1).and_then(|k| items.get(k)) {
                entry.prev(prev);
            }
            if let Some(&(next, ..)) = items.get(k + 1) {
                entry.next(next);
            }
            entry.dest().page(page).fit();
        }
    }
    objects.extend(own(&head));
    objects.sort_by_key(|&(id, _)| id);
    Ok((write(&objects), missing))
}

/// The objects of `chunk`, each with its number, as owned bytes.
fn own(chunk: &Chunk) -> Vec<(i32, Vec<u8>)> {
    split(chunk)
        .into_iter()
        .map(|(id, bytes)| (id, bytes.to_vec()))
        .collect()
}

/// The objects of the drawing numbered from `first` in the order a walk from
/// `root` reaches them (each object's references in the order they are written in it),
/// the entries of its resource dictionaries sorted by name: neither then depends on
/// the order svg2pdf wrote them in.
fn canonical(objects: &[(i32, &[u8])], root: i32, first: i32) -> Vec<(i32, Vec<u8>)> {
    let objects: Vec<(i32, Vec<u8>)> = objects
        .iter()
        .map(|&(id, bytes)| (id, sort_resources(bytes)))
        .collect();
    let refers: HashMap<i32, Vec<i32>> = objects
        .iter()
        .map(|(id, bytes)| (*id, refs(dict(bytes)).map(|(_, _, r)| r).collect()))
        .collect();
    let mut order: HashMap<i32, i32> = HashMap::new();
    let mut next = first;
    let mut queue = std::collections::VecDeque::from([root]);
    while let Some(r) = queue.pop_front() {
        if order.contains_key(&r) || !refers.contains_key(&r) {
            continue;
        }
        order.insert(r, next);
        next += 1;
        queue.extend(refers[&r].iter().copied());
    }
    // Objects nothing refers to (svg2pdf writes none) follow in their order.
    for (id, _) in &objects {
        if !order.contains_key(id) {
            order.insert(*id, next);
            next += 1;
        }
    }
    objects
        .into_iter()
        .map(|(id, bytes)| {
            let new = order[&id];
            let head = dict(&bytes);
            let mut out = format!("{new} 0 obj\n").into_bytes();
            let body = memchr::memmem::find(head, b" obj\n").map_or(0, |at| at + 5);
            let mut written = body;
            for (start, end, r) in refs(head) {
                if start < body {
                    continue;
                }
                out.extend_from_slice(&bytes[written..start]);
                out.extend(format!("{} 0 R", order.get(&r).copied().unwrap_or(r)).bytes());
                written = end;
            }
            out.extend_from_slice(&bytes[written..]);
            (new, out)
        })
        .collect()
}

/// An object's text before its stream (all of it when it has none).
fn dict(object: &[u8]) -> &[u8] {
    let end = memchr::memmem::find(object, b"\nstream\n").unwrap_or(object.len());
    &object[..end]
}

/// The indirect references (`12 0 R`) in `text`: where each starts and ends, and its
/// number.
fn refs(text: &[u8]) -> impl Iterator<Item = (usize, usize, i32)> + '_ {
    memchr::memmem::find_iter(text, b" 0 R").filter_map(move |at| {
        let end = at + 4;
        let delimited =
            |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b"[]<>/()".contains(b));
        if !delimited(text.get(end)) {
            return None;
        }
        let start = text[..at]
            .iter()
            .rposition(|b| !b.is_ascii_digit())
            .map_or(0, |p| p + 1);
        if start == at || (start > 0 && !delimited(text.get(start - 1))) {
            return None;
        }
        let number = std::str::from_utf8(&text[start..at]).ok()?.parse().ok()?;
        Some((start, end, number))
    })
}

/// `object` with the entries of its resource dictionaries (`/Font <<` … `>>`, one
/// entry a line as pdf-writer writes them) sorted by name.
fn sort_resources(object: &[u8]) -> Vec<u8> {
    let head = dict(object);
    let lines: Vec<&[u8]> = head.split(|&b| b == b'\n').collect();
    let mut out: Vec<&[u8]> = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k];
        out.push(line);
        k += 1;
        let trimmed = line.trim_ascii_start();
        let resource = [
            &b"/Font <<"[..],
            b"/XObject <<",
            b"/ExtGState <<",
            b"/Pattern <<",
            b"/Shading <<",
            b"/ColorSpace <<",
        ]
        .contains(&trimmed);
        if !resource {
            continue;
        }
        let Some(close) = lines[k..].iter().position(|l| l.trim_ascii() == b">>") else {
            continue;
        };
        let mut entries = lines[k..k + close].to_vec();
        if entries
            .iter()
            .all(|l| !l.windows(2).any(|w| w == b"<<" || w == b">>"))
        {
            entries.sort();
            out.extend(entries);
            k += close;
        }
    }
    let mut bytes = out.join(&b'\n');
    bytes.extend_from_slice(&object[head.len()..]);
    bytes
}

/// The objects of a chunk written by pdf-writer (`N 0 obj` … `endobj`), each with its
/// number.
fn split(chunk: &Chunk) -> Vec<(i32, &[u8])> {
    let bytes = chunk.as_bytes();
    let ids: Vec<i32> = chunk.refs().map(Ref::get).collect();
    let mut out = Vec::with_capacity(ids.len());
    let mut start = 0;
    for (k, &id) in ids.iter().enumerate() {
        let end = match ids.get(k + 1) {
            Some(next) => {
                let header = format!("\nendobj\n\n{next} 0 obj\n");
                let from = start + format!("{id} 0 obj\n").len();
                memchr::memmem::find(&bytes[from..], header.as_bytes())
                    .map_or(bytes.len(), |at| from + at + "\nendobj\n\n".len())
            }
            None => bytes.len(),
        };
        out.push((id, &bytes[start..end]));
        start = end;
    }
    out
}

/// The PDF file of `objects` (numbered 1, 2, … without gaps, in order), its catalog
/// and document information the page's.
fn write(objects: &[(i32, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (_, bytes) in objects {
        offsets.push(out.len());
        out.extend_from_slice(bytes);
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n\r\n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<<\n  /Size {}\n  /Root {} 0 R\n  /Info {} 0 R\n>>\nstartxref\n{xref}\n%%EOF",
            objects.len() + 1,
            CATALOG.get(),
            INFO.get()
        )
        .bytes(),
    );
    out
}
