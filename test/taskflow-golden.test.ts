// The bundled example project, examples/taskflow, fully golden: for each of its files every line's hovers
// (on the key and on the value), go-to-definition targets, document links, inlay hints and diagnostics,
// written to test/fixtures/taskflow/<file>.golden.md. The example is what the README tells people to open
// first, so every service, port, volume, healthcheck and command line must have an explanation (asserted).
// UPDATE_GOLDEN=1 rewrites the goldens; read every changed one before committing it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import type { Position } from '../server/src/core/types';
import { FileSystemWorkspace } from '../server/src/core/workspace';

const ROOT = path.resolve('examples/taskflow');
const GOLDEN = path.resolve('test/fixtures/taskflow');
const update = process.env.UPDATE_GOLDEN === '1';

const FILES: [rel: string, kind: 'compose' | 'dockerfile'][] = [
  ['docker-compose.yml', 'compose'],
  ['backend/backend.dockerfile', 'dockerfile'],
  ['frontend/Dockerfile', 'dockerfile'],
];

/** Where a person would hover on a line: the key (or instruction) and, after `key:` or `- `, the value. */
function probes(line: string): { what: 'key' | 'value'; character: number }[] {
  const indent = line.search(/\S/);
  if (indent < 0 || line.trimStart().startsWith('#')) return [];
  const out: { what: 'key' | 'value'; character: number }[] = [];
  const item = /^(\s*-\s+)/.exec(line);
  if (item) return [{ what: 'value', character: item[1]!.length + 1 }];
  out.push({ what: 'key', character: indent + 1 });
  const colon = /^\s*[\w.-]+:\s+(?=\S)/.exec(line);
  if (colon) out.push({ what: 'value', character: colon[0].length + 1 });
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

function goldenOf(file: string, kind: 'compose' | 'dockerfile') {
  const filePath = path.join(ROOT, file);
  const text = readFileSync(filePath, 'utf8');
  const doc = snapshot(pathToFileURL(filePath).href, kind === 'compose' ? 'dockercompose' : 'dockerfile', 1, text);
  const failures: string[] = [];
  const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace: new FileSystemWorkspace({ roots: [ROOT] }) }, (m) => failures.push(m));
  const lines = text.split(/\r?\n/);
  const out: string[] = [`# ${file}`, '', '## Diagnostics', ''];
  const diagnostics = analysis.findings().map((f) => `- ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}: ${f.message}`);
  out.push(...(diagnostics.length > 0 ? diagnostics : ['(none)']), '', '## Document links', '');
  const links = analysis.links().map((l) => `- line ${l.range.start.line + 1} \`${lines[l.range.start.line]!.slice(l.range.start.character, l.range.end.character)}\` → ${rel(l.target)}`);
  out.push(...(links.length > 0 ? links : ['(none)']), '', '## Inlay hints', '');
  const end: Position = { line: lines.length, character: 0 };
  const hints = analysis.inlayHints({ start: { line: 0, character: 0 }, end }).map((h) => `- line ${h.position.line + 1} after \`${lines[h.position.line]!.slice(0, h.position.character).trim()}\`: ${h.label}`);
  out.push(...(hints.length > 0 ? hints : ['(none)']), '', '## Lines', '');
  const unexplained: string[] = [];
  lines.forEach((line, n) => {
    const ps = probes(line);
    if (ps.length === 0) return;
    out.push(`### ${n + 1}: \`${line.trim()}\``, '');
    let explained = false;
    let previous: string | undefined;
    for (const p of ps) {
      const position = { line: n, character: p.character };
      const hover = analysis.hover(position)?.markdown;
      const definitions = analysis.definition(position).map((d) => `${d.path ? rel(d.path) : file}:${d.range.start.line + 1}`);
      if (hover) explained = true;
      const shown = hover === undefined ? '(no hover)' : hover === previous ? '(same hover)' : hover;
      previous = hover ?? previous;
      out.push(`**${p.what}:**${definitions.length > 0 ? ` definition → ${definitions.join(', ')}` : ''}`, '', ...shown.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)), '');
    }
    if (!explained && mustExplain(kind, lines, n)) unexplained.push(`${n + 1}: ${line.trim()}`);
  });
  assert.deepEqual(failures, [], `${file}: analysis failures`);
  // Absolute paths differ per checkout: the golden says <taskflow>.
  return { golden: out.join('\n').split(ROOT).join('<taskflow>'), unexplained };
}

/** Lines the example promises an explanation for: services, ports, volumes, healthchecks, commands, instructions. */
function mustExplain(kind: 'compose' | 'dockerfile', lines: string[], n: number): boolean {
  const line = lines[n]!;
  if (kind === 'dockerfile') return /^[A-Z]+\s/.test(line);
  if (/^ {2}[\w-]+:\s*$/.test(line) && sectionOf(lines, n) === 'services') return true;
  if (/^ {4}(command|build|image|ports|volumes|healthcheck|depends_on):/.test(line)) return true;
  if (/^ {6}(test|interval|timeout|retries|start_period):/.test(line)) return true;
  const parent = parentKey(lines, n);
  return /^\s+-\s/.test(line) && (parent === 'ports' || parent === 'volumes');
}

function sectionOf(lines: string[], n: number): string | undefined {
  for (let i = n; i >= 0; i--) {
    const m = /^([\w-]+):/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

function parentKey(lines: string[], n: number): string | undefined {
  const indent = lines[n]!.search(/\S/);
  for (let i = n - 1; i >= 0; i--) {
    const m = /^(\s*)([\w-]+):\s*$/.exec(lines[i]!);
    if (m && m[1]!.length < indent) return m[2];
  }
  return undefined;
}

for (const [file, kind] of FILES) {
  test(`examples/taskflow golden: ${file}`, () => {
    const { golden, unexplained } = goldenOf(file, kind);
    assert.deepEqual(unexplained, [], `${file}: lines without an explanation`);
    const goldenFile = path.join(GOLDEN, `${file.replace(/\//g, '__')}.golden.md`);
    if (update) writeFileSync(goldenFile, golden);
    else assert.equal(golden, readFileSync(goldenFile, 'utf8'));
  });
}
