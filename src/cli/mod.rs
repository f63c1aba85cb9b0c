//! The command line: argument parsing and dispatch to one file per subcommand.
//!
//! Phase: the last. Nothing imports `cli`. Each subcommand parses its flags, calls the
//! library and picks a printer.

mod check;
mod completions;
mod diff;
mod explain;
mod fmt;
mod import;
mod load;
mod lsp;
mod man;
mod markdown_roff;
mod memory;
mod pin;
mod render;
mod rules;
mod serve;
mod solve;
mod stdout;
mod write;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// How the process ends: 0, 1 or 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Clean (warnings allowed unless denied).
    Success,
    /// Findings that fail the check.
    Failure,
    /// Bad usage or unreadable input.
    Error,
    /// `--timeout` ran out before the answer was known.
    Timeout,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
            ExitStatus::Timeout => solve::TIMEOUT_EXIT,
        }
    }
}

/// crux maps debates: claims, counterclaims and evidence in `.crux` files.
#[derive(Parser, Debug)]
#[command(name = "crux", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse, resolve and lint a debate. Exit 0 clean, 1 errors found, 2 bad usage.
    Check(check::CheckArgs),
    /// The tree of supports, attacks and undercuts under one node, with strengths and labels.
    Explain(explain::ExplainArgs),
    /// List every lint rule with its code, name and default severity.
    Rules(rules::RulesArgs),
    /// Explain one lint rule, by name or code.
    Rule(rules::RuleArgs),
    /// Argumentation semantics on a debate or an abstract framework (ICCMA output).
    Solve(solve::SolveArgs),
    /// Draw the map of a debate (html, svg, dot, json, mermaid, png, pdf) or export it (aif,
    /// graphml, argdown).
    Render(render::RenderArgs),
    /// Rewrite .crux files in the canonical layout; with --check, show the diff and exit 1.
    Fmt(fmt::FmtArgs),
    /// Write each artifact's current sha256 into the .crux file that names it.
    Pin(pin::PinArgs),
    /// What changed between two versions of a debate: nodes, edges and verdicts.
    Diff(diff::DiffArgs),
    /// Convert debates from Argdown, AIF JSON, Kialo text or microtext XML to .crux files.
    Import(import::ImportArgs),
    /// Serve a live preview of the HTML map on 127.0.0.1, drawn again when a file changes.
    Serve(serve::ServeArgs),
    /// Run the language server on stdin and stdout, for editors.
    Lsp(lsp::LspArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions(completions::CompletionsArgs),
    /// Print a man page in roff (crux(1), a subcommand's, or crux-language(5)), or write
    /// them all with -o DIR.
    Man(man::ManArgs),
}

/// When to colour output.
#[derive(Clone, Copy, Debug, ValueEnum, Default)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    pub(crate) fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Input paths: the given ones, or the current directory.
pub(crate) fn paths_or_cwd(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

pub use memory::huge_pages;

/// The arguments of this process. On bad usage the error is printed and the process
/// exits 2; `--help` and `--version` print and exit 0, or exit 2 when standard output
/// cannot be written (not for a closed pipe).
pub fn parse() -> Args {
    match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let printed = e.print();
            if !e.use_stderr() && !stdout::finish(printed) {
                std::process::exit(ExitStatus::Error.code());
            }
            std::process::exit(e.exit_code());
        }
    }
}

/// Runs crux with already-parsed arguments.
pub fn run(args: Args) -> ExitStatus {
    match args.command {
        Command::Check(a) => check::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Rules(a) => rules::list(a),
        Command::Rule(a) => rules::explain(a),
        Command::Solve(a) => solve::run(a),
        Command::Render(a) => render::run(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Pin(a) => pin::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Import(a) => import::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Completions(a) => completions::completions(a),
        Command::Man(a) => man::run(a),
        Command::Lsp(a) => lsp::run(a),
    }
}
