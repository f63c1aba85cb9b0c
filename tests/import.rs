//! `crux import`: every file under `tests/data/{aif,argdown,kialo,microtext}/` (and
//! its subfolders: real files, with their source and licence in a README) is imported
//! and its `.crux` text (with the warnings) compared with a snapshot; every file under
//! a `malformed/` folder must fail with a positioned error (snapshot too).
//! Every import must be canonical (`crux fmt --check` clean), free of syntax and
//! resolve errors, and byte-identical on a second run.

use std::path::{Path, PathBuf};

use crux::import::{Format, import};
use crux::project::import_file;

const FORMATS: &[(&str, Format)] = &[
    ("aif", Format::Aif),
    ("argdown", Format::Argdown),
    ("kialo", Format::Kialo),
    ("microtext", Format::Microtext),
];

/// The input files of a folder, sorted; LICENSE and README files are not inputs.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            !name.starts_with("LICENSE") && !name.starts_with("README")
        })
        .collect();
    files.sort();
    files
}

/// The input files of a folder and of its subfolders other than `malformed/`, sorted.
fn inputs_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = inputs(dir);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("malformed"))
        .collect();
    dirs.sort();
    for d in dirs {
        files.extend(inputs_below(&d));
    }
    files
}

fn snapshot_name(format: &str, path: &Path, malformed: bool) -> String {
    let mut folder = Path::new("tests/data").join(format);
    if malformed {
        folder.push("malformed");
    }
    let stem = path
        .strip_prefix(&folder)
        .unwrap_or(path)
        .to_string_lossy()
        .replace(['/', '\\'], "__")
        .replace('.', "_");
    match malformed {
        true => format!("{format}__malformed__{stem}"),
        false => format!("{format}__{stem}"),
    }
}

