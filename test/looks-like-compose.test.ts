// The Compose-by-content check behind the "Treat it as Compose?" offer (client/src/looksLikeCompose.ts), on
// real files: Compose files with names VS Code does not recognise must pass, YAML files of other tools that
// have `services:` somewhere (Kubernetes, GitHub Actions, GitLab CI, Woodpecker, Ansible, Helm values,
// OpenAPI) must not. Then every compose file of the shared corpus with a top-level `services:`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isComposeFileName, looksLikeCompose } from '../client/src/looksLikeCompose';

const FIXTURES = path.resolve('test/fixtures/looks-like-compose');
const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus', 'compose');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const verdicts = (dir: string) => filesUnder(dir).map((f) => [path.relative(dir, f), looksLikeCompose(readFileSync(f, 'utf8'))] as const);

test('Compose files with names VS Code does not recognise look like Compose', () => {
  assert.deepEqual(verdicts(path.join(FIXTURES, 'compose')), [
    ['anchors.yaml', true],
    ['crlf-dev.yml', true],
    ['include-first.yaml', true],
    ['local.yml', true],
    ['stack/prod.yaml', true],
    ['typo.yml', true],
  ]);
});

test('other YAML files with `services:` somewhere do not', () => {
  assert.deepEqual(verdicts(path.join(FIXTURES, 'not-compose')), [
    ['.github/workflows/ci.yml', false],
    ['.gitlab-ci.yml', false],
    ['.woodpecker.yml', false],
    ['k8s/deployment.yaml', false],
    ['mkdocs.yml', false],
    ['openapi.yaml', false],
    ['playbook.yml', false],
    ['services-catalog.yml', false],
    ['values.yaml', false],
  ]);
});

test('edge cases: empty, a bare `services:`, flow style, a second document, a huge file', () => {
  assert.equal(looksLikeCompose(''), false);
  assert.equal(looksLikeCompose('services:\n'), false);
  assert.equal(looksLikeCompose('services: {}\n'), false);
  assert.equal(looksLikeCompose('services:\n  web:\n'), false);
  assert.equal(looksLikeCompose('services:\n  web:\n    image: nginx\n---\nkind: Pod\n'), true);
  assert.equal(looksLikeCompose('services:\n  web: *base\n'), true);
  assert.equal(looksLikeCompose(`services:\n  web:\n    image: nginx\n    command: |\n      run:\n      x\n`), true);
  assert.equal(looksLikeCompose(`services:\n  web:\n    image: nginx\n${'x-pad: 1\n'.repeat(40_000)}`), false);
});

test('the names VS Code recognises itself are not offered', () => {
  for (const name of ['docker-compose.yml', 'docker-compose.override.yaml', 'compose.yaml', 'compose.dev.yml', 'my-docker-compose.prod.yml', 'Docker-Compose.YML']) {
    assert.equal(isComposeFileName(name), true, name);
  }
  for (const name of ['local.yml', 'prod.yaml', 'compose.json', 'stack.yml', 'composer.yaml']) assert.equal(isComposeFileName(name), false, name);
});

if (existsSync(CORPUS)) {
  test('every corpus compose file with a top-level `services:` looks like Compose', () => {
    const files = filesUnder(CORPUS).filter((f) => /^services:\s*(#.*)?$/m.test(readFileSync(f, 'utf8')));
    assert.ok(files.length > 100, `only ${files.length} files`);
    const missed = files.filter((f) => !looksLikeCompose(readFileSync(f, 'utf8'))).map((f) => path.basename(f));
    // A top-level key Compose does not know (here the typo `verson:`) is how a CI file or a Helm values file
    // looks too; Compose itself refuses this one ("additional properties 'verson' not allowed").
    assert.deepEqual(missed, ['vimagick__dockerfiles__3proxy__docker-compose.yml']);
  });
}
