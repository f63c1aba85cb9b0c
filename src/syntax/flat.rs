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

/// One node or token: its kind, its byte range, and the index after it and its
/// descendants (the index after it, for a token).
#[derive(Clone, Copy, Debug)]
struct Entry {
    kind: SyntaxKind,
    start: usize,
    end: usize,
    next: usize,
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
            next: 0,
            node: true,
        });
    }

    /// Adds the token `start..end` (which starts where the last one ends).
    pub fn token(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        debug_assert_eq!(start, self.pos);
        self.pos = end;
        let next = self.entries.len() + 1;
        self.entries.push(Entry {
            kind,
            start,
            end,
            next,
            node: false,
        });
    }

    /// Closes the node opened last; it ends where its last element ends.
    pub fn finish_node(&mut self) {
        let Some(index) = self.open.pop() else {
            return;
        };
        let (next, end) = (self.entries.len(), self.pos);
        let entry = &mut self.entries[index];
        entry.next = next;
        entry.end = end;
    }

    /// Hands each element of the root recorded so far to `f`, in order, and forgets
    /// them; does nothing while a node is open.
    pub fn settle(&mut self, text: &str, mut f: impl FnMut(FlatElement<'_>)) {
        if !self.open.is_empty() {
            return;
        }
        let mut index = 0;
        while index < self.entries.len() {
            f(element(text, &self.entries, index));
            index = self.entries[index].next;
        }
        self.entries.clear();
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
            end: self.entries[self.index].next,
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
        self.index = self.entries[self.index].next;
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

    /// The same element, told by the record and by the green tree.
    fn same(flat: FlatElement<'_>, green: Green<'_>) {
        match (flat, green) {
            (NodeOrToken::Token(f), NodeOrToken::Token(g)) => {
                assert_eq!(rowan::SyntaxKind::from(f.kind()), g.kind());
                assert_eq!(f.text(), g.text());
            }
            (NodeOrToken::Node(f), NodeOrToken::Node(g)) => {
                assert_eq!(rowan::SyntaxKind::from(f.kind()), g.kind());
                assert_eq!(f.text(), g.to_string());
                assert_eq!(f.text_len(), usize::from(g.text_len()));
                assert_eq!(f.children().count(), g.children().count());
                for (f, g) in f.children().zip(g.children()) {
                    same(f, g);
                }
            }
            _ => panic!("a node against a token"),
        }
    }

    #[test]
    fn the_record_holds_the_trees_elements() {
        let text = "# c\nclaim a: \"A\"\n  supports b 0.5\n\nartifact \"p\" kind data\n";
        let mut flat = FlatBuilder::at(0);
        let mut green = GreenBuilder::default();
        green.start_node(ROOT);
        let mut at = 0;
        let mut token = |flat: &mut FlatBuilder, green: &mut GreenBuilder, kind, len| {
            flat.token(kind, at, at + len);
            green.token(kind, &text[at..at + len]);
            at += len;
        };
        let steps: &[(Option<SyntaxKind>, SyntaxKind, usize)] = &[
            (Some(NODE), COMMENT, 3),
            (None, NEWLINE, 1),
            (Some(HEADER), CLAIM_KW, 5),
            (None, WHITESPACE, 1),
            (None, IDENT, 1),
            (None, COLON, 1),
            (None, WHITESPACE, 1),
            (None, STRING, 3),
        ];
        for &(open, kind, len) in steps {
            if let Some(open) = open {
                flat.start_node(open);
                green.start_node(open);
            }
            token(&mut flat, &mut green, kind, len);
        }
        // Close the header; the relation, then close the node.
        flat.finish_node();
        green.finish_node();
        token(&mut flat, &mut green, NEWLINE, 1);
        token(&mut flat, &mut green, WHITESPACE, 2);
        flat.start_node(RELATION);
        green.start_node(RELATION);
        for (kind, len) in [
            (SUPPORTS_KW, 8),
            (WHITESPACE, 1),
            (IDENT, 1),
            (WHITESPACE, 1),
            (NUMBER, 3),
        ] {
            token(&mut flat, &mut green, kind, len);
        }
        flat.finish_node();
        green.finish_node();
        token(&mut flat, &mut green, NEWLINE, 1);
        // Not settled while the node is open.
        let mut seen = 0;
        flat.settle(text, |_| seen += 1);
        assert_eq!(seen, 0);
        flat.finish_node();
        green.finish_node();
        token(&mut flat, &mut green, NEWLINE, 1);
        flat.start_node(ARTIFACT);
        green.start_node(ARTIFACT);
        for (kind, len) in [
            (ARTIFACT_KW, 8),
            (WHITESPACE, 1),
            (STRING, 3),
            (WHITESPACE, 1),
        ] {
            token(&mut flat, &mut green, kind, len);
        }
        flat.start_node(ARTIFACT_OPTION);
        green.start_node(ARTIFACT_OPTION);
        for (kind, len) in [(KIND_KW, 4), (WHITESPACE, 1), (WORD, 4)] {
            token(&mut flat, &mut green, kind, len);
        }
        flat.finish_node();
        green.finish_node();
        flat.finish_node();
        green.finish_node();
        token(&mut flat, &mut green, NEWLINE, 1);
        assert_eq!(at, text.len());
        let tree = green.finish();
        let greens: Vec<Green<'_>> = tree.children().collect();
        let mut whole = String::new();
        let mut index = 0;
        flat.settle(text, |element| {
            whole.push_str(match element {
                NodeOrToken::Node(n) => n.text(),
                NodeOrToken::Token(t) => t.text(),
            });
            same(element, greens[index]);
            index += 1;
        });
        assert_eq!(index, greens.len());
        assert_eq!(whole, text);
        // Settled again: the record starts over, empty.
        let mut again = 0;
        flat.settle(text, |_| again += 1);
        assert_eq!(again, 0);
    }
}
