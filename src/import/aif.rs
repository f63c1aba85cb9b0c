//! AIF JSON, as AIFdb and OVA write it (OVA wraps it as `{"AIF": {...}}`): `nodes`
//! with `nodeID`, `text` and `type`, and `edges` with `fromID` and `toID`.
//!
//! - I-nodes become nodes (kinds by [`super::policy::assign_kinds`]).
//! - An RA node is an inference from the I-nodes that point at it to the node it
//!   points at: `supports`, with linked premises by [`super::policy::support`].
//! - A CA node is a conflict: `attacks` its target; a CA whose target is an RA or CA
//!   node `undercuts` that relation.
//! - An MA node (rephrase) is read as an inference the other way round: the rephrasing
//!   supports the node it rephrases, which stays the root. A PA node (preference) has no counterpart and is dropped with a warning.
//! - The argumentation scheme an RA, CA or MA node names (its `scheme` field, else its
//!   text, such as `Expert Opinion`) is kept in the `note` of the node its relation is
//!   written under (`Scheme of supports n2: Expert Opinion`); the default names
//!   (`Default Inference`, `Default Conflict`...) name no scheme and are not kept.
//! - L, YA and TA nodes (the dialogue) are dropped with one warning; the speaker of a
//!   locution (`Bob : text`) that asserts an I-node through a YA node becomes that
//!   node's `by`.
//! - crux's own extension objects, when present, are used: on an I-node
//!   `"crux": {"id", "kind", "attributes": [[name, value], ...]}`, on an RA or CA node
//!   `"crux": {"relation", "weight"}`, so that a debate written as AIF by crux reads
//!   back unchanged.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::policy::support;
use super::{Attribute, Debate, ImportError, Node, RelationKind, Target, Value};
use crate::syntax::ast::NodeKind;

/// The attributes a node may have once.
const SINGLE: &[&str] = &["credence", "status", "standard", "by", "note"];

/// One AIF node, as read.
struct AifNode<'a> {
    id: String,
    kind: String,
    text: String,
    /// The scheme an S-node names, when it names one ([`scheme`]).
    scheme: Option<String>,
    crux: Option<&'a serde_json::Map<String, Json>>,
    path: String,
}

