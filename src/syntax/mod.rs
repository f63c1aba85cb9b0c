//! Syntax: reading `.crux` text into a tree with spans.
//!
//! Phase: the first. Depends on nothing else in crux. Parsing never aborts; see
//! [`parse`].

pub mod ast;
pub mod error;
pub mod front_matter;
mod lower;
mod parser;
pub mod span;
mod split;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use parser::{MAX_ERRORS, Parsed, parse};
pub use span::{FileId, LineCol, SourceFile, Span};
