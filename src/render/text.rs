//! Text measurement and wrapping for node boxes, with a conservative per-character
//! width table of the sans-serif font the SVG declares (Helvetica/Arial metrics, in
//! thousandths of an em, rounded up), so wrapped text never spills out of its box.
//!
//! Phase: render.

use unicode_segmentation::UnicodeSegmentation;

/// Advance widths of ASCII 32..=126 in 1/1000 em (Arial), rounded up.
const ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
    556, // '0'..'?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, // '@'..'O'
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
    556, // 'P'..'_'
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556,
    556, // '`'..'o'
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
];

/// Advance widths of ASCII 32..=126 in 1/1000 em (Arial Bold, as Liberation Sans Bold
/// in `fonts/` has them), rounded up.
const ASCII_BOLD: [u16; 95] = [
    278, 334, 475, 557, 557, 890, 723, 238, 334, 334, 390, 584, 278, 334, 278,
    278, // ' '..'/'
    557, 557, 557, 557, 557, 557, 557, 557, 557, 557, 334, 334, 584, 584, 584,
    611, // '0'..'?'
    976, 723, 723, 723, 723, 667, 611, 778, 723, 278, 557, 723, 611, 834, 723,
    778, // '@'..'O'
    667, 778, 723, 667, 611, 723, 667, 944, 667, 667, 611, 334, 278, 334, 584,
    557, // 'P'..'_'
    334, 557, 611, 557, 611, 557, 334, 611, 611, 278, 278, 557, 278, 890, 611,
    611, // '`'..'o'
    611, 611, 390, 557, 334, 611, 557, 778, 557, 557, 500, 390, 280, 390, 584, // 'p'..'~'
];

/// The advance width of one character, in em, erring on the wide side.
pub fn char_width(c: char) -> f64 {
    advance(c, false) * MARGIN
}

/// Whether every character of `line` has a known width: it is in a bundled font
/// ([`super::fonts`]), which has the widths of Arial for Latin, Greek and Cyrillic.
/// The width of any other character is a guess on the wide side, which a line should
/// not be stretched to.
pub fn measured(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii() || (0..3).any(|i| own_advance(c, i).is_some()))
}

/// The advance of `c` in em in bundled font `i` ([`super::fonts::face`]), if it has it.
fn own_advance(c: char, i: usize) -> Option<f64> {
    let face = super::fonts::face(i)?;
    let advance = face.glyph_hor_advance(face.glyph_index(c)?)?;
    Some(advance as f64 / face.units_per_em() as f64)
}

/// The advance width of one character in em: from the tables for ASCII, else from the
/// bundled fonts (Liberation Sans, as Arial, or bold; then the symbols' font), else by
/// class.
fn advance(c: char, bold: bool) -> f64 {
    let ascii = if bold { &ASCII_BOLD } else { &ASCII };
    if !c.is_ascii()
        && let Some(em) = own_advance(c, usize::from(bold)).or_else(|| own_advance(c, 2))
    {
        return em;
    }
    match c {
        ' '..='~' => ascii[c as usize - 32] as f64 / 1000.0,
        // Bold or unknown Latin letters: as wide as a capital W would be too much; use
        // the widest lowercase plus a margin.
        c if (c as u32) < 0x0300 => 0.72,
        // Emoji, and the symbols that browsers draw as emoji (`✅ ⚽ ⌚ ⭐`): a colour
        // emoji font draws them about 1.2 em wide (Noto Color Emoji: 1.17 to 1.25).
        c if ('\u{2300}'..='\u{23FF}').contains(&c)
            || ('\u{2600}'..='\u{27BF}').contains(&c)
            || ('\u{2B00}'..='\u{2BFF}').contains(&c)
            || (c as u32) >= 0x1F000 =>
        {
            1.25
        }
        // East Asian wide characters take a full em.
        c if ('\u{1100}'..='\u{115F}').contains(&c)
            || ('\u{2E80}'..='\u{A4CF}').contains(&c)
            || ('\u{AC00}'..='\u{D7A3}').contains(&c)
            || ('\u{F900}'..='\u{FAFF}').contains(&c)
            || ('\u{FE30}'..='\u{FE4F}').contains(&c)
            || ('\u{FF00}'..='\u{FF60}').contains(&c) =>
        {
            1.0
        }
        _ => 0.75,
    }
}

/// How much wider than Arial [`char_width`] takes every character to be (a margin
/// covers fonts a little wider than Arial).
const MARGIN: f64 = 1.06;

/// The width of a string at `font_size` in Arial (or Helvetica, or Liberation Sans),
/// without the margin of [`width`]: what a line takes where the reader has that font.
pub fn arial_width(text: &str, font_size: f64) -> f64 {
    width(text, font_size) / MARGIN
}

/// The width of a string at `font_size`.
pub fn width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * font_size
}

/// The width of a string at `font_size` in bold, with `spacing` em of letter spacing
/// after each character (as CSS `letter-spacing` draws it).
pub fn bold_width(text: &str, font_size: f64, spacing: f64) -> f64 {
    spaced_bold_width(text, font_size, spacing, MARGIN)
}

