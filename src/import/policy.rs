//! The mapping rules every importer shares (documented in `docs/import.md`):
//!
//! - **Linked premises** ([`support`]): an inference with one premise is a plain
//!   `supports` from the premise to the conclusion. One with several premises, which
//!   hold only jointly, gets a node of its own for the argument (tagged `linked`, its
//!   text the premises' joined; a `claim`, or a `counter` when it attacks): each premise supports the argument node,
//!   and the argument node supports the conclusion, with the inference's weight. An
//!   undercut of the inference undercuts that last edge. An inference with no premise
//!   is dropped with a warning naming its position.
//! - **Kinds** ([`assign_kinds`]): a node whose kind the source does not give is a
//!   `counter` when it attacks (attacks, contradicts or undercuts) and supports
//!   nothing, else a `claim`. When no node is a `thesis`, the roots (nodes argued about,
//!   with incoming relations, that relate to nothing themselves) that nothing attacks
//!   become theses; when every root is attacked, every root does.

use super::{Attribute, Debate, Node, RelationKind, Target, Value};
use crate::syntax::ast::NodeKind;

/// Relates `premises` jointly to `to` (a conclusion, or an inference for `undercuts`) by
/// `kind` (`supports` for an inference, `attacks` for a linked attack), per the linked-premises policy. Returns the index of
/// the relation that reaches the conclusion (what an undercut of the inference
/// undercuts), or `None` with a warning when there is no premise.
pub fn support(
    debate: &mut Debate,
    premises: &[usize],
    to: Target,
    kind: RelationKind,
    weight: Option<f64>,
    name: &str,
    position: &str,
) -> Option<usize> {
    match premises {
        [] => {
            debate.warnings.push(format!(
                "{position}: an inference with no premise was dropped"
            ));
            None
        }
        [one] => Some(debate.relate(*one, kind, to, weight)),
        many => {
            let text = many
                .iter()
                .map(|&p| {
                    debate.nodes[p]
                        .text
                        .trim()
                        .trim_end_matches('.')
                        .to_string()
                })
                .enumerate()
                .fold(String::new(), |mut text, (i, premise)| {
                    // "p; and q", unless q already starts with "and".
                    if i > 0 {
                        let has_and = premise
                            .get(..4)
                            .is_some_and(|w| w.eq_ignore_ascii_case("and "));
                        text.push_str(if has_and { "; " } else { "; and " });
                    }
                    text.push_str(&premise);
                    text
                });
            let argument = debate.add_node(Node {
                name: name.to_string(),
                kind: None,
                text: format!("Jointly: {text}."),
                attributes: vec![Attribute {
                    name: "tags".into(),
                    value: Value::Tags(vec!["linked".into()]),
                }],
            });
            for &p in many {
                debate.relate(p, RelationKind::Supports, Target::Node(argument), None);
            }
            Some(debate.relate(argument, kind, to, weight))
        }
    }
}

