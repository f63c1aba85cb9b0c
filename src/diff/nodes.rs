//! Node matching (by ID, then renames by text) and the attribute changes of kept nodes.
//!
//! Phase: diff. Reads two resolved graphs; see the module docs of `diff` for the rules.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::{Change, NodeChange, NodeChanges, NodeRef, Rename};
use crate::Debate;
use crate::model::{ArgGraph, ArgNode, ArtifactRef};
use crate::text::reflow;

/// Which old node is which new node.
#[derive(Debug, Default)]
pub(super) struct Matching {
    /// New node to its old counterpart (same ID or renamed).
    pub new_to_old: HashMap<NodeIndex, NodeIndex>,
    /// Old node to its new counterpart.
    pub old_to_new: HashMap<NodeIndex, NodeIndex>,
    /// Renamed nodes, `(old, new)`, in the new version's order.
    pub renamed: Vec<(NodeIndex, NodeIndex)>,
    /// New nodes with no counterpart, in the new version's order.
    pub added: Vec<NodeIndex>,
    /// Old nodes with no counterpart, in the old version's order.
    pub removed: Vec<NodeIndex>,
    /// The old version's nodes, in order.
    pub old_order: Vec<NodeIndex>,
    /// The new version's nodes, in order.
    pub new_order: Vec<NodeIndex>,
}

impl Matching {
    /// The ID an old node goes by in the new version (its own when it has no
    /// counterpart, which cannot clash with a new ID).
    pub fn new_id<'a>(&self, old: &'a ArgGraph, new: &'a ArgGraph, node: NodeIndex) -> &'a str {
        match self.old_to_new.get(&node) {
            Some(&n) => &new.graph[n].id,
            None => &old.graph[node].id,
        }
    }
}

/// Matches nodes by ID, then pairs unambiguous renames (see the module docs).
pub(super) fn match_nodes(old: &Debate, new: &Debate) -> Matching {
    let (og, ng) = (&old.graph, &new.graph);
    let mut m = Matching {
        old_order: og.nodes_in_order(),
        new_order: ng.nodes_in_order(),
        ..Matching::default()
    };
    for &n in &m.new_order {
        if let Some(&o) = og.index.get(&ng.graph[n].id) {
            m.new_to_old.insert(n, o);
            m.old_to_new.insert(o, n);
        }
    }
    let gone: Vec<NodeIndex> = m
        .old_order
        .iter()
        .copied()
        .filter(|o| !m.old_to_new.contains_key(o))
        .collect();
    let fresh: Vec<NodeIndex> = m
        .new_order
        .iter()
        .copied()
        .filter(|n| !m.new_to_old.contains_key(n))
        .collect();
    let by_text = |g: &ArgGraph, list: &[NodeIndex]| {
        let mut map: HashMap<String, Vec<NodeIndex>> = HashMap::new();
        for &i in list {
            let text = reflow(&g.graph[i].text);
            if !text.is_empty() {
                map.entry(text).or_default().push(i);
            }
        }
        map
    };
    let gone_by_text = by_text(og, &gone);
    let fresh_by_text = by_text(ng, &fresh);
    for &n in &fresh {
        let text = reflow(&ng.graph[n].text);
        if let (Some([o]), Some([_])) = (
            gone_by_text.get(&text).map(Vec::as_slice),
            fresh_by_text.get(&text).map(Vec::as_slice),
        ) {
            m.new_to_old.insert(n, *o);
            m.old_to_new.insert(*o, n);
            m.renamed.push((*o, n));
        }
    }
    m.added = fresh
        .into_iter()
        .filter(|n| !m.new_to_old.contains_key(n))
        .collect();
    m.removed = gone
        .into_iter()
        .filter(|o| !m.old_to_new.contains_key(o))
        .collect();
    m
}

/// Added, removed, renamed and changed nodes.
pub(super) fn node_changes(old: &Debate, new: &Debate, m: &Matching) -> NodeChanges {
    let renamed = m
        .renamed
        .iter()
        .map(|&(_, n)| {
            let node = &new.graph.graph[n];
            Rename {
                old_id: old.graph.graph[m.new_to_old[&n]].id.to_string(),
                new_id: node.id.to_string(),
                kind: node.kind,
                text: node.text.to_string(),
            }
        })
        .collect();
    let changed = m
        .new_order
        .iter()
        .filter_map(|n| {
            let o = m.new_to_old.get(n)?;
            let (before, after) = (&old.graph.graph[*o], &new.graph.graph[*n]);
            let changes = changes(before, after);
            if changes.is_empty() {
                return None;
            }
            let (file, line) = location(new, after);
            Some(NodeChange {
                id: after.id.to_string(),
                old_id: before.id.to_string(),
                kind: after.kind,
                file,
                line,
                changes,
            })
        })
        .collect();
    NodeChanges {
        added: m.added.iter().map(|&n| node_ref(new, n)).collect(),
        removed: m.removed.iter().map(|&o| node_ref(old, o)).collect(),
        renamed,
        changed,
    }
}

