// End-to-end tests of the `docklens` command line: the REAL bundled CLI (server/out/cli.js) run with
// spawnSync. Output formats against goldens (test/fixtures/cli/golden/), exit codes and --fail-on,
// directory recursion, --fix, explain, usage errors, and inputs that must not crash it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'server/out/cli.js');
const FIXTURES = 'test/fixtures/cli';
const BAD = `${FIXTURES}/node-app`;
const GOOD = `${FIXTURES}/node-app-good`;
const GOLDEN = path.join(ROOT, FIXTURES, 'golden');
const golden = (name: string) => readFileSync(path.join(GOLDEN, name), 'utf8');

const RULES_DOC = 'https://github.com/docklens/docklens/blob/main/docs/rules.md';
const MESSAGE =
  '`COPY . .` copies the whole build context before `npm ci` (line 7) installs the Node.js (npm) dependencies from ' +
  '`package.json`, `package-lock.json`: every change to any source file re-runs `npm ci`. Copy the dependency manifests ' +
  'first, install, then copy the rest of the sources.';
const FIX_TITLE = 'Copy the manifests first and move `COPY . .` after the install';

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Run {
  assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does)`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** A crash prints a JS stack (`    at fn (file:line)`) or an internal-error line; neither may ever appear. */
function assertNoCrash(r: Run, what: string): void {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal} (timeout?)`);
  assert.doesNotMatch(r.stderr, /^\s+at .+/m, `${what}: stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|RangeError|TypeError|FATAL|out of memory/i, `${what}: crash on stderr:\n${r.stderr}`);
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'docklens-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(root: string, rel: string, content: string | Buffer): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

// ---------------------------------------------------------------- check: text output and --fail-on

test('check (text): the bad fixture gives the golden line, exit code by --fail-on', async (t) => {
  const expected = golden('node-app.check.txt');
  assert.equal(expected, `${BAD}/Dockerfile:6:1: warning copy-before-install: ${MESSAGE}\n`, 'the golden itself');
  const table: [args: string[], status: number][] = [
    [[], 1], // default: --fail-on warning
    [['--fail-on', 'warning'], 1],
    [['--fail-on', 'error'], 0],
    [['--fail-on=error'], 0],
    [['--fail-on', 'never'], 0],
    [['--fail-on', 'info'], 1],
    [['--fail-on', 'information'], 1],
  ];
  for (const [args, status] of table) {
    await t.test(`check ${args.join(' ') || '(defaults)'} → exit ${status}`, () => {
      const r = cli(['check', ...args, BAD]);
      assertNoCrash(r, args.join(' '));
      assert.equal(r.stdout, expected);
      assert.equal(r.stderr, '');
      assert.equal(r.status, status);
    });
  }
});

test('check: the same file named directly gives the same finding', () => {
  const r = cli(['check', `${BAD}/Dockerfile`]);
  assert.equal(r.stdout, golden('node-app.check.txt'));
  assert.equal(r.status, 1);
});

test('check: a clean fixture → no output, exit 0 (even with --fail-on info)', () => {
  for (const args of [[], ['--fail-on', 'info'], ['--format', 'json']]) {
    const r = cli(['check', ...args, GOOD]);
    assertNoCrash(r, 'clean');
    assert.equal(r.stdout, args.includes('json') ? '[]\n' : '');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0, args.join(' '));
  }
});

// ---------------------------------------------------------------- check: json and sarif

test('check --format json: golden JSON with 1-based positions and fix titles', () => {
  const r = cli(['check', '--format', 'json', BAD]);
  assertNoCrash(r, 'json');
  assert.equal(r.status, 1);
  const actual = JSON.parse(r.stdout) as unknown;
  assert.deepEqual(actual, JSON.parse(golden('node-app.check.json')));
  assert.deepEqual(actual, [
    {
      file: `${BAD}/Dockerfile`,
      line: 6,
      col: 1,
      endLine: 6,
      endCol: 9,
      severity: 'warning',
      rule: 'copy-before-install',
      message: MESSAGE,
      fixes: [{ title: FIX_TITLE }],
    },
  ]);
});

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration?: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
    }[];
  }[];
}

test('check --format sarif: a SARIF 2.1.0 log', () => {
  const r = cli(['check', '--format', 'sarif', BAD]);
  assertNoCrash(r, 'sarif');
  assert.equal(r.status, 1);
  const sarif = JSON.parse(r.stdout) as SarifLog;
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0]!;
  assert.equal(run.tool.driver.name, 'docklens');
  assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
  const ids = run.tool.driver.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of run.tool.driver.rules) {
    assert.equal(rule.helpUri, `${RULES_DOC}#${rule.id}`);
    assert.ok(rule.shortDescription.text.length > 0, rule.id);
  }
  const rule = run.tool.driver.rules.find((x) => x.id === 'copy-before-install');
  assert.ok(rule, 'rules include copy-before-install');
  assert.equal(rule.defaultConfiguration?.level, 'warning');

  assert.equal(run.results.length, 1);
  const result = run.results[0]!;
  assert.equal(result.ruleId, 'copy-before-install');
  assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, 'copy-before-install', 'ruleIndex points at the rule');
  assert.equal(result.level, 'warning');
  assert.equal(result.message.text, MESSAGE);
  assert.equal(result.locations.length, 1);
  const location = result.locations[0]!.physicalLocation;
  assert.equal(location.artifactLocation.uri, `${BAD}/Dockerfile`);
  assert.deepEqual(location.region, { startLine: 6, startColumn: 1, endLine: 6, endColumn: 9 });
});

