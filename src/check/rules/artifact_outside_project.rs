//! The `artifact-outside-project` lint rule (E203). Phase: check; reads the model and the artifact facts (no file).

use crate::check::artifacts::Place;
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` path that is absolute, that climbs out of the project with
    /// `..`, that ends outside `artifact_root`, or that is a symbolic link leading out
    /// of the project. The project is the directory of `crux.yaml` (or its
    /// `artifact_root`), else the enclosing git work tree.
    ///
    /// ## Why is this a problem?
    /// Such a path works on one machine only: a reviewer, CI, or a reader of the
    /// published map cannot follow it. Nothing outside the project is ever read or
    /// linked: the map shows the path as text, without a preview.
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
    pub(crate) struct ArtifactOutsideProject { pub path: String, pub why: String, pub label: String, pub help: String }
}

impl Violation for ArtifactOutsideProject {
    const RULE: Rule = Rule::ArtifactOutsideProject;
    fn message(&self) -> String {
        format!("artifact `{}` {}", self.path, self.why)
    }
    fn label(&self) -> String {
        self.label.clone()
    }
    fn help(&self) -> Option<String> {
        Some(self.help.clone())
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    const KEEP: &str = "keep artifacts inside the project and name them by a relative path";
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for a in &g[n].artifacts {
            // The message is shown in maps too: it never names a place outside.
            let Some(fact) = cx.artifacts.get(a) else {
                continue;
            };
            let (why, label, help) = match &fact.place {
                Place::Absolute => (
                    "is an absolute path".to_string(),
                    "outside the project".to_string(),
                    KEEP.to_string(),
                ),
                Place::ClimbsOut => (
                    "climbs out of the project with `..`".to_string(),
                    "outside the project".to_string(),
                    KEEP.to_string(),
                ),
                Place::OutsideRoot { root } => (
                    format!("is outside the artifact root `{root}`"),
                    format!("not under `{root}`"),
                    format!(
                        "artifacts must be under `{root}` (`artifact_root` in crux.yaml); \
                         move the file there or fix the path"
                    ),
                ),
                Place::LinksOut(to) => (
                    "is a symbolic link that leads out of the project".to_string(),
                    format!("links to {}", to.display()),
                    "copy the file into the project instead of linking to it".to_string(),
                ),
                Place::Missing | Place::Directory | Place::Special(_) | Place::File => continue,
            };
            let v = ArtifactOutsideProject {
                path: a.path.clone(),
                why,
                label,
                help,
            };
            out.push(v, a.path_span);
        }
    }
}
