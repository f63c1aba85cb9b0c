//! Computing the verdicts (see the module docs of `carneades`): the arguments of every
//! node in flat lists, the decision of what stands (topological order, then the least
//! fixpoint on what depends on cycles), the judgement of every node, and the cycles
//! that leave nodes undecided.

use std::cmp::Ordering;
use std::collections::VecDeque;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Argument, Idle, Judgement, Reason, Verdict, VerdictOptions, Verdicts, Weighed};
use crate::model::{ArgGraph, Relation};
use crate::semantics::unit;
use crate::syntax::ast::{NodeKind, ProofStandard, Status};

/// How far below β a difference `pro − con` may fall and still reach it: weights are
/// written with a few decimals, and `0.7 − 0.4` is `0.29999999999999993` in floating
/// point.
const MARGIN: f64 = 1e-9;

/// Every node's verdict, with why (see the module docs).
pub fn evaluate(graph: &ArgGraph, options: &VerdictOptions) -> Verdicts {
    let (args, standards) = Arguments::new(graph, options);
    let state = decide(&args, &standards, options);
    let cycles = Cycles::new(graph, &args, &state);
    let judgements = graph
        .graph
        .node_indices()
        .map(|n| {
            judge(
                graph,
                &args,
                &state,
                &cycles,
                standards[n.index()],
                options,
                n,
            )
        })
        .collect();
    Verdicts { judgements }
}

/// Whether the side of weight `side` meets `standard` against the other side, of
/// weight `other` (`None`: no applicable argument).
pub(super) fn holds(
    standard: ProofStandard,
    side: Option<f64>,
    other: Option<f64>,
    options: &VerdictOptions,
) -> bool {
    let Some(w) = side else {
        return false;
    };
    let v = other.unwrap_or(0.0);
    match standard {
        ProofStandard::Scintilla => true,
        ProofStandard::Preponderance => w > v,
        ProofStandard::ClearAndConvincing => w >= options.alpha && w - v >= options.beta - MARGIN,
        ProofStandard::BeyondDoubt => w >= options.alpha && v <= options.gamma,
        ProofStandard::Dialectical => other.is_none(),
    }
}

/// One pro or con argument of a node made by an edge.
struct Arg {
    /// The node that argues.
    source: u32,
    /// Pro (`supports`) or con.
    pro: bool,
    /// The weight, clamped.
    weight: f64,
    /// The edge.
    edge: EdgeIndex,
}

/// The arguments of every node, in flat lists.
struct Arguments {
    /// The arguments of node `n`: `list[first[n]..first[n + 1]]`.
    first: Vec<u32>,
    list: Vec<Arg>,
    /// The undercutters of argument `i`, with the weights of their undercuts:
    /// `cutters[cut_first[i]..cut_first[i + 1]]`.
    cut_first: Vec<u32>,
    cutters: Vec<(u32, f64)>,
    /// The premise of each node: evidence's credence, clamped, unless rejected or
    /// refuted by its data.
    premise: Vec<Option<f64>>,
    /// Whether each node is evidence its own data refutes (a failed `expect`).
    refuted: Vec<bool>,
    /// The nodes that depend on node `d` (once per argument or undercut that makes them
    /// depend on it): `dependents[dep_first[d]..dep_first[d + 1]]`.
    dep_first: Vec<u32>,
    dependents: Vec<u32>,
}

