//! Syntax: reading `.crux` text into one lossless syntax tree, with typed views over it
//! and a lowered form for the model.
//!
//! Phase: the first. Depends on nothing else in crux. Parsing never fails and never
//! panics; see [`parse`]. The grammar of the language is `grammar/crux.pest`: the
//! hand-written parser here follows it, and a differential test holds the two to the
//! same answers.

pub mod ast;
mod describe;
pub mod error;
mod event;
pub mod front_matter;
mod green;
pub mod kind;
mod lower;
mod parser;
pub mod span;
mod split;
pub mod tree;
pub mod yaml;

pub use error::{MAX_ERRORS, SyntaxError, SyntaxErrorKind};
pub use kind::{SyntaxKind, SyntaxNode, SyntaxToken};
pub use parser::{Lowered, Parsed, is_id, lower, lower_parallel, parse};
pub use span::{FileId, LineCol, SourceFile, Span};

/// Invisible formatting characters (Unicode category Cf in common use): a reader cannot
/// see them, and direction marks can make a URL read as another.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}
