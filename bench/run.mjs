#!/usr/bin/env node
// `npm run bench`: docklens' analysis time against its parse floor, and its language server against the
// peer servers (dockerfile-language-server-nodejs for Dockerfiles, @microsoft/compose-language-service for
// compose files; dependencies of bench/ only), over the shared corpus. Two servers that do no work
// (bench/floor/) take their turn on the compose corpus too: what the hover round trip costs with no work behind it.
// Writes BENCHMARKS.md (repo root, overwritten) and bench/out/results.json.
//
// Environment (all optional):
//   DOCKLENS_CORPUS          corpus folder (default: ../shared/corpus from the repo root)
//   DOCKLENS_LSP_PROBE       lsp-probe.mjs (default: ../shared/tools/lsp-probe.mjs from the repo root)
//   BENCH_WARMUP=2           analysis: warm-up runs per corpus file
//   BENCH_RUNS=7             analysis: timed (interleaved) runs per corpus file
//   BENCH_STRESS_WARMUP=5    analysis: warm-up runs for the two headline stress files
//   BENCH_STRESS_RUNS=30     analysis: timed (interleaved) runs for the two headline stress files
//   BENCH_LSP_ROUNDS=2       LSP: probe runs per server over corpus dockerfile/ (servers alternate)
//   BENCH_LSP_STRESS_ROUNDS=5  LSP: probe runs per server on the stress Dockerfile (fresh server each)
//   BENCH_HOVER_PER_FILE=10  LSP: hovers per corpus file
//   BENCH_STRESS_HOVER=40    LSP: hovers on the stress Dockerfile per run
//   BENCH_LSP_TIMEOUT_MS=10000  LSP: per-request / per-diagnostics timeout
//   BENCH_COMPOSE_LIMIT=60   LSP compose: files of corpus compose/ opened per server, a seeded sample that is the
//                            same for both (lsp-probe --limit); 0 = all. The peer waits ~1 s before it publishes
//                            diagnostics, so every file costs it a second: all 199 files would take 3.5 minutes.
//   BENCH_COMPOSE_ROUNDS=3   LSP compose: probe runs per server over that sample (servers alternate); the
//                            hover p99 ratio is taken in each round, the target reads the median round
//   BENCH_COMPOSE_HOVER_PER_FILE=40  LSP compose: hovers per corpus file (lsp-probe's default)
//   BENCH_COMPOSE_STRESS_ROUNDS=5    LSP compose: fresh servers per server on the stress compose file; the
//                            first hovers every line (--hover-per-file all), the others only time diagnostics
//   BENCH_COMPOSE_TIMEOUT_MS=3000    LSP compose: per-request / per-diagnostics timeout
//   BENCH_COMPOSE_PEER_NODELAY=1     LSP compose: also run the peer with `diagnosticDelay: 0` in every round over
//                            the sample: what its diagnostics cost without its debounce timer (informational), and
//                            its hovers right after its diagnostics, as docklens gets them (the in-process hover
//                            comparison); 0 = skip
//   BENCH_REANALYSIS_ROUNDS=20  re-analysis: timed rounds per scenario (Dockerfile edited in the editor, .env
//                            rewritten on disk), over stdio against docklens alone (bench/reanalysis-bench.mjs)
//   BENCH_REANALYSIS_WARMUP=3   re-analysis: untimed rounds first, per scenario
//   BENCH_DOCKLENS_NODE_FLAGS='--max-semi-space-size=2 --heap-growing-percent=50'  node flags of the docklens server
//                            in every LSP part (those the VS Code client launches it with); '' = Node's defaults
//   BENCH_TYPING_RUNS=5      typing: fresh servers per server and stress file (Dockerfile, compose) running
//                            lsp-probe's typing burst (`--edits`, seeds 1..N: a different line each run)
//   BENCH_TYPING_EDITS=20    typing: keystrokes per lsp-probe burst (30 ms apart; the last one is timed)
//   BENCH_TYPING_VALID_RUNS=3   typing: fresh servers per server and stress file for one-character edits of a
//                            value that keep the file valid (bench/typing-bench.mjs, seeds 1..N)
//   BENCH_TYPING_VALID_EDITS=20 typing: timed keystrokes per bench/typing-bench.mjs run (after 3 untimed ones)
//   BENCH_ACTIVATION_RUNS=20    activation: load-and-call samples per client bundle (fresh process each;
//                            bench/activation-bench.mjs)
//   BENCH_ACTIVATION_WARMUP=2   activation: untimed samples first
//   BENCH_ONLY=analysis|lsp|lsp-dockerfile|lsp-compose|reanalysis|typing|activation  run one part only (lsp = both server
//                            comparisons); `activation` rewrites only its own section and Targets row of BENCHMARKS.md
//   BENCH_PROFILE=auto       auto: CPU-profile when a target fails (see section 4 below); 1: always; 0: never
//   BENCH_PROFILE_TIMES=20   analyses of the stress file (Dockerfile or compose) in each in-process profile
//   BENCH_STRICT=1           exit 1 when a target fails (default: report only, exit 0)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { activationSection, activationTarget, spliceActivation } from './activation/report.mjs';
import { profileAnalysis, profileServer, summariseProfile } from './profile.mjs';

const wall0 = performance.now();
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(benchDir, '..');
const outDir = path.join(benchDir, 'out');
const lspDir = path.join(outDir, 'lsp');
const rel = (p) => path.relative(repo, p) || '.';
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

