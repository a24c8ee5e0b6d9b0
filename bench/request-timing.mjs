// Preload for the compose hover benchmark (`node --import bench/request-timing.mjs SERVER --stdio`): times each
// request inside the language server process, from the moment its last byte is read from stdin to the moment
// its response is written to stdout. lsp-probe's own figure also holds the pipe in both directions, the wake-up
// of two processes and the probe's event loop (it reads /proc every 250 ms for the peak RSS); on this 2-core
// machine that tail is as large as a hover itself, the same for every server. This figure is what the server
// spends, measured the same way in docklens and in the peer, without touching either server's code.
//
// Active only when DOCKLENS_BENCH_TIMING is set: at exit it writes `${DOCKLENS_BENCH_TIMING}-${pid}.json`,
// `{ "<method>": [ms, …] }` in arrival order. It reads the framing with the bench's own reader (jsonrpc.mjs),
// taps stdin only when the server starts reading it (so no message can reach the tap before the server), and
// recognises a response by its `id` among the requests that arrived and have no answer yet.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { bodyReader } from './jsonrpc.mjs';

const out = process.env.DOCKLENS_BENCH_TIMING;
if (out) {
  /** id → [method, time its last byte was read] for requests not answered yet. */
  const pending = new Map();
  /** method → milliseconds from read to response written. */
  const samples = {};
  // The time a request's last byte was read: every body completed by a chunk gets that chunk's time.
  let chunkTime = 0;
  const readBodies = bodyReader((body) => {
    // Only requests carry an `id`, and lsp-probe writes it before `params`: notifications (a didOpen holds
    // the whole file) are not parsed here, so the tap adds no work to them.
    if (!body.subarray(0, 64).toString('latin1').includes('"id"')) return;
    try {
      const message = JSON.parse(body.toString('utf8'));
      if (message.id !== undefined && typeof message.method === 'string') pending.set(message.id, [message.method, chunkTime]);
    } catch {
      // not JSON: the server answers it (or not); nothing to time
    }
  });
  const onData = (chunk) => {
    chunkTime = performance.now();
    readBodies(chunk);
  };
  let tapped = false;
  process.stdin.on('newListener', (event) => {
    // Added from inside `newListener`, the tap runs before the server's own listener on every chunk.
    if (event === 'data' && !tapped) {
      tapped = true;
      process.stdin.on('data', onData);
    }
  });

  // A response's body starts with its `id` in both servers' libraries and in the no-op servers:
  // `{"jsonrpc":"2.0","id":7,"result":…}`. A request of the server to the client has a `method` instead.
  const RESPONSE = /^\{"jsonrpc":"2\.0","id":(\d+|"(?:[^"\\]|\\.)*"),"(?:result|error)"/;
  const write = process.stdout.write;
  process.stdout.write = function timedWrite(chunk, ...rest) {
    const t = performance.now();
    if (pending.size > 0) {
      let text = typeof chunk === 'string' ? chunk.slice(0, 256) : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, 256)).toString('utf8') : '';
      const headerEnd = text.indexOf('\r\n\r\n');
      if (headerEnd >= 0) text = text.slice(headerEnd + 4); // header and body in one write (no-op servers)
      const m = RESPONSE.exec(text);
      if (m) {
        const id = JSON.parse(m[1]);
        const request = pending.get(id);
        if (request) {
          pending.delete(id);
          (samples[request[0]] ??= []).push(Math.round((t - request[1]) * 1000) / 1000);
        }
      }
    }
    return write.call(this, chunk, ...rest);
  };

  process.on('exit', () => {
    try {
      fs.writeFileSync(`${out}-${process.pid}.json`, JSON.stringify(samples));
    } catch {
      // the benchmark reports the figure as missing
    }
  });
}