/// Reads AIF JSON into a debate.
pub fn read(input: &str) -> Result<Debate, ImportError> {
    let root: Json = serde_json::from_str(input).map_err(|e| {
        ImportError::new(
            // serde_json counts columns from 1, but says 0 before the first character
            // (an empty file).
            format!("line {}, column {}", e.line(), e.column().max(1)),
            format!("not valid JSON: {}", strip_position(&e.to_string())),
        )
    })?;
    let outer = root.get("crux").and_then(Json::as_object);
    let (root, base) = match root.get("AIF") {
        Some(inner) if inner.is_object() => (inner, "$.AIF"),
        _ => (&root, "$"),
    };
    let Some(object) = root.as_object() else {
        return Err(ImportError::new(
            base,
            "expected an object with \"nodes\" and \"edges\"",
        ));
    };
    let nodes = array(object, "nodes", base)?;
    let edges = array(object, "edges", base)?;

    let mut aif = Vec::with_capacity(nodes.len());
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let path = format!("{base}.nodes[{i}]");
        let Some(o) = n.as_object() else {
            return Err(ImportError::new(path, "expected an object"));
        };
        let id = id_of(o.get("nodeID"), &format!("{path}.nodeID"))?;
        let kind = match o.get("type") {
            Some(Json::String(s)) => s.trim().to_string(),
            Some(_) => {
                return Err(ImportError::new(
                    format!("{path}.type"),
                    "expected a string",
                ));
            }
            None => return Err(ImportError::new(path, "a node without \"type\"")),
        };
        let text = match o.get("text") {
            Some(Json::String(s)) => s.clone(),
            None | Some(Json::Null) => String::new(),
            Some(_) => {
                return Err(ImportError::new(
                    format!("{path}.text"),
                    "expected a string",
                ));
            }
        };
        if by_id.insert(id.clone(), i).is_some() {
            return Err(ImportError::new(
                format!("{path}.nodeID"),
                format!("nodeID {id} is used twice"),
            ));
        }
        let crux = o.get("crux").and_then(Json::as_object);
        let scheme = scheme(o.get("scheme"), &text);
        aif.push(AifNode {
            id,
            kind,
            text,
            scheme,
            crux,
            path,
        });
    }
    // Edges as (from, to) indices into `aif`.
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); aif.len()];
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); aif.len()];
    let mut direct = Vec::new();
    for (i, e) in edges.iter().enumerate() {
        let path = format!("{base}.edges[{i}]");
        let Some(o) = e.as_object() else {
            return Err(ImportError::new(path, "expected an object"));
        };
        let end = |key: &str| -> Result<usize, ImportError> {
            let at = format!("{path}.{key}");
            let id = id_of(o.get(key), &at)?;
            by_id
                .get(&id)
                .copied()
                .ok_or_else(|| ImportError::new(at, format!("no node has nodeID {id}")))
        };
        let (from, to) = (end("fromID")?, end("toID")?);
        if aif[from].kind == "I" && aif[to].kind == "I" {
            direct.push(path);
        }
        out_of[from].push(to);
        into[to].push(from);
    }

    let mut debate = Debate::default();
    for path in direct {
        debate.warnings.push(format!(
            "{path}: an edge from an I-node straight to an I-node (no RA or CA node between) was dropped"
        ));
    }
    let mut index: Vec<Option<usize>> = vec![None; aif.len()];
    for (i, n) in aif.iter().enumerate() {
        if n.kind == "I" {
            let node = i_node(n, &mut debate.warnings);
            index[i] = Some(debate.add_node(node));
        }
    }
    // Speakers of the locutions that assert an I-node.
    for (i, n) in aif.iter().enumerate() {
        if n.kind != "YA" {
            continue;
        }
        let speakers: Vec<&str> = into[i]
            .iter()
            .filter(|&&l| aif[l].kind == "L")
            .filter_map(|&l| speaker(&aif[l].text))
            .collect();
        for &t in &out_of[i] {
            let (Some(target), Some(who)) = (index[t], speakers.first()) else {
                continue;
            };
            let node = &mut debate.nodes[target];
            if !node.attributes.iter().any(|a| a.name == "by") {
                node.attributes.push(Attribute {
                    name: "by".into(),
                    value: Value::Text(who.to_string()),
                });
            }
        }
    }

    // Inferences and conflicts on I-nodes first, then those on relations (undercuts).
    let mut relation_of: Vec<Option<usize>> = vec![None; aif.len()];
    let mut dropped: HashMap<&str, usize> = HashMap::new();
    for pass in [false, true] {
        for (i, n) in aif.iter().enumerate() {
            let kind = n.kind.as_str();
            if !matches!(kind, "RA" | "CA" | "MA") {
                continue;
            }
            let targets = &out_of[i];
            let on_relation = targets.first().is_some_and(|&t| aif[t].kind != "I");
            if on_relation != pass {
                continue;
            }
            let premises: Vec<usize> = into[i].iter().filter_map(|&p| index[p]).collect();
            let ext = n.crux;
            let weight = weight(ext, &n.path, &mut debate.warnings);
            let written = ext.and_then(|c| c.get("relation"));
            let named = written
                .and_then(Json::as_str)
                .and_then(RelationKind::from_keyword);
            let Some(&target) = targets.first() else {
                debate.warnings.push(format!(
                    "{}: {kind} node {} points at nothing and was dropped",
                    n.path, n.id
                ));
                continue;
            };
            if targets.len() > 1 {
                debate.warnings.push(format!(
                    "{}: {kind} node {} points at {} nodes; only the first is kept",
                    n.path,
                    n.id,
                    targets.len()
                ));
            }
            let to = if pass {
                match relation_of[target] {
                    Some(r) if debate.relations[r].kind == RelationKind::Undercuts => {
                        debate.warnings.push(format!(
                            "{}: {kind} node {} points at an undercut; an undercut of an undercut cannot be written in .crux, dropped",
                            n.path, n.id
                        ));
                        continue;
                    }
                    // crux's own extension says when a contradiction is undercut
                    // the other way round (the CA node names only the relation).
                    Some(r)
                        if reversed(ext)
                            && debate.relations[r].kind == RelationKind::Contradicts =>
                    {
                        Target::Reverse(r)
                    }
                    Some(r) => Target::Edge(r),
                    None => {
                        debate.warnings.push(format!(
                            "{}: {kind} node {} points at node {}, which is not a kept inference or conflict; dropped",
                            n.path, n.id, aif[target].id
                        ));
                        continue;
                    }
                }
            } else {
                match index[target] {
                    Some(t) => Target::Node(t),
                    None => continue,
                }
            };
            let relation = match (kind, to) {
                ("CA", Target::Edge(_) | Target::Reverse(_)) => RelationKind::Undercuts,
                ("RA" | "MA", Target::Edge(_) | Target::Reverse(_)) => {
                    debate.warnings.push(format!(
                        "{}: {kind} node {} supports an inference, which .crux cannot write; dropped",
                        n.path, n.id
                    ));
                    continue;
                }
                // A contradiction between two statements; from several premises
                // jointly it can only be an attack.
                ("CA", _) if named == Some(RelationKind::Contradicts) && premises.len() == 1 => {
                    RelationKind::Contradicts
                }
                ("CA", _) => RelationKind::Attacks,
                _ => RelationKind::Supports,
            };
            // crux's own extension names the relation; one its node cannot be is said.
            if let Some(written) = written
                && named != Some(relation)
            {
                debate.warnings.push(format!(
                    "{}.crux.relation: {written} does not fit {kind} node {}; read as {}",
                    n.path,
                    n.id,
                    relation.keyword()
                ));
            }
            if let (RelationKind::Contradicts, Target::Node(t), [p]) =
                (relation, to, premises.as_slice())
            {
                // The other half of a contradiction written as two CA nodes.
                let twin = debate.relations.iter().position(|r| {
                    r.kind == RelationKind::Contradicts && r.from == t && r.to == Target::Node(*p)
                });
                if let Some(twin) = twin {
                    let twin_scheme = &mut debate.relations[twin].scheme;
                    if twin_scheme.is_none() {
                        twin_scheme.clone_from(&n.scheme);
                    }
                    relation_of[i] = Some(twin);
                    continue;
                }
            }
            // A rephrasing supports what it rephrases, which stays the root.
            let (premises, to) = match (kind, to, premises.as_slice()) {
                ("MA", Target::Node(t), [p]) => (vec![t], Target::Node(*p)),
                _ => (premises, to),
            };
            let name = format!("{}_{}", kind.to_ascii_lowercase(), n.id);
            relation_of[i] = support(&mut debate, &premises, to, relation, weight, &name, &n.path);
            if let Some(r) = relation_of[i] {
                let kept = &mut debate.relations[r].scheme;
                if kept.is_none() {
                    kept.clone_from(&n.scheme);
                }
            }
        }
    }
    for n in &aif {
        match n.kind.as_str() {
            "I" | "RA" | "CA" | "MA" => {}
            other => *dropped.entry(other).or_default() += 1,
        }
    }
    let mut dropped: Vec<_> = dropped.into_iter().collect();
    dropped.sort();
    for (kind, count) in dropped {
        let what = match kind {
            "L" | "YA" | "TA" => "dialogue",
            "PA" => "preference",
            _ => "unknown",
        };
        let nodes = if count == 1 { "node" } else { "nodes" };
        debate.warnings.push(if kind.is_empty() {
            format!("{count} {nodes} with an empty type dropped")
        } else {
            format!("{count} {kind} {nodes} ({what}) dropped")
        });
    }
    // crux's own object: next to the nodes, or next to OVA's "AIF" wrapper.
    if let Some(ext) = object.get("crux").and_then(Json::as_object).or(outer) {
        let text = |key: &str| ext.get(key).and_then(Json::as_str).map(str::to_string);
        debate.title = text("title");
        debate.description = text("description");
        match text("front_matter") {
            Some(yaml) if yaml.lines().any(|l| l.trim_end() == "---") => {
                debate.warnings.push(format!(
                    "{base}.crux.front_matter: a line \"---\" cannot be inside front matter; dropped"
                ));
            }
            Some(yaml) if !yaml.trim().is_empty() => match front_matter_error(&yaml) {
                Some(message) => debate
                    .warnings
                    .push(format!("{base}.crux.front_matter: {message}; dropped")),
                None => debate.front_matter = Some(yaml),
            },
            _ => {}
        }
        if let Some(version) = ext.get("version").and_then(Json::as_u64)
            && version > 1
        {
            debate.warnings.push(format!(
                "{base}.crux.version: version {version} of crux's extension is newer than this crux reads (1); read as far as understood"
            ));
        }
    }
    Ok(debate)
}

