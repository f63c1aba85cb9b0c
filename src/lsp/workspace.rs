//! The workspace: the debate `crux check` would read under the root, with the open
//! editor buffers in place of the files on disk, and what the checker says of it.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::ResolveOptions;
use crate::project::{self, Config, Source};
use crate::semantics::carneades::{self, VerdictOptions, Verdicts};
use crate::semantics::weighted::{Strengths, dfquad};
use crate::syntax::{self, FileId, Lowered, SourceFile, SyntaxError};

/// An editor buffer.
#[derive(Debug)]
pub struct OpenDoc {
    /// Its text, as the editor has it.
    pub text: String,
    /// The editor's version number.
    pub version: i32,
    /// The path as the editor names the file (its URI's), which is not the key where
    /// a symbolic link leads to the file.
    pub shown: PathBuf,
}

/// What was read from disk: the config and the `.crux` files found, with their text.
#[derive(Debug)]
struct Disk {
    config: Config,
    sources: Vec<SourceFile>,
    /// Why the config could not be used, if it could not.
    config_error: Option<String>,
    /// Every file that could not be read, in words.
    unreadable: Vec<String>,
}

/// The debate as it stands, checked.
#[derive(Debug)]
pub struct Analysis {
    /// The parsed and resolved debate.
    pub debate: crate::Debate,
    /// Exactly what `crux check` reports on it.
    pub diagnostics: Vec<Diagnostic>,
    /// Artifact paths must stay inside this directory.
    pub project_root: PathBuf,
    /// The verdict settings of the config.
    pub verdict: VerdictOptions,
    /// File index by normalized path.
    index: HashMap<PathBuf, usize>,
    /// Each file's URI, as the editor names it (see [`Workspace::uri`]).
    uris: Vec<lsp_types::Uri>,
    /// Verdicts and strengths, computed when first asked for.
    judged: OnceCell<(Verdicts, Strengths)>,
}

impl Analysis {
    /// The index of the file at `path` in the debate.
    pub fn file(&self, path: &Path) -> Option<usize> {
        self.index.get(&normalize(path)).copied()
    }

    /// The source of file `i`.
    pub fn source(&self, i: usize) -> &SourceFile {
        &self.debate.sources[i]
    }

    /// The URI of file `i`, as the editor names it.
    pub fn uri(&self, i: usize) -> lsp_types::Uri {
        self.uris[i].clone()
    }

    /// Every node's verdict and DF-QuAD strength.
    pub fn judged(&self) -> &(Verdicts, Strengths) {
        self.judged.get_or_init(|| {
            (
                carneades::evaluate(&self.debate.graph, &self.verdict),
                dfquad(&self.debate.graph),
            )
        })
    }
}

/// The root, the open buffers and the last analysis.
#[derive(Debug)]
pub struct Workspace {
    /// Where `.crux` files are searched for, as `crux check ROOT` would (canonical).
    pub root: PathBuf,
    /// The root as the editor names it, which differs from `root` when a symbolic
    /// link leads to it.
    shown_root: PathBuf,
    /// Open buffers, by normalized path.
    pub open: HashMap<PathBuf, OpenDoc>,
    disk: Option<Disk>,
    analysis: Option<Analysis>,
    /// The analysis before the last change, whose parsed files are taken over by the
    /// next analysis for every file whose text did not change.
    previous: Option<Analysis>,
}

/// A path made absolute and, where it exists, canonical, so that one file has one key
/// however a client or the discovery spells it. A file that is not on disk (not yet,
/// or no longer) has its folders made canonical: its key is the one it has (or had)
/// on disk, also where a symbolic link leads to its folder.
pub fn normalize(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut folder = absolute.as_path();
    while let Some(parent) = folder.parent() {
        if let Ok(real) = std::fs::canonicalize(parent) {
            let rest = absolute.strip_prefix(parent).unwrap_or(&absolute);
            return real.join(rest);
        }
        folder = parent;
    }
    absolute
}

impl Workspace {
    /// A workspace over `root`.
    pub fn new(root: PathBuf) -> Self {
        Workspace {
            shown_root: std::path::absolute(&root).unwrap_or_else(|_| root.clone()),
            root: normalize(&root),
            open: HashMap::new(),
            disk: None,
            analysis: None,
            previous: None,
        }
    }

