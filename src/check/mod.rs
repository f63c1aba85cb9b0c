//! The checker: lint rules over a parsed and resolved debate.
//!
//! Phase: after model and semantics. Depends on `syntax`, `diagnostic`, `model` and
//! `semantics`; `project` reads `crux.yaml` into [`Severities`]. Rules push typed violations with a span; the words live in each
//! violation's `message()`, and printers turn diagnostics into output.
//!
//! The driver ([`check`]) runs the rules of the [`registry`] that are on, and reads no
//! file: what the disk says about artifacts comes in as [`ArtifactFacts`], gathered
//! beforehand for the rules that are on ([`needs`]).

pub mod artifacts;
pub(crate) mod broken;
pub mod expectations;
pub mod registry;
pub(crate) mod rules;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{Diagnostic, Label, Severity, Suggestion};
use crate::model::{ArgGraph, ResolveError};
use crate::semantics::carneades::{self, VerdictOptions, Verdicts};
use crate::syntax::{FileId, SourceFile, Span, SyntaxError, ast};

pub use artifacts::{
    ArtifactFact, ArtifactFacts, ArtifactNeeds, Place, TableFact, is_table, table_artifact,
};
pub use expectations::{ExpectationResult, Judgement, expectations};
pub use registry::{RULES, Rule, RuleInfo, lookup};

/// Declares a violation struct and captures its doc comment as the rule's explanation.
macro_rules! declare_lint {
    ($(#[doc = $doc:literal])* $vis:vis struct $name:ident { $($body:tt)* }) => {
        $(#[doc = $doc])*
        #[derive(Debug)]
        $vis struct $name { $($body)* }

        impl $name {
            /// The rule's documentation, as `crux rule` prints it.
            pub(crate) const EXPLANATION: &'static str = concat!($($doc, "\n"),*);
        }
    };
}
pub(crate) use declare_lint;

/// A finding of one rule, with its data in typed fields.
pub(crate) trait Violation {
    /// The rule that reports it.
    const RULE: Rule;
    /// One sentence saying what is wrong.
    fn message(&self) -> String;
    /// The label under the caret.
    fn label(&self) -> String {
        String::new()
    }
    /// How to fix it.
    fn help(&self) -> Option<String> {
        None
    }
    /// Related places.
    fn secondary(&self) -> Vec<Label> {
        Vec::new()
    }
    /// The text that fixes it in place of the text at its span, when the help
    /// suggests one ("did you mean `X`?").
    fn replacement(&self) -> Option<String> {
        None
    }
    /// The edit that fixes it, when the help suggests one: by default
    /// [`Violation::replacement`] in place of the finding's `span`.
    fn suggestion(&self, span: Span) -> Option<Suggestion> {
        self.replacement()
            .map(|replacement| Suggestion { span, replacement })
    }
}

/// Collects diagnostics while rules run.
#[derive(Default)]
pub(crate) struct Diagnostics {
    items: Vec<(Rule, Diagnostic)>,
}

impl Diagnostics {
    /// Records a violation at `span`.
    pub fn push<V: Violation>(&mut self, v: V, span: Span) {
        let info = V::RULE.info();
        self.items.push((
            V::RULE,
            Diagnostic {
                code: info.code,
                name: info.name,
                severity: info.default_severity,
                message: v.message(),
                primary: Label::new(span, v.label()),
                secondary: v.secondary(),
                help: v.help(),
                suggestion: v.suggestion(span),
            },
        ));
    }
}

/// What rules can look at.
pub(crate) struct Context<'a> {
    /// The resolved debate.
    pub graph: &'a ArgGraph,
    /// The loaded files, in file order.
    pub sources: &'a [SourceFile],
    /// The syntax trees, one per file, in file order.
    pub files: &'a [ast::File],
    /// Syntax errors of every file.
    pub syntax_errors: &'a [SyntaxError],
    /// Name resolution errors.
    pub resolve_errors: &'a [ResolveError],
    /// What the disk says about the artifacts, as far as the rules that are on need it.
    pub artifacts: &'a ArtifactFacts,
    /// The debate's settings of the verdict (`verdict:` in `crux.yaml`).
    pub verdict: VerdictOptions,
    /// The verdicts, computed when a rule first asks.
    verdicts: OnceLock<Verdicts>,
    /// The links that were lost, computed when a rule first asks.
    lost: OnceLock<broken::BrokenLinks>,
    /// The nodes in their stable order, sorted when a rule first asks.
    order: OnceLock<Vec<petgraph::graph::NodeIndex>>,
}

impl Context<'_> {
    /// The verdict of every node, under [`Context::verdict`].
    pub fn verdicts(&self) -> &Verdicts {
        self.verdicts
            .get_or_init(|| carneades::evaluate(self.graph, &self.verdict))
    }

    /// The nodes in a stable order (by file, then position), sorted once for every
    /// rule that walks them.
    pub fn nodes_in_order(&self) -> &[petgraph::graph::NodeIndex] {
        self.order.get_or_init(|| self.graph.nodes_in_order())
    }

    /// The relations and lines that were lost (an unknown ID, a syntax error), and the
    /// nodes they leave in doubt.
    pub fn lost(&self) -> &broken::BrokenLinks {
        self.lost.get_or_init(|| {
            broken::broken_links(
                self.graph,
                self.sources,
                self.files,
                self.syntax_errors,
                self.resolve_errors,
            )
        })
    }
}

