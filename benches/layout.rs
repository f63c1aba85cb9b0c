//! The scaling benchmark of the built-in layout (`crux::render::layout`): generated
//! argument graphs of 100, 1,000, 10,000 and 100,000 nodes, about two edges per node.
//!
//! Run with `cargo bench --bench layout`, or `cargo bench --bench layout -- 10000` for
//! the sizes named only. For each size it lays the graph out a number
//! of times and prints the median wall time, with the layer count, the crossings
//! between consecutive layers (long edges counted through their bends), the bend
//! points added, the edges reversed to break cycles and the sheet size. With
//! `CRUX_BENCH_WRITE=1` it also writes `claims/benchmarks/layout-scaling.csv`.
//! Without `--bench` (as under `cargo test --benches`) it lays out the smallest graph
//! once, as a smoke test.
//!
//! The graphs come from the same generator as `tests/layout.rs`: the first 2 % of the
//! nodes are theses (on top); every later node argues about one earlier node, and
//! with some probability about a second one; 10 % add a contradiction back, 10 % an
//! attack from an earlier node (both close cycles), 12 % an undercut of an earlier
//! edge, 1 % a self-attack. Boxes are 120–260 by 40–120 units, 70 % of the edges have
//! a label. Random graphs like these are much more tangled than real debates, so the
//! crossing counts are a worst case.

mod peer;

use std::hint::black_box;
use std::time::{Duration, Instant};

use crux::render::layout::{EdgeTarget, LayoutEdge, LayoutInput, layout_with_stats};

/// `(nodes, runs)`.
const SIZES: [(usize, usize); 4] = [(100, 21), (1_000, 11), (10_000, 5), (100_000, 3)];
/// The generator's seed.
const SEED: u64 = 2024;

/// A xorshift64* generator: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn size(&mut self, min: usize, max: usize) -> f64 {
        (min + self.below(max - min + 1)) as f64
    }
}

/// A random argument graph of `n` nodes (the generator of `tests/layout.rs`).
fn generate(n: usize, seed: u64) -> LayoutInput {
    let mut rng = Rng::new(seed);
    let theses = (n / 50).clamp(1, n.max(1));
    let nodes = (0..n)
        .map(|_| (rng.size(120, 260), rng.size(40, 120)))
        .collect();
    let mut edges: Vec<LayoutEdge> = Vec::new();
    let add = |edges: &mut Vec<LayoutEdge>, rng: &mut Rng, source: usize, target: EdgeTarget| {
        let label = rng.chance(70).then(|| (rng.size(24, 40), rng.size(14, 20)));
        edges.push(LayoutEdge {
            source,
            target,
            label,
        });
    };
    for t in 1..theses {
        if rng.chance(30) {
            let other = rng.below(t);
            add(&mut edges, &mut rng, t, EdgeTarget::Node(other));
        }
    }
    for i in theses..n {
        let target = rng.below(i);
        add(&mut edges, &mut rng, i, EdgeTarget::Node(target));
        if rng.chance(55) {
            let second = rng.below(i);
            add(&mut edges, &mut rng, i, EdgeTarget::Node(second));
        }
        if rng.chance(10) {
            add(&mut edges, &mut rng, target, EdgeTarget::Node(i));
        }
        if rng.chance(10) {
            let from = rng.below(i);
            add(&mut edges, &mut rng, from, EdgeTarget::Node(i));
        }
        if rng.chance(12) {
            let undercut = rng.below(edges.len());
            add(&mut edges, &mut rng, i, EdgeTarget::Edge(undercut));
        }
        if rng.chance(1) {
            add(&mut edges, &mut rng, i, EdgeTarget::Node(i));
        }
    }
    LayoutInput {
        nodes,
        top: (0..theses).collect(),
        edges,
    }
}

/// One row of the table.
struct Row {
    nodes: usize,
    edges: usize,
    median: Duration,
    runs: usize,
    layers: usize,
    crossings: u64,
    dummies: usize,
    reversed: usize,
    width: f64,
    height: f64,
}

fn measure(nodes: usize, runs: usize) -> Row {
    let input = generate(nodes, SEED);
    let mut times = Vec::with_capacity(runs);
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = black_box(layout_with_stats(black_box(&input)));
        times.push(start.elapsed());
        result = Some(out);
    }
    times.sort();
    let (layout, stats) = result.expect("at least one run");
    Row {
        nodes,
        edges: input.edges.len(),
        median: times[times.len() / 2],
        runs,
        layers: stats.layers,
        crossings: stats.crossings,
        dummies: stats.dummies,
        reversed: stats.reversed.len(),
        width: layout.width,
        height: layout.height,
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "{:>7} {:>7} {:>11} {:>5} {:>7} {:>10} {:>8} {:>9} {:>19}",
        "nodes",
        "edges",
        "median_ms",
        "runs",
        "layers",
        "crossings",
        "dummies",
        "reversed",
        "sheet"
    );
    for r in rows {
        println!(
            "{:>7} {:>7} {:>11.2} {:>5} {:>7} {:>10} {:>8} {:>9} {:>19}",
            r.nodes,
            r.edges,
            r.median.as_secs_f64() * 1e3,
            r.runs,
            r.layers,
            r.crossings,
            r.dummies,
            r.reversed,
            format!("{:.0} x {:.0}", r.width, r.height),
        );
    }
}

fn write_csv(rows: &[Row]) {
    let machine = peer::machine_and_compiler();
    let mut csv = String::from(
        "nodes,edges,median_ms,runs,layers,crossings,dummies,reversed,width,height,machine\n",
    );
    for r in rows {
        csv.push_str(&format!(
            "{},{},{:.2},{},{},{},{},{},{:.0},{:.0},{machine}\n",
            r.nodes,
            r.edges,
            r.median.as_secs_f64() * 1e3,
            r.runs,
            r.layers,
            r.crossings,
            r.dummies,
            r.reversed,
            r.width,
            r.height,
        ));
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/claims/benchmarks/layout-scaling.csv"
    );
    std::fs::write(path, csv).expect("cannot write the benchmark table");
    println!("wrote {path}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let full = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    // Sizes named on the command line (`cargo bench --bench layout -- 10000`), else all.
    let named: Vec<usize> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes: Vec<(usize, usize)> = if !full {
        vec![(SIZES[0].0, 1)]
    } else if named.is_empty() {
        SIZES.to_vec()
    } else {
        SIZES
            .iter()
            .copied()
            .filter(|(n, _)| named.contains(n))
            .collect()
    };
    let rows: Vec<Row> = sizes.iter().map(|&(n, runs)| measure(n, runs)).collect();
    print_table(&rows);
    if full && std::env::var("CRUX_BENCH_WRITE").is_ok_and(|v| v == "1") {
        write_csv(&rows);
    }
}
