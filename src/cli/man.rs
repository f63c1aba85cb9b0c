//! `crux man`: the manual pages. crux(1) and one page per subcommand, crux-check(1),
//! crux-render(1), ..., are made by clap_mangen from the same clap definition as the
//! argument parser, so their options cannot drift from the real flags; each gets an
//! EXIT STATUS section from [`exit_statuses`] and a SEE ALSO section. crux-language(5),
//! the `.crux` language and `crux.yaml`, is the README's reference turned into roff, so
//! the two cannot drift either.
//!
//! `crux man` prints crux(1), `crux man PAGE` one page, and `crux man -o DIR` writes
//! them all as a man hierarchy under DIR (`DIR/man1/crux.1`, ...,
//! `DIR/man5/crux-language.5`), replacing an existing file only if it is a page of
//! crux's own.
//!
//! Phase: cli.

use crate::diagnostic::terminal::sanitize;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};
use pulldown_cmark::HeadingLevel;

use super::{Args, ExitStatus};

/// The README, whose language reference becomes crux-language(5).
const README: &str = include_str!("../../README.md");

/// The README's first and last headings of the language reference.
const LANGUAGE_SECTION: (&str, &str) = ("\n## The `.crux` language\n", "\n## Commands\n");

#[derive(clap::Args, Debug)]
pub(crate) struct ManArgs {
    /// The page to print: a subcommand (`crux man check` prints crux-check(1)), or
    /// `language` for crux-language(5), the .crux language and crux.yaml. Without it,
    /// crux(1).
    #[arg(value_name = "PAGE")]
    page: Option<String>,
    /// Write every page into DIR as a man hierarchy (DIR/man1/crux.1,
    /// DIR/man1/crux-check.1, ..., DIR/man5/crux-language.5), so that `MANPATH=DIR man
    /// crux-check` finds them, and print their paths. DIR is created if need be; an
    /// existing file is replaced only if it is a crux man page.
    #[arg(
        short = 'o',
        long = "out-dir",
        value_name = "DIR",
        conflicts_with = "page"
    )]
    out_dir: Option<PathBuf>,
}

/// One manual page.
struct Page {
    /// The page's name: `crux`, `crux-check`, `crux-language`.
    name: String,
    /// The manual section: 1 for commands, 5 for the file format.
    section: u8,
    /// The page in roff.
    text: String,
}

impl Page {
    /// Where the page goes under a man directory: `man1/crux-check.1`.
    fn path(&self) -> PathBuf {
        Path::new(&format!("man{}", self.section)).join(format!("{}.{}", self.name, self.section))
    }
}

pub(crate) fn run(args: ManArgs) -> ExitStatus {
    let pages = pages();
    if let Some(dir) = &args.out_dir {
        return match write_all(&pages, dir) {
            Ok(()) => ExitStatus::Success,
            Err(message) => {
                eprintln!("error: {}", sanitize(&message));
                ExitStatus::Error
            }
        };
    }
    let wanted = match &args.page {
        None => "crux".to_string(),
        Some(page) => format!("crux-{page}"),
    };
    match pages.iter().find(|p| p.name == wanted) {
        Some(page) => write_stdout(page.text.as_bytes()),
        None => {
            let names: Vec<&str> = pages
                .iter()
                .filter_map(|p| p.name.strip_prefix("crux-"))
                .collect();
            let page = args.page.as_deref().unwrap_or_default();
            let hint = crate::text::closest(names.iter().copied(), page)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            eprintln!(
                "error: no man page `{}`; {hint}the pages are: {}",
                sanitize(page),
                names.join(", ")
            );
            ExitStatus::Error
        }
    }
}

/// Every page: crux(1), one per subcommand in the order of `crux --help`, then
/// crux-language(5).
fn pages() -> Vec<Page> {
    let mut crux = Args::command().disable_help_subcommand(true);
    crux.build();
    let subcommands: Vec<clap::Command> = crux
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut see_also: Vec<(String, u8)> = vec![("crux".into(), 1)];
    see_also.extend(
        subcommands
            .iter()
            .map(|s| (format!("crux-{}", s.get_name()), 1)),
    );
    see_also.push(("crux-language".into(), 5));

    let mut pages = vec![command_page(crux.clone(), "crux", None, &see_also)];
    for sub in subcommands {
        let name = format!("crux-{}", sub.get_name());
        let statuses = exit_statuses(sub.get_name());
        pages.push(command_page(sub, &name, Some(statuses), &see_also));
    }
    pages.push(language_page(&see_also));
    pages
}

