//! The data of an Argdown element (`{yaml}` at the end of its line) read for crux's own
//! keys, the ones `crux render --format argdown` writes: `by`, `credence`, `status`,
//! `standard`, `note`, `source`, `artifact`, `expect` and `allow` become attributes,
//! `text` the statement with its line breaks, `undercuts` and `weights` what its
//! relations are. Each value is checked as crux checks it; a value that does not pass is
//! a warning, and its entry is kept in the `note` with the keys crux does not know, as
//! written (`{key: value, ...}`). Data that is not one YAML flow mapping is kept in the
//! note whole, as written.
//!
//! Phase: import. Reads one element's data; the relations it names are resolved by
//! the reader once the whole file is read.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::append_note;
use crate::import::{Attribute, Debate, RelationKind, Target, Value};
use crate::syntax::ast::{ArtifactKind, ProofStandard, Status};

/// What the data of one element says.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Data {
    /// The attributes, in the order of the data.
    pub attributes: Vec<Attribute>,
    /// `text`: the statement as written, line breaks and all.
    pub text: Option<String>,
    /// `undercuts`: the inferences the element undercuts, `(a, t)` for `a -> t`.
    pub undercuts: Vec<(String, String)>,
    /// `weights`: `(relation keyword, target as written, weight)`; the target of an
    /// undercut is `a -> t`.
    pub weights: Vec<(String, String, f64)>,
    /// What goes in the note: the data as written when it is not a flow mapping, else
    /// its entries that were not read (unknown keys, values that did not pass).
    pub rest: Option<String>,
    /// Why entries were not read, for the user.
    pub warnings: Vec<String>,
}

/// The attributes a node has once.
pub(super) const SINGLE: &[&str] = &["by", "credence", "status", "standard", "note"];

/// Reads `raw`, the data as written (`{...}`, backslash escapes and all).
pub(super) fn read(raw: &str) -> Data {
    let mut data = Data::default();
    let Some(entries) = entries(raw) else {
        data.rest = Some(raw.to_string());
        return data;
    };
    let mut kept: Vec<&str> = Vec::new();
    for entry in &entries {
        let Some((key, value)) = parse(entry) else {
            kept.push(entry);
            continue;
        };
        match data.take(&key, &value) {
            Ok(true) => {}
            Ok(false) => kept.push(entry),
            Err(why) => {
                data.warnings
                    .push(format!("data key {key:?} {why}; kept in the note"));
                kept.push(entry);
            }
        }
    }
    if kept.len() == entries.len() {
        data.rest = Some(raw.to_string());
    } else if !kept.is_empty() {
        data.rest = Some(format!("{{{}}}", kept.join(", ")));
    }
    data
}