    /// Forgets what was read from disk: it is read again on the next analysis.
    pub fn disk_changed(&mut self) {
        self.disk = None;
        self.buffers_changed();
    }

    /// Forgets the analysis (a buffer changed).
    pub fn buffers_changed(&mut self) {
        if let Some(a) = self.analysis.take() {
            self.previous = Some(a);
        }
    }

    /// Whether the analysis is out of date.
    pub fn is_stale(&self) -> bool {
        self.analysis.is_none()
    }

    /// Why the config could not be used, and which files could not be read.
    pub fn problems(&self) -> Vec<String> {
        let Some(disk) = &self.disk else {
            return Vec::new();
        };
        disk.config_error
            .iter()
            .chain(&disk.unreadable)
            .cloned()
            .collect()
    }

    /// Where the config names `id` as `render.root`: the config file and the name's
    /// range there (lines and UTF-16 columns from 0), when it does. A rename of that
    /// node must change it too, or `check`, `render` and `serve` fail on the config.
    pub fn render_root(&self, id: &str) -> Option<(PathBuf, lsp_types::Range)> {
        let config = &self.disk.as_ref()?.config;
        if config.render.root.as_deref() != Some(id) {
            return None;
        }
        let (line, column) = config.render.root_at?;
        let path = config.path.clone()?;
        let text = std::fs::read_to_string(&path).ok()?;
        let line_text = text
            .lines()
            .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
        // The value starts at its column (a quote first, if it is quoted).
        let from = line_text
            .char_indices()
            .nth(usize::try_from(column).ok()?.checked_sub(1)?)
            .map(|(i, _)| i)?;
        let at = from + line_text[from..].find(id)?;
        let utf16 = |bytes: usize| line_text[..bytes].encode_utf16().count() as u32;
        let line = line as u32 - 1;
        Some((
            path,
            lsp_types::Range::new(
                lsp_types::Position::new(line, utf16(at)),
                lsp_types::Position::new(line, utf16(at + id.len())),
            ),
        ))
    }

    /// The analysis, brought up to date first.
    pub fn analysis(&mut self) -> &Analysis {
        if self.analysis.is_none() {
            let analysis = self.analyze();
            self.analysis = Some(analysis);
        }
        self.analysis.as_ref().expect("just computed")
    }

    /// The URI of a file (by its normalized path) as the editor names it: the one it
    /// opened the file under, else the path under the root it was given (also where a
    /// symbolic link leads to the root), else the real path. An editor shows
    /// diagnostics and opens locations only at the URIs it knows.
    pub fn uri(&self, path: &Path) -> lsp_types::Uri {
        shown_uri(&self.open, &self.root, &self.shown_root, path)
    }

    /// The last analysis, up to date or not.
    pub fn last(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    fn analyze(&mut self) -> Analysis {
        let root = self.root.clone();
        let disk = self.disk.get_or_insert_with(|| read_disk(&root));
        let mut sources = Vec::with_capacity(disk.sources.len() + 1);
        let mut seen = HashSet::new();
        for s in &disk.sources {
            match self.open.get(&s.path) {
                Some(doc) => sources.push(SourceFile::buffer(
                    s.name.clone(),
                    s.path.clone(),
                    doc.text.clone(),
                )),
                None => sources.push(s.clone()),
            }
            seen.insert(&s.path);
        }
        // A buffer `crux check` would not find (not saved yet, or outside the root) is
        // part of the debate while it is open; one that the config excludes is not.
        let mut extra: Vec<&PathBuf> = self
            .open
            .keys()
            .filter(|k| !seen.contains(*k) && (!k.exists() || !k.starts_with(&self.root)))
            .collect();
        extra.sort();
        for key in extra {
            let text = self.open[key].text.clone();
            sources.push(SourceFile::buffer(relative(&root, key), key.clone(), text));
        }
        let index = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.path.clone(), i))
            .collect();
        let (open, shown_root) = (&self.open, &self.shown_root);
        let uris = (sources.iter())
            .map(|s| shown_uri(open, &root, shown_root, &s.path))
            .collect();
        let options = ResolveOptions {
            default_weight: disk.config.default_weight.unwrap_or(1.0),
        };
        let parsed = parse_again(&sources, self.previous.take());
        let mut debate = crate::resolve_debate(sources, parsed, options);
        let project_root = disk.config.project_root(&root);
        // Evidence whose own data refutes it does not stand, as in `crux check`.
        crate::project::expectations::refute(&mut debate, &project_root);
        let verdict = disk.config.verdict;
        let severities = disk.config.severities().unwrap_or_default();
        let diagnostics = crate::check_debate(&debate, &project_root, &severities, &verdict);
        Analysis {
            debate,
            diagnostics,
            project_root,
            verdict,
            index,
            uris,
            judged: OnceCell::new(),
        }
    }
}

