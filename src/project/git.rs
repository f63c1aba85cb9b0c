//! The `.crux` files of a git revision: `git:REV[:PATH]`, the files under PATH as
//! committed in REV, read with the `git` command (`git ls-tree`, `git show REV:FILE`)
//! without touching the work tree or the index.
//!
//! Phase: input (project). The only file that runs git. git runs in the current
//! directory's repository; PATH is relative to the current directory (turned into a
//! repository path with `git rev-parse --show-prefix`) and defaults to the current
//! directory, as on disk. REV is everything up to the next `:`. The files are picked by
//! the rule of [`super::discover`] (`.crux`, not hidden, not ignored by the revision's
//! `.gitignore` files nor its `crux.yaml`'s `exclude:`), and each passes the same
//! checks as a file on disk (size, UTF-8), as does the `crux.yaml` (every key and
//! value checked, as `crux check` checks the work tree's). The `git` command is used rather than a git
//! library: it is there wherever there is a repository, honours the user's git
//! configuration, and adds no dependency.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::config::{ArtifactRoot, MAX_CONFIG_BYTES};
use super::discover::{excluded, in_tree};
use super::read::{Refusal, check_size, decode};
use super::{Config, ConfigErrors, LoadError, Loaded};
use crate::syntax::SourceFile;

/// The files of `spec` (`git:REV[:PATH]`), with the nearest `crux.yaml` above PATH in
/// that revision, read and checked as the work tree's is: a mistake in it is an error
/// ([`LoadError::Config`]), as it is on disk. Its `exclude:` patterns and the
/// revision's `.gitignore` files leave files out as they do on disk (a file can be in a
/// revision and ignored, when it was added with `git add -f`).
pub(super) fn load(spec: &str) -> Result<Loaded, LoadError> {
    let rest = spec.strip_prefix("git:").unwrap_or(spec);
    let (rev, path) = rest.split_once(':').unwrap_or((rest, ""));
    let fail = |message: String| LoadError::Git {
        spec: spec.to_string(),
        message,
    };
    if rev.is_empty() {
        return Err(fail("no revision; write git:REV or git:REV:PATH".into()));
    }
    if rev.starts_with('-') {
        return Err(fail(format!("`{rev}` is not a revision")));
    }
    let prefix = git(&["rev-parse", "--show-prefix"]).map_err(&fail)?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    let root = repo_path(&prefix, path).map_err(&fail)?;
    let (links, listing): (Vec<TreeEntry>, Vec<TreeEntry>) = ls_tree(rev, &root)
        .map_err(&fail)?
        .into_iter()
        .partition(|e| e.link);
    // An empty listing may be a folder without files, or nothing at all: a path that
    // did not exist yet (or is misspelt) is an error, not an empty debate.
    if listing.is_empty() && !root.is_empty() && !exists_at(rev, &root) {
        return Err(fail(format!("`{path}` does not exist in revision {rev}")));
    }
    // A link is not followed in a revision's tree (nor in a folder search on disk): named
    // as PATH, it would read as an empty debate, and every node as added or removed.
    if listing.is_empty() && !root.is_empty() && is_link_at(rev, &root) {
        return Err(fail(format!(
            "`{path}` is a symbolic link in revision {rev}; name the file or folder it leads to"
        )));
    }
    let config_dir = if listing.iter().any(|e| e.path == root) {
        root.rsplit_once('/').map_or("", |(dir, _)| dir)
    } else {
        root.as_str()
    };
    let config = git_config(rev, config_dir).map_err(LoadError::Config)?;
    let exclude = (!config.exclude.is_empty())
        .then(|| {
            let mut builder = GitignoreBuilder::new(Path::new("/").join(config_dir));
            for p in &config.exclude {
                let _ = builder.add_line(None, p);
            }
            builder.build().ok()
        })
        .flatten();
    let gitignores = git_ignores(rev, &root, &listing);
    let mut files = Vec::new();
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    let skipped = |path: &str| {
        let exclude: Vec<&Gitignore> = exclude.iter().collect();
        excluded(&exclude, &root, path)
            || excluded(&gitignores.iter().collect::<Vec<_>>(), &root, path)
    };
    for entry in &listing {
        if entry.path != root && (!in_tree(&root, &entry.path) || skipped(&entry.path)) {
            continue;
        }
        let object = format!("{rev}:{}", entry.path);
        files.push(PathBuf::from(&entry.path));
        // The size is known from the listing: a huge file is refused before it is read.
        let text = check_size(Path::new(&object), entry.size)
            .and_then(|()| {
                git(&["show", "--no-textconv", &object]).map_err(|message| LoadError::Git {
                    spec: object.clone(),
                    message,
                })
            })
            .and_then(|bytes| decode(Path::new(&object), bytes));
        match text {
            Ok(text) => sources.push(SourceFile::new(object, PathBuf::from(&entry.path), text)),
            Err(e) => unreadable.push(e),
        }
    }
    // A `.crux` link is not followed, as on disk: said so, not left out silently.
    for link in &links {
        if in_tree(&root, &link.path) && !skipped(&link.path) {
            unreadable.push(LoadError::Link {
                path: PathBuf::from(format!("{rev}:{}", link.path)),
            });
        }
    }
    Ok(Loaded {
        config,
        files,
        sources,
        unreadable,
    })
}

