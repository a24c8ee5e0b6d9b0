// One activation sample, in a fresh Node process (run by bench/activation-bench.mjs):
//   node bench/activation/sample.cjs BUNDLE EXTENSION_ROOT
// Times what VS Code times for an extension (its extension host: `codeLoadingTime` = loading the main
// module, `activateCallTime` = the call to activate() until it returns; the Running Extensions view shows
// their sum as "Activation"). Prints one JSON line.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [bundle, root] = process.argv.slice(2);
const fakeVscode = require('./fake-vscode.cjs');
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
};

const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: { fsPath: root, scheme: 'file', path: root },
  asAbsolutePath: (p) => path.join(root, p),
  globalState: { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  storageUri: undefined,
  globalStorageUri: { fsPath: path.join(root, '.bench-storage'), scheme: 'file' },
  logUri: { fsPath: path.join(root, '.bench-log'), scheme: 'file' },
  extensionMode: 1,
  environmentVariableCollection: { replace() {}, append() {}, prepend() {}, get() {}, forEach() {}, delete() {}, clear() {} },
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
};

(() => {
  const t0 = performance.now();
  const extension = require(path.resolve(bundle));
  const t1 = performance.now();
  // Load and call only: a window with a Dockerfile open would also start the server, which VS Code does not
  // wait for; nothing is open here, so activate() returns and no child outlives the sample.
  const returned = extension.activate(context);
  const t2 = performance.now();
  returned?.catch?.(() => {});
  // Activated by a Dockerfile or compose file, activate() also loads the language client bundle beside it
  // (client/src/extension.ts) before starting the server: timed on its own, added by the bench.
  const t3 = performance.now();
  require(path.join(path.dirname(path.resolve(bundle)), 'languageServer.js'));
  const clientLoadMs = performance.now() - t3;
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, callMs: t2 - t1, clientLoadMs }) + '\n');
  process.exit(0);
})();
