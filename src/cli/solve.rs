//! `crux solve`: argumentation semantics on a debate or an abstract framework, with
//! ICCMA-style output.

use crate::diagnostic::terminal::sanitize;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

use clap::ValueEnum;

use super::ExitStatus;
use crate::model::ResolveOptions;
use crate::project;
use crate::semantics::input::ReadError;
use crate::semantics::{self, Af, Answer, Deadline, Semantics, Task};

/// `--semantics`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum SemanticsArg {
    /// The least complete extension (linear time).
    Grounded,
    /// Complete extensions.
    Complete,
    /// Preferred (maximal complete) extensions.
    Preferred,
    /// Stable extensions.
    Stable,
    /// DF-QuAD gradual strengths of a debate: `ID strength` per node, sorted by ID.
    Dfquad,
    /// The verdict of each node of a debate by its proof standard (Carneades): `ID
    /// stands|falls|open` per node, sorted by ID.
    Carneades,
}

/// `--task`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq, Default)]
pub(crate) enum TaskArg {
    /// Every extension, one `w ...` line each (`NO` if there is none).
    #[default]
    Enum,
    /// One extension (`NO` if there is none).
    Some,
    /// Is `--arg` in some extension? `YES` or `NO`.
    Credulous,
    /// Is `--arg` in every extension? `YES` or `NO`.
    Skeptical,
}

#[derive(clap::Args, Debug)]
pub(crate) struct SolveArgs {
    /// A debate (`.crux` file or directory) or an abstract framework in ICCMA'23
    /// (`p af N`), APX or TGF form, detected by content.
    file: PathBuf,
    /// The semantics.
    #[arg(long, value_enum)]
    semantics: SemanticsArg,
    /// The task: `enum` unless told (and not given with dfquad or carneades).
    #[arg(long, value_enum)]
    task: Option<TaskArg>,
    /// The argument for `credulous` and `skeptical` (an ID, or a number for ICCMA'23).
    #[arg(long, value_name = "ID")]
    arg: Option<String>,
    /// Give up after this many seconds (exit 3), counted from the start: reading the
    /// input and preparing the search count too. `inf`, or a limit too large for the
    /// clock, is no limit.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    timeout: Option<f64>,
}

/// Exit code when `--timeout` runs out.
pub(crate) const TIMEOUT_EXIT: i32 = 3;

/// What was read: a debate (with its graph) or a bare framework.
enum Input {
    /// A debate, with the verdict settings of its `crux.yaml`.
    Debate(Box<crate::Debate>, semantics::VerdictOptions),
    Framework(Af),
}

fn is_debate(path: &std::path::Path) -> bool {
    path.is_dir() || path.extension().is_some_and(|x| x == "crux")
}

/// Why the input was not loaded.
enum LoadFailure {
    /// A message for the user.
    Error(String),
    /// The deadline passed first.
    Timeout,
    /// Some `.crux` files could not be read; each was reported.
    Unreadable,
}

impl From<String> for LoadFailure {
    fn from(message: String) -> Self {
        LoadFailure::Error(message)
    }
}

fn load(path: &std::path::Path, deadline: Deadline) -> Result<Input, LoadFailure> {
    if is_debate(path) {
        let loaded = super::load::files(&[path.to_path_buf()], None).map_err(String::from)?;
        if !loaded.unreadable.is_empty() {
            // Each was reported; an answer without them would be wrong.
            return Err(LoadFailure::Unreadable);
        }
        let options = ResolveOptions {
            default_weight: loaded.config.default_weight.unwrap_or(1.0),
        };
        let root = super::load::project_root(&loaded.config, &[path.to_path_buf()]);
        let mut debate = crate::parse_debate(loaded.sources, options);
        // Evidence whose own data refutes it does not stand, as in every command.
        crate::project::expectations::refute(&mut debate, &root);
        let lost = debate
            .resolve_errors
            .iter()
            .filter(|e| !e.is_repeat())
            .count();
        let problems = debate.syntax_errors.len() + lost;
        if problems > 0 {
            eprintln!(
                "note: the debate has {}; run `crux check`",
                crate::diagnostic::plural(problems, "syntax or reference error")
            );
        }
        deadline.check().map_err(|_| LoadFailure::Timeout)?;
        return Ok(Input::Debate(Box::new(debate), loaded.config.verdict));
    }
    let source = project::read(path).map_err(|e| match e {
        // Not a .crux file: say what is wrong without naming the wrong format.
        project::LoadError::NotUtf8 {
            path,
            line,
            column,
            utf16,
        } => format!(
            "{}:{line}:{column}: {}",
            path.display().to_string().trim_start_matches("./"),
            project::not_utf8(utf16, None)
        ),
        e => e.to_string(),
    })?;
    deadline.check().map_err(|_| LoadFailure::Timeout)?;
    match semantics::input::read_framework_until(&source.text, deadline) {
        Ok(af) => {
            warn_skipped(&source);
            Ok(Input::Framework(af))
        }
        Err(ReadError::Input(e)) => Err(LoadFailure::Error(crate::diagnostic::human::input_error(
            &e.kind.to_string(),
            &source.name,
            &source.text,
            e.offset,
        ))),
        Err(ReadError::Timeout(_)) => Err(LoadFailure::Timeout),
    }
}

