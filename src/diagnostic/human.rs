//! The human printer: rustc-style reports with the source line, carets under the span,
//! secondary labels and a help line, rendered by annotate-snippets.
//!
//! Every string handed to the renderer (title, path, source lines, labels, help) goes
//! through [`terminal::sanitize`]: none of them can carry an escape sequence to the
//! terminal.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity, SourceMap, terminal};
use crate::syntax::{FileId, SourceFile, Span};

/// Fewer diagnostics than this are rendered on one thread.
const PARALLEL_FROM: usize = 512;

/// Renders diagnostics for a terminal (`color`) or plain text. Many diagnostics are
/// rendered in consecutive chunks on as many threads as there are cores, and joined in
/// order: the text is the same.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &(impl SourceMap + Sync + ?Sized),
    color: bool,
) -> String {
    // Asking for the cores reads the cgroup's files: only when they would be used.
    if diagnostics.len() < PARALLEL_FROM {
        return render_chunk(diagnostics, sources, color);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return render_chunk(diagnostics, sources, color);
    }
    let chunk = diagnostics.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = diagnostics
            .chunks(chunk)
            .map(|part| scope.spawn(move || render_chunk(part, sources, color)))
            .collect();
        parts
            .into_iter()
            .map(|p| p.join().expect("a report thread panicked"))
            .collect()
    })
}

/// Renders diagnostics one after the other.
fn render_chunk(
    diagnostics: &[Diagnostic],
    sources: &(impl SourceMap + ?Sized),
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in diagnostics {
        if color || !render_plain_one_line(d, sources, &mut out) {
            out.push_str(&render_one(d, sources, &renderer));
        }
        out.push_str("\n\n");
    }
    out
}

/// The width annotate-snippets fits a report into (its default); a source line that
/// fits is shown whole.
const TERM_WIDTH: usize = 140;

/// Writes the report of a finding of the most common shape to `out`, in plain text,
/// byte for byte as annotate-snippets draws it: one label, under a part of one source
/// line that, like the path and every text of the finding, holds only printable ASCII
/// (no trailing space), with the line shown whole or cut at the right. Returns
/// `false`, writing nothing, for any other finding, which annotate-snippets draws. (A
/// debate's warnings are mostly of this shape, and this costs a fraction of the
/// general layout.)
fn render_plain_one_line(
    d: &Diagnostic,
    sources: &(impl SourceMap + ?Sized),
    out: &mut String,
) -> bool {
    let printable = |s: &str| s.bytes().all(|b| (b' '..=b'~').contains(&b));
    let span = d.primary.span;
    let label = d.primary.message.as_str();
    let help = d.help.as_deref().unwrap_or("");
    if !d.secondary.is_empty()
        || span.start >= span.end
        || label.is_empty()
        || d.help.as_deref() == Some("")
        || ![d.message.as_str(), label, help, d.name]
            .into_iter()
            .all(printable)
    {
        return false;
    }
    let file = sources.file(span);
    if !printable(&file.name) {
        return false;
    }
    let line = file.lines().line_of(span.start);
    let start = file.lines().line_start(line) as usize;
    let text = file.text.as_str();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let raw = text[start..end].trim_end_matches('\r');
    let (a, b) = (span.start as usize - start, span.end as usize - start);
    let number = (line + 1).to_string();
    // The columns beside the line number. A line that fits is shown whole when it is
    // indented by no more than 20 columns (more is trimmed). A longer one is cut at the
    // width, its last three columns shown as `...`, when the label ends well inside
    // the width and the line is indented by no more than 6 (else the renderer looks
    // for a window around the label).
    let width = TERM_WIDTH - 3 - number.len();
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    if b > raw.len() || !printable(raw) || raw.ends_with(' ') {
        return false;
    }
    let shown = if raw.len() <= width && indent <= 20 {
        raw
    } else if raw.len() > width && indent.min(a) <= 6 && b + label.len() + 7 <= width {
        &raw[..width - 3]
    } else {
        return false;
    };
    let cut = if shown.len() < raw.len() { "..." } else { "" };
    let pad = " ".repeat(number.len());
    let level = d.severity.as_str();
    let name = d.name;
    let message = &d.message;
    let path = &file.name;
    let column = a + 1;
    let _ = write!(
        out,
        "{level}[{name}]: {message}\n{pad}--> {path}:{number}:{column}\n{pad} |\n{number} | {shown}{cut}\n{pad} | {}{} {label}",
        " ".repeat(a),
        "^".repeat(b - a)
    );
    if !help.is_empty() {
        let _ = write!(out, "\n{pad} |\nhelp: {help}");
    }
    true
}

