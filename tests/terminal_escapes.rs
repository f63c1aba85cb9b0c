//! No escape sequence reaches the terminal: every command, run on hostile input (file
//! names, strings and framework names holding `ESC` and the one-character CSI), writes
//! neither byte 0x1b nor U+009B to stdout or stderr.

use std::path::Path;
use std::process::Command;

/// `ESC [ 2 J` (clear the screen) and the C1 CSI form of `ESC [`.
const ESC: &str = "\x1b[2J";
const CSI: &str = "\u{9b}31m";

/// A debate whose file name, node text and artifact path hold escape sequences.
fn hostile_debate(dir: &Path, extra: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let text = format!(
        "thesis t: \"The thesis{ESC}.\"\n\
         evidence e: \"A fact{CSI}.\"\n  supports t 0.8\n  source \"https://example.org\"\n  \
         artifact \"a{ESC}b{CSI}.csv\"\n{extra}"
    );
    std::fs::write(dir.join(format!("n{ESC}{CSI}.crux")), text).unwrap();
}

/// Runs crux in `dir`; what it wrote with an escape, if anything.
fn escapes(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some(),
        "{args:?} ended without an exit code"
    );
    [("stdout", &out.stdout), ("stderr", &out.stderr)]
        .into_iter()
        .find_map(|(name, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            (bytes.contains(&0x1b) || text.contains('\u{9b}'))
                .then(|| format!("{args:?} wrote an escape to {name}:\n{text}"))
        })
}

#[test]
fn no_command_writes_an_escape() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let old = root.join("old");
    let new = root.join("new");
    hostile_debate(&old, "");
    hostile_debate(
        &new,
        &format!("counter c: \"Not so{ESC}.\"\n  attacks t 0.3\n"),
    );
    std::fs::write(root.join(format!("x{ESC}.apx")), format!("arg(a{ESC}).\n")).unwrap();
    std::fs::write(root.join("x.tgf"), format!("1{ESC}\n2\n#\n1{ESC} 2\n")).unwrap();
    std::fs::write(root.join("y.tgf"), format!("1\n2\n#\n1 2{CSI}\n")).unwrap();
    std::fs::write(root.join("z.tgf"), "1\n2\n#\n1 2\n").unwrap();
    let missing = format!("missing{ESC}{CSI}");
    let missing_crux = format!("{missing}.crux");
    let apx = format!("x{ESC}.apx");
    let git_spec = format!("git:HEAD{ESC}");
    let out_in_missing = format!("{missing}/map.svg");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "old"],
        vec!["check", "new"],
        vec!["check", &missing],
        vec!["explain", "t", "old"],
        vec!["explain", &missing, "old"],
        vec!["fmt", "--check", "new"],
        vec!["fmt", &missing],
        vec!["pin", "old"],
        vec!["pin", &missing],
        vec!["diff", "old", "new"],
        vec!["diff", "old", &missing],
        vec!["diff", "old", &git_spec],
        vec!["solve", "--semantics", "grounded", "new"],
        vec!["solve", "--semantics", "dfquad", "new"],
        vec!["solve", "--semantics", "grounded", &apx],
        vec!["solve", "--semantics", "grounded", "x.tgf"],
        vec!["solve", "--semantics", "grounded", "y.tgf"],
        vec!["solve", "--semantics", "grounded", &missing_crux],
        vec![
            "solve",
            "--semantics",
            "grounded",
            "--task",
            "credulous",
            "--arg",
            &missing,
            "z.tgf",
        ],
        vec!["render", "--format", "svg", "-o", &out_in_missing, "old"],
        vec!["render", "--format", "svg", "--root", &missing, "old"],
        vec!["fmt", "new"],
        vec!["man", &missing],
        vec!["rule", &missing],
        vec!["import", "kialo", &missing, "-o", "-"],
        vec!["lsp"],
    ];
    let failures: Vec<String> = runs.iter().filter_map(|a| escapes(root, a)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
