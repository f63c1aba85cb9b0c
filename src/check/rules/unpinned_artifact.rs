//! The `unpinned-artifact` lint rule (E205). Phase: check; reads the model and the artifact facts (no file).

use crate::check::artifacts::Place;
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` without a `sha256` pin. An artifact that is missing, not a
    /// file, or outside the project is reported by its own rule instead: there is
    /// nothing to pin yet.
    ///
    /// ## Why is this a problem?
    /// Without a pin nobody can tell whether the data changed after the argument was
    /// written; with one, `stale-artifact` tells you when it does.
    ///
    /// ## Example
    /// ```crux
    /// evidence revenue: "Data-center revenue overtook gaming in FY2023."
    ///   artifact "artifacts/nvidia-revenue.csv"
    /// ```
    ///
    /// ## Instead
    /// ```crux
    /// evidence revenue: "Data-center revenue overtook gaming in FY2023."
    ///   artifact "artifacts/nvidia-revenue.csv" sha256 "<the file's sha256>"
    /// ```
    pub(crate) struct UnpinnedArtifact { pub path: String, pub actual: Option<String> }
}

impl Violation for UnpinnedArtifact {
    const RULE: Rule = Rule::UnpinnedArtifact;
    fn message(&self) -> String {
        format!("artifact `{}` is not pinned by a sha256", self.path)
    }
    fn label(&self) -> String {
        "no `sha256`".into()
    }
    fn help(&self) -> Option<String> {
        Some(match &self.actual {
            Some(h) => format!("pin the current content: add `sha256 \"{h}\"`"),
            None => "add `sha256 \"<hex>\"` with the file's sha256".into(),
        })
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for a in g[n].artifacts.iter().filter(|a| a.sha256.is_none()) {
            // Only a file can be pinned; the other cases have their own finding.
            let Some(fact) = cx.artifacts.get(a).filter(|f| f.place == Place::File) else {
                continue;
            };
            let actual = fact.sha256.clone();
            let v = UnpinnedArtifact {
                path: a.path.clone(),
                actual,
            };
            out.push(v, a.path_span);
        }
    }
}
