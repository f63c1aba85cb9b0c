//! The HTML renderer: one self-contained page with the map (pan and zoom, one debate,
//! a connected part of the model, at a time, collapse and focus), the card of the
//! selected node beside it, the cards of the nodes below, the check results, a legend
//! and search, from the tera templates in `templates/` (embedded in the binary, as
//! mdBook embeds its own; a directory given with `--templates` overrides them file by
//! file).
//!
//! **The map is stored once, as data.** The page holds the laid-out graph as compact
//! tables in a `<script type="application/json">` block ([`MapData`]: per node its
//! box, wrapped lines, kind, verdict and strength; per relation its route), and the
//! page's script draws, as SVG, only what is in view, with level of detail: text when
//! it is large enough to read, boxes alone below that, and the whole debate as a few
//! paths when thousands of boxes are in view. The cards are written out as HTML up to
//! [`CARD_LIMIT`] nodes (they print, and search reads them); above it the same data
//! carries what a card says and the script builds cards when they are asked for (the
//! side card, the matches of a search).
//!
//! Phase: render. Takes the laid-out [`Map`]; never source text or the syntax tree.
//!
//! Safety: every user string reaches the markup through tera's autoescaping (on for
//! every `*.tera` template) with [`super::markup::escape`], so no character a document
//! may not hold gets through; the map data is JSON whose `<`, `>` and `&` are written
//! as `\u003c`, `\u003e` and `\u0026`, so nothing in it can end its `<script>` block,
//! and the script puts its strings into the page only as text and attribute values
//! (never as markup); links are emitted only for `http(s)`, `mailto` and scheme-less
//! relative URLs; the Content-Security-Policy allows no network request at all and only
//! the page's own script, by its sha256.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::map::Map;
use super::model::{
    ArtifactView, CsvPreview, EdgeView, NodeKind, NodeView, RenderModel, Severity, Verdict,
};
use crate::model::link::safe_url;
use crate::text::{STRENGTH_DECIMALS, number, reflow, shorten};

/// The embedded templates, by name. `page.html.tera` is the entry point.
const TEMPLATES: [(&str, &str); 3] = [
    (
        "page.html.tera",
        include_str!("../../templates/page.html.tera"),
    ),
    (
        "card.html.tera",
        include_str!("../../templates/card.html.tera"),
    ),
    (
        "chart.html.tera",
        include_str!("../../templates/chart.html.tera"),
    ),
];

/// The page's style sheet and script, inlined by the template.
const STYLE: &str = include_str!("../../templates/style.css");
const SCRIPT: &str = include_str!("../../templates/script.js");

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// A file of the template directory could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A file of the template directory is not UTF-8.
    #[error(
        "{}:{line}:{column}: {}",
        path.display(),
        crate::project::not_utf8(*utf16, Some("a template must be UTF-8"))
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte.
        line: usize,
        /// Column (in characters) of the first invalid byte.
        column: usize,
        /// Whether the file looks like UTF-16.
        utf16: bool,
    },
    /// A file of the template directory could not be read, in words that name it.
    #[error("{0}")]
    Input(String),
    /// The template directory has no `page.html.tera`.
    #[error("{}: no page.html.tera in the template directory", dir.display())]
    MissingPage {
        /// The directory given.
        dir: PathBuf,
    },
    /// A template does not parse or fails to render; the message names the template
    /// and, where tera knows it, the line.
    #[error("template error{}: {message}", dir.as_ref().map(|d| format!(" in {}", d.display())).unwrap_or_default())]
    Template {
        /// The template directory, when the templates came from one.
        dir: Option<PathBuf>,
        /// tera's report.
        message: String,
    },
}

/// Debates of at most this many nodes have every card written out in the page; above
/// it the script builds a card when it is shown (the page stays small and opens fast).
pub const CARD_LIMIT: usize = 500;

/// Renders the page of a laid-out map; `templates` is an optional directory whose
/// `*.tera`, `style.css` and `script.js` replace the embedded ones of the same name.
pub fn render(map: &Map, templates: Option<&Path>) -> Result<String, HtmlError> {
    render_with(map, templates, None)
}

/// Renders the page as [`render`] does, with `live` (the live-reload script of
/// `crux serve`) run after the page's own script, and a policy that lets it connect
/// back to the server that sent the page, and nowhere else.
pub fn render_live(map: &Map, templates: Option<&Path>, live: &str) -> Result<String, HtmlError> {
    render_with(map, templates, Some(live))
}

fn render_with(
    map: &Map,
    templates: Option<&Path>,
    live: Option<&str>,
) -> Result<String, HtmlError> {
    let mut files: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let (mut style, mut script) = (STYLE.to_string(), unindented(SCRIPT));
    if let Some(dir) = templates {
        override_from(dir, &mut files, &mut style, &mut script)?;
    }
    let error = |e| template_error(e, templates);
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(error)?;
    // Escape everything, whatever the template's name says, as the SVG map is escaped.
    tera.autoescape_on([".tera"]);
    tera.set_escape_fn(super::markup::write_escaped);
    if let Some(live) = live {
        script = format!("{script}\n{live}");
    }
    let mut page = Page::new(map, style, &script);
    if live.is_some() {
        page.csp.push_str("; connect-src 'self'");
    }
    let context = tera::Context::from_serialize(&page).map_err(error)?;
    tera.render("page.html.tera", &context).map_err(error)
}

/// The built-in script as the page carries it: each line without its indentation,
/// which is about an eighth of its size. The script holds no string that runs over a
/// line, so nothing else changes.
fn unindented(script: &str) -> String {
    script
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces the embedded files by those found in `dir`.
fn override_from(
    dir: &Path,
    files: &mut Vec<(String, String)>,
    style: &mut String,
    script: &mut String,
) -> Result<(), HtmlError> {
    // Read as every input is: within the size limit, never a pipe or a device, and
    // text that is not UTF-8 placed by line and column.
    let read = |path: PathBuf| match crate::project::read(&path) {
        Ok(source) => Ok(source.text),
        Err(crate::project::LoadError::NotUtf8 {
            line,
            column,
            utf16,
            ..
        }) => Err(HtmlError::NotUtf8 {
            path,
            line,
            column,
            utf16,
        }),
        Err(e) => Err(HtmlError::Input(e.to_string())),
    };
    let entries = std::fs::read_dir(dir).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => {
            HtmlError::Input(format!("{}: no such folder (--templates)", dir.display()))
        }
        std::io::ErrorKind::NotADirectory => HtmlError::Input(format!(
            "{}: not a folder; --templates names the folder of the templates",
            dir.display()
        )),
        _ => HtmlError::Read {
            path: dir.to_path_buf(),
            source,
        },
    })?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    if !names.iter().any(|n| n == "page.html.tera") {
        return Err(HtmlError::MissingPage {
            dir: dir.to_path_buf(),
        });
    }
    for name in names {
        let path = dir.join(&name);
        if name == "style.css" {
            *style = read(path)?;
        } else if name == "script.js" {
            *script = read(path)?;
        } else if name.ends_with(".tera") {
            let text = read(path)?;
            match files.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => files.push((name, text)),
            }
        }
    }
    Ok(())
}

