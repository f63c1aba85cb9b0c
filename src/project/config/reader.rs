//! The checks of `crux.yaml`: its YAML tree read into a [`Config`], every problem
//! collected with its position.
//!
//! Phase: input (project).

use std::path::Path;

use super::{
    ArtifactRoot, Config, Folders, KEYS, Level, RENDER_KEYS, RuleNames, RuleSetting, VERDICT_KEYS,
    display,
};
use crate::check::lookup;
use crate::syntax::ast::ProofStandard;
use crate::syntax::yaml::{Node, Position, Value, shown};

/// Reads the tree into a [`Config`], collecting every problem.
pub(super) struct Reader<'a> {
    /// The file (artifact_root and exclude are relative to its folder).
    pub path: &'a Path,
    /// The problems found so far, with where they are.
    pub problems: Vec<(Position, String)>,
    /// Says which rule names exist.
    pub rule_names: RuleNames<'a>,
    /// The settings read so far.
    pub config: Config,
    /// Says what `artifact_root` names (on disk, or in a git revision).
    pub folders: Folders<'a>,
}

impl Reader<'_> {
    fn problem(&mut self, at: Position, message: String) {
        self.problems.push((at, message));
    }

    /// Reads the whole file's tree.
    pub(super) fn top(&mut self, root: &Node) {
        let entries = self.entries(root, None, KEYS);
        for (key, _, value) in entries {
            match key {
                "rules" => self.rules(value),
                "default_weight" => self.default_weight(value),
                "render" => self.render(value),
                "artifact_root" => self.artifact_root(value),
                "exclude" => self.exclude(value),
                "verdict" => self.verdict(value),
                _ => unreachable!("`entries` keeps known keys only"),
            }
        }
    }

    /// The entries of a mapping, in file order, for `section` (`None` at the top).
    /// Reports a value that is not a mapping, keys that are not names, unknown keys (when
    /// `keys` is not empty) and keys given twice; returns the others. An empty value
    /// has no entries.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        section: Option<&str>,
        keys: &[&str],
    ) -> Vec<(&'n str, Position, &'n Node)> {
        let pairs = match &node.value {
            Value::Map(pairs) => pairs,
            Value::Refused => return Vec::new(),
            v if v.is_null() => return Vec::new(),
            v => {
                let message = match section {
                    None => format!(
                        "crux.yaml holds settings as `key: value` lines ({}); found {}",
                        quoted(KEYS),
                        v.describe()
                    ),
                    Some("rules") => format!(
                        "`rules` maps rule names to levels, as in `unsupported-claim: error`; found {}",
                        v.describe()
                    ),
                    Some(s) => format!(
                        "`{s}` holds `key: value` lines ({}); found {}",
                        quoted(keys),
                        v.describe()
                    ),
                };
                self.problem(node.at, message);
                return Vec::new();
            }
        };
        let mut out: Vec<(&str, Position, &Node)> = Vec::new();
        let mut seen: Vec<(&str, u64)> = Vec::new();
        for (k, v) in pairs {
            let key = match &k.value {
                Value::Scalar { text, plain: true } if text == "<<" => {
                    let message = "merge keys (`<<`) are not supported in crux.yaml; \
                                   write the settings out"
                        .to_string();
                    self.problem(k.at, message);
                    continue;
                }
                Value::Scalar { text, .. } if !k.value.is_null() => text.as_str(),
                Value::Refused => continue,
                other => {
                    let message = format!("a key must be a name; found {}", other.describe());
                    self.problem(k.at, message);
                    continue;
                }
            };
            if !keys.is_empty() && !keys.contains(&key) {
                let hint = did_you_mean(keys, key);
                let place = section.map(|s| format!(" in `{s}`")).unwrap_or_default();
                let message = format!(
                    "unknown key `{}`{place}; {hint}the keys are {}",
                    shown(key),
                    quoted(keys)
                );
                self.problem(k.at, message);
                continue;
            }
            if let Some((_, line)) = seen.iter().find(|(s, _)| *s == key) {
                let message = format!("`{}` is set twice (first on line {line})", shown(key));
                self.problem(k.at, message);
                continue;
            }
            seen.push((key, k.at.line));
            out.push((key, k.at, v));
        }
        out
    }

    fn rules(&mut self, node: &Node) {
        // The rules set so far: the rule's name, the key as written, where.
        let mut set: Vec<(String, &str, Position)> = Vec::new();
        for (key, at, value) in self.entries(node, Some("rules"), &[]) {
            let mut always_error = false;
            match (self.rule_names)(key) {
                Err(message) => self.problem(at, message),
                Ok(name) => {
                    always_error = lookup(&name).is_some_and(|r| r.rule.always_error());
                    if let Some((_, first, was)) = set.iter().find(|(n, ..)| *n == name) {
                        let place = if was.line == at.line {
                            format!("line {}, column {}", was.line, was.column)
                        } else {
                            format!("line {}", was.line)
                        };
                        let message = format!(
                            "rule `{}` is set twice: as `{}` here and as `{}` on {place}",
                            shown(&name),
                            shown(key),
                            shown(first)
                        );
                        self.problem(at, message);
                        continue;
                    }
                    set.push((name, key, at));
                }
            }
            let level = match &value.value {
                Value::Refused => continue,
                v if v.is_null() => Err(format!(
                    "no level for rule `{}`; expected one of {}",
                    shown(key),
                    Level::CHOICES
                )),
                Value::Scalar { text, .. } => Level::parse(text).ok_or_else(|| {
                    format!(
                        "unknown level `{}` for rule `{}`; {}expected one of {}",
                        shown(text),
                        shown(key),
                        did_you_mean(&Level::NAMES, text),
                        Level::CHOICES
                    )
                }),
                v => Err(format!(
                    "the level of rule `{}` must be one of {}; found {}",
                    shown(key),
                    Level::CHOICES,
                    v.describe()
                )),
            };
            let level = level.and_then(|level| match level {
                Level::Warning | Level::Info | Level::Off if always_error => Err(format!(
                    "`{}` is always an error: a file that does not parse cannot pass a check; \
                     remove this line",
                    shown(key)
                )),
                level => Ok(level),
            });
            match level {
                Ok(level) => self.config.rules.push(RuleSetting {
                    key: key.to_string(),
                    level,
                    line: value.at.line,
                    column: value.at.column,
                }),
                Err(message) => self.problem(value.at, message),
            }
        }
    }

    fn default_weight(&mut self, node: &Node) {
        if let Some(w) = self.unit_number(node, "default_weight") {
            self.config.default_weight = Some(w);
        }
    }

    /// `verdict: {standard, alpha, beta, gamma}`: the debate's proof standard and its
    /// thresholds; a key not given keeps its default.
    fn verdict(&mut self, node: &Node) {
        for (key, _, value) in self.entries(node, Some("verdict"), VERDICT_KEYS) {
            if key == "standard" {
                if let Some(standard) = self.standard(value) {
                    self.config.verdict.standard = standard;
                }
                continue;
            }
            let Some(x) = self.unit_number(value, &format!("verdict.{key}")) else {
                continue;
            };
            let options = &mut self.config.verdict;
            match key {
                "alpha" => options.alpha = x,
                "beta" => options.beta = x,
                _ => options.gamma = x,
            }
        }
    }

    /// `verdict.standard`: one of the proof standards.
    fn standard(&mut self, node: &Node) -> Option<ProofStandard> {
        let names: Vec<&str> = ProofStandard::ALL.iter().map(|s| s.keyword()).collect();
        let expected = format!("one of {}", quoted(&names));
        let text = self.text(node, "verdict.standard", &expected)?;
        if let Some(standard) = ProofStandard::from_keyword(&text) {
            return Some(standard);
        }
        let hint = did_you_mean(&names, &text);
        let message = format!(
            "unknown proof standard `{}` for `verdict.standard`; {hint}expected {expected}",
            shown(&text),
        );
        self.problem(node.at, message);
        None
    }

    /// A number from 0 to 1, written without quotes, for the setting `key`; `None`
    /// (reported) otherwise.
    fn unit_number(&mut self, node: &Node, key: &str) -> Option<f64> {
        let expected = "a number between 0 and 1";
        let message = match &node.value {
            Value::Refused => return None,
            v if v.is_null() => format!("`{key}` must be a number from 0 to 1; found nothing"),
            Value::Scalar { text, plain: false } => format!(
                "`{key}` must be a number from 0 to 1; found a string (`{}` in quotes); write \
                 the number without quotes",
                shown(text)
            ),
            Value::Scalar { text, .. } => match text.trim().parse::<f64>() {
                Ok(x) if (0.0..=1.0).contains(&x) => return Some(x),
                Ok(_) => format!("`{key}` must be between 0 and 1; found {}", shown(text)),
                Err(_) => format!("`{key}` must be {expected}; found `{}`", shown(text)),
            },
            v => format!("`{key}` must be {expected}; found {}", v.describe()),
        };
        self.problem(node.at, message);
        None
    }

    fn render(&mut self, node: &Node) {
        for (key, _, value) in self.entries(node, Some("render"), RENDER_KEYS) {
            match key {
                "theme" => {
                    self.config.render.theme =
                        self.choice(value, "render.theme", &["light", "dark", "auto"]);
                }
                "layout" => {
                    self.config.render.layout =
                        self.choice(value, "render.layout", &["auto", "graphviz", "builtin"]);
                }
                _ => {
                    self.config.render.root = self.text(
                        value,
                        "render.root",
                        "the ID of the node to root the map at",
                    );
                    self.config.render.root_at = Some((value.at.line, value.at.column));
                }
            }
        }
    }

    /// A scalar that must be one of `choices`.
    fn choice(&mut self, node: &Node, key: &str, choices: &[&str]) -> Option<String> {
        let text = self.text(node, key, &format!("one of {}", quoted(choices)))?;
        if choices.contains(&text.as_str()) {
            return Some(text);
        }
        let message = format!(
            "unknown value `{}` for `{key}`; {}expected one of {}",
            shown(&text),
            did_you_mean(choices, &text),
            quoted(choices)
        );
        self.problem(node.at, message);
        None
    }

    /// A scalar's text; `None` (reported) for a list or a mapping, `None` for nothing.
    fn text(&mut self, node: &Node, key: &str, expected: &str) -> Option<String> {
        match &node.value {
            Value::Refused => None,
            v if v.is_null() => None,
            Value::Scalar { text, .. } => Some(text.clone()),
            v => {
                let message = format!("`{key}` must be {expected}; found {}", v.describe());
                self.problem(node.at, message);
                None
            }
        }
    }

    fn artifact_root(&mut self, node: &Node) {
        let expected = "a folder path, relative to crux.yaml";
        let Some(root) = self.text(node, "artifact_root", expected) else {
            return;
        };
        let base = self.path.parent().unwrap_or(Path::new("."));
        let dir = base.join(&root);
        match (self.folders)(&root) {
            ArtifactRoot::Outside => {
                let how = if Path::new(&root).has_root() {
                    "an absolute path"
                } else if Path::new(&root)
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
                {
                    "`..`"
                } else {
                    "a symbolic link"
                };
                self.problem(
                    node.at,
                    format!(
                        "`artifact_root` must be a folder inside the project (the folder \
                         holding crux.yaml); `{}` leads out of it through {how}",
                        shown(&root)
                    ),
                );
            }
            ArtifactRoot::Inside => self.config.artifact_root = Some(dir),
            ArtifactRoot::NotAFolder => self.problem(
                node.at,
                format!(
                    "`artifact_root` must be a folder; `{}` is not one",
                    shown(&root)
                ),
            ),
            ArtifactRoot::Missing => self.problem(
                node.at,
                format!(
                    "`artifact_root` names a folder that does not exist: {}",
                    display(&dir)
                ),
            ),
        }
    }

    fn exclude(&mut self, node: &Node) {
        let items: Vec<&Node> = match &node.value {
            Value::List(items) => items.iter().collect(),
            Value::Map(_) => {
                let message = format!(
                    "`exclude` lists patterns as in .gitignore, one per `- ` line; found {}",
                    node.value.describe()
                );
                self.problem(node.at, message);
                return;
            }
            v if v.is_null() => return,
            _ => vec![node],
        };
        let base = self.path.parent().unwrap_or(Path::new("."));
        for item in items {
            if let Value::Scalar { text, plain: true } = &item.value {
                let found = if item.value.is_null() {
                    Some("nothing".to_string())
                } else if text.parse::<f64>().is_ok() {
                    Some(format!("a number (`{}`)", shown(text)))
                } else if matches!(
                    text.as_str(),
                    "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
                ) {
                    Some(format!("a boolean (`{}`)", shown(text)))
                } else {
                    None
                };
                if let Some(found) = found {
                    let hint = if item.value.is_null() {
                        ""
                    } else {
                        "; put it in quotes to use it as a pattern"
                    };
                    self.problem(
                        item.at,
                        format!(
                            "`exclude` entries are patterns as in .gitignore; found {found}{hint}"
                        ),
                    );
                    continue;
                }
            }
            let expected = "a pattern as in .gitignore, such as `drafts/` or `*.old.crux`";
            let Some(pattern) = self.text(item, "exclude", expected) else {
                continue;
            };
            let mut builder = ignore::gitignore::GitignoreBuilder::new(base);
            if let Err(e) = builder.add_line(None, &pattern) {
                let why = match &e {
                    ignore::Error::Glob { err, .. } => err.clone(),
                    e => e.to_string(),
                };
                let why = why.rsplit(": ").next().unwrap_or(&why).to_string();
                self.problem(
                    item.at,
                    format!(
                        "`{}` in `exclude` is not a valid pattern: {why}",
                        shown(&pattern)
                    ),
                );
                continue;
            }
            self.config.exclude.push(pattern);
        }
    }
}

/// `did you mean `X`? ` when one of `names` is close to `word`, else nothing: every
/// "did you mean" of crux.yaml (keys, levels, values).
fn did_you_mean(names: &[&str], word: &str) -> String {
    crate::text::closest(names.iter().copied(), word)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default()
}

/// `a`, `b`, `c`, for messages.
fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