/// [`Workspace::uri`], from the workspace's parts.
fn shown_uri(
    open: &HashMap<PathBuf, OpenDoc>,
    root: &Path,
    shown_root: &Path,
    path: &Path,
) -> lsp_types::Uri {
    let shown = match (open.get(path), path.strip_prefix(root)) {
        (Some(doc), _) => doc.shown.clone(),
        (None, Ok(inside)) => shown_root.join(inside),
        (None, Err(_)) => path.to_path_buf(),
    };
    super::convert::path_to_uri(&shown)
}

/// Every file parsed: taken over from the `previous` analysis where the file has the
/// same place in the debate and the same text, else parsed.
fn parse_again(sources: &[SourceFile], previous: Option<Analysis>) -> Vec<Lowered> {
    let Some(mut previous) = previous else {
        return crate::parse_files(sources);
    };
    let before = &previous.debate.sources;
    let same = |i: usize| {
        before
            .get(i)
            .is_some_and(|b| b.path == sources[i].path && b.text == sources[i].text)
    };
    let kept: Vec<bool> = (0..sources.len()).map(same).collect();
    let changed = kept.iter().filter(|k| !**k).count();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut errors: Vec<Vec<SyntaxError>> = vec![Vec::new(); sources.len()];
    for e in std::mem::take(&mut previous.debate.syntax_errors) {
        let i = e.span.file.0 as usize;
        if kept.get(i) == Some(&true) {
            errors[i].push(e);
        }
    }
    let mut files = std::mem::take(&mut previous.debate.files);
    (0..sources.len())
        .zip(errors)
        .map(|(i, errors)| {
            if kept[i] {
                return Lowered {
                    ast: std::mem::take(&mut files[i]),
                    errors,
                };
            }
            let id = FileId(i as u32);
            if changed == 1 {
                syntax::lower_parallel(id, &sources[i].text, cores)
            } else {
                syntax::lower(id, &sources[i].text)
            }
        })
        .collect()
}

