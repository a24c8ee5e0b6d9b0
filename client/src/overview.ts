// `Docklens: Show Stack Overview`: a webview that pictures the compose project of the active (or the code
// lens's) compose file. The server computes the model and the SVG (`docklens/stackOverview`); this file only
// shows it. The webview runs no script and loads nothing: a strict CSP with a nonce for its styles, colours
// from the theme's CSS variables (so a theme change needs no refresh), and a debounced re-request when a
// compose document changes.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, StaticFeature } from 'vscode-languageclient/node';
import { SHOW_STACK_OVERVIEW_COMMAND as COMMAND, STACK_OVERVIEW_REQUEST as REQUEST, type StackOverviewResult } from '../../server/src/lsp/overviewProtocol';

const DEBOUNCE_MS = 300;

/** Tells the server this client runs the command, so it offers the code lens (other editors do not). */
export const overviewCapability: StaticFeature = {
  fillClientCapabilities(capabilities) {
    const experimental = (capabilities.experimental ??= {}) as { docklens?: Record<string, unknown> };
    experimental.docklens = { ...experimental.docklens, stackOverview: true };
  },
  initialize() {},
  getState: () => ({ kind: 'static' }),
  clear() {},
};

/** `clientOf` gives the current language client (a restart replaces it); the capability is registered on each. */
export function registerStackOverview(context: vscode.ExtensionContext, clientOf: () => LanguageClient | undefined): void {
  const panels = new Map<string, vscode.WebviewPanel>();
  let timer: NodeJS.Timeout | undefined;

  const refresh = async (uri: vscode.Uri, panel: vscode.WebviewPanel) => {
    let result: StackOverviewResult | null = null;
    const client = clientOf();
    if (!client) {
      panel.webview.html = page(undefined, path.basename(uri.fsPath));
      return;
    }
    try {
      result = await client.sendRequest<StackOverviewResult | null>(REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) });
    } catch (error) {
      client.outputChannel.appendLine(`docklens: stack overview request failed: ${String(error)}`);
    }
    panel.webview.html = page(result?.svg, path.basename(uri.fsPath));
  };

  const show = async (arg?: unknown) => {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!uri || doc?.languageId !== 'dockercompose') {
      void vscode.window.showInformationMessage('Open a Docker Compose file to see its stack overview.');
      return;
    }
    const key = uri.toString();
    let panel = panels.get(key);
    if (panel) panel.reveal(undefined, true);
    else {
      panel = vscode.window.createWebviewPanel('docklens.stackOverview', `Stack overview: ${path.basename(uri.fsPath)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false,
        localResourceRoots: [],
      });
      panels.set(key, panel);
      panel.onDidDispose(() => panels.delete(key));
    }
    await refresh(uri, panel);
  };

  // Any compose file of the project may change the picture (override, include): refresh every open panel.
  const scheduleRefresh = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'dockercompose' || panels.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      for (const [key, panel] of panels) void refresh(vscode.Uri.parse(key), panel);
    }, DEBOUNCE_MS);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND, show),
    // Edits only: saving changes nothing the server reads (it analyses open documents from their text).
    vscode.workspace.onDidChangeTextDocument((e) => scheduleRefresh(e.document)),
    { dispose: () => timer && clearTimeout(timer) },
  );
}

function page(svg: string | undefined, fileName: string): string {
  const nonce = randomBytes(16).toString('base64');
  const body = svg
    ? svg.replace('<style>', `<style nonce="${nonce}">`)
    : `<p>No overview for ${escapeHtml(fileName)}: it is not open as a Docker Compose file, or the language server is not running.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<style nonce="${nonce}">body { padding: 8px; color: var(--vscode-editor-foreground); } svg { max-width: none; }</style>
<title>Stack overview: ${escapeHtml(fileName)}</title>
</head>
<body>
${body}
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
