//! Semantics: which arguments stand. Dung semantics (grounded, complete, preferred,
//! stable) over the attack relation, gradual strengths over the weighted graph, and the
//! verdict (stands, falls, open) by proof standards.
//!
//! Phase: after model. Depends on `model` (and `syntax` for node kinds); knows nothing
//! of checks or output.

pub mod af;
pub mod carneades;
pub mod deadline;
pub mod dung;
pub mod energy;
pub mod grounded;
pub mod input;
pub mod labelling;
pub mod sat;
pub mod weighted;

pub use af::{Af, Arg};
pub use carneades::{Argument, Judgement, Reason, Verdict, VerdictOptions, Verdicts, Weighed};
pub use deadline::{Deadline, Ticker, Timeout};
pub use dung::{Answer, Semantics, Task, solve};
pub use grounded::{grounded, grounded_until};
pub use labelling::{Label, Labelling};

/// A weight or credence as the semantics read it: clamped to [0, 1], NaN as 0 (a value
/// out of range is reported by `weight-out-of-range`, and counts as the nearest bound).
pub(crate) fn unit(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}
