// scripts/check-vsix.mjs: reads a zip's central directory, and refuses a .vsix that is too large, holds a
// file it should not or lacks one it needs. The zips here are built in memory (stored, no compression).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkVsix, expectedEntries, zipEntries } from '../scripts/check-vsix.mjs';

/** A minimal stored zip: local headers, central directory, end record (CRCs are not checked by the reader). */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const complete = Object.fromEntries(expectedEntries(manifest).map((name) => [name, 'x']));

test('check-vsix reads every entry of a zip with its size', () => {
  assert.deepEqual(zipEntries(zip({ 'a.txt': 'hello', 'dir/b.json': '{}' })), [
    { name: 'a.txt', size: 5, compressed: 5 },
    { name: 'dir/b.json', size: 2, compressed: 2 },
  ]);
});

test('check-vsix expects the bundles, the manifest, README, CHANGELOG, LICENSE, the icon and every grammar', () => {
  assert.deepEqual(expectedEntries(manifest).filter((e) => e.includes('syntaxes/') || e.includes('images/')).sort(), [
    'extension/images/icon.png',
    'extension/syntaxes/dockercompose.tmLanguage.json',
    'extension/syntaxes/dockerfile-directives.tmLanguage.json',
  ]);
  assert.deepEqual(checkVsix({ bytes: 400_000, entries: zipEntries(zip(complete)), manifest }), []);
});

test('check-vsix refuses a README screenshot, a source map, a missing CHANGELOG and 1 MB or more', () => {
  const { 'extension/changelog.md': _dropped, ...rest } = complete;
  const files = { ...rest, 'extension/docs/images/hover.png': 'png', 'extension/server/out/server.js.map': '{}' };
  assert.deepEqual(checkVsix({ bytes: 1_000_000, entries: zipEntries(zip(files)), manifest }), [
    '1,000,000 bytes: the budget is under 1,000,000',
    'unexpected entry extension/docs/images/hover.png (3 bytes): add it to the allow-list in scripts/check-vsix.mjs or exclude it in .vscodeignore',
    'unexpected entry extension/server/out/server.js.map (2 bytes): add it to the allow-list in scripts/check-vsix.mjs or exclude it in .vscodeignore',
    'missing entry extension/changelog.md',
  ]);
});
