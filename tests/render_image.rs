//! `crux render --format png|pdf`: the images decode, their size is the SVG's times the
//! scale, the same debate gives the same bytes twice, every character of the map has a
//! glyph in the bundled fonts, and binary output never lands on a terminal.
//!
//! The PDF is drawn back to pixels by `pdftoppm` (poppler-utils). Without it the PDF
//! tests say so and pass, except in CI (`CI=true`), which installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DEBATE: &str = "tests/fixtures/render-cli/debate.crux";

fn crux(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("crux runs")
}

/// Runs crux and returns its standard output, failing on a non-zero exit.
fn bytes(args: &[&str]) -> Vec<u8> {
    let out = crux(args);
    assert!(
        out.status.success(),
        "crux {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The `width` and `height` of the map's SVG, as `--format svg` writes it.
fn svg_size(path: &str) -> (f64, f64) {
    let svg = String::from_utf8(bytes(&["render", path, "--format", "svg"])).expect("UTF-8");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    let number = |name: &str| -> f64 {
        root.attribute(name)
            .expect("a size")
            .parse()
            .expect("a number")
    };
    (number("width"), number("height"))
}

/// The pixel size of a PNG image, read by the `png` crate, which also decodes every
/// pixel of it.
fn png_size(data: &[u8]) -> (u32, u32) {
    let mut reader = png::Decoder::new(data).read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).expect("decodable pixels");
    (frame.width, frame.height)
}

#[test]
fn the_png_is_the_svg_times_the_scale() {
    let (w, h) = svg_size(DEBATE);
    // The default: 2 pixels per SVG pixel, rounded up.
    let png = bytes(&["render", DEBATE, "--format", "png"]);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(
        png_size(&png),
        ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32)
    );
    let png = bytes(&["render", DEBATE, "--format", "png", "--scale", "0.5"]);
    assert_eq!(
        png_size(&png),
        ((w * 0.5).ceil() as u32, (h * 0.5).ceil() as u32)
    );
}

#[test]
fn a_map_too_large_for_the_default_scale_is_drawn_at_the_largest_that_fits() {
    // The showcase at 2 pixels per SVG pixel would be over 50 million pixels.
    let (w, h) = svg_size("claims/");
    assert!(
        w * h * 4.0 > 50e6,
        "the showcase has grown small: {w} × {h}"
    );
    let out = crux(&["render", "claims/", "--format", "png"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let note = stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("note: the map is too large for a PNG image at scale 2: drawn at scale ")
        })
        .unwrap_or_else(|| panic!("no note of the scale: {stderr}"));
    let scale: f64 = note
        .split(',')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no scale in {note}"));
    assert!(scale < 2.0, "{note}");
    // The image is the SVG at that scale: within the limit, and the next step would not be.
    let info = png::Decoder::new(out.stdout.as_slice())
        .read_info()
        .expect("a PNG header")
        .info()
        .clone();
    assert_eq!(
        (info.width, info.height),
        ((w * scale).ceil() as u32, (h * scale).ceil() as u32)
    );
    assert!(u64::from(info.width) * u64::from(info.height) <= 50_000_000);
    let next = scale + 0.01;
    assert!((w * next).ceil() * (h * next).ceil() > 50e6);
    // A scale asked for is drawn as asked, or refused: never lowered quietly.
    let asked = crux(&["render", "claims/", "--format", "png", "--scale", "2"]);
    assert_eq!(asked.status.code(), Some(2));
    assert!(asked.stdout.is_empty());
}

