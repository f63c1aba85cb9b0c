//! A flat record of the syntax tree's elements, for lowering without building the tree.
//!
//! Phase: syntax. The parser hands each node and token to a [`FlatBuilder`] as it
//! hands them to the green tree: one entry each, with its kind and byte range, in
//! source order. Lowering reads the record through [`FlatNode`] and [`FlatToken`],
//! which answer what `rowan`'s green nodes and tokens answer (kind, text, children);
//! the record is cleared as the root's elements are lowered, so it never holds more
//! than a node of the file. `crux check` needs what the file says, not its tree: this
//! spares it a green node and token per element.

use rowan::NodeOrToken;

use super::kind::SyntaxKind;

/// One node or token: its kind, its byte range, and how many entries it and its
/// descendants take (1 for a token).
#[derive(Clone, Copy, Debug)]
struct Entry {
    kind: SyntaxKind,
    start: usize,
    end: usize,
    len: usize,
    node: bool,
}

/// Records nodes and tokens in source order, under an implicit root.
#[derive(Default)]
pub(crate) struct FlatBuilder {
    entries: Vec<Entry>,
    /// The open nodes (the root aside), by index.
    open: Vec<usize>,
    /// Where the last token ends: where the next element starts.
    pos: usize,
}

/// An element of the record: a node or a token.
pub(crate) type FlatElement<'a> = NodeOrToken<FlatNode<'a>, FlatToken<'a>>;

impl FlatBuilder {
    /// A record whose first element starts at byte `pos`.
    pub fn at(pos: usize) -> Self {
        FlatBuilder {
            pos,
            ..Default::default()
        }
    }

    /// Opens a node where the last token ends.
    pub fn start_node(&mut self, kind: SyntaxKind) {
        self.open.push(self.entries.len());
        self.entries.push(Entry {
            kind,
            start: self.pos,
            end: self.pos,
            len: 1,
            node: true,
        });
    }

    /// Adds the token `start..end` (which starts where the last one ends).
    pub fn token(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        debug_assert_eq!(start, self.pos);
        self.pos = end;
        self.entries.push(Entry {
            kind,
            start,
            end,
            len: 1,
            node: false,
        });
    }

    /// Closes the node opened last; it ends where its last element ends.
    pub fn finish_node(&mut self) {
        let Some(index) = self.open.pop() else {
            return;
        };
        let (len, end) = (self.entries.len() - index, self.pos);
        let entry = &mut self.entries[index];
        entry.len = len;
        entry.end = end;
    }

    /// Hands each element of the root that is complete (inside no open node) to `f`,
    /// in order, and forgets it: the record then holds only the open nodes.
    pub fn settle(&mut self, text: &str, mut f: impl FnMut(FlatElement<'_>)) {
        let end = self.open.first().copied().unwrap_or(self.entries.len());
        let mut index = 0;
        while index < end {
            f(element(text, &self.entries, index));
            index += self.entries[index].len;
        }
        self.entries.drain(..end);
        for open in &mut self.open {
            *open -= end;
        }
    }
}

fn element<'a>(text: &'a str, entries: &'a [Entry], index: usize) -> FlatElement<'a> {
    let entry = entries[index];
    if entry.node {
        NodeOrToken::Node(FlatNode {
            text,
            entries,
            index,
        })
    } else {
        NodeOrToken::Token(FlatToken {
            kind: entry.kind,
            text: &text[entry.start..entry.end],
        })
    }
}

/// A node of the record.
#[derive(Clone, Copy)]
pub(crate) struct FlatNode<'a> {
    text: &'a str,
    entries: &'a [Entry],
    index: usize,
}

impl<'a> FlatNode<'a> {
    pub fn kind(&self) -> SyntaxKind {
        self.entries[self.index].kind
    }

    /// Its text, every byte of it.
    pub fn text(&self) -> &'a str {
        let entry = self.entries[self.index];
        &self.text[entry.start..entry.end]
    }

    /// The length of its text in bytes.
    pub fn text_len(&self) -> usize {
        let entry = self.entries[self.index];
        entry.end - entry.start
    }

    /// Its children, in order.
    pub fn children(&self) -> Children<'a> {
        Children {
            text: self.text,
            entries: self.entries,
            index: self.index + 1,
            end: self.index + self.entries[self.index].len,
        }
    }
}

/// The children of a [`FlatNode`].
pub(crate) struct Children<'a> {
    text: &'a str,
    entries: &'a [Entry],
    index: usize,
    end: usize,
}

impl<'a> Iterator for Children<'a> {
    type Item = FlatElement<'a>;

    fn next(&mut self) -> Option<FlatElement<'a>> {
        if self.index >= self.end {
            return None;
        }
        let element = element(self.text, self.entries, self.index);
        self.index += self.entries[self.index].len;
        Some(element)
    }
}

