// Per-rule severity settings and suppression comments, in compose files and Dockerfiles alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { normaliseSettings } from '../server/src/core/settings';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';

const COMPOSE = 'version: "3"\nservices:\n  db:\n    image: mysql:8.4\n    ports:\n      - 22:22\n';
const compose = (text: string) => DocumentAnalysis.create(snapshot('file:///p/compose.yaml', 'dockercompose', 1, text), 'compose', { workspace: EMPTY_WORKSPACE });
const DOCKERFILE = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
const dockerfile = (text: string) => DocumentAnalysis.create(snapshot('file:///p/Dockerfile', 'dockerfile', 1, text), 'dockerfile', { workspace: EMPTY_WORKSPACE });

const rulesOf = (a: DocumentAnalysis, s = normaliseSettings({})) => a.diagnoses(s).map((d) => `${d.ruleId}:${d.severity}`).sort();

test('default severities', () => {
  assert.deepEqual(rulesOf(compose(COMPOSE)), ['compose-version-obsolete:hint', 'port-sexagesimal:warning', 'unpersisted-data:warning']);
});

test('settings change a rule\'s severity or turn it off; unknown values are ignored', () => {
  const settings = normaliseSettings({ rules: { 'port-sexagesimal': 'error', 'unpersisted-data': 'off', 'compose-version-obsolete': 'loud' } });
  assert.deepEqual(rulesOf(compose(COMPOSE), settings), ['compose-version-obsolete:hint', 'port-sexagesimal:error']);
});

test('# docklens-ignore on the line before silences that finding only', () => {
  const text = COMPOSE.replace('      - 22:22', '      # docklens-ignore port-sexagesimal\n      - 22:22');
  assert.deepEqual(rulesOf(compose(text)), ['compose-version-obsolete:hint', 'unpersisted-data:warning']);
});

test('# docklens-ignore-file at the top silences a rule in the whole file', () => {
  const text = '# docklens-ignore-file unpersisted-data, compose-version-obsolete\n' + COMPOSE;
  assert.deepEqual(rulesOf(compose(text)), ['port-sexagesimal:warning']);
});

test('the same comments work in Dockerfiles', () => {
  assert.deepEqual(rulesOf(dockerfile(DOCKERFILE)), ['copy-before-install:warning']);
  assert.deepEqual(rulesOf(dockerfile(DOCKERFILE.replace('COPY . .', '# docklens-ignore copy-before-install\nCOPY . .'))), []);
  assert.deepEqual(rulesOf(dockerfile('# docklens-ignore-file copy-before-install\n' + DOCKERFILE)), []);
  // A comment further up, or for another rule, does not count.
  assert.deepEqual(rulesOf(dockerfile(DOCKERFILE.replace('WORKDIR /app', '# docklens-ignore copy-before-install\nWORKDIR /app'))), ['copy-before-install:warning']);
  assert.deepEqual(rulesOf(dockerfile(DOCKERFILE.replace('COPY . .', '# docklens-ignore unknown-key\nCOPY . .'))), ['copy-before-install:warning']);
});
