// Inlay hints of compose files. Golden tests: each case folder under test/fixtures/hints/ holds one compose
// file (plus its .env) and two goldens: `hints.txt`, the document with every hint drawn inline as `⟪label⟫`
// (read it to review the hints), and `hints.json`, the exact results (positions, kinds, tooltips).
// UPDATE_GOLDEN=1 rewrites the goldens; read every changed one before committing it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { DEFAULT_SETTINGS, normaliseSettings } from '../server/src/core/settings';
import { snapshot } from '../server/src/core/text';
import type { InlayHintResult, Range } from '../server/src/core/types';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { configurationProperties } from '../server/src/docs/generated';
import { COMPOSE_HINTS } from '../server/src/registry';

const ROOT = path.resolve('test/fixtures/hints');
const update = process.env.UPDATE_GOLDEN === '1';
const EVERYWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

function analyse(filePath: string): DocumentAnalysis {
  const text = readFileSync(filePath, 'utf8');
  const workspace = new FileSystemWorkspace({ roots: [path.dirname(filePath)] });
  return DocumentAnalysis.create(snapshot(pathToFileURL(filePath).href, 'dockercompose', 1, text), 'compose', { filePath, workspace });
}

/** The document with each hint drawn where an editor draws it. */
function annotate(text: string, hints: InlayHintResult[]): string {
  const lines = text.split('\n');
  for (const h of [...hints].reverse()) {
    const line = lines[h.position.line]!;
    lines[h.position.line] = `${line.slice(0, h.position.character)} ⟪${h.label}⟫${line.slice(h.position.character)}`;
  }
  return lines.join('\n');
}

const caseFile = (dir: string) => readdirSync(dir).find((f) => kindFromFileName(f) === 'compose');

for (const caseName of readdirSync(ROOT)) {
  const caseDir = path.join(ROOT, caseName);
  const file = caseFile(caseDir);
  if (!file) continue;
  test(`inlay hints golden ${caseName}`, () => {
    const filePath = path.join(caseDir, file);
    const hints = analyse(filePath).inlayHints(EVERYWHERE, DEFAULT_SETTINGS);
    const txt = annotate(readFileSync(filePath, 'utf8'), hints);
    const json = JSON.stringify(hints, null, 2) + '\n';
    if (update) {
      writeFileSync(path.join(caseDir, 'hints.txt'), txt);
      writeFileSync(path.join(caseDir, 'hints.json'), json);
      return;
    }
    assert.equal(txt, readFileSync(path.join(caseDir, 'hints.txt'), 'utf8'));
    assert.equal(json, readFileSync(path.join(caseDir, 'hints.json'), 'utf8'));
  });
}

const WEBAPP = path.join(ROOT, 'webapp/compose.yaml');
const HEALTHCHECKS = path.join(ROOT, 'healthchecks/docker-compose.yml');
const TASKFLOW = path.resolve('examples/taskflow/docker-compose.yml');

test('every hint kind can be switched off in the settings, and only that kind goes', () => {
  const analysis = analyse(WEBAPP);
  const all = analysis.inlayHints(EVERYWHERE, normaliseSettings({}));
  const kinds = new Set(all.map((h) => h.kind));
  assert.deepEqual([...kinds].sort(), COMPOSE_HINTS.map((k) => k.id).sort(), 'the fixture shows every kind');
  for (const { id } of COMPOSE_HINTS) {
    const without = analysis.inlayHints(EVERYWHERE, normaliseSettings({ inlayHints: { [id]: false } }));
    assert.deepEqual(without, all.filter((h) => h.kind !== id), id);
    // `true`, or anything that is not a boolean, leaves it on.
    assert.deepEqual(analysis.inlayHints(EVERYWHERE, normaliseSettings({ inlayHints: { [id]: true } })), all);
    assert.deepEqual(analysis.inlayHints(EVERYWHERE, normaliseSettings({ inlayHints: { [id]: 'no' } })), all);
  }
  const none = Object.fromEntries(COMPOSE_HINTS.map((k) => [k.id, false]));
  assert.deepEqual(analysis.inlayHints(EVERYWHERE, normaliseSettings({ inlayHints: none })), []);
});

test('each hint kind has a generated boolean setting, on by default', () => {
  const props = configurationProperties() as Record<string, { type: string; default: unknown }>;
  for (const { id } of COMPOSE_HINTS) {
    assert.equal(props[`docklens.inlayHints.${id}`]?.type, 'boolean', id);
    assert.equal(props[`docklens.inlayHints.${id}`]?.default, true, id);
  }
});

