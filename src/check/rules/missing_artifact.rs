//! The `missing-artifact` lint rule (E202). Phase: check; reads the model and the artifact facts (no file).

use crate::check::artifacts::Place;
use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` whose path leads to no file, or to something that is not a
    /// regular file.
    ///
    /// Paths are relative to the `.crux` file that names them; when a file with a
    /// similar path exists in the project, it is suggested. A directory, a named pipe,
    /// a socket or a device is reported and never opened.
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
    pub(crate) struct MissingArtifact { pub path: String, pub resolved: String, pub not_a_file: Option<&'static str>, pub suggestion: Option<String>, pub quoted: bool }
}

impl Violation for MissingArtifact {
    const RULE: Rule = Rule::MissingArtifact;
    fn message(&self) -> String {
        match self.not_a_file {
            Some("a directory") => format!("artifact `{}` is a directory, not a file", self.path),
            Some(what) => format!("artifact `{}` is {what}, not a regular file", self.path),
            None => format!("artifact `{}` does not exist", self.path),
        }
    }
    fn label(&self) -> String {
        match self.not_a_file {
            Some(what) => what.into(),
            None => format!("no file at {}", self.resolved),
        }
    }
    fn help(&self) -> Option<String> {
        Some(match &self.suggestion {
            Some(s) => format!("did you mean `{s}`? (paths are relative to the .crux file)"),
            None => "artifact paths are relative to the .crux file that names them".into(),
        })
    }
    fn replacement(&self) -> Option<String> {
        let path = self.suggestion.as_deref()?;
        Some(if self.quoted {
            format!("\"{}\"", path.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            path.to_string()
        })
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for a in &g[n].artifacts {
            let Some(fact) = cx.artifacts.get(a) else {
                continue;
            };
            let not_a_file = match fact.place {
                Place::Missing => None,
                Place::Directory => Some("a directory"),
                Place::Special(what) => Some(what),
                _ => continue,
            };
            let suggestion = fact.suggestion.clone();
            let v = MissingArtifact {
                path: a.path.clone(),
                resolved: a.resolved.display().to_string(),
                not_a_file,
                suggestion,
                quoted: cx
                    .sources
                    .get(a.path_span.file.0 as usize)
                    .is_some_and(|s| s.slice(a.path_span).starts_with('"')),
            };
            out.push(v, a.path_span);
        }
    }
}
