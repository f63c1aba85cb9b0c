//! `crux check`: parse, resolve and lint; print the findings; pick the exit code.

use crate::diagnostic::terminal::sanitize;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{ColorChoice, ExitStatus};
use crate::diagnostic::{InputProblem, Summary, github, human, json, plural};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// rustc-style reports with source lines and carets.
    #[default]
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
}

/// What `--deny` can turn into failures.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum Deny {
    /// Fail (exit 1) on warnings too.
    Warnings,
}

#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files and directories to check (directories are searched for `.crux` files).
    /// Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Exit 1 on warnings as well as errors.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Use this config file instead of looking for `crux.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
    /// Mend what is only notation, in place: the rewrites that syntax errors' help
    /// spells out (text put in quotes, `:` or commas mended), misspelt keywords and rule
    /// names; then check again and report what is left. Guesses about content (an
    /// unknown ID, an artifact path, a table column) are left to you.
    #[arg(long)]
    fix: bool,
}

/// Rounds of `--fix` at most: a mended line can show a second slip further on (the
/// parser stops at a line's first error), which the next round mends.
const FIX_ROUNDS: usize = 4;

pub(crate) fn run(args: CheckArgs) -> ExitStatus {
    let loaded = match super::load::load(&args.paths, args.config.as_deref()) {
        Ok(l) => l,
        Err(e) => return failure(&args, &e.text, &e.problems),
    };
    let severities = match loaded.config.severities() {
        Ok(s) => s,
        Err(e) => {
            let e = super::load::config_failure(&[e]);
            return failure(&args, &e.text, &e.problems);
        }
    };
    // `render.root` is checked here too, so that a pull request that renames the thesis
    // fails its check, not the next render. Not when files are named: they may be a
    // part of the debate (a pre-commit hook passes the files a commit touches), and
    // the root can be in another.
    if let Some(root) = loaded.config.render.root.as_deref()
        && !loaded.debate.sources.is_empty()
        && !args.paths.iter().any(|p| p.is_file())
        && loaded.debate.graph.node(root).is_none()
    {
        let ids = loaded
            .debate
            .graph
            .graph
            .node_weights()
            .map(|n| n.id.as_str());
        let message = format!(
            "`render.root`: {}",
            crate::render::model::no_root(ids, root)
        );
        let config = &loaded.config;
        let (line, column) = config.render.root_at.unwrap_or((0, 0));
        let problem = InputProblem {
            file: Some(config.file_name()),
            line,
            column,
            message: message.clone(),
        };
        let text = format!("{}: {message}", config.render_root_place());
        return failure(&args, &text, &[problem]);
    }
    let (mut loaded, mut found, mut fix_failed) = (loaded, None, false);
    if args.fix {
        match fix(&args, loaded, &severities) {
            Ok(fixed) => (loaded, found, fix_failed) = fixed,
            Err(e) => return failure(&args, &e.text, &e.problems),
        }
    }
    let verdict = loaded.config.verdict;
    let (debate, root, unreadable) = (&loaded.debate, &loaded.root, loaded.unreadable);
    let diagnostics =
        found.unwrap_or_else(|| crate::check_debate(debate, root, &severities, &verdict));
    let summary = Summary::of(&diagnostics);

    let output = match args.format {
        // No file could be read: nothing was checked, and an empty array would read
        // as "no problems" (the files are named on standard error).
        Format::Json if debate.sources.is_empty() => String::new(),
        Format::Json => json::render(&diagnostics, &debate.sources),
        Format::Github => {
            github::problems(&loaded.problems) + &github::render(&diagnostics, &debate.sources)
        }
        Format::Sarif => crate::diagnostic::sarif::render_with_problems(
            &diagnostics,
            &crate::check::registry::docs(),
            &debate.sources,
            std::env::current_dir().ok().as_deref(),
            &loaded.problems,
        ),
        Format::Human => {
            let mut out = human::render(&diagnostics, &debate.sources, args.color.enabled());
            if !debate.sources.is_empty() {
                out.push_str(&summary_line(
                    &summary,
                    debate,
                    args.deny.is_some(),
                    unreadable,
                ));
            }
            out
        }
    };
    if !super::stdout::print(output.as_bytes()) {
        return ExitStatus::Error;
    }

    let status = if unreadable > 0 || fix_failed {
        ExitStatus::Error
    } else if summary.errors > 0 || (args.deny.is_some() && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    // The process exits next: freeing a large debate piece by piece would only delay
    // that (a fifth of the run at 100,000 nodes), and the system takes it back at once.
    std::mem::forget((loaded, diagnostics, output));
    status
}

/// What [`fix`] returns.
type Fixed = (
    super::load::Loaded,
    Option<Vec<crate::diagnostic::Diagnostic>>,
    bool,
);

/// `--fix`: makes the edits that only mend notation ([`crate::check::notation_edits`])
/// in the files, in rounds, saying on stderr what it mended in each file, and loads the
/// debate again.
/// Returns the debate as it is now, its findings when the last round checked it as it
/// is now (it found nothing more to mend), and whether a file could not be written
/// (said on stderr; the file is left as it was).
fn fix(
    args: &CheckArgs,
    mut loaded: super::load::Loaded,
    severities: &crate::check::Severities,
) -> Result<Fixed, super::load::Failure> {
    // Edits made, by file name, said once at the end.
    let mut made: Vec<(String, usize)> = Vec::new();
    // Files that could not be written: said once, and not tried again.
    let mut refused = Vec::new();
    let mut found = None;
    for _ in 0..FIX_ROUNDS {
        let debate = &loaded.debate;
        let diagnostics =
            crate::check_debate(debate, &loaded.root, severities, &loaded.config.verdict);
        let mut wrote = false;
        for (file, kept) in crate::check::notation_edits(&diagnostics) {
            let source = &debate.sources[file.0 as usize];
            let text = &source.text;
            let name = sanitize(&source.name);
            if refused.contains(&source.path)
                || kept.iter().any(|s| s.span.end as usize > text.len())
            {
                continue;
            }
            let fixed = crate::check::apply_edits(text, &kept);
            match super::write::replace_source(&source.path, text.as_bytes(), fixed.as_bytes()) {
                Ok(()) => {
                    match made.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, count)) => *count += kept.len(),
                        None => made.push((name.into_owned(), kept.len())),
                    }
                    wrote = true;
                }
                Err(e) => {
                    eprintln!("error: {name}: {e}");
                    refused.push(source.path.clone());
                }
            }
        }
        if !wrote {
            found = Some(diagnostics);
            break;
        }
        loaded = super::load::load(&args.paths, args.config.as_deref())?;
    }
    for (name, count) in made {
        eprintln!("fixed {} in {name}", plural(count, "problem"));
    }
    Ok((loaded, found, !refused.is_empty()))
}

