//! The wording shared by the human and Markdown printers: verdict pairs, counts,
//! attribute changes and edges. User text goes through the caller's escaping function.
//!
//! Phase: diff (printing). Takes the diff's data only.

use super::{Change, EdgeId, MIN_MOVE, Standing, Summary, VerdictChange};
use crate::model::Relation;
use crate::text::{STRENGTH_DECIMALS, fixed, strength};

/// A strength before and after, `0.30 → 0.42`, with as few decimals (2, as every output
/// writes a strength, to 4) as shows them apart; just the new value when it moved by less
/// than [`MIN_MOVE`].
pub(super) fn strengths(before: f64, after: f64) -> String {
    match apart(before, after) {
        Some(digits) => format!("{} → {}", fixed(before, digits), fixed(after, digits)),
        None => strength(after),
    }
}

/// The decimals that show two strengths apart (from 2 to 4), or `None` when they moved
/// by less than [`MIN_MOVE`].
fn apart(before: f64, after: f64) -> Option<u8> {
    if (after - before).abs() < MIN_MOVE {
        return None;
    }
    (STRENGTH_DECIMALS..4)
        .find(|&digits| fixed(before, digits) != fixed(after, digits))
        .or(Some(4))
}

/// A strength move as [`strengths`] writes it, with the difference of the two values
/// as written: `0.86 → 0.73 (−0.13)`, so that the numbers a reader sees add up.
pub(super) fn strength_move(before: f64, after: f64) -> String {
    let Some(digits) = apart(before, after) else {
        return strength(after);
    };
    let shown = |x: f64| fixed(x, digits).parse::<f64>().unwrap_or(x);
    let delta = shown(after) - shown(before);
    let magnitude = format!("{:.*}", usize::from(digits), delta.abs());
    let sign = if delta < 0.0 { MINUS } else { "+" };
    format!(
        "{} → {} ({sign}{magnitude})",
        fixed(before, digits),
        fixed(after, digits)
    )
}

/// The minus sign of a signed difference.
pub(super) const MINUS: &str = "\u{2212}";

/// A node on one side: `stands (0.42)`.
pub(super) fn standing(s: &Standing) -> String {
    format!("{} ({})", s.verdict, strength(s.strength))
}

/// A verdict before and after, with the strength second: `open → stands (0.30 →
/// 0.42)`, `stands (0.30 → 0.42)`, `stands (0.50), unchanged`, `new: stands (0.42)`,
/// `removed (was stands, 0.30)`.
pub(super) fn verdict_change(v: &VerdictChange) -> String {
    match (&v.before, &v.after) {
        (Some(b), Some(a)) => {
            if !v.changed() {
                return format!("{}, unchanged", standing(a));
            }
            format!("{} ({})", verdicts(b, a), strengths(b.strength, a.strength))
        }
        (None, Some(a)) => format!("new: {}", standing(a)),
        (Some(b), None) => format!("removed (was {}, {})", b.verdict, strength(b.strength)),
        (None, None) => String::new(),
    }
}

/// `open → stands`, or `stands` when the verdict stayed.
pub(super) fn verdicts(b: &Standing, a: &Standing) -> String {
    if b.verdict == a.verdict {
        a.verdict.to_string()
    } else {
        format!("{} → {}", b.verdict, a.verdict)
    }
}

/// `OUT → IN`, or `IN` when the label stayed.
pub(super) fn labels(b: &Standing, a: &Standing) -> String {
    if b.label == a.label {
        a.label.to_string()
    } else {
        format!("{} → {}", b.label, a.label)
    }
}

/// Why a node's new verdict is what it is, without the verdict the sentence starts
/// with: "`a` (0.8) outweighs `b` (0.5) under preponderance".
pub(super) fn reason(s: &Standing) -> &str {
    s.why
        .strip_prefix(s.verdict.word())
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(&s.why)
}

