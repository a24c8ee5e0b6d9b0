// Mutations of real Dockerfiles and compose files, for the fuzzer: byte- and line-level edits, truncation,
// deep nesting, huge scalars, invalid UTF-8, CR/CRLF/LF mixes and 10 MB inputs. Seeded, so that a failing
// input can be reproduced from its seed alone.

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Kind = 'dockerfile' | 'compose';

interface Mutator {
  name: string;
  /** Relative weight: the expensive ones (10 MB) are rare. */
  weight: number;
  apply(text: string, r: () => number, kind: Kind): string;
}

const int = (r: () => number, n: number) => Math.floor(r() * n);
const pick = <T>(r: () => number, xs: readonly T[]) => xs[int(r, xs.length)]!;

/** Characters that matter to the YAML, Dockerfile and shell grammars, plus a few that break encodings. */
const SPECIAL = [':', '-', ' ', '\t', '\n', '\r', '"', "'", '\\', '`', '$', '{', '}', '[', ']', '#', '&', '*', '!', '|', '>', '<', '%', '@', '=', ',', '\u0000', '\uFEFF', '\uFFFD', '\uD800', '\u2028', 'é', '𝄞'];
const TOKENS = ['${', '$$', '${A:-${B:-', '<<: *a', '&a ', '*a', '!reset ', '!override ', '? ', '--- \n', '...\n', 'services:', 'volumes:', '  - ', 'FROM ', 'AS ', 'COPY --from=', 'RUN <<EOF\n', 'EOF\n', '\\\n', '# escape=`\n', '# syntax=docker/dockerfile:1\n', 'healthcheck:', 'ports:', '"8000:8000"', 'depends_on:', 'condition: service_healthy', 'build: ../..', 'env_file: ../../../../etc/passwd'];

function lines(text: string): string[] {
  return text.split('\n');
}

const MUTATORS: Mutator[] = [
  { name: 'flip-char', weight: 6, apply: (t, r) => { if (!t) return t; const i = int(r, t.length); return t.slice(0, i) + String.fromCharCode(int(r, 0x2000)) + t.slice(i + 1); } },
  { name: 'insert-special', weight: 6, apply: (t, r) => { const i = int(r, t.length + 1); return t.slice(0, i) + pick(r, SPECIAL) + t.slice(i); } },
  { name: 'insert-token', weight: 6, apply: (t, r) => { const i = int(r, t.length + 1); return t.slice(0, i) + pick(r, TOKENS) + t.slice(i); } },
  { name: 'delete-range', weight: 5, apply: (t, r) => { const i = int(r, t.length + 1); return t.slice(0, i) + t.slice(i + 1 + int(r, 40)); } },
  { name: 'duplicate-line', weight: 4, apply: (t, r) => { const ls = lines(t); const i = int(r, ls.length); ls.splice(i, 0, ls[i]!); return ls.join('\n'); } },
  { name: 'swap-lines', weight: 4, apply: (t, r) => { const ls = lines(t); const i = int(r, ls.length); const j = int(r, ls.length); [ls[i], ls[j]] = [ls[j]!, ls[i]!]; return ls.join('\n'); } },
  { name: 'delete-line', weight: 4, apply: (t, r) => { const ls = lines(t); ls.splice(int(r, ls.length), 1); return ls.join('\n'); } },
  { name: 'reindent-line', weight: 4, apply: (t, r) => { const ls = lines(t); const i = int(r, ls.length); ls[i] = ' '.repeat(int(r, 9)) + ls[i]!.trimStart(); return ls.join('\n'); } },
  { name: 'truncate', weight: 4, apply: (t, r) => t.slice(0, int(r, t.length + 1)) },
  { name: 'line-ends', weight: 3, apply: (t, r) => t.replace(/\r?\n/g, () => pick(r, ['\n', '\r\n', '\r', '\n\r'])) },
  { name: 'invalid-utf8', weight: 3, apply: (t, r) => { const b = Buffer.from(t, 'utf8'); const i = int(r, b.length + 1); return Buffer.concat([b.subarray(0, i), Buffer.from([pick(r, [0x80, 0xc3, 0xe2, 0xf0, 0xff, 0xfe])]), b.subarray(i)]).toString('utf8'); } },
  { name: 'deep-nesting', weight: 2, apply: (t, r, kind) => {
    const depth = 200 + int(r, 3000);
    const nest = kind === 'compose' ? pick(r, ['['.repeat(depth), '{a: '.repeat(depth), Array.from({ length: Math.min(depth, 400) }, (_, k) => `${' '.repeat(k)}- `).join('\n'), '- '.repeat(depth)]) : pick(r, ['RUN ' + 'a \\\n'.repeat(depth), '${'.repeat(depth), 'FROM a AS b\n'.repeat(depth)]);
    const i = int(r, t.length + 1);
    return t.slice(0, i) + nest + t.slice(i);
  } },
  { name: 'huge-scalar', weight: 1, apply: (t, r) => { const i = int(r, t.length + 1); return t.slice(0, i) + pick(r, ['a', ' ', '$', '"', '\\', '-', '#']).repeat(100_000 + int(r, 900_000)) + t.slice(i); } },
  { name: 'many-aliases', weight: 1, apply: (t, r) => `x-a: &a [${'1,'.repeat(50)}1]\n` + Array.from({ length: 10 }, (_, k) => `x-b${k}: &b${k} [${Array(10).fill(k === 0 ? '*a' : `*b${k - 1}`).join(',')}]`).join('\n') + '\n' + t.slice(0, int(r, t.length + 1)) },
  { name: 'ten-megabytes', weight: 0.2, apply: (t) => (t || 'x\n').repeat(Math.ceil((10 * 1024 * 1024) / Math.max(1, (t || 'x\n').length))) },
];

const TOTAL = MUTATORS.reduce((s, m) => s + m.weight, 0);

/** One mutated text: 1–4 mutations stacked, named in `ops`. */
export function mutate(text: string, kind: Kind, seed: number): { text: string; ops: string[] } {
  const r = rng(seed);
  const ops: string[] = [];
  let out = text;
  const count = 1 + int(r, 4);
  for (let k = 0; k < count; k++) {
    let x = r() * TOTAL;
    const m = MUTATORS.find((c) => (x -= c.weight) < 0) ?? MUTATORS[0]!;
    // Stacking big inputs multiplies them: one big mutation per input at most.
    if ((m.name === 'ten-megabytes' || m.name === 'huge-scalar') && out.length > 1_000_000) continue;
    out = m.apply(out, r, kind);
    ops.push(m.name);
  }
  return { text: out, ops };
}
