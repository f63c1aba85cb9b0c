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

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
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
            let message = err.without_snippet().to_string();
            let message = message
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('.')
                .to_string();
            // The location is shown by the caret; drop serde-saphyr's own suffix.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            let end = yaml[at..]
                .find([':', '\n', '\r'])
                .map_or(yaml.len(), |e| at + e);
            Err(SyntaxError {
                kind: SyntaxErrorKind::FrontMatter { message },
                span: Span::new(file, yaml_start + at, yaml_start + end.max(at)),
            })
        }
    }
}
