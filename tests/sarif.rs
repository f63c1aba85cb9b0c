//! `crux check --format sarif` and the other pull-request output: the SARIF 2.1.0 log made
//! from every lint fixture (`tests/fixtures/check/*.crux`) has the structure code-scanning
//! services rely on, and the GitHub workflow commands are percent-encoded as the Actions
//! runner expects.
//!
//! With `CRUX_SARIF_VALIDATE=1` (CI sets it), the logs are also run through Microsoft's
//! SARIF validator: the binary named by `CRUX_SARIF_MULTITOOL` if set (`.ci/run` installs
//! it), else `npx -y @microsoft/sarif-multitool`. Any error or warning it reports fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crux::check::registry::docs;
use crux::check::{RULES, Severities};
use crux::diagnostic::{Diagnostic, InputProblem, Label, Severity, github, sarif};
use crux::syntax::{FileId, SourceFile, Span};
use serde_json::Value;

mod support;

/// The lint fixtures' directory, which is also their project root.
const FIXTURES: &str = "tests/fixtures/check";

/// The multitool release `.ci/run` installs.
const MULTITOOL: &str = "@microsoft/sarif-multitool@5.7.0";

/// Every fixture, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    support::crux_files(FIXTURES)
}

/// The SARIF log of one fixture, checked as `crux check` would, and its sources.
fn render(path: &Path) -> (String, crux::Debate, Vec<Diagnostic>) {
    let file = crux::project::read(path).expect("fixture is readable");
    let debate = crux::parse_debate(vec![file], Default::default());
    let diagnostics = crux::check_debate(
        &debate,
        Path::new(FIXTURES),
        &Severities::default(),
        &Default::default(),
    );
    let cwd = std::env::current_dir().expect("a current directory");
    let log = sarif::render(&diagnostics, &docs(), &debate.sources, Some(&cwd));
    (log, debate, diagnostics)
}

fn parse(log: &str) -> Value {
    serde_json::from_str(log).expect("the SARIF log is JSON")
}

/// Whether a URI is a relative reference made only of unreserved characters, `/` and
/// percent escapes (and no `file:`, no leading `/`, no backslash).
fn is_relative_uri(uri: &str) -> bool {
    !uri.is_empty()
        && !uri.starts_with('/')
        && uri
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b))
}

fn region(location: &Value) -> (u64, u64, u64, u64) {
    let r = &location["physicalLocation"]["region"];
    let n = |k: &str| {
        r[k].as_u64()
            .unwrap_or_else(|| panic!("region has {k}: {r}"))
    };
    (
        n("startLine"),
        n("startColumn"),
        n("endLine"),
        n("endColumn"),
    )
}

/// Checks one location: a relative URI against `%SRCROOT%`, and a 1-based region whose
/// end is not before its start.
fn assert_location(location: &Value, what: &str) {
    let artifact = &location["physicalLocation"]["artifactLocation"];
    let uri = artifact["uri"].as_str().expect("a uri");
    assert!(is_relative_uri(uri), "{what}: uri {uri:?} is not relative");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{what}");
    let (sl, sc, el, ec) = region(location);
    assert!(
        sl >= 1 && sc >= 1 && el >= 1 && ec >= 1,
        "{what}: 0 in {location}"
    );
    assert!((el, ec) >= (sl, sc), "{what}: region ends before it starts");
}

