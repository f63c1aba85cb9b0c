//! Markdown to roff, for the man pages made from the README: headings, paragraphs, code
//! blocks, lists, tables, inline code and emphasis. A link keeps its text; HTML and
//! images are left out.
//!
//! Phase: cli. Used by `man` only. The Markdown is parsed by pulldown-cmark and the roff
//! is written with the `roff` crate that clap_mangen uses, which escapes the text.

use clap_mangen::roff::{Inline, Roff, bold, italic, line_break, roman};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// No arguments, for a request that takes none.
const NONE: [&str; 0] = [];

/// Appends `markdown` to `roff`. A heading of level `top` becomes a section (`.SH`, in
/// upper case), deeper headings subsections (`.SS`); paragraphs are `.PP`, code blocks
/// are indented and not filled, list items are `.IP` with a bullet or a number, and each
/// table row is a `.TP` paragraph tagged with its first cell (the header row is left
/// out).
pub(crate) fn append(roff: &mut Roff, markdown: &str, top: HeadingLevel) {
    let mut writer = Writer {
        roff,
        line: Vec::new(),
        plain: String::new(),
        strong: 0,
        emphasis: 0,
        code: None,
        lists: Vec::new(),
        item_started: false,
        row: Vec::new(),
        in_head: false,
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        writer.event(event, top);
    }
    writer.flush_line();
}

struct Writer<'r> {
    roff: &'r mut Roff,
    /// The text of the block being read.
    line: Vec<Inline>,
    /// The same text without fonts, for headings.
    plain: String,
    strong: usize,
    emphasis: usize,
    /// The text of the code block being read.
    code: Option<String>,
    /// The next number of each open list (`None` for a bulleted list).
    lists: Vec<Option<u64>>,
    /// Whether the current list item has had its first paragraph.
    item_started: bool,
    /// The cells of the table row being read.
    row: Vec<Vec<Inline>>,
    in_head: bool,
}

impl Writer<'_> {
    fn event(&mut self, event: Event, top: HeadingLevel) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag, top),
            Event::Text(text) => match &mut self.code {
                Some(code) => code.push_str(&text),
                None => self.text(&text),
            },
            Event::Code(text) => {
                self.plain.push_str(&text);
                self.line.push(bold(text.to_string()));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.line.push(line_break()),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::CodeBlock(_) => {
                self.flush_line();
                self.code = Some(String::new());
            }
            Tag::List(first) => {
                self.flush_line();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush_line();
                let mark = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "\\(bu".to_string(),
                };
                let indent = 2 + 2 * self.lists.len().saturating_sub(1);
                self.roff
                    .control("IP", [mark.as_str(), &indent.to_string()]);
                self.item_started = false;
            }
            Tag::TableHead => self.in_head = true,
            Tag::Heading { .. } | Tag::Paragraph | Tag::TableRow | Tag::TableCell => {}
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, top: HeadingLevel) {
        match tag {
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Heading(level) => {
                let title = std::mem::take(&mut self.plain);
                self.line.clear();
                if level <= top {
                    self.roff.control("SH", [title.to_uppercase().as_str()]);
                } else {
                    self.roff.control("SS", [title.as_str()]);
                }
            }
            TagEnd::Paragraph => {
                if self.lists.is_empty() {
                    self.roff.control("PP", NONE);
                } else if self.item_started {
                    // A second paragraph of a list item: same indent, no mark.
                    self.roff.control("IP", NONE);
                }
                self.item_started = true;
                self.flush_line();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.roff
                    .control("PP", NONE)
                    .control("RS", ["4"])
                    .control("nf", NONE);
                for line in code.trim_end_matches('\n').lines() {
                    self.roff.text([roman(line)]);
                }
                self.roff.control("fi", NONE).control("RE", NONE);
            }
            TagEnd::Item => self.flush_line(),
            TagEnd::List(_) => {
                self.flush_line();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.roff.control("PP", NONE);
                }
            }
            TagEnd::TableCell => {
                self.plain.clear();
                let cell = std::mem::take(&mut self.line);
                self.row.push(cell);
            }
            TagEnd::TableHead => {
                self.in_head = false;
                self.row.clear();
            }
            TagEnd::TableRow => {
                let mut cells = std::mem::take(&mut self.row).into_iter();
                if let Some(tag) = cells.next() {
                    self.roff.control("TP", NONE).text(tag);
                    for cell in cells.filter(|c| !c.is_empty()) {
                        self.roff.text(cell);
                    }
                }
            }
            TagEnd::Table => {
                self.roff.control("PP", NONE);
            }
            _ => {}
        }
    }

    /// Adds text in the current font.
    fn text(&mut self, text: &str) {
        self.plain.push_str(text);
        self.line.push(if self.strong > 0 {
            bold(text)
        } else if self.emphasis > 0 {
            italic(text)
        } else {
            roman(text)
        });
    }

    /// Writes the text read so far as one text line.
    fn flush_line(&mut self) {
        self.plain.clear();
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.roff.text(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roff(markdown: &str) -> String {
        let mut roff = Roff::new();
        append(&mut roff, markdown, HeadingLevel::H2);
        roff.to_roff()
    }

    #[test]
    fn blocks_become_requests() {
        let page = roff(
            "## The `.crux` language\n\nA *node* has an **ID**.\n\n### IDs\n\n\
             ```crux\nclaim a: \"x\"\n  supports b\n```\n\n- one\n- `two`\n",
        );
        assert_eq!(
            page,
            ".SH \"THE .CRUX LANGUAGE\"\n.PP\nA \\fInode\\fR has an \\fBID\\fR.\n.SS IDs\n\
             .PP\n.RS 4\n.nf\nclaim a: \"x\"\n  supports b\n.fi\n.RE\n\
             .IP \\(bu 2\none\n.IP \\(bu 2\n\\fBtwo\\fR\n.PP\n"
        );
    }

    #[test]
    fn table_rows_are_tagged_paragraphs() {
        let page = roff("| kind | meaning |\n|---|---|\n| `thesis` | a root claim |\n");
        assert_eq!(page, ".TP\n\\fBthesis\\fR\na root claim\n.PP\n");
    }

    #[test]
    fn text_cannot_become_a_request() {
        let page = roff(".TH evil\n\n'x and \\fB\n");
        assert_eq!(page, ".PP\n\\&.TH evil\n.PP\n\\&'x and \\\\fB\n");
    }
}
