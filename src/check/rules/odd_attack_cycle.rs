//! The `odd-attack-cycle` lint rule (G104). Phase: check; reads the syntax trees and the model.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::graph::NodeIndex;

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::syntax::Span;

declare_lint! {
    /// ## What it does
    /// Reports a cycle of attacks of odd length (a attacks b, b attacks c, c attacks a),
    /// counting `contradicts` as an attack both ways, and lists one such cycle.
    ///
    /// ## Why is this a problem?
    /// An odd attack cycle is the classic paradox of abstract argumentation: no stable
    /// extension may exist, and every argument in the cycle stays undecided under the
    /// grounded semantics. It is sometimes intended (a genuine three-way standoff), but
    /// more often an attack points the wrong way.
    ///
    /// ## Example
    /// ```crux
    /// counter a: "A."
    ///   attacks b
    /// counter b: "B."
    ///   attacks c
    /// counter c: "C."
    ///   attacks a
    /// ```
    ///
    /// ## Instead
    /// Check the direction of each attack in the cycle. If the standoff is real, exempt
    /// one node with `# crux: allow(odd-attack-cycle)`.
    ///
    /// ## Semantics note
    /// A strongly connected attack graph has an odd cycle exactly when it is not
    /// bipartite, so the check is linear in the size of the graph.
    pub(crate) struct OddAttackCycle { pub cycle: Vec<String>, pub others: Vec<Span> }
}

