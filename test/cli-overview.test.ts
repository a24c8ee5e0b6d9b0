// `docklens overview` end to end: the REAL bundled CLI (server/out/cli.js) with spawnSync. The JSON and SVG
// outputs match the goldens of overview.test.ts, --out picks the format from its extension, HTML wraps the
// same SVG, and usage errors exit 2 with the CLI's usual messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'server/out/cli.js');
const TASKFLOW = 'examples/taskflow/docker-compose.yml';
const GOLDEN = path.join(ROOT, 'test/fixtures/overview');
const golden = (rel: string) => readFileSync(path.join(GOLDEN, rel), 'utf8');

function cli(args: string[]) {
  assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'docklens-overview-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('overview: SVG on stdout by default, JSON with --format json, both equal to the goldens', () => {
  const svg = cli(['overview', TASKFLOW]);
  assert.equal(svg.status, 0, svg.stderr);
  assert.equal(svg.stderr, '');
  assert.equal(svg.stdout, golden('taskflow/expected.svg'));
  const json = cli(['overview', '--format', 'json', TASKFLOW]);
  assert.equal(json.status, 0, json.stderr);
  assert.equal(json.stdout, golden('taskflow/expected.json'));
  const multi = cli(['overview', 'test/fixtures/overview/multi-file/compose.yaml', '--format=json']);
  assert.equal(multi.stdout, golden('multi-file/expected.json'));
});

test('overview --out: the extension sets the format, --format wins over it, the file is written', (t) => {
  const dir = tempDir(t);
  const table: [args: string[], file: string, format: string][] = [
    [['--out', path.join(dir, 'overview.svg')], 'overview.svg', 'svg'],
    [['--out', path.join(dir, 'overview.html')], 'overview.html', 'html'],
    [['-o', path.join(dir, 'o.json')], 'o.json', 'json'],
    [['--out', path.join(dir, 'picture.txt'), '--format', 'html'], 'picture.txt', 'html'],
    [['--out', path.join(dir, 'plain')], 'plain', 'svg'],
  ];
  for (const [args, file, format] of table) {
    const r = cli(['overview', TASKFLOW, ...args]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `wrote ${path.join(dir, file)} (5 services, ${format})\n`);
    const written = readFileSync(path.join(dir, file), 'utf8');
    if (format === 'svg') assert.equal(written, golden('taskflow/expected.svg'));
    if (format === 'json') assert.equal(written, golden('taskflow/expected.json'));
    if (format === 'html') {
      assert.ok(written.startsWith('<!DOCTYPE html>'));
      assert.ok(written.includes(golden('taskflow/expected.svg')), 'the HTML holds the golden SVG');
      assert.match(written, /<title>Stack overview: docker-compose.yml<\/title>/);
    }
  }
});

test('overview: empty and broken compose files still give a well-formed picture (exit 0)', () => {
  for (const name of ['empty', 'invalid-yaml', 'broken']) {
    const r = cli(['overview', `test/fixtures/overview/${name}/compose.yaml`]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(XMLValidator.validate(r.stdout), true, name);
    assert.equal(r.stdout, golden(`${name}/expected.svg`));
  }
});

test('overview: usage errors exit 2 with a message and the help hint', (t) => {
  const dir = tempDir(t);
  const table: [args: string[], message: string][] = [
    [['overview'], 'overview needs a compose file'],
    [['overview', 'missing.yml'], 'cannot read missing.yml: no such file'],
    [['overview', 'examples/taskflow/backend/backend.dockerfile'], 'examples/taskflow/backend/backend.dockerfile is not a Docker Compose file (compose.yaml, docker-compose.yml, *.yaml …)'],
    [['overview', TASKFLOW, TASKFLOW], 'overview takes exactly one compose file'],
    [['overview', TASKFLOW, '--format', 'png'], '--format must be svg, html or json, not "png"'],
    [['overview', TASKFLOW, '--out'], '--out needs a value'],
    [['overview', TASKFLOW, '--colour'], 'unknown option --colour'],
    [['overview', TASKFLOW, '--out', path.join(dir, 'no/such/dir/o.svg')], `cannot write ${path.join(dir, 'no/such/dir/o.svg')}: ENOENT`],
  ];
  for (const [args, message] of table) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `docklens: ${message}\nRun \`docklens --help\` for usage.\n`);
  }
});

test('--help lists the overview command and its options', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^ {2}docklens overview FILE \[options\] {5}picture a compose project/m);
  assert.match(r.stdout, /^overview options:\n {2}--out PATH/m);
  assert.match(r.stdout, /^ {2}--format svg\|html\|json {5}output format \(default: from --out, else svg\)$/m);
});
