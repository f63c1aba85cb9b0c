//! A crux debate written node for node as one Argdown file, for the benchmarks that
//! run Argdown on the same debate: what `crux render --format argdown` writes
//! (`crux::render::argdown`; each node a statement `[ID]: text #kind {data}`, each
//! relation an outgoing `+>`, `->` or `><` under its source, an undercut an attack on
//! the reason whose inference it denies).

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
    crux::render::argdown::render(&model, &crux::render::aif::Written::of(debate))
}
