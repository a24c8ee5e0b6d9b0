// The duplicate-key pass (server/src/compose/yamlDuplicateKeys.ts) against yaml's own check
// (`uniqueKeys: true`): the same errors in the same order, on hand-written cases of each kind of key and on
// every corpus compose file. On mutated files (duplicated and shuffled lines, lone CRs: many duplicates
// among other errors) yaml places some duplicates oddly, on the end of the entry before the key or on a
// key further on; there docklens reports the duplicate key itself, and all else is the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { keyRanges, parseYaml, PARSE_OPTIONS } from '../server/src/compose/yamlTree';
import { tooDeeplyNested } from '../server/src/core/limits';
import { corpusYamlFiles } from './corpusYaml';
import { mutate } from './fuzz/mutate';


type Errors = { errors: { code: string; pos: [number, number]; message: string }[] }[];
const show = (docs: Errors, duplicatesAt = true) =>
  docs.flatMap((d, i) => d.errors.map((e) => `doc ${i} ${e.code} ${e.code === 'DUPLICATE_KEY' && !duplicatesAt ? '' : e.pos.join('-')} ${e.message.split('\n')[0]}`));

/** Every error of every document, as yaml's own check reports them and as docklens' parse does. */
function errorLists(text: string, duplicatesAt = true): { yaml: string[]; docklens: string[] } {
  const own = parseAllDocuments(text, { ...PARSE_OPTIONS, uniqueKeys: true });
  return { yaml: show(Array.isArray(own) ? own : [], duplicatesAt), docklens: show(parseYaml(text).docs, duplicatesAt) };
}

const CASES: [string, string, number][] = [
  ['block mapping', 'a: 1\nb: 2\na: 3\n', 1],
  ['nested, the outer duplicate after the inner one', 'services:\n  web:\n    image: x\n    image: y\n  web:\n    image: z\n', 2],
  ['flow mapping', 'x: {a: 1, b: 2, a: 3}\n', 1],
  ['quoted and plain spellings of the same key', 'a: 1\n"a": 2\n\'a\': 3\n', 2],
  ['numbers: 1 and 1.0 are the same value, 0x1 too', '1: a\n1.0: b\n0x1: c\n', 2],
  ['booleans and nulls', 'true: a\ntrue: b\n~: c\nnull: d\n', 2],
  ['.nan never equals itself', '.nan: a\n.nan: b\n', 0],
  ['empty keys', ': a\n: b\n', 1],
  ['explicit keys', '? a\n: 1\n? a\n: 2\n', 1],
  ['an anchor and a tag on the key', '&k a: 1\n!!str a: 2\n', 1],
  ['merge keys twice are not duplicates', 'x: &x {a: 1}\ny:\n  <<: *x\n  <<: *x\n', 0],
  ['alias keys are never equal', 'x: &k a\n*k : 1\n*k : 2\n', 0],
  ['a duplicate next to other errors (the open quote takes in the next lines)', 'a: 1\na: "unterminated\nb: [1, 2\na: 3\n', 1],
  ['a duplicate after a key with no value', 'a: 1\nb\na: 2\n', 1],
  ['duplicates in two documents', 'a: 1\na: 2\n---\nb: 1\nb: 2\n', 2],
  ['a duplicate key with a broken value', 'a: 1\na: ]\n', 1],
  ['a quoted duplicate key with a bad escape', '"a\\q": 1\n"a\\q": 2\n', 1],
];
for (const [name, text, duplicates] of CASES) {
  test(`duplicate keys as yaml reports them: ${name}`, () => {
    const { yaml, docklens } = errorLists(text);
    assert.deepEqual(docklens, yaml);
    assert.equal(docklens.filter((e) => e.includes('DUPLICATE_KEY')).length, duplicates);
  });
}

const files = corpusYamlFiles();

test('duplicate keys as yaml reports them (none, in real files): every corpus compose file', () => {
  for (const file of files) {
    const { yaml, docklens } = errorLists(readFileSync(file, 'utf8'));
    assert.deepEqual(docklens, yaml, path.basename(file));
  }
  assert.ok(files.length > 150, `${files.length} files`);
});

test('duplicate keys on 5 mutations of each corpus compose file: the same errors in the same order, each duplicate on a key', () => {
  let compared = 0;
  let duplicates = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    for (let k = 1; k <= 5; k++) {
      const text = mutate(original, 'compose', k * 7919 + original.length).text;
      // Mutations of 10 MB or with huge scalars only time yaml here, and compact nesting deeper than the
      // limit overflows its stack (both are kept from the analysis: core/limits.ts).
      if (text.length > 300_000 || tooDeeplyNested(text)) continue;
      const { yaml, docklens } = errorLists(text, false);
      // Where yaml's own stack runs out depends on the frames of its check: not comparable.
      if (yaml.some((e) => e.includes('RESOURCE_EXHAUSTION'))) continue;
      assert.deepEqual(docklens, yaml, `${path.basename(file)}, mutation ${k}`);
      for (const doc of parseYaml(text).docs) {
        const keys = keyRanges(doc);
        for (const e of doc.errors) if (e.code === 'DUPLICATE_KEY') assert.ok(keys.has(e.pos[0]), `${path.basename(file)}, mutation ${k}: duplicate at ${e.pos[0]} is not on a key`);
      }
      compared++;
      duplicates += yaml.filter((e) => e.includes('DUPLICATE_KEY')).length;
    }
  }
  assert.ok(compared > 500, `${compared} texts compared`);
  assert.ok(duplicates > 100, `only ${duplicates} duplicates among them`);
});
