//! The SARIF printer: one SARIF 2.1.0 log (one run) for code-scanning services such as
//! GitHub's, which show each result on the pull request.
//!
//! Phase: output, like the other printers. Unlike them it also lists the rules (passed in
//! as [`RuleDoc`]s, the whole registry of `check`), because a SARIF log describes every
//! rule the tool has, not only the ones that fired; it does no IO (the caller passes the
//! directory paths are made relative to).
//!
//! The log holds `tool.driver.rules`: the rules given, in their order (the registry's
//! code order), so a result's `ruleIndex` is its rule's position there; and one result
//! per diagnostic, in the
//! order given, with the primary span as its location and the secondary labels as
//! `relatedLocations`, and its suggestion, if it has one, as a fix (one replacement).
//! Artifact URIs are relative references against `%SRCROOT%` (the
//! directory crux ran in). Columns count UTF-16 code units, the SARIF default
//! (`columnKind` says so), so for characters outside the Basic Multilingual Plane they
//! differ from the character columns of the other printers. The output has no time stamps
//! or absolute paths, so the same input gives the same bytes.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::{Diagnostic, InputProblem, Label, RuleDoc, Severity, SourceMap};
use crate::syntax::{SourceFile, Span};

/// The schema URI every crux SARIF log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF version.
pub const VERSION: &str = "2.1.0";

/// The base that artifact URIs are relative to.
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, BaseLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
}

/// The run's invocation, written when the input had problems: it did not succeed, and
/// each problem is a notification (where it has a file, at its place).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: NotificationPlace,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationPlace {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<LineRegion>,
}

/// A line and column, for a problem of the input (its column counts characters, which
/// are UTF-16 code units in the text config files hold).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineRegion {
    start_line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u64>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
struct BaseLocation {
    description: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

/// The edit of a finding's suggestion.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Message,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: InsertedContent,
}

#[derive(Serialize)]
struct InsertedContent {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

/// Renders diagnostics as a pretty-printed SARIF 2.1.0 log describing `rules` (every
/// rule of the registry, in its order). `base` is the directory that relative file names
/// are relative to (the current directory); absolute file names are made relative to it.
pub fn render(
    diagnostics: &[Diagnostic],
    rules: &[RuleDoc],
    sources: &(impl SourceMap + ?Sized),
    base: Option<&Path>,
) -> String {
    render_with_problems(diagnostics, rules, sources, base, &[])
}

/// [`render`], with the problems of the input that stopped the check or left part of it
/// unread: when there are any, the run's invocation is unsuccessful and names each as a
/// notification, so that a code-scanning upload says why the check failed.
pub fn render_with_problems(
    diagnostics: &[Diagnostic],
    rules: &[RuleDoc],
    sources: &(impl SourceMap + ?Sized),
    base: Option<&Path>,
    problems: &[InputProblem],
) -> String {
    let invocations = if problems.is_empty() {
        Vec::new()
    } else {
        vec![Invocation {
            execution_successful: false,
            tool_execution_notifications: problems.iter().map(|p| notification(p, base)).collect(),
        }]
    };
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "crux",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseLocation {
                    description: text("The directory crux was run in."),
                },
            )]),
            column_kind: "utf16CodeUnits",
            results: diagnostics
                .iter()
                .map(|d| result(d, rules, sources, base))
                .collect(),
            invocations,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("a SARIF log serializes");
    out.push('\n');
    out
}

/// One problem of the input as a notification, at its file and place when it has them.
fn notification(problem: &InputProblem, base: Option<&Path>) -> Notification {
    let locations = (problem.file.as_deref())
        .map(|file| NotificationLocation {
            physical_location: NotificationPlace {
                artifact_location: artifact(file, base),
                region: (problem.line > 0).then_some(LineRegion {
                    start_line: problem.line,
                    start_column: (problem.column > 0).then_some(problem.column),
                }),
            },
        })
        .into_iter()
        .collect();
    Notification {
        level: "error",
        message: text(sentence(&problem.message)),
        locations,
    }
}

fn text(s: impl Into<String>) -> Message {
    Message { text: s.into() }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(info: &RuleDoc) -> ReportingDescriptor<'static> {
    let explanation = explanation(info);
    ReportingDescriptor {
        id: info.code,
        name: info.name,
        short_description: text(info.summary.clone()),
        full_description: text(what_it_does(&explanation)),
        help: MultiformatMessage {
            text: explanation.clone(),
            markdown: explanation,
        },
        default_configuration: Configuration {
            level: level(info.default_severity),
        },
    }
}

/// The explanation as `crux rule` prints it: doc lines without their leading space.
fn explanation(info: &RuleDoc) -> String {
    info.explanation
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The paragraphs under `## What it does`, each joined into one line.
fn what_it_does(explanation: &str) -> String {
    let body = explanation
        .split("## What it does")
        .nth(1)
        .unwrap_or(explanation);
    let section = body.split("\n#").next().unwrap_or(body);
    section
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn result<'a>(
    d: &'a Diagnostic,
    rules: &[RuleDoc],
    sources: &(impl SourceMap + ?Sized),
    base: Option<&Path>,
) -> SarifResult<'a> {
    // Every diagnostic comes from a registered rule; were one not to, it would still be
    // reported, only without the index.
    let rule_index = rules.iter().position(|r| r.code == d.code);
    let mut message = sentence(&d.message);
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&sentence(help));
    }
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: text(message),
        locations: [location(&d.primary, None, sources, base)],
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| location(l, Some(i + 1), sources, base))
            .collect(),
        fixes: d
            .suggestion
            .iter()
            .map(|s| {
                let file = sources.file(s.span);
                Fix {
                    description: text(format!("Replace with `{}`.", s.replacement)),
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact(&file.name, base),
                        replacements: [Replacement {
                            deleted_region: region(file, s.span),
                            inserted_content: InsertedContent {
                                text: s.replacement.clone(),
                            },
                        }],
                    }],
                }
            })
            .collect(),
    }
}

