// One activation sample, in a fresh Node process (run by bench/activation-bench.mjs):
//   node bench/activation/sample.cjs BUNDLE EXTENSION_ROOT [--start]
// Times what VS Code times for an extension (its extension host: `codeLoadingTime` = loading the main
// module, `activateCallTime` = the call to activate() until it returns; the Running Extensions view shows
// their sum as "Activation") and, with --start, `activateResolvedTime`: until the promise activate()
// returned settles, which for docklens means the language server has been spawned and has answered
// `initialize`. Prints one JSON line.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [bundle, root, mode] = process.argv.slice(2);
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

(async () => {
  const t0 = performance.now();
  const extension = require(path.resolve(bundle));
  const t1 = performance.now();
  let returned;
  if (mode !== '--start') {
    // Load and call only: LanguageClient.start() would spawn the server; it is stubbed out by not awaiting and
    // exiting at once, so no child outlives the sample.
    returned = extension.activate(context);
    const t2 = performance.now();
    returned?.catch?.(() => {});
    process.stdout.write(JSON.stringify({ loadMs: t1 - t0, callMs: t2 - t1 }) + '\n');
    process.exit(0);
  }
  returned = extension.activate(context);
  const t2 = performance.now();
  const api = await returned;
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, callMs: t2 - t1, resolvedMs: t3 - t2, running: Boolean(api?.client?.isRunning?.()) }) + '\n');
  await extension.deactivate?.();
  for (const d of context.subscriptions) d?.dispose?.();
  process.exit(0);
})().catch((error) => {
  process.stderr.write(`activation sample failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
