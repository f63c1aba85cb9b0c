//! `crux.yaml`: rule severities, the default weight, render defaults, the artifact root,
//! the paths to leave out, the verdict's proof standard and thresholds.
//!
//! Phase: input (project), above `check`: [`Config::severities`] turns the `rules:`
//! section into the checker's [`Severities`] (the caller of [`Config::load`] says which
//! rule names exist). Found next to the inputs or in a parent folder. Every key and value is
//! checked, and every problem is reported in one run, in file order: each names the
//! file, the line, the column and the valid choices.

mod file;
mod reader;

pub(super) use file::text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{Severities, lookup, unknown_rule};
use crate::diagnostic::Severity;
use crate::semantics::carneades::VerdictOptions;
use crate::syntax::yaml;

/// The file name crux looks for.
pub const FILE_NAME: &str = "crux.yaml";

/// A `crux.yaml` larger than this is refused: a config is a few lines, and a device or
/// a huge file must not exhaust memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// The top-level keys.
const KEYS: &[&str] = &[
    "rules",
    "default_weight",
    "render",
    "artifact_root",
    "exclude",
    "verdict",
];

/// The keys under `render:`.
const RENDER_KEYS: &[&str] = &["theme", "layout", "root"];

/// The keys under `verdict:`.
const VERDICT_KEYS: &[&str] = &["standard", "alpha", "beta", "gamma"];

/// A severity setting for a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// The valid words, for messages.
    pub const CHOICES: &'static str = "`error`, `warning`, `info`, `off`";

    /// The level words, as [`Level::parse`] reads them.
    pub const NAMES: [&'static str; 4] = ["error", "warning", "info", "off"];

    /// Reads a level word.
    pub fn parse(word: &str) -> Option<Level> {
        Some(match word {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "info" => Level::Info,
            "off" => Level::Off,
            _ => return None,
        })
    }
}

/// One `rules:` entry, with the line and column of its value.
#[derive(Clone, Debug)]
pub struct RuleSetting {
    /// The rule's name or code, as written.
    pub key: String,
    /// The level.
    pub level: Level,
    /// Line of the entry.
    pub line: u64,
    /// Column of the entry's value.
    pub column: u64,
}

/// Render defaults.
#[derive(Clone, Debug, Default)]
pub struct RenderConfig {
    /// `light`, `dark` or `auto`.
    pub theme: Option<String>,
    /// `auto`, `graphviz` or `builtin`.
    pub layout: Option<String>,
    /// The thesis to root the map at.
    pub root: Option<String>,
    /// Where `root`'s value is written in the file: line and column, from 1.
    pub root_at: Option<(u64, u64)>,
}

/// A loaded `crux.yaml` (or the defaults, when there is none).
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// Per-rule levels, in file order.
    pub rules: Vec<RuleSetting>,
    /// Weight of a relation written without one (default 1.0).
    pub default_weight: Option<f64>,
    /// Render defaults.
    pub render: RenderConfig,
    /// Artifact paths must stay inside this directory (default: the config's directory).
    pub artifact_root: Option<PathBuf>,
    /// Paths left out of directory searches: patterns written as in `.gitignore`,
    /// relative to the config's directory.
    pub exclude: Vec<String>,
    /// The verdict's settings: the proof standard of a node that names none, and α, β,
    /// γ (the defaults when `verdict:` is absent).
    pub verdict: VerdictOptions,
}

/// Says which rule a `rules:` key names: the rule's name, or the message when it names
/// none. `check` knows the rules; the config does not.
pub type RuleNames<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// One problem in a `crux.yaml`.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", display(path), if *line > 0 { format!(":{line}:{column}") } else { String::new() })]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// Line (1-based; 0 when the file could not be read).
    pub line: u64,
    /// Column (1-based).
    pub column: u64,
    /// What is wrong, with the valid choices.
    pub message: String,
    /// The text of the file, when it was read, so that a report can show the line.
    pub text: Option<Arc<str>>,
}

/// Every problem in a `crux.yaml`, in file order (never empty). Displayed one per
/// line, each after the first preceded by `error: `, as the command line prints them.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nerror: "))]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl ConfigError {
    /// The file's name as messages write it: relative to the current folder when it is
    /// inside it.
    pub fn file_name(&self) -> String {
        display(&self.path)
    }
}

