//! `crux fmt` and `crux pin`.
//!
//! - Every `tests/fixtures/fmt/<case>.crux` formats to `<case>.expected.crux` (written by
//!   hand), and every expected file is already canonical.
//! - On a corpus (the fmt fixtures, every `tests/fixtures/check` and
//!   `tests/fixtures/render` file that parses without blocking errors, `claims/`) and on
//!   generated debates (proptest: random nodes, attributes in any order, comments and
//!   blank lines in random places, blocks, escapes, CRLF, a byte order mark), formatting
//!   is idempotent and keeps the meaning: the resolved graph (nodes with every field but
//!   spans, edges with relation, weight and ends), the diagnostics of `crux check`
//!   (code, message, label, help), and the multiset of comment texts are the same
//!   before and after.
//! - The command line: a refused file keeps its bytes, `--check` writes nothing, a
//!   rewrite keeps the file's permissions, and after `crux pin` a project has no
//!   `stale-artifact` or `unpinned-artifact` left. The outputs themselves are in the
//!   trycmd cases `tests/cmd/fmt_*.toml` and `tests/cmd/pin_*.toml`.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;

use crux::check::Severities;
use crux::fmt::{FormatError, format};
use crux::syntax::ast::ProofStandard;
use crux::syntax::{FileId, SourceFile};

mod support;
use support::crux_files;

// ------------------------------------------------------------------ helpers

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a file means, without spans or layout.
#[derive(Debug, PartialEq)]
struct Meaning {
    nodes: Vec<String>,
    edges: Vec<String>,
    front_matter: Vec<String>,
    diagnostics: Vec<String>,
    syntax_errors: Vec<String>,
    comments: Vec<String>,
    unattached_allows: Vec<String>,
}

/// A weight or credence, with -0 and 0 as one value.
fn num(x: f64) -> String {
    format!("{:?}", x + 0.0)
}

/// Parses, resolves and checks `text` as the file at `path` (artifact paths resolve
/// against its directory; `root` is the project root).
fn meaning(text: &str, path: &Path, root: &Path) -> Meaning {
    let source = SourceFile::new("case.crux", path, text.to_string());
    let debate = crux::parse_debate(vec![source], Default::default());
    let g = &debate.graph.graph;
    let id = |i: petgraph::graph::NodeIndex| g[i].id.clone();
    let nodes = debate
        .graph
        .nodes_in_order()
        .into_iter()
        .map(|i| {
            let n = &g[i];
            let mut allow: Vec<&str> = n.allow.iter().map(|a| a.name.as_str()).collect();
            allow.sort();
            let artifacts: Vec<String> = n
                .artifacts
                .iter()
                .map(|a| {
                    format!(
                        "{:?} {:?} {:?} {:?} {:?}",
                        a.path,
                        a.resolved,
                        a.sha256.as_ref().map(|s| &s.0),
                        a.title,
                        a.kind
                    )
                })
                .collect();
            let sources: Vec<&str> = n.sources.iter().map(|s| s.0.as_str()).collect();
            format!(
                "{} {:?} {:?} credence={:?} status={:?} standard={:?} by={:?} tags={:?} \
                 note={:?} sources={sources:?} artifacts={artifacts:?} allow={allow:?}",
                n.id,
                n.kind,
                n.text,
                n.credence.map(|c| num(c.0)),
                n.status.map(|s| s.0),
                n.standard.map(|s| s.0),
                n.by,
                n.tags,
                n.note,
            )
        })
        .collect();
    let edges = g
        .edge_indices()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("an edge");
            let w = &g[e];
            let undercut = w.undercuts.and_then(|u| g.edge_endpoints(u));
            format!(
                "{} {:?} {} weight={} written={:?} undercuts={:?}",
                id(s),
                w.relation,
                id(t),
                num(w.weight),
                w.written_weight.map(|x| num(x.0)),
                undercut.map(|(a, b)| (id(a), id(b)))
            )
        })
        .collect();
    let front_matter = debate
        .graph
        .front_matter
        .iter()
        .map(|(_, f)| {
            format!(
                "{:?} {:?} {:?} {:?} {:?}",
                f.title, f.description, f.source, f.authors, f.date
            )
        })
        .collect();
    let mut diagnostics: Vec<String> =
        crux::check_debate(&debate, root, &Severities::default(), &Default::default())
            .iter()
            .map(|d| {
                format!(
                    "{} {} | {} | {:?}",
                    d.code, d.message, d.primary.message, d.help
                )
            })
            .collect();
    diagnostics.sort();
    let syntax_errors = debate.syntax_errors.iter().map(|e| e.message()).collect();
    let ast = &debate.files[0];
    let mut comments: Vec<String> = ast.comments.iter().map(|c| c.text.clone()).collect();
    comments.sort();
    let mut unattached_allows: Vec<String> = ast
        .unattached_allows
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    unattached_allows.sort();
    Meaning {
        nodes,
        edges,
        front_matter,
        diagnostics,
        syntax_errors,
        comments,
        unattached_allows,
    }
}

