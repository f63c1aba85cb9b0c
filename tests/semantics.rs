//! The SAT-based semantics against their definitions, on random small frameworks:
//! every extension is checked against the definition, and the sets are compared with a
//! brute-force enumeration of all subsets.

use std::collections::BTreeSet;

use proptest::prelude::*;

use crux::semantics::{Af, Answer, Deadline, Label, Semantics, Task, grounded, solve};

type Ext = BTreeSet<u32>;

fn members(set: &[bool]) -> Ext {
    (0..set.len() as u32).filter(|&a| set[a as usize]).collect()
}

fn bits(af: &Af, ext: &Ext) -> Vec<bool> {
    (0..af.len() as u32).map(|a| ext.contains(&a)).collect()
}

fn admissible(af: &Af, set: &[bool]) -> bool {
    af.conflict_free(set) && (0..af.len() as u32).all(|a| !set[a as usize] || af.defends(set, a))
}

fn is_complete(af: &Af, set: &[bool]) -> bool {
    admissible(af, set) && (0..af.len() as u32).all(|a| set[a as usize] || !af.defends(set, a))
}

fn is_stable(af: &Af, set: &[bool]) -> bool {
    af.conflict_free(set)
        && (0..af.len()).all(|a| set[a] || af.attackers[a].iter().any(|&b| set[b as usize]))
}

/// Every subset, filtered by a definition.
fn brute(af: &Af, keep: impl Fn(&[bool]) -> bool) -> BTreeSet<Ext> {
    let n = af.len();
    (0u32..1 << n)
        .map(|mask| (0..n).map(|i| mask >> i & 1 == 1).collect::<Vec<bool>>())
        .filter(|s| keep(s))
        .map(|s| members(&s))
        .collect()
}

fn brute_preferred(af: &Af) -> BTreeSet<Ext> {
    let complete = brute(af, |s| is_complete(af, s));
    complete
        .iter()
        .filter(|e| !complete.iter().any(|f| f != *e && e.is_subset(f)))
        .cloned()
        .collect()
}

fn enumerate(af: &Af, semantics: Semantics) -> BTreeSet<Ext> {
    let mut found = Vec::new();
    let answer = solve(af, semantics, Task::Enumerate, Deadline::none(), &mut |e| {
        found.push(e.iter().copied().collect::<Ext>());
        true
    })
    .expect("no deadline");
    assert_eq!(answer, Answer::Enumerated(found.len()));
    let set: BTreeSet<Ext> = found.iter().cloned().collect();
    assert_eq!(
        set.len(),
        found.len(),
        "{semantics} enumerated an extension twice"
    );
    set
}

fn accepted(af: &Af, semantics: Semantics, task: Task) -> bool {
    match solve(af, semantics, task, Deadline::none(), &mut |_| true).expect("no deadline") {
        Answer::Accepted(b) => b,
        other => panic!("unexpected {other:?}"),
    }
}

fn framework() -> impl Strategy<Value = Af> {
    (1usize..9).prop_flat_map(|n| {
        proptest::collection::vec((0..n as u32, 0..n as u32), 0..(n * n).min(24))
            .prop_map(move |attacks| Af::new((0..n).map(|i| format!("a{i}")).collect(), attacks))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn extensions_match_the_definitions(af in framework()) {
        let complete = brute(&af, |s| is_complete(&af, s));
        let stable = brute(&af, |s| is_stable(&af, s));
        let preferred = brute_preferred(&af);
        prop_assert_eq!(&enumerate(&af, Semantics::Complete), &complete);
        prop_assert_eq!(&enumerate(&af, Semantics::Stable), &stable);
        prop_assert_eq!(&enumerate(&af, Semantics::Preferred), &preferred);

        // Grounded: the least complete extension, inside every complete one.
        let g = grounded(&af);
        let g_ext: Ext = g.in_set().into_iter().collect();
        prop_assert!(complete.contains(&g_ext));
        prop_assert!(complete.iter().all(|e| g_ext.is_subset(e)));
        // Its labelling is the complete labelling of its IN set.
        for a in 0..af.len() as u32 {
            let attacked = af.attackers[a as usize].iter().any(|b| g_ext.contains(b));
            let expected = if g_ext.contains(&a) { Label::In } else if attacked { Label::Out } else { Label::Undec };
            prop_assert_eq!(g.get(a), expected);
        }
        // Every stable extension is preferred.
        prop_assert!(stable.is_subset(&preferred));
        for e in &preferred {
            prop_assert!(admissible(&af, &bits(&af, e)));
        }

        // Acceptance agrees with the enumerations.
        for a in 0..af.len() as u32 {
            for (semantics, exts) in [
                (Semantics::Complete, &complete),
                (Semantics::Preferred, &preferred),
                (Semantics::Stable, &stable),
            ] {
                let cred = exts.iter().any(|e| e.contains(&a));
                let skep = exts.iter().all(|e| e.contains(&a));
                prop_assert_eq!(accepted(&af, semantics, Task::Credulous(a)), cred, "{} credulous {}", semantics, a);
                prop_assert_eq!(accepted(&af, semantics, Task::Skeptical(a)), skep, "{} skeptical {}", semantics, a);
            }
        }

        // `some` returns an extension when one exists.
        for (semantics, exts) in [
            (Semantics::Preferred, &preferred),
            (Semantics::Stable, &stable),
            (Semantics::Complete, &complete),
        ] {
            match solve(&af, semantics, Task::Some, Deadline::none(), &mut |_| true).expect("no deadline") {
                Answer::Extension(Some(e)) => prop_assert!(exts.contains(&e.into_iter().collect::<Ext>())),
                Answer::Extension(None) => prop_assert!(exts.is_empty()),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}
