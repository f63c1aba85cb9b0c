// The extension's own logic, in Node without VS Code: `vscode` and
// `vscode-languageclient/node` are replaced by recording stand-ins, and `crux` by a
// small script. Checks that the client starts `crux lsp` over stdio from PATH or from
// the setting crux.path (and says how to fix it when crux cannot be started), that
// "crux: Open map preview" shows the page of `crux render --format html` and draws it
// again when a .crux file of its folder is saved, and that a failed render is shown
// as text.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const { after, test } = require("node:test");

/** The folders `project()` made, removed when the tests end. */
const made = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const bundle = path.join(__dirname, "..", "out", "test", "extension.js");

/** A fresh extension with fresh stand-ins; `settings` are the crux.* settings. */
function load(settings = {}, { startFails = false } = {}) {
  const seen = { clients: [], commands: {}, panels: [], errors: [], warnings: [], saved: [] };
  const disposable = { dispose() {} };
  const vscode = {
    workspace: {
      getConfiguration: () => ({ get: (key, fallback) => settings[key] ?? fallback }),
      createFileSystemWatcher: () => disposable,
      getWorkspaceFolder: (uri) => (uri.fsPath.startsWith(settings.folder) ? { uri: { fsPath: settings.folder } } : undefined),
      onDidSaveTextDocument: (handler) => (seen.saved.push(handler), disposable),
      onDidChangeConfiguration: () => disposable,
    },
    window: {
      activeTextEditor: undefined,
      showErrorMessage: async (message) => void seen.errors.push(message),
      showWarningMessage: async (message) => void seen.warnings.push(message),
      showInformationMessage: async () => undefined,
      createWebviewPanel: (type, title, column, options) => {
        const panel = { type, title, options, webview: { html: "" }, reveal() {}, onDidDispose() {} };
        seen.panels.push(panel);
        return panel;
      },
    },
    commands: {
      registerCommand: (id, run) => ((seen.commands[id] = run), disposable),
      executeCommand: async () => undefined,
    },
    ViewColumn: { Beside: -2 },
  };
  class LanguageClient {
    constructor(id, name, server, client) {
      seen.clients.push({ id, name, server, client });
    }
    start() {
      return startFails ? Promise.reject(new Error("spawn crux ENOENT")) : Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
  }
  const client = { LanguageClient, TransportKind: { stdio: 0 } };
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return vscode;
    if (request === "vscode-languageclient/node") return client;
    return original.call(this, request, ...rest);
  };
  try {
    delete require.cache[bundle];
    return { extension: require(bundle), seen };
  } finally {
    Module._load = original;
  }
}

const context = () => ({ subscriptions: [] });

/** Waits until `ready()` is true (the preview renders in the background). */
async function until(ready) {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ready(), "timed out");
}

/** A folder with a debate and a stand-in `crux` that prints what it was asked. */
function project() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crux-vscode-"));
  made.push(dir);
  const folder = path.join(dir, "debate");
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "a.crux"), 'thesis t: "T."\n');
  const crux = path.join(dir, "crux");
  fs.writeFileSync(
    crux,
    '#!/bin/sh\nn=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0.count"\n' +
      'if [ -f "$0.fail" ]; then echo "error: a.crux: broken <b>" >&2; exit 2; fi\n' +
      'echo "<html>page $n: $* in $(pwd)</html>"\n',
  );
  fs.chmodSync(crux, 0o755);
  return { folder, crux };
}

test("the client starts `crux lsp` over stdio, from PATH by default", async () => {
  const { extension, seen } = load();
  await extension.activate(context());
  assert.equal(seen.clients.length, 1);
  const { server, client } = seen.clients[0];
  assert.deepEqual(server.run, { command: "crux", args: ["lsp"], transport: 0 });
  assert.deepEqual(client.documentSelector, [{ language: "crux" }]);
  assert.ok(seen.commands["crux.openPreview"]);
  assert.ok(seen.commands["crux.restartServer"]);
  assert.deepEqual(seen.errors, []);
});

test("the setting crux.path names the program", async () => {
  const { extension, seen } = load({ path: "/opt/crux/bin/crux" });
  await extension.activate(context());
  assert.equal(seen.clients[0].server.run.command, "/opt/crux/bin/crux");
  assert.deepEqual(seen.clients[0].server.run.args, ["lsp"]);
});

test("when crux cannot be started, the message says to install it or set crux.path", async () => {
  const { extension, seen } = load({}, { startFails: true });
  await extension.activate(context());
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0], /crux lsp/);
  assert.match(seen.errors[0], /crux\.path/);
});

test("the preview shows crux render --format html and follows saves", async () => {
  const { folder, crux } = project();
  const { extension, seen } = load({ path: crux, folder });
  await extension.activate(context());
  const file = path.join(folder, "a.crux");
  seen.commands["crux.openPreview"]({ scheme: "file", fsPath: file });
  assert.equal(seen.panels.length, 1);
  const panel = seen.panels[0];
  assert.equal(panel.options.enableScripts, true);
  await until(() => panel.webview.html !== "");
  assert.equal(panel.webview.html.trim(), `<html>page 1: render --format html . in ${fs.realpathSync(folder)}</html>`);

  // A save of a .crux file of the folder draws the map again; other files do not.
  seen.saved.forEach((h) => h({ languageId: "plaintext", uri: { fsPath: path.join(folder, "notes.txt") } }));
  seen.saved.forEach((h) => h({ languageId: "crux", uri: { fsPath: file } }));
  await until(() => panel.webview.html.includes("page 2"));
  seen.saved.forEach((h) => h({ languageId: "yaml", uri: { fsPath: path.join(folder, "crux.yaml") } }));
  await until(() => panel.webview.html.includes("page 3"));

  // A failed render keeps the last map and says why.
  fs.writeFileSync(crux + ".fail", "");
  seen.saved.forEach((h) => h({ languageId: "crux", uri: { fsPath: file } }));
  await until(() => seen.warnings.length === 1);
  assert.match(seen.warnings[0], /a\.crux: broken/);
  assert.ok(panel.webview.html.includes("page 3"));
});

test("a preview whose first render fails shows the error as text", async () => {
  const { folder, crux } = project();
  fs.writeFileSync(crux + ".fail", "");
  const { extension, seen } = load({ path: crux, folder });
  await extension.activate(context());
  seen.commands["crux.openPreview"]({ scheme: "file", fsPath: path.join(folder, "a.crux") });
  const panel = seen.panels[0];
  await until(() => panel.webview.html !== "");
  assert.match(panel.webview.html, /crux render failed/);
  assert.match(panel.webview.html, /a\.crux: broken &#60;b&#62;/);
  assert.doesNotMatch(panel.webview.html, /<b>/);
});
