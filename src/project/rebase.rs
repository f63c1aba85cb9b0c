//! The artifact paths of an imported debate, for the folder its `.crux` file is written
//! into. A relative artifact path in the input (crux's AIF extension carries them) names
//! a file relative to the input's folder; written as it is into a `.crux` file in
//! another folder (`crux import ... -o DIR`), it would name another file, or none.
//!
//! - A relative path to a file that exists next to the input is rewritten relative to
//!   the output folder (`data.csv` read from `in/` and written into `out/` becomes
//!   `../in/data.csv`), with a warning that says so.
//! - A relative path to no file there is written as it is, with a warning: crux cannot
//!   tell what it was relative to.
//! - An absolute path, and every path when the two folders are the same, is written as
//!   it is (`crux check` reports an absolute one as `artifact-outside-project`).
//!
//! Phase: input (project), over `import`.

use std::path::Path;

use super::artifact::{absolute, relative, written_absolute};
use crate::import::{Debate, Value};

/// Rewrites the relative artifact paths of `debate`, read from a file in the folder
/// `input_dir`, for a `.crux` file written into `out_dir`, with a warning for each path
/// rewritten or not found: one per distinct path, however many nodes name it.
pub(crate) fn rebase_artifacts(debate: &mut Debate, input_dir: &Path, out_dir: &Path) {
    let (from, to) = (absolute(input_dir), absolute(out_dir));
    let same = from == to
        || matches!(
            (input_dir.canonicalize(), out_dir.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        );
    if same {
        return;
    }
    // Each distinct path, in the order first named: what becomes of it, and the nodes
    // that name it.
    let mut seen: Vec<(String, Rebased, Vec<String>)> = Vec::new();
    for node in &mut debate.nodes {
        for attribute in &mut node.attributes {
            let Value::Artifact { path, .. } = &mut attribute.value else {
                continue;
            };
            if path.is_empty() || written_absolute(path) {
                continue;
            }
            let at = match seen.iter().position(|(p, ..)| p == path) {
                Some(at) => at,
                None => {
                    let file = absolute(&from.join(path.as_str()));
                    let rebased = match file.symlink_metadata() {
                        Err(_) => Rebased::Missing,
                        Ok(_) => Rebased::To(relative(&to, &file)),
                    };
                    seen.push((path.clone(), rebased, Vec::new()));
                    seen.len() - 1
                }
            };
            let (_, rebased, names) = &mut seen[at];
            if !names.contains(&node.name) {
                names.push(node.name.clone());
            }
            if let Rebased::To(rebased) = rebased {
                *path = rebased.clone();
            }
        }
    }
    let shown_out = out_dir.display().to_string();
    let shown_out = if shown_out.is_empty() {
        "."
    } else {
        &shown_out
    };
    for (path, rebased, names) in seen {
        let (whose, by) = match names.as_slice() {
            [one] => (format!("`{one}`: "), String::new()),
            [first, ..] => (
                String::new(),
                format!(" (named by {} nodes, the first `{first}`)", names.len()),
            ),
            [] => continue,
        };
        match rebased {
            Rebased::Missing => debate.warnings.push(format!(
                "{whose}artifact {path:?} is not next to the input ({} is missing), so it is written as it is, relative to {shown_out}{by}",
                input_dir.join(path.as_str()).display()
            )),
            Rebased::To(rebased) if rebased != path => debate.warnings.push(format!(
                "{whose}artifact {path:?} is written as {rebased:?}, the same file seen from {shown_out}, where the .crux file goes{by}"
            )),
            Rebased::To(_) => {}
        }
    }
}

/// What becomes of a relative artifact path.
enum Rebased {
    /// No file is there: the path is written as it is.
    Missing,
    /// The path of the same file from the output folder.
    To(String),
}
