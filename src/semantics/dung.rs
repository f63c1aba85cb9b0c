//! Dung semantics on a SAT solver: complete, preferred and stable extensions, and the
//! grounded one, for the four tasks (enumerate, find one, credulous and skeptical
//! acceptance).
//!
//! Phase: semantics. Every task first computes the grounded labelling (linear time):
//! its IN arguments are in every complete extension and its OUT arguments in none, so
//! only the UNDEC arguments reach the solver. Preferred extensions come from CEGAR
//! loops (find a complete extension, grow it with assumptions until no larger one
//! exists, then exclude everything below it), never from enumerating subsets.

use std::fmt;

use super::af::{Af, Arg};
use super::deadline::{Deadline, Timeout, release};
use super::grounded::grounded_until;
use super::labelling::{Label, Labelling};
use super::sat::LabellingSolver;

/// A Dung semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Semantics {
    /// The least complete extension.
    Grounded,
    /// Every complete extension.
    Complete,
    /// The maximal complete extensions.
    Preferred,
    /// The conflict-free sets that attack every argument outside them.
    Stable,
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
        })
    }
}

/// What to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Every extension.
    Enumerate,
    /// One extension, if any exists.
    Some,
    /// Whether the argument is in some extension.
    Credulous(Arg),
    /// Whether the argument is in every extension (vacuously true when there is none).
    Skeptical(Arg),
}

/// The result of a task. Enumerated extensions are handed to the caller's callback as
/// they are found (it returns `false` to stop early); the answer then only counts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// How many extensions were enumerated.
    Enumerated(usize),
    /// One extension, or none.
    Extension(Option<Vec<Arg>>),
    /// Accepted or not.
    Accepted(bool),
}

/// The part of a framework left undecided by the grounded labelling.
struct Core {
    /// The framework over the UNDEC arguments.
    af: Af,
    /// Core argument to original argument.
    original: Vec<Arg>,
    /// Original argument to core argument.
    position: Vec<Option<Arg>>,
    /// The grounded IN arguments, in every complete extension.
    grounded_in: Vec<Arg>,
    /// The grounded labelling of the whole framework.
    labels: Labelling,
}

impl Core {
    fn of(af: &Af, deadline: Deadline) -> Result<Core, Timeout> {
        let labels = grounded_until(af, deadline)?;
        let original: Vec<Arg> = (0..af.len() as Arg)
            .filter(|&a| labels.get(a) == Label::Undec)
            .collect();
        let mut position = vec![None; af.len()];
        for (i, &a) in original.iter().enumerate() {
            position[a as usize] = Some(i as Arg);
        }
        // Attackers of an UNDEC argument are UNDEC or OUT; OUT ones never count.
        let attacks = original.iter().flat_map(|&a| {
            let position = &position;
            af.attackers[a as usize].iter().filter_map(move |&b| {
                position[b as usize].map(|pb| (pb, position[a as usize].expect("undec")))
            })
        });
        let mut ticker = deadline.ticker();
        let mut names = Vec::with_capacity(original.len());
        for &a in &original {
            ticker.tick()?;
            names.push(af.names[a as usize].clone());
        }
        let mut pairs = Vec::new();
        for (a, b) in attacks {
            ticker.tick()?;
            pairs.push((a, b));
        }
        let core = Af::new_until(names, pairs, deadline)?;
        Ok(Core {
            af: core,
            original,
            position,
            grounded_in: labels.in_set(),
            labels,
        })
    }

    /// An extension of the whole framework from one of the core.
    fn lift(&self, core_ext: &[Arg]) -> Vec<Arg> {
        let mut ext = self.grounded_in.clone();
        ext.extend(core_ext.iter().map(|&a| self.original[a as usize]));
        ext.sort_unstable();
        ext
    }

    fn solver(&self, stable: bool, deadline: Deadline) -> Result<LabellingSolver, Timeout> {
        LabellingSolver::new(&self.af, stable, deadline)
    }

