// locate() (server/src/compose/yamlTree.ts) walks the YAML tree itself so that a hover allocates no path
// array per node it passes. Its answer must be the one yaml's `visit` gives with the same rules, kept here as
// the reference: hand-written cases of each kind of node, every corpus compose file and 2 mutations of each,
// at offsets spread over the whole text (both ends included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { visit, type Document, type Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../server/src/compose/yamlGuards';
import { isMergeKey, locate, parseYaml, range, type Located } from '../server/src/compose/yamlTree';
import { tooDeeplyNested } from '../server/src/core/limits';
import { corpusYamlFiles, CORPUS } from './corpusYaml';
import { mutate } from './fuzz/mutate';


/** The walk as locate() made it with yaml's visitor (docklens 0.1.0 up to this change). */
function locateWithVisit(docs: Document[], offset: number): Located | undefined {
  for (const doc of docs) {
    const r = doc.range as [number, number, number] | undefined;
    if (!r || offset < r[0] || offset > r[2]) continue;
    let found: Located | undefined;
    visit(doc, {
      Node(_, node) {
        const nr = (node as Node).range;
        return nr && (offset < nr[0] || offset > nr[1]) ? visit.SKIP : undefined;
      },
      Pair(_, pair, ancestry) {
        const keyRange = range(pair.key);
        if (keyRange && offset >= keyRange[0] && offset <= keyRange[1] && isScalar(pair.key)) {
          found = { path: [...pathOf(ancestry), isMergeKey(pair.key) ? '<<' : String(pair.key.value)], node: pair.key as Node, onKey: true, doc };
          return visit.BREAK;
        }
        return undefined;
      },
      Scalar(key, node, ancestry) {
        if (key === 'key') return undefined;
        const nr = node.range;
        if (nr && offset >= nr[0] && offset <= nr[1]) {
          found = { path: pathOf([...ancestry, node]), node, onKey: false, doc };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) return found;
  }
  return undefined;
}

function pathOf(ancestry: readonly unknown[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const a = ancestry[i];
    if (isPair(a) && isScalar(a.key)) out.push(isMergeKey(a.key) ? '<<' : String(a.key.value));
    else if (isSeq(a)) {
      const idx = (a.items as unknown[]).indexOf(ancestry[i + 1]);
      if (idx >= 0) out.push(idx);
    }
  }
  return out;
}

const same = (a: Located | undefined, b: Located | undefined) =>
  a === b || (!!a && !!b && a.node === b.node && a.onKey === b.onKey && a.doc === b.doc && JSON.stringify(a.path) === JSON.stringify(b.path));

/** Compares the two at `samples` offsets spread over the text and returns how many were compared. */
function compare(text: string, label: string, samples = Infinity): number {
  const docs = parseYaml(text).docs;
  const step = Math.max(1, Math.floor(text.length / samples));
  const offsets: number[] = [];
  for (let o = 0; o < text.length; o += step) offsets.push(o);
  offsets.push(text.length, text.length + 1);
  for (const offset of offsets) {
    const expected = locateWithVisit(docs, offset);
    const actual = locate(docs, offset);
    if (!same(actual, expected)) assert.fail(`${label} at offset ${offset}: ${JSON.stringify(actual?.path)} (key ${actual?.onKey}), expected ${JSON.stringify(expected?.path)} (key ${expected?.onKey})`);
  }
  return offsets.length;
}

const CASES: [string, string, number][] = [
  ['block mapping and sequence', 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - 443\n', 7],
  ['flow collections, a pair inside a flow sequence', 'x: {a: 1, b: [2, 3]}\ny: [k: v, 4]\n', 6],
  ['merge keys, anchors and aliases', 'base: &b {a: 1}\nsvc:\n  <<: *b\n  c: *b\n', 6],
  ['explicit and collection keys', '? a\n: 1\n? [x, y]\n: 2\n? {k: v}\n: 3\n', 6],
  ['empty values and keys', 'a:\nb: ~\n: c\n- x\n', 4],
  ['comments and blank lines between entries', '# head\na: 1 # tail\n\n  # indented\nb:\n  - 2\n', 4],
  ['several documents', 'a: 1\n---\nb: [2]\n...\n---\nc\n', 4],
  ['a scalar document and an empty one', 'just text\n---\n', 1],
  ['broken input: an open quote, a lone key', 'a: "open\nb: 2\nlone\n  c: [1\n', 2],
];

for (const [name, text, keys] of CASES) {
  test(`locate = yaml's visit: ${name}`, () => {
    const docs = parseYaml(text).docs;
    // The case holds what it is about: this many distinct keys and values are found somewhere in it.
    const found = new Set<unknown>();
    for (let o = 0; o <= text.length; o++) found.add(locate(docs, o)?.node);
    assert.ok(found.size - (found.has(undefined) ? 1 : 0) >= keys, `${found.size} nodes found`);
    assert.equal(compare(text, name), text.length + 2);
  });
}

const files = corpusYamlFiles();

test('locate = yaml\'s visit on every corpus compose file and 2 mutations of each', () => {
  let offsets = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    offsets += compare(original, path.basename(file), 250);
    for (let k = 1; k <= 2; k++) {
      const text = mutate(original, 'compose', k * 104729 + original.length).text;
      if (text.length > 300_000 || tooDeeplyNested(text)) continue;
      offsets += compare(text, `${path.basename(file)} mutation ${k}`, 40);
    }
  }
  assert.ok(files.length > 150, `${files.length} files`);
  assert.ok(offsets > 50_000, `${offsets} offsets`);
});

test('locate finds the key under the cursor and its path in a real layout', () => {
  const text = readFileSync(path.join(CORPUS, 'compose', 'docker__awesome-compose__nginx-golang__compose.yaml'), 'utf8');
  const docs = parseYaml(text).docs;
  const at = (needle: string) => locate(docs, text.indexOf(needle) + 1);
  const ports = at('ports:');
  assert.ok(ports && isScalar(ports.node) && ports.onKey);
  assert.deepEqual(ports.path.slice(0, 1), ['services']);
  assert.equal(ports.path.at(-1), 'ports');
  assert.ok(isMap(docs[0]!.contents));
});
