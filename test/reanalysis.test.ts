// Re-analysis of dependent documents: which analyses read which paths (AnalysisCache dependency tracking over
// a temporary copy of test/fixtures/reanalysis/project), and the real bundled server re-publishing the
// diagnostics of an open document when a file it read changes, in the editor or on disk.
//
// The fixture: docker-compose.yml builds service `api` from ./backend (backend/Dockerfile) and publishes a
// port; `worker` waits for `api` to be healthy; `${DATABASE_URL}` has no value in .env.
// - compose `undefined-variable` depends on .env;
// - compose `healthcheck-missing-for-dependency` depends on backend/Dockerfile (its HEALTHCHECK);
// - Dockerfile `server-binds-localhost` depends on docker-compose.yml (the `ports` of the service it builds).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  RegistrationRequest,
  type FileEvent,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../server/src/core/analysis';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { LspClient, uriOf } from './lspClient';

const FIXTURE = path.join(process.cwd(), 'test/fixtures/reanalysis/project');

/** A fresh copy of the fixture project in a temporary folder (the tests write to it). */
function copyFixture(t: { after: (fn: () => void) => void }): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-reanalysis-')));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function files(dir: string) {
  return {
    compose: path.join(dir, 'docker-compose.yml'),
    dockerfile: path.join(dir, 'backend/Dockerfile'),
    env: path.join(dir, '.env'),
    unrelated: path.join(dir, 'unrelated.txt'),
  };
}

const withoutHealthcheck = (dockerfile: string) =>
  dockerfile
    .split('\n')
    .filter((l) => !l.startsWith('HEALTHCHECK'))
    .join('\n');
const withoutPorts = (compose: string) => compose.replace('    ports:\n      - "8000:8000"\n', '');

// ---------------------------------------------------------------- AnalysisCache dependency tracking

function analysed(dir: string) {
  const f = files(dir);
  const workspace = new FileSystemWorkspace({ roots: [dir] });
  const cache = new AnalysisCache(workspace);
  const docs = {
    compose: TextDocument.create(uriOf(f.compose), 'dockercompose', 1, fs.readFileSync(f.compose, 'utf8')),
    dockerfile: TextDocument.create(uriOf(f.dockerfile), 'dockerfile', 1, fs.readFileSync(f.dockerfile, 'utf8')),
  };
  const rules = (which: 'compose' | 'dockerfile') =>
    cache
      .get(docs[which], which, which === 'compose' ? f.compose : f.dockerfile)
      .findings()
      .map((x) => x.ruleId)
      .sort();
  return { f, workspace, cache, docs, rules };
}

