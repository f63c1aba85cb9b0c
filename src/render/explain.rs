//! The explanation of one node for a terminal: its verdict and why, then the tree of
//! supports, attacks, contradictions and undercuts under it, each node with its verdict
//! first and its DF-QuAD strength second, each in full once and afterwards as a
//! reference, then the node's grounded label (the formal semantics, for experts) and a
//! legend.
//!
//! Phase: render. A pure function of the graph and what the semantics say of it; `crux
//! explain` loads the debate and prints the result.

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::diagnostic::terminal::sanitize;
use crate::model::{ArgGraph, Relation};
use crate::semantics::carneades::{Verdict, VerdictOptions, Verdicts};
use crate::semantics::weighted::{MAX_ITERATIONS, Strengths};
use crate::semantics::{Arg, Labelling};
use crate::text::{number, shorten, strength};

/// Lines are fitted to this many columns (texts are shortened; URLs never are).
const WIDTH: usize = 100;

/// A child's text goes on a line of its own when less room than this is left beside it.
const MIN_TEXT: usize = 30;

/// One relation that bears on a node, seen from that node.
#[derive(Clone, Copy)]
struct Child {
    relation: Relation,
    /// The node at the other end.
    node: NodeIndex,
    /// The edge, so that a contradiction is not walked back the way it came.
    edge: EdgeIndex,
    weight: f64,
    /// For an undercut `A -> parent`: A.
    undercuts: Option<NodeIndex>,
}

/// What bears on `node`: supporters, then attackers and contradictors, then
/// undercutters of its incoming edges; the strongest (weight × strength) first in each
/// group. `via` is the edge that led here, skipped if it is a contradiction.
fn children(
    graph: &ArgGraph,
    strengths: &Strengths,
    node: NodeIndex,
    via: Option<EdgeIndex>,
) -> Vec<Child> {
    let g = &graph.graph;
    let incoming = g.edges_directed(node, Direction::Incoming).map(|e| Child {
        relation: e.weight().relation,
        node: e.source(),
        edge: e.id(),
        weight: e.weight().weight,
        undercuts: graph.inference(e.id()).map(|(a, _)| a),
    });
    // The other half of each contradiction this node makes (a self-contradiction
    // already came in).
    let outgoing = graph
        .outgoing(node, Relation::Contradicts)
        .filter(|e| e.target() != node)
        .map(|e| Child {
            relation: Relation::Contradicts,
            node: e.target(),
            edge: e.id(),
            weight: e.weight().weight,
            undercuts: None,
        });
    let mut list: Vec<Child> = incoming
        .chain(outgoing)
        .filter(|c| !(c.relation == Relation::Contradicts && Some(c.edge) == via))
        .collect();
    let group = |r: Relation| match r {
        Relation::Supports => 0,
        Relation::Attacks | Relation::Contradicts => 1,
        Relation::Undercuts => 2,
    };
    list.sort_by(|a, b| {
        let impact = |c: &Child| c.weight * strengths.of(c.node);
        group(a.relation)
            .cmp(&group(b.relation))
            .then(impact(b).total_cmp(&impact(a)))
            .then_with(|| g[a.node].id.cmp(&g[b.node].id))
    });
    list
}

/// A node whose children are being printed.
struct Frame {
    node: NodeIndex,
    children: Vec<Child>,
    next: usize,
    /// The tree drawing to the left of this node's children.
    prefix: String,
    /// The root is at depth 0.
    depth: usize,
}

/// How to render an explanation.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// ANSI colours.
    pub color: bool,
    /// Relations deeper than this are summarised as "… N more".
    pub depth: usize,
}

/// What the semantics say of the debate, as an explanation shows it.
#[derive(Clone, Copy, Debug)]
pub struct Judged<'a> {
    /// The verdict of every node.
    pub verdicts: &'a Verdicts,
    /// The settings the verdicts were computed with (the why sentences name them).
    pub verdict: &'a VerdictOptions,
    /// The DF-QuAD strength of every node.
    pub strengths: &'a Strengths,
    /// The grounded labelling, indexed as [`crate::semantics::Af::from_graph`] numbers
    /// arguments (by node index).
    pub labels: &'a Labelling,
}