/// An error in a file that is read as input but holds no debate (`crux.yaml`, a
/// framework for `crux solve`), drawn as a finding is: `error: MESSAGE`, then the file,
/// line and column, and the line with carets under the word at byte `offset` of `text`
/// (the whole file; a single caret when no word starts there). The command line writes `error: ` before every message it prints, so
/// this returns the report without those first words.
pub fn input_error(message: &str, name: &str, text: &str, offset: usize) -> String {
    let file = [SourceFile::new(name, name, text.to_string())];
    let offset = offset.min(text.len());
    // Carets under the word there (up to a space or punctuation such as `:` `,` `)`);
    // a single one under anything else, and after the end of a line.
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let rest = &text[offset..];
    let stop = |c: char| c.is_whitespace() || ":,()[]{}".contains(c);
    let len = match rest.find(stop) {
        Some(0) => rest
            .chars()
            .next()
            .filter(|c| !c.is_whitespace())
            .map_or(0, char::len_utf8),
        Some(len) => len,
        None => rest.len(),
    };
    let span = Span::new(FileId(0), offset, offset + len);
    let snippet = snippet(&file[..], &[(span, "", true)]);
    let report = [Level::ERROR
        .primary_title(terminal::sanitize(message))
        .element(snippet)];
    let rendered = Renderer::plain()
        .decor_style(DecorStyle::Ascii)
        .render(&report);
    match rendered.strip_prefix("error: ") {
        Some(rest) => rest.to_string(),
        None => rendered,
    }
}

/// A label to draw: span, text, whether it is the primary one.
type LabelRef<'a> = (Span, &'a str, bool);

/// Secondary labels drawn for one diagnostic; the others are counted in a note (the
/// JSON and SARIF output list them all). A 50,000-node cycle stays readable, and its
/// report short.
const MAX_SECONDARY: usize = 20;

/// Labels further apart than this many lines are drawn in snippets of their own, so
/// that the lines between them are never handed to the renderer: the cost of a report
/// depends on its labels, not on the distance between them.
const MAX_GAP: usize = 24;

fn render_one(d: &Diagnostic, sources: &(impl SourceMap + ?Sized), renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Group the labels by file, the primary's file first.
    let mut by_file: BTreeMap<(bool, FileId), Vec<LabelRef<'_>>> = BTreeMap::new();
    by_file
        .entry((false, d.primary.span.file))
        .or_default()
        .push((d.primary.span, &d.primary.message, true));
    for l in d.secondary.iter().take(MAX_SECONDARY) {
        let key = (l.span.file != d.primary.span.file, l.span.file);
        by_file
            .entry(key)
            .or_default()
            .push((l.span, &l.message, false));
    }
    let mut snippets = Vec::new();
    for labels in by_file.values() {
        for cluster in clusters(sources, labels) {
            snippets.push(snippet(sources, &cluster));
        }
    }
    let title = level
        .clone()
        .primary_title(terminal::sanitize(&d.message))
        .id(d.name);
    let mut report: Vec<Group<'_>> = vec![title.elements(snippets)];
    let hidden = d.secondary.len().saturating_sub(MAX_SECONDARY);
    if hidden > 0 {
        let places = if hidden == 1 {
            "place is"
        } else {
            "places are"
        };
        report.push(Group::with_title(Level::NOTE.secondary_title(format!(
            "{hidden} more related {places} not shown; `--format json` lists every one"
        ))));
    }
    if let Some(help) = &d.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(terminal::sanitize(help)),
        ));
    }
    let rendered = renderer.render(&report);
    with_true_column(rendered, d.primary.span, sources)
}

