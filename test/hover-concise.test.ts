// Golden concise hovers (`docklens.hover.detail: concise`) on the bundled example, examples/taskflow, and on
// the port mapping forms of the ports hover fixture: every line with a hover, written to
// test/fixtures/hover-concise/<file>.golden.md. Each concise hover must be
// shorter than the detailed one and keep its title, and `detailed` must stay today's hover exactly.
// UPDATE_GOLDEN=1 rewrites the goldens; read every changed one before committing it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { conciseMarkdown } from '../server/src/core/concise';
import { normaliseSettings } from '../server/src/core/settings';
import { snapshot } from '../server/src/core/text';
import { FileSystemWorkspace } from '../server/src/core/workspace';

const TASKFLOW = path.resolve('examples/taskflow');
const PORTS = path.resolve('test/fixtures/hover/compose/ports');
const GOLDEN = path.resolve('test/fixtures/hover-concise');
const update = process.env.UPDATE_GOLDEN === '1';
const concise = normaliseSettings({ hover: { detail: 'concise' } }).hover;
const detailed = normaliseSettings({ hover: { detail: 'detailed' } }).hover;

const FILES: [root: string, rel: string, kind: 'compose' | 'dockerfile', golden: string][] = [
  [TASKFLOW, 'docker-compose.yml', 'compose', 'docker-compose.yml'],
  [TASKFLOW, 'backend/backend.dockerfile', 'dockerfile', 'backend__backend.dockerfile'],
  [PORTS, 'compose.yaml', 'compose', 'ports-fixture.compose.yaml'],
];

for (const [ROOT, file, kind, goldenName] of FILES) {
  test(`concise hovers of ${path.basename(ROOT)}/${file} match the golden`, () => {
    const filePath = path.join(ROOT, file);
    // Cursor markers of the hover fixtures are not part of the text.
    const text = readFileSync(filePath, 'utf8').split('‸').join('');
    const doc = snapshot(pathToFileURL(filePath).href, kind === 'compose' ? 'dockercompose' : 'dockerfile', 1, text);
    const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace: new FileSystemWorkspace({ roots: [ROOT] }) });
    const out = [`# ${file} (concise hovers)`, ''];
    let previous: string | undefined;
    text.split(/\r?\n/).forEach((line, n) => {
      const character = line.search(/[^\s-]/);
      if (character < 0 || line.trimStart().startsWith('#')) return;
      const position = { line: n, character: character + 1 };
      const short = analysis.hover(position, concise)?.markdown;
      const long = analysis.hover(position, detailed)?.markdown;
      assert.equal(long, analysis.hover(position)?.markdown, `line ${n + 1}: detailed is the default`);
      if (short === undefined || long === undefined) return assert.equal(short, long, `line ${n + 1}: both or neither`);
      assert.equal(short.split('\n')[0], long.split('\n')[0], `line ${n + 1}: same title`);
      assert.ok(short.length < long.length || short === long, `line ${n + 1}: concise is not longer`);
      if (short === previous) return;
      previous = short;
      out.push(`### ${n + 1}: \`${line.trim()}\``, '', ...short.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)), '');
    });
    const golden = out.join('\n').split(ROOT).join(`<${path.basename(ROOT)}>`);
    const goldenFile = path.join(GOLDEN, `${goldenName}.golden.md`);
    if (update) writeFileSync(goldenFile, golden);
    else assert.equal(golden, readFileSync(goldenFile, 'utf8'));
  });
}

test('the generic short form keeps the title and the first block, a list cut to its first item', () => {
  assert.equal(conciseMarkdown('**T**\n\nFirst paragraph\nstill first.\n\nReference text.'), '**T**\n\nFirst paragraph\nstill first.');
  assert.equal(conciseMarkdown('**T**\n\n- one\n- two\n\nMore.'), '**T**\n\n- one');
  assert.equal(conciseMarkdown('**T** only'), '**T** only');
  assert.equal(conciseMarkdown('**T**\n\nIt prints:\n\n> a quote\n\nReference.'), '**T**\n\nIt prints:\n\n> a quote');
});

test('hover.detail accepts detailed and concise, anything else is detailed', () => {
  assert.equal(normaliseSettings({ hover: { detail: 'concise' } }).hover.detail, 'concise');
  assert.equal(normaliseSettings({ hover: { detail: 'short' } }).hover.detail, 'detailed');
  assert.equal(normaliseSettings(undefined).hover.detail, 'detailed');
});
