// Properties every quick-fix must have, checked for every fix offered on every file of the shared corpus
// and of our own fixtures, each also with CRLF line ends:
//   1. the result still parses (no YAML error / no unreadable Dockerfile instruction that was not there before);
//   2. the finding it repairs is gone;
//   3. no other finding appears or disappears (compared by rule and message, with numbers blanked out,
//      since line numbers inside messages move with the edit);
//   4. applying it is idempotent: the fixed text offers no fix that would make the same edit again;
//   5. nothing outside its edits changes: edits stay inside the document, never overlap, keep the line-end
//      style, and the text before the first and after the last edit is byte-identical.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { applyEdits, editsOverlap, snapshot } from '../server/src/core/text';
import type { Finding, Fix } from '../server/src/core/types';
import { FileSystemWorkspace, type WorkspaceView } from '../server/src/core/workspace';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
type Kind = 'dockerfile' | 'compose';

/** Input files: the corpus sets and every document of our fixture folders (golden outputs left out). */
function inputs(): { file: string; kind: Kind; root: string }[] {
  const out: { file: string; kind: Kind; root: string }[] = [];
  for (const [set, kind] of [['dockerfile', 'dockerfile'], ['compose', 'compose']] as const) {
    const dir = path.join(CORPUS, set);
    if (existsSync(dir)) for (const name of readdirSync(dir)) out.push({ file: path.join(dir, name), kind, root: dir });
  }
  const walk = (dir: string, root: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p, root);
      else if (!/^(expected|fixed)\b|\.(md|json|txt|py|js|jsx|ts|toml|lock|env|html)$/.test(name)) {
        const kind = kindFromFileName(name) ?? (/\.ya?ml$/.test(name) ? 'compose' : undefined);
        if (kind === 'dockerfile' || kind === 'compose') out.push({ file: p, kind, root });
      }
    }
  };
  for (const set of ['test/fixtures/compose', 'test/fixtures/dockerfile', 'examples']) walk(path.resolve(set), path.resolve(set));
  return out;
}

function analyse(text: string, file: string, kind: Kind, workspace: WorkspaceView) {
  const doc = snapshot(pathToFileURL(file).href, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
  const failures: string[] = [];
  const analysis = DocumentAnalysis.create(doc, kind, { filePath: file, workspace }, (m) => failures.push(m));
  return { doc, analysis, findings: analysis.findings(), failures };
}

const key = (f: Finding) => `${f.ruleId}: ${f.message.replace(/\d+/g, '#')}`;
const PARSE_RULES = new Set(['yaml-syntax']);

function multiset(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

function check(file: string, kind: Kind, text: string, workspace: WorkspaceView): { fixes: number; problems: string[] } {
  const problems: string[] = [];
  const before = analyse(text, file, kind, workspace);
  if (before.failures.length > 0) return { fixes: 0, problems: before.failures };
  const crlf = text.includes('\r\n');
  let fixes = 0;
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      fixes++;
      const where = `${path.relative('.', file)}${crlf ? ' (CRLF)' : ''}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
      const problem = fixProblem(file, kind, text, workspace, before, finding, fix);
      if (problem) problems.push(`${where}: ${problem}`);
    }
  }
  return { fixes, problems };
}

function fixProblem(file: string, kind: Kind, text: string, workspace: WorkspaceView, before: ReturnType<typeof analyse>, finding: Finding, fix: Fix): string | undefined {
  const { doc } = before;
  const offsets = fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const);
  if (fix.edits.length === 0) return 'a fix without edits';
  if (fix.edits.some((e, i) => editsOverlap([e], fix.edits.filter((_, j) => j !== i), doc))) return 'its edits overlap';
  const fixed = applyEdits(doc, fix.edits);
  // 5. Outside the edits nothing moves: the text before the first edit and after the last one is the same.
  const first = Math.min(...offsets.map(([s]) => s));
  const last = Math.max(...offsets.map(([, e]) => e));
  if (fixed.slice(0, first) !== text.slice(0, first) || fixed.slice(fixed.length - (text.length - last)) !== text.slice(last)) return 'text outside its edits changed';
  if (text.includes('\r\n') && /(^|[^\r])\n/.test(fixed.replace(/\r\n/g, ''))) return 'it brought LF line ends into a CRLF file';
  if (text.includes('\r\n') && /[^\r]\n/.test(fixed)) return 'it brought LF line ends into a CRLF file';
  const after = analyse(fixed, file, kind, workspace);
  if (after.failures.length > 0) return `the fixed text makes the analysis fail: ${after.failures[0]}`;
  // 1. Still parses.
  const parseErrors = (fs: Finding[]) => fs.filter((f) => PARSE_RULES.has(f.ruleId)).length;
  if (parseErrors(after.findings) > parseErrors(before.findings)) return `the fixed text does not parse: ${after.findings.find((f) => PARSE_RULES.has(f.ruleId))!.message}`;
  // 2. and 3. Exactly this finding is gone, nothing else changes.
  const expected = multiset(before.findings);
  expected.set(key(finding), expected.get(key(finding))! - 1);
  const actual = multiset(after.findings);
  const diff: string[] = [];
  for (const k of new Set([...expected.keys(), ...actual.keys()])) {
    const d = (actual.get(k) ?? 0) - (expected.get(k) ?? 0);
    if (d !== 0) diff.push(`${d > 0 ? '+' : ''}${d} ${k.slice(0, 160)}`);
  }
  if (diff.length > 0) return `findings changed beyond the repaired one: ${diff.join(' | ')}`;
  // 4. Idempotent: no fix on the fixed text makes the same edit again.
  const again = after.findings.flatMap((f) => f.fixes).find((f) => f.title === fix.title && applyEdits(after.doc, f.edits) !== fixed && f.edits.every((e, i) => e.newText === fix.edits[i]?.newText));
  if (again) return 'the fixed text offers the same fix again';
  return undefined;
}

for (const lineEnds of ['as written', 'CRLF'] as const) {
  test(`every quick-fix on the corpus and the fixtures (${lineEnds}) parses, repairs exactly its finding and touches nothing else`, () => {
    const workspaces = new Map<string, FileSystemWorkspace>();
    let files = 0;
    let fixes = 0;
    const problems: string[] = [];
    for (const { file, kind, root } of inputs()) {
      const raw = readFileSync(file, 'utf8');
      const text = lineEnds === 'CRLF' ? raw.replace(/\r?\n/g, '\r\n') : raw;
      let workspace = workspaces.get(root);
      if (!workspace) workspaces.set(root, (workspace = new FileSystemWorkspace({ roots: [root] })));
      const result = check(file, kind, text, workspace);
      files++;
      fixes += result.fixes;
      problems.push(...result.problems);
    }
    assert.ok(files > 500 && fixes > 50, `expected the corpus and the fixtures to offer many fixes: ${files} files, ${fixes} fixes`);
    assert.deepEqual(problems, [], `${problems.length} of ${fixes} fixes break a property`);
  });
}
