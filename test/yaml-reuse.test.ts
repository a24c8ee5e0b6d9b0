// The chunked re-parse of large compose files (server/src/compose/yamlReuse.ts) must give exactly the tree
// a full parse gives: node kinds, values, tags, anchors, aliases and every source range. Checked on every
// corpus compose file and the stress file (chunking forced on small files too), then along chains of random
// edits where each version reuses the previous version's chunks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isAlias, isDocument, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import { pathToFileURL } from 'node:url';
import { YamlReuse } from '../server/src/compose/yamlReuse';
import { AnalysisCache, DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';
import { parseYaml, type ParsedYaml } from '../server/src/compose/yamlTree';
import { rng } from './fuzz/mutate';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const files = [
  ...readdirSync(path.join(CORPUS, 'compose')).sort().map((n) => path.join(CORPUS, 'compose', n)),
  path.join(CORPUS, 'stress/compose-500-services.yaml'),
];

/** Everything our model reads of a tree, as plain data (comments aside: nothing reads them). */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return { key: shape(node.key), value: shape(node.value) };
  const n = node as { range?: number[]; tag?: string; anchor?: string };
  const common = { range: n.range, tag: n.tag, anchor: n.anchor };
  if (isScalar(node)) return { ...common, scalar: typeof node.value === 'symbol' ? String(node.value) : node.value, type: node.type, source: node.source };
  if (isAlias(node)) return { ...common, alias: node.source };
  if (isMap(node) || isSeq(node)) return { ...common, kind: isMap(node) ? 'map' : 'seq', flow: node.flow ?? false, items: (node.items as unknown[]).map(shape) };
  return { other: String(node) };
}

const treeOf = (p: ParsedYaml) =>
  p.docs.map((d) => ({ range: d.range, errors: d.errors.map((e) => `${e.code} ${e.pos.join('-')} ${e.message}`), warnings: d.warnings.length, contents: shape(d.contents) }));

test('chunked parse equals the full parse on every corpus compose file', () => {
  let chunked = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // Without harvesting, the first parse is chunk by chunk: this checks chunk parsing and assembly alone.
    const reuse = new YamlReuse(0, false);
    assert.deepEqual(treeOf(reuse.parse(text)), treeOf(parseYaml(text)), path.basename(file));
    if (reuse.lastWasChunked) chunked++;
  }
  // Most real files have the plain shape; the rest fall back to the full parse (and are equal trivially).
  assert.ok(chunked > files.length * 0.6, `${chunked} of ${files.length} files were chunked`);
});

/** One random edit: a character typed or deleted, a line duplicated or removed, a line break added. */
function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (Math.floor(r() * 6)) {
    case 0: return text.slice(0, at) + 'abc:-# "\'[{'.charAt(Math.floor(r() * 11)) + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1);
    case 2: return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 3: return text.slice(0, lineStart) + text.slice(lineEnd);
    case 4: return text.slice(0, at) + '\n' + text.slice(at);
    default: return text.slice(0, at) + ' ' + text.slice(at);
  }
}

for (const harvest of [true, false]) test(`chunked re-parse equals the full parse along random edit chains (each version reusing the last; ${harvest ? 'chunks harvested from full parses' : 'chunks parsed alone'})`, () => {
  const r = rng(20261129);
  let versions = 0;
  let reused = 0;
  for (const file of files.filter((_, i) => i % 4 === 0 || isStress(files[i]!))) {
    let text = readFileSync(file, 'utf8');
    const reuse = new YamlReuse(0, harvest);
    reuse.parse(text);
    const steps = isStress(file) ? 8 : 12;
    for (let k = 0; k < steps; k++) {
      text = edit(text, r);
      const got = treeOf(reuse.parse(text));
      if (reuse.lastWasChunked) reused++;
      versions++;
      assert.deepEqual(got, treeOf(parseYaml(text)), `${path.basename(file)}, edit ${k + 1}`);
    }
  }
  // Many random edits break the YAML (an unclosed quote or bracket): those versions take the full parse; so
  // do, with harvesting, versions where fewer than half the chunks are known (small files have few chunks).
  assert.ok(reused > versions * (harvest ? 0.05 : 0.1), `${reused} of ${versions} versions were chunked`);
});

test('typing into the 5,000-line stress file: every keystroke re-parses one chunk and equals the full parse', () => {
  const file = files.find(isStress)!;
  let text = readFileSync(file, 'utf8');
  const reuse = new YamlReuse();
  reuse.parse(text);
  const r = rng(7);
  // Typing after the first character of random values (`"nginx"` → `"anginx"`, `[svc-0000]` → `[asvc-0000]`,
  // `no` → `nao`), as someone edits a service: the YAML stays valid.
  const lines = text.split('\n').map((l, i) => [l, i] as const).filter(([l]) => /^\s+[a-z_]+: \S/.test(l));
  for (let k = 0; k < 25; k++) {
    const [, lineNo] = lines[Math.floor(r() * lines.length)]!;
    const lineStart = text.split('\n').slice(0, lineNo).join('\n').length + 1;
    const starts = text.indexOf(': ', lineStart) + 3;
    text = text.slice(0, starts) + 'abcdefgh'.charAt(k % 8) + text.slice(starts);
    const got = treeOf(reuse.parse(text));
    assert.ok(reuse.lastWasChunked, `keystroke ${k + 1} took the full parse: ${text.split("\n")[lineNo]}`);
    assert.deepEqual(got, treeOf(parseYaml(text)), `keystroke ${k + 1}`);
  }
});