/// The node counts in words: `1 added, 2 removed, 1 renamed, 3 changed (1 reworded)`.
pub(super) fn node_counts(s: &Summary) -> String {
    let mut parts = Vec::new();
    if s.nodes_added > 0 {
        parts.push(format!("{} added", s.nodes_added));
    }
    if s.nodes_removed > 0 {
        parts.push(format!("{} removed", s.nodes_removed));
    }
    if s.nodes_renamed > 0 {
        parts.push(format!("{} renamed", s.nodes_renamed));
    }
    if s.nodes_changed > 0 {
        let reworded = match s.nodes_reworded {
            0 => String::new(),
            n => format!(" ({n} reworded)"),
        };
        parts.push(format!("{} changed{reworded}", s.nodes_changed));
    }
    or_none(parts)
}

/// The edge counts in words: `2 added, 1 removed, 1 reweighted`.
pub(super) fn edge_counts(s: &Summary) -> String {
    let mut parts = Vec::new();
    if s.edges_added > 0 {
        parts.push(format!("{} added", s.edges_added));
    }
    if s.edges_removed > 0 {
        parts.push(format!("{} removed", s.edges_removed));
    }
    if s.edges_reweighted > 0 {
        parts.push(format!("{} reweighted", s.edges_reweighted));
    }
    or_none(parts)
}

fn or_none(parts: Vec<String>) -> String {
    if parts.is_empty() {
        "no changes".into()
    } else {
        parts.join(", ")
    }
}

/// One attribute change other than the text, e.g. `credence 0.5 → 0.7`; `None` for
/// the text (printers show old and new text on lines of their own). `text` escapes
/// user text for the output format; `minus` is the removal sign.
pub(super) fn change(c: &Change, text: &dyn Fn(&str) -> String, minus: &str) -> Option<String> {
    let opt = |v: &Option<String>| v.as_deref().map_or("(none)".into(), |s| quote(text(s)));
    Some(match c {
        Change::Text { .. } => return None,
        Change::Kind { old, new } => format!("kind {} → {}", old.keyword(), new.keyword()),
        Change::Credence { old, new } => format!("credence {old} → {new}"),
        Change::Status { old, new } => {
            let word = |s: &Option<crate::syntax::ast::Status>| s.map_or("(none)", |s| s.keyword());
            format!("status {} → {}", word(old), word(new))
        }
        Change::Standard { old, new } => {
            let word =
                |s: &Option<crate::syntax::ast::ProofStandard>| s.map_or("(none)", |s| s.keyword());
            format!("standard {} → {}", word(old), word(new))
        }
        Change::By { old, new } => format!("by {} → {}", opt(old), opt(new)),
        Change::Note { old: None, .. } => "note added".into(),
        Change::Note { new: None, .. } => "note removed".into(),
        Change::Note { .. } => "note changed".into(),
        Change::Expectation {
            text: e,
            holds,
            because,
        } => format!(
            "expectation {} now {}: {}",
            quote(text(e)),
            if *holds { "holds" } else { "fails" },
            text(because)
        ),
        Change::Tags { added, removed } => {
            format!("tags {}", plus_minus(added, removed, &[], text, minus))
        }
        Change::Sources { added, removed } => {
            format!("sources {}", plus_minus(added, removed, &[], text, minus))
        }
        Change::Expectations { added, removed } => {
            format!("expect {}", plus_minus(added, removed, &[], text, minus))
        }
        Change::Artifacts {
            added,
            removed,
            changed,
        } => format!(
            "artifacts {}",
            plus_minus(added, removed, changed, text, minus)
        ),
    })
}

/// `+"a" −"b" "c" re-pinned or retitled`, each item quoted and escaped.
fn plus_minus(
    added: &[String],
    removed: &[String],
    changed: &[String],
    text: &dyn Fn(&str) -> String,
    minus: &str,
) -> String {
    let items = added
        .iter()
        .map(|s| format!("+{}", quote(text(s))))
        .chain(removed.iter().map(|s| format!("{minus}{}", quote(text(s)))))
        .chain(
            changed
                .iter()
                .map(|s| format!("{} re-pinned or retitled", quote(text(s)))),
        );
    items.collect::<Vec<_>>().join(" ")
}

fn quote(s: String) -> String {
    format!("\"{s}\"")
}

