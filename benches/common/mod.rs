//! A synthetic debate generator for the benchmarks.
//!
//! Deterministic from a seed (a tiny xorshift, no external crate). It writes `.crux`
//! text the way a real project looks: several files of about a thousand nodes, each
//! with front matter, section comments, a few theses, and claims, counters and evidence
//! in proportion 2:1:1. Every node has 1–3 relations (`supports`, `attacks`,
//! `contradicts`, `undercuts`) to earlier nodes, so everything reaches a thesis, and
//! carries weights, credences, tags, attributions, notes, sources and the odd `"""`
//! block or `# crux: allow(...)` suppression.
//!
//! The generated debate must check with zero errors. To keep it so by construction,
//! every node is on one *side* of the debate (pro or con, relative to the theses):
//! `supports` only links nodes of the same side and `attacks`/`contradicts` only nodes
//! of opposite sides. So supports never meet attacks on one target, supports (which
//! always point to earlier nodes) never form a cycle, and the attack graph is bipartite,
//! hence free of odd attack cycles. Evidence preferably supports a claim that has no
//! evidence below it yet, so that `unsupported-claim` warnings stay few, as in a
//! maintained project.

use std::fmt::Write as _;

/// Nodes per generated file, like a large real project split into files.
pub const PER_FILE: usize = 1000;
/// The benchmarks' seed: the same text on every run and machine.
pub const SEED: u64 = 20_260_101;

/// A xorshift64* generator: tiny, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, zero included).
    pub fn new(seed: u64) -> Self {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One generated file: its name (relative to the project root) and its text.
pub struct GenFile {
    /// E.g. `debate/part-007.crux`.
    pub name: String,
    /// The `.crux` text.
    pub text: String,
}

const WORDS: &[&str] = &[
    "gpu",
    "supply",
    "demand",
    "price",
    "mining",
    "training",
    "model",
    "compute",
    "cluster",
    "memory",
    "bandwidth",
    "power",
    "cooling",
    "datacenter",
    "research",
    "funding",
    "market",
    "crash",
    "boom",
    "bubble",
    "hardware",
    "software",
    "driver",
    "kernel",
    "tensor",
    "cuda",
    "vendor",
    "chip",
    "wafer",
    "fab",
    "yield",
    "latency",
    "throughput",
    "benchmark",
    "dataset",
    "paper",
    "lab",
    "startup",
    "investor",
    "revenue",
    "margin",
    "inventory",
    "shortage",
    "surplus",
    "resale",
    "cloud",
    "rental",
    "energy",
    "efficiency",
    "precision",
    "scaling",
];

const FILLER: &[&str] = &[
    "the", "a", "of", "for", "in", "that", "more", "less", "than", "after", "before", "and",
    "because", "which", "was", "is", "did", "not", "most", "some", "every", "early", "late",
];

const TAGS: &[&str] = &[
    "supply",
    "prices",
    "hardware",
    "history",
    "research",
    "economics",
    "energy",
    "software",
    "counterfactual",
    "market/gpu",
    "lab-notes",
    "v2.1",
];

const SOURCES: &[&str] = &[
    "https://example.org/reports/",
    "https://data.example.com/series/",
    "Annual report, section ",
    "Interview transcript, minute ",
    "Conference talk, slide ",
];

/// The four node kinds, as the generator picks them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Thesis,
    Claim,
    Counter,
    Evidence,
}

impl Kind {
    fn keyword(self) -> &'static str {
        match self {
            Kind::Thesis => "thesis",
            Kind::Claim => "claim",
            Kind::Counter => "counter",
            Kind::Evidence => "evidence",
        }
    }
}

/// What the generator remembers about an earlier node.
struct Meta {
    id: String,
    /// `true` for the side of the theses, `false` for the other.
    pro: bool,
    /// Has evidence below it through supports.
    backed: bool,
    /// The nodes this one supports (for propagating `backed`).
    supports: Vec<u32>,
}

/// Earlier nodes are picked mostly from the recent past, like an author who answers the
/// argument just above, and sometimes from anywhere, like a cross-reference.
const WINDOW: usize = 400;

struct Gen {
    rng: Rng,
    nodes: Vec<Meta>,
    /// Indices of nodes that can be supported or attacked, per side (`[con, pro]`).
    by_side: [Vec<u32>; 2],
    /// Claims and theses without evidence below them yet.
    unbacked: Vec<u32>,
    /// Plain relations written so far, `(from, to)`, for `undercuts`.
    inferences: Vec<(u32, u32)>,
}

impl Gen {
    /// An earlier node of the given side, not in `avoid`. With `fallback`, a node of the
    /// other side while this side has none.
    fn pick_from(&mut self, side: bool, fallback: bool, avoid: &[u32]) -> Option<u32> {
        let side = if fallback && self.by_side[side as usize].is_empty() {
            !side
        } else {
            side
        };
        let list = &self.by_side[side as usize];
        if list.is_empty() {
            return None;
        }
        for _ in 0..8 {
            let i = if self.rng.chance(85) {
                list.len() - 1 - self.rng.below(list.len().min(WINDOW))
            } else {
                self.rng.below(list.len())
            };
            let n = list[i];
            if !avoid.contains(&n) {
                return Some(n);
            }
        }
        None
    }

