// The work limits of the analysis (server/src/core/limits.ts) and the generated files that showed where
// they were needed: each of these took seconds before, by parse or by a rule or hover that was quadratic.
// Their time is held to the request budget by the fuzz harness (`exercise`, no operation over 1 s); the
// assertions here say that the analysis still ran and what it reported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { countYamlTokens, MAX_YAML_TOKENS } from '../server/src/core/limits';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';
import { MAX_COMPARISONS } from '../server/src/compose/rules/unknown-service';
import { exercise } from './fuzz/harness';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const FILE = path.resolve('test/fixtures/fuzz-crashers/generated.compose.yaml');

function analyse(text: string): DocumentAnalysis {
  return DocumentAnalysis.create(snapshot(pathToFileURL(FILE).href, 'dockercompose', 1, text), 'compose', { filePath: FILE, workspace: EMPTY_WORKSPACE });
}
const rules = (a: DocumentAnalysis) => a.findings().map((f) => f.ruleId);
const within = (text: string) => assert.equal(exercise(text, 'compose', FILE, EMPTY_WORKSPACE, 1).failure, undefined);

const TOKENS: [string, number][] = [
  ['', 0],
  ['services:\n', 3], // services, :, line break
  ['  web:\n    image: nginx:1.27\n', 9], // web : ⏎ image : nginx : 1.27 ⏎
  ['    ports: ["8080:80"]\n', 10], // ports : [ " 8080 : 80 " ] ⏎
  ['# a comment, with words\r\n', 8], // # a comment , with words, then CR and LF
  ['""""', 4],
  ['x-é: ünïcode wörds\n', 7], // x - é : ünïcode wörds ⏎ (an indicator inside a word splits it)
];
for (const [text, expected] of TOKENS) {
  test(`countYamlTokens(${JSON.stringify(text)}) = ${expected}`, () => assert.equal(countYamlTokens(text, MAX_YAML_TOKENS), expected));
}

test('countYamlTokens stops counting just past its maximum', () => {
  assert.equal(countYamlTokens('a b c d e f g', 3), 4);
});

test('the 5,000-line stress file is analysed: half the token limit', () => {
  const text = readFileSync(path.join(CORPUS, 'stress/compose-500-services.yaml'), 'utf8');
  const tokens = countYamlTokens(text, MAX_YAML_TOKENS);
  assert.ok(tokens < MAX_YAML_TOKENS * 0.6, `${tokens} tokens`);
  assert.ok(!rules(analyse(text)).includes('file-too-large'));
});

test('a compose file over the token limit gets one informational finding and no analysis', () => {
  const head = 'services:\n  web:\n    image: postgres\n    command: ';
  const text = `${head}${'"'.repeat(MAX_YAML_TOKENS + 1 - countYamlTokens(`${head}\n`, MAX_YAML_TOKENS))}\n`;
  assert.equal(countYamlTokens(text, MAX_YAML_TOKENS + 10), MAX_YAML_TOKENS + 1);
  const a = analyse(text);
  assert.deepEqual(
    a.findings().map((f) => [f.ruleId, f.message]),
    [['file-too-large', 'This file has more than 100,000 YAML tokens (words, punctuation and line breaks); docklens analyses compose files up to that many and skipped it.']],
  );
  assert.equal(a.hover({ line: 2, character: 12 }), undefined);
  // One token fewer in all: analysed (the quotes are YAML errors).
  assert.ok(rules(analyse(text.replace('""', '"'))).includes('yaml-syntax'));
});

test('a Dockerfile is not held to the YAML token limit', () => {
  const text = `FROM alpine\nRUN echo ${'" '.repeat(MAX_YAML_TOKENS)}\n`;
  const doc = snapshot(pathToFileURL('/tmp/Dockerfile').href, 'dockerfile', 1, text);
  assert.ok(!DocumentAnalysis.create(doc, 'dockerfile', { filePath: '/tmp/Dockerfile', workspace: EMPTY_WORKSPACE }).findings().some((f) => f.ruleId === 'file-too-large'));
});

const services = (n: number, body: (k: number) => string) => `services:\n${Array.from({ length: n }, (_, k) => `  s${k}:\n${body(k)}`).join('')}`;

test('15,000 keys in one mapping (1.5 s of yaml duplicate-key checks before): analysed within the budget', () => {
  const text = `services:\n  web:\n    image: nginx\nx-generated:\n${Array.from({ length: 15_000 }, (_, k) => `  k${k}: v\n`).join('')}  k7: again\n`;
  assert.ok(countYamlTokens(text, MAX_YAML_TOKENS) <= MAX_YAML_TOKENS);
  within(text);
  assert.deepEqual(rules(analyse(text)), ['yaml-syntax']);
});

test('4,000 services extending s0 (one set of names per service before: 1.2 s): analysed within the budget', () => {
  const text = services(4000, () => '    extends: s0\n    image: x\n');
  within(text);
  assert.ok(!rules(analyse(text)).includes('file-too-large'));
});

test('4,000 services each naming a different unknown service: reported, suggestions within a comparison budget', () => {
  // 16 million name comparisons (about 3.5 s) before the budget.
  const text = services(4000, (k) => `    image: x\n    depends_on: [t${k}]\n`) + '  late:\n    image: x\n    depends_on: [s1O]\n';
  within(text);
  const found = analyse(text).findings().filter((f) => f.ruleId === 'unknown-service');
  assert.equal(found.length, 4001);
  // The budget is spent before the last reference: a typo of s10, reported without a suggestion.
  assert.ok(4000 * 4001 > MAX_COMPARISONS);
  assert.equal(found.at(-1)!.message, '`depends_on` names `s1O`, which no file of this project defines: Compose stops with "service \\"late\\" depends on undefined service \\"s1O\\"".');
  assert.deepEqual(found.at(-1)!.fixes, []);
  // The first references still get theirs: t1 is one letter from s1 (and from no other name of two letters).
  assert.match(found[1]!.message, /Did you mean `s1`\?$/);
});

test('4,000 services extending different unknown services: the same budget', () => {
  // s0 extends t1, s1 extends t2…: the one name a letter away is another service's, never its own.
  const text = services(4000, (k) => `    extends: t${k + 1}\n    image: x\n`);
  within(text);
  const found = analyse(text).findings().filter((f) => f.ruleId === 'unknown-service');
  assert.equal(found.length, 4000);
  assert.match(found[0]!.message, /Did you mean `s1`\?$/);
  assert.doesNotMatch(found.at(-1)!.message, /Did you mean/);
});

test('3,000 entries under one `ports` key (2 s of hover before): the key hover explains the first 20', () => {
  const text = `services:\n  web:\n    image: nginx\n    ports:\n${'      - "8080:80"\n'.repeat(3000)}`;
  within(text);
  const hover = analyse(text).hover({ line: 3, character: 6 });
  const markdown = hover?.markdown ?? '';
  assert.equal(markdown.split('\n\n---\n\n').length, 21);
  assert.ok(markdown.endsWith('… and 2,980 more: hover an entry for its details.'), markdown.slice(-200));
});