/// Line breaks in `s` (`\r\n` counts once).
fn breaks(s: &str) -> usize {
    s.replace("\r\n", "\n").matches(['\n', '\r']).count()
}

/// The canonical layout, checked on the tree of the output: statements and comments at
/// their columns, never two blank lines in a row, a blank line between nodes, none at
/// the top (but one after front matter), one line break at the end, no trailing spaces.
fn assert_layout(out: &str, path: &Path) {
    let parsed = crux::syntax::parse(FileId(0), out);
    let ast = &parsed.ast;
    let what = path.display();
    // (start, end, column, is a header)
    let mut items: Vec<(usize, usize, usize, bool)> = Vec::new();
    let column = |start: usize| {
        let line = out[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        out[line..start]
            .trim_start_matches('\u{FEFF}')
            .chars()
            .count()
    };
    for node in &ast.nodes {
        let s = node.header_span.start as usize;
        items.push((s, node.header_span.end as usize, column(s), true));
        for a in &node.attributes {
            let s = a.span.start as usize;
            assert_eq!(column(s), 2, "{what}: attribute not at column 2\n{out}");
            items.push((s, a.span.end as usize, 2, false));
        }
    }
    for c in &ast.comments {
        let s = c.span.start as usize;
        let col = if c.trailing { usize::MAX } else { column(s) };
        assert!(
            c.trailing || col == 0 || col == 2,
            "{what}: comment at column {col}\n{out}"
        );
        items.push((s, c.span.end as usize, col, false));
    }
    items.sort();
    let top = ast.front_matter.as_ref().map_or(0, |f| f.span.end as usize);
    if let Some(&(first, ..)) = items.first() {
        let want = if ast.front_matter.is_some() { 2 } else { 0 };
        assert_eq!(
            breaks(&out[top..first]),
            want,
            "{what}: top of the file\n{out}"
        );
    }
    for pair in items.windows(2) {
        let (gap, next) = (&out[pair[0].1..pair[1].0], pair[1]);
        assert!(breaks(gap) <= 2, "{what}: two blank lines in a row\n{out}");
        assert_eq!(
            next.3,
            next.2 == 0 && next.3,
            "{what}: header not at column 0"
        );
    }
    for w in ast.nodes.windows(2) {
        let (from, to) = (w[0].span.end as usize, w[1].header_span.start as usize);
        let separated = items
            .windows(2)
            .any(|p| p[0].1 >= from && p[1].0 <= to && breaks(&out[p[0].1..p[1].0]) == 2);
        assert!(separated, "{what}: no blank line between two nodes\n{out}");
    }
    if let Some(last) = items.last() {
        assert_eq!(
            &out[last.1..].replace("\r\n", "\n"),
            "\n",
            "{what}: end of file"
        );
    }
    for line in out.lines() {
        assert!(
            !line.ends_with([' ', '\t']),
            "{what}: trailing whitespace in {line:?}"
        );
    }
}

/// Formats `text`, checks idempotence, layout and meaning, and returns the result.
fn assert_safe(text: &str, path: &Path, root: &Path) -> String {
    let out = format(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_layout(&out, path);
    let again = format(&out).unwrap_or_else(|e| panic!("{} (formatted): {e}", path.display()));
    assert_eq!(
        again,
        out,
        "{}: formatting is not idempotent",
        path.display()
    );
    let (before, after) = (meaning(text, path, root), meaning(&out, path, root));
    assert_eq!(
        before,
        after,
        "{}: formatting changed the meaning\n--- formatted:\n{out}",
        path.display()
    );
    out
}

/// Whether a file has syntax errors that stop `fmt`.
fn blocked(text: &str) -> bool {
    !crux::fmt::blocking_errors(&crux::syntax::parse(FileId(0), text).errors).is_empty()
}

// ------------------------------------------------------------------ fixtures

#[test]
fn fixtures_format_to_their_expected_files() {
    let cases = crux_files("tests/fixtures/fmt");
    assert!(cases.len() >= 8, "fmt fixtures are missing");
    let mut failures = Vec::new();
    for case in &cases {
        let expected_path = case.with_extension("expected.crux");
        let expected = read(&expected_path);
        let out = format(&read(case)).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        if out != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- got\n{out}",
                case.display()
            ));
        }
        assert_eq!(
            format(&expected).expect("an expected file formats"),
            expected,
            "{} is not canonical",
            expected_path.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn formatting_is_idempotent_and_keeps_the_meaning_on_the_corpus() {
    let mut seen = 0;
    for dir in [
        "tests/fixtures/fmt",
        "tests/fixtures/check",
        "tests/fixtures/render",
        "claims",
    ] {
        for path in crux_files(dir) {
            let text = read(&path);
            if blocked(&text) {
                assert!(
                    matches!(format(&text), Err(FormatError::Syntax(_))),
                    "{} has syntax errors but was formatted",
                    path.display()
                );
                continue;
            }
            assert_safe(&text, &path, Path::new(dir));
            seen += 1;
        }
    }
    assert!(seen >= 40, "only {seen} corpus files were formatted");
}

#[test]
fn line_ends_and_byte_order_mark_are_kept() {
    let crlf = "\u{FEFF}# top\r\nclaim a: \"\"\"\r\n    two\r\n    lines\r\n    \"\"\"\r\n  credence .50\r\n\r\n\r\n\r\nthesis t: \"T.\"";
    let out = assert_safe(crlf, Path::new("crlf.crux"), Path::new("."));
    assert_eq!(
        out,
        "\u{FEFF}# top\r\nclaim a: \"\"\"\r\n    two\r\n    lines\r\n    \"\"\"\r\n  credence 0.5\r\n\r\nthesis t: \"T.\"\r\n"
    );
    let lf = "claim a: \"A.\"\n  credence 1.0";
    assert_eq!(
        assert_safe(lf, Path::new("lf.crux"), Path::new(".")),
        "claim a: \"A.\"\n  credence 1\n"
    );
}

#[test]
fn trailing_blanks_leave_front_matter_unless_they_are_content() {
    let plain = "---\ntitle: T  \n  \nsource: S\t\n---\nthesis t: \"T.\"\n";
    assert_eq!(
        assert_safe(plain, Path::new("plain.crux"), Path::new(".")),
        "---\ntitle: T\n\nsource: S\n---\n\nthesis t: \"T.\"\n"
    );
    // In a literal block scalar the spaces are part of the description: kept.
    let literal = "---\ndescription: |\n  kept  \n---\n\nthesis t: \"T.\"\n";
    assert_eq!(format(literal).expect("formats"), literal);
    // Broken YAML whose error stays the same is tidied too.
    let broken = "---\ntitle: T\n  \nthesis a: \"A.\"\n---\n\nthesis t: \"T.\"\n";
    let out = format(broken).expect("formats");
    assert!(!out.contains("  \n"), "{out}");
}

#[test]
fn files_with_syntax_errors_are_refused() {
    for text in [
        "clam a: \"A.\"\n",
        "claim a: \"A \\q.\"\n",
        "claim a: \"A.\"\n  status maybe\n",
        "claim a: \"A.\"\n  artifact \"x\" kind table\n",
        "claim a: \"A.\"\n  credence 0.5\n  credence 0.6\n",
        "---\ntitle: never closed\nclaim a: \"A.\"\n",
        "# crux: allow everything\nclaim a: \"A.\"\n",
    ] {
        assert!(
            matches!(format(text), Err(FormatError::Syntax(_))),
            "formatted {text:?}"
        );
    }
    // YAML problems inside well-fenced front matter do not stop fmt: the YAML is copied.
    let text = "---\ntitel: typo\n---\nclaim a: \"A.\"\n";
    assert_eq!(
        format(text).expect("formats"),
        "---\ntitel: typo\n---\n\nclaim a: \"A.\"\n"
    );
}

// ------------------------------------------------------------------ generated debates

/// Spelling of one number: the canonical and the non-canonical ones.
const NUMBERS: &[&str] = &[
    "0.5", ".5", "0.50", "1", "1.0", "0", "00.25", "-0.0", "1.5", "60", "0.125",
];
const TAGS: &[&str] = &["a", "b2", "x-y", "p/q", "v1.2", "_z"];
const WS: &[&str] = &[" ", "  ", "\t", " \t "];
const KINDS: &[&str] = &["thesis", "claim", "counter", "evidence"];
const ART_KINDS: &[&str] = &["dataset", "benchmark", "figure", "paper", "code"];
const DIRECTIVES: &[&str] = &[
    "# crux: allow(unsupported-claim)",
    "# crux: allow(G108, disconnected-node)",
    "#crux:allow(no-thesis)",
];

/// A string value and how it is written.
#[derive(Clone, Debug)]
enum GText {
    /// A one-line string; `raw_tab` writes tabs unescaped.
    Line { value: String, raw_tab: bool },
    /// A `"""` block.
    Block {
        lines: Vec<String>,
        indent: usize,
        inline_open: bool,
        inline_close: bool,
    },
}

fn line_value() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z \"\\\\\t\n#é]{0,24}").expect("a regex")
}

