//! The `artifact-outside-project` lint rule (E203). Phase: check; reads the syntax trees and the model.

use crate::check::artifact::{Location, locate};
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` path that is absolute, that climbs out of the project with
    /// `..`, or that is a symbolic link leading out of it. The project is the directory
    /// of `crux.yaml` (or its `artifact_root`), else the enclosing git work tree.
    ///
    /// ## Why is this a problem?
    /// Such a path works on one machine only: a reviewer, CI, or a reader of the
    /// published map cannot follow it, and rendering would link to files outside the
    /// project.
    ///
    /// ## Example
    /// ```crux
    /// evidence revenue: "Data-center revenue overtook gaming in FY2023."
    ///   artifact "/home/me/data/nvidia-revenue.csv"
    /// ```
    ///
    /// ## Instead
    /// Copy the file into the project and use a relative path:
    /// ```crux
    ///   artifact "artifacts/nvidia-revenue.csv"
    /// ```
    pub(crate) struct ArtifactOutsideProject { pub path: String, pub why: String }
}

impl Violation for ArtifactOutsideProject {
    const RULE: Rule = Rule::ArtifactOutsideProject;
    fn message(&self) -> String {
        format!("artifact `{}` {}", self.path, self.why)
    }
    fn label(&self) -> String {
        "outside the project".into()
    }
    fn help(&self) -> Option<String> {
        Some("keep artifacts inside the project and name them by a relative path".into())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for n in cx.graph.nodes_in_order() {
        for a in &g[n].artifacts {
            let why = match locate(a, cx.project_root) {
                Location::Absolute => "is an absolute path".to_string(),
                Location::ClimbsOut => "climbs out of the project with `..`".to_string(),
                Location::LinksOut(to) => format!(
                    "is a link that leads out of the project (to {})",
                    to.display()
                ),
                Location::Missing | Location::Directory | Location::File(_) => continue,
            };
            let v = ArtifactOutsideProject {
                path: a.path.clone(),
                why,
            };
            out.push(v, a.path_span);
        }
    }
}
