//! The tree-sitter grammar of crux debate files (`.crux`), for editors that highlight
//! with tree-sitter (Zed, Helix, Neovim).
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_crux::LANGUAGE.into())
//!     .expect("the crux grammar loads");
//! let tree = parser.parse("thesis t: \"T.\"\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_crux() -> *const ();
}

/// The tree-sitter [`LanguageFn`] of the crux grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_crux) };

/// The content of the [`node-types.json`] file of the grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The highlighting query: node kinds, IDs, relations, values, strings and comments.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The injection query: the front matter is YAML.
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");

/// The folding query: nodes, block strings and the front matter.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn the_grammar_loads() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&super::LANGUAGE.into())
            .expect("the crux grammar loads");
    }
}