/// An edge in the debate's own words: `a supports b`, `u undercuts a -> b`; IDs go
/// through `id` (code spans in Markdown).
pub(super) fn edge(e: &EdgeId, id: &dyn Fn(&str) -> String) -> String {
    match (&e.inference, e.relation) {
        (Some(inf), Relation::Undercuts) => format!(
            "{} undercuts {} -> {}",
            id(&e.source),
            id(&inf.source),
            id(&inf.target)
        ),
        _ => format!(
            "{} {} {}",
            id(&e.source),
            e.relation.keyword(),
            id(&e.target)
        ),
    }
}

/// User text on one line: whitespace runs (newlines included) become one space and
/// other control characters are shown as `check` shows them (`␇`, `␛`), so that none
/// can drive the terminal and a change of one still shows.
pub(super) fn one_line(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let shown = crate::diagnostic::terminal::sanitize(&spaced);
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a change of text is called, and whether its `was`/`now` show it: "reworded";
/// or, when the two read the same, what changed that a reader cannot see: only line
/// breaks or spaces, only invisible characters (named by code point), or only how
/// the characters are encoded (`é` as one code point or as `e` and an accent).
pub(super) fn text_change(old: &str, new: &str) -> (String, bool) {
    use unicode_normalization::UnicodeNormalization;
    let (old, new) = (one_line(old), one_line(new));
    if old == new {
        return ("line breaks or spacing changed".into(), false);
    }
    let seen = |s: &str| -> String {
        s.nfc()
            .filter(|&c| !crate::syntax::invisible(c) && !matches!(c, '\u{fe00}'..='\u{fe0f}'))
            .collect()
    };
    if seen(&old) != seen(&new) {
        return ("reworded".into(), true);
    }
    let unseen = |s: &str| {
        s.chars()
            .filter(|&c| crate::syntax::invisible(c) || matches!(c, '\u{fe00}'..='\u{fe0f}'))
            .collect::<Vec<_>>()
    };
    let (before, after) = (unseen(&old), unseen(&new));
    if before == after {
        return (
            "the same text with its characters encoded otherwise (Unicode normalization)".into(),
            false,
        );
    }
    let mut named: Vec<String> = before
        .iter()
        .chain(&after)
        .map(|&c| format!("U+{:04X}", c as u32))
        .collect();
    named.sort();
    named.dedup();
    (
        format!("invisible characters changed ({})", named.join(", ")),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The difference is of the values as written, so that they add up for a reader:
    /// 0.8625 → 0.7275 is written `0.86 → 0.73 (−0.13)`, not `(−0.135)`.
    #[test]
    fn a_strength_move_adds_up_as_written() {
        assert_eq!(strength_move(0.8625, 0.7275), "0.86 → 0.73 (\u{2212}0.13)");
        assert_eq!(strength_move(0.3, 0.42), "0.30 → 0.42 (+0.12)");
        // Apart only at three decimals: written with three.
        assert_eq!(strength_move(0.5061, 0.5139), "0.506 → 0.514 (+0.008)");
        // Less than the smallest move: the new value alone.
        assert_eq!(strength_move(0.5, 0.5001), "0.50");
    }

    #[test]
    fn a_control_character_shows_as_check_shows_it() {
        assert_eq!(one_line("ab\u{7}c\u{1b}[2J"), "ab\u{2407}c\u{241b}[2J");
        assert_eq!(one_line("a\n\tb  c"), "a b c");
    }

    #[test]
    fn a_change_of_line_breaks_only_is_named_and_not_shown() {
        let change = text_change;
        assert_eq!(
            change("A block\nkeeps its breaks.", "A block keeps its breaks."),
            ("line breaks or spacing changed".into(), false)
        );
        assert_eq!(change("abc", "ab\u{7}c"), ("reworded".into(), true));
        assert_eq!(change("abc", "abd"), ("reworded".into(), true));
    }

    /// A change a reader cannot see is named, not shown as two lines that read alike.
    #[test]
    fn a_change_nobody_can_see_is_named() {
        assert_eq!(
            text_change("café naïve", "cafe\u{301} naïve"),
            (
                "the same text with its characters encoded otherwise (Unicode normalization)"
                    .into(),
                false
            )
        );
        assert_eq!(
            text_change("x y", "x\u{200b} y\u{200f}"),
            (
                "invisible characters changed (U+200B, U+200F)".into(),
                false
            )
        );
        assert_eq!(text_change("café", "cafe"), ("reworded".into(), true));
    }
}
