//! `crux diff OLD NEW`: load two versions of a debate, compare them with
//! [`crate::diff::compare`], print the changes. Exit 0 whenever both sides load (a diff
//! is a report, not a check), 2 when a side cannot be read.
//!
//! Each side is a `.crux` file, a directory (searched like `check` does), or
//! `git:REV[:PATH]`: the `.crux` files under PATH as committed in REV, read with the
//! `git` command (`git ls-tree`, `git show REV:FILE`) without touching the work tree or
//! the index. git runs in the current directory's repository; PATH is relative to the
//! current directory (turned into a repository path with `git rev-parse
//! --show-prefix`) and defaults to the current directory, as for `check`. REV is
//! everything up to the
//! next `:`. The `git` command is used rather than a git library: it is there wherever
//! there is a repository, honours the user's git configuration, and adds no dependency.
//!
//! Phase: cli. The only file that runs git.

use crate::diagnostic::terminal::sanitize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::ValueEnum;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::ExitStatus;
use crate::diagnostic::plural;
use crate::diff::{self, human, json, markdown};
use crate::model::ResolveOptions;
use crate::project::{self, MAX_FILE_BYTES};
use crate::syntax::SourceFile;
use crate::syntax::span::LineIndex;

/// Output formats of `diff`.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// A listing for the terminal.
    #[default]
    Human,
    /// Markdown for a pull-request comment.
    Markdown,
    /// Every change as JSON (a documented structure, `"schema": 1`).
    Json,
}

#[derive(clap::Args, Debug)]
pub(crate) struct DiffArgs {
    /// The old version: a `.crux` file, a directory, or `git:REV[:PATH]` (PATH relative
    /// to the current directory; default the whole repository).
    old: String,
    /// The new version, in the same forms.
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn run(args: DiffArgs) -> ExitStatus {
    let mut debates = Vec::with_capacity(2);
    for spec in [&args.old, &args.new] {
        match load(spec) {
            Ok(debate) => debates.push(debate),
            Err(message) => {
                eprintln!("error: {}", sanitize(&message));
                return ExitStatus::Error;
            }
        }
    }
    let (new, old) = (debates.pop(), debates.pop());
    let (Some(old), Some(new)) = (old, new) else {
        return ExitStatus::Error;
    };
    for (debate, spec) in [(&old, &args.old), (&new, &args.new)] {
        if debate.sources.is_empty() {
            eprintln!(
                "warning: {}: no .crux files; compared as an empty debate",
                sanitize(spec)
            );
        }
        if !debate.syntax_errors.is_empty() {
            eprintln!(
                "warning: {}: {}; the diff covers what parsed (run `crux check` for details)",
                sanitize(spec),
                plural(debate.syntax_errors.len(), "syntax error")
            );
        }
    }
    let diff = diff::compare(&old, &new).with_names(&args.old, &args.new);
    let output = match args.format {
        Format::Human => sanitize(&human::render(&diff)).into_owned(),
        Format::Markdown => markdown::render(&diff),
        Format::Json => json::render(&diff),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`crux diff ... | head`) is not an error worth a panic.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    ExitStatus::Success
}

/// One side, parsed and resolved. The error is the whole message.
fn load(spec: &str) -> Result<crate::Debate, String> {
    let (sources, default_weight) = match spec.strip_prefix("git:") {
        Some(rest) => load_git(spec, rest)?,
        None => load_path(Path::new(spec))?,
    };
    Ok(crate::parse_debate(
        sources,
        ResolveOptions {
            default_weight: default_weight.unwrap_or(1.0),
        },
    ))
}

/// The files of a file or directory on disk, and the default weight of its `crux.yaml`.
fn load_path(path: &Path) -> Result<(Vec<SourceFile>, Option<f64>), String> {
    let config = super::load::config(None, path)?;
    let files = project::discover(&[path.to_path_buf()], &config).map_err(|e| e.to_string())?;
    let sources = files
        .iter()
        .map(|f| project::read(f))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok((sources, config.default_weight))
}

/// The files of `git:REV[:PATH]` (`rest` is `REV[:PATH]`), and the default weight of
/// the nearest `crux.yaml` above PATH in that revision. Its `exclude:` patterns and the
/// revision's `.gitignore` files leave files out as they do on disk (a file can be in a
/// revision and ignored, when it was added with `git add -f`).
fn load_git(spec: &str, rest: &str) -> Result<(Vec<SourceFile>, Option<f64>), String> {
    let (rev, path) = rest.split_once(':').unwrap_or((rest, ""));
    let fail = |message: String| format!("{spec}: {message}");
    if rev.is_empty() {
        return Err(fail("no revision; write git:REV or git:REV:PATH".into()));
    }
    if rev.starts_with('-') {
        return Err(fail(format!("`{rev}` is not a revision")));
    }
    let prefix = git(&["rev-parse", "--show-prefix"]).map_err(&fail)?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    let root = repo_path(&prefix, path).map_err(&fail)?;
    let listing = ls_tree(rev, &root).map_err(&fail)?;
    // An empty listing may be a folder without files, or nothing at all: a path that
    // did not exist yet (or is misspelt) is an error, not an empty debate.
    if listing.is_empty() && !root.is_empty() && !exists_at(rev, &root) {
        return Err(fail(format!("`{path}` does not exist in revision {rev}")));
    }
    let config_dir = if listing.iter().any(|e| e.path == root) {
        root.rsplit_once('/').map_or("", |(dir, _)| dir)
    } else {
        root.as_str()
    };
    let settings = git_settings(spec, rev, config_dir);
    let gitignores = git_ignores(rev, &root, &listing);
    let mut sources = Vec::new();
    for entry in &listing {
        let skipped = || {
            let exclude: Vec<&Gitignore> = settings.exclude.iter().collect();
            excluded(&exclude, &root, &entry.path)
                || excluded(&gitignores.iter().collect::<Vec<_>>(), &root, &entry.path)
        };
        if entry.path != root && (!is_debate_file(&root, &entry.path) || skipped()) {
            continue;
        }
        if entry.size > MAX_FILE_BYTES {
            return Err(format!(
                "{rev}:{}: file is too large (the limit is {} MiB)",
                entry.path,
                MAX_FILE_BYTES >> 20
            ));
        }
        let object = format!("{rev}:{}", entry.path);
        let bytes = git(&["show", "--no-textconv", &object]).map_err(&fail)?;
        let text = utf8(bytes).map_err(|(line, column)| {
            format!("{object}:{line}:{column}: not valid UTF-8 text (a .crux file must be UTF-8)")
        })?;
        sources.push(SourceFile::new(object, PathBuf::from(&entry.path), text));
    }
    Ok((sources, settings.default_weight))
}

/// A file listed by `git ls-tree`.
struct TreeEntry {
    /// The path from the repository root.
    path: String,
    /// Its size in bytes.
    size: u64,
}

/// Every regular file (no symlinks, no submodules) under `root` in `rev`, sorted as
/// `project::discover` sorts a directory walk. `-z` keeps unusual names unquoted;
/// `-l` gives sizes, so that huge files are refused before they are read.
fn ls_tree(rev: &str, root: &str) -> Result<Vec<TreeEntry>, String> {
    let mut args = vec!["ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--"];
    if !root.is_empty() {
        args.push(root);
    }
    let out = git(&args)?;
    let mut entries = Vec::new();
    for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [mode, kind, _object, size] = fields[..] else {
            continue;
        };
        if kind != "blob" || mode == "120000" {
            continue;
        }
        entries.push(TreeEntry {
            path: path.to_string(),
            size: size.parse().unwrap_or(0),
        });
    }
    entries.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    Ok(entries)
}

