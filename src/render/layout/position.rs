//! Layout phase 6: coordinates.
//!
//! x minimises a quadratic energy, the weighted sum of squared horizontal edge lengths
//! (weights 1 between nodes, 2 between a node and a bend, 8 between bends, so long
//! edges run straight; a label is held 30 to the box right below it and 1 to the box
//! right above, so that where many lines meet at one box, each label stays over the
//! box it belongs to instead of drifting to where the lines converge), subject to the
//! order of each layer and a minimum separation
//! between neighbours. It is solved by block descent, one layer at a time, sweeping
//! down and up: the best positions of one layer, the others fixed, are a weighted
//! isotonic regression, solved exactly in linear time by pooling adjacent violators.
//! Every layer ends each step with its separations met, so boxes never overlap. The
//! energy only goes down, and a small edit changes it locally, so little moves.
//!
//! y puts each layer in a band as tall as its tallest box, boxes centred in the band,
//! with a gap between bands. Depends on [`super::layered`] and [`super::order`].

use super::layered::Layered;
use super::{DUMMY_GAP, NODE_GAP, Rect};

/// A vertex's pull towards where it is, so vertices without neighbours stay put.
const INERTIA: f64 = 1e-3;
/// A budget of vertex visits for the sweeps.
const WORK: usize = 6_000_000;

/// Where the vertices of a component are, before the component is moved into place.
#[derive(Debug)]
pub(super) struct Placed {
    /// The vertices of each layer, left to right.
    pub layers: Vec<Vec<usize>>,
    /// The centre x of each vertex.
    pub x: Vec<f64>,
    /// The top of each layer's band, and its height.
    pub band_top: Vec<f64>,
    pub band_height: Vec<f64>,
    /// The room between two bands.
    pub gap: f64,
}

impl Placed {
    /// The bottom of a layer's band.
    pub(super) fn band_bottom(&self, l: usize) -> f64 {
        self.band_top[l] + self.band_height[l]
    }

    /// The middle of a layer's band.
    pub(super) fn band_middle(&self, l: usize) -> f64 {
        self.band_top[l] + self.band_height[l] / 2.0
    }

    /// The box of a vertex (a dummy's is its label's room).
    pub(super) fn rect(&self, g: &Layered, v: usize) -> Rect {
        let l = g.layer[v];
        Rect {
            x: self.x[v] - g.width[v] / 2.0,
            y: self.band_top[l] + (self.band_height[l] - g.height[v]) / 2.0,
            width: g.width[v],
            height: g.height[v],
        }
    }
}

/// Places the vertices of a layered graph whose layers are ordered.
pub(super) fn place(g: &Layered, layers: Vec<Vec<usize>>, gap: f64) -> Placed {
    let mut x = vec![0.0; g.layer.len()];
    let seps: Vec<Vec<f64>> = layers.iter().map(|layer| separations(g, layer)).collect();
    for (layer, seps) in layers.iter().zip(&seps) {
        let width: f64 = seps.iter().sum();
        let mut at = -width / 2.0;
        for (i, &v) in layer.iter().enumerate() {
            x[v] = at;
            at += seps.get(i).copied().unwrap_or(0.0);
        }
    }
    let work = g.layer.len() + 2 * g.down.total();
    let sweeps = (WORK / work.max(1)).clamp(6, 40);
    let mut sweep = Sweep::new(g, &layers, &x);
    let mut scratch = Scratch::default();
    for s in 0..sweeps {
        for k in 0..layers.len() {
            let l = if s % 2 == 0 { k } else { layers.len() - 1 - k };
            sweep.relax(l, &seps[l], &mut scratch);
        }
    }
    for (v, x) in x.iter_mut().enumerate() {
        *x = sweep.x[sweep.slot[v]];
    }
    let band_height: Vec<f64> = layers
        .iter()
        .map(|layer| layer.iter().map(|&v| g.height[v]).fold(0.0, f64::max))
        .collect();
    let mut band_top = Vec::with_capacity(layers.len());
    let mut y = 0.0;
    for h in &band_height {
        band_top.push(y);
        y += h + gap;
    }
    Placed {
        layers,
        x,
        band_top,
        band_height,
        gap,
    }
}

