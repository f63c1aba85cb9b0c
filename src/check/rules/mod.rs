//! One file per lint rule. Each holds the violation struct (whose doc comment is the
//! rule's explanation), its wording, and the check that finds it.

pub(crate) mod accepted_conflict;
pub(crate) mod artifact_outside_project;
pub(crate) mod circular_support;
pub(crate) mod counter_attacks_nothing;
pub(crate) mod disconnected_node;
pub(crate) mod duplicate_id;
pub(crate) mod duplicate_relation;
pub(crate) mod empty_statement;
pub(crate) mod expectation_without_artifact;
pub(crate) mod failed_expectation;
pub(crate) mod invalid_expectation;
pub(crate) mod invalid_front_matter;
pub(crate) mod invalid_suppression;
pub(crate) mod missing_artifact;
pub(crate) mod no_thesis;
pub(crate) mod odd_attack_cycle;
pub(crate) mod self_reference;
pub(crate) mod stale_artifact;
pub(crate) mod stance_contradicts_semantics;
pub(crate) mod support_attack_conflict;
pub(crate) mod syntax_error;
pub(crate) mod unknown_reference;
pub(crate) mod unpinned_artifact;
pub(crate) mod unsafe_source_url;
pub(crate) mod unsourced_evidence;
pub(crate) mod unsupported_claim;
pub(crate) mod weight_out_of_range;