/// tera's report, with the causes it chains.
fn template_error(e: tera::Error, dir: Option<&Path>) -> HtmlError {
    let report = e.to_string();
    let mut message = report
        .strip_prefix("error: ")
        .unwrap_or(&report)
        .to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    HtmlError::Template {
        dir: dir.map(Path::to_path_buf),
        message,
    }
}

/// What the template sees.
#[derive(Serialize)]
struct Page<'a> {
    title: String,
    description: Option<&'a str>,
    authors: &'a [String],
    generator: String,
    counts: Counts,
    converged: bool,
    /// Whether the map has anything to draw.
    map: bool,
    /// The map's width and height, in map units.
    width: String,
    height: String,
    /// The map data ([`MapData`]) as JSON, safe inside a `<script>` block.
    data: String,
    /// Whether the cards are written out (else the script builds them).
    cards_written: bool,
    kinds: Vec<KindCount>,
    verdicts: Vec<VerdictCount>,
    tags: Vec<&'a str>,
    /// The debates (connected parts) of the map; the page shows one at a time when
    /// there are several.
    parts: Vec<PartView<'a>>,
    /// How many of the parts have a thesis: the debates the headline counts (nodes
    /// without one are a part, not a debate).
    debates: usize,
    cards: Vec<Card<'a>>,
    /// The first [`CHECKS_SHOWN`] check results, written out as table rows.
    diagnostics: Vec<Finding<'a>>,
    /// How many check results there are in all.
    diagnostics_total: usize,
    /// The rest as JSON ([`MoreFindings`]), safe inside a `<script>` block, which the
    /// script turns into rows on "Show all"; empty when there is no rest.
    diagnostics_more: String,
    style: String,
    script: &'a str,
    csp: String,
}

#[derive(Serialize)]
struct Counts {
    nodes: usize,
    edges: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct VerdictCount {
    verdict: &'static str,
    glyph: &'static str,
    count: usize,
}

/// One debate of the map (a connected part), as the switch offers it.
#[derive(Serialize)]
struct PartView<'a> {
    /// The part's thesis, if it has one.
    thesis: Option<&'a str>,
    /// What the switch says: the thesis's text, shortened.
    label: String,
    /// The thesis's whole text, or what the part is.
    title: String,
    /// How many nodes it holds.
    nodes: usize,
}

/// The longest label of a debate in the switch, in characters.
const PART_LABEL: usize = 60;

/// A piece of the why sentence: text, or a node ID (written in backticks) to link.
#[derive(Serialize)]
struct WhyPart<'a> {
    text: &'a str,
    /// Whether it is an ID.
    id: bool,
    /// Whether the ID has a card to link to.
    link: bool,
}

#[derive(Serialize)]
struct Card<'a> {
    id: &'a str,
    /// The index of the debate (connected part) it belongs to.
    part: usize,
    kind: &'static str,
    text: String,
    by: Option<&'a str>,
    tags: &'a [String],
    tags_json: String,
    note: Option<String>,
    credence: String,
    strength: String,
    /// Strength in percent, for the bar.
    bar: String,
    /// `stands`, `falls` or `open`.
    verdict: &'static str,
    /// `✓`, `✗` or `?`.
    glyph: &'static str,
    /// Why, after "VERDICT: ", with the IDs it names apart.
    why: Vec<WhyPart<'a>>,
    /// The proof standard applied.
    standard: &'static str,
    label: String,
    status: Option<&'static str>,
    location: &'a str,
    incoming: Vec<Relation<'a>>,
    outgoing: Vec<Relation<'a>>,
    sources: Vec<Source<'a>>,
    artifacts: Vec<Artifact<'a>>,
    expectations: Vec<Expectation<'a>>,
}

/// An `expect` on a card: `✓` holds, `✗` fails, `?` not evaluated, with the values
/// that decided it.
#[derive(Serialize)]
struct Expectation<'a> {
    glyph: &'static str,
    /// `holds`, `fails` or `unknown`, for the style.
    class: &'static str,
    text: &'a str,
    because: &'a str,
}

impl<'a> Expectation<'a> {
    fn new(e: &'a super::model::ExpectationView) -> Self {
        let (glyph, class) = match e.holds {
            Some(true) => ("✓", "holds"),
            Some(false) => ("✗", "fails"),
            None => ("?", "unknown"),
        };
        Expectation {
            glyph,
            class,
            text: &e.text,
            because: &e.because,
        }
    }
}

/// A relation seen from one end; `other` is the node at the other end.
#[derive(Serialize)]
struct Relation<'a> {
    edge: &'a str,
    relation: &'static str,
    other: &'a str,
    weight: String,
    /// For an undercut: the inference `from → to` it attacks.
    inference: Option<(&'a str, &'a str)>,
    /// The undercutters of this relation's inference.
    undercut_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct Source<'a> {
    text: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct Artifact<'a> {
    path: &'a str,
    href: Option<String>,
    title: Option<&'a str>,
    kind: Option<&'static str>,
    sha256: Option<&'a str>,
    /// The check's finding about the file (changed since it was pinned, or missing),
    /// in parts, each `(is code, text)`.
    problem: Option<Vec<(bool, String)>>,
    table: Option<Table<'a>>,
    chart: Option<Chart>,
    /// The card that shows this artifact's preview, when it is another one.
    shown_in: Option<&'a str>,
}

#[derive(Serialize)]
struct Table<'a> {
    header: &'a [String],
    rows: &'a [Vec<String>],
    total_rows: usize,
    more: bool,
    /// Whether the table is shown open.
    open: bool,
}

/// Tables with at most this many characters in their cells are shown open.
const OPEN_TABLE_CHARS: usize = 400;

/// The check results the page writes out as rows; the others wait for "Show all".
const CHECKS_SHOWN: usize = 100;

/// Check results past the first [`CHECKS_SHOWN`], as tables: each rule (code and name)
/// and each file once, then one row per result: severity (0 error, 1 warning, 2 info),
/// rule, message, file, `line:column`, and the node's ID (or an empty string).
#[derive(Serialize)]
struct MoreFindings<'a> {
    rules: Vec<(&'static str, &'static str)>,
    files: Vec<&'a str>,
    rows: Vec<(u8, usize, &'a str, usize, String, &'a str)>,
}

impl<'a> MoreFindings<'a> {
    fn new(diagnostics: &'a [super::model::DiagnosticView]) -> Self {
        let mut rules: Vec<(&'static str, &'static str)> = Vec::new();
        let mut rule_of: HashMap<&'static str, usize> = HashMap::new();
        let mut files: Vec<&str> = Vec::new();
        let mut file_of: HashMap<&str, usize> = HashMap::new();
        let rows = diagnostics
            .iter()
            .map(|d| {
                let rule = *rule_of.entry(d.code).or_insert_with(|| {
                    rules.push((d.code, d.name));
                    rules.len() - 1
                });
                let file = *file_of.entry(d.file.as_str()).or_insert_with(|| {
                    files.push(d.file.as_str());
                    files.len() - 1
                });
                let severity = match d.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    _ => 2,
                };
                let at = format!("{}:{}", d.line, d.column);
                (
                    severity,
                    rule,
                    d.message.as_str(),
                    file,
                    at,
                    d.node.as_deref().unwrap_or(""),
                )
            })
            .collect();
        MoreFindings { rules, files, rows }
    }
}

