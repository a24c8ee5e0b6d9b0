#!/usr/bin/env node
// Analysis-time benchmark (child process of bench/run.mjs; also usable alone once bench/out/analysis.cjs
// is built). For every file of the corpus sets it times docklens' whole analysis (snapshot + parse + model +
// every rule + settings/suppressions: `DocumentAnalysis.create(...).diagnoses()`) and the floor (the parser
// alone: dockerfile-ast `DockerfileParser.parse` for Dockerfiles, yaml `parseDocument` for compose files)
// on the same text, interleaved run by run (the order flips every run so drift and GC debt hit both alike).
//
//   node --expose-gc bench/analysis-bench.mjs --corpus DIR --out FILE
//   node --cpu-prof bench/analysis-bench.mjs --corpus DIR --profile META.json [--steady-profile FILE.cpuprofile]
//        [--times N] [--file stress/x.Dockerfile|dockerfile]      (profile mode, driven by bench/profile.mjs)
//
// Counts come from the environment (see bench/run.mjs): BENCH_WARMUP, BENCH_RUNS, BENCH_STRESS_WARMUP,
// BENCH_STRESS_RUNS.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const corpus = path.resolve(arg('--corpus', process.env.DOCKLENS_CORPUS ?? path.resolve(here, '../../shared/corpus')));
const outFile = arg('--out');
const profileFile = arg('--profile');
const envInt = (name, dflt) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? Math.floor(v) : dflt;
};
const WARMUP = envInt('BENCH_WARMUP', 2);
const RUNS = Math.max(1, envInt('BENCH_RUNS', 7));
const STRESS_WARMUP = envInt('BENCH_STRESS_WARMUP', 5);
const STRESS_RUNS = Math.max(1, envInt('BENCH_STRESS_RUNS', 30));

const A = createRequire(import.meta.url)(path.join(here, 'out', 'analysis.cjs'));
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

const STRESS_DOCKERFILE = 'stress/dockerfile-3000-instructions.Dockerfile';
const STRESS_COMPOSE = 'stress/compose-500-services.yaml';

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const kindOf = (set, file) => (set === 'dockerfile' ? 'dockerfile' : set === 'compose' ? 'compose' : /\.ya?ml$/i.test(file) ? 'compose' : 'dockerfile');

// One workspace view for the whole run, rooted at the corpus folder, as the server keeps one for its
// session: after the warm-up its file and folder caches are warm, as they are in an editor.
const workspace = A.workspaceAt([corpus]);
let version = 1;

