#!/usr/bin/env node
// The transport floor of the hover benchmark, without any library: a language server over stdio that does no
// work. It publishes an empty diagnostics list for each opened document and answers every hover at once with
// one fixed word, so what lsp-probe measures against it is only the JSON-RPC round trip between two Node
// processes on this machine (pipes, scheduling, the probe's own event loop). bench/run.mjs runs it on the
// compose corpus beside docklens and the peer.
import { frame, messageReader } from '../jsonrpc.mjs';

const send = (message) => process.stdout.write(frame(message));

function answer(message) {
  switch (message.method) {
    case 'initialize':
      return send({ jsonrpc: '2.0', id: message.id, result: { capabilities: { textDocumentSync: 1, hoverProvider: true } } });
    case 'textDocument/didOpen':
      return send({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: message.params.textDocument.uri, diagnostics: [] } });
    case 'textDocument/hover':
      return send({ jsonrpc: '2.0', id: message.id, result: { contents: { kind: 'markdown', value: 'floor' } } });
    case 'exit':
      return process.exit(0);
    default:
      if (message.id !== undefined && message.method !== undefined) send({ jsonrpc: '2.0', id: message.id, result: null });
  }
}

process.stdin.on('data', messageReader(answer));
process.stdin.on('end', () => process.exit(0));
