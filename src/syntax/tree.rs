//! Typed views over the lossless syntax tree: a thin, checked wrapper for each node kind
//! with accessors for its parts, after typst's and rust-analyzer's `ast` modules.
//!
//! Phase: syntax. A view holds a red node ([`SyntaxNode`]) and never copies text; every
//! token it hands out has its range in the file. Tools that edit text (`fmt`, `pin`, the
//! language server) read the file through these views.

use super::kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use SyntaxKind::*;

/// A typed view of one kind of node.
pub trait AstNode: Sized {
    /// The view, if `node` is of this kind.
    fn cast(node: SyntaxNode) -> Option<Self>;
    /// The node viewed.
    fn syntax(&self) -> &SyntaxNode;
}

macro_rules! view {
    ($(#[$doc:meta])* $name:ident = $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(SyntaxNode);

        impl AstNode for $name {
            fn cast(node: SyntaxNode) -> Option<Self> {
                (node.kind() == $kind).then(|| $name(node))
            }

            fn syntax(&self) -> &SyntaxNode {
                &self.0
            }
        }
    };
}

view!(
    /// The whole file.
    Root = ROOT
);
view!(
    /// `---` YAML `---`.
    FrontMatter = FRONT_MATTER
);
view!(
    /// A node of the debate: leading comments, header, attribute lines.
    Node = NODE
);
view!(
    /// `KIND ID: TEXT`
    Header = HEADER
);
view!(
    /// `supports|attacks|contradicts ID [WEIGHT]`
    Relation = RELATION
);
view!(
    /// `undercuts A -> B [WEIGHT]`
    Undercut = UNDERCUT
);
view!(
    /// `artifact "path" [sha256 "hex"] [title TEXT] [kind WORD]`
    Artifact = ARTIFACT
);
view!(
    /// `sha256 "hex"`, `title TEXT` or `kind WORD` inside an artifact.
    ArtifactOption = ARTIFACT_OPTION
);
view!(
    /// A statement that could not be read, kept byte for byte.
    Error = ERROR
);

fn token(node: &SyntaxNode, pred: impl Fn(SyntaxKind) -> bool) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| pred(t.kind()))
}

fn tokens(node: &SyntaxNode, kind: SyntaxKind) -> impl Iterator<Item = SyntaxToken> + '_ {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(move |t| t.kind() == kind)
}

impl Root {
    /// The front matter, if the file has one.
    pub fn front_matter(&self) -> Option<FrontMatter> {
        self.0.children().find_map(FrontMatter::cast)
    }

    /// The nodes, in source order.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        self.0.children().filter_map(Node::cast)
    }

    /// Every `ERROR` node, at any depth, in source order.
    pub fn errors(&self) -> impl Iterator<Item = Error> + '_ {
        self.0.descendants().filter_map(Error::cast)
    }
}

impl FrontMatter {
    /// The YAML between the fences (absent when they are adjacent).
    pub fn yaml(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == YAML)
    }
}

impl Node {
    /// The header, unless the header line could not be read at all.
    pub fn header(&self) -> Option<Header> {
        self.0.children().find_map(Header::cast)
    }

    /// The attribute statements, in source order.
    pub fn attributes(&self) -> impl Iterator<Item = SyntaxNode> + '_ {
        self.0.children().filter(|n| n.kind().is_attribute())
    }

    /// The artifacts.
    pub fn artifacts(&self) -> impl Iterator<Item = Artifact> + '_ {
        self.0.children().filter_map(Artifact::cast)
    }

    /// The comment tokens written inside the node (above its header, at the end of its
    /// lines, between its attributes).
    pub fn comments(&self) -> impl Iterator<Item = SyntaxToken> + '_ {
        tokens(&self.0, COMMENT)
    }
}

impl Header {
    /// The kind keyword.
    pub fn kind_keyword(&self) -> Option<SyntaxToken> {
        token(&self.0, SyntaxKind::is_keyword)
    }