test('check --format sarif: artifact URIs are relative to the working folder, with forward slashes, percent-encoded', (t) => {
  const dir = tempDir(t);
  cpSync(path.join(ROOT, BAD), path.join(dir, 'my app', 'web'), { recursive: true });
  const r = cli(['check', '--format', 'sarif', '--fail-on', 'never', '.'], { cwd: dir });
  assertNoCrash(r, 'sarif in temp');
  assert.equal(r.status, 0);
  const sarif = JSON.parse(r.stdout) as SarifLog;
  const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.deepEqual(uris, ['my%20app/web/Dockerfile']);
});

test('check --format sarif: information findings are SARIF notes', (t) => {
  const dir = tempDir(t);
  write(dir, 'Dockerfile', 'FROM alpine\n' + 'RUN echo hello\n'.repeat(70_000));
  const r = cli(['check', '--format', 'sarif', 'Dockerfile'], { cwd: dir });
  assert.equal(r.status, 0);
  const results = (JSON.parse(r.stdout) as SarifLog).runs[0]!.results;
  assert.deepEqual(
    results.map((x) => [x.ruleId, x.level]),
    [['file-too-large', 'note']],
  );
});

// ---------------------------------------------------------------- directory recursion

test('check DIR: recognises Dockerfiles and compose files by name in any case, skips node_modules/.git and other files', (t) => {
  const dir = tempDir(t);
  // Every Dockerfile here has one copy-before-install finding and every compose file one
  // compose-version-obsolete finding, so the output lists exactly the files that were analysed.
  const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "http.server", "8000"]\n';
  const compose = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
  const analysed = {
    dockerfile: ['Dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'x.dockerfile', 'Containerfile', 'sub/DOCKERFILE', 'sub/deeper/containerfile.prod', 'sub/Worker.DockerFile'],
    compose: ['compose.yaml', 'docker-compose.prod.yml', 'sub/COMPOSE.YML', 'sub/deeper/Docker-Compose.Override.YAML'],
  };
  const ignored = [
    'node_modules/pkg/Dockerfile',
    'sub/node_modules/x/compose.yaml',
    '.git/Dockerfile',
    '.git/refs/compose.yaml',
    'README.md',
    'docs/Dockerfile.md',
    'notes.txt',
    'config.yaml',
    'scripts/build.sh',
  ];
  for (const f of analysed.dockerfile) write(dir, f, dockerfile);
  for (const f of analysed.compose) write(dir, f, compose);
  for (const f of ignored) write(dir, f, f.endsWith('.yaml') ? compose : dockerfile);

  const r = cli(['check', '--format', 'json', '--fail-on', 'never', '.'], { cwd: dir });
  assertNoCrash(r, 'recursion');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const findings = JSON.parse(r.stdout) as { file: string; rule: string }[];
  const byFile = new Map(findings.map((f) => [f.file.split(path.sep).join('/'), f.rule]));
  assert.equal(byFile.size, findings.length, 'one finding per file');
  const expected = new Map<string, string>([
    ...analysed.dockerfile.map((f) => [f, 'copy-before-install'] as const),
    ...analysed.compose.map((f) => [f, 'compose-version-obsolete'] as const),
  ]);
  assert.deepEqual([...byFile].sort(), [...expected].sort());

  // The default --fail-on warning fails on the Dockerfiles' warnings.
  assert.equal(cli(['check', '.'], { cwd: dir }).status, 1);
});