test('AnalysisCache: dependents of a changed path', async (t) => {
  const dir = copyFixture(t);
  const { f, workspace, cache, docs, rules } = analysed(dir);
  assert.deepEqual(rules('compose'), ['undefined-variable']);
  assert.deepEqual(rules('dockerfile'), ['server-binds-localhost']);
  const changed = (p: string) => ({ path: p, kind: 'changed' as const });
  const created = (p: string) => ({ path: p, kind: 'created' as const });

  await t.test('a .env change: the compose file (interpolation) and the Dockerfile (its compose service) depend on it', () => {
    assert.deepEqual(cache.dependents([changed(f.env)]).sort(), [docs.compose.uri, docs.dockerfile.uri].sort());
  });

  await t.test('a Dockerfile change: the compose file depends on it (the HEALTHCHECK of a service it waits for)', () => {
    assert.ok(cache.dependents([changed(f.dockerfile)]).includes(docs.compose.uri));
  });

  await t.test('a compose change: the Dockerfile depends on it (the service that builds it)', () => {
    assert.deepEqual(cache.dependents([changed(f.compose)]), [docs.dockerfile.uri]);
  });

  await t.test('an unrelated file: nobody depends on it, changed, created or deleted in a folder nobody lists', () => {
    assert.deepEqual(cache.dependents([changed(f.unrelated)]), []);
    assert.deepEqual(cache.dependents([created(path.join(dir, 'docs/guide/notes.md'))]), []);
    assert.deepEqual(cache.dependents([{ path: path.join(dir, 'docs/guide'), kind: 'deleted' }]), []);
    // The project folder itself is listed (override and sibling compose files): a folder created in it counts.
    assert.ok(cache.dependents([created(path.join(dir, 'docs'))]).includes(docs.compose.uri));
  });

  await t.test('a file that did not exist is recorded: creating it is a change', () => {
    const override = path.join(dir, 'compose.override.yml');
    assert.ok(!fs.existsSync(override));
    // The compose file lists its folder for an override file; the new file changes that listing.
    assert.ok(cache.dependents([created(override)]).includes(docs.compose.uri));
    // A missing file read by path is recorded too: `<Dockerfile>.dockerignore` beside the Dockerfile.
    const ignore = `${f.dockerfile}.dockerignore`;
    assert.ok(cache.readsOf(docs.dockerfile.uri)?.files.has(ignore));
    assert.ok(cache.dependents([created(ignore)]).includes(docs.dockerfile.uri));
  });

  await t.test('invalidatePaths drops only the dependents; the next get reads the new .env', () => {
    const before = cache.get(docs.dockerfile, 'dockerfile', f.dockerfile);
    fs.writeFileSync(f.env, 'APP_ENV=development\nDATABASE_URL=postgresql://db/app\n');
    workspace.invalidate([f.env]);
    const composeBefore = cache.get(docs.compose, 'compose', f.compose);
    assert.deepEqual(cache.invalidatePaths([changed(f.unrelated)]), []);
    assert.equal(cache.get(docs.compose, 'compose', f.compose), composeBefore, 'an unrelated change keeps the analysis');
    assert.deepEqual(cache.invalidatePaths([changed(f.env)]).sort(), [docs.compose.uri, docs.dockerfile.uri].sort());
    assert.notEqual(cache.get(docs.dockerfile, 'dockerfile', f.dockerfile), before);
    assert.deepEqual(rules('compose'), []);
  });

  await t.test('a deleted .env, then created again: both reach the compose analysis', () => {
    fs.rmSync(f.env);
    workspace.invalidate([f.env]);
    assert.ok(cache.invalidatePaths([{ path: f.env, kind: 'deleted' }]).includes(docs.compose.uri));
    assert.deepEqual(rules('compose'), ['undefined-variable']);
    assert.ok(cache.readsOf(docs.compose.uri)?.files.has(f.env), 'the missing .env is still a recorded read');
    fs.writeFileSync(f.env, 'DATABASE_URL=postgresql://db/app\n');
    workspace.invalidate([f.env]);
    assert.ok(cache.invalidatePaths([created(f.env)]).includes(docs.compose.uri));
    assert.deepEqual(rules('compose'), []);
  });

  await t.test('the Dockerfile without HEALTHCHECK on disk: the compose analysis reports the missing healthcheck', () => {
    fs.writeFileSync(f.dockerfile, withoutHealthcheck(fs.readFileSync(f.dockerfile, 'utf8')));
    workspace.invalidate([f.dockerfile]);
    assert.ok(cache.invalidatePaths([changed(f.dockerfile)]).includes(docs.compose.uri));
    assert.deepEqual(rules('compose'), ['healthcheck-missing-for-dependency']);
  });
});

test('a compose file created beside the open one joins its project when the folder listing changes', (t) => {
  const dir = copyFixture(t);
  const { f, workspace, cache } = analysed(dir);
  const text = `${fs.readFileSync(f.compose, 'utf8')}\n  beat:\n    image: python:3.12-slim\n    depends_on: [queue]\n`;
  const doc = TextDocument.create(uriOf(f.compose), 'dockercompose', 2, text);
  const rules = () => cache.get(doc, 'compose', f.compose).findings().map((x) => x.ruleId).sort();
  assert.deepEqual(rules(), ['undefined-variable', 'unknown-service']);

  // The sibling file names of a folder are worked out once per listing: the new listing must be read.
  const sibling = path.join(dir, 'compose.queue.yaml');
  fs.writeFileSync(sibling, 'services:\n  queue:\n    image: redis:7\n');
  workspace.invalidate([sibling]);
  assert.ok(cache.invalidatePaths([{ path: sibling, kind: 'created' }]).includes(doc.uri));
  assert.deepEqual(rules(), ['undefined-variable']);

  fs.rmSync(sibling);
  workspace.invalidate([sibling]);
  assert.ok(cache.invalidatePaths([{ path: sibling, kind: 'deleted' }]).includes(doc.uri));
  assert.deepEqual(rules(), ['undefined-variable', 'unknown-service']);
});

