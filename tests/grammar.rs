//! The parser against the language's normative grammar, `grammar/crux.pest`.
//!
//! crux reads files with a hand-written parser that builds a lossless syntax tree. The
//! pest grammar is the readable specification, and here it is the oracle: for every
//! input (every `.crux` file in the repository and generated lines), pest's `file` rule
//! accepts the text exactly when the tree has no `ERROR` node, each line taken alone is
//! accepted by pest's `line_only` rule exactly when the parser reads it without a
//! syntax error, and both read the same statements, token for token. The tree's text is
//! always the input, byte for byte.

use std::path::Path;

use crux::syntax::tree::AstNode;
use crux::syntax::{FileId, SyntaxKind, SyntaxNode, parse, tree};
use pest::Parser as _;
use pest::iterators::Pair;
use proptest::prelude::*;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/crux.pest"]
struct Grammar;

/// What a statement says, as the grammar's rule and the tokens in it.
fn pest_statement(pair: Pair<'_, Rule>) -> String {
    let name = match pair.as_rule() {
        Rule::node_header => "header",
        Rule::supports | Rule::attacks | Rule::contradicts => "relation",
        other => return format!("{other:?}{}", leaves(pair)),
    };
    format!("{name}{}", leaves(pair))
}

/// The leaf tokens of a pair, ` rule=text` each. Keywords are silent in the grammar,
/// so the text before the first leaf stands for the keyword.
fn leaves(pair: Pair<'_, Rule>) -> String {
    let start = pair.as_span().start();
    let text = pair.as_str();
    let mut out = String::new();
    let inner: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    let first = inner
        .first()
        .map_or(text.len(), |p| p.as_span().start() - start);
    let keyword = text[..first].trim_end();
    out.push_str(&format!(" kw={keyword}"));
    for p in inner {
        match p.as_rule() {
            Rule::sha256 | Rule::title | Rule::artifact_kind => {
                out.push_str(&format!(" [{:?}{}]", p.as_rule(), leaves(p)))
            }
            Rule::string => out.push_str(&format!(" string={}", p.as_str())),
            Rule::block_string => out.push_str(&format!(" block={}", p.as_str())),
            rule => out.push_str(&format!(" {}={}", rule_name(rule), p.as_str())),
        }
    }
    out
}

fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::kind => "kind",
        Rule::ident => "ident",
        Rule::colon => "colon",
        Rule::arrow => "arrow",
        Rule::number => "number",
        Rule::word => "word",
        Rule::tag => "tag",
        _ => "other",
    }
}

/// The statements pest reads in a file, or `None` if its `file` rule rejects it.
fn pest_file(text: &str) -> Option<Vec<String>> {
    let file = Grammar::parse(Rule::file, text).ok()?.next()?;
    let mut out = Vec::new();
    for item in file.into_inner() {
        if item.as_rule() == Rule::line {
            for p in item.into_inner() {
                if p.as_rule() != Rule::comment {
                    out.push(pest_statement(p));
                }
            }
        }
    }
    Some(out)
}

/// The same description from the syntax tree.
fn tree_statement(node: &SyntaxNode) -> String {
    let name = match node.kind() {
        SyntaxKind::HEADER => "header".to_string(),
        SyntaxKind::RELATION => "relation".to_string(),
        SyntaxKind::UNDERCUT => "undercuts".to_string(),
        SyntaxKind::ARTIFACT_OPTION => {
            let kw = node.first_token().unwrap();
            match kw.kind() {
                SyntaxKind::SHA256_KW => "sha256",
                SyntaxKind::TITLE_KW => "title",
                _ => "artifact_kind",
            }
            .to_string()
        }
        other => format!("{other:?}").to_lowercase(),
    };
    let mut out = name;
    for element in node.children_with_tokens() {
        match element {
            rowan::NodeOrToken::Token(t) => {
                let text = t.text();
                let part = match t.kind() {
                    SyntaxKind::WHITESPACE | SyntaxKind::COMMA => continue,
                    k if k.is_keyword() => match node.kind() {
                        SyntaxKind::HEADER => format!(" kw= kind={text}"),
                        _ => format!(" kw={text}"),
                    },
                    SyntaxKind::IDENT => format!(" ident={text}"),
                    SyntaxKind::COLON => format!(" colon={text}"),
                    SyntaxKind::ARROW => format!(" arrow={text}"),
                    SyntaxKind::NUMBER => format!(" number={text}"),
                    SyntaxKind::WORD => format!(" word={text}"),
                    SyntaxKind::TAG => format!(" tag={text}"),
                    SyntaxKind::STRING => format!(" string={text}"),
                    SyntaxKind::BLOCK_STRING => format!(" block={text}"),
                    other => format!(" {other:?}={text}"),
                };
                out.push_str(&part);
            }
            rowan::NodeOrToken::Node(n) => {
                let inner = tree_statement(&n);
                let (head, rest) = inner.split_once(' ').unwrap_or((&inner, ""));
                out.push_str(&format!(
                    " [{}{}{}]",
                    head,
                    if rest.is_empty() { "" } else { " " },
                    rest
                ));
            }
        }
    }
    out
}