/// Everything a check needs: sources, their trees and errors, the graph, and the facts
/// about its artifacts.
pub struct CheckInput<'a> {
    /// The loaded files.
    pub sources: &'a [SourceFile],
    /// The syntax tree of each file.
    pub files: &'a [ast::File],
    /// Syntax errors of every file.
    pub syntax_errors: &'a [SyntaxError],
    /// The resolved graph.
    pub graph: &'a ArgGraph,
    /// Name resolution errors.
    pub resolve_errors: &'a [ResolveError],
    /// What the project layer found out about the artifacts, for the [`needs`] of the
    /// same severities.
    pub artifacts: &'a ArtifactFacts,
    /// The debate's settings of the verdict (`verdict:` in `crux.yaml`).
    pub verdict: VerdictOptions,
}

/// Per-rule severities after `crux.yaml`: `None` means off.
#[derive(Clone, Debug)]
pub struct Severities(Vec<Option<Severity>>);

impl Severities {
    /// Sets the level of one rule (`None`: off), as `crux.yaml` says.
    pub fn set(&mut self, rule: Rule, level: Option<Severity>) {
        self.0[rule as usize] = level;
    }

    /// The level in effect for a rule.
    pub fn get(&self, rule: Rule) -> Option<Severity> {
        self.0[rule as usize]
    }
}

/// The rules whose suggestions only mend notation: the rewrites of syntax errors' help,
/// misspelt keywords and proof standards, misspelt rule names in suppressions. Made,
/// they cannot change what a debate says; a "did you mean" of an ID, an artifact path
/// or a table column is a guess about content, and is not among them.
pub const NOTATION_FIXES: [Rule; 2] = [Rule::SyntaxError, Rule::InvalidSuppression];

/// The edits of the findings' suggestions that only mend notation
/// ([`NOTATION_FIXES`]), per file, in order, with none overlapping another (of two that
/// overlap, the one that starts first is kept): what `crux check --fix` and the
/// language server's "fix all" make.
pub fn notation_edits(diagnostics: &[Diagnostic]) -> Vec<(FileId, Vec<&Suggestion>)> {
    let names: Vec<&str> = NOTATION_FIXES.iter().map(|r| r.info().name).collect();
    let mut all: Vec<&Suggestion> = diagnostics
        .iter()
        .filter(|d| names.contains(&d.name))
        .filter_map(|d| d.suggestion.as_ref())
        .collect();
    all.sort_by_key(|s| (s.span.file, s.span.start, s.span.end));
    let mut out: Vec<(FileId, Vec<&Suggestion>)> = Vec::new();
    for s in all {
        match out.last_mut() {
            Some((file, list)) if *file == s.span.file => {
                if list.last().is_none_or(|last| last.span.end <= s.span.start) {
                    list.push(s);
                }
            }
            _ => out.push((s.span.file, vec![s])),
        }
    }
    out
}

