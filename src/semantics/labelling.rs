//! Labellings and extensions: the results of a semantics.
//!
//! Phase: semantics.

use std::fmt;

use super::af::{Af, Arg};

/// The status of one argument under a labelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// Accepted.
    In,
    /// Rejected: attacked by an accepted argument.
    Out,
    /// Neither.
    Undec,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Label::In => "IN",
            Label::Out => "OUT",
            Label::Undec => "UNDEC",
        })
    }
}

/// A label per argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelling(pub Vec<Label>);

impl Labelling {
    /// The label of one argument.
    pub fn get(&self, a: Arg) -> Label {
        self.0[a as usize]
    }

    /// The arguments labelled IN, in number order.
    pub fn in_set(&self) -> Vec<Arg> {
        (0..self.0.len() as Arg)
            .filter(|&a| self.0[a as usize] == Label::In)
            .collect()
    }

    /// The complete labelling of an extension: IN inside, OUT if attacked by it,
    /// UNDEC otherwise.
    pub fn of_extension(af: &Af, ext: &[Arg]) -> Labelling {
        let mut labels = vec![Label::Undec; af.len()];
        for &a in ext {
            labels[a as usize] = Label::In;
        }
        for &a in ext {
            for &b in &af.targets[a as usize] {
                labels[b as usize] = Label::Out;
            }
        }
        Labelling(labels)
    }
}