#[derive(Serialize)]
struct Finding<'a> {
    severity: &'static str,
    code: &'static str,
    name: &'static str,
    message: &'a str,
    location: String,
    node: Option<&'a str>,
}

impl<'a> Page<'a> {
    fn new(map: &'a Map, style: String, script: &'a str) -> Self {
        let model = &map.model;
        let count = |s: Severity| model.diagnostics.iter().filter(|d| d.severity == s).count();
        let kinds = [
            NodeKind::Thesis,
            NodeKind::Claim,
            NodeKind::Counter,
            NodeKind::Evidence,
        ]
        .into_iter()
        .map(|kind| KindCount {
            kind: kind.keyword(),
            count: model.nodes.iter().filter(|n| n.kind == kind).count(),
        })
        .filter(|k| k.count > 0)
        .collect();
        let verdicts = [Verdict::Stands, Verdict::Falls, Verdict::Open]
            .into_iter()
            .map(|verdict| VerdictCount {
                verdict: verdict.word(),
                glyph: super::map::glyph(verdict),
                count: model.nodes.iter().filter(|n| n.verdict == verdict).count(),
            })
            .filter(|v| v.count > 0)
            .collect();
        let mut tags: Vec<&str> = model
            .nodes
            .iter()
            .flat_map(|n| n.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let diagnostics_total = model.diagnostics.len();
        let diagnostics_more = match model.diagnostics.get(CHECKS_SHOWN..) {
            Some(rest) if !rest.is_empty() => script_json(&MoreFindings::new(rest)),
            _ => String::new(),
        };
        let findings = model
            .diagnostics
            .iter()
            .take(CHECKS_SHOWN)
            .map(|d| Finding {
                severity: d.severity.as_str(),
                code: d.code,
                name: d.name,
                message: &d.message,
                location: format!("{}:{}:{}", d.file, d.line, d.column),
                node: d.node.as_deref(),
            })
            .collect();
        let cards_written = model.nodes.len() <= CARD_LIMIT;
        let parts = model.parts();
        let mut part_of = vec![0; model.nodes.len()];
        for (p, part) in parts.iter().enumerate() {
            for &i in &part.nodes {
                part_of[i] = p;
            }
        }
        let part_views: Vec<PartView<'_>> = parts
            .iter()
            .map(|p| {
                let title = p.title(model);
                PartView {
                    thesis: p.thesis.map(|i| model.nodes[i].id.as_str()),
                    label: shorten(&title, PART_LABEL),
                    title,
                    nodes: p.nodes.len(),
                }
            })
            .collect();
        Page {
            title: model.title.clone().unwrap_or_else(|| "Debate map".into()),
            description: model.description.as_deref(),
            authors: &model.authors,
            generator: format!("crux {}", env!("CARGO_PKG_VERSION")),
            counts: Counts {
                nodes: model.nodes.len(),
                edges: model.edges.len(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            },
            converged: model.strengths_converged,
            map: !model.nodes.is_empty(),
            width: rounded(map.layout.width.max(1.0)).to_string(),
            height: rounded(map.layout.height.max(1.0)).to_string(),
            data: script_json(&MapData::new(map, &part_of, !cards_written)),
            cards_written,
            kinds,
            verdicts,
            tags,
            debates: part_views.iter().filter(|p| p.thesis.is_some()).count(),
            parts: part_views,
            cards: if !cards_written {
                Vec::new()
            } else {
                let mut undercutters = vec![Vec::new(); model.edges.len()];
                for e in &model.edges {
                    if let Some(slot) = e.undercuts.and_then(|i| undercutters.get_mut(i)) {
                        slot.push(e.source.as_str());
                    }
                }
                let mut previewed = HashMap::new();
                model
                    .nodes
                    .iter()
                    .zip(&part_of)
                    .map(|(n, &part)| card(model, n, part, &undercutters, &mut previewed))
                    .collect()
            },
            diagnostics: findings,
            diagnostics_total,
            diagnostics_more,
            csp: csp(script),
            style,
            script,
        }
    }
}

/// The policy: nothing may be fetched; only this script runs.
pub(crate) fn csp(script: &str) -> String {
    let hash = base64(&Sha256::digest(script.as_bytes()));
    format!(
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
         script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
    )
}

/// A coordinate rounded to a tenth of a map unit (what the SVG export writes too).
fn rounded(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A number in the map data, written as short as it reads: `562`, not `562.0`.
#[derive(Clone, Copy)]
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// A route as the data holds it: its first point, then each next point as the step
/// from the one before, all in whole map units (a route is a line between boxes;
/// half a unit is less than a pixel at any legible zoom), written as [`varints`].
fn route(points: &[super::layout::Point]) -> String {
    let mut numbers = Vec::with_capacity(points.len() * 2);
    let (mut x0, mut y0) = (0, 0);
    for p in points {
        let (x, y) = (p.x.round() as i64, p.y.round() as i64);
        numbers.extend([x - x0, y - y0]);
        (x0, y0) = (x, y);
    }
    varints(&numbers)
}

/// The 64 characters of [`varints`], none of which JSON or HTML escapes.
const VARINT_DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Whole numbers as text, about half as long as in JSON: each number zigzag-coded
/// (0, -1, 1, -2… become 0, 1, 2, 3…) and written five bits a character, the lowest
/// first, as a digit of [`VARINT_DIGITS`] with 32 added while more bits follow.
fn varints(numbers: &[i64]) -> String {
    let mut out = String::with_capacity(numbers.len() * 2);
    for &n in numbers {
        let mut z = ((n << 1) ^ (n >> 63)) as u64;
        loop {
            let low = (z & 31) as usize;
            z >>= 5;
            let digit = if z > 0 { low | 32 } else { low };
            out.push(char::from(VARINT_DIGITS[digit]));
            if z == 0 {
                break;
            }
        }
    }
    out
}

/// JSON that may stand inside a `<script>` block: `<`, `>` and `&` (which can only
/// occur inside its strings) are written as escapes, so that no `</script>` or `<!--`
/// can appear in it, and characters no document may hold become U+FFFD.
fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // What no document may hold becomes U+FFFD, as in the markup.
            c if !super::markup::allowed(c) => out.push(super::markup::REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// The laid-out map as the page's script reads it: tables with one entry per node and
/// per relation (columns, not one object per node, to stay small), in model order.
/// Codes: kind 0 thesis, 1 claim, 2 counter, 3 evidence; verdict 0 stands, 1 falls,
/// 2 open; grounded label 0 IN, 1 OUT, 2 UNDEC; relation 0 supports, 1 attacks,
/// 2 contradicts, 3 undercuts.
#[derive(Serialize)]
struct MapData<'a> {
    /// Node IDs.
    id: Vec<&'a str>,
    kind: Vec<u8>,
    verdict: Vec<u8>,
    label: Vec<u8>,
    /// DF-QuAD strength, rounded as every output writes it ([`crate::text::round`]).
    strength: Vec<Num>,
    /// The debate (connected part) of each node.
    part: Vec<usize>,
    /// Boxes, four numbers a node: x, y, width, height.
    boxes: Vec<Num>,
    /// The header lines of the boxes whose header is not the one line
    /// `✓ STANDS · CLAIM · ID` (a long ID wraps it): `[node, lines]`.
    heads: Vec<(usize, &'a [String])>,
    /// The statement's lines in each box.
    lines: Vec<Vec<&'a str>>,
    /// The first source URL of a node, where it has one: `[node, url]`.
    links: Vec<(usize, String)>,
    /// The nodes whose own data refutes them (an `expect` that fails): their box says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    refuted: Vec<usize>,
    /// The lines written right to left ([`super::map::NodeText::rtl`]): `[node, [line,
    /// …]]` for each node that has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rtl: Vec<(usize, Vec<usize>)>,
    /// Relations: source node, target node, undercut relation (or -1), relation code,
    /// weight.
    source: Vec<usize>,
    target: Vec<usize>,
    undercuts: Vec<i64>,
    relation: Vec<u8>,
    weight: Vec<Num>,
    /// Each relation's route: `x0, y0, dx1, dy1, dx2, dy2, …`, the first point and
    /// then the steps to the next ones, as [`varints`] (see [`route`]).
    routes: Vec<String>,
    /// Each relation's weight label: `[x, y, width, height]`, or empty.
    weights: Vec<Vec<Num>>,
    /// What the cards say, when they are not written out.
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<Vec<CardData<'a>>>,
    /// The files the cards' locations name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<&'a str>,
}

/// What a card says beyond the map data, for a card the script builds.
#[derive(Serialize)]
struct CardData<'a> {
    /// The statement, left out when it reads as the box's lines joined by spaces
    /// (the text is then stored once, in [`MapData::lines`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// The why sentence after "VERDICT: ".
    why: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    credence: String,
    /// The proof standard; left out when it is `preponderance`.
    #[serde(skip_serializing_if = "is_preponderance")]
    standard: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// Where it is written: the index of its file in [`MapData::files`], and
    /// `line:column`.
    at: (usize, &'a str),
    /// `[text, url]`, the URL checked (or empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<(&'a str, String)>,
    /// `[path, href, problem]`: the href empty when the file is not linked, the problem
    /// ([`ArtifactView::problem`]) null when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    artifacts: Vec<(&'a str, String, Option<&'a str>)>,
    /// `[glyph, expression, deciding values]` of each `expect`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expectations: Vec<(&'static str, &'a str, &'a str)>,
}

impl<'a> MapData<'a> {
    fn new(map: &'a Map, part_of: &[usize], with_cards: bool) -> Self {
        let model = &map.model;
        let index: HashMap<&str, usize> = model
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let three = |x: f64| Num((x * 1000.0).round() / 1000.0);
        let mut boxes = Vec::with_capacity(model.nodes.len() * 4);
        for i in 0..model.nodes.len() {
            match map.layout.nodes.get(i) {
                Some(r) => boxes.extend([r.x, r.y, r.width, r.height].map(|v| Num(rounded(v)))),
                None => boxes.extend([Num(0.0); 4]),
            }
        }
        let text = |i: usize| map.texts.get(i);
        let mut files = HashMap::new();
        MapData {
            id: model.nodes.iter().map(|n| n.id.as_str()).collect(),
            kind: model
                .nodes
                .iter()
                .map(|n| match n.kind {
                    NodeKind::Thesis => 0,
                    NodeKind::Claim => 1,
                    NodeKind::Counter => 2,
                    NodeKind::Evidence => 3,
                })
                .collect(),
            verdict: model
                .nodes
                .iter()
                .map(|n| match n.verdict {
                    Verdict::Stands => 0,
                    Verdict::Falls => 1,
                    Verdict::Open => 2,
                })
                .collect(),
            label: model
                .nodes
                .iter()
                .map(|n| match n.label.to_string().as_str() {
                    "IN" => 0,
                    "OUT" => 1,
                    _ => 2,
                })
                .collect(),
            strength: model
                .nodes
                .iter()
                .map(|n| Num(crate::text::round(n.strength, STRENGTH_DECIMALS)))
                .collect(),
            part: part_of.to_vec(),
            boxes,
            heads: model
                .nodes
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    let t = text(i)?;
                    let one = format!(
                        "{} · {} · {}",
                        t.verdict,
                        n.kind.keyword().to_uppercase(),
                        n.id
                    );
                    (t.header.len() != 1 || t.header[0] != one).then_some((i, t.header.as_slice()))
                })
                .collect(),
            lines: (0..model.nodes.len())
                .map(|i| text(i).map(|t| t.lines.iter().map(String::as_str).collect()))
                .map(Option::unwrap_or_default)
                .collect(),
            links: model
                .nodes
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    let url = n.sources.iter().find_map(|s| s.url.as_deref());
                    url.and_then(safe_url).map(|u| (i, u))
                })
                .collect(),
            rtl: (0..model.nodes.len())
                .filter_map(|i| {
                    let lines = (text(i)?.rtl.iter().enumerate())
                        .filter_map(|(k, &rtl)| rtl.then_some(k))
                        .collect::<Vec<_>>();
                    (!lines.is_empty()).then_some((i, lines))
                })
                .collect(),
            refuted: (0..model.nodes.len())
                .filter(|&i| text(i).is_some_and(|t| t.footer.ends_with(super::map::REFUTED)))
                .collect(),
            source: model
                .edges
                .iter()
                .map(|e| index[e.source.as_str()])
                .collect(),
            target: model
                .edges
                .iter()
                .map(|e| index[e.target.as_str()])
                .collect(),
            undercuts: model
                .edges
                .iter()
                .map(|e| e.undercuts.map_or(-1, |u| u as i64))
                .collect(),
            relation: model
                .edges
                .iter()
                .map(|e| match e.relation.keyword() {
                    "supports" => 0,
                    "attacks" => 1,
                    "contradicts" => 2,
                    _ => 3,
                })
                .collect(),
            weight: model.edges.iter().map(|e| three(e.weight)).collect(),
            routes: (0..model.edges.len())
                .map(|i| {
                    map.layout
                        .edges
                        .get(i)
                        .map_or_else(String::new, |r| route(&r.points))
                })
                .collect(),
            weights: model
                .edges
                .iter()
                .enumerate()
                .map(
                    |(i, e)| match map.layout.edges.get(i).and_then(|r| r.label) {
                        Some(at) => {
                            let (w, h) = super::map::label_size(e.weight);
                            [rounded(at.x), rounded(at.y), w, h].map(Num).to_vec()
                        }
                        None => Vec::new(),
                    },
                )
                .collect(),
            cards: with_cards.then(|| {
                model
                    .nodes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let lines = text(i).map(|t| t.lines.as_slice()).unwrap_or_default();
                        card_data(n, lines, &mut files)
                    })
                    .collect()
            }),
            files: {
                let mut named: Vec<(&str, usize)> = files.into_iter().collect();
                named.sort_by_key(|&(_, i)| i);
                named.into_iter().map(|(f, _)| f).collect()
            },
        }
    }
}

