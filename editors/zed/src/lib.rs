//! The Zed extension for crux: Zed runs this (compiled to WebAssembly) to learn how to
//! start the language server of a `.crux` file. It is `crux lsp`, with `crux` from the
//! `lsp.crux.binary` settings of Zed if given, else from the `PATH` of the worktree's
//! shell.

use zed_extension_api::{self as zed, LanguageServerId, Result, settings::LspSettings};

/// The name of the language server in `extension.toml` and in Zed's `lsp` settings.
const SERVER: &str = "crux";

struct CruxExtension;

impl zed::Extension for CruxExtension {
    fn new() -> Self {
        CruxExtension
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = match configured {
            Some(path) => path,
            None => worktree.which("crux").ok_or_else(|| {
                "crux is not on the PATH of this project's shell: install it \
                 (`cargo install --path .` in a crux checkout) or set its full path in \
                 Zed's settings, under \"lsp\": { \"crux\": { \"binary\": { \"path\": ... } } }"
                    .to_string()
            })?,
        };
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(CruxExtension);