    /// The part of the core that can reach core argument `p` through attacks, and `p`'s
    /// number in it. Complete and preferred semantics are directional: whether `p` is in
    /// some (or every) extension depends on nothing outside this part, which is often
    /// much smaller than the whole framework.
    fn focus(&self, p: Arg, deadline: Deadline) -> Result<(Af, Arg), Timeout> {
        let mut ticker = deadline.ticker();
        let n = self.af.len();
        let mut keep = vec![u32::MAX; n];
        let mut order = vec![p];
        keep[p as usize] = 0;
        let mut i = 0;
        while i < order.len() {
            let a = order[i];
            ticker.tick_by(1 + self.af.attackers[a as usize].len())?;
            for &b in &self.af.attackers[a as usize] {
                if keep[b as usize] == u32::MAX {
                    keep[b as usize] = order.len() as u32;
                    order.push(b);
                }
            }
            i += 1;
        }
        let attacks: Vec<(Arg, Arg)> = order
            .iter()
            .flat_map(|&a| {
                let keep = &keep;
                self.af.attackers[a as usize]
                    .iter()
                    .map(move |&b| (keep[b as usize], keep[a as usize]))
            })
            .collect();
        let names = order
            .iter()
            .map(|&a| self.af.names[a as usize].clone())
            .collect();
        Ok((Af::new_until(names, attacks, deadline)?, 0))
    }
}

/// Runs a task. `emit` receives each extension found by [`Task::Enumerate`] (members in
/// argument order).
pub fn solve(
    af: &Af,
    semantics: Semantics,
    task: Task,
    deadline: Deadline,
    emit: &mut dyn FnMut(&[Arg]) -> bool,
) -> Result<Answer, Timeout> {
    let core = Core::of(af, deadline)?;
    let answer = match semantics {
        Semantics::Grounded => Ok(match task {
            Task::Enumerate => {
                emit(&core.grounded_in);
                Answer::Enumerated(1)
            }
            Task::Some => Answer::Extension(Some(core.grounded_in.clone())),
            Task::Credulous(a) | Task::Skeptical(a) => {
                Answer::Accepted(core.labels.get(a) == Label::In)
            }
        }),
        Semantics::Complete => complete(&core, task, deadline, emit),
        Semantics::Preferred => preferred(&core, task, deadline, emit),
        Semantics::Stable => stable(&core, task, deadline, emit),
    };
    if answer.is_err() {
        release(core);
    }
    answer
}

/// Enumerates the models of `solver`, each blocked once found by its IN set.
fn enumerate_models(
    core: &Core,
    solver: &mut LabellingSolver,
    emit: &mut dyn FnMut(&[Arg]) -> bool,
) -> Result<usize, Timeout> {
    let mut count = 0;
    while let Some(ext) = solver.solve(&[])? {
        count += 1;
        if !emit(&core.lift(&ext)) {
            break;
        }
        // Exclude exactly this IN set: some other argument in, or one of these out.
        let mut block = solver.outside(&ext);
        block.extend(ext.iter().map(|&a| -solver.in_lit(a)));
        if block.is_empty() {
            break;
        }
        solver.add(block);
    }
    Ok(count)
}

/// Whether some complete extension contains `a` (the same for preferred).
fn credulous_complete(core: &Core, a: Arg, deadline: Deadline) -> Result<bool, Timeout> {
    match (core.labels.get(a), core.position[a as usize]) {
        (Label::In, _) => Ok(true),
        (Label::Out, _) => Ok(false),
        (_, Some(p)) => {
            let (af, p) = core.focus(p, deadline)?;
            let mut solver = LabellingSolver::new(&af, false, deadline)?;
            let lit = solver.in_lit(p);
            Ok(solver.solve(&[lit])?.is_some())
        }
        (_, None) => unreachable!("an UNDEC argument is in the core"),
    }
}

fn complete(
    core: &Core,
    task: Task,
    deadline: Deadline,
    emit: &mut dyn FnMut(&[Arg]) -> bool,
) -> Result<Answer, Timeout> {
    Ok(match task {
        Task::Enumerate => {
            let mut solver = core.solver(false, deadline)?;
            Answer::Enumerated(enumerate_models(core, &mut solver, emit)?)
        }
        Task::Some => Answer::Extension(Some(core.grounded_in.clone())),
        Task::Credulous(a) => Answer::Accepted(credulous_complete(core, a, deadline)?),
        Task::Skeptical(a) => Answer::Accepted(core.labels.get(a) == Label::In),
    })
}