fn is_preponderance(standard: &&str) -> bool {
    *standard == "preponderance"
}

/// `file:line:column` as the file and `line:column`.
fn split_location(location: &str) -> (&str, &str) {
    let mut colons = location.rmatch_indices(':').map(|(i, _)| i);
    match (colons.next(), colons.next()) {
        (Some(_), Some(at)) => (&location[..at], &location[at + 1..]),
        _ => (location, ""),
    }
}

/// What the script needs to build the card of `n`, whose box shows `lines`; `files`
/// numbers the files.
fn card_data<'a>(
    n: &'a NodeView,
    lines: &[String],
    files: &mut HashMap<&'a str, usize>,
) -> CardData<'a> {
    let prefix = format!("{}: ", n.verdict);
    let (file, line) = split_location(&n.location);
    let next = files.len();
    let file = *files.entry(file).or_insert(next);
    let text = reflow(&n.text);
    CardData {
        text: (text != lines.join(" ")).then_some(text),
        why: n.why.strip_prefix(&prefix).unwrap_or(&n.why),
        by: n.by.as_deref(),
        tags: &n.tags,
        note: n.note.as_deref().map(reflow),
        credence: number(n.credence),
        standard: n.standard.keyword(),
        status: n.status.map(|s| s.keyword()),
        at: (file, line),
        sources: n
            .sources
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.url.as_deref().and_then(safe_url).unwrap_or_default(),
                )
            })
            .collect(),
        artifacts: n
            .artifacts
            .iter()
            .map(|a| {
                let href = a.href.as_deref().filter(|h| relative_href(h));
                let href = href.map(|h| match h.starts_with("../") {
                    true => h.to_string(),
                    false => format!("./{h}"),
                });
                let problem = a.problem.as_deref();
                (a.path.as_str(), href.unwrap_or_default(), problem)
            })
            .collect(),
        expectations: n
            .expectations
            .iter()
            .map(|e| {
                let e = Expectation::new(e);
                (e.glyph, e.text, e.because)
            })
            .collect(),
    }
}

