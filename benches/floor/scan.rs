//! A bare scanner of one `.crux` file: about the least work that a checker does to
//! report claims with no evidence below them, the finding that fills the generated
//! debates' reports. `benches/e2e.rs` compiles it on its own (`rustc`, the standard
//! library only) and times it beside `crux check`, as a floor: no checker of that file
//! can do the job in much less.
//!
//! It reads the file, finds each node header and each `supports`, `attacks` and
//! `contradicts` line (with its weight), indexes the IDs, resolves the relations,
//! marks what evidence backs (up the `supports` lines), and writes one rustc-style
//! report per unbacked claim or thesis (unless `# crux: allow(unsupported-claim)` is
//! on the line above it), as `crux check` writes it. What it does not
//! do is most of what crux does: it checks no syntax (a line it does not know is
//! skipped), keeps no spans beyond the IDs', runs one rule of 27, and computes no
//! verdict.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a hash as fast as the short IDs need, from the standard library's parts.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Thesis,
    Claim,
    Counter,
    Evidence,
}

struct Node {
    /// The ID's byte range.
    id: (usize, usize),
    kind: Kind,
    /// Exempted by `# crux: allow(unsupported-claim)` on the line above.
    allowed: bool,
}

struct Edge {
    from: usize,
    /// The target's byte range.
    to: (usize, usize),
    supports: bool,
}

/// What the scan found: the report, and how many claims it names.
pub struct Scan {
    /// The reports and the summary line, as `crux check` prints them.
    pub report: String,
    /// The IDs of the claims and theses with no evidence below them, in file order.
    pub unbacked: Vec<String>,
}

/// Scans `text`, the file shown as `file`.
pub fn scan(file: &str, text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut nodes: Vec<Node> = Vec::with_capacity(bytes.len() / 256);
    let mut edges: Vec<Edge> = Vec::with_capacity(bytes.len() / 128);
    let mut line_starts: Vec<usize> = Vec::with_capacity(bytes.len() / 32);
    let mut pos = 0;
    let mut in_block = false;
    let mut in_front_matter = text.starts_with("---");
    let mut weights = 0.0;
    let mut allow = false;
    while pos < bytes.len() {
        line_starts.push(pos);
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| pos + i);
        let line = &text[pos..end];
        let next = end + 1;
        if in_front_matter {
            in_front_matter = pos == 0 || line.trim_end() != "---";
            pos = next;
            continue;
        }
        let quotes = line.matches("\"\"\"").count();
        if in_block {
            in_block = quotes.is_multiple_of(2);
            pos = next;
            continue;
        }
        in_block = !quotes.is_multiple_of(2);
        let allowed = std::mem::take(&mut allow);
        if line.starts_with("# crux: allow(") {
            allow = line.contains("unsupported-claim");
        }
        let word_end = line
            .bytes()
            .position(|b| !b.is_ascii_lowercase())
            .unwrap_or(line.len());
        let kind = match &line[..word_end] {
            "thesis" => Some(Kind::Thesis),
            "claim" => Some(Kind::Claim),
            "counter" => Some(Kind::Counter),
            "evidence" => Some(Kind::Evidence),
            _ => None,
        };
        if let Some(kind) = kind {
            let start = pos + word_end + 1;
            let id_end = line[word_end + 1..].find(':').map_or(end, |i| start + i);
            nodes.push(Node {
                id: (start, id_end),
                kind,
                allowed,
            });
        } else if !nodes.is_empty() {
            let rest = line.trim_start();
            let indent = line.len() - rest.len();
            let (keyword, after) = rest.split_once(' ').unwrap_or((rest, ""));
            if matches!(keyword, "supports" | "attacks" | "contradicts") {
                let start = pos + indent + keyword.len() + 1;
                let (target, weight) = after.split_once(' ').unwrap_or((after, ""));
                let weight = weight.trim().parse().unwrap_or(1.0);
                weights += weight;
                edges.push(Edge {
                    from: nodes.len() - 1,
                    to: (start, start + target.len()),
                    supports: keyword == "supports",
                });
            }
        }
        pos = next;
    }

    let id = |range: (usize, usize)| &text[range.0..range.1];
    let mut index: HashMap<&str, usize, BuildHasherDefault<Fnv>> =
        HashMap::with_capacity_and_hasher(nodes.len(), Default::default());
    for (i, node) in nodes.iter().enumerate() {
        index.entry(id(node.id)).or_insert(i);
    }
    // The `supports` lines from each node, as ranges of one list.
    let mut first = vec![0usize; nodes.len() + 1];
    let mut resolved = Vec::with_capacity(edges.len());
    let mut unknown = 0;
    for edge in &edges {
        match index.get(id(edge.to)) {
            Some(&to) if edge.supports => {
                first[edge.from + 1] += 1;
                resolved.push((edge.from, to));
            }
            Some(_) => {}
            None => unknown += 1,
        }
    }
    for i in 1..first.len() {
        first[i] += first[i - 1];
    }
    let mut fill = first.clone();
    let mut targets = vec![0usize; resolved.len()];
    for &(from, to) in &resolved {
        targets[fill[from]] = to;
        fill[from] += 1;
    }
    // Evidence backs what it supports, and so on up.
    let mut backed = vec![false; nodes.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.kind == Kind::Evidence {
            backed[i] = true;
            stack.push(i);
        }
    }
    while let Some(n) = stack.pop() {
        for &t in &targets[first[n]..first[n + 1]] {
            if !backed[t] {
                backed[t] = true;
                stack.push(t);
            }
        }
    }

    let mut report = String::with_capacity(nodes.len() * 64);
    let mut unbacked = Vec::new();
    for (node, _) in nodes
        .iter()
        .zip(&backed)
        .filter(|(n, b)| !**b && !n.allowed && matches!(n.kind, Kind::Claim | Kind::Thesis))
    {
        let (start, end) = node.id;
        let line = line_starts.partition_point(|&l| l <= start) - 1;
        let line_start = line_starts[line];
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let column = text[line_start..start].chars().count();
        let number = (line + 1).to_string();
        let pad = " ".repeat(number.len());
        // A line wider than crux's report (140 columns) is cut, as crux cuts it.
        let width = 140 - 3 - number.len();
        let mut source = &text[line_start..line_end];
        let mut cut = "";
        if source.len() > width {
            let mut at = width - 3;
            while !source.is_char_boundary(at) {
                at -= 1;
            }
            (source, cut) = (&source[..at], "...");
        }
        let kind = if node.kind == Kind::Thesis {
            "thesis"
        } else {
            "claim"
        };
        let name = &text[start..end];
        let _ = write!(
            report,
            "warning[unsupported-claim]: {kind} `{name}` has no evidence below it\n\
             {pad}--> {file}:{number}:{col}\n\
             {pad} |\n\
             {number} | {source}{cut}\n\
             {pad} | {indent}{carets} nothing supports this with evidence\n\
             {pad} |\n\
             help: add an `evidence` node with a `source` that supports it, directly or \
             through a supported claim\n\n",
            col = column + 1,
            indent = " ".repeat(column),
            carets = "^".repeat(name.chars().count()),
        );
        unbacked.push(name.to_string());
    }
    let _ = writeln!(
        report,
        "Found {} warnings, {unknown} unknown IDs (1 file, {} nodes, {} relations, weights {weights:.1}).",
        unbacked.len(),
        nodes.len(),
        edges.len()
    );
    Scan { report, unbacked }
}
