#!/usr/bin/env node
// Where the analysis time goes: runs bench/analysis-bench.mjs in profile mode under `node --cpu-prof`
// (the stress Dockerfile analysed once cold, 3 times to warm up, then N timed times, which are also
// recorded alone through the inspector) and folds the V8 CPU profiles into self and inclusive time per
// function, mapped back to the TypeScript sources through the bundle's source map. The steady-state
// tables are per analysed version; the one-time table is what only the first analysis paid.
//
//   node bench/profile.mjs [--times 20] [--file stress/dockerfile-3000-instructions.Dockerfile] [--top 25]
//
// (bench/out/analysis.cjs must exist: `npm run bench` or `node bench/run.mjs` builds it.) Writes the raw
// profiles to bench/out/prof/ (open it in Chrome DevTools › Performance) and prints the tables.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Folds a .cpuprofile: self and inclusive ms per function (recursion counted once per stack). */
export function foldProfile(profile, mapFor, expand = []) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyCache = new Map();
  const keyOf = (node) => {
    let k = keyCache.get(node.id);
    if (k) return k;
    const cf = node.callFrame;
    let where = cf.url ? cf.url.replace(/^file:\/\//, '') : '';
    const sm = cf.url ? mapFor(cf.url) : undefined;
    const map = sm?.map;
    const e = map && cf.lineNumber >= 0 ? map.findEntry(cf.lineNumber, cf.columnNumber) : undefined;
    if (e && e.originalSource) {
      const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : path.resolve(sm.dir, e.originalSource);
      where = `${src.replace(/^.*?(node_modules\/|server\/src\/|bench\/)/, '$1')}:${e.originalLine + 1}`;
    }
    else if (map) where = `${path.basename(where)}:${cf.lineNumber + 1} (bundler-generated, e.g. ESM export getters)`;
    else if (where) where = `${path.basename(where)}:${cf.lineNumber + 1}`;
    k = { fn: cf.functionName || '(anonymous)', where, key: `${cf.functionName || '(anonymous)'}\u0000${where}` };
    keyCache.set(node.id, k);
    return k;
  };
  const self = new Map();
  const total = new Map();
  const info = new Map();
  // For the functions named in `expand`: inclusive time of each direct callee (`fn → callee`).
  const callees = new Map(expand.map((fn) => [fn, new Map()]));
  let all = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the following delta to it (V8 convention in DevTools).
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    if (dt <= 0) continue;
    all += dt;
    let node = byId.get(samples[i]);
    const leaf = keyOf(node);
    info.set(leaf.key, leaf);
    self.set(leaf.key, (self.get(leaf.key) ?? 0) + dt);
    const seen = new Set();
    const seenCallee = new Set();
    let below;
    while (node) {
      const k = keyOf(node);
      if (!seen.has(k.key)) {
        seen.add(k.key);
        info.set(k.key, k);
        total.set(k.key, (total.get(k.key) ?? 0) + dt);
      }
      const c = /^(server\/src|bench)\//.test(k.where) ? callees.get(k.fn) : undefined;
      if (c) {
        const callee = below ? `${below.fn}  ${below.where}` : '(self)';
        const ck = `${k.fn}\u0000${callee}`;
        if (!seenCallee.has(ck)) {
          seenCallee.add(ck);
          c.set(callee, (c.get(callee) ?? 0) + dt);
        }
      }
      below = k;
      node = byId.get(parent.get(node.id));
    }
  }
  const rows = [...info.values()].map((k) => ({ fn: k.fn, where: k.where, selfMs: self.get(k.key) ?? 0, totalMs: total.get(k.key) ?? 0 }));
  const bySource = new Map();
  for (const r of rows) {
    const file = r.where.replace(/:\d+( \(.*\))?$/, '') || '(native)';
    bySource.set(file, (bySource.get(file) ?? 0) + r.selfMs);
  }
  const expanded = Object.fromEntries([...callees].map(([fn, m]) => [fn, [...m.entries()].map(([callee, ms]) => ({ callee, ms })).sort((a, b) => b.ms - a.ms)]));
  return { sampledMs: all, rows, expanded, bySource: [...bySource.entries()].map(([file, selfMs]) => ({ file, selfMs })).sort((a, b) => b.selfMs - a.selfMs) };
}

/** Source maps of the bundles a profile ran (`<file>.map` beside them, with their folder), loaded once each. */
function sourceMaps() {
  const maps = new Map();
  return (url) => {
    if (maps.has(url)) return maps.get(url);
    let map;
    try {
      const mapPath = `${fileURLToPath(url)}.map`;
      if (fs.existsSync(mapPath)) map = { map: new SourceMap(JSON.parse(fs.readFileSync(mapPath, 'utf8'))), dir: path.dirname(mapPath) };
    } catch {
      map = undefined;
    }
    maps.set(url, map);
    return map;
  };
}