#[test]
fn every_fixture_imports_to_a_canonical_valid_debate() {
    let mut seen = 0;
    for &(name, format) in FORMATS {
        for path in inputs_below(&Path::new("tests/data").join(name)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let imported = import_file(format, &path, &text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let again = import_file(format, &path, &text).unwrap();
            assert_eq!(imported, again, "{}: not deterministic", path.display());
            assert_eq!(
                crux::fmt::format(&imported.text).unwrap(),
                imported.text,
                "{}: not canonical",
                path.display()
            );
            let debate = crux::parse_debate(
                vec![crux::syntax::SourceFile::new(
                    "imported.crux",
                    "imported.crux",
                    imported.text.clone(),
                )],
                Default::default(),
            );
            assert!(
                debate.syntax_errors.is_empty(),
                "{}: {:?}",
                path.display(),
                debate.syntax_errors
            );
            assert!(
                debate.resolve_errors.is_empty(),
                "{}: {:?}",
                path.display(),
                debate.resolve_errors
            );
            let mut shown = imported.text.clone();
            for w in &imported.warnings {
                shown.push_str(&format!("# warning: {w}\n"));
            }
            insta::assert_snapshot!(snapshot_name(name, &path, false), shown);
            seen += 1;
        }
    }
    assert!(seen >= 6, "only {seen} fixtures");
}

#[test]
fn every_malformed_fixture_is_a_positioned_error() {
    let mut seen = 0;
    for &(name, format) in FORMATS {
        for path in inputs(&Path::new("tests/data").join(name).join("malformed")) {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let error =
                import(format, &file, &text).expect_err(&format!("{} imported", path.display()));
            assert!(
                error.position.starts_with("line ") || error.position.starts_with('$'),
                "{}: no position in {error}",
                path.display()
            );
            insta::assert_snapshot!(snapshot_name(name, &path, true), error.to_string());
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} malformed fixtures");
}

/// Runs `crux import` in `dir`.
fn crux(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn writes_files_keeps_existing_ones_and_writes_nothing_on_an_error() {
    let data = std::fs::canonicalize("tests/data").unwrap();
    let meat = data.join("kialo/meat.txt");
    let links = data.join("kialo/links.txt");
    let bad = data.join("kialo/malformed/twice.txt");
    let dir = tempfile::tempdir().unwrap();
    let (meat, links, bad) = (
        meat.to_str().unwrap(),
        links.to_str().unwrap(),
        bad.to_str().unwrap(),
    );

    // A malformed input among good ones: exit 2, nothing written.
    let out = crux(dir.path(), &["import", "kialo", meat, bad, "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());

    // Two files into a new folder, the same text as -o - prints.
    let out = crux(dir.path(), &["import", "kialo", meat, links, "-o", "out"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap();
    let printed = crux(dir.path(), &["import", "kialo", meat, "-o", "-"]);
    assert_eq!(written.as_bytes(), printed.stdout.as_slice());
    assert!(dir.path().join("out/links.crux").is_file());

    // An existing file is kept without --force, even when another could be written.
    std::fs::write(dir.path().join("out/meat.crux"), "# mine\n").unwrap();
    std::fs::remove_file(dir.path().join("out/links.crux")).unwrap();
    let out = crux(dir.path(), &["import", "kialo", links, meat, "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("out/links.crux").exists());

    // --force replaces it.
    let out = crux(
        dir.path(),
        &["import", "kialo", meat, "-o", "out", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/meat.crux")).unwrap(),
        written
    );
}

/// A `.crux` file to be written that is a symbolic link is refused, --force or not:
/// writing through it would replace the file it leads to, wherever that is (a debate
/// in another folder, any other file), and a link that leads nowhere would make a file
/// there. Nothing is written, not even the inputs' other files.
#[cfg(unix)]
#[test]
fn a_symbolic_link_in_the_way_is_refused_and_nothing_is_written() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let at = |p: &str| dir.path().join(p);
    std::fs::create_dir_all(at("deb")).unwrap();
    std::fs::create_dir_all(at("out")).unwrap();
    let mine = "thesis t: \"Mine.\"\n";
    std::fs::write(at("deb/kk2.crux"), mine).unwrap();
    std::fs::write(at("victim.txt"), "keep me\n").unwrap();
    for name in ["kk2", "other", "nowhere", "fine"] {
        std::fs::write(at(&format!("{name}.txt")), "1. T\n1.1. Pro: A\n").unwrap();
    }
    symlink("../deb/kk2.crux", at("out/kk2.crux")).unwrap();
    symlink("../victim.txt", at("out/other.crux")).unwrap();
    symlink("../deb/new.crux", at("out/nowhere.crux")).unwrap();
    let cases = [
        ("kk2", "../deb/kk2.crux"),
        ("other", "../victim.txt"),
        ("nowhere", "../deb/new.crux"),
    ];
    for (name, to) in cases {
        let input = format!("{name}.txt");
        for force in [true, false] {
            let mut args = vec!["import", "kialo", "fine.txt", &input, "-o", "out"];
            if force {
                args.push("--force");
            }
            let out = crux(dir.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                stderr,
                format!(
                    "error: refusing to write out/{name}.crux: it is a symbolic link to {to}, \
                     --force or not; remove the link or name another folder with -o DIR\n\
                     error: nothing was written\n"
                ),
                "{args:?}"
            );
        }
        assert!(
            std::fs::symlink_metadata(at(&format!("out/{name}.crux")))
                .unwrap()
                .is_symlink()
        );
    }
    assert_eq!(std::fs::read_to_string(at("deb/kk2.crux")).unwrap(), mine);
    assert_eq!(
        std::fs::read_to_string(at("victim.txt")).unwrap(),
        "keep me\n"
    );
    assert!(!at("deb/new.crux").exists());
    assert!(!at("out/fine.crux").exists());
    // A link to a folder named by -o is that folder: written into, as before.
    symlink("deb", at("linked")).unwrap();
    let out = crux(dir.path(), &["import", "kialo", "fine.txt", "-o", "linked"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(at("deb/fine.crux").is_file());
}

#[test]
fn a_thousand_node_kialo_discussion_imports_quickly() {
    let mut text = String::from("Discussion Title: Big\n\n1. The thesis.\n");
    for i in 1..=100 {
        text.push_str(&format!("1.{i}. Pro: Reason number {i}.\n"));
        for j in 1..=9 {
            let stance = if j % 2 == 0 { "Pro" } else { "Con" };
            text.push_str(&format!(
                "1.{i}.{j}. {stance}: Objection {j} to reason {i}.\n"
            ));
        }
    }
    let start = std::time::Instant::now();
    let imported = import(Format::Kialo, "big.txt", &text).unwrap();
    let took = start.elapsed();
    assert_eq!(
        imported.text.matches("\n  supports ").count()
            + imported.text.matches("\n  attacks ").count(),
        1000
    );
    // Generous for an unoptimised build on a busy machine; a release build takes far less.
    assert!(took.as_secs_f64() < 5.0, "took {took:?}");
}

/// Real files (see the README in each folder): `crux import` exits 0 and prints the
/// same text as the library, and `crux check` on it reports no error and counts the
/// nodes and relations counted by hand in the source (noted next to each).
#[test]
fn real_files_import_with_the_numbers_of_their_sources() {
    let cases: &[(&str, &str, usize, usize)] = &[
        // 1 statement and 17 arguments; 9 relations under the thesis, 10 below them,
        // 2 of them `<_` undercuts.
        (
            "argdown",
            "argdown/argdown-examples/legalisation-softdrugs.argdown",
            18,
            19,
        ),
        // 12 titled statements, 10 arguments, 20 untitled premises and conclusions;
        // 3 `->` between the hypotheses, 37 in the 10 structures (each premise supports
        // its argument, the argument its conclusion), 1 `-`, 1 `><`, 1 `->` below them.
        (
            "argdown",
            "argdown/argdown-examples/semmelweis_betz.argdown",
            42,
            47,
        ),
        // 4 titled statements, 7 arguments, 24 untitled statements, and one linked node
        // for the first inference of each of the 3 two-step arguments; 37 relations.
        (
            "argdown",
            "argdown/argdown-examples/state-censorship.argdown",
            38,
            37,
        ),
        // 2 lines of its own, 2 of each partial; partial2's include of partial1 is
        // skipped (each file is included once).
        (
            "argdown",
            "argdown/argdown-examples/include-test.argdown",
            6,
            0,
        ),
        // 12 I-nodes; 9 RA nodes with one premise each, 4 CA nodes.
        ("aif", "aif/xaif/ova_dungeons_and_dragons.json", 12, 13),
        // 5 ADUs and the linked node of the undercut c3 with its add c4; the rebuttal,
        // the support, the 2 premises of the linked node and its undercut.
        ("microtext", "microtext/arg-microtexts/micro_b001.xml", 6, 5),
        // 5 ADUs and the linked node of the support c2 with its add c3; 2 premises, its
        // support, 2 rebuttals.
        ("microtext", "microtext/arg-microtexts/micro_d01.xml", 6, 5),
    ];
    let data = std::fs::canonicalize("tests/data").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for &(format, file, nodes, relations) in cases {
        let input = data.join(file);
        let out = crux(
            dir.path(),
            &["import", format, input.to_str().unwrap(), "-o", "-"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let format_of = FORMATS.iter().find(|(n, _)| *n == format).unwrap().1;
        let text = std::fs::read_to_string(&input).unwrap();
        let imported = import_file(format_of, &input, &text).unwrap();
        assert_eq!(out.stdout, imported.text.as_bytes(), "{file}");
        let written = dir.path().join("imported.crux");
        std::fs::write(&written, &imported.text).unwrap();
        let fmt = crux(dir.path(), &["fmt", "--check", "imported.crux"]);
        assert_eq!(fmt.status.code(), Some(0), "{file}: not canonical");
        let check = crux(dir.path(), &["check", "imported.crux"]);
        let report = String::from_utf8_lossy(&check.stdout).to_string()
            + &String::from_utf8_lossy(&check.stderr);
        assert!(!report.contains("error"), "{file}: {report}");
        let counts = format!("(1 file, {nodes} nodes, {relations} relations)");
        assert!(
            report.contains(&counts),
            "{file}: expected {counts} in {report}"
        );
    }
}

/// `@include` reads only files in the input's folder or below it, and says where an
/// error in an included file is.
#[test]
fn includes_stay_inside_the_inputs_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("debate");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(dir.path().join("secret.argdown"), "[S]: outside\n").unwrap();
    let main = inner.join("main.argdown");
    for escape in ["../secret.argdown", "/etc/hostname"] {
        let text = format!("[A]: a\n\n@include({escape})\n");
        std::fs::write(&main, &text).unwrap();
        let err = import_file(Format::Argdown, &main, &text).unwrap_err();
        assert_eq!(err.position, "line 3, column 1", "{escape}");
        assert!(err.message.contains("outside the input's folder"), "{err}");
        let out = crux(
            dir.path(),
            &["import", "argdown", main.to_str().unwrap(), "-o", "out"],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(!dir.path().join("out").exists());
    }
    let text = "[A]: a\n\n@include(missing.argdown)\n";
    let err = import_file(Format::Argdown, &main, text).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3, column 1: cannot read @include(missing.argdown)"),
        "{err}"
    );
    // An error inside an included file names the file and its line.
    std::fs::create_dir(inner.join("parts")).unwrap();
    std::fs::write(inner.join("parts/bad.argdown"), "[B]: b\n  + [C\n").unwrap();
    let text = "[A]: a\n\n@include(parts/bad.argdown)\n";
    let err = import_file(Format::Argdown, &main, text).unwrap_err();
    // `[C` on line 2 of parts/bad.argdown, column 5, is not closed.
    assert_eq!(
        err.position,
        "line 4, column 5 (line 2 of parts/bad.argdown)"
    );
    // On the command line, the error is at that place of that file.
    std::fs::write(&main, text).unwrap();
    let out = crux(&inner, &["import", "argdown", "main.argdown", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some("error: parts/bad.argdown:2:5: \"[\" is not closed with \"]\"")
    );
}

/// The texts of a debate's nodes, each as its words joined by one space, sorted.
fn texts(debate: &crux::Debate) -> Vec<String> {
    let mut texts: Vec<String> = debate
        .graph
        .graph
        .node_weights()
        .map(|n| n.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    texts.sort();
    texts
}

/// Each node's ID and kind, sorted.
fn kinds(debate: &crux::Debate) -> Vec<(String, &'static str)> {
    let mut kinds: Vec<(String, &'static str)> = debate
        .graph
        .graph
        .node_weights()
        .map(|n| (n.id.to_string(), n.kind.keyword()))
        .collect();
    kinds.sort();
    kinds
}

#[test]
fn the_showcase_comes_back_from_its_argdown_export_word_for_word_and_kind_for_kind() {
    // The export escapes Argdown's markup (`\(`, `\[`, `\#`, `\/`...): the import must
    // read each escape as the character, or every statement with one comes back with
    // backslashes in it. It writes each node's kind as a tag (`#evidence`), which the
    // import must read as the kind, or every evidence comes back a claim.
    let claims = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("showcase.argdown");
    let run = crux(
        dir.path(),
        &[
            "render",
            claims.to_str().unwrap(),
            "--format",
            "argdown",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let argdown = std::fs::read_to_string(&out).unwrap();
    assert!(
        argdown.contains("\\("),
        "the export escapes nothing any more"
    );
    let imported = import_file(Format::Argdown, &out, &argdown).unwrap();
    let back = crux::parse_debate(
        vec![crux::syntax::SourceFile::new(
            "back.crux",
            "back.crux",
            imported.text,
        )],
        Default::default(),
    );
    let files = crux::project::discover(&[claims], &Default::default()).unwrap();
    let sources = files
        .iter()
        .map(|f| crux::project::read(f).unwrap())
        .collect();
    let original = crux::parse_debate(sources, Default::default());
    assert_eq!(texts(&back), texts(&original));
    assert_eq!(kinds(&back), kinds(&original));
}

#[test]
fn an_escaped_character_is_text_not_markup() {
    let text = "[a]: Cost is 5\\% \\[est\\] \\#notatag // a comment\n  + [b]: see http:\\/\\/x.org {note: \"a\\\\b\"}\n";
    let imported = import(Format::Argdown, "e.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "thesis a: \"Cost is 5% [est] #notatag\"\n\nclaim b: \"see http://x.org\"\n  supports a\n  note \"a\\\\b\"\n"
    );
}

#[test]
fn a_relation_from_a_node_to_itself_is_dropped_with_a_warning() {
    // Argdown lets a statement support itself, Kialo a claim link to itself: written out,
    // either would be a `self-reference` error the source did not mean to have.
    let imported = import(
        Format::Argdown,
        "self.argdown",
        "[a]: A\n  + [a]\n  - [b]: B\n",
    )
    .unwrap();
    assert_eq!(
        imported.text,
        "thesis a: \"A\"\n\ncounter b: \"B\"\n  attacks a\n"
    );
    assert_eq!(imported.warnings, ["`a` supports itself: dropped"]);
    let imported = import(
        Format::Kialo,
        "self.txt",
        "Discussion Title: T\n\n1. T\n1.1. Pro: x\n1.1.1. Pro: -> See 1.1.\n",
    )
    .unwrap();
    assert!(
        imported.text.ends_with("claim x: \"x\"\n  supports t\n"),
        "{}",
        imported.text
    );
    assert_eq!(imported.warnings, ["`x` supports itself: dropped"]);
}

#[test]
fn each_list_item_is_a_node_of_its_own() {
    // Argdown reads `* text` and `1. text` as one statement per item, the marker not part
    // of it; a list once became one node, with the bullets in its text, and the thesis.
    let text = "[A]: Statement a.\n\n* First item\n* Second item with @[A]\n\n1. Ordered one\n2. Ordered two\n\n[B]: Statement b.\n  + [A]\n";
    let imported = import(Format::Argdown, "lists.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "claim a: \"Statement a.\"\n  supports b\n\n\
         claim first_item: \"First item\"\n\n\
         claim second_item_with_a: \"Second item with @[A]\"\n\n\
         claim ordered_one: \"Ordered one\"\n\n\
         claim ordered_two: \"Ordered two\"\n\n\
         thesis b: \"Statement b.\"\n"
    );
    // An item's text goes on over the next lines; the relations below it are its own.
    let text = "[B]: b\n\n* [T]: t\n    + [U]: u\n* An item that goes\non\n  - [B]\n";
    let imported = import(Format::Argdown, "lists.argdown", text).unwrap();
    assert!(
        imported.text.contains("claim u: \"u\"\n  supports t\n")
            && imported
                .text
                .contains("counter b: \"b\"\n  attacks an_item_that_goes_on\n"),
        "{}",
        imported.text
    );
}

#[test]
fn comments_are_skipped_as_argdown_skips_them() {
    // An HTML comment was read as text: a node of its own, or the end of a statement's.
    let text =
        "<!-- A comment\nspanning lines with [X]: fake statement -->\n\n[I]: I. <!-- c -->\n";
    let imported = import(Format::Argdown, "c.argdown", text).unwrap();
    assert_eq!(imported.text, "claim i: \"I.\"\n");
    // A line that holds only a comment neither ends a text nor cuts off its relations.
    let text =
        "[A]: first\n// a comment\n/* a block\ncomment */\nsecond\n  <!-- c -->\n  + [B]: b\n";
    let imported = import(Format::Argdown, "c.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "thesis a: \"first second\"\n\nclaim b: \"b\"\n  supports a\n"
    );
    // The front matter is YAML: `//` and `/*` in it are text.
    let text = "===\ntitle: \"a // b /* c */\"\n===\n\n[A]: a\n";
    let imported = import(Format::Argdown, "c.argdown", text).unwrap();
    assert!(
        imported
            .text
            .starts_with("---\ntitle: \"a // b /* c */\"\n---\n"),
        "{}",
        imported.text
    );
    // Data is data, as Argdown reads it: comment markers in it (quoted or not) and a
    // `}` in a quoted string are kept, and a comment after it is still a comment.
    let text = "[A]: a {note: \"x // y\", by: \"<!-- me -->\"} // gone\n\
                [B]: b {note: x /* y */ z}\n[C]: c {note: \"a } b\"}\n";
    let imported = import(Format::Argdown, "c.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "claim a: \"a\"\n  by \"<!-- me -->\"\n  note \"x // y\"\n\n\
         claim b: \"b\"\n  note \"x /* y */ z\"\n\nclaim c: \"c\"\n  note \"a } b\"\n"
    );
    let error = import(Format::Argdown, "c.argdown", "[A]: a\n<!-- open\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 2, column 1: a <!-- comment is not closed"
    );
}

#[test]
fn argdown_front_matter_of_any_shape_keeps_what_crux_can_hold() {
    // A number is its digits, a mapping is left out, and neither costs the title.
    let text =
        "===\ntitle: Cells\nauthor: {name: Ada}\ndate: 2018\nsource: [a, b]\n===\n\n[A]: a\n";
    let imported = import(Format::Argdown, "f.argdown", text).unwrap();
    assert!(
        imported
            .text
            .starts_with("---\ntitle: \"Cells\"\nsource: \"a\"\ndate: \"2018\"\n---\n"),
        "{}",
        imported.text
    );
}

#[test]
fn markdown_blocks_are_the_fences_commonmark_finds() {
    // A `~~~` fence was skipped without a word, and a ```argdown indented by four spaces
    // (an indented code block, not a fence) was read, here into an error.
    let text = "# Doc\n\n~~~argdown\n[A]: a\n  + [B]: b\n~~~\n\n    ```argdown\n    [X]: x\n      + [A]\n    ```\n";
    let imported = import(Format::Argdown, "doc.md", text).unwrap();
    assert_eq!(
        imported.text,
        "thesis a: \"a\"\n\nclaim b: \"b\"\n  supports a\n"
    );
    // A fence in a list item is read without the item's indent; line and column
    // numbers are the Markdown file's.
    let text = "- item\n\n  ```argdown\n  [A]: a\n    + [B: b\n  ```\n";
    let error = import(Format::Argdown, "doc.md", text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 5, column 7: \"[\" is not closed with \"]\""
    );
}

#[test]
fn an_undercut_under_a_statement_undercuts_what_the_statement_argues_for() {
    // Argdown keeps `N undercut S` when S is a statement; crux dropped it, as though
    // only an argument could argue for something.
    let text = "[S]: A statement supporting T.\n  +> [T]\n  <_ [N]: Night buses.\n";
    let imported = import(Format::Argdown, "u.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "claim s: \"A statement supporting T.\"\n  supports t\n\nthesis t: \"T\"\n\ncounter n: \"Night buses.\"\n  undercuts s -> t\n"
    );
    assert_eq!(imported.warnings, Vec::<String>::new());
    // A statement that argues for nothing has no inference to undercut.
    let imported = import(Format::Argdown, "u.argdown", "[S]: s\n  <_ [N]: n\n").unwrap();
    assert_eq!(
        imported.warnings,
        ["line 2: an undercut of an element that argues for nothing was dropped"]
    );
}

#[test]
fn a_kind_tag_gives_the_node_its_kind() {
    // `crux render --format argdown` writes each node's kind as a tag; read back, the
    // thesis was a `claim` tagged `thesis` and every evidence a claim.
    // An element's first kind tag gives the kind; another stays a tag, as does a kind
    // tag that disagrees with the kind given before (a tag `claim` of a counter, say).
    let text = "[t]: The thesis. #thesis\n\n[e]: A fact. #evidence #dated\n  +> [t]\n\n[c]: An objection. #counter #claim\n  -> [e]\n\n[c] #counter\n\n[d]: D. #claim #claim\n  >< [c]\n\n[d] #counter\n";
    let imported = import(Format::Argdown, "kinds.argdown", text).unwrap();
    assert_eq!(
        imported.text,
        "thesis t: \"The thesis.\"\n\n\
         evidence e: \"A fact.\"\n  supports t\n  tags dated\n\n\
         counter c: \"An objection.\"\n  attacks e\n  tags claim\n\n\
         claim d: \"D.\"\n  contradicts c\n  tags claim\n  tags counter\n"
    );
}

#[test]
fn schemes_come_back_from_the_aif_export() {
    let input = std::fs::canonicalize("tests/data/aif/xaif/ova_dungeons_and_dragons.json").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = crux(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let first = run(&["import", "aif", input.to_str().unwrap(), "-o", "-"]).stdout;
    let first = String::from_utf8(first).unwrap();
    assert!(
        first.contains("note \"Scheme of supports n22_166178046893607143: Expert Opinion\""),
        "{first}"
    );
    std::fs::write(dir.path().join("map.crux"), &first).unwrap();
    run(&[
        "render",
        "map.crux",
        "--format",
        "aif",
        "-o",
        "map.aif.json",
    ]);
    let again = run(&["import", "aif", "map.aif.json", "-o", "-"]).stdout;
    assert_eq!(String::from_utf8(again).unwrap(), first);
}

#[test]
fn relative_artifact_paths_name_the_same_files_from_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("in/data")).unwrap();
    std::fs::write(root.join("in/data/x.csv"), "year,n\n2020,1\n").unwrap();
    std::fs::write(root.join("crux.yaml"), "").unwrap();
    let attributes = r#"[["source", "a survey"], ["artifact", "\"data/x.csv\" title \"Counts\" kind dataset"], ["artifact", "gone.csv"]]"#;
    let aif = format!(
        r#"{{"nodes": [{{"nodeID": "1", "text": "Counts rose.", "type": "I",
            "crux": {{"id": "counts", "kind": "evidence", "attributes": {attributes}}}}}],
            "edges": []}}"#
    );
    std::fs::write(root.join("in/map.aif.json"), aif).unwrap();

    let out = crux(root, &["import", "aif", "in/map.aif.json", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let written = std::fs::read_to_string(root.join("out/map.crux")).unwrap();
    assert!(
        written.contains("  artifact \"../in/data/x.csv\" title \"Counts\" kind dataset\n"),
        "{written}"
    );
    // A path to no file is kept as written, and said.
    assert!(written.contains("  artifact \"gone.csv\"\n"), "{written}");
    assert!(
        stderr.contains(
            "warning: in/map.aif.json: `counts`: artifact \"data/x.csv\" is written as \"../in/data/x.csv\", the same file seen from out, where the .crux file goes"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`counts`: artifact \"gone.csv\" is not next to the input"),
        "{stderr}"
    );
    // crux check finds the rebased file where it is.
    let check = crux(root, &["check", "out", "--format", "json"]);
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(findings.contains("\"missing-artifact\""), "{findings}");
    assert_eq!(
        findings.matches("\"missing-artifact\"").count(),
        1,
        "{findings}"
    );
    assert!(
        !findings.contains("../in/data/x.csv` does not exist"),
        "{findings}"
    );

    // Printed with `-o -`, the paths are for the current folder; written next to the
    // input, they are as they were.
    let printed = crux(root, &["import", "aif", "in/map.aif.json", "-o", "-"]);
    let printed = String::from_utf8_lossy(&printed.stdout);
    assert!(
        printed.contains("  artifact \"in/data/x.csv\""),
        "{printed}"
    );
    let beside = crux(
        &root.join("in"),
        &["import", "aif", "map.aif.json", "-o", "-"],
    );
    assert!(String::from_utf8_lossy(&beside.stdout).contains("  artifact \"data/x.csv\""));
    assert!(beside.stderr.is_empty());
}

#[test]
fn an_artifact_path_named_by_several_nodes_is_warned_about_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("in/data")).unwrap();
    std::fs::write(root.join("in/data/x.csv"), "year,n\n2020,1\n").unwrap();
    std::fs::write(root.join("crux.yaml"), "").unwrap();
    let node = |id: &str, n: usize, artifact: &str| {
        format!(
            r#"{{"nodeID": "{n}", "text": "Fact {n}.", "type": "I",
            "crux": {{"id": "{id}", "kind": "evidence", "attributes": [["artifact", "{artifact}"]]}}}}"#
        )
    };
    let nodes = [
        node("a", 1, "data/x.csv"),
        node("b", 2, "gone.csv"),
        node("c", 3, "data/x.csv"),
        node("d", 4, "gone.csv"),
        node("e", 5, "data/x.csv"),
        node("f", 6, "other.csv"),
    ];
    let aif = format!(r#"{{"nodes": [{}], "edges": []}}"#, nodes.join(", "));
    std::fs::write(root.join("in/map.aif.json"), aif).unwrap();

    let out = crux(root, &["import", "aif", "in/map.aif.json", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let written = std::fs::read_to_string(root.join("out/map.crux")).unwrap();
    assert_eq!(
        written.matches("artifact \"../in/data/x.csv\"").count(),
        3,
        "{written}"
    );
    // One warning per path: how many nodes name it and the first of them, or the one.
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("warning"))
            .collect::<Vec<_>>(),
        [
            "warning: in/map.aif.json: artifact \"data/x.csv\" is written as \"../in/data/x.csv\", the same file seen from out, where the .crux file goes (named by 3 nodes, the first `a`)",
            "warning: in/map.aif.json: artifact \"gone.csv\" is not next to the input (in/gone.csv is missing), so it is written as it is, relative to out (named by 2 nodes, the first `b`)",
            "warning: in/map.aif.json: `f`: artifact \"other.csv\" is not next to the input (in/other.csv is missing), so it is written as it is, relative to out",
        ],
        "{stderr}"
    );
}

/// A target that is a folder stops the whole import before anything is written, with
/// `--force` too (it replaces files, not folders): no import is left half done.
#[test]
fn a_folder_in_the_way_stops_the_import_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.argdown"), "[A]: a\n").unwrap();
    std::fs::write(dir.path().join("y.argdown"), "[B]: b\n").unwrap();
    std::fs::create_dir_all(dir.path().join("out/y.crux")).unwrap();
    let out = crux(
        dir.path(),
        &[
            "import",
            "argdown",
            "x.argdown",
            "y.argdown",
            "-o",
            "out",
            "--force",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("out/y.crux is not a file"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!dir.path().join("out/x.crux").exists());
}
