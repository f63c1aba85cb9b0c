//! Front matter: the YAML block at the top of a file, read into its known keys.
//!
//! Phase: syntax. Every problem is reported in one run, each at its line and column in
//! the `.crux` file: YAML errors, unknown keys (typo protection), keys set twice and
//! values of the wrong shape.

use super::ast::FrontMatter;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::span::{FileId, LineIndex, Span};
use super::yaml::{self, Node, Position, Value};

/// The keys front matter may hold, in the order the help lists them.
pub const KEYS: [&str; 5] = super::kind::FRONT_MATTER_KEYS;

/// A front matter value of several strings as YAML writes it, each already quoted:
/// `"a"` for one, `["a", "b"]` for more, nothing for none (as `authors:` is read: a
/// string or a list of strings).
pub(crate) fn one_or_list(quoted: &[String]) -> Option<String> {
    match quoted {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(format!("[{}]", many.join(", "))),
    }
}

/// A front matter block between `fence` lines (`---`, Argdown's `===`), one `key:
/// value` line for each entry that has a value, and a blank line after; nothing when
/// no entry has one.
pub(crate) fn block(fence: &str, entries: &[(&str, Option<String>)]) -> String {
    if entries.iter().all(|(_, v)| v.is_none()) {
        return String::new();
    }
    let mut out = format!("{fence}\n");
    for (key, value) in entries {
        if let Some(value) = value {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out.push_str(&format!("{fence}\n\n"));
    out
}

/// Reads the YAML text at `yaml_start..yaml_start + yaml.len()` of a file: the keys that
/// read, and every problem. `span` covers the whole block including both `---` lines.
pub(crate) fn read(
    file: FileId,
    yaml: &str,
    yaml_start: usize,
    span: Span,
) -> (FrontMatter, Vec<SyntaxError>) {
    let mut reader = Reader {
        file,
        yaml,
        yaml_start,
        index: LineIndex::new(yaml),
        front_matter: FrontMatter {
            span,
            ..FrontMatter::default()
        },
        errors: Vec::new(),
    };
    if yaml.trim().is_empty() {
        return (reader.front_matter, reader.errors);
    }
    let (root, problems) = yaml::parse(yaml, "front matter");
    for p in problems {
        reader.error(p.at, p.message, false);
    }
    if let Some(root) = root {
        reader.top(&root);
    }
    // The YAML problems come first from the parser; the key checks after: in file order.
    reader.errors.sort_by_key(|e| e.span.start);
    (reader.front_matter, reader.errors)
}

/// Reads the tree into a [`FrontMatter`], collecting every problem.
struct Reader<'a> {
    file: FileId,
    yaml: &'a str,
    yaml_start: usize,
    index: LineIndex,
    front_matter: FrontMatter,
    errors: Vec<SyntaxError>,
}

impl Reader<'_> {
    /// The byte offset in the YAML text of a position (1-based line, column in
    /// characters); past the end for a position after the last line.
    fn offset(&self, at: Position) -> usize {
        let line = (at.line as usize).saturating_sub(1);
        if line >= self.index.len() {
            return self.yaml.len();
        }
        let start = self.index.line_start(line) as usize;
        let rest = &self.yaml[start..];
        let column = (at.column as usize).saturating_sub(1);
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i)
    }

    /// Records a problem at `at`, underlining to the end of its word: up to a `:` or the
    /// end of the line.
    fn error(&mut self, at: Position, message: String, unknown_key: bool) {
        let start = self.offset(at);
        let end = self.yaml[start..]
            .find([':', '\n', '\r'])
            .map_or(self.yaml.len(), |e| start + e);
        self.errors.push(SyntaxError {
            kind: SyntaxErrorKind::FrontMatter {
                message,
                unknown_key,
            },
            span: Span::new(
                self.file,
                self.yaml_start + start,
                self.yaml_start + end.max(start),
            ),
        });
    }

    fn top(&mut self, root: &Node) {
        let pairs = match &root.value {
            Value::Map(pairs) => pairs,
            Value::Refused => return,
            v => {
                let message = format!(
                    "front matter holds `key: value` lines ({}); found {}",
                    listed(),
                    v.describe()
                );
                return self.error(root.at, message, false);
            }
        };
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in pairs {
            let name = match &key.value {
                Value::Scalar { text, .. } => text.as_str(),
                Value::Refused => continue,
                v => {
                    let message = format!("a key must be a name; found {}", v.describe());
                    self.error(key.at, message, false);
                    continue;
                }
            };
            if !KEYS.contains(&name) {
                let hint = crate::text::closest(KEYS, name)
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                let message = format!("unknown key `{}`{hint}", yaml::shown(name));
                self.error(key.at, message, true);
                continue;
            }
            if seen.contains(&name) {
                let message = format!("`{name}` is set twice; the first is read, remove one");
                self.error(key.at, message, false);
                continue;
            }
            seen.push(name);
            match name {
                "authors" => self.front_matter.authors = self.authors(value),
                _ => {
                    let text = self.text(value, name);
                    let fm = &mut self.front_matter;
                    *match name {
                        "title" => &mut fm.title,
                        "description" => &mut fm.description,
                        "source" => &mut fm.source,
                        _ => &mut fm.date,
                    } = text;
                }
            }
        }
    }

    /// A one-value key: its text, or nothing when it is empty or has the wrong shape
    /// (reported).
    fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } if !node.value.is_null() => Some(text.clone()),
            Value::Scalar { .. } | Value::Refused => None,
            v => {
                let message = format!("`{key}` takes one text; found {}", v.describe());
                self.error(node.at, message, false);
                None
            }
        }
    }

    /// `authors:`, a name or a list of names.
    fn authors(&mut self, node: &Node) -> Vec<String> {
        match &node.value {
            Value::List(items) => {
                let mut names = Vec::with_capacity(items.len());
                for item in items {
                    match &item.value {
                        Value::Scalar { text, .. } if !item.value.is_null() => {
                            names.push(text.clone());
                        }
                        Value::Refused => {}
                        v => {
                            let message = format!("`authors` lists names; found {}", v.describe());
                            self.error(item.at, message, false);
                        }
                    }
                }
                names
            }
            Value::Map(_) => {
                let message = format!(
                    "`authors` is a name or a list of names; found {}",
                    node.value.describe()
                );
                self.error(node.at, message, false);
                Vec::new()
            }
            _ => self.text(node, "authors").into_iter().collect(),
        }
    }
}

/// The keys, quoted, for messages.
fn listed() -> String {
    KEYS.map(|k| format!("`{k}`")).join(", ")
}