/// The why sentence of a node after its leading "VERDICT: ", split at backticks: the
/// IDs it names (written in backticks; an ID never holds one) become links to their
/// cards, when the map has them.
fn why_parts<'a>(model: &RenderModel, n: &'a NodeView) -> Vec<WhyPart<'a>> {
    let prefix = format!("{}: ", n.verdict);
    let rest = n.why.strip_prefix(&prefix).unwrap_or(&n.why);
    backquoted(rest)
        .map(|(id, text)| WhyPart {
            text,
            id,
            link: id && model.node_index(text).is_some(),
        })
        .collect()
}

/// A message's pieces between backquotes, each with whether it was backquoted (a name,
/// shown as code), empty pieces left out.
fn backquoted(message: &str) -> impl Iterator<Item = (bool, &str)> {
    (message.split('`').enumerate())
        .filter(|(_, text)| !text.is_empty())
        .map(|(k, text)| (k % 2 == 1, text))
}

/// The card of a node; `undercutters` lists, per edge, the nodes that undercut it.
fn card<'a>(
    model: &'a RenderModel,
    n: &'a NodeView,
    part: usize,
    undercutters: &[Vec<&'a str>],
    previewed: &mut HashMap<&'a str, &'a str>,
) -> Card<'a> {
    let relation = |i: usize, incoming: bool| {
        let e: &EdgeView = &model.edges[i];
        Relation {
            edge: &e.id,
            relation: e.relation.keyword(),
            other: if incoming { &e.source } else { &e.target },
            weight: number(e.weight),
            inference: model.inference(e),
            undercut_by: undercutters[i].clone(),
        }
    };
    Card {
        id: &n.id,
        part,
        kind: n.kind.keyword(),
        text: reflow(&n.text),
        by: n.by.as_deref(),
        tags: &n.tags,
        tags_json: serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into()),
        note: n.note.as_deref().map(reflow),
        credence: number(n.credence),
        strength: crate::text::strength(n.strength),
        bar: format!(
            "{:.1}",
            crate::text::round(n.strength, STRENGTH_DECIMALS).clamp(0.0, 1.0) * 100.0
        ),
        verdict: n.verdict.word(),
        glyph: super::map::glyph(n.verdict),
        why: why_parts(model, n),
        standard: n.standard.keyword(),
        label: n.label.to_string(),
        status: n.status.map(|s| s.keyword()),
        location: &n.location,
        incoming: n.incoming.iter().map(|&i| relation(i, true)).collect(),
        outgoing: n.outgoing.iter().map(|&i| relation(i, false)).collect(),
        sources: n
            .sources
            .iter()
            .map(|s| Source {
                text: &s.text,
                // Checked again here, so that no other scheme can become a link.
                url: s.url.as_deref().and_then(safe_url),
            })
            .collect(),
        artifacts: n
            .artifacts
            .iter()
            .map(|a| artifact(a, &n.id, previewed))
            .collect(),
        expectations: n.expectations.iter().map(Expectation::new).collect(),
    }
}

/// An artifact on the card of `node`. A CSV already previewed on an earlier card
/// (`previewed`: artifact link to card ID) is not previewed again: the card links to
/// the first one.
fn artifact<'a>(
    a: &'a ArtifactView,
    node: &'a str,
    previewed: &mut HashMap<&'a str, &'a str>,
) -> Artifact<'a> {
    // What the check found wrong with this very file: a reader of the card sees it
    // beside the data, not only in the table of check results.
    let problem = a.problem.as_deref().map(|message| {
        // In parts, every other one `code` (the message's backquoted names).
        let mut parts: Vec<(bool, String)> = backquoted(message)
            .map(|(code, part)| (code, part.to_string()))
            .collect();
        if let Some((false, first)) = parts.first_mut() {
            let mut chars = first.chars();
            if let Some(c) = chars.next() {
                *first = c.to_uppercase().chain(chars).collect();
            }
        }
        parts
    });
    let key = a.href.as_deref().filter(|_| a.preview.is_some());
    let shown_in = key.and_then(|k| match previewed.get(k) {
        Some(&first) if first != node => Some(first),
        Some(_) => None,
        None => {
            previewed.insert(k, node);
            None
        }
    });
    let preview = a.preview.as_ref().filter(|_| shown_in.is_none());
    let chart = preview.and_then(chart);
    let table = preview.map(|p| {
        // A short table is shown open, unless a chart already shows the data.
        let size: usize = p.rows.iter().flatten().map(|c| c.chars().count()).sum();
        Table {
            header: &p.header,
            rows: &p.rows,
            total_rows: p.total_rows,
            more: p.total_rows > p.rows.len(),
            open: chart.is_none() && size <= OPEN_TABLE_CHARS,
        }
    });
    Artifact {
        path: &a.path,
        // `./` so that a file named like a scheme never reads as one.
        href: a
            .href
            .as_deref()
            .filter(|h| relative_href(h))
            .map(|h| match h.starts_with("../") {
                true => h.to_string(),
                false => format!("./{h}"),
            }),
        title: a.title.as_deref(),
        kind: a.kind.map(|k| k.keyword()),
        sha256: a.sha256.as_deref(),
        problem,
        table,
        chart,
        shown_in,
    }
}