/// Gives a kind to every node the source gave none (see the module's rules), and drops,
/// with a warning, an undercut of an undercut, which the language cannot write.
pub fn assign_kinds(debate: &mut Debate) {
    let mut i = 0;
    while i < debate.relations.len() {
        let r = &debate.relations[i];
        let nested = match r.to {
            Target::Edge(e) => debate
                .relations
                .get(e)
                .is_none_or(|t| t.kind == RelationKind::Undercuts || t.to.relation().is_some()),
            // Only a contradiction has another way round.
            Target::Reverse(e) => debate
                .relations
                .get(e)
                .is_none_or(|t| t.kind != RelationKind::Contradicts),
            Target::Node(n) => n >= debate.nodes.len(),
        };
        if nested {
            let from = debate
                .nodes
                .get(r.from)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            debate.warnings.push(format!(
                "node {from:?}: an undercut of an undercut cannot be written in .crux and was dropped"
            ));
            remove_relation(debate, i);
        } else {
            i += 1;
        }
    }
    let n = debate.nodes.len();
    let mut supports_out = vec![false; n];
    let mut attacks_out = vec![false; n];
    let mut incoming = vec![false; n];
    let mut attacked = vec![false; n];
    for r in &debate.relations {
        match r.kind {
            RelationKind::Supports => supports_out[r.from] = true,
            _ => attacks_out[r.from] = true,
        }
        if let Target::Node(to) = r.to {
            incoming[to] = true;
            if r.kind != RelationKind::Supports {
                attacked[to] = true;
            }
            if r.kind == RelationKind::Contradicts {
                attacked[r.from] = true;
            }
        }
    }
    let has_thesis = debate
        .nodes
        .iter()
        .any(|n| n.kind == Some(NodeKind::Thesis));
    let root = |i: usize| !supports_out[i] && !attacks_out[i] && incoming[i];
    let free = (0..n).any(|i| debate.nodes[i].kind.is_none() && root(i) && !attacked[i]);
    for (i, node) in debate.nodes.iter_mut().enumerate() {
        if node.kind.is_some() {
            continue;
        }
        let root = root(i) && (!attacked[i] || !free);
        node.kind = Some(if root && !has_thesis {
            NodeKind::Thesis
        } else if attacks_out[i] && !supports_out[i] {
            NodeKind::Counter
        } else {
            NodeKind::Claim
        });
    }
}

/// Removes relation `i`, keeping the indices of undercut targets right.
fn remove_relation(debate: &mut Debate, i: usize) {
    debate.relations.remove(i);
    let mut j = 0;
    while j < debate.relations.len() {
        let to = &mut debate.relations[j].to;
        match to {
            Target::Edge(e) | Target::Reverse(e) if *e == i => {
                debate.relations.remove(j);
                continue;
            }
            Target::Edge(e) | Target::Reverse(e) if *e > i => *e -= 1,
            _ => {}
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(debate: &mut Debate, name: &str) -> usize {
        debate.add_node(Node {
            name: name.into(),
            text: format!("{name}."),
            ..Node::default()
        })
    }

    #[test]
    fn linked_premises_get_an_argument_node() {
        let mut d = Debate::default();
        let (p, q, c) = (node(&mut d, "p"), node(&mut d, "q"), node(&mut d, "c"));
        let last = support(
            &mut d,
            &[p, q],
            Target::Node(c),
            RelationKind::Supports,
            Some(0.7),
            "arg",
            "x",
        );
        assert_eq!(d.nodes.len(), 4);
        assert_eq!(d.nodes[3].text, "Jointly: p; and q.");
        assert_eq!(d.relations.len(), 3);
        assert_eq!(d.relations[last.unwrap()].from, 3);
        assert_eq!(d.relations[last.unwrap()].weight, Some(0.7));
        assert!(d.relations[..2].iter().all(|r| r.to == Target::Node(3)));
    }

    #[test]
    fn no_premise_is_a_warning() {
        let mut d = Debate::default();
        let c = node(&mut d, "c");
        assert_eq!(
            support(
                &mut d,
                &[],
                Target::Node(c),
                RelationKind::Supports,
                None,
                "a",
                "$.nodes[4]"
            ),
            None
        );
        assert_eq!(
            d.warnings,
            ["$.nodes[4]: an inference with no premise was dropped"]
        );
    }

    #[test]
    fn kinds_follow_the_policy() {
        let mut d = Debate::default();
        let (t, s, a, lone) = (
            node(&mut d, "t"),
            node(&mut d, "s"),
            node(&mut d, "a"),
            node(&mut d, "l"),
        );
        d.relate(s, RelationKind::Supports, Target::Node(t), None);
        d.relate(a, RelationKind::Attacks, Target::Node(s), None);
        assign_kinds(&mut d);
        let kinds: Vec<_> = d.nodes.iter().map(|n| n.kind.unwrap()).collect();
        assert_eq!(
            kinds,
            [
                NodeKind::Thesis,
                NodeKind::Claim,
                NodeKind::Counter,
                NodeKind::Claim
            ]
        );
        let _ = lone;
    }
}
