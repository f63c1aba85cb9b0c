//! The HTML page: structure, escaping of hostile input, links, the Content-Security-
//! Policy, template overrides. Also writes `target/e2e/page.html` (the showcase debate)
//! for the browser test in `tests/e2e/`.

use std::path::{Path, PathBuf};

use crux::check::Severities;
use crux::render::html::{self, HtmlError};
use crux::render::map::{self, Engine, Map};
use crux::render::model::{Context, RenderModel};
use sha2::{Digest, Sha256};

const HOSTILE: &str = r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> ]]> </svg> {{ x }} {% raw %} \back\slash javascript:alert(1)"#;

/// A fresh directory under cargo's scratch space (one per call: tests run in parallel).
fn scratch(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("html")
        .join(format!("{name}-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The render model of the debate under `dir`, with links relative to `out_dir`.
fn model(dir: &Path, out_dir: &Path) -> RenderModel {
    let files = crux::project::discover(&[dir.to_path_buf()], &Default::default()).unwrap();
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).unwrap())
        .collect();
    let debate = crux::parse_debate(sources, Default::default());
    let diagnostics = crux::check_debate(&debate, dir, &Severities::default(), &Default::default());
    let cx = Context {
        sources: &debate.sources,
        output_dir: out_dir.to_path_buf(),
        artifact: &|a| crux::project::preview::access(a, dir),
        verdict: Default::default(),
    };
    crux::render::build_model(&debate, &diagnostics, &cx)
}

/// The map of a model, laid out by the built-in layout, as `crux render` draws it.
fn drawn(model: &RenderModel) -> Map {
    map::build(model.clone(), Engine::Builtin).unwrap()
}

/// The map data block of a page, parsed.
fn map_data(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"crux-data\">";
    let at = page.find(open).expect("the map data") + open.len();
    let end = at + page[at..].find("</script>").unwrap();
    serde_json::from_str(&page[at..end]).expect("the map data is JSON")
}

/// A tag as the page's HTML parser would see it.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The start tags of a page, skipping the contents of `<script>` and `<style>`. A small
/// tokenizer, enough to tell markup from escaped text.
fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i += html[i..].find("-->").expect("closed comment") + 3;
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len() && !b"=>/ \t\n\r".contains(&b[i]) {
                i += 1;
            }
            let key = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if b[i] == b'"' || b[i] == b'\'' {
                    let q = b[i] as char;
                    let end = html[i + 1..].find(q).expect("closed attribute") + i + 1;
                    value = html[i + 1..end].to_string();
                    i = end + 1;
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[s..i].to_string();
                }
            }
            attrs.push((key, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i += html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .expect("closed raw text");
        }
        tags.push(Tag { name, attrs });
    }
    tags
}

