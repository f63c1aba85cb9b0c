// The crux extension: the language client for `crux lsp` and the map preview.
//
// The language (highlighting, comments, indentation, folding) is declared in
// package.json; everything else comes from crux itself: `crux lsp` for diagnostics,
// hover, completion, formatting and the rest, `crux render --format html` for the map.

import { execFile } from "node:child_process";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The `crux` program: the `crux.path` setting, else `crux` from PATH. */
function cruxPath(): string {
  const configured = vscode.workspace.getConfiguration("crux").get<string>("path", "").trim();
  return configured === "" ? "crux" : configured;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = cruxPath();
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "crux" }],
    synchronize: {
      // crux.yaml changes which rules apply and which files make the debate.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{crux.yaml,*.crux}"),
    },
  };
  client = new LanguageClient("crux", "crux", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    const message = e instanceof Error ? e.message : String(e);
    const choice = await vscode.window.showErrorMessage(
      `crux: could not start \`${command} lsp\` (${message}). Install crux or set crux.path.`,
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "crux.path");
    }
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

/** The folder whose debate the preview shows: the workspace folder of `uri`, else its folder. */
function debateFolder(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? folder.uri.fsPath : path.dirname(uri.fsPath);
}

/** The HTML map of the debate in `folder`, as `crux render --format html` writes it. */
function render(folder: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cruxPath(),
      ["render", "--format", "html", "."],
      { cwd: folder, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr.trim() || error.message));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One preview panel per debate folder, drawn again whenever a file of it is saved. */
class Preview {
  private static panels = new Map<string, Preview>();
  private drawing = Promise.resolve();

  private constructor(
    private readonly folder: string,
    private readonly panel: vscode.WebviewPanel,
  ) {
    panel.onDidDispose(() => Preview.panels.delete(folder));
  }

  static show(uri: vscode.Uri): void {
    const folder = debateFolder(uri);
    const open = Preview.panels.get(folder);
    if (open) {
      open.panel.reveal(vscode.ViewColumn.Beside);
      open.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      "crux.preview",
      `crux map: ${path.basename(folder)}`,
      vscode.ViewColumn.Beside,
      // The page's own script pans and zooms; its Content-Security-Policy still allows
      // only that script, and no network request.
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
    );
    const preview = new Preview(folder, panel);
    Preview.panels.set(folder, preview);
    preview.refresh();
  }

  /** Draws the map again for a saved file, if it belongs to an open preview. */
  static saved(document: vscode.TextDocument): void {
    const name = path.basename(document.uri.fsPath);
    if (document.languageId !== "crux" && name !== "crux.yaml") {
      return;
    }
    for (const [folder, preview] of Preview.panels) {
      const relative = path.relative(folder, document.uri.fsPath);
      if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
        preview.refresh();
      }
    }
  }

  refresh(): void {
    this.drawing = this.drawing.then(async () => {
      try {
        this.panel.webview.html = await render(this.folder);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (this.panel.webview.html === "") {
          this.panel.webview.html =
            `<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'">` +
            `<h1>crux render failed</h1><pre>${escapeHtml(message)}</pre>`;
        } else {
          // Keep the last map; say why it is not new.
          void vscode.window.showWarningMessage(`crux: the map was not redrawn: ${message}`);
        }
      }
    });
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("crux.openPreview", (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target || target.scheme !== "file") {
        void vscode.window.showInformationMessage("crux: open a .crux file first.");
        return;
      }
      Preview.show(target);
    }),
    vscode.commands.registerCommand("crux.restartServer", async () => {
      await client?.stop();
      await startClient(context);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => Preview.saved(document)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("crux.path")) {
        await client?.stop();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