    /// The ID.
    pub fn id(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == IDENT)
    }

    /// The `:`.
    pub fn colon(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == COLON)
    }

    /// The text, a string or a `"""` block (absent when the line could not be read
    /// past the ID).
    pub fn text(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| matches!(k, STRING | BLOCK_STRING))
    }
}

impl Relation {
    /// `supports`, `attacks` or `contradicts`.
    pub fn keyword(&self) -> Option<SyntaxToken> {
        token(&self.0, SyntaxKind::is_keyword)
    }

    /// The node supported, attacked or contradicted.
    pub fn target(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == IDENT)
    }

    /// The weight, if written.
    pub fn weight(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == NUMBER)
    }
}

impl Undercut {
    /// The source of the inference undercut.
    pub fn from(&self) -> Option<SyntaxToken> {
        tokens(&self.0, IDENT).next()
    }

    /// The `->`.
    pub fn arrow(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == ARROW)
    }

    /// The target of the inference undercut.
    pub fn to(&self) -> Option<SyntaxToken> {
        tokens(&self.0, IDENT).nth(1)
    }

    /// The weight, if written.
    pub fn weight(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == NUMBER)
    }
}

impl Artifact {
    /// The path string, quotes included.
    pub fn path(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| k == STRING)
    }

    /// The options, in the order written.
    pub fn options(&self) -> impl Iterator<Item = ArtifactOption> + '_ {
        self.0.children().filter_map(ArtifactOption::cast)
    }

    /// The `sha256` option.
    pub fn sha256(&self) -> Option<ArtifactOption> {
        self.options()
            .find(|o| o.keyword().is_some_and(|k| k.kind() == SHA256_KW))
    }
}

impl ArtifactOption {
    /// `sha256`, `title` or `kind`.
    pub fn keyword(&self) -> Option<SyntaxToken> {
        token(&self.0, SyntaxKind::is_keyword)
    }

    /// The value: a string, a `"""` block or a word.
    pub fn value(&self) -> Option<SyntaxToken> {
        token(&self.0, |k| matches!(k, STRING | BLOCK_STRING | WORD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{FileId, parse};

    fn root(text: &str) -> Root {
        Root::cast(parse(FileId(0), text).syntax()).unwrap()
    }

    #[test]
    fn views_find_the_parts_with_their_ranges() {
        let text = "# lead\nclaim a: \"A\" # trailing\n  supports b 0.5\n  undercuts c -> d\n  artifact \"x.csv\" sha256 \"ab\" kind dataset\n";
        let root = root(text);
        let node = root.nodes().next().unwrap();
        let header = node.header().unwrap();
        assert_eq!(header.id().unwrap().text(), "a");
        assert_eq!(header.text().unwrap().text(), "\"A\"");
        let comments: Vec<String> = node.comments().map(|c| c.text().to_string()).collect();
        assert_eq!(comments, ["# lead", "# trailing"]);
        let rel = node.attributes().find_map(Relation::cast).unwrap();
        assert_eq!(rel.target().unwrap().text(), "b");
        let weight = rel.weight().unwrap();
        assert_eq!(&text[weight.text_range()], "0.5");
        let cut = node.attributes().find_map(Undercut::cast).unwrap();
        assert_eq!(
            (cut.from().unwrap().text(), cut.to().unwrap().text()),
            ("c", "d")
        );
        let artifact = node.artifacts().next().unwrap();
        assert_eq!(artifact.path().unwrap().text(), "\"x.csv\"");
        assert_eq!(artifact.sha256().unwrap().value().unwrap().text(), "\"ab\"");
    }

    #[test]
    fn a_broken_line_is_an_error_node_holding_its_text() {
        let root = root("claim a: \"A\"\n  supprots b\n");
        let errors: Vec<String> = root.errors().map(|e| e.syntax().to_string()).collect();
        assert_eq!(errors, ["supprots b"]);
        assert_eq!(root.syntax().to_string(), "claim a: \"A\"\n  supprots b\n");
    }
}
