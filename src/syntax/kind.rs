//! The kinds of token and node in the lossless syntax tree, and the one table of
//! keywords.
//!
//! Phase: syntax. Every word the language reserves is listed once, in [`KEYWORDS`]; the
//! node kinds, relations and attribute names elsewhere in crux are read from it.

/// The kind of a token or a node of the syntax tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum SyntaxKind {
    // ------------------------------------------------------------ tokens
    /// A byte order mark at the start of the file.
    BOM = 0,
    /// Spaces and tabs.
    WHITESPACE,
    /// `\n`, `\r\n` or a lone `\r`.
    NEWLINE,
    /// `#` to the end of the line.
    COMMENT,
    /// `thesis`
    THESIS_KW,
    /// `claim`
    CLAIM_KW,
    /// `counter`
    COUNTER_KW,
    /// `evidence`
    EVIDENCE_KW,
    /// `supports`
    SUPPORTS_KW,
    /// `attacks`
    ATTACKS_KW,
    /// `contradicts`
    CONTRADICTS_KW,
    /// `undercuts`
    UNDERCUTS_KW,
    /// `credence`
    CREDENCE_KW,
    /// `status`
    STATUS_KW,
    /// `standard`
    STANDARD_KW,
    /// `by`
    BY_KW,
    /// `tags`
    TAGS_KW,
    /// `note`
    NOTE_KW,
    /// `source`
    SOURCE_KW,
    /// `artifact`
    ARTIFACT_KW,
    /// `expect`
    EXPECT_KW,
    /// `sha256` (an artifact option)
    SHA256_KW,
    /// `title` (an artifact option)
    TITLE_KW,
    /// `kind` (an artifact option)
    KIND_KW,
    /// A node ID, or a reference to one.
    IDENT,
    /// A number as written: `0.7`, `.5`, `-1`.
    NUMBER,
    /// A bare word: a status, a proof standard or an artifact kind.
    WORD,
    /// One tag of `tags`.
    TAG,
    /// `:`
    COLON,
    /// `->`
    ARROW,
    /// `,`
    COMMA,
    /// A one-line string, quotes included.
    STRING,
    /// A `"""` block, quotes included; it may span lines.
    BLOCK_STRING,
    /// A `---` line of front matter, with its trailing spaces.
    FENCE,
    /// The YAML lines between the fences.
    YAML,
    /// Text that could not be read: the rest of a line with a syntax error.
    ERROR_TOKEN,

    // ------------------------------------------------------------ nodes
    /// The whole file.
    ROOT,
    /// `---` YAML `---` at the top of the file.
    FRONT_MATTER,
    /// One node of the debate: its leading comment lines, its header line and every
    /// line up to the next node.
    NODE,
    /// `KIND ID: "text"`
    HEADER,
    /// `supports ID [w]`, `attacks ID [w]` or `contradicts ID [w]`.
    RELATION,
    /// `undercuts A -> B [w]`
    UNDERCUT,
    /// `credence p`
    CREDENCE,
    /// `status s`
    STATUS,
    /// `standard NAME`
    STANDARD,
    /// `by "who"`
    BY,
    /// `tags a, b`
    TAGS,
    /// `note "..."`
    NOTE,
    /// `source "..."`
    SOURCE,
    /// `artifact "path" [options]`
    ARTIFACT,
    /// `expect "EXPR"`
    EXPECT,
    /// `sha256 "hex"`, `title "t"` or `kind k` inside an artifact.
    ARTIFACT_OPTION,
    /// A statement that could not be read; its text is kept as it is.
    ERROR,
}

use SyntaxKind::*;

impl SyntaxKind {
    /// Whether this is a token kind (a leaf of the tree).
    pub fn is_token(self) -> bool {
        (self as u16) < ROOT as u16
    }

    /// Whether this is a keyword token.
    pub fn is_keyword(self) -> bool {
        (THESIS_KW as u16..=KIND_KW as u16).contains(&(self as u16))
    }

    /// Whether this kind is whitespace, a line break or a comment.
    pub fn is_trivia(self) -> bool {
        matches!(self, WHITESPACE | NEWLINE | COMMENT | BOM)
    }

    /// Whether this node kind is an attribute statement.
    pub fn is_attribute(self) -> bool {
        matches!(
            self,
            RELATION | UNDERCUT | CREDENCE | STATUS | BY | TAGS | NOTE | SOURCE | ARTIFACT
        ) || matches!(self, STANDARD | EXPECT)
    }