test('FileSystemWorkspace.invalidate(paths) forgets only those files and their folder listings', (t) => {
  const dir = copyFixture(t);
  const { env, unrelated } = files(dir);
  const workspace = new FileSystemWorkspace({ roots: [dir] });
  assert.equal(workspace.readText(env), 'APP_ENV=development\n');
  assert.equal(workspace.readText(unrelated)?.startsWith('Not read'), true);
  assert.equal(workspace.exists(path.join(dir, 'new.txt')), false);
  fs.writeFileSync(env, 'APP_ENV=test\n');
  fs.writeFileSync(unrelated, 'changed\n');
  fs.writeFileSync(path.join(dir, 'new.txt'), 'new\n');

  workspace.invalidate([env]);
  assert.equal(workspace.readText(env), 'APP_ENV=test\n');
  assert.equal(workspace.readText(unrelated)?.startsWith('Not read'), true, 'not invalidated: still the cached text');
  // .env's folder is the project folder: its listing was forgotten too, so the new file shows.
  assert.equal(workspace.exists(path.join(dir, 'new.txt')), true);

  // A folder: everything cached below it goes.
  const backendReq = path.join(dir, 'backend/requirements.txt');
  assert.match(workspace.readText(backendReq) ?? '', /fastapi/);
  fs.writeFileSync(backendReq, 'flask\n');
  workspace.invalidate([path.join(dir, 'backend')]);
  assert.equal(workspace.readText(backendReq), 'flask\n');

  workspace.invalidate();
  assert.equal(workspace.readText(unrelated), 'changed\n');
});

// ---------------------------------------------------------------- the real server over stdio

/** The first diagnostics for `uri` published after message number `after` that satisfy `accept`. */
function diagnosticsAfter(client: LspClient, after: number, uri: string, accept: (codes: string[]) => boolean, what: string): Promise<PublishDiagnosticsParams> {
  return client.until(
    () => client.published.slice(after).find((p) => p.uri === uri && accept(codesOf(p))),
    `${what} (received: ${JSON.stringify(client.published.map((p) => [path.basename(p.uri), p.diagnostics.map((d) => d.code)]))})`,
  );
}

const codesOf = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.source === 'docklens').map((d) => String(d.code)).sort();

