#!/usr/bin/env node
// `npm run fuzz`: the long fuzz run, in three parts, each reported as one JSON line and a PASS/FAIL:
//   1. the analysis core: 20,000 mutated corpus files (test/fuzz/main.ts; finds are minimised into
//      test/fixtures/fuzz-crashers/);
//   2. the language server over stdio: ../shared/tools/lsp-probe.mjs --mutate on the corpus, Dockerfiles and
//      compose files (crashes, requests over 1 s, unhandled rejections in its stderr);
//   3. the CLI: `docklens check` on a folder of mutated files (exit code 0 or 1, never a stack trace).
// Options by environment: FUZZ_COUNT (20000), FUZZ_SEED, FUZZ_LSP_MUTATE (mutations per file, 10),
// FUZZ_CLI_FILES (400), DOCKLENS_CORPUS.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const corpus = resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const count = process.env.FUZZ_COUNT ?? '20000';
const seed = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000);
const lspMutate = process.env.FUZZ_LSP_MUTATE ?? '10';
const cliFiles = Number(process.env.FUZZ_CLI_FILES ?? 400);
const results = [];

// ---- 1. core
await build({ entryPoints: ['test/fuzz/main.ts'], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: 'test-out/fuzz-main.cjs', logLevel: 'warning' });
const core = spawnSync(process.execPath, ['test-out/fuzz-main.cjs', '--count', count, '--seed', seed], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const coreLine = JSON.parse(core.stdout.trim().split('\n').pop() ?? '{}');
results.push({ ...coreLine, pass: core.status === 0 && coreLine.failures === 0 });

// ---- 2. language server (the development bundle, built by `npm run build`)
const probe = resolve('../shared/tools/lsp-probe.mjs');
for (const [lang, set] of [['dockerfile', 'dockerfile'], ['dockercompose', 'compose']]) {
  const out = mkdtempSync(join(tmpdir(), 'docklens-fuzz-lsp-'));
  const stderrFile = join(out, 'server.stderr');
  const run = spawnSync(process.execPath, [probe, '--lang', lang, '--files', join(corpus, set), '--mutate', lspMutate, '--hover-per-file', '3', '--timeout-ms', '1000', '--seed', seed, '--json', join(out, 'summary.json'), '--stderr', stderrFile, '--save-failures', join(out, 'failures'), '--quiet', '--', process.execPath, 'server/out/server.js', '--stdio'], { stdio: ['ignore', 'ignore', 'inherit'], encoding: 'utf8' });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const stderr = (() => { try { return readFileSync(stderrFile, 'utf8'); } catch { return ''; } })();
  const errors = Object.values(summary.latencyMs).reduce((a, v) => a + v.errors, 0);
  const rejections = (stderr.match(/Unhandled|unhandledRejection|UnhandledPromiseRejection/g) ?? []).length;
  const sent = Object.values(summary.latencyMs).reduce((a, v) => a + v.sent, 0);
  const { crashes, hangs, timeouts } = summary;
  results.push({ part: `lsp ${set}`, files: summary.files, requests: sent, crashes, hangs, timeoutsOver1s: timeouts, errorResponses: errors, unhandledRejections: rejections, failuresSavedIn: join(out, 'failures'), pass: run.status === 0 && crashes === 0 && hangs === 0 && timeouts === 0 && errors === 0 && rejections === 0 });
}

// ---- 3. CLI on mutated files
const dir = mkdtempSync(join(tmpdir(), 'docklens-fuzz-cli-'));
await build({ entryPoints: ['test/fuzz/mutate.ts'], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: 'test-out/fuzz-mutate.cjs', logLevel: 'warning' });
const { mutate } = await import(resolve('test-out/fuzz-mutate.cjs'));
const sources = ['dockerfile', 'compose'].flatMap((set) => readdirSync(join(corpus, set)).map((n) => [set, join(corpus, set, n)]));
for (let i = 0; i < cliFiles; i++) {
  const [set, file] = sources[(Number(seed) + i * 7919) % sources.length];
  const kind = set === 'dockerfile' ? 'dockerfile' : 'compose';
  const { text } = mutate(readFileSync(file, 'utf8'), kind, Number(seed) + i);
  const sub = join(dir, String(i));
  mkdirSync(sub);
  writeFileSync(join(sub, kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'), text);
}
const cli = spawnSync(process.execPath, ['server/out/cli.js', 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
const stackTrace = /\n\s+at .+\(.+:\d+:\d+\)/.test(cli.stderr);
results.push({ part: 'cli', files: cliFiles, exitCode: cli.status, stackTrace, pass: (cli.status === 0 || cli.status === 1) && !stackTrace });
rmSync(dir, { recursive: true, force: true });

for (const r of results) process.stdout.write(`${r.pass ? 'PASS' : 'FAIL'} ${JSON.stringify(r)}\n`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
