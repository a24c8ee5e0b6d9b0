// Golden fixture tests of the Dockerfile rule copy-before-install. Each case is a folder
// test/fixtures/dockerfile/copy-before-install/<case>/ that is a small build context, the way a real
// project lays it out:
//   one Dockerfile (any Docker naming: `Dockerfile`, `backend.dockerfile`, `Dockerfile.dev`, possibly in a
//   subfolder), the manifests and sources it copies, optionally a compose file that gives it its context;
//   expected.json           every finding of every rule, 1-based like the CLI's JSON
//   fixed.<Dockerfile name> the Dockerfile after the preferred fix (absent when no fix is offered)
// Case names say what the case is: `<ecosystem>-bad-…` must have a copy-before-install finding,
// `<ecosystem>-good-…` must have none (`structure-…` for the parser and layout cases).
//
// Per case, three checks: the findings equal expected.json; the preferred fix of the first fixable finding
// (`isPreferred`, else the first) gives exactly the fixed golden, or no fix is offered and there is none;
// the fixed golden itself is right: re-analysing it finds no copy-before-install finding and nothing that
// was not there before, every line of the original except the moved COPY (and the comments above it) is
// still there in the same order, the line endings are kept, and every file a COPY of it names exists in
// the build context (the compose file's, else the Dockerfile's folder) and is not excluded by .dockerignore.
//
// UPDATE_GOLDEN=1 rewrites the goldens (read each one before committing it: does the fixed Dockerfile
// build, is the message true?). FIXTURE=<text> runs only the cases whose name contains it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse as parseYamlValue } from 'yaml';
import { findingRecord } from '../server/src/cli/format';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { applyEdits, snapshot } from '../server/src/core/text';
import type { Diagnosis } from '../server/src/core/types';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { ECOSYSTEMS } from '../server/src/dockerfile/ecosystems';
import { instructionAtLine } from '../server/src/dockerfile/model';
import { parseDockerfile } from '../server/src/dockerfile/parse';

const RULE = 'copy-before-install';
const ROOT = path.resolve('test/fixtures/dockerfile', RULE);
const update = process.env.UPDATE_GOLDEN === '1';
const only = process.env.FIXTURE;

/**
 * Cases whose goldens were written by hand because the rule is wrong for them today (each one fails
 * until the rule is fixed). UPDATE_GOLDEN leaves them alone; take a name out once the rule agrees.
 */
const HAND_WRITTEN = new Set<string>([]);

interface JsonFinding {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: string;
  rule: string;
  message: string;
  fixes: string[];
}

const isGolden = (name: string) => name.startsWith('fixed.') || name.startsWith('expected.');

/** Context-relative paths of the Dockerfiles of a case (goldens excluded). */
function dockerfilesIn(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const p = path.join(rel, name);
    if (statSync(path.join(dir, p)).isDirectory()) out.push(...dockerfilesIn(dir, p));
    else if (!isGolden(name) && !name.endsWith('.dockerignore') && kindFromFileName(name) === 'dockerfile') out.push(p);
  }
  return out;
}

function analyse(caseDir: string, filePath: string, text: string, overlay: boolean) {
  const workspace = new FileSystemWorkspace(overlay ? { roots: [caseDir], overlay: (p) => (p === filePath ? text : undefined) } : { roots: [caseDir] });
  const doc = snapshot(pathToFileURL(filePath).href, 'dockerfile', 1, text);
  const failures: string[] = [];
  const diagnoses = DocumentAnalysis.create(doc, 'dockerfile', { filePath, workspace }, (m) => failures.push(m)).diagnoses();
  assert.deepEqual(failures, [], 'a rule failed');
  return { doc, diagnoses };
}

const json = (d: Diagnosis[]): JsonFinding[] => d.map((x) => ({ ...findingRecord(x), fixes: x.fixes.map((f) => f.title) }));

const lines = (text: string) => text.split(/\r?\n/);

/** The COPY a finding flags plus the comment lines directly above it (0-based, inclusive). */
function movedBlock(text: string, line: number): { first: number; last: number } {
  const ins = instructionAtLine(parseDockerfile(snapshot('file:///block', 'dockerfile', 1, text)), line);
  assert.ok(ins && (ins.keyword === 'COPY' || ins.keyword === 'ADD'), `line ${line + 1} is not a COPY/ADD`);
  const all = lines(text);
  let first = ins.startLine;
  while (first > 0 && /^\s*#/.test(all[first - 1]!) && !/docklens-ignore/.test(all[first - 1]!)) first--;
  return { first, last: ins.endLine };
}

function isSubsequence(needles: string[], haystack: string[]): number {
  let j = 0;
  for (let i = 0; i < needles.length; i++) {
    while (j < haystack.length && haystack[j] !== needles[i]) j++;
    if (j === haystack.length) return i;
    j++;
  }
  return -1;
}

function containsRun(haystack: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= haystack.length; i++) {
    if (run.every((l, k) => haystack[i + k] === l)) return true;
  }
  return false;
}