/// [`bold_width`] in Arial Bold, without the margin: what the line takes where the
/// reader has that font.
pub fn arial_bold_width(text: &str, font_size: f64, spacing: f64) -> f64 {
    spaced_bold_width(text, font_size, spacing, 1.0)
}

/// The width of a bold line whose advances are widened by `margin` (the letter spacing
/// is not).
fn spaced_bold_width(text: &str, font_size: f64, spacing: f64, margin: f64) -> f64 {
    text.chars()
        .map(|c| advance(c, true) * margin + spacing)
        .sum::<f64>()
        * font_size
}

/// A break opportunity that takes no room.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Punctuation that closes (`，。、）」』！？…`), which does not start a line in
/// Chinese and Japanese typesetting (nor anywhere else).
const CLOSING: &[char] = &[
    '，', '。', '、', '）', '」', '』', '】', '〉', '》', '！', '？', '：', '；', '…', ',', '.',
    ')', '!', '?', ':', ';',
];

/// Wraps `text` into lines no wider than `max_width` at `font_size`: at spaces where
/// possible, inside a word only when the word alone is too wide. Line breaks in the
/// text are kept.
pub fn wrap(text: &str, max_width: f64, font_size: f64) -> Vec<String> {
    wrap_by(text, max_width, |line| width(line, font_size))
}

/// [`wrap`], with the width of a line as `measure` gives it.
pub fn wrap_by(text: &str, max_width: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if measure(&candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone may still be too wide: break it, between whole characters
            // as a reader sees them (a letter with its marks, an emoji with its
            // modifiers), after a zero-width space where there is one.
            let mut piece = String::new();
            for g in word.graphemes(true) {
                piece.push_str(g);
                if measure(&piece) <= max_width || piece.len() == g.len() {
                    continue;
                }
                let mut cut = piece.len() - g.len();
                let after_space = piece[..cut]
                    .rfind(ZERO_WIDTH_SPACE)
                    .map(|z| z + ZERO_WIDTH_SPACE.len_utf8())
                    .filter(|&z| z < cut && measure(&piece[z..]) <= max_width);
                if let Some(z) = after_space {
                    cut = z;
                } else if g.starts_with(CLOSING) {
                    // Closing punctuation does not start a line: the character before it
                    // goes along (unless it is the line's only one).
                    if let Some((before, _)) = piece[..cut].grapheme_indices(true).next_back()
                        && before > 0
                    {
                        cut = before;
                    }
                }
                let rest = piece.split_off(cut);
                lines.push(std::mem::replace(&mut piece, rest));
            }
            line = piece;
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit() {
        let text = "Crypto drove heavy GPU investment; after the crash that capacity went to AI, \
                    supposedly. Pneumonoultramicroscopicsilicovolcanoconiosis!";
        for line in wrap(text, 200.0, 13.0) {
            assert!(width(&line, 13.0) <= 200.0, "{line:?} is too wide");
        }
        assert_eq!(wrap("a\nb", 200.0, 13.0), ["a", "b"]);
        assert_eq!(wrap("", 200.0, 13.0), [""]);
    }

    /// A word too wide for a line breaks between whole characters: never between a
    /// letter and its marks or inside an emoji; after a zero-width space where there
    /// is one; and not before closing punctuation.
    #[test]
    fn long_words_break_between_whole_characters() {
        let fits = |lines: &[String], max: f64| {
            lines
                .iter()
                .all(|l| width(l, 13.0) <= max || l.graphemes(true).count() == 1)
        };
        let devanagari = "अनुच्छेदसंख्याप्रतिस्पर्धात्मकताअन्तर्राष्ट्रीयकरणस्वतन्त्रतासंग्राम";
        let hearts = "❤\u{fe0f}".repeat(26);
        let family = "👨\u{200d}👩\u{200d}👧".repeat(12);
        for word in [devanagari, &hearts, &family] {
            let lines = wrap(word, 120.0, 13.0);
            assert!(lines.len() > 1 && fits(&lines, 120.0), "{lines:?}");
            assert_eq!(lines.concat(), word);
            for line in &lines {
                let first = line.chars().next().unwrap();
                assert!(
                    !matches!(first, '\u{900}'..='\u{903}' | '\u{93a}'..='\u{94f}' | '\u{fe0f}' | '\u{200d}'),
                    "{line:?} starts with a mark"
                );
            }
        }
        // After a zero-width space rather than inside a word.
        let zw = "zero\u{200b}width\u{200b}spaces\u{200b}make\u{200b}this\u{200b}one\u{200b}long\u{200b}word";
        let lines = wrap(zw, 120.0, 13.0);
        assert!(
            lines
                .iter()
                .all(|l| l.ends_with('\u{200b}') || l.ends_with("word")),
            "{lines:?}"
        );
        // A line does not start with closing punctuation.
        let chinese = "人工智能可以帮助教师根据每个学生，这在许多国家已经开始实行了。";
        for max in [60.0, 80.0, 100.0, 120.0, 140.0] {
            let lines = wrap(chinese, max, 13.0);
            assert_eq!(lines.concat(), chinese);
            assert!(
                lines.iter().all(|l| !l.starts_with(['，', '。'])),
                "{max}: {lines:?}"
            );
        }
    }
}
