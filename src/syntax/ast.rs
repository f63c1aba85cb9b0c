//! What one `.crux` file says, lowered from its syntax tree for the model: nodes and
//! their attributes with values unescaped, and a byte [`Span`] on every element.
//!
//! Phase: syntax. Produced from the lossless tree ([`super::tree`]) by one walk; it keeps
//! everything that carries meaning (comments and suppressions included), not layout.
//! Names are not resolved here; that is the model's job.

use smol_str::SmolStr;

use super::kind::{KeywordRole, SyntaxKind, keyword};
use super::span::Span;

/// A parsed file. Produced even when the file has errors: what could be read is here.
#[derive(Clone, Debug, Default)]
pub struct File {
    /// YAML front matter, if the file starts with `---`.
    pub front_matter: Option<FrontMatter>,
    /// The nodes, in source order.
    pub nodes: Vec<Node>,
    /// Every comment, in source order.
    pub comments: Vec<Comment>,
    /// Rule names in `# crux: allow(...)` comments that are not right above a node.
    pub unattached_allows: Vec<Ident>,
    /// How many relations (`supports`, `attacks`, `contradicts`, `undercuts`) the
    /// nodes hold: the room their graph needs for edges, known without reading them
    /// all again.
    pub relations: usize,
}

/// The YAML block at the top of a file, parsed into known keys.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    /// The whole block from the opening `---` to the closing `---`.
    pub span: Span,
    /// `title:`
    pub title: Option<String>,
    /// `description:`
    pub description: Option<String>,
    /// `source:`
    pub source: Option<String>,
    /// `authors:` (a string or a list of strings)
    pub authors: Vec<String>,
    /// `date:`
    pub date: Option<String>,
}

/// A comment, `#` to the end of the line.
#[derive(Clone, Debug)]
pub struct Comment {
    /// The comment's text including the `#`.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Whether code precedes it on the same line.
    pub trailing: bool,
}

/// The four kinds of node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A root claim the debate is about.
    Thesis,
    /// A claim.
    Claim,
    /// A claim that argues against something.
    Counter,
    /// A factual node that must carry a source or an artifact.
    Evidence,
}

impl NodeKind {
    /// The keyword, as written in files.
    pub fn keyword(self) -> &'static str {
        match self {
            NodeKind::Thesis => "thesis",
            NodeKind::Claim => "claim",
            NodeKind::Counter => "counter",
            NodeKind::Evidence => "evidence",
        }
    }

    /// The kind a keyword names.
    pub fn from_keyword(word: &str) -> Option<Self> {
        Some(match keyword(word, KeywordRole::NodeKind)? {
            SyntaxKind::THESIS_KW => NodeKind::Thesis,
            SyntaxKind::CLAIM_KW => NodeKind::Claim,
            SyntaxKind::COUNTER_KW => NodeKind::Counter,
            _ => NodeKind::Evidence,
        })
    }
}

/// An identifier with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The identifier (kept inline, without an allocation, up to 23 bytes).
    pub name: SmolStr,
    /// Where it is written.
    pub span: Span,
}

/// A string value (quoted or `"""` block), unescaped and dedented.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The value (shared, not copied, when cloned: the model keeps a node's statement
    /// as the same string).
    pub value: SmolStr,
    /// Where it is written, quotes included.
    pub span: Span,
    /// Whether it was written as a `"""` block.
    pub block: bool,
}

/// A number, with its value; the digits as written are the source text at its span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Where it is written.
    pub span: Span,
}

/// One node: `KIND ID: "text"` and the attribute lines under it.
#[derive(Clone, Debug)]
pub struct Node {
    /// Which kind.
    pub kind: NodeKind,
    /// Where the kind keyword is.
    pub kind_span: Span,
    /// The ID.
    pub id: Ident,
    /// The statement. `None` when the header could not be read past the ID.
    pub text: Option<Text>,
    /// Attributes in source order.
    pub attributes: Vec<Attribute>,
    /// Rule names from `# crux: allow(...)` on the line before the node.
    pub allow: Vec<Ident>,
    /// The header line.
    pub header_span: Span,
    /// From the kind keyword to the end of the last attribute.
    pub span: Span,
}

/// One attribute line.
#[derive(Clone, Debug)]
pub struct Attribute {
    /// What it says.
    pub kind: AttributeKind,
    /// The whole statement, from its keyword on.
    pub span: Span,
}

impl Attribute {
    /// Where its keyword is written: the statement starts with it.
    pub fn keyword_span(&self) -> Span {
        let end = self.span.start as usize + self.kind.keyword().len();
        Span::new(self.span.file, self.span.start as usize, end)
    }
}

/// The relations a node can have to another node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// `supports ID`
    Supports,
    /// `attacks ID`
    Attacks,
    /// `contradicts ID` (an attack in both directions)
    Contradicts,
    /// `undercuts A -> B` (an attack on the inference A→B)
    Undercuts,
}

impl Relation {
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Attacks => "attacks",
            Relation::Contradicts => "contradicts",
            Relation::Undercuts => "undercuts",
        }
    }
}

