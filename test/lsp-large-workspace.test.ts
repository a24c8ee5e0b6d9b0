// A workspace with thousands of files, against the real bundled server: a build context of 12,000 files
// (one folder over the 5,000-entry listing cap, like a vendored node_modules) and a burst of 12,000
// watched-file changes. The server reads only what the open documents need (lazily, listings capped),
// publishes their diagnostics, answers a hover sent right after the burst, and still re-publishes when what
// the Dockerfile did read changes. (How fast is for the benchmark, not for a test.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type FileEvent,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const FILES_IN_CONTEXT = 12_000;
const VENDORED = 6_000; // one folder over the listing cap (5,000 entries)

const DOCKERFILE = `FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
`;
const COMPOSE = `services:
  web:
    build: ./web
    ports:
      - "3000:3000"
`;

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'docklens-large-'));
  const web = path.join(root, 'web');
  mkdirSync(path.join(web, 'node_modules', 'vendored'), { recursive: true });
  writeFileSync(path.join(web, 'Dockerfile'), DOCKERFILE);
  writeFileSync(path.join(web, 'package.json'), '{"name":"web","dependencies":{}}\n');
  writeFileSync(path.join(web, 'package-lock.json'), '{"lockfileVersion":3}\n');
  writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
  for (let i = 0; i < VENDORED; i++) writeFileSync(path.join(web, 'node_modules', 'vendored', `m${i}.js`), '');
  for (let d = 0; d < (FILES_IN_CONTEXT - VENDORED) / 100; d++) {
    const dir = path.join(web, 'src', `d${d}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(path.join(dir, `f${i}.js`), '');
  }
  return root;
}

test(`LSP server in a workspace of ${FILES_IN_CONTEXT.toLocaleString('en-US')} files: diagnostics, a burst of as many watched-file changes, hovers still answered`, async (t) => {
  const root = workspace();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const { client } = await LspClient.start({}, { root });
  t.after(() => client.kill());
  const { connection, published } = client;
  /** The first diagnostics for `uri` published after the first `after` notifications (20 s: a large first analysis). */
  const nextPublish = (uri: string, after: number) => client.until(() => published.slice(after).find((p) => p.uri === uri), `diagnostics for ${uri}`, 20_000);
  const dockerfile = await client.open(path.join(root, 'web', 'Dockerfile'), 'dockerfile', DOCKERFILE);
  const compose = await client.open(path.join(root, 'compose.yaml'), 'dockercompose', COMPOSE);
  const first = await nextPublish(dockerfile, 0);
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['copy-before-install']);
  await nextPublish(compose, 0);

  // 12,000 changes the open documents never read (sources and vendored files, not manifests).
  const before = published.length;
  const changes: FileEvent[] = [];
  for (let i = 0; i < VENDORED; i++) changes.push({ uri: pathToFileURL(path.join(root, 'web', 'node_modules', 'vendored', `m${i}.js`)).href, type: FileChangeType.Changed });
  for (let d = 0; d < (FILES_IN_CONTEXT - VENDORED) / 100; d++) {
    for (let i = 0; i < 100; i++) changes.push({ uri: pathToFileURL(path.join(root, 'web', 'src', `d${d}`, `f${i}.js`)).href, type: FileChangeType.Changed });
  }
  await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: compose }, position: { line: 4, character: 10 } });
  assert.ok(hover && JSON.stringify(hover.contents).includes('3000'), JSON.stringify(hover));

  // A change to what the Dockerfile did read (a .dockerignore appears in its build context) re-publishes it.
  writeFileSync(path.join(root, 'web', '.dockerignore'), 'node_modules\n');
  await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(root, 'web', '.dockerignore')).href, type: FileChangeType.Created }] });
  const again = await nextPublish(dockerfile, before);
  assert.deepEqual(again.diagnostics.map((d) => d.code), ['copy-before-install']);

  assert.equal(await client.stop(), 0);
});
