//! Argdown (<https://argdown.org>), the subset most debates use:
//!
//! - statements `[Title]: text` and references `[Title]`; arguments `<Title>: text`
//!   and `<Title>`; a line of plain text in a relation is an unnamed statement. One
//!   title is one node (an equivalence class): the first text given is its text, a
//!   different later one its `note` (`Also stated as: ...`).
//! - relations as indented children of an element: `+` and `<+` (the child supports
//!   the parent), `-` and `<-` (attacks it), `+>` and `->` (the parent supports or
//!   attacks the child), `><` (contradicts), `_` (the child undercuts the parent
//!   argument's inference: the relation from the argument to what it argues for).
//! - premise–conclusion structures: numbered lines `(1) text` (or `(1) [Title]: text`)
//!   after an argument's line, with inferences `----` or `-- text --`. Per the
//!   linked-premises policy, the premises of the last inference support the argument
//!   node and the argument node supports the conclusion; an earlier inference (a
//!   sub-argument) relates its premises to its conclusion by `super::policy::support`.
//! - `#tags` and `#(long tags)` become `tags`; `{yaml data}` at the end of a line is
//!   kept as a `note`; front matter between `===` lines gives the `title` (and is
//!   otherwise skipped, also at the top of a Markdown block); headings,
//!   `//` and `/* */` comments are skipped.

use std::collections::HashMap;

use super::policy::support;
use super::{Attribute, Debate, ImportError, Node, RelationKind, Target, Value};

