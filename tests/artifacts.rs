//! Artifacts on a hostile disk, end to end through the `crux` binary: a file outside the
//! project never reaches a map, a named pipe never blocks, and `render -o` never writes
//! over a file of the debate. Each project is built in a temporary folder; every run
//! has a time limit, so that a command that blocks fails the test instead of hanging it.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What a run of `crux` gave.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `crux ARGS` in `dir`, killing it (and failing) after 60 seconds.
fn crux(dir: &Path, args: &[&str]) -> Run {
    let out = support::crux_within(dir, args, Duration::from_secs(60));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 output"),
    }
}

/// A project folder (with `crux.yaml`) inside a temporary folder, beside a secret file
/// outside the project.
struct Setup {
    _tmp: tempfile::TempDir,
    project: PathBuf,
    secret: PathBuf,
}

const SECRET: &str = "TOP-SECRET-7f3a";

fn setup(crux_yaml: &str, debate: &str) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("private-outside");
    std::fs::create_dir(&outside).unwrap();
    let secret = outside.join("secret.csv");
    std::fs::write(
        &secret,
        format!("{SECRET},value\n{SECRET}-row,1\nx,2\ny,3\n"),
    )
    .unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join("artifacts")).unwrap();
    std::fs::write(project.join("crux.yaml"), crux_yaml).unwrap();
    std::fs::write(project.join("debate.crux"), debate).unwrap();
    Setup {
        _tmp: tmp,
        project,
        secret,
    }
}

const FORMATS: [&str; 5] = ["html", "json", "svg", "dot", "mermaid"];

fn debate_with(artifact: &str) -> String {
    format!(
        "thesis t: \"The thesis.\"\nevidence e: \"A fact.\"\n  supports t\n  \
         source \"https://example.org\"\n  artifact \"{artifact}\"\n"
    )
}