    fn from_raw(raw: u16) -> SyntaxKind {
        assert!(raw <= ERROR as u16, "not a syntax kind: {raw}");
        // SAFETY: `SyntaxKind` is `repr(u16)` with consecutive discriminants from 0 to
        // `ERROR`, and `raw` was just checked to be in that range.
        unsafe { std::mem::transmute::<u16, SyntaxKind>(raw) }
    }
}

/// Where a keyword may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordRole {
    /// Starts a node: `thesis`, `claim`, `counter`, `evidence`.
    NodeKind,
    /// Starts an attribute line.
    Attribute,
    /// Starts an option inside an `artifact` line.
    ArtifactOption,
}

/// The keys of a file's front matter.
pub const FRONT_MATTER_KEYS: [&str; 5] = ["title", "description", "source", "authors", "date"];

/// Every keyword of the language, with its token kind and role, in the order the
/// language reference lists them. The one place keywords are written.
pub const KEYWORDS: &[(&str, SyntaxKind, KeywordRole)] = &[
    ("thesis", THESIS_KW, KeywordRole::NodeKind),
    ("claim", CLAIM_KW, KeywordRole::NodeKind),
    ("counter", COUNTER_KW, KeywordRole::NodeKind),
    ("evidence", EVIDENCE_KW, KeywordRole::NodeKind),
    ("supports", SUPPORTS_KW, KeywordRole::Attribute),
    ("attacks", ATTACKS_KW, KeywordRole::Attribute),
    ("contradicts", CONTRADICTS_KW, KeywordRole::Attribute),
    ("undercuts", UNDERCUTS_KW, KeywordRole::Attribute),
    ("credence", CREDENCE_KW, KeywordRole::Attribute),
    ("status", STATUS_KW, KeywordRole::Attribute),
    ("standard", STANDARD_KW, KeywordRole::Attribute),
    ("by", BY_KW, KeywordRole::Attribute),
    ("tags", TAGS_KW, KeywordRole::Attribute),
    ("note", NOTE_KW, KeywordRole::Attribute),
    ("source", SOURCE_KW, KeywordRole::Attribute),
    ("artifact", ARTIFACT_KW, KeywordRole::Attribute),
    ("expect", EXPECT_KW, KeywordRole::Attribute),
    ("sha256", SHA256_KW, KeywordRole::ArtifactOption),
    ("title", TITLE_KW, KeywordRole::ArtifactOption),
    ("kind", KIND_KW, KeywordRole::ArtifactOption),
];

/// The keyword a word is, with its role, if it is one (a word has one role at most).
pub fn keyword_of(word: &str) -> Option<(SyntaxKind, KeywordRole)> {
    KEYWORDS
        .iter()
        .find(|(w, ..)| *w == word)
        .map(|&(_, kind, role)| (kind, role))
}

/// The keyword a word is, if it is one with the given role.
pub fn keyword(word: &str, role: KeywordRole) -> Option<SyntaxKind> {
    keyword_of(word)
        .filter(|&(_, r)| r == role)
        .map(|(kind, _)| kind)
}

/// The text of a keyword token kind.
pub fn keyword_text(kind: SyntaxKind) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .find(|(_, k, _)| *k == kind)
        .map(|&(w, _, _)| w)
}

/// Whether a word starts a node or an attribute, and so cannot be an ID.
pub fn is_reserved(word: &str) -> bool {
    keyword_of(word).is_some_and(|(_, role)| role != KeywordRole::ArtifactOption)
}

/// The language, for `rowan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Crux {}

impl rowan::Language for Crux {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        rowan::SyntaxKind(kind as u16)
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// A node of the syntax tree (a `rowan` red node).
pub type SyntaxNode = rowan::SyntaxNode<Crux>;
/// A token of the syntax tree.
pub type SyntaxToken = rowan::SyntaxToken<Crux>;
/// A node or a token.
pub type SyntaxElement = rowan::SyntaxElement<Crux>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_kinds_round_trip() {
        for raw in 0..=ERROR as u16 {
            assert_eq!(SyntaxKind::from_raw(raw) as u16, raw);
        }
    }

    #[test]
    fn keyword_kinds_are_keywords() {
        for &(word, kind, _) in KEYWORDS {
            assert!(kind.is_keyword(), "{word}");
            assert_eq!(keyword_text(kind), Some(word));
        }
        assert!(!IDENT.is_keyword());
    }
}
