//! `crux.yaml`: rule severities, the default weight, render defaults, the artifact root.
//!
//! Found next to the inputs or in a parent folder. Every key is checked: an unknown key
//! or value is a usage error that names the file, the line and the valid choices.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The file name crux looks for.
pub const FILE_NAME: &str = "crux.yaml";

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    rules: Option<IndexMap<String, Spanned<Option<String>>>>,
    default_weight: Option<Spanned<f64>>,
    render: Option<RawRender>,
    artifact_root: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRender {
    theme: Option<Spanned<String>>,
    layout: Option<Spanned<String>>,
    root: Option<String>,
}

/// A `crux.yaml` that cannot be used.
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
}

/// A path relative to the current directory when it is inside it, as given otherwise.
fn display(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

impl Config {
    /// Looks for `crux.yaml` in `start` (or its directory, if it is a file) and its
    /// parents. No file means the defaults.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// Loads one config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |line, column, message: String| ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".into(),
                _ => e.to_string(),
            },
        })?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if text.trim().is_empty() {
            return Ok(config);
        }
        let options = serde_saphyr::options! { with_snippet: false };
        let raw: Raw = serde_saphyr::from_str_with_options(&text, options).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = crate::syntax::front_matter::yaml_message(&e);

            error(line, column, message)
        })?;
        for (key, value) in raw.rules.unwrap_or_default() {
            let (line, column) = (value.referenced.line(), value.referenced.column());
            let Some(word) = &value.value else {
                return Err(error(
                    line,
                    column,
                    format!(
                        "no level for rule `{key}`; expected one of {}",
                        Level::CHOICES
                    ),
                ));
            };
            let level = Level::parse(word).ok_or_else(|| {
                error(
                    line,
                    column,
                    format!(
                        "unknown level `{word}` for rule `{key}`; expected one of {}",
                        Level::CHOICES
                    ),
                )
            })?;
            config.rules.push(RuleSetting {
                key,
                level,
                line: value.referenced.line(),
                column: value.referenced.column(),
            });
        }
        if let Some(w) = raw.default_weight {
            if !(0.0..=1.0).contains(&w.value) {
                return Err(error(
                    w.referenced.line(),
                    w.referenced.column(),
                    format!("default_weight must be between 0 and 1, found {}", w.value),
                ));
            }
            config.default_weight = Some(w.value);
        }
        if let Some(render) = raw.render {
            let choice = |value: Option<Spanned<String>>, key: &str, choices: &[&str]| {
                let Some(v) = value else { return Ok(None) };
                check_choice(&v.value, key, choices)
                    .map(|()| Some(v.value.clone()))
                    .map_err(|m| error(v.referenced.line(), v.referenced.column(), m))
            };
            config.render = RenderConfig {
                theme: choice(render.theme, "render.theme", &["light", "dark", "auto"])?,
                layout: choice(
                    render.layout,
                    "render.layout",
                    &["auto", "graphviz", "builtin"],
                )?,
                root: render.root,
            };
        }
        let base = path.parent().unwrap_or(Path::new("."));
        config.artifact_root = raw.artifact_root.map(|r| base.join(r));
        Ok(config)
    }

    /// The directory artifact paths must stay inside: `artifact_root`, else the config's
    /// directory, else the nearest enclosing git work tree, else `fallback`.
    pub fn project_root(&self, fallback: &Path) -> PathBuf {
        if let Some(root) = &self.artifact_root {
            return root.clone();
        }
        if let Some(dir) = self.path.as_ref().and_then(|p| p.parent()) {
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

fn check_choice(v: &str, key: &str, choices: &[&str]) -> Result<(), String> {
    match v {
        v if !choices.contains(&v) => Err(format!(
            "unknown value `{v}` for `{key}`; expected one of {}",
            choices
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Ok(()),
    }
}
