//! Gradual (weighted) semantics: a strength in [0,1] for every node, from its credence
//! and its weighted supporters, attackers and undercutters. DF-QuAD (Rago, Toni,
//! Aurisicchio, Baroni, KR 2016) lives here, with the evaluation machinery that
//! quadratic energy (`energy.rs`) shares.
//!
//! Phase: semantics. Depends on `model` (and the syntax tree's node kinds) only; knows
//! nothing of checks or output.
//!
//! # What bears on a node
//!
//! - Its base score τ: the credence (default 0.5, evidence 0.9).
//! - Attackers: the sources of `attacks` edges into it, and the other end of every
//!   `contradicts` edge it takes part in (both directions).
//! - Supporters: the sources of `supports` edges into it.
//! - Its own data, for evidence that a failed `expect` refutes
//!   ([`crate::model::ArgNode::refuted`]): one more attacker, of strength 1 and weight 1,
//!   as the verdict counts it. Such evidence with nothing supporting it has strength 0,
//!   and lends nothing to what it supports.
//! - Undercutters are not attackers of the node. `undercuts A -> B` by `u` with
//!   weight `wu` scales the effective weight of the edge A→B by `1 − σ(u)·wu`. The
//!   design says "by (1 − strength of the undercutter)"; we multiply the undercutter's
//!   strength by the undercut's own weight so that the weight an author writes on an
//!   undercut means what it means on every other relation (a weight-1 undercut is
//!   exactly the design's rule). Several undercuts of one edge multiply. An undercut of
//!   a contradiction between A and B scales only the attack it names: `undercuts
//!   A -> B` scales A's attack on B, `undercuts B -> A` scales B's attack on A, whichever
//!   node the `contradicts` is written on.
//!
//! Weights and credences are clamped to [0,1] first (out-of-range values are lint
//! errors, but must not produce NaN; NaN counts as 0). Each contribution is the edge's
//! effective weight times its source's strength.
//!
//! # Evaluation order
//!
//! A node depends on its attackers, supporters and contradictors, and on the
//! undercutters of its incoming edges. The strongly connected components of that
//! dependency graph are evaluated in topological order, so every node outside a cycle
//! is computed exactly, once, from final values. Inside a cyclic component (or a node
//! that depends on itself) the strengths are iterated from the base scores by Jacobi
//! sweeps (every member is updated from the previous sweep's values, so the result does
//! not depend on node order) until the largest change is below [`TOLERANCE`] or
//! [`MAX_ITERATIONS`] sweeps have run. DF-QuAD need not converge on cycles (two
//! mutually attacking nodes of credence 1 oscillate between 0 and 1); then the last
//! sweep's values are kept and [`Strengths::converged`] is false.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{ArgGraph, Relation};
use crate::semantics::unit;
use crate::syntax::ast::NodeKind;

/// Iteration on a cycle stops when no strength moves by this much in one sweep.
pub const TOLERANCE: f64 = 1e-9;

/// Iteration on a cycle gives up after this many sweeps.
pub const MAX_ITERATIONS: usize = 10_000;

/// The strength of every node under a gradual semantics.
#[derive(Clone, Debug, PartialEq)]
pub struct Strengths {
    /// Strength in [0,1], by `NodeIndex::index()`.
    pub values: Vec<f64>,
    /// Whether the iteration reached a fixpoint in every cyclic component (always true
    /// on an acyclic graph).
    pub converged: bool,
    /// The most sweeps any cyclic component needed (0 when the graph is acyclic).
    pub iterations: usize,
}

impl Strengths {
    /// The strength of one node.
    pub fn of(&self, node: NodeIndex) -> f64 {
        self.values[node.index()]
    }
}

/// DF-QuAD strengths with edge weights (see the module docs).
///
/// With `va` the probabilistic sum `1 − Π(1 − vi)` of the attackers' contributions and
/// `vs` that of the supporters' (0 when there are none): if `va >= vs` the strength is
/// `τ − τ·(va − vs)`, else `τ + (1 − τ)·(vs − va)`.
pub fn dfquad(graph: &ArgGraph) -> Strengths {
    evaluate::<DfQuad>(graph)
}

/// A gradual semantics in the aggregate-then-combine form shared by DF-QuAD and
/// quadratic energy.
pub(crate) trait Gradual {
    /// How far one sweep moves a strength towards its new value: 1 is plain Jacobi
    /// iteration; less is a damped (explicit Euler) step.
    const STEP: f64 = 1.0;
    /// Folds the contributions (effective weight × source strength) of one side.
    fn aggregate(contributions: impl Iterator<Item = f64>) -> f64;
    /// The strength from the base score and the two aggregates.
    fn combine(base: f64, attack: f64, support: f64) -> f64;
}