/// The attribute that carries the rules of a `# crux: allow(...)` comment (written as
/// that comment by `super::write`).
pub const ALLOW: &str = "# crux: allow";

/// An I-node as a debate node, with crux's extension object when there is one.
fn i_node(n: &AifNode<'_>, warnings: &mut Vec<String>) -> Node {
    let mut node = Node {
        name: n.id.clone(),
        kind: None,
        text: n.text.clone(),
        attributes: Vec::new(),
    };
    let Some(ext) = n.crux else {
        return node;
    };
    if let Some(id) = ext.get("id").and_then(Json::as_str) {
        node.name = id.to_string();
    }
    if let Some(kind) = ext.get("kind").and_then(Json::as_str) {
        node.kind = NodeKind::from_keyword(kind);
        if node.kind.is_none() {
            warnings.push(format!(
                "{}.crux.kind: unknown kind {kind:?}, ignored",
                n.path
            ));
        }
    }
    if let Some(rules) = ext.get("allow").and_then(Json::as_array) {
        let mut names = Vec::new();
        for (j, rule) in rules.iter().enumerate() {
            match rule.as_str().filter(|r| {
                !r.is_empty()
                    && r.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            }) {
                Some(r) => names.push(r.to_string()),
                None => warnings.push(format!(
                    "{}.crux.allow[{j}]: not a rule name, dropped",
                    n.path
                )),
            }
        }
        if !names.is_empty() {
            node.attributes.push(Attribute {
                name: ALLOW.into(),
                value: Value::Tags(names),
            });
        }
    }
    let attributes = ext.get("attributes").and_then(Json::as_array);
    for (j, pair) in attributes.into_iter().flatten().enumerate() {
        let at = format!("{}.crux.attributes[{j}]", n.path);
        match pair.as_array().map(Vec::as_slice) {
            Some([Json::String(name), value]) => match attribute(name, value) {
                Some(Attribute {
                    value: Value::Number(x),
                    ..
                }) if !(0.0..=1.0).contains(&x) => {
                    warnings.push(format!("{at}: {name} {x} is outside [0, 1], dropped"));
                }
                Some(a)
                    if SINGLE.contains(&a.name.as_str())
                        && node.attributes.iter().any(|b| b.name == a.name) =>
                {
                    warnings.push(format!(
                        "{at}: a second {name:?} (a node has one) was dropped"
                    ));
                }
                Some(Attribute {
                    name,
                    value: Value::Tags(tags),
                }) => {
                    let tags = super::clean_tags(tags, &at, warnings);
                    if !tags.is_empty() {
                        node.attributes.push(Attribute {
                            name,
                            value: Value::Tags(tags),
                        });
                    }
                }
                Some(a) => node.attributes.push(a),
                None => warnings.push(format!("{at}: attribute {name:?} not understood, dropped")),
            },
            _ => warnings.push(format!("{at}: expected [name, value], dropped")),
        }
    }
    node
}

