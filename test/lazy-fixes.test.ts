// Quick-fixes computed when read (core/lazyFixes.ts): not while diagnostics are published, once when asked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { withLazyFixes } from '../server/src/core/lazyFixes';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';
import { toDiagnostic } from '../server/src/lsp/convert';

test('withLazyFixes computes the fixes on first read, once, and they read as a plain field', () => {
  let computed = 0;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const finding = withLazyFixes({ ruleId: 'r', range, message: 'm' }, () => {
    computed++;
    return [{ title: 't', edits: [] }];
  });
  assert.equal(computed, 0);
  assert.deepEqual(finding, { ruleId: 'r', range, message: 'm', fixes: [{ title: 't', edits: [] }] });
  assert.equal(finding.fixes, finding.fixes);
  assert.equal(computed, 1);
});

test('the stress file: published diagnostics carry only their version; fixes computed when asked equal a second analysis', () => {
  const file = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus', 'stress/compose-500-services.yaml');
  const text = readFileSync(file, 'utf8');
  const doc = snapshot(pathToFileURL(file).href, 'dockercompose', 1, text);
  const analysis = DocumentAnalysis.create(doc, 'compose', { filePath: file, workspace: EMPTY_WORKSPACE });
  const published = analysis.diagnoses().map((d) => toDiagnostic(d, 1));
  assert.ok(published.length > 100, `${published.length} diagnostics`);
  assert.ok(published.every((d) => JSON.stringify(d.data) === '{"version":1}'));
  // Asked for, each finding's fixes equal those of a second, independent analysis.
  const again = DocumentAnalysis.create(doc, 'compose', { filePath: file, workspace: EMPTY_WORKSPACE });
  assert.deepEqual(
    analysis.findings().map((f) => f.fixes),
    again.findings().map((f) => f.fixes),
  );
  assert.ok(analysis.findings().filter((f) => f.fixes.length > 0).length > 100);
});
