//! The SVG map with the built-in layout: snapshots of the render fixtures, the
//! structure contract of DESIGN §6 (node and edge groups), boxes that do not overlap,
//! text inside its box, and hostile strings that stay text.

use std::path::{Path, PathBuf};

use crux::check::Severities;
use crux::render::map::{self, Engine, Map};
use crux::render::model::{ArtifactAccess, Context};
use crux::render::{svg, text};

mod support;

fn map_of(path: &Path) -> Map {
    map_of_file(crux::project::read(path).expect("readable fixture"))
}

fn map_of_file(file: crux::syntax::SourceFile) -> Map {
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        Path::new("tests/fixtures"),
        &Severities::default(),
        &Default::default(),
    );
    let cx = Context {
        sources: &debate.sources,
        output_dir: PathBuf::from("tests/fixtures/render"),
        // Links as `crux render` makes them; previews are tested in tests/html.rs.
        artifact: &|a| match crux::project::preview::access(a, Path::new("tests/fixtures")) {
            ArtifactAccess::Outside => ArtifactAccess::Outside,
            ArtifactAccess::Inside(_) => ArtifactAccess::Inside(None),
        },
        verdict: Default::default(),
    };
    let model = crux::render::build_model(&debate, &diagnostics, &cx);
    map::build(model, Engine::Builtin).expect("the built-in layout cannot fail")
}

fn overlap(a: &crux::render::layout::Rect, b: &crux::render::layout::Rect) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

fn check_geometry(map: &Map) {
    let boxes = &map.layout.nodes;
    assert_eq!(boxes.len(), map.model.nodes.len());
    assert_eq!(map.layout.edges.len(), map.model.edges.len());
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            assert!(
                !overlap(&boxes[i], &boxes[j]),
                "{} and {} overlap",
                map.model.nodes[i].id,
                map.model.nodes[j].id
            );
        }
        // Every text line fits inside its box.
        let inner = boxes[i].width - 2.0 * map::PADDING + 0.5;
        let t = &map.texts[i];
        for line in &t.lines {
            assert!(
                text::width(line, map::TEXT_SIZE) <= inner,
                "{line:?} spills out"
            );
        }
        // The header is bold and letter-spaced, the footer semi-bold.
        for line in &t.header {
            assert!(
                text::bold_width(line, map::SMALL_SIZE, map::HEAD_SPACING) <= inner,
                "{line:?} spills out"
            );
        }
        assert!(
            text::bold_width(&t.footer, map::SMALL_SIZE, 0.0) <= inner,
            "{:?} spills out",
            t.footer
        );
        let needed = 2.0 * map::PADDING
            + t.header.len() as f64 * map::SMALL_LINE
            + t.lines.len() as f64 * map::LINE_HEIGHT
            + map::SMALL_LINE;
        assert!(
            boxes[i].height >= needed,
            "{} is too short",
            map.model.nodes[i].id
        );
        assert!(boxes[i].x >= 0.0 && boxes[i].x + boxes[i].width <= map.layout.width);
        assert!(boxes[i].y >= 0.0 && boxes[i].y + boxes[i].height <= map.layout.height);
    }
    // Theses on top: no box above a thesis's top edge.
    let top = map
        .model
        .nodes
        .iter()
        .zip(boxes)
        .filter(|(n, _)| n.kind == crux::render::model::NodeKind::Thesis)
        .map(|(_, b)| b.y)
        .fold(f64::INFINITY, f64::min);
    assert!(boxes.iter().all(|b| b.y >= top - 0.5));
    for route in &map.layout.edges {
        assert!(route.points.len() >= 2);
    }
}

fn check_structure(map: &Map, svg: &str) {
    for node in &map.model.nodes {
        let open = format!(
            "<g class=\"node {} {}\" id=\"node-{}\"",
            node.kind.keyword(),
            node.verdict,
            node.id
        );
        let at = svg
            .find(&open)
            .unwrap_or_else(|| panic!("no group for {}", node.id));
        // The first shape of the group is its box.
        let rest = &svg[at..];
        let first_shape = ["<rect", "<path", "<polygon", "<circle", "<text"]
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, *s)))
            .min()
            .expect("a shape");
        assert_eq!(first_shape.1, "<rect", "{}: first shape", node.id);
    }
    for edge in &map.model.edges {
        let open = format!(
            "<g class=\"edge {}\" id=\"{}\"",
            edge.relation.keyword(),
            edge.id
        );
        assert!(svg.contains(&open), "no group for {}", edge.id);
    }
}

#[test]
fn fixtures_draw_by_the_contract() {
    for path in support::crux_files("tests/fixtures/render") {
        let map = map_of(&path);
        check_geometry(&map);
        let svg = svg::render(&map, true);
        check_structure(&map, &svg);
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name");
        insta::assert_snapshot!(format!("{name}.svg"), svg);
    }
}

#[test]
fn the_showcase_draws_by_the_contract() {
    for path in ["claims/crypto-ai.crux", "claims/performance.crux"] {
        let map = map_of(Path::new(path));
        check_geometry(&map);
        check_structure(&map, &svg::render(&map, true));
    }
}