/// The text with a full stop at the end unless it already ends a sentence.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '?', '!']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn location(
    label: &Label,
    id: Option<usize>,
    sources: &(impl SourceMap + ?Sized),
    base: Option<&Path>,
) -> Location {
    let file = sources.file(label.span);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&file.name, base),
            region: region(file, label.span),
        },
        message: (!label.message.is_empty()).then(|| text(label.message.as_str())),
    }
}

fn region(file: &SourceFile, span: Span) -> Region {
    let (start_line, start_column) = position(file, span.start);
    let (end_line, end_column) = position(file, span.end);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

/// 1-based line and UTF-16 column of a byte offset, from the file's line index (a
/// byte order mark is not counted).
fn position(file: &SourceFile, offset: u32) -> (u32, u32) {
    let at = file.lines().line_col_utf16(offset);
    (at.line, at.column)
}

/// The artifact location of a file name as crux prints it: a relative URI reference
/// against `%SRCROOT%`. An absolute name is made relative to `base`; when it cannot be
/// (no `base`, or another Windows drive) it becomes a `file:` URI with no base.
fn artifact(name: &str, base: Option<&Path>) -> ArtifactLocation {
    let path = Path::new(name);
    let relative = if path.is_absolute() {
        base.and_then(|b| relative_to(path, b))
    } else {
        Some(path.to_path_buf())
    };
    match relative {
        Some(rel) => ArtifactLocation {
            uri: relative_uri(&rel),
            uri_base_id: Some(SRCROOT),
        },
        None => ArtifactLocation {
            uri: file_uri(path),
            uri_base_id: None,
        },
    }
}

/// `path` relative to `base`, both absolute, worked out on the names alone (with `..`
/// where `path` is not under `base`). `None` when they have different roots or `base`
/// itself climbs with `..`.
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let (p, b) = (parts(path), parts(base));
    if p.first() != b.first() {
        return None;
    }
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if b[common..]
        .iter()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// The components of a path, without `.`.
fn parts(path: &Path) -> Vec<Component<'_>> {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// A relative path as a URI reference: `/` between segments, each segment
/// percent-encoded.
fn relative_uri(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode_segment(&s.to_string_lossy())),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    segments.join("/")
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for c in path.components() {
        match c {
            Component::Prefix(p) => {
                uri.push('/');
                uri.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => uri.push('/'),
            Component::Normal(s) => {
                if !uri.ends_with('/') {
                    uri.push('/');
                }
                uri.push_str(&encode_segment(&s.to_string_lossy()));
            }
            Component::ParentDir => {
                if !uri.ends_with('/') {
                    uri.push('/');
                }
                uri.push_str("..");
            }
            Component::CurDir => {}
        }
    }
    uri
}

/// Percent-encodes every byte of a path segment except RFC 3986 unreserved characters.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("a b%:é.crux"), "a%20b%25%3A%C3%A9.crux");
        assert_eq!(relative_uri(Path::new("dir/x y.crux")), "dir/x%20y.crux");
        assert_eq!(relative_uri(Path::new("./../a.crux")), "../a.crux");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_relative() {
        let rel = |p: &str, b: &str| relative_to(Path::new(p), Path::new(b));
        assert_eq!(rel("/w/p/a.crux", "/w/p"), Some(PathBuf::from("a.crux")));
        assert_eq!(
            rel("/w/q/a.crux", "/w/p"),
            Some(PathBuf::from("../q/a.crux"))
        );
        assert_eq!(
            rel("/w/p/./d/a.crux", "/w/p/"),
            Some(PathBuf::from("d/a.crux"))
        );
        assert_eq!(rel("/a.crux", "/w/../p"), None);
        let a = artifact("/w/p/d/a b.crux", Some(Path::new("/w/p")));
        assert_eq!(a.uri, "d/a%20b.crux");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        let a = artifact("/w/p/a.crux", None);
        assert_eq!(a.uri, "file:///w/p/a.crux");
        assert_eq!(a.uri_base_id, None);
    }

    #[test]
    fn columns_count_utf16_units_after_a_byte_order_mark() {
        let file = SourceFile::new("a.crux", "a.crux", "\u{FEFF}ab\n😀x".to_string());
        assert_eq!(position(&file, 3), (1, 1));
        assert_eq!(position(&file, 5), (1, 3));
        // After the emoji (4 bytes, 2 UTF-16 units) on line 2.
        assert_eq!(position(&file, 10), (2, 3));
    }

    #[test]
    fn messages_end_as_sentences() {
        assert_eq!(sentence("unknown ID `x`"), "unknown ID `x`.");
        assert_eq!(sentence("did you mean `y`?"), "did you mean `y`?");
    }
}
