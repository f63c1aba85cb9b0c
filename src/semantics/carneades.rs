//! The verdict: which claims stand, after Carneades (Gordon, Prakken & Walton, "The
//! Carneades model of argument and burden of proof", Artificial Intelligence 171, 2007).
//! Every node `stands`, `falls` or stays `open`, judged by its proof standard over the
//! weights of its applicable pro and con arguments.
//!
//! Phase: semantics. Depends on `model` (and `syntax` for kinds and standards); knows
//! nothing of checks or output.

use std::fmt;

use crate::syntax::ast::ProofStandard;

/// What a reader is told about a node: whether it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Its pro side meets its proof standard.
    Stands,
    /// Its con side meets its proof standard.
    Falls,
    /// Neither side does.
    Open,
}

impl Verdict {
    /// The word, as every output writes it.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Stands => "stands",
            Verdict::Falls => "falls",
            Verdict::Open => "open",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The debate-wide settings of the verdict (`verdict:` in `crux.yaml`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VerdictOptions {
    /// The standard of a node that names none.
    pub standard: ProofStandard,
    /// α: the weight the strongest pro argument needs under `clear-and-convincing` and
    /// `beyond-doubt`.
    pub alpha: f64,
    /// β: how far pro must beat con under `clear-and-convincing`.
    pub beta: f64,
    /// γ: the most con may weigh under `beyond-doubt`.
    pub gamma: f64,
}

impl Default for VerdictOptions {
    fn default() -> Self {
        VerdictOptions {
            standard: ProofStandard::Preponderance,
            alpha: 0.6,
            beta: 0.3,
            gamma: 0.1,
        }
    }
}