// ---------------------------------------------------------------- --fix

test('check --fix rewrites the file exactly as the golden, reports it on stderr, and is idempotent', (t) => {
  const dir = tempDir(t);
  cpSync(path.join(ROOT, BAD), dir, { recursive: true });
  const file = path.join(dir, 'Dockerfile');

  const first = cli(['check', '--fix', 'Dockerfile'], { cwd: dir });
  assertNoCrash(first, 'first --fix');
  assert.equal(readFileSync(file, 'utf8'), golden('node-app.fixed.golden'));
  assert.equal(first.stderr, `fixed Dockerfile:6: copy-before-install: ${FIX_TITLE}\n`);
  assert.equal(first.stdout, '', 'nothing remains to report after the fix');
  assert.equal(first.status, 0);

  const second = cli(['check', '--fix', 'Dockerfile'], { cwd: dir });
  assertNoCrash(second, 'second --fix');
  assert.equal(readFileSync(file, 'utf8'), golden('node-app.fixed.golden'), 'a second --fix changes nothing');
  assert.equal(second.stderr, '');
  assert.equal(second.stdout, '');
  assert.equal(second.status, 0);
});

test('check --fix leaves a finding without an automatic fix alone and still reports it', (t) => {
  const dir = tempDir(t);
  // No requirements.txt in the build context: the rule explains the pattern but offers no fix.
  const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
  const file = write(dir, 'Dockerfile', text);
  const r = cli(['check', '--fix', '--format', 'json', 'Dockerfile'], { cwd: dir });
  assertNoCrash(r, '--fix without fix');
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.equal(r.stderr, '');
  const findings = JSON.parse(r.stdout) as { rule: string; fixes: unknown[]; message: string }[];
  assert.deepEqual(
    findings.map((f) => [f.rule, f.fixes]),
    [['copy-before-install', []]],
  );
  assert.match(findings[0]!.message, /No automatic fix: `requirements\.txt` is not in the build context\./);
  assert.equal(r.status, 1);
});

// ---------------------------------------------------------------- explain