/// Says on stderr which facts of an APX framework were skipped (neither `arg` nor
/// `att`): the first with its position, and how many there are. A misspelt `atk(b,a).`
/// would otherwise change the answer without a word.
fn warn_skipped(source: &crate::syntax::SourceFile) {
    let skipped = semantics::input::skipped_facts(&source.text);
    let Some((offset, fact)) = skipped.first() else {
        return;
    };
    let at = source.line_col(u32::try_from(*offset).unwrap_or(u32::MAX));
    let others = match skipped.len() {
        1 => String::new(),
        2 => ", as is 1 more fact of another predicate".into(),
        n => format!(", as are {} more facts of other predicates", n - 1),
    };
    eprintln!(
        "warning: {}:{at}: `{}` is not an `arg/1` or `att/2` fact, so it is skipped{others}",
        crate::diagnostic::terminal::sanitize(&source.name),
        crate::diagnostic::terminal::sanitize(fact),
    );
}

/// [`load`] on a thread of its own, given up on when the deadline passes. Reading a
/// framework looks at the deadline as it goes; parsing and resolving a large debate
/// does not, so the wait for it is what stops on time. A load given up on runs on
/// until the process exits.
fn load_until(path: &std::path::Path, deadline: Deadline) -> Result<Input, LoadFailure> {
    let Some(at) = deadline.0 else {
        return load(path, deadline);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            let _ = tx.send(load(&owned, deadline));
        });
    if spawned.is_err() {
        return load(path, deadline);
    }
    match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
        Ok(loaded) => loaded,
        Err(RecvTimeoutError::Timeout) => Err(LoadFailure::Timeout),
        Err(RecvTimeoutError::Disconnected) => Err(LoadFailure::Error(format!(
            "{}: could not be read",
            path.display()
        ))),
    }
}

pub(crate) fn run(args: SolveArgs) -> ExitStatus {
    match run_inner(&args) {
        Ok(status) => status,
        Err(message) => {
            eprintln!("error: {}", sanitize(&message));
            ExitStatus::Error
        }
    }
}

impl SolveArgs {
    /// The task asked for, `enum` unless told.
    fn task(&self) -> TaskArg {
        self.task.unwrap_or_default()
    }
}