    /// A recent claim or thesis without evidence below it, removed from the list.
    fn take_unbacked(&mut self) -> Option<u32> {
        while !self.unbacked.is_empty() {
            let len = self.unbacked.len();
            let i = len - 1 - self.rng.below(len.min(WINDOW));
            let n = self.unbacked.swap_remove(i);
            if !self.nodes[n as usize].backed {
                return Some(n);
            }
        }
        None
    }

    fn mark_backed(&mut self, from: u32) {
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            let meta = &mut self.nodes[n as usize];
            if meta.backed && n != from {
                continue;
            }
            meta.backed = true;
            stack.extend(meta.supports.iter().copied());
        }
    }

    fn weight(&mut self, out: &mut String) {
        match self.rng.below(10) {
            0 | 1 => {}
            2 => {
                let _ = write!(out, " 0.{:02}", 5 + self.rng.below(90));
            }
            _ => {
                let _ = write!(out, " 0.{}", 1 + self.rng.below(9));
            }
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = if self.rng.chance(45) {
                self.rng.pick(FILLER)
            } else {
                self.rng.pick(WORDS)
            };
            if i == 0 {
                s.push_str(&w[..1].to_ascii_uppercase());
                s.push_str(&w[1..]);
            } else {
                s.push(' ');
                s.push_str(w);
            }
            if i > 2 && i + 3 < words && self.rng.chance(6) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }

    /// The node's statement, as a one-line string or a `"""` block.
    fn text(&mut self, out: &mut String) {
        if self.rng.chance(10) {
            out.push_str("\"\"\"\n");
            for _ in 0..2 + self.rng.below(3) {
                let words = 8 + self.rng.below(6);
                let line = self.sentence(words);
                let _ = writeln!(out, "    {line}");
            }
            out.push_str("    \"\"\"");
        } else {
            let words = 8 + self.rng.below(18);
            let mut s = self.sentence(words);
            if self.rng.chance(4) {
                s = format!(
                    "They called it \\\"{}\\\" at the time.",
                    s.trim_end_matches('.')
                );
            }
            let _ = write!(out, "\"{s}\"");
        }
    }

    fn id(&mut self, index: usize) -> String {
        let a = self.rng.pick(WORDS);
        let b = self.rng.pick(WORDS);
        if self.rng.chance(20) {
            format!("{a}-{b}-{index}")
        } else {
            format!("{a}_{b}_{index}")
        }
    }

    /// Writes `supports`/`attacks`/`contradicts` and records the relation.
    fn relation(&mut self, out: &mut String, me: u32, rel: &str, target: u32) {
        let _ = write!(out, "\n  {rel} {}", self.nodes[target as usize].id);
        self.weight(out);
        if self.rng.chance(3) {
            out.push_str("  # see the thread");
        }
        if rel != "contradicts" {
            self.inferences.push((me, target));
        }
        if rel == "supports" {
            self.nodes[me as usize].supports.push(target);
        }
    }

    /// Writes `undercuts A -> B` for a recent inference that does not involve `me`.
    fn undercut(&mut self, out: &mut String, me: u32) {
        for _ in 0..8 {
            let len = self.inferences.len();
            if len == 0 {
                return;
            }
            let (a, b) = self.inferences[len - 1 - self.rng.below(len.min(WINDOW))];
            if a == me || b == me {
                continue;
            }
            let (a, b) = (&self.nodes[a as usize].id, &self.nodes[b as usize].id);
            let _ = write!(out, "\n  undercuts {a} -> {b}");
            self.weight(out);
            return;
        }
    }

    /// Writes one node.
    fn node(&mut self, out: &mut String, index: usize, kind: Kind) {
        let me = index as u32;
        let id = self.id(index);
        if self.rng.chance(1) && kind == Kind::Claim {
            out.push_str("# crux: allow(unsupported-claim)\n");
        }
        let _ = write!(out, "{} {id}: ", kind.keyword());
        self.text(out);
        self.nodes.push(Meta {
            id,
            pro: true,
            backed: false,
            supports: Vec::new(),
        });
        let mut targets: Vec<u32> = vec![me];
        // The first relation fixes the node's side.
        let pro = match kind {
            Kind::Thesis => true,
            Kind::Claim => {
                let side = self.rng.chance(70);
                let t = self
                    .pick_from(side, true, &targets)
                    .expect("a thesis comes first");
                self.relation(out, me, "supports", t);
                targets.push(t);
                self.nodes[t as usize].pro
            }
            Kind::Counter => {
                let side = self.rng.chance(60);
                let t = self
                    .pick_from(side, true, &targets)
                    .expect("a thesis comes first");
                self.relation(out, me, "attacks", t);
                targets.push(t);
                !self.nodes[t as usize].pro
            }
            Kind::Evidence => {
                let t = match self.take_unbacked() {
                    Some(t) => t,
                    None => self
                        .pick_from(true, true, &targets)
                        .expect("a thesis comes first"),
                };
                self.relation(out, me, "supports", t);
                targets.push(t);
                self.nodes[t as usize].pro
            }
        };
        self.nodes[me as usize].pro = pro;
        if kind != Kind::Thesis {
            for _ in 0..self.rng.below(3) {
                self.extra_relation(out, me, kind, pro, &mut targets);
            }
        }
        self.attributes(out, kind, pro);
        out.push_str("\n\n");
        if kind == Kind::Evidence {
            self.mark_backed(me);
        } else if kind != Kind::Counter {
            self.unbacked.push(me);
        }
        if kind != Kind::Evidence || self.rng.chance(10) {
            self.by_side[pro as usize].push(me);
        }
    }

    fn extra_relation(
        &mut self,
        out: &mut String,
        me: u32,
        kind: Kind,
        pro: bool,
        t: &mut Vec<u32>,
    ) {
        let roll = self.rng.below(100);
        let (rel, side) = match kind {
            Kind::Claim if roll < 60 => ("supports", pro),
            Kind::Claim if roll < 80 => ("contradicts", !pro),
            Kind::Counter if roll < 50 => ("attacks", !pro),
            Kind::Counter if roll < 75 => ("contradicts", !pro),
            Kind::Evidence if roll < 60 => ("supports", pro),
            Kind::Evidence => ("attacks", !pro),
            _ => {
                self.undercut(out, me);
                return;
            }
        };
        if let Some(target) = self.pick_from(side, false, t) {
            self.relation(out, me, rel, target);
            t.push(target);
        }
    }

    fn attributes(&mut self, out: &mut String, kind: Kind, pro: bool) {
        if kind == Kind::Evidence {
            for _ in 0..1 + self.rng.below(2) {
                let s = self.rng.pick(SOURCES);
                let _ = write!(out, "\n  source \"{s}{}\"", self.rng.below(100_000));
            }
        }
        if self.rng.chance(30) || kind == Kind::Thesis {
            let _ = write!(out, "\n  credence 0.{:02}", 5 + self.rng.below(90));
        }
        if self.rng.chance(30) {
            let _ = write!(out, "\n  by \"reply {}\"", 1 + self.rng.below(500));
        }
        if self.rng.chance(40) {
            let n = 1 + self.rng.below(3);
            let mut tags: Vec<&str> = (0..n).map(|_| *self.rng.pick(TAGS)).collect();
            tags.sort_unstable();
            tags.dedup();
            let _ = write!(out, "\n  tags {}", tags.join(", "));
        }
        if kind == Kind::Thesis {
            out.push_str("\n  status open");
        } else if kind == Kind::Evidence && pro && self.rng.chance(5) {
            out.push_str("\n  status accepted");
        }
        if self.rng.chance(5) {
            let note = self.sentence(12);
            let _ = write!(out, "\n  note \"{note}\"");
        }
    }
}