impl Data {
    /// Reads one entry: `Ok(true)` when it is crux's and read, `Ok(false)` for a key
    /// crux does not know, `Err(why)` for a value that does not pass.
    fn take(&mut self, key: &str, value: &Json) -> Result<bool, String> {
        let items = match value {
            Json::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        let mut read = Vec::new();
        match key {
            "by" | "note" | "source" | "expect" => {
                for item in items {
                    read.push(Value::Text(
                        text(item).ok_or("holds a value that is not a string")?,
                    ));
                }
            }
            "credence" => {
                for item in items {
                    match item.as_f64() {
                        Some(x) if (0.0..=1.0).contains(&x) => read.push(Value::Number(x)),
                        _ => return Err(format!("holds {item}, not a number in [0, 1]")),
                    }
                }
            }
            "status" | "standard" => {
                for item in items {
                    let word = item.as_str().unwrap_or_default();
                    let known = match key {
                        "status" => Status::from_keyword(word).map(Status::keyword),
                        _ => ProofStandard::from_keyword(word).map(ProofStandard::keyword),
                    };
                    read.push(Value::Word(
                        known
                            .ok_or_else(|| format!("holds {item}, not a {key} crux knows"))?
                            .into(),
                    ));
                }
            }
            "artifact" => {
                for item in items {
                    read.push(artifact(item).ok_or_else(|| {
                        format!(
                            "holds {item}, not a path or a mapping of path, sha256, title and kind"
                        )
                    })?);
                }
            }
            "allow" => {
                let rules: Option<Vec<String>> = items
                    .iter()
                    .map(|r| r.as_str().filter(|r| is_rule_name(r)).map(str::to_string))
                    .collect();
                let rules = rules.ok_or("holds a value that is not a rule name")?;
                read.push(Value::Tags(rules));
            }
            "text" => {
                self.text = Some(value.as_str().ok_or("is not a string")?.to_string());
                return Ok(true);
            }
            "undercuts" => {
                for item in items {
                    let pair = item.as_str().and_then(|s| s.split_once("->"));
                    match pair.map(|(a, t)| (a.trim(), t.trim())) {
                        Some((a, t)) if !a.is_empty() && !t.is_empty() => {
                            self.undercuts.push((a.to_string(), t.to_string()));
                        }
                        _ => return Err(format!("holds {item}, not an inference `a -> t`")),
                    }
                }
                return Ok(true);
            }
            "weights" => {
                let map = value.as_object().ok_or("is not a mapping")?;
                let mut weights = Vec::new();
                for (relation, w) in map {
                    let (kind, target) = relation
                        .split_once(' ')
                        .filter(|(k, t)| {
                            ["supports", "attacks", "contradicts", "undercuts"].contains(k)
                                && !t.trim().is_empty()
                        })
                        .ok_or_else(|| {
                            format!("names {relation:?}, not a relation such as \"supports t\"")
                        })?;
                    match w.as_f64() {
                        Some(x) if (0.0..=1.0).contains(&x) => {
                            weights.push((kind.to_string(), target.trim().to_string(), x));
                        }
                        _ => {
                            return Err(format!(
                                "holds {w} for {relation:?}, not a number in [0, 1]"
                            ));
                        }
                    }
                }
                self.weights.extend(weights);
                return Ok(true);
            }
            _ => return Ok(false),
        }
        if SINGLE.contains(&key) && read.len() > 1 {
            return Err("holds more than one value (a node has one)".into());
        }
        // The rules of `# crux: allow(...)` go by the name the writer knows them by.
        let name = match key {
            "allow" => crate::import::aif::ALLOW.to_string(),
            _ => key.to_string(),
        };
        self.attributes
            .extend(read.into_iter().map(|value| Attribute {
                name: name.clone(),
                value,
            }));
        Ok(true)
    }
}

/// The relations the data of one element names, waiting for the whole file to be read.
pub(super) struct Pending {
    /// The element's node.
    pub node: usize,
    /// Its line, for warnings.
    pub line: usize,
    /// [`Data::undercuts`].
    pub undercuts: Vec<(String, String)>,
    /// [`Data::weights`].
    pub weights: Vec<(String, String, f64)>,
}

/// Makes the relations `pending` names what they were: an attack on `a` whose data
/// says `undercuts: ["a -> t"]` becomes the undercut of the relation `a -> t` (an
/// attack written twice, once for the attack and once for the undercut, stays an
/// attack too), and each relation in `weights` gets its weight. `statement` finds the
/// node of a statement's title; `written` counts how often each relation was written.
/// What names no relation is a warning, and kept in the node's note.
pub(super) fn resolve(
    debate: &mut Debate,
    pending: Vec<Pending>,
    statement: impl Fn(&str) -> Option<usize>,
    written: &mut HashMap<usize, usize>,
) {
    use RelationKind::{Attacks, Contradicts, Undercuts};
    // The inference `a -> t`: a relation from `a` to `t`, or a contradiction of `a`
    // written on `t`, read the other way round.
    let inference = |debate: &Debate, a: &str, t: &str| {
        let (a, t) = (statement(a)?, statement(t)?);
        let relations = &debate.relations;
        let forward = relations
            .iter()
            .position(|r| r.from == a && r.to == Target::Node(t) && r.kind != Undercuts);
        forward.map(Target::Edge).or_else(|| {
            relations
                .iter()
                .position(|r| r.from == t && r.to == Target::Node(a) && r.kind == Contradicts)
                .map(Target::Reverse)
        })
    };
    for p in pending {
        let at = format!("line {}", p.line);
        for (a, t) in p.undercuts {
            let attack = statement(&a).and_then(|a| {
                let to = Target::Node(a);
                debate
                    .relations
                    .iter()
                    .position(|r| r.from == p.node && r.kind == Attacks && r.to == to)
            });
            let (Some(edge), Some(attack)) = (inference(debate, &a, &t), attack) else {
                let entry = format!("undercuts: [{}]", quoted(&format!("{a} -> {t}")));
                debate.warnings.push(format!(
                    "{at}: the data says the statement undercuts `{a} -> {t}`, but it has no attack on `{a}` or there is no relation `{a} -> {t}`; kept in the note"
                ));
                append_note(&mut debate.nodes[p.node], format!("{{{entry}}}"));
                continue;
            };
            let count = written.entry(attack).or_insert(1);
            if *count > 1 {
                *count -= 1;
                debate.relate(p.node, Undercuts, edge, None);
            } else {
                let r = &mut debate.relations[attack];
                r.kind = Undercuts;
                r.to = edge;
            }
        }
        for (keyword, target, w) in p.weights {
            let kind = RelationKind::from_keyword(&keyword);
            let to = match (kind, target.split_once("->")) {
                (Some(Undercuts), Some((a, t))) => inference(debate, a.trim(), t.trim()),
                _ => statement(&target).map(Target::Node),
            };
            let found = debate
                .relations
                .iter()
                .position(|r| r.from == p.node && Some(r.kind) == kind && Some(r.to) == to);
            match found {
                Some(r) => debate.relations[r].weight = Some(w),
                None => {
                    let relation = format!("{keyword} {target}");
                    debate.warnings.push(format!(
                        "{at}: the data gives a weight to `{relation}`, a relation the statement does not have; kept in the note"
                    ));
                    let entry = format!("weights: {{{}: {w}}}", quoted(&relation));
                    append_note(&mut debate.nodes[p.node], format!("{{{entry}}}"));
                }
            }
        }
    }
}

/// A string as a JSON string, which YAML reads.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A string, or a number or a boolean as written.
fn text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A rule name as `# crux: allow(...)` takes it.
fn is_rule_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An artifact: a path, or `{path, sha256, title, kind}` (all but the path optional).
fn artifact(value: &Json) -> Option<Value> {
    let quote = crate::import::write::quote;
    let (path, rest) = match value {
        Json::String(path) => (path.clone(), String::new()),
        Json::Object(map) => {
            let field = |k: &str| map.get(k).map(|v| v.as_str().map(str::to_string));
            let mut rest = String::new();
            if let Some(h) = field("sha256") {
                rest.push_str(&format!(" sha256 {}", quote(&h?)));
            }
            if let Some(t) = field("title") {
                rest.push_str(&format!(" title {}", quote(&t?)));
            }
            if let Some(k) = field("kind") {
                let k = k?;
                let kind = ArtifactKind::ALL.into_iter().find(|a| a.keyword() == k)?;
                rest.push_str(&format!(" kind {}", kind.keyword()));
            }
            let known = ["path", "sha256", "title", "kind"];
            if map.keys().any(|k| !known.contains(&k.as_str())) {
                return None;
            }
            (field("path")??, rest)
        }
        _ => return None,
    };
    Some(Value::Artifact { path, rest })
}

/// One entry `key: value` read as YAML: its key (a string) and its value.
fn parse(entry: &str) -> Option<(String, Json)> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_events: 10_000, max_depth: 20, max_nodes: 10_000 },
    };
    let map: serde_json::Map<String, Json> =
        serde_saphyr::from_str_with_options(&format!("{{{entry}}}"), options).ok()?;
    let mut pairs = map.into_iter();
    let pair = pairs.next()?;
    pairs.next().is_none().then_some(pair)
}