struct DfQuad;

impl Gradual for DfQuad {
    fn aggregate(contributions: impl Iterator<Item = f64>) -> f64 {
        1.0 - contributions.fold(1.0, |keep, v| keep * (1.0 - v))
    }

    fn combine(base: f64, attack: f64, support: f64) -> f64 {
        if attack >= support {
            base - base * (attack - support)
        } else {
            base + (1.0 - base) * (support - attack)
        }
    }
}

/// One attacker or supporter of a node.
struct Term {
    source: usize,
    attack: bool,
    /// The edge's weight, clamped.
    weight: f64,
    /// Undercutters of the edge and their undercut weights, clamped.
    undercutters: Vec<(usize, f64)>,
}

/// Everything a node's strength is computed from.
struct Inputs {
    base: f64,
    terms: Vec<Term>,
    /// Evidence its own data refutes: attacked by that data, fully.
    refuted: bool,
}

/// Strengths of `graph` under the semantics `M`.
pub(crate) fn evaluate<M: Gradual>(graph: &ArgGraph) -> Strengths {
    let inputs = inputs(graph);
    let mut values: Vec<f64> = inputs.iter().map(|i| i.base).collect();
    let (deps, self_dependent) = dependencies(&inputs);
    let mut converged = true;
    let mut iterations = 0;
    let mut next = Vec::new();
    // Edges run from a node to what it depends on, so the components come out of
    // Kosaraju's algorithm (in postorder) dependencies first.
    for scc in kosaraju_scc(&deps) {
        if let [single] = scc[..]
            && !self_dependent[single.index()]
        {
            let v = single.index();
            values[v] = strength::<M>(&inputs[v], &values);
            continue;
        }
        let mut sweeps = 0;
        let mut settled = false;
        while sweeps < MAX_ITERATIONS && !settled {
            sweeps += 1;
            let mut largest: f64 = 0.0;
            next.clear();
            for &n in &scc {
                let v = n.index();
                let delta = strength::<M>(&inputs[v], &values) - values[v];
                largest = largest.max(delta.abs());
                next.push(values[v] + M::STEP * delta);
            }
            for (&n, &x) in scc.iter().zip(&next) {
                values[n.index()] = x;
            }
            settled = largest < TOLERANCE;
        }
        converged &= settled;
        iterations = iterations.max(sweeps);
    }
    Strengths {
        values,
        converged,
        iterations,
    }
}

fn inputs(graph: &ArgGraph) -> Vec<Inputs> {
    let g = &graph.graph;
    let mut inputs: Vec<Inputs> = g
        .node_indices()
        .map(|n| Inputs {
            base: unit(g[n].base_credence()),
            terms: Vec::new(),
            refuted: g[n].kind == NodeKind::Evidence && g[n].refuted.is_some(),
        })
        .collect();
    // Undercutters by the edge they undercut: those of the inference the edge is
    // written as (source to target), and those of the way back (a contradiction's
    // attack of its target on its source).
    let mut forward: Vec<Vec<(usize, f64)>> = vec![Vec::new(); g.edge_count()];
    let mut backward: Vec<Vec<(usize, f64)>> = vec![Vec::new(); g.edge_count()];
    for e in g.edge_references() {
        let Some(undercut) = e.weight().undercuts else {
            continue;
        };
        let way_back = g
            .edge_endpoints(undercut)
            .is_some_and(|(_, t)| t != e.target());
        let lists = if way_back {
            &mut backward
        } else {
            &mut forward
        };
        if let Some(list) = lists.get_mut(undercut.index()) {
            list.push((e.source().index(), unit(e.weight().weight)));
        }
    }
    for e in g.edge_references() {
        let (s, t) = (e.source().index(), e.target().index());
        let weight = unit(e.weight().weight);
        let undercutters = std::mem::take(&mut forward[e.id().index()]);
        let term = |source, attack, undercutters| Term {
            source,
            attack,
            weight,
            undercutters,
        };
        match e.weight().relation {
            Relation::Supports => inputs[t].terms.push(term(s, false, undercutters)),
            Relation::Attacks => inputs[t].terms.push(term(s, true, undercutters)),
            Relation::Contradicts => {
                let back = std::mem::take(&mut backward[e.id().index()]);
                inputs[t].terms.push(term(s, true, undercutters));
                inputs[s].terms.push(term(t, true, back));
            }
            Relation::Undercuts => {}
        }
    }
    inputs
}

