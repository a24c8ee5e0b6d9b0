// Cancellation over the wire, against the real bundled server: a hover or an inlay-hint request that the
// editor cancels while the server waits for the client's settings is answered with RequestCancelled
// (LSP: "the server should return an error with code RequestCancelled"), and nothing is computed for it.
// The client below answers `workspace/configuration` only after it has cancelled, so the order is fixed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  DidChangeConfigurationNotification,
  InlayHintRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { readFileSync } from 'node:fs';

const ROOT = process.cwd();
const SERVER = path.join(ROOT, 'server/out/server.js');
const COMPOSE = path.join(ROOT, 'test/fixtures/lsp/compose/docker-compose.yml');

test('LSP server answers RequestCancelled to hovers and inlay hints cancelled while it waited for settings', async (t) => {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill());
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onError(() => {});
  // Each configuration request cancels the pending request first, then answers with default settings.
  let cancelPending: (() => void) | undefined;
  connection.onRequest(ConfigurationRequest.type, (params) => {
    cancelPending?.();
    cancelPending = undefined;
    return params.items.map(() => ({}));
  });
  let opened: () => void = () => {};
  const firstDiagnostics = new Promise<void>((resolve) => (opened = resolve));
  connection.onNotification(PublishDiagnosticsNotification.type, () => opened());
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(path.dirname(COMPOSE)).href,
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(COMPOSE).href;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'dockercompose', version: 1, text: readFileSync(COMPOSE, 'utf8') },
  });

  // The publish on open asked for the folder's settings; once it is answered they are cached.
  await firstDiagnostics;
  /** Drops the cached settings (so the request must wait for them), sends the request, cancels it meanwhile. */
  const outcome = async (send: (token: CancellationTokenSource['token']) => Promise<unknown>) => {
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const source = new CancellationTokenSource();
    cancelPending = () => source.cancel();
    try {
      return { result: await send(source.token) };
    } catch (error) {
      return { code: error instanceof ResponseError ? error.code : String(error) };
    }
  };
  const hover = await outcome((token) => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }, token));
  assert.deepEqual(hover, { code: LSPErrorCodes.RequestCancelled });
  const hints = await outcome((token) =>
    connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } }, token),
  );
  assert.deepEqual(hints, { code: LSPErrorCodes.RequestCancelled });

  // An uncancelled request after them is answered normally.
  const answered = await connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });
  assert.ok(Array.isArray(answered));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
});