/// A character that no bundled font has is drawn as a white square, and the output
/// says which, once each; a map whose characters are all covered says nothing of it.
/// A symbol after such a character still comes from the symbols font (the layout of
/// the images stops looking for fonts after a character none has), and a PDF's text
/// copies each such character as the square, not as another one of them.
#[test]
fn characters_without_a_glyph_are_named() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("cjk.crux");
    std::fs::write(
        &file,
        "thesis t: \"GPU 算力 boom 🚀 ✓, Ελλάδα и Россия; 算力 again\"\n",
    )
    .expect("written");
    let file = file.to_str().expect("a UTF-8 path");
    for format in ["png", "pdf"] {
        let out = crux(&["render", file, "--format", format]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert_eq!(
            stderr.trim_end(),
            "note: 3 characters of the map's text (算 力 🚀) have no glyph in the fonts \
             bundled for PNG and PDF (Latin, Greek, Cyrillic, symbols) and are drawn as \
             □; --format svg and html use the reader's fonts",
            "{format}"
        );
        let plain = crux(&["render", DEBATE, "--format", format]);
        assert!(
            plain.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&plain.stderr)
        );
        if format == "pdf"
            && let Some(text) = pdf_text(&out.stdout)
        {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains("GPU □□ boom □ ✓, Ελλάδα и Россия; □□ again"),
                "{text}"
            );
        }
    }
    let svg = crux(&["render", file, "--format", "svg"]);
    let svg = String::from_utf8(svg.stdout).expect("UTF-8");
    let doc = crux::render::fonts::xml(&svg).expect("read");
    let (tree, missing) = crux::render::fonts::covered(&svg, &doc).expect("laid out");
    assert_eq!(missing, ["算", "力", "🚀"]);
    let glyphs = crux::render::fonts::glyphs(&tree);
    let tick = glyphs.iter().find(|g| g.2 == "✓" && g.1 == 400);
    assert_eq!(
        tick.and_then(|g| g.0.as_deref()),
        Some("Noto Sans Symbols2"),
        "{glyphs:?}"
    );
    assert!(glyphs.iter().all(|g| g.0.is_some()), "{glyphs:?}");
}

/// A scale too large for the map, up to one too large for any number crux holds
/// (`1e308` and `inf` overflow), is refused with the range: the text as written, and the
/// largest scale that fits this map, which is drawn, while the next step is not.
#[test]
fn a_scale_out_of_range_names_the_largest_that_fits() {
    let (w, h) = svg_size(DEBATE);
    for written in ["100", "1e30", "1e308", "inf"] {
        let out = crux(&["render", DEBATE, "--format", "png", "--scale", written]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{written}: {stderr}");
        assert!(out.stdout.is_empty());
        let (text, rest) = stderr
            .strip_prefix(&format!(
                "error: --scale {written} is out of range: give a positive number up to "
            ))
            .and_then(|rest| rest.split_once(", the largest at which this map ("))
            .unwrap_or_else(|| panic!("{written}: {stderr}"));
        assert!(
            rest.starts_with(&format!(
                "{} × {} pixels) makes a PNG image of at most 50 million pixels; ",
                w.ceil(),
                h.ceil()
            )),
            "{stderr}"
        );
        let largest: f64 = text.parse().expect("a number");
        let png = bytes(&["render", DEBATE, "--format", "png", "--scale", text]);
        assert_eq!(
            png_size(&png),
            ((w * largest).ceil() as u32, (h * largest).ceil() as u32)
        );
        let next = largest + 0.01;
        assert!((w * next).ceil() * (h * next).ceil() > 50e6, "{next}");
    }
}

/// What is not a positive number is a usage error that quotes it, before any work.
#[test]
fn a_scale_that_is_not_a_positive_number_is_refused() {
    for written in ["NaN", "nan", "0", "-1", "-0.5", "abc", "1e-60"] {
        let out = crux(&["render", DEBATE, "--format", "png", "--scale", written]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{written}: {stderr}");
        assert!(out.stdout.is_empty());
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!(
                "error: invalid value '{written}' for '--scale <N>': "
            )) && first.ends_with(
                "give a positive number of PNG pixels per SVG pixel, such as 2 (the \
                     default) or 1.5"
            ),
            "{stderr}"
        );
    }
}

#[test]
fn the_png_is_drawn_not_blank() {
    let png = bytes(&["render", DEBATE, "--format", "png", "--scale", "1"]);
    let mut reader = png::Decoder::new(png.as_slice())
        .read_info()
        .expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).expect("decodable pixels");
    assert_eq!(frame.color_type, png::ColorType::Rgba);
    let pixels = &buf[..frame.buffer_size()];
    // An opaque white background, and a good share of other colours (boxes, text).
    assert!(pixels.chunks(4).all(|p| p[3] == 255), "transparent pixels");
    let white = pixels
        .chunks(4)
        .filter(|p| p[..3] == [255, 255, 255])
        .count();
    let all = pixels.len() / 4;
    assert!(
        white < all * 9 / 10 && white > all / 10,
        "{white} of {all} white"
    );
}

#[test]
fn the_same_debate_gives_the_same_png_bytes() {
    let first = bytes(&["render", DEBATE, "--format", "png"]);
    let second = bytes(&["render", DEBATE, "--format", "png"]);
    assert!(first == second, "the PNG differs between two runs");
}