const envInt = (name, dflt) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name}=${raw} is not a count`);
  return Math.floor(v);
};
const cfg = {
  warmup: envInt('BENCH_WARMUP', 2),
  runs: envInt('BENCH_RUNS', 7),
  stressWarmup: envInt('BENCH_STRESS_WARMUP', 5),
  stressRuns: envInt('BENCH_STRESS_RUNS', 30),
  lspRounds: envInt('BENCH_LSP_ROUNDS', 2),
  lspStressRounds: envInt('BENCH_LSP_STRESS_ROUNDS', 5),
  hoverPerFile: envInt('BENCH_HOVER_PER_FILE', 10),
  stressHover: envInt('BENCH_STRESS_HOVER', 40),
  lspTimeoutMs: envInt('BENCH_LSP_TIMEOUT_MS', 10000),
  composeLimit: envInt('BENCH_COMPOSE_LIMIT', 60),
  composeRounds: envInt('BENCH_COMPOSE_ROUNDS', 3),
  composeHoverPerFile: envInt('BENCH_COMPOSE_HOVER_PER_FILE', 40),
  composeStressRounds: envInt('BENCH_COMPOSE_STRESS_ROUNDS', 5),
  composeTimeoutMs: envInt('BENCH_COMPOSE_TIMEOUT_MS', 3000),
  composePeerNoDelay: process.env.BENCH_COMPOSE_PEER_NODELAY !== '0',
  reanalysisRounds: envInt('BENCH_REANALYSIS_ROUNDS', 20),
  reanalysisWarmup: envInt('BENCH_REANALYSIS_WARMUP', 3),
  typingRuns: envInt('BENCH_TYPING_RUNS', 5),
  typingEdits: envInt('BENCH_TYPING_EDITS', 20),
  typingValidRuns: envInt('BENCH_TYPING_VALID_RUNS', 3),
  typingValidEdits: envInt('BENCH_TYPING_VALID_EDITS', 20),
  activationRuns: envInt('BENCH_ACTIVATION_RUNS', 20),
  activationWarmup: envInt('BENCH_ACTIVATION_WARMUP', 2),
  only: process.env.BENCH_ONLY ?? '',
  profile: process.env.BENCH_PROFILE ?? 'auto',
  profileTimes: envInt('BENCH_PROFILE_TIMES', 20),
  strict: process.env.BENCH_STRICT === '1',
};
if (!['', 'analysis', 'lsp', 'lsp-dockerfile', 'lsp-compose', 'reanalysis', 'typing', 'activation'].includes(cfg.only)) throw new Error(`BENCH_ONLY=${cfg.only}: use analysis, lsp, lsp-dockerfile, lsp-compose, reanalysis, typing or activation`);
const doAnalysis = cfg.only === '' || cfg.only === 'analysis';
const doLspDockerfile = cfg.only === '' || cfg.only === 'lsp' || cfg.only === 'lsp-dockerfile';
const doLspCompose = cfg.only === '' || cfg.only === 'lsp' || cfg.only === 'lsp-compose';
const doLsp = doLspDockerfile || doLspCompose;
const doReanalysis = cfg.only === '' || cfg.only === 'reanalysis';
const doTyping = cfg.only === '' || cfg.only === 'typing';
const doActivation = cfg.only === '' || cfg.only === 'activation';

const corpus = path.resolve(repo, process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const probe = path.resolve(repo, process.env.DOCKLENS_LSP_PROBE ?? '../shared/tools/lsp-probe.mjs');
const STRESS_DOCKERFILE = 'stress/dockerfile-3000-instructions.Dockerfile';
const STRESS_COMPOSE = 'stress/compose-500-services.yaml';
// Compose (issues #3, #4): hover p99 in ms; "far below the peer's" time to diagnostics is read as at most half
// of it, the bar the Dockerfile comparison already uses.
// Re-analysis: "reaches the open compose file's diagnostics in under 100 ms", read as the p95 of each scenario.
// Typing (issue #7): "after a one-character edit of the 5,000-line compose file, fresh diagnostics within 50 ms",
// read as the p95 over the keystrokes measured (the same for the stress Dockerfile).
// Issue #7 also asks for corpus hover p99 at most half the peer's, and a server peak RSS (VmHWM) at most the
// peer's measured in the same run, for both kinds of file.
const TARGETS = { analysisRatio: 1.5, corpusP95Ratio: 0.5, stressRatio: 0.5, composeAnalysisRatio: 1.5, composeHoverP99Ms: 5, composeTtdRatio: 0.5, reanalysisP95Ms: 100, typingMs: 50, hoverP99Ratio: 0.5, rssRatio: 1 };

if (cfg.only !== 'activation' && !fs.existsSync(corpus)) {
  log(`corpus not found at ${corpus}: set DOCKLENS_CORPUS (default is ../shared/corpus beside the repo)`);
  process.exit(2);
}
if ((doLsp || doTyping) && !fs.existsSync(probe)) {
  log(`lsp-probe not found at ${probe}: set DOCKLENS_LSP_PROBE (default is ../shared/tools/lsp-probe.mjs)`);
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

// ------------------------------------------------------------------ 0. prerequisites
const peerPkgDir = path.join(benchDir, 'node_modules', 'dockerfile-language-server-nodejs');
const composePeerPkgDir = path.join(benchDir, 'node_modules', '@microsoft', 'compose-language-service');
if (((doLspDockerfile || doTyping) && !fs.existsSync(path.join(peerPkgDir, 'package.json'))) || ((doLspCompose || doTyping) && !fs.existsSync(path.join(composePeerPkgDir, 'package.json')))) {
  log('installing the peer language servers (npm ci --prefix bench)');
  run('npm', ['ci', '--prefix', rel(benchDir), '--no-audit', '--no-fund', '--ignore-scripts']);
}
const binOf = (dir, pkg, name) => path.join(dir, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin[name]);
const peerPkg = doLspDockerfile || doTyping ? JSON.parse(fs.readFileSync(path.join(peerPkgDir, 'package.json'), 'utf8')) : undefined;
const peerEntry = peerPkg ? binOf(peerPkgDir, peerPkg, 'docker-langserver') : undefined;
// Its package asks for Node >= 22 (engines); it runs on Node 20, which is what this machine and docklens use.
const composePeerPkg = doLspCompose || doTyping ? JSON.parse(fs.readFileSync(path.join(composePeerPkgDir, 'package.json'), 'utf8')) : undefined;
const composePeerEntry = composePeerPkg ? binOf(composePeerPkgDir, composePeerPkg, 'docker-compose-langserver') : undefined;
const ourServer = path.join(repo, 'server', 'out', 'server.js');
if ((doLsp || doReanalysis || doTyping) && !fs.existsSync(ourServer)) {
  log('server/out/server.js missing: building (node scripts/build.mjs)');
  run(process.execPath, ['scripts/build.mjs']);
}
const ourPkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

// The bench entry must bundle the same parser modules as the server: bench/node_modules holds the peer's
// own copies (dockerfile-ast, vscode-languageserver-textdocument), so bare imports from bench/ resolve as
// if they were written in server/src.
const resolveLikeServer = {
  name: 'resolve-like-server',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'docklens-bench' || !args.importer.startsWith(benchDir + path.sep)) return undefined;
      return b.resolve(args.path, { kind: args.kind, resolveDir: path.join(repo, 'server', 'src'), importer: args.importer, pluginData: 'docklens-bench' });
    });
  },
};
if (doAnalysis) {
  log('bundling bench/analysis-entry.ts → bench/out/analysis.cjs');
  await build({
    entryPoints: [path.join(benchDir, 'analysis-entry.ts')],
    outfile: path.join(outDir, 'analysis.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Same resolution as scripts/build.mjs: the CommonJS entries of dockerfile-ast and friends.
    mainFields: ['main', 'module'],
    plugins: [resolveLikeServer],
  });
}

// ------------------------------------------------------------------ helpers
const sortNum = (a) => a.slice().sort((x, y) => x - y);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);
const median = (a) => {
  const s = sortNum(a);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
/** Hover p99 ratio of `a` to `b` in each round (the runs are in round order for every server). */
const roundRatios = (a, b) => a.hoverP99ByRound.map((x, i) => ratio(x, b.hoverP99ByRound[i]));
const medianRoundRatio = (a, b) => median(roundRatios(a, b).filter((x) => x != null));
/** `0.79× (2.1 / 2.7 ms), …`: each round's ratio with both p99s. */
const roundsText = (a, b) => roundRatios(a, b).map((x, i) => `${fmtX(x)} (${fmtMs(a.hoverP99ByRound[i])} / ${fmtMs(b.hoverP99ByRound[i])})`).join(', ');

// ------------------------------------------------------------------ 1. analysis time
let analysis = null;
if (doAnalysis) {
  log(`analysis: ${cfg.warmup} warm-up + ${cfg.runs} runs per corpus file, ${cfg.stressWarmup} + ${cfg.stressRuns} on the stress files`);
  const file = path.join(outDir, 'analysis.json');
  run(process.execPath, ['--expose-gc', path.join(benchDir, 'analysis-bench.mjs'), '--corpus', corpus, '--out', file], {
    env: {
      ...process.env,
      BENCH_WARMUP: String(cfg.warmup),
      BENCH_RUNS: String(cfg.runs),
      BENCH_STRESS_WARMUP: String(cfg.stressWarmup),
      BENCH_STRESS_RUNS: String(cfg.stressRuns),
    },
  });
  analysis = JSON.parse(fs.readFileSync(file, 'utf8'));
  log(`analysis: done in ${(analysis.wallMs / 1000).toFixed(1)} s`);
}

// ------------------------------------------------------------------ 2. language servers
// docklens runs with the V8 flags the VS Code client gives it (SERVER_EXEC_ARGV in client/src/languageServer.ts;
// README, "Other editors"); BENCH_DOCKLENS_NODE_FLAGS overrides them ('' = Node's defaults).
const ourFlags = process.env.BENCH_DOCKLENS_NODE_FLAGS !== undefined ? process.env.BENCH_DOCKLENS_NODE_FLAGS.split(/\s+/).filter(Boolean) : JSON.parse(fs.readFileSync(path.join(repo, 'server', 'src', 'nodeFlags.json'), 'utf8'));
const servers = {
  docklens: { label: `docklens ${ourPkg.version}`, cmd: [process.execPath, ...ourFlags, ourServer, '--stdio'], display: ['node', ...ourFlags, 'server/out/server.js --stdio'].join(' ') },
  peer: peerPkg
    ? { label: `${peerPkg.name} ${peerPkg.version}`, cmd: [process.execPath, peerEntry, '--stdio'], display: `node ${rel(peerEntry)} --stdio` }
    : undefined,
  composePeer: composePeerPkg
    ? { label: `${composePeerPkg.name} ${composePeerPkg.version}`, cmd: [process.execPath, composePeerEntry, '--stdio'], display: `node ${rel(composePeerEntry)} --stdio` }
    : undefined,
  // Servers that do no work (bench/floor/): what the probe measures for the round trip alone.
  floorRaw: floorServer('raw-server.mjs', 'no-op server, no library'),
  floorLibrary: floorServer('library-server.mjs', 'no-op server, vscode-languageserver'),
};
function floorServer(file, label) {
  const entry = path.join(benchDir, 'floor', file);
  return { label, cmd: [process.execPath, entry, '--stdio'], display: `node ${rel(entry)} --stdio` };
}

/**
 * One lsp-probe run of `servers[server]`. Options: `lang` (default dockerfile), `timeoutMs` (default
 * BENCH_LSP_TIMEOUT_MS), `limit` (seeded sample of the files; the same seed picks the same files for every
 * server), `initOptions` (initializationOptions, JSON).
 */
function probeRun(server, name, files, hover, tag, { lang = 'dockerfile', timeoutMs = cfg.lspTimeoutMs, limit = 0, initOptions, args: more = [], timing = false } = {}) {
  fs.mkdirSync(lspDir, { recursive: true });
  const json = path.join(lspDir, `${tag}.json`);
  const stderr = path.join(lspDir, `${tag}.stderr.log`);
  fs.rmSync(stderr, { force: true });
  const timingPrefix = `${tag}.in-server`;
  for (const f of fs.readdirSync(lspDir)) if (f.startsWith(`${timingPrefix}-`)) fs.rmSync(path.join(lspDir, f));
  const extra = [...(limit > 0 ? ['--limit', String(limit)] : []), ...(initOptions ? ['--init-options', JSON.stringify(initOptions)] : []), ...more];
  const cmd = timing ? withRequestTiming(servers[server].cmd) : servers[server].cmd;
  const args = [probe, '--lang', lang, '--files', files, '--json', json, '--hover-per-file', String(hover), '--timeout-ms', String(timeoutMs), ...extra, '--stderr', stderr, '--label', `${name} ${tag}`, '--quiet', '--', ...cmd];
  const env = timing ? { ...process.env, DOCKLENS_BENCH_TIMING: path.join(lspDir, timingPrefix) } : process.env;
  const r = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`lsp-probe ${tag} exited with ${r.status ?? r.signal}: ${r.stdout}`);
  const first = r.stdout.split('\n').find((l) => l.startsWith('diagnostics '));
  log(`  ${tag}: ${first ? first.replace(/\s+/g, ' ') : 'done'}`);
  const result = JSON.parse(fs.readFileSync(json, 'utf8'));
  if (timing) {
    // One file per server process (a restarted server writes its own); hovers in the order they were answered.
    const parts = fs.readdirSync(lspDir).filter((f) => f.startsWith(`${timingPrefix}-`)).map((f) => JSON.parse(fs.readFileSync(path.join(lspDir, f), 'utf8')));
    result.inServerHoverMs = parts.flatMap((x) => x['textDocument/hover'] ?? []);
  }
  return result;
}

/** The server command with bench/request-timing.mjs preloaded (a Node option, so it goes before the script). */
function withRequestTiming(cmd) {
  return [cmd[0], '--import', pathToFileURL(path.join(benchDir, 'request-timing.mjs')).href, ...cmd.slice(1)];
}

/** p50/p95/p99/max of a list of milliseconds, or null without samples. */
function latencyStats(values) {
  const s = sortNum(values);
  return s.length ? { samples: s.length, p50: round(pct(s, 50), 3), p95: round(pct(s, 95), 3), p99: round(pct(s, 99), 3), max: round(s[s.length - 1], 3) } : null;
}

/** Pools the probe runs of one server on one input. */
function poolRuns(runs) {
  const diag = runs.flatMap((r) => r.perFile.map((f) => f.diagMs).filter((x) => typeof x === 'number'));
  const s = sortNum(diag);
  const hover = runs.map((r) => r.latencyMs.hover).filter(Boolean);
  return {
    runs: runs.length,
    files: runs[0]?.files ?? 0,
    samples: s.length,
    ttd: { p50: round(pct(s, 50)), p95: round(pct(s, 95)), max: round(s[s.length - 1] ?? null), mean: round(s.length ? s.reduce((a, b) => a + b, 0) / s.length : null) },
    // Hover percentiles per probe run; the worst run is reported (conservative).
    hover: { sent: hover.reduce((a, h) => a + h.sent, 0), p50: round(Math.max(...hover.map((h) => h.p50 ?? 0))), p95: round(Math.max(...hover.map((h) => h.p95 ?? 0))), p99: round(Math.max(...hover.map((h) => h.p99 ?? 0))), max: round(Math.max(...hover.map((h) => h.max ?? 0))), nonEmptyShare: round(median(runs.map((r) => r.hover.nonEmptyShare ?? 0)), 1) },
    // End-to-end hover p99 of each probe run, in round order (compose: the ratio is taken round by round).
    hoverP99ByRound: hover.map((h) => h.p99 ?? null),
    // Inside the server (bench/request-timing.mjs), pooled over the runs that had the hook.
    inServerHover: runs.some((r) => r.inServerHoverMs) ? latencyStats(runs.flatMap((r) => r.inServerHoverMs ?? [])) : null,
    peakRssMiB: round(Math.max(...runs.map((r) => r.rss.peakVmHWM_kB)) / 1024, 1),
    initMs: round(median(runs.flatMap((r) => r.initMs))),
    crashes: runs.reduce((a, r) => a + r.crashes, 0),
    hangs: runs.reduce((a, r) => a + r.hangs, 0),
    timeouts: runs.reduce((a, r) => a + r.timeouts, 0),
    diagnosticsTimeouts: runs.reduce((a, r) => a + (r.diagnostics.timeouts ?? 0), 0),
    filesWithDiagnostics: runs[0]?.diagnostics.filesWithDiagnostics ?? 0,
    diagnosticsTotal: runs[0]?.diagnostics.total ?? 0,
    crashDetails: runs.flatMap((r) => r.crashDetails.map((c) => ({ file: c.file, phase: c.phase, code: c.code, signal: c.signal }))).slice(0, 10),
    slowest: runs
      .flatMap((r) => r.perFile.filter((f) => typeof f.diagMs === 'number'))
      .sort((a, b) => b.diagMs - a.diagMs)
      .slice(0, 3)
      .map((f) => ({ file: f.file, diagMs: f.diagMs, lines: f.lines })),
  };
}

let lsp = null;
if (doLspDockerfile) {
  const corpusDir = path.join(corpus, 'dockerfile');
  const stressFile = path.join(corpus, STRESS_DOCKERFILE);
  const raw = { corpus: { docklens: [], peer: [] }, stress: { docklens: [], peer: [] } };
  // Never in parallel (2 cores): the servers take turns, and the order flips every round.
  for (let round_ = 0; round_ < cfg.lspRounds; round_++) {
    for (const s of round_ % 2 === 0 ? ['docklens', 'peer'] : ['peer', 'docklens']) {
      log(`LSP corpus dockerfile/ round ${round_ + 1}/${cfg.lspRounds}: ${servers[s].label}`);
      raw.corpus[s].push(probeRun(s, servers[s].label, corpusDir, cfg.hoverPerFile, `corpus-${s}-${round_ + 1}`));
    }
  }
  for (let round_ = 0; round_ < cfg.lspStressRounds; round_++) {
    for (const s of round_ % 2 === 0 ? ['docklens', 'peer'] : ['peer', 'docklens']) {
      log(`LSP stress Dockerfile round ${round_ + 1}/${cfg.lspStressRounds}: ${servers[s].label}`);
      raw.stress[s].push(probeRun(s, servers[s].label, stressFile, cfg.stressHover, `stress-${s}-${round_ + 1}`));
    }
  }
  lsp = {
    servers: { docklens: servers.docklens.display, peer: servers.peer.display, peerVersion: peerPkg.version },
    corpus: { input: rel(corpusDir), docklens: poolRuns(raw.corpus.docklens), peer: poolRuns(raw.corpus.peer) },
    stress: { input: rel(stressFile), docklens: poolRuns(raw.stress.docklens), peer: poolRuns(raw.stress.peer) },
  };
}

// Compose: docklens against @microsoft/compose-language-service, same inputs, same positions (lsp-probe's
// positions depend only on the text and its seed), one server at a time.
let lspCompose = null;
if (doLspCompose) {
  const corpusDir = path.join(corpus, 'compose');
  const stressFile = path.join(corpus, STRESS_COMPOSE);
  const corpusFiles = fs.existsSync(corpusDir) ? fs.readdirSync(corpusDir, { recursive: true }).filter((f) => fs.statSync(path.join(corpusDir, f)).isFile()).length : 0;
  const limit = cfg.composeLimit > 0 && cfg.composeLimit < corpusFiles ? cfg.composeLimit : 0;
  const opts = { lang: 'dockercompose', timeoutMs: cfg.composeTimeoutMs, limit };
  // The corpus rounds also time each hover inside every server (bench/request-timing.mjs).
  const corpusOpts = { ...opts, timing: true };
  const pair = { docklens: 'docklens', peer: 'composePeer', floorRaw: 'floorRaw', floorLibrary: 'floorLibrary', peerNoDelay: 'composePeer' };
  const raw = { corpus: { docklens: [], peer: [], floorRaw: [], floorLibrary: [], peerNoDelay: [] }, stress: { docklens: [], peer: [] } };
  const sample = limit ? `${limit} of ${corpusFiles} files` : `${corpusFiles} files`;
  // The no-op servers take their turn in every round too: the hover tail over stdio varies from run to run by
  // more than a millisecond, so the floor is only comparable when measured in the same round. So does the peer
  // with `diagnosticDelay: 0`: like docklens, it answers its first hover of a file right after its diagnostics,
  // where the default peer has been idle for its one-second debounce.
  const corpusOrder = ['docklens', 'peer', 'floorRaw', 'floorLibrary', ...(cfg.composePeerNoDelay ? ['peerNoDelay'] : [])];
  const optsOf = (s) => (s === 'peerNoDelay' ? { ...corpusOpts, initOptions: { diagnosticDelay: 0 } } : corpusOpts);
  const labelOf = (s) => (s === 'peerNoDelay' ? `${servers.composePeer.label} diagnosticDelay=0` : servers[pair[s]].label);
  for (let round_ = 0; round_ < cfg.composeRounds; round_++) {
    for (const s of round_ % 2 === 0 ? corpusOrder : corpusOrder.slice().reverse()) {
      log(`LSP corpus compose/ (${sample}) round ${round_ + 1}/${cfg.composeRounds}: ${labelOf(s)}`);
      raw.corpus[s].push(probeRun(pair[s], labelOf(s), corpusDir, cfg.composeHoverPerFile, `compose-corpus-${s}-${round_ + 1}`, optsOf(s)));
    }
  }
  // Every round starts a fresh server on the stress file alone; the first round hovers every line.
  const stressRounds = Math.max(1, cfg.composeStressRounds);
  for (let round_ = 0; round_ < stressRounds; round_++) {
    for (const s of round_ % 2 === 0 ? ['docklens', 'peer'] : ['peer', 'docklens']) {
      log(`LSP stress compose round ${round_ + 1}/${stressRounds}${round_ === 0 ? ' (hover on every line)' : ''}: ${servers[pair[s]].label}`);
      raw.stress[s].push(probeRun(pair[s], servers[pair[s]].label, stressFile, round_ === 0 ? 'all' : 0, `compose-stress-${s}-${round_ + 1}`, { ...opts, limit: 0 }));
    }
  }
  // Stress: time to diagnostics and memory pooled over every fresh server, hover from the hover-all round.
  const stressPool = (runs) => ({ ...poolRuns(runs), hover: poolRuns(runs.slice(0, 1)).hover, hoverRuns: 1 });
  lspCompose = {
    servers: { docklens: servers.docklens.display, peer: servers.composePeer.display, peerName: composePeerPkg.name, peerVersion: composePeerPkg.version },
    corpus: { input: rel(corpusDir), corpusFiles, limit, docklens: poolRuns(raw.corpus.docklens), peer: poolRuns(raw.corpus.peer), peerNoDelay: raw.corpus.peerNoDelay.length ? poolRuns(raw.corpus.peerNoDelay) : null, floor: { raw: poolRuns(raw.corpus.floorRaw), library: poolRuns(raw.corpus.floorLibrary) } },
    stress: { input: rel(stressFile), lines: fs.readFileSync(stressFile, 'utf8').split('\n').length, docklens: stressPool(raw.stress.docklens), peer: stressPool(raw.stress.peer) },
    timeoutMs: cfg.composeTimeoutMs,
  };
}

// Re-analysis of dependent documents: docklens alone (the peers analyse one file at a time, nothing depends on
// another file), in its own process like the analysis bench.
let reanalysis = null;
if (doReanalysis) {
  log(`re-analysis: ${cfg.reanalysisWarmup} warm-up + ${cfg.reanalysisRounds} rounds per scenario (Dockerfile edited, .env rewritten)`);
  const file = path.join(outDir, 'reanalysis.json');
  run(process.execPath, [path.join(benchDir, 'reanalysis-bench.mjs'), '--server', ourServer, '--rounds', String(Math.max(1, cfg.reanalysisRounds)), '--warmup', String(cfg.reanalysisWarmup), '--out', file]);
  reanalysis = JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Typing in a large file (issue #7): the stress Dockerfile and compose file, docklens against the peer of each
// kind, one server at a time. (i) lsp-probe's typing burst: `--edits K` types the first K characters of a new
// service (compose) or RUN line (Dockerfile) after a random line (the seed picks it), 30 ms apart, and times the
// last keystroke to the next publishDiagnostics; the compose burst passes through YAML a parser cannot read
// (`  newservice` before its colon). (ii) bench/typing-bench.mjs: one-character edits inside values, the file
// stays valid, each keystroke timed alone.
let typing = null;
if (doTyping) {
  const kinds = [
    { id: 'compose', lang: 'dockercompose', file: path.join(corpus, STRESS_COMPOSE), peer: 'composePeer' },
    { id: 'dockerfile', lang: 'dockerfile', file: path.join(corpus, STRESS_DOCKERFILE), peer: 'peer' },
  ];
  typing = { server: servers.docklens.display, edits: cfg.typingEdits, runs: cfg.typingRuns, validRuns: cfg.typingValidRuns, validEdits: cfg.typingValidEdits, kinds: {} };
  for (const k of kinds) {
    const burst = { docklens: [], peer: [] };
    for (let round_ = 0; round_ < cfg.typingRuns; round_++) {
      for (const s of round_ % 2 === 0 ? ['docklens', 'peer'] : ['peer', 'docklens']) {
        const server = s === 'docklens' ? 'docklens' : k.peer;
        log(`typing burst ${k.id} run ${round_ + 1}/${cfg.typingRuns} (lsp-probe --edits ${cfg.typingEdits} --seed ${round_ + 1}): ${servers[server].label}`);
        const j = probeRun(server, servers[server].label, k.file, 0, `typing-${k.id}-${s}-${round_ + 1}`, { lang: k.lang, timeoutMs: 10000, args: ['--edits', String(cfg.typingEdits), '--seed', String(round_ + 1)] });
        const f = j.perFile[0] ?? {};
        burst[s].push({ seed: round_ + 1, editDiagMs: typeof f.editDiagMs === 'number' ? f.editDiagMs : null, timeout: f.editDiagMs === 'timeout', publishesDuringBurst: j.editBursts?.meanPublishesDuringBurst ?? null, peakRssMiB: round(j.rss.peakVmHWM_kB / 1024, 1), crashes: j.crashes });
      }
    }
    const valid = { docklens: [], peer: [] };
    for (let round_ = 0; round_ < cfg.typingValidRuns; round_++) {
      for (const s of round_ % 2 === 0 ? ['docklens', 'peer'] : ['peer', 'docklens']) {
        const server = s === 'docklens' ? 'docklens' : k.peer;
        log(`typing, valid one-character edits ${k.id} run ${round_ + 1}/${cfg.typingValidRuns} (bench/typing-bench.mjs --seed ${round_ + 1}): ${servers[server].label}`);
        fs.mkdirSync(lspDir, { recursive: true });
        const out = path.join(lspDir, `typing-valid-${k.id}-${s}-${round_ + 1}.json`);
        spawnSync(process.execPath, [path.join(benchDir, 'typing-bench.mjs'), '--lang', k.lang, '--file', k.file, '--edits', String(Math.max(1, cfg.typingValidEdits)), '--warmup', '3', '--seed', String(round_ + 1), '--timeout-ms', '10000', '--out', out, '--', ...servers[server].cmd], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
        const j = JSON.parse(fs.readFileSync(out, 'utf8'));
        if (j.error) log(`  ${j.error}`);
        valid[s].push(j);
      }
    }
    const poolBurst = (runs) => {
      const ms = sortNum(runs.map((r) => r.editDiagMs).filter((x) => x != null));
      return { runs: runs.length, samples: runs.map((r) => r.editDiagMs), p50: round(median(ms)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1] ?? null), timeouts: runs.filter((r) => r.timeout).length, crashes: runs.reduce((a, r) => a + r.crashes, 0), publishesDuringBurst: round(median(runs.map((r) => r.publishesDuringBurst ?? 0)), 1), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB ?? 0)) };
    };
    const poolValid = (runs) => {
      const ms = sortNum(runs.flatMap((r) => r.samples ?? []));
      return { runs: runs.length, samples: ms.length, p50: round(median(ms)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1] ?? null), errors: runs.filter((r) => r.error).map((r) => r.error), peakRssMiB: round(Math.max(...runs.map((r) => (r.peakRssKiB ?? 0) / 1024)), 1), candidates: runs[0]?.candidates ?? 0 };
    };
    typing.kinds[k.id] = {
      file: path.relative(corpus, k.file),
      lines: fs.readFileSync(k.file, 'utf8').split('\n').length,
      peer: servers[k.peer].label,
      burst: { docklens: poolBurst(burst.docklens), peer: poolBurst(burst.peer) },
      valid: { docklens: poolValid(valid.docklens), peer: poolValid(valid.peer) },
    };
  }
}

// Extension activation: the client bundle under a fake `vscode` module, fresh processes (bench/activation-bench.mjs).
let activation = null;
if (doActivation) {
  const file = path.join(outDir, 'activation.json');
  run(process.execPath, [path.join(benchDir, 'activation-bench.mjs'), '--runs', String(Math.max(1, cfg.activationRuns)), '--warmup', String(cfg.activationWarmup), '--out', file]);
  activation = JSON.parse(fs.readFileSync(file, 'utf8'));
}
if (cfg.only === 'activation') {
  // Only this part ran: replace its section and Targets row, keep the rest of the last full run's report.
  const mdFile = path.join(repo, 'BENCHMARKS.md');
  const previous = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '# Benchmarks\n\n## Targets\n\n| target | measured | goal | result |\n| --- | ---: | --- | --- |\n';
  fs.writeFileSync(mdFile, spliceActivation(previous, activation, machineInfo()));
  const t = activationTarget(activation);
  log(`updated the activation section of BENCHMARKS.md`);
  log(`  ${t.result.padEnd(4)} ${t.what}: ${t.text} (goal ${t.goal})`);
  process.exit(cfg.strict && t.result === 'FAIL' ? 1 : 0);
}

// ------------------------------------------------------------------ 3. targets
const targets = [];
const verdict = (value, limit) => (value == null ? 'n/a' : value <= limit ? 'PASS' : 'FAIL');
if (analysis?.headline.stressDockerfile && !analysis.headline.stressDockerfile.missing) {
  const h = analysis.headline.stressDockerfile;
  targets.push({ id: 'analysis-stress-dockerfile', what: `Stress Dockerfile (${h.lines.toLocaleString('en-US')} lines, 3,000 instructions): whole analysis ÷ dockerfile-ast parse, medians`, value: h.ratio, text: `${fmtMs(h.ours.median)} ÷ ${fmtMs(h.parse.median)} = ${fmtX(h.ratio)}`, goal: `≤ ${TARGETS.analysisRatio}×`, result: verdict(h.ratio, TARGETS.analysisRatio) });
}
if (lsp) {
  const c = ratio(lsp.corpus.docklens.ttd.p95, lsp.corpus.peer.ttd.p95);
  targets.push({ id: 'lsp-corpus-p95', what: `Corpus \`dockerfile/\` (${lsp.corpus.docklens.files} files): LSP time to diagnostics p95, docklens ÷ peer`, value: c, text: `${fmtMs(lsp.corpus.docklens.ttd.p95)} ÷ ${fmtMs(lsp.corpus.peer.ttd.p95)} = ${fmtX(c)}`, goal: `≤ ${TARGETS.corpusP95Ratio}× (half the peer's)`, result: verdict(c, TARGETS.corpusP95Ratio) });
  const s = ratio(lsp.stress.docklens.ttd.p50, lsp.stress.peer.ttd.p50);
  const h = ratio(lsp.corpus.docklens.hover.p99, lsp.corpus.peer.hover.p99);
  targets.push({ id: 'lsp-corpus-hover-p99', what: `Corpus \`dockerfile/\` (same files): LSP hover p99 (worst round), docklens ÷ peer`, value: h, text: `${fmtMs(lsp.corpus.docklens.hover.p99)} ÷ ${fmtMs(lsp.corpus.peer.hover.p99)} = ${fmtX(h)}`, goal: `≤ ${TARGETS.hoverP99Ratio}× (issue #7: half the peer's)`, result: verdict(h, TARGETS.hoverP99Ratio) });
  targets.push({ id: 'lsp-stress', what: `Stress Dockerfile: LSP time to first diagnostics (median of ${lsp.stress.docklens.samples} fresh server${lsp.stress.docklens.samples === 1 ? '' : 's'}), docklens ÷ peer`, value: s, text: `${fmtMs(lsp.stress.docklens.ttd.p50)} ÷ ${fmtMs(lsp.stress.peer.ttd.p50)} = ${fmtX(s)}`, goal: `≤ ${TARGETS.stressRatio}× (2× faster)`, result: verdict(s, TARGETS.stressRatio) });
}
if (lsp) {
  const rss = (k) => Math.max(lsp.corpus[k].peakRssMiB ?? 0, lsp.stress[k].peakRssMiB ?? 0);
  const rr = ratio(rss('docklens'), rss('peer'));
  targets.push({ id: 'lsp-rss', what: 'Dockerfile runs (corpus and stress file): peak RSS of the server process (VmHWM, the larger of the two runs), docklens (peer, ratio)', value: rr, text: `${rss('docklens')} MiB (peer ${rss('peer')} MiB, ${fmtX(rr)})`, goal: `≤ the peer's (issue #7)`, result: verdict(rr, TARGETS.rssRatio) });
}
if (analysis?.headline.stressCompose && !analysis.headline.stressCompose.missing) {
  const h = analysis.headline.stressCompose;
  targets.push({ id: 'analysis-stress-compose', what: `Stress compose file (${h.lines.toLocaleString('en-US')} lines, 500 services): whole analysis ÷ yaml parseDocument, medians`, value: h.ratio, text: `${fmtMs(h.ours.median)} ÷ ${fmtMs(h.parse.median)} = ${fmtX(h.ratio)}`, goal: `≤ ${TARGETS.composeAnalysisRatio}× (issue #4)`, result: verdict(h.ratio, TARGETS.composeAnalysisRatio) });
}
if (lspCompose) {
  const { corpus: c, stress: st } = lspCompose;
  // "peer X (ratio)": every compose figure beside the peer's; timeouts, crashes and hangs make a figure FAIL.
  const beside = (a, b) => `${fmtMs(a)} (peer ${fmtMs(b)}, ${fmtX(ratio(a, b))})`;
  const lost = (x, what) => x.diagnosticsTimeouts + x.timeouts + x.crashes + x.hangs === 0 ? '' : `; docklens: ${[[x.diagnosticsTimeouts, 'diagnostics timeout'], [x.timeouts - x.diagnosticsTimeouts, `${what} timeout`], [x.crashes, 'crash'], [x.hangs, 'hang']].filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`).join(', ')}`;
  // Strictly under the bar; a hover that timed out, or a server that crashed or hung, fails it.
  const hoverVerdict = (x) => (x.hover.p99 == null ? 'n/a' : x.timeouts - x.diagnosticsTimeouts + x.crashes + x.hangs > 0 || x.hover.p99 >= TARGETS.composeHoverP99Ms ? 'FAIL' : 'PASS');
  // What a server that does no work measures in the same rounds, beside the ratio the issue asks for.
  function floorNote(x) {
    const { raw: r, library: l } = x.floor;
    return `; servers that do no work, same rounds: ${roundsText(r, x.peer)} without a library, ${roundsText(l, x.peer)} on vscode-languageserver (section 3)`;
  }
  const peerTimeouts = (x) => (x.diagnosticsTimeouts ? `; peer: ${x.diagnosticsTimeouts} diagnostics timeout${x.diagnosticsTimeouts === 1 ? '' : 's'} (${lspCompose.timeoutMs} ms)` : '');
  targets.push({ id: 'lsp-compose-stress-hover-p99', what: `Stress compose file (${st.lines.toLocaleString('en-US')} lines): LSP hover p99 over every non-blank line (${st.docklens.hover.sent.toLocaleString('en-US')} hovers), docklens (peer, ratio)`, value: st.docklens.hover.p99, text: beside(st.docklens.hover.p99, st.peer.hover.p99) + lost(st.docklens, 'request'), goal: `< ${TARGETS.composeHoverP99Ms} ms (issue #3)`, result: hoverVerdict(st.docklens) });
  // The probe's hover p99 moves by a millisecond from one run to the next (pipes, scheduling, its own /proc
  // reads), so the ratio is taken within each round, where the servers ran back to back, and the median round
  // is read; every round's figures are printed.
  const hr = medianRoundRatio(c.docklens, c.peer);
  targets.push({ id: 'lsp-compose-corpus-hover-p99', what: `Corpus \`compose/\` (${c.limit ? `${c.docklens.files} of ${c.corpusFiles} files, seeded sample` : `${c.docklens.files} files`}): LSP hover p99 at the probe (${(c.docklens.hover.sent / c.docklens.runs).toLocaleString('en-US')} hovers per round), docklens ÷ peer, median of ${c.docklens.runs} round${c.docklens.runs === 1 ? '' : 's'}`, value: hr, text: `${fmtX(hr)} (rounds: ${roundsText(c.docklens, c.peer)}; worst docklens round ${fmtMs(c.docklens.hover.p99)})${lost(c.docklens, 'request')}${floorNote(c)}`, goal: `< ${TARGETS.composeHoverP99Ms} ms (issue #3) and ≤ ${TARGETS.hoverP99Ratio}× the peer's (issue #7)`, result: hoverVerdict(c.docklens) === 'PASS' && (hr == null || hr > TARGETS.hoverP99Ratio) ? 'FAIL' : hoverVerdict(c.docklens) });
  // The same hovers timed inside each server process: what the servers themselves spend, without the pipe.
  // Compared with the peer at `diagnosticDelay: 0`, which like docklens gets its first hover of each file right
  // after its diagnostics: the default peer has then been idle for a second, and after a second of idle docklens
  // too answers its hovers more slowly (in-process p99 1.1-1.5 ms against 0.7 ms, measured once with a probe
  // that waits a second before hovering), so that pairing would favour docklens.
  const ins = (x) => x?.inServerHover;
  const complete = (x) => ins(x) != null && ins(x).samples >= x.hover.sent - (x.timeouts - x.diagnosticsTimeouts);
  const warmPeer = c.peerNoDelay;
  const ih = complete(c.docklens) && complete(warmPeer) ? ratio(ins(c.docklens).p99, ins(warmPeer).p99) : null;
  const libFloor = ins(c.floor.library);
  const others = [ins(c.peer) ? `the default peer (idle 1 s before its hovers) ${fmtMs(ins(c.peer).p99)}` : '', libFloor ? `no-op server on vscode-languageserver ${fmtMs(libFloor.p99)}` : ''].filter(Boolean).join('; ');
  targets.push({ id: 'lsp-compose-corpus-hover-in-server-p99', what: `Corpus \`compose/\` (same rounds and hovers): hover p99 inside the server process (request read → response written, \`bench/request-timing.mjs\` preloaded), pooled over the rounds, docklens ÷ the peer with \`diagnosticDelay: 0\` (both hover right after their diagnostics)`, value: ih, text: ih == null ? `not measured (hook samples: docklens ${ins(c.docklens)?.samples ?? 0}, peer ${ins(warmPeer)?.samples ?? 0}${warmPeer ? '' : '; BENCH_COMPOSE_PEER_NODELAY=0'})` : `${fmtMs(ins(c.docklens).p99)} ÷ ${fmtMs(ins(warmPeer).p99)} = ${fmtX(ih)}${others ? `; ${others}` : ''}`, goal: `≤ ${TARGETS.hoverP99Ratio}× (issue #7, the servers' own share)`, result: verdict(ih, TARGETS.hoverP99Ratio) });
  const cr = ratio(c.docklens.ttd.p95, c.peer.ttd.p95);
  targets.push({ id: 'lsp-compose-corpus-p95', what: `Corpus \`compose/\` (same files): LSP time to diagnostics p95, docklens ÷ peer`, value: cr, text: `${fmtMs(c.docklens.ttd.p95)} ÷ ${fmtMs(c.peer.ttd.p95)} = ${fmtX(cr)}${lost(c.docklens, 'request')}${peerTimeouts(c.peer)}`, goal: `≤ ${TARGETS.composeTtdRatio}× (issue #4: far below the peer's)`, result: c.docklens.diagnosticsTimeouts ? 'FAIL' : verdict(cr, TARGETS.composeTtdRatio) });
  const sr = ratio(st.docklens.ttd.p50, st.peer.ttd.p50);
  targets.push({ id: 'lsp-compose-stress', what: `Stress compose file: LSP time to first diagnostics (median of ${st.docklens.runs} fresh server${st.docklens.runs === 1 ? '' : 's'}), docklens ÷ peer`, value: sr, text: `${fmtMs(st.docklens.ttd.p50)} ÷ ${fmtMs(st.peer.ttd.p50)} = ${fmtX(sr)}${lost(st.docklens, 'request')}${peerTimeouts(st.peer)}`, goal: `≤ ${TARGETS.composeTtdRatio}× (issue #4: far below the peer's)`, result: st.docklens.diagnosticsTimeouts ? 'FAIL' : verdict(sr, TARGETS.composeTtdRatio) });
  const rss = (k) => Math.max(c[k].peakRssMiB ?? 0, st[k].peakRssMiB ?? 0);
  const rr = ratio(rss('docklens'), rss('peer'));
  targets.push({ id: 'lsp-compose-rss', what: 'Compose runs (corpus sample and stress file): peak RSS of the server process (VmHWM, the larger of the two runs), docklens (peer, ratio)', value: rr, text: `${rss('docklens')} MiB (peer ${rss('peer')} MiB, ${fmtX(rr)})`, goal: `≤ the peer's (issue #7)`, result: verdict(rr, TARGETS.rssRatio) });
}