/// A node's stance, `status accepted|rejected|open`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// The authors hold the node true.
    Accepted,
    /// The authors hold the node false.
    Rejected,
    /// Undecided.
    Open,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 3] = [Status::Accepted, Status::Rejected, Status::Open];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Open => "open",
        }
    }

    /// The status a keyword names.
    pub fn from_keyword(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.keyword() == word)
    }
}

/// The proof standard that decides a node's verdict, `standard NAME`. Each is a test
/// over the weights of the node's applicable pro and con arguments (Carneades: Gordon,
/// Prakken & Walton, AIJ 2007); `semantics::carneades` applies them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ProofStandard {
    /// At least one applicable pro argument.
    Scintilla,
    /// The strongest applicable pro argument outweighs the strongest con (the default).
    #[default]
    Preponderance,
    /// The strongest pro is at least α and beats the strongest con by at least β.
    ClearAndConvincing,
    /// The strongest pro is at least α and the strongest con at most γ.
    BeyondDoubt,
    /// An applicable pro argument and no applicable con argument.
    Dialectical,
}

impl ProofStandard {
    /// Every standard, weakest first, as the language reference lists them.
    pub const ALL: [ProofStandard; 5] = [
        ProofStandard::Scintilla,
        ProofStandard::Preponderance,
        ProofStandard::ClearAndConvincing,
        ProofStandard::BeyondDoubt,
        ProofStandard::Dialectical,
    ];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            ProofStandard::Scintilla => "scintilla",
            ProofStandard::Preponderance => "preponderance",
            ProofStandard::ClearAndConvincing => "clear-and-convincing",
            ProofStandard::BeyondDoubt => "beyond-doubt",
            ProofStandard::Dialectical => "dialectical",
        }
    }

    /// The standard a keyword names.
    pub fn from_keyword(word: &str) -> Option<ProofStandard> {
        Self::ALL.into_iter().find(|s| s.keyword() == word)
    }
}

/// What an artifact file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArtifactKind {
    /// Data.
    Dataset,
    /// Benchmark results.
    Benchmark,
    /// An image or plot.
    Figure,
    /// A paper.
    Paper,
    /// Source code.
    Code,
}

impl ArtifactKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [ArtifactKind; 5] = [
        ArtifactKind::Dataset,
        ArtifactKind::Benchmark,
        ArtifactKind::Figure,
        ArtifactKind::Paper,
        ArtifactKind::Code,
    ];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            ArtifactKind::Dataset => "dataset",
            ArtifactKind::Benchmark => "benchmark",
            ArtifactKind::Figure => "figure",
            ArtifactKind::Paper => "paper",
            ArtifactKind::Code => "code",
        }
    }
}

/// `artifact "path" [sha256 "hex"] [title "t"] [kind k]`
#[derive(Clone, Debug)]
pub struct Artifact {
    /// The path, relative to the file that names it.
    pub path: Text,
    /// The pinned hash.
    pub sha256: Option<Text>,
    /// A human title.
    pub title: Option<Text>,
    /// What the file is.
    pub kind: Option<(ArtifactKind, Span)>,
}

/// `undercuts A -> B [w]`: an attack on the inference from A to B.
#[derive(Clone, Debug)]
pub struct Undercut {
    /// Source of the undercut inference.
    pub from: Ident,
    /// Target of the undercut inference.
    pub to: Ident,
    /// The weight, if written.
    pub weight: Option<Number>,
}

/// The content of an attribute line.
#[derive(Clone, Debug)]
pub enum AttributeKind {
    /// `supports|attacks|contradicts ID [w]`
    Edge {
        /// Which relation.
        relation: Relation,
        /// The target node.
        target: Ident,
        /// The weight, if written.
        weight: Option<Number>,
    },
    /// `undercuts A -> B [w]` (boxed: rarer than a relation, and twice its size)
    Undercut(Box<Undercut>),
    /// `credence p`
    Credence(Number),
    /// `status s`
    Status(Status, Span),
    /// `standard NAME`, with the span of the name.
    Standard(ProofStandard, Span),
    /// `by "who"`
    By(Text),
    /// `tags a, b`
    Tags(Vec<Ident>),
    /// `note "..."`
    Note(Text),
    /// `source "..."`
    Source(Text),
    /// `artifact ...` (boxed: a rare attribute, and the largest)
    Artifact(Box<Artifact>),
    /// `expect "EXPR"`: a statement about the node's artifacts (the text is read by
    /// [`crate::expect`] when the artifacts are)
    Expect(Text),
}

impl AttributeKind {
    /// The keyword that starts the attribute.
    pub fn keyword(&self) -> &'static str {
        match self {
            AttributeKind::Edge { relation, .. } => relation.keyword(),
            AttributeKind::Undercut { .. } => "undercuts",
            AttributeKind::Credence(_) => "credence",
            AttributeKind::Status(..) => "status",
            AttributeKind::Standard(..) => "standard",
            AttributeKind::By(_) => "by",
            AttributeKind::Tags(_) => "tags",
            AttributeKind::Note(_) => "note",
            AttributeKind::Source(_) => "source",
            AttributeKind::Artifact(_) => "artifact",
            AttributeKind::Expect(_) => "expect",
        }
    }
}