/// Long IDs wrap in the bold, letter-spaced header, and each line is drawn (at its
/// Arial Bold length) inside its box.
#[test]
fn long_ids_stay_inside_their_boxes() {
    let text = "thesis wide_headers_with_a_very_long_identifier_name: \"Short.\"\n\
                claim another_quite_long_identifier_for_testing_widths: \"Tiny.\"\n  \
                supports wide_headers_with_a_very_long_identifier_name 0.5\n\
                evidence mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm: \"W.\"\n  \
                supports another_quite_long_identifier_for_testing_widths\n  source \"x\"\n";
    let file = crux::syntax::SourceFile::new("long.crux", "tests/fixtures/long.crux", text.into());
    let map = map_of_file(file);
    check_geometry(&map);
    let svg = svg::render(&map, true);
    for (node, (t, b)) in map
        .model
        .nodes
        .iter()
        .zip(map.texts.iter().zip(&map.layout.nodes))
    {
        assert!(t.header.len() >= 2, "{}: {:?}", node.id, t.header);
        let inner = b.width - 2.0 * map::PADDING;
        for line in &t.header {
            let drawn = text::arial_bold_width(line, map::SMALL_SIZE, map::HEAD_SPACING);
            assert!(
                drawn <= inner,
                "{line:?} is {drawn} wide in a box of {inner}"
            );
        }
    }
    // Header and footer lines carry their Arial Bold lengths, as statement lines carry
    // theirs, so that a wider fallback font is drawn to that length.
    let heads = svg.matches("<text class=\"head\"").count();
    let foots = svg.matches("<text class=\"foot\"").count();
    assert!(
        heads >= 6 && foots == 3,
        "{heads} header and {foots} footer lines"
    );
    for class in ["head", "foot"] {
        for tag in svg.split(&format!("<text class=\"{class}\"")).skip(1) {
            let tag = &tag[..tag.find('>').expect("a tag")];
            assert!(
                tag.contains("textLength=\""),
                "{class} line without its length: {tag}"
            );
        }
    }
}

/// The text lines of box `id` in an SVG map: each `<text class="body" …>` tag.
fn body_tags<'a>(svg: &'a str, id: &str) -> Vec<&'a str> {
    let group = svg
        .split("<g class=\"node ")
        .find(|g| g.contains(&format!("id=\"node-{id}\"")))
        .expect("the node's group");
    let group = &group[..group.find("</g>").expect("the group's end")];
    group
        .split("<text class=\"body\"")
        .skip(1)
        .map(|t| &t[..t.find('>').expect("a tag")])
        .collect()
}

#[test]
fn right_to_left_statements_start_at_the_right_edge() {
    // A statement whose first letter with a direction is Hebrew or Arabic runs from
    // the box's right edge, as `dir="auto"` would have it; one that starts in Latin
    // letters runs from the left, whatever it quotes.
    let text = "thesis he: \"הבינה המלאכותית תשנה את שוק העבודה בעשור הקרוב, כך טוענים רבים.\"\n\
                claim ar: \"«مرحبا بالعالم»، هذا نص عربي طويل بما يكفي ليلتف على عدة أسطر.\"\n  \
                supports he\n\
                claim mixed: \"In 2024 הלשכה המרכזית לסטטיסטיקה said so.\"\n  supports he\n\
                claim both: \"\"\"\n    זו הטענה המרכזית שלנו.\n\n    Summary in English: AI helps (a lot).\n    \"\"\"\n  supports he\n";
    let file = crux::syntax::SourceFile::new("rtl.crux", "tests/fixtures/rtl.crux", text.into());
    let map = map_of_file(file);
    let svg = svg::render(&map, true);
    for (i, node) in map.model.nodes.iter().enumerate() {
        let b = &map.layout.nodes[i];
        let tags = body_tags(&svg, &node.id);
        assert!(tags.len() >= 2, "{}: {tags:?}", node.id);
        // Each paragraph has its own direction: `both` is a Hebrew paragraph (one
        // line) and an English one.
        let expected: Vec<bool> = match node.id.as_str() {
            "mixed" => vec![false; tags.len()],
            "both" => (0..tags.len()).map(|k| k == 0).collect(),
            _ => vec![true; tags.len()],
        };
        assert_eq!(map.texts[i].rtl, expected, "{}", node.id);
        for (tag, rtl) in tags.into_iter().zip(expected) {
            let x = match rtl {
                true => b.x + b.width - map::PADDING,
                false => b.x + map::PADDING,
            };
            let at: f64 = tag
                .split("x=\"")
                .nth(1)
                .and_then(|v| v[..v.find('"')?].parse().ok())
                .expect("an x");
            assert!((at - x).abs() < 0.6, "{}: {tag} (x {x})", node.id);
            assert_eq!(
                tag.contains(" direction=\"rtl\""),
                rtl,
                "{}: {tag}",
                node.id
            );
        }
    }
    // The image renderer reads no `direction`: its copy anchors those lines at their
    // end, so that they end at the right edge instead of starting there.
    let image = crux::render::fonts::for_images(&svg);
    for tag in body_tags(&image, "he") {
        assert!(
            tag.contains("direction=\"rtl\" text-anchor=\"end\""),
            "{tag}"
        );
    }
    assert!(
        body_tags(&image, "mixed")
            .iter()
            .all(|t| !t.contains("text-anchor"))
    );
}

#[test]
fn hostile_strings_stay_text_in_svg() {
    let map = map_of(Path::new("tests/fixtures/render/hostile.crux"));
    let svg = svg::render(&map, true);
    assert!(!svg.contains("<script"), "a script tag got through");
    assert!(!svg.contains("<img"), "an img tag got through");
    assert!(!svg.contains("]]>"), "a CDATA end got through");
    assert_eq!(svg.matches("</svg>").count(), 1, "an </svg> got through");
    assert!(!svg.to_ascii_lowercase().contains("href=\"javascript"));
    for href in svg.split("href=\"").skip(1) {
        let url = href.split('"').next().unwrap_or("");
        assert!(
            url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:"),
            "unsafe link {url}"
        );
    }
}