if (reanalysis) {
  for (const [id, label] of [['editor', 'a Dockerfile edited in the editor (`didChange`)'], ['disk', '`.env` rewritten on disk (`didChangeWatchedFiles`)']]) {
    const sc = reanalysis.scenarios[id];
    const wrong = sc.wrong ? `; ${sc.wrong} of ${sc.samples.length} re-published diagnostics did not reflect the change` : '';
    targets.push({ id: `reanalysis-${id}`, what: `Re-analysis after ${label}: notification → the open compose file's \`publishDiagnostics\`, p95 of ${sc.samples.length} rounds`, value: sc.p95, text: `${fmtMs(sc.p95)} (p50 ${fmtMs(sc.p50)}, max ${fmtMs(sc.max)})${wrong}`, goal: `< ${TARGETS.reanalysisP95Ms} ms`, result: sc.wrong || sc.p95 >= TARGETS.reanalysisP95Ms ? 'FAIL' : 'PASS' });
  }
}

if (typing) {
  for (const [id, name] of [['compose', 'Stress compose file'], ['dockerfile', 'Stress Dockerfile']]) {
    const t = typing.kinds[id];
    if (!t) continue;
    const b = t.burst;
    const lostB = b.docklens.timeouts + b.docklens.crashes ? `; docklens: ${b.docklens.timeouts} timeouts, ${b.docklens.crashes} crashes` : '';
    targets.push({ id: `typing-burst-${id}`, what: `${name} (${t.lines.toLocaleString('en-US')} lines), typing burst (\`lsp-probe --edits ${typing.edits}\`, 30 ms apart, ${b.docklens.runs} fresh servers, a different line each): last keystroke → fresh diagnostics, p95 (p50) of the runs, docklens (peer)`, value: b.docklens.p95, text: `${fmtMs(b.docklens.p95)} (p50 ${fmtMs(b.docklens.p50)}; peer ${fmtMs(b.peer.p95)}, p50 ${fmtMs(b.peer.p50)})${lostB}`, goal: `< ${TARGETS.typingMs} ms (issue #7)`, result: b.docklens.timeouts + b.docklens.crashes || b.docklens.p95 == null || b.docklens.p95 >= TARGETS.typingMs ? 'FAIL' : 'PASS' });
    const v = t.valid;
    const lostV = v.docklens.errors.length ? `; docklens: ${v.docklens.errors.length} runs failed` : '';
    targets.push({ id: `typing-valid-${id}`, what: `${name}, one-character edits of values that keep the file valid (\`bench/typing-bench.mjs\`, ${v.docklens.samples} keystrokes over ${v.docklens.runs} fresh servers, each timed alone): keystroke → fresh diagnostics, p95 (p50), docklens (peer)`, value: v.docklens.p95, text: `${fmtMs(v.docklens.p95)} (p50 ${fmtMs(v.docklens.p50)}; peer ${fmtMs(v.peer.p95)}, p50 ${fmtMs(v.peer.p50)})${lostV}`, goal: `< ${TARGETS.typingMs} ms (issue #7)`, result: v.docklens.errors.length || v.docklens.p95 == null || v.docklens.p95 >= TARGETS.typingMs ? 'FAIL' : 'PASS' });
  }
}