fn summary_line(
    summary: &Summary,
    debate: &crate::Debate,
    deny: bool,
    unreadable: usize,
) -> String {
    let mut scope = format!(
        "{}, {}, {}",
        plural(debate.sources.len(), "file"),
        plural(debate.graph.graph.node_count(), "node"),
        plural(debate.graph.graph.edge_count(), "relation")
    );
    if unreadable > 0 {
        scope.push_str(&format!(
            "; {} could not be read",
            plural(unreadable, "file")
        ));
    }
    if summary.errors == 0 && summary.warnings == 0 && summary.infos == 0 {
        // Not "no problems" when a file could not even be read.
        let within = if unreadable > 0 {
            " in what could be read"
        } else {
            ""
        };
        return format!("No problems found{within} ({scope}).\n");
    }
    let mut parts = Vec::new();
    if summary.errors > 0 {
        parts.push(plural(summary.errors, "error"));
    }
    if summary.warnings > 0 {
        parts.push(plural(summary.warnings, "warning"));
    }
    if summary.infos > 0 {
        // As each finding is headed `info[...]`; "info" has no plural.
        parts.push(format!("{} info", summary.infos));
    }
    let denied = if deny && summary.warnings > 0 {
        "; warnings fail the check (--deny warnings)"
    } else {
        ""
    };
    format!("Found {} ({scope}){denied}.\n", parts.join(", "))
}

fn usage_error(message: &str) -> ExitStatus {
    eprintln!("error: {}", sanitize(message));
    ExitStatus::Error
}

/// Input the check could not run on: the report on stderr, as for every command, and for
/// the machine formats the problems on stdout too, so that a CI run's SARIF upload and
/// annotations say why it failed (an empty SARIF file is refused by code scanning).
fn failure(args: &CheckArgs, text: &str, problems: &[InputProblem]) -> ExitStatus {
    let output = match args.format {
        Format::Sarif => crate::diagnostic::sarif::render_with_problems(
            &[],
            &crate::check::registry::docs(),
            &Vec::<crate::syntax::SourceFile>::new(),
            std::env::current_dir().ok().as_deref(),
            problems,
        ),
        Format::Github => github::problems(problems),
        Format::Json | Format::Human => String::new(),
    };
    if !output.is_empty() {
        // Said on stderr below whether or not stdout takes it.
        let _ = super::stdout::print(output.as_bytes());
    }
    usage_error(text)
}
