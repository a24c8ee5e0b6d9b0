#!/usr/bin/env node
// Extension activation time (called by bench/run.mjs; runs alone too):
//
//   node bench/activation-bench.mjs [--runs 20] [--warmup 2] [--out FILE.json]
//
// Each sample is a fresh Node process (bench/activation/sample.cjs) that loads a client bundle under a
// minimal fake `vscode` module (bench/activation/fake-vscode.cjs) and calls its activate(), timing what
// VS Code's extension host times: loading the main module (`codeLoadingTime`) and the activate() call until it
// returns (`activateCallTime`); their sum is the "Activation" figure of VS Code's Running Extensions view and
// the one held to the 100 ms budget. Two bundles are measured: the one the .vsix ships (built here by
// `scripts/build.mjs --production --out-root …`, so with its lazily loaded language client beside it) and
// client/out/extension.js as the last build left it (`npm run bench` makes a development build). Starting the
// server is not measured: the fake cannot host vscode-languageclient; the real-editor tests start it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(benchDir, '..');
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const runs = Number(arg('--runs', '20'));
const warmup = Number(arg('--warmup', '2'));
const out = arg('--out');
const BUDGET_MS = 100;
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

const outDir = path.join(benchDir, 'out', 'activation');
fs.mkdirSync(outDir, { recursive: true });
// The production bundles from scripts/build.mjs itself (the client loads its language-client bundle lazily,
// from beside it, so both are built; measuring a copy of the options once measured an inlined client).
const shippedRoot = path.join(outDir, 'root');
const built = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs'), '--production', '--out-root', shippedRoot], { cwd: repo, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`production build failed: ${built.stderr}`);
const shipped = path.join(shippedRoot, 'client', 'out', 'extension.js');
const development = path.join(repo, 'client', 'out', 'extension.js');
const serverJs = path.join(repo, 'server', 'out', 'server.js');
for (const f of [development, serverJs]) if (!fs.existsSync(f)) throw new Error(`${path.relative(repo, f)} missing: run node scripts/build.mjs first`);

function sample(bundle) {
  const args = [path.join(benchDir, 'activation', 'sample.cjs'), bundle, repo];
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`activation sample (${path.relative(repo, bundle)}) failed: ${r.stderr || r.error?.message || r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const sortNum = (a) => a.slice().sort((x, y) => x - y);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const stats = (values) => {
  const s = sortNum(values);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] };
};

const bundles = { shipped: { file: shipped, label: 'as shipped (`scripts/build.mjs --production`)' }, development: { file: development, label: '`client/out/extension.js` (development build of `node scripts/build.mjs`)' } };
const raw = { shipped: { sync: [] }, development: { sync: [] } };
const order = (i) => (i % 2 === 0 ? ['shipped', 'development'] : ['development', 'shipped']);
log(`activation: ${warmup} warm-up + ${runs} load-and-call samples per bundle (fresh process each)`);
for (let i = 0; i < warmup; i++) for (const b of order(i)) sample(bundles[b].file);
for (let i = 0; i < runs; i++) for (const b of order(i)) raw[b].sync.push(sample(bundles[b].file));

const result = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  budgetMs: BUDGET_MS,
  config: { runs, warmup },
  node: process.version,
  server: path.relative(repo, serverJs),
  bundles: Object.fromEntries(
    Object.entries(bundles).map(([id, b]) => {
      const sync = raw[id].sync;
      return [
        id,
        {
          file: path.relative(repo, b.file),
          label: b.label,
          bytes: fs.statSync(b.file).size,
          load: stats(sync.map((s) => s.loadMs)),
          call: stats(sync.map((s) => s.callMs)),
          activation: stats(sync.map((s) => s.loadMs + s.callMs)),
          clientLoad: stats(sync.map((s) => s.clientLoadMs)),
          // Activated by a Dockerfile or compose file: the language client bundle is loaded too.
          activationWithClient: stats(sync.map((s) => s.loadMs + s.callMs + s.clientLoadMs)),
        },
      ];
    }),
  ),
};
const s = result.bundles.shipped.activationWithClient;
result.verdict = s.p95 < BUDGET_MS ? 'PASS' : 'FAIL';
log(`activation: shipped bundle p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${result.verdict}`);
if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');