/// Whether a relation node's `crux` object says `"reversed": true`: an undercut of
/// the contradiction it points at, read from the node that contradiction names.
fn reversed(ext: Option<&serde_json::Map<String, Json>>) -> bool {
    ext.and_then(|c| c.get("reversed")).and_then(Json::as_bool) == Some(true)
}

/// The weight in an RA or CA node's extension object: a number in [0, 1], or none. Any
/// other value is dropped with a warning (the relation keeps the default weight), as an
/// attribute out of range is: written out, it would be a `weight-out-of-range` error.
fn weight(
    ext: Option<&serde_json::Map<String, Json>>,
    path: &str,
    warnings: &mut Vec<String>,
) -> Option<f64> {
    let value = ext?.get("weight")?;
    let dropped = "dropped (the relation keeps the default weight)";
    match value.as_f64() {
        Some(w) if (0.0..=1.0).contains(&w) => Some(w),
        Some(w) => {
            warnings.push(format!(
                "{path}.crux.weight: weight {w} is outside [0, 1], {dropped}"
            ));
            None
        }
        None if value.is_null() => None,
        None => {
            warnings.push(format!(
                "{path}.crux.weight: expected a number in [0, 1], found {value}; {dropped}"
            ));
            None
        }
    }
}

/// An attribute from a `[name, value]` pair of the extension object.
fn attribute(name: &str, value: &Json) -> Option<Attribute> {
    let text = || match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let value = match name {
        "credence" => Value::Number(match value {
            Json::Number(n) => n.as_f64()?,
            Json::String(s) => s.trim().parse().ok()?,
            _ => return None,
        }),
        // Only a word the language knows: anything else is dropped with a warning.
        "status" => Value::Word(
            crate::syntax::ast::Status::from_keyword(&text()?)?
                .keyword()
                .into(),
        ),
        "standard" => Value::Word(
            crate::syntax::ast::ProofStandard::from_keyword(&text()?)?
                .keyword()
                .into(),
        ),
        "by" | "note" | "source" | "expect" => Value::Text(text()?),
        "tags" => Value::Tags(match value {
            Json::Array(items) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            _ => text()?.split(',').map(|t| t.trim().to_string()).collect(),
        }),
        "artifact" => {
            let raw = text()?;
            match artifact_line(&raw) {
                Some((path, rest)) => Value::Artifact { path, rest },
                None => Value::Artifact {
                    path: raw,
                    rest: String::new(),
                },
            }
        }
        _ => return None,
    };
    Some(Attribute {
        name: name.to_string(),
        value,
    })
}

