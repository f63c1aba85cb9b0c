//! Import: debates in other formats (AIF JSON, Argdown, Kialo text, argumentative
//! microtexts XML) read into one intermediate [`Debate`] and written as canonical
//! `.crux` text.
//!
//! Phase: import, above `model`; uses `syntax` (the ID rules and keywords) and `fmt`
//! (the canonical layout) only. Each format is one file that turns its input into a
//! [`Debate`]; [`policy`] then applies the rules every importer shares (linked premises,
//! which node is a thesis or a counter), [`ids`] gives every node a valid, unique ID,
//! and [`write`] prints the file. Reading never panics: malformed input is an
//! [`ImportError`] with its position (a JSON path, an XML line, a text line).
//! The mapping policy is documented in `docs/import.md`.

pub mod aif;
pub mod argdown;
pub mod ids;
pub mod kialo;
pub mod microtext;
pub mod policy;
pub mod write;

use crate::syntax::ast::NodeKind;

/// The formats `crux import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Argdown (`.argdown`, or the ```argdown blocks of a Markdown file).
    Argdown,
    /// AIF JSON, as AIFdb and OVA write it.
    Aif,
    /// Kialo's exported discussion text.
    Kialo,
    /// The XML of the Argumentative Microtext corpus.
    Microtext,
}

/// A malformed input: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {message}")]
pub struct ImportError {
    /// Where: `line 3`, `line 3, column 5`, or a JSON path such as `$.nodes[2].type`.
    pub position: String,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error at a position.
    pub fn new(position: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError {
            position: position.into(),
            message: message.into(),
        }
    }

    /// An error on a 1-based line.
    pub fn at_line(line: usize, message: impl Into<String>) -> Self {
        ImportError::new(format!("line {line}"), message)
    }

    /// An error at a 1-based line and column (in characters).
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ImportError::new(format!("line {line}, column {column}"), message)
    }
}

/// Where in the text of an input an [`ImportError`] is, read back from its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextPosition {
    /// The file included by the input (Argdown's `@include`) the position is in, as
    /// named relative to the input's folder; `None` for the input itself.
    pub file: Option<String>,
    /// The line (1-based) in that file.
    pub line: usize,
    /// The column (1-based, in characters), when the error gives one.
    pub column: Option<usize>,
}

impl ImportError {
    /// The position as a place in a text, when it is one: `line L` or `line L, column
    /// C`, in the input or, followed by ` of FILE` or ` (line L2 of FILE)`, in an
    /// included file. `None` for a JSON path (`$.nodes[2]`) and other positions.
    pub fn text_position(&self) -> Option<TextPosition> {
        let (line, rest) = number(self.position.strip_prefix("line ")?)?;
        let (column, rest) = match rest.strip_prefix(", column ") {
            Some(rest) => {
                let (column, rest) = number(rest)?;
                (Some(column), rest)
            }
            None => (None, rest),
        };
        if rest.is_empty() {
            return Some(TextPosition {
                file: None,
                line,
                column,
            });
        }
        if let Some(file) = rest.strip_prefix(" of ") {
            return Some(TextPosition {
                file: Some(file.to_string()),
                line,
                column,
            });
        }
        let inner = rest.strip_prefix(" (line ")?.strip_suffix(')')?;
        let (line, rest) = number(inner)?;
        Some(TextPosition {
            file: Some(rest.strip_prefix(" of ")?.to_string()),
            line,
            column,
        })
    }
}

/// A leading number of `text`, and the text after it.
fn number(text: &str) -> Option<(usize, &str)> {
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// A debate read from another format, before it is written as `.crux`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Debate {
    /// The front matter's `title`, if the source has one.
    pub title: Option<String>,
    /// The front matter's `description`.
    pub description: Option<String>,
    /// The front matter's `source`.
    pub source: Option<String>,
    /// The front matter's `authors`.
    pub authors: Vec<String>,
    /// The front matter's `date`.
    pub date: Option<String>,
    /// The whole front matter (its YAML, as written), when the source keeps it (crux's
    /// AIF extension); written instead of `title`, `description`, `source`, `authors`
    /// and `date`.
    pub front_matter: Option<String>,
    /// The nodes, in the order the source gives them (the order they are written in).
    pub nodes: Vec<Node>,
    /// The relations, in source order; each is written under its `from` node.
    pub relations: Vec<Relation>,
    /// What was dropped or changed on the way, with its position, for the user.
    pub warnings: Vec<String>,
}

/// A node of an imported debate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    /// What its ID is derived from: the source's ID or title ([`ids::derive`]).
    pub name: String,
    /// The kind, when the source says; otherwise [`policy::assign_kinds`] decides.
    pub kind: Option<NodeKind>,
    /// The statement.
    pub text: String,
    /// Attributes other than relations, in order.
    pub attributes: Vec<Attribute>,
}

/// An attribute of a node (not a relation).
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// The keyword: `credence`, `status`, `standard`, `by`, `tags`, `note`, `source`.
    pub name: String,
    /// Its value.
    pub value: Value,
}

