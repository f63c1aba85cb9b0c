//! Kialo's exported discussion text:
//!
//! ```text
//! Discussion Title: Should meat be banned?
//!
//! 1. Meat should be banned.
//! 1.1. Pro: Animals suffer.
//! 1.1.1. Con: Not all of them.
//! 1.2. Con: -> See 1.1.1.
//! ```
//!
//! The claim numbered `1.` is the thesis; a `Pro:` claim supports its parent, a `Con:`
//! claim (a `counter`) attacks it. A claim that is only `-> See N.` is a link: the
//! parent is supported or attacked by claim N as well (an extra relation, no new node).
//! Lines that do not start a claim continue the one before. Markdown escapes (`\*`,
//! `\[`) are resolved; links `[text](url)` are kept as `text (url)`.

use std::collections::HashMap;

use super::{Debate, ImportError, Node, RelationKind, Target};
use crate::syntax::ast::NodeKind;

/// Reads Kialo text into a debate.
pub fn read(input: &str) -> Result<Debate, ImportError> {
    let mut debate = Debate::default();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    // (line, parent, stance, linked number) of each `-> See` link.
    let mut links: Vec<(usize, usize, RelationKind, String)> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, raw) in input.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end();
        if let Some(title) = line.strip_prefix("Discussion Title:") {
            if debate.title.is_some() || !debate.nodes.is_empty() {
                return Err(ImportError::at_line(
                    line_no,
                    "a second \"Discussion Title:\"",
                ));
            }
            debate.title = Some(unescape(title.trim()));
            continue;
        }
        let Some((number, rest)) = claim_number(line) else {
            // A continuation of the claim before, or blank.
            match last {
                Some(n) if !line.trim().is_empty() => {
                    let node = &mut debate.nodes[n];
                    node.text.push('\n');
                    node.text.push_str(&unescape(line.trim()));
                }
                None if !line.trim().is_empty() && numbers.is_empty() => {
                    return Err(ImportError::at_line(
                        line_no,
                        "expected \"Discussion Title:\" or a numbered claim such as \"1. text\"",
                    ));
                }
                _ => {}
            }
            continue;
        };
        if numbers.contains_key(&number) {
            return Err(ImportError::at_line(
                line_no,
                format!("claim {number} is numbered twice"),
            ));
        }
        let parent_number = number.rsplit_once('.').map(|(p, _)| p.to_string());
        let (stance, text) = if let Some(t) = rest.strip_prefix("Pro:") {
            (Some(RelationKind::Supports), t.trim())
        } else if let Some(t) = rest.strip_prefix("Con:") {
            (Some(RelationKind::Attacks), t.trim())
        } else {
            (None, rest.trim())
        };
        let parent = match &parent_number {
            None => None,
            Some(p) => match numbers.get(p) {
                Some(&n) => Some(n),
                None => {
                    return Err(ImportError::at_line(
                        line_no,
                        format!("claim {number} comes before its parent {p}"),
                    ));
                }
            },
        };
        let stance = match (parent, stance) {
            (Some(_), None) => {
                return Err(ImportError::at_line(
                    line_no,
                    format!("claim {number} needs \"Pro:\" or \"Con:\""),
                ));
            }
            (None, Some(_)) => {
                return Err(ImportError::at_line(
                    line_no,
                    format!("the thesis {number} has no parent to be \"Pro:\" or \"Con:\""),
                ));
            }
            (_, s) => s,
        };
        if let (Some(target), Some(kind)) = (text.strip_prefix("-> See "), stance) {
            let target = target.trim().trim_end_matches('.').to_string();
            links.push((line_no, parent.unwrap_or(0), kind, target));
            numbers.insert(number, usize::MAX);
            last = None;
            continue;
        }
        let kind = match (parent, stance) {
            (None, _) => Some(NodeKind::Thesis),
            (_, Some(RelationKind::Attacks)) => Some(NodeKind::Counter),
            _ => Some(NodeKind::Claim),
        };
        let text = unescape(text);
        let n = debate.add_node(Node {
            name: text.clone(),
            kind,
            text,
            attributes: Vec::new(),
        });
        if let (Some(p), Some(s)) = (parent, stance) {
            debate.relate(n, s, Target::Node(p), None);
        }
        numbers.insert(number, n);
        last = Some(n);
    }
    for (line_no, parent, kind, target) in links {
        match numbers.get(&target) {
            Some(&n) if n != usize::MAX => {
                debate.relate(n, kind, Target::Node(parent), None);
            }
            _ => {
                return Err(ImportError::at_line(
                    line_no,
                    format!("\"-> See {target}.\" names no claim"),
                ));
            }
        }
    }
    if debate.nodes.is_empty() {
        return Err(ImportError::at_line(
            1,
            "no claim (a line such as \"1. text\")",
        ));
    }
    Ok(debate)
}

/// `1.2.3. rest` → (`1.2.3`, `rest`).
fn claim_number(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start();
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, rest) = line.split_at(end);
    if !number.ends_with('.')
        || !rest.starts_with(' ')
        || !number.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let number = number.trim_end_matches('.');
    if number.split('.').any(str::is_empty) {
        return None;
    }
    Some((number.to_string(), rest.trim_start()))
}

/// Resolves Markdown escapes and writes links `[text](url)` as `text (url)`, in one
/// pass, so that an escaped `\[` starts no link and a `[` that starts none (`[b]` with
/// no `(url)` after it) is text.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if let Some(escaped) = super::escape_at(text, at) {
            out.push(escaped);
            at += 2;
            continue;
        }
        if c == '['
            && let Some((label, url, next)) = link_at(text, at)
        {
            let label = unescape(label);
            out.push_str(&label);
            if !url.is_empty() && url != label {
                out.push_str(" (");
                out.push_str(url);
                out.push(')');
            }
            at = next;
            continue;
        }
        out.push(c);
        at += c.len_utf8();
    }
    out
}

/// A link `[label](url)` that starts at the `[` at `at`: its label (as written), its URL
/// and where the text after it starts. The label ends at the first `]` not escaped; a
/// `(` must follow it at once, and a `)` end the URL.
fn link_at(text: &str, at: usize) -> Option<(&str, &str, usize)> {
    let start = at + 1;
    let mut i = start;
    let close = loop {
        let c = text[i..].chars().next()?;
        if super::escape_at(text, i).is_some() {
            i += 2;
            continue;
        }
        if c == ']' {
            break i;
        }
        i += c.len_utf8();
    };
    let after = text[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let url_start = close + 2;
    Some((&text[start..close], &after[..end], url_start + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_links() {
        assert_eq!(
            claim_number("1.2.3. Pro: x"),
            Some(("1.2.3".into(), "Pro: x"))
        );
        assert_eq!(claim_number("1. x"), Some(("1".into(), "x")));
        assert_eq!(claim_number("1.5 is a number"), None);
        assert_eq!(unescape(r"a \*b\* [c](http://d)"), "a *b* c (http://d)");
        // A `[` that starts no link is text; an escaped one starts none.
        assert_eq!(unescape("a [b] c [d](e)"), "a [b] c d (e)");
        assert_eq!(
            unescape(r"see \[1\] and [site](https://x.org)"),
            "see [1] and site (https://x.org)"
        );
        assert_eq!(unescape(r"\[x](y)"), "[x](y)");
        assert_eq!(unescape(r"[a \] b](u) [open"), "a ] b (u) [open");
        assert_eq!(unescape("ends in \\"), "ends in \\");
    }
}