fn node_ref(debate: &Debate, i: NodeIndex) -> NodeRef {
    let node = &debate.graph.graph[i];
    let (file, line) = location(debate, node);
    NodeRef {
        id: node.id.to_string(),
        kind: node.kind,
        text: node.text.to_string(),
        file,
        line,
    }
}

/// The file name and header line of a node.
fn location(debate: &Debate, node: &ArgNode) -> (String, u32) {
    match debate.sources.get(node.header_span.file.0 as usize) {
        Some(source) => (
            source.name.clone(),
            source.line_col(node.header_span.start).line,
        ),
        None => (String::new(), 0),
    }
}

/// What changed in one node, in the order of [`Change`]'s variants.
fn changes(old: &ArgNode, new: &ArgNode) -> Vec<Change> {
    let mut out = Vec::new();
    if reflow(&old.text) != reflow(&new.text) {
        out.push(Change::Text {
            old: old.text.to_string(),
            new: new.text.to_string(),
        });
    }
    if old.kind != new.kind {
        out.push(Change::Kind {
            old: old.kind,
            new: new.kind,
        });
    }
    let (c0, c1) = (old.base_credence(), new.base_credence());
    if c0 != c1 && !(c0.is_nan() && c1.is_nan()) {
        out.push(Change::Credence { old: c0, new: c1 });
    }
    let (s0, s1) = (old.status.map(|s| s.0), new.status.map(|s| s.0));
    if s0 != s1 {
        out.push(Change::Status { old: s0, new: s1 });
    }
    let (p0, p1) = (old.standard.map(|s| s.0), new.standard.map(|s| s.0));
    if p0 != p1 {
        out.push(Change::Standard { old: p0, new: p1 });
    }
    if old.by != new.by {
        out.push(Change::By {
            old: old.by.as_ref().map(ToString::to_string),
            new: new.by.as_ref().map(ToString::to_string),
        });
    }
    let (added, removed) = set_diff(&old.tags, &new.tags);
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::Tags { added, removed });
    }
    let sources = |n: &ArgNode| n.sources.iter().map(|s| s.0.clone()).collect::<Vec<_>>();
    let (added, removed) = set_diff(&sources(old), &sources(new));
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::Sources { added, removed });
    }
    if let Some(change) = artifact_changes(&old.artifacts, &new.artifacts) {
        out.push(change);
    }
    if old.note != new.note {
        out.push(Change::Note {
            old: old.note.as_ref().map(ToString::to_string),
            new: new.note.as_ref().map(ToString::to_string),
        });
    }
    let texts = |n: &ArgNode| {
        n.expectations
            .iter()
            .map(|e| e.text.clone())
            .collect::<Vec<_>>()
    };
    let (added, removed) = set_diff(&texts(old), &texts(new));
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::Expectations { added, removed });
    }
    out.extend(flipped(old, new));
    out
}

/// The expectations written in both versions whose outcome flipped.
fn flipped(old: &ArgNode, new: &ArgNode) -> Vec<Change> {
    let outcome = |n: &ArgNode, text: &str| {
        let i = n.expectations.iter().position(|e| e.text == text)?;
        n.outcomes.get(i).cloned().flatten()
    };
    new.expectations
        .iter()
        .filter_map(|e| {
            let text = &e.text;
            let (was, _) = outcome(old, text)?;
            let (holds, because) = outcome(new, text)?;
            (was != holds).then(|| Change::Expectation {
                text: text.clone(),
                holds,
                because,
            })
        })
        .collect()
}

/// Items only in `new` and items only in `old`, each in its own order, deduplicated.
fn set_diff<T: AsRef<str>>(old: &[T], new: &[T]) -> (Vec<String>, Vec<String>) {
    let only = |a: &[T], b: &[T]| {
        let mut out: Vec<String> = Vec::new();
        for x in a.iter().map(AsRef::as_ref) {
            if !b.iter().any(|y| y.as_ref() == x) && !out.iter().any(|o| o == x) {
                out.push(x.to_string());
            }
        }
        out
    };
    (only(new, old), only(old, new))
}

fn artifact_changes(old: &[ArtifactRef], new: &[ArtifactRef]) -> Option<Change> {
    let paths = |list: &[ArtifactRef]| list.iter().map(|a| a.path.clone()).collect::<Vec<_>>();
    let (added, removed) = set_diff(&paths(old), &paths(new));
    let mut changed: Vec<String> = Vec::new();
    for a in new {
        let Some(b) = old.iter().find(|b| b.path == a.path) else {
            continue;
        };
        let pin = |x: &ArtifactRef| x.sha256.as_ref().map(|h| h.0.clone());
        let differs = pin(a) != pin(b) || a.title != b.title || a.kind != b.kind;
        if differs && !changed.contains(&a.path) {
            changed.push(a.path.clone());
        }
    }
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        return None;
    }
    Some(Change::Artifacts {
        added,
        removed,
        changed,
    })
}
