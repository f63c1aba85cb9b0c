//! `crux fmt`: rewrite `.crux` files in the canonical layout, or with `--check` show
//! what would change. Also the helpers `crux pin` shares: loading the files, refusing a
//! file with syntax errors, and rewriting a file in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ExitStatus;
use super::write::replace_source;
use crate::check::Rule;
use crate::diagnostic::terminal::sanitize;
use crate::diagnostic::{Diagnostic, Label, human, plural};
use crate::fmt::FormatError;
use crate::project;
use crate::syntax::{SourceFile, SyntaxError, SyntaxErrorKind};

#[derive(clap::Args, Debug)]
pub(crate) struct FmtArgs {
    /// Files and directories to format (directories are searched for `.crux` files).
    /// Default: the current directory.
    paths: Vec<PathBuf>,
    /// Write nothing; print a diff of each file that would change, and exit 1 if any would
    /// (a file with syntax errors is reported and not diffed).
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: FmtArgs) -> ExitStatus {
    let (loaded, mut status) = match load(&args.paths, None) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let sources = loaded.sources;
    let mut would_change = 0;
    let mut stdout = std::io::stdout().lock();
    // The first failure to write standard output, reported at the end.
    let mut printed = Ok(());
    for source in &sources {
        // A file named on the command line is read whatever its name, but only a
        // `.crux` file is rewritten: `crux fmt *` must not touch the data beside it.
        if !args.check && !is_crux(&source.path) {
            eprintln!(
                "error: {}: not formatted: its name does not end in `.crux`, and `crux fmt` rewrites only .crux files",
                sanitize(&source.name)
            );
            status = worse(status, ExitStatus::Error);
            continue;
        }
        let result = match args.check {
            true => crate::fmt::format(&source.text).map(|f| (f, Vec::new())),
            false => crate::fmt::format_around_errors(&source.text),
        };
        let (formatted, broken) = match result {
            Ok(f) => f,
            Err(FormatError::Syntax(errors)) => {
                refuse(source, &errors, "formatted");
                status = worse(status, ExitStatus::Failure);
                continue;
            }
            Err(e @ FormatError::Unsafe(_)) => {
                eprintln!("error: {}: not formatted: {e}", sanitize(&source.name));
                status = worse(status, ExitStatus::Error);
                continue;
            }
        };
        if !broken.is_empty() {
            kept_broken_lines(source, &broken, formatted != source.text);
            status = worse(status, ExitStatus::Failure);
        }
        if formatted == source.text {
            continue;
        }
        if args.check {
            would_change += 1;
            let diff = unified_diff(&source.name, &source.text, &formatted);
            printed = printed.and_then(|()| stdout.write_all(diff.as_bytes()));
            continue;
        }
        match replace_source(&source.path, source.text.as_bytes(), formatted.as_bytes()) {
            Ok(()) => {
                printed =
                    printed.and_then(|()| writeln!(stdout, "formatted {}", sanitize(&source.name)));
            }
            Err(e) => {
                eprintln!("error: {}: {e}", sanitize(&source.name));
                status = worse(status, ExitStatus::Error);
            }
        }
    }
    if !super::stdout::finish(printed.and_then(|()| stdout.flush())) {
        status = worse(status, ExitStatus::Error);
    }
    if would_change > 0 {
        eprintln!("{} would be reformatted", plural(would_change, "file"));
        status = worse(status, ExitStatus::Failure);
    }
    status
}

/// Whether a file's name ends in `.crux`, as every file `fmt` may rewrite must.
fn is_crux(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "crux")
}