/// Generates a debate of `nodes` nodes split into files of `per_file` nodes.
///
/// The same `(nodes, per_file, seed)` always gives the same text.
pub fn generate(nodes: usize, per_file: usize, seed: u64) -> Vec<GenFile> {
    let mut g = Gen {
        rng: Rng::new(seed),
        nodes: Vec::with_capacity(nodes),
        by_side: [Vec::new(), Vec::new()],
        unbacked: Vec::new(),
        inferences: Vec::new(),
    };
    // A few theses, spread over the debate: 3 for small debates, one per 2,000 nodes
    // for large ones.
    let theses = (nodes / 2000).clamp(3, 64).min(nodes);
    let thesis_at = |i: usize| i * nodes / theses;
    let mut next_thesis = 0;
    let mut files = Vec::new();
    let mut index = 0;
    while index < nodes {
        let part = files.len();
        let mut text = String::with_capacity(per_file * 260);
        let _ = write!(
            text,
            "---\ntitle: Synthetic debate, part {part}\ndescription: \"Generated for the crux benchmarks (seed {seed}).\"\n---\n\n"
        );
        let _ = writeln!(text, "# Part {part}: claims, counters and evidence.\n");
        let end = (index + per_file).min(nodes);
        while index < end {
            if index % 25 == 0 && index % per_file != 0 {
                let _ = writeln!(text, "# ---- section {} ----\n", index / 25);
            }
            let kind = if next_thesis < theses && index == thesis_at(next_thesis) {
                next_thesis += 1;
                Kind::Thesis
            } else {
                match g.rng.below(4) {
                    0 | 1 => Kind::Claim,
                    2 => Kind::Counter,
                    _ => Kind::Evidence,
                }
            };
            g.node(&mut text, index, kind);
            index += 1;
        }
        files.push(GenFile {
            name: format!("debate/part-{part:03}.crux"),
            text,
        });
    }
    files
}