test('only the hints inside the requested range are returned', () => {
  const analysis = analyse(WEBAPP);
  const all = analysis.inlayHints(EVERYWHERE);
  const range: Range = { start: { line: 12, character: 0 }, end: { line: 13, character: 0 } };
  const some = analysis.inlayHints(range);
  assert.ok(some.length > 0 && some.length < all.length);
  assert.deepEqual(some, all.filter((h) => h.position.line === 12));
});

test('secret-looking variables are masked like the hover masks them, and revealed by hover.revealSecrets', () => {
  const analysis = analyse(WEBAPP);
  const labelsOn = (line: number, settings = DEFAULT_SETTINGS) =>
    analysis.inlayHints({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, settings).map((h) => h.label);
  assert.deepEqual(labelsOn(12), ['= shop', '= ••••••', '= (unset)']);
  assert.deepEqual(labelsOn(13), ['= ••••••']);
  const reveal = normaliseSettings({ hover: { revealSecrets: true } });
  assert.deepEqual(labelsOn(12, reveal), ['= shop', '= s3cr3t-dev', '= (unset)']);
  assert.deepEqual(labelsOn(13, reveal), ['= sk_test_51HxYz']);
  // The hover on the same value masks the same way.
  const hover = analysis.hover({ line: 13, character: 24 });
  assert.ok(hover);
  assert.match(hover.markdown, /\$STRIPE_API_KEY` = `••••••` from \.env line 5/);
  assert.doesNotMatch(hover.markdown, /sk_test/);
});

test('the healthcheck hint gives exactly the figures of the healthcheck hover', () => {
  for (const file of [WEBAPP, HEALTHCHECKS, TASKFLOW]) {
    const analysis = analyse(file);
    const hints = analysis.inlayHints(EVERYWHERE).filter((h) => h.kind === 'healthcheck');
    assert.ok(hints.length > 0, file);
    for (const hint of hints) {
      const text = analysis.doc.getText({ start: { line: hint.position.line, character: 0 }, end: hint.position });
      const hover = analysis.hover({ line: hint.position.line, character: text.indexOf('healthcheck') + 1 });
      assert.ok(hover, `${file}:${hint.position.line + 1}`);
      if (hint.label.startsWith('disabled')) {
        assert.match(hover.markdown, /^Disabled/m);
        continue;
      }
      const m = /^healthy ≥ (\S+), unhealthy ≈ (\S+?)(?:–(\S+))? if failing$/.exec(hint.label);
      assert.ok(m, hint.label);
      const [, healthy, fast, hanging = fast] = m;
      assert.ok(hover.markdown.includes(`**Earliest healthy**: ≈ ${healthy} (`), `${hint.label}\n${hover.markdown}`);
      assert.ok(hover.markdown.includes(`≈ ${fast} if the probe fails at once, ≈ ${hanging} if it hangs`), `${hint.label}\n${hover.markdown}`);
    }
  }
});

test('inlay hints over examples/taskflow/docker-compose.yml', () => {
  const analysis = analyse(TASKFLOW);
  const hints = analysis.inlayHints(EVERYWHERE).map((h) => `${h.position.line + 1}:${h.position.character + 1} ${h.kind} ${h.label}`);
  assert.deepEqual(hints, [
    '9:20 ports host *:8000 → container 8000/tcp',
    '11:64 variables = ••••••',
    '28:20 ports host *:5173 → container 5173/tcp',
    '36:56 variables = ••••••',
    '40:17 healthcheck healthy ≥ 5s, unhealthy ≈ 30s–1m if failing',
    '48:20 ports host *:5432 → container 5432/tcp',
    '54:17 healthcheck healthy ≥ 5s, unhealthy ≈ 30s–1m if failing',
    '61:22 ports host *:27017 → container 27017/tcp',
    '69:17 healthcheck healthy ≥ 5s, unhealthy ≈ 30s–1m if failing',
  ]);
});

test('Dockerfiles get no inlay hints', () => {
  const filePath = path.resolve('examples/taskflow/backend/backend.dockerfile');
  const text = readFileSync(filePath, 'utf8');
  const workspace = new FileSystemWorkspace({ roots: [path.dirname(filePath)] });
  const analysis = DocumentAnalysis.create(snapshot(pathToFileURL(filePath).href, 'dockerfile', 1, text), 'dockerfile', { filePath, workspace });
  assert.deepEqual(analysis.inlayHints(EVERYWHERE), []);
});
