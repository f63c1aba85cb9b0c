//! Argdown (<https://argdown.org>), the subset most debates use:
//!
//! - statements `[Title]: text` and references `[Title]`; arguments `<Title>: text`
//!   and `<Title>`; a line of plain text in a relation is an unnamed statement. One
//!   title is one node (an equivalence class): the first text given is its text, a
//!   different later one its `note` (`Also stated as: ...`).
//! - relations as indented children of an element: `+` and `<+` (the child supports
//!   the parent), `-` and `<-` (attacks it), `+>` and `->` (the parent supports or
//!   attacks the child), `><` (contradicts), `_` and `<_` (the child undercuts the
//!   parent's inference: the first relation by which the parent, an argument or a
//!   statement, argues for something), `_>` (the parent undercuts the child's).
//! - an element's text may go on over the next lines, up to an empty line or a line
//!   that starts something else (a relation, a numbered line, an inference, a heading,
//!   a list item, a `[` or `<` element); `@[Title]` and `@<Title>` mentions stay in the
//!   text.
//! - list items `* text` and `1. text` (at any indent) are elements of their own at the
//!   top level, one node each, as Argdown reads them: the marker is not part of the
//!   text, and relations indented below an item are the item's.
//! - premise–conclusion structures: numbered lines `(1) text` (or `(1) [Title]: text`)
//!   after an argument's line, with inferences `----`, `-- text --`, or `--` lines
//!   around a rule over several lines; the rule's text (and its data) is kept in the
//!   argument's `note`, and `{uses: [1, 2]}` names the premises the inference uses. Per the
//!   linked-premises policy, the premises of the last inference support the argument
//!   node and the argument node supports the conclusion; an earlier inference (a
//!   sub-argument) relates its premises to its conclusion by `super::policy::support`.
//! - `#thesis`, `#claim`, `#counter` and `#evidence` give the node its kind (the first
//!   one does, as `crux render --format argdown` writes it); other `#tags` and
//!   `#(long tags)` become `tags`; `{yaml data}` at the end of a line
//!   (nested values too) is kept in a `note`, but for crux's own keys, which give the
//!   node its attributes, its text with line breaks, and its relations' weights and
//!   undercuts (see [`data`]); front matter between `===` lines gives
//!   the `title`, (its `subTitle`) the `description`, (its `author`) the `authors`, the
//!   `date` and the `source`, and is otherwise skipped, also
//!   at the top of a Markdown block; headings are skipped.
//! - comments `//`, `/* */` and `<!-- -->` are skipped, and a line that holds nothing
//!   else is skipped whole (it does not end the text or the relations above it), as in
//!   Argdown; `//` only at a line's start or after a space (`http://` is text), and none
//!   in `{data}` (`{note: "a // b"}` is data, as Argdown reads it).
//! - `@include(file)` lines are expanded before reading (by `crate::project::import_file`).
//! - a backslash before an ASCII punctuation character makes it text, as in Markdown
//!   (`\[`, `\#`, `\/`...): it starts no element, tag, data or comment, and the text
//!   keeps the character without the backslash. Data and front matter keep it as
//!   written, backslash and all, for YAML to read.

mod data;

use std::collections::HashMap;

use super::policy::support;
use super::{Attribute, Debate, ImportError, Node, RelationKind, Target, Value};
use crate::syntax::ast::NodeKind;

/// Reads the Argdown blocks of a Markdown file: its fenced code blocks (```` ``` ```` or
/// `~~~`) whose language, the first word of the info string, is `argdown`, `argdown-map`
/// or `argdown-source` (those Argdown's Markdown plugin renders), found as CommonMark
/// finds them: a fence indented by four spaces is an indented code block, one in an
/// HTML comment is not a fence, one in a list item or a block quote is. Their lines
/// (without the fence's indent, nor the list's or the quote's) keep their line numbers,
/// so the positions in errors are the Markdown file's.
pub fn read_markdown(input: &str) -> Result<Debate, ImportError> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let starts: Vec<usize> = std::iter::once(0)
        .chain(input.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let mut kept = vec![String::new(); starts.len()];
    let mut inside = false;
    for (event, range) in Parser::new(input).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let language = info.split_whitespace().next().unwrap_or_default();
                inside = ["argdown", "argdown-map", "argdown-source"].contains(&language);
            }
            Event::End(TagEnd::CodeBlock) => inside = false,
            Event::Text(text) if inside => {
                let first = starts.partition_point(|&s| s <= range.start) - 1;
                for (line, part) in kept[first..].iter_mut().zip(text.split('\n')) {
                    line.push_str(part.strip_suffix('\r').unwrap_or(part));
                }
            }
            _ => {}
        }
    }
    // A kept line is the end of its Markdown line (without a list's indent or a
    // quote's `>`): columns in errors count what was cut off too.
    let cut: Vec<usize> = kept
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let end = starts.get(i + 1).map_or(input.len(), |&s| s - 1);
            let original = input[starts[i]..end].trim_end_matches('\r');
            match original.strip_suffix(line.as_str()) {
                Some(before) if !line.is_empty() => before.chars().count(),
                _ => 0,
            }
        })
        .collect();
    read(&kept.join("\n")).map_err(|mut e| {
        if let Some(super::TextPosition {
            file: None,
            line,
            column: Some(column),
        }) = e.text_position()
        {
            let column = column + cut.get(line.wrapping_sub(1)).copied().unwrap_or(0);
            e.position = format!("line {line}, column {column}");
        }
        e
    })
}

