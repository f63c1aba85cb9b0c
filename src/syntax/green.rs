//! Building the green tree: `rowan`'s green nodes and tokens, made directly.
//!
//! Phase: syntax. `rowan`'s own builder interns every token in a hash table, which
//! pays off for source code (the same names again and again) but not for debates, where
//! most tokens (IDs, texts) are written once: interning them took a fifth of the parse.
//! This builder shares only the tokens that repeat (keywords, punctuation, spaces and
//! line breaks) and makes the rest as they come.

use std::collections::HashMap;

use rowan::{GreenNode, GreenToken, NodeOrToken};

use super::kind::SyntaxKind;

/// Builds one green tree, node by node, in source order.
#[derive(Default)]
pub(crate) struct GreenBuilder {
    /// Open nodes: their kind and where their children start in `children`.
    open: Vec<(SyntaxKind, usize)>,
    children: Vec<NodeOrToken<GreenNode, GreenToken>>,
    /// Shared tokens, by kind (as an index), then text.
    shared: Vec<HashMap<Box<str>, GreenToken>>,
}

/// Tokens that repeat across a file, and so are made once and shared.
fn shared(kind: SyntaxKind, text: &str) -> bool {
    kind.is_keyword()
        || (matches!(
            kind,
            SyntaxKind::WHITESPACE
                | SyntaxKind::NEWLINE
                | SyntaxKind::COLON
                | SyntaxKind::ARROW
                | SyntaxKind::COMMA
        ) && text.len() <= 16)
}

impl GreenBuilder {
    /// Opens a node; the tokens and nodes up to [`Self::finish_node`] are its children.
    pub fn start_node(&mut self, kind: SyntaxKind) {
        self.open.push((kind, self.children.len()));
    }

    /// Adds a token to the open node.
    pub fn token(&mut self, kind: SyntaxKind, text: &str) {
        let token = if shared(kind, text) {
            let index = kind as usize;
            if self.shared.len() <= index {
                self.shared.resize_with(index + 1, HashMap::new);
            }
            // Looked up without allocating: the key is made only on a miss.
            match self.shared[index].get(text) {
                Some(token) => token.clone(),
                None => {
                    let token = GreenToken::new(kind.into(), text);
                    self.shared[index].insert(text.into(), token.clone());
                    token
                }
            }
        } else {
            GreenToken::new(kind.into(), text)
        };
        self.children.push(NodeOrToken::Token(token));
    }

    /// Closes the node opened last.
    pub fn finish_node(&mut self) {
        let Some((kind, start)) = self.open.pop() else {
            return;
        };
        let node = GreenNode::new(kind.into(), self.children.drain(start..));
        self.children.push(NodeOrToken::Node(node));
    }

    /// The tree: the one node left once every node is closed.
    pub fn finish(mut self) -> GreenNode {
        while !self.open.is_empty() {
            self.finish_node();
        }
        match self.children.pop() {
            Some(NodeOrToken::Node(node)) if self.children.is_empty() => node,
            other => {
                // Never the case for the parser, which opens one root; made whole anyway.
                self.children.extend(other);
                GreenNode::new(SyntaxKind::ROOT.into(), self.children.drain(..))
            }
        }
    }
}
