//! The README tells the truth about crux:
//!
//! - every `crux` example parses without a syntax error;
//! - every example of a command and its output (a ```` ```console ```` block: `$ crux ...`,
//!   then what it prints, with `...` for lines left out) is run from the repository root,
//!   and prints that (standard error included);
//! - every command synopsis (`### \`crux check [PATHS] [--format human|json|...]\``) names
//!   flags and values the command has;
//! - the rule table lists exactly the registry's rules, and every rule count in the README
//!   and `docs/` is the registry's;
//! - every link to a file of the repository leads to one, and every link to a heading
//!   (`#reading-the-map`, `editors/README.md#neovim`) to a heading there.

use std::collections::BTreeSet;

use clap::CommandFactory;
use crux::check::registry::RULES;

const README: &str = include_str!("../README.md");

/// The bodies of the fenced blocks whose info string is `lang`.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    text.split(&fence)
        .skip(1)
        .map(|block| block.split("\n```").next().expect("closed block"))
        .collect()
}

#[test]
fn readme_examples_parse() {
    let mut count = 0;
    for example in blocks(README, "crux") {
        let parsed = crux::syntax::parse(crux::syntax::FileId(0), example);
        assert!(
            parsed.errors.is_empty(),
            "README example does not parse: {:?}\n{example}",
            parsed.errors
        );
        count += 1;
    }
    assert!(count >= 9, "only {count} examples found");
}

#[test]
fn readme_commands_print_what_the_readme_shows() {
    let examples = blocks(README, "console");
    assert!(
        examples.len() >= 5,
        "only {} console examples found",
        examples.len()
    );
    // Output shown anywhere else would not be checked.
    for lang in ["text", "sh", ""] {
        for block in blocks(README, lang) {
            assert!(
                !block.lines().any(|l| l.starts_with("$ ")),
                "a command with its output belongs in a ```console block:\n{block}"
            );
        }
    }
    // trycmd takes the line before a block's closing fence (or before the next `$`) for
    // the end of the output without its newline; the README's blocks end with the
    // output's last line, so the examples run from a copy that adds the newline back.
    let mut copy = String::new();
    let mut in_console: Option<(String, bool)> = None;
    for line in README.split_inclusive('\n') {
        let fence = line.trim_end();
        match &mut in_console {
            None if fence.ends_with("console") && fence.starts_with("```") => {
                in_console = Some((fence.trim_end_matches("console").to_string(), false));
            }
            Some((open, _)) if fence == open => {
                copy.push('\n');
                in_console = None;
            }
            Some((_, seen_command)) if line.starts_with("$ ") => {
                if *seen_command {
                    copy.push('\n');
                }
                *seen_command = true;
            }
            _ => {}
        }
        copy.push_str(line);
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("README.md");
    std::fs::write(&path, copy).expect("write the copy");
    trycmd::TestCases::new().case(&path);
}

/// The synopsis headings: `### \`crux NAME ...\`` (several, separated by `, `).
fn synopses() -> Vec<String> {
    let mut out = Vec::new();
    for line in README.lines() {
        let Some(heading) = line.strip_prefix("### `crux ") else {
            continue;
        };
        for part in heading.split("`, `crux ") {
            out.push(part.trim_end_matches('`').to_string());
        }
    }
    out
}

#[test]
fn synopses_name_real_flags_and_values() {
    let crux = crux::cli::Args::command();
    let synopses = synopses();
    assert!(
        synopses.len() >= 9,
        "only {} synopses found",
        synopses.len()
    );
    for synopsis in &synopses {
        let words: Vec<&str> = synopsis
            .split([' ', '[', ']'])
            .filter(|w| !w.is_empty())
            .collect();
        let name = words[0];
        let command = crux
            .find_subcommand(name)
            .unwrap_or_else(|| panic!("`crux {name}` in the README is no subcommand"));
        for (i, word) in words.iter().enumerate() {
            let Some(flag) = word.strip_prefix("--") else {
                continue;
            };
            let arg = command
                .get_arguments()
                .find(|a| a.get_long() == Some(flag))
                .unwrap_or_else(|| panic!("`crux {name}` has no `--{flag}`"));
            let Some(values) = words.get(i + 1).filter(|v| {
                v.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && !v.starts_with('-')
            }) else {
                continue;
            };
            let possible: BTreeSet<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let shown: BTreeSet<String> = values.split('|').map(String::from).collect();
            if values.contains('|') {
                assert_eq!(shown, possible, "values of `crux {name} --{flag}`");
            } else {
                assert!(
                    shown.is_subset(&possible),
                    "`crux {name} --{flag}` takes none of {shown:?}, only {possible:?}"
                );
            }
        }
    }
}

#[test]
fn the_rule_table_is_the_registry() {
    let rows: Vec<(String, String, String)> = README
        .split("\n## Rules\n")
        .nth(1)
        .expect("a Rules section")
        .lines()
        .skip_while(|l| !l.starts_with("| code"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].to_string(),
                cells[2].trim_matches('`').to_string(),
                cells[3].to_string(),
            )
        })
        .collect();
    let registry: Vec<(String, String, String)> = RULES
        .iter()
        .map(|r| {
            (
                r.code.to_string(),
                r.name.to_string(),
                r.default_severity.as_str().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows, registry,
        "the README's rule table (code, name, default) must list the registry's rules in order"
    );
}

/// Number words a count of rules could be spelled with.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
];

