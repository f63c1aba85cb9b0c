//! The render pipeline outside the command line: `render::build_model` and
//! `render::render` give, for every format, the bytes `crux render` prints.

use std::path::Path;
use std::process::Command;

use crux::check::Severities;
use crux::render::model::Context;
use crux::render::{self, Format, Options};

const DEBATE: &str = "---\ntitle: A small debate\n---\n\
thesis t: \"The thesis.\"\n\
claim a: \"A reason,\n  on two lines.\"\n  supports t 0.125\n  source \"https://example.org/a\"\n\
counter b: \"An objection.\"\n  attacks t 0.5\n  status open\n\
evidence e: \"A fact.\"\n  undercuts a -> t 0.7\n  source \"javascript:alert(1)\"\n";

fn cli(path: &Path, format: &str) -> Vec<u8> {
    // `--layout` is for the drawn formats only.
    let drawn = ["html", "svg", "png", "pdf"].contains(&format);
    let layout: &[&str] = if drawn { &["--layout", "builtin"] } else { &[] };
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["render", "--format", format])
        .args(layout)
        .arg(path)
        .current_dir(path.parent().expect("a folder"))
        .output()
        .expect("crux runs");
    assert!(
        out.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_library_draws_what_the_command_prints() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("debate.crux");
    std::fs::write(&path, DEBATE).expect("written");

    let file = crux::project::read(&path).expect("readable");
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        dir.path(),
        &Severities::default(),
        &Default::default(),
    );
    assert!(!diagnostics.is_empty(), "the debate should have findings");
    let artifact = |a: &crux::model::ArtifactRef| crux::project::preview::access(a, dir.path());
    let cx = Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &artifact,
        verdict: Default::default(),
    };
    let model = render::build_model(&debate, &diagnostics, &cx);
    for (format, name) in [
        (Format::Html, "html"),
        (Format::Svg, "svg"),
        (Format::Dot, "dot"),
        (Format::Json, "json"),
        (Format::Mermaid, "mermaid"),
        (Format::Png, "png"),
    ] {
        let output = render::render(format, &model, &Options::default()).expect("drawn");
        assert_eq!(output.image.is_empty(), !format.is_binary(), "{name}");
        assert!(output.into_bytes() == cli(&path, name), "{name}");
    }
    // The PDF holds the same objects, though maybe in another order.
    let pdf = render::render(Format::Pdf, &model, &Options::default()).expect("drawn");
    assert!(pdf.text.is_empty() && pdf.image.starts_with(b"%PDF-"));
    assert_eq!(pdf.image.len(), cli(&path, "pdf").len());
}

#[test]
fn a_missing_template_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("debate.crux");
    std::fs::write(&path, DEBATE).expect("written");
    let file = crux::project::read(&path).expect("readable");
    let debate = crux::parse_debate(vec![file], Default::default());
    let cx = Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|_| crux::render::model::ArtifactAccess::Outside,
        verdict: Default::default(),
    };
    let model = render::build_model(&debate, &[], &cx);
    let options = Options {
        templates: Some(dir.path().join("no such folder")),
        ..Options::default()
    };
    let e = render::render(Format::Html, &model, &options).unwrap_err();
    assert!(matches!(e, render::RenderError::Template(_)), "{e:?}");
    assert!(e.to_string().contains("no such folder"), "{e}");
    // The formats that need no template are unaffected.
    assert!(render::render(Format::Dot, &model, &options).is_ok());
}

/// `--layout` is taken by exactly the formats that draw the laid-out map
/// ([`Format::is_drawn`]); another makes the same output with it, and a note says it
/// changed nothing. Without it, every format is made.
#[test]
fn layout_is_noted_where_nothing_is_drawn() {
    use clap::ValueEnum;
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("debate.crux"), DEBATE).expect("written");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_crux"))
            .args(["render", "debate.crux"])
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .output()
            .expect("crux runs")
    };
    let mut drawn = Vec::new();
    for format in Format::value_variants() {
        let name = format.to_possible_value().expect("a name");
        let name = name.get_name();
        let plain = run(&["--format", name]);
        assert!(plain.status.success(), "{name}: {plain:?}");
        let laid_out = run(&["--format", name, "--layout", "builtin"]);
        if format.is_drawn() {
            assert!(laid_out.status.success(), "{name}: {laid_out:?}");
            assert_eq!(laid_out.stdout, plain.stdout, "{name}");
            drawn.push(name.to_string());
        } else {
            assert!(laid_out.status.success(), "{name}: {laid_out:?}");
            assert_eq!(laid_out.stdout, plain.stdout, "{name}");
            // The note comes first, then what the run says without the flag.
            assert_eq!(
                String::from_utf8_lossy(&laid_out.stderr),
                format!(
                    "note: --layout has no effect with --format {name}: only svg, html, png and pdf are drawn\n{}",
                    String::from_utf8_lossy(&plain.stderr)
                )
            );
        }
    }
    drawn.sort();
    assert_eq!(drawn, ["html", "pdf", "png", "svg"]);
}