/// The dependency graph (an edge from each node to every node its strength reads) and
/// which nodes read themselves.
fn dependencies(inputs: &[Inputs]) -> (DiGraph<(), ()>, Vec<bool>) {
    let edges: usize = inputs
        .iter()
        .flat_map(|i| &i.terms)
        .map(|t| 1 + t.undercutters.len())
        .sum();
    let mut deps = DiGraph::with_capacity(inputs.len(), edges);
    let mut self_dependent = vec![false; inputs.len()];
    for _ in inputs {
        deps.add_node(());
    }
    for (v, input) in inputs.iter().enumerate() {
        for t in &input.terms {
            let sources = std::iter::once(t.source).chain(t.undercutters.iter().map(|u| u.0));
            for d in sources {
                self_dependent[v] |= d == v;
                deps.add_edge(NodeIndex::new(v), NodeIndex::new(d), ());
            }
        }
    }
    (deps, self_dependent)
}

/// A node's strength from the current strengths of what it depends on.
fn strength<M: Gradual>(input: &Inputs, values: &[f64]) -> f64 {
    let contribution = |t: &Term| {
        let weight = t
            .undercutters
            .iter()
            .fold(t.weight, |w, &(u, uw)| w * (1.0 - values[u] * uw));
        weight * values[t.source]
    };
    let side = |attack: bool| {
        let data = (attack && input.refuted).then_some(1.0);
        M::aggregate(
            input
                .terms
                .iter()
                .filter(move |t| t.attack == attack)
                .map(contribution)
                .chain(data),
        )
    };
    unit(M::combine(input.base, side(true), side(false)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::syntax::SourceFile;

    /// The resolved graph of one in-memory file.
    pub(crate) fn graph(src: &str) -> ArgGraph {
        let file = SourceFile::new("test.crux", "/nonexistent/test.crux", src.to_string());
        crate::parse_debate(vec![file], Default::default()).graph
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-8,
            "expected {expected}, got {actual}"
        );
    }

    fn of(g: &ArgGraph, s: &Strengths, id: &str) -> f64 {
        s.of(g.index[id])
    }

    #[test]
    fn a_lone_node_keeps_its_base_score() {
        let g = graph("thesis t: \"t\"\nevidence e: \"e\"\n  source \"s\"\n");
        let s = dfquad(&g);
        // Nothing bears on either: σ = τ.
        close(of(&g, &s, "t"), 0.5);
        close(of(&g, &s, "e"), 0.9);
        assert!(s.converged);
        assert_eq!(s.iterations, 0);
    }

    #[test]
    fn one_attacker() {
        let g = graph("thesis t: \"t\"\nevidence e: \"e\"\n  attacks t 0.5\n  source \"s\"\n");
        let s = dfquad(&g);
        // va = 0.5 × 0.9 = 0.45, vs = 0: σ = 0.5 − 0.5 × 0.45 = 0.275.
        close(of(&g, &s, "t"), 0.275);
        close(of(&g, &s, "e"), 0.9);
    }

    #[test]
    fn evidence_its_data_refutes_is_attacked_by_the_data_and_lends_nothing() {
        let mut g = graph(
            "thesis t: \"t\"\nevidence e: \"e\"\n  supports t\n\
             evidence f: \"f\"\n  supports e 0.5\nclaim c: \"c\"\n",
        );
        let before = dfquad(&g);
        close(of(&g, &before, "e"), 0.9 + 0.1 * 0.45);
        for id in ["e", "c"] {
            let n = g.index[id];
            g.graph[n].refuted = Some("`all(a > b)` fails".into());
        }
        let s = dfquad(&g);
        // e: va = 1 (its data), vs = 0.45 (f at 0.9, weight 0.5): 0.9 − 0.9 × 0.55.
        close(of(&g, &s, "e"), 0.9 - 0.9 * 0.55);
        close(of(&g, &s, "t"), 0.5 + 0.5 * (0.9 - 0.9 * 0.55));
        // Only evidence is refuted by its data, as in the verdict.
        close(of(&g, &s, "c"), 0.5);
        // With nothing supporting it, refuted evidence has no strength to lend.
        let n = g.index["f"];
        g.graph[n].refuted = Some("`count() == 3` fails".into());
        let s = dfquad(&g);
        close(of(&g, &s, "f"), 0.0);
        close(of(&g, &s, "e"), 0.0);
        close(of(&g, &s, "t"), 0.5);
    }

    #[test]
    fn one_supporter() {
        let g = graph("thesis t: \"t\"\nclaim c: \"c\"\n  supports t\n");
        // vs = 1 × 0.5 = 0.5: σ = 0.5 + (1 − 0.5) × 0.5 = 0.75.
        close(of(&g, &dfquad(&g), "t"), 0.75);
    }

    #[test]
    fn supporter_and_attacker() {
        let g = graph(
            "thesis t: \"t\"\n\
             evidence e: \"e\"\n  supports t 0.8\n  source \"s\"\n\
             claim c: \"c\"\n  attacks t 0.5\n  credence 0.4\n",
        );
        // vs = 0.8 × 0.9 = 0.72, va = 0.5 × 0.4 = 0.2; vs > va:
        // σ = 0.5 + 0.5 × (0.72 − 0.2) = 0.76.
        close(of(&g, &dfquad(&g), "t"), 0.76);
    }

    #[test]
    fn weighted_attackers_aggregate_by_probabilistic_sum() {
        let g = graph(
            "thesis t: \"t\"\n  credence 0.8\n\
             claim a: \"a\"\n  attacks t 1.0\n\
             claim b: \"b\"\n  attacks t 0.4\n",
        );
        // Contributions 1 × 0.5 = 0.5 and 0.4 × 0.5 = 0.2;
        // va = 1 − (1 − 0.5)(1 − 0.2) = 0.6: σ = 0.8 − 0.8 × 0.6 = 0.32.
        close(of(&g, &dfquad(&g), "t"), 0.32);
    }

    #[test]
    fn an_undercut_scales_the_edge_not_the_nodes() {
        let g = graph(
            "thesis t: \"t\"\n\
             claim c: \"c\"\n  supports t\n\
             evidence u: \"u\"\n  undercuts c -> t 0.5\n  source \"s\"\n",
        );
        let s = dfquad(&g);
        // Effective weight of c→t: 1 × (1 − 0.9 × 0.5) = 0.55; vs = 0.55 × 0.5 = 0.275;
        // σ(t) = 0.5 + 0.5 × 0.275 = 0.6375. c itself is untouched.
        close(of(&g, &s, "t"), 0.6375);
        close(of(&g, &s, "c"), 0.5);
    }

    #[test]
    fn two_undercuts_of_one_edge_multiply() {
        let g = graph(
            "thesis t: \"t\"\n\
             claim c: \"c\"\n  supports t\n\
             claim u: \"u\"\n  undercuts c -> t\n\
             claim v: \"v\"\n  undercuts c -> t\n",
        );
        // Weight 1 × (1 − 0.5)(1 − 0.5) = 0.25; vs = 0.125; σ = 0.5 + 0.5 × 0.125 = 0.5625.
        close(of(&g, &dfquad(&g), "t"), 0.5625);
    }

    #[test]
    fn a_relation_written_three_times_counts_once() {
        let once = graph(
            "thesis t: \"t\"\n\
             evidence e: \"e\"\n  supports t 0.5\n  source \"s\"\n",
        );
        let thrice = graph(
            "thesis t: \"t\"\n\
             evidence e: \"e\"\n  supports t 0.5\n  supports t 0.5\n  supports t 0.5\n  source \"s\"\n",
        );
        // vs = 0.5 × 0.9 = 0.45: σ = 0.5 + 0.5 × 0.45 = 0.725, not 1 − 0.55³ and so on.
        close(of(&once, &dfquad(&once), "t"), 0.725);
        close(of(&thrice, &dfquad(&thrice), "t"), 0.725);
    }

    #[test]
    fn an_undercut_of_a_repeated_relation_applies_to_the_one_that_counts() {
        let g = graph(
            "thesis t: \"t\"\n\
             claim c: \"c\"\n  supports t\n  supports t\n\
             evidence u: \"u\"\n  undercuts c -> t 0.5\n  source \"s\"\n",
        );
        // As with one `supports`: 0.6375 (see above).
        close(of(&g, &dfquad(&g), "t"), 0.6375);
    }

    #[test]
    fn an_undercut_of_a_contradiction_the_way_back_scales_that_attack_only() {
        // `a contradicts t`, so t attacks a too; `undercuts t -> a` weakens that attack.
        let g = graph(
            "thesis t: \"t\"\n\
             claim a: \"a\"\n  contradicts t\n\
             evidence u: \"u\"\n  undercuts t -> a\n  source \"s\"\n",
        );
        let s = dfquad(&g);
        // t→a has weight 1 × (1 − 0.9) = 0.1, a→t keeps weight 1:
        // σa = 0.5 − 0.5 × 0.1 σt and σt = 0.5 − 0.5 σa.
        // So σt = 0.5 − 0.25 + 0.025 σt: σt = 0.25 / 0.975, σa = 0.5 − 0.05 σt.
        let t = 0.25 / 0.975;
        close(of(&g, &s, "t"), t);
        close(of(&g, &s, "a"), 0.5 - 0.05 * t);
    }

    #[test]
    fn a_contradiction_is_symmetric() {
        let g = graph("claim a: \"a\"\n  contradicts b\nclaim b: \"b\"\n");
        let s = dfquad(&g);
        // σa = 0.5 − 0.5 σb and σb = 0.5 − 0.5 σa: the fixpoint is x = 0.5 − 0.5x, x = 1/3.
        // The error halves each sweep, from 1/6: about 28 sweeps.
        assert!(s.converged);
        assert!((20..40).contains(&s.iterations), "{}", s.iterations);
        close(of(&g, &s, "a"), 1.0 / 3.0);
        assert_eq!(of(&g, &s, "a"), of(&g, &s, "b"));
    }

    #[test]
    fn a_three_cycle_converges_and_what_hangs_off_it_is_exact() {
        let g = graph(
            "claim a: \"a\"\n  supports b\n\
             claim b: \"b\"\n  supports c\n\
             claim c: \"c\"\n  attacks a\n  supports d\n\
             claim d: \"d\"\n",
        );
        let s = dfquad(&g);
        // σb = 0.5 + 0.5σa, σc = 0.5 + 0.5σb = 0.75 + 0.25σa,
        // σa = 0.5 − 0.5σc = 0.125 − 0.125σa, so σa = 1/9, σb = 5/9, σc = 7/9;
        // d outside the cycle: σd = 0.5 + 0.5 × 7/9 = 8/9.
        assert!(s.converged);
        close(of(&g, &s, "a"), 1.0 / 9.0);
        close(of(&g, &s, "b"), 5.0 / 9.0);
        close(of(&g, &s, "c"), 7.0 / 9.0);
        close(of(&g, &s, "d"), 8.0 / 9.0);
    }

    #[test]
    fn an_oscillating_cycle_is_reported() {
        let g =
            graph("claim a: \"a\"\n  contradicts b\n  credence 1\nclaim b: \"b\"\n  credence 1\n");
        let s = dfquad(&g);
        // Jacobi from (1, 1): (0, 0), (1, 1), ... never settles.
        assert!(!s.converged);
        assert_eq!(s.iterations, MAX_ITERATIONS);
        assert!(s.values.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        let g = graph("thesis t: \"t\"\nclaim c: \"c\"\n  attacks t 2.5\n  credence 1.5\n");
        // Weight 1, credence 1: va = 1, σ = 0.5 − 0.5 × 1 = 0.
        close(of(&g, &dfquad(&g), "t"), 0.0);
    }

    #[test]
    fn the_showcase_thesis_is_in_range_and_its_strongest_attacker_weighs_on_it() {
        let g = graph(include_str!("../../claims/crypto-ai.crux"));
        let s = dfquad(&g);
        let thesis = g.index["crypto_helped_ai"];
        let before = s.of(thesis);
        assert!((0.0..=1.0).contains(&before), "{before}");
        assert!(s.converged);
        // The strongest attacker: the largest weight × strength.
        let strongest = g
            .incoming(thesis, Relation::Attacks)
            .max_by(|a, b| {
                let impact = |e: &petgraph::graph::EdgeReference<'_, _>| {
                    let w: &crate::model::ArgEdge = e.weight();
                    w.weight * s.of(e.source())
                };
                impact(a).total_cmp(&impact(b))
            })
            .map(|e| e.source())
            .unwrap();
        assert_eq!(g.graph[strongest].id, "scarcity");
        // Remove it from the text and resolve again, so that every edge index (and the
        // edge an undercut points at) stays consistent; its supporters' edges are dropped
        // as unknown references.
        let src = include_str!("../../claims/crypto-ai.crux");
        let start = src.find("counter scarcity:").unwrap();
        let end = src.find("counter grifters:").unwrap();
        let without = graph(&format!("{}{}", &src[..start], &src[end..]));
        assert!(without.node("scarcity").is_none());
        let thesis = without.index["crypto_helped_ai"];
        let after = dfquad(&without).of(thesis);
        assert!(after > before, "{after} should exceed {before}");
    }
}