#[test]
fn every_fixture_gives_a_well_formed_log() {
    let mut results_seen = 0;
    let mut related_seen = 0;
    let mut fixes_seen = 0;
    for path in fixtures() {
        let (log, debate, diagnostics) = render(&path);
        let name = path.display().to_string();
        let v = parse(&log);
        assert_eq!(v["version"], "2.1.0", "{name}");
        assert_eq!(v["$schema"], sarif::SCHEMA, "{name}");
        let runs = v["runs"].as_array().expect("runs");
        assert_eq!(runs.len(), 1, "{name}: one run");
        let run = &runs[0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "crux");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let rules = driver["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), RULES.len(), "{name}: the full registry");
        for (rule, info) in rules.iter().zip(RULES) {
            assert_eq!(rule["id"], info.code);
            assert_eq!(rule["name"], info.name);
            assert_eq!(rule["shortDescription"]["text"], info.summary().as_str());
            assert!(
                rule["fullDescription"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
            );
            assert!(
                rule["help"]["markdown"]
                    .as_str()
                    .is_some_and(|t| t.contains("## What it does"))
            );
            let level = match info.default_severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            assert_eq!(rule["defaultConfiguration"]["level"], level);
        }
        assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());

        let results = run["results"].as_array().expect("results");
        assert_eq!(
            results.len(),
            diagnostics.len(),
            "{name}: one result per finding"
        );
        for (result, d) in results.iter().zip(&diagnostics) {
            let rule_id = result["ruleId"].as_str().expect("ruleId");
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert!(
                index < rules.len(),
                "{name}: ruleIndex {index} out of range"
            );
            assert_eq!(
                rules[index]["id"], rule_id,
                "{name}: ruleIndex points at its rule"
            );
            assert_eq!(rule_id, d.code);
            assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
            let text = result["message"]["text"].as_str().expect("message text");
            assert!(text.starts_with(&d.message), "{name}: {text}");
            if let Some(help) = &d.help {
                assert!(
                    text.contains(help.as_str()),
                    "{name}: help appended: {text}"
                );
            }
            let locations = result["locations"].as_array().expect("locations");
            assert_eq!(locations.len(), 1);
            assert_location(&locations[0], &name);
            // Lines agree with the other printers; so do columns in text without
            // characters outside the Basic Multilingual Plane.
            let file = &debate.sources[0];
            let (sl, sc, el, ec) = region(&locations[0]);
            let start = file.line_col(d.primary.span.start);
            let end = file.line_col(d.primary.span.end);
            assert_eq!((sl, el), (start.line.into(), end.line.into()), "{name}");
            if file.text.chars().all(|c| (c as u32) < 0x10000) {
                assert_eq!((sc, ec), (start.column.into(), end.column.into()), "{name}");
            }
            let related = result["relatedLocations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice);
            assert_eq!(
                related.len(),
                d.secondary.len(),
                "{name}: related locations"
            );
            for (i, loc) in related.iter().enumerate() {
                assert_eq!(loc["id"], i + 1);
                assert_location(loc, &name);
            }
            related_seen += related.len();
            // A suggestion is a fix: its text in place of the region it names.
            let fixes = result["fixes"].as_array().map_or(&[][..], Vec::as_slice);
            assert_eq!(fixes.len(), usize::from(d.suggestion.is_some()), "{name}");
            if let (Some(s), Some(fix)) = (&d.suggestion, fixes.first()) {
                let change = &fix["artifactChanges"][0];
                assert_eq!(
                    change["artifactLocation"]["uri"],
                    locations[0]["physicalLocation"]["artifactLocation"]["uri"]
                );
                let replacement = &change["replacements"][0];
                assert_eq!(
                    replacement["insertedContent"]["text"],
                    s.replacement.as_str()
                );
                let (sl, _, el, _) = region(&serde_json::json!({
                    "physicalLocation": {"region": replacement["deletedRegion"]}
                }));
                let (start, end) = (file.line_col(s.span.start), file.line_col(s.span.end));
                assert_eq!((sl, el), (start.line.into(), end.line.into()), "{name}");
                fixes_seen += 1;
            }
        }
        results_seen += results.len();
        // The same input gives the same bytes.
        assert_eq!(log, render(&path).0, "{name}: output is deterministic");
    }
    assert!(
        results_seen > 30,
        "only {results_seen} results in all fixtures"
    );
    assert!(related_seen > 0, "no fixture has a related location");
    assert!(fixes_seen > 0, "no fixture has a fix");
}

#[test]
fn absolute_paths_are_made_relative_to_the_current_directory() {
    let path = std::fs::canonicalize(Path::new(FIXTURES).join("S003_duplicate_id.crux"))
        .expect("fixture exists");
    let (log, _, _) = render(&path);
    let v = parse(&log);
    let uri =
        &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "tests/fixtures/check/S003_duplicate_id.crux");
    assert!(!log.contains(&*std::env::current_dir().unwrap().to_string_lossy()));
}

#[test]
fn uris_are_percent_encoded() {
    let file = SourceFile::new("my debates/é #1.crux", "x", "claim a: \"A.\"\n".into());
    let d = diagnostic(Span::new(FileId(0), 6, 7), "finding");
    let v = parse(&sarif::render(&[d], &docs(), &vec![file], None));
    let artifact =
        &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(artifact["uri"], "my%20debates/%C3%A9%20%231.crux");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
}

/// Problems of the input make the run's invocation unsuccessful, one notification each,
/// at its file and place when it has them; with none the log has no invocation.
#[test]
fn input_problems_are_notifications() {
    let problems = [
        InputProblem {
            file: Some("crux.yaml".into()),
            line: 2,
            column: 3,
            message: "unknown rule `x`".into(),
        },
        InputProblem {
            file: None,
            line: 0,
            column: 0,
            message: "no .crux files found in .".into(),
        },
    ];
    let none: Vec<SourceFile> = Vec::new();
    let v = parse(&sarif::render_with_problems(
        &[],
        &docs(),
        &none,
        None,
        &problems,
    ));
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["message"]["text"], "unknown rule `x`.");
    let place = &notes[0]["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "crux.yaml");
    assert_eq!(place["region"]["startLine"], 2);
    assert_eq!(place["region"]["startColumn"], 3);
    assert!(notes[1].get("locations").is_none());
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
    let clean = parse(&sarif::render(&[], &docs(), &none, None));
    assert!(clean["runs"][0].get("invocations").is_none());
    assert_eq!(
        github::problems(&problems),
        "::error file=crux.yaml,line=2,col=3,title=crux::unknown rule `x`\n\
         ::error title=crux::no .crux files found in .\n"
    );
}

fn diagnostic(span: Span, message: &str) -> Diagnostic {
    let info = &RULES[0];
    Diagnostic {
        code: info.code,
        name: info.name,
        severity: Severity::Error,
        message: message.into(),
        primary: Label::new(span, ""),
        secondary: Vec::new(),
        help: None,
        suggestion: None,
    }
}

/// GitHub's workflow commands: in the message `%`, `\r` and `\n` are escaped; in a
/// property (`file=`, `title=`) also `:` and `,`.
#[test]
fn github_commands_are_percent_encoded() {
    let file = SourceFile::new("a:b,c%d.crux", "x", "claim a: \"A.\"\n".into());
    let mut d = diagnostic(Span::new(FileId(0), 6, 7), "50% done: a,b\r\nnext");
    d.help = Some("fix it".into());
    let out = github::render(&[d], &vec![file]);
    assert_eq!(
        out,
        "::error file=a%3Ab%2Cc%25d.crux,line=1,col=7,endLine=1,endColumn=8,\
         title=syntax-error (S001)::50%25 done: a,b%0D%0Anext%0Ahelp: fix it\n"
    );
}

/// Runs Microsoft's SARIF multitool on the logs and fails on any error or warning it reports
/// (but the one about `informationUri`, which crux leaves out: it has no web page).
#[test]
fn logs_pass_the_sarif_validator() {
    if std::env::var("CRUX_SARIF_VALIDATE").as_deref() != Ok("1") {
        eprintln!("skipped: set CRUX_SARIF_VALIDATE=1 to run the SARIF multitool");
        return;
    }
    let dir = std::env::temp_dir().join(format!("crux-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let mut logs = Vec::new();
    for path in fixtures() {
        let (log, _, _) = render(&path);
        let out = dir.join(path.with_extension("sarif").file_name().unwrap());
        std::fs::write(&out, log).expect("log written");
        logs.push(out);
    }
    let report = dir.join("validation.sarif");
    // Notes too: every log analyzed gets at least one, which tells a log the tool read
    // from one it skipped (it skips, in silence, a log it cannot deserialize).
    let levels = "Error;Warning;Note";
    // The files come first: a list option (`--level`, `--log`) takes every value after it.
    let mut cmd = match std::env::var_os("CRUX_SARIF_MULTITOOL") {
        Some(tool) => Command::new(tool),
        None => {
            let mut c = Command::new("npx");
            c.args(["-y", MULTITOOL]);
            c
        }
    };
    cmd.arg("validate").args(&logs).arg("-o").arg(&report);
    if std::env::var_os("CRUX_SARIF_MULTITOOL").is_some() {
        cmd.args(["--level", levels]);
    } else {
        // npx's launcher runs the tool through a shell: quote the `;` list.
        cmd.args(["--level".to_string(), format!("'{levels}'")]);
    }
    cmd.args(["--log", "ForceOverwrite"]);
    let output = cmd.output().expect("the SARIF multitool runs");
    let console = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "multitool failed:\n{console}");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("validation report"))
            .expect("the report is JSON");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut errors = Vec::new();
    let mut analyzed = std::collections::BTreeSet::new();
    for r in run["results"].as_array().expect("results") {
        let level = r["level"].as_str().or_else(|| {
            let i = r["ruleIndex"].as_u64()? as usize;
            rules.get(i)?["defaultConfiguration"]["level"].as_str()
        });
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or("");
        analyzed.insert(uri.rsplit('/').next().unwrap_or(uri).to_string());
        // crux has no web page to name, so driver.informationUri is left out on purpose.
        let allowed = r["message"]["id"] == "Warning_ProvideToolnformationUri";
        if level == Some("error") || (level.is_none_or(|l| l == "warning") && !allowed) {
            errors.push(r.to_string());
        }
    }
    assert!(
        errors.is_empty(),
        "the validator found errors or warnings:\n{console}"
    );
    for log in &logs {
        let name = log.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            analyzed.contains(&name),
            "the validator did not analyze {name}:\n{console}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