/// The path of an `artifact` line's rest (`"data.csv" sha256 "..."`, as crux's AIF
/// export writes it) and what follows the path (` sha256 "..."`), when `raw` reads as
/// one; `None` for a bare path or text that does not read.
fn artifact_line(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    if !raw.starts_with('"') || raw.contains(['\n', '\r']) {
        return None;
    }
    let prefix = "claim x: \"\"\n  artifact ";
    let text = format!("{prefix}{raw}\n");
    let parsed = crate::syntax::parse(crate::syntax::FileId(0), &text);
    if !parsed.errors.is_empty() {
        return None;
    }
    let artifact = parsed
        .ast
        .nodes
        .first()?
        .attributes
        .iter()
        .find_map(|a| match &a.kind {
            crate::syntax::ast::AttributeKind::Artifact(artifact) => Some(artifact),
            _ => None,
        })?;
    let end = (artifact.path.span.end as usize).checked_sub(prefix.len())?;
    Some((artifact.path.value.to_string(), raw.get(end..)?.to_string()))
}

/// The names AIFdb and OVA give an S-node for which no particular scheme was chosen
/// (crux's AIF export writes the first two on every relation node): the relation says
/// as much.
const NO_SCHEME: &[&str] = &[
    "Default Inference",
    "Default Conflict",
    "Default Rephrase",
    "Default Preference",
];