/// A command's page: clap_mangen's, with EXIT STATUS and SEE ALSO before VERSION.
fn command_page(
    command: clap::Command,
    name: &str,
    statuses: Option<Vec<(ExitStatus, &'static str)>>,
    see_also: &[(String, u8)],
) -> Page {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .title(name)
        .source(source())
        .render(&mut out)
        .expect("rendering to memory cannot fail");
    let page = String::from_utf8(out).expect("clap_mangen writes UTF-8");

    let mut extra = Roff::new();
    extra.control("SH", ["EXIT STATUS"]);
    match statuses {
        Some(statuses) => {
            for (status, when) in statuses {
                extra
                    .control("TP", NONE)
                    .text([bold(status.code().to_string())])
                    .text([roman(when)]);
            }
        }
        None => {
            extra.text([roman(
                "Each command's page lists its exit statuses. In short: 0 success; \
                 1 findings that fail the command (errors found by check, files fmt \
                 would change or cannot format, artifacts pin cannot pin); 2 bad \
                 usage or unreadable input; 3 solve --timeout ran out.",
            )]);
        }
    }
    append_see_also(&mut extra, name, see_also);
    let extra = body(&extra);
    let text = match page.find("\n.SH VERSION\n") {
        Some(i) => format!("{}\n{extra}{}", &page[..i], &page[i + 1..]),
        None => format!("{page}{extra}"),
    };
    Page {
        name: name.to_string(),
        section: 1,
        text: titled(&text, name, 1),
    }
}

/// crux-language(5): the README's language reference and `crux.yaml`.
fn language_page(see_also: &[(String, u8)]) -> Page {
    let (first, last) = LANGUAGE_SECTION;
    let start = README
        .find(first)
        .expect("the README has a language reference");
    let end = README[start..]
        .find(last)
        .map_or(README.len(), |i| start + i);
    let mut roff = Roff::new();
    roff.control("SH", ["NAME"]).text([roman(
        "crux-language - the .crux language of debates, and the crux.yaml project file",
    )]);
    super::markdown_roff::append(&mut roff, &README[start..end], HeadingLevel::H2);
    append_see_also(&mut roff, "crux-language", see_also);
    Page {
        name: "crux-language".into(),
        section: 5,
        text: titled(&roff.render(), "crux-language", 5),
    }
}

/// The `.TH` source field of every page: `crux VERSION`.
fn source() -> String {
    format!("crux {}", env!("CARGO_PKG_VERSION"))
}

/// A SEE ALSO section naming every page but `this`.
fn append_see_also(roff: &mut Roff, this: &str, pages: &[(String, u8)]) {
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (name, section) in pages.iter().filter(|(n, _)| n != this) {
        if !line.is_empty() {
            line.push(roman(", "));
        }
        line.push(bold(name.as_str()));
        line.push(roman(format!("({section})")));
    }
    roff.text(line);
}

/// No arguments, for a request that takes none.
const NONE: [&str; 0] = [];

/// The roff of `roff` without the preamble that defines the apostrophe string, for
/// appending to a page that has it already.
fn body(roff: &Roff) -> String {
    let preamble = Roff::new().render();
    let text = roff.render();
    text.strip_prefix(&preamble).unwrap_or(&text).to_string()
}

/// The exit statuses of a subcommand, for its EXIT STATUS section.
fn exit_statuses(command: &str) -> Vec<(ExitStatus, &'static str)> {
    use ExitStatus::{Error, Failure, Success, Timeout};
    const USAGE: &str = "Bad usage or unreadable input: a path that does not exist, a file \
                         that is not UTF-8, no .crux files, a bad crux.yaml.";
    match command {
        "check" => vec![
            (
                Success,
                "No errors (warnings are allowed unless --deny warnings).",
            ),
            (Failure, "Errors found, or warnings with --deny warnings."),
            (Error, USAGE),
        ],
        "explain" => vec![
            (Success, "The tree was printed."),
            (
                Error,
                "No node has that ID, or bad usage or unreadable input.",
            ),
        ],
        "rules" => vec![(Success, "The rules were listed."), (Error, "Bad usage.")],
        "lsp" => vec![
            (
                Success,
                "The client sent shutdown and exit, or closed the connection.",
            ),
            (
                Error,
                "The connection broke: a message that is not JSON-RPC, a header or a \
                 body too large, no initialize request first, or a client that left \
                 before the handshake was done.",
            ),
        ],
        "rule" => vec![
            (Success, "The rule was explained."),
            (Error, "No rule has that name or code."),
        ],
        "solve" => vec![
            (Success, "Answered."),
            (
                Error,
                "Bad usage or unreadable input (a malformed framework line is reported \
                 with its line and column).",
            ),
            (Timeout, "--timeout ran out before the answer was known."),
        ],
        "render" => vec![
            (
                Success,
                "The map was written (the HTML page lists the check findings; if the \
                 debate has syntax or reference errors, a note on standard error says \
                 that what they lose is not in the output).",
            ),
            (
                Error,
                "Bad usage, unreadable input, or an output crux refuses to write over.",
            ),
        ],
        "fmt" => vec![
            (
                Success,
                "Every file is formatted (with --check: none would change).",
            ),
            (
                Failure,
                "With --check, some file would change; or a file has syntax errors (without \
                 --check it is formatted around them, each line with an error kept as it \
                 is, unless a `\"\"\"` block or the front matter is never closed or it has \
                 more errors than are shown; with --check it is left as it is).",
            ),
            (Error, USAGE),
        ],
        "pin" => vec![
            (Success, "Every artifact is pinned."),
            (
                Failure,
                "Some artifact could not be pinned (missing, a directory, outside the \
                 project), or a file has syntax errors and was left as it is.",
            ),
            (Error, USAGE),
        ],
        "diff" => vec![
            (Success, "The difference was printed."),
            (
                Error,
                "Bad usage, or a side that cannot be read (a path, or git:REV:PATH).",
            ),
        ],
        "import" => vec![
            (
                Success,
                "Every input was imported and written (or printed with -o -).",
            ),
            (
                Error,
                "Bad usage, an input that cannot be read or is malformed (the error names \
                 its position), or a .crux file that exists (without --force). Nothing \
                 is written then.",
            ),
        ],
        "serve" => vec![
            (
                Success,
                "Stopped with Ctrl-C. Errors in the debate while it runs are shown on the \
                 page and on standard error; they do not stop it.",
            ),
            (
                Error,
                "Bad usage: a path that does not exist, a bad crux.yaml, or a port that \
                 cannot be listened on.",
            ),
        ],
        "completions" => vec![
            (Success, "The script was printed."),
            (Error, "Bad usage, such as an unknown shell."),
        ],
        "man" => vec![
            (Success, "The page was printed, or every page written."),
            (
                Error,
                "No such page, or a page could not be written (including a file in the \
                 way that is not a crux man page).",
            ),
        ],
        _ => Vec::new(),
    }
}

/// Writes every page under `dir`, after checking that no file in the way is someone
/// else's, and prints the paths written.
fn write_all(pages: &[Page], dir: &Path) -> Result<(), String> {
    for page in pages {
        let path = dir.join(page.path());
        check_folders(dir, &path)?;
        check_replaceable(&path, &page.name)?;
    }
    let mut written = Vec::new();
    for page in pages {
        let path = dir.join(page.path());
        let folder = path.parent().expect("a page path has a folder");
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        super::write::write_atomically(&path, page.text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(format!("{}\n", path.display()));
    }
    write_stdout(written.concat().as_bytes());
    Ok(())
}

/// Checks that every folder from `dir` down to the one `path` goes in is a folder, or
/// does not exist yet (it is then created).
fn check_folders(dir: &Path, path: &Path) -> Result<(), String> {
    let folders = path.ancestors().skip(1).take_while(|a| a.starts_with(dir));
    for folder in folders {
        match std::fs::metadata(folder) {
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "cannot write the man pages: {} is not a folder",
                    folder.display()
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `path` may be written: it does not exist, or it is a regular file (not a
/// link) that starts like the crux page `name`.
fn check_replaceable(path: &Path, name: &str) -> Result<(), String> {
    let refuse = |what: &str| {
        Err(format!(
            "{} exists and {what}; not replacing it (move it away or choose another directory)",
            path.display()
        ))
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    if !meta.file_type().is_file() {
        return refuse("is not a regular file");
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(256).read_to_end(&mut head))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if head.starts_with(format!(".TH {name} ").as_bytes()) {
        Ok(())
    } else {
        refuse("is not a crux man page")
    }
}

/// `page` with its `.TH` line replaced by `.TH NAME SECTION "" "crux VERSION"`, first.
/// clap_mangen (and the roff crate) write the definition of the apostrophe string
/// (`.ie`/`.el .ds Aq`) first, but man(7) wants `.TH` to be the first request, and tools
/// that index man pages look for it there; the definition still comes before any use of
/// `\*(Aq`, since the title holds no apostrophe. They also write an empty date as
/// nothing, which shifts the source into the date's place.
fn titled(page: &str, name: &str, section: u8) -> String {
    let title = format!(".TH {name} {section} \"\" \"{}\"\n", source());
    let rest = match page
        .find(".TH ")
        .filter(|&i| i == 0 || page[..i].ends_with('\n'))
    {
        Some(start) => {
            let end = page[start..]
                .find('\n')
                .map_or(page.len(), |i| start + i + 1);
            format!("{}{}", &page[..start], &page[end..])
        }
        None => page.to_string(),
    };
    format!("{title}{rest}")
}

fn write_stdout(bytes: &[u8]) -> ExitStatus {
    super::stdout::status(super::stdout::print(bytes), ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_comes_first_with_every_field() {
        let version = env!("CARGO_PKG_VERSION");
        let page = ".ie a\n.el b\n.TH crux 1  \"crux\"\n.SH NAME\n";
        assert_eq!(
            titled(page, "crux", 1),
            format!(".TH crux 1 \"\" \"crux {version}\"\n.ie a\n.el b\n.SH NAME\n")
        );
        assert_eq!(
            titled(".SH NAME\n", "crux-language", 5),
            format!(".TH crux-language 5 \"\" \"crux {version}\"\n.SH NAME\n")
        );
    }

    #[test]
    fn every_subcommand_has_a_page_with_options_and_exit_statuses() {
        let pages = pages();
        let command = Args::command();
        let names: Vec<&str> = command
            .get_subcommands()
            .map(|s| s.get_name())
            .filter(|n| *n != "help")
            .collect();
        for name in &names {
            assert!(
                !exit_statuses(name).is_empty(),
                "`crux {name}` has no exit statuses in man.rs"
            );
            let page = pages
                .iter()
                .find(|p| p.name == format!("crux-{name}"))
                .unwrap_or_else(|| panic!("no page for `crux {name}`"));
            assert!(
                page.text.starts_with(&format!(".TH crux-{name} 1 ")),
                "{}",
                page.text
            );
            for section in ["NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "SEE ALSO"] {
                assert!(
                    page.text.contains(&format!("\n.SH \"{section}\"\n"))
                        || page.text.contains(&format!("\n.SH {section}\n")),
                    "crux-{name}(1) has no {section}"
                );
            }
        }
        assert_eq!(pages.len(), names.len() + 2, "crux(1) and crux-language(5)");
        let check = pages
            .iter()
            .find(|p| p.name == "crux-check")
            .expect("check");
        assert!(check.text.contains("\\-\\-deny"), "{}", check.text);
        assert!(
            check.text.contains(".TP\n\\fB1\\fR\nErrors found"),
            "{}",
            check.text
        );
    }

    #[test]
    fn the_language_page_covers_every_construct() {
        let page = language_page(&[]);
        assert!(
            page.text.starts_with(".TH crux-language 5 "),
            "{}",
            page.text
        );
        for heading in [
            "\"Front matter\"",
            "\"Comments and suppressions\"",
            "IDs",
            "Text",
            "\"Relations: supports, attacks, contradicts, undercuts\"",
            "\"source, artifact\"",
        ] {
            assert!(
                page.text.contains(&format!("\n.SS {heading}\n")),
                "no subsection {heading} in\n{}",
                page.text
            );
        }
        assert!(page.text.contains("\n.SH CRUX.YAML\n"), "{}", page.text);
        assert!(page.text.contains("undercuts b \\-> crypto_helped_ai 0.7"));
    }

    #[test]
    fn only_crux_pages_are_replaced() {
        let dir = std::env::temp_dir().join(format!("crux-man-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let page = dir.join("crux-check.1");
        assert!(
            check_replaceable(&page, "crux-check").is_ok(),
            "missing file"
        );
        std::fs::write(&page, ".TH crux-check 1 \"\" \"crux 0.1.0\"\n").expect("write");
        assert!(
            check_replaceable(&page, "crux-check").is_ok(),
            "an older page"
        );
        std::fs::write(&page, "my notes\n").expect("write");
        let refused = check_replaceable(&page, "crux-check").expect_err("refused");
        assert!(refused.contains("is not a crux man page"), "{refused}");
        std::fs::remove_file(&page).expect("remove");
        std::fs::create_dir(&page).expect("a directory in the way");
        let refused = check_replaceable(&page, "crux-check").expect_err("refused");
        assert!(refused.contains("is not a regular file"), "{refused}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