impl From<ConfigError> for ConfigErrors {
    fn from(e: ConfigError) -> Self {
        ConfigErrors(vec![e])
    }
}

/// Whether the folder `dir` is `project` or inside it, after following every symbolic
/// link. A folder that cannot be resolved is not inside.
fn inside(dir: &Path, project: &Path) -> bool {
    let project = if project.as_os_str().is_empty() {
        Path::new(".")
    } else {
        project
    };
    match (std::fs::canonicalize(dir), std::fs::canonicalize(project)) {
        (Ok(dir), Ok(project)) => dir.starts_with(project),
        _ => false,
    }
}

/// What an `artifact_root` names, seen from the folder holding `crux.yaml`.
pub(crate) enum ArtifactRoot {
    /// A folder inside it (or the folder itself), symbolic links followed.
    Inside,
    /// A folder outside it.
    Outside,
    /// Something other than a folder.
    NotAFolder,
    /// Nothing.
    Missing,
}

/// Says what an `artifact_root`, as written, names from the folder holding the
/// `crux.yaml`: on disk ([`on_disk`]), or in a git revision.
pub(crate) type Folders<'a> = &'a dyn Fn(&str) -> ArtifactRoot;

/// What `root` names on disk from the folder of the `crux.yaml` at `path`.
fn on_disk(path: &Path, root: &str) -> ArtifactRoot {
    let base = path.parent().unwrap_or(Path::new("."));
    let dir = base.join(root);
    match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() && !inside(&dir, base) => ArtifactRoot::Outside,
        Ok(meta) if meta.is_dir() => ArtifactRoot::Inside,
        Ok(_) => ArtifactRoot::NotAFolder,
        Err(_) => ArtifactRoot::Missing,
    }
}