/// Offsets from counts: `first[i]..first[i + 1]` holds the items counted at `i`, given
/// `counts[i + 1]` = how many there are at `i`.
fn prefix_sums(counts: &mut [u32]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

impl Arguments {
    /// The arguments of every node, and every node's proof standard. The graph's
    /// records are large, so each is read as few times as can be: the edges twice,
    /// the undercuts twice more, the nodes once.
    fn new(graph: &ArgGraph, options: &VerdictOptions) -> (Arguments, Vec<ProofStandard>) {
        let g = &graph.graph;
        let n = g.node_count();
        let edges = g.raw_edges();
        // Which nodes each edge gives an argument to: (edge, way back, node); and
        // which edges undercut.
        let mut first = vec![0u32; n + 1];
        let mut undercuts: Vec<usize> = Vec::new();
        for (i, e) in edges.iter().enumerate() {
            match e.weight.relation {
                Relation::Supports | Relation::Attacks => first[e.target().index() + 1] += 1,
                // A node that contradicts itself attacks itself once.
                Relation::Contradicts if e.source() == e.target() => {
                    first[e.target().index() + 1] += 1;
                }
                Relation::Contradicts => {
                    first[e.target().index() + 1] += 1;
                    first[e.source().index() + 1] += 1;
                }
                Relation::Undercuts => {}
            }
            if e.weight.undercuts.is_some() {
                undercuts.push(i);
            }
        }
        prefix_sums(&mut first);
        let total = first[n] as usize;
        let mut next = first.clone();
        // The argument an edge makes, written way (0) and way back (1).
        let mut slot = vec![u32::MAX; 2 * edges.len()];
        let mut list: Vec<Arg> = Vec::with_capacity(total);
        // Filled out of order: placeholders first.
        list.resize_with(total, || Arg {
            source: 0,
            pro: false,
            weight: 0.0,
            edge: EdgeIndex::new(0),
        });
        let mut place = |at: NodeIndex, arg: Arg, key: usize| {
            let i = next[at.index()];
            next[at.index()] += 1;
            list[i as usize] = arg;
            slot[key] = i;
        };
        for (i, e) in edges.iter().enumerate() {
            let (s, t) = (e.source(), e.target());
            let weight = unit(e.weight.weight);
            let edge = EdgeIndex::new(i);
            let arg = |source: NodeIndex, pro| Arg {
                source: source.index() as u32,
                pro,
                weight,
                edge,
            };
            match e.weight.relation {
                Relation::Supports => place(t, arg(s, true), 2 * i),
                Relation::Attacks => place(t, arg(s, false), 2 * i),
                Relation::Contradicts if s == t => place(t, arg(s, false), 2 * i),
                Relation::Contradicts => {
                    place(t, arg(s, false), 2 * i);
                    place(s, arg(t, false), 2 * i + 1);
                }
                Relation::Undercuts => {}
            }
        }
        // Undercutters, by the argument they remove.
        let undercut = |e: &petgraph::graph::Edge<crate::model::ArgEdge>| -> Option<u32> {
            let inference = e.weight.undercuts?;
            let t = edges.get(inference.index())?.target();
            let back = usize::from(t != e.target());
            let arg = *slot.get(2 * inference.index() + back)?;
            (arg != u32::MAX).then_some(arg)
        };
        let mut cut_first = vec![0u32; total + 1];
        for e in undercuts.iter().map(|&i| &edges[i]) {
            if let Some(arg) = undercut(e) {
                cut_first[arg as usize + 1] += 1;
            }
        }
        prefix_sums(&mut cut_first);
        let mut cut_next = cut_first.clone();
        let mut cutters = vec![(0u32, 0.0); cut_first[total] as usize];
        for e in undercuts.iter().map(|&i| &edges[i]) {
            if let Some(arg) = undercut(e) {
                cutters[cut_next[arg as usize] as usize] =
                    (e.source().index() as u32, unit(e.weight.weight));
                cut_next[arg as usize] += 1;
            }
        }
        let mut premise = Vec::with_capacity(n);
        let mut refuted = Vec::with_capacity(n);
        let mut standards = Vec::with_capacity(n);
        for node in g.node_weights() {
            let rejected = matches!(node.status, Some((Status::Rejected, _)));
            let evidence = node.kind == NodeKind::Evidence;
            // Evidence its own data refutes is no premise (see `refuted`).
            premise.push(
                (evidence && !rejected && node.refuted.is_none())
                    .then(|| unit(node.base_credence())),
            );
            refuted.push(evidence && node.refuted.is_some());
            standards.push(
                node.standard
                    .map_or(options.standard, |(standard, _)| standard),
            );
        }
        let mut args = Arguments {
            first,
            list,
            cut_first,
            cutters,
            premise,
            refuted,
            dep_first: Vec::new(),
            dependents: Vec::new(),
        };
        args.link_dependents(n);
        (args, standards)
    }

    /// The nodes a node depends on: its arguments' sources and undercutters.
    fn dependencies(&self, node: usize) -> impl Iterator<Item = u32> + '_ {
        self.range(node).flat_map(move |i| {
            std::iter::once(self.list[i].source).chain(self.undercutters(i).iter().map(|&(u, _)| u))
        })
    }

    fn range(&self, node: usize) -> std::ops::Range<usize> {
        self.first[node] as usize..self.first[node + 1] as usize
    }

    fn undercutters(&self, arg: usize) -> &[(u32, f64)] {
        &self.cutters[self.cut_first[arg] as usize..self.cut_first[arg + 1] as usize]
    }

    fn link_dependents(&mut self, n: usize) {
        let mut dep_first = vec![0u32; n + 1];
        for node in 0..n {
            for d in self.dependencies(node) {
                dep_first[d as usize + 1] += 1;
            }
        }
        prefix_sums(&mut dep_first);
        let mut next = dep_first.clone();
        let mut dependents = vec![0u32; dep_first[n] as usize];
        for node in 0..n {
            for d in self.dependencies(node) {
                dependents[next[d as usize] as usize] = node as u32;
                next[d as usize] += 1;
            }
        }
        self.dep_first = dep_first;
        self.dependents = dependents;
    }

    fn dependents_of(&self, node: usize) -> &[u32] {
        &self.dependents[self.dep_first[node] as usize..self.dep_first[node + 1] as usize]
    }
}

