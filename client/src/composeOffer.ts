// Offers to treat a YAML file as Compose when its content says it is one but VS Code does not recognise its
// name (`local.yml`, `stack/prod.yaml`): a notification with [Treat as Compose] [Not now]
// [Never for this workspace]. "Treat" writes a `files.associations` entry for that one file and switches
// the open document to `dockercompose`. Only reads the text of YAML documents VS Code already opened.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isComposeFileName, looksLikeCompose } from './looksLikeCompose';

export const TREAT = 'Treat as Compose';
export const NOT_NOW = 'Not now';
export const NEVER = 'Never for this workspace';
const NEVER_KEY = 'docklens.composeOffer.never';

export function registerComposeOffer(context: vscode.ExtensionContext): vscode.Disposable {
  /** Asked already in this window (answered "Not now", or the notification is still up). */
  const asked = new Set<string>();
  const consider = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'yaml' || doc.uri.scheme !== 'file') return;
    if (asked.has(doc.uri.toString()) || context.workspaceState.get(NEVER_KEY) === true) return;
    if (isComposeFileName(path.basename(doc.uri.fsPath)) || !looksLikeCompose(doc.getText())) return;
    asked.add(doc.uri.toString());
    void offer(context, doc);
  };
  vscode.workspace.textDocuments.forEach(consider);
  return vscode.workspace.onDidOpenTextDocument(consider);
}

async function offer(context: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const relative = folder ? path.relative(folder.uri.fsPath, doc.uri.fsPath).split(path.sep).join('/') : undefined;
  const answer = await vscode.window.showInformationMessage(`${relative ?? path.basename(doc.uri.fsPath)} looks like a Docker Compose file. Treat it as Compose?`, TREAT, NOT_NOW, NEVER);
  if (answer === NEVER) await context.workspaceState.update(NEVER_KEY, true);
  if (answer !== TREAT) return;
  // In a folder: this file, wherever the folder is checked out. Without one: this file's absolute path.
  const pattern = relative !== undefined ? `**/${relative}` : doc.uri.fsPath.split(path.sep).join('/');
  const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const files = vscode.workspace.getConfiguration('files');
  const current = files.inspect<Record<string, string>>('associations');
  const existing = (target === vscode.ConfigurationTarget.Workspace ? current?.workspaceValue : current?.globalValue) ?? {};
  await files.update('associations', { ...existing, [pattern]: 'dockercompose' }, target);
  // The association applies to files opened from now on; this one switches now.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
  if (open && open.languageId !== 'dockercompose') await vscode.languages.setTextDocumentLanguage(open, 'dockercompose');
}
