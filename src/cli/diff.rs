//! `crux diff OLD NEW`: load two versions of a debate, compare them with
//! [`crate::diff::compare`], print the changes. Exit 0 whenever both sides load (a diff
//! is a report, not a check), 2 when a side cannot be read.
//!
//! Each side is a `.crux` file, a directory (searched like `check` does), or
//! `git:REV[:PATH]` (the files under PATH as committed in REV; see
//! [`project::Source::Git`]). Both are read by [`project::load`], so an unreadable
//! file is reported as every command reports it; every unreadable file of both sides
//! is reported, and then no diff is printed (exit 2), since it would be wrong.
//!
//! Phase: cli.

use crate::diagnostic::terminal::sanitize;
use std::path::Path;

use clap::ValueEnum;

use super::ExitStatus;
use crate::diff::{self, human, json, markdown};
use crate::model::ResolveOptions;
use crate::project::{self, Source};
use crate::semantics::carneades::VerdictOptions;

/// Output formats of `diff`.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// A listing for the terminal.
    #[default]
    Human,
    /// Markdown for a pull-request comment.
    Markdown,
    /// Every change as JSON (a documented structure, `"schema": 2`).
    Json,
}

#[derive(clap::Args, Debug)]
pub(crate) struct DiffArgs {
    /// The old version: a `.crux` file, a directory, or `git:REV[:PATH]` (PATH relative
    /// to the current directory, and by default the current directory itself).
    old: String,
    /// The new version, in the same forms.
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn run(args: DiffArgs) -> ExitStatus {
    let mut debates = Vec::with_capacity(2);
    let mut settings = Vec::with_capacity(2);
    let mut unreadable = 0;
    for spec in [&args.old, &args.new] {
        match load(spec) {
            Ok((debate, verdict, lost)) => {
                debates.push(debate);
                settings.push(verdict);
                unreadable += lost;
            }
            Err(message) => {
                eprintln!("error: {}", sanitize(&message));
                return ExitStatus::Error;
            }
        }
    }
    if unreadable > 0 {
        // Each was reported; a diff without them would show changes that are not there.
        return ExitStatus::Error;
    }
    let (new, old) = (debates.pop(), debates.pop());
    let (Some(old), Some(new)) = (old, new) else {
        return ExitStatus::Error;
    };
    suggest_a_path(&args.old, &args.new);
    for (debate, spec) in [(&old, &args.old), (&new, &args.new)] {
        if debate.sources.is_empty() {
            eprintln!(
                "warning: {}: no .crux files; compared as an empty debate",
                sanitize(spec)
            );
        }
        let side = diff::side(debate);
        if let Some(lost) = side.lost() {
            eprintln!(
                "warning: {}: {lost}; the diff covers what could be read (run `crux check` for details)",
                sanitize(spec),
            );
        }
    }
    let settings = diff::Settings {
        old: settings[0],
        new: settings[1],
    };
    let diff = diff::compare(&old, &new, &settings).with_names(&args.old, &args.new);
    let output = match args.format {
        Format::Human => sanitize(&human::render(&diff)).into_owned(),
        Format::Markdown => markdown::render(&diff),
        Format::Json => json::render(&diff),
    };
    super::stdout::status(super::stdout::print(output.as_bytes()), ExitStatus::Success)
}

/// A note when one side is `git:REV` without PATH, which is the whole current directory
/// as committed, and the other a file or folder of the repository other than the
/// current directory (`crux diff git:HEAD claims/`): every other file would show as
/// removed. It names the `git:REV:PATH` that compares like with like.
fn suggest_a_path(old: &str, new: &str) {
    for (spec, other, spec_is_old) in [(old, new, true), (new, old, false)] {
        if other.starts_with("git:") {
            continue;
        }
        let Some((rev, better)) = project::spec_for_path(spec, Path::new(other)) else {
            continue;
        };
        let command = match spec_is_old {
            true => format!("crux diff {better} {other}"),
            false => format!("crux diff {other} {better}"),
        };
        eprintln!(
            "note: {} is the current directory as committed in {}, not {}; for {} as \
             committed, write {} ({})",
            sanitize(spec),
            sanitize(rev),
            sanitize(other),
            sanitize(other),
            sanitize(&better),
            sanitize(&command)
        );
    }
}

/// One side, parsed and resolved, the settings of its verdicts (its config's
/// `verdict:`), and what could not be read of it (already reported). The error is the
/// whole message: a mistake in either side's `crux.yaml` is one, as in every command.
fn load(spec: &str) -> Result<(crate::Debate, VerdictOptions, usize), String> {
    let loaded = if spec.starts_with("git:") {
        // A mistake in the revision's crux.yaml is drawn as one in the work tree's is.
        project::load(Source::Git { spec }).map_err(|e| match e {
            project::LoadError::Config(errors) => super::load::config_failure(&errors.0).text,
            e => e.to_string(),
        })?
    } else {
        let path = Path::new(spec);
        let config = super::load::config(None, path)?;
        project::load(Source::Disk {
            paths: &[path.to_path_buf()],
            config: Box::new(config),
        })
        .map_err(|e| e.to_string())?
    };
    super::load::report(&loaded.unreadable);
    let options = ResolveOptions {
        default_weight: loaded.config.default_weight.unwrap_or(1.0),
    };
    let mut debate = crate::parse_debate(loaded.sources, options);
    // Expectations are judged on the data of the same side: as committed in a git
    // revision, or on disk.
    if spec.starts_with("git:") {
        project::expectations::refute_at_revision(&mut debate, spec);
    } else {
        let paths = [Path::new(spec).to_path_buf()];
        project::expectations::refute(
            &mut debate,
            &super::load::project_root(&loaded.config, &paths),
        );
    }
    Ok((debate, loaded.config.verdict, loaded.unreadable.len()))
}
