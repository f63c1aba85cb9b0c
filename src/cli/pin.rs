//! `crux pin`: write each artifact's current sha256 into the `.crux` file that names it.
//!
//! The file is edited as text at the spans the parser recorded: an existing
//! `sha256 "..."` value is replaced, or `sha256 "<hex>"` is inserted right after the
//! artifact's path. Every other byte stays as it is (no reformatting).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::ExitStatus;
use super::fmt::{load, refuse, worse};
use super::write::replace_source;
use crate::diagnostic::plural;
use crate::diagnostic::terminal::sanitize;
use crate::fmt::blocking_errors;
use crate::model::ArtifactRef;
use crate::project::pin::{Unpinnable, pin_edit};
use crate::syntax::ast::{Artifact, AttributeKind, File};
use crate::syntax::{FileId, SourceFile, Span};

#[derive(clap::Args, Debug)]
pub(crate) struct PinArgs {
    /// Files and directories whose artifacts to pin (directories are searched for `.crux`
    /// files). Default: the current directory.
    paths: Vec<PathBuf>,
    /// Use this config file instead of looking for `crux.yaml` (it may set the artifact
    /// root).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Pin a changed artifact even when an `expect` of its node now fails on it.
    #[arg(long)]
    force: bool,
}

/// One text edit: replace `span` (empty for an insertion) with `text`.
struct Edit {
    span: Span,
    text: String,
}

pub(crate) fn run(args: PinArgs) -> ExitStatus {
    let (loaded, mut status) = match load(&args.paths, args.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let root = super::load::project_root(&loaded.config, &super::paths_or_cwd(&args.paths));
    let sources = loaded.sources;
    // Evidence whose expectation fails on the current data: its changed artifacts are
    // not pinned (pinning would bless data that refutes it), unless forced.
    let refuted: HashMap<String, String> = if args.force {
        HashMap::new()
    } else {
        let mut debate = crate::parse_debate(sources.clone(), Default::default());
        crate::project::expectations::refute(&mut debate, &root);
        debate
            .graph
            .graph
            .node_weights()
            .filter_map(|n| Some((n.id.to_string(), n.refuted.clone()?)))
            .collect()
    };
    // Artifacts pinned, by file name, in the order first pinned.
    let mut pinned: Vec<(String, usize)> = Vec::new();
    let mut sources = sources;
    for round in 0..ROUNDS {
        let mut hashes: HashMap<PathBuf, String> = HashMap::new();
        // A `.crux` file pinned as another's artifact and then rewritten: that pin is
        // stale, and one more round pins it again.
        let mut again = false;
        for source in &sources {
            let parsed = crate::syntax::parse(FileId(0), &source.text);
            let errors = blocking_errors(&parsed.errors);
            if !errors.is_empty() {
                if round == 0 {
                    refuse(source, &errors, "pinned");
                    status = worse(status, ExitStatus::Failure);
                }
                continue;
            }
            let (edits, file_status) = edits(
                source,
                &parsed.ast,
                &root,
                &mut hashes,
                &refuted,
                round == 0,
            );
            status = worse(status, file_status);
            if edits.is_empty() {
                continue;
            }
            let text = apply(&source.text, &edits);
            match replace_source(&source.path, source.text.as_bytes(), text.as_bytes()) {
                Ok(()) => {
                    let name = sanitize(&source.name).into_owned();
                    // A later round pins again what the first pinned: counted once.
                    match pinned.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, count)) if round == 0 => *count += edits.len(),
                        Some(_) => {}
                        None => pinned.push((name, edits.len())),
                    }
                    let real = std::fs::canonicalize(&source.path).unwrap_or_default();
                    again |= hashes.contains_key(&real);
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", sanitize(&source.name));
                    status = worse(status, ExitStatus::Error);
                }
            }
        }
        if !again {
            break;
        }
        if round + 1 == ROUNDS {
            eprintln!(
                "error: `.crux` files name each other as artifacts: pinning one changes the \
                 other, so their pins cannot all hold; run `crux check` to see which"
            );
            status = worse(status, ExitStatus::Failure);
            break;
        }
        sources = match load(&args.paths, args.config.as_deref()) {
            Ok((loaded, _)) => loaded.sources,
            Err(error) => return worse(status, error),
        };
    }
    let mut stdout = std::io::stdout().lock();
    let printed = pinned.iter().try_for_each(|(name, count)| {
        writeln!(stdout, "pinned {name} ({})", plural(*count, "artifact"))
    });
    if !super::stdout::finish(printed.and_then(|()| stdout.flush())) {
        status = worse(status, ExitStatus::Error);
    }
    status
}

