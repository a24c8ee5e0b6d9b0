// Docklens runs beside Microsoft's Container Tools and Docker DX (../shared/docs/peers.md): its diagnostics
// must say where they come from (source `docklens`, a code and a link to the rule), and its hovers must
// explain the file, not repeat the generic per-instruction reference text those extensions already show
// (dockerfile-language-service, which Container Tools bundles: a fixed paragraph per keyword, a syntax
// example with placeholders, an "Online documentation" footer). Checked on every fixture and the example.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { normaliseSettings } from '../server/src/core/settings';
import { snapshot } from '../server/src/core/text';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { toDiagnostic } from '../server/src/lsp/convert';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';

const ROOTS = ['examples', 'test/fixtures/dockerfile', 'test/fixtures/compose', 'test/fixtures/hover', 'test/fixtures/cli', 'test/fixtures/lsp'].map((r) => path.resolve(r));
const MARKER = '‸';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const analysed = ROOTS.flatMap(filesUnder).flatMap((file) => {
  const kind = kindFromFileName(path.basename(file));
  if (!kind) return [];
  const text = readFileSync(file, 'utf8').split(MARKER).join('');
  const doc = snapshot(pathToFileURL(file).href, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
  const analysis = DocumentAnalysis.create(doc, kind, { filePath: file, workspace: new FileSystemWorkspace({ roots: [path.dirname(file)], overlay: (p) => (p === file ? text : undefined) }) });
  return [{ file: path.relative(process.cwd(), file), kind, text, analysis }];
});

test('every diagnostic says it comes from docklens, with the rule id as code and a link to the rule', () => {
  // Every rule at its own severity, including those that default to hint.
  const settings = normaliseSettings({});
  let count = 0;
  for (const { file, analysis } of analysed) {
    for (const d of analysis.diagnoses(settings).map((x) => toDiagnostic(x, 1))) {
      count++;
      assert.equal(d.source, 'docklens', `${file}: ${d.message}`);
      assert.match(String(d.code), /^[a-z0-9]+(-[a-z0-9]+)*$/, file);
      assert.equal(d.codeDescription?.href, `https://github.com/docklens/docklens/blob/main/docs/rules.md#${d.code}`, file);
      assert.doesNotMatch(typeof d.message === 'string' ? d.message : d.message.value, /^\[?docklens\]?:/i, 'the source is in `source`, not repeated in the message');
    }
  }
  assert.ok(count >= 40, `only ${count} diagnostics over ${analysed.length} files`);
});

/** The marks of generic reference hovers: a docs footer, version notes, syntax examples with placeholders. */
const REFERENCE_MARKS = [/Online documentation/i, /Since Docker \d/, /docs\.docker\.com\/engine\/reference\/builder/, /\bbaseImage\b/, /relative\/to\/workdir/];

/** The sentences of a peer hover worth comparing (its prose and example lines, not single words). */
function sentencesOf(markdown: string): string[] {
  return markdown
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/[`*_]/g, '').trim())
    .filter((s) => s.length >= 20 && !s.startsWith('[') && !/^`{3}/.test(s));
}

test('hovers explain this file: none repeats a sentence of the Dockerfile hover Container Tools shows at the same place', () => {
  // Container Tools (and Docker DX) show dockerfile-language-service's hovers on Dockerfiles: compute the
  // peer hover for the same position of the same file and compare.
  const peer = DockerfileLanguageServiceFactory.createLanguageService();
  let compared = 0;
  let hovers = 0;
  for (const { file, kind, text, analysis } of analysed) {
    text.split(/\r?\n/).forEach((line, n) => {
      const character = line.search(/[^\s-]/);
      if (character < 0 || line.trimStart().startsWith('#')) return;
      const position = { line: n, character: character + 1 };
      const peerHover = kind === 'dockerfile' ? peer.computeHover(text, position) : null;
      const contents = peerHover?.contents;
      const peerText = typeof contents === 'string' ? contents : contents && !Array.isArray(contents) ? contents.value : '';
      const peerSentences = sentencesOf(peerText);
      for (const detail of ['detailed', 'concise'] as const) {
        const hover = analysis.hover(position, normaliseSettings({ hover: { detail } }).hover)?.markdown;
        if (!hover) continue;
        hovers++;
        for (const mark of REFERENCE_MARKS) assert.doesNotMatch(hover, mark, `${file}:${n + 1} (${detail})`);
        const ours = hover.replace(/[`*_]/g, '');
        if (peerSentences.length > 0) compared++;
        for (const sentence of peerSentences) assert.ok(!ours.includes(sentence), `${file}:${n + 1} (${detail}) repeats "${sentence}"`);
      }
    });
  }
  assert.ok(hovers >= 300, `only ${hovers} hovers`);
  assert.ok(compared >= 100, `only ${compared} hovers had a peer hover to compare with`);
});