/// A file listed by `git ls-tree`.
struct TreeEntry {
    /// The path from the repository root.
    path: String,
    /// Its size in bytes.
    size: u64,
    /// Whether it is a symbolic link (which is not followed).
    link: bool,
}

/// Every regular file and symbolic link (no submodules) under `root` in `rev`, sorted as
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
        if kind != "blob" {
            continue;
        }
        entries.push(TreeEntry {
            path: path.to_string(),
            size: size.parse().unwrap_or(0),
            link: mode == "120000",
        });
    }
    entries.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    Ok(entries)
}

/// Whether `path` (from the repository root) is a symbolic link in `rev`.
fn is_link_at(rev: &str, path: &str) -> bool {
    git(&["ls-tree", "-z", rev, "--", path]).is_ok_and(|out| {
        out.split(|&b| b == 0)
            .any(|record| record.starts_with(b"120000 "))
    })
}

/// Whether `path` (from the repository root) names a file, folder, link or submodule
/// in `rev`.
fn exists_at(rev: &str, path: &str) -> bool {
    git(&["cat-file", "-e", &format!("{rev}:{path}")]).is_ok()
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

/// The nearest `crux.yaml` at or above `dir` in `rev`, read and checked as
/// [`Config::load`] reads the work tree's (a regular file of at most 1 MiB, UTF-8,
/// every key and value checked, the rule names `crux check` knows), named
/// `REV:PATH`; the defaults when there is none. `artifact_root` must name a folder of
/// the revision inside the config's folder.
fn git_config(rev: &str, dir: &str) -> Result<Config, ConfigErrors> {
    let mut candidates = Vec::new();
    let mut d = dir;
    loop {
        candidates.push(d);
        if d.is_empty() {
            break;
        }
        d = d.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    for d in candidates {
        let file = join(d, super::config::FILE_NAME);
        // Anything of that name counts, as on disk: one that is not a file is an error.
        let Some(entry) = object(rev, &file) else {
            continue;
        };
        let entry = match entry.kind {
            Kind::Link => resolve(rev, &file).map(|(_, entry)| entry),
            _ => Some(entry),
        };
        let object = format!("{rev}:{file}");
        let bytes = match entry {
            None => Err(Refusal::NotFound),
            Some(TreeObject {
                kind: Kind::Tree, ..
            }) => Err(Refusal::Folder),
            Some(TreeObject {
                kind: Kind::Other, ..
            }) => Err(Refusal::Special("a submodule")),
            Some(TreeObject { size, .. }) if size > MAX_CONFIG_BYTES => Err(Refusal::TooLarge),
            Some(TreeObject { id, .. }) => git(&["cat-file", "blob", &id])
                .map_err(|message| Refusal::Io(std::io::Error::other(message))),
        };
        let path = Path::new(&object);
        let text = super::config::text(path, bytes)?;
        let rule_names = crate::check::rule_name;
        return Config::from_text(path, text.into(), &rule_names, &|root| {
            folder_at(rev, d, root)
        });
    }
    Ok(Config::default())
}

/// What `root`, an `artifact_root` as written in the `crux.yaml` of the folder `dir`,
/// names in `rev`: as on disk, symbolic links followed inside the revision; an absolute
/// path leads out of it.
fn folder_at(rev: &str, dir: &str, root: &str) -> ArtifactRoot {
    if Path::new(root).has_root() || root.starts_with('/') {
        return ArtifactRoot::Outside;
    }
    match resolve(rev, &join(dir, root)) {
        None => ArtifactRoot::Missing,
        Some((path, entry)) if entry.kind == Kind::Tree => {
            if dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/")) {
                ArtifactRoot::Inside
            } else {
                ArtifactRoot::Outside
            }
        }
        Some(_) => ArtifactRoot::NotAFolder,
    }
}

/// `dir` and `name` joined as a repository path (`name` alone when `dir` is the root).
fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// What a tree entry is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A file.
    Blob,
    /// A folder.
    Tree,
    /// A symbolic link.
    Link,
    /// A submodule.
    Other,
}

/// One entry of a revision's tree.
struct TreeObject {
    /// What it is.
    kind: Kind,
    /// Its object ID.
    id: String,
    /// Its size in bytes (0 for a folder).
    size: u64,
}