fn block_line() -> impl Strategy<Value = String> {
    (0..4usize, "[a-z #é\"\\\\]{0,20}").prop_map(|(lead, s)| {
        // No `""` (so never `"""`), and no `"` at the end (it could meet the closing quotes).
        let mut s = s.replace("\"\"", "\"'").trim_end().to_string();
        if s.ends_with('"') {
            s.push('.');
        }
        format!("{}{s}", " ".repeat(lead))
    })
}

fn gtext() -> impl Strategy<Value = GText> {
    prop_oneof![
        (line_value(), any::<bool>()).prop_map(|(value, raw_tab)| GText::Line { value, raw_tab }),
        (
            proptest::collection::vec(block_line(), 1..5),
            0..7usize,
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(lines, indent, inline_open, inline_close)| GText::Block {
                lines,
                indent,
                inline_open,
                inline_close
            }),
    ]
}

fn render_text(t: &GText) -> String {
    match t {
        GText::Line { value, raw_tab } => {
            let mut s = String::from("\"");
            for c in value.chars() {
                match c {
                    '"' => s.push_str("\\\""),
                    '\\' => s.push_str("\\\\"),
                    '\n' => s.push_str("\\n"),
                    '\t' if !raw_tab => s.push_str("\\t"),
                    c => s.push(c),
                }
            }
            s.push('"');
            s
        }
        GText::Block {
            lines,
            indent,
            inline_open,
            inline_close,
        } => {
            let pad = " ".repeat(*indent);
            let mut s = String::from("\"\"\"");
            for (k, line) in lines.iter().enumerate() {
                if k > 0 || !inline_open {
                    s.push('\n');
                }
                if !line.is_empty() && (k > 0 || !inline_open) {
                    s.push_str(&pad);
                }
                s.push_str(line);
            }
            if !inline_close {
                s.push('\n');
                s.push_str(&pad);
            }
            s.push_str("\"\"\"");
            s
        }
    }
}

