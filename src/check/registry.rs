//! The rule registry: the one table that assigns every lint rule its code, name and
//! default severity. Codes are never reused; a renamed rule keeps its code and gets an
//! entry in [`REDIRECTS`].
//!
//! Code letters: `S` syntax and names, `G` graph structure, `E` evidence and artifacts,
//! `W` weights, `A` stances.

use crate::diagnostic::{RuleDoc, Severity};

use super::artifacts::ArtifactNeeds;
use super::rules::*;
use super::{Context, Diagnostics};

/// Declares every rule: its code, name, default severity, the module that holds its
/// violation and its `check`, (after `needs`) the artifact facts it reads, and (after
/// `cost`) how costly it is on a large debate, as `cargo bench --bench e2e` times the
/// rules at 10,000 nodes: 3 the verdict of every node, 2 a walk over the whole graph,
/// 1 a pass over every node or relation. The driver runs a rule from here, and only
/// when it is on.
macro_rules! registry {
    ($( $variant:ident = $code:literal, $name:literal, $sev:ident, $module:ident :: $violation:ident
        $(, needs $needs:expr)? $(, cost $cost:literal)?; )*) => {
        /// Every lint rule.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $name, "` (", $code, ")")]
                $variant,
            )*
        }

        /// The registry, in code order.
        pub static RULES: &[RuleInfo] = &[
            $( RuleInfo {
                rule: Rule::$variant,
                code: $code,
                name: $name,
                default_severity: Severity::$sev,
                explanation: $module::$violation::EXPLANATION,
            }, )*
        ];

        impl Rule {
            /// Runs the rule's check, pushing what it finds to `out`.
            pub(crate) fn run(self, cx: &Context<'_>, out: &mut Diagnostics) {
                match self {
                    $( Rule::$variant => $module::check(cx, out), )*
                }
            }

            /// How much work the rule does on a large debate, roughly (`cost N` in the
            /// table, else 0): the rules are handed to threads costliest first.
            pub(crate) const fn cost(self) -> u8 {
                match self {
                    $( Rule::$variant => 0 $( + $cost )?, )*
                }
            }

            /// The facts about artifacts that the rule reads.
            pub(crate) const fn artifact_needs(self) -> ArtifactNeeds {
                match self {
                    $( Rule::$variant => ArtifactNeeds::NONE $( .and($needs) )?, )*
                }
            }
        }
    };
}

registry! {
    SyntaxError = "S001", "syntax-error", Error, syntax_error::SyntaxErrorFound;
    InvalidFrontMatter = "S002", "invalid-front-matter", Error, invalid_front_matter::InvalidFrontMatter;
    DuplicateId = "S003", "duplicate-id", Error, duplicate_id::DuplicateId;
    UnknownReference = "S004", "unknown-reference", Error, unknown_reference::UnknownReference;
    InvalidSuppression = "S005", "invalid-suppression", Warning, invalid_suppression::InvalidSuppression;
    EmptyStatement = "S006", "empty-statement", Warning, empty_statement::EmptyStatement;
    SelfReference = "G101", "self-reference", Error, self_reference::SelfReference;
    SupportAttackConflict = "G102", "support-attack-conflict", Error, support_attack_conflict::SupportAttackConflict, cost 2;
    CircularSupport = "G103", "circular-support", Error, circular_support::CircularSupport, cost 2;
    OddAttackCycle = "G104", "odd-attack-cycle", Warning, odd_attack_cycle::OddAttackCycle, cost 2;
    DisconnectedNode = "G105", "disconnected-node", Warning, disconnected_node::DisconnectedNode, cost 2;
    CounterAttacksNothing = "G106", "counter-attacks-nothing", Warning, counter_attacks_nothing::CounterAttacksNothing, cost 2;
    NoThesis = "G107", "no-thesis", Warning, no_thesis::NoThesis;
    UnsupportedClaim = "G108", "unsupported-claim", Warning, unsupported_claim::UnsupportedClaim, cost 2;
    DuplicateRelation = "G109", "duplicate-relation", Warning, duplicate_relation::DuplicateRelation;
    UnsourcedEvidence = "E201", "unsourced-evidence", Error, unsourced_evidence::UnsourcedEvidence;
    MissingArtifact = "E202", "missing-artifact", Error, missing_artifact::MissingArtifact,
        needs ArtifactNeeds { suggestion: true, ..ArtifactNeeds::PLACE };
    ArtifactOutsideProject = "E203", "artifact-outside-project", Error, artifact_outside_project::ArtifactOutsideProject,
        needs ArtifactNeeds::PLACE;
    StaleArtifact = "E204", "stale-artifact", Warning, stale_artifact::StaleArtifact,
        needs ArtifactNeeds { pinned_sha256: true, ..ArtifactNeeds::PLACE };
    UnpinnedArtifact = "E205", "unpinned-artifact", Warning, unpinned_artifact::UnpinnedArtifact,
        needs ArtifactNeeds { unpinned_sha256: true, ..ArtifactNeeds::PLACE };
    UnsafeSourceUrl = "E206", "unsafe-source-url", Warning, unsafe_source_url::UnsafeSourceUrl, cost 1;
    FailedExpectation = "E207", "failed-expectation", Error, failed_expectation::FailedExpectation,
        needs ArtifactNeeds::TABLE;
    InvalidExpectation = "E208", "invalid-expectation", Error, invalid_expectation::InvalidExpectation,
        needs ArtifactNeeds::TABLE;
    ExpectationWithoutArtifact = "E209", "expectation-without-artifact", Warning, expectation_without_artifact::ExpectationWithoutArtifact;
    WeightOutOfRange = "W301", "weight-out-of-range", Error, weight_out_of_range::WeightOutOfRange, cost 1;
    AcceptedConflict = "A401", "accepted-conflict", Error, accepted_conflict::AcceptedConflict, cost 1;
    StanceContradictsSemantics = "A402", "stance-contradicts-semantics", Warning, stance_contradicts_semantics::StanceContradictsSemantics, cost 3;
}

