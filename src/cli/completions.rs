//! `crux completions SHELL`: shell completion scripts (clap_complete), made from the
//! same clap definition as the parser, so they cannot drift from the real flags.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Args, ExitStatus};

#[derive(clap::Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for one shell.
pub(crate) fn completions(args: CompletionsArgs) -> ExitStatus {
    let mut command = Args::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "crux", &mut out);
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> ExitStatus {
    super::stdout::status(super::stdout::print(bytes), ExitStatus::Success)
}
