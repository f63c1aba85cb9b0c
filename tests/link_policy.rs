//! One table of `source` texts, checked on both sides of the link policy: the
//! `unsafe-source-url` rule reports exactly the URLs that the map does not link, and
//! the map (render model, HTML page, DOT and SVG; Mermaid links nothing) links exactly
//! the URLs the rule accepts.

use std::path::Path;

use crux::check::Severities;
use crux::syntax::SourceFile;

/// What should become of a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// A link on the map; the rule is silent.
    Linked,
    /// Reported by the rule; no link.
    Reported,
    /// A citation: neither a link nor a report.
    Text,
}

use Outcome::*;

const TABLE: &[(&str, Outcome)] = &[
    ("https://example.org/a?b=1&c=2", Linked),
    ("http://example.org", Linked),
    ("HTTPS://EXAMPLE.ORG/PATH", Linked),
    ("  https://example.org/padded  ", Linked),
    ("mailto:editor@example.org", Linked),
    ("javascript:alert(1)", Reported),
    (" JavaScript:alert(1)", Reported),
    ("java\tscript:alert(1)", Reported),
    ("\u{1}javascript:alert(1)", Reported),
    ("vbscript:msgbox(1)", Reported),
    ("data:text/html,<script>alert(1)</script>", Reported),
    ("file:///etc/passwd", Reported),
    ("ftp://example.org/file", Reported),
    ("https:alert(1)", Reported),
    ("https:example.org", Reported),
    ("https://", Reported),
    ("mailto:", Reported),
    ("https://exa mple.org", Reported),
    ("https://example.org/\ttab", Reported),
    ("https://example.org/bell\u{7}", Reported),
    ("https://example.org/\u{200b}", Reported),
    ("https://example.org/\u{85}x", Reported),
    ("https://example.org/\u{202e}gnp.exe", Reported),
    ("https://example.org/\"><b>x</b>", Reported),
    ("https://example.org/{x}", Reported),
    ("https://x/a<b", Reported),
    ("https://x/a>b", Reported),
    ("https://x/a`b", Reported),
    ("NVIDIA Form 10-K, fiscal 2023", Text),
    ("Data: World Bank", Text),
    ("doi:10.1000/182", Text),
    ("urn:isbn:0451450523", Text),
];

/// `text` as a `.crux` string literal.
fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// HTML attribute escaping, as the page's templates do it.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_rule_reports_exactly_what_the_map_does_not_link() {
    let mut text = String::from("thesis t: \"The thesis.\"\n");
    for (i, (source, _)) in TABLE.iter().enumerate() {
        text.push_str(&format!(
            "evidence e{i}: \"Fact {i}.\"\n  supports t\n  source {}\n",
            literal(source)
        ));
    }
    let source = SourceFile::new("urls.crux", Path::new("urls.crux"), text);
    let debate = crux::parse_debate(vec![source], Default::default());
    assert!(
        debate.syntax_errors.is_empty(),
        "{:?}",
        debate.syntax_errors
    );
    let diagnostics = crux::check_debate(
        &debate,
        Path::new("."),
        &Severities::default(),
        &Default::default(),
    );

    let cx = crux::render::model::Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|_| crux::render::model::ArtifactAccess::Inside(None),
        verdict: Default::default(),
    };
    let model = crux::render::build_model(&debate, &diagnostics, &cx);
    let page = crux::render::html::render(
        &crux::render::map::build(model.clone(), crux::render::map::Engine::Builtin).unwrap(),
        None,
    )
    .unwrap();
    let dot = crux::render::dot::render(&model);
    let map = crux::render::map::build(model.clone(), crux::render::map::Engine::Builtin).unwrap();
    let svg = crux::render::svg::render(&map, true);

    for (i, (source, expected)) in TABLE.iter().enumerate() {
        let id = format!("e{i}");
        // Each node takes three lines after the thesis: its source is on the third.
        let line = 2 + 3 * i + 2;
        let reported = diagnostics.iter().any(|d| {
            d.name == "unsafe-source-url"
                && debate.sources[0].line_col(d.primary.span.start).line as usize == line
        });
        let node = model.nodes.iter().find(|n| n.id == id).unwrap();
        let url = node.sources[0].url.clone();
        let in_page = url
            .as_ref()
            .is_some_and(|u| page.contains(&format!("href=\"{}\"", attribute(u))));
        let actual = match (reported, url.is_some()) {
            (false, true) => Linked,
            (true, false) => Reported,
            (false, false) => Text,
            (true, true) => panic!("{source:?} is both reported and linked"),
        };
        assert_eq!(actual, *expected, "{source:?}");
        assert_eq!(
            in_page,
            url.is_some(),
            "{source:?}: the page differs from the model"
        );
        // DOT: the node's statement has a `URL` exactly when the model links it.
        let statement = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("no DOT statement for {id}"));
        assert_eq!(
            statement.contains("URL="),
            url.is_some(),
            "{source:?} in DOT"
        );
        // SVG: the node's group holds a link exactly when the model links it.
        let start = svg
            .find(&format!("id=\"node-{id}\""))
            .unwrap_or_else(|| panic!("no SVG group for {id}"));
        let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
        assert_eq!(
            group.contains("<a href"),
            url.is_some(),
            "{source:?} in SVG"
        );
        if let Some(url) = url {
            assert_eq!(url, source.trim(), "{source:?}");
        }
    }
}
