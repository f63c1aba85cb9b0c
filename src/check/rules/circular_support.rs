//! The `circular-support` lint rule (G103). Phase: check; reads the syntax trees and the model.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::diagnostic::Label;
use crate::model::{ArgEdge, ArgNode, Relation};
use crate::syntax::Span;

declare_lint! {
    /// ## What it does
    /// Reports a cycle made only of `supports` relations (a supports b, b supports a),
    /// and lists the cycle.
    ///
    /// ## Why is this a problem?
    /// This is begging the question: each claim in the cycle is ultimately its own
    /// reason. The cycle can hold itself up with no evidence at all, and weighted
    /// strengths inflate each other around it.
    ///
    /// ## Example
    /// ```crux
    /// claim a: "GPUs got cheaper because demand grew."
    ///   supports b
    /// claim b: "Demand grew because GPUs got cheaper."
    ///   supports a
    /// ```
    ///
    /// ## Instead
    /// Break the cycle: decide which claim is the reason and which the conclusion, and
    /// back the reason with evidence.
    pub(crate) struct CircularSupport { pub cycle: Vec<String>, pub edges: Vec<Span> }
}

impl Violation for CircularSupport {
    const RULE: Rule = Rule::CircularSupport;
    fn message(&self) -> String {
        let mut path = self.cycle.join("` -> `");
        path.push_str(&format!("` -> `{}", self.cycle[0]));
        format!("circular support: `{path}`")
    }
    fn label(&self) -> String {
        "the cycle starts here".into()
    }
    fn help(&self) -> Option<String> {
        Some("a claim cannot be its own reason; remove one `supports` in the cycle".into())
    }
    fn secondary(&self) -> Vec<Label> {
        self.edges[1..]
            .iter()
            .map(|&s| Label::new(s, "continues here"))
            .collect()
    }
}

/// Whether an edge can be part of a support cycle (a node's support of itself is
/// `self-reference`).
fn in_cycle(e: petgraph::graph::EdgeReference<'_, ArgEdge>) -> bool {
    e.weight().relation == Relation::Supports && e.source() != e.target()
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    if acyclic(g) {
        return;
    }
    let supports = EdgeFiltered::from_fn(g, in_cycle);
    let mut sccs = petgraph::algo::kosaraju_scc(&supports);
    sccs.retain(|c| c.len() > 1);
    for scc in sccs {
        let start = *scc.iter().min_by_key(|&&n| g[n].span).expect("non-empty");
        let cycle = cycle_through(cx, &scc, start);
        let edges: Vec<Span> = cycle
            .iter()
            .zip(cycle.iter().cycle().skip(1))
            .map(|(&a, &b)| {
                g.edges_connecting(a, b)
                    .find(|e| e.weight().relation == Relation::Supports)
                    .map(|e| e.weight().origin)
                    .expect("cycle edges exist")
            })
            .collect();
        let names = cycle.iter().map(|&n| g[n].id.to_string()).collect();
        out.push(
            CircularSupport {
                cycle: names,
                edges: edges.clone(),
            },
            edges[0],
        );
    }
}

/// Whether the supports have no cycle, found in linear time without components:
/// Kahn's algorithm removes every node when there is none.
fn acyclic(g: &DiGraph<ArgNode, ArgEdge>) -> bool {
    let mut supporters = vec![0u32; g.node_count()];
    for e in g.edge_references().filter(|&e| in_cycle(e)) {
        supporters[e.target().index()] += 1;
    }
    let mut free: Vec<NodeIndex> = g
        .node_indices()
        .filter(|n| supporters[n.index()] == 0)
        .collect();
    let mut removed = 0;
    while let Some(n) = free.pop() {
        removed += 1;
        for e in g.edges(n).filter(|&e| in_cycle(e)) {
            let t = e.target();
            supporters[t.index()] -= 1;
            if supporters[t.index()] == 0 {
                free.push(t);
            }
        }
    }
    removed == g.node_count()
}

/// A shortest support cycle from `start` back to itself, inside one component.
fn cycle_through(cx: &Context, scc: &[NodeIndex], start: NodeIndex) -> Vec<NodeIndex> {
    let g = &cx.graph.graph;
    let inside: std::collections::HashSet<_> = scc.iter().copied().collect();
    let mut parent = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut next: Vec<_> = g
            .edges(n)
            .filter(|e| e.weight().relation == Relation::Supports && inside.contains(&e.target()))
            .map(|e| e.target())
            .collect();
        next.sort_by_key(|&t| g[t].span);
        for t in next {
            if t == start {
                let mut path = vec![n];
                while let Some(&p) = parent.get(path.last().expect("non-empty")) {
                    path.push(p);
                }
                path.reverse();
                return path;
            }
            if t != start && !parent.contains_key(&t) {
                parent.insert(t, n);
                queue.push_back(t);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use crate::check::tests::messages;

    #[test]
    fn lists_the_cycle() {
        let src = "thesis t: \"t\"\nclaim a: \"a\"\n  supports b\n  supports t\nclaim b: \"b\"\n  supports a\n";
        assert!(messages(src).contains(&"circular support: `a` -> `b` -> `a`".to_string()));
        let ok = "thesis t: \"t\"\nclaim a: \"a\"\n  supports t\nclaim b: \"b\"\n  attacks a\nclaim c: \"c\"\n  attacks b\n";
        assert!(!messages(ok).iter().any(|m| m.starts_with("circular")));
    }

    #[test]
    fn acyclic_ignores_self_support_and_finds_cycles() {
        let acyclic = |src: &str| {
            let file = crate::syntax::SourceFile::new("t.crux", "t.crux", src.to_string());
            super::acyclic(
                &crate::parse_debate(vec![file], Default::default())
                    .graph
                    .graph,
            )
        };
        // A diamond, an attack back up and a node supporting itself.
        let dag = "thesis t: \"t\"\nclaim a: \"a\"\n  supports t\nclaim b: \"b\"\n  supports t\n  attacks c\nclaim c: \"c\"\n  supports a\n  supports b\n  supports c\n";
        assert!(acyclic(dag));
        let cycle = "thesis t: \"t\"\nclaim a: \"a\"\n  supports t\n  supports c\nclaim b: \"b\"\n  supports a\nclaim c: \"c\"\n  supports b\n";
        assert!(!acyclic(cycle));
    }
}
