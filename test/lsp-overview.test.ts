// The stack overview over LSP, against the REAL bundled server (server/out/server.js) over stdio:
// `docklens/stackOverview` answers with the same model and SVG as the goldens of overview.test.ts, follows
// edits of the document, and the `services:` code lens is offered only to a client that announces it runs
// `docklens.showStackOverview` (experimental capability or initializationOptions), never to others.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const ROOT = process.cwd();
const SERVER = path.join(ROOT, 'server/out/server.js');
const TASKFLOW = path.join(ROOT, 'examples/taskflow');
const COMPOSE = path.join(TASKFLOW, 'docker-compose.yml');
const GOLDEN = path.join(ROOT, 'test/fixtures/overview/taskflow');
const WAIT_MS = 10_000;
const uri = pathToFileURL(COMPOSE).href;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Session {
  connection: ProtocolConnection;
  result: InitializeResult;
  stop(): Promise<number | null>;
}

async function start(t: { after: (fn: () => void) => void }, capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<Session> {
  assert.ok(existsSync(SERVER), `${SERVER} is missing: build first (npm test does)`);
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null) child.kill();
  });
  child.stdin.on('error', () => {});
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onError(() => {});
  connection.listen();
  const result = await within(
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(TASKFLOW).href,
      workspaceFolders: [{ uri: pathToFileURL(TASKFLOW).href, name: 'taskflow' }],
      capabilities,
      initializationOptions,
    }),
    'initialize',
  );
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockercompose', version: 1, text: readFileSync(COMPOSE, 'utf8') } });
  return {
    connection,
    result,
    async stop() {
      await within(connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await connection.sendNotification(ExitNotification.type);
      const code = await within(exited, 'exit');
      connection.dispose();
      return code;
    },
  };
}

interface OverviewResult {
  uri: string;
  version: number;
  overview: { services: { name: string }[] };
  svg: string;
}

const overview = (s: Session, forUri: string) => within(s.connection.sendRequest<OverviewResult | null>('docklens/stackOverview', { uri: forUri }), 'docklens/stackOverview');
const lenses = (s: Session) => within(s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), 'codeLens');

test('docklens/stackOverview: the golden model and SVG, updated after an edit; the lens runs the command', async (t) => {
  const s = await start(t, { experimental: { docklens: { stackOverview: true } } });
  assert.deepEqual(s.result.capabilities.codeLensProvider, { resolveProvider: false });
  assert.deepEqual(await lenses(s), [
    {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } },
      command: { title: 'Show stack overview', command: 'docklens.showStackOverview', arguments: [uri] },
    },
  ]);

  const first = await overview(s, uri);
  assert.ok(first);
  assert.equal(first.uri, uri);
  assert.equal(first.version, 1);
  assert.deepEqual(first.overview, JSON.parse(readFileSync(path.join(GOLDEN, 'expected.json'), 'utf8')));
  assert.equal(first.svg, readFileSync(path.join(GOLDEN, 'expected.svg'), 'utf8'));

  // Rename `frontend`: the next request sees version 2 and the new name.
  const text = readFileSync(COMPOSE, 'utf8').replace('  frontend:\n', '  web-ui:\n');
  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  const second = await overview(s, uri);
  assert.equal(second?.version, 2);
  assert.deepEqual(second?.overview.services.map((x) => x.name), ['backend', 'web-ui', 'postgres', 'mongodb', 'redis']);
  assert.ok(second?.svg.includes('<g class="service" data-service="web-ui">'));
  assert.ok(!second?.svg.includes('data-service="frontend"'));

  assert.equal(await overview(s, pathToFileURL(path.join(TASKFLOW, 'not-open.yml')).href), null, 'a document that is not open');
  assert.equal(await overview(s, pathToFileURL(path.join(TASKFLOW, 'backend/backend.dockerfile')).href), null);
  assert.equal(await s.stop(), 0);
});

test('code lens: offered with initializationOptions.stackOverview, never to a client that does not run the command', async (t) => {
  const plain = await start(t, {});
  assert.equal(plain.result.capabilities.codeLensProvider, undefined);
  assert.deepEqual(await lenses(plain), [], 'no lens even when asked');
  assert.ok(await overview(plain, uri), 'the request itself works for every client');
  assert.equal(await plain.stop(), 0);

  const viaOptions = await start(t, {}, { stackOverview: true });
  assert.deepEqual(viaOptions.result.capabilities.codeLensProvider, { resolveProvider: false });
  assert.equal((await lenses(viaOptions))?.length, 1);
  assert.equal(await viaOptions.stop(), 0);
});
