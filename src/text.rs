//! Text for readers, written one way everywhere: numbers as an author writes them,
//! texts shortened to one line, paragraphs joined from hand-wrapped lines. Every map
//! format, `explain`, `diff` and the messages use these, so that one weight or one text
//! reads the same in all of them.
//!
//! Phase: the lowest layer, under `syntax`; depends on nothing. Making text safe for a
//! terminal or a markup language is the caller's business.

/// The byte offset of the end of the line that holds byte `at` of `text` (clamped to
/// the text), before its line break (`\n`, `\r\n` or `\r`).
pub fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// A number in its shortest decimal spelling with the same value: a leading `0` before
/// the point, no leading zeros, no trailing zeros after the point, no point without
/// digits after it, no sign on zero. `.5` → `0.5`, `1.0` → `1`, `0.50` → `0.5`; values
/// outside [0, 1] stay what they are (the linter reports them). `crux fmt` writes
/// numbers so, and messages quote them so, whatever the file holds.
pub fn spelling(raw: &str) -> String {
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = match int.trim_start_matches('0') {
        "" => "0",
        int => int,
    };
    let frac = frac.trim_end_matches('0');
    let mut s = String::with_capacity(raw.len() + 1);
    if negative && !(int == "0" && frac.is_empty()) {
        s.push('-');
    }
    s.push_str(int);
    if !frac.is_empty() {
        s.push('.');
        s.push_str(frac);
    }
    s
}

/// The candidate most like `word`, if one is close enough to be a likely typo: a
/// Jaro-Winkler likeness of at least 0.8, case ignored; of equally close ones, the first
/// in sort order, so that an unordered set of candidates always gives the same one.
/// Every "did you mean" of crux (IDs, rules, keywords, keys, columns) is this one.
pub fn closest<'a>(candidates: impl IntoIterator<Item = &'a str>, word: &str) -> Option<&'a str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&candidate.to_lowercase(), &word);
        let better = match best {
            None => score >= LIKELY_TYPO,
            Some((b, c)) => score > b || (score == b && candidate < c),
        };
        if better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The likeness from which [`closest`] names a candidate.
const LIKELY_TYPO: f64 = 0.8;

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

/// Decimals a strength keeps wherever a reader sees it: a map's box, its tooltip and
/// panel, `explain`, `diff` (which adds digits only to tell two values apart).
pub const STRENGTH_DECIMALS: u8 = 2;

/// `x` rounded to `decimals` decimals by one rule, half away from zero, judged on the
/// shortest decimal that reads back as `x` (what JSON and `solve` write): 0.575 is
/// 0.58, although the double nearest 0.575 is a hair below it and `0.575 × 100` is
/// 57.4999…. The HTML page's script gets strengths rounded so, and writes them with
/// `toFixed`, which then has nothing left to round: both sides write the same digits.
pub fn round(x: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let naive = (x * scale).round() / scale;
    // Past 10^15 a double has no digits after the point to round.
    if !x.is_finite() || x.abs() >= 1e15 {
        return naive;
    }
    let spelled = x.abs().to_string();
    let Some((whole, fraction)) = spelled.split_once('.') else {
        return x;
    };
    let d = usize::from(decimals);
    if fraction.len() <= d {
        return x;
    }
    let Ok(kept) = format!("{whole}{}", &fraction[..d]).parse::<u64>() else {
        return naive;
    };
    let up = u64::from(fraction.as_bytes()[d] >= b'5');
    ((kept + up) as f64 / scale).copysign(x)
}

/// `x` [`round`]ed to `decimals` decimals and written with exactly that many (`0.70`).
pub fn fixed(x: f64, decimals: u8) -> String {
    let d = usize::from(decimals);
    match format!("{:.d$}", round(x, decimals)) {
        s if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() => {
            s[1..].into()
        }
        s => s,
    }
}

/// A node's strength as every output writes it: [`STRENGTH_DECIMALS`] decimals, `0.43`.
pub fn strength(x: f64) -> String {
    fixed(x, STRENGTH_DECIMALS)
}

/// Items as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` on one line of at most `max` columns of a terminal (a Chinese or Japanese
/// character takes two, see [`columns`]): runs of whitespace become one space, and a
/// longer text is cut with `…` at a word boundary (unless that would lose more than
/// half of it), without trailing punctuation before the `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if columns(&flat) <= max {
        return flat;
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut cut = String::new();
    for c in flat.chars() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > room {
            break;
        }
        cut.push(c);
    }
    if let Some(space) = cut.rfind(' ')
        && space > cut.len() / 2
    {
        cut.truncate(space);
    }
    let cut = cut.trim_end_matches([' ', ',', ';', ':', '.', '(', '-']);
    format!("{cut}…")
}

