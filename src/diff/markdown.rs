//! Markdown for a pull-request comment: a heading, a compact summary table (node and
//! edge counts, the verdict on every thesis before → after, how many verdicts moved),
//! the table of every verdict that moved with why, then the details in collapsed
//! `<details>` blocks (strength moves and grounded label changes, nodes, edges).
//!
//! Every piece of user text (node text, `by`, tags, sources, artifact paths, the side
//! names) is put on one line and escaped: `&`, `<` and `>` become entities, Markdown
//! punctuation (`\` `` ` `` `*` `_` `[` `]` `|` `~` `$`) is backslash-escaped, and `@`
//! before a name gets a zero-width space so that quoting a debate never mentions
//! anyone. IDs are safe in code spans (they are `[a-z0-9_-]`). Long texts are cut at
//! [`MAX_TEXT`] characters and long lists at [`MAX_ITEMS`] entries.
//!
//! Phase: diff (printing). Takes the [`DebateDiff`] only.

use std::fmt::Write;

use super::words::{self, one_line};
use super::{Change, DebateDiff, VerdictChange};
use crate::diagnostic::plural;
use crate::text::shorten;

/// User texts longer than this many characters are cut.
pub const MAX_TEXT: usize = 300;

/// Each details list shows at most this many entries.
pub const MAX_ITEMS: usize = 100;

use words::MINUS;

/// Renders the diff as Markdown, ending with a newline.
pub fn render(diff: &DebateDiff) -> String {
    let mut out = String::new();
    out.push_str("### crux diff");
    if !diff.old.name.is_empty() || !diff.new.name.is_empty() {
        let _ = write!(out, ": {} → {}", code(&diff.old.name), code(&diff.new.name));
    }
    out.push_str("\n\n");
    summary_table(diff, &mut out);
    notes(diff, &mut out);
    moved(diff, &mut out);
    verdict_details(diff, &mut out);
    node_details(diff, &mut out);
    edge_details(diff, &mut out);
    // Exactly one final newline.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn summary_table(diff: &DebateDiff, out: &mut String) {
    let s = &diff.summary;
    out.push_str("| | Change |\n|:--|:--|\n");
    let otherwise = diff
        .nodes
        .changed
        .iter()
        .filter(|c| c.changes.iter().any(|c| !matches!(c, Change::Text { .. })))
        .count();
    let nodes = counts(&[
        (s.nodes_added, "+"),
        (s.nodes_removed, MINUS),
        (s.nodes_renamed, " renamed"),
        (s.nodes_reworded, " reworded"),
        (otherwise, " otherwise changed"),
    ]);
    let edges = counts(&[
        (s.edges_added, "+"),
        (s.edges_removed, MINUS),
        (s.edges_reweighted, " reweighted"),
    ]);
    let _ = writeln!(out, "| Nodes | {nodes} |");
    let _ = writeln!(out, "| Edges | {edges} |");
    for t in &diff.verdicts.theses {
        let _ = writeln!(out, "| Thesis {} | {} |", ids(t), words::verdict_change(t));
    }
    if diff.verdicts.theses.is_empty() {
        out.push_str("| Theses | none on either side |\n");
    }
    let moved = match s.verdicts_moved {
        0 => "none".to_string(),
        n => n.to_string(),
    };
    let _ = writeln!(out, "| Verdicts moved | {moved} |");
    out.push('\n');
}

/// `+1 · −2 · 3 reworded`: a prefix sign or a suffix word per non-zero count.
fn counts(items: &[(usize, &str)]) -> String {
    let parts: Vec<String> = items
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| match *word {
            "+" | MINUS => format!("{word}{n}"),
            _ => format!("{n}{word}"),
        })
        .collect();
    if parts.is_empty() {
        "no changes".into()
    } else {
        parts.join(" · ")
    }
}

