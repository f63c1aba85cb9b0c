//! Every command that reads `.crux` files reports a file it cannot read in the same
//! way: one `error: FILE: why` line on stderr naming the file, and exit 2, whether the
//! file was found in a folder, named on the command line, or read from a git revision.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A debate every command can work on: `explain t` finds its thesis.
const DEBATE: &str =
    "thesis t: \"Remote work raises output.\"\n\nclaim c: \"Commutes are gone.\"\n  supports t\n";

/// The kinds of unreadable `.crux` file.
#[derive(Clone, Copy, Debug)]
enum Bad {
    /// Not UTF-8 (an ISO 8859-1 `é` on line 2).
    NotUtf8,
    /// UTF-16 without a byte order mark, as an editor may save it: its ASCII would
    /// pass as UTF-8, with a NUL after each character.
    Utf16,
    /// One byte over the size limit (a sparse file: it takes no disk space).
    TooLarge,
    /// A named pipe: opening it would block until a writer comes.
    #[cfg(unix)]
    Pipe,
    /// A folder named like a `.crux` file: searched as a folder, so that the file in it
    /// that cannot be read is the one reported.
    Folder,
}

impl Bad {
    /// Makes `bad.crux` in `dir`; returns the message for it, after `PREFIX` (`""` on
    /// disk, `REV:` in git).
    fn make(self, dir: &Path) -> &'static str {
        let path = dir.join("bad.crux");
        match self {
            Bad::NotUtf8 => {
                std::fs::write(&path, b"claim d: \"Fine.\"\nclaim e: \"caf\xe9\"\n").unwrap();
                "bad.crux:2:14: not valid UTF-8 text (a .crux file must be UTF-8)"
            }
            Bad::Utf16 => {
                let text = "claim d: \"Fine.\"\n";
                let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
                std::fs::write(&path, bytes).unwrap();
                "bad.crux:1:1: not valid UTF-8 text: it looks like UTF-16; save it as UTF-8"
            }
            Bad::TooLarge => {
                let file = std::fs::File::create(&path).unwrap();
                file.set_len(crux::project::MAX_FILE_BYTES + 1).unwrap();
                "bad.crux: file is too large (the limit is 64 MiB)"
            }
            #[cfg(unix)]
            Bad::Pipe => {
                let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
                // SAFETY: a valid NUL-terminated path.
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
                "bad.crux: a named pipe (FIFO), not a regular file"
            }
            Bad::Folder => {
                std::fs::create_dir(&path).unwrap();
                std::fs::write(path.join("inner.crux"), b"\xff\n").unwrap();
                "bad.crux/inner.crux:1:1: not valid UTF-8 text (a .crux file must be UTF-8)"
            }
        }
    }

    fn all() -> Vec<Bad> {
        vec![
            Bad::NotUtf8,
            Bad::Utf16,
            Bad::TooLarge,
            #[cfg(unix)]
            Bad::Pipe,
            Bad::Folder,
        ]
    }
}

/// A project folder with `debate.crux` and `bad.crux`, beside a folder `old` with the
/// debate alone (the other side of `diff`), and an empty home for git.
struct Setup {
    _tmp: tempfile::TempDir,
    project: PathBuf,
    home: PathBuf,
    message: &'static str,
}

fn setup(bad: Bad) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    let old = tmp.path().join("old");
    let home = tmp.path().join("home");
    for dir in [&project, &old, &home] {
        std::fs::create_dir(dir).unwrap();
    }
    std::fs::write(project.join("debate.crux"), DEBATE).unwrap();
    std::fs::write(old.join("debate.crux"), DEBATE).unwrap();
    let message = bad.make(&project);
    Setup {
        _tmp: tmp,
        project,
        home,
        message,
    }
}

