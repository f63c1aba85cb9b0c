//! The project: which `.crux` files a debate is made of, their text, and `crux.yaml`.
//!
//! Phase: input, beside syntax. File IO lives here and in `cli`, nowhere else in the
//! library. Errors here are "unreadable input" (exit 2), not findings.

pub mod artifact;
pub mod config;
mod discover;
mod git;
mod load;
pub mod preview;
mod yaml;

pub use config::{Config, ConfigError, ConfigErrors, Level};
pub use discover::discover;
pub use load::{LoadError, Loaded, MAX_FILE_BYTES, Source, load, read};
