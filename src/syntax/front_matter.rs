//! Front matter: the YAML block at the top of a file, read with serde-saphyr.
//!
//! Phase: syntax. Unknown keys are errors (typo protection); YAML errors are mapped back
//! to the line and column in the `.crux` file.

use serde::Deserialize;

use super::ast::FrontMatter;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::span::{FileId, LineIndex, Span};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<String>,
    description: Option<String>,
    source: Option<String>,
    authors: Option<OneOrMany>,
    date: Option<String>,
}

/// `authors:` as a single name or a list of names.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name or a list of names for `authors`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(OneOrMany::Many(names))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A YAML error in words for the author: one line, without the location (the caller
/// shows it) and without advice meant for programmers using the YAML library.
pub fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let mut message = text.lines().next().unwrap_or("").trim().to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    for advice in [
        ", set DuplicateKeyPolicy in Options if acceptable",
        "; use Option<String>",
    ] {
        if let Some(i) = message.find(advice) {
            message.truncate(i);
        }
    }
    if message.starts_with("cannot deserialize null") {
        message = "a value is missing".into();
    }
    message.trim_end_matches('.').to_string()
}

/// Reads the YAML text at `yaml_start..yaml_start + yaml.len()` of a file.
/// `span` covers the whole block including both `---` lines.
pub(crate) fn read(
    file: FileId,
    yaml: &str,
    yaml_start: usize,
    span: Span,
) -> Result<FrontMatter, SyntaxError> {
    let mut fm = FrontMatter {
        span,
        ..FrontMatter::default()
    };
    if yaml.trim().is_empty() {
        return Ok(fm);
    }
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! { max_events: 10_000, max_depth: 20, max_nodes: 10_000 },
    };
    match serde_saphyr::from_str_with_options::<Raw>(yaml, options) {
        Ok(raw) => {
            fm.title = raw.title;
            fm.description = raw.description;
            fm.source = raw.source;
            fm.date = raw.date;
            fm.authors = match raw.authors {
                None => Vec::new(),
                Some(OneOrMany::One(a)) => vec![a],
                Some(OneOrMany::Many(a)) => a,
            };
            Ok(fm)
        }
        Err(err) => {
            let at = err.location().map_or(0, |loc| {
                let index = LineIndex::new(yaml);
                let line = (loc.line() as usize).saturating_sub(1);
                if line >= index.len() {
                    return yaml.len();
                }
                let start = index.line_start(line) as usize;
                let rest = &yaml[start..];
                let col = (loc.column() as usize).saturating_sub(1);
                start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
            });
            let message = yaml_message(&err);
            let end = yaml[at..]
                .find([':', '\n', '\r'])
                .map_or(yaml.len(), |e| at + e);
            let unknown_key = message.starts_with("unknown field");
            Err(SyntaxError {
                kind: SyntaxErrorKind::FrontMatter {
                    message,
                    unknown_key,
                },
                span: Span::new(file, yaml_start + at, yaml_start + end.max(at)),
            })
        }
    }
}
