// `npm run fuzz`, part 1: the long fuzz run over the analysis core. Usage: node fuzz-main.cjs [--count N]
// [--seed S]. New finds are written, minimised, to test/fixtures/fuzz-crashers/<seed>.<kind> so that
// `npm test` replays them; the exit code is 1 when there was any.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runFuzz, seedFiles } from './run';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const count = arg('--count', 20_000);
const seed = arg('--seed', Date.now() % 1_000_000);
const corpus = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');

const seeds = seedFiles(corpus);
process.stderr.write(`fuzz core: ${count} inputs from ${seeds.length} seed files, seed ${seed}\n`);
const summary = runFuzz(seeds, { count, seed, onProgress: (done, failures) => process.stderr.write(`  ${done} inputs, ${failures} failures\n`) });
for (const f of summary.failures) {
  const out = path.resolve('test/fixtures/fuzz-crashers', `${f.seed}.${f.kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`);
  writeFileSync(out, f.minimised);
  process.stderr.write(`FAIL seed ${f.seed} (${path.basename(f.file)}; ${f.ops.join(', ')}): ${f.failure.split('\n')[0]}\n  minimised → ${path.relative('.', out)}\n`);
}
process.stdout.write(`${JSON.stringify({ part: 'core', inputs: summary.inputs, failures: summary.failures.length, slowestMs: Math.round(summary.slowestMs), slowestOps: summary.slowestOps, seconds: Math.round(summary.ms / 1000) })}\n`);
process.exitCode = summary.failures.length > 0 ? 1 : 0;
