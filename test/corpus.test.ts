// Every file of the shared corpus (real Dockerfiles and compose files, stress inputs): the analysis and a
// hover on every line run without any rule or hover topic failing. Failures inside the analysis are
// caught and logged by DocumentAnalysis, so the test asserts that nothing was logged.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { snapshot } from '../server/src/core/text';
import { FileSystemWorkspace } from '../server/src/core/workspace';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');

const sets: [string, 'dockerfile' | 'compose' | undefined][] = [
  ['dockerfile', 'dockerfile'],
  ['compose', 'compose'],
  ['stress', undefined],
  ['crashers', 'dockerfile'],
];

test('the shared corpus is present (../shared/corpus or $DOCKLENS_CORPUS)', () => {
  assert.ok(existsSync(path.join(CORPUS, 'dockerfile')), CORPUS);
});

for (const [set, kind] of sets) {
  const dir = path.join(CORPUS, set);
  if (!existsSync(dir)) continue;
  test(`corpus ${set}/: analysis and hovers on every line never fail`, () => {
    const workspace = new FileSystemWorkspace({ roots: [dir] });
    let files = 0;
    for (const name of readdirSync(dir)) {
      const k = kind ?? kindFromFileName(name) ?? (/\.ya?ml$/.test(name) ? 'compose' : 'dockerfile');
      if (name.endsWith('.md') || name.endsWith('.mjs')) continue;
      const filePath = path.join(dir, name);
      const text = readFileSync(filePath, 'utf8');
      const failures: string[] = [];
      const doc = snapshot(pathToFileURL(filePath).href, k === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
      const analysis = DocumentAnalysis.create(doc, k, { filePath, workspace }, (m) => failures.push(m));
      analysis.diagnoses();
      const lines = text.split('\n');
      // Every line on big files would make this test slow; the stress files get every 7th line.
      const step = lines.length > 2000 ? 7 : 1;
      for (let line = 0; line < lines.length; line += step) {
        const character = Math.max(0, lines[line]!.search(/\S/));
        analysis.hover({ line, character });
        analysis.hover({ line, character: Math.floor(lines[line]!.length / 2) });
      }
      assert.deepEqual(failures, [], name);
      files++;
    }
    assert.ok(files > 0);
  });
}

test('malformed compose files and every truncation of a real one never make a hover or rule fail', () => {
  const inputs: [string, string][] = readdirSync('test/fixtures/malformed').map((f) => [f, readFileSync(path.join('test/fixtures/malformed', f), 'utf8')]);
  const example = readFileSync('examples/taskflow/docker-compose.yml', 'utf8');
  for (let cut = 1; cut < example.length; cut += 29) inputs.push([`taskflow truncated at ${cut}`, example.slice(0, cut)]);
  for (const [name, text] of inputs) {
    const failures: string[] = [];
    const doc = snapshot('file:///malformed/compose.yaml', 'dockercompose', 1, text);
    const analysis = DocumentAnalysis.create(doc, 'compose', { workspace: new FileSystemWorkspace({ roots: ['/nonexistent'] }) }, (m) => failures.push(m));
    analysis.diagnoses();
    for (let offset = 0; offset <= text.length; offset += 3) analysis.hover(doc.positionAt(offset));
    assert.deepEqual(failures, [], name);
  }
});