/** Our functions whose direct callees are broken down (where the time under them goes). */
export const EXPAND = ['publish', 'create', 'parseDockerfile', 'describe', 'findings', 'check', 'collectAffected', 'resolveBuildContext', 'runCommands', 'diagnoses', 'parseCompose', 'readService', 'loadComposeFile', 'hover'];

export function profileAnalysis({ corpus, times = 20, file = 'stress/dockerfile-3000-instructions.Dockerfile', outDir = path.join(here, 'out', 'prof') }) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const metaFile = path.join(outDir, 'run.json');
  const steadyFile = path.join(outDir, 'steady.cpuprofile');
  const r = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', outDir, '--cpu-prof-interval', '100', path.join(here, 'analysis-bench.mjs'), '--corpus', corpus, '--profile', metaFile, '--steady-profile', steadyFile, '--times', String(times), '--file', file],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`profile run failed (${r.status ?? r.signal})`);
  const wholeName = fs.readdirSync(outDir).find((f) => f.endsWith('.cpuprofile') && f !== 'steady.cpuprofile');
  if (!wholeName) throw new Error('no .cpuprofile written');
  const wholeFile = path.join(outDir, wholeName);
  const mapFor = sourceMaps();
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  // Steady state: the timed runs only (recorded through the inspector), divided by their number.
  const steady = foldProfile(JSON.parse(fs.readFileSync(steadyFile, 'utf8')), mapFor, EXPAND);
  const perRun = (ms) => ms / meta.times;
  const rows = steady.rows.map((x) => ({ ...x, selfPerRunMs: perRun(x.selfMs), totalPerRunMs: perRun(x.totalMs) }));
  const expanded = Object.fromEntries(Object.entries(steady.expanded).map(([fn, list]) => [fn, list.map((c) => ({ ...c, perRunMs: perRun(c.ms) }))]));
  // One-time costs: the whole-process profile (`node --cpu-prof`) minus the steady-state cost of every
  // version it analysed (first + warm-up + timed). What is left was paid once, by the first analysis.
  const whole = foldProfile(JSON.parse(fs.readFileSync(wholeFile, 'utf8')), mapFor);
  const versions = 1 + meta.warmup + meta.times;
  const steadyTotal = new Map(rows.map((x) => [`${x.fn}\u0000${x.where}`, x.totalPerRunMs]));
  const oneTime = whole.rows
    .filter((x) => /^(server\/src|bench)\//.test(x.where) || /(yaml|dockerfile-ast)/.test(x.where))
    .map((x) => ({ fn: x.fn, where: x.where, wholeMs: x.totalMs, oneTimeMs: x.totalMs - (steadyTotal.get(`${x.fn}\u0000${x.where}`) ?? 0) * versions }))
    .filter((x) => x.oneTimeMs >= 5 && x.oneTimeMs >= 0.2 * x.wholeMs)
    .sort((a, b) => b.oneTimeMs - a.oneTimeMs);
  return {
    ...meta,
    profiles: { steady: steadyFile, wholeProcess: wholeFile },
    sampledMs: steady.sampledMs,
    rows,
    expanded,
    bySource: steady.bySource.map((x) => ({ ...x, selfPerRunMs: perRun(x.selfMs) })),
    oneTime,
  };
}

/**
 * Profiles a language server while lsp-probe opens one input (`node --cpu-prof` on the server process):
 * what the server did between start and exit, in ms (no division: a single open). `hover`: hovers per file
 * after the diagnostics (lsp-probe --hover-per-file; a count or 'all'), none by default.
 */
