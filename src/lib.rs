//! crux maps debates: it reads `.crux` files into a weighted argument graph, checks the
//! debate for consistency, evaluates which claims stand, and renders maps.
//!
//! The phases, each a module, depend on each other in one direction only. From the
//! lowest layer up (a module uses only modules of lower layers; modules of one layer
//! are independent of each other):
//!
//! text → syntax, expect, interrupt → diagnostic, fmt → model → import → semantics → check → root → project → render, diff → lsp, serve → cli
//!
//! - `text`: numbers and texts as readers see them (one rule for weights, shortening,
//!   paragraphs and "did you mean"). It uses nothing else.
//! - `syntax`: `.crux` text to syntax trees; `expect`: the expression language of
//!   `expect "..."` over tables; `interrupt`: the one Ctrl-C handler, which removes the
//!   temporary files of writes in progress. They use `text` only.
//! - `diagnostic`: the finding type and its printers (human, JSON, GitHub, SARIF; the
//!   rules a SARIF log lists are passed in as data). `fmt`: the formatter, over trees.
//! - `model`: the resolved argument graph, and the one URL policy (`model::link`).
//! - `import`: other formats (Argdown, AIF, Kialo, microtexts) read and written as
//!   `.crux` text, over `syntax` and `fmt`.
//! - `semantics`: what stands (Dung, weighted). `check`: the lint rules.
//! - root: this file's [`Debate`], [`parse_debate`] and [`check_debate`], which run the
//!   phases so far.
//! - `project`: file IO: `crux.yaml` (read into the checker's severities), discovery,
//!   artifacts and their previews, and the files an Argdown import `@include`s.
//! - `render`: the render model and every map format; `diff`: comparing two debates.
//! - `lsp`: the language server (`crux lsp`).
//! - `serve`: the live preview's server (`crux serve`), handed the page to send by `cli`.
//! - `cli`: the commands.
//!
//! `tests/layers.rs` reads every `crate::` path and fails on one against this order.

/// `eprintln!` for every module below: writes a line on standard error, and goes on when
/// that fails. The standard library's panics instead (exit 101), which a closed pipe
/// (`crux check 2>&1 | true`) or a full disk would cause: a command's own outcome, its
/// exit status and its files, never depends on whether its messages could be shown.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that goes on when standard error cannot be written (see `eprintln!`).
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod expect;
pub mod fmt;
pub mod import;
pub mod interrupt;
pub mod lsp;
pub mod model;
pub mod project;
pub mod render;
pub mod semantics;
pub mod serve;
pub mod syntax;
pub mod text;

use std::path::Path;

use diagnostic::Diagnostic;
use model::{ArgGraph, ResolveError, ResolveOptions};
use syntax::{FileId, SourceFile, SyntaxError, ast};

/// A debate read from its files: sources, syntax trees, the resolved graph, and the
/// errors met on the way.
#[derive(Debug, Default)]
pub struct Debate {
    /// The loaded files; a `FileId` indexes this.
    pub sources: Vec<SourceFile>,
    /// One syntax tree per file.
    pub files: Vec<ast::File>,
    /// Syntax errors of every file, in file order.
    pub syntax_errors: Vec<SyntaxError>,
    /// The resolved graph.
    pub graph: ArgGraph,
    /// Name resolution errors.
    pub resolve_errors: Vec<ResolveError>,
    /// The tables read for the verdict (`project::expectations::refute` reads them
    /// from disk), kept so that [`check_debate`] reads each file once and judges the
    /// data the verdict judged. Empty until then.
    pub tables: check::ArtifactFacts,
}

