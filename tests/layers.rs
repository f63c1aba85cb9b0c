//! The phases depend on each other in one direction only (the order is written in
//! `src/lib.rs`): this test reads every `crate::` path of every module file under `src/`
//! and fails, naming the file and line, on a path that reaches a module of the same or a
//! higher layer. Paths inside one top-level module are free, and so are comments and
//! test modules (`#[cfg(test)] mod tests`), which may build their input with the whole
//! pipeline.

use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use the modules of lower layers only; modules
/// of one layer are independent of each other. `root` is the crate root (`lib.rs`:
/// `Debate`, `parse_debate`, `check_debate`), named by `crate::NAME` for an item NAME.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["syntax", "expect", "interrupt"],
    &["diagnostic", "fmt"],
    &["model"],
    &["import"],
    &["semantics"],
    &["check"],
    &["root"],
    &["project"],
    &["render", "diff"],
    &["lsp", "serve"],
    &["cli"],
];

/// Edges against the order that are allowed, each as the using module and the path it
/// uses. None is: the checker is handed what the disk says about artifacts as data.
/// [`exceptions_are_still_needed`] fails once an entry is unused.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// The layer of a top-level module; an item of the crate root is `root`.
fn layer(module: &str) -> usize {
    let find = |name: &str| LAYERS.iter().position(|l| l.contains(&name));
    find(module).unwrap_or_else(|| find("root").expect("a root layer"))
}

/// The top-level module a file belongs to (`src/render/svg.rs` → `render`), or `root`
/// for `lib.rs`; `None` for `main.rs` and other files outside the library's modules.
fn owner(relative: &Path) -> Option<String> {
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?.to_string();
    if parts.next().is_some() {
        return Some(first);
    }
    match first.as_str() {
        "lib.rs" => Some("root".into()),
        "main.rs" => None,
        file => file.strip_suffix(".rs").map(str::to_string),
    }
}

/// How deep a file's module sits below the crate root: `src/a.rs` and `src/a/mod.rs`
/// are 1, `src/a/b.rs` is 2.
fn depth(relative: &Path) -> usize {
    let n = relative.components().count();
    match relative.file_name().and_then(|f| f.to_str()) {
        Some("mod.rs") => n - 1,
        Some("lib.rs") => 0,
        _ => n,
    }
}

/// The top-level names a line reaches: after `crate::`, in a `crate::{a, b::c}` group,
/// and after enough `super::` to climb to the crate root.
fn targets(line: &str, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let before = &rest[..i];
        let after = &rest[i + "crate::".len()..];
        rest = after;
        // `$crate::` is a macro's crate, and `foo_crate::` another name.
        if before.ends_with('$') || before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            // Top-level names of a group: those at brace depth 0 after a `{` or `,`.
            let mut level = 0usize;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && level == 0 => {
                        start = false;
                        let name = ident(&group[j..]);
                        if !name.is_empty() && name != "self" {
                            out.push(name);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(after);
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    if depth > 0 {
        let climb = "super::".repeat(depth);
        let mut rest = line;
        while let Some(i) = rest.find(&climb) {
            let after = &rest[i + climb.len()..];
            rest = after;
            let name = ident(after);
            if !name.is_empty() && name != "super" {
                out.push(name);
            }
        }
    }
    out
}

/// Every edge against the layer order in one file, as `file:line: from → to`.
/// `relative` is the file's path below `src/`.
fn back_edges(relative: &Path, text: &str) -> Vec<String> {
    let Some(from) = owner(relative) else {
        return Vec::new();
    };
    let depth = depth(relative);
    let mut out = Vec::new();
    let mut in_test = false;
    let mut pending_test = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // Comments (doc links included) are no dependency of the code.
        if in_test || trimmed.starts_with("//") {
            continue;
        }
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        if pending_test {
            pending_test = false;
            // A test module runs to the end of the file, by this crate's style.
            if trimmed.starts_with("mod ") || trimmed.starts_with("pub(crate) mod ") {
                in_test = true;
                continue;
            }
        }
        for to in targets(line, depth) {
            if to == from {
                continue;
            }
            let (a, b) = (layer(&from), layer(&to));
            let excepted = EXCEPTIONS
                .iter()
                .any(|(user, path)| *user == from && line.contains(path));
            if b >= a && !excepted {
                out.push(format!(
                    "src/{}:{}: `{from}` uses `{to}`, which is not below it",
                    relative.display(),
                    n + 1
                ));
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_depend_only_on_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut errors = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("below src/");
        // The syntax layer is the lowest: it may use only itself.
        let text = std::fs::read_to_string(path).expect("a UTF-8 source file");
        errors.extend(back_edges(relative, &text));
    }
    assert!(files.len() > 50, "found only {} files", files.len());
    assert!(
        errors.is_empty(),
        "edges against the layer order of src/lib.rs:\n{}",
        errors.join("\n")
    );
}

#[test]
fn exceptions_are_still_needed() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for (user, path) in EXCEPTIONS {
        let used = files.iter().any(|f| {
            let relative = f.strip_prefix(&src).expect("below src/");
            owner(relative).as_deref() == Some(*user)
                && std::fs::read_to_string(f).is_ok_and(|t| t.contains(path))
        });
        assert!(used, "`{user}` no longer uses `{path}`: drop the exception");
    }
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            assert!(
                LAYERS.iter().any(|l| l.contains(&name)),
                "module `{name}` has no layer in tests/layers.rs"
            );
        }
    }
}

