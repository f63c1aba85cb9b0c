//! `crux render`: draw the map of a debate as HTML, SVG, DOT, JSON, Mermaid, or a PNG
//! or PDF image, or write the debate in an exchange format (AIF, GraphML, Argdown).

use crate::diagnostic::terminal::sanitize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::ExitStatus;
use super::write::{check_folder, destination, write_atomically};
use crate::project;
use crate::render::model::Context;
use crate::render::{self, Engine, Format, Options};
use crate::syntax::ast::AttributeKind;

/// `--layout`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum LayoutArg {
    /// Graphviz `dot` when it is on PATH, else the built-in layout.
    Auto,
    /// Graphviz `dot` (an error if it is not installed).
    Graphviz,
    /// crux's own layered layout (the default: fast, and needs nothing installed).
    Builtin,
}

#[derive(clap::Args, Debug)]
pub(crate) struct RenderArgs {
    /// Files and directories of the debate (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format. It may be left out with `-o FILE` when the file's extension names
    /// one: .html (.htm), .svg, .dot (.gv), .mmd (.mermaid), .png, .pdf, .aif.json,
    /// .graphml or .argdown; a .json file may hold json or aif, and needs it.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file (atomically) instead of standard output (`-` is standard
    /// output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// PNG pixels per SVG pixel (default 2, sharp on slides and high-density
    /// screens, or less if the map would be over 50 million pixels, the most an
    /// image may have).
    #[arg(long, value_name = "N", value_parser = scale, allow_negative_numbers = true)]
    scale: Option<Scale>,
    /// Layout engine for html, svg, png and pdf, the formats that are drawn; with another
    /// format it has no effect, and a note says so (default: `render.layout` in
    /// crux.yaml, else builtin).
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Load the page's templates from this directory instead of the built-in ones:
    /// `page.html.tera` (it must be there), and any other `*.tera`, `style.css` or `script.js`.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Draw only this node and what leads to it (default: `render.root` in
    /// crux.yaml, else the whole debate).
    #[arg(long, value_name = "ID")]
    root: Option<String>,
    /// Use this config file instead of looking for `crux.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// `--scale`: the number, and the text it was given as, which an error quotes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Scale {
    /// PNG pixels per SVG pixel: positive and finite (a number too large for an `f32`
    /// is the largest one, which no map fits).
    value: f32,
    /// As written on the command line.
    written: String,
}

/// Reads `--scale`: any positive number. Whether it is too large depends on the size
/// of the map (its image may have at most 50 million pixels), so that is found out
/// once the map is drawn, and the error names the largest scale that fits it.
fn scale(text: &str) -> Result<Scale, String> {
    let positive = "give a positive number of PNG pixels per SVG pixel, such as 2 (the \
                    default) or 1.5";
    let text = text.trim();
    let value: f64 = match text.parse() {
        Ok(v) if f64::is_nan(v) => return Err(format!("not a number; {positive}")),
        Ok(v) => v,
        Err(_) => return Err(format!("not a number; {positive}")),
    };
    if value <= 0.0 {
        return Err(positive.to_string());
    }
    let value = (value as f32).min(f32::MAX);
    if value == 0.0 {
        return Err(format!("too small to tell from 0; {positive}"));
    }
    Ok(Scale {
        value,
        written: text.to_string(),
    })
}

/// The error of `--scale {written}` when the map's image would have too many pixels:
/// the accepted range, up to the largest scale that fits this map.
fn scale_out_of_range(written: &str, e: &render::png::TooManyPixels) -> String {
    format!(
        "--scale {written} is out of range: give a positive number up to {}, the largest \
         at which this map ({} × {} pixels) makes a PNG image of at most {} million \
         pixels; or render PDF or SVG, which have no such limit",
        e.largest,
        e.width.ceil(),
        e.height.ceil(),
        render::png::MAX_PIXELS / 1_000_000
    )
}

/// The layout engine: `--layout`, else `render.layout` of `crux.yaml`, else the
/// built-in one; `auto` asks for Graphviz only when it is installed and a drawn format
/// (`drawn`) will use it.
pub(crate) fn engine(layout: Option<LayoutArg>, configured: Option<&str>, drawn: bool) -> Engine {
    let choice = match (layout, configured) {
        (Some(l), _) => l,
        (None, Some("graphviz")) => LayoutArg::Graphviz,
        (None, Some("auto")) => LayoutArg::Auto,
        _ => LayoutArg::Builtin,
    };
    match choice {
        LayoutArg::Builtin => Engine::Builtin,
        LayoutArg::Graphviz => Engine::Graphviz,
        LayoutArg::Auto if drawn && render::graphviz::available() => Engine::Graphviz,
        LayoutArg::Auto => Engine::Builtin,
    }
}

