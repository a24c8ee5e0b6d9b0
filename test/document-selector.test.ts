// Which open documents start the language server: the ones its client syncs (file and untitled Dockerfiles
// and compose files), not a `git:` copy in a diff view, not YAML.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { served } from '../client/src/documentSelector';

const CASES: [string, string, boolean][] = [
  ['dockerfile', 'file', true],
  ['dockercompose', 'untitled', true],
  ['dockerfile', 'git', false],
  ['dockercompose', 'vscode-vfs', false],
  ['yaml', 'file', false],
];
for (const [languageId, scheme, want] of CASES) {
  test(`${languageId} (${scheme}:) ${want ? 'starts' : 'does not start'} the server`, () => assert.equal(served({ languageId, uri: { scheme } }), want));
}
