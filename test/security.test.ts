// The security properties SECURITY.md promises, each checked on files written to attack it:
// workspace paths never lead the view out of the workspace (`../` in build contexts, env_file and bind
// mounts; symlinks; a server without workspace folders), YAML keys such as `__proto__` stay plain names,
// alias bombs are never expanded, and the server's code imports nothing that runs programs or opens sockets.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import { FileSystemWorkspace, RecordingWorkspace, type WorkspaceView } from '../server/src/core/workspace';

const FIXTURES = path.resolve('test/fixtures/security');
const PROJECT = path.join(FIXTURES, 'project');
const OUTSIDE = path.join(FIXTURES, 'outside');

function analyse(file: string, workspace: WorkspaceView) {
  const text = readFileSync(file, 'utf8');
  const doc = snapshot(pathToFileURL(file).href, 'dockercompose', 1, text);
  const failures: string[] = [];
  const analysis = DocumentAnalysis.create(doc, 'compose', { filePath: file, workspace }, (m) => failures.push(m));
  return { analysis, text, failures };
}

/** Every hover of a document: on the first character of each line and on each value after `: ` or `- `. */
function everyHover(analysis: DocumentAnalysis, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, n) => {
    for (const m of line.matchAll(/\S+/g)) out.push(analysis.hover({ line: n, character: m.index! })?.markdown ?? '');
  });
  return out;
}

test('`../` in build, env_file and bind mounts: nothing outside the workspace root is read', () => {
  const recording = new RecordingWorkspace(new FileSystemWorkspace({ roots: [PROJECT] }));
  const { analysis, text, failures } = analyse(path.join(PROJECT, 'compose.yaml'), recording);
  const shown = [...analysis.findings().map((f) => f.message), ...everyHover(analysis, text), ...analysis.inlayHints({ start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }).map((h) => h.label)].join('\n');
  assert.deepEqual(failures, []);
  // The analysis asked about outside paths (that is how it learns they are out of reach) …
  assert.ok([...recording.reads.files].some((p) => p.startsWith(OUTSIDE)), 'the analysis should have tried the outside paths');
  // … but learnt nothing from them: no value, no Dockerfile command.
  assert.ok(!shown.includes('9123'), 'a value of the outside env_file was used');
  assert.ok(!shown.includes('NaN'), 'an unknown value became a number');
  assert.ok(!shown.includes('http.server'), 'the outside Dockerfile was read');
});

test('the view refuses paths that leave its roots, literally or through `..`', () => {
  const view = new FileSystemWorkspace({ roots: [PROJECT] });
  assert.equal(view.readText(path.join(OUTSIDE, 'app.env')), undefined);
  assert.equal(view.readText(path.join(PROJECT, '..', 'outside', 'app.env')), undefined);
  assert.equal(view.readDir(OUTSIDE), undefined);
  assert.equal(view.exists(path.join(OUTSIDE, 'Dockerfile')), false);
  assert.ok(view.readText(path.join(PROJECT, 'compose.yaml'))?.includes('../outside'), 'inside files are still read');
});

test('symlinks inside the workspace that point out of it are not followed', (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'docklens-security-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'workspace');
  const away = path.join(tmp, 'away');
  mkdirSync(root);
  mkdirSync(away);
  writeFileSync(path.join(away, '.env'), 'SECRET=from-outside\n');
  symlinkSync(path.join(away, '.env'), path.join(root, '.env'));
  symlinkSync(away, path.join(root, 'linked-folder'));
  writeFileSync(path.join(root, 'inside.txt'), 'ok');
  symlinkSync(path.join(root, 'inside.txt'), path.join(root, 'inside-link.txt'));
  const view = new FileSystemWorkspace({ roots: [root] });
  assert.equal(view.readText(path.join(root, '.env')), undefined, 'a file symlink to the outside');
  assert.equal(view.readText(path.join(root, 'linked-folder', '.env')), undefined, 'a file below a folder symlink');
  assert.equal(view.readDir(path.join(root, 'linked-folder')), undefined, 'a folder symlink to the outside');
  assert.equal(view.readText(path.join(root, 'inside-link.txt')), 'ok', 'a symlink that stays inside is fine');
});

test('without workspace folders, only the folders of opened documents are readable', () => {
  const view = new FileSystemWorkspace({ roots: [] });
  const compose = path.join(PROJECT, 'compose.yaml');
  assert.equal(view.readText(compose), undefined, 'nothing before a document is opened');
  view.addDocumentFolder(compose);
  assert.ok(view.readText(compose) !== undefined, 'the folder of the opened document');
  assert.equal(view.readText(path.join(OUTSIDE, 'app.env')), undefined, 'still nothing next to it');
  const configured = new FileSystemWorkspace({ roots: [OUTSIDE] });
  configured.addDocumentFolder(compose);
  assert.equal(configured.readText(compose), undefined, 'with workspace folders, an opened outside document adds no root');
});

test('YAML keys `__proto__`, `constructor`, `hasOwnProperty` are plain names and pollute nothing', () => {
  const { analysis, text, failures } = analyse(path.join(PROJECT, 'prototype-keys.yaml'), new FileSystemWorkspace({ roots: [PROJECT] }));
  const findings = analysis.findings().map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
  const hovers = everyHover(analysis, text);
  assert.deepEqual(failures, []);
  // `__proto__` is a service like any other: depends_on finds it, `toString` is not inherited from Object.
  assert.ok(findings.includes('11 unknown-service'), `toString must be an unknown service: ${findings.join(', ')}`);
  assert.ok(!findings.some((f) => f.startsWith('10 ')), `__proto__ is a defined service: ${findings.join(', ')}`);
  assert.ok(hovers.some((h) => h.includes('**Service `__proto__`**')), 'the service named __proto__ is explained');
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('an alias bomb (9^10 nodes if expanded) is analysed without expanding it', () => {
  const { analysis, text, failures } = analyse(path.join(PROJECT, 'billion-laughs.yaml'), new FileSystemWorkspace({ roots: [PROJECT] }));
  assert.deepEqual(failures, []);
  assert.ok(Array.isArray(analysis.findings()));
  assert.ok(everyHover(analysis, text).length > 0);
});

test('the server imports nothing that runs programs or opens network connections', () => {
  const forbidden = /from '(node:)?(child_process|cluster|worker_threads|net|tls|dgram|http|https|http2|dns|inspector|vm)'|require\(|\bfetch\(|\beval\(|new Function\(/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && forbidden.test(readFileSync(p, 'utf8'))) offenders.push(path.relative('.', p));
    }
  };
  walk(path.resolve('server/src'));
  assert.deepEqual(offenders, []);
});