impl Violation for OddAttackCycle {
    const RULE: Rule = Rule::OddAttackCycle;
    fn message(&self) -> String {
        format!(
            "odd attack cycle of length {}: `{}` -> `{}`",
            self.cycle.len(),
            self.cycle.join("` -> `"),
            self.cycle[0]
        )
    }
    fn label(&self) -> String {
        "part of the cycle".into()
    }
    fn secondary(&self) -> Vec<Label> {
        (self.others.iter())
            .map(|&span| Label::new(span, "also in the cycle"))
            .collect()
    }
    fn help(&self) -> Option<String> {
        Some("a stable extension may not exist, and these nodes stay undecided; check the direction of each attack".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    let mut attack = petgraph::graph::DiGraph::<NodeIndex, ()>::with_capacity(g.node_count(), 0);
    for n in g.node_indices() {
        attack.add_node(n);
    }
    let mut pairs: Vec<(NodeIndex, NodeIndex)> = cx
        .graph
        .attacks()
        .filter(|(a, b, _)| a != b)
        .map(|(a, b, _)| (a, b))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    attack.extend_with_edges(pairs);
    if two_sided(&attack) {
        return;
    }
    for scc in petgraph::algo::kosaraju_scc(&attack) {
        if scc.len() < 2 {
            continue;
        }
        if let Some(cycle) = odd_cycle(&attack, &scc) {
            let first = *cycle.iter().min_by_key(|&&n| g[n].span).expect("non-empty");
            let rot = cycle.iter().position(|&n| n == first).expect("member");
            let mut ordered = cycle[rot..].to_vec();
            ordered.extend_from_slice(&cycle[..rot]);
            let names = ordered.iter().map(|&n| g[n].id.to_string()).collect();
            let others = ordered[1..].iter().map(|&n| g[n].id_span).collect();
            out.push(
                OddAttackCycle {
                    cycle: names,
                    others,
                },
                g[first].id_span,
            );
        }
    }
}

/// Whether the nodes split into two sides such that every attack (read either way)
/// goes from one side to the other, found in linear time. Then no cycle of attacks is
/// odd: a cycle alternates sides, so it has even length.
fn two_sided(attack: &petgraph::graph::DiGraph<NodeIndex, ()>) -> bool {
    const UNSEEN: u8 = 2;
    let mut side = vec![UNSEEN; attack.node_count()];
    let mut stack = Vec::new();
    for start in attack.node_indices() {
        if side[start.index()] != UNSEEN {
            continue;
        }
        side[start.index()] = 0;
        stack.push(start);
        while let Some(n) = stack.pop() {
            let here = side[n.index()];
            for m in attack.neighbors_undirected(n) {
                if side[m.index()] == UNSEEN {
                    side[m.index()] = 1 - here;
                    stack.push(m);
                } else if side[m.index()] == here {
                    return false;
                }
            }
        }
    }
    true
}

/// A simple directed cycle of odd length inside a strongly connected component, if any.
fn odd_cycle(
    graph: &petgraph::graph::DiGraph<NodeIndex, ()>,
    scc: &[NodeIndex],
) -> Option<Vec<NodeIndex>> {
    let inside: HashSet<NodeIndex> = scc.iter().copied().collect();
    let root = *scc.iter().min()?;
    // BFS depths along attacks, with parents for paths from the root.
    let mut depth = HashMap::from([(root, 0usize)]);
    let mut parent = HashMap::new();
    let mut queue = VecDeque::from([root]);
    while let Some(n) = queue.pop_front() {
        for m in graph.neighbors(n).filter(|m| inside.contains(m)) {
            let d = depth[&n] + 1;
            if let std::collections::hash_map::Entry::Vacant(e) = depth.entry(m) {
                e.insert(d);
                parent.insert(m, n);
                queue.push_back(m);
            }
        }
    }
    let path_from_root = |n: NodeIndex| {
        let mut p = vec![n];
        while let Some(&q) = parent.get(p.last().expect("non-empty")) {
            p.push(q);
        }
        p.reverse();
        p
    };
    // An edge u -> v with depth[u] + 1 and depth[v] of different parity closes an odd
    // closed walk: root ~> u -> v ~> root and root ~> v ~> root differ in parity.
    for &u in scc {
        for v in graph.neighbors(u).filter(|m| inside.contains(m)) {
            if (depth[&u] + 1) % 2 == depth[&v] % 2 {
                continue;
            }
            let back = path_to_root(graph, &inside, v, root);
            let mut walk_a = path_from_root(u);
            walk_a.extend(back.iter().copied());
            let mut walk_b = path_from_root(v);
            walk_b.extend(back[1..].iter().copied());
            // Each walk starts at root and ends at root; drop the closing repeat.
            walk_a.pop();
            walk_b.pop();
            let walk = if walk_a.len() % 2 == 1 {
                walk_a
            } else {
                walk_b
            };
            return Some(simple_odd_cycle(walk));
        }
    }
    None
}

/// Shortest path from `from` to `to` inside the component, both ends included.
fn path_to_root(
    graph: &petgraph::graph::DiGraph<NodeIndex, ()>,
    inside: &HashSet<NodeIndex>,
    from: NodeIndex,
    to: NodeIndex,
) -> Vec<NodeIndex> {
    if from == to {
        return vec![from];
    }
    let mut parent = HashMap::from([(from, from)]);
    let mut queue = VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        for m in graph.neighbors(n).filter(|m| inside.contains(m)) {
            if parent.contains_key(&m) {
                continue;
            }
            parent.insert(m, n);
            if m == to {
                let mut p = vec![to];
                while *p.last().expect("non-empty") != from {
                    p.push(parent[p.last().expect("non-empty")]);
                }
                p.reverse();
                return p;
            }
            queue.push_back(m);
        }
    }
    vec![from, to]
}

/// Shrinks a closed walk of odd length (as a vertex sequence, last edge back to the
/// first vertex implied) to a simple cycle of odd length.
fn simple_odd_cycle(mut walk: Vec<NodeIndex>) -> Vec<NodeIndex> {
    loop {
        let mut first_seen = HashMap::new();
        let mut repeat = None;
        for (j, &n) in walk.iter().enumerate() {
            if let Some(&i) = first_seen.get(&n) {
                repeat = Some((i, j));
                break;
            }
            first_seen.insert(n, j);
        }
        let Some((i, j)) = repeat else {
            return walk;
        };
        // Split into walk[i..j] and walk[..i] + walk[j..]; one of them is odd.
        let inner: Vec<NodeIndex> = walk[i..j].to_vec();
        if inner.len() % 2 == 1 {
            walk = inner;
        } else {
            let mut outer = walk[..i].to_vec();
            outer.extend_from_slice(&walk[j..]);
            walk = outer;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::messages;

    #[test]
    fn finds_three_cycles_but_not_contradictions() {
        let odd = "thesis a: \"a\"\n  attacks b\nclaim b: \"b\"\n  attacks c\nclaim c: \"c\"\n  attacks a\n";
        assert!(
            messages(odd)
                .contains(&"odd attack cycle of length 3: `a` -> `b` -> `c` -> `a`".to_string())
        );
        let even = "thesis a: \"a\"\n  contradicts b\nclaim b: \"b\"\n";
        assert!(!messages(even).iter().any(|m| m.starts_with("odd attack")));
    }

    /// The attack graph of a debate, as the rule builds it.
    fn attacks(src: &str) -> petgraph::graph::DiGraph<petgraph::graph::NodeIndex, ()> {
        let file = crate::syntax::SourceFile::new("t.crux", "t.crux", src.to_string());
        let debate = crate::parse_debate(vec![file], Default::default());
        let g = &debate.graph;
        let mut attack = petgraph::graph::DiGraph::new();
        for n in g.graph.node_indices() {
            attack.add_node(n);
        }
        attack.extend_with_edges(g.attacks().map(|(a, b, _)| (a, b)));
        attack
    }

    #[test]
    fn two_sides_only_without_odd_cycles_read_both_ways() {
        let square = "thesis a: \"a\"\n  attacks b\nclaim b: \"b\"\n  attacks c\nclaim c: \"c\"\n  attacks d\nclaim d: \"d\"\n  attacks a\n";
        // An even cycle, a contradiction along it and an isolated node: two sides.
        let even = format!("{square}  contradicts c\nclaim e: \"e\"\n");
        assert!(super::two_sided(&attacks(&even)));
        // `d contradicts b` closes the cycle b -> c -> d -> b of three.
        let odd = format!("{square}  contradicts b\n");
        assert!(!super::two_sided(&attacks(&odd)));
        assert!(messages(&odd).iter().any(|m| m.starts_with("odd attack")));
        // A triangle read both ways that is no cycle of attacks: not two sides, and the
        // full search finds no odd cycle.
        let triangle = "thesis a: \"a\"\n  attacks b\nclaim b: \"b\"\nclaim x: \"x\"\n  attacks a\n  attacks b\n";
        assert!(!super::two_sided(&attacks(triangle)));
        assert!(
            !messages(triangle)
                .iter()
                .any(|m| m.starts_with("odd attack"))
        );
    }
}
