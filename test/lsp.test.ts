// End-to-end tests of the language server over stdio: the REAL bundled server (server/out/server.js) runs
// as a child process and this file is its LSP client. Covers the handshake, diagnostics (exact shape),
// quick-fixes in both WorkspaceEdit shapes, full and incremental sync, hovers, compose files opened as
// `yaml`, didClose and a clean shutdown. No sleeps: every wait resolves on the message it waits for and
// fails after a bounded time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, uriOf, WAIT_MS, within } from './lspClient';

const ROOT = process.cwd();
const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');
const NODE_APP = path.join(FIXTURES, 'node-app/Dockerfile');
const FIXED_GOLDEN = path.join(FIXTURES, 'node-app.fixed.golden');
const COMPOSE = path.join(FIXTURES, 'compose/docker-compose.yml');
const NOT_COMPOSE = path.join(FIXTURES, 'compose/app-config.yml');

const read = (file: string) => readFileSync(file, 'utf8');

const MESSAGE =
  '`COPY . .` copies the whole build context before `npm ci` (line 7) installs the Node.js (npm) dependencies from ' +
  '`package.json`, `package-lock.json`: every change to any source file re-runs `npm ci`. Copy the dependency manifests ' +
  'first, install, then copy the rest of the sources.';
const FIX_TITLE = 'Copy the manifests first and move `COPY . .` after the install';

const CAPABILITIES = (documentChanges: boolean): ClientCapabilities => ({
  workspace: documentChanges ? { workspaceEdit: { documentChanges: true }, inlayHint: { refreshSupport: true } } : {},
  textDocument: {
    synchronization: { didSave: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
});

const docklensOnly = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'docklens');

/** The one diagnostic the Node app fixture has, checked field by field. */
function assertCopyBeforeInstall(diagnostic: Diagnostic | undefined, version: number): asserts diagnostic is Diagnostic {
  assert.ok(diagnostic, 'expected a copy-before-install diagnostic');
  const { data, ...rest } = diagnostic;
  assert.deepEqual(rest, {
    range: { start: { line: 5, character: 0 }, end: { line: 5, character: 8 } },
    severity: 2,
    code: 'copy-before-install',
    codeDescription: { href: 'https://github.com/docklens/docklens/blob/main/docs/rules.md#copy-before-install' },
    source: 'docklens',
    message: MESSAGE,
  });
  assert.ok(diagnostic.codeDescription!.href.endsWith('docs/rules.md#copy-before-install'));
  // The version only: the fixes are computed when a code action asks for them (quickFixFor checks them).
  assert.deepEqual(data, { version });
}

function isCodeAction(value: Command | CodeAction): value is CodeAction {
  return typeof (value as Command).command !== 'string';
}

async function quickFixFor(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction> {
  const actions = await within(
    client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    }),
    WAIT_MS,
    'codeAction',
  );
  assert.ok(actions, 'codeAction returned null');
  assert.equal(actions.length, 1, JSON.stringify(actions));
  const action = actions[0]!;
  assert.ok(isCodeAction(action), 'expected a CodeAction literal, not a Command');
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.title, FIX_TITLE);
  assert.equal(action.isPreferred, true);
  assert.deepEqual(action.diagnostics, [diagnostic]);
  return action;
}