/// Reads the ```argdown (or ```argdown-map) blocks of a Markdown file; line numbers
/// in errors are the Markdown file's.
pub fn read_markdown(input: &str) -> Result<Debate, ImportError> {
    let mut inside = false;
    let mut kept = String::with_capacity(input.len());
    for line in input.lines() {
        let fence = line.trim_start();
        if !inside && fence.starts_with("```argdown") {
            inside = true;
        } else if inside && fence.starts_with("```") {
            inside = false;
        } else if inside {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    read(&kept)
}

/// The element a line names.
struct Element {
    argument: bool,
    title: Option<String>,
    text: Option<String>,
    tags: Vec<String>,
    data: Option<String>,
}

/// Reading state.
#[derive(Default)]
struct Reader {
    debate: Debate,
    titles: HashMap<(bool, String), usize>,
    arguments: Vec<bool>,
    stack: Vec<(usize, usize)>,
    /// The relation from an argument to what it argues for (what `_` undercuts).
    inference: HashMap<usize, usize>,
    /// (undercutter, argument, line) of each `_`.
    undercuts: Vec<(usize, usize, usize)>,
    /// The argument a premise–conclusion structure belongs to, and its lines so far.
    pcs: Option<Pcs>,
    /// The last top-level argument, which a structure right below belongs to.
    last_argument: Option<usize>,
    unnamed: usize,
}

/// A premise–conclusion structure being read.
struct Pcs {
    argument: usize,
    premises: Vec<usize>,
    /// The line of an inference that waits for its conclusion.
    inferring: Option<usize>,
    /// The inferences read: premises, conclusion, line.
    steps: Vec<(Vec<usize>, usize, usize)>,
}

/// Reads Argdown text into a debate.
pub fn read(input: &str) -> Result<Debate, ImportError> {
    let mut r = Reader::default();
    let lines = strip_comments(input)?;
    let mut front_matter: Option<usize> = None;
    for (line_no, line) in &lines {
        if line.trim_end() == "===" {
            front_matter = match front_matter {
                Some(_) => None,
                None => {
                    r.finish_pcs(*line_no)?;
                    r.stack.clear();
                    Some(*line_no)
                }
            };
            continue;
        }
        if front_matter.is_some() {
            if let Some(title) = line.strip_prefix("title:")
                && r.debate.title.is_none()
            {
                let t = title.trim().trim_matches(|c| c == '"' || c == '\'');
                r.debate.title = Some(t.to_string());
            }
            continue;
        }
        r.line(*line_no, line)?;
    }
    if let Some(open) = front_matter {
        return Err(ImportError::at_line(
            open,
            "front matter opened with === is not closed",
        ));
    }
    r.finish_pcs(lines.last().map_or(1, |(n, _)| *n))?;
    for (from, argument, line) in std::mem::take(&mut r.undercuts) {
        match r.inference.get(&argument) {
            Some(&edge) => {
                r.debate
                    .relate(from, RelationKind::Undercuts, Target::Edge(edge), None);
            }
            None => r.debate.warnings.push(format!(
                "line {line}: an undercut of an element that argues for nothing was dropped"
            )),
        }
    }
    Ok(r.debate)
}

impl Reader {
    fn line(&mut self, line_no: usize, line: &str) -> Result<(), ImportError> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        let indent = line.len() - line.trim_start().len();
        if trimmed.starts_with('#') && (trimmed[1..].starts_with([' ', '#']) || trimmed.len() == 1)
        {
            self.finish_pcs(line_no)?;
            self.stack.clear();
            return Ok(());
        }
        // Premise–conclusion structures.
        if let Some(rest) = numbered(trimmed) {
            let element = element(rest, line_no)?;
            let node = self.node(element, line_no);
            if self.pcs.is_none() {
                let argument = match self.last_argument.take() {
                    Some(a) => a,
                    None => {
                        self.unnamed += 1;
                        let name = format!("argument {}", self.unnamed);
                        self.argument_node(&name, None)
                    }
                };
                self.pcs = Some(Pcs {
                    argument,
                    premises: Vec::new(),
                    inferring: None,
                    steps: Vec::new(),
                });
            }
            let pcs = self.pcs.as_mut().expect("a structure");
            if let Some(at) = pcs.inferring.take() {
                let premises = std::mem::take(&mut pcs.premises);
                pcs.steps.push((premises, node, at));
            }
            pcs.premises.push(node);
            self.stack = vec![(indent, node)];
            return Ok(());
        }
        if is_inference(trimmed) {
            let Some(pcs) = self.pcs.as_mut() else {
                return Err(ImportError::at_line(
                    line_no,
                    "an inference line with no numbered premise above it",
                ));
            };
            if pcs.inferring.is_some() {
                return Err(ImportError::at_line(
                    line_no,
                    "two inference lines in a row",
                ));
            }
            pcs.inferring = Some(line_no);
            return Ok(());
        }
        if let Some((marker, rest)) = relation(trimmed) {
            while self.stack.last().is_some_and(|&(i, _)| i >= indent) {
                self.stack.pop();
            }
            let Some(&(_, parent)) = self.stack.last() else {
                return Err(ImportError::at_line(
                    line_no,
                    format!("a relation \"{marker}\" with no element above it to relate to"),
                ));
            };
            let child = self.node(element(rest, line_no)?, line_no);
            self.relate(parent, child, marker, line_no);
            self.stack.push((indent, child));
            return Ok(());
        }
        if indent > 0 && !self.stack.is_empty() {
            return Err(ImportError::at_line(
                line_no,
                "an indented line that is neither a relation (+, -, _, <+, <-, +>, ->, ><) nor a numbered premise",
            ));
        }
        self.finish_pcs(line_no)?;
        let e = element(trimmed, line_no)?;
        let is_argument = e.argument;
        let node = self.node(e, line_no);
        self.last_argument = is_argument.then_some(node);
        self.stack = vec![(indent, node)];
        Ok(())
    }

    /// Ends a premise–conclusion structure: its last conclusion is supported by the
    /// argument, which its premises support.
    fn finish_pcs(&mut self, line_no: usize) -> Result<(), ImportError> {
        let Some(mut pcs) = self.pcs.take() else {
            return Ok(());
        };
        if let Some(at) = pcs.inferring {
            return Err(ImportError::at_line(
                at,
                "an inference line with no conclusion below it",
            ));
        }
        let Some((premises, conclusion, at)) = pcs.steps.pop() else {
            self.debate.warnings.push(format!(
                "line {line_no}: a premise–conclusion structure without an inference line; its statements are kept unrelated"
            ));
            return Ok(());
        };
        let argument = pcs.argument;
        let base = self.debate.nodes[argument].name.clone();
        for (k, (premises, step_conclusion, at)) in pcs.steps.into_iter().enumerate() {
            let name = format!("{base} step {}", k + 1);
            let to = Target::Node(step_conclusion);
            let at = format!("line {at}");
            support(
                &mut self.debate,
                &premises,
                to,
                RelationKind::Supports,
                None,
                &name,
                &at,
            );
        }
        if premises.is_empty() {
            self.debate.warnings.push(format!(
                "line {at}: an inference with no premise was dropped"
            ));
            return Ok(());
        }
        for p in premises {
            self.debate
                .relate(p, RelationKind::Supports, Target::Node(argument), None);
        }
        let edge = self.debate.relate(
            argument,
            RelationKind::Supports,
            Target::Node(conclusion),
            None,
        );
        self.inference.entry(argument).or_insert(edge);
        Ok(())
    }

    fn argument_node(&mut self, title: &str, text: Option<String>) -> usize {
        let n = self.debate.add_node(Node {
            name: title.to_string(),
            kind: None,
            text: text.unwrap_or_else(|| title.to_string()),
            attributes: Vec::new(),
        });
        self.arguments.push(true);
        self.titles.insert((true, title.to_string()), n);
        n
    }

    /// The node an element names: a new one, or the one of its title (whose text it
    /// fills in if it had none).
    fn node(&mut self, e: Element, line: usize) -> usize {
        let key = e.title.clone().map(|t| (e.argument, t));
        let n = match key.as_ref().and_then(|k| self.titles.get(k)) {
            Some(&n) => {
                if let Some(text) = &e.text {
                    let node = &mut self.debate.nodes[n];
                    if node.text == node.name {
                        node.text = text.clone();
                    } else if node.text != *text {
                        // Another member of the equivalence class: kept as a note.
                        if node.attributes.iter().any(|a| a.name == "note") {
                            self.debate.warnings.push(format!(
                                "line {line}: a second text for {:?} was dropped (the node has a note already)",
                                node.name
                            ));
                        } else {
                            node.attributes.push(Attribute {
                                name: "note".into(),
                                value: Value::Text(format!("Also stated as: {text}")),
                            });
                        }
                    }
                }
                n
            }
            None => {
                let name = e
                    .title
                    .clone()
                    .or_else(|| e.text.clone())
                    .unwrap_or_default();
                let text = e
                    .text
                    .clone()
                    .or_else(|| e.title.clone())
                    .unwrap_or_default();
                let n = self.debate.add_node(Node {
                    name,
                    kind: None,
                    text,
                    attributes: Vec::new(),
                });
                self.arguments.push(e.argument);
                if let Some(k) = key {
                    self.titles.insert(k, n);
                }
                n
            }
        };
        let node = &mut self.debate.nodes[n];
        if !e.tags.is_empty() {
            node.attributes.push(Attribute {
                name: "tags".into(),
                value: Value::Tags(e.tags),
            });
        }
        if let Some(data) = e.data
            && !node.attributes.iter().any(|a| a.name == "note")
        {
            node.attributes.push(Attribute {
                name: "note".into(),
                value: Value::Text(data),
            });
        }
        n
    }

    fn relate(&mut self, parent: usize, child: usize, marker: &str, line: usize) {
        let (from, kind, to) = match marker {
            "+" | "<+" => (child, RelationKind::Supports, parent),
            "-" | "<-" => (child, RelationKind::Attacks, parent),
            "+>" => (parent, RelationKind::Supports, child),
            "->" => (parent, RelationKind::Attacks, child),
            "><" => (parent, RelationKind::Contradicts, child),
            _ => {
                self.undercuts.push((child, parent, line));
                return;
            }
        };
        let edge = self.debate.relate(from, kind, Target::Node(to), None);
        if self.arguments.get(from).copied().unwrap_or(false) {
            self.inference.entry(from).or_insert(edge);
        }
    }
}

/// Lines with comments removed, each with its 1-based number.
fn strip_comments(input: &str) -> Result<Vec<(usize, String)>, ImportError> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in input.lines().enumerate() {
        let mut kept = String::with_capacity(line.len());
        let mut rest = line;
        loop {
            if open.is_some() {
                match rest.find("*/") {
                    Some(end) => {
                        open = None;
                        rest = &rest[end + 2..];
                    }
                    None => break,
                }
            }
            let block = rest.find("/*");
            let slash = rest
                .match_indices("//")
                .find(|&(at, _)| at == 0 || rest[..at].ends_with([' ', '\t']))
                .map(|(at, _)| at);
            match (block, slash) {
                (Some(b), s) if s.is_none_or(|s| b < s) => {
                    kept.push_str(&rest[..b]);
                    open = Some(i + 1);
                    rest = &rest[b + 2..];
                }
                (_, Some(s)) => {
                    kept.push_str(&rest[..s]);
                    break;
                }
                _ => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
        out.push((i + 1, kept.trim_end().to_string()));
    }
    if let Some(line) = open {
        return Err(ImportError::at_line(line, "a /* comment is not closed"));
    }
    Ok(out)
}

/// `(1) rest` → `rest`.
fn numbered(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('(')?;
    let close = rest.find(')')?;
    rest[..close]
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(())?;
    (close > 0).then(|| rest[close + 1..].trim())
}

/// `----` or `-- text --`.
fn is_inference(line: &str) -> bool {
    line.starts_with("--")
        && (line.chars().all(|c| c == '-') || line.ends_with("--") && line.len() >= 4)
}

/// A relation marker and the rest of the line.
fn relation(line: &str) -> Option<(&'static str, &str)> {
    for marker in ["<+", "<-", "+>", "->", "><", "+", "-", "_"] {
        if let Some(rest) = line.strip_prefix(marker)
            && (rest.starts_with([' ', '\t']) || (marker.len() == 2 && !rest.is_empty()))
        {
            return Some((marker, rest.trim()));
        }
    }
    None
}

/// The element on a line: `[T]: text`, `[T]`, `<T>: text`, `<T>` or plain text.
fn element(line: &str, line_no: usize) -> Result<Element, ImportError> {
    let (line, data) = split_data(line);
    let (argument, close) = match line.chars().next() {
        Some('[') => (false, ']'),
        Some('<') => (true, '>'),
        _ => {
            let (text, tags) = split_tags(line);
            return Ok(Element {
                argument: false,
                title: None,
                text: Some(text),
                tags,
                data,
            });
        }
    };
    let Some(end) = line.find(close) else {
        return Err(ImportError::at_line(
            line_no,
            format!("\"{}\" is not closed with \"{close}\"", &line[..1]),
        ));
    };
    let title = line[1..end].trim().to_string();
    if title.is_empty() {
        return Err(ImportError::at_line(line_no, "an empty title"));
    }
    let rest = line[end + 1..].trim();
    let (text, tags) = match rest.strip_prefix(':') {
        Some(text) => {
            let (t, tags) = split_tags(text.trim());
            ((!t.is_empty()).then_some(t), tags)
        }
        None => {
            let (_, tags) = split_tags(rest);
            (None, tags)
        }
    };
    Ok(Element {
        argument,
        title: Some(title),
        text,
        tags,
        data,
    })
}

/// A trailing `{yaml}` block split off.
fn split_data(line: &str) -> (&str, Option<String>) {
    if line.ends_with('}')
        && let Some(open) = line.rfind('{')
    {
        return (line[..open].trim_end(), Some(line[open..].to_string()));
    }
    (line, None)
}

/// `#tag` and `#(long tag)` taken out of a text.
fn split_tags(text: &str) -> (String, Vec<String>) {
    let mut tags = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let before_ok = at == 0 || rest[..at].ends_with(' ');
        let after = &rest[at + 1..];
        if before_ok
            && let Some(inner) = after.strip_prefix('(')
            && let Some(end) = inner.find(')')
        {
            tags.push(inner[..end].to_string());
            out.push_str(&rest[..at]);
            rest = &inner[end + 1..];
            continue;
        }
        let len = after
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(after.len());
        if before_ok && len > 0 {
            tags.push(after[..len].to_string());
            out.push_str(&rest[..at]);
            rest = &after[len..];
        } else {
            out.push_str(&rest[..at + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    (out.split_whitespace().collect::<Vec<_>>().join(" "), tags)
}