/// A relative URL with no scheme, host or query tricks: `../a/b%20c.csv`.
fn relative_href(href: &str) -> bool {
    !href.is_empty()
        && !href.starts_with('/')
        && !href.starts_with('\\')
        && href
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b))
}

/// Standard base64 with padding (for the CSP hash).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Charts of the numeric columns of a CSV preview, drawn here so that they print without
// script: geometry as numbers, every text escaped by the template.

/// The most series a chart shows.
const MAX_SERIES: usize = 4;

/// Series share one panel when their largest values are within this factor.
const SHARED_SCALE: f64 = 10.0;

#[derive(Serialize, Debug)]
struct Chart {
    /// The x axis title (the first column), if its values label the points.
    x_title: Option<String>,
    panels: Vec<Panel>,
    /// Series names and colour classes, when a panel shows more than one.
    legend: Vec<(String, String)>,
    /// How many rows are drawn, when the file has more (`the first 200 of 5000 rows`).
    rows: Option<String>,
}

#[derive(Serialize, Debug)]
struct Panel {
    /// The series' name, when the panel shows one series.
    title: Option<String>,
    width: u32,
    height: u32,
    /// The plot area: left, top, right, bottom.
    plot: [f64; 4],
    y_ticks: Vec<Tick>,
    x_ticks: Vec<Tick>,
    series: Vec<Series>,
    /// A text alternative for the panel.
    summary: String,
}

#[derive(Serialize, Debug)]
struct Tick {
    at: String,
    label: String,
}

#[derive(Serialize, Debug)]
struct Series {
    name: String,
    class: String,
    /// `points` attributes of polylines (a gap in the data breaks the line).
    lines: Vec<String>,
    /// Points, as `[x, y]`.
    dots: Vec<[String; 2]>,
}

/// The chart of a preview's numeric columns, if it has any worth drawing.
fn chart(p: &CsvPreview) -> Option<Chart> {
    // The first column labels the points when it is text, or numbers that only grow.
    let first_numeric = p
        .numeric
        .first()
        .filter(|c| p.header.first() == Some(&c.name));
    let x_column = match first_numeric {
        Some(c) => {
            let v: Vec<f64> = c.values.iter().flatten().copied().collect();
            (v.len() == c.values.len() && v.windows(2).all(|w| w[0] < w[1])).then_some(c)
        }
        None => None,
    };
    let series: Vec<_> = p
        .numeric
        .iter()
        .filter(|c| x_column.is_none_or(|x| x.name != c.name))
        .take(MAX_SERIES)
        .collect();
    if series.is_empty() {
        return None;
    }
    let n = series.iter().map(|c| c.values.len()).max().unwrap_or(0);
    if n == 0 {
        return None;
    }
    let (x_title, x_labels): (Option<String>, Vec<String>) = if let Some(x) = x_column {
        // Huge values as `1.7e308`, not 309 digits cut to ten.
        let label = |v: f64| {
            if v.abs() >= 1e15 {
                tick_label(v, 1.0)
            } else {
                number(v)
            }
        };
        let labels = x.values.iter().map(|v| v.map(label).unwrap_or_default());
        (Some(x.name.clone()), labels.collect())
    } else if first_numeric.is_none() && n <= p.rows.len() && !p.header.is_empty() {
        let labels = p.rows.iter().take(n).map(|r| r[0].clone());
        (Some(p.header[0].clone()), labels.collect())
    } else {
        (Some("row".into()), (1..=n).map(|i| i.to_string()).collect())
    };
    let peak = |c: &&crate::render::model::NumericColumn| {
        c.values
            .iter()
            .flatten()
            .fold(0.0f64, |m, v| m.max(v.abs()))
    };
    let peaks: Vec<f64> = series.iter().map(peak).collect();
    let (lo, hi) = peaks
        .iter()
        .fold((f64::MAX, 0.0f64), |(a, b), &p| (a.min(p), b.max(p)));
    let shared = series.len() == 1 || (lo > 0.0 && hi / lo <= SHARED_SCALE);
    let named = |i: usize| (series[i].name.clone(), format!("s{i}"));
    // Values too large to place on an axis (near `f64::MAX`) give no chart.
    let panels = if shared {
        let all: Vec<usize> = (0..series.len()).collect();
        vec![panel(
            &series,
            &all,
            &x_labels,
            360,
            190,
            series.len() == 1,
        )?]
    } else {
        (0..series.len())
            .map(|i| panel(&series, &[i], &x_labels, 178, 130, true))
            .collect::<Option<Vec<_>>>()?
    };
    let legend = if shared && series.len() > 1 {
        (0..series.len()).map(named).collect()
    } else {
        Vec::new()
    };
    let rows = (p.total_rows > n).then(|| format!("the first {n} of {} rows", p.total_rows));
    Some(Chart {
        x_title,
        panels,
        legend,
        rows,
    })
}

