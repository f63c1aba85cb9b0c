//! A weight reads the same in every output: each map format and `crux explain` write
//! `0.125` as the author did (up to three decimals, no trailing zeros), never rounded
//! to `0.13` in one format and not in another.

use std::process::Command;

const DEBATE: &str = "thesis t: \"The thesis.\"\n\
claim a: \"A reason.\"\n  supports t 0.125\n\
claim b: \"Another reason.\"\n  attacks t 0.5\n";

fn crux(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("crux runs");
    assert!(
        out.status.success(),
        "crux {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn every_format_writes_a_weight_alike() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("weights.crux"), DEBATE).expect("the debate is written");
    for format in ["svg", "html", "dot", "mermaid"] {
        // `--layout` is for the drawn formats only.
        let layout: &[&str] = match format {
            "svg" | "html" => &["--layout", "builtin"],
            _ => &[],
        };
        let args = [&["render", "--format", format], layout, &["weights.crux"]].concat();
        let out = crux(dir.path(), &args);
        assert!(out.contains("0.125"), "{format} does not show 0.125");
        assert!(!out.contains("0.13"), "{format} rounds 0.125 to 0.13");
    }
    let explained = crux(dir.path(), &["explain", "t", "weights.crux"]);
    assert!(explained.contains("×0.125"), "{explained}");
    assert!(explained.contains("×0.5"), "{explained}");
}