/// Renders every format, to standard output and to a file, and checks that nothing of
/// the secret file reaches any of them: not its bytes, not its place, not a link.
fn assert_nothing_leaks(s: &Setup, artifact: &str) {
    for format in FORMATS {
        let run = crux(&s.project, &["render", "--format", format]);
        assert_eq!(run.code, Some(0), "{format}: {}", run.stderr);
        let out = format!("map.{format}");
        let to_file = crux(&s.project, &["render", "--format", format, "-o", &out]);
        assert_eq!(to_file.code, Some(0), "{format}: {}", to_file.stderr);
        let written = std::fs::read_to_string(s.project.join(&out)).unwrap();
        for text in [&run.stdout, &written] {
            assert!(!text.contains(SECRET), "{format} shows the secret");
            // The path as written is the debate's own text; nothing else may name it.
            let text = text.replace(artifact, "");
            assert!(
                !text.contains("private-outside"),
                "{format} names the outside"
            );
            assert!(
                !text.contains("href=\"./artifacts"),
                "{format} links the artifact"
            );
            assert!(!text.contains("<polyline"), "{format} charts the secret");
        }
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            let a = &json["nodes"][1]["artifacts"][0];
            assert_eq!(a["path"], artifact);
            assert!(a["href"].is_null() && a["preview"].is_null(), "{a}");
        }
    }
    let check = crux(&s.project, &["check"]);
    assert_eq!(check.code, Some(1));
    assert!(
        check.stdout.contains("artifact-outside-project"),
        "{}",
        check.stdout
    );
    assert!(
        !check.stdout.contains("unpinned-artifact"),
        "{}",
        check.stdout
    );
    let pin = crux(&s.project, &["pin"]);
    assert_eq!(pin.code, Some(1));
    assert!(pin.stderr.contains("outside the project"), "{}", pin.stderr);
    assert!(
        !std::fs::read_to_string(s.project.join("debate.crux"))
            .unwrap()
            .contains("sha256")
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_project_reaches_no_map() {
    let s = setup("", &debate_with("artifacts/x.csv"));
    std::os::unix::fs::symlink(&s.secret, s.project.join("artifacts/x.csv")).unwrap();
    assert_nothing_leaks(&s, "artifacts/x.csv");
    // A linked folder is followed before anything is read, too.
    let s = setup("", &debate_with("artifacts/linked/secret.csv"));
    let outside = s.secret.parent().unwrap();
    std::os::unix::fs::symlink(outside, s.project.join("artifacts/linked")).unwrap();
    assert_nothing_leaks(&s, "artifacts/linked/secret.csv");
    // A link out to nothing is still a link out, not a missing file inside.
    let s = setup("", &debate_with("artifacts/dangling.csv"));
    let nowhere = s.secret.with_file_name("not-there.csv");
    std::os::unix::fs::symlink(&nowhere, s.project.join("artifacts/dangling.csv")).unwrap();
    assert_nothing_leaks(&s, "artifacts/dangling.csv");
}

#[test]
fn a_path_out_of_the_project_reaches_no_map() {
    let s = setup("", &debate_with("../private-outside/secret.csv"));
    assert_nothing_leaks(&s, "../private-outside/secret.csv");
    let absolute = setup("", "");
    let path = absolute.secret.display().to_string();
    std::fs::write(absolute.project.join("debate.crux"), debate_with(&path)).unwrap();
    assert_nothing_leaks(&absolute, &path);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_reported_and_never_opened() {
    let s = setup("", &debate_with("artifacts/pipe.csv"));
    let made = Command::new("mkfifo")
        .arg(s.project.join("artifacts/pipe.csv"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let check = crux(&s.project, &["check"]);
    assert_eq!(check.code, Some(1));
    assert!(
        check
            .stdout
            .contains("artifact `artifacts/pipe.csv` is a named pipe (FIFO), not a regular file"),
        "{}",
        check.stdout
    );
    assert!(
        !check.stdout.contains("unpinned-artifact"),
        "{}",
        check.stdout
    );
    for format in FORMATS {
        let run = crux(&s.project, &["render", "--format", format]);
        assert_eq!(run.code, Some(0), "{format}: {}", run.stderr);
    }
    let json = crux(&s.project, &["render", "--format", "json"]).stdout;
    assert!(json.contains("is a named pipe (FIFO)"), "{json}");
    let pin = crux(&s.project, &["pin"]);
    assert_eq!(pin.code, Some(1));
    assert!(
        pin.stderr.contains(
            "artifact `artifacts/pipe.csv` is a named pipe (FIFO), not a regular file; not pinned"
        ),
        "{}",
        pin.stderr
    );
}

#[test]
fn outside_the_artifact_root_is_not_climbing_out() {
    let s = setup("artifact_root: artifacts\n", &debate_with("data/x.csv"));
    std::fs::create_dir(s.project.join("data")).unwrap();
    std::fs::write(s.project.join("data/x.csv"), "a\n1\n").unwrap();
    let check = crux(&s.project, &["check"]);
    assert_eq!(check.code, Some(1));
    assert!(
        check
            .stdout
            .contains("artifact `data/x.csv` is outside the artifact root `artifacts`"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("`..`"), "{}", check.stdout);
    // Inside the root, all is well; with a `..`, the root is still what it leaves.
    std::fs::write(s.project.join("artifacts/x.csv"), "a\n1\n").unwrap();
    let inside = debate_with("artifacts/x.csv");
    let climbing = "evidence f: \"F.\"\n  supports t\n  source \"https://example.org\"\n  \
                    artifact \"artifacts/../../x.csv\" sha256 \"00\"\n";
    std::fs::write(s.project.join("debate.crux"), format!("{inside}{climbing}")).unwrap();
    let check = crux(&s.project, &["check"]);
    let outside: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("error[artifact-outside-project]"))
        .collect();
    assert_eq!(
        outside,
        [
            "error[artifact-outside-project]: artifact `artifacts/../../x.csv` is outside the artifact root `artifacts`"
        ],
        "{}",
        check.stdout
    );
}

#[test]
fn a_missing_artifact_suggests_the_nearest_file() {
    let s = setup("", &debate_with("artifacts/nvidia-revenu.csv"));
    std::fs::write(s.project.join("artifacts/nvidia-revenue.csv"), "a\n1\n").unwrap();
    let check = crux(&s.project, &["check"]);
    assert!(
        check
            .stdout
            .contains("did you mean `artifacts/nvidia-revenue.csv`?"),
        "{}",
        check.stdout
    );
    assert!(
        !check.stdout.contains("unpinned-artifact"),
        "{}",
        check.stdout
    );
}

#[test]
fn render_never_writes_over_a_file_of_the_debate() {
    let s = setup(
        "",
        &format!(
            "{}  artifact \"artifacts/future.csv\"\n",
            debate_with("artifacts/sales.csv")
        ),
    );
    let sales = s.project.join("artifacts/sales.csv");
    std::fs::write(&sales, "year,usd\n2020,1\n").unwrap();
    std::fs::write(s.project.join("other.yaml"), "").unwrap();
    let targets = [
        "artifacts/sales.csv",
        "./artifacts/../artifacts/sales.csv",
        "crux.yaml",
        "debate.crux",
        // Named by the debate but not there yet: writing it would invent the data.
        "artifacts/future.csv",
    ];
    for target in targets {
        let run = crux(&s.project, &["render", "--format", "html", "-o", target]);
        assert_eq!(run.code, Some(2), "{target}");
        assert_eq!(
            run.stderr,
            format!(
                "error: refusing to write the map over {target}, which is an input of the debate\n"
            )
        );
    }
    // `--config` names an input as well.
    let run = crux(
        &s.project,
        &[
            "render",
            "--format",
            "json",
            "--config",
            "other.yaml",
            "-o",
            "other.yaml",
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("refusing to write the map over other.yaml")
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("artifacts/sales.csv", s.project.join("map.html")).unwrap();
        let run = crux(
            &s.project,
            &["render", "--format", "html", "-o", "map.html"],
        );
        assert_eq!(run.code, Some(2), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&sales).unwrap(),
        "year,usd\n2020,1\n"
    );
    assert!(!s.project.join("artifacts/future.csv").exists());
    // A map beside them is fine.
    let run = crux(
        &s.project,
        &["render", "--format", "html", "-o", "artifacts/map.html"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn render_never_writes_over_a_template_it_reads() {
    let s = setup("", &debate_with("artifacts/x.csv"));
    let templates = s.project.join("tpl");
    std::fs::create_dir(&templates).unwrap();
    let page = "<html>{{ title }}</html>\n";
    for name in ["page.html.tera", "card.html.tera", "style.css", "script.js"] {
        std::fs::write(templates.join(name), page).unwrap();
    }
    for name in ["page.html.tera", "card.html.tera", "style.css", "script.js"] {
        let out = format!("tpl/{name}");
        let run = crux(
            &s.project,
            &[
                "render",
                "--format",
                "html",
                "--templates",
                "./tpl",
                "-o",
                &out,
            ],
        );
        assert_eq!(run.code, Some(2), "{out}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: refusing to write the map over {out}, which is a template of the page (--templates)\n"
            )
        );
        assert_eq!(std::fs::read_to_string(templates.join(name)).unwrap(), page);
    }
    // Another file in that folder is not a template.
    let run = crux(
        &s.project,
        &[
            "render",
            "--format",
            "html",
            "--templates",
            "tpl",
            "-o",
            "tpl/map.html",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

/// A `.crux` file or a `crux.yaml` that this run does not read (another debate, a
/// file left out by `exclude:`) is not overwritten either, nor one behind a link.
#[test]
fn render_never_writes_a_debate_file_it_does_not_read() {
    let s = setup("exclude:\n  - drafts/\n", &debate_with("artifacts/x.csv"));
    std::fs::create_dir_all(s.project.join("drafts")).unwrap();
    std::fs::create_dir_all(s.project.join("sub")).unwrap();
    let draft = "claim d: \"A draft.\"\n";
    std::fs::write(s.project.join("drafts/draft.crux"), draft).unwrap();
    std::fs::write(s.project.join("other.crux"), draft).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("other.crux", s.project.join("map.svg")).unwrap();
    let mut targets = vec![
        "drafts/draft.crux",
        "other.crux",
        "new.crux",
        "sub/crux.yaml",
    ];
    if cfg!(unix) {
        targets.push("map.svg");
    }
    for target in targets {
        let run = crux(
            &s.project,
            &["render", "debate.crux", "--format", "svg", "-o", target],
        );
        assert_eq!(run.code, Some(2), "{target}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "error: refusing to write the map to {target}: a `.crux` file or `crux.yaml`"
            )),
            "{}",
            run.stderr
        );
    }
    for file in ["drafts/draft.crux", "other.crux"] {
        assert_eq!(
            std::fs::read_to_string(s.project.join(file)).unwrap(),
            draft
        );
    }
    assert!(!s.project.join("new.crux").exists());
    assert!(!s.project.join("sub/crux.yaml").exists());
}

#[test]
fn render_never_replaces_a_folder_or_a_pipe() {
    let s = setup("", &debate_with("artifacts/x.csv"));
    std::fs::create_dir(s.project.join("maps")).unwrap();
    let run = crux(&s.project, &["render", "--format", "svg", "-o", "maps"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        "error: cannot write maps: it is a folder; name a file\n"
    );
    assert!(s.project.join("maps").is_dir());
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let fifo = s.project.join("map.svg");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let run = crux(&s.project, &["render", "--format", "svg", "-o", "map.svg"]);
        assert_eq!(run.code, Some(2));
        assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

/// `-o` naming a symbolic link that leads to no file yet writes that file, as a link to
/// an existing file writes through to it: the link stays a link. When the file it leads
/// to cannot be made there (no such folder), nothing is written and the link is kept.
/// The file it leads to is protected like any other: an artifact is never written.
#[cfg(unix)]
#[test]
fn render_writes_through_a_link_that_leads_nowhere() {
    use std::os::unix::fs::symlink;
    let s = setup(
        "",
        &format!(
            "{}  artifact \"artifacts/future.csv\"\n",
            debate_with("artifacts/x.csv")
        ),
    );
    let is_link = |name: &str| {
        std::fs::symlink_metadata(s.project.join(name))
            .unwrap()
            .file_type()
            .is_symlink()
    };
    // Relative to the link's folder, not to the current one.
    std::fs::create_dir_all(s.project.join("maps/drawn")).unwrap();
    symlink("drawn/map.svg", s.project.join("maps/map.svg")).unwrap();
    let run = crux(
        &s.project,
        &["render", "--format", "svg", "-o", "maps/map.svg"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(is_link("maps/map.svg"));
    let drawn = std::fs::read_to_string(s.project.join("maps/drawn/map.svg")).unwrap();
    assert!(drawn.contains("<svg "), "{drawn}");

    symlink("nowhere/x.svg", s.project.join("dangling.svg")).unwrap();
    let run = crux(
        &s.project,
        &["render", "--format", "svg", "-o", "dangling.svg"],
    );
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        "error: cannot write dangling.svg: it is a symbolic link to nowhere/x.svg, and the \
         folder nowhere does not exist; the link is left as it is\n"
    );
    assert!(is_link("dangling.svg"));
    assert_eq!(
        std::fs::read_link(s.project.join("dangling.svg")).unwrap(),
        Path::new("nowhere/x.svg")
    );
    assert!(!s.project.join("nowhere").exists());

    symlink("artifacts/future.csv", s.project.join("future.html")).unwrap();
    let run = crux(
        &s.project,
        &["render", "--format", "html", "-o", "future.html"],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: refusing to write the map over future.html, which is an input of the debate\n"
    );
    assert!(is_link("future.html"));
    assert!(!s.project.join("artifacts/future.csv").exists());
}

#[test]
fn a_missing_output_folder_is_named() {
    let s = setup("", &debate_with("artifacts/x.csv"));
    let run = crux(
        &s.project,
        &["render", "--format", "svg", "-o", "maps/out/map.svg"],
    );
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        "error: cannot write maps/out/map.svg: the folder maps/out does not exist\n"
    );
}

/// A `.crux` input named on the command line that is a pipe or a device is refused
/// before it is opened, by every command that reads one: exit 2, with its name.
#[test]
fn an_input_that_is_a_pipe_or_a_device_is_refused() {
    let s = setup("", &debate_with("artifacts/data.csv"));
    let made = Command::new("mkfifo")
        .arg(s.project.join("pipe.crux"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let commands: [&[&str]; 7] = [
        &["check", "pipe.crux"],
        &["fmt", "--check", "pipe.crux"],
        &["render", "--format", "dot", "pipe.crux"],
        &["explain", "t", "pipe.crux"],
        &["solve", "pipe.crux", "--semantics", "grounded"],
        &["diff", "pipe.crux", "debate.crux"],
        &["pin", "pipe.crux"],
    ];
    for args in commands {
        let run = crux(&s.project, args);
        assert_eq!(run.code, Some(2), "crux {}: {}", args.join(" "), run.stderr);
        assert!(
            run.stderr
                .contains("pipe.crux: a named pipe (FIFO), not a regular file"),
            "crux {}: {}",
            args.join(" "),
            run.stderr
        );
    }
    let run = crux(&s.project, &["check", "/dev/zero"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/dev/zero: a device, not a regular file"),
        "{}",
        run.stderr
    );
}

/// An artifact path with a terminal escape sequence in it: `pin` names it with the
/// control characters made visible, as `check` does.
#[test]
fn pin_prints_no_escape_sequence() {
    let s = setup("", &debate_with("a\u{1b}[2Jb\u{1b}]0;title\u{7}.csv"));
    let run = crux(&s.project, &["pin"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        !run.stderr.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        run.stderr
    );
    assert!(run.stderr.contains("a\u{241b}[2Jb"), "{}", run.stderr);
}

/// `crux.yaml` whose `artifact_root` leads out of the project is a config error: no
/// map is made, and nothing of the outside reaches any output.
fn assert_root_refused(s: &Setup, artifact: &str, how: &str) {
    for args in [
        &["render", "--format", "html"][..],
        &["render", "--format", "json"],
        &["check"],
        &["check", "--format", "json"],
    ] {
        let run = crux(&s.project, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains(SECRET), "{args:?} shows the secret");
        assert!(!run.stdout.contains(artifact), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr
                .starts_with("error: `artifact_root` must be a folder inside the project")
                && run.stderr.contains("\n --> crux.yaml:1:16\n"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(how), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains(SECRET), "{args:?}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn an_artifact_root_linked_out_of_the_project_is_refused() {
    let s = setup("artifact_root: data\n", &debate_with("data/secret.csv"));
    std::os::unix::fs::symlink(s.secret.parent().unwrap(), s.project.join("data")).unwrap();
    assert_root_refused(&s, "data/secret.csv", "through a symbolic link");
}

#[test]
fn an_artifact_root_above_the_project_is_refused() {
    let s = setup(
        "artifact_root: ..\n",
        &debate_with("../private-outside/secret.csv"),
    );
    assert_root_refused(&s, "../private-outside/secret.csv", "through `..`");
    let s = setup("artifact_root: /\n", "");
    let path = s.secret.display().to_string();
    std::fs::write(s.project.join("debate.crux"), debate_with(&path)).unwrap();
    assert_root_refused(&s, &path, "through an absolute path");
}

#[test]
fn an_artifact_root_inside_the_project_still_works() {
    let s = setup(
        "artifact_root: artifacts\n",
        &debate_with("artifacts/x.csv"),
    );
    std::fs::write(s.project.join("artifacts/x.csv"), "a,b\n1,2\n").unwrap();
    let run = crux(&s.project, &["render", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("\"preview\""), "{}", run.stdout);
}

/// A debate whose one artifact is pinned by `sha256`.
fn debate_pinned(artifact: &str, sha256: &str) -> String {
    format!(
        "thesis t: \"The thesis.\"\nevidence e: \"A fact.\"\n  supports t\n  \
         source \"https://example.org\"\n  artifact \"{artifact}\" sha256 \"{sha256}\"\n"
    )
}

/// A rule that is off does no work: with `stale-artifact` off, a pinned artifact of a
/// terabyte (sparse, so the test writes nothing) is never hashed, and the check ends
/// at once. Hashing it would take minutes, past the run's time limit.
#[test]
fn an_artifact_rule_that_is_off_reads_no_file() {
    let pin = "0".repeat(64);
    let s = setup(
        "rules:\n  stale-artifact: off\n",
        &debate_pinned("artifacts/huge.bin", &pin),
    );
    let huge = std::fs::File::create(s.project.join("artifacts/huge.bin")).unwrap();
    huge.set_len(1 << 40).unwrap();
    let started = Instant::now();
    let check = crux(&s.project, &["check"]);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    assert!(!check.stdout.contains("stale-artifact"), "{}", check.stdout);
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// The project layer looks at the disk only as far as the rules that are on need:
/// nothing when every artifact rule is off, a hash only for `stale-artifact` (pinned)
/// or `unpinned-artifact` (not pinned).
#[test]
fn artifact_facts_follow_the_rules_that_are_on() {
    use crux::check::{Place, Severities};
    use crux::project::config::{Config, Level, RuleSetting};

    let s = setup("", &debate_pinned("artifacts/x.csv", &"0".repeat(64)));
    std::fs::write(s.project.join("artifacts/x.csv"), "a,b\n1,2\n").unwrap();
    let source = crux::project::read(&s.project.join("debate.crux")).unwrap();
    let debate = crux::parse_debate(vec![source], Default::default());
    let off = |names: &[&str]| {
        let rules = names
            .iter()
            .map(|n| RuleSetting {
                key: n.to_string(),
                level: Level::Off,
                line: 1,
                column: 1,
            })
            .collect();
        Config {
            rules,
            ..Config::default()
        }
        .severities()
        .unwrap()
    };
    let facts = |severities: &Severities| {
        crux::project::artifact::facts(&debate.graph, &s.project, crux::check::needs(severities))
    };
    let artifact = &debate
        .graph
        .graph
        .node_weights()
        .find(|n| !n.artifacts.is_empty())
        .unwrap()
        .artifacts[0];

    let all = facts(&Severities::default());
    let fact = all.get(artifact).expect("looked at");
    assert_eq!(fact.place, Place::File);
    assert_eq!(
        fact.sha256.as_deref(),
        Some("492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470")
    );
    let stale_off = facts(&off(&["stale-artifact"]));
    let fact = stale_off.get(artifact).expect("still located");
    assert_eq!(fact.place, Place::File);
    assert_eq!(fact.sha256, None, "hashed for a rule that is off");
    let none = facts(&off(&[
        "missing-artifact",
        "artifact-outside-project",
        "stale-artifact",
        "unpinned-artifact",
        "failed-expectation",
        "invalid-expectation",
    ]));
    assert!(none.is_empty());
}
