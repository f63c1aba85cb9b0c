//! The semantics against the reference answers for the ICCMA benchmark instances in
//! `tests/data/iccma/expected.tsv`: grounded extension (size and hash), stable
//! existence and count, credulous and skeptical preferred acceptance. Rows marked
//! TIMEOUT (the reference solver did not finish) are skipped for that column.
//!
//! `CRUX_ICCMA_DATA=DIR` runs the same checks on another folder of the same layout
//! (`MANIFEST.tsv`, `expected.tsv` and the frameworks), such as the full set the
//! shipped files are taken from.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use sha1::{Digest, Sha1};

use crux::semantics::{Af, Answer, Deadline, Semantics, Task, grounded, input, solve};

fn data() -> PathBuf {
    match std::env::var_os("CRUX_ICCMA_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/iccma"),
    }
}

fn read(file: &str) -> Af {
    let bytes = std::fs::read(data().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let text = String::from_utf8_lossy(&bytes);
    match input::read_framework(&text) {
        Ok(af) => af,
        // One sample file is truncated mid-fact; the reference read its complete facts.
        Err(_) => {
            let end = text.rfind('\n').expect("a line break");
            input::read_framework(&text[..end]).unwrap_or_else(|e| panic!("{file}: {e}"))
        }
    }
}

struct Row {
    file: String,
    gr_size: usize,
    gr_sha1_12: String,
    stable_exists: String,
    stable_count: String,
    query: String,
    dc_pr: String,
    ds_pr: String,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(data().join("expected.tsv")).expect("expected.tsv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (f, gs, gh, se, sc, q, dc, ds) = (
        col("file"),
        col("gr_size"),
        col("gr_sha1_12"),
        col("stable_exists"),
        col("stable_count"),
        col("query"),
        col("DC-PR"),
        col("DS-PR"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                file: c[f].into(),
                gr_size: c[gs].parse().expect("gr_size"),
                gr_sha1_12: c[gh].into(),
                stable_exists: c[se].into(),
                stable_count: c[sc].into(),
                query: c[q].into(),
                dc_pr: c[dc].into(),
                ds_pr: c[ds].into(),
            }
        })
        .collect()
}

fn accepted(af: &Af, semantics: Semantics, task: Task) -> Option<bool> {
    let deadline = Deadline(Some(Instant::now() + Duration::from_secs(60)));
    match solve(af, semantics, task, deadline, &mut |_| true) {
        Ok(Answer::Accepted(b)) => Some(b),
        Ok(other) => panic!("unexpected {other:?}"),
        Err(_) => None,
    }
}

