// Cancellation over the wire, against the real bundled server: a hover or an inlay-hint request that the
// editor cancels while the server waits for the client's settings is answered with RequestCancelled
// (LSP: "the server should return an error with code RequestCancelled"), and nothing is computed for it.
// The client below answers `workspace/configuration` only after it has cancelled, so the order is fixed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const COMPOSE = path.join(process.cwd(), 'test/fixtures/lsp/compose/docker-compose.yml');

test('LSP server answers RequestCancelled to hovers and inlay hints cancelled while it waited for settings', async (t) => {
  const { client } = await LspClient.start({ workspace: { configuration: true } }, { root: path.dirname(COMPOSE) });
  t.after(() => client.kill());
  const connection = client.connection;
  // Each configuration request cancels the pending request first, then answers with default settings.
  let cancelPending: (() => void) | undefined;
  connection.onRequest(ConfigurationRequest.type, (params) => {
    cancelPending?.();
    cancelPending = undefined;
    return params.items.map(() => ({}));
  });
  const uri = await client.open(COMPOSE, 'dockercompose');

  // The publish on open asked for the folder's settings; once it is answered they are cached.
  await client.nextDiagnostics(uri);
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
  assert.equal(await client.stop(), 0);
});
