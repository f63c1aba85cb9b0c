//! Layout phase 7a, first step: ports, where edges meet their boxes.
//!
//! The ends of the edges on one side (top or bottom) of a box are spread evenly along
//! it, ordered by the x of the next point along each edge (then by edge index), so that
//! edges do not cross at a box and parallel edges do not coincide. Self-loops use the
//! right side and are not counted; an undercut has a port at its source only. Depends
//! on [`super::layered`] and [`super::position`].

use std::collections::BTreeMap;

use super::input::{Edge, Graph};
use super::layered::{Layered, Shape};
use super::position::Placed;

/// Port positions: `(edge, at its source)` to `(x, on the top side)`.
#[derive(Debug, Default)]
pub(super) struct Ports(BTreeMap<(usize, bool), (f64, bool)>);

impl Ports {
    /// The port of an edge at its source (`.1` true) or target end.
    pub(super) fn get(&self, key: &(usize, bool)) -> Option<&(f64, bool)> {
        self.0.get(key)
    }
}

/// One end of an edge on a side of a box.
#[derive(Clone, Copy, Debug)]
struct End {
    vertex: usize,
    top: bool,
    /// The x of the next point along the edge.
    next: f64,
    edge: usize,
    at_source: bool,
}

/// The ports of every edge of a placed component.
pub(super) fn ports(graph: &Graph, g: &Layered, p: &Placed) -> Ports {
    let mut ends = ends(graph, g, p);
    ends.sort_by(|a, b| {
        (a.vertex, a.top)
            .cmp(&(b.vertex, b.top))
            .then(a.next.total_cmp(&b.next))
            .then((a.edge, a.at_source).cmp(&(b.edge, b.at_source)))
    });
    let mut ports = Ports::default();
    for side in ends.chunk_by(|a, b| (a.vertex, a.top) == (b.vertex, b.top)) {
        let r = p.rect(g, side[0].vertex);
        let step = r.width / (side.len() + 1) as f64;
        for (i, end) in side.iter().enumerate() {
            let x = r.x + step * (i + 1) as f64;
            ports.0.insert((end.edge, end.at_source), (x, end.top));
        }
    }
    ports
}

/// The ends of the edges that have a shape, on the sides they leave by.
fn ends(graph: &Graph, g: &Layered, p: &Placed) -> Vec<End> {
    let mut ends = Vec::new();
    for (e, shape) in &g.shapes {
        let edge = *e;
        let undercut = matches!(graph.edges[edge], Edge::Undercut { .. });
        let source = graph.edges[edge]
            .source()
            .and_then(|s| g.nodes.binary_search(&s).ok());
        let mut end = |vertex: usize, top: bool, toward: usize| {
            if !undercut || source == Some(vertex) {
                let at_source = source == Some(vertex);
                let next = p.x[toward];
                ends.push(End {
                    vertex,
                    top,
                    next,
                    edge,
                    at_source,
                });
            }
        };
        match shape {
            Shape::Chain {
                upper,
                lower,
                dummies,
                ..
            } => {
                let below = dummies.clone().next().unwrap_or(*lower);
                let above = dummies.clone().next_back().unwrap_or(*upper);
                end(*upper, false, below);
                end(*lower, true, above);
            }
            Shape::Straight { upper, lower } => {
                end(*upper, false, *lower);
                end(*lower, true, *upper);
            }
            Shape::Flat { .. } if undercut => {}
            Shape::Flat { upper, lower } => {
                end(*upper, false, *lower);
                end(*lower, false, *upper);
            }
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::super::csr::Csr;
    use super::super::input::Arc;
    use super::*;

    #[test]
    fn ends_spread_in_the_order_of_where_they_go() {
        // Vertex 0 (100 wide) above vertices 1 (right) and 2 (left), edge 0 to 1 and
        // edges 1 and 2 to 2.
        let g = Layered {
            nodes: vec![0, 1, 2],
            layer: vec![0, 1, 1],
            width: vec![100.0, 50.0, 50.0],
            height: vec![20.0; 3],
            right_extra: vec![0.0; 3],
            layer_count: 2,
            shapes: (0..3)
                .map(|e| {
                    let lower = if e == 0 { 1 } else { 2 };
                    let chain = Shape::Chain {
                        upper: 0,
                        lower,
                        dummies: 0..0,
                        label: None,
                    };
                    (e, chain)
                })
                .collect(),
            up: Csr::default(),
            down: Csr::default(),
        };
        let p = Placed {
            layers: vec![vec![0], vec![2, 1]],
            x: vec![0.0, 100.0, -100.0],
            band_top: vec![0.0, 100.0],
            band_height: vec![20.0, 20.0],
            gap: 80.0,
        };
        let link = |source, target| Edge::Link { source, target };
        let graph = Graph {
            sizes: vec![(100.0, 20.0), (50.0, 20.0), (50.0, 20.0)],
            top: vec![true, false, false],
            edges: vec![link(1, 0), link(2, 0), link(2, 0)],
            labels: vec![None; 3],
            links: Vec::<Arc>::new(),
            component: vec![0; 3],
            components: 1,
        };
        let ports = ports(&graph, &g, &p);
        assert_eq!(ports.get(&(1, false)), Some(&(-25.0, false)));
        assert_eq!(ports.get(&(2, false)), Some(&(0.0, false)));
        assert_eq!(ports.get(&(0, false)), Some(&(25.0, false)));
        assert_eq!(ports.get(&(0, true)), Some(&(100.0, true)));
    }
}