/// The vertices renumbered layer by layer, left to right (so that a sweep reads and
/// writes memory in order), with their neighbours and the weights of the edges to
/// them.
struct Sweep {
    /// The new number of each vertex.
    slot: Vec<usize>,
    /// The x of each slot.
    x: Vec<f64>,
    /// Where each layer's slots start, and where the last ends.
    layer_start: Vec<usize>,
    /// Where each slot's neighbours start in `neighbours`, and where the last's end.
    start: Vec<usize>,
    /// The neighbours of each slot, above then below, as slots, with edge weights.
    neighbours: Vec<(usize, f64)>,
}

impl Sweep {
    fn new(g: &Layered, layers: &[Vec<usize>], x: &[f64]) -> Sweep {
        let n = g.layer.len();
        let mut slot = vec![usize::MAX; n];
        let mut order = Vec::with_capacity(n);
        let mut layer_start = Vec::with_capacity(layers.len() + 1);
        for layer in layers {
            layer_start.push(order.len());
            for &v in layer {
                slot[v] = order.len();
                order.push(v);
            }
        }
        layer_start.push(order.len());
        // Vertices in no layer keep their place, after the others.
        for (v, s) in slot.iter_mut().enumerate() {
            if *s == usize::MAX {
                *s = order.len();
                order.push(v);
            }
        }
        let mut start = Vec::with_capacity(order.len() + 1);
        let mut neighbours = Vec::with_capacity(2 * g.down.total());
        for &v in &order {
            start.push(neighbours.len());
            for &u in g.up.row(v) {
                neighbours.push((slot[u], weight(g, u, v)));
            }
            for &u in g.down.row(v) {
                neighbours.push((slot[u], weight(g, v, u)));
            }
        }
        start.push(neighbours.len());
        Sweep {
            x: order.iter().map(|&v| x[v]).collect(),
            slot,
            layer_start,
            start,
            neighbours,
        }
    }

    /// Moves layer `l` to its best positions, the other layers fixed; `seps` are its
    /// separations.
    fn relax(&mut self, l: usize, seps: &[f64], s: &mut Scratch) {
        let slots = self.layer_start[l]..self.layer_start[l + 1];
        s.target.clear();
        s.weight.clear();
        for i in slots.clone() {
            let (mut sum_w, mut sum_wx) = (INERTIA, INERTIA * self.x[i]);
            for &(j, w) in &self.neighbours[self.start[i]..self.start[i + 1]] {
                sum_w += w;
                sum_wx += w * self.x[j];
            }
            s.target.push(sum_wx / sum_w);
            s.weight.push(sum_w);
        }
        pool(&s.target, &s.weight, seps, &mut s.out, &mut s.blocks);
        self.x[slots].copy_from_slice(&s.out);
    }
}

/// The least distance between the centres of each vertex of a layer and the next.
fn separations(g: &Layered, layer: &[usize]) -> Vec<f64> {
    layer
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let room = if g.is_dummy(a) && g.is_dummy(b) {
                DUMMY_GAP
            } else {
                NODE_GAP
            };
            g.width[a] / 2.0 + g.right_extra[a] + room + g.width[b] / 2.0
        })
        .collect()
}

/// The weight of the edge between a vertex and one in the layer below it.
fn weight(g: &Layered, above: usize, below: usize) -> f64 {
    let label = |v: usize| g.is_dummy(v) && g.width[v] > 0.0;
    match (g.is_dummy(above), g.is_dummy(below)) {
        (false, false) => 1.0,
        (true, true) => 8.0,
        (true, false) if label(above) => LABEL_BELOW,
        (false, true) if label(below) => LABEL_ABOVE,
        _ => 2.0,
    }
}