/// A file's name as `crux check` run in `root` writes it.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The config and the `.crux` files under `root`, as `crux check ROOT` finds them. A
/// config that cannot be used is replaced by the defaults, and said so.
fn read_disk(root: &Path) -> Disk {
    let rule_names = crate::check::rule_name;
    let (config, config_error) = match Config::discover(root, &rule_names) {
        Ok(c) => (c, None),
        // Each problem names the file and its place already (`crux.yaml:2:3: ...`).
        Err(e) => (Config::default(), Some(e.to_string())),
    };
    let config_error = config_error.or_else(|| config.severities().err().map(|e| e.to_string()));
    let paths = [root.to_path_buf()];
    match project::load(Source::Disk {
        paths: &paths,
        config: Box::new(config),
    }) {
        Ok(loaded) => Disk {
            config: loaded.config,
            sources: loaded
                .sources
                .into_iter()
                .map(|s| {
                    let path = normalize(&s.path);
                    SourceFile::new(relative(root, &path), path, s.text)
                })
                .collect(),
            config_error,
            unreadable: loaded.unreadable.iter().map(ToString::to_string).collect(),
        },
        Err(e) => Disk {
            config: Config::default(),
            sources: Vec::new(),
            config_error,
            unreadable: vec![e.to_string()],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file under a linked folder has one key whether it is on disk or not: an open
    /// buffer is still found after the file is written or deleted.
    #[cfg(unix)]
    #[test]
    fn a_file_has_one_key_on_disk_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
        let through_link = dir.path().join("link/new.crux");
        let before = normalize(&through_link);
        std::fs::write(real.join("new.crux"), "").unwrap();
        let present = normalize(&through_link);
        std::fs::remove_file(real.join("new.crux")).unwrap();
        let after = normalize(&through_link);
        let key = std::fs::canonicalize(&real).unwrap().join("new.crux");
        assert_eq!([before, present, after], [key.clone(), key.clone(), key]);
    }

    /// A config that cannot be used is named once, at its place.
    #[test]
    fn a_bad_config_is_named_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("crux.yaml"),
            "rules:\n  unsuported-claim: off\n",
        )
        .unwrap();
        let error = read_disk(dir.path()).config_error.unwrap();
        assert!(error.ends_with("crux.yaml:2:3: unknown rule `unsuported-claim` in `rules`; did you mean `unsupported-claim`? run `crux rules` to list the rules"), "{error}");
        assert_eq!(error.matches("crux.yaml").count(), 1, "{error}");
    }

    /// Evidence whose expectation fails on its data falls in the editor too, and its
    /// card says why.
    #[test]
    fn evidence_refuted_by_its_data_falls_in_the_hover() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("data.csv"), "year,sales\n2022,5\n2023,3\n").unwrap();
        let debate = "thesis t: \"Sales grew.\"\n\n\
            evidence e: \"Sales grew every year.\"\n  supports t\n  source \"Annual report\"\n  \
            artifact \"data.csv\"\n  expect \"all(sales > 4)\"\n";
        std::fs::write(dir.path().join("a.crux"), debate).unwrap();
        let mut w = Workspace::new(dir.path().to_path_buf());
        let analysis = w.analysis();
        let card = crate::lsp::hover::card(analysis, "e").unwrap();
        assert!(card.contains("— **falls**"), "{card}");
        assert!(card.contains("Refuted by its own data"), "{card}");
        assert!(card.contains("sales 3"), "{card}");
        std::fs::write(dir.path().join("data.csv"), "year,sales\n2022,5\n2023,6\n").unwrap();
        let mut w = Workspace::new(dir.path().to_path_buf());
        let card = crate::lsp::hover::card(w.analysis(), "e").unwrap();
        assert!(card.contains("— **stands**"), "{card}");
    }

    /// The findings after edits, with the files that did not change taken over from
    /// the analysis before, are those of a workspace analysed afresh.
    #[test]
    fn an_analysis_after_an_edit_is_the_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.crux");
        std::fs::write(&a, "thesis t: \"T.\"\nclaim c: \"C.\"\n  supports t\n").unwrap();
        std::fs::write(
            dir.path().join("b.crux"),
            "claim d: \"D.\"\n  supports c\n  oops\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("c.crux"),
            "evidence e: \"E.\"\n  supports d\n",
        )
        .unwrap();
        let mut w = Workspace::new(dir.path().to_path_buf());
        w.analysis();
        for (version, text) in [
            "thesis t: \"T.\"\nclaim c: \"C.\"\n  supports tt\n",
            "thesis t: \"T.\"\nclam c: \"C.\"\n",
            "thesis t: \"T.\"\nclaim c: \"C.\"\n  supports t\n",
        ]
        .into_iter()
        .enumerate()
        {
            let doc = OpenDoc {
                text: text.to_string(),
                version: version as i32,
                shown: a.clone(),
            };
            w.open.insert(normalize(&a), doc);
            w.buffers_changed();
            let mut fresh = Workspace::new(dir.path().to_path_buf());
            fresh.open.insert(
                normalize(&a),
                OpenDoc {
                    text: text.to_string(),
                    version: 0,
                    shown: a.clone(),
                },
            );
            let afresh = fresh.analysis();
            let now = w.analysis();
            assert_eq!(now.diagnostics, afresh.diagnostics, "{text}");
            let trees = |a: &Analysis| format!("{:?}", a.debate.files);
            assert_eq!(trees(now), trees(afresh));
            assert_eq!(now.debate.syntax_errors, afresh.debate.syntax_errors);
        }
    }
}