/// Runs `program` in `dir`, with a git configuration of its own.
fn run(dir: &Path, home: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CEILING_DIRECTORIES", home.parent().unwrap_or(home))
        .env("GIT_AUTHOR_NAME", "crux test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "crux test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

/// Asserts that `crux args` in `dir` exits 2 and reports `message` in one line, once.
fn assert_reported(s: &Setup, args: &[&str], message: &str) {
    let out = run(&s.project, &s.home, env!("CARGO_BIN_EXE_crux"), args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = format!("error: {message}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "crux {}: {stderr}",
        args.join(" ")
    );
    assert_eq!(
        stderr.lines().filter(|l| *l == line).count(),
        1,
        "crux {}: expected `{line}` once in:\n{stderr}",
        args.join(" ")
    );
}

/// Makes the project folder a git repository and commits everything in it.
fn commit_all(s: &Setup) {
    for args in [
        &["init", "-q"][..],
        &["config", "commit.gpgsign", "false"],
        &["add", "."],
        &["commit", "-q", "-m", "debate"],
    ] {
        let out = run(&s.project, &s.home, "git", args);
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }
}

/// Every command that reads a debate, on the folder (`.`) or on `target`.
fn commands(target: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["check", target],
        vec!["check", "--format", "json", target],
        vec!["render", "--format", "dot", target],
        vec!["explain", "t", target],
        vec!["fmt", "--check", target],
        vec!["fmt", target],
        vec!["pin", target],
        vec!["solve", target, "--semantics", "grounded"],
        vec!["diff", "../old", target],
        vec!["diff", target, "../old"],
    ]
}

#[test]
fn every_command_reports_an_unreadable_file_found_in_a_folder() {
    for bad in Bad::all() {
        let s = setup(bad);
        for args in commands(".") {
            assert_reported(&s, &args, s.message);
        }
        // The good file was neither rewritten nor lost.
        assert_eq!(
            std::fs::read_to_string(s.project.join("debate.crux")).unwrap(),
            DEBATE,
            "{bad:?}"
        );
    }
}

#[test]
fn every_command_reports_an_unreadable_file_named_on_the_command_line() {
    for bad in Bad::all() {
        let s = setup(bad);
        for args in commands("bad.crux") {
            assert_reported(&s, &args, s.message);
        }
    }
}

#[test]
fn diff_reports_an_unreadable_file_of_a_git_revision_the_same_way() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    // A pipe cannot be committed.
    for bad in [Bad::NotUtf8, Bad::Utf16, Bad::TooLarge, Bad::Folder] {
        let s = setup(bad);
        commit_all(&s);
        let message = format!("HEAD:{}", s.message);
        assert_reported(&s, &["diff", "git:HEAD", "../old"], &message);
        assert_reported(&s, &["diff", "../old", "git:HEAD:."], &message);
        // Both sides are read, and every unreadable file of both is reported.
        let out = run(
            &s.project,
            &s.home,
            env!("CARGO_BIN_EXE_crux"),
            &["diff", "git:HEAD", "."],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("error: {message}\n")), "{stderr}");
        assert!(
            stderr.contains(&format!("error: {}\n", s.message)),
            "{stderr}"
        );
        assert!(out.stdout.is_empty(), "no diff is printed");
    }
}

/// What a folder search says of a `.crux` symbolic link, which it does not follow.
const LINK: &str = "link.crux: a symbolic link, which a folder search does not follow; name \
                    the file it leads to, or leave the link out with `exclude:` in crux.yaml";

/// A `.crux` link in a folder searched is not followed, and not left out silently
/// either: every command reports it as it reports a file it cannot read (its errors
/// would otherwise never reach a check). Named on the command line, it is read, and in
/// a git revision it is reported as on disk.
#[cfg(unix)]
#[test]
fn a_link_found_in_a_folder_is_reported_and_one_named_is_read() {
    let s = setup(Bad::NotUtf8);
    std::fs::remove_file(s.project.join("bad.crux")).unwrap();
    let elsewhere = s.project.parent().unwrap().join("elsewhere.crux");
    std::fs::write(&elsewhere, "claim l: \"Linked.\"\n  supports missing_id\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, s.project.join("link.crux")).unwrap();
    for args in commands(".") {
        assert_reported(&s, &args, LINK);
    }
    let crux = env!("CARGO_BIN_EXE_crux");
    let named = run(
        &s.project,
        &s.home,
        crux,
        &["check", "link.crux", "debate.crux"],
    );
    let stdout = String::from_utf8_lossy(&named.stdout);
    assert_eq!(named.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("unknown ID `missing_id`"), "{stdout}");
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    commit_all(&s);
    assert_reported(&s, &["diff", "git:HEAD", "../old"], &format!("HEAD:{LINK}"));
}