/// The report with the column of its `-->` line counted in the file's own characters,
/// as `--format json` and editors count it. The renderer counts the characters of the
/// line as it shows it, where a zero-width joiner (in 👨‍👩‍👧) is left out.
fn with_true_column(rendered: String, span: Span, sources: &(impl SourceMap + ?Sized)) -> String {
    let file = sources.file(span);
    let line = file.lines().line_of(span.start);
    let start = shown_start(file, line);
    let Some(before) = file.text.get(start..span.start as usize) else {
        return rendered;
    };
    let joiners = before.matches('\u{200D}').count();
    if joiners == 0 {
        return rendered;
    }
    let column = before.chars().count() + 1;
    let shown = format!(":{}:{}", line + 1, column - joiners);
    let right = format!(":{}:{}", line + 1, column);
    // The location ends its line: `--> FILE:LINE:COLUMN`.
    let Some(arrow) = rendered.find("--> ") else {
        return rendered;
    };
    let end = rendered[arrow..]
        .find('\n')
        .map_or(rendered.len(), |e| arrow + e);
    match rendered[arrow..end].strip_suffix(shown.as_str()) {
        Some(head) => format!(
            "{}{right}{}",
            &rendered[..arrow + head.len()],
            &rendered[end..]
        ),
        None => rendered,
    }
}

/// Where line `line` (0-based) of `file` starts as a report shows it: a byte order mark
/// is invisible in editors, so it is left out and the columns match theirs.
fn shown_start(file: &SourceFile, line: usize) -> usize {
    let start = file.lines().line_start(line) as usize;
    match start == 0 && file.text.starts_with('\u{FEFF}') {
        true => '\u{FEFF}'.len_utf8(),
        false => start,
    }
}

/// Splits the labels of one file into runs of nearby lines, in line order, with the
/// primary label's run first (its snippet carries the `-->` location).
fn clusters<'a>(
    sources: &(impl SourceMap + ?Sized),
    labels: &[LabelRef<'a>],
) -> Vec<Vec<LabelRef<'a>>> {
    let file = sources.file(labels[0].0);
    let mut sorted = labels.to_vec();
    sorted.sort_by_key(|l| (l.0.start, l.0.end));
    let mut runs: Vec<(usize, Vec<LabelRef<'a>>)> = Vec::new();
    for label in sorted {
        let first = file.lines().line_of(label.0.start);
        let last = file.lines().line_of(label.0.end);
        match runs.last_mut() {
            Some((end, run)) if first <= *end + MAX_GAP => {
                *end = (*end).max(last);
                run.push(label);
            }
            _ => runs.push((last, vec![label])),
        }
    }
    let mut runs: Vec<Vec<LabelRef<'a>>> = runs.into_iter().map(|(_, run)| run).collect();
    if let Some(at) = runs.iter().position(|run| run.iter().any(|l| l.2)) {
        let primary = runs.remove(at);
        runs.insert(0, primary);
    }
    runs
}