/// Every `N rules` (or `N lint rules`, or `one rule of N`) in `text`, as `Ok(N)`, or
/// `Err(word)` for a count spelled out in words.
fn rule_counts(text: &str) -> Vec<Result<usize, String>> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map(|w| w.to_lowercase())
        .collect();
    let mut counts = Vec::new();
    for (i, word) in words.iter().enumerate() {
        // `one rule of N`: N is the whole count too.
        if word == "rule"
            && words.get(i + 1).is_some_and(|w| w == "of")
            && let Some(n) =
                (words.get(i + 2)).and_then(|w| w.trim_end_matches(['.', ';']).parse().ok())
        {
            counts.push(Ok(n));
        }
        if !word.starts_with("rules") || i == 0 {
            continue;
        }
        let mut j = i - 1;
        if words[j] == "lint" && j > 0 {
            j -= 1;
        }
        let count = &words[j];
        if let Ok(n) = count.parse::<usize>() {
            counts.push(Ok(n));
        } else if count
            .split('-')
            .next()
            .is_some_and(|w| NUMBER_WORDS.contains(&w))
        {
            counts.push(Err(count.clone()));
        }
    }
    counts
}

#[test]
fn every_rule_count_is_the_registry_s() {
    let mut docs = vec![("README.md".to_string(), README.to_string())];
    for entry in std::fs::read_dir("docs").expect("docs/") {
        let path = entry.expect("a docs/ entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).expect("readable");
            docs.push((path.display().to_string(), text));
        }
    }
    let mut stated = 0;
    for (file, text) in &docs {
        for count in rule_counts(text) {
            match count {
                Ok(n) => assert_eq!(
                    n,
                    RULES.len(),
                    "{file} says crux has {n} rules; the registry has {}",
                    RULES.len()
                ),
                Err(word) => panic!("{file} counts rules in words (`{word} rules`): use digits"),
            }
            stated += 1;
        }
    }
    assert!(stated >= 1, "the README states how many rules there are");
}

#[test]
fn rule_counts_are_found() {
    assert_eq!(
        rule_counts("It has 3 rules, and twenty-two lint rules (4 rules), one rule of 5."),
        vec![Ok(3), Err("twenty-two".into()), Ok(4), Ok(5)]
    );
    assert!(rule_counts("the rules of the game").is_empty());
}

/// The targets of the Markdown links in `text`: `[label](target)`.
fn link_targets(text: &str) -> Vec<&str> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target))
        .collect()
}

