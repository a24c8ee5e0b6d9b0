// The docklens language server: wiring only. Analysis lives in core/, dockerfile/ and compose/;
// conversion to LSP types in lsp/convert.ts. Runs over stdio (`--stdio`) or Node IPC (the VS Code client).
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './core/analysis';
import type { Finding } from './core/types';
import { normaliseSettings, type DocklensSettings, DEFAULT_SETTINGS } from './core/settings';
import { FileSystemWorkspace, type PathChange } from './core/workspace';
import { isDiagnosticData, sameRange, toCodeAction, toDiagnostic, toHover, toInlayHint } from './lsp/convert';
import { documentKind, filePathOf } from './lsp/documents';
import { clientRunsOverviewCommand, registerStackOverview } from './lsp/overview';
import { VERSION } from './version';

if (process.argv.includes('--version')) {
  process.stdout.write(`docklens-language-server ${VERSION}\n`);
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);

let workspace = new FileSystemWorkspace({ roots: [] });
let cache = new AnalysisCache(workspace, log);
let supportsConfiguration = false;
let supportsDocumentChanges = false;
let supportsWatcherRegistration = false;
let supportsInlayHintRefresh = false;
let overviewLens = false;
const settingsByFolder = new Map<string, Promise<DocklensSettings>>();

