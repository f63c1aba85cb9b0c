//! Argdown's `@include(file)` lines: before an Argdown file is read, each line
//! `@include(a.argdown)` (or `@include(a.argdown, b.argdown)`) is replaced by the lines
//! of the files it names, read relative to the file that includes them.
//!
//! Only files inside the input's folder (or below it) are read: a name that leads
//! elsewhere (`../x.argdown`, an absolute path, a link out of the folder) is an error,
//! as is a file that cannot be read. Each file is included once: including it again
//! (or a loop of includes) skips the line with a warning. Positions in the expanded
//! text are told back as the included file's (`line 7 (line 3 of part.argdown)`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::ImportError;

/// An Argdown text with its includes expanded.
pub struct Expanded {
    /// The text to read.
    pub text: String,
    /// For each line of `text`, the included file it comes from (its path relative
    /// to the input's folder) and its line there; `None` for the input's own lines.
    origins: Vec<Option<(String, usize)>>,
    /// Includes skipped, with their position.
    pub warnings: Vec<String>,
}

/// Whether a text has an `@include(...)` line.
pub fn has_includes(text: &str) -> bool {
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

/// The most an included file may hold, as for any input file.
const MAX_INCLUDE_BYTES: u64 = 64 * 1024 * 1024;

/// The text of an included file: a regular file (a named pipe would block until a
/// writer comes, a device may never end) of at most [`MAX_INCLUDE_BYTES`], in UTF-8.
fn read(path: &Path) -> std::io::Result<String> {
    let refuse = |meta: std::fs::Metadata| {
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        if meta.len() > MAX_INCLUDE_BYTES {
            return Err(std::io::Error::other(
                "the file is too large (the limit is 64 MiB)",
            ));
        }
        Ok(())
    };
    // Checked before it is opened (opening a named pipe blocks), and on the open file.
    refuse(std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    refuse(file.metadata()?)?;
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(file, MAX_INCLUDE_BYTES + 1),
        &mut text,
    )?;
    if text.len() as u64 > MAX_INCLUDE_BYTES {
        return Err(std::io::Error::other(
            "the file is too large (the limit is 64 MiB)",
        ));
    }
    Ok(text)
}

/// Expands the includes of `text`, the content of the file at `path`.
pub fn expand(path: &Path, text: &str) -> Result<Expanded, ImportError> {
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
    };
    let mut ctx = Context { root, seen };
    ctx.add(&mut out, &folder, None, text)?;
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
            let at = match file {
                None => format!("line {}", i + 1),
                Some(f) => format!("line {} of {f}", i + 1),
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
                let content = read(&canonical).map_err(|e| {
                    ImportError::new(at.clone(), format!("cannot read @include({name}): {e}"))
                })?;
                let content = content.strip_prefix('\u{feff}').unwrap_or(&content);
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
    /// A position `line N` of the expanded text, told as the included file's line when
    /// it comes from one.
    pub fn locate(&self, position: &str) -> String {
        let Some(rest) = position.strip_prefix("line ") else {
            return position.to_string();
        };
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let Ok(n) = rest[..digits].parse::<usize>() else {
            return position.to_string();
        };
        match self.origins.get(n.wrapping_sub(1)) {
            Some(Some((file, line))) => {
                format!("line {n} (line {line} of {file}){}", &rest[digits..])
            }
            _ => position.to_string(),
        }
    }
}