fn notes(diff: &DebateDiff, out: &mut String) {
    for (side, word) in [(&diff.old, "old"), (&diff.new, "new")] {
        if let Some(lost) = side.lost() {
            let _ = writeln!(
                out,
                "> **Warning:** the {word} version has {lost}; this diff covers what could \
                 be read (`crux check` names them).\n"
            );
        }
    }
    let c = diff.verdicts.converged;
    for (ok, word) in [(c.old, "old"), (c.new, "new")] {
        if !ok {
            let _ = writeln!(
                out,
                "> **Note:** DF-QuAD strengths did not converge on a cycle in the {word} \
                 version; its strengths are the last iteration's.\n"
            );
        }
    }
}

/// Every node whose verdict changed, with why, in the open.
fn moved(diff: &DebateDiff, out: &mut String) {
    let list = &diff.verdicts.moved;
    if list.is_empty() {
        return;
    }
    out.push_str("**Verdicts moved**\n\n| Node | Verdict | Why |\n|:--|:--|:--|\n");
    for v in list.iter().take(MAX_ITEMS) {
        let (Some(b), Some(a)) = (&v.before, &v.after) else {
            continue;
        };
        // The sentence is crux's own: IDs (safe in code spans), numbers and words.
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} |",
            ids(v),
            v.kind.keyword(),
            words::verdicts(b, a),
            words::reason(a)
        );
    }
    more(list.len(), out);
    out.push('\n');
}

/// The strength moves, and the grounded label changes for experts, collapsed.
fn verdict_details(diff: &DebateDiff, out: &mut String) {
    let v = &diff.verdicts;
    if v.moves.is_empty() && v.label_changes.is_empty() {
        return;
    }
    let summary = match (v.moves.len(), v.label_changes.len()) {
        (m, 0) => plural(m, "strength move"),
        (0, l) => plural(l, "grounded label change"),
        (m, l) => format!(
            "{}, {}",
            plural(m, "strength move"),
            plural(l, "grounded label change")
        ),
    };
    let _ = write!(out, "<details><summary>{summary}</summary>\n\n");
    if !v.moves.is_empty() {
        let _ = write!(
            out,
            "How strong (DF-QuAD), not whether it stands: the largest moves (at most {}, of {} \
             or more).\n\n| Node | Strength |\n|:--|:--|\n",
            super::TOP_MOVES,
            super::MIN_MOVE,
        );
        for r in &v.moves {
            let (Some(b), Some(a)) = (&r.before, &r.after) else {
                continue;
            };
            let _ = writeln!(
                out,
                "| {} ({}) | {} |",
                ids(r),
                r.kind.keyword(),
                words::strength_move(b.strength, a.strength),
            );
        }
    }
    let labels: Vec<String> = v
        .label_changes
        .iter()
        .take(MAX_ITEMS)
        .filter_map(|l| {
            let (b, a) = (l.before.as_ref()?, l.after.as_ref()?);
            Some(format!("{} {}", ids(l), words::labels(b, a)))
        })
        .collect();
    if !labels.is_empty() {
        if !v.moves.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Formal semantics (grounded labels, for experts): {}.",
            labels.join(", ")
        );
        more(v.label_changes.len(), out);
    }
    out.push_str("\n</details>\n\n");
}

fn node_details(diff: &DebateDiff, out: &mut String) {
    let n = &diff.nodes;
    let total = n.added.len() + n.removed.len() + n.renamed.len() + n.changed.len();
    if total == 0 {
        return;
    }
    let _ = write!(
        out,
        "<details><summary>Nodes: {}</summary>\n\n",
        words::node_counts(&diff.summary)
    );
    let mut items: Vec<String> = Vec::with_capacity(total);
    for a in &n.added {
        items.push(format!(
            "- **added** `{}` ({}): {}",
            a.id,
            a.kind.keyword(),
            statement(&a.text)
        ));
    }
    for r in &n.removed {
        items.push(format!(
            "- **removed** `{}` ({}): {}",
            r.id,
            r.kind.keyword(),
            statement(&r.text)
        ));
    }
    for r in &n.renamed {
        items.push(format!(
            "- **renamed** `{}` → `{}` ({}): {}",
            r.old_id,
            r.new_id,
            r.kind.keyword(),
            statement(&r.text)
        ));
    }
    for c in &n.changed {
        let mut said: Vec<String> = c
            .changes
            .iter()
            .filter_map(|ch| words::change(ch, &text, MINUS))
            .collect();
        let reworded = c.changes.iter().find_map(|ch| match ch {
            Change::Text { old, new } => Some((old, new)),
            _ => None,
        });
        let reworded = reworded.filter(|(old, new)| {
            let (what, show) = words::text_change(old, new);
            said.insert(0, format!("**{what}**"));
            show
        });
        let mut item = format!("- `{}` ({}): {}", c.id, c.kind.keyword(), said.join("; "));
        if let Some((old, new)) = reworded {
            let _ = write!(
                item,
                "\n  - was: {}\n  - now: {}",
                statement(old),
                statement(new)
            );
        }
        items.push(item);
    }
    list(&items, out);
    out.push_str("\n</details>\n\n");
}

