// Golden tests of the Dockerfile rules other than copy-before-install (which has its own runner in
// fixtures.test.ts): each case folder under test/fixtures/dockerfile/<rule-id>/ is a build context with a
// `Dockerfile` and `expected.json` (every finding, 1-based). UPDATE_GOLDEN=1 rewrites expected.json.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findingRecord } from '../server/src/cli/format';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { applyEdits, snapshot } from '../server/src/core/text';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { DOCKERFILE_RULES } from '../server/src/registry';

const ROOT = path.resolve('test/fixtures/dockerfile');
const update = process.env.UPDATE_GOLDEN === '1';
const OWN_RUNNER = 'copy-before-install';

for (const rule of readdirSync(ROOT).filter((r) => r !== OWN_RUNNER)) {
  for (const caseName of readdirSync(path.join(ROOT, rule))) {
    const caseDir = path.join(ROOT, rule, caseName);
    test(`${rule}/${caseName}`, () => {
      const filePath = path.join(caseDir, 'Dockerfile');
      const text = readFileSync(filePath, 'utf8');
      const failures: string[] = [];
      const doc = snapshot(pathToFileURL(filePath).href, 'dockerfile', 1, text);
      const diagnoses = DocumentAnalysis.create(doc, 'dockerfile', { filePath, workspace: new FileSystemWorkspace({ roots: [caseDir] }) }, (m) => failures.push(m)).diagnoses();
      assert.deepEqual(failures, []);
      const actual = diagnoses.map((d) => ({ ...findingRecord(d), fixes: d.fixes.map((f) => f.title) }));
      const expectedFile = path.join(caseDir, 'expected.json');
      if (update) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      else assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
      // The preferred fix of the rule's first finding gives fixed.Dockerfile, and the finding is gone after it.
      const fix = diagnoses.find((d) => d.ruleId === rule)?.fixes.find((f) => f.isPreferred);
      const fixedFile = path.join(caseDir, 'fixed.Dockerfile');
      if (!fix) return assert.ok(update || !existsSync(fixedFile), 'a fixed golden but no fix');
      const fixed = applyEdits(doc, fix.edits);
      if (update) writeFileSync(fixedFile, fixed);
      else assert.equal(fixed, readFileSync(fixedFile, 'utf8'));
      const overlay = new FileSystemWorkspace({ roots: [caseDir], overlay: (p) => (p === filePath ? fixed : undefined) });
      const after = DocumentAnalysis.create(snapshot(doc.uri, 'dockerfile', 2, fixed), 'dockerfile', { filePath, workspace: overlay }).diagnoses();
      assert.equal(after.filter((d) => d.ruleId === rule).length, 0, 'the finding is still there after the fix');
    });
  }
}

test('every Dockerfile rule has a case where it fires and one where it stays silent', () => {
  for (const rule of DOCKERFILE_RULES) {
    const dir = path.join(ROOT, rule.id);
    assert.ok(existsSync(dir), `no fixtures for ${rule.id}`);
    const fires = readdirSync(dir).map((c) => (JSON.parse(readFileSync(path.join(dir, c, 'expected.json'), 'utf8')) as { rule: string }[]).some((f) => f.rule === rule.id));
    assert.ok(fires.includes(true) && fires.includes(false), rule.id);
  }
});