/// The statements the parser reads, or `None` if its tree has an `ERROR` node.
fn tree_file(text: &str) -> Option<Vec<String>> {
    let parsed = parse(FileId(0), text);
    let root = parsed.syntax();
    assert_eq!(root.to_string(), text, "the tree is lossless");
    let root = tree::Root::cast(root).unwrap();
    if root.errors().next().is_some() {
        return None;
    }
    let mut out = Vec::new();
    for element in root.syntax().descendants() {
        if element.kind() == SyntaxKind::HEADER || element.kind().is_attribute() {
            out.push(tree_statement(&element));
        }
    }
    Some(out)
}

/// pest and the parser agree on `text`: both accept it or both reject it, and when
/// they accept it they read the same statements.
fn agree(text: &str) {
    let oracle = pest_file(text);
    let ours = tree_file(text);
    assert_eq!(
        oracle.is_some(),
        ours.is_some(),
        "pest {} the file, the parser {} it:\n{text:?}",
        if oracle.is_some() {
            "accepts"
        } else {
            "rejects"
        },
        if ours.is_some() { "accepts" } else { "rejects" },
    );
    assert_eq!(oracle, ours, "statements differ:\n{text:?}");
    // Line by line, on text without blocks (a block spans lines).
    if text.contains("\"\"\"") || text.starts_with("---") || text.starts_with("\u{feff}") {
        return;
    }
    // (A byte order mark may start a file, not a line.)
    for line in text
        .split(['\n', '\r'])
        .filter(|l| !l.starts_with('\u{feff}'))
    {
        let pest_ok = Grammar::parse(Rule::line_only, line).is_ok();
        let parsed = parse(FileId(0), line);
        let ours_ok = tree::Root::cast(parsed.syntax())
            .unwrap()
            .errors()
            .next()
            .is_none();
        assert_eq!(pest_ok, ours_ok, "line {line:?}");
    }
}

fn crux_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            crux_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "crux") {
            out.push(path);
        }
    }
}

#[test]
fn every_crux_file_in_the_repository_reads_as_the_grammar_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "claims", "examples", "docs"] {
        if root.join(dir).is_dir() {
            crux_files(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 50, "found {} files", files.len());
    let mut rejected = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        agree(&text);
        rejected += usize::from(pest_file(&text).is_none());
    }
    // The fixtures include files with syntax errors: both sides of the equivalence
    // are exercised.
    assert!(rejected > 5, "only {rejected} files are rejected");
}

#[test]
fn hand_picked_lines_agree() {
    for text in [
        "claim a: \"x\"",
        "claim a:\"x\"",
        "claim a :\"x\" # c",
        "claimx a: \"x\"",
        "claim-x a: \"x\"",
        "claim A: \"x\"",
        "claim a-: \"x\"",
        "claim a-b_c-d: \"x\"",
        "  supports b 0.5",
        "  supports b .5",
        "  supports b -1",
        "  supports b 1.",
        "  supports b 1.5x",
        "  supports b,c",
        "  supportsb",
        "  undercuts a->b 0.3",
        "  undercuts a -> b",
        "  undercuts a b",
        "  tags a, b ,c/d.e",
        "  tags a,",
        "  status accepted",
        "  status 1",
        "  standard preponderance",
        "  standard clear-and-convincing",
        "  standard beyond-doubt # c",
        "  standard clear-and-",
        "  standard 0.5",
        "  standard",
        "  standardx scintilla",
        "  credence 0.5 # x",
        "  artifact \"a.csv\" sha256 \"ab\" title \"\"\"t\"\"\" kind dataset",
        "  artifact \"a.csv\"sha256 \"ab\"",
        "  artifact \"a.csv\" bogus 1",
        "  note \"a \\q b\"",
        "  note \"a \\",
        "  by \"\"",
        "# only a comment",
        "   ",
        "\t# tab",
        "---",
        "\"text\"",
        "claim a: \"x\"\r\n  by \"me\"\r\n",
        "claim a: \"x\"\r  by \"me\"\r",
        "---\ntitle: t\n---\nclaim a: \"x\"\n",
        "\u{feff}---\ntitle: t\n---   \nclaim a: \"x\"\n",
        "---\ntitle: t\n",
        "claim a: \"\"\"\n  one\n  two\n  \"\"\"\n  by \"me\"\n",
        "claim a: \"\"\"\n  unclosed\nclaim b: \"x\"\n",
        "claim a: \"x\" \"y\"",
        "claim naïve: \"x\"",
        "claim a: \"é\" # ü",
    ] {
        agree(text);
    }
}