/// `text` with `edits` made: the edits of one file, in order, none overlapping
/// another, as [`notation_edits`] gives them.
pub fn apply_edits(text: &str, edits: &[&Suggestion]) -> String {
    let mut out = text.to_string();
    for s in edits.iter().rev() {
        out.replace_range(s.span.range(), &s.replacement);
    }
    out
}

/// The message for a `rules:` key of `crux.yaml` that names no rule, with the nearest
/// name; `None` for a rule's name or code.
pub fn unknown_rule(key: &str) -> Option<String> {
    if lookup(key).is_some() {
        return None;
    }
    let hint = registry::suggest(key)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    Some(format!(
        "unknown rule `{key}` in `rules`; {hint}run `crux rules` to list the rules"
    ))
}

/// The rule a `rules:` key of `crux.yaml` names (by name or code), as its name; else
/// the message of [`unknown_rule`]. Passed to `project::Config::load`.
pub fn rule_name(key: &str) -> Result<String, String> {
    match lookup(key) {
        Some(rule) => Ok(rule.name.to_string()),
        None => Err(unknown_rule(key).unwrap_or_default()),
    }
}

impl Default for Severities {
    fn default() -> Self {
        Severities(RULES.iter().map(|r| Some(r.default_severity)).collect())
    }
}

/// The facts about artifacts that the rules that are on read: the work to do on the
/// disk before [`check`]. A rule that is off asks for nothing.
pub fn needs(severities: &Severities) -> ArtifactNeeds {
    RULES
        .iter()
        .filter(|r| severities.get(r.rule).is_some())
        .fold(ArtifactNeeds::NONE, |needs, r| {
            needs.and(r.rule.artifact_needs())
        })
}

/// Runs every rule that is on, applies severities and suppressions, and returns the
/// diagnostics sorted by file and position.
pub fn check(input: &CheckInput<'_>, severities: &Severities) -> Vec<Diagnostic> {
    let threads = if input.graph.graph.node_count() >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    check_on(input, severities, threads)
}

/// [`check`], with the rules run on up to `threads` threads.
fn check_on(input: &CheckInput<'_>, severities: &Severities, threads: usize) -> Vec<Diagnostic> {
    let mut out = Diagnostics::default();
    let cx = Context {
        graph: input.graph,
        sources: input.sources,
        files: input.files,
        syntax_errors: input.syntax_errors,
        resolve_errors: input.resolve_errors,
        artifacts: input.artifacts,
        verdict: input.verdict,
        verdicts: OnceLock::new(),
        lost: OnceLock::new(),
        order: OnceLock::new(),
    };
    let on: Vec<Rule> = RULES
        .iter()
        .filter(|r| severities.get(r.rule).is_some())
        .map(|r| r.rule)
        .collect();
    run_rules(&cx, &on, threads, &mut out);

    let suppressions: Vec<(Span, &[ast::Ident])> = input
        .files
        .iter()
        .flat_map(|f| &f.nodes)
        .filter(|n| !n.allow.is_empty())
        .map(|n| (n.span, n.allow.as_slice()))
        .collect();
    let mut result: Vec<Diagnostic> = out
        .items
        .into_iter()
        .filter_map(|(rule, mut d)| {
            d.severity = severities.get(rule)?;
            // A cycle's finding belongs to each of its nodes alike.
            let cycle: &[Label] = if rule.about_a_cycle() {
                &d.secondary
            } else {
                &[]
            };
            let suppressed = !rule.always_error()
                && suppressions.iter().any(|(span, names)| {
                    (span.contains(d.primary.span) || cycle.iter().any(|l| span.contains(l.span)))
                        && names
                            .iter()
                            .any(|n| lookup(&n.name).is_some_and(|r| r.rule == rule))
                });
            (!suppressed).then_some(d)
        })
        .collect();
    result.sort_by(|a, b| {
        (
            a.primary.span.file,
            a.primary.span.start,
            a.code,
            &a.message,
        )
            .cmp(&(
                b.primary.span.file,
                b.primary.span.start,
                b.code,
                &b.message,
            ))
    });
    result.dedup();
    result
}