test('typing a new service among the stress file\'s services: broken versions re-parse in place and equal the full parse, errors included', () => {
  const stress = readFileSync(files.find(isStress)!, 'utf8');
  // Its first 30 services (a full comparison of the 5,000-line file takes 0.2 s a version), chunked as a
  // large file would be.
  const base = stress.slice(0, stress.indexOf('\n  svc-0030:') + 1);
  const typed = '\n  newservice:\n    image: nginx:1.27\n    ports:\n      - "8080:80"';
  const lines = base.split('\n');
  const r = rng(3);
  let broken = 0;
  let brokenInPlace = 0;
  for (let k = 0; k < 8; k++) {
    // After a random line, as lsp-probe's typing burst does: mostly in the middle of a service.
    const lineNo = 1 + Math.floor(r() * (lines.length - 2));
    let at = lines.slice(0, lineNo + 1).join('\n').length;
    let text = base;
    const reuse = new YamlReuse(0);
    reuse.parse(text);
    for (const [n, c] of [...typed].entries()) {
      text = text.slice(0, at) + c + text.slice(at);
      at++;
      const got = treeOf(reuse.parse(text));
      const full = treeOf(parseYaml(text));
      assert.deepEqual(got, full, `after line ${lineNo + 1}, keystroke ${n + 1}`);
      if (full[0]!.errors.length > 0) {
        broken++;
        if (reuse.lastWasChunked) brokenInPlace++;
      }
    }
  }
  // Half-typed keys (`  newservic`) and values re-parse in place; an open quote still takes the full parse.
  assert.ok(broken > 150 && brokenInPlace > broken * 0.5, `${brokenInPlace} of ${broken} broken versions re-parsed in place`);
});

test('a service name typed directly above the next service: each half-typed version re-parses in place', () => {
  // `  ne` right above `  svc-0010:` reads, for yaml, as one broken key with that line: the two are one chunk.
  const stress = readFileSync(files.find(isStress)!, 'utf8');
  const base = stress.slice(0, stress.indexOf('\n  svc-0030:') + 1);
  let at = base.indexOf('\n  svc-0010:');
  let text = base;
  const reuse = new YamlReuse(0);
  reuse.parse(text);
  const halfTyped: boolean[] = [];
  for (const [n, c] of [...'\n  newservice:'].entries()) {
    text = text.slice(0, at) + c + text.slice(at);
    at++;
    const got = treeOf(reuse.parse(text));
    const full = treeOf(parseYaml(text));
    assert.deepEqual(got, full, `keystroke ${n + 1}`);
    if (/\n {2}[a-z]+\n {2}svc-0010:/.test(text)) {
      assert.ok(full[0]!.errors.length > 0, `keystroke ${n + 1}: yaml reads a broken key`);
      halfTyped.push(reuse.lastWasChunked);
    }
  }
  assert.deepEqual(halfTyped, Array(10).fill(true), 'every half-typed version (n … newservice) re-parsed in place');
});

function isStress(file: string): boolean {
  return file.includes(`${path.sep}stress${path.sep}`);
}

test('analysis of each typed version (reusing chunks) equals a fresh analysis: diagnostics, fixes, hovers', () => {
  const file = files.find(isStress)!;
  let text = readFileSync(file, 'utf8');
  const cache = new AnalysisCache(EMPTY_WORKSPACE);
  const r = rng(11);
  // lsp-probe's typing burst: a new service typed after a random line, one character per version.
  // (Its first 24 characters: through the unsplittable `  newservice` and on into the new service.)
  const typed = '\n  newservice:\n    image: nginx:1.27\n    ports:\n      - "8080:80"'.slice(0, 24);
  let at = text.indexOf('\n', Math.floor(r() * text.length));
  for (let v = 1; v <= typed.length + 1; v++) {
    if (v > 1) {
      text = text.slice(0, at) + typed[v - 2] + text.slice(at);
      at++;
    }
    const doc = snapshot(pathToFileURL(file).href, 'dockercompose', v, text);
    const incremental = cache.get(doc, 'compose', file);
    const fresh = DocumentAnalysis.create(doc, 'compose', { filePath: file, workspace: EMPTY_WORKSPACE });
    assert.deepEqual(incremental.diagnoses(), fresh.diagnoses(), `version ${v}`);
    for (let k = 0; k < 10; k++) {
      const position = { line: Math.floor(r() * doc.lineCount), character: Math.floor(r() * 30) };
      assert.deepEqual(incremental.hover(position), fresh.hover(position), `version ${v}, hover at ${position.line}:${position.character}`);
    }
  }
});

