//! The `unpinned-artifact` lint rule (E205). Phase: check; reads the syntax trees and the model.

use crate::check::artifact::{Location, locate};
use crate::check::rules::stale_artifact::sha256_of;
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` without a `sha256` pin.
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
    for n in cx.graph.nodes_in_order() {
        for a in g[n].artifacts.iter().filter(|a| a.sha256.is_none()) {
            let actual = match locate(a, cx.project_root) {
                Location::File(p) => sha256_of(&p).ok(),
                _ => None,
            };
            let v = UnpinnedArtifact {
                path: a.path.clone(),
                actual,
            };
            out.push(v, a.path_span);
        }
    }
}
