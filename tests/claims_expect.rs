//! The showcase's evidence checks itself: every expectation in `claims/` holds today, and
//! a benchmark regression that breaks a claim's threshold fails `crux check claims/`
//! with a message that names the evidence and the values, as CI would see it.

use std::path::Path;
use std::process::Command;

/// Copies `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `crux ARGS`: exit code and standard output.
fn crux(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `crux check DIR`: exit code and standard output.
fn check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_showcase_has_expectations_and_they_hold() {
    let claims = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
    let text = std::fs::read_to_string(claims.join("performance.crux")).unwrap();
    assert!(text.matches("\n  expect \"").count() >= 20);
    let (code, out) = check(&claims);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("expectation"), "{out}");
}

#[test]
fn a_benchmark_regression_fails_the_check_and_names_the_claim() {
    let tmp = tempfile::tempdir().unwrap();
    let claims = tmp.path().join("claims");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("claims"),
        &claims,
    );
    // The 10,000-node check regresses to 61.5 ms (the claim says under 50 ms).
    let csv = claims.join("benchmarks/check-scaling.csv");
    let data = std::fs::read_to_string(&csv).unwrap();
    assert!(
        data.starts_with("nodes,files,median_ms,"),
        "the benchmark's columns are nodes,files,median_ms,..."
    );
    let median = |nodes: &str| -> String {
        let row = data.lines().find(|l| l.starts_with(&format!("{nodes},")));
        row.unwrap().split(',').nth(2).unwrap().to_string()
    };
    let (median_1k, median_10k) = (median("1000"), median("10000"));
    assert!(
        median_10k.parse::<f64>().unwrap() < 50.0,
        "the claim holds today"
    );
    let row = data.lines().find(|l| l.starts_with("10000,")).unwrap();
    let mut fields: Vec<&str> = row.split(',').collect();
    fields[2] = "61.5";
    std::fs::write(&csv, data.replace(row, &fields.join(","))).unwrap();

    let (code, out) = check(&claims);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error[failed-expectation]: `bench_10k` expects `median_ms where nodes == 10000 < 50`, \
             but its data says otherwise: value(median_ms, where nodes == 10000) 61.5 >= 50"
        ),
        "{out}"
    );
    assert!(
        out.contains("its support for `ten_k_under_50ms` does not count"),
        "{out}"
    );
    // The regression is reported once, on the one evidence of that threshold.
    assert_eq!(out.matches("error[failed-expectation]").count(), 1, "{out}");

    // The evidence falls, attacked by its own data, and explain says why.
    let (_, out) = crux(&["explain".as_ref(), "bench_10k".as_ref(), claims.as_os_str()]);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains("bench_10k (evidence) falls: its own data (`median_ms where nodes == 10000 < 50` fails: value(median_ms, where nodes == 10000) 61.5 >= 50) attacks it"),
        "{out}"
    );
    // Its strength is what its data leaves of it: nothing, with nothing supporting it.
    assert!(out.contains("falls 0.00 "), "{out}");
    // `crux solve` judges it as every other command does.
    for (semantics, line) in [
        ("carneades", "bench_10k falls"),
        ("dfquad", "bench_10k 0.000000"),
    ] {
        let (_, out) = crux(&[
            "solve".as_ref(),
            claims.as_os_str(),
            "--semantics".as_ref(),
            semantics.as_ref(),
        ]);
        assert!(out.lines().any(|l| l == line), "{semantics}: {out}");
    }
    // The tree says it too, under the node, values and all.
    assert!(
        out.contains("its data: `median_ms where nodes == 10000 < 50` fails: value(median_ms, where nodes == 10000) 61.5 >= 50"),
        "{out}"
    );
    // crux diff lists the expectation that flipped.
    let before = tmp.path().join("before");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("claims"),
        &before,
    );
    let (code, out) = crux(&["diff".as_ref(), before.as_os_str(), claims.as_os_str()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "expectation \"median_ms where nodes == 10000 < 50\" now fails: value(median_ms, where nodes == 10000) 61.5 >= 50"
        ),
        "{out}"
    );
    assert!(out.contains("bench_10k         stands → falls"), "{out}");
    // crux pin refuses to pin the changed file for the evidence it refutes, unless forced.
    let text = |dir: &Path| std::fs::read_to_string(dir.join("performance.crux")).unwrap();
    let unpinned = text(&claims);
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("pin")
        .arg(&claims)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("artifact `benchmarks/check-scaling.csv` changed and `bench_10k`'s expectation `median_ms where nodes == 10000 < 50` fails: value(median_ms, where nodes == 10000) 61.5 >= 50 (--force pins it anyway); not pinned"),
        "{stderr}"
    );
    let refused = text(&claims);
    let line = |t: &str, id: &str| {
        let at = t.find(&format!("evidence {id}:")).unwrap();
        t[at..]
            .lines()
            .find(|l| l.contains("check-scaling.csv"))
            .unwrap()
            .to_string()
    };
    assert_eq!(line(&refused, "bench_10k"), line(&unpinned, "bench_10k"));
    assert_ne!(
        line(&refused, "bench_1k"),
        line(&unpinned, "bench_1k"),
        "the others are pinned"
    );
    let (code, _) = crux(&["pin".as_ref(), "--force".as_ref(), claims.as_os_str()]);
    assert_eq!(code, 0);
    assert_ne!(
        line(&text(&claims), "bench_10k"),
        line(&unpinned, "bench_10k")
    );

    // The card shows each expectation with its mark and deciding values.
    let page = tmp.path().join("map.html");
    let (code, _) = crux(&[
        "render".as_ref(),
        claims.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        page.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&page).unwrap();
    let failed = "\"✗\",\"median_ms where nodes == 10000 < 50\",\"value(median_ms, where nodes == 10000) 61.5 >= 50\"";
    let held = format!(
        "\"✓\",\"median_ms where nodes == 1000 < 50\",\"value(median_ms, where nodes == 1000) {median_1k} < 50\""
    );
    let escaped = |s: &str| s.replace('<', "\\u003c").replace('>', "\\u003e");
    assert!(
        html.contains(failed) || html.contains(&escaped(failed)) || html.contains("<li class=\"fails\"><span class=\"glyph\">✗</span> <code>median_ms where nodes == 10000 &lt; 50</code>: value(median_ms, where nodes == 10000) 61.5 &gt;= 50</li>"),
        "no failed expectation on the card"
    );
    assert!(
        html.contains(&held) || html.contains(&escaped(&held)) || html.contains(&format!("<li class=\"holds\"><span class=\"glyph\">✓</span> <code>median_ms where nodes == 1000 &lt; 50</code>: value(median_ms, where nodes == 1000) {median_1k} &lt; 50</li>")),
        "no held expectation on the card"
    );
    // The map marks the refuted evidence's box, in the page and in the SVG export.
    let bench_10k = html
        .find("\"id\":[")
        .map(|at| &html[at..])
        .and_then(|ids| {
            let list = &ids[6..ids.find(']').unwrap()];
            list.split(',').position(|id| id == "\"bench_10k\"")
        })
        .expect("bench_10k in the page's data");
    assert!(
        html.contains(&format!("\"refuted\":[{bench_10k}]")),
        "the page's data marks bench_10k alone as refuted"
    );
    let svg = tmp.path().join("map.svg");
    let (code, _) = crux(&[
        "render".as_ref(),
        claims.as_os_str(),
        "--format".as_ref(),
        "svg".as_ref(),
        "-o".as_ref(),
        svg.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(
        svg.matches("· ✗ refuted by its data</text>").count(),
        1,
        "one box says its data refutes it"
    );
}