/// `pdftoppm`, or `None` (with a message) where it is missing outside CI.
fn pdftoppm() -> Option<&'static str> {
    let found = Command::new("pdftoppm")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if found {
        return Some("pdftoppm");
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "pdftoppm (poppler-utils) is missing in CI: .ci/run installs it"
    );
    eprintln!("pdftoppm is not installed (apt-get install poppler-utils): PDF not drawn back");
    None
}

/// The PDF's page drawn by pdftoppm at 96 dpi (a page pixel is an SVG pixel), as PNG.
fn draw_page(pdftoppm: &str, pdf: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("map.pdf");
    std::fs::write(&input, pdf).expect("written");
    let status = Command::new(pdftoppm)
        .args(["-r", "96", "-png", "-singlefile"])
        .arg(&input)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success(), "pdftoppm failed on the PDF");
    std::fs::read(dir.path().join("page.png")).expect("a page image")
}

#[test]
fn the_pdf_draws_back_at_the_svg_size_and_the_same_twice() {
    let pdf = bytes(&["render", DEBATE, "--format", "pdf"]);
    assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..8.min(pdf.len())]);
    let again = bytes(&["render", DEBATE, "--format", "pdf"]);
    // Byte for byte: svg2pdf writes its fonts in the order of a hash map, which crux
    // numbers and orders again.
    assert!(pdf == again, "two runs give different PDFs");
    let Some(pdftoppm) = pdftoppm() else {
        return;
    };
    let page = draw_page(pdftoppm, &pdf);
    let (w, h) = svg_size(DEBATE);
    let (pw, ph) = png_size(&page);
    assert!(
        (f64::from(pw) - w).abs() <= 1.0 && (f64::from(ph) - h).abs() <= 1.0,
        "page {pw} × {ph}, SVG {w} × {h}"
    );
    assert!(
        page == draw_page(pdftoppm, &again),
        "the PDF draws differently twice"
    );
}

/// The `[width, height]` of each page's media box, in the order of the pages.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox [")
        .skip(1)
        .map(|rest| {
            let numbers: Vec<f64> = rest[..rest.find(']').expect("a closed box")]
                .split_whitespace()
                .map(|n| n.parse().expect("a number"))
                .collect();
            (numbers[2] - numbers[0], numbers[3] - numbers[1])
        })
        .collect()
}

#[test]
fn several_debates_are_a_page_each_named_in_the_outline_and_one_image_with_a_note() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("written");
    };
    write(
        "one.crux",
        "thesis a: \"First thesis\"\n\nevidence e: \"Seen\"\n  supports a\n  source \"https://example.org/e\"\n",
    );
    write(
        "two.crux",
        "thesis b: \"Second thesis\"\n\nclaim c: \"Because\"\n  supports b\n\nclaim loose: \"On its own\"\n",
    );
    let path = dir.path().to_str().expect("UTF-8 path");
    let pdf = bytes(&["render", path, "--format", "pdf"]);
    let text = String::from_utf8_lossy(&pdf);
    // Three pages: the two debates, then the node that belongs to neither.
    assert!(text.contains("/Count 3"), "{text}");
    for title in ["First thesis", "Second thesis", "Nodes without a thesis"] {
        assert!(
            text.contains(&format!("/Title ({title})")),
            "no outline entry {title}"
        );
    }
    assert!(text.contains("/PageMode /UseOutlines"));
    // Each debate's page is the size of its map drawn alone (`--root`), at 72 points to
    // 96 pixels.
    let boxes = media_boxes(&pdf);
    assert_eq!(boxes.len(), 3, "{boxes:?}");
    for (page, root) in boxes.iter().zip(["a", "b"]) {
        let svg = String::from_utf8(bytes(&["render", path, "--root", root, "--format", "svg"]))
            .expect("UTF-8");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let size = |name: &str| -> f64 {
            let value: f64 = (doc.root_element().attribute(name))
                .and_then(|v| v.parse().ok())
                .expect("a size");
            value * 72.0 / 96.0
        };
        assert!(
            (page.0 - size("width")).abs() < 0.01 && (page.1 - size("height")).abs() < 0.01,
            "page {page:?} of {root}"
        );
    }
    // A PNG image is one picture of them side by side; stderr says how to draw one.
    let png = crux(&["render", path, "--format", "png"]);
    assert!(png.status.success());
    assert!(
        String::from_utf8_lossy(&png.stderr).contains(
            "note: the image holds 2 debates side by side: `--root ID` draws one (their theses are `a`, `b`), and `--format pdf` gives each a page of its own\n"
        ),
        "{}",
        String::from_utf8_lossy(&png.stderr)
    );
    let alone = crux(&["render", DEBATE, "--format", "png"]);
    assert!(!String::from_utf8_lossy(&alone.stderr).contains("side by side"));
    // One debate is one page, with no outline.
    let one = bytes(&["render", DEBATE, "--format", "pdf"]);
    assert_eq!(media_boxes(&one).len(), 1);
    assert!(!String::from_utf8_lossy(&one).contains("/Outlines"));
    let Some(words) = pdf_text(&pdf) else {
        return;
    };
    let first = words.find("First thesis").expect("the first debate's text");
    let second = words
        .find("Second thesis")
        .expect("the second debate's text");
    let loose = words.find("On its own").expect("the loose node's text");
    assert!(first < second && second < loose, "{words}");
}

