// File names that reach the dockerfile and compose analyses (the CLI's discovery and the server's fallback).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindFromFileName } from '../server/src/core/documentKind';

const CASES: [string, 'dockerfile' | 'compose' | undefined][] = [
  ['Dockerfile', 'dockerfile'],
  ['dockerfile', 'dockerfile'],
  ['Dockerfile.dev', 'dockerfile'],
  ['backend.dockerfile', 'dockerfile'],
  ['api.Dockerfile', 'dockerfile'],
  ['Containerfile', 'dockerfile'],
  ['worker.Containerfile', 'dockerfile'],
  ['CONTAINERFILE.prod', 'dockerfile'],
  ['compose.yaml', 'compose'],
  ['compose.override.yml', 'compose'],
  ['docker-compose.yml', 'compose'],
  ['docker-compose.prod.yaml', 'compose'],
  ['my-docker-compose.yml', 'compose'],
  ['Compose.YAML', 'compose'],
  ['compose-dev.yaml', 'compose'],
  ['composer.yaml', undefined],
  ['Dockerfile.md', undefined],
  ['Dockerfile.sh', undefined],
  ['README.md', undefined],
  ['values.yaml', undefined],
  ['dockerfile-ast.js', undefined],
];

for (const [name, kind] of CASES) {
  test(`${name} → ${kind ?? 'not analysed'}`, () => assert.equal(kindFromFileName(name), kind));
}