/// The explanation of `root`: its verdict and why, the tree of everything that bears on
/// it, recursively, each node in full once and afterwards as a reference, its grounded
/// label, then a legend.
pub fn render(graph: &ArgGraph, root: NodeIndex, judged: &Judged<'_>, options: Options) -> String {
    let p = Painter {
        graph,
        judged,
        color: options.color,
    };
    let g = &graph.graph;
    let mut out = String::new();
    let root_node = &g[root];
    let judgement = judged.verdicts.get(root);
    let head = format!("{} ({})", root_node.id, root_node.kind.keyword());
    let why = judgement.why(graph, judged.verdict);
    let text_indent = " ".repeat(STATS_WIDTH);
    for (i, line) in wrap(&format!("{head} {why}"), WIDTH)
        .into_iter()
        .enumerate()
    {
        let line = match line.strip_prefix(&head) {
            // The node and its verdict, in colour.
            Some(rest) if i == 0 => {
                let verdict = judgement.verdict.word();
                let rest = rest
                    .strip_prefix(&format!(" {verdict}"))
                    .map(|r| format!(" {}{r}", p.verdict(judgement.verdict)))
                    .unwrap_or_else(|| rest.to_string());
                format!(
                    "{} ({}){rest}",
                    p.paint(&root_node.id, BOLD),
                    root_node.kind.keyword()
                )
            }
            _ if i == 0 => line,
            _ => format!("{text_indent}{line}"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    let mut text = wrap(&root_node.text, WIDTH - STATS_WIDTH).into_iter();
    let first = format!("{}{}", p.stats(root), text.next().unwrap_or_default());
    // No trailing blanks when the text was lost to a syntax error.
    out.push_str(first.trim_end());
    out.push('\n');
    for line in text {
        out.push_str(&format!("{text_indent}{line}\n"));
    }
    out.push_str(&p.provenance(root, &text_indent));
    let children = children(graph, judged.strengths, root, None);
    if children.is_empty() {
        out.push_str(&format!(
            "{text_indent}(nothing supports, attacks or undercuts it)\n"
        ));
    }
    walk(&p, root, children, options, &mut out);
    if !judged.strengths.converged {
        out.push_str(&format!(
            "note: on a cycle the strengths did not settle within {MAX_ITERATIONS} sweeps; \
             the last values are shown\n"
        ));
    }
    out.push_str(&format!(
        "formal semantics (grounded): {}\n",
        judged.labels.get(root.index() as Arg)
    ));
    out.push_str(&format!(
        "verdict: whether a node {}, {} or stays {} under its proof standard (Carneades)\n\
         strength: how strong a node is, 0 to 1 (DF-QuAD), not whether it stands; ×N: a relation's weight\n\
         grounded label: formal semantics for experts (Dung): IN accepted, OUT defeated, UNDEC undecided\n",
        p.verdict(Verdict::Stands),
        p.verdict(Verdict::Falls),
        p.verdict(Verdict::Open),
    ));
    out
}

/// The tree under `root`, depth first, with an explicit stack so that a deep chain
/// cannot overflow the call stack.
fn walk(
    p: &Painter<'_>,
    root: NodeIndex,
    children: Vec<Child>,
    options: Options,
    out: &mut String,
) {
    let g = &p.graph.graph;
    let text_indent = " ".repeat(STATS_WIDTH);
    // Printed with everything under it; on the path from the root.
    let mut expanded = vec![false; g.node_count()];
    let mut on_path = vec![false; g.node_count()];
    // Has a line of its own (so far): not counted again in a "… N more".
    let mut shown = vec![false; g.node_count()];
    let mut counter = Counter {
        seen: vec![0; g.node_count()],
        round: 0,
    };
    expanded[root.index()] = true;
    on_path[root.index()] = true;
    shown[root.index()] = true;
    let mut stack = vec![Frame {
        node: root,
        children,
        next: 0,
        prefix: String::new(),
        depth: 0,
    }];
    while let Some(top) = stack.last_mut() {
        let Some(&child) = top.children.get(top.next) else {
            on_path[top.node.index()] = false;
            stack.pop();
            continue;
        };
        top.next += 1;
        let last = top.next == top.children.len();
        let head = format!("{}{}", top.prefix, if last { "└─ " } else { "├─ " });
        let below = format!("{}{}", top.prefix, if last { "   " } else { "│  " });
        let depth = top.depth + 1;
        let n = child.node;
        let line = format!(
            "{}{head}{} ({}) {}",
            p.stats(n),
            p.paint(&g[n].id, BOLD),
            g[n].kind.keyword(),
            p.relation(&child, g[top.node].id.as_str()),
        );
        if on_path[n.index()] || expanded[n.index()] {
            let reference = if on_path[n.index()] {
                "↺ cycle, see above"
            } else {
                "↺ see above"
            };
            out.push_str(&format!("{line}  {reference}\n"));
            continue;
        }
        shown[n.index()] = true;
        let grandchildren = children_of(p, n, child.edge);
        // Text and sources hang under the node, beside the line to its children.
        let bar = if grandchildren.is_empty() {
            "   "
        } else {
            "│  "
        };
        out.push_str(&p.body(n, &line, &format!("{text_indent}{below}{bar}")));
        if grandchildren.is_empty() {
            expanded[n.index()] = true;
        } else if depth >= options.depth {
            // Not marked as expanded: it may still be shown in full nearer the root.
            let more = match counter.below(p, n, grandchildren, &shown) {
                Some(count) => count.to_string(),
                None => format!("over {COUNT_UP_TO}"),
            };
            out.push_str(&format!(
                "{text_indent}{below}└─ … {more} more (crux explain {})\n",
                g[n].id
            ));
        } else {
            expanded[n.index()] = true;
            on_path[n.index()] = true;
            stack.push(Frame {
                node: n,
                children: grandchildren,
                next: 0,
                prefix: below,
                depth,
            });
        }
    }
}

fn children_of(p: &Painter<'_>, node: NodeIndex, via: EdgeIndex) -> Vec<Child> {
    children(p.graph, p.judged.strengths, node, Some(via))
}

/// A "… N more" counts this many nodes at most (beyond, "over 1000"): a debate whose
/// many branches share one large sub-argument below the cut would otherwise be walked
/// once per branch.
const COUNT_UP_TO: usize = 1000;

/// Counts what `--depth` leaves out, with one mark per node and count (a number, so
/// that nothing is cleared between counts).
struct Counter {
    seen: Vec<u32>,
    round: u32,
}

impl Counter {
    /// How many nodes lie at or below `node`'s `children` that no line shows yet, each
    /// counted once however often it is reached (a cycle back to `node`, or to a node
    /// shown above, adds nothing); `None` past [`COUNT_UP_TO`].
    fn below(
        &mut self,
        p: &Painter<'_>,
        node: NodeIndex,
        children: Vec<Child>,
        shown: &[bool],
    ) -> Option<usize> {
        self.round += 1;
        let round = self.round;
        self.seen[node.index()] = round;
        let mut todo = children;
        let mut count = 0;
        while let Some(child) = todo.pop() {
            let i = child.node.index();
            if self.seen[i] == round || shown[i] {
                continue;
            }
            self.seen[i] = round;
            count += 1;
            if count > COUNT_UP_TO {
                return None;
            }
            todo.extend(children_of(p, child.node, child.edge));
        }
        Some(count)
    }
}

const BOLD: &str = "1";
const RED: &str = "31";
const GREEN: &str = "32";
const YELLOW: &str = "33";

/// The verdict and strength column: `stands 0.43  `.
const STATS_WIDTH: usize = 13;

/// Formats the parts of a line, in colour or not.
struct Painter<'a> {
    graph: &'a ArgGraph,
    judged: &'a Judged<'a>,
    color: bool,
}

impl Painter<'_> {
    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A verdict's word in its colour.
    fn verdict(&self, verdict: Verdict) -> String {
        let code = match verdict {
            Verdict::Stands => GREEN,
            Verdict::Falls => RED,
            Verdict::Open => YELLOW,
        };
        self.paint(verdict.word(), code)
    }

    /// `stands 0.43  `, padded to [`STATS_WIDTH`]: the verdict first, the strength
    /// second.
    fn stats(&self, n: NodeIndex) -> String {
        let verdict = self.judged.verdicts.verdict(n);
        format!(
            "{}{:pad$} {}  ",
            self.verdict(verdict),
            "",
            strength(self.judged.strengths.of(n)),
            pad = 6 - verdict.word().len()
        )
    }

    /// `supports ×0.6`, or `undercuts a -> b ×0.5`, coloured by effect.
    fn relation(&self, c: &Child, parent: &str) -> String {
        let (word, code) = match c.relation {
            Relation::Supports => ("supports".to_string(), GREEN),
            Relation::Attacks => ("attacks".to_string(), RED),
            Relation::Contradicts => ("contradicts".to_string(), RED),
            Relation::Undercuts => {
                let from = c.undercuts.map_or("?", |a| self.graph.graph[a].id.as_str());
                (format!("undercuts {from} -> {parent}"), RED)
            }
        };
        format!("{} ×{}", self.paint(&word, code), number(c.weight))
    }

    /// A node's line with its text beside it (or under it, if the line is long), then
    /// its sources at `indent`.
    fn body(&self, n: NodeIndex, line: &str, indent: &str) -> String {
        let text = words(&self.graph.graph[n].text).join(" ");
        let room = WIDTH.saturating_sub(line_width(line, self.color) + 2);
        // A node whose text was lost to a syntax error (an unclosed string) has none.
        let mut out = if text.is_empty() {
            format!("{line}\n")
        } else if room >= MIN_TEXT {
            format!("{line}: {}\n", shorten(&text, room))
        } else {
            let room = WIDTH.saturating_sub(indent.chars().count()).max(MIN_TEXT);
            format!("{line}\n{indent}{}\n", shorten(&text, room))
        };
        out.push_str(&self.provenance(n, indent));
        out
    }

    /// `source …  artifact …` under a node, as many to a line as fit, then, for
    /// evidence its data refutes, the expectation that fails; or nothing.
    fn provenance(&self, n: NodeIndex, indent: &str) -> String {
        let node = &self.graph.graph[n];
        let items: Vec<String> = node
            .sources
            .iter()
            .map(|(s, _)| {
                let s = sanitize(s);
                if s.starts_with("http://") || s.starts_with("https://") {
                    format!("source {s}")
                } else {
                    format!("source \"{s}\"")
                }
            })
            .chain(
                node.artifacts
                    .iter()
                    .map(|a| format!("artifact {}", sanitize(&a.path))),
            )
            .collect();
        // As many to a line as fit; a long URL stands alone, whole.
        let room = WIDTH.saturating_sub(indent.chars().count());
        let mut out = String::new();
        let mut line = String::new();
        for item in items {
            if !line.is_empty()
                && crate::text::columns(&line) + 2 + crate::text::columns(&item) > room
            {
                out.push_str(&format!("{indent}{line}\n"));
                line.clear();
            }
            if !line.is_empty() {
                line.push_str("  ");
            }
            line.push_str(&item);
        }
        if !line.is_empty() {
            out.push_str(&format!("{indent}{line}\n"));
        }
        // Evidence its own data refutes falls with nothing drawn against it: say why.
        // The values are the point, so the line wraps rather than shortens.
        if let Some(why) = &node.refuted {
            const LABEL: &str = "its data: ";
            let room = room.saturating_sub(LABEL.len()).max(MIN_TEXT);
            for (i, part) in wrap(why, room).iter().enumerate() {
                let label = match i {
                    0 => self.paint(LABEL, RED),
                    _ => " ".repeat(LABEL.len()),
                };
                out.push_str(&format!("{indent}{label}{part}\n"));
            }
        }
        out
    }
}

/// Columns a line takes on screen ([`crate::text::columns`]), not counting colour
/// codes.
fn line_width(line: &str, color: bool) -> usize {
    if !color {
        return crate::text::columns(line);
    }
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // Skip to the end of the escape sequence (`m`).
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    width
}

/// The words of a text, with line breaks and runs of spaces as single spaces, and
/// control characters made harmless as `check` shows them (no escape sequence reaches
/// the terminal).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| sanitize(w).into_owned())
        .collect()
}

