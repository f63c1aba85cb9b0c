//! A crux debate written node for node as one Argdown file, for the benchmarks that
//! run Argdown on the same debate: each node a statement `[ID]: text`, each relation an
//! outgoing `+>` (supports), `->` (attacks) or `><` (contradicts) under its source.
//! Argdown lets only arguments be undercut, so `undercuts A -> B` becomes an attack on
//! `A`.

use std::fmt::Write as _;

use crux::model::{ArgGraph, Relation};
use petgraph::visit::EdgeRef;

/// A statement's text on one line, without what Argdown would read as markup.
fn argdown_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['[', ']', '<', '>', '#', '*', '_'], " ")
}

/// The debate in Argdown, node for node and relation for relation.
pub fn to_argdown(graph: &ArgGraph) -> String {
    let g = &graph.graph;
    let mut out = String::new();
    for i in graph.nodes_in_order() {
        let node = &g[i];
        let _ = writeln!(out, "[{}]: {}", node.id, argdown_text(&node.text));
        for e in g.edges_directed(i, petgraph::Direction::Outgoing) {
            let (symbol, target) = match (e.weight().relation, e.weight().undercuts) {
                (Relation::Supports, _) => ("+>", e.target()),
                (Relation::Attacks, _) => ("->", e.target()),
                (Relation::Contradicts, _) => ("><", e.target()),
                (Relation::Undercuts, Some(inference)) => {
                    let (a, _) = g.edge_endpoints(inference).expect("a resolved edge");
                    ("->", a)
                }
                (Relation::Undercuts, None) => continue,
            };
            let _ = writeln!(out, "  {symbol} [{}]", g[target].id);
        }
        out.push('\n');
    }
    out
}