/** The build context: the one a compose file of the case gives the Dockerfile, else its folder. */
function buildContextOf(caseDir: string, filePath: string): string {
  for (const name of readdirSync(caseDir)) {
    if (kindFromFileName(name) !== 'compose') continue;
    const compose = parseYamlValue(readFileSync(path.join(caseDir, name), 'utf8')) as { services?: Record<string, { build?: string | { context?: string; dockerfile?: string } }> };
    for (const service of Object.values(compose?.services ?? {})) {
      const build = service?.build;
      if (build === undefined) continue;
      const context = path.resolve(caseDir, typeof build === 'string' ? build : build.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : build.dockerfile ?? 'Dockerfile';
      if (path.resolve(context, dockerfile) === filePath) return context;
    }
  }
  return path.dirname(filePath);
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A .dockerignore reader (patterns anchored at the context root, `!` re-includes, the last match wins). */
function ignoredBy(contextDir: string, filePath: string): (rel: string) => boolean {
  const own = `${filePath}.dockerignore`;
  const file = existsSync(own) ? own : path.join(contextDir, '.dockerignore');
  if (!existsSync(file)) return () => false;
  const rules = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ negate: l.startsWith('!'), re: globToRegExp(path.posix.normalize(l.replace(/^!/, '').replace(/^\/+/, '')).replace(/\/$/, '')) }));
  return (rel) => {
    const parts = rel.split('/');
    let ignored = false;
    for (const r of rules) {
      // A pattern that matches a folder excludes everything below it.
      if (parts.some((_, i) => r.re.test(parts.slice(0, i + 1).join('/')))) ignored = !r.negate;
    }
    return ignored;
  };
}

function contextFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel))) {
    const p = rel ? `${rel}/${name}` : name;
    out.push(p);
    if (statSync(path.join(dir, p)).isDirectory()) out.push(...contextFiles(dir, p));
  }
  return out;
}

/** Every context file a COPY/ADD of `text` names exists in the build context and is not ignored. */
function assertCopiesResolve(text: string, contextDir: string, filePath: string, label: string): void {
  const model = parseDockerfile(snapshot('file:///check', 'dockerfile', 1, text));
  const ignored = ignoredBy(contextDir, filePath);
  const files = contextFiles(contextDir).filter((f) => !isGolden(path.posix.basename(f)));
  for (const ins of model.instructions) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
    const words = ins.json ?? ins.args;
    if (words.some((w) => w.startsWith('<<'))) continue;
    for (const source of words.slice(0, -1)) {
      if (source.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) continue;
      const rel = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '').replace(/\/\.$/, '');
      if (rel === '.' || rel === '*') continue;
      const re = globToRegExp(rel);
      const matches = files.filter((f) => re.test(f) && !ignored(f));
      assert.ok(matches.length > 0, `${label}: line ${ins.startLine + 1} copies \`${source}\`, which is not in the build context (or is excluded by .dockerignore)`);
    }
  }
}

const caseNames = existsSync(ROOT) ? readdirSync(ROOT).filter((n) => statSync(path.join(ROOT, n)).isDirectory()).sort() : [];

