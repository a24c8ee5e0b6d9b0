#!/usr/bin/env node
// Extension activation time (called by bench/run.mjs; runs alone too):
//
//   node bench/activation-bench.mjs [--runs 20] [--start-runs 10] [--warmup 2] [--out FILE.json]
//
// Each sample is a fresh Node process (bench/activation/sample.cjs) that loads a client bundle under a
// minimal fake `vscode` module (bench/activation/fake-vscode.cjs) and calls its activate(), timing what
// VS Code's extension host times: loading the main module (`codeLoadingTime`) and the activate() call until it
// returns (`activateCallTime`); their sum is the "Activation" figure of VS Code's Running Extensions view and
// the one held to the 100 ms budget. Two bundles are measured: the one the .vsix ships (built here with the
// options of `scripts/build.mjs --production`: minified, no source map) and client/out/extension.js as the
// last build left it (`npm run bench` makes a development build).
// A second series (--start-runs) lets activate() run to the end: vscode-languageclient spawns the real server
// (server/out/server.js, Node IPC) and waits for its `initialize` answer. That figure is reported, not held to
// the budget: VS Code does not wait for it, and it is mostly the server process starting.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(benchDir, '..');
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const runs = Number(arg('--runs', '20'));
const startRuns = Number(arg('--start-runs', '10'));
const warmup = Number(arg('--warmup', '2'));
const out = arg('--out');
const BUDGET_MS = 100;
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

const outDir = path.join(benchDir, 'out', 'activation');
fs.mkdirSync(outDir, { recursive: true });
const shipped = path.join(outDir, 'extension.js');
// The options of scripts/build.mjs with --production, for the client entry.
await build({
  entryPoints: [path.join(repo, 'client', 'src', 'extension.ts')],
  outfile: shipped,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
  mainFields: ['main', 'module'],
  conditions: [],
  external: ['vscode'],
});
const development = path.join(repo, 'client', 'out', 'extension.js');
const serverJs = path.join(repo, 'server', 'out', 'server.js');
for (const f of [development, serverJs]) if (!fs.existsSync(f)) throw new Error(`${path.relative(repo, f)} missing: run node scripts/build.mjs first`);

function sample(bundle, start) {
  const args = [path.join(benchDir, 'activation', 'sample.cjs'), bundle, repo, ...(start ? ['--start'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`activation sample (${path.relative(repo, bundle)}${start ? ', start' : ''}) failed: ${r.stderr || r.error?.message || r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const sortNum = (a) => a.slice().sort((x, y) => x - y);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const stats = (values) => {
  const s = sortNum(values);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] };
};

const bundles = { shipped: { file: shipped, label: 'as shipped (minified, `scripts/build.mjs --production` options)' }, development: { file: development, label: '`client/out/extension.js` (development build of `node scripts/build.mjs`)' } };
const raw = { shipped: { sync: [], start: [] }, development: { sync: [], start: [] } };
const order = (i) => (i % 2 === 0 ? ['shipped', 'development'] : ['development', 'shipped']);
log(`activation: ${warmup} warm-up + ${runs} load-and-call samples per bundle, then ${startRuns} with the server started (fresh process each)`);
for (let i = 0; i < warmup; i++) for (const b of order(i)) sample(bundles[b].file, false);
for (let i = 0; i < runs; i++) for (const b of order(i)) raw[b].sync.push(sample(bundles[b].file, false));
for (let i = 0; i < startRuns; i++) for (const b of order(i)) raw[b].start.push(sample(bundles[b].file, true));

const result = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  budgetMs: BUDGET_MS,
  config: { runs, startRuns, warmup },
  node: process.version,
  server: path.relative(repo, serverJs),
  bundles: Object.fromEntries(
    Object.entries(bundles).map(([id, b]) => {
      const sync = raw[id].sync;
      const start = raw[id].start;
      return [
        id,
        {
          file: path.relative(repo, b.file),
          label: b.label,
          bytes: fs.statSync(b.file).size,
          load: stats(sync.map((s) => s.loadMs)),
          call: stats(sync.map((s) => s.callMs)),
          activation: stats(sync.map((s) => s.loadMs + s.callMs)),
          resolved: start.length ? stats(start.map((s) => s.resolvedMs)) : null,
          serverRunning: start.filter((s) => s.running).length,
        },
      ];
    }),
  ),
};
const s = result.bundles.shipped.activation;
result.verdict = s.p95 < BUDGET_MS ? 'PASS' : 'FAIL';
log(`activation: shipped bundle p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${result.verdict}`);
if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');