/// Decodes the entities tera's escaping produces.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What every page must satisfy, whatever its input: one script (ours, allowed by its
/// hash), no event handlers, no external resources, only safe links.
fn assert_inert(page: &str, source_urls: &[String]) {
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script>alert"), "an injected script");
    assert_eq!(
        lower.matches("<script>").count(),
        1,
        "exactly the page's own script"
    );
    // Besides it, at most the map data and the check results past the first: JSON,
    // which runs nothing, in which no `<` can end the block.
    let blocks = [
        "<script type=\"application/json\" id=\"crux-data\">",
        "<script type=\"application/json\" id=\"crux-checks\">",
    ];
    assert_eq!(
        lower.matches("<script").count(),
        1 + blocks
            .iter()
            .map(|b| page.matches(b).count())
            .sum::<usize>(),
        "a script element other than the page's own and its data"
    );
    for data in blocks {
        assert!(page.matches(data).count() <= 1);
        if let Some(at) = page.find(data) {
            let body = &page[at + data.len()..];
            let body = &body[..body.find("</script>").expect("the data block ends")];
            assert!(!body.contains('<') && !body.contains('>') && !body.contains('&'));
        }
    }
    assert!(!page.contains("]]>"), "a raw CDATA end");
    assert_eq!(
        lower.matches("<svg").count(),
        lower.matches("</svg>").count(),
        "an SVG element closed early"
    );
    for needle in [
        "@import",
        "src=\"http",
        "<link",
        "<iframe",
        "<object",
        "<embed",
    ] {
        assert!(!lower.contains(needle), "an external resource: {needle}");
    }
    // `url(...)` only for references inside the page (SVG markers).
    for (at, _) in lower.match_indices("url(") {
        assert!(
            lower[at + 4..].starts_with('#'),
            "an external url( at byte {at}"
        );
    }
    // No markup from the input: `<img` and handlers (`onerror=`) appear only as escaped
    // text; the tag scan below proves that no element has an `on…` attribute.
    assert!(!lower.contains("<img"), "an injected image");

    let tags = start_tags(page);
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "a",
        "header",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "button",
        "span",
        "p",
        "ul",
        "li",
        "strong",
        "main",
        "section",
        "kbd",
        "details",
        "summary",
        "svg",
        "line",
        "path",
        "rect",
        "text",
        "g",
        "circle",
        "polyline",
        "form",
        "label",
        "input",
        "fieldset",
        "legend",
        "select",
        "option",
        "output",
        "article",
        "dl",
        "dt",
        "dd",
        "code",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "footer",
        "script",
        "defs",
        "marker",
        "aside",
    ];
    let banned_attrs = [
        "src",
        "srcset",
        "action",
        "formaction",
        "xlink:href",
        "style",
    ];
    for tag in &tags {
        let name = tag.name.as_str();
        assert!(allowed.contains(&name), "unexpected <{name}>");
        for (key, value) in &tag.attrs {
            assert!(!key.starts_with("on"), "an event handler: {key}={value}");
            assert!(!banned_attrs.contains(&key.as_str()), "{key} on <{name}>");
            if key == "href" {
                let url = unescape(value);
                let ok = url.starts_with('#')
                    || source_urls.contains(&url)
                    || (!url.contains(':') && !url.starts_with("//"));
                assert!(ok, "unsafe link {url:?}");
            }
        }
    }

    // The policy: no network at all, and only the script whose hash it names runs.
    let csp = tags
        .iter()
        .find(|t| {
            t.attrs
                .iter()
                .any(|(k, v)| k == "http-equiv" && v == "Content-Security-Policy")
        })
        .and_then(|t| t.attrs.iter().find(|(k, _)| k == "content"))
        .map(|(_, v)| unescape(v))
        .expect("a CSP meta tag");
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(!csp.contains("script-src 'unsafe-inline'"), "{csp}");
    let open = page.find("<script>").expect("the script") + "<script>".len();
    let close = open + page[open..].find("</script>").unwrap();
    let hash = Sha256::digest(&page.as_bytes()[open..close]);
    assert!(
        csp.contains(&format!("'sha256-{}'", base64(&hash))),
        "the CSP does not allow the page's script: {csp}"
    );
    let csp_at = page.find("Content-Security-Policy").unwrap();
    assert!(
        csp_at < page.find("<style>").unwrap(),
        "the CSP comes first"
    );
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            out.push(if i <= c.len() {
                ABC[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

fn source_urls(model: &RenderModel) -> Vec<String> {
    model
        .nodes
        .iter()
        .flat_map(|n| n.sources.iter().filter_map(|s| s.url.clone()))
        .collect()
}

const SMALL: &str = r#"---
title: Remote work
description: Does remote work raise productivity?
authors: [Ann, Bo]
---
thesis remote: "Remote work raises productivity."
  tags work
claim focus: """
    Fewer interruptions
    at home.
    """
  supports remote 0.8
  by "Ann"
  tags work, focus
counter isolation: "Isolation hurts collaboration."
  attacks remote 0.6
claim distractions: "Home has distractions of its own."
  undercuts focus -> remote 0.4
evidence survey: "A survey of 2,000 workers found fewer interruptions."
  supports focus 0.7
  source "https://example.org/survey"
  source "Annual report, p. 4"
  artifact "data/survey.csv" title "Survey answers" kind dataset
"#;

const SURVEY: &str = "year,answers,share\n2020,120,0.4\n2021,180,0.5\n2022,240,0.55\n";

fn small() -> (PathBuf, RenderModel) {
    let dir = scratch("small");
    std::fs::write(dir.join("remote.crux"), SMALL).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("data/survey.csv"), SURVEY).unwrap();
    let out = dir.join("out");
    let m = model(&dir, &out);
    (dir, m)
}

#[test]
fn a_small_debate_renders_every_part() {
    let (_, m) = small();
    let page = html::render(&drawn(&m), None).unwrap();
    assert_inert(&page, &source_urls(&m));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Remote work</title>"));
    assert!(page.contains("By Ann, Bo"));
    // The map, as data the script draws: one entry a node and a relation.
    let data = map_data(&page);
    assert_eq!(data["id"][0], "remote");
    assert_eq!(data["kind"][0], 0);
    assert_eq!(data["id"].as_array().unwrap().len(), 5);
    assert_eq!(data["boxes"].as_array().unwrap().len(), 20);
    assert_eq!(
        data["routes"].as_array().unwrap().len(),
        data["source"].as_array().unwrap().len()
    );
    assert!(data.get("cards").is_none(), "the cards are written out");
    assert!(!page.contains("<?xml"));
    // A card per node, with kind and tags for the filters.
    assert_eq!(page.matches("<article class=\"card ").count(), 5);
    assert!(page.contains(
        "id=\"card-focus\" data-id=\"focus\" data-part=\"0\" data-kind=\"claim\" data-verdict=\"stands\" data-tags=\"[&quot;work&quot;,&quot;focus&quot;]\""
    ));
    // Hand-wrapped text reads as one paragraph.
    assert!(page.contains("<p class=\"text\" dir=\"auto\">Fewer interruptions at home.</p>"));
    // Relations both ways, as in-page links, with weights; the undercut names its inference.
    assert!(page.contains("<a href=\"#card-survey\">survey</a> <span class=\"rel-word\">supports</span> it <span class=\"weight\" title=\"weight\">×0.7</span>"));
    assert!(page.contains(
        "the inference <a href=\"#card-focus\">focus</a> → <a href=\"#card-remote\">remote</a>"
    ));
    assert!(page.contains("(undercut by <a href=\"#card-distractions\">distractions</a>)"));
    // Sources: a link for the URL, text for the citation.
    assert!(
        page.contains(
            "<a href=\"https://example.org/survey\" rel=\"noopener noreferrer nofollow\""
        )
    );
    assert!(page.contains("<span class=\"source-text\" dir=\"auto\">Annual report, p. 4</span>"));
    // The artifact, relative to the output directory, with its table and chart.
    assert!(page.contains("<a href=\"../data/survey.csv\">Survey answers</a>"));
    assert!(page.contains("<td>2021</td><td>180</td><td>0.5</td>"));
    assert!(page.contains("3 rows in all"));
    assert!(page.contains("<svg class=\"panel\""));
    assert!(page.contains("<polyline points=\""));
    // The verdict first, with why (its IDs linked to their cards), then the strength,
    // then the grounded label as the expert line: the thesis stands, though grounded
    // semantics, blind to supports, has it OUT.
    let card = &page[page.find("id=\"card-remote\"").unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    let at = |needle: &str| {
        card.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the card of remote:\n{card}"))
    };
    assert!(page.contains("<article class=\"card thesis stands\" id=\"card-remote\""));
    assert!(at("<span class=\"verdict stands\"") < at("<p class=\"why\">"));
    assert!(card.contains(
        "<span class=\"verdict-word stands\">Stands</span>: <a href=\"#card-focus\"><code>focus</code></a> (0.8) supports it, unopposed (its one attacker <a href=\"#card-isolation\"><code>isolation</code></a> does not stand), under preponderance.</p>"
    ));
    assert!(at("<p class=\"why\">") < at("<p class=\"text\" dir=\"auto\">"));
    assert!(at("<p class=\"text\" dir=\"auto\">") < at("(how strong, DF-QuAD"));
    assert!(
        at("(how strong, DF-QuAD")
            < at("formal semantics: grounded <span class=\"label OUT\">OUT</span>")
    );
    assert!(page.contains("<span class=\"verdict open\">? open</span>"));
    // The verdict filter, beside the kinds, lists the verdicts there are.
    assert!(page.contains("<input type=\"checkbox\" name=\"verdict\" value=\"stands\" checked>"));
    assert!(page.contains("<input type=\"checkbox\" name=\"verdict\" value=\"open\" checked>"));
    assert!(!page.contains("name=\"verdict\" value=\"falls\""));
    // Check results.
    assert!(page.contains("<section id=\"checks\""));
    assert!(
        page.contains("href=\"#card-"),
        "findings link to their node"
    );
}

/// The hostile debate: every user string (front matter, texts, attributes, sources,
/// artifact paths and titles, CSV cells, the file name itself) carries markup.
fn hostile() -> (PathBuf, RenderModel) {
    hostile_with(0)
}

/// The hostile debate with `filler` more hostile claims (enough of them, and the cards
/// are built by the page's script from the data instead of written out).
fn hostile_with(filler: usize) -> (PathBuf, RenderModel) {
    let dir = scratch("hostile");
    let s = HOSTILE.replace('\\', "\\\\").replace('"', "\\\"");
    let yaml = HOSTILE.replace('\'', "''");
    let src = format!(
        "---\ntitle: '{yaml}'\ndescription: '{yaml}'\nauthors: ['{yaml}', 'B']\nsource: '{yaml}'\n---\n\
         thesis t: \"{s}\"\n  by \"{s}\"\n  note \"{s}\"\n  tags x, y-z\n\
         claim c: \"\"\"\n    {HOSTILE}\n    \"\"\"\n  supports t 0.5\n\
         counter k: \"{s}\"\n  attacks t 0.5\n  undercuts c -> t 0.3\n\
         evidence e: \"{s}\"\n  supports c\n\
           source \"javascript:alert(1)\"\n\
           source \"JaVaScRiPt:alert(1)\"\n\
           source \" javascript:alert(1)\"\n\
           source \"data:text/html,<script>alert(1)</script>\"\n\
           source \"vbscript:msgbox(1)\"\n\
           source \"https://example.org/\\\"><script>alert(1)</script>\"\n\
           source \"{s}\"\n\
           artifact \"data/\\\"><img src=x onerror=alert(1)>.csv\" title \"{s}\" kind dataset\n\
           artifact \"javascript:alert(1).csv\"\n\
         claim dangling: \"{s}\"\n  supports nowhere_{{x}}\n"
    );
    let mut src = src;
    for i in 0..filler {
        src.push_str(&format!("claim f{i}: \"{s}\"\n  supports t 0.1\n"));
    }
    let file = dir.join("\"><img src=x onerror=alert(1)>.crux");
    std::fs::write(&file, src).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let csv = format!(
        "\"{q}\",n\n\"{q}\",1\n2,2\n",
        q = HOSTILE.replace('"', "\"\"")
    );
    std::fs::write(dir.join("data/\"><img src=x onerror=alert(1)>.csv"), csv).unwrap();
    let m = model(&dir, &dir);
    (dir, m)
}

#[test]
fn hostile_input_stays_inert() {
    let (_, m) = hostile();
    // The input did reach the model, in every field.
    assert_eq!(m.title.as_deref(), Some(HOSTILE));
    assert_eq!(m.authors[0], HOSTILE);
    assert!(m.nodes.iter().any(|n| n.by.as_deref() == Some(HOSTILE)));
    let e = &m.nodes[m.node_index("e").unwrap()];
    assert!(
        e.artifacts[0].preview.is_some(),
        "the hostile CSV is previewed"
    );
    assert!(!m.diagnostics.is_empty());

    let page = html::render(&drawn(&m), None).unwrap();
    assert_inert(&page, &source_urls(&m));
    // No scheme but http(s) and mailto becomes a link.
    let lower = page.to_ascii_lowercase();
    for bad in [
        "href=\"javascript",
        "href=\" javascript",
        "href=\"data:",
        "href=\"vbscript",
    ] {
        assert!(!lower.contains(bad), "{bad}");
    }
    // The hostile text is shown, as text: escaped, with template syntax and
    // backslashes untouched.
    let shown = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; ]]&gt; &lt;/svg&gt;";
    assert!(
        page.matches(shown).count() >= 10,
        "{}",
        page.matches(shown).count()
    );
    assert!(page.contains("{{ x }} {% raw %} \\back\\slash javascript:alert(1)"));
    assert!(page.contains("<span class=\"source-text\" dir=\"auto\">JaVaScRiPt:alert(1)</span>"));
    assert!(page.contains("<title>&lt;script&gt;alert(1)"));
    // An http URL with markup characters in it is not made a link: it is shown as
    // text.
    assert!(!page.contains("href=\"https://example.org/&quot;"));
    assert!(page.contains("https://example.org/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The artifact link is percent-encoded; the one named like a URL is relative.
    assert!(
        page.contains("href=\"./data/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.csv\"")
    );
    assert!(page.contains("href=\"./javascript%3Aalert%281%29.csv\""));
}

#[test]
fn the_templates_can_be_overridden() {
    let (_, m) = small();
    let dir = scratch("templates");
    std::fs::write(
        dir.join("page.html.tera"),
        "<p>{{ title }}: {% for c in cards %}{{ c.id }} {% endfor %}</p>",
    )
    .unwrap();
    let page = html::render(&drawn(&m), Some(&dir)).unwrap();
    assert_eq!(
        page,
        "<p>Remote work: remote focus isolation distractions survey </p>"
    );

    // Escaping stays on in an overriding template.
    let (_, h) = hostile();
    let page = html::render(&drawn(&h), Some(&dir)).unwrap();
    assert!(!page.contains("<script>"));

    // A broken template is an error naming the template and the line.
    std::fs::write(
        dir.join("page.html.tera"),
        "<p>\n{% for c in cards %}\n{{ c.id }\n",
    )
    .unwrap();
    let err = html::render(&drawn(&m), Some(&dir)).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, HtmlError::Template { .. }), "{message}");
    assert!(message.contains("page.html.tera:3:"), "{message}");
    assert!(message.contains(&dir.display().to_string()), "{message}");

    // An unknown variable fails at render time, also with the template's name.
    std::fs::write(dir.join("page.html.tera"), "{{ no_such_thing.x }}").unwrap();
    let message = html::render(&drawn(&m), Some(&dir))
        .unwrap_err()
        .to_string();
    assert!(message.contains("page.html.tera"), "{message}");

    // A directory without the page template is refused.
    let empty = scratch("no-templates");
    let err = html::render(&drawn(&m), Some(&empty)).unwrap_err();
    assert!(matches!(err, HtmlError::MissingPage { .. }), "{err}");
    let err = html::render(&drawn(&m), Some(&empty.join("nope"))).unwrap_err();
    let nope = empty.join("nope");
    assert_eq!(
        err.to_string(),
        format!("{}: no such folder (--templates)", nope.display())
    );
    let file = empty.join("page.html");
    std::fs::write(&file, "").unwrap();
    let err = html::render(&drawn(&m), Some(&file)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a folder; --templates names the folder of the templates",
            file.display()
        )
    );
}