/// What is known of whether a node stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Unknown,
    Stands,
    /// Falls or open.
    DoesNotStand,
}

/// What is known of argument `i`: the weight it surely has (`None`: it may not apply)
/// and the most it may have (`None`: it surely does not apply). An argument applies
/// when its source stands and the undercuts of its standing undercutters leave some of
/// it: each scales it by `1 − w`, and one of weight 1 removes it (see the module docs).
fn weigh(args: &Arguments, state: &[State], i: usize) -> (Option<f64>, Option<f64>) {
    let arg = &args.list[i];
    // What the undercuts leave of the argument, at least and at most.
    let (mut low, mut high) = (1.0, 1.0);
    for &(u, w) in args.undercutters(i) {
        match state[u as usize] {
            State::Stands => {
                low *= 1.0 - w;
                high *= 1.0 - w;
            }
            State::Unknown => low *= 1.0 - w,
            State::DoesNotStand => {}
        }
    }
    let applies = |left: f64| (left > 0.0).then_some(arg.weight * left);
    match state[arg.source as usize] {
        State::DoesNotStand => (None, None),
        State::Unknown => (None, applies(high)),
        State::Stands => (applies(low), applies(high)),
    }
}

/// The weight argument `i` has once everything is decided (an undecided source or
/// undercutter counts as one that does not stand), or `None` when it does not apply.
fn weight(args: &Arguments, state: &[State], i: usize) -> Option<f64> {
    let arg = &args.list[i];
    if state[arg.source as usize] != State::Stands {
        return None;
    }
    let left = args
        .undercutters(i)
        .iter()
        .filter(|&&(u, _)| state[u as usize] == State::Stands)
        .fold(1.0, |left, &(_, w)| left * (1.0 - w));
    (left > 0.0).then_some(arg.weight * left)
}

/// What is known of a node from what is known of its sources (see the module docs).
fn known(
    args: &Arguments,
    state: &[State],
    standard: ProofStandard,
    options: &VerdictOptions,
    node: usize,
) -> State {
    let most = |a: Option<f64>, w: f64| Some(a.map_or(w, |a| a.max(w)));
    // Strongest sure and strongest possible argument of each side.
    let (mut pro_sure, mut pro_maybe) = (args.premise[node], args.premise[node]);
    let refuted = args.refuted[node].then_some(1.0);
    let (mut con_sure, mut con_maybe) = (refuted, refuted);
    for i in args.range(node) {
        let arg = &args.list[i];
        let (sure, maybe) = if arg.pro {
            (&mut pro_sure, &mut pro_maybe)
        } else {
            (&mut con_sure, &mut con_maybe)
        };
        let (low, high) = weigh(args, state, i);
        if let Some(w) = low {
            *sure = most(*sure, w);
        }
        if let Some(w) = high {
            *maybe = most(*maybe, w);
        }
    }
    if holds(standard, pro_sure, con_maybe, options) {
        State::Stands
    } else if !holds(standard, pro_maybe, con_sure, options) {
        State::DoesNotStand
    } else {
        State::Unknown
    }
}

