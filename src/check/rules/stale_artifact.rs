//! The `stale-artifact` lint rule (E204). Phase: check; reads the model and the artifact facts (no file).

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};

declare_lint! {
    /// ## What it does
    /// Reports an `artifact` whose file no longer matches its pinned `sha256`, or whose
    /// pin is not a sha256 at all (64 hexadecimal digits).
    ///
    /// ## Why is this a problem?
    /// The data changed after the argument was written against it. The claim may no
    /// longer follow from the file, and readers cannot tell which version was meant.
    ///
    /// ## Example
    /// ```crux
    /// evidence revenue: "Data-center revenue overtook gaming in FY2023."
    ///   artifact "artifacts/nvidia-revenue.csv" sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    /// ```
    ///
    /// ## Instead
    /// Re-read the data, check that the claim still holds, and pin the new hash (print
    /// it with `sha256sum FILE`).
    pub(crate) struct StaleArtifact { pub path: String, pub pinned: String, pub actual: Option<String> }
}

impl Violation for StaleArtifact {
    const RULE: Rule = Rule::StaleArtifact;
    fn message(&self) -> String {
        match &self.actual {
            Some(_) => format!("artifact `{}` changed since it was pinned", self.path),
            None => format!("the pinned hash of `{}` is not a sha256", self.path),
        }
    }
    fn label(&self) -> String {
        match &self.actual {
            Some(actual) => format!(
                "pinned {}…, but the file's sha256 is now {actual}",
                &self.pinned[..12]
            ),
            None => "expected 64 hexadecimal digits".into(),
        }
    }
    fn help(&self) -> Option<String> {
        Some(match self.actual {
            Some(_) => {
                "check that the argument still holds for the new data, then pin the new hash".into()
            }
            None => "a pin is the file's sha256 as 64 hexadecimal digits; print it with `sha256sum FILE`".into(),
        })
    }
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        for a in &g[n].artifacts {
            let Some((pinned, span)) = &a.sha256 else {
                continue;
            };
            let well_formed = pinned.len() == 64 && pinned.bytes().all(|b| b.is_ascii_hexdigit());
            if !well_formed {
                let v = StaleArtifact {
                    path: a.path.clone(),
                    pinned: pinned.clone(),
                    actual: None,
                };
                out.push(v, *span);
                continue;
            }
            // A file that could not be read has no hash: nothing to compare.
            let Some(actual) = cx.artifacts.get(a).and_then(|f| f.sha256.as_ref()) else {
                continue;
            };
            if actual != pinned {
                let v = StaleArtifact {
                    path: a.path.clone(),
                    pinned: pinned.clone(),
                    actual: Some(actual.clone()),
                };
                out.push(v, *span);
            }
        }
    }
}