/// Parses and lowers every file ([`syntax::lower`]: no tree is kept; file `i` gets
/// `FileId(i)`), on as many threads as there are cores when the debate is large: several
/// files a thread each, one file in parts ([`syntax::lower_parallel`]). The result is in
/// file order, whatever the scheduling.
pub fn parse_files(sources: &[SourceFile]) -> Vec<syntax::Lowered> {
    // Asking for the cores reads the cgroup's files (a tenth of a millisecond): only
    // for a debate large enough to use them.
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let large = bytes >= PARSE_ON_THREADS_FROM;
    if let [one] = sources {
        let threads = if large { cores() } else { 1 };
        return vec![syntax::lower_parallel(FileId(0), &one.text, threads)];
    }
    let threads = if large { cores().min(sources.len()) } else { 1 };
    let parse = |i: usize| syntax::lower(FileId(i as u32), &sources[i].text);
    if threads <= 1 {
        return (0..sources.len()).map(parse).collect();
    }
    // Hand out files one at a time, so that one large file does not hold up a thread
    // that was given many. This thread parses too.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= sources.len() {
                break mine;
            }
            mine.push((i, parse(i)));
        }
    };
    let mut results: Vec<(usize, syntax::Lowered)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut results = work();
        for other in others {
            results.extend(other.join().expect("a parser thread panicked"));
        }
        results
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, p)| p).collect()
}

/// Debates of fewer bytes than this, in several files, are parsed on one thread, as one
/// file of that size is: starting and joining threads costs more than they save on the
/// 50 KB of `claims/` (at the check benchmark's 217 MB/s per core, a quarter of a
/// millisecond of parsing).
const PARSE_ON_THREADS_FROM: usize = 1 << 20;

/// Parses and resolves loaded files into a debate. Never fails: problems are recorded.
pub fn parse_debate(sources: Vec<SourceFile>, options: ResolveOptions) -> Debate {
    let parsed = parse_files(&sources);
    resolve_debate(sources, parsed, options)
}

/// Debates of at least this many bytes have their lines indexed on a second thread
/// while they are resolved (a thread costs more than indexing a smaller one).
const INDEX_ASIDE_FROM: usize = 1 << 20;

/// The second half of [`parse_debate`]: resolves files parsed by [`parse_files`]
/// (`parsed[i]` is `sources[i]`) into a debate.
pub fn resolve_debate(
    sources: Vec<SourceFile>,
    parsed: Vec<syntax::Lowered>,
    options: ResolveOptions,
) -> Debate {
    let mut files = Vec::with_capacity(sources.len());
    let mut syntax_errors = Vec::new();
    for p in parsed {
        files.push(p.ast);
        syntax_errors.extend(p.errors);
    }
    let inputs: Vec<model::Input<'_>> = sources
        .iter()
        .zip(&files)
        .map(|(s, ast)| model::Input { path: &s.path, ast })
        .collect();
    // While the debate is resolved, a thread indexes the lines of a large debate,
    // which its report will need.
    let large = sources.iter().map(|s| s.text.len()).sum::<usize>() >= INDEX_ASIDE_FROM;
    let (graph, resolve_errors) = std::thread::scope(|scope| {
        if large {
            scope.spawn(|| sources.iter().for_each(|s| _ = s.lines()));
        }
        model::resolve(&inputs, options)
    });
    Debate {
        sources,
        files,
        syntax_errors,
        graph,
        resolve_errors,
        tables: check::ArtifactFacts::default(),
    }
}

/// Runs the lint rules that are on: first looks at the artifacts on disk, as far as
/// those rules need (`project::artifact::facts`), then checks the debate, which reads
/// no file. The rules that read verdicts judge them by `verdict` (the config's
/// `verdict:`).
pub fn check_debate(
    debate: &Debate,
    project_root: &Path,
    severities: &check::Severities,
    verdict: &semantics::carneades::VerdictOptions,
) -> Vec<Diagnostic> {
    let artifacts = project::artifact::facts_reusing(
        &debate.graph,
        project_root,
        check::needs(severities),
        &debate.tables,
    );
    check::check(
        &check::CheckInput {
            sources: &debate.sources,
            files: &debate.files,
            syntax_errors: &debate.syntax_errors,
            graph: &debate.graph,
            resolve_errors: &debate.resolve_errors,
            artifacts: &artifacts,
            verdict: *verdict,
        },
        severities,
    )
}
