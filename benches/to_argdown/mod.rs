//! A crux debate written node for node as one Argdown file, for the benchmarks that
//! run Argdown on the same debate: what `crux render --format argdown` writes
//! (`crux::render::argdown`; each node a statement `[ID]: text #kind`, each relation an
//! outgoing `+>`, `->` or `><` under its source, an undercut an attack on the reason
//! whose inference it denies), without the statement data the export ends a line with
//! (sources, weights and the other attributes, `{...}`). Argdown is timed on the
//! words, tags and relations of the debate, as in every run recorded before the export
//! wrote data, so that the ratios stay comparable; reading the data too takes Argdown
//! longer.

use crux::Debate;
use crux::render::model::{ArtifactAccess, Context};

/// The debate in Argdown, node for node and relation for relation.
pub fn to_argdown(debate: &Debate) -> String {
    let cx = Context {
        sources: &debate.sources,
        output_dir: ".".into(),
        artifact: &|_| ArtifactAccess::Outside,
        verdict: Default::default(),
    };
    let model = crux::render::build_model(debate, &[], &cx);
    let argdown = crux::render::argdown::render(&model, &crux::render::aif::Written::of(debate));
    // A `{` of a statement's text is escaped (`\{`) and one in its data is written
    // `\u007B`: the data starts at the line's first ` {`.
    let mut out = String::with_capacity(argdown.len());
    for line in argdown.lines() {
        let line = match line.starts_with('[') {
            true => line.find(" {").map_or(line, |at| &line[..at]),
            false => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}
