//! Argdown's `@include(file)` lines: before an Argdown file is read, each line
//! `@include(a.argdown)` (or `@include(a.argdown, b.argdown)`) is replaced by the lines
//! of the files it names, read relative to the file that includes them.
//!
//! Only files inside the input's folder (or below it) are read: a name that leads
//! elsewhere (`../x.argdown`, an absolute path, a link out of the folder) is an error,
//! as is a file that cannot be read. Each file is included once: including it again
//! (or a loop of includes) skips the line with a warning. Positions in the expanded
//! text are told back as the included file's (`line 7 (line 3 of part.argdown)`).
//! An included file is read as every input is ([`super::read()`]): a regular file
//! within the size limit, in UTF-8, or an error that says which of these it is not.
//!
//! Phase: input (project), over `import`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::import::{Format, ImportError, Imported, import_with};

/// Reads the file at `path`, whose content is `input`, in `format` and writes it as one
/// `.crux` file to be saved next to it: [`import_file_into`] the input's folder.
pub fn import_file(format: Format, path: &Path, input: &str) -> Result<Imported, ImportError> {
    import_file_into(format, path, input, &input_folder(path))
}

/// Reads the file at `path`, whose content is `input`, in `format` and writes it as one
/// `.crux` file to be saved in the folder `out_dir`: [`crate::import::import`], with
/// Argdown's `@include(file)` lines expanded first (positions in included text name
/// the included file), and relative artifact paths rewritten for `out_dir`
/// ([`super::rebase`]).
pub fn import_file_into(
    format: Format,
    path: &Path,
    input: &str,
    out_dir: &Path,
) -> Result<Imported, ImportError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rebase = |debate: &mut crate::import::Debate| {
        super::rebase::rebase_artifacts(debate, &input_folder(path), out_dir);
    };
    if format != Format::Argdown || !has_includes(input) {
        return import_with(format, &name, input, rebase);
    }
    let expanded = expand(path, input)?;
    let mut imported =
        import_with(format, &name, &expanded.text, rebase).map_err(|e| ImportError {
            position: expanded.locate(&e.position),
            message: e.message,
        })?;
    let mut warnings = expanded.warnings.clone();
    warnings.extend(imported.warnings.iter().map(|w| expanded.locate(w)));
    imported.warnings = warnings;
    imported.included = expanded.included;
    Ok(imported)
}

/// The folder of the input at `path` (`.` for a bare file name).
fn input_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An Argdown text with its includes expanded.
struct Expanded {
    /// The text to read.
    text: String,
    /// For each line of `text`, the included file it comes from (its path relative
    /// to the input's folder) and its line there; `None` for the input's own lines.
    origins: Vec<Option<(String, usize)>>,
    /// Includes skipped, with their position.
    warnings: Vec<String>,
    /// The files included, canonical.
    included: Vec<PathBuf>,
}

/// Whether a text has an `@include(...)` line.
fn has_includes(text: &str) -> bool {
    text.lines().any(|l| include_names(l).is_some())
}

/// The file names of an `@include(...)` line.
fn include_names(line: &str) -> Option<Vec<String>> {
    let inner = line
        .trim()
        .strip_prefix("@include(")?
        .strip_suffix(')')?
        .trim();
    let inner = inner
        .strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(inner);
    Some(
        inner
            .split(',')
            .map(|n| n.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    )
}

/// Expands the includes of `text`, the content of the file at `path`.
fn expand(path: &Path, text: &str) -> Result<Expanded, ImportError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let root = folder
        .canonicalize()
        .map_err(|e| ImportError::new("line 1", format!("cannot read the input's folder: {e}")))?;
    let mut seen = HashSet::new();
    if let Ok(own) = path.canonicalize() {
        seen.insert(own);
    }
    let mut out = Expanded {
        text: String::with_capacity(text.len()),
        origins: Vec::new(),
        warnings: Vec::new(),
        included: Vec::new(),
    };
    let own = seen.clone();
    let mut ctx = Context { root, seen };
    ctx.add(&mut out, &folder, None, text)?;
    out.included = ctx.seen.difference(&own).cloned().collect();
    out.included.sort();
    Ok(out)
}

/// What every level of the expansion shares.
struct Context {
    root: PathBuf,
    seen: HashSet<PathBuf>,
}

impl Context {
    /// Adds the lines of `text` (from the included file `file`, or the input when
    /// `None`), expanding its includes relative to `folder`.
    fn add(
        &mut self,
        out: &mut Expanded,
        folder: &Path,
        file: Option<&str>,
        text: &str,
    ) -> Result<(), ImportError> {
        for (i, line) in text.lines().enumerate() {
            // The column of the `@include`.
            let column = line.chars().count() - line.trim_start().chars().count() + 1;
            let at = match file {
                None => format!("line {}, column {column}", i + 1),
                Some(f) => format!("line {}, column {column} of {f}", i + 1),
            };
            let Some(names) = include_names(line) else {
                out.text.push_str(line);
                out.text.push('\n');
                out.origins.push(file.map(|f| (f.to_string(), i + 1)));
                continue;
            };
            for name in names {
                let target = folder.join(&name);
                let canonical = target.canonicalize().map_err(|e| {
                    ImportError::new(at.clone(), format!("cannot read @include({name}): {e}"))
                })?;
                if !canonical.starts_with(&self.root) {
                    return Err(ImportError::new(
                        at,
                        format!(
                            "@include({name}) names a file outside the input's folder; only files in it or below it are included"
                        ),
                    ));
                }
                if !self.seen.insert(canonical.clone()) {
                    out.warnings.push(format!(
                        "{at}: @include({name}) was skipped: the file is included already (each file is included once)"
                    ));
                    continue;
                }
                let content = super::read(&canonical).map_err(|e| {
                    ImportError::new(
                        at.clone(),
                        format!("cannot read @include({name}): {}", e.reason()),
                    )
                })?;
                let content = content
                    .text
                    .strip_prefix('\u{feff}')
                    .unwrap_or(&content.text);
                let shown = canonical
                    .strip_prefix(&self.root)
                    .unwrap_or(&canonical)
                    .display()
                    .to_string();
                let next = canonical.parent().unwrap_or(&self.root).to_path_buf();
                self.add(out, &next, Some(&shown), content)?;
            }
        }
        Ok(())
    }
}

impl Expanded {
    /// A position `line N` or `line N, column C` of the expanded text (which may go on,
    /// as a warning does), told as the included file's line when it comes from one:
    /// `line N, column C (line L of FILE)` (an included line is copied whole, so the
    /// column is the same there).
    fn locate(&self, position: &str) -> String {
        let Some(rest) = position.strip_prefix("line ") else {
            return position.to_string();
        };
        let digits = |text: &str| {
            text.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len())
        };
        let end = digits(rest);
        let Ok(n) = rest[..end].parse::<usize>() else {
            return position.to_string();
        };
        let after = &rest[end..];
        let column = after
            .strip_prefix(", column ")
            .map_or(0, |c| ", column ".len() + digits(c));
        let (column, tail) = after.split_at(column);
        match self.origins.get(n.wrapping_sub(1)) {
            Some(Some((file, line))) => {
                format!("line {n}{column} (line {line} of {file}){tail}")
            }
            _ => position.to_string(),
        }
    }
}
