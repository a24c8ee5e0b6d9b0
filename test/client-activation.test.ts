// The bundled extension (client/out/extension.js) activated against a recording stand-in for the `vscode`
// module: a YAML file activates it without starting the language server; a YAML file that looks like
// Compose gets the offer, and "Treat as Compose" writes `files.associations` and switches the document;
// the other answers, Compose-named files and other YAML files write nothing. The server itself and the
// real VS Code run in test/e2e; this checks the client's own decisions on every `npm test`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const EXTENSION = path.resolve('client/out/extension.js');
const LANGUAGE_CLIENT = path.resolve('client/out/languageServer.js');
const FIXTURES = path.resolve('test/fixtures/looks-like-compose');
const FOLDER = FIXTURES;

interface Doc {
  uri: { fsPath: string; scheme: string; toString(): string };
  languageId: string;
  getText(): string;
}

const disposable = { dispose() {} };

/** A stand-in for the parts of the `vscode` API the client touches, recording what it does. */
function fakeVscode(answer: string | undefined) {
  const record = {
    messages: [] as { text: string; items: string[] }[],
    updates: [] as { section: string; key: string; value: unknown; target: number }[],
    languageChanges: [] as { file: string; language: string }[],
    statusShown: 0,
    outputChannels: [] as string[],
    commands: [] as string[],
    workspaceState: new Map<string, unknown>(),
    openListeners: [] as ((d: Doc) => void)[],
    textDocuments: [] as Doc[],
    pending: [] as Promise<unknown>[],
  };
  class EventEmitter {
    event = () => disposable;
    fire() {}
    dispose() {}
  }
  const api = {
    EventEmitter,
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      constructor(readonly value: string) {}
    },
    window: {
      createOutputChannel(name: string) {
        record.outputChannels.push(name);
        const log = () => {};
        return { name, logLevel: 3, onDidChangeLogLevel: () => disposable, trace: log, debug: log, info: log, warn: log, error: log, append: log, appendLine: log, replace: log, clear: log, show: log, hide: log, dispose: log };
      },
      createStatusBarItem() {
        return { show: () => record.statusShown++, hide() {}, dispose() {} };
      },
      showInformationMessage(text: string, ...items: string[]) {
        record.messages.push({ text, items });
        return Promise.resolve(answer);
      },
    },
    workspace: {
      get textDocuments() {
        return record.textDocuments;
      },
      onDidOpenTextDocument(listener: (d: Doc) => void) {
        record.openListeners.push(listener);
        return disposable;
      },
      onDidChangeConfiguration: () => disposable,
      // The stack overview listens for edits and saves to refresh its open panels.
      onDidChangeTextDocument: () => disposable,
      onDidSaveTextDocument: () => disposable,
      getWorkspaceFolder: (uri: Doc['uri']) => (uri.fsPath.startsWith(FOLDER + path.sep) ? { uri: { fsPath: FOLDER }, name: 'fixtures', index: 0 } : undefined),
      getConfiguration(section?: string) {
        return {
          get: () => undefined,
          inspect: () => ({ key: 'associations', workspaceValue: { '*.tpl': 'html' } }),
          update(key: string, value: unknown, target: number) {
            record.updates.push({ section: section ?? '', key, value, target });
            return Promise.resolve();
          },
        };
      },
    },
    languages: {
      setTextDocumentLanguage(doc: Doc, language: string) {
        record.languageChanges.push({ file: path.relative(FIXTURES, doc.uri.fsPath), language });
        return Promise.resolve({ ...doc, languageId: language });
      },
    },
    commands: {
      registerCommand(id: string) {
        record.commands.push(id);
        return disposable;
      },
    },
  };
  // vscode-languageclient extends and reads other parts of the API when it loads: empty classes will do,
  // since activation with only YAML documents open must never construct a client.
  const stubs = new Map<PropertyKey, unknown>();
  const withStubs = new Proxy(api, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : stubs.get(key) ?? stubs.set(key, class {}).get(key)),
  });
  return { api: withStubs, record };
}

function doc(file: string, languageId = 'yaml'): Doc {
  const fsPath = path.join(FIXTURES, file);
  const href = pathToFileURL(fsPath).href;
  return { uri: { fsPath, scheme: 'file', toString: () => href }, languageId, getText: () => readFileSync(fsPath, 'utf8') };
}

