//! Loading the debate a command works on: `crux.yaml`, the `.crux` files under the
//! paths, their text, the parsed and resolved debate, and the project root.
//!
//! Phase: cli. Every command that reads `.crux` files obtains them here, through
//! [`project::load`], so that they find the same files, with the same config, and
//! report every file that cannot be read in the same words ([`report`]): one
//! `error: FILE: why` line each, and exit 2.

use crate::diagnostic::terminal::sanitize;
use std::path::{Path, PathBuf};

use super::paths_or_cwd;
use crate::diagnostic::{InputProblem, human, plural};
use crate::model::ResolveOptions;
use crate::project::{self, Config, ConfigError, LoadError, Source};
use crate::syntax::span::{LineCol, LineIndex};

/// A loaded debate.
pub(crate) struct Loaded {
    /// The config in effect.
    pub config: Config,
    /// The parsed and resolved debate (without the files that could not be read).
    pub debate: crate::Debate,
    /// Artifact paths must stay inside this directory.
    pub root: PathBuf,
    /// How many files could not be read; each was reported on stderr.
    pub unreadable: usize,
    /// Why each of them could not be read, for the machine formats.
    pub problems: Vec<InputProblem>,
    /// Every `.crux` file found, read or not.
    pub files: Vec<PathBuf>,
}

/// Why a command could not load its debate: the report the terminal shows, and each
/// problem on its own for the machine formats (SARIF, GitHub annotations, the live
/// preview's banner).
#[derive(Debug)]
pub(crate) struct Failure {
    /// The report, as `error: ` follows it on stderr.
    pub text: String,
    /// Each problem, with its file and place when it has them.
    pub problems: Vec<InputProblem>,
}

