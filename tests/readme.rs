//! Every `crux` example in the README parses without a syntax error.

#[test]
fn readme_examples_parse() {
    let readme = include_str!("../README.md");
    let mut count = 0;
    for block in readme.split("```crux\n").skip(1) {
        let example = block.split("\n```").next().expect("closed block");
        let parsed = crux::syntax::parse(crux::syntax::FileId(0), example);
        assert!(
            parsed.errors.is_empty(),
            "README example does not parse: {:?}\n{example}",
            parsed.errors
        );
        count += 1;
    }
    assert!(count >= 9, "only {count} examples found");
}