/// A token of the record.
#[derive(Clone, Copy)]
pub(crate) struct FlatToken<'a> {
    kind: SyntaxKind,
    text: &'a str,
}

impl<'a> FlatToken<'a> {
    pub fn kind(&self) -> SyntaxKind {
        self.kind
    }

    /// Its text.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use rowan::{GreenNodeData, GreenTokenData};

    use super::super::green::GreenBuilder;
    use super::*;
    use SyntaxKind::*;

    type Green<'a> = NodeOrToken<&'a GreenNodeData, &'a GreenTokenData>;

    /// An element of the record as text: kind, text, children.
    fn flat(e: FlatElement<'_>) -> String {
        match e {
            NodeOrToken::Token(t) => format!("{:?}{:?}", t.kind(), t.text()),
            NodeOrToken::Node(n) => {
                let children: Vec<String> = n.children().map(flat).collect();
                format!("{:?}{:?}({})", n.kind(), n.text(), children.join(" "))
            }
        }
    }

    /// An element of the green tree, told the same way.
    fn green(e: Green<'_>) -> String {
        let kind = <super::super::kind::Crux as rowan::Language>::kind_from_raw;
        match e {
            NodeOrToken::Token(t) => format!("{:?}{:?}", kind(t.kind()), t.text()),
            NodeOrToken::Node(n) => {
                let children: Vec<String> = n.children().map(green).collect();
                format!(
                    "{:?}{:?}({})",
                    kind(n.kind()),
                    n.to_string(),
                    children.join(" ")
                )
            }
        }
    }

    /// Feeds the same steps to a record and a green tree.
    struct Both<'t> {
        text: &'t str,
        at: usize,
        flat: FlatBuilder,
        green: GreenBuilder,
        settled: Vec<String>,
    }

    impl Both<'_> {
        fn open(&mut self, kind: SyntaxKind) {
            self.flat.start_node(kind);
            self.green.start_node(kind);
        }
        fn close(&mut self) {
            self.flat.finish_node();
            self.green.finish_node();
        }
        fn tokens(&mut self, tokens: &[(SyntaxKind, usize)]) {
            for &(kind, len) in tokens {
                self.flat.token(kind, self.at, self.at + len);
                self.green.token(kind, &self.text[self.at..self.at + len]);
                self.at += len;
            }
        }
        fn settle(&mut self) -> usize {
            let before = self.settled.len();
            let settled = &mut self.settled;
            self.flat.settle(self.text, |e| settled.push(flat(e)));
            settled.len() - before
        }
    }

    #[test]
    fn the_record_holds_the_trees_elements() {
        let text = "# c\nclaim a: \"A\"\n  supports b 0.5\n\nartifact \"p\" kind data\n";
        let mut both = Both {
            text,
            at: 0,
            flat: FlatBuilder::at(0),
            green: GreenBuilder::default(),
            settled: Vec::new(),
        };
        both.green.start_node(ROOT);
        both.open(NODE);
        both.tokens(&[(COMMENT, 3), (NEWLINE, 1)]);
        both.open(HEADER);
        both.tokens(&[
            (CLAIM_KW, 5),
            (WHITESPACE, 1),
            (IDENT, 1),
            (COLON, 1),
            (WHITESPACE, 1),
            (STRING, 3),
        ]);
        both.close();
        both.tokens(&[(NEWLINE, 1), (WHITESPACE, 2)]);
        both.open(RELATION);
        both.tokens(&[
            (SUPPORTS_KW, 8),
            (WHITESPACE, 1),
            (IDENT, 1),
            (WHITESPACE, 1),
            (NUMBER, 3),
        ]);
        both.close();
        both.tokens(&[(NEWLINE, 1)]);
        // Nothing is complete while the node is open.
        assert_eq!(both.settle(), 0);
        both.close();
        both.tokens(&[(NEWLINE, 1)]);
        both.open(ARTIFACT);
        both.tokens(&[
            (ARTIFACT_KW, 8),
            (WHITESPACE, 1),
            (STRING, 3),
            (WHITESPACE, 1),
        ]);
        // The node and the line break before the open artifact are.
        assert_eq!(both.settle(), 2);
        both.open(ARTIFACT_OPTION);
        both.tokens(&[(KIND_KW, 4), (WHITESPACE, 1), (WORD, 4)]);
        both.close();
        both.close();
        both.tokens(&[(NEWLINE, 1)]);
        assert_eq!(both.at, text.len());
        assert_eq!(both.settle(), 2);
        // Settled, the record is empty.
        assert_eq!(both.settle(), 0);
        let tree = both.green.finish();
        let greens: Vec<String> = tree.children().map(green).collect();
        assert_eq!(both.settled, greens);
        assert_eq!(greens.len(), 4);
    }
}