#[test]
fn the_order_is_written_in_lib_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let written: String = LAYERS
        .iter()
        .map(|l| l.join(", "))
        .collect::<Vec<_>>()
        .join(" → ");
    assert!(
        lib.contains(&format!("//! {written}\n")),
        "src/lib.rs's header should name the layers as `//! {written}`"
    );
}

#[test]
fn a_back_edge_is_reported_with_file_and_line() {
    let text = "use crate::syntax::Span;\n\nuse crate::render::model::CsvPreview;\n";
    assert_eq!(
        back_edges(Path::new("project/preview.rs"), text),
        ["src/project/preview.rs:3: `project` uses `render`, which is not below it"]
    );
}

#[test]
fn peers_and_the_same_layer_are_back_edges_too() {
    let text = "fn f() { crate::semantics::grounded(); crate::check::check(); }\n";
    assert_eq!(
        back_edges(Path::new("semantics/af.rs"), text),
        ["src/semantics/af.rs:1: `semantics` uses `check`, which is not below it"]
    );
    assert_eq!(
        back_edges(Path::new("render/mod.rs"), "use crate::diff::x;\n"),
        ["src/render/mod.rs:1: `render` uses `diff`, which is not below it"]
    );
}

#[test]
fn groups_super_paths_and_root_items_are_read() {
    let grouped = "use crate::{model::ArgGraph, cli::{run, Args}};\n";
    assert_eq!(
        back_edges(Path::new("check/mod.rs"), grouped),
        ["src/check/mod.rs:1: `check` uses `cli`, which is not below it"]
    );
    let climbing = "use super::super::render::svg;\n";
    assert_eq!(
        back_edges(Path::new("diagnostic/sarif.rs"), climbing),
        ["src/diagnostic/sarif.rs:1: `diagnostic` uses `render`, which is not below it"]
    );
    // `super::super::` from two levels down stays inside `render`.
    assert!(
        back_edges(
            Path::new("render/layout/rank.rs"),
            "use super::super::csr;\n"
        )
        .is_empty()
    );
    let root = "let d = crate::parse_debate(files, options);\n";
    assert_eq!(
        back_edges(Path::new("model/graph.rs"), root),
        ["src/model/graph.rs:1: `model` uses `parse_debate`, which is not below it"]
    );
    assert!(back_edges(Path::new("diff/mod.rs"), "use crate::Debate;\n").is_empty());
}

#[test]
fn test_modules_and_macro_paths_are_free() {
    let text = "use crate::syntax::Span;\n#[cfg(test)]\nmod tests {\n    use crate::cli::run;\n}\n";
    assert!(back_edges(Path::new("model/edge.rs"), text).is_empty());
    assert!(back_edges(Path::new("model/edge.rs"), "$crate::cli::run!()\n").is_empty());
    assert!(back_edges(Path::new("model/edge.rs"), "/// See [`crate::cli::run`].\n").is_empty());
}

/// Inside `syntax`, the files read each other in one order too: the keywords and
/// positions, then the lexer, the lowered form, the green tree and the record of a
/// line's events, the tree views, lowering and the parser.
const SYNTAX_ORDER: &[&str] = &[
    "kind",
    "span",
    "error",
    "split",
    "describe",
    "ast",
    "yaml",
    "front_matter",
    "green",
    "event",
    "tree",
    "lower",
    "parser",
];

/// The `super::NAME` modules a file's code lines use (comments and test modules aside).
fn super_uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        let mut rest = code;
        while let Some(i) = rest.find("super::") {
            rest = &rest[i + "super::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
        }
    }
    out
}

/// Uses of a later module of `SYNTAX_ORDER`, as `file:line: uses NAME`.
fn syntax_back_edges(module: &str, text: &str) -> Vec<String> {
    let rank = |m: &str| SYNTAX_ORDER.iter().position(|x| *x == m);
    let Some(me) = rank(module) else {
        return Vec::new();
    };
    super_uses(text)
        .into_iter()
        .filter(|(_, used)| rank(used).is_some_and(|r| r >= me) && used != module)
        .map(|(line, used)| format!("src/syntax/{module}.rs:{line}: uses `{used}`"))
        .collect()
}

#[test]
fn syntax_files_depend_only_on_earlier_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/syntax");
    let mut errors = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("src/syntax") {
        let path = entry.expect("an entry").path();
        let module = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if module == "mod" {
            continue;
        }
        assert!(
            SYNTAX_ORDER.contains(&module),
            "src/syntax/{module}.rs has no place in SYNTAX_ORDER"
        );
        seen += 1;
        let text = std::fs::read_to_string(&path).expect("readable");
        errors.extend(syntax_back_edges(module, &text));
    }
    assert_eq!(seen, SYNTAX_ORDER.len());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn a_syntax_back_edge_is_found() {
    let text = "use super::parser::Parsed;\n// super::parser in a comment\n";
    assert_eq!(
        syntax_back_edges("lower", text),
        ["src/syntax/lower.rs:1: uses `parser`"]
    );
    assert!(syntax_back_edges("parser", "use super::lower;\n").is_empty());
}