/// The value of an attribute.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number (`credence`).
    Number(f64),
    /// A bare word (`status`, `standard`).
    Word(String),
    /// A quoted string (`by`, `note`, `source`).
    Text(String),
    /// A list of tags.
    Tags(Vec<String>),
    /// An artifact: its path (relative to the input's folder when it is relative, until
    /// `crate::project` rewrites it for the folder the `.crux` file is written into) and
    /// the rest of its line as written (` sha256 "..." title "..."`).
    Artifact {
        /// The path, unquoted.
        path: String,
        /// What follows the quoted path on the line, as `.crux` text.
        rest: String,
    },
}

/// The four relations of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationKind {
    /// `supports`
    Supports,
    /// `attacks`
    Attacks,
    /// `contradicts`
    Contradicts,
    /// `undercuts`
    Undercuts,
}

impl RelationKind {
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Attacks => "attacks",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Undercuts => "undercuts",
        }
    }

    /// The relation a keyword names.
    pub fn from_keyword(word: &str) -> Option<Self> {
        Some(match word {
            "supports" => RelationKind::Supports,
            "attacks" => RelationKind::Attacks,
            "contradicts" => RelationKind::Contradicts,
            "undercuts" => RelationKind::Undercuts,
            _ => return None,
        })
    }
}

/// What a relation points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A node, by index into [`Debate::nodes`].
    Node(usize),
    /// The inference of another relation, by index into [`Debate::relations`]
    /// (for `undercuts`).
    Edge(usize),
    /// The inference of a contradiction read the other way round, from the node it
    /// names to the node that states it (for `undercuts`: a contradiction attacks
    /// both ways, and each way is an inference of its own).
    Reverse(usize),
}

impl Target {
    /// The relation whose inference this is, for an undercut's target either way
    /// round.
    pub fn relation(self) -> Option<usize> {
        match self {
            Target::Node(_) => None,
            Target::Edge(e) | Target::Reverse(e) => Some(e),
        }
    }
}

/// A relation from one node to a node or (undercuts) to another relation.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// The node it is written under, by index.
    pub from: usize,
    /// Which relation.
    pub kind: RelationKind,
    /// What it points at.
    pub to: Target,
    /// The weight, when the source gives one.
    pub weight: Option<f64>,
    /// The argumentation scheme the source names for it (an AIF S-node's), written as
    /// a `note` of its `from` node by [`write`].
    pub scheme: Option<String>,
}