/// The element a line names.
struct Element {
    /// The line it is on, for warnings.
    line: usize,
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
    stack: Vec<(usize, usize)>,
    /// The first relation from an element (an argument, or a statement) to what it
    /// argues for: the inference that `_` undercuts.
    inference: HashMap<usize, usize>,
    /// (undercutter, undercut element, line) of each `_`.
    undercuts: Vec<(usize, usize, usize)>,
    /// How often each relation was written (`Debate::relate` keeps one of the same).
    written: HashMap<usize, usize>,
    /// The relations named by the data of elements (`undercuts`, `weights`).
    pending: Vec<data::Pending>,
    /// The argument a premise–conclusion structure belongs to, and its lines so far.
    pcs: Option<Pcs>,
    /// The last top-level argument, which a structure right below belongs to.
    last_argument: Option<usize>,
    /// The line of the structure each argument has (Argdown allows one).
    structured: HashMap<usize, usize>,
    unnamed: usize,
    /// The lines of the text as read (escapes protected, comments kept), for columns.
    raw: Vec<String>,
}

/// A premise–conclusion structure being read.
struct Pcs {
    argument: usize,
    premises: Vec<usize>,
    /// The inference that waits for its conclusion: its line and the premises its
    /// `uses` names, if any.
    inferring: Option<(usize, Option<Vec<usize>>)>,
    /// The inferences read: premises, conclusion, line.
    steps: Vec<(Vec<usize>, usize, usize)>,
    /// The node of each numbered statement, by its number.
    numbers: HashMap<usize, usize>,
}

/// Reads Argdown text into a debate.
pub fn read(input: &str) -> Result<Debate, ImportError> {
    let protected = protect(input);
    let mut debate = read_protected(&protected).map_err(|e| ImportError {
        position: e.position,
        message: unescape(&e.message),
    })?;
    for node in &mut debate.nodes {
        node.name = unescape(&node.name);
        node.text = unescape(&node.text);
        for attribute in &mut node.attributes {
            match &mut attribute.value {
                Value::Word(t) | Value::Text(t) => *t = unescape(t),
                Value::Tags(tags) => tags.iter_mut().for_each(|t| *t = unescape(t)),
                Value::Number(_) | Value::Artifact { .. } => {}
            }
        }
    }
    for text in [&mut debate.title, &mut debate.description]
        .into_iter()
        .flatten()
    {
        *text = unescape(text);
    }
    for warning in &mut debate.warnings {
        *warning = unescape(warning);
    }
    Ok(debate)
}

/// Where an escaped character is kept while the text is read: in a private-use plane
/// (U+F0000 plus the character), so that no rule of the reader sees it as markup.
const ESCAPED: u32 = 0xF_0000;

