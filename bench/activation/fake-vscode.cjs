// A minimal stand-in for the `vscode` module, enough for the docklens client bundle and the
// vscode-languageclient code inside it to load, activate and start the real server: plain objects for what
// the client reads (workspace folders, configuration, open documents, the output channel) and a permissive
// proxy for everything else (registrations return disposables, unknown values are inert). It does no
// rendering, file watching or IPC of its own, so the times measured with it are the extension's own
// JavaScript, not VS Code's work.
'use strict';

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.fn?.();
    this.fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return new Disposable(() => this.listeners.delete(listener));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

/** Any value: callable, constructible, iterable (empty), never a thenable, '' as a primitive. */
function inert(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'prototype') return t.prototype;
      if (prop === 'dispose') return () => {};
      if (prop === 'length') return 0;
      return inert(`${name}.${String(prop)}`);
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}

const event = () => new Disposable();
const outputChannel = (name) => ({
  name,
  logLevel: 2,
  onDidChangeLogLevel: event,
  append() {},
  appendLine() {},
  replace() {},
  clear() {},
  show() {},
  hide() {},
  dispose() {},
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
});

const api = {
  version: '1.100.0',
  Disposable,
  EventEmitter,
  env: { appName: 'docklens-bench', appRoot: __dirname, language: 'en', machineId: 'bench', sessionId: 'bench', uriScheme: 'vscode', uiKind: 1 },
  workspace: {
    workspaceFolders: undefined,
    textDocuments: [],
    notebookDocuments: [],
    getConfiguration: () => ({ get: (_key, dflt) => dflt, has: () => false, inspect: () => undefined, update: async () => {} }),
    getWorkspaceFolder: () => undefined,
    createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
    onDidOpenTextDocument: event,
    onDidChangeTextDocument: event,
    onDidCloseTextDocument: event,
    onDidSaveTextDocument: event,
    onWillSaveTextDocument: event,
    onDidChangeConfiguration: event,
    onDidChangeWorkspaceFolders: event,
    onDidCreateFiles: event,
    onDidRenameFiles: event,
    onDidDeleteFiles: event,
    onWillCreateFiles: event,
    onWillRenameFiles: event,
    onWillDeleteFiles: event,
    onDidOpenNotebookDocument: event,
    onDidChangeNotebookDocument: event,
    onDidSaveNotebookDocument: event,
    onDidCloseNotebookDocument: event,
  },
  window: {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: outputChannel,
    onDidChangeActiveTextEditor: event,
    onDidChangeVisibleTextEditors: event,
    showErrorMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showInformationMessage: async () => undefined,
  },
  commands: { registerCommand: () => new Disposable(), executeCommand: async () => undefined },
  languages: {
    createDiagnosticCollection: (name) => ({ name, set() {}, delete() {}, clear() {}, forEach() {}, get: () => [], has: () => false, dispose() {} }),
    match: () => 0,
  },
  extensions: { all: [], getExtension: () => undefined, onDidChange: event },
};

// Top-level names other code may read (enums and classes): listed as own keys so that bundlers'
// namespace-import helpers, which copy own properties, see them too. Each is inert.
const OTHER_NAMES = ['StatusBarAlignment', 'Uri', 'Range', 'Position', 'Location', 'Selection', 'MarkdownString', 'ThemeColor', 'ThemeIcon', 'ViewColumn', 'CodeLens', 'TreeItem', 'TreeItemCollapsibleState', 'Diagnostic', 'DiagnosticSeverity', 'DiagnosticTag', 'CodeAction', 'CodeActionKind', 'WorkspaceEdit', 'TextEdit', 'Hover', 'InlayHint', 'InlayHintKind', 'CompletionItem', 'CompletionItemKind', 'ConfigurationTarget', 'ProgressLocation', 'RelativePattern', 'FileType', 'SymbolKind', 'LogLevel', 'UIKind', 'CancellationTokenSource', 'CancellationError', 'ExtensionMode', 'l10n', 'tasks', 'debug', 'scm', 'tests', 'authentication', 'notebooks', 'chat', 'lm'];

module.exports = new Proxy(api, {
  get(t, prop) {
    if (prop === '__esModule') return true;
    if (prop in t) {
      const v = t[prop];
      // Namespaces: known members as above, any other member inert (languages.registerHoverProvider …).
      if (v && typeof v === 'object' && !Array.isArray(v)) return new Proxy(v, { get: (o, p) => (p in o ? o[p] : p === 'then' ? undefined : inert(`${String(prop)}.${String(p)}`)) });
      return v;
    }
    if (prop === 'then' || typeof prop === 'symbol') return undefined;
    return inert(String(prop));
  },
  ownKeys: (t) => [...Reflect.ownKeys(t), ...OTHER_NAMES.filter((n) => !(n in t))],
  getOwnPropertyDescriptor: (t, prop) => Reflect.getOwnPropertyDescriptor(t, prop) ?? (OTHER_NAMES.includes(prop) ? { value: inert(prop), enumerable: true, configurable: true, writable: true } : undefined),
});