if (activation) targets.push(activationTarget(activation));

// ------------------------------------------------------------------ 4. profiles (when a target fails)
// auto: the stress analysis in process whenever a target of its kind (Dockerfile or compose) fails; the
// corpus pass too when the corpus LSP target fails; the server itself opening the stress file when the
// stress LSP target of its kind fails (for compose, hovering every line when a hover target fails).
const failed = (id) => targets.some((t) => t.id === id && t.result === 'FAIL');
const always = cfg.profile === '1';
const isCompose = (id) => /compose/.test(id);
const anyFail = targets.some((t) => t.result === 'FAIL');
// A failed re-analysis target has no profile of its own: bench/reanalysis-bench.mjs runs alone.
const dockerfileFail = targets.some((t) => !isCompose(t.id) && !t.id.startsWith('reanalysis-') && !t.id.startsWith('typing-') && t.result === 'FAIL');
const composeFail = targets.some((t) => isCompose(t.id) && t.result === 'FAIL');
const profiles = [];
const tryProfile = (title, fn, lang = 'dockerfile') => {
  try {
    const p = fn();
    profiles.push({ title, lang, ...summariseProfile(p, 15), kind: p.ttdMs !== undefined ? 'server' : 'analysis', file: p.file, files: p.files ?? 1, times: p.times, firstMs: p.firstMs, medianMs: p.medianMs, ttdMs: p.ttdMs, hover: p.hover ?? null, profiles: Object.fromEntries(Object.entries(p.profiles).map(([k, v]) => [k, rel(v)])) });
  } catch (error) {
    log(`profiling (${title}) failed: ${error.message}`);
  }
};
if (cfg.profile !== '0' && (always || (cfg.profile === 'auto' && anyFail))) {
  const profDir = path.join(outDir, 'prof');
  if (doAnalysis && (always || dockerfileFail)) {
    log(`profiling: ${cfg.profileTimes} analyses of ${STRESS_DOCKERFILE}`);
    tryProfile('Stress Dockerfile, analysis in process', () => profileAnalysis({ corpus, times: cfg.profileTimes, file: STRESS_DOCKERFILE, outDir: path.join(profDir, 'stress') }));
    if (always || failed('lsp-corpus-p95')) {
      log('profiling: passes over corpus dockerfile/');
      tryProfile('Corpus `dockerfile/`, analysis in process (one pass = every file once)', () => profileAnalysis({ corpus, times: Math.max(3, Math.round(cfg.profileTimes / 4)), file: 'dockerfile', outDir: path.join(profDir, 'corpus') }));
    }
  }
  if (doLspDockerfile && (always || failed('lsp-stress'))) {
    log('profiling: the docklens server opening the stress Dockerfile');
    tryProfile('docklens server opening the stress Dockerfile (fresh process)', () => profileServer({ probe, serverJs: ourServer, files: path.join(corpus, STRESS_DOCKERFILE), outDir: path.join(profDir, 'server-stress'), timeoutMs: cfg.lspTimeoutMs }));
  }
  if (doAnalysis && (always || composeFail)) {
    log(`profiling: ${cfg.profileTimes} analyses of ${STRESS_COMPOSE}`);
    tryProfile('Stress compose file, analysis in process', () => profileAnalysis({ corpus, times: cfg.profileTimes, file: STRESS_COMPOSE, outDir: path.join(profDir, 'stress-compose') }), 'compose');
  }
  // A server that does not answer would be killed before it writes its profile: give it time.
  const composeServerTimeout = Math.max(cfg.composeTimeoutMs, 30000);
  if (doLspCompose && (always || failed('lsp-compose-stress') || failed('lsp-compose-corpus-p95'))) {
    log('profiling: the docklens server opening the stress compose file');
    tryProfile('docklens server opening the stress compose file (fresh process)', () => profileServer({ probe, serverJs: ourServer, files: path.join(corpus, STRESS_COMPOSE), outDir: path.join(profDir, 'server-stress-compose'), lang: 'dockercompose', timeoutMs: composeServerTimeout }), 'compose');
  }
  if (doLspCompose && (always || failed('lsp-compose-stress-hover-p99') || failed('lsp-compose-corpus-hover-p99'))) {
    log('profiling: the docklens server hovering every line of the stress compose file');
    tryProfile('docklens server hovering every line of the stress compose file (fresh process)', () => profileServer({ probe, serverJs: ourServer, files: path.join(corpus, STRESS_COMPOSE), outDir: path.join(profDir, 'server-stress-compose-hover'), lang: 'dockercompose', timeoutMs: composeServerTimeout, hover: 'all' }), 'compose');
  }
}

