#!/usr/bin/env node
// `node scripts/check-vsix.mjs FILE.vsix` (the last step of `npm run package`): lists the entries of the
// package and fails when it is 1 MB or more, when it holds anything but the files the extension needs
// (a stray source map, test fixture or screenshot would slip past .vscodeignore unnoticed otherwise), or
// when one of those files is missing. A .vsix is a zip: its central directory is read directly, no
// dependency needed.
import fs from 'node:fs';
import path from 'node:path';

// 1 MB read strictly (10^6 bytes), the budget of issue #6.
const MAX_BYTES = 1_000_000;

/** Exactly these entries, each required, plus one file per grammar of package.json. */
const REQUIRED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/client/out/extension.js',
  // The language client, loaded only once a Dockerfile or compose document is open (client/src/extension.ts).
  'extension/client/out/languageServer.js',
  'extension/server/out/server.js',
  'extension/server/out/cli.js',
];

/** Name and sizes of every entry, from the zip's end-of-central-directory record and central directory. */
export function zipEntries(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error('zip64 archives are not expected for a .vsix under 1 MB');
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${n} at offset ${at}`);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size, compressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entries the package must hold: the fixed list, the icon and every contributed grammar. */
export function expectedEntries(manifest) {
  const rel = (p) => `extension/${path.posix.normalize(p.replace(/^\.\//, ''))}`;
  return [...REQUIRED, ...(manifest.icon ? [rel(manifest.icon)] : []), ...(manifest.contributes?.grammars ?? []).map((g) => rel(g.path))];
}

/** Problems found in the package; empty when it is fine. */
export function checkVsix({ bytes, entries, manifest }) {
  const problems = [];
  if (bytes >= MAX_BYTES) problems.push(`${bytes.toLocaleString('en-US')} bytes: the budget is under ${MAX_BYTES.toLocaleString('en-US')}`);
  const expected = new Set(expectedEntries(manifest));
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) if (!expected.has(e.name)) problems.push(`unexpected entry ${e.name} (${e.size} bytes): add it to the allow-list in scripts/check-vsix.mjs or exclude it in .vscodeignore`);
  for (const name of expected) if (!names.has(name)) problems.push(`missing entry ${name}`);
  return problems;
}

// Run as a script (the tests import the functions; their bundle has no import.meta).
if (/check-vsix\.mjs$/.test(process.argv[1] ?? '')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/check-vsix.mjs FILE.vsix');
    process.exit(2);
  }
  const buf = fs.readFileSync(file);
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const entries = zipEntries(buf);
  const width = Math.max(...entries.map((e) => e.name.length));
  for (const e of entries) console.log(`  ${e.name.padEnd(width)}  ${String(e.size).padStart(9)} B  (${String(e.compressed).padStart(8)} B compressed)`);
  const problems = checkVsix({ bytes: buf.length, entries, manifest });
  const summary = `${file}: ${buf.length.toLocaleString('en-US')} bytes (${((buf.length / MAX_BYTES) * 100).toFixed(1)}% of the 1 MB budget), ${entries.length} entries`;
  if (problems.length) {
    console.error(`check-vsix: FAIL ${summary}`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`check-vsix: OK ${summary}`);
}