test('LSP server: editor and disk changes re-publish the diagnostics of the open documents that read them', async (t) => {
  const dir = copyFixture(t);
  const f = files(dir);
  const registrations: Registration[] = [];
  const { client } = await LspClient.start(
    { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    {
      root: dir,
      handlers: (c) =>
        c.connection.onRequest(RegistrationRequest.type, (params) => {
          registrations.push(...params.registrations);
          c.recheck();
        }),
    },
  );
  t.after(() => client.kill());
  const compose = uriOf(f.compose);
  const dockerfile = uriOf(f.dockerfile);
  const composeText = fs.readFileSync(f.compose, 'utf8');
  const dockerfileText = fs.readFileSync(f.dockerfile, 'utf8');
  const watched = (changes: FileEvent[]) => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });

  await t.test('the server registers a file watcher for every file', async () => {
    const reg = await client.until(() => registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method), 'registerCapability');
    assert.deepEqual(reg.registerOptions, { watchers: [{ globPattern: '**/*' }] });
  });

  await t.test('didOpen of both: compose has undefined-variable, the Dockerfile server-binds-localhost', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: compose, languageId: 'dockercompose', version: 1, text: composeText } });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText } });
    const c = await diagnosticsAfter(client, 0, compose, () => true, 'compose diagnostics');
    const d = await diagnosticsAfter(client, 0, dockerfile, () => true, 'Dockerfile diagnostics');
    assert.deepEqual(codesOf(c), ['undefined-variable']);
    assert.deepEqual(codesOf(d), ['server-binds-localhost']);
  });

  await t.test('editing the Dockerfile (HEALTHCHECK removed, unsaved) re-publishes the compose file with the missing healthcheck', async () => {
    const mark = client.published.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: dockerfile, version: 2 }, contentChanges: [{ text: withoutHealthcheck(dockerfileText) }] });
    const c = await diagnosticsAfter(client, mark, compose, () => true, 'compose diagnostics after the Dockerfile edit');
    assert.deepEqual(codesOf(c), ['healthcheck-missing-for-dependency', 'undefined-variable']);
    assert.equal(c.version, 1, 'the compose document itself did not change');
    assert.match(String(c.diagnostics.find((x) => x.code === 'healthcheck-missing-for-dependency')!.message), /its Dockerfile has no `HEALTHCHECK`/);
  });

  await t.test('undoing the edit takes the finding away again', async () => {
    const mark = client.published.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: dockerfile, version: 3 }, contentChanges: [{ text: dockerfileText }] });
    const c = await diagnosticsAfter(client, mark, compose, () => true, 'compose diagnostics after the undo');
    assert.deepEqual(codesOf(c), ['undefined-variable']);
  });

  await t.test('editing the compose file (ports removed) re-publishes the Dockerfile without server-binds-localhost', async () => {
    const mark = client.published.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: compose, version: 2 }, contentChanges: [{ text: withoutPorts(composeText) }] });
    const d = await diagnosticsAfter(client, mark, dockerfile, () => true, 'Dockerfile diagnostics after the compose edit');
    assert.deepEqual(codesOf(d), []);
    assert.equal(d.version, 3);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: compose, version: 3 }, contentChanges: [{ text: composeText }] });
    await diagnosticsAfter(client, mark, dockerfile, (codes) => codes.includes('server-binds-localhost'), 'Dockerfile diagnostics after the compose undo');
  });

  await t.test('.env written on disk + didChangeWatchedFiles: the compose undefined-variable goes away', async () => {
    await diagnosticsAfter(client, 0, compose, (codes) => codes.length === 1, 'compose settled');
    const mark = client.published.length;
    fs.writeFileSync(f.env, 'APP_ENV=development\nDATABASE_URL=postgresql://db:5432/app\n');
    await watched([{ uri: uriOf(f.env), type: FileChangeType.Changed }]);
    const c = await diagnosticsAfter(client, mark, compose, () => true, 'compose diagnostics after the .env change');
    assert.deepEqual(codesOf(c), []);
    // The Dockerfile reads .env too (through the compose file that builds it): it is re-published as well.
    assert.deepEqual(codesOf(await diagnosticsAfter(client, mark, dockerfile, () => true, 'Dockerfile after the .env change')), ['server-binds-localhost']);
  });

  await t.test('.env deleted, then created: each re-publishes the compose file', async () => {
    let mark = client.published.length;
    fs.rmSync(f.env);
    await watched([{ uri: uriOf(f.env), type: FileChangeType.Deleted }]);
    assert.deepEqual(codesOf(await diagnosticsAfter(client, mark, compose, () => true, 'compose after deleting .env')), ['undefined-variable']);
    await diagnosticsAfter(client, mark, dockerfile, () => true, 'Dockerfile after deleting .env');
    mark = client.published.length;
    fs.writeFileSync(f.env, 'DATABASE_URL=postgresql://db:5432/app\n');
    await watched([{ uri: uriOf(f.env), type: FileChangeType.Created }]);
    assert.deepEqual(codesOf(await diagnosticsAfter(client, mark, compose, () => true, 'compose after creating .env')), []);
    assert.deepEqual(codesOf(await diagnosticsAfter(client, mark, dockerfile, () => true, 'Dockerfile after creating .env')), ['server-binds-localhost']);
  });

  await t.test('a change to a file nobody read re-publishes nothing', async () => {
    const mark = client.published.length;
    fs.writeFileSync(f.unrelated, 'changed\n');
    await watched([{ uri: uriOf(f.unrelated), type: FileChangeType.Changed }]);
    // Dependents are re-published 20 ms after the notification: ten times that without any is a quiet server.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(client.published.slice(mark), []);
  });

  await t.test('closing the edited Dockerfile: the compose file reads the disk again', async () => {
    const mark = client.published.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: dockerfile, version: 4 }, contentChanges: [{ text: withoutHealthcheck(dockerfileText) }] });
    await diagnosticsAfter(client, mark, compose, (codes) => codes.includes('healthcheck-missing-for-dependency'), 'compose after the unsaved edit');
    const closed = client.published.length;
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: dockerfile } });
    // The disk still has the HEALTHCHECK: the unsaved edit is gone with the editor.
    assert.deepEqual(codesOf(await diagnosticsAfter(client, closed, compose, () => true, 'compose after closing the Dockerfile')), []);
  });

  await t.test('shutdown', async () => {
    assert.equal(client.stderr.match(/uncaught|unhandled|failed/i), null, client.stderr);
    assert.equal(await client.stop(), 0);
  });
});