impl Failure {
    /// A failure with no place in a file.
    fn plain(message: String) -> Failure {
        Failure {
            problems: vec![InputProblem {
                file: None,
                line: 0,
                column: 0,
                message: message.clone(),
            }],
            text: message,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Failure> for String {
    fn from(f: Failure) -> String {
        f.text
    }
}

/// A file that could not be read, as a problem of the input.
pub(crate) fn problem(e: &LoadError) -> InputProblem {
    let (file, line, column) = e.place();
    InputProblem {
        file,
        line,
        column,
        message: e.what(),
    }
}

/// The config in effect: `explicit` (from `--config`) if given, else the `crux.yaml`
/// found from `start` up. Every problem in it is in the `Err`, each drawn with its line
/// and a caret when it has a place in the file, the reports after the first preceded
/// by `error: ` (the command line writes it before the first).
pub(crate) fn config(explicit: Option<&Path>, start: &Path) -> Result<Config, Failure> {
    let rule_names = crate::check::rule_name;
    match explicit {
        Some(path) => Config::load(path, &rule_names),
        None => Config::discover(start, &rule_names),
    }
    .map_err(|e| config_failure(&e.0))
}

/// The failure of a `crux.yaml` with these problems: each drawn for the terminal, and
/// each as an input problem for the machine-read formats.
pub(crate) fn config_failure(errors: &[ConfigError]) -> Failure {
    let reports: Vec<String> = errors.iter().map(config_error).collect();
    Failure {
        text: reports.join("\n\nerror: "),
        problems: (errors.iter())
            .map(|e| InputProblem {
                file: Some(e.file_name()),
                line: e.line,
                column: e.column,
                message: e.message.clone(),
            })
            .collect(),
    }
}

/// One problem of a `crux.yaml`, as [`human::input_error`] draws it when it has a place
/// in the text, else as `FILE: MESSAGE`.
fn config_error(e: &ConfigError) -> String {
    let at = LineCol {
        line: u32::try_from(e.line).unwrap_or(u32::MAX),
        column: u32::try_from(e.column).unwrap_or(u32::MAX),
    };
    let offset = e
        .text
        .as_deref()
        .and_then(|text| Some((text, LineIndex::new(text).offset(text, at)?)));
    match offset {
        Some((text, offset)) => {
            human::input_error(&e.message, &e.file_name(), text, offset as usize)
        }
        None => e.to_string(),
    }
}

/// Prints why each file could not be read, one `error:` line each, as every command
/// does.
pub(crate) fn report(unreadable: &[LoadError]) {
    for e in unreadable {
        eprintln!("error: {}", sanitize(&e.to_string()));
    }
}

/// Finds and reads the `.crux` files under `paths` (the current directory if empty),
/// with `config` instead of the discovered `crux.yaml` if given. Bad usage (a bad
/// config, a missing path, no `.crux` files) is an `Err` with the message; each
/// unreadable file is reported (see [`report`]) and kept in `unreadable`, and the rest
/// is read.
pub(crate) fn files(paths: &[PathBuf], config: Option<&Path>) -> Result<project::Loaded, Failure> {
    let paths = paths_or_cwd(paths);
    // The `crux.yaml` in effect is found once: the one read is the one the warnings name.
    let mut warned = Vec::new();
    let chosen = config.is_some();
    let found = match config {
        Some(_) => None,
        None => {
            let found = Config::find(&paths[0]);
            warn_unread_configs(found.as_deref(), &paths[1..], &mut warned);
            found
        }
    };
    let config = match config.or(found.as_deref()) {
        Some(path) => self::config(Some(path), &paths[0])?,
        None => Config::default(),
    };
    let loaded = project::load(Source::Disk {
        paths: &paths,
        config: Box::new(config),
    })
    .map_err(|e| Failure {
        text: e.to_string(),
        problems: vec![problem(&e)],
    })?;
    super::memory::fit(loaded.sources.iter().map(|s| s.text.len()).sum());
    if !chosen {
        // A `crux.yaml` deeper in a folder searched is not read either: said once.
        let folders: std::collections::BTreeSet<PathBuf> = (loaded.files.iter())
            .filter_map(|f| f.parent())
            .map(|d| match d.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => d.to_path_buf(),
            })
            .collect();
        let folders: Vec<PathBuf> = folders.into_iter().collect();
        warn_unread_configs(found.as_deref(), &folders, &mut warned);
    }
    if loaded.files.is_empty() && loaded.unreadable.is_empty() {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        // Files that are there but left out: say so, and why that may be.
        let why = match project::left_out(&paths) {
            0 => String::new(),
            n => format!(
                "; {} there {} left out by the search (hidden, ignored by a .gitignore, or named by `exclude:` in crux.yaml): name a file to read it",
                plural(n, ".crux file"),
                if n == 1 { "is" } else { "are" }
            ),
        };
        return Err(Failure::plain(format!(
            "no .crux files found in {}{why}",
            list.join(", ")
        )));
    }
    report(&loaded.unreadable);
    Ok(loaded)
}

/// One run reads one `crux.yaml`, the first input's (`used`): says so on stderr for
/// each of the `other` inputs (or folders of the files found) whose own `crux.yaml`
/// (found from it up) is another, so that the order of the inputs never changes the
/// settings unnoticed; `warned` holds those said already.
fn warn_unread_configs(used: Option<&Path>, others: &[PathBuf], warned: &mut Vec<PathBuf>) {
    for other in others.iter().filter_map(|p| Config::find(p)) {
        if Some(other.as_path()) == used || warned.contains(&other) {
            continue;
        }
        let whose = match used {
            Some(used) => format!("the first input's, {}", shown(used)),
            None => "none: the first input has none, so the defaults apply".into(),
        };
        eprintln!(
            "warning: {} is not read: one run takes its settings from one crux.yaml, {whose}; \
             check each folder on its own, or choose one with --config",
            shown(&other)
        );
        warned.push(other);
    }
}

/// A path found from the inputs, as the user would write it (relative to the current
/// directory when it is under it), safe for the terminal.
fn shown(path: &Path) -> String {
    sanitize(&project::config::display(path)).into_owned()
}

/// Loads the debate under `paths` (the current directory if empty), with `config`
/// instead of the discovered `crux.yaml` if given: [`files`], parsed and resolved.
pub(crate) fn load(paths: &[PathBuf], config: Option<&Path>) -> Result<Loaded, Failure> {
    let loaded = files(paths, config)?;
    let paths = paths_or_cwd(paths);
    let options = ResolveOptions {
        default_weight: loaded.config.default_weight.unwrap_or(1.0),
    };
    let mut debate = crate::parse_debate(loaded.sources, options);
    let root = project_root(&loaded.config, &paths);
    // Evidence whose own data refutes it does not stand, in every command's verdict.
    project::expectations::refute(&mut debate, &root);
    Ok(Loaded {
        config: loaded.config,
        debate,
        root,
        unreadable: loaded.unreadable.len(),
        problems: loaded.unreadable.iter().map(problem).collect(),
        files: loaded.files,
    })
}

/// The directory artifact paths must stay inside: the config's artifact root, else the
/// config's folder, else the first path (or its folder, for a file).
pub(crate) fn project_root(config: &Config, paths: &[PathBuf]) -> PathBuf {
    let fallback = if paths[0].is_dir() {
        paths[0].clone()
    } else {
        // `debate.crux` is in `.`, as `./debate.crux` is.
        paths[0]
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from)
    };
    config.project_root(&fallback)
}