/// The argumentation scheme an S-node names: its `scheme` field when that is a name
/// (not a number, which is a scheme ID), else its text (`Expert Opinion`, `Argument
/// From Analogy`), on one line; `None` for no name or a default name ([`NO_SCHEME`]).
fn scheme(field: Option<&Json>, text: &str) -> Option<String> {
    let named = field
        .and_then(Json::as_str)
        .filter(|s| !s.trim().is_empty() && !s.trim().bytes().all(|b| b.is_ascii_digit()));
    let name = named
        .unwrap_or(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let default = NO_SCHEME.iter().any(|d| d.eq_ignore_ascii_case(&name));
    (!name.is_empty() && !default).then_some(name)
}

/// The speaker of a locution written `Speaker : text`.
fn speaker(text: &str) -> Option<&str> {
    let (who, _) = text.split_once(':')?;
    let who = who.trim();
    (!who.is_empty() && who.len() <= 80 && !who.contains('\n')).then_some(who)
}

/// The array at `object[key]`: missing is empty.
fn array<'a>(
    object: &'a serde_json::Map<String, Json>,
    key: &str,
    base: &str,
) -> Result<&'a [Json], ImportError> {
    match object.get(key) {
        Some(Json::Array(a)) => Ok(a),
        None => Err(ImportError::new(base, format!("no \"{key}\" array"))),
        Some(_) => Err(ImportError::new(
            format!("{base}.{key}"),
            "expected an array",
        )),
    }
}

