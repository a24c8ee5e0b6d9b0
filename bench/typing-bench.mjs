#!/usr/bin/env node
// One-character edits that keep a large file valid, over stdio against a real server (called by bench/run.mjs;
// runs alone too):
//
//   node bench/typing-bench.mjs --lang dockercompose|dockerfile --file FILE [--edits 30] [--warmup 3]
//                               [--pause-ms 100] [--seed 1] [--timeout-ms 5000] [--out FILE.json] -- SERVER_CMD...
//
// lsp-probe's `--edits` burst types a whole new service (or RUN line) mid-file, 30 ms apart, and times only
// its last keystroke; on the way the text passes through states a YAML parser cannot read (a key half typed).
// This script times the other case, an edit of a value: the server opens FILE, then, one keystroke at a time,
// a letter is inserted after the first character of a value (compose: `key: value` lines, `"nginx"` →
// `"anginx"`, `no` → `nao`; Dockerfile: the first argument of an instruction, `FROM alpine` → `FROM aalpine`),
// sent as one incremental `didChange` (or the full text when the server asks for full sync), and the time from
// that notification to the server's next `publishDiagnostics` for the document (for that version, when the
// server sends versions) is recorded. The next keystroke waits for those diagnostics and then `--pause-ms`:
// each edit is timed alone, as a keystroke after a pause (no debounce coalescing, no analysis in flight).
// The first `--warmup` keystrokes are untimed.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Lsp } from './lsp-client.mjs';

const argv = process.argv.slice(2);
const dd = argv.indexOf('--');
if (dd < 0 || dd === argv.length - 1) {
  process.stderr.write('usage: node bench/typing-bench.mjs --lang L --file FILE [options] -- SERVER_CMD...\n');
  process.exit(2);
}
const head = argv.slice(0, dd);
const serverCmd = argv.slice(dd + 1);
const arg = (name, dflt) => {
  const i = head.indexOf(name);
  return i >= 0 && i + 1 < head.length ? head[i + 1] : dflt;
};
const lang = arg('--lang', 'dockercompose');
const file = path.resolve(arg('--file'));
const edits = Number(arg('--edits', '30'));
const warmup = Number(arg('--warmup', '3'));
const pauseMs = Number(arg('--pause-ms', '100'));
const timeoutMs = Number(arg('--timeout-ms', '5000'));
let seed = Number(arg('--seed', '1')) >>> 0 || 1;
const out = arg('--out');

const rand = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Lines where a letter can go after the first character of a value without changing the file's shape. */
function candidates(lines) {
  const out = [];
  lines.forEach((l, i) => {
    if (lang === 'dockerfile') {
      const m = /^(\s*[A-Za-z]+\s+)(?!<<)[^\s\\#-]/.exec(l);
      if (m && !/^\s*#/.test(l)) out.push({ line: i, character: m[1].length + 1 });
    } else {
      // `  key: value` with a non-empty value that is not a block scalar, an anchor, an alias or a tag.
      const m = /^(\s+[A-Za-z_][\w.-]*: )([^\s|>&*!#{\[]|["'\[{][^\s"'\]}])/.exec(l);
      if (m) out.push({ line: i, character: m[1].length + 1 });
    }
  });
  return out;
}

const text0 = fs.readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;
const root = pathToFileURL(path.dirname(file)).href;
const lsp = new Lsp(serverCmd, { timeoutMs });
const samples = [];
const result = { server: serverCmd.join(' '), lang, file, edits, warmup, pauseMs, timeoutMs, seed: Number(arg('--seed', '1')) };
try {
  const init = await lsp.request('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: path.basename(path.dirname(file)) }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } } },
  });
  lsp.notify('initialized', {});
  const sync = typeof init.capabilities.textDocumentSync === 'number' ? init.capabilities.textDocumentSync : init.capabilities.textDocumentSync?.change ?? 1;
  let version = 1;
  let text = text0;
  const t0 = performance.now();
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: lang, version, text } });
  const first = await lsp.diagnostics(uri, 0, 'didOpen', version);
  result.openMs = first.at - t0;
  const lines = text.split('\n');
  const spots = candidates(lines);
  if (!spots.length) throw new Error(`no value to edit in ${file}`);
  result.candidates = spots.length;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let k = 0; k < warmup + edits; k++) {
    const spot = spots[Math.floor(rand() * spots.length)];
    const c = letters[k % letters.length];
    const ls = text.split('\n');
    ls[spot.line] = ls[spot.line].slice(0, spot.character) + c + ls[spot.line].slice(spot.character);
    text = ls.join('\n');
    version++;
    const change = sync === 2 ? { range: { start: spot, end: spot }, rangeLength: 0, text: c } : { text };
    const from = lsp.published.length;
    const t = performance.now();
    lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const p = await lsp.diagnostics(uri, from, `diagnostics after keystroke ${k + 1}`, version);
    if (k >= warmup) samples.push(p.at - t);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  result.peakRssKiB = lsp.peakRssKiB();
} catch (error) {
  result.error = String(error.message ?? error);
} finally {
  await lsp.stop();
}
const s = samples.slice().sort((a, b) => a - b);
const pct = (p) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : null);
Object.assign(result, { samples, p50: pct(50), p95: pct(95), max: s[s.length - 1] ?? null });
const json = JSON.stringify(result, null, 2) + '\n';
if (out) fs.writeFileSync(out, json);
else process.stdout.write(json);
process.exit(result.error ? 1 : 0);