/// Whether each node stands: topological order where no cycle is in the way, then the
/// least fixpoint.
fn decide(args: &Arguments, standards: &[ProofStandard], options: &VerdictOptions) -> Vec<State> {
    let n = standards.len();
    let mut state = vec![State::Unknown; n];
    let mut pending: Vec<u32> = (0..n)
        .map(|i| args.dependencies(i).count() as u32)
        .collect();
    let mut ready: Vec<usize> = (0..n).filter(|&i| pending[i] == 0).collect();
    while let Some(i) = ready.pop() {
        state[i] = known(args, &state, standards[i], options, i);
        debug_assert_ne!(state[i], State::Unknown, "every source is decided");
        for &m in args.dependents_of(i) {
            pending[m as usize] -= 1;
            if pending[m as usize] == 0 {
                ready.push(m as usize);
            }
        }
    }
    // What is left is on a cycle or depends on one.
    let mut queued: Vec<bool> = state.iter().map(|&s| s == State::Unknown).collect();
    let mut work: VecDeque<usize> = (0..n).filter(|&i| queued[i]).collect();
    while let Some(i) = work.pop_front() {
        queued[i] = false;
        let s = known(args, &state, standards[i], options, i);
        if s == State::Unknown {
            continue;
        }
        state[i] = s;
        for &m in args.dependents_of(i) {
            let m = m as usize;
            if state[m] == State::Unknown && !queued[m] {
                queued[m] = true;
                work.push_back(m);
            }
        }
    }
    state
}

/// Which argument to name when two weigh the same: the premise, then the source with
/// the smaller ID, then the edge written first.
fn stronger(graph: &ArgGraph, node: NodeIndex, a: &Weighed, b: &Weighed) -> Ordering {
    let key = |w: &Weighed| match w.argument {
        Argument::Premise | Argument::Data => None,
        Argument::Edge(e) => Some((
            &graph.graph[w.arguer(graph, node).unwrap_or(node)].id,
            graph.graph[e].origin,
        )),
    };
    a.weight
        .total_cmp(&b.weight)
        .then_with(|| key(b).cmp(&key(a)))
}

/// Why none of the arguments of node `v` on one side (`pro`: its supports, else its
/// attacks and contradictions) applies: which arguers do not stand, and which stand but
/// are undercut away.
fn idle(graph: &ArgGraph, args: &Arguments, state: &[State], v: usize, pro: bool) -> Idle {
    let (mut fallen, mut undercut) = (Vec::new(), Vec::new());
    for i in args.range(v) {
        let arg = &args.list[i];
        if arg.pro == pro {
            let source = NodeIndex::new(arg.source as usize);
            match state[arg.source as usize] {
                State::Stands => undercut.push(source),
                _ => fallen.push(source),
            }
        }
    }
    let shown = |mut list: Vec<NodeIndex>| {
        list.sort_by(|&a, &b| graph.graph[a].id.cmp(&graph.graph[b].id));
        list.dedup();
        let all = list.len();
        list.truncate(Reason::SUPPORTERS_SHOWN);
        (list, all)
    };
    let ((fallen, fallen_all), (undercut, undercut_all)) = (shown(fallen), shown(undercut));
    Idle {
        fallen,
        fallen_all,
        undercut,
        undercut_all,
    }
}

/// The judgement of one node, over the arguments that apply.
fn judge(
    graph: &ArgGraph,
    args: &Arguments,
    state: &[State],
    cycles: &Cycles,
    standard: ProofStandard,
    options: &VerdictOptions,
    node: NodeIndex,
) -> Judgement {
    let v = node.index();
    let mut pro = args.premise[v].map(|weight| Weighed {
        argument: Argument::Premise,
        weight,
        written: weight,
    });
    // Evidence refuted by its own data is attacked by it, with full weight.
    let mut con: Option<Weighed> = args.refuted[v].then_some(Weighed {
        argument: Argument::Data,
        weight: 1.0,
        written: 1.0,
    });
    for i in args.range(v) {
        let Some(weight) = weight(args, state, i) else {
            continue;
        };
        let arg = &args.list[i];
        let w = Weighed {
            argument: Argument::Edge(arg.edge),
            weight,
            written: arg.weight,
        };
        let side = if arg.pro { &mut pro } else { &mut con };
        if side
            .as_ref()
            .is_none_or(|best| stronger(graph, node, &w, best) == Ordering::Greater)
        {
            *side = Some(w);
        }
    }
    let (p, c) = (pro.map(|w| w.weight), con.map(|w| w.weight));
    let (verdict, reason) = if state[v] == State::Unknown {
        (Verdict::Open, cycles.reason(node))
    } else if holds(standard, p, c, options) {
        let idle = match con {
            None => idle(graph, args, state, v, false),
            Some(_) => Idle::default(),
        };
        (Verdict::Stands, Reason::Met { idle })
    } else if holds(standard, c, p, options) {
        let idle = match pro {
            None => idle(graph, args, state, v, true),
            Some(_) => Idle::default(),
        };
        (Verdict::Falls, Reason::Met { idle })
    } else if pro.is_some() {
        (Verdict::Open, Reason::NotMet)
    } else if graph.graph[node].kind == NodeKind::Evidence {
        (Verdict::Open, Reason::Rejected)
    } else {
        let idle = idle(graph, args, state, v, true);
        (Verdict::Open, Reason::NothingSupports { idle })
    };
    debug_assert!(
        state[v] == State::Unknown || (verdict == Verdict::Stands) == (state[v] == State::Stands)
    );
    Judgement {
        node,
        verdict,
        standard,
        pro,
        con,
        reason,
    }
}

