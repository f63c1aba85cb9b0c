//! `crux fmt`: on any text it either refuses (syntax errors) or returns a file that is
//! already formatted (idempotent), that means the same (the same nodes, relations,
//! front matter and `crux check` findings, resolution errors among them, spans aside) and that
//! keeps every comment. It never answers that formatting would be unsafe. A file with
//! syntax errors is formatted around them, once and for all.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use crux::check::Severities;
use crux::fmt::{FormatError, format};
use crux::syntax::{FileId, SourceFile};

const ROOT: &str = "/nonexistent/crux-fuzz";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let out = match format(text) {
        Ok(out) => out,
        Err(FormatError::Syntax(_)) => {
            let (once, _) = crux::fmt::format_around_errors(text)
                .unwrap_or_else(|e| panic!("{e}\n--- input:\n{text}"));
            let (twice, _) = crux::fmt::format_around_errors(&once)
                .unwrap_or_else(|e| panic!("{e}\n--- formatted:\n{once}"));
            assert_eq!(once, twice, "formatting around errors is not idempotent");
            return;
        }
        Err(e @ FormatError::Unsafe(_)) => panic!("{e}"),
    };
    match format(&out) {
        Ok(again) => assert_eq!(again, out, "formatting is not idempotent"),
        Err(e) => panic!("the formatted text does not format: {e}\n--- formatted:\n{out}"),
    }
    for comment in &crux::syntax::parse(FileId(0), text).ast.comments {
        assert!(
            out.contains(&comment.text),
            "the comment {:?} is lost\n--- formatted:\n{out}",
            comment.text
        );
    }
    let (before, after) = (meaning(text), meaning(&out));
    assert_eq!(
        before, after,
        "formatting changed the meaning\n--- formatted:\n{out}"
    );
});

/// What a file means, spans and layout aside.
#[derive(Debug, PartialEq)]
struct Meaning {
    nodes: Vec<String>,
    edges: Vec<String>,
    front_matter: Vec<String>,
    diagnostics: Vec<String>,
    comments: Vec<String>,
}

/// A weight or credence, with -0 and 0 as one value.
fn num(x: f64) -> String {
    format!("{:?}", x + 0.0)
}

fn meaning(text: &str) -> Meaning {
    let source = SourceFile::new("fuzz.crux", format!("{ROOT}/fuzz.crux"), text.to_string());
    let debate = crux::parse_debate(vec![source], Default::default());
    let g = &debate.graph.graph;
    let id = |i: petgraph::graph::NodeIndex| g[i].id.clone();
    let nodes = debate
        .graph
        .nodes_in_order()
        .into_iter()
        .map(|i| {
            let n = &g[i];
            let mut allow: Vec<&str> = n.allow.iter().map(|a| a.name.as_str()).collect();
            allow.sort();
            let artifacts: Vec<String> = n
                .artifacts
                .iter()
                .map(|a| {
                    format!(
                        "{:?} {:?} {:?} {:?} {:?}",
                        a.path,
                        a.resolved,
                        a.sha256.as_ref().map(|s| &s.0),
                        a.title,
                        a.kind
                    )
                })
                .collect();
            let sources: Vec<&str> = n.sources.iter().map(|s| s.0.as_str()).collect();
            format!(
                "{} {:?} {:?} credence={:?} status={:?} standard={:?} by={:?} tags={:?} \
                 note={:?} sources={sources:?} artifacts={artifacts:?} allow={allow:?}",
                n.id,
                n.kind,
                n.text,
                n.credence.map(|c| num(c.0)),
                n.status.map(|s| s.0),
                n.standard.map(|s| s.0),
                n.by,
                n.tags,
                n.note,
            )
        })
        .collect();
    let edges = g
        .edge_indices()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("an edge");
            let w = &g[e];
            let undercut = w.undercuts.and_then(|u| g.edge_endpoints(u));
            format!(
                "{} {:?} {} weight={} written={:?} undercuts={:?}",
                id(s),
                w.relation,
                id(t),
                num(w.weight),
                w.written_weight.map(|x| num(x.0)),
                undercut.map(|(a, b)| (id(a), id(b)))
            )
        })
        .collect();
    let front_matter = debate
        .graph
        .front_matter
        .iter()
        .map(|(_, f)| {
            format!(
                "{:?} {:?} {:?} {:?} {:?}",
                f.title, f.description, f.source, f.authors, f.date
            )
        })
        .collect();
    let mut diagnostics: Vec<String> = crux::check_debate(
        &debate,
        Path::new(ROOT),
        &Severities::default(),
        &Default::default(),
    )
    .iter()
    .map(|d| {
        format!(
            "{} {} | {} | {:?}",
            d.code, d.message, d.primary.message, d.help
        )
    })
    .collect();
    diagnostics.sort();
    let mut comments: Vec<String> = debate.files[0]
        .comments
        .iter()
        .map(|c| c.text.clone())
        .collect();
    comments.sort();
    Meaning {
        nodes,
        edges,
        front_matter,
        diagnostics,
        comments,
    }
}