impl Debate {
    /// Adds a node and returns its index.
    pub fn add_node(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Adds a relation and returns its index; a relation already there (same ends,
    /// same kind) is not added twice, and its index is returned.
    pub fn relate(
        &mut self,
        from: usize,
        kind: RelationKind,
        to: Target,
        weight: Option<f64>,
    ) -> usize {
        if let Some(i) = self
            .relations
            .iter()
            .position(|r| r.from == from && r.kind == kind && r.to == to)
        {
            return i;
        }
        self.relations.push(Relation {
            from,
            kind,
            to,
            weight,
            scheme: None,
        });
        self.relations.len() - 1
    }
}

/// `tags` as the language allows them ([`write::tag`]: other characters become `-`),
/// with a warning at `position` for each one that changed or, holding no character a
/// tag may, was dropped. Surrounding spaces are no change.
pub(crate) fn clean_tags(
    tags: Vec<String>,
    position: &str,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    const ALLOWED: &str = "letters, digits, `_`, `/`, `.` and `-`";
    let mut kept = Vec::with_capacity(tags.len());
    for raw in tags {
        match write::tag(&raw) {
            Some(tag) if tag == raw.trim() => kept.push(tag),
            Some(tag) => {
                warnings.push(format!(
                    "{position}: tag {raw:?} written as `{tag}` (a tag holds only {ALLOWED})"
                ));
                kept.push(tag);
            }
            None if raw.trim().is_empty() => {}
            None => warnings.push(format!(
                "{position}: tag {raw:?} dropped: it holds none of the characters a tag may ({ALLOWED})"
            )),
        }
    }
    kept
}

/// The character a Markdown backslash escape at byte `at` of `text` stands for (`\\`
/// and an ASCII punctuation character), as Argdown and Kialo text read it.
fn escape_at(text: &str, at: usize) -> Option<char> {
    let mut chars = text[at..].chars();
    (chars.next()? == '\\')
        .then(|| chars.next())
        .flatten()
        .filter(char::is_ascii_punctuation)
}

/// Drops each relation from a node to itself (Argdown's `[a]` with `+ [a]` under it,
/// an AIF cycle through one RA node, a Kialo `-> See` of the claim itself), with a
/// warning: written out, it would be a `self-reference` error in a debate that the
/// source did not mean to have, and no semantics gives it a meaning. An undercut of a
/// dropped relation goes with it; the other undercuts keep their targets.
fn drop_self_relations(debate: &mut Debate) {
    // A relation to itself, or an undercut of an inference the node takes part in
    // (`a undercuts a -> b`, `b undercuts a -> b`), which `check` calls the same error.
    let relations = &debate.relations;
    let is_loop = |r: &Relation| match r.to {
        Target::Node(n) => n == r.from,
        Target::Edge(e) | Target::Reverse(e) => relations
            .get(e)
            .is_some_and(|u| u.from == r.from || u.to == Target::Node(r.from)),
    };
    let loops: Vec<bool> = debate.relations.iter().map(is_loop).collect();
    if !loops.contains(&true) {
        return;
    }
    let old = std::mem::take(&mut debate.relations);
    // A relation is dropped when it is a loop or undercuts one that is dropped. An
    // undercut may come before the relation it undercuts (Argdown data turns an attack
    // into one), so this goes on until nothing more is dropped.
    let mut dropped = loops.clone();
    let mut changed = true;
    while changed {
        changed = false;
        for (i, r) in old.iter().enumerate() {
            if !dropped[i]
                && r.to
                    .relation()
                    .is_some_and(|e| dropped.get(e) != Some(&false))
            {
                dropped[i] = true;
                changed = true;
            }
        }
    }
    let mut new_index = vec![None; old.len()];
    let mut kept = 0;
    for (i, r) in old.iter().enumerate() {
        let name = &debate.nodes[r.from].name;
        if loops[i] && r.to.relation().is_some() {
            debate.warnings.push(format!(
                "`{name}` undercuts an inference it takes part in: dropped"
            ));
        } else if loops[i] {
            debate
                .warnings
                .push(format!("`{name}` {} itself: dropped", r.kind.keyword()));
        } else if dropped[i] {
            debate.warnings.push(format!(
                "`{name}` undercuts a relation that was dropped: dropped too"
            ));
        } else {
            new_index[i] = Some(kept);
            kept += 1;
        }
    }
    for (i, mut r) in old.into_iter().enumerate() {
        if new_index[i].is_none() {
            continue;
        }
        match r.to {
            Target::Edge(e) => r.to = Target::Edge(new_index[e].unwrap_or(e)),
            Target::Reverse(e) => r.to = Target::Reverse(new_index[e].unwrap_or(e)),
            Target::Node(_) => {}
        }
        debate.relations.push(r);
    }
}

/// The result of an import: the `.crux` text and the warnings met.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Canonical `.crux` text (`crux fmt --check` is clean on it).
    pub text: String,
    /// What was dropped or changed, for the user.
    pub warnings: Vec<String>,
    /// The files read besides the input (Argdown's `@include`s), canonical: an import
    /// never writes over them.
    pub included: Vec<std::path::PathBuf>,
}

/// Whether a file name is a Markdown file's (`.md`, `.markdown`).
fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Reads `input` in `format` and writes it as one `.crux` file. `name` is the input's
/// file name: a Markdown file (`.md`, `.markdown`) given as Argdown is read for its
/// ```argdown blocks.
pub fn import(format: Format, name: &str, input: &str) -> Result<Imported, ImportError> {
    import_with(format, name, input, |_| {})
}

/// [`import`], with `adjust` run on the debate once it is read, before it is written
/// (`crate::project` rewrites relative artifact paths there, which needs the file
/// system).
pub fn import_with(
    format: Format,
    name: &str,
    input: &str,
    adjust: impl FnOnce(&mut Debate),
) -> Result<Imported, ImportError> {
    let mut debate = match format {
        Format::Aif => aif::read(input)?,
        Format::Argdown => {
            if is_markdown(name) {
                argdown::read_markdown(input)?
            } else {
                argdown::read(input)?
            }
        }
        Format::Kialo => kialo::read(input)?,
        Format::Microtext => microtext::read(input)?,
    };
    if debate.nodes.is_empty() {
        let what = match format {
            Format::Argdown if is_markdown(name) => {
                "no ```argdown block with a statement or an argument"
            }
            _ => "no statement or argument",
        };
        debate.warnings.push(format!("{what}: the file is empty"));
    }
    drop_self_relations(&mut debate);
    policy::assign_kinds(&mut debate);
    adjust(&mut debate);
    let text = write::write(&debate)?;
    Ok(Imported {
        text,
        warnings: debate.warnings,
        included: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(position: &str) -> Option<TextPosition> {
        ImportError::new(position, "m").text_position()
    }

    #[test]
    fn text_positions_are_read_back() {
        let pos = |file: Option<&str>, line, column| {
            Some(TextPosition {
                file: file.map(str::to_string),
                line,
                column,
            })
        };
        assert_eq!(at("line 3"), pos(None, 3, None));
        assert_eq!(at("line 3, column 5"), pos(None, 3, Some(5)));
        assert_eq!(
            at("line 7, column 2 (line 3 of parts/a.argdown)"),
            pos(Some("parts/a.argdown"), 3, Some(2))
        );
        assert_eq!(at("line 4 of a.argdown"), pos(Some("a.argdown"), 4, None));
        assert_eq!(at("$.nodes[2].type"), None);
        assert_eq!(at("line x"), None);
        assert_eq!(at("line 3: more"), None);
    }
}