/// The pull between a label and the box right below it (the arguer, for a relation
/// one rank long), and the box right above it.
const LABEL_BELOW: f64 = 30.0;
const LABEL_ABOVE: f64 = 1.0;

/// Buffers reused between layers.
#[derive(Default)]
struct Scratch {
    target: Vec<f64>,
    weight: Vec<f64>,
    out: Vec<f64>,
    blocks: Vec<Block>,
}

/// A run of vertices that share one shift in [`pool`].
#[derive(Clone, Copy, Debug)]
struct Block {
    weight: f64,
    moment: f64,
    len: usize,
}

impl Block {
    fn mean(&self) -> f64 {
        self.moment / self.weight
    }
}

/// Positions `out` minimising the sum of `weight * (out - target)^2` subject to
/// `out[i + 1] - out[i] >= sep[i]`: an isotonic regression of `target[i]` minus the
/// running sum of the separations, by pooling adjacent violators.
fn pool(target: &[f64], weight: &[f64], sep: &[f64], out: &mut Vec<f64>, blocks: &mut Vec<Block>) {
    blocks.clear();
    let mut offset = 0.0;
    for (i, (&t, &w)) in target.iter().zip(weight).enumerate() {
        if i > 0 {
            offset += sep[i - 1];
        }
        let mut block = Block {
            weight: w,
            moment: w * (t - offset),
            len: 1,
        };
        while let Some(last) = blocks.last().copied().filter(|b| b.mean() > block.mean()) {
            blocks.pop();
            block = Block {
                weight: last.weight + block.weight,
                moment: last.moment + block.moment,
                len: last.len + block.len,
            };
        }
        blocks.push(block);
    }
    out.clear();
    let mut offset = 0.0;
    for block in blocks.iter() {
        for _ in 0..block.len {
            if let Some(&prev) = out.last() {
                offset += sep[out.len() - 1];
                // Rounding must not eat into the separation.
                out.push((block.mean() + offset).max(prev + sep[out.len() - 1]));
            } else {
                out.push(block.mean() + offset);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::csr::Csr;
    use super::*;

    #[test]
    fn pooling_keeps_separations_and_stays_close() {
        let (mut out, mut blocks) = (Vec::new(), Vec::new());
        pool(
            &[0.0, 0.0, 100.0],
            &[1.0; 3],
            &[10.0, 10.0],
            &mut out,
            &mut blocks,
        );
        assert_eq!(out, vec![-5.0, 5.0, 100.0]);
        pool(&[5.0, 0.0], &[3.0, 1.0], &[4.0], &mut out, &mut blocks);
        assert_eq!(out, vec![2.75, 6.75]);
    }

    #[test]
    fn a_parent_sits_over_its_children() {
        // Vertex 0 on top, 1 and 2 (100 wide) below it.
        let g = Layered {
            nodes: vec![0, 1, 2],
            layer: vec![0, 1, 1],
            width: vec![50.0, 100.0, 100.0],
            height: vec![30.0, 40.0, 20.0],
            right_extra: vec![0.0; 3],
            layer_count: 2,
            shapes: Vec::new(),
            down: Csr::new(3, &[(0, 1), (0, 2)]),
            up: Csr::new(3, &[(1, 0), (2, 0)]),
        };
        let p = place(&g, vec![vec![0], vec![1, 2]], 70.0);
        assert!((p.x[2] - p.x[1] - 124.0).abs() < 1e-9);
        assert!((p.x[0] - (p.x[1] + p.x[2]) / 2.0).abs() < 1e-6);
        assert_eq!(
            (&p.band_top, &p.band_height),
            (&vec![0.0, 100.0], &vec![30.0, 40.0])
        );
        assert_eq!(p.rect(&g, 2).y, 110.0);
    }
}