#[test]
fn every_reference_answer_matches() {
    let rows = rows();
    assert!(rows.len() >= 35, "only {} rows", rows.len());
    let mut checked = 0;
    let mut failures = Vec::new();
    for row in &rows {
        let af = read(&row.file);
        // Grounded: size, and sha1 of the sorted member names joined by newlines.
        let mut members: Vec<&str> = grounded(&af)
            .in_set()
            .into_iter()
            .map(|a| af.names[a as usize].as_str())
            .collect();
        // The reference sorts numeric names (ICCMA'23) as numbers, others as text.
        if members.iter().all(|m| m.parse::<u64>().is_ok()) {
            members.sort_unstable_by_key(|m| m.parse::<u64>().expect("numeric"));
        } else {
            members.sort_unstable();
        }
        let hash: String = Sha1::digest(members.join("\n").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if members.len() != row.gr_size || hash[..12] != row.gr_sha1_12 {
            failures.push(format!(
                "{}: grounded has {} members (hash {}), expected {} ({})",
                row.file,
                members.len(),
                &hash[..12],
                row.gr_size,
                row.gr_sha1_12
            ));
        }
        checked += 1;

        // Stable: existence, and the number of extensions where the reference counted
        // them (it stops at 1000).
        let deadline = || Deadline(Some(Instant::now() + Duration::from_secs(60)));
        if row.stable_count != "TIMEOUT" {
            let mut count = 0usize;
            let result = solve(
                &af,
                Semantics::Stable,
                Task::Enumerate,
                deadline(),
                &mut |_| {
                    count += 1;
                    count < 1000
                },
            );
            let ok = match row.stable_count.as_str() {
                ">=1000" => count >= 1000,
                n => n.parse::<usize>().ok() == Some(count),
            };
            if result.is_err() || !ok {
                failures.push(format!(
                    "{}: {count} stable extensions{}, expected {}",
                    row.file,
                    if result.is_err() {
                        " before the time limit"
                    } else {
                        ""
                    },
                    row.stable_count
                ));
            }
            checked += 1;
        }
        if row.stable_exists != "TIMEOUT" {
            match solve(&af, Semantics::Stable, Task::Some, deadline(), &mut |_| {
                true
            }) {
                Ok(Answer::Extension(found)) => {
                    let exists = if found.is_some() { "yes" } else { "no" };
                    if exists != row.stable_exists {
                        failures.push(format!(
                            "{}: stable exists {exists}, expected {}",
                            row.file, row.stable_exists
                        ));
                    }
                    checked += 1;
                }
                Ok(other) => panic!("unexpected {other:?}"),
                Err(_) => failures.push(format!("{}: stable existence timed out", row.file)),
            }
        }

        // Preferred acceptance of the query argument.
        let query = af
            .find(&row.query)
            .unwrap_or_else(|| panic!("{}: no argument {}", row.file, row.query));
        for (task, expected, name) in [
            (Task::Credulous(query), &row.dc_pr, "DC-PR"),
            (Task::Skeptical(query), &row.ds_pr, "DS-PR"),
        ] {
            if expected == "TIMEOUT" {
                continue;
            }
            match accepted(&af, Semantics::Preferred, task) {
                Some(got) => {
                    let got = if got { "YES" } else { "NO" };
                    if got != expected {
                        failures.push(format!("{}: {name} {got}, expected {expected}", row.file));
                    }
                    checked += 1;
                }
                None => failures.push(format!("{}: {name} timed out", row.file)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} answers differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 100, "only {checked} answers checked");
}

/// The extension files shipped with the probo examples, for complete, grounded,
/// preferred and stable enumeration.
#[test]
fn probo_solutions_match() {
    let dir = "craandijk/generators/vendor/probo/examples";
    for example in ["ex1", "ex2", "ex3"] {
        let af = read(&format!("{dir}/{example}.apx"));
        for (suffix, semantics) in [
            ("EE-CO", Semantics::Complete),
            ("EE-GR", Semantics::Grounded),
            ("EE-PR", Semantics::Preferred),
            ("EE-ST", Semantics::Stable),
        ] {
            let text = std::fs::read_to_string(
                data().join(format!("{dir}/solutions/{example}.apx.{suffix}")),
            )
            .expect("solution file");
            // `[[a1,a2],[a3]]`: a list of extensions.
            let inner = text
                .trim()
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .expect("a list");
            let mut expected: Vec<Vec<String>> = inner
                .split(']')
                .map(|e| e.trim_start_matches([',', '[']).trim())
                .filter(|e| !e.is_empty() || inner.contains("[]"))
                .map(|e| {
                    let mut m: Vec<String> = e
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.trim().to_string())
                        .collect();
                    m.sort();
                    m
                })
                .collect();
            expected.sort();
            expected.dedup();
            let mut got: Vec<Vec<String>> = Vec::new();
            solve(
                &af,
                semantics,
                Task::Enumerate,
                Deadline::none(),
                &mut |e| {
                    let mut m: Vec<String> =
                        e.iter().map(|&a| af.names[a as usize].clone()).collect();
                    m.sort();
                    got.push(m);
                    true
                },
            )
            .expect("no deadline");
            got.sort();
            assert_eq!(got, expected, "{example} {suffix}");
        }
    }
}

/// st_890_86_9_572 is hard for every solver: `--timeout` must end it cleanly, with its
/// own exit code and a message, soon after the limit.
#[test]
fn timeout_ends_a_hard_instance_cleanly() {
    let file = data().join("assat/ASSAT_Amsat/example/st_890_86_9_572.af");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["solve", file.to_str().expect("utf-8 path")])
        .args([
            "--semantics",
            "preferred",
            "--task",
            "skeptical",
            "--arg",
            "1",
            "--timeout",
            "2",
        ])
        .output()
        .expect("crux runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains("timed out after"), "stderr: {stderr}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}