/// A path relative to the current directory when it is inside it, as given otherwise.
pub fn display(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

impl Config {
    /// The file as messages name it (relative to the current folder when it is inside
    /// it); `crux.yaml` for the defaults.
    pub fn file_name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| FILE_NAME.into(), display)
    }

    /// Where `render.root` is written, as messages name it: `crux.yaml:LINE:COLUMN`
    /// (the file relative to the current folder when it is inside it).
    pub fn render_root_place(&self) -> String {
        let file = self.file_name();
        match self.render.root_at {
            Some((line, column)) => format!("{file}:{line}:{column}"),
            None => file,
        }
    }

    /// The level of every rule after the `rules:` section. An unknown rule is a usage
    /// error (a config loaded with `check::rule_name` has none).
    pub fn severities(&self) -> Result<Severities, ConfigError> {
        let mut levels = Severities::default();
        for setting in &self.rules {
            let Some(info) = lookup(&setting.key) else {
                return Err(ConfigError {
                    path: self.path.clone().unwrap_or_default(),
                    line: setting.line,
                    column: 1,
                    message: unknown_rule(&setting.key).unwrap_or_default(),
                    text: None,
                });
            };
            let level = match setting.level {
                Level::Error => Some(Severity::Error),
                Level::Warning => Some(Severity::Warning),
                Level::Info => Some(Severity::Info),
                Level::Off => None,
            };
            levels.set(info.rule, level);
        }
        Ok(levels)
    }

    /// Looks for `crux.yaml` in `start` (or its directory, if it is a file) and its
    /// parents. No file means the defaults. Anything named `crux.yaml` counts: one that
    /// is not a regular file is an error, not skipped.
    pub fn discover(start: &Path, rule_names: RuleNames<'_>) -> Result<Config, ConfigErrors> {
        match Config::find(start) {
            Some(path) => Config::load(&path, rule_names),
            None => Ok(Config::default()),
        }
    }

    /// The `crux.yaml` that [`Config::discover`] reads for `start`, if any (absolute).
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if std::fs::symlink_metadata(&candidate).is_ok() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Loads one config file.
    pub fn load(path: &Path, rule_names: RuleNames<'_>) -> Result<Config, ConfigErrors> {
        let text: Arc<str> = file::read_text(path)?.into();
        Config::from_text(path, text, rule_names, &|root| on_disk(path, root))
    }

    /// The config in `text`, the content of a file at `path`, or every problem in it
    /// (at most [`MAX_PROBLEMS`], then how many more): as [`Config::load`] reads a file on
    /// disk, and `crux diff` the file of a git revision, where `folders` says what
    /// `artifact_root` names.
    pub(crate) fn from_text(
        path: &Path,
        text: Arc<str>,
        rule_names: RuleNames<'_>,
        folders: Folders<'_>,
    ) -> Result<Config, ConfigErrors> {
        let (config, problems) = Config::read(path, &text, rule_names, folders);
        if problems.is_empty() {
            return Ok(config);
        }
        let omitted = problems.len().saturating_sub(MAX_PROBLEMS);
        let mut errors: Vec<ConfigError> = problems
            .into_iter()
            .take(MAX_PROBLEMS)
            .map(|(at, message)| ConfigError {
                path: path.to_path_buf(),
                line: at.line,
                column: at.column,
                message,
                text: Some(text.clone()),
            })
            .collect();
        if omitted > 0 {
            errors.push(ConfigError {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                message: format!("{omitted} more problems not shown"),
                text: None,
            });
        }
        Err(ConfigErrors(errors))
    }

    /// Reads the text of a config file that lives at `path` (where `artifact_root` and
    /// `exclude` are relative to): the settings it gives, every valid key applied, and
    /// each problem (one line, with its position), in file order. [`Config::from_text`]
    /// refuses a file with problems.
    fn read(
        path: &Path,
        text: &str,
        rule_names: RuleNames<'_>,
        folders: Folders<'_>,
    ) -> (Config, Vec<(yaml::Position, String)>) {
        let (root, problems) = yaml::parse(text, "crux.yaml");
        let mut reader = reader::Reader {
            path,
            problems: problems.into_iter().map(|p| (p.at, p.message)).collect(),
            rule_names,
            config: Config {
                path: Some(path.to_path_buf()),
                ..Config::default()
            },
            folders,
        };
        if let Some(root) = &root {
            reader.top(root);
        }
        let reader::Reader {
            mut problems,
            config,
            ..
        } = reader;
        problems.sort_by_key(|(at, _)| *at);
        for (_, message) in &mut problems {
            *message = yaml::one_line(message, 400);
        }
        (config, problems)
    }

    /// The directory artifact paths must stay inside: `artifact_root`, else the config's
    /// directory, else the nearest enclosing git work tree, else `fallback`.
    pub fn project_root(&self, fallback: &Path) -> PathBuf {
        let config_dir = self.path.as_ref().and_then(|p| p.parent());
        if let Some(root) = &self.artifact_root {
            // Checked when the file was read; checked again here, so that a root that
            // leads out of the project is never trusted, however the config was made.
            if config_dir.is_some_and(|dir| inside(root, dir)) {
                return root.clone();
            }
        }
        if let Some(dir) = config_dir {
            return dir.to_path_buf();
        }
        let start = std::path::absolute(fallback).unwrap_or_else(|_| fallback.to_path_buf());
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            if d.join(".git").exists() {
                return d.to_path_buf();
            }
            dir = d.parent();
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh file `name` with `bytes` in a temporary folder of its own, removed when
    /// the returned guard is dropped.
    fn scratch_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    fn messages(text: &str) -> Vec<String> {
        let (_dir, path) = scratch_file(FILE_NAME, text.as_bytes());
        let known = |k: &str| match k {
            "known-rule" | "K1" => Ok("known-rule".to_string()),
            _ => Err(format!("unknown rule `{k}`")),
        };
        match Config::load(&path, &known) {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.iter()
                    .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                    .collect()
            }
        }
    }

    #[test]
    fn an_oversized_file_is_refused_without_reading_it_all() {
        let mut text = b"# padding\n".repeat((MAX_CONFIG_BYTES / 10) as usize + 1);
        text.extend_from_slice(b"default_weight: 0.5\n");
        let (_dir, path) = scratch_file(FILE_NAME, &text);
        let e = Config::load(&path, &|k| Ok(k.to_string())).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert!(e.0[0].message.contains("too large"), "{}", e.0[0].message);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_read() {
        let e = Config::load(Path::new("/dev/zero"), &|k| Ok(k.to_string())).unwrap_err();
        assert!(e.0[0].message.contains("not a regular file"));
    }

    #[test]
    fn every_problem_is_reported_in_file_order() {
        let text = "render:\n  theme: blue\n  layout: [a]\nrules:\n  nope: error\n  known-rule: loud\ndefault_weight: high\nexclude: {a: b}\nartifact_root: !!str x\n";
        assert_eq!(
            messages(text),
            [
                "2:10: unknown value `blue` for `render.theme`; expected one of `light`, `dark`, `auto`",
                "3:11: `render.layout` must be one of `auto`, `graphviz`, `builtin`; found a list",
                "5:3: unknown rule `nope`",
                "6:15: unknown level `loud` for rule `known-rule`; expected one of `error`, `warning`, `info`, `off`",
                "7:17: `default_weight` must be a number between 0 and 1; found `high`",
                "8:10: `exclude` lists patterns as in .gitignore, one per `- ` line; found a mapping (`key: value` lines)",
                "9:16: YAML tags such as `!!str` are not used in crux.yaml; write the value without it",
            ]
        );
    }

    #[test]
    fn syntax_errors_stay_errors() {
        let problems = |text: &str| {
            let (_dir, path) = scratch_file(FILE_NAME, text.as_bytes());
            match Config::load(&path, &crate::check::rule_name) {
                Ok(_) => Vec::new(),
                Err(e) => {
                    e.0.iter()
                        .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                        .collect()
                }
            }
        };
        assert_eq!(
            problems("rules:\n  syntax-error: off\n  S001: warning\n"),
            [
                "2:17: `syntax-error` is always an error: a file that does not parse cannot pass a check; remove this line",
                "3:3: rule `syntax-error` is set twice: as `S001` here and as `syntax-error` on line 2",
            ]
        );
        assert_eq!(problems("rules:\n  s001: warning\n").len(), 1);
        assert_eq!(problems("rules:\n  S001: error\n"), Vec::<String>::new());
    }

    #[test]
    fn user_text_cannot_reach_the_terminal_raw_and_problems_are_capped() {
        assert_eq!(
            messages("render:\n  theme: \"\\e[2J\"\n"),
            [
                "2:10: unknown value `\\u{1b}[2J` for `render.theme`; expected one of `light`, `dark`, `auto`"
            ]
        );
        let many: String = (0..MAX_PROBLEMS + 5)
            .map(|i| format!("k{i}: 1\n"))
            .collect();
        let listed = messages(&many);
        assert_eq!(listed.len(), MAX_PROBLEMS + 1);
        assert_eq!(listed[MAX_PROBLEMS], "0:0: 5 more problems not shown");
    }

    #[test]
    fn a_rule_set_under_two_names_is_set_twice() {
        assert_eq!(
            messages("rules:\n  K1: off\n  known-rule: error\n"),
            ["3:3: rule `known-rule` is set twice: as `known-rule` here and as `K1` on line 2"]
        );
    }

    #[test]
    fn wrong_types_are_reported() {
        assert_eq!(
            messages("default_weight: ~\n"),
            ["1:17: `default_weight` must be a number from 0 to 1; found nothing"]
        );
        assert_eq!(
            messages("default_weight: \"0.5\"\n"),
            [
                "1:17: `default_weight` must be a number from 0 to 1; found a string (`0.5` in quotes); write the number without quotes"
            ]
        );
        assert_eq!(
            messages("exclude: [5, true, ~, \"7\", ok/]\nexclude2: x\n")[..3],
            [
                "1:11: `exclude` entries are patterns as in .gitignore; found a number (`5`); put it in quotes to use it as a pattern",
                "1:14: `exclude` entries are patterns as in .gitignore; found a boolean (`true`); put it in quotes to use it as a pattern",
                "1:20: `exclude` entries are patterns as in .gitignore; found nothing",
            ]
        );
        assert_eq!(messages("exclude:\n"), Vec::<String>::new());
        assert_eq!(
            messages("rules:\n  <<: {known-rule: off}\n"),
            ["2:3: merge keys (`<<`) are not supported in crux.yaml; write the settings out"]
        );
        assert_eq!(
            messages("<<: {default_weight: 0.5}\n"),
            ["1:1: merge keys (`<<`) are not supported in crux.yaml; write the settings out"]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_located() {
        let (_dir, path) = scratch_file(FILE_NAME, b"rules:\n  a: \xff\n");
        let e = Config::load(&path, &|k| Ok(k.to_string())).unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (2, 6));
    }

    fn verdict(text: &str) -> VerdictOptions {
        let (_dir, path) = scratch_file(FILE_NAME, text.as_bytes());
        Config::load(&path, &|k| Ok(k.to_string()))
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .verdict
    }

    #[test]
    fn verdict_settings_are_read_and_each_key_is_optional() {
        use crate::syntax::ast::ProofStandard;
        let defaults = VerdictOptions::default();
        assert_eq!(verdict(""), defaults);
        assert_eq!(verdict("verdict:\n"), defaults);
        assert_eq!(verdict("verdict: {}\n"), defaults);
        assert_eq!(
            verdict(
                "verdict:\n  standard: clear-and-convincing\n  alpha: 0.7\n  beta: 0\n  gamma: 1\n"
            ),
            VerdictOptions {
                standard: ProofStandard::ClearAndConvincing,
                alpha: 0.7,
                beta: 0.0,
                gamma: 1.0,
            }
        );
        assert_eq!(
            verdict("verdict: {gamma: .05}\n"),
            VerdictOptions {
                gamma: 0.05,
                ..defaults
            }
        );
        for standard in ProofStandard::ALL {
            let text = format!("verdict:\n  standard: {}\n", standard.keyword());
            assert_eq!(verdict(&text).standard, standard);
        }
    }

    #[test]
    fn a_misspelt_level_or_value_gets_a_suggestion() {
        assert_eq!(
            messages("rules:\n  known-rule: warn\nrender:\n  layout: graphvis\n"),
            [
                "2:15: unknown level `warn` for rule `known-rule`; did you mean `warning`? expected one of `error`, `warning`, `info`, `off`",
                "4:11: unknown value `graphvis` for `render.layout`; did you mean `graphviz`? expected one of `auto`, `graphviz`, `builtin`",
            ]
        );
    }

    #[test]
    fn bad_verdict_settings_are_reported_with_the_choices() {
        assert_eq!(
            messages("verdict:\n  standrd: scintilla\n  alfa: 0.5\n"),
            [
                "2:3: unknown key `standrd` in `verdict`; did you mean `standard`? the keys are `standard`, `alpha`, `beta`, `gamma`",
                "3:3: unknown key `alfa` in `verdict`; did you mean `alpha`? the keys are `standard`, `alpha`, `beta`, `gamma`",
            ]
        );
        assert_eq!(
            messages("verdict:\n  standard: beyond_doubt\n"),
            [
                "2:13: unknown proof standard `beyond_doubt` for `verdict.standard`; did you mean `beyond-doubt`? expected one of `scintilla`, `preponderance`, `clear-and-convincing`, `beyond-doubt`, `dialectical`"
            ]
        );
        assert_eq!(
            messages("verdict:\n  standard: strict\n"),
            [
                "2:13: unknown proof standard `strict` for `verdict.standard`; expected one of `scintilla`, `preponderance`, `clear-and-convincing`, `beyond-doubt`, `dialectical`"
            ]
        );
        assert_eq!(
            messages("verdict:\n  standard: [scintilla]\n"),
            [
                "2:13: `verdict.standard` must be one of `scintilla`, `preponderance`, `clear-and-convincing`, `beyond-doubt`, `dialectical`; found a list"
            ]
        );
        assert_eq!(
            messages("verdict:\n  alpha: 1.5\n  beta: high\n  gamma: \"0.1\"\n  alpha: 0.5\n"),
            [
                "2:10: `verdict.alpha` must be between 0 and 1; found 1.5",
                "3:9: `verdict.beta` must be a number between 0 and 1; found `high`",
                "4:10: `verdict.gamma` must be a number from 0 to 1; found a string (`0.1` in quotes); write the number without quotes",
                "5:3: `alpha` is set twice (first on line 2)",
            ]
        );
        assert_eq!(
            messages("verdict:\n  beta: ~\n  gamma: -0.1\n"),
            [
                "2:9: `verdict.beta` must be a number from 0 to 1; found nothing",
                "3:10: `verdict.gamma` must be between 0 and 1; found -0.1",
            ]
        );
        assert_eq!(
            messages("verdict: preponderance\n"),
            [
                "1:10: `verdict` holds `key: value` lines (`standard`, `alpha`, `beta`, `gamma`); found `preponderance`"
            ]
        );
    }

    #[test]
    fn no_content_means_the_defaults() {
        for text in ["", "# nothing\n", "---\n", "~\n", "{}\n"] {
            assert_eq!(messages(text), Vec::<String>::new(), "{text:?}");
        }
    }
}