/// Whether `path` (from the repository root) names a file, folder, link or submodule
/// in `rev`.
fn exists_at(rev: &str, path: &str) -> bool {
    git(&["cat-file", "-e", &format!("{rev}:{path}")]).is_ok()
}

/// Whether a file found under the directory `root` belongs to the debate: a `.crux`
/// file with no hidden directory or name between `root` and it (as a directory walk).
fn is_debate_file(root: &str, path: &str) -> bool {
    let below = if root.is_empty() {
        path
    } else {
        path.strip_prefix(root)
            .and_then(|p| p.strip_prefix('/'))
            .unwrap_or(path)
    };
    path.ends_with(".crux") && !below.split('/').any(|c| c.starts_with('.'))
}

/// `path` (relative to the current directory, which is `prefix` in the repository) as
/// a path from the repository root, without `.` and `..`; empty for the root. An empty
/// `path` is the current directory.
fn repo_path(prefix: &str, path: &str) -> Result<String, String> {
    if path.starts_with('/') || Path::new(path).is_absolute() {
        return Err(format!(
            "`{path}` is absolute; give PATH relative to the current directory"
        ));
    }
    let mut parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    let separators: &[char] = if cfg!(windows) { &['/', '\\'] } else { &['/'] };
    for part in path.split(separators) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{path}` is outside the repository"));
                }
            }
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

/// What a diff takes from the nearest `crux.yaml` at or above `dir` in a revision.
#[derive(Default)]
struct GitSettings {
    /// `default_weight`.
    default_weight: Option<f64>,
    /// `exclude:`, rooted at `/` + the config's folder in the repository.
    exclude: Option<Gitignore>,
}

/// `default_weight` and `exclude:` from the nearest `crux.yaml` at or above `dir` in
/// `rev`. Only these keys matter to a diff; a file that does not parse is reported and
/// ignored, so that an old revision with a broken config can still be compared.
fn git_settings(spec: &str, rev: &str, dir: &str) -> GitSettings {
    #[derive(serde::Deserialize)]
    struct Settings {
        default_weight: Option<f64>,
        exclude: Option<Patterns>,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Patterns {
        One(String),
        Many(Vec<String>),
    }
    let mut candidates = Vec::new();
    let mut d = dir;
    loop {
        candidates.push(d);
        if d.is_empty() {
            break;
        }
        d = d.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    let found = candidates.iter().find_map(|d| {
        let file = if d.is_empty() {
            project::config::FILE_NAME.to_string()
        } else {
            format!("{d}/{}", project::config::FILE_NAME)
        };
        let object = format!("{rev}:{file}");
        git(&["show", "--no-textconv", &object])
            .ok()
            .map(|b| (*d, object, b))
    });
    let Some((config_dir, object, bytes)) = found else {
        return GitSettings::default();
    };
    let text = String::from_utf8_lossy(&bytes);
    let settings = match serde_saphyr::from_str::<Option<Settings>>(&text) {
        Ok(s) => s,
        Err(_) => {
            eprintln!(
                "warning: {}: {} does not parse; using the default weight 1",
                sanitize(spec),
                sanitize(&object)
            );
            None
        }
    };
    let Some(settings) = settings else {
        return GitSettings::default();
    };
    let patterns = match settings.exclude {
        None => Vec::new(),
        Some(Patterns::One(p)) => vec![p],
        Some(Patterns::Many(p)) => p,
    };
    let exclude = (!patterns.is_empty())
        .then(|| {
            let mut builder = GitignoreBuilder::new(Path::new("/").join(config_dir));
            for p in &patterns {
                let _ = builder.add_line(None, p);
            }
            builder.build().ok()
        })
        .flatten();
    GitSettings {
        default_weight: settings.default_weight,
        exclude,
    }
}

/// The `.gitignore` files of `rev` that apply under `root`: those of its parent folders
/// and those in `listing`; each rooted at `/` + its folder, the deepest first.
fn git_ignores(rev: &str, root: &str, listing: &[TreeEntry]) -> Vec<Gitignore> {
    let mut dirs: Vec<&str> = Vec::new();
    let mut d = root;
    loop {
        dirs.push(d);
        if d.is_empty() {
            break;
        }
        d = d.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    for entry in listing {
        if entry.path == ".gitignore" {
            dirs.push("");
        } else if let Some(dir) = entry.path.strip_suffix("/.gitignore") {
            dirs.push(dir);
        }
    }
    dirs.sort_by_key(|d| {
        std::cmp::Reverse(if d.is_empty() {
            0
        } else {
            d.split('/').count()
        })
    });
    dirs.dedup();
    let mut out = Vec::new();
    for dir in dirs {
        let file = if dir.is_empty() {
            ".gitignore".to_string()
        } else {
            format!("{dir}/.gitignore")
        };
        let Ok(bytes) = git(&["show", "--no-textconv", &format!("{rev}:{file}")]) else {
            continue;
        };
        let mut builder = GitignoreBuilder::new(Path::new("/").join(dir));
        for line in String::from_utf8_lossy(&bytes).lines() {
            let _ = builder.add_line(None, line);
        }
        if let Ok(m) = builder.build() {
            out.push(m);
        }
    }
    out
}

/// Whether `matchers` (the deepest first) leave out `path` (a file from the repository
/// root) in a search of the folder `root`: the file, or a folder between `root` and it,
/// is ignored by the deepest matcher that has a say. As on disk, the folder named is
/// searched whatever the patterns say.
fn excluded(matchers: &[&Gitignore], root: &str, path: &str) -> bool {
    let below = if root.is_empty() {
        path
    } else {
        path.strip_prefix(root)
            .map_or(path, |p| p.trim_start_matches('/'))
    };
    let mut current = Path::new("/").join(root);
    let parts: Vec<&str> = below.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        current.push(part);
        let is_dir = i + 1 < parts.len();
        for m in matchers.iter().filter(|m| current.starts_with(m.path())) {
            match m.matched(&current, is_dir) {
                ignore::Match::Ignore(_) => return true,
                ignore::Match::Whitelist(_) => break,
                ignore::Match::None => {}
            }
        }
    }
    false
}

/// Runs git in the current directory; its stdout, or its stderr as the error.
fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
    Err(if message.is_empty() {
        format!("git {} failed ({})", args.join(" "), out.status)
    } else {
        message
    })
}

/// The text, or the 1-based line and column of the first invalid byte.
fn utf8(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        let at = LineIndex::new(good).line_col(good, good.len() as u32);
        (at.line as usize, at.column as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_paths_are_joined_to_the_prefix() {
        assert_eq!(repo_path("", "").unwrap(), "");
        assert_eq!(repo_path("claims/", "").unwrap(), "claims");
        assert_eq!(repo_path("claims/", ".").unwrap(), "claims");
        assert_eq!(repo_path("claims/", "../top.crux").unwrap(), "top.crux");
        assert_eq!(repo_path("a/b/", "./c//d/").unwrap(), "a/b/c/d");
        assert!(repo_path("", "..").is_err());
        assert!(repo_path("", "/etc").is_err());
    }

    #[test]
    fn hidden_directories_below_the_root_are_skipped() {
        assert!(is_debate_file("", "claims/a.crux"));
        assert!(!is_debate_file("", ".github/a.crux"));
        assert!(is_debate_file(".hidden", ".hidden/a.crux"));
        assert!(!is_debate_file("claims", "claims/notes.txt"));
    }
}
