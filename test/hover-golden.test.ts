// Golden hover tests: each case folder under test/fixtures/hover/<kind>/ holds one document with cursor
// markers `‸` (removed before analysis), optional context files (.env, Dockerfiles), and per marker a
// golden `hover-<n>.md` (or `hover-<n>.none` where nothing should be explained).
// UPDATE_GOLDEN=1 rewrites the goldens; read every changed one before committing it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { snapshot } from '../server/src/core/text';
import { FileSystemWorkspace } from '../server/src/core/workspace';

const MARKER = '‸';
const ROOT = path.resolve('test/fixtures/hover');
const update = process.env.UPDATE_GOLDEN === '1';

for (const kindDir of readdirSync(ROOT)) {
  for (const caseName of readdirSync(path.join(ROOT, kindDir))) {
    const caseDir = path.join(ROOT, kindDir, caseName);
    const docName = readdirSync(caseDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).find((f) => !f.endsWith('.md') && readFileSync(path.join(caseDir, f), 'utf8').includes(MARKER));
    if (!docName) continue;
    test(`hover ${kindDir}/${caseName}`, () => {
      const marked = readFileSync(path.join(caseDir, docName), 'utf8');
      const parts = marked.split(MARKER);
      const text = parts.join('');
      const offsets: number[] = [];
      for (let i = 0, at = 0; i < parts.length - 1; i++) offsets.push((at += parts[i]!.length));
      const filePath = path.join(caseDir, docName);
      const kind = kindFromFileName(docName) ?? 'compose';
      const workspace = new FileSystemWorkspace({ roots: [caseDir], overlay: (p) => (p === filePath ? text : undefined) });
      const doc = snapshot(pathToFileURL(filePath).href, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
      const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace });
      offsets.forEach((offset, i) => {
        const hover = analysis.hover(doc.positionAt(offset));
        // Absolute paths of the fixture folder differ per checkout: goldens say <case>.
        const actual = hover ? hover.markdown.split(caseDir).join('<case>') + '\n' : undefined;
        const mdFile = path.join(caseDir, `hover-${i + 1}.md`);
        const noneFile = path.join(caseDir, `hover-${i + 1}.none`);
        if (update) {
          rmSync(mdFile, { force: true });
          rmSync(noneFile, { force: true });
          if (actual === undefined) writeFileSync(noneFile, '');
          else writeFileSync(mdFile, actual);
          return;
        }
        if (existsSync(noneFile)) assert.equal(actual, undefined, `marker ${i + 1}: expected no hover`);
        else assert.equal(actual, readFileSync(mdFile, 'utf8'), `marker ${i + 1} of ${caseName}`);
      });
    });
  }
}