/// The anchor GitHub gives a heading: lower case, spaces as `-`, and only letters,
/// digits, `-` and `_` kept.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The anchors of the headings of a Markdown text (outside fenced blocks).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut in_fence = false;
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            out.insert(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

#[test]
fn every_link_leads_somewhere() {
    let targets = link_targets(README);
    assert!(targets.len() >= 30, "only {} links found", targets.len());
    for target in targets {
        if target.starts_with("https://") || target.starts_with("http://") {
            continue;
        }
        let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
        let text = if path.is_empty() {
            README.to_string()
        } else {
            assert!(
                std::path::Path::new(path).exists(),
                "the README links to `{path}`, which does not exist"
            );
            if fragment.is_empty() {
                continue;
            }
            std::fs::read_to_string(path).expect("a linked Markdown file")
        };
        assert!(
            anchors(&text).contains(fragment),
            "the README links to `{target}`, but no heading there has that anchor"
        );
    }
}

#[test]
fn anchors_are_github_s() {
    assert_eq!(
        anchor(" `crux serve [PATHS] [--port N] [--layout auto|graphviz|builtin]`"),
        "crux-serve-paths---port-n---layout-autographvizbuiltin"
    );
    assert_eq!(anchor(" The HTML page at scale"), "the-html-page-at-scale");
}

/// The README with every run of whitespace made one space, so that a phrase broken over
/// two lines is found.
fn flat_readme() -> String {
    README.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of the first `` `...` `` right after `after` in the README.
fn listed_after(after: &str) -> Vec<String> {
    let flat = flat_readme();
    let rest = flat
        .split(after)
        .nth(1)
        .unwrap_or_else(|| panic!("the README says `{after}`"));
    let list = rest
        .strip_prefix('`')
        .and_then(|r| r.split('`').next())
        .unwrap_or_else(|| panic!("a list in backquotes after `{after}`"));
    list.split(' ').map(String::from).collect()
}

#[test]
fn the_reserved_words_are_the_language_s() {
    use crux::syntax::kind::{KEYWORDS, is_reserved};
    let listed = listed_after("IDs are unique across all files of a debate, and the keywords (");
    let reserved: Vec<String> = KEYWORDS
        .iter()
        .map(|(word, _, _)| word.to_string())
        .filter(|w| is_reserved(w))
        .collect();
    assert_eq!(listed, reserved, "the keywords that cannot be IDs");
}

#[test]
fn the_attribute_order_is_crux_fmt_s() {
    use crux::syntax::kind::{KEYWORDS, KeywordRole};
    let listed = listed_after("in a fixed order (relations as written, then ");
    // Every attribute but the relations, written in the reverse of the language's order.
    let relations = ["supports", "attacks", "contradicts", "undercuts"];
    let mut input = String::from("thesis t: \"t\"\nevidence e: \"x\"\n");
    for (word, _, role) in KEYWORDS.iter().rev() {
        if *role != KeywordRole::Attribute || relations.contains(word) {
            continue;
        }
        let value = match *word {
            "credence" => "0.5",
            "status" => "open",
            "standard" => "scintilla",
            "tags" => "a",
            "artifact" => "\"x.csv\"",
            "expect" => "\"count(where a > 1) == 1\"",
            "by" | "note" | "source" => "\"s\"",
            other => panic!("no sample value for `{other}`: add one"),
        };
        input.push_str(&format!("  {word} {value}\n"));
    }
    input.push_str("  supports t\n");
    let formatted = crux::fmt::format(&input).expect("formats");
    let order: Vec<String> = formatted
        .lines()
        .skip_while(|l| !l.starts_with("evidence"))
        .skip(1)
        .filter_map(|l| l.trim_start().split(' ').next())
        .filter(|w| !w.is_empty() && !relations.contains(w))
        .map(String::from)
        .collect();
    assert_eq!(listed, order, "the order `crux fmt` writes attributes in");
}

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("make the folder");
    for entry in std::fs::read_dir(from).expect("read the folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn readme_artifacts_are_the_showcase_s() {
    // Each example that names an artifact, written next to the showcase's data (a copy
    // of claims/), finds its files, matches their pins and holds its expectations.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    for data in ["artifacts", "benchmarks"] {
        copy_dir(
            &std::path::Path::new("claims").join(data),
            &dir.path().join(data),
        );
    }
    let mut count = 0;
    for (i, example) in blocks(README, "crux").into_iter().enumerate() {
        if !example.contains("artifact \"") {
            continue;
        }
        let file = dir.path().join(format!("example{i}.crux"));
        std::fs::write(&file, example).expect("write the example");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
            .args(["check", "--format", "json"])
            .arg(&file)
            .output()
            .expect("run crux");
        let findings: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("a JSON array");
        let about_data: Vec<&serde_json::Value> = findings
            .as_array()
            .expect("an array")
            .iter()
            .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("E2")))
            .filter(|f| f["code"] != "E205") // unpinned-artifact: not every example pins
            .collect();
        assert!(
            about_data.is_empty(),
            "README example, in a folder beside claims/'s data:\n{example}\n{about_data:#?}"
        );
        std::fs::remove_file(&file).expect("remove the example");
        count += 1;
    }
    assert!(count >= 3, "only {count} examples with artifacts");
}

