//! `crux completions SHELL` and `crux man`: shell completion scripts (clap_complete) and
//! a roff man page (clap_mangen), both made from the same clap definition as the parser,
//! so they cannot drift from the real flags.

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

/// Prints the top-level man page, `crux(1)`, in roff.
pub(crate) fn man() -> ExitStatus {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Args::command()).render(&mut out) {
        Ok(()) => write_stdout(title_first(&String::from_utf8_lossy(&out)).as_bytes()),
        Err(e) => {
            eprintln!("error: could not render the man page: {e}");
            ExitStatus::Error
        }
    }
}

/// Moves the `.TH` line to the top. clap_mangen writes the definition of the apostrophe
/// string (`.ie`/`.el .ds Aq`) first, but man(7) wants `.TH` to be the first request,
/// and tools that index man pages look for it there; the definition still comes before
/// any use of `\*(Aq`, since the title holds no apostrophe.
fn title_first(page: &str) -> String {
    let Some(start) = page.find("\n.TH ").map(|i| i + 1) else {
        return page.to_string();
    };
    let end = page[start..]
        .find('\n')
        .map_or(page.len(), |i| start + i + 1);
    format!("{}{}{}", &page[start..end], &page[..start], &page[end..])
}

fn write_stdout(bytes: &[u8]) -> ExitStatus {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`crux man | head`) is not an error worth a panic.
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
    ExitStatus::Success
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_comes_first() {
        let page = ".ie a\n.el b\n.TH crux 1\n.SH NAME\n";
        assert_eq!(title_first(page), ".TH crux 1\n.ie a\n.el b\n.SH NAME\n");
        assert_eq!(title_first(".TH x\n"), ".TH x\n");
    }
}
