// JSON-RPC framing over stdio (LSP base protocol): the bench's client (lsp-client.mjs), the no-op server
// (floor/raw-server.mjs) and the request timing preloaded into servers (request-timing.mjs) read messages
// this way.

/** One message as it goes on the wire: the header and the UTF-8 body in one buffer (one write). */
export function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * A `data` listener that calls `onBody` with the body (UTF-8 bytes) of each complete message, in order,
 * however the chunks fall. request-timing.mjs uses it to look at a message without parsing all of it.
 */
export function bodyReader(onBody) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const headerEnd = pending.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1] ?? 0);
      const bodyStart = headerEnd + 4;
      if (pending.length < bodyStart + length) return;
      const body = pending.subarray(bodyStart, bodyStart + length);
      pending = pending.subarray(bodyStart + length);
      onBody(body);
    }
  };
}

/** A `data` listener that calls `onMessage` with each complete message, parsed, in order. */
export function messageReader(onMessage) {
  return bodyReader((body) => onMessage(JSON.parse(body.toString('utf8'))));
}
