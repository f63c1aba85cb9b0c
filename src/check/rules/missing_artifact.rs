//! The `missing-artifact` lint rule (E202). Phase: check; reads the syntax trees and the model.

use crate::check::artifact::{Location, locate};
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` whose path leads to no file. Paths are relative to the
    /// `.crux` file that names them.
    ///
    /// ## Why is this a problem?
    /// The evidence points at data that is not there: a reader who follows the link in
    /// the rendered map finds nothing, and the claim it backs is unverifiable.
    ///
    /// ## Example
    /// ```crux
    /// evidence revenue: "Data-center revenue overtook gaming in FY2023."
    ///   artifact "artifacts/nvidia-revenu.csv"
    /// ```
    ///
    /// ## Instead
    /// Fix the path (relative to this file), or commit the file.
    pub(crate) struct MissingArtifact { pub path: String, pub resolved: String, pub directory: bool }
}

impl Violation for MissingArtifact {
    const RULE: Rule = Rule::MissingArtifact;
    fn message(&self) -> String {
        if self.directory {
            format!("artifact `{}` is a directory, not a file", self.path)
        } else {
            format!("artifact `{}` does not exist", self.path)
        }
    }
    fn label(&self) -> String {
        if self.directory {
            "a directory".into()
        } else {
            format!("no file at {}", self.resolved)
        }
    }
    fn help(&self) -> Option<String> {
        Some("artifact paths are relative to the .crux file that names them".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for n in cx.graph.nodes_in_order() {
        for a in &g[n].artifacts {
            let directory = match locate(a, cx.project_root) {
                Location::Missing => false,
                Location::Directory => true,
                _ => continue,
            };
            {
                let v = MissingArtifact {
                    path: a.path.clone(),
                    resolved: a.resolved.display().to_string(),
                    directory,
                };
                out.push(v, a.path_span);
            }
        }
    }
}