/// A node ID: a string or a number.
fn id_of(value: Option<&Json>, path: &str) -> Result<String, ImportError> {
    match value {
        Some(Json::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Some(Json::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(ImportError::new(path, "expected a string or a number")),
        None => Err(ImportError::new(path, "missing")),
    }
}

/// serde_json's message without its trailing ` at line L column C`.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// Why crux cannot read `yaml` as a file's front matter, or `None` if it can: written
/// as it is, front matter that does not read would make the import a file with an
/// error.
fn front_matter_error(yaml: &str) -> Option<String> {
    let file = crate::syntax::FileId(0);
    let span = crate::syntax::Span::new(file, 0, 0);
    let (_, errors) = crate::syntax::front_matter::read(file, yaml, 0, span);
    errors.first().map(|e| e.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_of_no_known_type_are_named_in_the_warning() {
        let input = r#"{"nodes": [
            {"nodeID": "1", "text": "A claim.", "type": "I"},
            {"nodeID": "2", "text": "?", "type": ""},
            {"nodeID": "3", "text": "?", "type": "XY"},
            {"nodeID": "4", "text": "?", "type": "XY"}
        ], "edges": []}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(
            debate.warnings,
            [
                "1 node with an empty type dropped",
                "2 XY nodes (unknown) dropped"
            ]
        );
    }

    #[test]
    fn a_status_or_standard_the_language_lacks_is_dropped_with_a_warning() {
        let input = r#"{"nodes": [{"nodeID": "1", "text": "a", "type": "I",
            "crux": {"id": "a", "kind": "claim", "attributes":
                [["status", "maybe"], ["standard", "nope"], ["standard", "beyond-doubt"]]}}],
            "edges": []}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(
            debate.warnings,
            [
                "$.nodes[0].crux.attributes[0]: attribute \"status\" not understood, dropped",
                "$.nodes[0].crux.attributes[1]: attribute \"standard\" not understood, dropped",
            ]
        );
        let text = crate::import::write::write(&debate).expect("a valid .crux file");
        assert_eq!(text, "claim a: \"a\"\n  standard beyond-doubt\n");
    }

    #[test]
    fn a_credence_or_weight_outside_0_1_is_dropped_with_a_warning() {
        let input = r#"{"nodes": [
            {"nodeID": "1", "text": "a", "type": "I",
             "crux": {"attributes": [["credence", 7], ["credence", "-0.5"], ["credence", 0.4]]}},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "", "type": "RA", "crux": {"relation": "supports", "weight": 7}},
            {"nodeID": "4", "text": "", "type": "CA", "crux": {"relation": "attacks", "weight": "high"}}],
            "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"},
                      {"fromID": "2", "toID": "4"}, {"fromID": "4", "toID": "1"}]}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(
            debate.warnings,
            [
                "$.nodes[0].crux.attributes[0]: credence 7 is outside [0, 1], dropped",
                "$.nodes[0].crux.attributes[1]: credence -0.5 is outside [0, 1], dropped",
                "$.nodes[2].crux.weight: weight 7 is outside [0, 1], dropped (the relation keeps the default weight)",
                "$.nodes[3].crux.weight: expected a number in [0, 1], found \"high\"; dropped (the relation keeps the default weight)",
            ]
        );
        assert!(debate.relations.iter().all(|r| r.weight.is_none()));
        let text = crate::import::write::write(&debate).expect("a valid .crux file");
        assert_eq!(
            text,
            "claim n1: \"a\"\n  supports n2\n  credence 0.4\n\nclaim n2: \"b\"\n  attacks n1\n"
        );
    }

    #[test]
    fn tags_changed_to_fit_the_language_are_reported() {
        let input = r#"{"nodes": [{"nodeID": "1", "text": "a", "type": "I",
            "crux": {"attributes": [["tags", "work, long tag, !!, ok/fine"]]}}],
            "edges": []}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(
            debate.warnings,
            [
                "$.nodes[0].crux.attributes[0]: tag \"long tag\" written as `long-tag` (a tag holds only letters, digits, `_`, `/`, `.` and `-`)",
                "$.nodes[0].crux.attributes[0]: tag \"!!\" dropped: it holds none of the characters a tag may (letters, digits, `_`, `/`, `.` and `-`)",
            ]
        );
        let text = crate::import::write::write(&debate).expect("a valid .crux file");
        assert_eq!(text, "claim n1: \"a\"\n  tags work, long-tag, ok/fine\n");
    }

    #[test]
    fn a_relation_its_node_cannot_be_is_read_as_the_node_says_with_a_warning() {
        let input = r#"{"nodes": [
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "", "type": "RA", "crux": {"relation": "attacks"}}],
            "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(debate.relations[0].kind, RelationKind::Supports);
        assert_eq!(
            debate.warnings,
            ["$.nodes[2].crux.relation: \"attacks\" does not fit RA node 3; read as supports"]
        );
    }

    #[test]
    fn front_matter_crux_cannot_read_is_dropped_and_the_title_kept() {
        let input = r#"{"nodes": [{"nodeID": "1", "text": "A claim.", "type": "I"}],
            "edges": [],
            "crux": {"title": "Kept", "front_matter": "title: [unclosed\n"}}"#;
        let debate = read(input).expect("an AIF debate");
        assert_eq!(debate.front_matter, None);
        assert_eq!(debate.title.as_deref(), Some("Kept"));
        assert_eq!(
            debate.warnings,
            [
                "$.crux.front_matter: invalid front matter: not valid YAML: `[` is opened and never closed; dropped"
            ]
        );
        let good = input.replace("[unclosed", "Also kept");
        let debate = read(&good).expect("an AIF debate");
        assert_eq!(debate.front_matter.as_deref(), Some("title: Also kept\n"));
        assert!(debate.warnings.is_empty(), "{:?}", debate.warnings);
    }

    #[test]
    fn schemes_are_kept_on_their_relations_and_default_names_are_not() {
        let input = r#"{"nodes": [
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "c", "type": "I"},
            {"nodeID": "4", "text": "Expert  Opinion", "type": "RA"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "6", "text": "Default Inference", "type": "RA", "scheme": "Argument From Analogy"},
            {"nodeID": "7", "text": "Default Inference", "type": "RA", "scheme": "72"}],
            "edges": [{"fromID": "1", "toID": "4"}, {"fromID": "4", "toID": "2"},
                      {"fromID": "3", "toID": "5"}, {"fromID": "5", "toID": "2"},
                      {"fromID": "3", "toID": "6"}, {"fromID": "6", "toID": "1"},
                      {"fromID": "2", "toID": "7"}, {"fromID": "7", "toID": "3"}]}"#;
        let debate = read(input).expect("an AIF debate");
        let schemes: Vec<Option<&str>> = debate
            .relations
            .iter()
            .map(|r| r.scheme.as_deref())
            .collect();
        assert_eq!(
            schemes,
            [
                Some("Expert Opinion"),
                None,
                Some("Argument From Analogy"),
                None
            ]
        );
        let text = crate::import::write::write(&debate).expect("a valid .crux file");
        assert_eq!(
            text,
            "claim n1: \"a\"\n  supports n2\n  note \"Scheme of supports n2: Expert Opinion\"\n\n\
             claim n2: \"b\"\n  supports n3\n\n\
             claim n3: \"c\"\n  attacks n2\n  supports n1\n  note \"Scheme of supports n1: Argument From Analogy\"\n"
        );
    }
}
