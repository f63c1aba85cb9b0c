//! Argdown.
use super::{Debate, ImportError};

/// Reads Argdown text.
pub fn read(_input: &str) -> Result<Debate, ImportError> {
    Ok(Debate::default())
}

/// Reads the ```argdown blocks of a Markdown file.
pub fn read_markdown(input: &str) -> Result<Debate, ImportError> {
    read(input)
}