/// The cycles that leave nodes undecided. From each undecided node, a walk to the
/// undecided node it depends on with the smallest ID reaches a cycle (every undecided
/// node depends on one); that cycle is the one its reason names.
struct Cycles {
    /// For each node, the cycle its walk reaches (`u32::MAX`: decided).
    of: Vec<u32>,
    /// Whether the node is on the cycle its walk reaches.
    on: Vec<bool>,
    /// Each cycle, in the direction of the arguments, from its smallest ID.
    cycles: Vec<Vec<NodeIndex>>,
}

impl Cycles {
    fn new(graph: &ArgGraph, args: &Arguments, state: &[State]) -> Cycles {
        let n = state.len();
        let id = |i: u32| graph.graph[NodeIndex::new(i as usize)].id.as_str();
        let step = |i: usize| -> Option<u32> {
            args.dependencies(i)
                .filter(|&d| state[d as usize] == State::Unknown)
                .min_by(|&a, &b| id(a).cmp(id(b)))
        };
        const NONE: u32 = u32::MAX;
        const WALKING: u32 = u32::MAX - 1;
        let mut of = vec![NONE; n];
        let mut on = vec![false; n];
        let mut cycles: Vec<Vec<NodeIndex>> = Vec::new();
        let mut path: Vec<usize> = Vec::new();
        for start in 0..n {
            if state[start] != State::Unknown || of[start] != NONE {
                continue;
            }
            path.clear();
            let mut at = start;
            let found = loop {
                if of[at] == WALKING {
                    // A new cycle: the path from `at` on.
                    let from = path.iter().position(|&p| p == at).unwrap_or(0);
                    let mut cycle: Vec<NodeIndex> =
                        path[from..].iter().map(|&p| NodeIndex::new(p)).collect();
                    for &p in &path[from..] {
                        on[p] = true;
                    }
                    // Walked against the arguments: turn it round, start at the
                    // smallest ID.
                    cycle.reverse();
                    let least = (0..cycle.len())
                        .min_by(|&a, &b| graph.graph[cycle[a]].id.cmp(&graph.graph[cycle[b]].id))
                        .unwrap_or(0);
                    cycle.rotate_left(least);
                    cycles.push(cycle);
                    break (cycles.len() - 1) as u32;
                }
                if of[at] != NONE {
                    break of[at];
                }
                of[at] = WALKING;
                path.push(at);
                match step(at) {
                    Some(next) => at = next as usize,
                    // Cannot happen (an undecided node depends on an undecided node);
                    // a lone node is its own cycle rather than a panic.
                    None => {
                        on[at] = true;
                        cycles.push(vec![NodeIndex::new(at)]);
                        break (cycles.len() - 1) as u32;
                    }
                }
            };
            for &p in &path {
                of[p] = found;
            }
        }
        Cycles { of, on, cycles }
    }

    fn reason(&self, node: NodeIndex) -> Reason {
        let v = node.index();
        let cycle = self.cycles.get(self.of[v] as usize).map_or(&[][..], |c| c);
        Reason::Cycle {
            through: cycle.iter().take(Reason::CYCLE_SHOWN).copied().collect(),
            length: cycle.len(),
            on: self.on[v],
        }
    }
}
