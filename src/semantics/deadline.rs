//! Time limits: a deadline, the error for running past it, and a cheap way to look at
//! the clock from inside long loops.
//!
//! Phase: semantics. Every step of `crux solve` that can take long on a large input
//! (reading a framework, building it, the grounded labelling, the SAT encoding and the
//! search) looks at the deadline often enough to stop soon after it passes.

use std::time::{Duration, Instant};

/// When to give up.
#[derive(Clone, Copy, Debug, Default)]
pub struct Deadline(pub Option<Instant>);

impl Deadline {
    /// No limit.
    pub fn none() -> Self {
        Deadline(None)
    }

    /// `seconds` after `start`. A limit too large for the clock to represent (such as
    /// `1e20` or infinity) is no limit at all; a negative or NaN number of seconds is
    /// no time at all.
    pub fn after(start: Instant, seconds: f64) -> Self {
        if seconds.is_nan() || seconds <= 0.0 {
            return Deadline(Some(start));
        }
        Deadline(
            Duration::try_from_secs_f64(seconds)
                .ok()
                .and_then(|d| start.checked_add(d)),
        )
    }

    /// Whether the time is up.
    pub fn passed(self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }

    /// `Err(Timeout)` when the time is up.
    pub fn check(self) -> Result<(), Timeout> {
        if self.passed() { Err(Timeout) } else { Ok(()) }
    }

    /// A [`Ticker`] for this deadline.
    pub fn ticker(self) -> Ticker {
        Ticker {
            deadline: self,
            steps: 0,
        }
    }
}

/// Frees `value` on a thread of its own. Freeing what was built for a large task
/// (millions of clauses, a framework's adjacency lists) takes a good part of a second,
/// and whoever set a deadline that has passed should hear of it at once. If no thread
/// can be started, `value` is freed here.
pub(crate) fn release<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("release".into())
        .spawn(move || drop(value));
}

/// The deadline ran out before the answer was known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the time limit ran out")]
pub struct Timeout;

/// Counts the steps of a long loop and looks at the clock once every
/// [`Ticker::STEPS`] of them, so that a loop can check its deadline at every step at
/// almost no cost.
#[derive(Clone, Debug)]
pub struct Ticker {
    deadline: Deadline,
    steps: u32,
}

impl Ticker {
    /// Steps between two looks at the clock: a few microseconds of work at most
    /// for the loops that use it, and far more than the cost of reading the clock.
    pub const STEPS: u32 = 1 << 12;

    /// One step: `Err(Timeout)` when this step looks at the clock and the time is up.
    #[inline]
    pub fn tick(&mut self) -> Result<(), Timeout> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps.is_multiple_of(Self::STEPS) {
            self.deadline.check()
        } else {
            Ok(())
        }
    }

    /// `n` steps at once, for a step that did `n` units of work.
    #[inline]
    pub fn tick_by(&mut self, n: usize) -> Result<(), Timeout> {
        let before = self.steps;
        self.steps = self.steps.wrapping_add(n.min(u32::MAX as usize) as u32);
        if n >= Self::STEPS as usize || before / Self::STEPS != self.steps / Self::STEPS {
            self.deadline.check()
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_number_of_seconds_is_a_deadline_or_none() {
        let now = Instant::now();
        for huge in [1e19, 1e20, 1e300, f64::MAX, f64::INFINITY] {
            assert!(Deadline::after(now, huge).0.is_none(), "{huge}");
        }
        for nothing in [0.0, -1.0, -0.0, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(Deadline::after(now, nothing).0, Some(now), "{nothing}");
        }
        let half = Deadline::after(now, 0.5).0.expect("a deadline");
        assert_eq!(half - now, Duration::from_millis(500));
    }

    #[test]
    fn a_ticker_stops_soon_after_the_deadline() {
        let mut passed = Deadline(Some(Instant::now())).ticker();
        let steps = (0..10 * Ticker::STEPS).position(|_| passed.tick().is_err());
        assert_eq!(steps, Some(Ticker::STEPS as usize - 1));
        let mut never = Deadline::none().ticker();
        assert!((0..10 * Ticker::STEPS).all(|_| never.tick().is_ok()));
        let mut big = Deadline(Some(Instant::now())).ticker();
        assert_eq!(big.tick_by(Ticker::STEPS as usize), Err(Timeout));
    }
}