/// The text of a PDF as pdftotext copies it, `None` where poppler-utils is not
/// installed (outside CI).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    pdftoppm()?;
    // pdftotext comes with pdftoppm in poppler-utils.
    let out = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(pdf)?;
            child.wait_with_output()
        })
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    Some(String::from_utf8(out.stdout).expect("UTF-8 text"))
}

#[test]
fn the_pdf_holds_the_text_and_embeds_its_fonts() {
    let pdf = bytes(&["render", DEBATE, "--format", "pdf"]);
    let text = String::from_utf8_lossy(&pdf);
    // Subsets of the bundled fonts, named as PDF names subsets (`ABCDEF+Name`).
    for font in [
        "+LiberationSans-Bold",
        "+LiberationSans",
        "+NotoSansSymbols2",
    ] {
        assert!(text.contains(font), "{font} is not embedded");
    }
    let Some(words) = pdf_text(&pdf) else {
        return;
    };
    assert!(words.contains("✗ FALLS"), "{words}");
    assert!(words.contains("Legend"), "{words}");
}

/// Every glyph of every text in the map of `path` comes from a bundled font (none is
/// an empty box), letters from Liberation Sans.
fn every_character_has_a_glyph(path: &Path) {
    let file = crux::project::read(path).expect("readable");
    let debate = crux::parse_debate(vec![file], Default::default());
    let cx = crux::render::model::Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|_| crux::render::model::ArtifactAccess::Outside,
        verdict: Default::default(),
    };
    let model = crux::render::build_model(&debate, &[], &cx);
    let options = crux::render::Options::default();
    let svg = crux::render::render(crux::render::Format::Svg, &model, &options)
        .expect("drawn")
        .text;
    let tree = crux::render::fonts::parse(&svg).expect("parsed");
    let glyphs = crux::render::fonts::glyphs(&tree);
    assert!(glyphs.len() > 500, "{} glyphs", glyphs.len());
    let missing: String = glyphs
        .iter()
        .filter(|g| g.0.is_none())
        .map(|g| g.2.as_str())
        .collect();
    assert_eq!(
        missing,
        "",
        "characters without a glyph in {}",
        path.display()
    );
    let letters = glyphs
        .iter()
        .filter(|g| g.2.chars().all(char::is_alphanumeric));
    for (family, _, text) in letters {
        assert_eq!(family.as_deref(), Some("Liberation Sans"), "{text:?}");
    }
}

#[test]
fn every_character_of_the_maps_has_a_glyph() {
    every_character_has_a_glyph(Path::new(DEBATE));
    every_character_has_a_glyph(Path::new("tests/fixtures/render/typical.crux"));
    every_character_has_a_glyph(Path::new("tests/fixtures/render/hostile.crux"));
    every_character_has_a_glyph(Path::new("claims/crypto-ai.crux"));
}

#[test]
fn an_image_is_written_to_a_file_but_never_over_a_debate() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let debate = dir.path().join("debate.crux");
    std::fs::copy(DEBATE, &debate).expect("copied");
    let original = std::fs::read(&debate).expect("readable");
    let path = |p: &PathBuf| p.to_str().expect("UTF-8").to_string();
    let out = dir.path().join("map.png");
    bytes(&[
        "render",
        &path(&debate),
        "--format",
        "png",
        "-o",
        &path(&out),
    ]);
    assert!(
        std::fs::read(&out)
            .expect("written")
            .starts_with(b"\x89PNG")
    );
    let refused = crux(&[
        "render",
        &path(&debate),
        "--format",
        "pdf",
        "-o",
        &path(&debate),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("refusing to write the map over"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&debate).expect("readable"), original);
}