/// One attribute, as written (after its keyword's line indentation).
#[derive(Clone, Debug)]
enum GAttr {
    Edge(usize, usize, Option<usize>),
    Undercut(usize, usize, Option<usize>),
    Credence(usize),
    Status(usize),
    Standard(usize),
    By(GText),
    Tags(Vec<usize>, usize),
    Note(GText),
    Source(GText),
    Artifact {
        path: usize,
        sha: Option<bool>,
        title: Option<GText>,
        kind: Option<usize>,
        order: Vec<usize>,
    },
}

/// A comment on a line of its own: blank lines above it, its indentation, its text.
#[derive(Clone, Debug)]
struct GComment {
    blanks: usize,
    indent: usize,
    text: String,
}

#[derive(Clone, Debug)]
struct GLine {
    above: Vec<GComment>,
    indent: usize,
    attr: GAttr,
    trailing: Option<String>,
    ws: usize,
}

#[derive(Clone, Debug)]
struct GNode {
    above: Vec<GComment>,
    blanks: usize,
    kind: usize,
    text: GText,
    trailing: Option<String>,
    lines: Vec<GLine>,
    ws: usize,
}

#[derive(Clone, Debug)]
struct GFile {
    bom: bool,
    crlf: bool,
    front_matter: Option<usize>,
    nodes: Vec<GNode>,
    tail: Vec<GComment>,
}

fn comment_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z \"#é-]{0,20}".prop_map(|s| format!("#{s}")),
        1 => proptest::sample::select(DIRECTIVES).prop_map(str::to_string),
    ]
}

fn gcomment() -> impl Strategy<Value = GComment> {
    (0..3usize, 0..4usize, comment_text()).prop_map(|(blanks, indent, text)| GComment {
        blanks,
        indent,
        text,
    })
}

fn comments() -> impl Strategy<Value = Vec<GComment>> {
    proptest::collection::vec(gcomment(), 0..3)
}

fn weight() -> impl Strategy<Value = Option<usize>> {
    proptest::option::of(0..NUMBERS.len())
}

