//! A mistake costs its line, or at worst its node: the nodes after it parse as usual,
//! so that highlighting and folding go on below a typo.

use tree_sitter::{Node, Parser};

fn parse(text: &str) -> tree_sitter::Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_crux::LANGUAGE.into())
        .unwrap();
    parser.parse(text, None).unwrap()
}

/// The IDs of the nodes that parsed whole, without an error inside.
fn clean_nodes(text: &str) -> Vec<String> {
    let tree = parse(text);
    let root = tree.root_node();
    let mut cursor = root.walk();
    root.children(&mut cursor)
        .filter(|n: &Node| n.kind() == "node" && !n.has_error())
        .map(|n| {
            let id = n.child(0).unwrap().child_by_field_name("id").unwrap();
            text[id.byte_range()].to_string()
        })
        .collect()
}

const AFTER: &str = "claim b: \"b\"\n  supports a 0.5\n\nclaim c: \"c\"\n  attacks b\n";

#[test]
fn the_nodes_after_a_mistake_parse() {
    for broken in [
        "claim a: \"never closed\n  credence 0.5\n",
        "claim a: \"C:\\path\"\n  credence 0.5\n",
        "clam a: \"a\"\n  credence 0.5\n",
        "claim supports: \"a\"\n",
        "claim a \"no colon\"\n",
        "claim a: \"a\"\n  suports x\n  status maybe\n  credence 0.5x\n",
        "# crux: allow(\n",
        "claim a: \"\"\"a block\"\"\" \"\"\"\n",
        "supports x\n",
        "\"\n",
        "---\ntitle: front matter that is never closed\n\n",
    ] {
        let text = format!("{broken}{AFTER}");
        assert!(parse(&text).root_node().has_error(), "{broken:?} parses");
        let clean = clean_nodes(&text);
        assert!(
            clean.ends_with(&["b".to_string(), "c".to_string()]),
            "{broken:?}: the nodes that parse are {clean:?}"
        );
    }
}

#[test]
fn a_mistake_inside_a_node_costs_its_line_only() {
    let text = "claim a: \"a\"\n  suports x\n  credence 0.5\n  tags x,\n  supports b\n";
    let tree = parse(text);
    let node = tree.root_node().child(0).unwrap();
    assert_eq!(node.kind(), "node");
    let mut cursor = node.walk();
    let kinds: Vec<&str> = node.children(&mut cursor).map(|n| n.kind()).collect();
    assert_eq!(
        kinds,
        ["header", "ERROR", "credence", "tags", "ERROR", "relation"]
    );
}

#[test]
fn an_unclosed_string_ends_at_the_end_of_its_line() {
    let text = "claim a: \"never closed\n  credence 0.5\n  supports b\n";
    let tree = parse(text);
    let node = tree.root_node().child(0).unwrap();
    assert_eq!(node.kind(), "node");
    let mut cursor = node.walk();
    let kinds: Vec<&str> = node.children(&mut cursor).map(|n| n.kind()).collect();
    assert_eq!(kinds, ["header", "credence", "relation"]);
    // The one error: the `"` missing at the end of the first line.
    let string = node.child(0).unwrap().child_by_field_name("text").unwrap();
    let missing = string.child(string.child_count() - 1).unwrap();
    assert!(missing.is_missing(), "{}", string.to_sexp());
    assert_eq!(missing.start_position().row, 0);
    assert!(!node.child(1).unwrap().has_error());
}
