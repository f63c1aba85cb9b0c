//! The grounded semantics: the least complete labelling, in linear time.
//!
//! Phase: semantics. A queue over attacker counts: an argument whose attackers are all
//! OUT becomes IN, and everything an IN argument attacks becomes OUT.

use std::collections::VecDeque;

use super::af::Af;
use super::deadline::{Deadline, Timeout};
use super::labelling::{Label, Labelling};

/// The grounded labelling of a framework.
pub fn grounded(af: &Af) -> Labelling {
    match grounded_until(af, Deadline::none()) {
        Ok(labels) => labels,
        Err(Timeout) => unreachable!("no deadline"),
    }
}

/// The grounded labelling of a framework, or `Timeout` when the deadline passes first.
pub fn grounded_until(af: &Af, deadline: Deadline) -> Result<Labelling, Timeout> {
    let mut ticker = deadline.ticker();
    let n = af.len();
    let mut labels = vec![Label::Undec; n];
    // Attackers of each argument that are not (yet) OUT.
    let mut live: Vec<usize> = af.attackers.iter().map(Vec::len).collect();
    let mut queue: VecDeque<u32> = (0..n as u32).filter(|&a| live[a as usize] == 0).collect();
    while let Some(a) = queue.pop_front() {
        ticker.tick()?;
        if labels[a as usize] != Label::Undec {
            continue;
        }
        labels[a as usize] = Label::In;
        for &b in &af.targets[a as usize] {
            if labels[b as usize] != Label::Undec {
                continue;
            }
            labels[b as usize] = Label::Out;
            ticker.tick_by(1 + af.targets[b as usize].len())?;
            for &c in &af.targets[b as usize] {
                live[c as usize] -= 1;
                if live[c as usize] == 0 && labels[c as usize] == Label::Undec {
                    queue.push_back(c);
                }
            }
        }
    }
    Ok(Labelling(labels))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: usize, attacks: &[(u32, u32)]) -> Af {
        Af::new(
            (0..n).map(|i| format!("a{i}")).collect(),
            attacks.iter().copied(),
        )
    }

    #[test]
    fn chain_alternates() {
        let l = grounded(&af(3, &[(0, 1), (1, 2)]));
        assert_eq!(l.0, [Label::In, Label::Out, Label::In]);
    }

    #[test]
    fn mutual_attack_is_undecided_and_self_attack_too() {
        let l = grounded(&af(3, &[(0, 1), (1, 0), (2, 2)]));
        assert_eq!(l.0, [Label::Undec, Label::Undec, Label::Undec]);
    }

    #[test]
    fn an_argument_attacked_by_an_out_one_is_in() {
        // 0 -> 1 -> 2, and 3 <-> 2: 2 is OUT-attacked only by 1 (OUT) and by 3.
        let l = grounded(&af(4, &[(0, 1), (1, 2), (3, 2), (2, 3)]));
        assert_eq!(l.0, [Label::In, Label::Out, Label::Undec, Label::Undec]);
    }
}