/// Debates with fewer nodes are checked on one thread (a thread costs more than the
/// rules take on them).
const PARALLEL_FROM: usize = 2_000;

/// Runs `rules` on up to `threads` threads, each taking the next rule not yet taken,
/// and adds what they find to `out` in the order of `rules`, as one thread would.
fn run_rules(cx: &Context<'_>, rules: &[Rule], threads: usize, out: &mut Diagnostics) {
    if threads < 2 || rules.len() < 2 {
        for rule in rules {
            rule.run(cx, out);
        }
        return;
    }
    // The costly rules are handed out first (a costly rule taken last would keep one
    // thread busy while the others wait); what they find is put back in order below.
    let mut schedule = rules.to_vec();
    schedule.sort_by_key(|&rule| std::cmp::Reverse(rule.cost()));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&rule) = schedule.get(next.fetch_add(1, Ordering::Relaxed)) {
            let mut found = Diagnostics::default();
            rule.run(cx, &mut found);
            done.push((rule, found));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads.min(rules.len()))
            .map(|_| scope.spawn(work))
            .collect();
        let mut done = work();
        for other in others {
            done.extend(other.join().expect("a rule panicked"));
        }
        done
    });
    let place = |rule: Rule| rules.iter().position(|&r| r == rule);
    done.sort_by_key(|(rule, _)| place(*rule));
    for (_, mut found) in done {
        out.items.append(&mut found.items);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! Helpers for the rules' inline tests: check one in-memory file.

    use crate::diagnostic::Diagnostic;
    use crate::syntax::SourceFile;

    /// Checks `src` as the only file of a debate.
    pub(crate) fn run(src: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("test.crux", "/nonexistent/test.crux", src.to_string());
        let debate = crate::parse_debate(vec![file], Default::default());
        crate::check_debate(
            &debate,
            std::path::Path::new("/nonexistent"),
            &super::Severities::default(),
            &Default::default(),
        )
    }

    /// On more threads, the rules find the same, reported in the same order.
    #[test]
    fn threads_change_nothing() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "crux"))
            .collect();
        files.sort();
        // Every fixture's findings in one debate, and each fixture alone.
        let texts: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let mut debates = vec![texts.join("\n")];
        debates.extend(texts);
        for (i, src) in debates.into_iter().enumerate() {
            let file = SourceFile::new("test.crux", "/nonexistent/test.crux", src);
            let debate = crate::parse_debate(vec![file], Default::default());
            let severities = super::Severities::default();
            let artifacts = super::ArtifactFacts::default();
            let input = super::CheckInput {
                sources: &debate.sources,
                files: &debate.files,
                syntax_errors: &debate.syntax_errors,
                graph: &debate.graph,
                resolve_errors: &debate.resolve_errors,
                artifacts: &artifacts,
                verdict: Default::default(),
            };
            let one = super::check_on(&input, &severities, 1);
            if i == 0 {
                let rules: std::collections::BTreeSet<_> = one.iter().map(|d| d.code).collect();
                assert!(rules.len() > 15, "{rules:?}");
            }
            for threads in [2, 3, 64] {
                assert!(one == super::check_on(&input, &severities, threads));
            }
        }
    }

    /// The rule names that fire on `src`.
    pub(crate) fn names(src: &str) -> Vec<&'static str> {
        run(src).into_iter().map(|d| d.name).collect()
    }

    /// The checker reads no file: what the disk says comes in as [`super::ArtifactFacts`].
    #[test]
    fn the_checker_does_no_file_io() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
        let mut files = vec![dir.clone()];
        let mut seen = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // This test itself reads files; the rest of the module may not.
            let text = text.split("mod tests {").next().unwrap();
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            for io in [
                "std::fs",
                "std::io",
                "File::open",
                "project::artifact",
                "locate(",
            ] {
                assert!(!code.contains(io), "{} uses {io}", path.display());
            }
            seen += 1;
        }
        assert!(seen > 20, "{seen} files");
    }

    /// The messages reported on `src`.
    pub(crate) fn messages(src: &str) -> Vec<String> {
        run(src).into_iter().map(|d| d.message).collect()
    }
}
