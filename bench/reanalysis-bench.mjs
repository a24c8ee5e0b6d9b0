#!/usr/bin/env node
// Re-analysis latency of dependent documents, over stdio against the real server (called by bench/run.mjs;
// runs alone too):
//
//   node bench/reanalysis-bench.mjs [--server server/out/server.js] [--fixture test/fixtures/reanalysis/project]
//                                   [--rounds 20] [--warmup 3] [--timeout-ms 5000] [--out FILE.json]
//
// A copy of the fixture project (docker-compose.yml builds service `api` from backend/Dockerfile, `worker`
// waits for `api` to be healthy, `${DATABASE_URL}` comes from .env) goes to a temporary folder; the server
// opens docker-compose.yml and backend/Dockerfile. Then, per round:
//   (i)  editor: didChange of the Dockerfile that removes (or restores) its HEALTHCHECK line, unsaved;
//   (ii) disk: .env rewritten without (or with) DATABASE_URL, then workspace/didChangeWatchedFiles;
// and the time from sending that notification to the arrival of the compose file's publishDiagnostics is
// measured. Each round checks that the compose diagnostics really changed (healthcheck-missing-for-dependency,
// undefined-variable): a re-publish of stale results counts as wrong.
import { Lsp } from './lsp-client.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(benchDir, '..');
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const serverJs = path.resolve(repo, arg('--server', 'server/out/server.js'));
const fixture = path.resolve(repo, arg('--fixture', 'test/fixtures/reanalysis/project'));
const rounds = Number(arg('--rounds', '20'));
const warmup = Number(arg('--warmup', '3'));
const timeoutMs = Number(arg('--timeout-ms', '5000'));
const out = arg('--out');

// ------------------------------------------------------------------ the run
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-bench-reanalysis-')));
fs.cpSync(fixture, dir, { recursive: true });
const composePath = path.join(dir, 'docker-compose.yml');
const dockerfilePath = path.join(dir, 'backend', 'Dockerfile');
const envPath = path.join(dir, '.env');
const compose = pathToFileURL(composePath).href;
const dockerfile = pathToFileURL(dockerfilePath).href;
const dockerfileText = fs.readFileSync(dockerfilePath, 'utf8');
const envText = fs.readFileSync(envPath, 'utf8');
const noHealthcheck = dockerfileText.split('\n').filter((l) => !l.startsWith('HEALTHCHECK')).join('\n');
if (noHealthcheck === dockerfileText || /DATABASE_URL/.test(envText)) throw new Error(`unexpected fixture ${fixture}`);
const codes = (p) => p.diagnostics.filter((d) => d.source === 'docklens').map((d) => String(d.code));

const lsp = new Lsp([process.execPath, serverJs, '--stdio'], { timeoutMs });
const results = { server: path.relative(repo, serverJs), fixture: path.relative(repo, fixture), rounds, warmup, scenarios: {} };
try {
  await lsp.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'project' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  lsp.notify('initialized', {});
  lsp.notify('textDocument/didOpen', { textDocument: { uri: compose, languageId: 'dockercompose', version: 1, text: fs.readFileSync(composePath, 'utf8') } });
  lsp.notify('textDocument/didOpen', { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText } });
  await lsp.diagnostics(compose, 0, 'compose didOpen');
  await lsp.diagnostics(dockerfile, 0, 'Dockerfile didOpen');

  let version = 1;
  const scenarios = {
    editor: {
      what: 'Dockerfile edited in the editor (didChange, unsaved): HEALTHCHECK line removed / restored',
      async round(i) {
        const remove = i % 2 === 0;
        const from = lsp.published.length;
        const t0 = performance.now();
        lsp.notify('textDocument/didChange', { textDocument: { uri: dockerfile, version: ++version }, contentChanges: [{ text: remove ? noHealthcheck : dockerfileText }] });
        const p = await lsp.diagnostics(compose, from, `compose after Dockerfile edit ${i}`);
        await lsp.diagnostics(dockerfile, from, `Dockerfile after its edit ${i}`);
        return { ms: p.at - t0, ok: codes(p).includes('healthcheck-missing-for-dependency') === remove };
      },
    },
    disk: {
      what: '.env rewritten on disk, then workspace/didChangeWatchedFiles: DATABASE_URL added / removed',
      async round(i) {
        const add = i % 2 === 0;
        fs.writeFileSync(envPath, add ? `${envText}DATABASE_URL=postgresql://db:5432/app\n` : envText);
        const from = lsp.published.length;
        const t0 = performance.now();
        lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(envPath).href, type: 2 }] });
        const p = await lsp.diagnostics(compose, from, `compose after .env change ${i}`);
        // The Dockerfile reads .env too (through its compose service): let it finish before the next round.
        await lsp.diagnostics(dockerfile, from, `Dockerfile after .env change ${i}`);
        return { ms: p.at - t0, ok: codes(p).includes('undefined-variable') === !add };
      },
    },
  };
  const sorted = (a) => a.slice().sort((x, y) => x - y);
  const pct = (s, p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  for (const [name, sc] of Object.entries(scenarios)) {
    // Even number of warm-up rounds: the timed rounds start from the fixture's state.
    const w = warmup + (warmup % 2);
    for (let i = 0; i < w; i++) await sc.round(i);
    const samples = [];
    let wrong = 0;
    for (let i = 0; i < rounds; i++) {
      const r = await sc.round(i);
      samples.push(Math.round(r.ms * 1000) / 1000);
      if (!r.ok) wrong++;
    }
    const s = sorted(samples);
    results.scenarios[name] = { what: sc.what, samples, wrong, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1], min: s[0] };
    process.stderr.write(`reanalysis ${name}: p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms, wrong ${wrong}/${rounds}\n`);
  }
  await lsp.stop();
} finally {
  if (!lsp.exited) lsp.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
const json = JSON.stringify(results, null, 2) + '\n';
if (out) fs.writeFileSync(out, json);
else process.stdout.write(json);
