//! IDs for imported nodes, derived from the source's IDs or titles: lower case, words
//! joined by `_`, a leading digit prefixed with `n` (`29045` → `n29045`,
//! `Meat is murder` → `meat_is_murder`), never a keyword of the language, unique
//! (`_2`, `_3`, … on a repeat). A name that already is a valid ID (crux's own, from the
//! AIF extension, or a source's `snake_case` or `kebab-case` title) is kept as it is,
//! however long, so that crux → AIF → crux keeps every ID.

use std::collections::HashSet;

use crate::syntax::kind::KEYWORDS;

/// The most characters an ID derived from a long text keeps (cut at a word's end).
const MAX_LEN: usize = 32;

/// A valid ID for `name` (before de-duplication): `[a-z][a-z0-9_]*`, not a keyword.
pub fn derive(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            // "Don't" → "dont".
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let mut id = shorten(id.trim_end_matches('_'));
    if id.is_empty() {
        id.push('n');
    } else if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, 'n');
    }
    if KEYWORDS.iter().any(|(word, _, _)| *word == id) {
        id.push_str("_node");
    }
    id
}

/// `id` cut to [`MAX_LEN`] characters at the end of a word.
fn shorten(id: &str) -> String {
    if id.len() <= MAX_LEN {
        return id.to_string();
    }
    match id[..=MAX_LEN].rfind('_') {
        Some(cut) if cut > 0 => id[..cut].to_string(),
        _ => id[..MAX_LEN].to_string(),
    }
}

/// Hands out unique IDs.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// A unique valid ID for `name`: `name` itself when it is one, else [`derive`];
    /// then `_2`, `_3`, … until it is free.
    pub fn unique(&mut self, name: &str) -> String {
        let base = if crate::syntax::is_id(name) {
            name.to_string()
        } else {
            derive(name)
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_ids_from_numbers_and_titles() {
        assert_eq!(derive("29045"), "n29045");
        assert_eq!(derive("Meat is murder"), "meat_is_murder");
        assert_eq!(derive("  Don't panic!  "), "dont_panic");
        assert_eq!(derive("claim"), "claim_node");
        assert_eq!(derive("tags"), "tags_node");
        assert_eq!(derive("???"), "n");
        assert_eq!(derive("Ünïcode"), "n_code");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let id = derive("The quick brown fox jumps over the lazy dog and keeps running");
        assert_eq!(id, "the_quick_brown_fox_jumps_over");
        assert!(id.len() <= MAX_LEN);
    }

    #[test]
    fn repeats_get_a_number() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("A b"), "a_b");
        assert_eq!(ids.unique("a b"), "a_b_2");
        assert_eq!(ids.unique("a_b_2"), "a_b_2_2");
    }

    #[test]
    fn a_valid_id_is_kept_as_it_is() {
        let mut ids = Ids::default();
        let long = "nvidia_data_center_overtakes_fy2023";
        assert_eq!(ids.unique(long), long);
        assert_eq!(ids.unique("a-b"), "a-b");
        assert_eq!(ids.unique("a-b"), "a-b_2");
        // Not IDs as written: derived.
        assert_eq!(ids.unique("A-b"), "a_b");
        assert_eq!(ids.unique("claim"), "claim_node");
        assert_eq!(ids.unique("a--b"), "a_b_2");
        assert_eq!(ids.unique("9lives"), "n9lives");
    }
}