/// Pieces of lines, valid and not, that generated inputs are made of.
const PIECES: &[&str] = &[
    "thesis",
    "claim",
    "counter",
    "evidence",
    "supports",
    "attacks",
    "contradicts",
    "undercuts",
    "credence",
    "status",
    "standard",
    "by",
    "tags",
    "note",
    "source",
    "artifact",
    "sha256",
    "title",
    "kind",
    "a",
    "b_2",
    "x-y",
    "Ab",
    "é",
    " ",
    " ",
    " ",
    "\t",
    ":",
    "->",
    "-",
    ",",
    ".",
    "0.5",
    ".5",
    "1",
    "-0.3",
    "1e-2",
    "%",
    "\"s\"",
    "\"a\\\"b\"",
    "\"\\q\"",
    "\"",
    "\"\"\"",
    "\"\"\"b\"\"\"",
    "# c",
    "#",
    "\n",
    "\r\n",
    "\r",
    "accepted",
    "clear-and-convincing",
    "dataset",
    "---",
    "\u{feff}",
];

fn line() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
        .prop_map(|pieces| pieces.concat())
}

/// Statement-shaped lines: a keyword, then pieces.
fn statement() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(&PIECES[..19]),
        proptest::collection::vec(proptest::sample::select(PIECES), 0..8),
    )
        .prop_map(|(kw, rest)| format!("{kw} {}", rest.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn generated_inputs_agree(lines in proptest::collection::vec(prop_oneof![line(), statement()], 1..5)) {
        agree(&lines.join("\n"));
    }
}

/// `syntax::lower` (each node lowered as it is read, no tree kept) reads every file
/// exactly as `syntax::parse` does.
#[test]
fn lowering_without_the_tree_reads_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    crux_files(&root.join("tests/fixtures"), &mut files);
    crux_files(&root.join("claims"), &mut files);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let whole = parse(FileId(0), &text);
        let streamed = crux::syntax::lower(FileId(0), &text);
        assert_eq!(
            format!("{:?}", whole.ast),
            format!("{:?}", streamed.ast),
            "{}",
            file.display()
        );
        assert_eq!(whole.errors, streamed.errors, "{}", file.display());
    }
}

/// A large file read in parts on several threads reads as it reads in one piece: the
/// showcase debate (blocks, comments, front matter) and every fixture (errors of every
/// kind), each repeated past the size at which files are cut.
#[test]
fn a_large_file_reads_the_same_in_parts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let showcase = std::fs::read_to_string(root.join("claims/crypto-ai.crux")).unwrap();
    let mut fixtures = String::new();
    let mut files = Vec::new();
    crux_files(&root.join("tests/fixtures"), &mut files);
    files.sort();
    for file in &files {
        if let Ok(text) = std::fs::read_to_string(file) {
            fixtures.push_str(&text);
            fixtures.push_str("\n\n");
        }
    }
    for unit in [showcase, fixtures] {
        let text = unit.repeat((3 << 20) / unit.len() + 1);
        let whole = crux::syntax::lower(FileId(0), &text);
        let parts = crux::syntax::lower_parallel(FileId(0), &text, 4);
        assert_eq!(format!("{:?}", whole.ast), format!("{:?}", parts.ast));
        assert_eq!(whole.errors, parts.errors);
    }
}