/// The entries of a YAML flow mapping `{a: 1, b: [2, 3]}` as written (`a: 1`, `b: [2,
/// 3]`), split at the commas outside quotes, brackets and braces; `None` when `raw` is
/// not one flow mapping whose entries can be told apart.
fn entries(raw: &str) -> Option<Vec<&str>> {
    let inner = raw.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    // Whether a quote here would open a quoted scalar (at the start of a value or key).
    let mut scalar_start = true;
    for (at, c) in inner.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' if scalar_start => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.checked_sub(1)?,
                ',' if depth == 0 => {
                    out.push(inner[start..at].trim());
                    start = at + 1;
                }
                _ => {}
            },
        }
        if quote.is_none() && !c.is_whitespace() {
            scalar_start = matches!(c, '[' | '{' | ',' | ':');
        }
    }
    if quote.is_some() || depth != 0 {
        return None;
    }
    out.push(inner[start..].trim());
    out.retain(|e| !e.is_empty());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(name: &str, value: Value) -> Attribute {
        Attribute {
            name: name.into(),
            value,
        }
    }

    #[test]
    fn entries_are_split_outside_quotes_and_brackets() {
        assert_eq!(
            entries(r#"{a: "x, \"y\"", b: [1, 2], c: {d: 'it''s, so'}, e: it's}"#),
            Some(vec![
                r#"a: "x, \"y\"""#,
                "b: [1, 2]",
                "c: {d: 'it''s, so'}",
                "e: it's"
            ])
        );
        assert_eq!(entries("{a: [1}"), None);
        assert_eq!(entries("not data"), None);
    }

    #[test]
    fn crux_keys_become_attributes() {
        let data = read(
            r#"{by: "Ada \"A\" \\ B", credence: 0.8, status: "accepted", source: ["https:\/\/a.org", "b \u007Bc\u007D\nd ==="], artifact: [{path: "d.csv", sha256: "AB12", title: "T", kind: "dataset"}, "e.csv"], note: "n", allow: ["no-thesis"], text: "Two\nlines"}"#,
        );
        assert_eq!(
            data.attributes,
            vec![
                attribute("by", Value::Text("Ada \"A\" \\ B".into())),
                attribute("credence", Value::Number(0.8)),
                attribute("status", Value::Word("accepted".into())),
                attribute("source", Value::Text("https://a.org".into())),
                attribute("source", Value::Text("b {c}\nd ===".into())),
                attribute(
                    "artifact",
                    Value::Artifact {
                        path: "d.csv".into(),
                        rest: " sha256 \"AB12\" title \"T\" kind dataset".into()
                    }
                ),
                attribute(
                    "artifact",
                    Value::Artifact {
                        path: "e.csv".into(),
                        rest: String::new()
                    }
                ),
                attribute("note", Value::Text("n".into())),
                attribute(
                    crate::import::aif::ALLOW,
                    Value::Tags(vec!["no-thesis".into()])
                ),
            ]
        );
        assert_eq!(data.text.as_deref(), Some("Two\nlines"));
        assert_eq!((data.rest, data.warnings), (None, vec![]));
    }

    #[test]
    fn relations_are_read_for_the_reader_to_resolve() {
        let data =
            read(r#"{undercuts: ["a -> t"], weights: {"supports t": 0.6, "undercuts a -> t": 1}}"#);
        assert_eq!(data.undercuts, vec![("a".into(), "t".into())]);
        assert_eq!(
            data.weights,
            vec![
                ("supports".into(), "t".into(), 0.6),
                ("undercuts".into(), "a -> t".into(), 1.0)
            ]
        );
    }

    /// The `.crux` text and the warnings of an Argdown text.
    fn import(text: &str) -> (String, Vec<String>) {
        let imported = crate::import::import(crate::import::Format::Argdown, "d.argdown", text)
            .expect("imports");
        (imported.text, imported.warnings)
    }

    #[test]
    fn undercuts_weights_and_texts_are_what_crux_wrote() {
        let (text, warnings) = import(concat!(
            "[t]: T #thesis\n\n",
            "[a]: A #claim {credence: 0.25, weights: {\"supports t\": 0.6}}\n  +> [t]\n\n",
            "[u]: Two lines #counter {undercuts: [\"a -> t\"], weights: {\"attacks a\": 0.3, ",
            "\"undercuts a -> t\": 0.7}, text: \"Two\\nlines\"}\n  -> [a]\n  -> [a]\n",
        ));
        assert_eq!(
            text,
            "thesis t: \"T\"\n\nclaim a: \"A\"\n  supports t 0.6\n  credence 0.25\n\n\
             counter u: \"Two\\nlines\"\n  attacks a 0.3\n  undercuts a -> t 0.7\n"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn an_undercut_before_its_inference_is_kept_when_a_loop_is_dropped() {
        let (text, warnings) = import(concat!(
            "[u]: U #counter {undercuts: [\"a -> t\"]}\n  -> [a]\n\n",
            "[a]: A #claim\n  +> [t]\n  +> [a]\n\n[t]: T #thesis\n",
        ));
        assert!(
            text.contains("counter u: \"U\"\n  undercuts a -> t\n"),
            "{text}"
        );
        assert_eq!(warnings, ["`a` supports itself: dropped"]);
    }

    #[test]
    fn data_that_names_no_relation_or_other_words_stays_in_the_note() {
        let (text, warnings) = import(concat!(
            "[t]: T #thesis\n\n",
            "[a]: A #claim {undercuts: [\"t -> a\"], weights: {\"attacks t\": 0.5}, text: \"B\"}\n",
            "  +> [t]\n",
        ));
        assert_eq!(
            text,
            "thesis t: \"T\"\n\nclaim a: \"A\"\n  supports t\n  \
             note \"{text: \\\"B\\\"}\\n{undercuts: [\\\"t -> a\\\"]}\\n{weights: {\\\"attacks t\\\": 0.5}}\"\n"
        );
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings[0].starts_with("line 3: the data's text"),
            "{warnings:?}"
        );
    }

    #[test]
    fn other_keys_and_bad_values_stay_in_the_note() {
        let data = read(r#"{color: "red", credence: 7, status: "maybe", source: "s"}"#);
        assert_eq!(
            data.attributes,
            vec![attribute("source", Value::Text("s".into()))]
        );
        assert_eq!(
            data.rest.as_deref(),
            Some(r#"{color: "red", credence: 7, status: "maybe"}"#)
        );
        assert_eq!(
            data.warnings,
            vec![
                "data key \"credence\" holds 7, not a number in [0, 1]; kept in the note",
                "data key \"status\" holds \"maybe\", not a status crux knows; kept in the note",
            ]
        );
        // Nothing read: the data as written, exactly.
        let raw = r#"{isInMap: false,  color: "red"}"#;
        assert_eq!(read(raw).rest.as_deref(), Some(raw));
        assert_eq!(read("{a: [1}").rest.as_deref(), Some("{a: [1}"));
    }
}
