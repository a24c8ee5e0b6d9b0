// The VS Code side: starts the docklens language server (Node IPC) once a Dockerfile or compose document is
// open, shows a status bar item while the server needs attention, and offers to treat YAML files that look
// like Compose as Compose. The extension also activates for `yaml` (for that offer) without starting the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerComposeOffer } from './composeOffer';
import { DocklensServer } from './languageServer';

let server: DocklensServer | undefined;

const served = (doc: vscode.TextDocument) => doc.languageId === 'dockerfile' || doc.languageId === 'dockercompose';

export async function activate(context: vscode.ExtensionContext): Promise<{ readonly client: LanguageClient | undefined }> {
  const docklens = new DocklensServer(context);
  server = docklens;
  context.subscriptions.push(
    vscode.commands.registerCommand('docklens.restartServer', () => docklens.restart()),
    vscode.commands.registerCommand('docklens.showServerLog', () => docklens.showLog()),
    registerComposeOffer(context),
  );
  if (vscode.workspace.textDocuments.some(served)) {
    await docklens.start();
  } else {
    // Activated by a YAML file: the server waits for the first Dockerfile or compose document.
    const waiting = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (!served(doc)) return;
      waiting.dispose();
      void docklens.start();
    });
    context.subscriptions.push(waiting);
  }
  return {
    get client() {
      return docklens.languageClient;
    },
  };
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
