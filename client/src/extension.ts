// The VS Code side: starts the docklens language server (Node IPC) for Dockerfiles and compose files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerStackOverview } from './overview';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
      { language: 'dockercompose', scheme: 'file' },
      { language: 'dockercompose', scheme: 'untitled' },
    ],
    // No `fileEvents` watcher here: vscode-languageclient announces `workspace.didChangeWatchedFiles.dynamicRegistration`,
    // the server registers its own watcher (`**/*`) after `initialized`, and the client creates the VS Code
    // FileSystemWatcher for it (FileSystemWatcherFeature). A second watcher here would send every event twice.
    synchronize: { configurationSection: 'docklens' },
    diagnosticCollectionName: 'docklens',
  };
  client = new LanguageClient('docklens', 'Docklens', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('docklens.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('docklens.showServerLog', () => client?.outputChannel.show(true)),
  );
  registerStackOverview(context, client);
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