fn edge_details(diff: &DebateDiff, out: &mut String) {
    let e = &diff.edges;
    let total = e.added.len() + e.removed.len() + e.reweighted.len();
    if total == 0 {
        return;
    }
    let _ = write!(
        out,
        "<details><summary>Edges: {}</summary>\n\n",
        words::edge_counts(&diff.summary)
    );
    let id = |s: &str| format!("`{s}`");
    let mut items = Vec::with_capacity(total);
    for a in &e.added {
        items.push(format!(
            "- **added** {} ({})",
            words::edge(&a.id, &id),
            a.weight
        ));
    }
    for r in &e.removed {
        items.push(format!(
            "- **removed** {} ({})",
            words::edge(&r.id, &id),
            r.weight
        ));
    }
    for r in &e.reweighted {
        items.push(format!(
            "- **reweighted** {}: {} → {}",
            words::edge(&r.id, &id),
            r.old_weight,
            r.new_weight
        ));
    }
    list(&items, out);
    out.push_str("\n</details>\n\n");
}

fn list(items: &[String], out: &mut String) {
    for item in items.iter().take(MAX_ITEMS) {
        out.push_str(item);
        out.push('\n');
    }
    more(items.len(), out);
}

fn more(total: usize, out: &mut String) {
    if total > MAX_ITEMS {
        let _ = writeln!(
            out,
            "\n… and {} more (`crux diff --format json` lists them all).",
            total - MAX_ITEMS
        );
    }
}

/// `` `id` ``, or `` `old` → `new` `` for a renamed node.
fn ids(v: &VerdictChange) -> String {
    if v.id == v.old_id {
        format!("`{}`", v.id)
    } else {
        format!("`{}` → `{}`", v.old_id, v.id)
    }
}

/// A side name in a code span when it has no backtick, escaped text otherwise.
fn code(s: &str) -> String {
    let line = one_line(s);
    if line.is_empty() || line.contains('`') {
        escape(&line)
    } else {
        format!("`{line}`")
    }
}

/// User text for Markdown: one line, at most [`MAX_TEXT`] characters, escaped.
fn text(s: &str) -> String {
    escape(&shorten(&one_line(s), MAX_TEXT))
}

/// A node's statement, as [`text`], or *(no text)* when its header could not be read.
fn statement(s: &str) -> String {
    match text(s) {
        t if t.is_empty() => "*(no text)*".into(),
        t => t,
    }
}

/// Escapes HTML and Markdown in one line of text (see the module docs).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '@' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                out.push_str("@\u{200B}");
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_markdown_and_mentions() {
        assert_eq!(
            escape("<b>a|b</b> `x` *y* @bob & [l](u)"),
            "&lt;b&gt;a\\|b&lt;/b&gt; \\`x\\` \\*y\\* @\u{200B}bob &amp; \\[l\\](u)"
        );
    }

    #[test]
    fn counts_skip_zeros() {
        assert_eq!(
            counts(&[(1, "+"), (0, MINUS), (2, " renamed")]),
            "+1 · 2 renamed"
        );
        assert_eq!(counts(&[(0, "+")]), "no changes");
    }
}
