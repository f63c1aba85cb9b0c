//! The project: which `.crux` files a debate is made of, their text, and `crux.yaml`.
//!
//! Phase: input, beside syntax. File IO lives here and in `cli`, nowhere else in the
//! library. Errors here are "unreadable input" (exit 2), not findings.

pub mod artifact;
pub mod config;
mod discover;
mod error;
pub mod expectations;
mod git;
mod include;
mod load;
pub mod pin;
pub mod preview;
mod read;
mod rebase;

pub use config::{Config, ConfigError, ConfigErrors, Level};
pub use discover::{discover, left_out};
pub use error::{LoadError, not_utf8};
pub use git::spec_for_path;
pub use include::{import_file, import_file_into};
pub use load::{Loaded, Source, load};
pub(crate) use read::special_kind;
pub use read::{MAX_FILE_BYTES, read};