/** Every service's model as text: values, interpolations, ports, mounts, healthcheck, dependencies (no nodes). */
function servicesOf(analysis: DocumentAnalysis): string {
  const model = (analysis as unknown as { model: { services: unknown[] } }).model;
  // Plain data only (yaml's own objects would serialise themselves, merges resolved, before a replacer sees them).
  const plain = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== 'object' || isNode(value) || isPair(value) || isDocument(value)) return typeof value === 'object' && value !== null ? undefined : value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'doc').map(([k, v]) => [k, plain(v)]));
  };
  return JSON.stringify(plain(model.services));
}

test('services read once and reused (unchanged chunks): every version analyses as a fresh analysis does, also when the variables change', () => {
  const file = files.find(isStress)!;
  // A service that interpolates the project name and a .env variable, one that merges an anchor and one
  // whose healthcheck is an alias.
  let text = readFileSync(file, 'utf8')
    .replace('    image: "python:3.12-slim"', '    image: "python:${TAG:-3.12}-slim"\n    container_name: ${COMPOSE_PROJECT_NAME}-web')
    .replace('services:\n', 'x-base: &base\n  network_mode: bridge\nx-hc: &hc\n  test: ["CMD", "true"]\nservices:\n')
    .replace('  svc-0001:\n', '  svc-0001:\n    <<: *base\n')
    .replace('  svc-0002:\n', '  svc-0002:\n    healthcheck: *hc\n');
  let envText = 'TAG=3.11\n';
  const dir = path.dirname(file);
  const workspace = { readText: (p: string) => (p === path.join(dir, '.env') ? envText : undefined), readDir: () => undefined, exists: () => false };
  const cache = new AnalysisCache(workspace);
  const r = rng(5);
  const lines = () => text.split('\n');
  const valueLines = lines().map((l, i) => [l, i] as const).filter(([l]) => /^\s+[a-z_]+: \S/.test(l)).map(([, i]) => i);
  const edits: ((t: string) => string)[] = [
    (t) => t.replace('name: stress-500', 'name: stress-501'), // the project name: every service's variables
    (t) => t.replace('x-base: &base\n  network_mode: bridge', 'x-base: &base\n  network_mode: host'), // the anchor svc-0001 merges
    (t) => t.replace('  test: ["CMD", "true"]', '  tset: ["CMD", "true"]'), // an unknown key in svc-0002's healthcheck, through the alias
  ];
  for (let v = 2; v <= 30; v++) {
    if (v % 10 === 0) {
      text = edits[(v / 10 - 1) % edits.length]!(text);
      if (v === 30) envText = 'TAG=3.13\n'; // the server drops the cache on a .env change; this checks the memo alone
    } else {
      // A letter after the first character of a random value, as someone edits a service.
      const lineNo = valueLines[Math.floor(r() * valueLines.length)]!;
      const start = lines().slice(0, lineNo).join('\n').length + 1;
      const at = text.indexOf(': ', start) + 3;
      text = text.slice(0, at) + 'abcdefgh'.charAt(v % 8) + text.slice(at);
    }
    const doc = snapshot(pathToFileURL(file).href, 'dockercompose', v, text);
    const incremental = cache.get(doc, 'compose', file);
    const fresh = DocumentAnalysis.create(doc, 'compose', { filePath: file, workspace });
    assert.deepEqual(incremental.diagnoses(), fresh.diagnoses(), `version ${v}`);
    assert.equal(servicesOf(incremental), servicesOf(fresh), `version ${v}: the services' models`);
    // Hovers on the interpolated and merged services' lines, and at random.
    const positions = [...Array(12).keys()].map((k) => ({ line: 4 + k, character: 8 })).concat([...Array(10)].map(() => ({ line: Math.floor(r() * doc.lineCount), character: Math.floor(r() * 30) })));
    for (const position of positions) assert.deepEqual(incremental.hover(position), fresh.hover(position), `version ${v}, hover at ${position.line}:${position.character}`);
  }
});

test('chunks keep nothing of their offset: no padding comment, no copy of the whole text per chunk', () => {
  const file = files.find(isStress)!;
  const text = readFileSync(file, 'utf8');
  // Without harvesting, so that the first parse is chunk by chunk.
  const reuse = new YamlReuse(undefined, false);
  const parsed = reuse.parse(text);
  assert.ok(reuse.lastWasChunked);
  // Each chunk once parsed behind a comment as long as its offset: its first key carried that comment
  // (N²/2 characters for N chunks, 46 MB for this file).
  const services = parsed.docs[0]!.contents as unknown as { items: { key: { commentBefore?: string }; value: { items: { key: { commentBefore?: string } }[] } }[] };
  let comments = 0;
  for (const top of services.items) {
    comments += top.key.commentBefore?.length ?? 0;
    for (const s of isMap(top.value) ? top.value.items : []) comments += s.key.commentBefore?.length ?? 0;
  }
  assert.ok(comments < text.length, `the keys carry ${comments} characters of comments`);
});
