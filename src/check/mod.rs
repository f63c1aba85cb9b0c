//! The checker: lint rules over a parsed and resolved debate.
//!
//! Phase: after model and semantics. Depends on `syntax`, `diagnostic`, `model` and
//! `semantics`; `project` reads `crux.yaml` into [`Severities`]. Rules push typed violations with a span; the words live in each
//! violation's `message()`, and printers turn diagnostics into output.

pub(crate) mod broken;
pub mod registry;
pub(crate) mod rules;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::model::{ArgGraph, ResolveError};
use crate::syntax::{SourceFile, Span, SyntaxError, ast};

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
            },
        ));
    }
}

/// What rules can look at.
pub(crate) struct Context<'a> {
    /// The resolved debate.
    pub graph: &'a ArgGraph,
    /// The syntax trees, one per file, in file order.
    pub files: &'a [ast::File],
    /// Artifact paths must stay inside this directory.
    pub project_root: &'a Path,
    /// The grounded labelling of the debate, by node index.
    pub labels: crate::semantics::Labelling,
    /// The relations and lines that were lost (an unknown ID, a syntax error), and the
    /// nodes they leave in doubt.
    pub lost: broken::BrokenLinks,
}

/// Everything a check needs: sources, their trees and errors, the graph.
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
    /// Artifact paths must stay inside this directory.
    pub project_root: &'a Path,
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

/// Runs every rule, applies severities and suppressions, and returns the diagnostics
/// sorted by file and position.
pub fn check(input: &CheckInput<'_>, severities: &Severities) -> Vec<Diagnostic> {
    let mut out = Diagnostics::default();
    rules::syntax_error::report(input.syntax_errors, &mut out);
    rules::invalid_front_matter::report(input.syntax_errors, &mut out);
    rules::duplicate_id::report(input.resolve_errors, &mut out);
    rules::unknown_reference::report(input.resolve_errors, &mut out);
    rules::duplicate_relation::report(input.resolve_errors, &mut out);
    let lost = broken::broken_links(
        input.graph,
        input.sources,
        input.files,
        input.syntax_errors,
        input.resolve_errors,
    );
    let cx = Context {
        graph: input.graph,
        files: input.files,
        project_root: input.project_root,
        labels: crate::semantics::grounded(&crate::semantics::Af::from_graph(input.graph)),
        lost,
    };
    rules::invalid_suppression::check(&cx, &mut out);
    rules::self_reference::check(&cx, &mut out);
    rules::support_attack_conflict::check(&cx, &mut out);
    rules::circular_support::check(&cx, &mut out);
    rules::odd_attack_cycle::check(&cx, &mut out);
    rules::disconnected_node::check(&cx, &mut out);
    rules::counter_attacks_nothing::check(&cx, &mut out);
    if !input.sources.is_empty() {
        rules::no_thesis::check(&cx, &mut out);
    }
    rules::unsupported_claim::check(&cx, &mut out);
    rules::unsourced_evidence::check(&cx, &mut out);
    rules::missing_artifact::check(&cx, &mut out);
    rules::artifact_outside_project::check(&cx, &mut out);
    rules::stale_artifact::check(&cx, &mut out);
    rules::unpinned_artifact::check(&cx, &mut out);
    rules::unsafe_source_url::check(&cx, &mut out);
    rules::weight_out_of_range::check(&cx, &mut out);
    rules::accepted_conflict::check(&cx, &mut out);
    rules::stance_contradicts_semantics::check(&cx, &mut out);

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
            let info = rule.info();
            let suppressed = suppressions.iter().any(|(span, names)| {
                span.contains(d.primary.span)
                    && names
                        .iter()
                        .any(|n| lookup(&n.name).is_some_and(|r| r.rule == info.rule))
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
        )
    }

    /// The rule names that fire on `src`.
    pub(crate) fn names(src: &str) -> Vec<&'static str> {
        run(src).into_iter().map(|d| d.name).collect()
    }

    /// The messages reported on `src`.
    pub(crate) fn messages(src: &str) -> Vec<String> {
        run(src).into_iter().map(|d| d.message).collect()
    }
}
