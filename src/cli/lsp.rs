//! `crux lsp`: the language server, on stdin and stdout ([`crate::lsp`]).

use super::ExitStatus;

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
        Err(e) => {
            eprintln!("error: crux lsp: {e}");
            ExitStatus::Error
        }
    }
}
