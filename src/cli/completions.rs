//! `crux completions SHELL`: shell completion scripts (clap_complete), made from the
//! same clap definition as the parser, so they cannot drift from the real flags.

use std::io::Write;

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
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`crux completions bash | head`) is not an error worth a panic.
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
    ExitStatus::Success
}
