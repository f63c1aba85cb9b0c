//! Layout phase 5: crossing reduction, the order of the vertices in each layer.
//!
//! The first order comes from a depth-first walk down from the roots, by index, so a
//! node's arguments start out next to each other. Then barycenter sweeps: a layer is
//! sorted by the mean position of each vertex's neighbours in the layers next to it,
//! first one-sided (down using the layer above, then up using the layer below), then a
//! few sweeps using both sides. Positions are not ranks but the barycenters themselves,
//! rescaled to 0..1 in each layer: inserting a vertex then leaves the positions of the
//! others alone, which keeps small edits from reshuffling whole layers (with ranks,
//! every vertex to the right of an insertion shifts, and the sweeps amplify that).
//! Sorting is stable, so ties keep the previous order, seeded by index. A final pass of
//! adjacent swaps removes the crossings a swap can remove. Crossings are counted with
//! the accumulator-tree method of Barth, Jünger and Mutzel, in O(E log V). Depends on
//! [`super::layered`].

use super::csr::Csr;
use super::layered::Layered;

/// Two-sided barycenter sweeps after the one-sided ones.
const BOTH_SIDED_SWEEPS: usize = 4;

/// Which neighbours a sweep looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Above,
    Below,
    Both,
}

/// The neighbours of each vertex, in the layer above and below.
#[derive(Clone, Copy)]
struct Links<'a> {
    up: &'a Csr,
    down: &'a Csr,
}

impl<'a> Links<'a> {
    #[cfg(test)]
    fn of(g: &'a Layered) -> Self {
        Links {
            up: &g.up,
            down: &g.down,
        }
    }
}

/// The vertices renumbered layer by layer in their first order, so that the sweeps
/// read the positions of neighbours from nearby memory.
struct Renumbered {
    /// The vertex of each new number.
    vertex: Vec<usize>,
    /// The layers, in new numbers.
    layers: Vec<Vec<usize>>,
    up: Csr,
    down: Csr,
}

impl Renumbered {
    fn new(g: &Layered, layers: &[Vec<usize>]) -> Self {
        let n = g.layer.len();
        let mut number = vec![usize::MAX; n];
        let mut vertex = Vec::with_capacity(n);
        let layers = layers
            .iter()
            .map(|layer| {
                layer
                    .iter()
                    .map(|&v| {
                        number[v] = vertex.len();
                        vertex.push(v);
                        number[v]
                    })
                    .collect()
            })
            .collect();
        for (v, k) in number.iter_mut().enumerate() {
            if *k == usize::MAX {
                *k = vertex.len();
                vertex.push(v);
            }
        }
        let csr = |adj: &Csr| {
            let pairs: Vec<(usize, usize)> = vertex
                .iter()
                .enumerate()
                .flat_map(|(k, &v)| adj.row(v).iter().map(move |&u| (k, u)))
                .map(|(k, u)| (k, number[u]))
                .collect();
            Csr::new(n, &pairs)
        };
        Renumbered {
            up: csr(&g.up),
            down: csr(&g.down),
            vertex,
            layers,
        }
    }
}

/// The vertices of each layer, left to right, and the number of crossings.
pub(super) fn order(g: &Layered) -> (Vec<Vec<usize>>, u64) {
    let first = initial(g);
    let r = Renumbered::new(g, &first);
    let back = |layers: Vec<Vec<usize>>| -> Vec<Vec<usize>> {
        layers
            .into_iter()
            .map(|layer| layer.into_iter().map(|k| r.vertex[k]).collect())
            .collect()
    };
    let links = Links {
        up: &r.up,
        down: &r.down,
    };
    let (layers, crossings) = order_numbered(links, r.vertex.len(), r.layers.clone());
    (back(layers), crossings)
}

/// [`order`] on vertices `0..n` numbered layer by layer, from the first order.
fn order_numbered(g: Links, n: usize, initial: Vec<Vec<usize>>) -> (Vec<Vec<usize>>, u64) {
    let mut pos = vec![0; n];
    renumber(&initial, &mut pos);
    let first = crossings(g, &initial, &pos);
    if first == 0 {
        return (initial, 0);
    }
    let mut layers = initial.clone();
    let mut value = vec![0.0; n];
    for layer in &layers {
        for (i, &v) in layer.iter().enumerate() {
            value[v] = (i as f64 + 0.5) / layer.len() as f64;
        }
    }
    let count = layers.len();
    let mut sweep = |l: usize, side: Side, layers: &mut [Vec<usize>]| {
        reorder(g, &mut layers[l], side, &mut value, &mut pos);
    };
    (1..count).for_each(|l| sweep(l, Side::Above, &mut layers));
    (0..count.saturating_sub(1))
        .rev()
        .for_each(|l| sweep(l, Side::Below, &mut layers));
    for k in 0..BOTH_SIDED_SWEEPS {
        for i in 0..count {
            let l = if k % 2 == 0 { i } else { count - 1 - i };
            sweep(l, Side::Both, &mut layers);
        }
    }
    for layer in layers.iter_mut() {
        transpose(g, layer, &mut pos);
    }
    let last = crossings(g, &layers, &pos);
    if last <= first {
        (layers, last)
    } else {
        (initial, first)
    }
}