/** Loads a fresh copy of the bundle with `vscode` resolved to the stand-in, and activates it. */
async function activate(answer: string | undefined, open: Doc[]) {
  const { api, record } = fakeVscode(answer);
  record.textDocuments.push(...open);
  const moduleApi = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = moduleApi._load;
  moduleApi._load = (request, parent, isMain) => (request === 'vscode' ? api : original(request, parent, isMain));
  try {
    delete require.cache[EXTENSION];
    delete require.cache[LANGUAGE_CLIENT];
    const extension = require(EXTENSION) as { activate(ctx: unknown): Promise<{ client: unknown }> };
    const context = {
      subscriptions: [] as unknown[],
      asAbsolutePath: (p: string) => path.resolve(p),
      workspaceState: { get: (k: string) => record.workspaceState.get(k), update: (k: string, v: unknown) => (record.workspaceState.set(k, v), Promise.resolve()) },
    };
    const exported = await extension.activate(context);
    // Let the offer's promise chain (message → settings → language) settle.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    return { record, exported, openLater: async (d: Doc) => {
      record.textDocuments.push(d);
      record.openListeners.forEach((l) => l(d));
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    } };
  } finally {
    moduleApi._load = original;
  }
}

test('a YAML file activates the extension without starting the language server, and the status item stays hidden', async () => {
  const { record, exported } = await activate(undefined, [doc('not-compose/k8s/deployment.yaml')]);
  assert.equal(exported.client, undefined);
  assert.equal(require.cache[LANGUAGE_CLIENT], undefined, 'the language client bundle is not even loaded');
  assert.deepEqual(record.commands, ['docklens.restartServer', 'docklens.showServerLog', 'docklens.showStackOverview']);
  assert.deepEqual(record.outputChannels, [], 'the output channel belongs to the server, created with it');
  assert.equal(record.statusShown, 0);
  assert.deepEqual(record.messages, [], 'a Kubernetes manifest is not offered as Compose');
});

test('"Treat as Compose" adds this file to the workspace files.associations and switches the open document', async () => {
  const { record } = await activate('Treat as Compose', [doc('compose/stack/prod.yaml')]);
  assert.deepEqual(record.messages, [{ text: 'compose/stack/prod.yaml looks like a Docker Compose file. Treat it as Compose?', items: ['Treat as Compose', 'Not now', 'Never for this workspace'] }]);
  assert.deepEqual(record.updates, [{ section: 'files', key: 'associations', value: { '*.tpl': 'html', '**/compose/stack/prod.yaml': 'dockercompose' }, target: 2 }]);
  assert.deepEqual(record.languageChanges, [{ file: 'compose/stack/prod.yaml', language: 'dockercompose' }]);
});

test('"Not now" writes nothing and does not ask again for that file in this window', async () => {
  const { record, openLater } = await activate('Not now', [doc('compose/local.yml')]);
  await openLater(doc('compose/local.yml'));
  assert.equal(record.messages.length, 1);
  assert.deepEqual(record.updates, []);
  assert.deepEqual(record.languageChanges, []);
});

test('"Never for this workspace" is remembered: the next Compose-looking file is not offered', async () => {
  const { record, openLater } = await activate('Never for this workspace', [doc('compose/local.yml')]);
  await openLater(doc('compose/anchors.yaml'));
  assert.equal(record.messages.length, 1);
  assert.equal(record.workspaceState.get('docklens.composeOffer.never'), true);
  assert.deepEqual(record.updates, []);
});

test('files VS Code already treats as Compose and documents of other languages are not offered', async () => {
  const named = { ...doc('compose/local.yml'), uri: { ...doc('compose/local.yml').uri, fsPath: path.join(FIXTURES, 'compose/docker-compose.yml') } };
  const { record } = await activate('Treat as Compose', [named, doc('compose/local.yml', 'plaintext')]);
  assert.deepEqual(record.messages, []);
});

test('the .vsix ships every bundle extension.js loads (.vscodeignore)', () => {
  const shipped = readFileSync('.vscodeignore', 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  const required = [...readFileSync(EXTENSION, 'utf8').matchAll(/require\("(\.\/[^"]+)"\)/g)].map((m) => `client/out/${m[1]!.slice(2)}`);
  assert.deepEqual(required, ['client/out/languageServer.js']);
  for (const bundle of ['client/out/extension.js', ...required]) assert.ok(shipped.includes(bundle), `${bundle} is not in .vscodeignore's allow list`);
});