test('explain FILE:LINE:COL prints the hover markdown', () => {
  const r = cli(['explain', `${BAD}/Dockerfile:7:5`]);
  assertNoCrash(r, 'explain');
  assert.equal(r.stdout, golden('node-app.explain-run.md'));
  assert.match(r.stdout, /build cache/);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('explain on a blank line or a line without an explanation prints nothing, exit 0', () => {
  for (const place of ['5:1', '1:1', '99:1']) {
    const r = cli(['explain', `${BAD}/Dockerfile:${place}`]);
    assertNoCrash(r, place);
    assert.equal(r.stdout, '', place);
    assert.equal(r.stderr, '', place);
    assert.equal(r.status, 0, place);
  }
});

// ---------------------------------------------------------------- usage errors

test('usage errors: exit 2, one clear line (plus the --help pointer), no stack trace', async (t) => {
  const table: [args: string[], message: string][] = [
    [['check'], 'check needs at least one file or folder'],
    [['check', '--bogus', BAD], 'unknown option --bogus'],
    [['check', '--format', 'xml', BAD], '--format must be text, json or sarif, not "xml"'],
    [['check', BAD, '--format'], '--format needs a value'],
    [['check', '--fail-on', 'sometimes', BAD], '--fail-on must be error, warning, info or never, not "sometimes"'],
    [['check', `${FIXTURES}/does-not-exist/Dockerfile`], `cannot read ${FIXTURES}/does-not-exist/Dockerfile: no such file or directory`],
    [['explain'], 'explain needs exactly one FILE:LINE:COL'],
    [['explain', `${BAD}/Dockerfile`], `expected FILE:LINE:COL (1-based), got "${BAD}/Dockerfile"`],
    [['explain', `${BAD}/Dockerfile:7`], `expected FILE:LINE:COL (1-based), got "${BAD}/Dockerfile:7"`],
    [['explain', `${BAD}/Dockerfile:x:1`], `expected FILE:LINE:COL (1-based), got "${BAD}/Dockerfile:x:1"`],
    [['explain', `${FIXTURES}/nope/Dockerfile:1:1`], `cannot read ${FIXTURES}/nope/Dockerfile: no such file`],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ];
  for (const [args, message] of table) {
    await t.test(args.join(' '), () => {
      const r = cli(args);
      assertNoCrash(r, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `docklens: ${message}\nRun \`docklens --help\` for usage.\n`);
      assert.equal(r.status, 2);
    });
  }
});

test('no command prints the usage and exits 2; --help exits 0', () => {
  const none = cli([]);
  assert.match(none.stdout, /^docklens .*\n\nUsage:\n/);
  assert.equal(none.status, 2);
  const help = cli(['--help']);
  assert.equal(help.stdout, none.stdout);
  assert.equal(help.status, 0);
});

// ---------------------------------------------------------------- bad input

test('binary files named Dockerfile / compose.yaml are skipped with a message, no crash, exit 0', (t) => {
  const dir = tempDir(t);
  write(dir, 'Dockerfile', Buffer.from('FROM alpine\n\0\x01\x02\xffRUN npm ci\n\0', 'latin1'));
  write(dir, 'svc/compose.yaml', Buffer.from([0x73, 0x65, 0x72, 0x76, 0x00, 0x00, 0x0a, 0xfe, 0x00]));
  const r = cli(['check', '.'], { cwd: dir });
  assertNoCrash(r, 'binary');
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `docklens: ${'Dockerfile'}: skipped: binary file\ndocklens: ${path.join('svc', 'compose.yaml')}: skipped: binary file\n`,
  );
  assert.equal(r.status, 0);
});

test('an empty Dockerfile (and an empty compose.yaml) → no output, exit 0', (t) => {
  const dir = tempDir(t);
  write(dir, 'Dockerfile', '');
  write(dir, 'compose.yaml', '');
  for (const target of ['.', 'Dockerfile', 'compose.yaml']) {
    const r = cli(['check', '--fail-on', 'info', target], { cwd: dir });
    assertNoCrash(r, target);
    assert.equal(r.stdout, '', target);
    assert.equal(r.stderr, '', target);
    assert.equal(r.status, 0, target);
  }
});

// BuildKit drops a UTF-8 byte order mark before the first line (frontend/dockerfile/parser: "First line,
// strip the byte-order-marker if present"), and editors hide it. Windows editors save files with one.
test('a Dockerfile saved with a UTF-8 BOM is analysed like BuildKit reads it: same finding, same place; --fix keeps the BOM', async (t) => {
  const original = readFileSync(path.join(ROOT, BAD, 'Dockerfile'), 'utf8');
  const fixed = golden('node-app.fixed.golden');
  const dropFirstLine = (text: string) => text.slice(text.indexOf('\n') + 1);
  // The fixture starts with a `# syntax=` comment; without it the BOM sits right before `FROM`.
  const cases: [name: string, text: string, fixedText: string, line: number][] = [
    ['BOM before a comment line', original, fixed, 6],
    ['BOM right before FROM', dropFirstLine(original), dropFirstLine(fixed), 5],
  ];
  for (const [name, text, fixedText, line] of cases) {
    await t.test(name, (t) => {
      const dir = tempDir(t);
      cpSync(path.join(ROOT, BAD), dir, { recursive: true });
      const file = path.join(dir, 'Dockerfile');
      writeFileSync(file, '\uFEFF' + text);

      const r = cli(['check', 'Dockerfile'], { cwd: dir });
      assertNoCrash(r, name);
      assert.equal(r.stdout, `Dockerfile:${line}:1: warning copy-before-install: ${MESSAGE.replace('(line 7)', `(line ${line + 1})`)}\n`);
      assert.equal(r.status, 1);

      const fix = cli(['check', '--fix', 'Dockerfile'], { cwd: dir });
      assertNoCrash(fix, `${name} --fix`);
      assert.equal(fix.stderr, `fixed Dockerfile:${line}: copy-before-install: ${FIX_TITLE}\n`);
      assert.equal(readFileSync(file, 'utf8'), '\uFEFF' + fixedText);
    });
  }
});

test('a compose file saved with a UTF-8 BOM: columns on line 1 do not count the BOM', (t) => {
  const dir = tempDir(t);
  write(dir, 'compose.yaml', '\uFEFFversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n');
  const r = cli(['check', '--format', 'json', 'compose.yaml'], { cwd: dir });
  assertNoCrash(r, 'BOM compose');
  const findings = JSON.parse(r.stdout) as { rule: string; line: number; col: number }[];
  assert.deepEqual(
    findings.map((f) => [f.rule, f.line, f.col]),
    [['compose-version-obsolete', 1, 1]],
  );
});

test('a 5 MB Dockerfile: fast, no crash, one informational file-too-large finding', (t) => {
  const dir = tempDir(t);
  const text = 'FROM alpine\n' + 'RUN echo hello\n'.repeat(Math.ceil((5 * 1024 * 1024) / 15));
  write(dir, 'Dockerfile', text);
  const chars = text.length.toLocaleString('en-US');
  const expected = `Dockerfile:1:1: information file-too-large: This file has ${chars} characters; docklens analyses files up to 1,000,000 characters and skipped it.\n`;

  const r = cli(['check', 'Dockerfile'], { cwd: dir, timeoutMs: 60_000 });
  assertNoCrash(r, '5 MB');
  assert.ok(r.ms < 15_000, `took ${Math.round(r.ms)} ms`);
  assert.equal(r.stdout, expected);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0, 'information is below the default --fail-on warning');

  assert.equal(cli(['check', '--fail-on', 'warning', '.'], { cwd: dir }).status, 0);
  const info = cli(['check', '--fail-on', 'info', '.'], { cwd: dir });
  assert.equal(info.stdout, expected);
  assert.equal(info.status, 1);

  const json = cli(['check', '--format', 'json', '.'], { cwd: dir });
  assert.deepEqual(JSON.parse(json.stdout), [
    {
      file: 'Dockerfile',
      line: 1,
      col: 1,
      endLine: 1,
      endCol: 1,
      severity: 'information',
      rule: 'file-too-large',
      message: `This file has ${chars} characters; docklens analyses files up to 1,000,000 characters and skipped it.`,
      fixes: [],
    },
  ]);
  // explain on a file too large to analyse explains nothing, quickly.
  const explain = cli(['explain', 'Dockerfile:2:1'], { cwd: dir });
  assertNoCrash(explain, 'explain 5 MB');
  assert.equal(explain.stdout, '');
  assert.equal(explain.status, 0);
});