test('LSP server, client with workspaceEdit.documentChanges', async (t) => {
  const { client, result } = await LspClient.start(CAPABILITIES(true));
  t.after(() => client.kill());
  const original = read(NODE_APP);
  const golden = read(FIXED_GOLDEN);
  let uri = '';
  let diagnostic: Diagnostic | undefined;

  await t.test('initialize: hover, quick-fix code actions, incremental sync', () => {
    const caps = result.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.inlayHintProvider, true);
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
    assert.deepEqual(typeof caps.codeActionProvider === 'object' ? caps.codeActionProvider.codeActionKinds : undefined, ['quickfix']);
    const sync = caps.textDocumentSync;
    assert.ok(sync && typeof sync === 'object', `textDocumentSync should be options, got ${JSON.stringify(sync)}`);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    assert.equal(result.serverInfo?.name, 'docklens');
  });

  await t.test('didOpen of a Dockerfile publishes the exact copy-before-install diagnostic', async () => {
    uri = await client.open(NODE_APP, 'dockerfile', original, 1);
    const published = await client.nextDiagnostics(uri);
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    diagnostic = published.diagnostics[0];
    assertCopyBeforeInstall(diagnostic, 1);
  });

  await t.test('hover on the RUN line explains the build cache', async () => {
    const hover = await client.hover(uri, 6, 4);
    assert.ok(hover, 'expected a hover on `RUN npm ci`');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /build cache/);
    assert.match(contents.value, /`COPY \. \.` on line 6 copies the whole build context/);
    assert.deepEqual(hover.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 21 } });
    // A blank line explains nothing.
    assert.equal(await client.hover(uri, 4, 0), null);
  });

  await t.test('codeAction: a quickfix whose documentChanges edit gives the golden text', async () => {
    assert.ok(diagnostic, 'needs the diagnostic of the didOpen test');
    const action = await quickFixFor(client, uri, diagnostic);
    assert.equal(action.edit?.changes, undefined, 'documentChanges clients get documentChanges, not changes');
    const changes = action.edit?.documentChanges;
    assert.ok(changes && changes.length === 1, JSON.stringify(action.edit));
    const change = changes[0]!;
    assert.ok('textDocument' in change && 'edits' in change, 'expected a TextDocumentEdit');
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const edits = change.edits as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, original), edits);
    assert.equal(fixed, golden);
  });

  await t.test('didChange (full text, version 2) to the fixed text: no docklens finding for version 2', async () => {
    await client.change(uri, 2, [{ text: golden }]);
    const published = await client.nextDiagnostics(uri, (p) => p.version === 2, 'diagnostics for version 2');
    assert.deepEqual(docklensOnly(published.diagnostics), []);
  });

  await t.test('incremental didChange (range edits) is applied where it says', async () => {
    // Line 5 of the fixed text is `COPY package.json package-lock.json ./`: turn it back into `COPY . .`.
    const line5 = golden.split('\n')[5]!;
    assert.equal(line5, 'COPY package.json package-lock.json ./');
    await client.change(uri, 3, [{ range: { start: { line: 5, character: 5 }, end: { line: 5, character: line5.length } }, text: '. .' }]);
    const v3 = await client.nextDiagnostics(uri, (p) => p.version === 3, 'diagnostics for version 3');
    assert.equal(v3.diagnostics.length, 1, JSON.stringify(v3.diagnostics));
    assertCopyBeforeInstall(v3.diagnostics[0], 3);

    // Two range edits in one notification apply in order: undo the first, then add a line at the top.
    await client.change(uri, 4, [
      { range: { start: { line: 5, character: 5 }, end: { line: 5, character: 8 } }, text: 'package.json package-lock.json ./' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited incrementally\n' },
    ]);
    const v4 = await client.nextDiagnostics(uri, (p) => p.version === 4, 'diagnostics for version 4');
    assert.deepEqual(docklensOnly(v4.diagnostics), []);
    // The server's text is the golden plus one line: `RUN npm ci` moved to line 7 and no whole copy precedes it.
    const hover = await client.hover(uri, 7, 1);
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 7, character: 0 }, end: { line: 7, character: 21 } });
    assert.doesNotMatch((hover.contents as MarkupContent).value, /copies the whole build context/);
  });

  await t.test('didClose clears the diagnostics', async () => {
    // Bring the finding back first, so that clearing is observable.
    await client.change(uri, 5, [{ text: original }]);
    const v5 = await client.nextDiagnostics(uri, (p) => p.version === 5, 'diagnostics for version 5');
    assert.equal(v5.diagnostics.length, 1);
    await client.close(uri);
    const cleared = await client.nextDiagnostics(uri, undefined, 'diagnostics after didClose');
    assert.deepEqual(cleared.diagnostics, []);
  });

  await t.test('a docker-compose.yml opened with languageId yaml is analysed (empty diagnostics)', async () => {
    // Control: a YAML file that is not named like a compose file gets no diagnostics at all.
    const other = await client.open(NOT_COMPOSE, 'yaml');
    const compose = await client.open(COMPOSE, 'yaml');
    const published = await client.nextDiagnostics(compose, undefined, 'diagnostics for docker-compose.yml');
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics, []);
    assert.equal(await client.hover(other, 1, 1), null);
    assert.deepEqual(
      client.published.filter((p) => p.uri === other),
      [],
      'app-config.yml is not a compose file: nothing should be published for it',
    );
  });

  await t.test('textDocument/inlayHint on the compose file: ports and healthcheck hints; a settings change refreshes them', async () => {
    const compose = uriOf(COMPOSE);
    const hints = await client.inlayHints(compose);
    assert.ok(hints);
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label, h.paddingLeft]),
      [
        [5, 19, 'host *:8080 → container 3000/tcp', true],
        [19, 29, 'host 127.0.0.1:5432 → container 5432/tcp', true],
        [22, 16, 'healthy ≥ 5s, unhealthy ≈ 50s–1m20s if failing', true],
      ],
    );
    assert.equal((hints[0]!.tooltip as MarkupContent).kind, 'markdown');
    // The client supports workspace/inlayHint/refresh: switching a kind off asks it to fetch the hints again.
    const refreshed = new Promise<void>((resolve) => client.connection.onRequest(InlayHintRefreshRequest.type, () => resolve()));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { docklens: { inlayHints: { ports: false } } } });
    await within(refreshed, WAIT_MS, 'workspace/inlayHint/refresh');
    const after = await client.inlayHints(compose);
    assert.deepEqual(after?.map((h) => h.label), ['healthy ≥ 5s, unhealthy ≈ 50s–1m20s if failing']);
    // A Dockerfile has no inlay hints.
    assert.deepEqual(await client.inlayHints(uri), []);
  });

  await t.test('nothing failed inside the server', () => {
    assert.deepEqual(
      client.logs.filter((l) => /uncaught|unhandled|failed/i.test(l)),
      [],
    );
  });

  await t.test('shutdown + exit: exit code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

test('LSP server, client without documentChanges: the quick-fix comes as WorkspaceEdit.changes', async (t) => {
  const { client } = await LspClient.start(CAPABILITIES(false));
  t.after(() => client.kill());
  const original = read(NODE_APP);
  const uri = await client.open(NODE_APP, 'dockerfile', original, 1);
  const published = await client.nextDiagnostics(uri);
  assert.equal(published.version, 1);
  assert.equal(published.diagnostics.length, 1);
  const diagnostic = published.diagnostics[0];
  assertCopyBeforeInstall(diagnostic, 1);

  const action = await quickFixFor(client, uri, diagnostic);
  assert.equal(action.edit?.documentChanges, undefined, 'a client without documentChanges support must get `changes`');
  const changes = action.edit?.changes;
  assert.ok(changes, JSON.stringify(action.edit));
  assert.deepEqual(Object.keys(changes), [uri]);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, original), changes[uri]!);
  assert.equal(fixed, read(FIXED_GOLDEN));

  // A client that drops Diagnostic.data still gets the same quick-fix (the server finds the finding again).
  const stripped: Diagnostic = { ...diagnostic };
  delete stripped.data;
  const again = await quickFixFor(client, uri, stripped);
  assert.deepEqual(again.edit, action.edit);

  assert.equal(await client.stop(), 0);
});
