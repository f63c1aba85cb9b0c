//! The parser's record of one logical line: the steps that build its part of the tree.
//!
//! Phase: syntax. The parser reads a line into [`Event`]s; the tree, when one is kept,
//! is built from them, and lowering reads them directly, so that `crux check` reads
//! what a file says without building a node or a token of its tree.

use super::kind::SyntaxKind;

/// One step of building the tree: a node opened, a token (its kind and byte range in
/// the file), the node last opened closed.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Event {
    Open(SyntaxKind),
    Token(SyntaxKind, u32, u32),
    Close,
}

/// The index of the `Close` that matches the `Open` at `open` (or the end, if the
/// record is cut short).
pub(crate) fn close_of(events: &[Event], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate().skip(open) {
        match event {
            Event::Open(_) => depth += 1,
            Event::Close => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            Event::Token(..) => {}
        }
    }
    events.len()
}