pub(crate) fn run(args: RenderArgs) -> ExitStatus {
    match run_inner(&args) {
        Ok(status) => status,
        Err(message) => {
            eprintln!("error: {}", sanitize(&message));
            ExitStatus::Error
        }
    }
}

fn run_inner(args: &RenderArgs) -> Result<ExitStatus, String> {
    // `-o -` is standard output, as for `crux import`, not a file named `-`.
    let out_file = args.output.as_deref().filter(|o| *o != Path::new("-"));
    let format = match args.format {
        Some(format) => format,
        None => format_of(out_file)?,
    };
    if args.scale.is_some() && format != Format::Png {
        return Err("--scale applies to --format png only".into());
    }
    if args.layout.is_some() && !format.is_drawn() {
        // The other formats hold no positions: `--layout` changes nothing. Still taken
        // (the command line has always taken it with every format), but not silently.
        eprintln!(
            "note: --layout has no effect with --format {}: only svg, html, png and pdf are drawn",
            format_name(format)
        );
    }
    if args.templates.is_some() && format != Format::Html {
        return Err("--templates applies to --format html only".into());
    }
    if format.is_binary() && out_file.is_none() && std::io::stdout().is_terminal() {
        let ext = match format {
            Format::Png => "png",
            _ => "pdf",
        };
        return Err(format!(
            "refusing to write {} to a terminal, it is binary; name a file with -o map.{ext}, \
             or redirect or pipe the output",
            ext.to_uppercase()
        ));
    }
    if let Some(out) = out_file {
        refuse_another_format(out, format)?;
        check_folder(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    let loaded = super::load::load(&args.paths, args.config.as_deref())?;
    if let Some(out) = out_file {
        refuse_to_overwrite_input(out, &loaded)?;
        if let Some(dir) = &args.templates {
            refuse_to_overwrite_template(out, dir)?;
        }
    }
    if loaded.unreadable > 0 {
        // Each file was reported; a map without them would mislead.
        return Ok(ExitStatus::Error);
    }
    let output_dir = match out_file {
        Some(o) => o
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(".")),
        None => PathBuf::from("."),
    };
    // What was written but is not in the debate: lines that could not be read, and
    // relations to IDs that do not exist (a relation written twice loses nothing).
    let lost = loaded.debate.syntax_errors.len()
        + (loaded.debate.resolve_errors.iter())
            .filter(|e| !e.is_repeat())
            .count();
    let mut model = model_of(&loaded, output_dir)?;
    let (config, debate) = (loaded.config, loaded.debate);
    if let Some(root) = args.root.as_deref() {
        model = model.rooted_at(root)?;
    } else if let Some(root) = config.render.root.as_deref() {
        // Say where the ID comes from: no `--root` was given.
        model = model
            .rooted_at(root)
            .map_err(|e| format!("{}: `render.root`: {e}", config.render_root_place()))?;
    }
    let engine = engine(
        args.layout,
        config.render.layout.as_deref(),
        format.is_drawn(),
    );
    let options = Options {
        engine,
        templates: args.templates.clone(),
        scale: args.scale.as_ref().map(|s| s.value),
        written: if matches!(format, Format::Aif | Format::Argdown) {
            render::aif::Written::of(&debate)
        } else {
            render::aif::Written::default()
        },
    };
    let output = render::render(format, &model, &options).map_err(|e| match (e, &args.scale) {
        (render::RenderError::TooManyPixels(e), Some(scale)) => {
            scale_out_of_range(&scale.written, &e)
        }
        (e, _) => e.to_string(),
    })?;
    for note in &output.notes {
        eprintln!("note: {note}");
    }
    if lost > 0 {
        // The page lists them; an export or a picture does not, and what they lose is
        // missing from it without a word.
        eprintln!(
            "note: the debate has {}, and what they lose is not \
             in the output; run `crux check`",
            crate::diagnostic::plural(lost, "syntax or reference error")
        );
    }
    let bytes = output.into_bytes();
    match out_file {
        Some(path) => write_atomically(path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            if !super::stdout::print(&bytes) {
                return Ok(ExitStatus::Error);
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The render model of a loaded debate, checked by the rules of its config; artifact
/// links are relative to `output_dir`, where the map is written (or served from).
pub(crate) fn model_of(
    loaded: &super::load::Loaded,
    output_dir: PathBuf,
) -> Result<render::model::RenderModel, String> {
    let severities = loaded.config.severities().map_err(|e| e.to_string())?;
    let verdict = loaded.config.verdict;
    let debate = &loaded.debate;
    let diagnostics = crate::check_debate(debate, &loaded.root, &severities, &verdict);
    let artifact = |a: &crate::model::ArtifactRef| project::preview::access(a, &loaded.root);
    let cx = Context {
        sources: &debate.sources,
        output_dir,
        artifact: &artifact,
        verdict,
    };
    Ok(render::build_model(debate, &diagnostics, &cx))
}

/// Never write over a template that `--templates` reads: a `*.tera` file, `style.css`
/// or `script.js` in that folder (compared after resolving symbolic links).
fn refuse_to_overwrite_template(out: &Path, templates: &Path) -> Result<(), String> {
    let (Some(target), Ok(dir)) = (destination(out), std::fs::canonicalize(templates)) else {
        return Ok(());
    };
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let template = name.ends_with(".tera") || name == "style.css" || name == "script.js";
    if template && target.parent() == Some(dir.as_path()) {
        return Err(format!(
            "refusing to write the map over {}, which is a template of the page (--templates)",
            out.display()
        ));
    }
    Ok(())
}

/// The extension a file of `format` is named with.
fn extension(format: Format) -> &'static str {
    FILE_NAMES
        .iter()
        .find(|(f, _)| *f == format)
        .map_or("", |(_, names)| names[0])
}

/// Each format's file-name extensions, the one crux writes first. `json` is either the
/// render model or AIF (whose own is `aif.json`), so it names neither.
const FILE_NAMES: [(Format, &[&str]); 10] = [
    (Format::Html, &["html", "htm"]),
    (Format::Svg, &["svg"]),
    (Format::Dot, &["dot", "gv"]),
    (Format::Json, &["json"]),
    (Format::Mermaid, &["mmd", "mermaid"]),
    (Format::Png, &["png"]),
    (Format::Pdf, &["pdf"]),
    (Format::Aif, &["aif.json"]),
    (Format::Graphml, &["graphml"]),
    (Format::Argdown, &["argdown"]),
];

/// The one format a file name's extension stands for, if it names one (`.json` may be
/// the render model or AIF, and says nothing).
fn named_format(out: &Path) -> Option<Format> {
    let name = out.file_name()?.to_str()?.to_ascii_lowercase();
    // The longest extension the name ends with: `x.aif.json` is AIF, not `.json`.
    let (format, _) = FILE_NAMES
        .iter()
        .flat_map(|&(format, names)| names.iter().map(move |&e| (format, e)))
        .filter(|(_, e)| name.ends_with(&format!(".{e}")))
        .max_by_key(|(_, e)| e.len())?;
    (format != Format::Json).then_some(format)
}

/// The format of a run without `--format`: the one the extension of `-o FILE` names.
/// Without `-o`, or with a name that names no one format, a usage error that says what
/// to pass.
fn format_of(out: Option<&Path>) -> Result<Format, String> {
    let formats: Vec<String> = Format::value_variants()
        .iter()
        .map(|&f| format_name(f))
        .collect();
    let formats = or_list(&formats);
    let Some(out) = out else {
        return Err(format!(
            "--format is required when writing to standard output: pass --format {formats}, \
             or name a file with -o whose extension says the format (-o map.svg)"
        ));
    };
    if let Some(format) = named_format(out) {
        return Ok(format);
    }
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.to_ascii_lowercase().ends_with(".json") {
        return Err(format!(
            "--format is required: {} may hold the render model or AIF; pass --format json \
             or --format aif (or name an AIF file .aif.json)",
            out.display()
        ));
    }
    let extensions: Vec<String> = FILE_NAMES
        .iter()
        .filter(|(f, _)| *f != Format::Json)
        .map(|(_, names)| format!(".{}", names[0]))
        .collect();
    Err(format!(
        "--format is required: the extension of {} says no format; pass --format {formats}, \
         or name the file {}",
        out.display(),
        or_list(&extensions)
    ))
}

/// `a, b or c`.
fn or_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The name of `format` as `--format` takes it.
fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// Refuses `-o map.png` with `--format svg`: a file named for one format that would
/// hold another opens wrongly, or not at all, wherever it goes next.
fn refuse_another_format(out: &Path, format: Format) -> Result<(), String> {
    let is_json = out
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".json"));
    let named = match named_format(out) {
        Some(named) if named != format => named,
        Some(_) => return Ok(()),
        // `.json` names no one format, but it names JSON: the render model or AIF.
        None if is_json && !matches!(format, Format::Json | Format::Aif) => Format::Json,
        None => return Ok(()),
    };
    let stem = out
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| {
            let lower = n.to_ascii_lowercase();
            let cut = match lower.ends_with(".aif.json") {
                true => n.len() - ".aif.json".len(),
                false => n.rfind('.').unwrap_or(n.len()),
            };
            n[..cut].to_string()
        })
        .unwrap_or_default();
    let better = out.with_file_name(format!("{stem}.{}", extension(format)));
    Err(format!(
        "refusing to write {} to {}, a name for {}; name it {} or pass --format {}",
        format_name(format),
        out.display(),
        format_name(named),
        better.display(),
        format_name(named),
    ))
}

/// Never write over a file of the debate: a `.crux` file, the config, or an artifact
/// (whether or not it exists yet). Paths are compared after resolving symbolic links.
fn refuse_to_overwrite_input(out: &Path, loaded: &super::load::Loaded) -> Result<(), String> {
    let Some(target) = destination(out) else {
        return Ok(()); // no such folder: reported before loading
    };
    // From the syntax trees, so that a node dropped from the graph (a duplicate ID,
    // say) still protects its artifacts.
    let debate = &loaded.debate;
    let artifacts: Vec<PathBuf> = debate
        .sources
        .iter()
        .zip(&debate.files)
        .flat_map(|(source, ast)| {
            let dir = source.path.parent().unwrap_or(Path::new(""));
            ast.nodes
                .iter()
                .flat_map(|n| &n.attributes)
                .filter_map(move |a| match &a.kind {
                    AttributeKind::Artifact(artifact) => Some(dir.join(&artifact.path.value)),
                    _ => None,
                })
        })
        .collect();
    let mut inputs = loaded
        .files
        .iter()
        .map(PathBuf::as_path)
        .chain(loaded.config.path.as_deref())
        .chain(artifacts.iter().map(PathBuf::as_path));
    if inputs.any(|i| destination(i).is_some_and(|c| c == target)) {
        return Err(format!(
            "refusing to write the map over {}, which is an input of the debate",
            out.display()
        ));
    }
    // A debate file or a config by its name, even one this run does not read (another
    // debate, a file left out by `exclude:`): a map there would be read as one later.
    let debate_file = |p: &Path| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.ends_with(".crux") || name == "crux.yaml"
    };
    if debate_file(out) || debate_file(&target) {
        return Err(format!(
            "refusing to write the map to {}: a `.crux` file or `crux.yaml` is read as part of a debate; name the map .html, .svg, .dot, .json, .mmd, .png, .pdf, .aif.json, .graphml or .argdown",
            out.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::ValueEnum;

    use super::{Format, extension, format_of, named_format};

    #[test]
    fn every_format_is_named_by_its_own_extension() {
        for &format in Format::value_variants() {
            let name = format!("map.{}", extension(format));
            // `.json` is the render model's or AIF's: it names neither.
            let expected = (format != Format::Json).then_some(format);
            assert_eq!(named_format(Path::new(&name)), expected, "{name}");
        }
    }

    #[test]
    fn other_names_of_a_format_and_names_of_none() {
        for (name, format) in [
            ("map.htm", Some(Format::Html)),
            ("MAP.SVG", Some(Format::Svg)),
            ("map.gv", Some(Format::Dot)),
            ("map.mermaid", Some(Format::Mermaid)),
            ("out/Map.AIF.json", Some(Format::Aif)),
            (".png", Some(Format::Png)),
            ("map.json", None),
            ("aif.json", None),
            ("map.txt", None),
            ("png", None),
            ("map.png.bak", None),
        ] {
            assert_eq!(named_format(Path::new(name)), format, "{name}");
        }
    }

    #[test]
    fn without_format_the_output_s_extension_says_it() {
        assert_eq!(format_of(Some(Path::new("map.svg"))), Ok(Format::Svg));
        assert_eq!(
            format_of(Some(Path::new("out/x.aif.json"))),
            Ok(Format::Aif)
        );
        for (out, says) in [
            (None, "--format is required when writing to standard output"),
            (
                Some("map.json"),
                "map.json may hold the render model or AIF",
            ),
            (Some("map.txt"), "the extension of map.txt says no format"),
        ] {
            let e = format_of(out.map(Path::new)).unwrap_err();
            assert!(e.contains(says), "{e}");
        }
    }
}