/// The order of a depth-first walk down from each root, roots by vertex index.
fn initial(g: &Layered) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); g.layer_count];
    let mut seen = vec![false; g.layer.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..g.layer.len() {
        if seen[root] || !g.up.row(root).is_empty() {
            continue;
        }
        seen[root] = true;
        layers[g.layer[root]].push(root);
        stack.push((root, 0));
        while let Some((v, next)) = stack.last_mut() {
            let Some(&w) = g.down.row(*v).get(*next) else {
                stack.pop();
                continue;
            };
            *next += 1;
            if !seen[w] {
                seen[w] = true;
                layers[g.layer[w]].push(w);
                stack.push((w, 0));
            }
        }
    }
    layers
}

/// Records the position of every vertex in its layer.
fn renumber(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
}

/// Sorts a layer by the mean position of each vertex's neighbours on `side` (a vertex
/// without any keeps its own position), then makes the sorted means, rescaled to 0..1,
/// the layer's new positions.
fn reorder(g: Links, layer: &mut [usize], side: Side, value: &mut [f64], pos: &mut [usize]) {
    let neighbours = |v: usize| -> (&[usize], &[usize]) {
        match side {
            Side::Above => (g.up.row(v), &[]),
            Side::Below => (g.down.row(v), &[]),
            Side::Both => (g.up.row(v), g.down.row(v)),
        }
    };
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .map(|&v| {
            let (a, b) = neighbours(v);
            let count = a.len() + b.len();
            let key = if count == 0 {
                value[v]
            } else {
                a.iter().chain(b).map(|&u| value[u]).sum::<f64>() / count as f64
            };
            (key, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (low, high) = match (keyed.first(), keyed.last()) {
        (Some(a), Some(b)) => (a.0, b.0),
        _ => return,
    };
    let n = keyed.len() as f64;
    for (i, (key, v)) in keyed.into_iter().enumerate() {
        layer[i] = v;
        pos[v] = i;
        value[v] = if high > low {
            (key - low) / (high - low)
        } else {
            (i as f64 + 0.5) / n
        };
    }
}

/// Swaps neighbours in a layer while that removes crossings, a few passes at most.
fn transpose(g: Links, layer: &mut [usize], pos: &mut [usize]) {
    let sorted = |adj: &Csr, v: usize| -> Vec<usize> {
        let mut p: Vec<usize> = adj.row(v).iter().map(|&u| pos[u]).collect();
        p.sort_unstable();
        p
    };
    let mut up: Vec<Vec<usize>> = layer.iter().map(|&v| sorted(g.up, v)).collect();
    let mut down: Vec<Vec<usize>> = layer.iter().map(|&v| sorted(g.down, v)).collect();
    for _ in 0..4 {
        let mut improved = false;
        for i in 0..layer.len().saturating_sub(1) {
            let now = pair_crossings(&up[i], &up[i + 1]) + pair_crossings(&down[i], &down[i + 1]);
            let swapped =
                pair_crossings(&up[i + 1], &up[i]) + pair_crossings(&down[i + 1], &down[i]);
            if swapped < now {
                layer.swap(i, i + 1);
                up.swap(i, i + 1);
                down.swap(i, i + 1);
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    for (i, &v) in layer.iter().enumerate() {
        pos[v] = i;
    }
}

/// Crossings between the edges of a left vertex and a right vertex, given the sorted
/// positions of their neighbours in one adjacent layer.
fn pair_crossings(left: &[usize], right: &[usize]) -> u64 {
    let (mut j, mut count) = (0, 0);
    for &a in left {
        while j < right.len() && right[j] < a {
            j += 1;
        }
        count += j as u64;
    }
    count
}

/// The number of crossings between consecutive layers.
fn crossings(g: Links, layers: &[Vec<usize>], pos: &[usize]) -> u64 {
    let (mut total, mut seq, mut tree) = (0, Vec::new(), Vec::new());
    for l in 0..layers.len().saturating_sub(1) {
        seq.clear();
        for &u in &layers[l] {
            let start = seq.len();
            seq.extend(g.down.row(u).iter().map(|&v| pos[v]));
            seq[start..].sort_unstable();
        }
        total += inversions(&seq, layers[l + 1].len(), &mut tree);
    }
    total
}

/// The pairs `i < j` with `seq[i] > seq[j]`, for values below `n` (a Fenwick tree).
fn inversions(seq: &[usize], n: usize, tree: &mut Vec<u64>) -> u64 {
    tree.clear();
    tree.resize(n + 1, 0);
    let mut count = 0;
    for (inserted, &x) in seq.iter().enumerate() {
        let (mut i, mut not_above) = (x + 1, 0);
        while i > 0 {
            not_above += tree[i];
            i &= i - 1;
        }
        count += inserted as u64 - not_above;
        let mut i = x + 1;
        while i <= n {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::super::csr::Csr;
    use super::*;

    /// Two layers of `n` vertices each, with arcs `(i, j)` from upper `i` to lower `j`.
    fn bipartite(n: usize, arcs: &[(usize, usize)]) -> Layered {
        let pairs: Vec<(usize, usize)> = arcs.iter().map(|&(a, b)| (a, n + b)).collect();
        let flipped: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
        Layered {
            nodes: (0..2 * n).collect(),
            layer: (0..2 * n).map(|v| v / n).collect(),
            width: vec![10.0; 2 * n],
            height: vec![10.0; 2 * n],
            right_extra: vec![0.0; 2 * n],
            layer_count: 2,
            shapes: Vec::new(),
            down: Csr::new(2 * n, &pairs),
            up: Csr::new(2 * n, &flipped),
        }
    }

    #[test]
    fn counts_inversions() {
        let mut tree = Vec::new();
        assert_eq!(inversions(&[2, 0, 1, 1], 3, &mut tree), 3);
        assert_eq!(inversions(&[0, 1, 1, 2], 3, &mut tree), 0);
        assert_eq!(pair_crossings(&[1, 3], &[0, 2]), 3);
    }

    #[test]
    fn untangles_a_twisted_ladder() {
        // Upper vertex i is linked to lower vertex 3 - i: six crossings in index order.
        let g = bipartite(4, &[(0, 3), (1, 2), (2, 1), (3, 0)]);
        let mut layers = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]];
        let mut pos = vec![0; 8];
        renumber(&layers, &mut pos);
        assert_eq!(crossings(Links::of(&g), &layers, &pos), 6);
        let mut value: Vec<f64> = (0..8).map(|v| (v % 4) as f64).collect();
        reorder(
            Links::of(&g),
            &mut layers[1],
            Side::Above,
            &mut value,
            &mut pos,
        );
        assert_eq!(layers[1], vec![7, 6, 5, 4]);
        assert_eq!(&value[4..], &[1.0, 2.0 / 3.0, 1.0 / 3.0, 0.0]);
        assert_eq!(crossings(Links::of(&g), &layers, &pos), 0);
    }

    #[test]
    fn swaps_remove_crossings() {
        let g = bipartite(2, &[(0, 1), (1, 0)]);
        let mut layer = vec![2, 3];
        let mut pos = vec![0, 1, 0, 1];
        transpose(Links::of(&g), &mut layer, &mut pos);
        assert_eq!((layer, pos), (vec![3, 2], vec![0, 1, 1, 0]));
    }

    #[test]
    fn an_insertion_leaves_the_other_positions_alone() {
        // Lower vertices 4, 5, 6 under upper 0, 2 and 3; then 7 joins, under upper 1.
        let g = bipartite(4, &[(0, 0), (2, 1), (3, 2), (1, 3)]);
        let upper = [0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0];
        let mut value: Vec<f64> = upper.iter().copied().chain([0.0; 4]).collect();
        let mut pos = vec![0; 8];
        let mut without = vec![4, 5, 6];
        reorder(
            Links::of(&g),
            &mut without,
            Side::Above,
            &mut value,
            &mut pos,
        );
        let before = value.clone();
        let mut with = vec![4, 5, 6, 7];
        reorder(Links::of(&g), &mut with, Side::Above, &mut value, &mut pos);
        assert_eq!(with, vec![4, 7, 5, 6]);
        assert_eq!(&value[..7], &before[..7]);
        assert_eq!(&value[4..], &[0.0, 2.0 / 3.0, 1.0, 1.0 / 3.0]);
    }

    #[test]
    fn the_first_order_follows_a_depth_first_walk() {
        let g = bipartite(3, &[(0, 2), (1, 0), (0, 1)]);
        assert_eq!(initial(&g), vec![vec![0, 1, 2], vec![5, 4, 3]]);
    }
}
