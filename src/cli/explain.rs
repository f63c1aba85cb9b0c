//! `crux explain`: one node's verdict and why, and the tree of supports, attacks,
//! contradictions and undercuts under it, each node with its verdict and DF-QuAD
//! strength, for a terminal.
//!
//! Phase: cli. Loading and printing live here; the tree itself is
//! [`crate::render::explain::render`], a pure function of the graph and what the
//! semantics say of it.

use std::path::PathBuf;

use super::{ColorChoice, ExitStatus};
use crate::diagnostic::terminal::sanitize;
use crate::diagnostic::{Summary, plural};
use crate::model::ArgGraph;
use crate::render::explain::{Judged, Options, render};
use crate::semantics::carneades::{self, VerdictOptions};
use crate::semantics::weighted::dfquad;
use crate::semantics::{Af, grounded};
use crate::syntax::ast::NodeKind;

/// The deepest tree drawn. Each level indents its lines by three columns, so the text
/// grows with the square of the depth: a long chain drawn a million levels deep would
/// fill the memory long before the terminal (and no one reads a line indented by more
/// than a screen).
const MAX_DEPTH: i64 = 100;

#[derive(clap::Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The ID of the node to explain.
    id: String,
    /// Files and directories of the debate (directories are searched for `.crux`
    /// files). Default: the current directory.
    paths: Vec<PathBuf>,
    /// Use this config file instead of looking for `crux.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Show relations this many levels deep (at most 100); deeper ones are counted, not
    /// shown.
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=MAX_DEPTH))]
    depth: u32,
    /// Colour the output.
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

pub(crate) fn run(args: ExplainArgs) -> ExitStatus {
    let Loaded {
        debate,
        verdict,
        unreadable,
        errors,
    } = match load(&args) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let graph = &debate.graph;
    let Some(&root) = graph.index.get(args.id.as_str()) else {
        let hint =
            match crate::text::closest(graph.index.keys().map(smol_str::SmolStr::as_str), &args.id)
            {
                Some(s) => format!("; did you mean `{s}`?"),
                None => theses_hint(graph),
            };
        return usage_error(&format!("no node `{}` in the debate{hint}", args.id));
    };
    if errors > 0 {
        eprintln!(
            "note: the debate has {}; run `crux check`",
            plural(errors, "error")
        );
    }
    let judged = Judged {
        verdicts: &carneades::evaluate(graph, &verdict),
        verdict: &verdict,
        strengths: &dfquad(graph),
        labels: &grounded(&Af::from_graph(graph)),
    };
    let options = Options {
        color: args.color.enabled(),
        depth: args.depth as usize,
    };
    let out = render(graph, root, &judged, options);
    if !super::stdout::print(out.as_bytes()) || unreadable {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    }
}

/// What `explain` needs of a loaded debate.
struct Loaded {
    /// The debate, as `check` loads it.
    debate: crate::Debate,
    /// The settings of the verdict, from the config.
    verdict: VerdictOptions,
    /// Whether some file could not be read (those are reported and left out).
    unreadable: bool,
    /// How many errors `crux check` reports for the same debate and config.
    errors: usize,
}

/// The debate and its error count, found as `check` finds them. Bad usage is an `Err`,
/// already reported.
fn load(args: &ExplainArgs) -> Result<Loaded, ExitStatus> {
    let loaded =
        super::load::load(&args.paths, args.config.as_deref()).map_err(|e| usage_error(&e.text))?;
    let severities = loaded
        .config
        .severities()
        .map_err(|e| usage_error(&e.to_string()))?;
    let verdict = loaded.config.verdict;
    let diagnostics = crate::check_debate(&loaded.debate, &loaded.root, &severities, &verdict);
    Ok(Loaded {
        verdict,
        errors: Summary::of(&diagnostics).errors,
        debate: loaded.debate,
        unreadable: loaded.unreadable > 0,
    })
}

fn usage_error(message: &str) -> ExitStatus {
    eprintln!("error: {}", sanitize(message));
    ExitStatus::Error
}

/// "; the theses are `a`, `b`", or nothing when the debate has none.
fn theses_hint(graph: &ArgGraph) -> String {
    let theses: Vec<String> = graph
        .nodes_in_order()
        .into_iter()
        .filter(|&n| graph.graph[n].kind == NodeKind::Thesis)
        .map(|n| format!("`{}`", graph.graph[n].id))
        .collect();
    match theses.len() {
        0 => String::new(),
        1 => format!("; the thesis is {}", theses[0]),
        _ => format!("; the theses are {}", theses.join(", ")),
    }
}