/// Node `n`'s attributes: any number of relations, tags, sources and artifacts, at most
/// one of each single-valued attribute, in any order.
fn attrs() -> impl Strategy<Value = Vec<GAttr>> {
    let target = 0..7usize; // 6 means a node that does not exist
    let relations = proptest::collection::vec(
        prop_oneof![
            4 => (target.clone(), 0..3usize, weight()).prop_map(|(t, r, w)| GAttr::Edge(r, t, w)),
            1 => (target.clone(), target, weight()).prop_map(|(a, b, w)| GAttr::Undercut(a, b, w)),
        ],
        0..3,
    );
    let artifact = (
        0..3usize,
        proptest::option::of(any::<bool>()),
        proptest::option::of(gtext()),
        proptest::option::of(0..ART_KINDS.len()),
        Just(vec![0usize, 1, 2]).prop_shuffle(),
    )
        .prop_map(|(path, sha, title, kind, order)| GAttr::Artifact {
            path,
            sha,
            title,
            kind,
            order,
        });
    let lists = proptest::collection::vec(
        prop_oneof![
            (proptest::collection::vec(0..TAGS.len(), 1..4), 0..3usize)
                .prop_map(|(t, sep)| GAttr::Tags(t, sep)),
            gtext().prop_map(GAttr::Source),
            artifact,
        ],
        0..3,
    );
    let singles = (
        proptest::option::of((0..NUMBERS.len()).prop_map(GAttr::Credence)),
        proptest::option::of((0..3usize).prop_map(GAttr::Status)),
        proptest::option::of((0..ProofStandard::ALL.len()).prop_map(GAttr::Standard)),
        proptest::option::of(gtext().prop_map(GAttr::By)),
        proptest::option::of(gtext().prop_map(GAttr::Note)),
    );
    (relations, lists, singles)
        .prop_map(|(mut r, l, (c, s, p, b, n))| {
            r.extend(l);
            r.extend([c, s, p, b, n].into_iter().flatten());
            r
        })
        .prop_shuffle()
}

fn gline(attr: GAttr) -> impl Strategy<Value = GLine> {
    (
        comments(),
        0..5usize,
        proptest::option::of(comment_text()),
        0..WS.len(),
    )
        .prop_map(move |(above, indent, trailing, ws)| GLine {
            above,
            indent,
            attr: attr.clone(),
            trailing,
            ws,
        })
}

fn gnode() -> impl Strategy<Value = GNode> {
    let lines = attrs().prop_flat_map(|attrs| attrs.into_iter().map(gline).collect::<Vec<_>>());
    (
        comments(),
        0..3usize,
        0..KINDS.len(),
        gtext(),
        proptest::option::of(comment_text()),
        lines,
        0..WS.len(),
    )
        .prop_map(|(above, blanks, kind, text, trailing, lines, ws)| GNode {
            above,
            blanks,
            kind,
            text,
            trailing,
            lines,
            ws,
        })
}

fn gfile() -> impl Strategy<Value = GFile> {
    (
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(0..3usize),
        proptest::collection::vec(gnode(), 0..6),
        comments(),
    )
        .prop_map(|(bom, crlf, front_matter, nodes, tail)| GFile {
            bom,
            crlf,
            front_matter,
            nodes,
            tail,
        })
}

fn id(i: usize) -> String {
    ["t0", "n1", "n_2", "n3-x", "n4", "n5", "ghost"][i.min(6)].to_string()
}

fn push_comments(out: &mut String, comments: &[GComment]) {
    for c in comments {
        out.push_str(&"\n".repeat(c.blanks));
        out.push_str(&" ".repeat(c.indent));
        out.push_str(&c.text);
        out.push('\n');
    }
}

fn end_line(out: &mut String, trailing: &Option<String>, ws: &str) {
    if let Some(c) = trailing {
        out.push_str(ws);
        out.push_str(c);
    }
    out.push('\n');
}

fn render_attr(a: &GAttr, ws: &str) -> String {
    let number = |i: &Option<usize>| i.map_or(String::new(), |i| format!("{ws}{}", NUMBERS[i]));
    match a {
        GAttr::Edge(r, t, w) => format!(
            "{}{ws}{}{}",
            ["supports", "attacks", "contradicts"][*r],
            id(*t),
            number(w)
        ),
        GAttr::Undercut(x, y, w) => {
            format!("undercuts{ws}{}{ws}->{}{}", id(*x), id(*y), number(w))
        }
        GAttr::Credence(n) => format!("credence{ws}{}", NUMBERS[*n]),
        GAttr::Status(s) => format!("status{ws}{}", ["accepted", "rejected", "open"][*s]),
        GAttr::Standard(s) => format!("standard{ws}{}", ProofStandard::ALL[*s].keyword()),
        GAttr::By(t) => format!("by{ws}{}", render_text(t)),
        GAttr::Note(t) => format!("note{ws}{}", render_text(t)),
        GAttr::Source(t) => format!("source{ws}{}", render_text(t)),
        GAttr::Tags(tags, sep) => {
            let names: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
            format!("tags{ws}{}", names.join([", ", ",", " , "][*sep]))
        }
        GAttr::Artifact {
            path,
            sha,
            title,
            kind,
            order,
        } => {
            let mut s = format!(
                "artifact{ws}\"{}\"",
                ["data/a.csv", "b.csv", "x y.json"][*path]
            );
            for o in order {
                match o {
                    0 => {
                        if let Some(upper) = sha {
                            let hex = if *upper { "ABCDEF0123" } else { "abcdef0123" };
                            s.push_str(&format!("{ws}sha256{ws}\"{hex}\""));
                        }
                    }
                    1 => {
                        if let Some(t) = title {
                            s.push_str(&format!("{ws}title{ws}{}", render_text(t)));
                        }
                    }
                    _ => {
                        if let Some(k) = kind {
                            s.push_str(&format!("{ws}kind{ws}{}", ART_KINDS[*k]));
                        }
                    }
                }
            }
            s
        }
    }
}

