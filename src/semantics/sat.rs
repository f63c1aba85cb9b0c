//! The SAT encoding of complete labellings, on CaDiCaL, with a deadline.
//!
//! Phase: semantics. Each argument `a` (numbered from 0) has two variables: `in(a)` and
//! `out(a)`; UNDEC is neither. The clauses say that an argument is IN exactly when all
//! its attackers are OUT, and OUT exactly when some attacker is IN, which makes every
//! model a complete labelling (Caminada's labelling encoding, as in ArgSemSAT and
//! µ-toksia). Stable adds "IN or OUT" for every argument.

use super::af::{Af, Arg};
use super::deadline::{Deadline, Timeout, release};

/// CaDiCaL's termination callback, asked periodically during a search.
struct Terminate(Deadline);

impl cadical::Callbacks for Terminate {
    fn terminate(&mut self) -> bool {
        self.0.passed()
    }
}

/// An incremental solver holding the complete-labelling clauses of one framework.
pub(crate) struct LabellingSolver {
    sat: cadical::Solver<Terminate>,
    n: usize,
    next_var: i32,
    deadline: Deadline,
}

impl Drop for LabellingSolver {
    /// A solver given up on is freed in the background (see [`release`]).
    fn drop(&mut self) {
        if self.deadline.passed() {
            release(std::mem::replace(&mut self.sat, cadical::Solver::new()));
        }
    }
}

impl LabellingSolver {
    /// Encodes the complete labellings of `af` (and only the stable ones if `stable`),
    /// or gives up when the deadline passes: the encoding of a large framework takes
    /// longer than many searches.
    pub fn new(af: &Af, stable: bool, deadline: Deadline) -> Result<Self, Timeout> {
        let n = af.len();
        let mut sat: cadical::Solver<Terminate> = cadical::Solver::new();
        sat.set_callbacks(Some(Terminate(deadline)));
        sat.reserve(2 * n as i32 + 1);
        let mut s = LabellingSolver {
            sat,
            n,
            next_var: 2 * n as i32 + 1,
            deadline,
        };
        let mut clause = Vec::new();
        let mut ticker = deadline.ticker();
        for a in 0..n as Arg {
            let attackers = &af.attackers[a as usize];
            // Each attacker costs two clauses and two literals.
            ticker.tick_by(1 + 4 * attackers.len())?;
            let (ia, oa) = (s.in_lit(a), s.out_lit(a));
            s.sat.add_clause([-ia, -oa]);
            // in(a) -> out(b) for every attacker b; and all attackers out -> in(a).
            clause.clear();
            clause.push(ia);
            for &b in attackers {
                s.sat.add_clause([-ia, s.out_lit(b)]);
                clause.push(-s.out_lit(b));
            }
            s.sat.add_clause(clause.iter().copied());
            // in(b) -> out(a) for every attacker b; and out(a) -> some attacker in.
            clause.clear();
            clause.push(-oa);
            for &b in attackers {
                s.sat.add_clause([-s.in_lit(b), oa]);
                clause.push(s.in_lit(b));
            }
            s.sat.add_clause(clause.iter().copied());
            if stable {
                s.sat.add_clause([ia, oa]);
            }
        }
        Ok(s)
    }

    /// The literal "a is IN".
    pub fn in_lit(&self, a: Arg) -> i32 {
        a as i32 + 1
    }

    /// The literal "a is OUT".
    pub fn out_lit(&self, a: Arg) -> i32 {
        self.n as i32 + a as i32 + 1
    }

    /// A fresh variable, for activation literals.
    pub fn fresh(&mut self) -> i32 {
        let v = self.next_var;
        self.next_var += 1;
        v
    }

    /// Adds a clause.
    pub fn add(&mut self, clause: impl IntoIterator<Item = i32>) {
        self.sat.add_clause(clause);
    }

    /// Solves under assumptions: `Ok(Some(in_set))` when satisfiable, `Ok(None)` when not.
    pub fn solve(&mut self, assumptions: &[i32]) -> Result<Option<Vec<Arg>>, Timeout> {
        if self.deadline.passed() {
            return Err(Timeout);
        }
        match self.sat.solve_with(assumptions.iter().copied()) {
            None => Err(Timeout),
            Some(false) => Ok(None),
            Some(true) => Ok(Some(
                (0..self.n as Arg)
                    .filter(|&a| self.sat.value(self.in_lit(a)) == Some(true))
                    .collect(),
            )),
        }
    }

    /// The clause "some argument outside `set` is IN" (false when `set` is everything).
    pub fn outside(&self, set: &[Arg]) -> Vec<i32> {
        let mut inside = vec![false; self.n];
        for &a in set {
            inside[a as usize] = true;
        }
        (0..self.n as Arg)
            .filter(|&a| !inside[a as usize])
            .map(|a| self.in_lit(a))
            .collect()
    }

    /// Grows a complete extension to a preferred one: while a strictly larger complete
    /// extension exists, take it.
    pub fn maximize(&mut self, mut ext: Vec<Arg>) -> Result<Vec<Arg>, Timeout> {
        loop {
            let grow = self.outside(&ext);
            if grow.is_empty() {
                return Ok(ext);
            }
            let act = self.fresh();
            let mut clause = grow;
            clause.push(-act);
            self.add(clause);
            let mut assumptions: Vec<i32> = ext.iter().map(|&a| self.in_lit(a)).collect();
            assumptions.push(act);
            let bigger = self.solve(&assumptions);
            // Retire the activation literal whatever happened.
            self.add([-act]);
            match bigger? {
                Some(b) => ext = b,
                None => return Ok(ext),
            }
        }
    }
}
