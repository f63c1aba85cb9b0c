//! End-to-end tests of the command line: every `tests/cmd/*.toml` runs `crux` with its
//! arguments in its `fs.cwd` (mostly a small project under `tests/fixtures/cli/`, each with
//! its own `crux.yaml` so that the project root is fixed) and compares the exit code,
//! stdout and stderr with the `.stdout` and `.stderr` files next to it.
//!
//! Regenerate with `TRYCMD=overwrite cargo test --test cli`, then read the diff: a few
//! expected files are written by hand, either with `...` / `[..]` where the output is not
//! this test's business (`explain_repo_root.stdout`, the explanations in
//! `rules_json.stdout`),
//! or with the output crux should give where it gives a wrong one today
//! (`check_not_utf8.stderr`, `config_unknown_key.stderr`, `config_empty_level.stderr`,
//! `config_missing_file.stderr`). Overwriting replaces them.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
