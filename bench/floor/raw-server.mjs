#!/usr/bin/env node
// The transport floor of the hover benchmark, without any library: a language server over stdio that does no
// work. It publishes an empty diagnostics list for each opened document and answers every hover at once with
// one fixed word, so what lsp-probe measures against it is only the JSON-RPC round trip between two Node
// processes on this machine (pipes, scheduling, the probe's own event loop). bench/run.mjs runs it on the
// compose corpus beside docklens and the peer; no real server can answer faster than this.
const CONTENT_LENGTH = /Content-Length: (\d+)/i;
let pending = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

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

process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(CONTENT_LENGTH.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1] ?? 0);
    const bodyStart = headerEnd + 4;
    if (pending.length < bodyStart + length) return;
    const message = JSON.parse(pending.subarray(bodyStart, bodyStart + length).toString('utf8'));
    pending = pending.subarray(bodyStart + length);
    answer(message);
  }
});
process.stdin.on('end', () => process.exit(0));
