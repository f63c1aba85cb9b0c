//! `crux import FORMAT INPUT... [-o DIR] [--force]`: read debates in other formats and
//! write them as `.crux` files ([`crate::import`]). Every input is read and converted
//! before anything is written: a malformed input (exit 2), a file that exists
//! (without `--force`) or a symbolic link where a file is to be written (with it too)
//! stops the command with nothing written. `-o -` prints the one imported file to
//! stdout.
//!
//! Phase: cli.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::ExitStatus;
use super::write::write_atomically_unless_link;
use crate::diagnostic::terminal::sanitize;
use crate::import;

/// The formats `crux import` reads.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// Argdown: `.argdown` files, or the ```argdown blocks of Markdown (`.md`) files.
    Argdown,
    /// AIF JSON from AIFdb or OVA (also `{"AIF": {...}}`).
    Aif,
    /// A Kialo discussion exported as text.
    Kialo,
    /// The XML of the Argumentative Microtext corpus.
    Microtext,
}

impl From<Format> for import::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Argdown => import::Format::Argdown,
            Format::Aif => import::Format::Aif,
            Format::Kialo => import::Format::Kialo,
            Format::Microtext => import::Format::Microtext,
        }
    }
}

#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// The format of the inputs.
    #[arg(value_enum)]
    format: Format,
    /// The files to import; each becomes one `.crux` file named after it.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The folder to write the `.crux` files into (made if missing), or `-` to print
    /// the one imported file to stdout. Default: the current directory.
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Replace `.crux` files that already exist (never an input, nor through a symbolic
    /// link).
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: ImportArgs) -> ExitStatus {
    let to_stdout = args.out_dir.as_deref() == Some(Path::new("-"));
    if to_stdout && args.inputs.len() != 1 {
        eprintln!("error: -o - prints one file; give one input (or -o DIR for several)");
        return ExitStatus::Error;
    }
    // Where the .crux files go, which their artifact paths are relative to: `-o -`
    // prints one, to be saved in the current folder as the default is.
    let out_folder = match &args.out_dir {
        Some(dir) if !to_stdout => dir.clone(),
        _ => PathBuf::from("."),
    };
    let mut imported = Vec::with_capacity(args.inputs.len());
    let mut failed = false;
    for input in &args.inputs {
        let shown = input.display().to_string();
        let shown = sanitize(&shown);
        // Read as every input is: a pipe or device is refused (it could block or never
        // end), and so is a file over the size limit.
        let text = match crate::project::read(input) {
            Ok(source) => source.text,
            Err(crate::project::LoadError::NotUtf8 {
                line,
                column,
                utf16,
                ..
            }) => {
                let what = crate::project::not_utf8(utf16, None);
                eprintln!("error: {shown}:{line}:{column}: {what}");
                failed = true;
                continue;
            }
            Err(e) => {
                eprintln!("error: {}", sanitize(&e.to_string()));
                failed = true;
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match crate::project::import_file_into(args.format.into(), input, text, &out_folder) {
            Ok(result) => imported.push((input, result)),
            Err(e) => {
                eprintln!("error: {}", sanitize(&located(input, &e)));
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("error: nothing was written");
        return ExitStatus::Error;
    }
    for (input, result) in &imported {
        for warning in &result.warnings {
            eprintln!(
                "warning: {}: {}",
                sanitize(&input.display().to_string()),
                sanitize(warning)
            );
        }
    }
    if to_stdout {
        let text: String = imported.iter().map(|(_, r)| r.text.as_str()).collect();
        return super::stdout::status(super::stdout::print(text.as_bytes()), ExitStatus::Success);
    }
    let dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let mut targets: Vec<PathBuf> = Vec::with_capacity(imported.len());
    for (input, _) in &imported {
        let file = format!("{}.crux", output_stem(input));
        let target = match &args.out_dir {
            Some(_) => dir.join(file),
            None => PathBuf::from(file),
        };
        // An input, or a file an input includes (Argdown's `@include`).
        let is_input = super::write::destination(&target).is_some_and(|t| {
            args.inputs
                .iter()
                .any(|i| super::write::destination(i).is_some_and(|d| d == t))
                || imported.iter().any(|(_, r)| r.included.contains(&t))
        });
        if is_input {
            eprintln!(
                "error: refusing to write {} over an input of the import, --force or not; name another folder with -o DIR",
                sanitize(&target.display().to_string())
            );
            failed = true;
        } else if let Some(to) = super::write::link_target(&target) {
            // Writing through it would replace the file it leads to, wherever that is.
            eprintln!(
                "error: refusing to write {}: it is a symbolic link to {}, --force or not; remove the link or name another folder with -o DIR",
                sanitize(&target.display().to_string()),
                sanitize(&to.display().to_string())
            );
            failed = true;
        } else if targets.contains(&target) {
            eprintln!(
                "error: two inputs would be written to {}; import them one at a time, or rename one",
                sanitize(&target.display().to_string())
            );
            failed = true;
        } else if target
            .symlink_metadata()
            .is_ok_and(|m| !m.file_type().is_file())
        {
            // Found before anything is written: --force replaces files, nothing else.
            eprintln!(
                "error: {} is not a file (a folder, say), so no file can take its place, --force or not; name another folder with -o DIR",
                sanitize(&target.display().to_string())
            );
            failed = true;
        } else if !args.force && target.symlink_metadata().is_ok() {
            eprintln!(
                "error: {} exists; pass --force to replace it",
                sanitize(&target.display().to_string())
            );
            failed = true;
        }
        targets.push(target);
    }
    if failed {
        eprintln!("error: nothing was written");
        return ExitStatus::Error;
    }
    if dir.exists() && !dir.is_dir() {
        eprintln!(
            "error: {}: not a folder; -o names the folder to write the .crux files into",
            sanitize(&dir.display().to_string())
        );
        eprintln!("error: nothing was written");
        return ExitStatus::Error;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "error: {}: cannot make the folder: {e}",
            sanitize(&dir.display().to_string())
        );
        return ExitStatus::Error;
    }
    for ((input, result), target) in imported.iter().zip(&targets) {
        let shown = target.display().to_string();
        let shown = sanitize(&shown);
        if let Err(e) = write_atomically_unless_link(target, result.text.as_bytes()) {
            eprintln!("error: {shown}: cannot write: {e}");
            return ExitStatus::Error;
        }
        eprintln!(
            "imported {} to {shown}",
            sanitize(&input.display().to_string())
        );
    }
    ExitStatus::Success
}

/// The name of the file an input is imported to, without `.crux`: the input's name
/// without its extension, and without a format's name before it (`map.aif.json` →
/// `map`, as `crux render --format aif` suggests naming its output).
fn output_stem(input: &std::path::Path) -> String {
    let Some(stem) = input.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return "imported".into();
    };
    for format in [".aif", ".argdown", ".kialo", ".microtext"] {
        if let Some(base) = stem.strip_suffix(format).filter(|b| !b.is_empty()) {
            return base.to_string();
        }
    }
    stem
}

/// An import error as crux writes a located message: `FILE:LINE:COLUMN: message`
/// (`FILE:LINE: message` without a column) when it is at a place in a text, in the
/// file it names (an Argdown `@include`d file, relative to the input's folder), else
/// `FILE: POSITION: message` (a JSON path such as `$.nodes[2].type`).
fn located(input: &Path, e: &import::ImportError) -> String {
    let Some(at) = e.text_position() else {
        return format!("{}: {e}", input.display());
    };
    let file = match &at.file {
        Some(included) => input
            .parent()
            .unwrap_or(Path::new(""))
            .join(included)
            .display()
            .to_string(),
        None => input.display().to_string(),
    };
    let column = at.column.map(|c| format!(":{c}")).unwrap_or_default();
    format!("{file}:{}{column}: {}", at.line, e.message)
}