#[test]
fn a_template_that_is_not_utf8_is_placed_by_line_and_column() {
    let (_, m) = small();
    let dir = scratch("templates-latin1");
    std::fs::write(dir.join("page.html.tera"), "<p>{{ title }}</p>").unwrap();
    std::fs::write(dir.join("card.tera"), b"<p>\n  caf\xe9</p>\n").unwrap();
    let err = html::render(&drawn(&m), Some(&dir)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2:6: not valid UTF-8 text (a template must be UTF-8)",
            dir.join("card.tera").display()
        )
    );
}

/// The showcase debate as a page, for the browser test (`tests/e2e/run`), and checked
/// like every other page.
#[test]
fn the_showcase_renders_for_the_browser_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    let m = model(&root.join("claims"), &out);
    let page = html::render(&drawn(&m), None).unwrap();
    assert_inert(&page, &source_urls(&m));
    assert_eq!(
        page.matches("<article class=\"card ").count(),
        m.nodes.len()
    );
    assert!(page.contains("href=\"../../claims/artifacts/nvidia-revenue.csv\""));
    assert!(
        page.contains("<svg class=\"panel\""),
        "a chart of the revenue data"
    );
    // Two debates, each with its thesis, for the switch.
    let theses: Vec<_> = m
        .parts()
        .iter()
        .map(|p| p.thesis.map(|i| m.nodes[i].id.clone()))
        .collect();
    assert_eq!(
        theses,
        [
            Some("crypto_helped_ai".to_string()),
            Some("interactive_at_scale".to_string())
        ]
    );
    assert_eq!(page.matches("role=\"tab\"").count(), 2);
    std::fs::write(out.join("page.html"), page).unwrap();
    // The hostile page too: the browser test checks that loading it runs nothing.
    let (_, h) = hostile();
    let page = html::render(&drawn(&h), None).unwrap();
    std::fs::write(out.join("hostile.html"), page).unwrap();
    // And a hostile debate too large for written cards: the script builds them.
    let (_, h) = hostile_with(html::CARD_LIMIT);
    let page = html::render(&drawn(&h), None).unwrap();
    assert_inert(&page, &source_urls(&h));
    assert!(map_data(&page).get("cards").is_some());
    std::fs::write(out.join("hostile-large.html"), page).unwrap();
}

