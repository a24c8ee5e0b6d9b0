// The VS Code side: starts the docklens language server (Node IPC) once a Dockerfile or compose document is
// open, shows a status bar item while the server needs attention, and offers to treat YAML files that look
// like Compose as Compose. The extension also activates for `yaml` (for that offer) without starting the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerComposeOffer } from './composeOffer';
import { served } from './documentSelector';
import type { DocklensServer } from './languageServer';
import { overviewCapability, registerStackOverview } from './overview';

let server: DocklensServer | undefined;


/**
 * The language client lives in its own bundle (client/out/languageServer.js, see scripts/build.mjs): loading
 * vscode-languageclient takes tens of milliseconds, which a window with only YAML files open never pays.
 */
function serverOf(context: vscode.ExtensionContext): DocklensServer {
  if (!server) {
    const { DocklensServer: Server } = require('./languageServer.js') as typeof import('./languageServer');
    server = new Server(context, [overviewCapability]);
  }
  return server;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ readonly client: LanguageClient | undefined }> {
  context.subscriptions.push(
    vscode.commands.registerCommand('docklens.restartServer', () => serverOf(context).restart()),
    vscode.commands.registerCommand('docklens.showServerLog', () => serverOf(context).showLog()),
    registerComposeOffer(context),
  );
  // The overview asks the running client (none yet: the panel says so), without loading the client bundle for it.
  registerStackOverview(context, () => server?.languageClient);
  if (vscode.workspace.textDocuments.some(served)) {
    await serverOf(context).start();
  } else {
    // Activated by a YAML file: the server waits for the first Dockerfile or compose document.
    const waiting = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (!served(doc)) return;
      waiting.dispose();
      void serverOf(context).start();
    });
    context.subscriptions.push(waiting);
  }
  return {
    get client() {
      return server?.languageClient;
    },
  };
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