function subject(abs) {
  const set = path.relative(corpus, abs).split(path.sep)[0];
  const kind = kindOf(set, abs);
  const text = fs.readFileSync(abs, 'utf8');
  const uri = A.fileUri(abs);
  return {
    rel: path.relative(corpus, abs),
    set,
    kind,
    bytes: Buffer.byteLength(text),
    lines: text.split('\n').length,
    ours: () => A.analyse(text, uri, abs, kind, workspace, version++),
    floor: kind === 'dockerfile' ? () => A.parseDockerfileFloor(text) : () => A.parseYamlFloor(text),
    floorName: kind === 'dockerfile' ? 'dockerfile-ast DockerfileParser.parse' : 'yaml parseDocument',
  };
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Warm-up, then `runs` interleaved pairs; the order flips every run. */
function measure(s, warmup, runs) {
  gc();
  let diagnoses = 0;
  for (let i = 0; i < warmup; i++) {
    diagnoses = s.ours();
    s.floor();
  }
  const ours = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ours.push(time(s.ours));
      floor.push(time(s.floor));
    } else {
      floor.push(time(s.floor));
      ours.push(time(s.ours));
    }
  }
  return { ours, floor, diagnoses };
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);
const sortNum = (a) => a.slice().sort((x, y) => x - y);
const median = (a) => {
  const s = sortNum(a);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r4 = (x) => (x == null ? null : Math.round(x * 10000) / 10000);
const stats = (a) => {
  const s = sortNum(a);
  return { n: s.length, median: r4(median(s)), p95: r4(pct(s, 95)), max: r4(s[s.length - 1] ?? null), min: r4(s[0] ?? null), sum: r4(s.reduce((x, y) => x + y, 0)) };
};

// ------------------------------------------------------------------ profile mode
if (profileFile !== undefined) {
  // Analyse one file (the stress Dockerfile) `--times` times after a warm-up. The process itself may run
  // under `node --cpu-prof` (whole process: start-up, the cold first analysis, warm-up, timed runs); with
  // `--steady-profile FILE` the timed runs alone are also recorded through the inspector, so per-run
  // figures are exact and free of one-time costs.
  const times = Math.max(1, Number(arg('--times', '20')));
  const warmup = 3;
  const steadyFile = arg('--steady-profile');
  // A folder (`--file dockerfile`) profiles a pass over all its files per run.
  const target = path.join(corpus, arg('--file', STRESS_DOCKERFILE));
  const subjects = fs.statSync(target).isDirectory() ? listFiles(target).map(subject) : [subject(target)];
  const s = { rel: path.relative(corpus, target), ours: () => subjects.forEach((x) => x.ours()) };
  const firstMs = time(s.ours);
  for (let i = 0; i < warmup; i++) s.ours();
  let session;
  if (steadyFile) {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(time(s.ours));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(steadyFile, JSON.stringify(profile));
    session.disconnect();
  }
  const totalMs = runs.reduce((a, b) => a + b, 0);
  fs.writeFileSync(profileFile, JSON.stringify({ file: s.rel, files: subjects.length, times, warmup, firstMs, totalMs, perRunMs: totalMs / times, medianMs: median(runs) }) + '\n');
  process.exit(0);
}

// ------------------------------------------------------------------ full run
const sets = ['dockerfile', 'compose', 'stress'];
const result = {
  corpus,
  config: { warmup: WARMUP, runs: RUNS, stressWarmup: STRESS_WARMUP, stressRuns: STRESS_RUNS, workspace: 'one FileSystemWorkspace rooted at the corpus, kept for the whole run' },
  sets: {},
  headline: {},
};
const t0 = performance.now();
for (const set of sets) {
  const dir = path.join(corpus, set);
  if (!fs.existsSync(dir)) {
    result.sets[set] = { missing: true };
    continue;
  }
  const perFile = [];
  for (const abs of listFiles(dir)) {
    const s = subject(abs);
    let m;
    try {
      m = measure(s, WARMUP, RUNS);
    } catch (error) {
      perFile.push({ file: s.rel, kind: s.kind, bytes: s.bytes, error: String(error?.stack ?? error).slice(0, 500) });
      continue;
    }
    const om = median(m.ours);
    const fm = median(m.floor);
    perFile.push({ file: s.rel, kind: s.kind, bytes: s.bytes, lines: s.lines, diagnoses: m.diagnoses, oursMedianMs: r4(om), floorMedianMs: r4(fm), ratio: fm > 0 ? r4(om / fm) : null, oursMaxMs: r4(Math.max(...m.ours)), floorMaxMs: r4(Math.max(...m.floor)), floor: s.floorName });
  }
  const ok = perFile.filter((f) => !f.error);
  const byKind = {};
  for (const kind of ['dockerfile', 'compose']) {
    const fs_ = ok.filter((f) => f.kind === kind);
    if (!fs_.length) continue;
    byKind[kind] = {
      files: fs_.length,
      floor: fs_[0].floor,
      // Over the per-file medians: the typical file, the slow tail and the slowest file.
      ours: stats(fs_.map((f) => f.oursMedianMs)),
      parse: stats(fs_.map((f) => f.floorMedianMs)),
      ratio: stats(fs_.filter((f) => f.ratio != null).map((f) => f.ratio)),
      slowest: fs_.slice().sort((a, b) => b.oursMedianMs - a.oursMedianMs).slice(0, 3).map((f) => ({ file: f.file, oursMedianMs: f.oursMedianMs, floorMedianMs: f.floorMedianMs, ratio: f.ratio })),
    };
  }
  result.sets[set] = { files: perFile.length, errors: perFile.filter((f) => f.error).length, byKind, perFile };
}

// Headline comparisons: many more interleaved runs on the two stress files.
for (const [key, rel] of [['stressDockerfile', STRESS_DOCKERFILE], ['stressCompose', STRESS_COMPOSE]]) {
  const abs = path.join(corpus, rel);
  if (!fs.existsSync(abs)) {
    result.headline[key] = { file: rel, missing: true };
    continue;
  }
  const s = subject(abs);
  const m = measure(s, STRESS_WARMUP, STRESS_RUNS);
  const o = stats(m.ours);
  const f = stats(m.floor);
  result.headline[key] = { file: rel, kind: s.kind, bytes: s.bytes, lines: s.lines, floor: s.floorName, diagnoses: m.diagnoses, ours: o, parse: f, ratio: f.median > 0 ? r4(o.median / f.median) : null, oursRuns: m.ours.map(r4), parseRuns: m.floor.map(r4) };
}
result.wallMs = Math.round(performance.now() - t0);

const json = JSON.stringify(result, null, 2) + '\n';
if (outFile) fs.writeFileSync(outFile, json);
else process.stdout.write(json);