const TWO_DEBATES: &str = r#"---
title: Two debates
---
thesis a: "A holds."
claim a1: "A reason for A."
  supports a 0.6
thesis b: "B holds, and this text is long enough that the switch has to shorten it to a label."
claim b1: "A reason for B."
  supports b 0.6
counter b2: "The reason for B does not carry."
  undercuts b1 -> b 0.5
claim lone: "A claim on its own."
"#;

/// Separate debates are the parts of the model, each with its thesis; the nodes on
/// their own form one last part.
#[test]
fn the_parts_are_the_debates() {
    let dir = scratch("parts");
    std::fs::write(dir.join("two.crux"), TWO_DEBATES).unwrap();
    let m = model(&dir, &dir);
    let ids = |p: &crux::render::model::Part| {
        p.nodes
            .iter()
            .map(|&i| m.nodes[i].id.as_str())
            .collect::<Vec<_>>()
    };
    let parts = m.parts();
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert_eq!(ids(&parts[0]), ["a", "a1"]);
    assert_eq!(ids(&parts[1]), ["b", "b1", "b2"]);
    assert_eq!(ids(&parts[2]), ["lone"]);
    let thesis = |p: &crux::render::model::Part| p.thesis.map(|i| m.nodes[i].id.as_str());
    assert_eq!(
        parts.iter().map(thesis).collect::<Vec<_>>(),
        [Some("a"), Some("b"), None]
    );

    // The page offers a switch between them, labelled by the thesis, and every card
    // says which debate it is in; the headline counts the whole page.
    let page = html::render(&drawn(&m), None).unwrap();
    assert_inert(&page, &source_urls(&m));
    assert_eq!(page.matches("role=\"tab\"").count(), 3);
    assert!(page.contains(
        "id=\"debate-0\" data-part=\"0\" data-thesis=\"a\" aria-controls=\"map-view\" aria-selected=\"true\" title=\"A holds.\"><span class=\"debate-label\">A holds.</span> <span class=\"count\">2</span>"
    ));
    assert!(page.contains("title=\"B holds, and this text is long enough that the switch has to shorten it to a label.\"><span class=\"debate-label\">B holds, and this text is long enough that the switch has…</span>"));
    assert!(page.contains("data-part=\"2\" aria-controls=\"map-view\" aria-selected=\"false\" title=\"Nodes without a thesis\">"));
    assert!(page.contains("data-id=\"b2\" data-part=\"1\""));
    assert!(page.contains("data-id=\"lone\" data-part=\"2\""));
    // Two debates: the node without a thesis has a tab, but is no debate (as the
    // note of a PNG counts them).
    assert!(
        page.contains("<li><strong>2</strong> debates</li>"),
        "{page}"
    );
    assert!(page.contains("<strong>6</strong> nodes in all"));
    // What bears on a node names its relation, for the highlight of a selection.
    assert!(
        page.contains("<li class=\"rel undercuts\" data-in-edge=\"edge-b2-b\" data-source=\"b2\">")
    );

    // Rooted at one thesis (`--root`), the map is one debate: no switch.
    let rooted = m.rooted_at("b").unwrap();
    assert_eq!(rooted.parts().len(), 1);
    let page = html::render(&drawn(&rooted), None).unwrap();
    assert!(!page.contains("role=\"tab\""));
    assert!(page.contains("<strong>3</strong> nodes</li>"));
}