fn render_file(f: &GFile) -> String {
    let mut out = String::new();
    if let Some(style) = f.front_matter {
        let fence = ["---", "--- ", "---\t"][style];
        out.push_str(&format!(
            "{fence}\ntitle:   A generated debate\nauthors: [one, two]\n{fence}\n"
        ));
    }
    for (i, n) in f.nodes.iter().enumerate() {
        push_comments(&mut out, &n.above);
        out.push_str(&"\n".repeat(n.blanks));
        let ws = WS[n.ws];
        out.push_str(&format!(
            "{}{ws}{}{}:{ws}{}",
            KINDS[n.kind],
            id(i),
            [" ", ""][n.ws % 2],
            render_text(&n.text)
        ));
        end_line(&mut out, &n.trailing, ws);
        for l in &n.lines {
            push_comments(&mut out, &l.above);
            out.push_str(&" ".repeat(l.indent));
            let ws = WS[l.ws];
            out.push_str(&render_attr(&l.attr, ws));
            end_line(&mut out, &l.trailing, ws);
        }
    }
    push_comments(&mut out, &f.tail);
    if f.crlf {
        out = out.replace('\n', "\r\n");
    }
    if f.bom {
        out.insert(0, '\u{FEFF}');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_debates_format_safely(file in gfile()) {
        let text = render_file(&file);
        let parsed = crux::syntax::parse(FileId(0), &text);
        let errors = crux::fmt::blocking_errors(&parsed.errors);
        prop_assert!(errors.is_empty(), "the generator wrote an invalid file: {errors:?}\n{text}");
        assert_safe(&text, Path::new("/nonexistent/generated.crux"), Path::new("/nonexistent"));
    }

    /// Lines of real files dropped, repeated, swapped or indented: whatever still parses
    /// formats safely; whatever does not is refused.
    #[test]
    fn shuffled_real_files_format_safely(
        which in 0..3usize,
        edits in proptest::collection::vec((0..4usize, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..6),
    ) {
        let path = ["claims/crypto-ai.crux", "tests/fixtures/fmt/comments.crux", "tests/fixtures/fmt/strings.crux"][which];
        let text = read(Path::new(path));
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (op, a, b) in edits {
            if lines.is_empty() {
                break;
            }
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                2 => lines.swap(i, j),
                _ => lines[i].insert_str(0, "  "),
            }
        }
        let text = lines.join("\n");
        if blocked(&text) {
            prop_assert!(matches!(format(&text), Err(FormatError::Syntax(_))));
            // Formatted around its errors (the lines with errors kept, checked inside),
            // once and for all.
            let (once, errors) = crux::fmt::format_around_errors(&text)
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            prop_assert!(!errors.is_empty());
            let (twice, _) = crux::fmt::format_around_errors(&once).expect("formats again");
            prop_assert_eq!(once, twice);
        } else {
            assert_safe(&text, Path::new(path), Path::new("."));
        }
    }
}

// ------------------------------------------------------------------ the command line

/// A fresh copy of `tests/fixtures/fmt-cli/<name>` in a temporary directory.
fn sandbox(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crux-fmt-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&Path::new("tests/fixtures/fmt-cli").join(name), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a temporary directory");
    for entry in std::fs::read_dir(from).expect("a fixture directory") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

fn crux(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("crux runs")
}

#[test]
fn a_refused_file_keeps_its_bytes() {
    let dir = sandbox("broken");
    let before = std::fs::read(dir.join("broken.crux")).expect("the fixture");
    let out = crux(&dir, &["fmt", "--check", "broken.crux"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not formatted"));
    assert_eq!(
        std::fs::read(dir.join("broken.crux")).expect("still there"),
        before
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `crux fmt` on a file with syntax errors formats what it can read and keeps each line
/// with an error as written; it still names the errors and exits 1.
#[test]
fn fmt_formats_around_syntax_errors() {
    let dir = sandbox("broken");
    let out = crux(&dir, &["fmt", "broken.crux"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown keyword `clam`"), "{stderr}");
    assert!(
        stderr.contains("has 3 syntax errors: their lines are kept as written"),
        "{stderr}"
    );
    let expected = read(Path::new("tests/fixtures/fmt-cli/broken.formatted"));
    let after = read(&dir.join("broken.crux"));
    assert_eq!(after, expected);
    // Formatting again changes nothing.
    let again = crux(&dir, &["fmt", "broken.crux"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stdout.is_empty());
    assert_eq!(read(&dir.join("broken.crux")), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_writes_nothing_and_a_rewrite_keeps_permissions() {
    let dir = sandbox("check");
    let messy = dir.join("messy.crux");
    let before = std::fs::read(&messy).expect("the fixture");
    let out = crux(&dir, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&messy).expect("still there"), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&messy, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = crux(&dir, &["fmt"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "formatted messy.crux\n"
    );
    assert_eq!(read(&messy), read(&dir.join("formatted.crux")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&messy)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Now canonical: nothing to do, nothing printed.
    let out = crux(&dir, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("the directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn after_pin_check_finds_no_stale_or_unpinned_artifact() {
    let dir = sandbox("pin");
    let codes = |dir: &Path| -> Vec<String> {
        let out = crux(dir, &["check", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        json.as_array()
            .expect("an array")
            .iter()
            .map(|d| d["name"].as_str().expect("a name").to_string())
            .collect()
    };
    let before = codes(&dir);
    assert!(before.iter().any(|n| n == "stale-artifact"));
    assert!(before.iter().any(|n| n == "unpinned-artifact"));
    let original = read(&dir.join("debate.crux"));

    let out = crux(&dir, &["pin"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = codes(&dir);
    assert!(
        !after
            .iter()
            .any(|n| n == "stale-artifact" || n == "unpinned-artifact"),
        "{after:?}"
    );

    // Only the pins changed: every other byte is where it was.
    let timeline = "e9b14ff07a07da303d045cbf3b6de7db026b63596cd9484fa333655a7aae29ec";
    let revenue = "e6f54a0822f3b44262d0fb9c9ca7d2904298f7b22de309dfacc4157765e07f32";
    let expected = original
        .replace(
            "\"artifacts/timeline.csv\"",
            &format!("\"artifacts/timeline.csv\" sha256 \"{timeline}\""),
        )
        .replace(&"0".repeat(64), revenue);
    assert_eq!(read(&dir.join("debate.crux")), expected);

    // A second run has nothing to do.
    let out = crux(&dir, &["pin"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(read(&dir.join("debate.crux")), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Files the fuzzer found: formatting around their errors is safe and settles at once.
#[test]
fn formatting_around_errors_settles_on_found_cases() {
    for (text, expected) in [
        // An indented comment above a node whose header cannot be read: a comment.
        (
            "       # remark\nevides://example.org\"\n",
            "# remark\nevides://example.org\"\n",
        ),
        // A byte order mark before a broken header: kept once.
        (
            "\u{feff}thesis t: \"never closed",
            "\u{feff}thesis t: \"never closed\n",
        ),
        // Two stray fences would read as front matter once at the top: left as is.
        ("\n---\n---", "\n---\n---"),
        // An unclosed block runs on to the next node: its blank lines and indentation
        // may be its text, so the file is left as it is.
        (
            "thesis a: \"\"\"\n    Draft\n\n\n    more\n   \nthesis  b: \"B\"\n",
            "thesis a: \"\"\"\n    Draft\n\n\n    more\n   \nthesis  b: \"B\"\n",
        ),
        (
            "claim a: \"A\"\n  note \"\"\"\n  half\n\n  source \"x\"\nclaim  c: \"C\"\n",
            "claim a: \"A\"\n  note \"\"\"\n  half\n\n  source \"x\"\nclaim  c: \"C\"\n",
        ),
        // So does unclosed front matter (its YAML block text keeps its blank lines).
        (
            "---\ntitle: x\nd: |\n  a\n\n\n  b\nclaim  a: \"A\"\n",
            "---\ntitle: x\nd: |\n  a\n\n\n  b\nclaim  a: \"A\"\n",
        ),
        // An error on the closing line of a block (in its comment) keeps the whole
        // statement as written, once; the rest is formatted.
        (
            "thesis t: \"\"\"\n    Long\n    text\n    \"\"\" # crux: allow x\n\tcredence .5\n",
            "thesis t: \"\"\"\n    Long\n    text\n    \"\"\" # crux: allow x\n  credence 0.5\n",
        ),
        // An indented line with an error right below a node is that node's (a broken
        // attribute), even right above the next header; a comment there is the next
        // node's.
        (
            "thesis a: \"A\"\nclaim b: \"B\"\n  supports a NaN\nclaim c: \"C\"\n  supports a\n",
            "thesis a: \"A\"\n\nclaim b: \"B\"\n  supports a NaN\n\nclaim c: \"C\"\n  supports a\n",
        ),
        (
            "thesis a: \"A\"\nclaim b: \"B\"\n  supports a\n  blah blah\n# on c\nclaim c: \"C\"\n",
            "thesis a: \"A\"\n\nclaim b: \"B\"\n  supports a\n  blah blah\n\n# on c\nclaim c: \"C\"\n",
        ),
    ] {
        let (once, errors) = crux::fmt::format_around_errors(text).expect("formats");
        assert!(!errors.is_empty(), "{text:?}");
        assert_eq!(once, expected, "{text:?}");
        let (twice, _) = crux::fmt::format_around_errors(&once).expect("formats again");
        assert_eq!(twice, once, "{text:?}");
    }
}

/// Past the 200 errors shown, which lines have errors is not known: formatting them
/// from what the parser made of them would change what they say (`standard
/// beyond_doubt` read as the default), so the file is left as it is, and the message
/// says so and counts every error.
#[test]
fn a_file_with_more_errors_than_shown_is_left_as_it_is() {
    let mut text = String::from("thesis t: \"T\"\n\n");
    for i in 0..204 {
        text.push_str(&format!(
            "claim c{i}: \"C\"\n  supports t\n  status acepted\n\n"
        ));
    }
    text.push_str("evidence z: \"Z\"\n  supports  t\n  standard beyond_doubt\n");
    let (out, errors) = crux::fmt::format_around_errors(&text).expect("no bug");
    assert!(errors.len() > 200);
    assert_eq!(out, text);

    let dir = std::env::temp_dir().join(format!("crux-fmt-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join("many.crux"), &text).expect("written");
    let out = crux(&dir, &["fmt", "many.crux"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("many.crux has 205 syntax errors: the file is left as it is"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(read(&dir.join("many.crux")), text);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file this user may not write stays as it is, even in a folder where anyone may
/// make files (the rename that replaces a file would hand it to this user): `fmt` and
/// `pin` say so and exit 2. The test makes a file of root's and runs the commands as
/// `nobody`, so it needs root (as CI runs it); otherwise it says it is skipped.
#[cfg(unix)]
#[test]
fn a_file_of_another_user_is_not_replaced() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    // SAFETY: getuid reads this process's user ID.
    let root = unsafe { libc::getuid() } == 0;
    if !root {
        eprintln!("skipped: needs to run as root, to make a file of another user");
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::write(dir.path().join("a.csv"), "x\n1\n").unwrap();
    let text = "evidence  e: \"E\"\n  artifact \"a.csv\"\n";
    let file = dir.path().join("d.crux");
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    for command in ["fmt", "pin"] {
        let out = Command::new(env!("CARGO_BIN_EXE_crux"))
            .args([command, "d.crux"])
            .current_dir(dir.path())
            .uid(65534)
            .gid(65534)
            .output();
        // `nobody` may not reach the binary (a checkout under /root): nothing to test.
        let out = match out {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                eprintln!("skipped: nobody may not run {}", env!("CARGO_BIN_EXE_crux"));
                return;
            }
            out => out.expect("crux runs"),
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("you may not write it"),
            "{command}: {stderr}"
        );
        assert_eq!(read(&file), text, "{command}");
        assert_eq!(std::fs::metadata(&file).unwrap().uid(), 0, "{command}");
    }
}

/// A `.crux` file named as another's artifact is pinned as it is after this run's own
/// rewrites (one `crux pin` leaves no stale pin); a file that names itself is not
/// pinned (the pin would change it), and said so.
#[test]
fn pin_settles_when_debate_files_are_artifacts() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("data.csv"), "x\n1\n").unwrap();
    std::fs::write(
        dir.path().join("a.crux"),
        "thesis t: \"T\"\nevidence a: \"A\"\n  artifact \"b.crux\"\n  supports t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.crux"),
        "evidence b: \"B\"\n  artifact \"data.csv\"\n  supports t\n",
    )
    .unwrap();
    let out = crux(dir.path(), &["pin"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "pinned a.crux (1 artifact)\npinned b.crux (1 artifact)\n"
    );
    let check = crux(dir.path(), &["check", "--format", "json"]);
    let found = String::from_utf8_lossy(&check.stdout);
    assert!(!found.contains("stale-artifact"), "{found}");
    assert!(!found.contains("unpinned-artifact"), "{found}");

    std::fs::write(
        dir.path().join("c.crux"),
        "evidence c: \"C\"\n  artifact \"c.crux\"\n  supports t\n",
    )
    .unwrap();
    let before = read(&dir.path().join("c.crux"));
    let out = crux(dir.path(), &["pin", "c.crux"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("c.crux:2:12: artifact `c.crux` is the file it is written in"),
        "{stderr}"
    );
    assert_eq!(read(&dir.path().join("c.crux")), before);
}