for (const caseName of caseNames) {
  if (only !== undefined && !caseName.includes(only)) continue;
  const caseDir = path.join(ROOT, caseName);
  test(`${RULE}/${caseName}`, async (t) => {
    const found = dockerfilesIn(caseDir);
    assert.equal(found.length, 1, `a case holds exactly one Dockerfile, found: ${found.join(', ') || 'none'}`);
    const filePath = path.join(caseDir, found[0]!);
    const fileName = path.basename(filePath);
    const text = readFileSync(filePath, 'utf8');
    const contextDir = buildContextOf(caseDir, filePath);
    // The fixture itself is a buildable context.
    assertCopiesResolve(text, contextDir, filePath, 'the fixture');

    const { doc, diagnoses } = analyse(caseDir, filePath, text, false);
    const expectedFile = path.join(caseDir, 'expected.json');
    const fixedFile = path.join(caseDir, `fixed.${fileName}`);
    const target = diagnoses.find((d) => d.ruleId === RULE && d.fixes.length > 0);
    const fix = target ? (target.fixes.find((f) => f.isPreferred) ?? target.fixes[0]) : undefined;
    const fixed = fix ? applyEdits(doc, fix.edits) : undefined;

    if (update && !HAND_WRITTEN.has(caseName)) {
      writeFileSync(expectedFile, JSON.stringify(json(diagnoses), null, 2) + '\n');
      rmSync(fixedFile, { force: true });
      if (fixed !== undefined) writeFileSync(fixedFile, fixed);
    }
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as JsonFinding[];
    const golden = existsSync(fixedFile) ? readFileSync(fixedFile, 'utf8') : undefined;

    await t.test('findings match expected.json', () => {
      // The case's name and its golden agree (a regenerated golden cannot silently flip a case).
      const expectedRuleFindings = expected.filter((e) => e.rule === RULE).length;
      if (/^[a-z0-9]+-bad-/.test(caseName)) assert.ok(expectedRuleFindings > 0, 'a -bad- case expects a finding');
      else if (/^[a-z0-9]+-good-/.test(caseName)) assert.equal(expectedRuleFindings, 0, 'a -good- case expects no finding');
      else assert.fail('case names are <ecosystem|structure>-bad-… or <ecosystem|structure>-good-…');
      assert.deepEqual(json(diagnoses), expected);
    });

    await t.test(`preferred fix matches fixed.${fileName}`, () => {
      const offersFix = expected.some((e) => e.rule === RULE && e.fixes.length > 0);
      assert.equal(golden !== undefined, offersFix, golden !== undefined ? 'fixed golden exists but expected.json offers no fix' : 'expected.json offers a fix but there is no fixed golden');
      if (golden === undefined) {
        assert.equal(fixed, undefined, 'the rule offers a fix where none is expected');
        return;
      }
      assert.ok(fix !== undefined && fix.edits.length > 0, 'the rule offers no fix (or one that edits nothing)');
      assert.equal(fixed, golden);
    });

    // The expected fixed text (the golden) is checked on its own merits.
    if (golden === undefined) return;
    await t.test('the fixed Dockerfile is clean, complete and buildable', () => {
      // Re-analysing the fixed text: the finding is gone and nothing new appears.
      const after = analyse(caseDir, filePath, golden, true).diagnoses;
      assert.deepEqual(json(after.filter((d) => d.ruleId === RULE)), [], 'the fixed Dockerfile still has a copy-before-install finding');
      const before = new Set(diagnoses.map((d) => `${d.ruleId}: ${d.message}`));
      assert.deepEqual(after.map((d) => `${d.ruleId}: ${d.message}`).filter((k) => !before.has(k)), [], 'the fix brought new findings');

      // Line endings stay as they were.
      if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(golden), 'the fix wrote LF into a CRLF file');
      else assert.ok(!golden.includes('\r'), 'the fix wrote CR into an LF file');

      // Only what must change changes: the original minus the moved COPY block is a subsequence of the
      // fixed lines, and the moved block is still there, whole.
      const flagged = expected.find((e) => e.rule === RULE && e.fixes.length > 0)!;
      const original = lines(text);
      const block = movedBlock(text, flagged.line - 1);
      const kept = original.filter((_, i) => i < block.first || i > block.last);
      const fixedLines = lines(golden);
      const missing = isSubsequence(kept, fixedLines);
      assert.equal(missing, -1, missing >= 0 ? `the fixed text lost or reordered \`${kept[missing]}\`` : '');
      assert.ok(containsRun(fixedLines, original.slice(block.first, block.last + 1)), 'the fix lost the moved COPY (or split it)');

      // The fixed Dockerfile copies only files that the build context has.
      assertCopiesResolve(golden, contextDir, filePath, 'the fixed Dockerfile');
    });
  });
}

test(`every ecosystem has a bad and a good ${RULE} fixture`, () => {
  const missing: string[] = [];
  for (const id of Object.keys(ECOSYSTEMS)) {
    for (const kind of ['bad', 'good']) {
      if (!caseNames.some((n) => n.startsWith(`${id}-${kind}-`))) missing.push(`${id}-${kind}-…`);
    }
  }
  for (const kind of ['bad', 'good']) if (!caseNames.some((n) => n.startsWith(`structure-${kind}-`))) missing.push(`structure-${kind}-…`);
  assert.deepEqual(missing, []);
  // Every hand-written golden belongs to an existing case.
  assert.deepEqual([...HAND_WRITTEN].filter((n) => !caseNames.includes(n)), []);
});