export function profileServer({ probe, serverJs, files, outDir, lang = 'dockerfile', timeoutMs = 10000, hover = 0 }) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'probe.json');
  const r = spawnSync(
    process.execPath,
    [probe, '--lang', lang, '--files', files, '--json', json, '--hover-per-file', String(hover), '--timeout-ms', String(timeoutMs), '--quiet', '--', process.execPath, '--cpu-prof', '--cpu-prof-dir', outDir, '--cpu-prof-interval', '100', serverJs, '--stdio'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`server profile run failed (${r.status ?? r.signal})`);
  const name = fs.readdirSync(outDir).find((f) => f.endsWith('.cpuprofile'));
  if (!name) throw new Error('the server wrote no .cpuprofile');
  const probeResult = JSON.parse(fs.readFileSync(json, 'utf8'));
  const folded = foldProfile(JSON.parse(fs.readFileSync(path.join(outDir, name), 'utf8')), sourceMaps(), EXPAND);
  return {
    file: path.relative(path.dirname(path.dirname(path.resolve(files))), path.resolve(files)),
    files: probeResult.files,
    times: 1,
    ttdMs: probeResult.latencyMs.diagnostics?.p50 ?? null,
    hover: probeResult.latencyMs.hover ?? null,
    profiles: { wholeProcess: path.join(outDir, name) },
    sampledMs: folded.sampledMs,
    rows: folded.rows.map((x) => ({ ...x, selfPerRunMs: x.selfMs, totalPerRunMs: x.totalMs })),
    expanded: Object.fromEntries(Object.entries(folded.expanded).map(([fn, list]) => [fn, list.map((c) => ({ ...c, perRunMs: c.ms }))])),
    bySource: folded.bySource.map((x) => ({ ...x, selfPerRunMs: x.selfMs })),
    oneTime: [],
  };
}

/** The rows worth reading: inclusive time of our own functions and the parser's entry, self time of the hottest. */
export function summariseProfile(p, top = 25) {
  const ours = (r) => /^(server\/src|bench)\//.test(r.where);
  const byTotal = p.rows.filter(ours).sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
  const bySelf = p.rows.slice().sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  // The parser's entry, for scale: dockerfile-ast's parse, or yaml's parseDocument / parseAllDocuments (its public
  // API, not the lexer's parseDocument).
  const floor = (r) => (r.fn === 'parse' && /dockerfile-ast/.test(r.where) ? 'dockerfile-ast' : /^parse(All)?Documents?\d*$/.test(r.fn) && /yaml\/dist\/public-api/.test(r.where) ? 'yaml' : null);
  const entry = p.rows.filter(floor).sort((a, b) => b.totalMs - a.totalMs)[0];
  const parserEntry = entry && { ...entry, parser: floor(entry) };
  const expanded = Object.fromEntries(Object.entries(p.expanded).map(([fn, list]) => [fn, list.filter((c) => c.perRunMs >= 0.05).slice(0, 8)]));
  return { byTotal, bySelf, parserEntry, expanded, bySource: p.bySource.slice(0, 15), oneTime: p.oneTime.slice(0, 10) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (n, d) => (args.indexOf(n) >= 0 ? args[args.indexOf(n) + 1] : d);
  const corpus = path.resolve(process.env.DOCKLENS_CORPUS ?? path.resolve(here, '../../shared/corpus'));
  const p = profileAnalysis({ corpus, times: Number(arg('--times', '20')), file: arg('--file', undefined) });
  const s = summariseProfile(p, Number(arg('--top', '25')));
  const f = (x) => x.toFixed(2).padStart(9);
  console.log(`${p.file}: first analysis ${p.firstMs.toFixed(1)} ms, then ${p.times} timed runs, median ${p.medianMs.toFixed(1)} ms/run (profiler on)`);
  console.log(`profiles: ${p.profiles.steady} (timed runs), ${p.profiles.wholeProcess} (node --cpu-prof, whole process)`);
  console.log('\ninclusive (our code), ms per analysed version:');
  for (const r of s.byTotal) console.log(`${f(r.totalPerRunMs)} ${f(r.selfPerRunMs)}  ${r.fn}  ${r.where}`);
  if (s.parserEntry) console.log(`${f(s.parserEntry.totalPerRunMs)} ${f(s.parserEntry.selfPerRunMs)}  ${s.parserEntry.parser} ${s.parserEntry.fn}  ${s.parserEntry.where}`);
  console.log('\nself time, hottest functions:');
  for (const r of s.bySelf) console.log(`${f(r.selfPerRunMs)} ${f(r.totalPerRunMs)}  ${r.fn}  ${r.where}`);
  console.log('\ndirect callees (inclusive ms per analysed version):');
  for (const [fn, list] of Object.entries(s.expanded)) {
    if (!list.length) continue;
    console.log(`  ${fn}`);
    for (const c of list) console.log(`  ${f(c.perRunMs)}  → ${c.callee}`);
  }
  console.log('\none-time costs (whole process minus steady state × versions analysed), ms:');
  for (const r of s.oneTime) console.log(`${f(r.oneTimeMs)}  ${r.fn}  ${r.where}`);
  console.log('\nself time by source file:');
  for (const r of s.bySource) console.log(`${f(r.selfPerRunMs)}  ${r.file}`);
}