/// A unified diff from the file as it is to the file formatted, headed by its name.
/// The diff as the terminal may show it: control characters made visible as in
/// `check`'s reports (so an escape sequence in a file cannot drive the terminal), tabs
/// kept (a tab that `fmt` turns into spaces must still show as a change). A file whose
/// lines end in `\r\n` (which `fmt` keeps) shows its lines without the `\r`, so that the
/// diff reads, and applies, as a diff of its lines.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(5))
        .diff_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string();
    let crlf = old.split('\n').next().is_some_and(|l| l.ends_with('\r')) && old.contains('\n');
    text.split('\n')
        .map(|line| {
            if crlf {
                line.strip_suffix('\r').unwrap_or(line)
            } else {
                line
            }
        })
        .map(|line| {
            line.split('\t')
                .map(|piece| crate::diagnostic::terminal::sanitize(piece).into_owned())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The worse of two outcomes: an error over a failure over success.
pub(super) fn worse(a: ExitStatus, b: ExitStatus) -> ExitStatus {
    let rank = |s| match s {
        ExitStatus::Success => 0,
        ExitStatus::Failure => 1,
        _ => 2,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Finds and reads the `.crux` files under `paths` (the current directory if none), as
/// `crux.yaml` (or `config`) says, with [`super::load::files`]. Unreadable files are
/// reported and skipped; the status says whether any was. A bad config, no files at
/// all, or a path that does not exist is a usage error, reported.
pub(super) fn load(
    paths: &[PathBuf],
    config: Option<&Path>,
) -> Result<(project::Loaded, ExitStatus), ExitStatus> {
    let loaded = super::load::files(paths, config).map_err(|e| {
        eprintln!("error: {}", sanitize(&e.text));
        ExitStatus::Error
    })?;
    let status = match loaded.unreadable.is_empty() {
        true => ExitStatus::Success,
        false => ExitStatus::Error,
    };
    Ok((loaded, status))
}

/// Prints a file's syntax errors as `crux check` would, and says that their lines were
/// kept as written while the rest of the file was formatted, or, when nothing `fmt`
/// could safely change would change, that the file was left as it is.
fn kept_broken_lines(source: &SourceFile, errors: &[SyntaxError], changed: bool) {
    let diagnostics: Vec<Diagnostic> = errors.iter().map(diagnostic).collect();
    eprint!(
        "{}",
        human::render(&diagnostics, std::slice::from_ref(source), false)
    );
    if !changed {
        eprintln!(
            "error: {} has {}: the file is left as it is (`crux check {}` lists every problem)",
            sanitize(&source.name),
            plural(error_count(errors), "syntax error"),
            sanitize(&source.name),
        );
        return;
    }
    eprintln!(
        "error: {} has {}: {} kept as written, the rest is formatted (`crux check {}` lists every problem)",
        sanitize(&source.name),
        plural(error_count(errors), "syntax error"),
        if error_count(errors) == 1 {
            "its line is"
        } else {
            "their lines are"
        },
        sanitize(&source.name),
    );
}

/// Prints a file's syntax errors as `crux check` would, and says the file was left alone
/// (`what` is the participle of the command: "formatted", "pinned").
pub(super) fn refuse(source: &SourceFile, errors: &[SyntaxError], what: &str) {
    let diagnostics: Vec<Diagnostic> = errors.iter().map(diagnostic).collect();
    // The file was parsed as FileId(0), so a one-file source map fits its spans.
    let report = human::render(&diagnostics, std::slice::from_ref(source), false);
    eprint!("{report}");
    eprintln!(
        "error: {} not {what}: it has {}; fix {} first (`crux check {}` lists every problem)",
        sanitize(&source.name),
        plural(error_count(errors), "syntax error"),
        if error_count(errors) == 1 {
            "it"
        } else {
            "them"
        },
        sanitize(&source.name),
    );
}

/// How many syntax errors a file has: those listed, and those the last one says were
/// left out.
fn error_count(errors: &[SyntaxError]) -> usize {
    errors
        .iter()
        .map(|e| match e.kind {
            SyntaxErrorKind::TooManyErrors { omitted } => omitted,
            _ => 1,
        })
        .sum()
}

/// A syntax error as the diagnostic `crux check` reports for it.
fn diagnostic(e: &SyntaxError) -> Diagnostic {
    let rule = if e.is_front_matter() {
        Rule::InvalidFrontMatter
    } else {
        Rule::SyntaxError
    };
    let info = rule.info();
    Diagnostic {
        code: info.code,
        name: info.name,
        severity: info.default_severity,
        message: e.message(),
        primary: Label::new(e.span, e.label()),
        secondary: e
            .secondary()
            .into_iter()
            .map(|(s, m)| Label::new(s, m))
            .collect(),
        help: e.help(),
        suggestion: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_diff_holds_no_escape_sequence() {
        let old = "thesis   t: \"a\u{1b}]0;title\u{7}b\u{1b}[2J\u{9b}c\"\n";
        let new = "thesis t: \"a\u{1b}]0;title\u{7}b\u{1b}[2J\u{9b}c\"\n";
        let diff = super::unified_diff("d.crux", old, new);
        assert!(
            !diff.contains('\u{1b}') && !diff.contains('\u{7}'),
            "{diff}"
        );
        assert!(!diff.contains('\u{9b}'), "{diff}");
        assert!(diff.contains("+thesis t: \"a\u{241b}]0;title"), "{diff}");
        // A tab stays a tab, so that replacing it by spaces shows.
        let diff = super::unified_diff(
            "d.crux",
            "claim c: \"c\"\n\tsupports t\n",
            "claim c: \"c\"\n  supports t\n",
        );
        assert!(diff.contains("-\tsupports t\n+  supports t"), "{diff}");
    }

    /// A file of `\r\n` lines shows as a diff of its lines, without a `␍` on each.
    #[test]
    fn a_crlf_file_diffs_as_lines() {
        let diff = super::unified_diff(
            "d.crux",
            "claim  a: \"A\"\r\n  credence .5\r\n",
            "claim a: \"A\"\r\n  credence 0.5\r\n",
        );
        assert!(
            !diff.contains('\r') && !diff.contains('\u{240d}'),
            "{diff:?}"
        );
        assert!(
            diff.contains("-claim  a: \"A\"\n-  credence .5\n+claim a: \"A\"\n"),
            "{diff}"
        );
        // A lone `\r` in a file of `\n` lines is still shown.
        let diff = super::unified_diff("d.crux", "claim  a: \"A\r\"\n", "claim a: \"A\r\"\n");
        assert!(diff.contains('\u{240d}'), "{diff:?}");
    }
}