/// The columns `text` takes in a terminal: two for an East Asian wide character (and
/// an emoji), none for a combining mark, one for the others.
pub fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
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
        for (i, word) in line.split_whitespace().enumerate() {
            // A line break between two Chinese or Japanese characters joins them as
            // they are: those scripts put no space between words (CSS does the same).
            let unspaced = i == 0
                && last.chars().next_back().is_some_and(unspaced_script)
                && word.chars().next().is_some_and(unspaced_script);
            if !last.is_empty() && !unspaced {
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

/// Whether `c` is of a script written without spaces between words, where a line
/// break joins without one: Han, kana, and the CJK and full-width punctuation. Not
/// Hangul, as Korean puts spaces between words.
fn unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'      // CJK radicals, Kangxi radicals
        | '\u{3000}'..='\u{303F}'    // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'    // hiragana, katakana
        | '\u{31C0}'..='\u{31FF}'    // CJK strokes, katakana extensions
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'    // full-width and half-width forms
        | '\u{20000}'..='\u{3FFFF}') // CJK extensions B and later
}

/// The text with its paragraphs reflowed ([`paragraphs`]), kept apart by a blank line.
pub fn reflow(text: &str) -> String {
    paragraphs(text).join("\n\n")
}

/// The five characters that mean markup in XML and HTML, and the entity each is
/// written as: what `render::markup::escape` writes and [`unmarkup`] reads back.
pub const MARKUP_ENTITIES: [(char, &str); 5] = [
    ('&', "&amp;"),
    ('<', "&lt;"),
    ('>', "&gt;"),
    ('"', "&quot;"),
    ('\'', "&#39;"),
];

/// Text as it was before `render::markup::escape` wrote its markup characters as
/// entities (other entities stay as they are): `&amp;lt;` is `&lt;`.
pub fn unmarkup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match MARKUP_ENTITIES.iter().find(|(_, e)| rest.starts_with(e)) {
            Some((c, e)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_texts_fit_their_columns() {
        assert_eq!(shorten("short text", 20), "short text");
        let wide = "人工智能可以帮助教师根据每个学生";
        let cut = shorten(wide, 11);
        assert_eq!(cut, "人工智能可…");
        assert!(columns(&cut) <= 11);
        assert_eq!(shorten("a b c d e f g h", 9), "a b c d…");
    }

    #[test]
    fn numbers_take_their_shortest_spelling() {
        for (raw, canonical) in [
            (".5", "0.5"),
            ("1.0", "1"),
            ("0.50", "0.5"),
            ("1.5", "1.5"),
            ("007", "7"),
            ("-0.0", "0"),
            ("-.25", "-0.25"),
            ("60", "60"),
            ("0", "0"),
        ] {
            assert_eq!(spelling(raw), canonical, "{raw}");
        }
    }

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
    fn strengths_round_once_by_one_rule() {
        assert_eq!(strength(0.5), "0.50");
        assert_eq!(strength(1.0), "1.00");
        assert_eq!(strength(0.0), "0.00");
        assert_eq!(strength(-0.001), "0.00");
        // A tie rounds up (`format!` alone would write 0.12), as the page's script does.
        assert_eq!(strength(0.125), "0.13");
        assert_eq!(strength(0.875), "0.88");
        assert_eq!(strength(0.7749999), "0.77");
        assert_eq!(strength(0.455), "0.46");
        // Judged on the decimal, not on the double × 100 (57.4999…, 28.499…).
        assert_eq!(strength(0.575), "0.58");
        assert_eq!(strength(0.285), "0.29");
        assert_eq!(strength(-0.575), "-0.58");
        assert_eq!(strength(1e20), "100000000000000000000.00");
        assert_eq!(fixed(0.0625, 3), "0.063");
        // The rounded value is what the page's data carries: written again, it is the same.
        for x in [0.125, 0.225, 0.2249999, 0.455, 0.575, 0.635, 0.999, 0.995] {
            assert_eq!(strength(round(x, STRENGTH_DECIMALS)), strength(x), "{x}");
        }
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
        // Chinese and Japanese lines join without a space; Korean, Latin and a mix keep one.
        assert_eq!(
            reflow("算力的繁荣\n来自加密货币。"),
            "算力的繁荣来自加密货币。"
        );
        assert_eq!(reflow("マイニングは\nGPUを"), "マイニングは GPUを");
        assert_eq!(reflow("가상화폐\n채굴"), "가상화폐 채굴");
        assert_eq!(reflow("它说：\n「是的」"), "它说：「是的」");
        assert_eq!(paragraphs("\n\na"), ["a"]);
    }
}