// ------------------------------------------------------------------ 5. report
const machine = machineInfo();
const overrides = Object.entries(process.env)
  .filter(([k]) => /^BENCH_|^DOCKLENS_CORPUS$|^DOCKLENS_LSP_PROBE$/.test(k))
  .map(([k, v]) => `${k}=${v}`)
  .sort();
const command = `${overrides.length ? overrides.join(' ') + ' ' : ''}${process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node bench/run.mjs'}`;
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const wallS = round((performance.now() - wall0) / 1000, 1);
const results = { command, date, wallS, machine, config: cfg, corpus: { path: corpus, relative: rel(corpus) }, docklens: ourPkg.version, docklensCommand: servers.docklens.display, targets, analysis, lsp, lspCompose, reanalysis, typing, activation, profiles };
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
fs.writeFileSync(path.join(repo, 'BENCHMARKS.md'), markdown(results));
log(`wrote BENCHMARKS.md and ${rel(path.join(outDir, 'results.json'))} (${wallS} s)`);
for (const t of targets) log(`  ${t.result.padEnd(4)} ${t.what}: ${t.text} (goal ${t.goal})`);
if (cfg.strict && targets.some((t) => t.result === 'FAIL')) process.exit(1);

// ------------------------------------------------------------------ markdown
function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadavg: os.loadavg().map((x) => round(x)),
  };
}
function fmtMs(x) {
  if (x == null) return '–';
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  if (x >= 0.1) return `${x.toFixed(2)} ms`;
  return `${(x * 1000).toFixed(1)} µs`;
}
function fmtX(x) {
  if (x == null) return '–';
  return x >= 10 ? `${x.toFixed(0)}×` : x >= 0.1 ? `${x.toFixed(2)}×` : `${x.toFixed(3)}×`;
}
/** A markdown table; `align` has one letter per column (l/r), default: first column left, the rest right. */
function table(head, rows, align = 'l' + 'r'.repeat(head.length - 1)) {
  return [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function markdown(r) {
  const out = [];
  const p = (s = '') => out.push(s);
  p('# Benchmarks');
  p();
  p(`Produced by \`${r.command}\` on ${r.date} (the whole run took ${r.wallS} s). Every run overwrites this file; the raw figures are in \`bench/out/results.json\` (git-ignored), the probe outputs in \`bench/out/lsp/\`.`);
  p();
  p(table(['machine', ''], [
    ['CPU', `${r.machine.cpu}, ${r.machine.cores} cores`],
    ['memory', `${r.machine.memoryGiB} GiB`],
    ['Node', r.machine.node],
    ['OS', r.machine.os],
    ['load average at the end', r.machine.loadavg.join(', ')],
    ['docklens', `${r.docklens} (\`server/out/server.js\`, development build of \`node scripts/build.mjs\`; language server launched as \`${r.docklensCommand}\`, the V8 flags the VS Code client passes in \`execArgv\`)`],
    ['peer, Dockerfiles', r.lsp ? `dockerfile-language-server-nodejs ${r.lsp.servers.peerVersion} (\`${r.lsp.servers.peer}\`)` : '–'],
    ['peer, compose', r.lspCompose ? `${r.lspCompose.servers.peerName} ${r.lspCompose.servers.peerVersion} (\`${r.lspCompose.servers.peer}\`; its package asks for Node ≥ 22, it runs here on ${r.machine.node})` : '–'],
    ['corpus', `\`${r.corpus.relative}\``],
  ], 'll'));
  p();
  p('## Targets');
  p();
  p(table(['target', 'measured', 'goal', 'result'], r.targets.map((t) => [t.what, t.text, t.goal, `**${t.result}**`]), 'lrll'));
  p();

  if (r.analysis) {
    const a = r.analysis;
    p('## 1. Analysis time (in process)');
    p();
    p(`Whole analysis = what the server runs for diagnostics: a fresh text snapshot, \`DocumentAnalysis.create(doc, kind, { filePath, workspace }).diagnoses()\` (parse, model, every rule, settings and suppressions), with one \`FileSystemWorkspace\` rooted at the corpus folder kept for the whole run as the server keeps one per session (its file and folder caches are warm after the warm-up). Floor = the parser alone on the same text: \`dockerfile-ast\` \`DockerfileParser.parse\` for Dockerfiles, \`yaml\` \`parseDocument\` for compose files, bundled from the same modules as the analysis (\`bench/analysis-entry.ts\` → \`bench/out/analysis.cjs\`). Each file: ${a.config.warmup} warm-up runs, then ${a.config.runs} runs of each, interleaved (the order flips every run). Per set, the figures are taken over the per-file medians: the typical file (median), the slow tail (p95) and the slowest file (max); ratio = docklens ÷ floor.`);
    p();
    const rows = [];
    for (const [set, v] of Object.entries(a.sets)) {
      if (v.missing) continue;
      for (const [kind, k] of Object.entries(v.byKind)) {
        rows.push([`\`${set}/\` ${kind === 'compose' ? 'compose' : 'Dockerfiles'}`, String(k.files), k.floor.replace('dockerfile-ast ', '').replace(' parseDocument', ' parseDocument'), `${fmtMs(k.ours.median)} / ${fmtMs(k.parse.median)} = ${fmtX(ratio(k.ours.median, k.parse.median))}`, `${fmtMs(k.ours.p95)} / ${fmtMs(k.parse.p95)} = ${fmtX(ratio(k.ours.p95, k.parse.p95))}`, `${fmtMs(k.ours.max)} / ${fmtMs(k.parse.max)} = ${fmtX(ratio(k.ours.max, k.parse.max))}`, `${fmtMs(k.ours.sum)} / ${fmtMs(k.parse.sum)} = ${fmtX(ratio(k.ours.sum, k.parse.sum))}`, fmtX(k.ratio.median)]);
      }
    }
    p(table(['set', 'files', 'floor', 'median: docklens / floor', 'p95', 'max', 'sum over files', 'median per-file ratio'], rows, 'lrlrrrrr'));
    p();
    const errs = Object.entries(a.sets).filter(([, v]) => v.errors);
    if (errs.length) p(`Analysis errors: ${errs.map(([s, v]) => `${s}: ${v.errors}`).join(', ')} (see results.json).`);
    const slow = [];
    for (const [set, v] of Object.entries(a.sets)) for (const k of Object.values(v.byKind ?? {})) for (const f of k.slowest.slice(0, set === 'stress' ? 3 : 2)) slow.push([`\`${f.file}\``, fmtMs(f.oursMedianMs), fmtMs(f.floorMedianMs), fmtX(f.ratio)]);
    p('Slowest files (medians):');
    p();
    p(table(['file', 'docklens', 'floor', 'ratio'], slow));
    p();
    p(`Headline files: ${a.config.stressWarmup} warm-up runs, then ${a.config.stressRuns} interleaved runs of each.`);
    p();
    const hrows = [];
    for (const h of Object.values(a.headline)) {
      if (h.missing) continue;
      hrows.push([`\`${h.file}\` (${h.lines.toLocaleString('en-US')} lines)`, h.floor, `${fmtMs(h.ours.median)} / ${fmtMs(h.parse.median)} = **${fmtX(h.ratio)}**`, `${fmtMs(h.ours.p95)} / ${fmtMs(h.parse.p95)} = ${fmtX(ratio(h.ours.p95, h.parse.p95))}`, `${fmtMs(h.ours.max)} / ${fmtMs(h.parse.max)}`, String(h.diagnoses)]);
    }
    p(table(['file', 'floor', 'median: docklens / floor', 'p95', 'max', 'diagnoses'], hrows, 'llrrrr'));
    p();
    const below = Object.values(a.headline).filter((h) => !h.missing && h.ratio != null && h.ratio < 1);
    for (const h of below) p(`\`${h.file}\`: docklens' whole analysis is below the floor (${fmtX(h.ratio)}): it does not run a full YAML parse of the file, so this ratio says nothing about the cost of a parsing compose analysis yet.`);
    if (below.length) p();
  }

  if (r.lsp) {
    const l = r.lsp;
    p('## 2. Language servers, Dockerfiles: time to first diagnostics, hover, memory');
    p();
    p(`\`../shared/tools/lsp-probe.mjs --lang dockerfile --files INPUT --hover-per-file N --timeout-ms ${r.config.lspTimeoutMs} -- SERVER\`, docklens = \`${l.servers.docklens}\`, peer = \`${l.servers.peer}\`. The probe opens each file (\`didOpen\`) and times the first \`publishDiagnostics\` for it, then sends the hovers, then closes it. The two servers run one after the other, never together, and the order flips every round. Time to diagnostics is pooled over the rounds; hover figures are those of the worst round; peak RSS is the server's VmHWM.`);
    p();
    const lspTable = (title, c, note) => {
      p(`### ${title}`);
      p();
      p(note);
      p();
      const d = c.docklens;
      const q = c.peer;
      const row = (name, a, b, fmt = fmtMs) => [name, fmt(a), fmt(b), fmtX(ratio(a, b))];
      p(table(['', 'docklens', 'peer', 'docklens ÷ peer'], [
        row('time to diagnostics p50', d.ttd.p50, q.ttd.p50),
        row('time to diagnostics p95', d.ttd.p95, q.ttd.p95),
        row('time to diagnostics max', d.ttd.max, q.ttd.max),
        row('hover p50', d.hover.p50, q.hover.p50),
        row('hover p99', d.hover.p99, q.hover.p99),
        row('hover max', d.hover.max, q.hover.max),
        row('peak RSS', d.peakRssMiB, q.peakRssMiB, (x) => (x == null ? '–' : `${x} MiB`)),
        row('initialize', d.initMs, q.initMs),
        ['crashes / hangs / timeouts', `${d.crashes} / ${d.hangs} / ${d.timeouts}`, `${q.crashes} / ${q.hangs} / ${q.timeouts}`, ''],
        ['files with diagnostics (diagnostics)', `${d.filesWithDiagnostics} (${d.diagnosticsTotal})`, `${q.filesWithDiagnostics} (${q.diagnosticsTotal})`, ''],
        ['hovers sent (non-empty share)', `${d.hover.sent} (${d.hover.nonEmptyShare}%)`, `${q.hover.sent} (${q.hover.nonEmptyShare}%)`, ''],
        ['slowest time to diagnostics', d.slowest.map((s) => `${fmtMs(s.diagMs)} \`${s.file}\``).slice(0, 2).join(', '), q.slowest.map((s) => `${fmtMs(s.diagMs)} \`${s.file}\``).slice(0, 2).join(', '), ''],
      ], 'lrrr'));
      p();
      for (const [who, x] of [['docklens', d], ['peer', q]]) {
        if (x.crashDetails.length) p(`${who} crashed on: ${x.crashDetails.map((c) => `\`${c.file}\` (${c.phase}, ${c.signal ?? `exit ${c.code}`})`).join(', ')}.`);
      }
    };
    lspTable(`Corpus \`dockerfile/\` (${l.corpus.docklens.files} files × ${l.corpus.docklens.runs} rounds)`, l.corpus, `One server process per round opens every file in turn; ${r.config.hoverPerFile} hovers per file.`);
    const inProc = r.analysis?.sets.dockerfile?.byKind?.dockerfile;
    if (inProc) {
      p(`For scale: in process, the whole analysis of these files takes ${fmtMs(inProc.ours.median)} (median) / ${fmtMs(inProc.ours.p95)} (p95) and dockerfile-ast's parse ${fmtMs(inProc.parse.median)} / ${fmtMs(inProc.parse.p95)} (section 1). docklens' p50 time to diagnostics is ${fmtMs(l.corpus.docklens.ttd.p50)}, so about ${fmtMs(Math.max(0, l.corpus.docklens.ttd.p50 - inProc.ours.median))} of a typical file's wait is spent outside the analysis (timers, the settings round-trip, JSON-RPC); the peer's p50 is ${fmtMs(l.corpus.peer.ttd.p50)}.`);
      p();
    }
    lspTable(`Stress Dockerfile alone (${l.stress.docklens.runs} fresh server${l.stress.docklens.runs === 1 ? '' : 's'} each)`, l.stress, `\`${STRESS_DOCKERFILE}\`: each round starts a fresh server, opens only this file (the first document the server sees, so start-up JIT and first reads of the folder count, as when a user opens it) and sends ${r.config.stressHover} hovers. The workspace root is the file's folder, \`stress/\`, which also holds two large compose files.`);
  }

  if (r.lspCompose) {
    const l = r.lspCompose;
    const c = l.corpus;
    const st = l.stress;
    p('## 3. Language servers, compose: hover, time to first diagnostics, memory');
    p();
    p(`\`../shared/tools/lsp-probe.mjs --lang dockercompose --files INPUT --hover-per-file N --timeout-ms ${l.timeoutMs} -- SERVER\`, docklens = \`${l.servers.docklens}\`, peer = ${l.servers.peerName} ${l.servers.peerVersion}, \`${l.servers.peer}\`. As in section 2: the probe opens each file, times the first \`publishDiagnostics\` for it, sends the hovers, closes it; the servers run one after the other, never together, and the order flips every round. Both get the same hover positions (the first non-blank character of non-blank lines, evenly sampled, plus about one in eight random positions from the probe's fixed seed). A file whose diagnostics do not come within ${l.timeoutMs} ms counts as a diagnostics timeout and is left out of the time-to-diagnostics figures.`);
    p();
    const nothing = c.peer.filesWithDiagnostics === 0 && st.peer.filesWithDiagnostics === 0;
    p(`About the peer: it publishes diagnostics after a 1,000 ms debounce (\`DiagnosticDelay\` in its \`DiagnosticProvider\`, changed by \`initializationOptions.diagnosticDelay\`), so its time to diagnostics is that timer plus its work, and it reports only YAML syntax errors and warnings (no Compose rules${nothing ? ': it publishes an empty list for every file of these runs' : ''}). Its hovers are fixed texts for known keys, found by matching the key's path. The column "peer, delay 0" is the peer over the same files with \`diagnosticDelay: 0\`, in the same rounds: what its diagnostics cost without the timer, for scale (not a target), and its hovers right after its diagnostics, as docklens gets them (the in-process hover target below).`);
    p();
    const mib = (x) => (x == null ? '–' : `${x} MiB`);
    const composeTable = (d, q, z, hoverNote) => {
      const cols = z ? ['', 'docklens', 'peer', 'docklens ÷ peer', 'peer, delay 0'] : ['', 'docklens', 'peer', 'docklens ÷ peer'];
      const row = (name, get, fmt = fmtMs) => [name, fmt(get(d)), fmt(get(q)), fmtX(ratio(get(d), get(q))), ...(z ? [fmt(get(z))] : [])];
      const txt = (name, get) => [name, get(d), get(q), '', ...(z ? [get(z)] : [])];
      p(table(cols, [
        row('time to diagnostics p50', (x) => x.ttd.p50),
        row('time to diagnostics p95', (x) => x.ttd.p95),
        row('time to diagnostics max', (x) => x.ttd.max),
        txt('diagnostics timeouts', (x) => String(x.diagnosticsTimeouts)),
        row(`hover p50${hoverNote}`, (x) => x.hover.p50),
        row('hover p95', (x) => x.hover.p95),
        row('hover p99', (x) => x.hover.p99),
        row('hover max', (x) => x.hover.max),
        row('peak RSS', (x) => x.peakRssMiB, mib),
        row('initialize', (x) => x.initMs),
        txt('crashes / hangs / timeouts', (x) => `${x.crashes} / ${x.hangs} / ${x.timeouts}`),
        txt('files with diagnostics (diagnostics)', (x) => `${x.filesWithDiagnostics} (${x.diagnosticsTotal})`),
        txt('hovers sent (non-empty share)', (x) => `${x.hover.sent.toLocaleString('en-US')} (${x.hover.nonEmptyShare}%)`),
        txt('slowest time to diagnostics', (x) => x.slowest.map((s) => `${fmtMs(s.diagMs)} \`${s.file}\``).slice(0, 2).join(', ')),
      ], z ? 'lrrrr' : 'lrrr'));
      p();
      for (const [who, x] of [['docklens', d], ['peer', q], ...(z ? [['peer (delay 0)', z]] : [])]) {
        if (x.crashDetails.length) p(`${who} crashed on: ${x.crashDetails.map((k) => `\`${k.file}\` (${k.phase}, ${k.signal ?? `exit ${k.code}`})`).join(', ')}.`);
      }
    };
    // The hover round trip of servers that do no work, in the same rounds as docklens and the peer, and the
    // same hovers timed inside each server.
    const floorTable = (x) => {
      const { raw: fr, library: fl } = x.floor;
      const z = x.peerNoDelay;
      const all = [x.docklens, x.peer, ...(z ? [z] : []), fr, fl];
      p(`Transport floor: two servers that do no work ran in the same rounds on the same files and positions (\`${servers.floorRaw.display}\`: JSON-RPC over stdio without a library; \`${servers.floorLibrary.display}\`: the same on vscode-languageserver, the library docklens and the peer use). Each publishes an empty diagnostics list when a file opens and answers every hover at once with one fixed word, so their hover times at the probe are what the round trip between the probe and a Node process costs on this machine with no work behind it. No server that answers through the same transport can be expected to do better in the same round.`);
      p();
      p(`Inside the server: every server of these rounds ran with \`bench/request-timing.mjs\` preloaded (\`node --import\`), which notes when the last byte of each request is read from stdin and when its response is written to stdout, without touching the server's code. That time is the server's own (parsing the request, the hover, serialising the answer, and any garbage collection that falls in between); the probe's figure adds the pipe both ways, waking both processes, and the probe's own event loop, which reads \`/proc\` every 250 ms for the peak RSS. The default peer publishes diagnostics after its 1 s debounce, so its process has been idle for a second when the first hover of each file arrives, while docklens gets its first hover a few milliseconds after it opened the file. A second of idle slows docklens' hovers too (in-process p99 1.1-1.5 ms against 0.7 ms, measured once with a probe that waits a second after the diagnostics), so the in-process target compares docklens with the peer at \`diagnosticDelay: 0\`, which hovers right after its diagnostics as docklens does.`);
      p();
      const cols = ['', 'docklens', 'peer', ...(z ? ['peer, delay 0'] : []), 'no-op, no library', 'no-op, vscode-languageserver'];
      const row = (name, get) => [name, ...all.map((y) => fmtMs(get(y)))];
      const share = (name, get) => [name, ...all.map((y) => fmtX(ratio(get(y), get(x.peer))))];
      const rounds = x.docklens.hoverP99ByRound.map((_, i) => share(`at the probe: hover p99 ÷ the peer's, round ${i + 1}`, (y) => y.hoverP99ByRound[i]));
      const inside = (name, get) => row(`inside the server: hover ${name}`, (y) => (y.inServerHover ? get(y.inServerHover) : null));
      p(table(cols, [
        row('at the probe: hover p50 (worst round)', (y) => y.hover.p50),
        row('at the probe: hover p95 (worst round)', (y) => y.hover.p95),
        row('at the probe: hover p99 (worst round)', (y) => y.hover.p99),
        row('at the probe: hover max', (y) => y.hover.max),
        ...rounds,
        [`at the probe: median of the rounds' ratios`, ...all.map((y) => fmtX(medianRoundRatio(y, x.peer)))],
        inside('p50', (h) => h.p50),
        inside('p95', (h) => h.p95),
        inside('p99', (h) => h.p99),
        inside('max', (h) => h.max),
        share('inside the server: hover p99 ÷ the peer\'s', (y) => y.inServerHover?.p99 ?? null),
        ...(z ? [[`inside the server: hover p99 ÷ the peer's at delay 0`, ...all.map((y) => fmtX(ratio(y.inServerHover?.p99, z.inServerHover?.p99)))]] : []),
        [`inside the server: hovers timed`, ...all.map((y) => (y.inServerHover ? y.inServerHover.samples.toLocaleString('en-US') : '–'))],
      ]));
      p();
    };
    p(`### Corpus \`compose/\` (${c.limit ? `${c.docklens.files} of ${c.corpusFiles} files` : `${c.docklens.files} files`} × ${c.docklens.runs} round${c.docklens.runs === 1 ? '' : 's'})`);
    p();
    p(`One server process per round opens every file in turn; ${r.config.composeHoverPerFile} hovers per file.${c.limit ? ` The files are a seeded sample (\`lsp-probe --limit ${c.limit}\`, the same files for every server): the peer's debounce costs it a second per file, so all ${c.corpusFiles} would take over three minutes; \`BENCH_COMPOSE_LIMIT=0\` opens them all.` : ''}`);
    p();
    composeTable(c.docklens, c.peer, c.peerNoDelay, c.docklens.runs > 1 ? ' (hover rows: the worst round)' : '');
    floorTable(c);
    const inProc = r.analysis?.sets.compose?.byKind?.compose;
    if (inProc) {
      p(`For scale: in process, the whole analysis of the corpus compose files takes ${fmtMs(inProc.ours.median)} (median) / ${fmtMs(inProc.ours.p95)} (p95) and yaml's parseDocument ${fmtMs(inProc.parse.median)} / ${fmtMs(inProc.parse.p95)} (section 1, all ${inProc.files} files).`);
      p();
    }
    p(`### Stress compose file alone (${st.docklens.runs} fresh server${st.docklens.runs === 1 ? '' : 's'} each)`);
    p();
    p(`\`${STRESS_COMPOSE}\` (${st.lines.toLocaleString('en-US')} lines): each round starts a fresh server and opens only this file (the first document the server sees; the workspace root is \`stress/\`, which also holds \`compose-anchors-deep.yaml\`, a sibling file a Compose project may take in). Time to diagnostics and peak RSS are over ${st.docklens.runs === 1 ? 'the one round' : `all ${st.docklens.runs} rounds`}; the hover figures are those of the first round, which hovers every non-blank line (\`--hover-per-file all\`: each non-blank line at its first non-blank character plus 5 random positions, ${st.docklens.hover.sent.toLocaleString('en-US')} hovers, one after the other); the other rounds send none.`);
    p();
    composeTable(st.docklens, st.peer, null, ' (every line)');
    const h = r.analysis?.headline.stressCompose;
    if (h && !h.missing) {
      p(`For scale: in process, a warm whole analysis of this file takes ${fmtMs(h.ours.median)} (median) and yaml's parseDocument ${fmtMs(h.parse.median)} (section 1); a fresh server's first analysis also pays the JIT warm-up and reading the sibling files.`);
      p();
    }
  }

  if (r.reanalysis) {
    const x = r.reanalysis;
    p('## 4. Re-analysis of dependent documents');
    p();
    p(`\`node bench/reanalysis-bench.mjs --server ${x.server} --rounds ${x.rounds} --warmup ${x.warmup}\`: a copy of \`${x.fixture}\` in a temporary folder (\`docker-compose.yml\` builds service \`api\` from \`backend/Dockerfile\` and publishes a port, \`worker\` waits for \`api\` to be healthy, \`\${DATABASE_URL}\` has no value in \`.env\`), one server process over stdio with both files open, the workspace root the project folder. Each round sends one notification and times it to the arrival of the compose file's next \`publishDiagnostics\`, then waits for the Dockerfile's too (it depends on both changes) before the next round; the changes alternate, so every round must change the compose diagnostics (\`healthcheck-missing-for-dependency\` comes and goes with the Dockerfile's \`HEALTHCHECK\`, \`undefined-variable\` with \`DATABASE_URL\` in \`.env\`), and a round whose diagnostics do not is counted as wrong. ${x.warmup + (x.warmup % 2)} untimed rounds first.`);
    p();
    p('The server re-analyses only the open documents whose analysis read a changed path (files read or tested, missing ones included, and folders listed), after a debounce: 50 ms after an editor change of another document (typing coalesces), 20 ms after `workspace/didChangeWatchedFiles`. Both are in these figures. In VS Code the client adds its own 250 ms batching of file events before the notification is sent (vscode-languageclient), not counted here.');
    p();
    const rows = Object.values(x.scenarios).map((sc) => [sc.what, String(sc.samples.length), fmtMs(sc.p50), fmtMs(sc.p95), fmtMs(sc.max), String(sc.wrong)]);
    p(table(['change', 'rounds', 'p50', 'p95', 'max', 'wrong'], rows, 'lrrrrr'));
    p();
  }

  if (r.typing) {
    const ty = r.typing;
    p('## 5. Typing in a large file');
    p();
    p(`The stress files, docklens (\`${ty.server}\`) against the peer of each kind, one server at a time, the order flipping every run. Two measurements:`);
    p();
    p(`1. **Typing burst** (\`lsp-probe --lang L --files FILE --hover-per-file 0 --edits ${ty.edits} --seed N --timeout-ms 10000 -- SERVER\`, seeds 1–${ty.runs}, a fresh server each): after the file's first diagnostics the probe types the first ${ty.edits} characters of a new service (\`\\n  newservice:\\n    image: nginx:1.27…\`, compose) or a new line (\`\\nRUN apt-get install -y curl…\`, Dockerfile) after a random non-blank line, one incremental \`didChange\` per character, 30 ms apart, and times its last keystroke to the next \`publishDiagnostics\` for that version. On the way the compose text passes through states YAML cannot read as the new service (\`  newservice\` before its colon); docklens re-parses such a broken service in place when its errors stay inside it, and in full when they run on into the next service (\`  n\` right above the next service's key reads as one two-line key) or the text lands in a top-level block; an analysis started for an earlier keystroke may still be running when the last one arrives. One figure per run (the last keystroke); "publishes" is how many \`publishDiagnostics\` the server sent during the burst (median over the runs).`);
    p(`2. **One-character edits that keep the file valid** (\`node bench/typing-bench.mjs --lang L --file FILE --edits ${ty.validEdits} --warmup 3 --seed N -- SERVER\`, seeds 1–${ty.validRuns}, a fresh server each): one letter inserted after the first character of a value (compose: \`key: value\` lines, \`"nginx"\` → \`"anginx"\`; Dockerfile: an instruction's first argument), one incremental \`didChange\`, timed to the next \`publishDiagnostics\` for that version; the next keystroke waits for those diagnostics plus 100 ms, so each keystroke is timed alone (a keystroke after a pause). 3 untimed keystrokes first. The peers debounce their diagnostics (the compose peer by 1,000 ms), which their figures include, as an editor would see them.`);
    p();
    const rows = [];
    for (const [id, t] of Object.entries(ty.kinds)) {
      const name = id === 'compose' ? 'compose' : 'Dockerfile';
      for (const [who, b] of [['docklens', t.burst.docklens], [t.peer, t.burst.peer]]) rows.push([`\`${t.file}\` (${t.lines.toLocaleString('en-US')} lines), burst of ${ty.edits}`, who, String(b.runs), fmtMs(b.p50), fmtMs(b.p95), fmtMs(b.max), b.samples.map((x) => (x == null ? 'timeout' : fmtMs(x))).join(', '), String(b.publishesDuringBurst), `${b.peakRssMiB} MiB`]);
      for (const [who, v] of [['docklens', t.valid.docklens], [t.peer, t.valid.peer]]) rows.push([`\`${t.file}\`, valid one-character edits (${name})`, who, `${v.runs} × ${ty.validEdits}`, fmtMs(v.p50), fmtMs(v.p95), fmtMs(v.max), v.errors.length ? `errors: ${v.errors.join('; ')}` : '', '', `${v.peakRssMiB} MiB`]);
    }
    p(table(['what', 'server', 'runs', 'p50', 'p95', 'max', 'per run (burst)', 'publishes', 'peak RSS'], rows, 'llrrrrlrr'));
    p();
  }

  if (r.profiles.length) {
    p('## 6. Where the time goes (CPU profiles)');
    p();
    p((r.config.profile === '1' ? 'Run because `BENCH_PROFILE=1` (always; `auto`, the default, profiles only when a target fails; `0` never).' : 'Run because a target failed (`BENCH_PROFILE=auto`; `1` always, `0` never).') + ' Source locations are mapped back to the TypeScript sources through the bundles\' source maps; "inclusive" counts a function with everything it calls. `node bench/profile.mjs [--file stress/…|dockerfile] [--times N]` repeats the in-process profile alone.');
    p();
    for (const pr of r.profiles) {
      p(`### ${pr.title}`);
      p();
      const unit = pr.kind === 'server' ? 'ms in the server process' : pr.files > 1 ? `ms per pass over ${pr.files} files` : 'ms per analysis';
      if (pr.kind === 'server') {
        const hovers = pr.hover ? `, then hovers ${pr.hover.sent.toLocaleString('en-US')} positions (hover p50 ${fmtMs(pr.hover.p50)}, p99 ${fmtMs(pr.hover.p99)}, max ${fmtMs(pr.hover.max)} in this run)` : '';
        p(`\`lsp-probe --lang ${pr.lang === 'compose' ? 'dockercompose' : 'dockerfile'} --files ${pr.file}${pr.hover ? ' --hover-per-file all' : ''} -- node --cpu-prof server/out/server.js --stdio\`: a fresh server opens the file alone (time to diagnostics in this run: ${fmtMs(pr.ttdMs)})${hovers}; the figures cover the whole process, start-up included (\`${pr.profiles.wholeProcess}\`).`);
      } else {
        p(`\`${pr.file}\` analysed once in a fresh process (${fmtMs(pr.firstMs)}${pr.files > 1 ? ' for the pass' : ''}), 3 more times to warm up, then ${pr.times} times under the profiler (median ${fmtMs(pr.medianMs)} with the profiler on). Steady-state figures are ${unit}, from the timed runs alone (\`${pr.profiles.steady}\`); one-time costs are the whole-process \`node --cpu-prof\` profile (\`${pr.profiles.wholeProcess}\`) minus the steady-state cost of every run it holds.`);
      }
      p();
      const parser = pr.parserEntry ? [[`${pr.parserEntry.parser ?? 'dockerfile-ast'} \`${pr.parserEntry.fn}\` (the floor, for scale)`, `\`${pr.parserEntry.where}\``, pr.parserEntry.totalPerRunMs.toFixed(2), pr.parserEntry.selfPerRunMs.toFixed(2)]] : [];
      p(`Inclusive time of our functions (${unit}):`);
      p();
      p(table(['function', 'source', 'inclusive', 'self'], [...pr.byTotal.slice(0, 12).map((x) => [`\`${x.fn}\``, `\`${x.where}\``, x.totalPerRunMs.toFixed(2), x.selfPerRunMs.toFixed(2)]), ...parser], 'llrr'));
      p();
      const crow = [];
      const hot = pr.lang === 'compose' ? ['publish', 'findings', 'parseCompose', 'readService', 'loadComposeFile', 'hover'] : ['publish', 'parseDockerfile', 'describe', 'collectAffected', 'resolveBuildContext', 'runCommands'];
      for (const fn of hot) {
        for (const c of (pr.expanded[fn] ?? []).slice(0, 6)) {
          const [callee, where = ''] = c.callee.split('  ');
          crow.push([`\`${fn}\``, `\`${callee}\``, where ? `\`${where}\`` : '', c.perRunMs.toFixed(2)]);
        }
      }
      p(`Direct callees of our hot functions (${unit}):`);
      p();
      p(table(['caller', 'callee', 'source', 'inclusive'], crow, 'lllr'));
      p();
      p(`Hottest functions by self time, any code (${unit}):`);
      p();
      p(table(['function', 'source', 'self', 'inclusive'], pr.bySelf.slice(0, 10).map((x) => [`\`${x.fn}\``, `\`${x.where || '(native)'}\``, x.selfPerRunMs.toFixed(2), x.totalPerRunMs.toFixed(2)]), 'llrr'));
      p();
      if (pr.oneTime.length) {
        p('One-time costs, paid by the first analysis in a process only (ms; callers include their callees):');
        p();
        p(table(['function', 'source', 'one-time'], pr.oneTime.slice(0, 12).map((x) => [`\`${x.fn}\``, `\`${x.where}\``, x.oneTimeMs.toFixed(1)]), 'llr'));
        p();
      }
    }
  }

  if (r.activation) {
    p(activationSection(r.activation, r.machine));
    p();
  }

  p('## How to run');
  p();
  p('`npm run bench` (builds, installs the two peers into `bench/node_modules` with `npm ci --prefix bench` when missing, bundles `bench/analysis-entry.ts`, measures, writes this file). Counts and paths are set by environment variables, listed at the top of `bench/run.mjs` (e.g. `BENCH_RUNS`, `BENCH_STRESS_RUNS`, `BENCH_LSP_ROUNDS`, `BENCH_COMPOSE_LIMIT`, `BENCH_REANALYSIS_ROUNDS`, `BENCH_ACTIVATION_RUNS`, `BENCH_TYPING_RUNS`, `BENCH_ONLY=analysis|lsp|lsp-dockerfile|lsp-compose|reanalysis|typing|activation`, `DOCKLENS_CORPUS`; `BENCH_ONLY=activation` rewrites only the activation section and its Targets row). `node bench/profile.mjs [--file stress/compose-500-services.yaml]` profiles a stress analysis on its own.');
  p();
  p('Configuration of this run: ' + Object.entries({ BENCH_WARMUP: r.config.warmup, BENCH_RUNS: r.config.runs, BENCH_STRESS_WARMUP: r.config.stressWarmup, BENCH_STRESS_RUNS: r.config.stressRuns, BENCH_LSP_ROUNDS: r.config.lspRounds, BENCH_LSP_STRESS_ROUNDS: r.config.lspStressRounds, BENCH_HOVER_PER_FILE: r.config.hoverPerFile, BENCH_STRESS_HOVER: r.config.stressHover, BENCH_LSP_TIMEOUT_MS: r.config.lspTimeoutMs, BENCH_COMPOSE_LIMIT: r.config.composeLimit, BENCH_COMPOSE_ROUNDS: r.config.composeRounds, BENCH_COMPOSE_HOVER_PER_FILE: r.config.composeHoverPerFile, BENCH_COMPOSE_STRESS_ROUNDS: r.config.composeStressRounds, BENCH_COMPOSE_TIMEOUT_MS: r.config.composeTimeoutMs, BENCH_COMPOSE_PEER_NODELAY: r.config.composePeerNoDelay ? 1 : 0, BENCH_REANALYSIS_ROUNDS: r.config.reanalysisRounds, BENCH_REANALYSIS_WARMUP: r.config.reanalysisWarmup, BENCH_TYPING_RUNS: r.config.typingRuns, BENCH_TYPING_EDITS: r.config.typingEdits, BENCH_TYPING_VALID_RUNS: r.config.typingValidRuns, BENCH_TYPING_VALID_EDITS: r.config.typingValidEdits, BENCH_ACTIVATION_RUNS: r.config.activationRuns, BENCH_ACTIVATION_WARMUP: r.config.activationWarmup, BENCH_ONLY: r.config.only || '(all)', BENCH_PROFILE: r.config.profile }).map(([k, v]) => `\`${k}=${v}\``).join(', ') + '.');
  p();
  return out.join('\n');
}
