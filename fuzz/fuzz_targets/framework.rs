//! The ICCMA'23, APX and TGF readers of `crux solve`: any text is read (by detection and
//! as each format) without a panic, an error points inside the text, and a framework
//! that reads is solved under every semantics and task with a short deadline. Every
//! extension found is checked against the definition of its semantics, and the
//! acceptance answers against the extensions.

#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;

use crux::semantics::input::{Format, read_framework, read_framework_as};
use crux::semantics::{Af, Answer, Arg, Deadline, Semantics, Task, solve};

/// Per task.
const DEADLINE: Duration = Duration::from_millis(20);

/// Frameworks up to this size go to the SAT semantics (larger ones: grounded only).
const SAT_ARGS: usize = 2_000;

/// Extensions enumerated at most.
const ENUMERATED: usize = 64;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Iccma23, Format::Apx, Format::Tgf] {
        check_error(text, read_framework_as(text, format));
    }
    let Some(af) = check_error(text, read_framework(text)) else {
        return;
    };
    solve_all(&af, Semantics::Grounded);
    if af.len() <= SAT_ARGS {
        for semantics in [Semantics::Complete, Semantics::Preferred, Semantics::Stable] {
            solve_all(&af, semantics);
        }
    }
});

/// The framework, or `None` after checking that the error points inside the text.
fn check_error(text: &str, read: Result<Af, crux::semantics::input::InputError>) -> Option<Af> {
    match read {
        Ok(af) => {
            assert_eq!(af.attackers.len(), af.len());
            assert_eq!(af.targets.len(), af.len());
            Some(af)
        }
        Err(e) => {
            // Lines as the reports count them: `\n`, `\r\n` and a lone `\r` end one.
            let lines = crux::syntax::span::LineIndex::new(text).len();
            assert!(
                e.offset <= text.len(),
                "offset {} past the end: {e}",
                e.offset
            );
            assert!(
                (1..=lines).contains(&e.line),
                "line {} of a text of {lines} lines: {e}",
                e.line
            );
            assert!(e.column >= 1, "column 0: {e}");
            assert!(!e.to_string().is_empty());
            None
        }
    }
}

fn deadline() -> Deadline {
    Deadline(Some(Instant::now() + DEADLINE))
}

/// Runs every task of one semantics and checks the answers.
fn solve_all(af: &Af, semantics: Semantics) {
    let mut extensions = Vec::new();
    let mut complete_list = true;
    let enumerated = solve(af, semantics, Task::Enumerate, deadline(), &mut |ext| {
        assert_extension(af, semantics, ext);
        extensions.push(ext.to_vec());
        if extensions.len() >= ENUMERATED {
            complete_list = false;
        }
        complete_list
    });
    let known = match enumerated {
        Ok(Answer::Enumerated(n)) => {
            assert_eq!(
                n,
                extensions.len(),
                "{semantics}: count and extensions differ"
            );
            complete_list
        }
        Ok(other) => panic!("{semantics}: enumeration answered {other:?}"),
        Err(_) => false,
    };
    if semantics == Semantics::Grounded && known {
        assert_eq!(extensions.len(), 1, "grounded: not exactly one extension");
    }
    if semantics == Semantics::Preferred {
        for a in &extensions {
            for b in &extensions {
                let inside = a.iter().all(|x| b.contains(x));
                assert!(a == b || !inside, "preferred: {a:?} is inside {b:?}");
            }
        }
    }
    match solve(af, semantics, Task::Some, deadline(), &mut |_| true) {
        Ok(Answer::Extension(Some(ext))) => {
            assert_extension(af, semantics, &ext);
            assert!(!known || !extensions.is_empty(), "{semantics}: one of none");
        }
        Ok(Answer::Extension(None)) => {
            assert!(!known || extensions.is_empty(), "{semantics}: none of some");
        }
        Ok(other) => panic!("{semantics}: `some` answered {other:?}"),
        Err(_) => {}
    }
    // The first, the last and one in the middle.
    let n = af.len() as Arg;
    let mut args = vec![0, n / 2, n.saturating_sub(1)];
    args.dedup();
    for a in args.into_iter().filter(|&a| a < n) {
        let member = |ext: &Vec<Arg>| ext.contains(&a);
        for (task, expected) in [
            (Task::Credulous(a), extensions.iter().any(member)),
            (Task::Skeptical(a), extensions.iter().all(member)),
        ] {
            match solve(af, semantics, task, deadline(), &mut |_| true) {
                Ok(Answer::Accepted(yes)) => assert!(
                    !known || yes == expected,
                    "{semantics} {task:?}: {yes}, but the extensions are {extensions:?}"
                ),
                Ok(other) => panic!("{semantics} {task:?} answered {other:?}"),
                Err(_) => {}
            }
        }
    }
}

/// `ext` is an extension of `semantics` (maximality of preferred ones aside: it is at
/// least complete).
fn assert_extension(af: &Af, semantics: Semantics, ext: &[Arg]) {
    let mut set = vec![false; af.len()];
    for &a in ext {
        assert!(
            (a as usize) < af.len(),
            "{semantics}: argument {a} out of range"
        );
        set[a as usize] = true;
    }
    assert!(
        af.conflict_free(&set),
        "{semantics}: {ext:?} is not conflict-free"
    );
    for a in 0..af.len() as Arg {
        let defended = af.defends(&set, a);
        assert_eq!(
            set[a as usize], defended,
            "{semantics}: {ext:?} is not complete at argument {a}"
        );
    }
    if semantics == Semantics::Stable {
        for a in 0..af.len() as Arg {
            assert!(
                set[a as usize] || af.attackers[a as usize].iter().any(|&b| set[b as usize]),
                "stable: {ext:?} does not attack argument {a}"
            );
        }
    }
}
