// The fuzz loop over the analysis core: seeded picks of real files (the shared corpus and our fixtures),
// mutated, exercised (harness.ts); failures minimised and returned with the seed that reproduces them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { kindFromFileName } from '../../server/src/core/documentKind';
import { FileSystemWorkspace } from '../../server/src/core/workspace';
import { exercise, minimise } from './harness';
import { mutate, rng, type Kind } from './mutate';

export interface Seed {
  file: string;
  kind: Kind;
  text: string;
}

export interface Finding {
  seed: number;
  file: string;
  kind: Kind;
  ops: string[];
  failure: string;
  minimised: string;
}

export interface Summary {
  inputs: number;
  failures: Finding[];
  slowestMs: number;
  slowestOps: string[];
  ms: number;
}

/** The real files the mutations start from. */
export function seedFiles(corpus: string): Seed[] {
  const out: Seed[] = [];
  for (const [set, kind] of [['dockerfile', 'dockerfile'], ['compose', 'compose']] as const) {
    const dir = path.join(corpus, set);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) out.push({ file: path.join(dir, name), kind, text: readFileSync(path.join(dir, name), 'utf8') });
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const kind = kindFromFileName(name) ?? (/\.ya?ml$/.test(name) ? 'compose' : undefined);
        if ((kind === 'dockerfile' || kind === 'compose') && !/^(expected|fixed)\b/.test(name)) out.push({ file: p, kind, text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(path.resolve('examples'));
  return out;
}

export function runFuzz(seeds: Seed[], options: { count: number; seed: number; onProgress?: (done: number, failures: number) => void }): Summary {
  const started = Date.now();
  const pick = rng(options.seed);
  // One view for all inputs, rooted nowhere: mutated `build: ../..` lines must not wander the disk.
  const workspace = new FileSystemWorkspace({ roots: [path.resolve('test/fixtures/fuzz-crashers/.no-workspace')] });
  const failures: Finding[] = [];
  let slowestMs = 0;
  let slowestOps: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const base = seeds[Math.floor(pick() * seeds.length)]!;
    const seed = (options.seed * 1_000_003 + i) >>> 0;
    const { text, ops } = mutate(base.text, base.kind, seed);
    const outcome = exercise(text, base.kind, base.file, workspace, seed);
    if (outcome.slowest > slowestMs) {
      slowestMs = outcome.slowest;
      slowestOps = ops;
    }
    if (outcome.failure) {
      const firstLine = outcome.failure.split('\n')[0]!.replace(/\d+ ms/, '');
      const stillFails = (candidate: string) => exercise(candidate, base.kind, base.file, workspace, seed).failure?.split('\n')[0]!.replace(/\d+ ms/, '') === firstLine;
      failures.push({ seed, file: base.file, kind: base.kind, ops, failure: outcome.failure, minimised: text.length > 200_000 ? text.slice(0, 2000) : minimise(text, stillFails) });
    }
    if (options.onProgress && (i + 1) % 1000 === 0) options.onProgress(i + 1, failures.length);
  }
  return { inputs: options.count, failures, slowestMs, slowestOps, ms: Date.now() - started };
}