fn run_inner(args: &SolveArgs) -> Result<ExitStatus, String> {
    let started = Instant::now();
    let gradual = matches!(
        args.semantics,
        SemanticsArg::Dfquad | SemanticsArg::Carneades
    );
    // A flag that would be ignored asks a question that is not answered, even when
    // it names the default.
    if gradual && (args.task.is_some() || args.arg.is_some()) {
        let flag = match args.task {
            None => "--arg",
            Some(_) => "--task",
        };
        return Err(format!(
            "{flag} applies to grounded, complete, preferred and stable; {} gives a value per node",
            semantics_name(args.semantics)
        ));
    }
    if args.arg.is_some() && matches!(args.task(), TaskArg::Enum | TaskArg::Some) {
        return Err(format!(
            "--arg applies to --task credulous and skeptical only, not {}",
            task_name(args.task())
        ));
    }
    if let Some(t) = args.timeout
        && (t.is_nan() || t < 0.0)
    {
        return Err(format!("--timeout must be zero or more seconds, found {t}"));
    }
    let deadline = match args.timeout {
        Some(t) => Deadline::after(started, t),
        None => Deadline::none(),
    };
    let timed_out = || {
        eprintln!(
            "error: timed out after {:.1} s ({} semantics, task {})",
            started.elapsed().as_secs_f64(),
            semantics_name(args.semantics),
            task_name(args.task()),
        );
        Ok(ExitStatus::Timeout)
    };
    let input = match load_until(&args.file, deadline) {
        Ok(input) => input,
        Err(LoadFailure::Error(message)) => return Err(message),
        Err(LoadFailure::Timeout) => return timed_out(),
        Err(LoadFailure::Unreadable) => return Ok(ExitStatus::Error),
    };
    if args.semantics == SemanticsArg::Dfquad {
        let Input::Debate(debate, _) = &input else {
            return Err(
                "dfquad needs a debate (.crux), whose nodes have credences and whose relations have weights"
                    .into(),
            );
        };
        return Ok(print_strengths(debate));
    }
    if args.semantics == SemanticsArg::Carneades {
        let Input::Debate(debate, verdict) = &input else {
            return Err(
                "carneades needs a debate (.crux), whose relations are pro and con arguments with weights"
                    .into(),
            );
        };
        return Ok(print_verdicts(debate, verdict));
    }
    let af = match input {
        Input::Debate(d, _) => match Af::from_graph_until(&d.graph, deadline) {
            Ok(af) => af,
            Err(semantics::Timeout) => return timed_out(),
        },
        Input::Framework(af) => af,
    };
    let semantics = match args.semantics {
        SemanticsArg::Grounded => Semantics::Grounded,
        SemanticsArg::Complete => Semantics::Complete,
        SemanticsArg::Preferred => Semantics::Preferred,
        SemanticsArg::Stable => Semantics::Stable,
        SemanticsArg::Dfquad | SemanticsArg::Carneades => unreachable!("handled above"),
    };
    let argument = |name: &Option<String>| -> Result<u32, String> {
        let name = name
            .as_deref()
            .ok_or_else(|| "credulous and skeptical acceptance need `--arg ID`".to_string())?;
        af.find(name).ok_or_else(|| {
            format!(
                "no argument named `{name}`{}",
                unknown_hint(&af.names, name)
            )
        })
    };
    let task = match args.task() {
        TaskArg::Enum => Task::Enumerate,
        TaskArg::Some => Task::Some,
        TaskArg::Credulous => Task::Credulous(argument(&args.arg)?),
        TaskArg::Skeptical => Task::Skeptical(argument(&args.arg)?),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let line = |ext: &[u32]| {
        let mut s = String::from("w");
        for &a in ext {
            s.push(' ');
            s.push_str(&af.names[a as usize]);
        }
        s.push('\n');
        s
    };
    // The first failure to write standard output; the search stops there.
    let mut printed = Ok(());
    let result = semantics::solve(&af, semantics, task, deadline, &mut |ext| {
        printed = out.write_all(line(ext).as_bytes());
        printed.is_ok()
    });
    let text = match result {
        Ok(Answer::Enumerated(0)) | Ok(Answer::Extension(None)) => "NO\n".to_string(),
        Ok(Answer::Enumerated(_)) => String::new(),
        Ok(Answer::Extension(Some(ext))) => line(&ext),
        Ok(Answer::Accepted(yes)) => if yes { "YES\n" } else { "NO\n" }.to_string(),
        Err(semantics::Timeout) => {
            let _ = out.flush();
            let task = task_name(args.task());
            let partial = if args.task() == TaskArg::Enum {
                "; the extensions printed so far are valid, the list may be incomplete"
            } else {
                ""
            };
            eprintln!(
                "error: timed out after {:.1} s ({semantics} semantics, task {task}){partial}",
                started.elapsed().as_secs_f64(),
            );
            // The process ends now: freeing a large framework would only delay it.
            std::mem::forget(af);
            return Ok(ExitStatus::Timeout);
        }
    };
    let printed = printed
        .and_then(|()| out.write_all(text.as_bytes()))
        .and_then(|()| out.flush());
    Ok(super::stdout::status(
        super::stdout::finish(printed),
        ExitStatus::Success,
    ))
}

/// The name of a task as the user typed it.
fn task_name(task: TaskArg) -> String {
    task.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// The name of a semantics as the user typed it.
fn semantics_name(semantics: SemanticsArg) -> String {
    semantics
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

fn print_strengths(debate: &crate::Debate) -> ExitStatus {
    let strengths = semantics::weighted::dfquad(&debate.graph);
    let g = &debate.graph.graph;
    let mut rows: Vec<(&str, f64)> = g
        .node_indices()
        .map(|n| (g[n].id.as_str(), strengths.values[n.index()]))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    for (id, s) in rows {
        out.push_str(&format!("{id} {s:.6}\n"));
    }
    if !super::stdout::print(out.as_bytes()) {
        return ExitStatus::Error;
    }
    if !strengths.converged {
        eprintln!(
            "warning: the strengths did not converge after {} iterations (an attack or support cycle oscillates); the values are the last iterate",
            strengths.iterations
        );
    }
    ExitStatus::Success
}

/// `ID verdict` per node, sorted by ID, under the debate's verdict settings.
fn print_verdicts(debate: &crate::Debate, options: &semantics::VerdictOptions) -> ExitStatus {
    let verdicts = semantics::carneades::evaluate(&debate.graph, options);
    let g = &debate.graph.graph;
    let mut rows: Vec<(&str, semantics::Verdict)> = verdicts
        .iter()
        .map(|(n, j)| (g[n].id.as_str(), j.verdict))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    for (id, verdict) in rows {
        out.push_str(&format!("{id} {verdict}\n"));
    }
    super::stdout::status(super::stdout::print(out.as_bytes()), ExitStatus::Success)
}

/// What to add after "no argument named `NAME`": the argument meant, when one is a
/// likely typo (another case, spaces, leading zeros, one character off), and the range
/// of a numbered (ICCMA'23) framework.
fn unknown_hint(names: &[String], name: &str) -> String {
    let trimmed = name.trim();
    let numbered = names
        .iter()
        .enumerate()
        .all(|(i, n)| n.parse::<usize>() == Ok(i + 1));
    let number = trimmed.parse::<u128>().ok();
    let meant = if numbered && number.is_some() {
        // A number is a number: `12` is not a typo of `1`.
        number
            .filter(|n| (1..=names.len() as u128).contains(n))
            .map(|n| n.to_string())
    } else {
        near(names, trimmed)
    };
    let range = if numbered && !names.is_empty() && number.is_some() {
        format!(" (the arguments are numbered 1 to {})", names.len())
    } else {
        String::new()
    };
    match meant {
        Some(m) => format!("; did you mean `{m}`?{range}"),
        None => range,
    }
}

/// The name most like `name`: the same but for case, else a likely typo.
fn near(names: &[String], name: &str) -> Option<String> {
    let unique = |mut found: Vec<&String>| {
        found.dedup();
        (found.len() == 1).then(|| found[0].clone())
    };
    unique(
        names
            .iter()
            .filter(|n| n.eq_ignore_ascii_case(name))
            .collect(),
    )
    .or_else(|| crate::text::closest(names.iter().map(String::as_str), name).map(str::to_string))
    .or_else(|| {
        // Short names are too short for a likeness score: one edit away, if only one is.
        unique(
            names
                .iter()
                .filter(|n| strsim::levenshtein(n, name) == 1)
                .collect(),
        )
        .filter(|_| name.chars().count() >= 2)
    })
}

#[cfg(test)]
mod tests {
    use super::unknown_hint;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbered_frameworks_say_their_range() {
        let af = names(&["1", "2", "3"]);
        assert_eq!(
            unknown_hint(&af, "4"),
            " (the arguments are numbered 1 to 3)"
        );
        assert_eq!(
            unknown_hint(&af, "12"),
            " (the arguments are numbered 1 to 3)"
        );
        assert_eq!(
            unknown_hint(&af, "0"),
            " (the arguments are numbered 1 to 3)"
        );
        assert_eq!(
            unknown_hint(&af, "02"),
            "; did you mean `2`? (the arguments are numbered 1 to 3)"
        );
        assert_eq!(
            unknown_hint(&af, " 2"),
            "; did you mean `2`? (the arguments are numbered 1 to 3)"
        );
        assert_eq!(
            unknown_hint(&af, "99999999999999999999999999"),
            " (the arguments are numbered 1 to 3)"
        );
        // A name that is no number gets no range, and one digit is not a likeness.
        assert_eq!(unknown_hint(&af, "a"), "");
    }

    #[test]
    fn short_names_get_a_suggestion_too() {
        let af = names(&["a1", "b", "c"]);
        assert_eq!(unknown_hint(&af, "A1"), "; did you mean `a1`?");
        assert_eq!(unknown_hint(&af, "a2"), "; did you mean `a1`?");
        assert_eq!(unknown_hint(&af, "zzz"), "");
        let af = names(&["crypto_helped_ai", "surplus"]);
        assert_eq!(unknown_hint(&af, "Surplus"), "; did you mean `surplus`?");
        assert_eq!(
            unknown_hint(&af, "crypto_helped"),
            "; did you mean `crypto_helped_ai`?"
        );
        // Two names as near: no guess.
        let af = names(&["ab", "ac"]);
        assert_eq!(unknown_hint(&af, "aa"), "");
    }
}