/// With standard output on a terminal (a pseudo-terminal here) and no `-o`, PNG and PDF
/// are refused with exit code 2 and nothing written; the text formats are not.
#[cfg(target_os = "linux")]
#[test]
fn an_image_is_refused_on_a_terminal() {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};

    let run = |format: &str| -> (Option<i32>, String, Vec<u8>) {
        let (mut master, mut slave) = (0, 0);
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0, "openpty");
        // SAFETY: openpty returned two fresh descriptors that nothing else owns.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let child = Command::new(env!("CARGO_BIN_EXE_crux"))
            .args(["render", DEBATE, "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::from(slave))
            .stderr(Stdio::piped())
            .spawn()
            .expect("crux runs");
        // Read what reaches the terminal while crux runs, so that it never waits for
        // room; the reads end (EIO) once crux has closed its end.
        let reader = std::thread::spawn(move || {
            let mut terminal = std::fs::File::from(master);
            let mut shown = Vec::new();
            let mut chunk = [0u8; 65536];
            while let Ok(n) = terminal.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                shown.extend_from_slice(&chunk[..n]);
            }
            shown
        });
        let out = child.wait_with_output().expect("crux ends");
        let shown = reader.join().expect("the reader ends");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stderr, shown)
    };
    for (format, name) in [("png", "PNG"), ("pdf", "PDF")] {
        let (code, stderr, shown) = run(format);
        assert_eq!(code, Some(2), "{format}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: refusing to write {name} to a terminal, it is binary; name a file \
                 with -o map.{format}, or redirect or pipe the output\n"
            )
        );
        assert!(shown.is_empty(), "{format}: {} bytes shown", shown.len());
    }
    let (code, stderr, shown) = run("mermaid");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&shown).contains("flowchart"));
}

#[test]
fn hostile_strings_make_images_like_any_text() {
    // Markup, template syntax, quotes, backslashes and line breaks in every string.
    let path = "tests/fixtures/render/hostile.crux";
    let (w, h) = svg_size(path);
    let png = bytes(&["render", path, "--format", "png", "--scale", "1"]);
    assert_eq!(png_size(&png), (w.ceil() as u32, h.ceil() as u32));
    let pdf = bytes(&["render", path, "--format", "pdf"]);
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(pdftoppm) = pdftoppm() {
        let (pw, ph) = png_size(&draw_page(pdftoppm, &pdf));
        assert!((f64::from(pw) - w).abs() <= 1.0 && (f64::from(ph) - h).abs() <= 1.0);
    }
}

/// A map taller than the 14,400 units a PDF page side may have in Acrobat and other
/// readers that keep to the reference's limits is written in larger units (UserUnit):
/// the page is the same size, its sides within the limit.
#[test]
fn a_very_tall_map_is_a_page_within_the_pdf_limits() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut text = String::from("thesis c0: \"C0.\"\n");
    for i in 1..200 {
        text.push_str(&format!(
            "claim c{i}: \"Claim {i}.\"\n  supports c{}\n",
            i - 1
        ));
    }
    let path = dir.path().join("chain.crux");
    std::fs::write(&path, text).expect("written");
    let path = path.to_str().expect("UTF-8");
    let (width, height) = svg_size(path);
    let pdf = bytes(&["render", path, "--format", "pdf"]);
    let boxes = media_boxes(&pdf);
    assert_eq!(boxes.len(), 1);
    let (w, h) = boxes[0];
    assert!(w <= 14_400.0 && h <= 14_400.0, "{boxes:?}");
    let unit: f64 = String::from_utf8_lossy(&pdf)
        .split("/UserUnit ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .expect("a UserUnit");
    // In points: the SVG's pixels at 96 per inch.
    assert!(
        (h * unit - height * 72.0 / 96.0).abs() < 1.0,
        "{h} × {unit} vs {height}"
    );
    assert!(
        (w * unit - width * 72.0 / 96.0).abs() < 1.0,
        "{w} × {unit} vs {width}"
    );
}
