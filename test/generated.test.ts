// docs/rules.md and the settings block of package.json are generated from the registry: fail on drift.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configurationProperties, rulesMarkdown } from '../server/src/docs/generated';
import { ALL_RULES } from '../server/src/registry';

test('docs/rules.md is up to date with the registry (run `npm run generate`)', () => {
  assert.equal(readFileSync('docs/rules.md', 'utf8'), rulesMarkdown());
});

test('package.json settings are up to date with the registry (run `npm run generate`)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.configuration.properties, configurationProperties());
});

test('rule ids are unique, kebab-case, and every rule has docs and a title', () => {
  const ids = ALL_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of ALL_RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z0-9]+)*$/);
    assert.ok(r.title.length > 10 && r.docs.length > 100, r.id);
  }
});

test('the manifest activates on, and serves, the dockerfile and dockercompose languages', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  // `yaml` activates only the Compose-by-content offer; the server starts with the first Dockerfile or compose document.
  assert.deepEqual(pkg.activationEvents, ['onLanguage:dockerfile', 'onLanguage:dockercompose', 'onLanguage:yaml']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.bin.docklens, 'server/out/cli.js');
  assert.equal(pkg.bin['docklens-language-server'], 'server/out/server.js');
});

test('the README gives other editors the V8 flags the VS Code client starts the server with', () => {
  const flags: string[] = JSON.parse(readFileSync('server/src/nodeFlags.json', 'utf8'));
  const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
  assert.ok(flags.length > 0);
  assert.ok(readme.includes(`\`node ${flags.join(' ')} server/out/server.js --stdio\``), 'README.md "Other editors" names other flags');
});
