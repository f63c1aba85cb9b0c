//! `standard NAME`: every proof standard is read by the parser, lowered into the syntax
//! tree's attributes and resolved onto its node, with the span of the name; a node
//! without one has none (the debate's standard applies), and a word that is no standard
//! is a syntax error that lists the standards.

use crux::syntax::ast::{AttributeKind, ProofStandard};
use crux::syntax::{SourceFile, SyntaxErrorKind};

fn debate(text: &str) -> crux::Debate {
    let source = SourceFile::new("case.crux", "case.crux", text.to_string());
    crux::parse_debate(vec![source], Default::default())
}

#[test]
fn every_standard_is_parsed_lowered_and_resolved() {
    assert_eq!(ProofStandard::ALL.len(), 5);
    for standard in ProofStandard::ALL {
        let name = standard.keyword();
        let text = format!(
            "thesis t: \"T.\"\n  standard {name}\nclaim c: \"C.\"\n  supports t\n  standard\t{name} # why\n"
        );
        let d = debate(&text);
        assert!(d.syntax_errors.is_empty(), "{name}: {:?}", d.syntax_errors);
        assert!(
            d.resolve_errors.is_empty(),
            "{name}: {:?}",
            d.resolve_errors
        );

        // Lowered: one `Standard` attribute per node, keyword `standard`.
        let lowered: Vec<ProofStandard> = d.files[0]
            .nodes
            .iter()
            .flat_map(|n| &n.attributes)
            .filter_map(|a| match a.kind {
                AttributeKind::Standard(s, _) => {
                    assert_eq!(a.kind.keyword(), "standard");
                    Some(s)
                }
                _ => None,
            })
            .collect();
        assert_eq!(lowered, [standard, standard], "{name}");

        // Resolved: on the node, with the span of the name as written.
        for id in ["t", "c"] {
            let node = d.graph.node(id).expect("the node");
            let (s, span) = node.standard.expect("a standard");
            assert_eq!(s, standard, "{name} on {id}");
            assert_eq!(d.sources[0].slice(span), name, "{name} on {id}");
        }
    }
}

#[test]
fn a_node_without_a_standard_has_none() {
    let d = debate("thesis t: \"T.\"\n  status accepted\n");
    assert!(d.syntax_errors.is_empty(), "{:?}", d.syntax_errors);
    assert!(d.graph.node("t").expect("the node").standard.is_none());
}

#[test]
fn an_unknown_standard_is_a_syntax_error_that_names_the_standards() {
    let d =
        debate("thesis t: \"T.\"\n  standard preponderence\nthesis u: \"U.\"\n  standard strict\n");
    let errors: Vec<_> = d.syntax_errors.iter().collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let SyntaxErrorKind::UnknownStandard { word, suggestion } = &errors[0].kind else {
        panic!("{:?}", errors[0]);
    };
    assert_eq!(
        (word.as_str(), *suggestion),
        ("preponderence", Some("preponderance"))
    );
    assert_eq!(d.sources[0].slice(errors[0].span), "preponderence");
    let help = errors[0].help().expect("a help line");
    assert!(help.starts_with("did you mean `preponderance`?"), "{help}");
    let SyntaxErrorKind::UnknownStandard { word, suggestion } = &errors[1].kind else {
        panic!("{:?}", errors[1]);
    };
    assert_eq!((word.as_str(), *suggestion), ("strict", None));
    let help = errors[1].help().expect("a help line");
    for standard in ProofStandard::ALL {
        assert!(
            help.contains(&format!("`{}`", standard.keyword())),
            "{help}"
        );
    }
}

#[test]
fn a_standard_given_twice_is_reported_like_a_status_given_twice() {
    let d = debate("thesis t: \"T.\"\n  standard scintilla\n  standard dialectical\n");
    assert_eq!(d.syntax_errors.len(), 1, "{:?}", d.syntax_errors);
    assert!(matches!(
        d.syntax_errors[0].kind,
        SyntaxErrorKind::DuplicateAttribute {
            keyword: "standard",
            ..
        }
    ));
}

#[test]
fn standard_is_a_keyword_and_cannot_be_an_id() {
    let d = debate("claim standard: \"S.\"\n");
    assert!(
        d.syntax_errors.iter().any(
            |e| matches!(&e.kind, SyntaxErrorKind::KeywordAsId { word } if word == "standard")
        ),
        "{:?}",
        d.syntax_errors
    );
}