#[test]
fn the_fuzz_targets_are_fuzz_s() {
    let manifest = std::fs::read_to_string("fuzz/Cargo.toml").expect("fuzz/Cargo.toml");
    let targets: Vec<&str> = manifest
        .split("[[bin]]")
        .skip(1)
        .filter_map(|bin| {
            bin.lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|rest| rest.strip_suffix('"'))
        })
        .collect();
    let listed: Vec<&str> = README
        .split("\n### Fuzzing\n")
        .nth(1)
        .expect("a Fuzzing section")
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split_once("`:").map(|(name, _)| name))
        .collect();
    assert_eq!(
        listed, targets,
        "the README lists the fuzz targets in order"
    );
}

#[test]
fn the_layout_names_every_folder() {
    let layout = README
        .split("\n## Development\n")
        .nth(1)
        .expect("a Development section")
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the layout block");
    let listed: BTreeSet<&str> = layout.lines().filter_map(|l| l.split(' ').next()).collect();
    for entry in std::fs::read_dir("src").expect("src/") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            let folder = format!("{}/", path.display());
            assert!(
                listed.contains(folder.as_str()),
                "the README's layout does not name {folder}"
            );
        }
    }
    for path in &listed {
        assert!(
            std::path::Path::new(path).exists(),
            "the README's layout names {path}, which does not exist"
        );
    }
}

/// The rows of a results file of `claims/benchmarks/` (no quoted commas in the columns
/// read), each as column name → value.
fn results(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let csv = std::fs::read_to_string(format!("claims/benchmarks/{file}")).expect(file);
    let mut lines = csv.lines();
    let header: Vec<String> = lines
        .next()
        .expect("a header")
        .split(',')
        .map(String::from)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(String::from))
                .collect()
        })
        .collect()
}

/// Asserts that the README says `said`.
fn readme_says(said: &str, source: &str) {
    assert!(
        flat_readme().contains(said),
        "the README should say `{said}`, as {source} does"
    );
}

#[test]
fn the_render_time_is_the_page_benchmark_s() {
    let rows = results("page-open.csv");
    let row = rows
        .iter()
        .find(|r| r["nodes"] == "10000")
        .expect("a row for 10,000 nodes");
    readme_says(
        &format!(
            "{} s to the HTML page ({} MB)",
            row["render_s"], row["page_mb"]
        ),
        "page-open.csv",
    );
    let most = rows
        .iter()
        .map(|r| r["drawn_nodes"].parse::<u32>().expect("a count"))
        .max()
        .expect("rows");
    readme_says(
        &format!("at most {most} at the opening view"),
        "page-open.csv",
    );
}

#[test]
fn the_sheet_shape_is_the_layout_benchmark_s() {
    let rows = results("layout-scaling.csv");
    let row = rows
        .iter()
        .find(|r| r["nodes"] == "10000")
        .expect("a row for 10,000 nodes");
    let ratio = row["width"].parse::<f64>().expect("a width")
        / row["height"].parse::<f64>().expect("a height");
    // Said to the nearest 5.
    let about = (ratio / 5.0).round() * 5.0;
    readme_says(
        &format!("about {about}:1 at 10,000 nodes"),
        "layout-scaling.csv",
    );
}

#[test]
fn the_text_per_node_is_the_showcase_s() {
    let rows = results("check-text.csv");
    let showcase = rows
        .iter()
        .find(|r| r["debate"] == "claims/crypto-ai.crux")
        .expect("a row for the showcase");
    let bytes = std::fs::read("claims/crypto-ai.crux")
        .expect("the showcase")
        .len();
    assert_eq!(
        showcase["text_bytes"],
        bytes.to_string(),
        "check-text.csv is older than claims/crypto-ai.crux: run \
         `CRUX_BENCH_WRITE=1 cargo bench --bench check -- --text-only` and pin it again"
    );
    let generated = rows
        .iter()
        .find(|r| r["nodes"] == "100000")
        .expect("a row for 100,000 nodes");
    readme_says(
        &format!(
            "{} bytes per node at 100,000 nodes, against {} for the hand-written",
            generated["bytes_per_node"], showcase["bytes_per_node"]
        ),
        "check-text.csv",
    );
}
