//! Quadratic energy (Potyka, KR 2018), a second gradual semantics: smoother than
//! DF-QuAD, and every supporter and attacker counts in a plain weighted sum.
//!
//! Phase: semantics. Depends on `model` only; shares what bears on a node (undercuts,
//! contradictions, clamping) and the evaluation order with [`super::weighted`].
//!
//! The energy of a node is `E = Σ supporters − Σ attackers`, each term the edge's
//! effective weight times the source's strength. With `h(x) = max(x,0)² / (1 + max(x,0)²)`
//! the strength is `τ − τ·h(−E) + (1 − τ)·h(E)`. Acyclic parts are exact; on a cycle,
//! each sweep takes a half step towards the new values (explicit Euler with step 0.5 on
//! Potyka's continuous system, whose fixpoints are the strengths), which settles in
//! cases where plain iteration would oscillate. The stopping test is the same: the
//! largest distance to the new values below the tolerance.

use super::weighted::{Gradual, Strengths, evaluate};
use crate::model::ArgGraph;

/// Quadratic energy strengths with edge weights (see the module docs).
pub fn quadratic_energy(graph: &ArgGraph) -> Strengths {
    evaluate::<QuadraticEnergy>(graph)
}

struct QuadraticEnergy;

impl Gradual for QuadraticEnergy {
    const STEP: f64 = 0.5;

    fn aggregate(contributions: impl Iterator<Item = f64>) -> f64 {
        contributions.sum()
    }

    fn combine(base: f64, attack: f64, support: f64) -> f64 {
        let energy = support - attack;
        base - base * h(-energy) + (1.0 - base) * h(energy)
    }
}

/// `max(x,0)² / (1 + max(x,0)²)`: 0 for no energy, towards 1 for a lot.
fn h(x: f64) -> f64 {
    let x = x.max(0.0);
    x * x / (1.0 + x * x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::weighted::tests::graph;

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-8,
            "expected {expected}, got {actual}"
        );
    }

    fn of(src: &str, id: &str) -> f64 {
        let g = graph(src);
        quadratic_energy(&g).of(g.index[id])
    }

    #[test]
    fn a_lone_node_keeps_its_base_score() {
        close(of("thesis t: \"t\"\n", "t"), 0.5);
    }

    #[test]
    fn one_supporter() {
        // E = 1 × 0.5 = 0.5, h = 0.25 / 1.25 = 0.2: σ = 0.5 + 0.5 × 0.2 = 0.6.
        close(
            of("thesis t: \"t\"\nclaim c: \"c\"\n  supports t\n", "t"),
            0.6,
        );
    }

    #[test]
    fn one_attacker() {
        let src = "thesis t: \"t\"\nevidence e: \"e\"\n  attacks t 0.5\n  source \"s\"\n";
        // E = −0.5 × 0.9 = −0.45, h(0.45) = 0.2025 / 1.2025:
        // σ = 0.5 − 0.5 × 0.2025 / 1.2025 ≈ 0.415800.
        close(of(src, "t"), 0.5 - 0.5 * 0.2025 / 1.2025);
    }

    #[test]
    fn supporter_and_attacker_sum() {
        let src = "thesis t: \"t\"\n\
                   evidence e: \"e\"\n  supports t 0.8\n  source \"s\"\n\
                   claim c: \"c\"\n  attacks t 0.5\n  credence 0.4\n";
        // E = 0.8 × 0.9 − 0.5 × 0.4 = 0.52, h = 0.2704 / 1.2704:
        // σ = 0.5 + 0.5 × 0.2704 / 1.2704 ≈ 0.606423.
        close(of(src, "t"), 0.5 + 0.5 * 0.2704 / 1.2704);
    }

    #[test]
    fn an_undercut_scales_the_edge() {
        let src = "thesis t: \"t\"\nclaim c: \"c\"\n  supports t\n\
                   evidence u: \"u\"\n  undercuts c -> t 0.5\n  source \"s\"\n";
        // Weight 1 × (1 − 0.9 × 0.5) = 0.55; E = 0.275, h = 0.075625 / 1.075625:
        // σ = 0.5 + 0.5 × 0.075625 / 1.075625 ≈ 0.535154.
        close(of(src, "t"), 0.5 + 0.5 * 0.075625 / 1.075625);
    }

    #[test]
    fn a_contradiction_settles_symmetrically() {
        let g = graph("claim a: \"a\"\n  contradicts b\nclaim b: \"b\"\n");
        let s = quadratic_energy(&g);
        // Each is attacked by the other with weight 1, so the fixpoint is
        // x = 0.5 − 0.5 × x² / (1 + x²), i.e. x(1 + x²) = 0.5, x³ + x − 0.5 = 0,
        // whose one real root is x ≈ 0.4238538 (by bisection).
        let x = s.of(g.index["a"]);
        assert!(s.converged);
        assert_eq!(x, s.of(g.index["b"]));
        close(x, 0.423_853_799_069_783);
    }

    #[test]
    fn the_showcase_thesis_is_in_range() {
        let g = graph(include_str!("../../claims/crypto-ai.crux"));
        let s = quadratic_energy(&g);
        let t = s.of(g.index["crypto_helped_ai"]);
        assert!(s.converged && (0.0..=1.0).contains(&t), "{t}");
    }
}