fn panel(
    series: &[&crate::render::model::NumericColumn],
    which: &[usize],
    x_labels: &[String],
    width: u32,
    height: u32,
    titled: bool,
) -> Option<Panel> {
    let top = if titled { 24.0 } else { 10.0 };
    let (right, bottom) = (width as f64 - 12.0, height as f64 - 22.0);
    let values = which
        .iter()
        .flat_map(|&i| series[i].values.iter().flatten().copied());
    let (min, max) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    // Amounts start at zero, so that the picture does not exaggerate a change.
    let (y0, y1, step) = nice_range(min.min(0.0), max)?;
    let steps = ((y1 - y0) / step).round() as usize;
    let y_labels: Vec<(f64, String)> = (0..=steps)
        .map(|k| y0 + k as f64 * step)
        .map(|t| (t, tick_label(t, step)))
        .collect();
    // Room left of the plot for the widest label (10 px digits are about 6 px wide),
    // so that `1000000` is not cut to `000000`.
    let widest = y_labels
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0);
    let left = f64::max(
        if width < 300 { 38.0 } else { 46.0 },
        10.0 + 6.0 * widest as f64,
    );
    let n = x_labels.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * i as f64 / (n - 1) as f64
        }
    };
    // Divided first, so that values near `f64::MAX` do not overflow.
    let y = |v: f64| bottom - (bottom - top) * ((v - y0) / (y1 - y0));
    let y_ticks = y_labels
        .into_iter()
        .map(|(t, label)| Tick {
            at: format!("{:.1}", y(t)),
            label,
        })
        .collect();
    // Labels at a regular stride, as many as fit (about 6 px a character).
    let chars = x_labels
        .iter()
        .map(|l| l.chars().count().min(10))
        .max()
        .unwrap_or(1);
    let fit = (((right - left) / (chars as f64 * 6.0 + 14.0)) as usize).max(2);
    let stride = if n <= fit {
        1
    } else {
        (n - 1).div_ceil(fit - 1)
    };
    let x_ticks = (0..n)
        .step_by(stride)
        .map(|i| Tick {
            at: format!("{:.1}", x(i)),
            label: shorten(&x_labels[i], 10),
        })
        .collect();
    let series_views = which
        .iter()
        .map(|&i| {
            let c = series[i];
            let mut lines = Vec::new();
            let mut line = String::new();
            let mut dots = Vec::new();
            for (k, v) in c.values.iter().enumerate() {
                match v {
                    Some(v) => {
                        let (px, py) = (format!("{:.1}", x(k)), format!("{:.1}", y(*v)));
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(&format!("{px},{py}"));
                        dots.push([px, py]);
                    }
                    None if !line.is_empty() => lines.push(std::mem::take(&mut line)),
                    None => {}
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
            if dots.len() > 40 {
                dots.clear();
            }
            Series {
                name: c.name.clone(),
                class: format!("s{i}"),
                lines,
                dots,
            }
        })
        .collect();
    let names: Vec<&str> = which.iter().map(|&i| series[i].name.as_str()).collect();
    Some(Panel {
        title: titled.then(|| shorten(&names.join(", "), 30)),
        width,
        height,
        plot: [left, top, right, bottom],
        y_ticks,
        x_ticks,
        series: series_views,
        summary: format!(
            "Line chart of {} over {n} rows, from {} to {}",
            names.join(", "),
            tick_label(min, step / 10.0),
            tick_label(max, step / 10.0)
        ),
    })
}

/// At most this many ticks on the value axis.
const MAX_TICKS: f64 = 20.0;

/// A range from `min` to `max` widened to round numbers, and a round step between
/// about four ticks; `None` when the values cannot be placed on an axis (they are not
/// finite, or so large that the range overflows).
fn nice_range(min: f64, max: f64) -> Option<(f64, f64, f64)> {
    if !(min.is_finite() && max.is_finite() && min <= max) {
        return None;
    }
    let (min, max) = if max - min < f64::EPSILON * max.abs().max(min.abs()).max(1.0) {
        // One value (or nearly): a range around it that stays distinct from it.
        let pad = if max.abs() < 1e15 {
            1.0
        } else {
            max.abs() / 2.0
        };
        (min - pad, max + pad)
    } else {
        (min, max)
    };
    let raw = (max - min) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let (y0, y1) = ((min / step).floor() * step, (max / step).ceil() * step);
    let usable = [y0, y1, step, y1 - y0].iter().all(|v| v.is_finite())
        && step > 0.0
        && y0 < y1
        && (y1 - y0) / step <= MAX_TICKS;
    usable.then_some((y0, y1, step))
}

/// A tick value with as many decimals as its step needs: a step of 2.5 (or 0.25, or
/// 250) takes one more than its power of ten, so that the gridlines at 2.5 and 7.5
/// read so, not `2` and `8`.
fn tick_label(v: f64, step: f64) -> String {
    // A step is never below `f64::EPSILON` (see `nice_range`): at most 17 decimals.
    let decimals = if !step.is_finite() || step <= 0.0 {
        0
    } else {
        let power = step.log10().floor();
        let mantissa = step / 10f64.powf(power);
        let fraction = if (mantissa - mantissa.round()).abs() > 1e-9 {
            1.0
        } else {
            0.0
        };
        (fraction - power).clamp(0.0, 20.0) as usize
    };
    if v.abs() >= 1e15 {
        // `2e20`, not twenty-one digits.
        let s = format!("{v:.2e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    let s = format!("{v:.decimals$}");
    if s.starts_with("-0") && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back_as_the_script_reads_them() {
        let numbers = [
            0,
            -1,
            1,
            15,
            -16,
            16,
            6119,
            -38,
            1 << 40,
            -(1 << 40),
            i64::MAX / 2,
        ];
        let text = varints(&numbers);
        assert!(text.bytes().all(|b| VARINT_DIGITS.contains(&b)));
        // The decoder of templates/script.js, in Rust.
        let mut back = Vec::new();
        let (mut z, mut shift) = (0u64, 0);
        for b in text.bytes() {
            let d = VARINT_DIGITS.iter().position(|&c| c == b).expect("a digit") as u64;
            z |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                back.push(((z >> 1) as i64) ^ -((z & 1) as i64));
                (z, shift) = (0, 0);
            }
        }
        assert_eq!(back, numbers);
        assert_eq!(varints(&[0, -1, 1, 16]), "ABCgB");
    }

    #[test]
    fn check_results_past_the_first_wait_as_compact_rows() {
        let d = |code: &'static str, file: &str, node: Option<&str>| {
            super::super::model::DiagnosticView {
                code,
                name: "rule-name",
                severity: Severity::Warning,
                message: format!("about {code}"),
                file: file.into(),
                line: 3,
                column: 7,
                node: node.map(String::from),
            }
        };
        let all = [
            d("W001", "a.crux", Some("n1")),
            d("W002", "b.crux", None),
            d("W001", "b.crux", Some("n2")),
        ];
        let more = MoreFindings::new(&all);
        assert_eq!(more.rules, [("W001", "rule-name"), ("W002", "rule-name")]);
        assert_eq!(more.files, ["a.crux", "b.crux"]);
        let json = serde_json::to_string(&more.rows).expect("JSON");
        assert_eq!(
            json,
            r#"[[1,0,"about W001",0,"3:7","n1"],[1,1,"about W002",1,"3:7",""],[1,0,"about W001",1,"3:7","n2"]]"#
        );
    }
    use crate::render::model::NumericColumn;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_plain_relative_hrefs_pass() {
        assert!(relative_href("../claims/a%20b.csv"));
        assert!(!relative_href("javascript:alert(1)"));
        assert!(!relative_href("//evil.example/x"));
        assert!(!relative_href("a\"b"));
    }

    #[test]
    fn numbers_and_ticks_read_well() {
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(1.0), "1");
        assert_eq!(nice_range(0.0, 7.3), Some((0.0, 8.0, 2.0)));
        assert_eq!(tick_label(2.5, 0.5), "2.5");
        // Steps of 2.5 at every scale: as many decimals as the step has.
        assert_eq!(tick_label(7.5, 2.5), "7.5");
        assert_eq!(tick_label(0.75, 0.25), "0.75");
        assert_eq!(tick_label(75.0, 25.0), "75");
        assert_eq!(tick_label(750.0, 250.0), "750");
        assert_eq!(tick_label(0.5, 0.1), "0.5");
        assert_eq!(tick_label(6.0, 2.0), "6");
        assert_eq!(tick_label(-0.0, 0.5), "0.0");
        assert_eq!(tick_label(2e20, 1e20), "2e20");
        assert_eq!(tick_label(-1.25e300, 1e299), "-1.25e300");
        assert_eq!(reflow("a\n b\n\n\nc  d\n"), "a b\n\nc d");
        assert_eq!(split_location("a:b.crux:3:14"), ("a:b.crux", "3:14"));
        assert_eq!(split_location("x"), ("x", ""));
        assert_eq!(
            script_json(&"</script><!--&"),
            r#""\u003c/script\u003e\u003c!--\u0026""#
        );
        assert_eq!(script_json(&"a\u{FFFE}\u{9B}b"), "\"a\u{FFFD}\u{FFFD}b\"");
    }

    /// The page carries the built-in script without its indentation, and nothing else
    /// changed: no line of it continues a string on the next.
    #[test]
    fn the_script_is_carried_unindented() {
        let carried = unindented(SCRIPT);
        assert!(carried.lines().all(|l| !l.starts_with([' ', '\t'])));
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&carried), words(SCRIPT));
        assert!(SCRIPT.lines().all(|l| !l.trim_end().ends_with('\\')));
        // Nor a template literal (`...`): every line closes each one it opens.
        let backticks = |l: &str| l.replace("\"`\"", "").matches('`').count();
        assert!(SCRIPT.lines().all(|l| backticks(l) % 2 == 0));
        assert!(
            carried.len() * 10 < SCRIPT.len() * 9,
            "{} of {}",
            carried.len(),
            SCRIPT.len()
        );
    }

    #[test]
    fn charts_label_points_with_the_first_column() {
        let p = CsvPreview {
            header: vec!["year".into(), "a".into(), "b".into()],
            rows: vec![],
            total_rows: 3,
            numeric: vec![
                NumericColumn {
                    name: "year".into(),
                    values: vec![Some(2017.0), Some(2018.0), Some(2019.0)],
                },
                NumericColumn {
                    name: "a".into(),
                    values: vec![Some(1.0), None, Some(3.0)],
                },
                NumericColumn {
                    name: "b".into(),
                    values: vec![Some(1000.0), Some(2.0), Some(3.0)],
                },
            ],
        };
        let c = chart(&p).unwrap();
        assert_eq!(c.x_title.as_deref(), Some("year"));
        // a and b differ a thousandfold: one panel each; a's gap splits its line.
        assert_eq!(c.panels.len(), 2);
        assert_eq!(c.panels[0].series[0].lines.len(), 2);
        assert_eq!(c.panels[0].x_ticks[0].label, "2017");
        // All the rows are drawn: nothing to say.
        assert_eq!(c.rows, None);
        let more = CsvPreview {
            total_rows: 5000,
            ..p
        };
        assert_eq!(
            chart(&more).unwrap().rows.as_deref(),
            Some("the first 3 of 5000 rows")
        );
    }

    /// The plot starts right of its widest y label (about 6 px a digit, 6 px apart),
    /// one panel or two.
    #[test]
    fn y_labels_have_room_left_of_the_plot() {
        for csv in [
            "year,revenue\n2020,0\n2021,1000000\n",
            "year,a,b\n2020,100000,1\n2021,300000,2\n",
        ] {
            let c = chart_of(csv).expect("a chart");
            for p in &c.panels {
                let widest = p.y_ticks.iter().map(|t| t.label.len()).max().unwrap();
                assert!(p.plot[0] >= 6.0 + 6.0 * widest as f64, "{csv:?}: {p:?}");
            }
        }
        let c = chart_of("year,revenue\n2020,0\n2021,1000000\n").unwrap();
        assert_eq!(c.panels[0].y_ticks.last().unwrap().label, "1000000");
    }

    /// Every number a chart computes is finite (no `NaN`, no `inf` in the SVG); the
    /// labels of the x axis are the file's own text.
    fn assert_drawable(c: &Chart) {
        let numbers = c.panels.iter().flat_map(|p| {
            let ticks = p
                .y_ticks
                .iter()
                .flat_map(|t| [t.at.clone(), t.label.clone()]);
            let ticks = ticks.chain(p.x_ticks.iter().map(|t| t.at.clone()));
            let series = p.series.iter().flat_map(|s| {
                let dots = s.dots.iter().flat_map(|d| d.clone());
                s.lines.iter().cloned().chain(dots)
            });
            ticks
                .chain(series)
                .chain(p.plot.iter().map(|v| v.to_string()))
                .chain([p.summary.clone()])
                .collect::<Vec<_>>()
        });
        for n in numbers {
            assert!(!n.contains("NaN") && !n.contains("inf"), "{n} in {c:?}");
        }
        assert!(c.panels.iter().all(|p| p.y_ticks.len() <= 21));
    }

    /// The chart of a CSV file, through the same preview `crux render` makes.
    fn chart_of(csv: &str) -> Option<Chart> {
        let p = crate::project::preview::parse(csv.as_bytes()).expect("a preview");
        let c = chart(&p);
        if let Some(c) = &c {
            assert_drawable(c);
        }
        c
    }

    #[test]
    fn hostile_numbers_give_a_chart_or_none_never_a_panic() {
        let hostile = [
            "1.7e308",
            "-1.7e308",
            "-1e308",
            "1e308",
            "inf",
            "-inf",
            "NaN",
            "1e-320",
            "-1e-320",
            "5e-324",
            "0",
            "-0",
            "1e15",
            "1e16",
            "9007199254740993",
        ];
        for a in hostile {
            for b in hostile {
                chart_of(&format!("a,b\n1,{a}\n2,{b}\n"));
                chart_of(&format!("a,b\n{a},1\n{b},2\n"));
                chart_of(&format!("x,a,b\nq,{a},{b}\nr,{b},{a}\n"));
                chart_of(&format!("a\n{a}\n"));
            }
        }
        // Ordinary data still gets its chart.
        assert!(chart_of("year,usd\n2017,1.5\n2018,2\n").is_some());
        assert!(chart_of("a,b\n1,1e-320\n2,2e-320\n").is_some());
        let c = chart_of("a,b\n-1.7e308,1\n1.7e308,2\n").unwrap();
        assert_eq!(c.panels[0].x_ticks[0].label, "-1.7e308");
    }

    proptest::proptest! {
        #[test]
        fn any_numbers_give_a_chart_or_none(
            columns in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::option::of(proptest::num::f64::ANY),
                    1..6,
                ),
                1..4,
            ),
            x_first in proptest::bool::ANY,
        ) {
            let header: Vec<String> = (0..=columns.len()).map(|i| format!("c{i}")).collect();
            let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
            let mut numeric = vec![NumericColumn {
                name: header[0].clone(),
                values: (0..rows).map(|i| x_first.then_some(i as f64)).collect(),
            }];
            numeric.extend(columns.iter().enumerate().map(|(i, values)| NumericColumn {
                name: header[i + 1].clone(),
                // The preview keeps finite numbers only.
                values: values.iter().map(|v| v.filter(|v| v.is_finite())).collect(),
            }));
            let p = CsvPreview { header, rows: vec![], total_rows: rows, numeric };
            if let Some(c) = chart(&p) {
                assert_drawable(&c);
            }
        }
    }
}
