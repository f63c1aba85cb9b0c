//! Text for readers, written one way everywhere: numbers as an author writes them,
//! texts shortened to one line, paragraphs joined from hand-wrapped lines. Every map
//! format, `explain`, `diff` and the messages use these, so that one weight or one text
//! reads the same in all of them.
//!
//! Phase: lowest layer, beside `syntax`; depends on nothing. Making text safe for a
//! terminal or a markup language is the caller's business.

/// Decimals a number keeps: weights and credences are written with at most three
/// (`0.125`), and a map shows what the author wrote.
pub const DECIMALS: usize = 3;

/// A number as an author would write it: rounded to [`DECIMALS`] decimals, without
/// trailing zeros (`0.6`, `0.125`, `1`, never `-0`).
pub fn number(x: f64) -> String {
    let s = format!("{x:.DECIMALS$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "" | "-" | "-0" => "0".into(),
        s => s.into(),
    }
}

/// Items as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` on one line of at most `max` characters: runs of whitespace become one space,
/// and a longer text is cut with `…` at a word boundary (unless that would lose more
/// than half of it), without trailing punctuation before the `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = cut.rfind(' ')
        && space > cut.len() / 2
    {
        cut.truncate(space);
    }
    let cut = cut.trim_end_matches([' ', ',', ';', ':', '.', '(', '-']);
    format!("{cut}…")
}

/// The paragraphs of a text, each on one line: the lines of a paragraph joined (authors
/// wrap long texts by hand, and a `"""` block keeps their line breaks), paragraphs
/// separated by lines that are blank or hold only whitespace.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for line in text.lines() {
        let last = out.last_mut().expect("never empty");
        if line.trim().is_empty() {
            if !last.is_empty() {
                out.push(String::new());
            }
            continue;
        }
        for word in line.split_whitespace() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    if out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The text with its paragraphs reflowed ([`paragraphs`]), kept apart by a blank line.
pub fn reflow(text: &str) -> String {
    paragraphs(text).join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_authors_write_them() {
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(0.1256), "0.126");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(2.4), "2.4");
    }

    #[test]
    fn shortens_at_a_word() {
        assert_eq!(shorten("one two  three\nfour", 40), "one two three four");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("Revenue, growth and more", 10), "Revenue…");
        let long_word = "x".repeat(100);
        assert_eq!(shorten(&long_word, 80).chars().count(), 80);
        assert_eq!(shorten("", 5), "");
        assert_eq!(shorten("abcdef", 1), "…");
        assert_eq!(shorten("abcdef", 0), "…");
    }

    #[test]
    fn reflows_paragraphs() {
        assert_eq!(reflow("a\n b\n\n\nc  d\n"), "a b\n\nc d");
        assert_eq!(paragraphs("a\n  \nb"), ["a", "b"]);
        assert_eq!(paragraphs(""), [""]);
        assert_eq!(paragraphs("\n\na"), ["a"]);
    }
}
