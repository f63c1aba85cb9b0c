//! `crux serve`: a live preview of the HTML map, drawn again on every change of the
//! debate's files (see [`crate::serve`]).

use std::path::PathBuf;

use super::ExitStatus;
use super::render::LayoutArg;
use crate::diagnostic::terminal::sanitize;
use crate::render;
use crate::serve::{self, Problem};

#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// Files and directories of the debate (default: the current directory).
    paths: Vec<PathBuf>,
    /// Listen on this port of 127.0.0.1 (default: a free port, printed).
    #[arg(long, value_name = "PORT")]
    port: Option<u16>,
    /// Layout engine (default: `render.layout` in crux.yaml, else builtin).
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Use this config file instead of looking for `crux.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub(crate) fn run(args: ServeArgs) -> ExitStatus {
    match run_inner(&args) {
        Ok(()) => ExitStatus::Success,
        Err(message) => {
            eprintln!("error: {}", sanitize(&message));
            ExitStatus::Error
        }
    }
}

fn run_inner(args: &ServeArgs) -> Result<(), String> {
    let paths = super::paths_or_cwd(&args.paths);
    for path in &paths {
        if !path.exists() {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    let config = super::load::config(args.config.as_deref(), &paths[0])?;
    let root = super::load::project_root(&config, &paths);
    let mut watch = paths.clone();
    watch.extend(config.path.clone());
    let options = serve::Options {
        root: root.clone(),
        watch,
        port: args.port.unwrap_or(0),
    };
    // The last map drawn: the next one keeps its nodes where they were.
    let mut last = None;
    let mut render = |live: &str| page(args, &root, live, &mut last);
    let mut ready = |addr: std::net::SocketAddr| {
        let line = format!("Serving the map on http://{addr}/ (Ctrl-C to stop)\n");
        // The address is what the user needs: on standard error when standard output
        // cannot take it (the failure is reported too).
        if !super::stdout::print(line.as_bytes()) {
            eprint!("{line}");
        }
    };
    serve::run(options, &mut render, &mut ready)?;
    eprintln!("stopped");
    Ok(())
}

/// Problems of the input, each at its file and place when it has them.
fn placed(problems: &[crate::diagnostic::InputProblem]) -> Vec<Problem> {
    problems
        .iter()
        .map(|p| Problem {
            location: p.file.as_ref().map(|file| match (p.line, p.column) {
                (0, _) => file.clone(),
                (line, 0) => format!("{file}:{line}"),
                (line, column) => format!("{file}:{line}:{column}"),
            }),
            message: p.message.clone(),
        })
        .collect()
}

/// One problem without a place.
fn problem(message: String) -> Vec<Problem> {
    vec![Problem {
        location: None,
        message,
    }]
}

/// The page `crux render --format html` writes, with the live-reload script `live`;
/// the problems instead when the debate cannot be loaded or has syntax errors. The map
/// is laid out after the `last` one drawn, which it then replaces.
fn page(
    args: &ServeArgs,
    root: &std::path::Path,
    live: &str,
    last: &mut Option<render::map::Map>,
) -> Result<serve::Page, Vec<Problem>> {
    let loaded =
        super::load::load(&args.paths, args.config.as_deref()).map_err(|e| placed(&e.problems))?;
    if loaded.unreadable > 0 {
        // Each file that could not be read, at its place: the banner names them all.
        return Err(placed(&loaded.problems));
    }
    let debate = &loaded.debate;
    if !debate.syntax_errors.is_empty() {
        return Err(debate
            .syntax_errors
            .iter()
            .map(|e| {
                let file = &debate.sources[e.span.file.0 as usize];
                Problem {
                    location: Some(format!("{}:{}", file.name, file.line_col(e.span.start))),
                    message: e.kind.to_string(),
                }
            })
            .collect());
    }
    let config = &loaded.config;
    // The page is served from the project folder: links to artifacts are relative to it.
    let mut model = super::render::model_of(&loaded, root.to_path_buf()).map_err(problem)?;
    if let Some(id) = config.render.root.as_deref() {
        model = model.rooted_at(id).map_err(|e| {
            vec![Problem {
                location: Some(config.render_root_place()),
                message: format!("`render.root`: {e}"),
            }]
        })?;
    }
    // The page draws the map: a drawn format.
    let engine = super::render::engine(args.layout, config.render.layout.as_deref(), true);
    let map = render::map::build_after(model, engine, last.as_ref()).map_err(problem)?;
    let links = (map.model.nodes.iter())
        .flat_map(|n| &n.artifacts)
        .filter_map(|a| a.href.clone())
        .collect();
    let html = render::html::render_live(&map, None, live).map_err(|e| problem(e.to_string()));
    *last = Some(map);
    Ok(serve::Page { html: html?, links })
}
