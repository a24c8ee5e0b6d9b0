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
import { spawn } from 'node:child_process';
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

// ------------------------------------------------------------------ a minimal LSP client
class Lsp {
  constructor(cmd) {
    this.child = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdin.on('error', () => {});
    this.stderr = '';
    this.child.stderr.setEncoding('utf8').on('data', (c) => (this.stderr += c));
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    /** publishDiagnostics in arrival order, each with its arrival time. */
    this.published = [];
    this.waiters = [];
    this.exited = false;
    this.child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.child.stdout.on('data', (chunk) => this.read(chunk));
  }

  read(chunk) {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      const len = Number(m?.[1] ?? 0);
      if (this.buf.length < headerEnd + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.dispatch(msg, performance.now());
    }
  }

  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) msg.error ? p.reject(new Error(msg.error.message)) : p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      // A request from the server (registerCapability, configuration …): every answer here is "nothing".
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      this.published.push({ ...msg.params, at });
      this.wake();
    }
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    this.write({ jsonrpc: '2.0', id, method, params });
    return this.bounded(new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })), method);
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** The first publishDiagnostics for `uri` at index >= `from`. */
  diagnostics(uri, from, what) {
    return this.bounded(
      new Promise((resolve, reject) => {
        const check = () => {
          for (let i = from; i < this.published.length; i++) if (this.published[i].uri === uri) return resolve(this.published[i]);
          if (this.exited) return reject(new Error(`server exited while waiting for ${what}: ${this.stderr}`));
          this.waiters.push(check);
        };
        check();
      }),
      what,
    );
  }

  bounded(promise, what) {
    let timer;
    return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)), timeoutMs)))]).finally(() => clearTimeout(timer));
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await this.bounded(new Promise((resolve) => (this.exited ? resolve() : this.child.on('exit', resolve))), 'exit');
  }
}

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

const lsp = new Lsp([process.execPath, serverJs, '--stdio']);
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