/// A map of several files is titled and described by one front matter: a file that
/// only describes does not lend its description to another's title.
#[test]
fn the_title_and_the_description_come_from_one_file() {
    let dir = scratch("front-matter");
    std::fs::write(
        dir.join("a.crux"),
        "---\ndescription: Said of A alone.\n---\n\nthesis a: \"A holds.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.crux"),
        "---\ntitle: The B debate\n---\n\nthesis b: \"B holds.\"\n",
    )
    .unwrap();
    let m = model(&dir, &dir);
    assert_eq!(m.title.as_deref(), Some("The B debate"));
    assert_eq!(m.description, None);
    let page = html::render(&drawn(&m), None).unwrap();
    assert!(!page.contains("Said of A alone."));
    // Without any title, the first description describes the map.
    std::fs::remove_file(dir.join("b.crux")).unwrap();
    let m = model(&dir, &dir);
    assert_eq!(m.title, None);
    assert_eq!(m.description.as_deref(), Some("Said of A alone."));
}

/// The map and the card beside it: the view tools, the overview, the side panel.
#[test]
fn the_page_has_the_map_tools_and_the_side_card() {
    let (_, m) = small();
    let page = html::render(&drawn(&m), None).unwrap();
    for needle in [
        "<button type=\"button\" data-zoom=\"fit\"",
        "<button type=\"button\" data-zoom=\"reset\"",
        "<svg id=\"minimap\"",
        "<aside id=\"side\" class=\"side\" aria-label=\"Card of the selected node\" hidden>",
        "<div class=\"side-body\" id=\"side-body\"></div>",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    // One debate: no switch, and the counts need no "in all".
    assert_eq!(m.parts().len(), 1);
    assert!(!page.contains("role=\"tablist\""));
    assert!(page.contains("<strong>5</strong> nodes</li>"));
    // Every card is still listed below the map, for print and search.
    let list = &page[page.find("<section id=\"cards\"").unwrap()..];
    assert_eq!(list.matches("<article class=\"card ").count(), 5);
}

/// Above `CARD_LIMIT` nodes the cards are not written out: the map data carries what
/// they say (the script builds them), and the page stays small.
#[test]
fn a_large_debate_keeps_its_cards_as_data() {
    let dir = scratch("large");
    let n = html::CARD_LIMIT + 20;
    let mut src = String::from("thesis t: \"The thesis <b>holds</b>.\"\n");
    for i in 1..n {
        let target = if i < 10 {
            "t".to_string()
        } else {
            format!("c{}", i / 10)
        };
        src.push_str(&format!(
            "claim c{i}: \"Reason {i} & more.\"\n  supports {target} 0.5\n"
        ));
    }
    std::fs::write(dir.join("large.crux"), src).unwrap();
    let m = model(&dir, &dir);
    assert_eq!(m.nodes.len(), n);
    let page = html::render(&drawn(&m), None).unwrap();
    assert_inert(&page, &source_urls(&m));
    assert_eq!(page.matches("<article class=\"card ").count(), 0);
    assert!(page.contains("<div class=\"cards\" id=\"card-list\" data-generated=\"true\">"));
    let data = map_data(&page);
    let cards = data["cards"].as_array().expect("the cards as data");
    assert_eq!(cards.len(), n);
    // A statement that reads as its box's lines is stored once, as the lines.
    assert!(cards[0].get("text").is_none(), "{}", cards[0]);
    let lines: Vec<&str> = data["lines"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(lines.join(" "), "The thesis <b>holds</b>.");
    assert!(page.contains("The thesis \\u003cb\\u003eholds\\u003c/b\\u003e."));
    // Locations name their file once: claim c1 is on line 2 of large.crux.
    assert_eq!(cards[1]["at"], serde_json::json!([0, "2:1"]));
    assert!(data["files"][0].as_str().unwrap().ends_with("large.crux"));
    // Routes are whole map units, the first point and then steps, five bits a
    // character.
    let route = data["routes"][0].as_str().unwrap();
    let digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert!(route.chars().all(|c| digits.contains(c)), "{route}");
    let numbers = route
        .chars()
        .filter(|&c| digits.find(c).unwrap() < 32)
        .count();
    assert!(numbers >= 4 && numbers % 2 == 0, "{route}");
    // A few hundred bytes a node (here a third of it its location, a long path), not
    // the kilobytes of a written card and a drawn box; the rest of the page is small.
    // (The check results, a warning a node here, are written out in full.)
    let json = serde_json::to_string(&data).unwrap().len();
    assert!(json < 500 * n, "{json} bytes of data");
    let checks = page.find("<section id=\"checks\"").unwrap();
    let checks = page[checks..].find("</section>").unwrap();
    assert!(
        page.len() - json - checks < 124_000,
        "{} bytes ({json} data, {checks} checks)",
        page.len()
    );
}

/// An artifact that changed since it was pinned, or that is missing, says so on its
/// card, beside the pinned hash and the data (not only in the table of check results).
#[test]
fn a_card_says_when_its_artifact_changed_or_is_missing() {
    let dir = scratch("stale");
    std::fs::write(dir.join("a.csv"), "n\n5\n").unwrap();
    std::fs::write(
        dir.join("d.crux"),
        format!(
            "thesis t: \"T\"\nevidence e: \"E\"\n  source \"s\"\n  supports t\n  artifact \"a.csv\" sha256 \"{}\"\n\
             evidence m: \"M\"\n  source \"s\"\n  supports t\n  artifact \"gone.csv\"\n\
             evidence k: \"K\"\n  source \"s\"\n  supports t\n  artifact \"a.csv\"\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    let m = model(&dir, &dir);
    let page = html::render(&drawn(&m), None).unwrap();
    let card = |id: &str| {
        let start = page.find(&format!("id=\"card-{id}\"")).expect("the card");
        let end = page[start..]
            .find("</article>")
            .map_or(page.len(), |e| start + e);
        page[start..end].to_string()
    };
    assert!(
        card("e").contains("⚠ Artifact <code>a.csv</code> changed since it was pinned."),
        "{}",
        card("e")
    );
    assert!(card("m").contains("⚠ Artifact <code>gone.csv</code> does not exist."));
    // The same file, unpinned on another node: nothing wrong with it there.
    assert!(!card("k").contains("artifact-problem"), "{}", card("k"));
    let problem = |id: &str| {
        let n = m.nodes.iter().find(|n| n.id == id).unwrap();
        n.artifacts[0].problem.clone()
    };
    assert_eq!(
        problem("e").as_deref(),
        Some("artifact `a.csv` changed since it was pinned")
    );
    assert_eq!(problem("k"), None);

    // Too many nodes for written cards: the script builds them from the map data,
    // which carries each artifact's problem as `[path, href, problem]`.
    let mut text = std::fs::read_to_string(dir.join("d.crux")).unwrap();
    for i in 0..html::CARD_LIMIT {
        text.push_str(&format!("claim f{i}: \"F\"\n  supports t 0.1\n"));
    }
    std::fs::write(dir.join("d.crux"), text).unwrap();
    let m = model(&dir, &dir);
    let data = map_data(&html::render(&drawn(&m), None).unwrap());
    let ids = data["id"].as_array().unwrap();
    let artifacts = |id: &str| {
        let i = ids.iter().position(|v| v == id).unwrap();
        data["cards"][i]["artifacts"].clone()
    };
    assert_eq!(
        artifacts("m"),
        serde_json::json!([[
            "gone.csv",
            "./gone.csv",
            "artifact `gone.csv` does not exist"
        ]])
    );
    assert_eq!(
        artifacts("k"),
        serde_json::json!([["a.csv", "./a.csv", null]])
    );
}
