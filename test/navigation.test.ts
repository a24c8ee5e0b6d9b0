// Document links and go to definition, on a small project: compose file, include, .env, a Dockerfile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import type { FileLocation } from '../server/src/core/types';
import { FileSystemWorkspace } from '../server/src/core/workspace';

const ROOT = path.resolve('test/fixtures/navigation/project');
const workspace = new FileSystemWorkspace({ roots: [ROOT] });

function open(rel: string, kind: 'compose' | 'dockerfile') {
  const filePath = path.join(ROOT, rel);
  const text = readFileSync(filePath, 'utf8');
  const doc = snapshot(pathToFileURL(filePath).href, kind === 'compose' ? 'dockercompose' : 'dockerfile', 1, text);
  const failures: string[] = [];
  const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace }, (m) => failures.push(m));
  /** The position of the n-th occurrence of `needle` (plus `shift` characters). */
  const at = (needle: string, shift = 1, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not in ${rel}`);
    return doc.positionAt(i + shift);
  };
  return { analysis, text, doc, at, failures };
}

/** `file:line:col-text` of a location, relative to the fixture project. */
function describe(loc: FileLocation, self: string): string {
  const file = loc.path ? path.relative(ROOT, loc.path) : self;
  const text = readFileSync(path.join(ROOT, file), 'utf8').split('\n')[loc.range.start.line]!.slice(loc.range.start.character, loc.range.end.character);
  return `${file}:${loc.range.start.line + 1}: ${text}`;
}

test('compose document links: the build Dockerfile, env_file, a bind-mounted file, include', () => {
  const { analysis, failures } = open('compose.yaml', 'compose');
  const links = analysis.links().map((l) => `${l.range.start.line + 1} -> ${path.relative(ROOT, l.target)}`);
  assert.deepEqual(links, ['7 -> api/api.dockerfile', '9 -> api.env', '16 -> api/settings.toml', '2 -> shared/mail.compose.yaml']);
  assert.deepEqual(failures, []);
});

const COMPOSE_DEFINITIONS: [what: string, needle: string, nth: number, expected: string[]][] = [
  ['depends_on key → the service', '      db:', 0, ['compose.yaml:22: db']],
  ['depends_on on a service of an included file', '      mail:', 0, ['shared/mail.compose.yaml:2: mail']],
  ['links item → the service', '      - mail', 0, ['shared/mail.compose.yaml:2: mail']],
  ['named volume → its declaration', 'uploads:/srv', 0, ['compose.yaml:27: uploads']],
  ['network → its declaration', '      - backend', 0, ['compose.yaml:29: backend']],
  ['${VAR} → its .env line', '${DB_PASSWORD}', 0, ['.env:2: DB_PASSWORD']],
  ['a plain value → nothing', 'postgres:17', 0, []],
];

for (const [what, needle, nth, expected] of COMPOSE_DEFINITIONS) {
  test(`compose definition: ${what}`, () => {
    const { analysis, at, failures } = open('compose.yaml', 'compose');
    const shift = needle.search(/\S/) + 2;
    assert.deepEqual(analysis.definition(at(needle, shift, nth)).map((l) => describe(l, 'compose.yaml')), expected);
    assert.deepEqual(failures, []);
  });
}

const DOCKERFILE_DEFINITIONS: [what: string, needle: string, expected: string[]][] = [
  ['COPY --from=<stage> → that stage', '--from=build', ['api/api.dockerfile:6: FROM base AS build']],
  ['FROM <stage> → that stage', 'FROM base\n', ['api/api.dockerfile:2: FROM python:${PYTHON_VERSION}-slim AS base']],
  ['${ARG} in FROM → the global ARG', '${PYTHON_VERSION}', ['api/api.dockerfile:1: ARG PYTHON_VERSION=3.12']],
  ['$ARG in the stage → its ARG', '$APP_HOME', ['api/api.dockerfile:3: ARG APP_HOME=/srv/app']],
  ['$PATH (declared nowhere) → nothing', '$PATH', []],
];

for (const [what, needle, expected] of DOCKERFILE_DEFINITIONS) {
  test(`Dockerfile definition: ${what}`, () => {
    const { analysis, at, failures } = open('api/api.dockerfile', 'dockerfile');
    const shift = needle.startsWith('FROM') ? 6 : 3;
    assert.deepEqual(analysis.definition(at(needle, shift)).map((l) => describe(l, 'api/api.dockerfile')), expected);
    assert.deepEqual(failures, []);
  });
}
