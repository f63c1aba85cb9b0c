//! Layout phase 3: layer assignment.
//!
//! Longest path from the top: each node goes one layer below the lowest node above it,
//! so top nodes (which have nothing above them once cycles are broken) are on layer 0.
//! Then one compaction pass, bottom up: a node with more arcs down than up moves down
//! as far as its arcs allow, which shortens edges (fewer bends, shorter drawings) and
//! takes roots that are not top nodes off the crowded top layer. Finally each
//! component starts at layer 0. Depends on [`super::input`] and [`super::acyclic`].

use super::acyclic::Acyclic;
use super::csr::Csr;
use super::input::Graph;

/// The layer of every node.
pub(super) fn assign(graph: &Graph, acyclic: &Acyclic) -> Vec<usize> {
    let n = graph.sizes.len();
    let pairs: Vec<(usize, usize)> = (0..acyclic.arcs.len())
        .filter_map(|arc| acyclic.oriented(arc))
        .collect();
    let below = Csr::new(n, &pairs);
    let mut above = vec![0usize; n];
    for &(_, lower) in &pairs {
        above[lower] += 1;
    }
    let mut rank = vec![0usize; n];
    for &v in &acyclic.seq {
        for &w in below.row(v) {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    for &v in acyclic.seq.iter().rev() {
        let down = below.row(v);
        if graph.top[v] || down.len() <= above[v] {
            continue;
        }
        let room = down.iter().map(|&w| rank[w]).min().unwrap_or(0);
        rank[v] = rank[v].max(room.saturating_sub(1));
    }
    let mut lowest = vec![usize::MAX; graph.components];
    for (v, &c) in graph.component.iter().enumerate() {
        lowest[c] = lowest[c].min(rank[v]);
    }
    for (v, &c) in graph.component.iter().enumerate() {
        rank[v] -= lowest[c];
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::super::acyclic::break_cycles;
    use super::super::input::prepare;
    use super::super::{EdgeTarget, LayoutEdge, LayoutInput};
    use super::*;

    fn ranks(n: usize, top: &[usize], edges: &[(usize, usize)]) -> Vec<usize> {
        let input = LayoutInput {
            nodes: vec![(10.0, 10.0); n],
            top: top.to_vec(),
            edges: edges
                .iter()
                .map(|&(source, target)| LayoutEdge {
                    source,
                    target: EdgeTarget::Node(target),
                    label: None,
                })
                .collect(),
        };
        let graph = prepare(&input);
        assign(&graph, &break_cycles(&graph))
    }

    #[test]
    fn targets_are_above_sources() {
        // 1 and 2 argue about 0; 3 argues about 1 and 0.
        assert_eq!(
            ranks(4, &[0], &[(1, 0), (2, 0), (3, 1), (3, 0)]),
            vec![0, 1, 1, 2]
        );
    }

    #[test]
    fn a_root_that_is_not_on_top_moves_down_to_its_arguments() {
        // 0 <- 1 <- 2 <- 3, and root 4 is argued about by 3 only.
        let r = ranks(5, &[0], &[(1, 0), (2, 1), (3, 2), (3, 4)]);
        assert_eq!(r, vec![0, 1, 2, 3, 2]);
    }

    #[test]
    fn top_nodes_stay_on_top_and_components_start_at_zero() {
        // 2 argues about top node 0, 0 argues about 1 (reversed, so 1 goes below 0).
        let r = ranks(5, &[0], &[(2, 0), (0, 1), (4, 3)]);
        assert_eq!(r, vec![0, 1, 1, 0, 1]);
    }
}