/// Rounds of pinning at most: a `.crux` file that is another's artifact is pinned again
/// once it has been rewritten.
const ROUNDS: usize = 3;

/// The edits that pin every artifact of one file whose pin is missing or differs from
/// the file's sha256. Artifacts that cannot be pinned are reported.
fn edits(
    source: &SourceFile,
    ast: &File,
    root: &Path,
    hashes: &mut HashMap<PathBuf, String>,
    refuted: &HashMap<String, String>,
    report_problems: bool,
) -> (Vec<Edit>, ExitStatus) {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    let mut status = ExitStatus::Success;
    let artifacts = ast
        .nodes
        .iter()
        .flat_map(|n| n.attributes.iter().map(move |a| (n.id.name.as_str(), a)))
        .filter_map(|(id, a)| match &a.kind {
            AttributeKind::Artifact(artifact) => Some((id, a.span, artifact)),
            _ => None,
        });
    for (id, span, artifact) in artifacts {
        let reference = reference(artifact, span, dir);
        let report = |problem: &str| {
            if !report_problems {
                return;
            }
            let at = source.line_col(artifact.path.span.start);
            eprintln!(
                "error: {}:{at}: artifact `{}` {problem}; not pinned",
                sanitize(&source.name),
                sanitize(&reference.path)
            );
        };
        match pin_edit(&reference, &source.path, root, hashes) {
            Ok(Some(_)) if refuted.contains_key(id) => {
                // A pin to replace: the data changed since; none yet: it is new to pin.
                let what = match artifact.sha256 {
                    Some(_) => "changed",
                    None => "is not pinned yet",
                };
                report(&format!(
                    "{what} and `{id}`'s expectation {} (--force pins it anyway)",
                    refuted[id]
                ));
                status = worse(status, ExitStatus::Failure);
            }
            Ok(Some(edit)) => out.push(Edit {
                span: edit.span,
                text: edit.text,
            }),
            Ok(None) => {}
            Err(why) => {
                report(&why.to_string());
                let worst = match why {
                    Unpinnable::Unreadable(_) => ExitStatus::Error,
                    _ => ExitStatus::Failure,
                };
                status = worse(status, worst);
            }
        }
    }
    (out, status)
}

/// The model's view of an artifact, as `crux check` builds it, for [`pin_edit`].
fn reference(artifact: &Artifact, span: Span, dir: &Path) -> ArtifactRef {
    ArtifactRef {
        path: artifact.path.value.to_string(),
        resolved: dir.join(&artifact.path.value),
        span,
        path_span: artifact.path.span,
        sha256: artifact
            .sha256
            .as_ref()
            .map(|h| (h.value.trim().to_ascii_lowercase(), h.span)),
        title: artifact.title.as_ref().map(|t| t.value.to_string()),
        kind: artifact.kind.map(|k| k.0),
    }
}

/// Applies edits (in source order, not overlapping) to the text.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 80 * edits.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start as usize]);
        out.push_str(&edit.text);
        at = edit.span.end as usize;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_replace_and_insert_in_place() {
        let text = "evidence e: \"E.\"\r\n  artifact \"a.csv\"  title \"A\"\r\n";
        let ast = crate::syntax::parse(FileId(0), text).ast;
        let AttributeKind::Artifact(a) = &ast.nodes[0].attributes[0].kind else {
            panic!("an artifact");
        };
        let end = a.path.span.end as usize;
        let edit = Edit {
            span: Span::new(FileId(0), end, end),
            text: " sha256 \"ab\"".into(),
        };
        assert_eq!(
            apply(text, &[edit]),
            "evidence e: \"E.\"\r\n  artifact \"a.csv\" sha256 \"ab\"  title \"A\"\r\n"
        );
    }
}