/// The entry at `path` (from the repository root) in `rev`, as it is (a link not
/// followed); `None` when there is none. The root itself is a folder.
fn object(rev: &str, path: &str) -> Option<TreeObject> {
    if path.is_empty() {
        let id = git(&["rev-parse", &format!("{rev}^{{tree}}")]).ok()?;
        let id = String::from_utf8_lossy(&id).trim().to_string();
        return Some(TreeObject {
            kind: Kind::Tree,
            id,
            size: 0,
        });
    }
    let out = git(&["ls-tree", "-l", "-z", "--full-tree", rev, "--", path]).ok()?;
    out.split(|&b| b == 0).find_map(|record| {
        let record = String::from_utf8_lossy(record);
        let (meta, name) = record.split_once('\t')?;
        let [mode, kind, id, size] = meta.split_whitespace().collect::<Vec<_>>()[..] else {
            return None;
        };
        let kind = match (mode, kind) {
            ("120000", _) => Kind::Link,
            (_, "blob") => Kind::Blob,
            (_, "tree") => Kind::Tree,
            _ => Kind::Other,
        };
        (name == path).then(|| TreeObject {
            kind,
            id: id.to_string(),
            size: size.parse().unwrap_or(0),
        })
    })
}

/// `path` (from the repository root, `.` and `..` allowed) in `rev`, every symbolic
/// link on the way followed as the system follows one on disk (relative to its folder),
/// at most [`MAX_LINKS`] of them: the path it leads to and what is there. `None` when
/// there is nothing, or the way leads out of the repository (`..` above its root, or a
/// link to an absolute path).
fn resolve(rev: &str, path: &str) -> Option<(String, TreeObject)> {
    let mut todo: std::collections::VecDeque<String> = path.split('/').map(String::from).collect();
    let mut done: Vec<String> = Vec::new();
    let mut links = 0;
    while let Some(part) = todo.pop_front() {
        match part.as_str() {
            "" | "." => continue,
            ".." => {
                done.pop()?;
                continue;
            }
            _ => done.push(part),
        }
        let here = done.join("/");
        let entry = object(rev, &here)?;
        if entry.kind == Kind::Link {
            links += 1;
            let target = git(&["cat-file", "blob", &entry.id]).ok()?;
            let target = String::from_utf8(target).ok()?;
            if links > MAX_LINKS || target.starts_with('/') {
                return None;
            }
            done.pop();
            for part in target.split('/').rev() {
                todo.push_front(part.to_string());
            }
        }
    }
    let path = done.join("/");
    let entry = object(rev, &path)?;
    Some((path, entry))
}

/// The most links followed from one path, as Linux's own limit (`ELOOP` after 40).
const MAX_LINKS: usize = 40;

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

/// The bytes of `path` (from the repository root, `..` and `.` allowed inside it) as
/// committed in the revision of `spec` (`git:REV[:PATH]`), when it is at most `limit`
/// bytes; the error says why not.
pub(crate) fn read_at_revision(spec: &str, path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let rest = spec.strip_prefix("git:").unwrap_or(spec);
    let rev = rest.split_once(':').map_or(rest, |(rev, _)| rev);
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    // A repository path, joined lexically: no component may climb above the root.
    let mut parts: Vec<&str> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(p) => parts.push(p.to_str().ok_or("not UTF-8")?),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if parts.pop().is_some() => {}
            _ => return Err(format!("`{}` is outside the repository", path.display())),
        }
    }
    let object = format!("{rev}:{}", parts.join("/"));
    let size = git(&["cat-file", "-s", &object])?;
    let size: u64 = String::from_utf8_lossy(&size)
        .trim()
        .parse()
        .unwrap_or(u64::MAX);
    if size > limit {
        return Err(format!(
            "`{}` is larger than {} MB",
            parts.join("/"),
            limit >> 20
        ));
    }
    git(&["show", "--no-textconv", &object])
}

/// For a diff of `spec`, a `git:REV` without PATH, against `other`, a path on disk: the
/// `git:REV:PATH` that names the same files as `other` in REV, when `other` is in the
/// current directory's repository but is not the current directory itself, which is what
/// a bare `git:REV` names. PATH is relative to the current directory, as it is read.
/// `None` when `spec` has a PATH, or `other` is the current directory, is outside the
/// repository or does not exist, or when git cannot tell where the repository is.
/// Returned with REV, as `spec` writes it.
pub fn spec_for_path<'s>(spec: &'s str, other: &Path) -> Option<(&'s str, String)> {
    let rest = spec.strip_prefix("git:")?;
    let rev = match rest.split_once(':') {
        None => rest,
        Some((rev, "")) => rev,
        Some(_) => return None,
    };
    if rev.is_empty() || rev.starts_with('-') {
        return None;
    }
    let other = std::fs::canonicalize(other).ok()?;
    let cwd = std::fs::canonicalize(std::env::current_dir().ok()?).ok()?;
    let top = git(&["rev-parse", "--show-toplevel"]).ok()?;
    let top = std::fs::canonicalize(String::from_utf8(top).ok()?.trim_end_matches('\n')).ok()?;
    if other == cwd || !other.starts_with(&top) || !cwd.starts_with(&top) {
        return None;
    }
    // From the current directory up to the folder both are in, then down to `other`.
    let common = cwd
        .components()
        .zip(other.components())
        .take_while(|(a, b)| a == b)
        .count();
    let up = cwd.components().count() - common;
    let down = other.components().skip(common);
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), up)
        .chain(down.map(|c| c.as_os_str().to_string_lossy().into_owned()))
        .collect();
    Some((rev, format!("git:{rev}:{}", parts.join("/"))))
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
}
