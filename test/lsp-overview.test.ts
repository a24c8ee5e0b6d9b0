// The stack overview over LSP, against the REAL bundled server (server/out/server.js) over stdio:
// `docklens/stackOverview` answers with the same model and SVG as the goldens of overview.test.ts, follows
// edits of the document, and the `services:` code lens is offered only to a client that announces it runs
// `docklens.showStackOverview` (experimental capability or initializationOptions), never to others.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, DidChangeTextDocumentNotification, type ClientCapabilities, type InitializeResult, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LspClient, WAIT_MS, within } from './lspClient';

const ROOT = process.cwd();
const TASKFLOW = path.join(ROOT, 'examples/taskflow');
const COMPOSE = path.join(TASKFLOW, 'docker-compose.yml');
const GOLDEN = path.join(ROOT, 'test/fixtures/overview/taskflow');
const uri = pathToFileURL(COMPOSE).href;

interface Session {
  connection: ProtocolConnection;
  result: InitializeResult;
  stop(): Promise<number | null>;
}

/** A server on the taskflow example with its compose file open. */
async function start(t: { after: (fn: () => void) => void }, capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<Session> {
  const { client, result } = await LspClient.start(capabilities, { root: TASKFLOW, initializationOptions });
  t.after(() => client.kill());
  await client.open(COMPOSE, 'dockercompose');
  return { connection: client.connection, result, stop: () => client.stop() };
}

interface OverviewResult {
  uri: string;
  version: number;
  overview: { services: { name: string }[] };
  svg: string;
}

const overview = (s: Session, forUri: string) => within(s.connection.sendRequest<OverviewResult | null>('docklens/stackOverview', { uri: forUri }), WAIT_MS, 'docklens/stackOverview');
const lenses = (s: Session) => within(s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), WAIT_MS, 'codeLens');

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