/// `text` with each backslash escape (`\` and an ASCII punctuation character) turned
/// into the character's place holder.
fn protect(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match super::escape_at(text, at) {
            Some(escaped) => {
                out.push(char::from_u32(ESCAPED + escaped as u32).unwrap_or(escaped));
                at += 2;
            }
            None => {
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    out
}

/// The character each place holder in `text` stands for (the escape's meaning).
fn unescape(text: &str) -> String {
    restore(text, false)
}

/// `text` with each place holder written back as the escape it was (for YAML).
fn original(text: &str) -> String {
    restore(text, true)
}

fn restore(text: &str, backslash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (c as u32).checked_sub(ESCAPED).filter(|&n| n < 0x80) {
            Some(n) => {
                if backslash {
                    out.push('\\');
                }
                out.push(n as u8 as char);
            }
            None => out.push(c),
        }
    }
    out
}

/// [`read`] on text whose escapes are protected.
fn read_protected(input: &str) -> Result<Debate, ImportError> {
    let mut r = Reader {
        raw: input.lines().map(str::to_string).collect(),
        ..Reader::default()
    };
    let lines = logical_lines(strip_comments(input)?);
    let mut front_matter: Option<usize> = None;
    let mut yaml = String::new();
    for (line_no, line) in &lines {
        if line.trim_end() == "===" {
            front_matter = match front_matter {
                Some(_) => {
                    r.front_matter(&original(&std::mem::take(&mut yaml)));
                    None
                }
                None => {
                    r.finish_pcs(*line_no)?;
                    r.stack.clear();
                    Some(*line_no)
                }
            };
            continue;
        }
        if front_matter.is_some() {
            yaml.push_str(line);
            yaml.push('\n');
            continue;
        }
        r.line(*line_no, line)?;
    }
    if let Some(open) = front_matter {
        return Err(ImportError::at(
            open,
            1,
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
    let titles = &r.titles;
    let statement = |title: &str| {
        titles
            .get(&(false, title.to_string()))
            .copied()
            .or_else(|| {
                titles
                    .iter()
                    .find(|((argument, t), _)| !argument && unescape(t) == title)
                    .map(|(_, &n)| n)
            })
    };
    data::resolve(
        &mut r.debate,
        std::mem::take(&mut r.pending),
        statement,
        &mut r.written,
    );
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
        if let Some((number, rest)) = numbered(trimmed) {
            let element = element(rest, line_no, self.column(line_no, line, rest))?;
            let node = self.node(element);
            if self.pcs.is_none() {
                let argument = match self.last_argument.take() {
                    Some(a) => a,
                    None => {
                        self.unnamed += 1;
                        let name = format!("argument {}", self.unnamed);
                        self.argument_node(&name, None)
                    }
                };
                // A second structure for one argument would join unrelated premises
                // to both conclusions; Argdown refuses it too.
                if let Some(first) = self.structured.insert(argument, line_no) {
                    return Err(ImportError::at(
                        line_no,
                        self.first_column(line_no),
                        format!(
                            "a second premise–conclusion structure for the argument <{}> (its first is at line {first}); an argument has one",
                            self.debate.nodes[argument].name
                        ),
                    ));
                }
                self.pcs = Some(Pcs {
                    argument,
                    premises: Vec::new(),
                    inferring: None,
                    steps: Vec::new(),
                    numbers: HashMap::new(),
                });
            }
            let pcs = self.pcs.as_mut().expect("a structure");
            if let Some((at, uses)) = pcs.inferring.take() {
                let mut premises = std::mem::take(&mut pcs.premises);
                if let Some(uses) = uses {
                    match uses.iter().map(|n| pcs.numbers.get(n).copied()).collect() {
                        Some(used) => premises = used,
                        None => self.debate.warnings.push(format!(
                            "line {at}: the inference uses a statement number not above it; it uses the statements since the last inference instead"
                        )),
                    }
                }
                pcs.steps.push((premises, node, at));
            }
            pcs.numbers.insert(number, node);
            pcs.premises.push(node);
            self.stack = vec![(indent, node)];
            return Ok(());
        }
        if is_inference(trimmed) {
            let rule = inference_rule(trimmed);
            if let (Some(pcs), Some((text, _))) = (&self.pcs, &rule) {
                let argument = pcs.argument;
                append_note(
                    &mut self.debate.nodes[argument],
                    format!("Inference: {text}"),
                );
            }
            let column = self.column(line_no, line, trimmed);
            let Some(pcs) = self.pcs.as_mut() else {
                return Err(ImportError::at(
                    line_no,
                    column,
                    "an inference line with no numbered premise above it",
                ));
            };
            if pcs.inferring.is_some() {
                return Err(ImportError::at(
                    line_no,
                    column,
                    "two inference lines in a row",
                ));
            }
            pcs.inferring = Some((line_no, rule.and_then(|(_, uses)| uses)));
            return Ok(());
        }
        if let Some((marker, rest)) = relation(trimmed) {
            while self.stack.last().is_some_and(|&(i, _)| i >= indent) {
                self.stack.pop();
            }
            let Some(&(_, parent)) = self.stack.last() else {
                return Err(ImportError::at(
                    line_no,
                    self.column(line_no, line, trimmed),
                    format!("a relation \"{marker}\" with no element above it to relate to"),
                ));
            };
            let child = self.node(element(rest, line_no, self.column(line_no, line, rest))?);
            self.relate(parent, child, marker, line_no);
            self.stack.push((indent, child));
            return Ok(());
        }
        // A list item is an element of its own, at the top level, whatever its indent.
        if let Some(item) = list_item(trimmed) {
            let column = self.column(line_no, line, item);
            return self.top_level(line_no, column, indent, item);
        }
        let column = self.column(line_no, line, trimmed);
        if indent > 0 && !self.stack.is_empty() {
            return Err(ImportError::at(
                line_no,
                column,
                "an indented line that is neither a relation (+, -, _, <+, <-, +>, ->, ><) nor a numbered premise",
            ));
        }
        self.top_level(line_no, column, indent, trimmed)
    }

    /// The column (1-based, in characters of the input) where `part`, a slice of the
    /// line `line` as read (comments taken out), starts on line `line_no` of the input:
    /// exact unless a comment taken out stood before it, in which case it is the
    /// column of the line's first character that is not a space.
    fn column(&self, line_no: usize, line: &str, part: &str) -> usize {
        let at = (part.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
        match (self.raw.get(line_no.wrapping_sub(1)), line.get(..at)) {
            (Some(raw), Some(before)) if raw.starts_with(before) => column_at(raw, at),
            _ => self.first_column(line_no),
        }
    }

    /// The column of the first character of line `line_no` that is not a space.
    fn first_column(&self, line_no: usize) -> usize {
        self.raw
            .get(line_no.wrapping_sub(1))
            .map_or(1, |raw| column_at(raw, raw.len() - raw.trim_start().len()))
    }

    /// An element at the top level (`text` without its indent or list marker): it ends
    /// the structure and relations above, and the relations indented below it are its.
    /// `column` is the column `text` starts at.
    fn top_level(
        &mut self,
        line_no: usize,
        column: usize,
        indent: usize,
        text: &str,
    ) -> Result<(), ImportError> {
        self.finish_pcs(line_no)?;
        if text.is_empty() {
            // A list marker with nothing after it.
            self.stack.clear();
            self.last_argument = None;
            return Ok(());
        }
        let e = element(text, line_no, column)?;
        let is_argument = e.argument;
        let node = self.node(e);
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
            return Err(ImportError::at(
                at.0,
                self.first_column(at.0),
                "an inference line with no conclusion below it",
            ));
        }
        let Some((premises, conclusion, at)) = pcs.steps.pop() else {
            self.debate.warnings.push(format!(
                "line {line_no}: a premise–conclusion structure without an inference line; its statements are kept unrelated"
            ));
            return Ok(());
        };
        // After the last conclusion (the first of `premises`, as a conclusion is a
        // premise of what follows), numbered statements with no inference line below:
        // Argdown calls it a missing inference.
        let stray = pcs.premises.len().saturating_sub(1);
        if stray > 0 {
            self.debate.warnings.push(format!(
                "line {line_no}: {} after the last conclusion, with no inference line below (a missing inference): kept unrelated",
                if stray == 1 { "a numbered statement" } else { "numbered statements" }
            ));
        }
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
        self.titles.insert((true, title.to_string()), n);
        n
    }

    /// The node an element names: a new one, or the one of its title (whose text it
    /// fills in if it had none).
    fn node(&mut self, mut e: Element) -> usize {
        let key = e.title.clone().map(|t| (e.argument, t));
        let n = match key.as_ref().and_then(|k| self.titles.get(k)) {
            Some(&n) => {
                if let Some(text) = &e.text {
                    let node = &mut self.debate.nodes[n];
                    if node.text == node.name {
                        node.text = text.clone();
                    } else if node.text != *text {
                        // Another member of the equivalence class: kept in the note.
                        append_note(node, format!("Also stated as: {text}"));
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
                if let Some(k) = key {
                    self.titles.insert(k, n);
                }
                n
            }
        };
        let node = &mut self.debate.nodes[n];
        // An element's first kind tag (`#thesis`, as `crux render --format argdown` writes
        // it) gives the node its kind, unless it has another; any other stays a tag.
        let mut tags = std::mem::take(&mut e.tags);
        if let Some(at) = tags
            .iter()
            .position(|t| NodeKind::from_keyword(t).is_some())
            && let Some(kind) = NodeKind::from_keyword(&tags[at])
            && node.kind.is_none_or(|k| k == kind)
        {
            node.kind = Some(kind);
            tags.remove(at);
        }
        // Escapes are read back first: `#(a\)b)` is the tag `a)b`, changed to `a-b`.
        let tags = tags.iter().map(|t| unescape(t)).collect();
        let at = format!("line {}", e.line);
        let tags = super::clean_tags(tags, &at, &mut self.debate.warnings);
        let node = &mut self.debate.nodes[n];
        if !tags.is_empty() {
            node.attributes.push(Attribute {
                name: "tags".into(),
                value: Value::Tags(tags),
            });
        }
        if let Some(raw) = &e.data {
            self.data(n, &e, data::read(raw));
        }
        n
    }

    /// Gives node `n` what the data of its element `e` says (see [`data`]).
    fn data(&mut self, n: usize, e: &Element, data: data::Data) {
        let at = format!("line {}", e.line);
        let warnings = &mut self.debate.warnings;
        warnings.extend(data.warnings.iter().map(|w| format!("{at}: {w}")));
        let node = &mut self.debate.nodes[n];
        for attribute in data.attributes {
            match (&attribute.name[..], attribute.value) {
                ("note", Value::Text(note)) => append_note(node, note),
                (name, _)
                    if data::SINGLE.contains(&name)
                        && node.attributes.iter().any(|b| b.name == name) =>
                {
                    warnings.push(format!(
                        "{at}: a second `{name}` in the data was dropped (a node has one)"
                    ));
                }
                (_, value) => node.attributes.push(Attribute {
                    name: attribute.name,
                    value,
                }),
            }
        }
        if let Some(text) = data.text {
            let own = e.text.as_deref().unwrap_or_default();
            let is_own = e.text.as_ref().is_none_or(|t| node.text == *t);
            if is_own && words(&text) == words(&unescape(own)) {
                node.text = text;
            } else {
                warnings.push(format!(
                    "{at}: the data's text is not the statement's (other words); kept in the note"
                ));
                let quoted = serde_json::to_string(&text).unwrap_or_default();
                append_note(node, format!("{{text: {quoted}}}"));
            }
        }
        if let Some(rest) = data.rest {
            append_note(node, rest);
        }
        if !data.undercuts.is_empty() || !data.weights.is_empty() {
            self.pending.push(data::Pending {
                node: n,
                line: e.line,
                undercuts: data.undercuts,
                weights: data.weights,
            });
        }
    }

    /// Reads the front matter's YAML for the title, the description (`subTitle`), the
    /// authors (`author`, or `authors`; one or a list; HTML entities read), the `date` and
    /// the `source`; a value of another shape (a mapping) is left out. YAML that does
    /// not parse gives none of them.
    fn front_matter(&mut self, yaml: &str) {
        /// A value as Argdown's YAML may hold it.
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Value {
            Text(String),
            Number(f64),
            Flag(bool),
            List(Vec<Value>),
            Other(serde::de::IgnoredAny),
        }
        impl Value {
            /// Its strings, each on one line: a list's in order, none for a mapping.
            fn strings(self) -> Vec<String> {
                let clean = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
                match self {
                    Value::Text(t) => vec![clean(&t)],
                    Value::Number(x) => vec![x.to_string()],
                    Value::Flag(b) => vec![b.to_string()],
                    Value::List(items) => items.into_iter().flat_map(Value::strings).collect(),
                    Value::Other(_) => Vec::new(),
                }
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect()
            }
            /// Its first string.
            fn one(v: Option<Value>) -> Option<String> {
                v.and_then(|v| v.strings().into_iter().next())
            }
        }
        #[derive(serde::Deserialize)]
        struct Raw {
            title: Option<Value>,
            #[serde(rename = "subTitle")]
            sub_title: Option<Value>,
            author: Option<Value>,
            authors: Option<Value>,
            date: Option<Value>,
            source: Option<Value>,
        }
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! { max_events: 10_000, max_depth: 20, max_nodes: 10_000 },
        };
        match serde_saphyr::from_str_with_options::<Raw>(yaml, options) {
            Ok(raw) => {
                let d = &mut self.debate;
                d.title = d.title.take().or_else(|| Value::one(raw.title));
                d.description = d.description.take().or_else(|| Value::one(raw.sub_title));
                d.date = d.date.take().or_else(|| Value::one(raw.date));
                d.source = d.source.take().or_else(|| Value::one(raw.source));
                if d.authors.is_empty() {
                    // Escaped for HTML, as `crux render --format argdown` writes them.
                    let unescape = |a: String| crate::text::unmarkup(&a);
                    let authors = raw.author.or(raw.authors);
                    d.authors = authors.map_or_else(Vec::new, |a| {
                        a.strings().into_iter().map(unescape).collect()
                    });
                }
            }
            Err(_) => self
                .debate
                .warnings
                .push("the front matter is not YAML crux can read; it was dropped (title, subTitle, author, date, source)".into()),
        }
    }

    fn relate(&mut self, parent: usize, child: usize, marker: &str, line: usize) {
        let (from, kind, to) = match marker {
            "+" | "<+" => (child, RelationKind::Supports, parent),
            "-" | "<-" => (child, RelationKind::Attacks, parent),
            "+>" => (parent, RelationKind::Supports, child),
            "->" => (parent, RelationKind::Attacks, child),
            "><" => (parent, RelationKind::Contradicts, child),
            "_>" => {
                self.undercuts.push((parent, child, line));
                return;
            }
            _ => {
                self.undercuts.push((child, parent, line));
                return;
            }
        };
        let edge = self.debate.relate(from, kind, Target::Node(to), None);
        *self.written.entry(edge).or_insert(0) += 1;
        self.inference.entry(from).or_insert(edge);
    }
}

/// Lines with comments (`//`, `/* */`, `<!-- -->`) removed, each with its 1-based
/// number. As in Argdown, a line that held nothing but comments is left out with its
/// line break, so it ends no text and no relations, and a comment at the start of a line
/// takes the spaces after it along (the line's indent is the one before it). `//` starts
/// a comment at the start of a line or after a space only, so that `http://` stays text.
/// The front matter between `===` lines is kept as it is: it is YAML, whose strings may
/// hold any of these.
fn strip_comments(input: &str) -> Result<Vec<(usize, String)>, ImportError> {
    let mut out = Vec::new();
    // The block comment still open: its opening and closing markers, and its line and
    // column.
    let mut open: Option<(&str, &str, (usize, usize))> = None;
    let mut front_matter = false;
    for (i, line) in input.lines().enumerate() {
        if open.is_none() && (front_matter || line.trim_end() == "===") {
            front_matter ^= line.trim_end() == "===";
            out.push((i + 1, line.to_string()));
            continue;
        }
        let mut kept = String::with_capacity(line.len());
        let mut rest = line;
        let mut commented = false;
        loop {
            if let Some((_, close, _)) = open {
                commented = true;
                match rest.find(close) {
                    Some(end) => {
                        open = None;
                        rest = &rest[end + close.len()..];
                        if kept.trim().is_empty() {
                            rest = rest.trim_start();
                        }
                    }
                    None => break,
                }
            }
            match first_comment(rest) {
                Some((at, None)) => {
                    kept.push_str(&rest[..at]);
                    commented = true;
                    break;
                }
                Some((at, Some((opening, close)))) => {
                    kept.push_str(&rest[..at]);
                    let column = column_at(line, line.len() - rest.len() + at);
                    open = Some((opening, close, (i + 1, column)));
                    rest = &rest[at + opening.len()..];
                }
                None => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
        let kept = kept.trim_end();
        if commented && kept.is_empty() {
            continue;
        }
        out.push((i + 1, kept.to_string()));
    }
    if let Some((opening, _, (line, column))) = open {
        return Err(ImportError::at(
            line,
            column,
            format!("a {opening} comment is not closed"),
        ));
    }
    Ok(out)
}

/// Where the first comment of `text` starts, with its opening and closing markers for
/// a block comment (`/* */`, `<!-- -->`) or `None` for a `//` one, which ends the line.
/// Data (`{...}`, closed on the same line) is no place for a comment: its markers are
/// data there, as Argdown reads them (`{note: "a // b"}`, `{n: x /* y */ z}`).
fn first_comment(text: &str) -> Option<(usize, Option<(&'static str, &'static str)>)> {
    let data = data_spans(text);
    let outside = |at: &usize| !data.iter().any(|d| d.contains(at));
    let block = [("/*", "*/"), ("<!--", "-->")]
        .into_iter()
        .filter_map(|(opening, close)| {
            let at = text
                .match_indices(opening)
                .map(|(at, _)| at)
                .find(outside)?;
            Some((at, Some((opening, close))))
        });
    let line = text
        .match_indices("//")
        .map(|(at, _)| at)
        .filter(outside)
        .find(|&at| at == 0 || text[..at].ends_with([' ', '\t']))
        .map(|at| (at, None));
    block.chain(line).min_by_key(|&(at, _)| at)
}

/// The byte ranges of the data blocks of a line: from each `{` (not escaped by a
/// backslash) to its matching `}`, nested braces included, over strings in `"` or `'`
/// whole (a `}` in a data string closes nothing). A `{` that the line does not close
/// starts no data; the blocks inside it that close do.
fn data_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    // Where each `{` still open is.
    let mut open = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if open.is_empty() => at += 1,
            b'{' => open.push(at),
            b'}' => {
                if let Some(start) = open.pop() {
                    // The blocks inside this one are part of it.
                    while spans.last().is_some_and(|s| s.start > start) {
                        spans.pop();
                    }
                    spans.push(start..at + 1);
                }
            }
            quote @ (b'"' | b'\'') if !open.is_empty() => {
                at += 1;
                while at < bytes.len() && bytes[at] != quote {
                    // In a double-quoted YAML string a backslash escapes what follows.
                    at += usize::from(quote == b'"' && bytes[at] == b'\\') + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    spans
}

/// The element of a Markdown list item, `* text` or `1. text` (a number, a dot and a
/// space), as Argdown reads it: `text`, which may be empty.
fn list_item(trimmed: &str) -> Option<&str> {
    let rest = match trimmed.strip_prefix('*') {
        Some(rest) => rest,
        None => {
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            trimmed[digits..].strip_prefix('.').filter(|_| digits > 0)?
        }
    };
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
}

/// `(1) rest` → `(1, rest)`.
fn numbered(line: &str) -> Option<(usize, &str)> {
    let rest = line.strip_prefix('(')?;
    let close = rest.find(')')?;
    let number = rest[..close].parse().ok()?;
    rest[..close]
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(())?;
    Some((number, rest[close + 1..].trim()))
}

/// The rule of an inference line `-- rule {uses: [1, 2]} --`: its text (with the data)
/// and the statement numbers its `uses` names; `None` for `----`.
fn inference_rule(line: &str) -> Option<(String, Option<Vec<usize>>)> {
    let inner = line.trim_matches('-').trim();
    if inner.is_empty() {
        return None;
    }
    let (_, data) = split_data(inner);
    let data = data.map(|d| original(&d));
    let uses = data.as_deref().and_then(|d| {
        let after = &d[d.find("uses")? + 4..];
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let list = after.strip_prefix('[')?;
        let list = &list[..list.find(']')?];
        list.split(',').map(|n| n.trim().parse().ok()).collect()
    });
    Some((inner.to_string(), uses))
}

/// A text's words, joined by one space, control characters read as spaces: what is
/// left of a text put on one line.
fn words(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds `text` to a node's `note` (a new line in it, when there is one already).
fn append_note(node: &mut Node, text: String) {
    match node.attributes.iter_mut().find(|a| a.name == "note") {
        Some(Attribute {
            value: Value::Text(note),
            ..
        }) => {
            note.push('\n');
            note.push_str(&text);
        }
        _ => node.attributes.push(Attribute {
            name: "note".into(),
            value: Value::Text(text),
        }),
    }
}

/// Whether a line starts an element, relation, structure line, heading or list item of
/// its own, rather than going on with the text of the line above.
fn starts_line(trimmed: &str) -> bool {
    relation(trimmed).is_some()
        || numbered(trimmed).is_some()
        || is_inference(trimmed)
        || is_heading(trimmed)
        || list_item(trimmed).is_some()
        || trimmed == "==="
        || trimmed.starts_with(['[', '<'])
}

/// `# Heading`, `## Heading`.
fn is_heading(trimmed: &str) -> bool {
    trimmed.starts_with('#') && (trimmed.len() == 1 || trimmed[1..].starts_with([' ', '#']))
}

/// Joins the lines of one element (a text that goes on over several lines) into one,
/// numbered as its first; a rule between two `--` lines becomes `-- rule --`.
fn logical_lines(lines: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::with_capacity(lines.len());
    // Whether the last line of `out` takes more text, and whether it is an open `--`.
    let mut open = false;
    let mut rule: Option<Vec<String>> = None;
    let mut front_matter = false;
    for (n, line) in lines {
        let trimmed = line.trim();
        if front_matter {
            front_matter = trimmed != "===";
            out.push((n, line));
            continue;
        }
        if let Some(parts) = rule.as_mut() {
            if trimmed == "--" {
                let text = std::mem::take(parts).join(" ");
                let last = out.last_mut().expect("the opening --");
                last.1 = format!("{}-- {text} --", &last.1[..last.1.len() - 2]);
                rule = None;
                open = false;
                continue;
            }
            if !trimmed.is_empty() && !starts_line(trimmed) {
                parts.push(trimmed.to_string());
                continue;
            }
            // Not a rule after all: the `--` stays a plain inference line.
            rule = None;
        }
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if open && !starts_line(trimmed) {
            let last = out.last_mut().expect("an open line");
            last.1.push(' ');
            last.1.push_str(trimmed);
            continue;
        }
        if trimmed == "===" {
            // Front matter: its YAML lines are kept as they are.
            front_matter = true;
            open = false;
            out.push((n, line));
            continue;
        }
        if trimmed == "--" {
            rule = Some(Vec::new());
        }
        open = !is_inference(trimmed);
        out.push((n, line));
    }
    out
}

/// `----` or `-- text --`.
fn is_inference(line: &str) -> bool {
    line.starts_with("--")
        && (line.chars().all(|c| c == '-') || line.ends_with("--") && line.len() >= 4)
}

/// A relation marker and the rest of the line.
fn relation(line: &str) -> Option<(&'static str, &str)> {
    for marker in ["<+", "<-", "<_", "+>", "->", "_>", "><", "+", "-", "_"] {
        if let Some(rest) = line.strip_prefix(marker)
            && (rest.starts_with([' ', '\t']) || (marker.len() == 2 && !rest.is_empty()))
        {
            return Some((marker, rest.trim()));
        }
    }
    None
}

/// The column (1-based, in characters of the input) of byte `at` of `raw`, a line of
/// the text with its escapes protected: each place holder stands for two characters,
/// the backslash and the character.
fn column_at(raw: &str, at: usize) -> usize {
    let before = raw.get(..at).unwrap_or(raw);
    let escapes = before
        .chars()
        .filter(|&c| (c as u32).checked_sub(ESCAPED).is_some_and(|n| n < 0x80))
        .count();
    before.chars().count() + escapes + 1
}

/// The element on a line: `[T]: text`, `[T]`, `<T>: text`, `<T>` or plain text, the
/// line starting at column `column` (where errors point: at its `[` or `<`).
fn element(line: &str, line_no: usize, column: usize) -> Result<Element, ImportError> {
    let (line, data) = split_data(line);
    let data = data.map(|d| original(&d));
    let (argument, close) = match line.chars().next() {
        Some('[') => (false, ']'),
        Some('<') => (true, '>'),
        _ => {
            let (text, tags) = split_tags(line);
            return Ok(Element {
                line: line_no,
                argument: false,
                title: None,
                text: Some(text),
                tags,
                data,
            });
        }
    };
    let Some(end) = line.find(close) else {
        return Err(ImportError::at(
            line_no,
            column,
            format!("\"{}\" is not closed with \"{close}\"", &line[..1]),
        ));
    };
    let title = line[1..end].trim().to_string();
    if title.is_empty() {
        return Err(ImportError::at(line_no, column, "an empty title"));
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
        line: line_no,
        argument,
        title: Some(title),
        text,
        tags,
        data,
    })
}

/// A trailing `{yaml}` block (which may nest `{...}` and `[...]`, and hold `}` in a
/// string) split off.
fn split_data(line: &str) -> (&str, Option<String>) {
    match data_spans(line).pop() {
        Some(data) if data.end == line.len() => (
            line[..data.start].trim_end(),
            Some(line[data.start..].to_string()),
        ),
        _ => (line, None),
    }
}

/// `#tag` and `#(long tag)` read out of a text, as Argdown reads them: a tag is
/// Argdown's tag characters (letters, digits, `-`, `_`, and most of Unicode past
/// U+00A0: `#energy.` is `energy`, `#IPCC/WG3` is `IPCC`). The tags that end the text
/// (nothing but punctuation after them) are taken out of it; a tag within a sentence
/// (`Issue #42 was fixed`) stays in it as written, so that no word goes missing.
fn split_tags(text: &str) -> (String, Vec<String>) {
    enum Piece<'a> {
        Text(&'a str),
        Tag(&'a str),
    }
    let mut tags = Vec::new();
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let before_ok = at == 0 || rest[..at].ends_with(' ');
        let after = &rest[at + 1..];
        let len = match after.strip_prefix('(') {
            Some(inner) if before_ok => inner.find(')').map(|end| {
                tags.push(inner[..end].to_string());
                end + 2
            }),
            _ if before_ok => {
                let len = after.find(|c: char| !tag_char(c)).unwrap_or(after.len());
                (len > 0).then(|| {
                    tags.push(after[..len].to_string());
                    len
                })
            }
            _ => None,
        };
        match len {
            Some(len) => {
                pieces.push(Piece::Text(&rest[..at]));
                pieces.push(Piece::Tag(&rest[at..at + 1 + len]));
                rest = &after[len..];
            }
            None => {
                pieces.push(Piece::Text(&rest[..at + 1]));
                rest = after;
            }
        }
    }
    pieces.push(Piece::Text(rest));
    // The tags before the first words and after the last ones are taken out; those
    // between stay.
    let words = |p: &Piece<'_>| matches!(p, Piece::Text(t) if t.chars().any(char::is_alphanumeric));
    let first = pieces.iter().position(words).unwrap_or(pieces.len());
    let last = pieces.iter().rposition(words).unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for (k, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Tag(raw) if first < k && k < last => out.push_str(raw),
            Piece::Tag(_) => {}
            // What follows the last tag taken out closes the sentence: `safe #energy.`
            // is `safe.`; what lies between trailing tags (`#a, #b`) goes with them.
            Piece::Text(t) if k > last && first < pieces.len() => {
                if k + 1 == pieces.len() {
                    out.truncate(out.trim_end().len());
                    out.push_str(t.trim());
                }
            }
            Piece::Text(t) => out.push_str(t),
        }
    }
    (out.split_whitespace().collect::<Vec<_>>().join(" "), tags)
}

/// Whether `c` is one of the characters of an Argdown tag (`[a-zA-z0-9-]` and most of
/// Unicode from U+00A0; `A-z` takes in `[ \ ] ^ _` and the backquote).
fn tag_char(c: char) -> bool {
    matches!(c, 'A'..='z' | '0'..='9' | '-')
        || ('\u{A0}'..='\u{D7FF}').contains(&c)
        || ('\u{F900}'..='\u{FDCF}').contains(&c)
        || ('\u{FDF0}'..='\u{FFEF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The position and message of the error `text` gives.
    fn error(text: &str) -> String {
        read(text).expect_err("an error").to_string()
    }

    /// One argument, one premise–conclusion structure (Argdown refuses a second, which
    /// would join unrelated premises to both conclusions); a numbered statement after
    /// the last conclusion is a missing inference, said.
    #[test]
    fn an_argument_has_one_structure_that_ends_in_its_conclusion() {
        let two = "<A>\n\n(1) Taxes fund schools.\n----\n(2) [C]: Taxes are good.\n\n<A>\n\n(1) Smoking kills.\n----\n(2) [D]: Ban smoking.\n";
        assert_eq!(
            error(two),
            "line 9, column 1: a second premise–conclusion structure for the argument <A> (its first is at line 3); an argument has one"
        );
        let stray = read("<A>\n\n(1) P.\n----\n(2) C1.\n(3) C2.\n").expect("read");
        assert_eq!(
            stray.warnings,
            [
                "line 6: a numbered statement after the last conclusion, with no inference line below (a missing inference): kept unrelated"
            ]
        );
        let chained = read("<A>\n\n(1) P.\n----\n(2) C1.\n(3) Q.\n----\n(4) C2.\n").expect("read");
        assert!(chained.warnings.is_empty(), "{:?}", chained.warnings);
    }

    /// Tags are read as Argdown reads them; those within a sentence stay in it.
    #[test]
    fn tags_keep_the_sentence_whole() {
        let cases = [
            (
                "Nuclear power is safe #energy.",
                "Nuclear power is safe.",
                vec!["energy"],
            ),
            (
                "Issue #42 was fixed in v2.",
                "Issue #42 was fixed in v2.",
                vec!["42"],
            ),
            ("A #IPCC/WG3 b", "A #IPCC/WG3 b", vec!["IPCC"]),
            ("safe #a, #b.", "safe.", vec!["a", "b"]),
            ("#pro Some claim", "Some claim", vec!["pro"]),
            (
                "a #(long tag) b #x",
                "a #(long tag) b",
                vec!["long tag", "x"],
            ),
            ("price#1 is # fine", "price#1 is # fine", vec![]),
        ];
        for (text, kept, tags) in cases {
            assert_eq!(
                split_tags(text),
                (
                    kept.to_string(),
                    tags.iter().map(|t| t.to_string()).collect()
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn errors_give_the_line_and_the_column() {
        assert_eq!(
            error("[A]: a\n  + [B: b\n"),
            "line 2, column 5: \"[\" is not closed with \"]\""
        );
        assert_eq!(
            error("[A]: a\n\n  plain text\n"),
            "line 3, column 3: an indented line that is neither a relation (+, -, _, <+, <-, +>, ->, ><) nor a numbered premise"
        );
        assert_eq!(
            error("  - [B]: b\n"),
            "line 1, column 3: a relation \"-\" with no element above it to relate to"
        );
        assert_eq!(
            error("<A>\n\n(1) p\n  ----\n  ----\n"),
            "line 5, column 3: two inference lines in a row"
        );
        assert_eq!(
            error("[A]: a\n  ----\n"),
            "line 2, column 3: an inference line with no numbered premise above it"
        );
        // A backslash escape counts as the two characters it is written with.
        assert_eq!(
            error("[A]: a \\* b /* open\n"),
            "line 1, column 13: a /* comment is not closed"
        );
        assert_eq!(error("* []: x\n"), "line 1, column 3: an empty title");
    }

    #[test]
    fn markdown_errors_count_the_columns_of_the_markdown_line() {
        let text = "Intro.\n\n> ```argdown\n> [A]: a\n>   + [B: b\n> ```\n";
        assert_eq!(
            read_markdown(text).expect_err("an error").to_string(),
            "line 5, column 7: \"[\" is not closed with \"]\""
        );
    }
}