/// A snippet of the lines that the labels cover, in one file.
fn snippet<'a>(
    sources: &'a (impl SourceMap + ?Sized),
    labels: &[LabelRef<'a>],
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let file = sources.file(labels[0].0);
    let text = file.text.as_str();
    let lo = labels.iter().map(|l| l.0.start).min().unwrap_or(0);
    let hi = labels.iter().map(|l| l.0.end).max().unwrap_or(0);
    let first_line = file.lines().line_of(lo);
    let last_line = file.lines().line_of(hi);
    let start = shown_start(file, first_line);
    let end = if last_line + 1 < file.lines().len() {
        file.lines().line_start(last_line + 1) as usize
    } else {
        text.len()
    };
    let raw = text[start..end].trim_end_matches(['\n', '\r']);
    // The line as it will be shown, and where the labels' offsets land in it.
    let slice = terminal::sanitize_source(raw);
    let map = matches!(slice, Cow::Owned(_)).then(|| terminal::offsets(raw));
    let at = |offset: usize| match &map {
        Some(map) => map[offset],
        None => offset,
    };
    let shown = slice.len();
    let mut s = Snippet::source(slice)
        .line_start(first_line + 1)
        .path(terminal::sanitize(&file.name))
        .fold(true);
    for (span, message, primary) in labels {
        let kind = if *primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let a = (span.start as usize).saturating_sub(start).min(raw.len());
        let b = (span.end as usize).saturating_sub(start).min(raw.len());
        let mut annotation = kind.span(at(a).min(shown)..at(b).min(shown));
        if !message.is_empty() {
            annotation = annotation.label(terminal::sanitize(message));
        }
        s = s.annotation(annotation);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;

    /// The `--> FILE:LINE:COLUMN` line of a report.
    fn location(report: &str) -> &str {
        report
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or_default()
    }

    /// The renderer leaves zero-width joiners out of the line it shows; the column it
    /// names is still the file's, as `--format json` gives it.
    #[test]
    fn a_joiner_is_one_column_as_in_the_line_index() {
        let text = "thesis t: \"\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\" zz\n";
        let file = SourceFile::new("a.crux", "a.crux", text.to_string());
        let at = text.find("zz").unwrap();
        let span = Span::new(FileId(0), at, at + 2);
        let d = Diagnostic {
            code: "S001",
            name: "syntax-error",
            severity: Severity::Error,
            message: "expected the end of the line, found `zz`".into(),
            primary: Label::new(span, "expected the end of the line"),
            secondary: Vec::new(),
            help: None,
            suggestion: None,
        };
        let report = render(&[d], &[file.clone()][..], false);
        let expected = format!("a.crux:{}", file.line_col(at as u32));
        assert_eq!(expected, "a.crux:1:19");
        assert_eq!(location(&report), expected, "{report}");
    }

    #[test]
    fn a_tab_is_one_column_as_in_the_line_index() {
        let text = "thesis t: \"x\"\n\tsupports zz\n";
        let file = SourceFile::new("a.crux", "a.crux", text.to_string());
        let at = text.find("zz").unwrap();
        let span = Span::new(FileId(0), at, at + 2);
        let d = Diagnostic {
            code: "S004",
            name: "unknown-reference",
            severity: Severity::Error,
            message: "unknown ID `zz`".into(),
            primary: Label::new(span, "no node has this ID"),
            secondary: Vec::new(),
            help: None,
            suggestion: None,
        };
        let report = render(&[d], &[file.clone()][..], false);
        let expected = format!("a.crux:{}", file.line_col(at as u32));
        assert_eq!(location(&report), expected, "{report}");
        assert_eq!(expected, "a.crux:2:11");
        // The tab is drawn as spaces, and the carets stay under `zz`.
        assert!(
            report.contains("2 |     supports zz\n  |              ^^"),
            "{report}"
        );
    }

    #[test]
    fn an_input_error_shows_its_line_with_carets() {
        let text = "p af 3\n1 2\n\t2 x\n";
        let report = input_error("expected `i j`", "g.af", text, text.find('x').unwrap());
        assert_eq!(location(&report), "g.af:3:4", "{report}");
        assert!(report.starts_with("expected `i j`\n"), "{report}");
        assert!(report.ends_with("3 |     2 x\n  |       ^"), "{report}");
        // At the end of the input: the last line, and a caret after it.
        let report = input_error("expected a name", "g.apx", "att(a,", 6);
        assert_eq!(location(&report), "g.apx:1:7", "{report}");
    }

    /// The direct writer draws every finding it takes exactly as annotate-snippets
    /// does: on lines short and long, indented or not, at line numbers of one to five
    /// digits, with and without help, at every severity.
    #[test]
    fn the_one_line_writer_draws_as_annotate_snippets() {
        let mut text = String::from("claim a: \"x\"\n");
        let shapes = [
            "thesis t: \"The thesis.\"".to_string(),
            "  supports t 0.5".to_string(),
            format!("{}claim deep: \"x\"", " ".repeat(20)),
            format!("{}claim deeper: \"x\"", " ".repeat(21)),
            format!("{}claim deepest: \"x\"", " ".repeat(40)),
            format!("claim long: \"{}\"", "word ".repeat(40)),
            "claim trailing: \"x\"  ".to_string(),
            "\tsupports tab".to_string(),
            format!("  note \"{}\"", "z".repeat(150)),
            format!("      note \"{}\"", "z".repeat(150)),
            format!("       note \"{}\"", "z".repeat(150)),
            format!("claim n: \"{}\"", "n".repeat(117)),
            format!("claim n: \"{}\"", "n".repeat(116)),
            "claim crlf: \"x\"\r".to_string(),
            "claim caf\u{e9}: \"x\"".to_string(),
            "x".to_string(),
        ];
        // Lines long enough to reach the width, beside numbers of every length.
        for n in 100..160 {
            text.push_str(&format!("claim w{n}: \"{}\"\n", "y".repeat(n - 15)));
        }
        let mut lines = Vec::new();
        for line in 0..12_000 {
            let shape = &shapes[line % shapes.len()];
            if line < 40 || line % 997 == 0 || line >= 11_990 {
                lines.push(text.len());
            }
            text.push_str(shape);
            text.push('\n');
        }
        let file = SourceFile::new("dir/t.crux", "/nonexistent/t.crux", text.clone());
        let sources = [file];
        let renderer = Renderer::plain().decor_style(DecorStyle::Ascii);
        let mut starts: Vec<usize> = (1..170)
            .map(|l| sources[0].lines().line_start(l) as usize)
            .collect();
        starts.extend(lines);
        let mut taken = 0;
        for start in starts {
            let end = text[start..].find('\n').unwrap() + start;
            let words: Vec<(usize, usize)> = [0, 1, 2, 6, 7, 8, 100, 110, end - start - 1]
                .into_iter()
                .filter(|&a| a < end - start)
                .flat_map(|a| [(a, a + 1), (a, (a + 5).min(end - start)), (a, end - start)])
                .collect();
            for (i, (a, b)) in words.into_iter().enumerate() {
                if !text.is_char_boundary(start + a) || !text.is_char_boundary(start + b) {
                    continue;
                }
                let severity = [Severity::Error, Severity::Warning, Severity::Info][i % 3];
                let help = [
                    None,
                    Some("do this instead".to_string()),
                    Some(String::new()),
                ][i % 3 / 2 + (i % 2)]
                    .clone();
                let d = Diagnostic {
                    code: "G108",
                    name: "unsupported-claim",
                    severity,
                    message: format!("claim `c{i}` has `no` evidence"),
                    primary: Label::new(
                        Span::new(FileId(0), start + a, start + b),
                        match i % 4 {
                            3 => "",
                            2 => "a label long enough to reach past the width of a terminal",
                            _ => "nothing supports this",
                        },
                    ),
                    secondary: Vec::new(),
                    help,
                    suggestion: None,
                };
                let mut fast = String::new();
                if render_plain_one_line(&d, &sources[..], &mut fast) {
                    taken += 1;
                    assert_eq!(fast, render_one(&d, &sources[..], &renderer), "{d:?}");
                } else {
                    assert!(fast.is_empty());
                }
            }
        }
        assert!(taken > 500, "{taken}");
    }

    #[test]
    fn many_diagnostics_render_as_one_after_the_other() {
        // A thesis and 600 claims that support nothing: more reports than one thread
        // renders, each with its source line.
        let mut src = String::from("thesis t: \"t\"\n");
        for i in 0..600 {
            src.push_str(&format!("claim c{i}: \"c {i}\"\n"));
        }
        let file = SourceFile::new("t.crux", "/nonexistent/t.crux", src);
        let debate = crate::parse_debate(vec![file], Default::default());
        let diagnostics = crate::check_debate(
            &debate,
            std::path::Path::new("/nonexistent"),
            &Default::default(),
            &Default::default(),
        );
        assert!(diagnostics.len() >= super::PARALLEL_FROM);
        for color in [false, true] {
            assert_eq!(
                super::render(&diagnostics, &debate.sources, color),
                super::render_chunk(&diagnostics, &debate.sources, color)
            );
        }
    }
}
