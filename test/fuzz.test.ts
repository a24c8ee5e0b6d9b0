// The short fuzz run of `npm test` (the long one is `npm run fuzz`): 1,500 mutated real files through the
// analysis core (diagnostics, hovers, links, definitions, inlay hints, every fix), with no failure and no
// operation over 1 s; and every earlier fuzzer find in test/fixtures/fuzz-crashers/ replayed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';
import { exercise } from './fuzz/harness';
import { mutate } from './fuzz/mutate';
import { runFuzz, seedFiles } from './fuzz/run';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const SHORT_RUN = 1500;

test(`fuzz: ${SHORT_RUN} mutated corpus files through the analysis core, 0 failures, no operation over 1 s`, () => {
  const seeds = seedFiles(CORPUS);
  assert.ok(seeds.length > 400, `the corpus provides the seed files (${seeds.length})`);
  const summary = runFuzz(seeds, { count: SHORT_RUN, seed: 20261128 });
  assert.deepEqual(
    summary.failures.map((f) => `seed ${f.seed} (${path.basename(f.file)}; ${f.ops.join(', ')}): ${f.failure.split('\n')[0]}\n--- minimised ---\n${f.minimised.slice(0, 500)}`),
    [],
  );
  assert.equal(summary.inputs, SHORT_RUN);
});

const FINDS = path.resolve('test/fixtures/fuzz-crashers');
for (const name of readdirSync(FINDS).filter((n) => !n.endsWith('.md')).sort()) {
  test(`fuzz find ${name} stays fixed`, () => {
    const kind = name.endsWith('.Dockerfile') ? 'dockerfile' : 'compose';
    const outcome = exercise(readFileSync(path.join(FINDS, name), 'utf8'), kind, path.join(FINDS, name), EMPTY_WORKSPACE, 1);
    assert.equal(outcome.failure, undefined);
  });
}

// Finds too large to keep as files, rebuilt from what made them: each was slow or overflowed the stack.
const compose = (body: string) => `services:\n  app:\n    image: postgres\n${body}`;
const dockerfile = (body: string) => `${body}\nFROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n`;
const GENERATED: [string, () => string, ('compose' | 'dockerfile')?][] = [
  ['seed 1829056652: a parser directive with 370,000 blanks in its value (55 s before)', () => dockerfile(`# syntax = docke${' '.repeat(370_000)}r/dockerfile:1`), 'dockerfile'],
  ['found in review: a suppression comment with 400,000 blanks and no rule id', () => dockerfile(`# docklens-ignore${' '.repeat(400_000)}!`), 'dockerfile'],
  ['found in review: a file-wide suppression comment with 400,000 blanks after its rule id', () => compose(`# docklens-ignore-file unpersisted-data${' '.repeat(400_000)}!\n`)],
  ['found in review: a variable name of 600,000 characters (undefined-variable built a RegExp from it)', () => compose(`    environment:\n      - X=\${${'A'.repeat(600_000)}}\n`)],
  ['seeds 1829052482 and others: 2,600 compact sequences on one line (the yaml parser ran out of stack)', () => compose(`    command:\n      ${'- '.repeat(2600)}x\n    ports:\n      - "80:80"\n`)],
  ['3,000 duplicate keys (the duplicate-key range lookup was one document walk per key)', () => compose('    image: x\n'.repeat(3000))],
  ['3,200 nested flow sequences', () => compose(`    command: ${'['.repeat(3200)}\n`)],
  ['3,200 nested flow mappings', () => compose(`    command: ${'{a: '.repeat(3200)}\n`)],
  ['3,200 nested block sequences on one line', () => compose(`    command:\n${'- '.repeat(3200)}\n`)],
  ['400 nested block sequences, one per line', () => compose(`    command:\n${Array.from({ length: 400 }, (_, k) => `${' '.repeat(k)}- `).join('\n')}\n`)],
  ['600,000 double quotes', () => compose(`${'"'.repeat(600_000)}\n`)],
  [
    'seed 2109565280: 750 KB of mangled frappe compose, 336,394 YAML errors (2.3 s and a stack overflow before)',
    () => mutate(readFileSync(path.join(CORPUS, 'compose/frappe__frappe_docker__overrides__compose.postgres.yaml'), 'utf8'), 'compose', 2109565280).text,
  ],
];
for (const [name, make, kind = 'compose'] of GENERATED) {
  test(`stays fixed: ${name}`, () => {
    const file = path.join(FINDS, kind === 'compose' ? 'generated.compose.yaml' : 'generated.Dockerfile');
    const outcome = exercise(make(), kind, file, EMPTY_WORKSPACE, 1);
    assert.equal(outcome.failure, undefined);
  });
}

test('stays fixed: seed 777004873, a COPY --from path of 400,000 characters in the cache-effect hover ("Regular expression too large")', () => {
  const huge = '${'.repeat(200_000);
  const text = `FROM golang:1.22 AS build\nRUN cp swag /go/bin/swag${huge}\nFROM alpine:3.20\nCOPY --from=build /go/bin/swag${huge} /usr/bin/\n`;
  const logged: string[] = [];
  const doc = snapshot(pathToFileURL(path.join(FINDS, 'generated.Dockerfile')).href, 'dockerfile', 1, text);
  const analysis = DocumentAnalysis.create(doc, 'dockerfile', { filePath: path.join(FINDS, 'generated.Dockerfile'), workspace: EMPTY_WORKSPACE }, (m) => logged.push(m));
  const hover = analysis.hover({ line: 3, character: 1 });
  assert.deepEqual(logged, []);
  assert.ok(hover && JSON.stringify(hover).includes('named by line 2 (RUN)'), JSON.stringify(hover).slice(0, 300));
});