// A crash in one request must never end the server: log it and go on.
process.on('uncaughtException', (error) => log(`docklens: uncaught ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => log(`docklens: unhandled rejection ${String(reason)}`));

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  supportsConfiguration = caps.workspace?.configuration === true;
  supportsDocumentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  supportsWatcherRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  supportsInlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
  overviewLens = clientRunsOverviewCommand(params);
  const roots = (params.workspaceFolders ?? []).map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
  const rootPath = params.rootUri ? filePathOf(params.rootUri) : undefined;
  if (roots.length === 0 && rootPath) roots.push(rootPath);
  workspace = new FileSystemWorkspace({
    roots,
    overlay: (absPath) => openDocumentText(absPath),
  });
  cache = new AnalysisCache(workspace, log);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      definitionProvider: true,
      inlayHintProvider: true,
      ...(overviewLens ? { codeLensProvider: { resolveProvider: false } } : {}),
    },
    serverInfo: { name: 'docklens', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'docklens' });
  if (supportsWatcherRegistration) {
    // Every file: an analysis reads any file of a build context (COPY sources, the manifests of 16 ecosystems,
    // gunicorn.conf.py, .dockerignore), .env and compose files of any name (include, extends). Only the
    // documents whose recorded reads a change touches are re-analysed; in VS Code this glob is served by the
    // workspace's own recursive watcher (files.watcherExclude applies), so it adds no OS watchers.
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  }
});

const openByPath = new Map<string, string>();
function openDocumentText(absPath: string): string | undefined {
  const uri = openByPath.get(absPath);
  return uri ? documents.get(uri)?.getText() : undefined;
}

/** Resource-scoped settings differ per folder, not per file: one request per folder, cached until they change. */
function settingsFor(uri: string): Promise<DocklensSettings> {
  if (!supportsConfiguration) return Promise.resolve(globalSettings);
  const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
  let pending = settingsByFolder.get(folder);
  if (!pending) {
    pending = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'docklens' })
      .then(normaliseSettings, () => DEFAULT_SETTINGS);
    settingsByFolder.set(folder, pending);
  }
  return pending;
}
let globalSettings: DocklensSettings = DEFAULT_SETTINGS;

connection.onDidChangeConfiguration((change) => {
  settingsByFolder.clear();
  if (!supportsConfiguration) globalSettings = normaliseSettings((change.settings as { docklens?: unknown } | undefined)?.docklens);
  documents.all().forEach((d) => schedule(d.uri, 0));
  // Hint kinds may have been switched on or off: the client asks again.
  if (supportsInlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => {});
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const paths: { path: string; kind: 'changed' | 'created' | 'deleted' }[] = [];
  for (const change of changes) {
    const p = filePathOf(change.uri);
    if (p === undefined) continue; // not a file: nothing we read
    paths.push({ path: p, kind: change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed' });
  }
  if (paths.length === 0) return;
  // Forget only those files (and their folders' listings), then re-analyse only the documents that read them.
  workspace.invalidate(paths.map((c) => c.path));
  rescheduleDependents(paths, 20);
});

/** Drops the analyses that read one of the paths and re-publishes those open documents after `delayMs`. */
function rescheduleDependents(paths: PathChange[], delayMs: number, except?: string): void {
  for (const uri of cache.invalidatePaths(paths)) if (uri !== except && documents.get(uri)) schedule(uri, delayMs);
}

// ---------------------------------------------------------------- diagnostics

const timers = new Map<string, NodeJS.Timeout>();
/** After an edit of the document itself (see onDidChangeContent). */
const CHANGE_DELAY_MS = 4;

/** Coalesces bursts of changes: the analysis runs once for the newest version. */
function schedule(uri: string, delayMs: number): void {
  const pending = timers.get(uri);
  if (pending) cancel(pending);
  const run = () => {
    timers.delete(uri);
    void publish(uri);
  };
  // setTimeout(0) waits at least 1 ms; an opened document should not.
  timers.set(uri, delayMs === 0 ? (setImmediate(run) as unknown as NodeJS.Timeout) : setTimeout(run, delayMs));
}

function cancel(timer: NodeJS.Timeout): void {
  clearTimeout(timer);
  clearImmediate(timer as unknown as NodeJS.Immediate);
}

async function publish(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const kind = documentKind(doc);
  if (!kind) return;
  const version = doc.version;
  try {
    // Ask for the settings first and analyse while the answer travels.
    const pendingSettings = settingsFor(uri);
    const analysis = cache.get(doc, kind, filePathOf(uri));
    analysis.findings();
    const settings = await pendingSettings;
    if (documents.get(uri)?.version !== version) return; // a newer version is scheduled already
    const diagnostics = analysis.diagnoses(settings).map((d) => toDiagnostic(d, version));
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    log(`docklens: diagnostics failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const openedVersion = new Map<string, number>();
documents.onDidOpen((e) => {
  const p = filePathOf(e.document.uri);
  if (p) openByPath.set(p, e.document.uri);
  if (p) workspace.addDocumentFolder(p);
  openedVersion.set(e.document.uri, e.document.version);
  schedule(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  // TextDocuments reports the opened text as a change too: it is already scheduled, without delay.
  if (openedVersion.get(e.document.uri) === e.document.version) return;
  // Other open documents may read this one (a Dockerfile reads the compose file that builds it, a compose
  // file the Dockerfile of a service): re-analyse those that did. Its own version change invalidates it.
  const p = filePathOf(e.document.uri);
  if (p) rescheduleDependents([{ path: p, kind: 'changed' }], 50, e.document.uri);
  // A short delay: long enough for the changes already queued behind this one (the connection handles one
  // message per event-loop turn) to arrive first, short enough not to add to a keystroke's wait (it was 15 ms:
  // a third of the 50 ms budget for fresh diagnostics after typing in a large file).
  schedule(e.document.uri, CHANGE_DELAY_MS);
});
documents.onDidClose((e) => {
  openedVersion.delete(e.document.uri);
  const p = filePathOf(e.document.uri);
  if (p) openByPath.delete(p);
  cache.delete(e.document.uri);
  // Readers of its path saw the editor's text: they read the disk from now on (unsaved edits are gone).
  if (p) rescheduleDependents([{ path: p, kind: 'changed' }], 20);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ---------------------------------------------------------------- hover, code actions

/**
 * While a request waited for the settings, the editor may have cancelled it (the cursor moved on, the
 * visible range scrolled): answer as the protocol asks instead of computing what nobody will show.
 */
function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

connection.onHover(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  const kind = doc && documentKind(doc);
  if (!doc || !kind) return null;
  const settings = await settingsFor(doc.uri);
  throwIfCancelled(token);
  try {
    const result = cache.get(doc, kind, filePathOf(doc.uri)).hover(params.position, settings.hover);
    return result ? toHover(result) : null;
  } catch (error) {
    log(`docklens: hover failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

connection.onDocumentLinks((params) => {
  const doc = documents.get(params.textDocument.uri);
  const kind = doc && documentKind(doc);
  if (!doc || !kind) return [];
  return cache
    .get(doc, kind, filePathOf(doc.uri))
    .links()
    .map((l) => ({ range: l.range, target: pathToFileURL(l.target).href }));
});

connection.onDefinition((params) => {
  const doc = documents.get(params.textDocument.uri);
  const kind = doc && documentKind(doc);
  if (!doc || !kind) return [];
  return cache
    .get(doc, kind, filePathOf(doc.uri))
    .definition(params.position)
    .map((l) => ({ uri: l.path ? pathToFileURL(l.path).href : doc.uri, range: l.range }));
});

connection.languages.inlayHint.on(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  const kind = doc && documentKind(doc);
  if (!doc || kind !== 'compose') return [];
  const settings = await settingsFor(doc.uri);
  throwIfCancelled(token);
  try {
    return cache.get(doc, kind, filePathOf(doc.uri)).inlayHints(params.range, settings).map(toInlayHint);
  } catch (error) {
    log(`docklens: inlay hints failed: ${error instanceof Error ? error.stack : String(error)}`);
    return [];
  }
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  const kind = doc && documentKind(doc);
  if (!doc || !kind) return [];
  const actions: CodeAction[] = [];
  let findings: Finding[] | undefined; // once, and only when one of ours is among the diagnostics
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'docklens') continue;
    findings ??= cache.get(doc, kind, filePathOf(doc.uri)).findings();
    // The finding in the analysis of the current version: the same one when the diagnostic was published for
    // this version; for an older one (or data a client dropped), the same rule on the same line.
    const current = isDiagnosticData(diagnostic.data) && diagnostic.data.version === doc.version;
    const match =
      (current && findings.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range))) ||
      findings.find((f) => f.ruleId === diagnostic.code && f.range.start.line === diagnostic.range.start.line);
    for (const fix of match?.fixes ?? []) actions.push(toCodeAction(fix, diagnostic, doc.uri, doc.version, supportsDocumentChanges));
  }
  return actions;
});

registerStackOverview(connection, documents, () => cache, () => overviewLens, log);

documents.listen(connection);
connection.listen();