fn preferred(
    core: &Core,
    task: Task,
    deadline: Deadline,
    emit: &mut dyn FnMut(&[Arg]) -> bool,
) -> Result<Answer, Timeout> {
    match task {
        Task::Enumerate => {
            let mut solver = core.solver(false, deadline)?;
            let mut count = 0;
            while let Some(ext) = solver.solve(&[])? {
                let ext = solver.maximize(ext)?;
                count += 1;
                if !emit(&core.lift(&ext)) {
                    break;
                }
                // Nothing below this preferred extension is another one.
                let block = solver.outside(&ext);
                if block.is_empty() {
                    break;
                }
                solver.add(block);
            }
            Ok(Answer::Enumerated(count))
        }
        Task::Some => {
            let mut solver = core.solver(false, deadline)?;
            let ext = solver
                .solve(&[])?
                .expect("a complete extension always exists");
            let ext = solver.maximize(ext)?;
            Ok(Answer::Extension(Some(core.lift(&ext))))
        }
        Task::Credulous(a) => Ok(Answer::Accepted(credulous_complete(core, a, deadline)?)),
        Task::Skeptical(a) => {
            let p = match (core.labels.get(a), core.position[a as usize]) {
                (Label::In, _) => return Ok(Answer::Accepted(true)),
                (Label::Out, _) => return Ok(Answer::Accepted(false)),
                (_, Some(p)) => p,
                (_, None) => unreachable!("an UNDEC argument is in the core"),
            };
            let (af, p) = core.focus(p, deadline)?;
            let mut solver = LabellingSolver::new(&af, false, deadline)?;
            let lit = solver.in_lit(p);
            if solver.solve(&[lit])?.is_none() {
                return Ok(Answer::Accepted(false));
            }
            // Attacked by some complete extension: every preferred extension above
            // it attacks `a` too, so `a` is not in all of them.
            let out = solver.out_lit(p);
            if solver.solve(&[out])?.is_some() {
                return Ok(Answer::Accepted(false));
            }
            // Look for a complete extension without `a` that no complete extension with
            // `a` contains: growing it gives a preferred extension without `a`.
            // Otherwise grow the one with `a`, and exclude everything below it.
            loop {
                let Some(ext) = solver.solve(&[-lit])? else {
                    return Ok(Answer::Accepted(true));
                };
                let mut assumptions: Vec<i32> = ext.iter().map(|&b| solver.in_lit(b)).collect();
                assumptions.push(lit);
                let Some(with_a) = solver.solve(&assumptions)? else {
                    return Ok(Answer::Accepted(false));
                };
                let ext = solver.maximize(with_a)?;
                let block = solver.outside(&ext);
                if block.is_empty() {
                    return Ok(Answer::Accepted(true));
                }
                solver.add(block);
            }
        }
    }
}

fn stable(
    core: &Core,
    task: Task,
    deadline: Deadline,
    emit: &mut dyn FnMut(&[Arg]) -> bool,
) -> Result<Answer, Timeout> {
    let mut solver = core.solver(true, deadline)?;
    // The core literal for "a is IN", or the fixed answer for a decided argument.
    let literal = |solver: &LabellingSolver, a: Arg| -> Result<i32, bool> {
        match (core.labels.get(a), core.position[a as usize]) {
            (Label::In, _) => Err(true),
            (Label::Out, _) => Err(false),
            (_, Some(p)) => Ok(solver.in_lit(p)),
            (_, None) => unreachable!("an UNDEC argument is in the core"),
        }
    };
    Ok(match task {
        Task::Enumerate => Answer::Enumerated(enumerate_models(core, &mut solver, emit)?),
        Task::Some => Answer::Extension(solver.solve(&[])?.map(|e| core.lift(&e))),
        Task::Credulous(a) => Answer::Accepted(match literal(&solver, a) {
            Ok(lit) => solver.solve(&[lit])?.is_some(),
            // Grounded IN: accepted exactly when a stable extension exists.
            Err(true) => solver.solve(&[])?.is_some(),
            Err(false) => false,
        }),
        Task::Skeptical(a) => Answer::Accepted(match literal(&solver, a) {
            Ok(lit) => solver.solve(&[-lit])?.is_none(),
            Err(true) => true,
            // Grounded OUT: rejected unless there is no stable extension at all.
            Err(false) => solver.solve(&[])?.is_none(),
        }),
    })
}
