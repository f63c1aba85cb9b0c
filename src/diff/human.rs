//! The terminal listing: counts, the theses' verdicts, every verdict that moved (with
//! why), then every node and edge change, one per line (`+` added, `-` removed, `~`
//! changed), the largest strength moves, and the grounded label changes on one line
//! for experts.
//!
//! User text is put on one line with control characters dropped, so a debate cannot
//! send escape sequences to the terminal.
//!
//! Phase: diff (printing). Takes the [`DebateDiff`] only.

use std::fmt::Write;

use super::words::{self, one_line};
use super::{Change, DebateDiff, VerdictChange};

/// Renders the diff for a terminal, ending with a newline.
pub fn render(diff: &DebateDiff) -> String {
    let mut out = String::new();
    if !diff.old.name.is_empty() || !diff.new.name.is_empty() {
        let _ = writeln!(
            out,
            "crux diff: {} → {}",
            one_line(&diff.old.name),
            one_line(&diff.new.name)
        );
    }
    let _ = writeln!(out, "Nodes: {}", words::node_counts(&diff.summary));
    let _ = writeln!(out, "Edges: {}", words::edge_counts(&diff.summary));
    theses(diff, &mut out);
    moved(diff, &mut out);
    nodes(diff, &mut out);
    edges(diff, &mut out);
    strength_moves(diff, &mut out);
    label_changes(diff, &mut out);
    let c = diff.verdicts.converged;
    for (ok, word) in [(c.old, "old"), (c.new, "new")] {
        if !ok {
            let _ = writeln!(
                out,
                "\nnote: DF-QuAD strengths did not converge on a cycle in the {word} version"
            );
        }
    }
    out
}

fn theses(diff: &DebateDiff, out: &mut String) {
    let list = &diff.verdicts.theses;
    if list.is_empty() {
        out.push_str("\nTheses: none on either side\n");
        return;
    }
    out.push_str("\nTheses\n");
    let width = list
        .iter()
        .map(|t| ids(t).chars().count())
        .max()
        .unwrap_or(0);
    for t in list {
        let _ = writeln!(out, "  {:width$}  {}", ids(t), words::verdict_change(t));
    }
}

fn nodes(diff: &DebateDiff, out: &mut String) {
    let n = &diff.nodes;
    if n.added.is_empty() && n.removed.is_empty() && n.renamed.is_empty() && n.changed.is_empty() {
        return;
    }
    out.push_str("\nNodes\n");
    for a in &n.added {
        let _ = writeln!(
            out,
            "  + {} {} ({}:{})\n      {}",
            a.kind.keyword(),
            a.id,
            a.file,
            a.line,
            quoted(&a.text)
        );
    }
    for r in &n.removed {
        let _ = writeln!(
            out,
            "  - {} {} ({}:{})\n      {}",
            r.kind.keyword(),
            r.id,
            r.file,
            r.line,
            quoted(&r.text)
        );
    }
    for r in &n.renamed {
        let _ = writeln!(
            out,
            "  ~ {} {} renamed to {}",
            r.kind.keyword(),
            r.old_id,
            r.new_id
        );
    }
    for c in &n.changed {
        let mut said: Vec<String> = c
            .changes
            .iter()
            .filter_map(|ch| words::change(ch, &one_line, "-"))
            .collect();
        let reworded = c.changes.iter().find_map(|ch| match ch {
            Change::Text { old, new } => Some((old, new)),
            _ => None,
        });
        let reworded = reworded.filter(|(old, new)| {
            let (what, show) = words::text_change(old, new);
            said.insert(0, what);
            show
        });
        let _ = writeln!(
            out,
            "  ~ {} {} ({}:{}): {}",
            c.kind.keyword(),
            c.id,
            c.file,
            c.line,
            said.join("; ")
        );
        if let Some((old, new)) = reworded {
            let _ = writeln!(
                out,
                "      was: {}\n      now: {}",
                quoted(old),
                quoted(new)
            );
        }
    }
}

fn edges(diff: &DebateDiff, out: &mut String) {
    let e = &diff.edges;
    if e.added.is_empty() && e.removed.is_empty() && e.reweighted.is_empty() {
        return;
    }
    out.push_str("\nEdges\n");
    let id = |s: &str| s.to_string();
    for a in &e.added {
        let _ = writeln!(out, "  + {} ({})", words::edge(&a.id, &id), a.weight);
    }
    for r in &e.removed {
        let _ = writeln!(out, "  - {} ({})", words::edge(&r.id, &id), r.weight);
    }
    for r in &e.reweighted {
        let _ = writeln!(
            out,
            "  ~ {}: weight {} → {}",
            words::edge(&r.id, &id),
            r.old_weight,
            r.new_weight
        );
    }
}

/// Every node whose verdict changed: `id  old → new: why`.
fn moved(diff: &DebateDiff, out: &mut String) {
    let list = &diff.verdicts.moved;
    if list.is_empty() {
        out.push_str("\nVerdicts moved: none\n");
        return;
    }
    out.push_str("\nVerdicts moved\n");
    let width = list
        .iter()
        .map(|v| ids(v).chars().count())
        .max()
        .unwrap_or(0);
    for v in list {
        let (Some(b), Some(a)) = (&v.before, &v.after) else {
            continue;
        };
        let _ = writeln!(out, "  {:width$}  {} → {}", ids(v), b.verdict, a.why);
    }
}

/// The largest strength moves: how strong, not whether.
fn strength_moves(diff: &DebateDiff, out: &mut String) {
    let list = &diff.verdicts.moves;
    if list.is_empty() {
        return;
    }
    out.push_str("\nStrength moves (DF-QuAD, how strong)\n");
    let width = list
        .iter()
        .map(|v| ids(v).chars().count())
        .max()
        .unwrap_or(0);
    for r in list {
        let (Some(b), Some(a)) = (&r.before, &r.after) else {
            continue;
        };
        let _ = writeln!(
            out,
            "  {:width$}  {}",
            ids(r),
            words::strength_move(b.strength, a.strength),
        );
    }
}

/// The grounded label changes, on one line marked as the experts' view.
fn label_changes(diff: &DebateDiff, out: &mut String) {
    let items: Vec<String> = diff
        .verdicts
        .label_changes
        .iter()
        .filter_map(|v| {
            let (b, a) = (v.before.as_ref()?, v.after.as_ref()?);
            Some(format!("{} {}", ids(v), words::labels(b, a)))
        })
        .collect();
    if !items.is_empty() {
        let _ = writeln!(
            out,
            "\nFormal semantics (grounded labels, for experts): {}",
            items.join(", ")
        );
    }
}

/// `id`, or `old → new` for a renamed node.
fn ids(v: &VerdictChange) -> String {
    if v.id == v.old_id {
        v.id.clone()
    } else {
        format!("{} → {}", v.old_id, v.id)
    }
}

/// The text in quotes, or `(no text)` when the header could not be read.
fn quoted(s: &str) -> String {
    match one_line(s) {
        t if t.is_empty() => "(no text)".into(),
        t => format!("\"{t}\""),
    }
}