/// Old names and codes that still select a rule: `(old, current name)`.
pub static REDIRECTS: &[(&str, &str)] = &[];

/// A rule's registry entry.
#[derive(Debug)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Stable code, e.g. `G103`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `circular-support`.
    pub name: &'static str,
    /// Severity unless `crux.yaml` says otherwise.
    pub default_severity: Severity,
    /// The rule's documentation (Markdown with fixed headings).
    pub explanation: &'static str,
}

/// Every rule as data for printers that list rules (SARIF), in code order.
pub fn docs() -> Vec<RuleDoc> {
    RULES.iter().map(RuleInfo::doc).collect()
}

impl RuleInfo {
    /// The rule as data for printers that list rules (SARIF).
    pub fn doc(&self) -> RuleDoc {
        RuleDoc {
            code: self.code,
            name: self.name,
            summary: self.summary(),
            default_severity: self.default_severity,
            explanation: self.explanation,
        }
    }

    /// The first sentence under "What it does".
    pub fn summary(&self) -> String {
        let body = self
            .explanation
            .split("## What it does")
            .nth(1)
            .unwrap_or(self.explanation);
        let para: Vec<&str> = body
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let para = para.join(" ");
        match para.find(". ") {
            Some(i) => para[..=i].to_string(),
            None => para,
        }
    }
}

impl Rule {
    /// The registry entry.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// A rule that is always an error: `crux.yaml` cannot lower or turn it off, and no
    /// `# crux: allow(...)` exempts a node from it. A file that does not parse is never
    /// checked as if it did.
    pub const fn always_error(self) -> bool {
        matches!(self, Rule::SyntaxError)
    }

    /// A rule whose finding is about a cycle, reported at one of its nodes with the
    /// others as secondary places: a suppression above any node of the cycle exempts it.
    pub const fn about_a_cycle(self) -> bool {
        matches!(self, Rule::CircularSupport | Rule::OddAttackCycle)
    }
}

/// Finds a rule by name, code (any case) or a redirected old name.
pub fn lookup(key: &str) -> Option<&'static RuleInfo> {
    let key = REDIRECTS
        .iter()
        .find(|(old, _)| *old == key)
        .map_or(key, |(_, new)| new);
    RULES
        .iter()
        .find(|r| r.name == key || r.code.eq_ignore_ascii_case(key))
}

/// The rule name closest to `key`, for "did you mean".
pub fn suggest(key: &str) -> Option<&'static str> {
    crate::text::closest(RULES.iter().map(|r| r.name), key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "registry order");
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.len() == 4 && r.code[1..].bytes().all(|b| b.is_ascii_digit()));
            assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }

    #[test]
    fn every_rule_is_documented_with_the_fixed_headings() {
        for r in RULES {
            for heading in ["## What it does", "## Why is this a problem?", "## Example"] {
                assert!(
                    r.explanation.contains(heading),
                    "{} lacks {heading}",
                    r.name
                );
            }
            assert!(!r.summary().is_empty(), "{} has no summary", r.name);
        }
    }

    /// The text of the first ```crux block after `heading`.
    fn block_after(explanation: &str, heading: &str) -> Option<String> {
        let rest = explanation.split(heading).nth(1)?;
        let rest = rest.split("```crux").nth(1)?;
        let body = rest.split("```").next()?;
        Some(
            body.lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n")
                .trim_start()
                .to_string(),
        )
    }

    #[test]
    fn every_example_fires_its_rule() {
        for r in RULES {
            // Need a real file: one whose content differs from the pin, and one
            // without a pin (a missing file is only `missing-artifact`), and one with
            // data an expectation fails on.
            if matches!(
                r.rule,
                Rule::StaleArtifact | Rule::UnpinnedArtifact | Rule::FailedExpectation
            ) {
                continue;
            }
            let example = block_after(r.explanation, "## Example")
                .unwrap_or_else(|| panic!("{} has no crux example", r.name));
            let fired = crate::check::tests::names(&example);
            assert!(
                fired.contains(&r.name),
                "the example of {} does not fire it (fired: {fired:?}):\n{example}",
                r.name
            );
        }
    }

    #[test]
    fn no_instead_fires_its_rule() {
        for r in RULES {
            let Some(fixed) = block_after(r.explanation, "## Instead") else {
                continue;
            };
            let fired = crate::check::tests::names(&fixed);
            assert!(
                !fired.contains(&r.name),
                "the fix shown for {} still fires it:\n{fixed}",
                r.name
            );
        }
    }

    #[test]
    fn lookup_takes_names_and_codes() {
        assert_eq!(lookup("circular-support").map(|r| r.code), Some("G103"));
        assert_eq!(lookup("g103").map(|r| r.name), Some("circular-support"));
        assert_eq!(suggest("unsuported-claim"), Some("unsupported-claim"));
    }
}