/// The text in lines of at most `width` columns. A longer word is broken between
/// characters (Chinese and Japanese are written without spaces), except a URL, which
/// stands alone, whole.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let columns = crate::text::columns;
    let mut pieces = Vec::new();
    for word in words(text) {
        if columns(&word) <= width || word.contains("://") {
            pieces.push(word);
            continue;
        }
        let mut piece = String::new();
        for g in word.graphemes(true) {
            if !piece.is_empty() && columns(&piece) + columns(g) > width {
                pieces.push(std::mem::take(&mut piece));
            }
            piece.push_str(g);
        }
        pieces.push(piece);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in pieces {
        if !line.is_empty() && columns(&line) + 1 + columns(&word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::carneades::evaluate;
    use crate::semantics::weighted::dfquad;
    use crate::semantics::weighted::tests::graph;
    use crate::semantics::{Af, grounded};

    /// The explanation of `id` in the one-file debate `src`, with the default verdict
    /// settings.
    fn run(src: &str, id: &str, options: Options) -> String {
        run_on(&graph(src), id, options)
    }

    /// [`run`] on a graph already built.
    fn run_on(g: &ArgGraph, id: &str, options: Options) -> String {
        let verdict = VerdictOptions::default();
        let judged = Judged {
            verdicts: &evaluate(g, &verdict),
            verdict: &verdict,
            strengths: &dfquad(g),
            labels: &grounded(&Af::from_graph(g)),
        };
        render(g, g.index[id], &judged, options)
    }

    fn explain(src: &str, id: &str, color: bool) -> String {
        run(src, id, Options { color, depth: 8 })
    }

    /// A shared child (`survey`), a cycle (`isolation` and `tools`), a contradiction
    /// (`office`, not walked back to `commute`), an undercut, and a text too long for
    /// its line.
    const DEBATE: &str = r#"
thesis remote: "Remote work raises productivity."
claim focus: "Fewer interruptions at home."
  supports remote 0.8
claim commute: "No commute leaves more time for work."
  supports remote 0.5
counter office: "People put in longer hours at the office."
  contradicts commute 0.2
evidence survey: "A survey of 2,000 workers found fewer interruptions and no commute."
  supports focus 0.7
  supports commute 0.6
  source "https://example.org/survey"
  artifact "survey.csv"
counter isolation: "Isolation hurts collaboration."
  attacks remote 0.6
  attacks tools 0.3
claim tools: "Chat tools replace hallway talk, so nobody working from home is cut off from the team."
  attacks isolation 0.5
claim distractions: "Home has distractions of its own."
  undercuts focus -> remote 0.4
"#;

    #[test]
    fn renders_the_tree_under_a_node() {
        // Strengths by hand: survey 0.9; focus 0.5 + 0.5 × 0.7 × 0.9 = 0.815.
        // commute ↔ office: σc = 0.5 + 0.5 (0.54 − 0.2 σo), σo = 0.5 − 0.1 σc,
        // so σc = 0.72 / 0.99 = 0.727 and σo = 0.427.
        // isolation ↔ tools: σi = 0.5 − 0.25 σt, σt = 0.5 − 0.15 σi,
        // so σi = 0.375 / 0.9625 = 0.390 and σt = 0.442.
        // remote: focus→remote weighs 0.8 × (1 − 0.5 × 0.4) = 0.64;
        // vs = 1 − (1 − 0.64 × 0.815)(1 − 0.5 × 0.727) = 0.6956, va = 0.6 × 0.390 = 0.2338,
        // σ = 0.5 + 0.5 × (0.6956 − 0.2338) = 0.731.
        // Verdicts by hand (preponderance): survey is a premise (0.9), unattacked:
        // stands. focus (survey 0.7) and commute (survey 0.6) stand: office, their only
        // opponent, has no pro argument, so it never stands and its contradiction never
        // applies; commute's contradiction of office applies, so office falls (0.2 > 0).
        // isolation and tools have no pro argument and attack only each other: open.
        // distractions has none either: open, so its undercut does not apply.
        // remote: focus (0.8) and commute (0.5) apply, isolation does not: it stands on
        // focus, unopposed (the sentence says why isolation's attack does not apply).
        // Grounded: isolation and tools attack each other (UNDEC), so remote, attacked by
        // isolation, is UNDEC.
        let expected = "\
remote (thesis) stands: `focus` (0.8) supports it, unopposed (its one attacker `isolation` does not
             stand), under preponderance
stands 0.73  Remote work raises productivity.
stands 0.82  ├─ focus (claim) supports ×0.8: Fewer interruptions at home.
stands 0.90  │  └─ survey (evidence) supports ×0.7: A survey of 2,000 workers found fewer…
             │        source https://example.org/survey  artifact survey.csv
stands 0.73  ├─ commute (claim) supports ×0.5: No commute leaves more time for work.
stands 0.90  │  ├─ survey (evidence) supports ×0.6  ↺ see above
falls  0.43  │  └─ office (counter) contradicts ×0.2: People put in longer hours at the office.
open   0.39  ├─ isolation (counter) attacks ×0.6: Isolation hurts collaboration.
open   0.44  │  └─ tools (claim) attacks ×0.5: Chat tools replace hallway talk, so nobody working…
open   0.39  │     └─ isolation (counter) attacks ×0.3  ↺ cycle, see above
open   0.50  └─ distractions (claim) undercuts focus -> remote ×0.4: Home has distractions of its…
formal semantics (grounded): UNDEC
verdict: whether a node stands, falls or stays open under its proof standard (Carneades)
strength: how strong a node is, 0 to 1 (DF-QuAD), not whether it stands; ×N: a relation's weight
grounded label: formal semantics for experts (Dung): IN accepted, OUT defeated, UNDEC undecided
";
        assert_eq!(explain(DEBATE, "remote", false), expected);
    }

    #[test]
    fn a_deep_node_gets_its_text_on_a_line_of_its_own() {
        let src = "thesis t: \"t\"\n\
                   evidence a_very_long_identifier_for_a_piece_of_evidence: \"A fact.\"\n  \
                   supports t 0.2\n  source \"Somebody's notebook\"\n";
        // t: 0.5 + 0.5 × 0.2 × 0.9 = 0.59; it stands on the evidence, unopposed, and the
        // sentence that says so is too long for one line.
        let expected = "\
t (thesis) stands: `a_very_long_identifier_for_a_piece_of_evidence` (0.2) supports it, unopposed,
             under preponderance
stands 0.59  t
stands 0.90  └─ a_very_long_identifier_for_a_piece_of_evidence (evidence) supports ×0.2
                   A fact.
                   source \"Somebody's notebook\"
formal semantics (grounded): IN
verdict: whether a node stands, falls or stays open under its proof standard (Carneades)
strength: how strong a node is, 0 to 1 (DF-QuAD), not whether it stands; ×N: a relation's weight
grounded label: formal semantics for experts (Dung): IN accepted, OUT defeated, UNDEC undecided
";
        assert_eq!(explain(src, "t", false), expected);
    }

    #[test]
    fn evidence_its_data_refutes_says_why_under_its_line() {
        let src = "thesis t: \"t\"\nevidence e: \"e\"\n  supports t 0.5\n  source \"s\"\n";
        let mut g = graph(src);
        let e = g.index["e"];
        g.graph[e].refuted = Some(
            "`max(median_ms where nodes == 10000) < 50` fails: \
             max(value(median_ms, where nodes == 10000)) 61.5 >= 50"
                .into(),
        );
        let options = Options {
            color: false,
            depth: 8,
        };
        let out = run_on(&g, "t", options);
        // Under the evidence, after its source: the failing expectation and its values,
        // wrapped (not cut) to the 100 columns, the second line under the first's text.
        let expected = "\
falls  0.00  └─ e (evidence) supports ×0.5: e
                   source \"s\"
                   its data: `max(median_ms where nodes == 10000) < 50` fails: max(value(median_ms,
                             where nodes == 10000)) 61.5 >= 50
";
        assert!(out.contains(expected), "{out}");
    }

    #[test]
    fn a_node_that_falls_names_the_argument_that_decides_it() {
        // `e` is a premise (0.9) that stands, so its attack (0.7) applies and outweighs
        // the thesis; `c` has no pro argument, so it is open and its support (0.9) does
        // not apply: the thesis falls on `e` alone.
        let src = "thesis t: \"t\"\n\
                   claim c: \"c\"\n  supports t 0.9\n\
                   evidence e: \"e\"\n  attacks t 0.7\n  source \"s\"\n";
        let out = explain(src, "t", false);
        assert!(
            out.starts_with(
                "t (thesis) falls: `e` (0.7) attacks it, unopposed (its one supporter `c` does \
                 not stand), under\n             preponderance\nfalls  "
            ),
            "{out}"
        );
        assert!(
            out.contains("\nopen   0.50  ├─ c (claim) supports ×0.9: c\n"),
            "{out}"
        );
        assert!(
            out.contains("\nstands 0.90  └─ e (evidence) attacks ×0.7: e\n"),
            "{out}"
        );
    }

    /// Chinese and Japanese characters take two columns: their texts are cut to the
    /// same 100 columns as others.
    #[test]
    fn wide_characters_count_two_columns() {
        let wide = "人工智能可以帮助教师根据每个学生的学习进度调整教学内容".repeat(4);
        let src = format!("thesis t: \"{wide}\"\nclaim c: \"{wide}\"\n  supports t\n  by \"x\"\n");
        let out = explain(&src, "t", false);
        for line in out.lines() {
            assert!(
                crate::text::columns(line) <= 100,
                "{} columns: {line}",
                crate::text::columns(line)
            );
        }
        assert!(out.contains('…'), "{out}");
    }

    #[test]
    fn a_node_without_text_gets_no_colon() {
        // `a`'s string is never closed: the node is kept, its text is lost.
        let src = "thesis t: \"T.\"\nclaim a: \"unclosed\n  supports t 0.5\n";
        let out = explain(src, "t", false);
        assert!(
            out.contains("└─ a (claim) supports ×0.5\nformal semantics"),
            "{out}"
        );
        // The same at the root: its line ends after the strength.
        let out = explain("thesis t: \"unclosed\n", "t", false);
        assert!(out.contains("\nopen   0.50\n"), "{out:?}");
    }

    #[test]
    fn counts_what_lies_deeper_than_asked() {
        let options = Options {
            color: false,
            depth: 1,
        };
        let out = run(DEBATE, "remote", options);
        let expected = "\
stands 0.82  ├─ focus (claim) supports ×0.8: Fewer interruptions at home.
             │  └─ … 1 more (crux explain focus)
stands 0.73  ├─ commute (claim) supports ×0.5: No commute leaves more time for work.
             │  └─ … 2 more (crux explain commute)
";
        assert!(out.contains(expected), "{out}");
    }

    #[test]
    fn counts_every_node_below_the_cut_once() {
        // A chain c0 ← c1 ← … ← c9, and c5 also supported by c9: under c2 lie c3 to c9.
        let mut src = String::from("thesis c0: \"C0.\"\n");
        for i in 1..10 {
            src.push_str(&format!("claim c{i}: \"C{i}.\"\n  supports c{}\n", i - 1));
        }
        src.push_str("  supports c5\n");
        let options = Options {
            color: false,
            depth: 2,
        };
        let out = run(&src, "c0", options);
        assert!(out.contains("└─ … 7 more (crux explain c2)"), "{out}");
    }

    #[test]
    fn counts_only_what_no_line_shows() {
        // `c` is reached twice; below it lie `t` (the root), `a` and `b` (shown at
        // depth 1) and `e`: only `e` is left out, whichever way `c` is reached.
        let src = "thesis t: \"T\"\nclaim a: \"A\"\n  supports t\nclaim b: \"B\"\n  attacks a\n\
                   counter c: \"C\"\n  contradicts t\n  undercuts a -> t 0.5\n\
                   evidence e: \"E\"\n  source \"s\"\n  supports c\n";
        let options = Options {
            color: false,
            depth: 1,
        };
        let out = run(src, "t", options);
        assert_eq!(out.matches("… 1 more (crux explain c)").count(), 2, "{out}");
        assert!(!out.contains("… 4 more"), "{out}");
    }

    #[test]
    fn a_large_count_stops_at_its_limit() {
        let mut src = String::from("thesis c0: \"C0.\"\n");
        for i in 1..1100 {
            src.push_str(&format!("claim c{i}: \"C{i}.\"\n  supports c{}\n", i - 1));
        }
        let options = Options {
            color: false,
            depth: 1,
        };
        let out = run(&src, "c0", options);
        assert!(
            out.contains("└─ … over 1000 more (crux explain c1)"),
            "{out}"
        );
    }

    #[test]
    fn colours_only_when_asked() {
        assert!(!explain(DEBATE, "remote", false).contains('\x1b'));
        let colored = explain(DEBATE, "remote", true);
        assert!(colored.contains("\x1b[32msupports\x1b[0m ×0.8"));
        assert!(colored.contains("\x1b[31mattacks\x1b[0m ×0.6"));
        assert!(colored.starts_with(
            "\x1b[1mremote\x1b[0m (thesis) \x1b[32mstands\x1b[0m: `focus` (0.8) supports it"
        ));
        assert!(colored.contains("\n\x1b[32mstands\x1b[0m 0.90  │"));
        assert!(colored.contains("\n\x1b[31mfalls\x1b[0m  0.43  │"));
        assert!(colored.contains("\n\x1b[33mopen\x1b[0m   0.39  ├─"));
    }
}
