//! `crux lsp`: the language server, on stdin and stdout ([`crate::lsp`]).

use super::ExitStatus;
use crate::diagnostic::terminal::sanitize;

#[derive(clap::Args, Debug)]
pub(crate) struct LspArgs {
    /// Talk over stdin and stdout (the only transport, and the default; accepted
    /// because editors pass it).
    #[arg(long)]
    stdio: bool,
}

pub(crate) fn run(args: LspArgs) -> ExitStatus {
    let _ = args.stdio;
    match crate::lsp::run_stdio() {
        Ok(()) => ExitStatus::Success,
        // The protocol's status for an `exit` without `shutdown`.
        Err(e) if e == crate::lsp::EXIT_BEFORE_SHUTDOWN => {
            eprintln!("crux lsp: {e}");
            ExitStatus::Failure
        }
        Err(e) => {
            eprintln!("error: crux lsp: {}", sanitize(&e));
            ExitStatus::Error
        }
    }
}
