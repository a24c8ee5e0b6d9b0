// Inputs that killed or hung a peer Dockerfile language server (../shared/corpus/crashers/, see its README:
// dockerfile-ast 0.7.1 overflows its stack on them, dockerfile-utils' stage-name regex backtracks
// exponentially) plus our own variants (test/fixtures/crashers/: a variable then a trailing continuation at
// the end of the file, with an escape directive, inside and after heredocs). Each must be survived by
// (a) the analysis core, quickly; (b) the CLI; (c) one long-lived language server process. The rest of
// such a file must still be analysed: the findings expected in it are still reported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE } from '../server/src/core/workspace';
import { LspClient, uriOf } from './lspClient';

const ROOT = process.cwd();
const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');
const CORPUS_CRASHERS = path.join(CORPUS, 'crashers');
const LOCAL_CRASHERS = path.join(ROOT, 'test/fixtures/crashers');
const CLI = path.join(ROOT, 'server/out/cli.js');
const BUDGET_MS = 2_000;

/** 0-based lines of the COPY each copy-before-install finding must start on (absent: not checked). */
const EXPECTED_COPY_BEFORE_INSTALL: Record<string, number[]> = {
  // The corpus crashers hold no whole-source COPY before an install (stack-overflow-1 copies `./src-ui`,
  // which is not a folder of this build context).
  'redos-stage-name.Dockerfile': [],
  'stack-overflow-1.Dockerfile': [],
  'stack-overflow-2.Dockerfile': [],
  'stack-overflow-3.Dockerfile': [],
  'trailing-continuation.Dockerfile': [],
  'trailing-continuation-python.Dockerfile': [2],
  'escape-backtick-trailing.Dockerfile': [3],
  'heredoc-unterminated.Dockerfile': [3],
  'heredoc-escape-trailing.Dockerfile': [4],
};

interface Input {
  name: string;
  file: string;
  text: string;
}

function inputsIn(dir: string): Input[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !/\.(md|mjs|tsv)$/i.test(name))
    .sort()
    .map((name) => ({ name, file: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') }));
}

const corpusInputs = inputsIn(CORPUS_CRASHERS);
const localInputs = inputsIn(LOCAL_CRASHERS);
const INPUTS = [...corpusInputs, ...localInputs];

const lineStarts = (text: string) => text.split(/\r\n|\r|\n/);

/** Positions to hover on a line: its start, its first non-blank, its middle and its end. */
function hoverPoints(line: string): number[] {
  return [...new Set([0, Math.max(0, line.search(/\S/)), Math.floor(line.length / 2), line.length])];
}

test('the crasher inputs are present', () => {
  assert.ok(existsSync(CORPUS_CRASHERS), `${CORPUS_CRASHERS} (set DOCKLENS_CORPUS to the shared corpus)`);
  assert.deepEqual(
    corpusInputs.map((i) => i.name),
    ['redos-stage-name.Dockerfile', 'stack-overflow-1.Dockerfile', 'stack-overflow-2.Dockerfile', 'stack-overflow-3.Dockerfile'],
  );
  // The smallest trigger from the corpus README, byte for byte: no newline after the backslash.
  const trailing = localInputs.find((i) => i.name === 'trailing-continuation.Dockerfile');
  assert.equal(trailing?.text, 'FROM alpine\n  RUN echo "${A}" \\');
  for (const input of localInputs) assert.ok(/[\\`]$/.test(input.text), `${input.name} ends with a continuation character`);
});

// ---------------------------------------------------------------- (a) the analysis core

function analyse(input: { name: string; file: string; text: string }, hoverEveryLine = true): { findings: { ruleId: string; line: number }[]; failures: string[] } {
  const failures: string[] = [];
  const started = performance.now();
  const doc = snapshot(uriOf(input.file), 'dockerfile', 1, input.text);
  const analysis = DocumentAnalysis.create(doc, 'dockerfile', { filePath: input.file, workspace: EMPTY_WORKSPACE }, (m) => failures.push(m));
  const diagnoses = analysis.diagnoses();
  const diagnosesMs = performance.now() - started;
  assert.ok(diagnosesMs < BUDGET_MS, `${input.name}: diagnoses() took ${Math.round(diagnosesMs)} ms`);

  const lines = lineStarts(input.text);
  const sample = hoverEveryLine ? lines.map((_, i) => i) : [...new Set([0, 1, Math.floor(lines.length / 2), lines.length - 2, lines.length - 1])].filter((l) => l >= 0);
  for (const line of [...sample, lines.length /* one past the end */]) {
    for (const character of hoverPoints(lines[line] ?? '')) {
      const t0 = performance.now();
      const hover = analysis.hover({ line, character });
      const ms = performance.now() - t0;
      assert.ok(ms < BUDGET_MS, `${input.name}: hover at ${line}:${character} took ${Math.round(ms)} ms`);
      if (hover) assert.equal(typeof hover.markdown, 'string');
    }
  }
  return { findings: diagnoses.map((d) => ({ ruleId: d.ruleId, line: d.range.start.line })), failures };
}

for (const input of INPUTS) {
  test(`(a) core: ${input.name} — diagnoses() and a hover on every line, each < ${BUDGET_MS} ms, nothing thrown`, () => {
    const { findings, failures } = analyse(input);
    assert.deepEqual(failures, [], 'no rule or hover topic may fail on it');
    const expected = EXPECTED_COPY_BEFORE_INSTALL[input.name];
    if (expected) {
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'copy-before-install').map((f) => f.line),
        expected,
        'copy-before-install findings (the rest of the file is still analysed)',
      );
    }
  });
}

// Generated variants of the same failure modes, larger than any real file but far below the 1,000,000
// characters docklens analyses: the analysis must stay fast on them too.
const GENERATED: { name: string; text: string; copyBeforeInstall?: number[] }[] = [
  { name: 'stage name of 64 letters then `=` (the redos shape, 2^36 times the corpus one)', text: `FROM b AS ${'abcdefgh'.repeat(8)}=\nRUN echo hi\n` },
  { name: '5,000 nested ${A:-…} then a trailing backslash', text: 'FROM alpine\nRUN echo "' + '${A:-'.repeat(5000) + '}'.repeat(5000) + '" \\' },
  { name: '5,000 unclosed ${ then a trailing backslash', text: 'FROM alpine\nRUN echo ' + '${A:-'.repeat(5000) + ' \\' },
  { name: '20,000 continuation lines ending the file', text: 'FROM alpine\nRUN echo "${A}" \\\n' + '  "${A}" \\\n'.repeat(20_000) },
  { name: 'an unterminated heredoc of 20,000 lines', text: 'FROM alpine\nRUN <<EOF\n' + 'echo "${A}" \\\n'.repeat(20_000) },
  { name: '1,000 escape directives', text: '# escape=`\n'.repeat(1000) + 'FROM alpine\nRUN echo "${A}" `' },
  {
    name: '8,000 relative WORKDIRs before COPY . . and npm ci',
    text: 'FROM node:20\n' + 'WORKDIR app\n'.repeat(8000) + 'COPY . .\nRUN npm ci\n',
    copyBeforeInstall: [8001],
  },
];

for (const g of GENERATED) {
  test(`(a) core, generated: ${g.name} — each call < ${BUDGET_MS} ms`, () => {
    const { findings, failures } = analyse({ name: g.name, file: path.join(LOCAL_CRASHERS, 'generated.Dockerfile'), text: g.text }, false);
    assert.deepEqual(failures, []);
    if (g.copyBeforeInstall) {
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'copy-before-install').map((f) => f.line),
        g.copyBeforeInstall,
      );
    }
  });
}

// ---------------------------------------------------------------- (b) the CLI

for (const input of INPUTS) {
  test(`(b) cli: check ${input.name} exits 0 or 1, without a crash`, () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', format, input.file], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
      if (r.error) throw r.error;
      assert.equal(r.signal, null, `${format}: killed (timeout?)`);
      assert.ok(r.status === 0 || r.status === 1, `${format}: exit ${r.status}; stderr: ${r.stderr}`);
      assert.equal(r.stderr, '', format);
      if (format !== 'text') JSON.parse(r.stdout);
      const expected = EXPECTED_COPY_BEFORE_INSTALL[input.name];
      if (format === 'json' && expected) {
        const findings = JSON.parse(r.stdout) as { rule: string; line: number }[];
        assert.deepEqual(
          findings.filter((f) => f.rule === 'copy-before-install').map((f) => f.line - 1),
          expected,
        );
        assert.equal(r.status, expected.length > 0 ? 1 : 0);
      }
    }
    // explain on the last line (the dangling continuation) answers too.
    const last = lineStarts(input.text).length;
    const r = spawnSync(process.execPath, [CLI, 'explain', `${input.file}:${last}:1`], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
}

// ---------------------------------------------------------------- (c) one language server for all of them

test('(c) server: one process opens every crasher, hovers every line, and still answers afterwards', async (t) => {
  const { client } = await LspClient.start({ textDocument: { publishDiagnostics: { versionSupport: true } } }, { root: [CORPUS_CRASHERS, LOCAL_CRASHERS] });
  t.after(() => client.kill());
  const alive = () => assert.ok(client.alive, `the server exited; stderr: ${client.stderr}`);

  for (const input of INPUTS) {
    await t.test(input.name, async () => {
      const uri = await client.open(input.file, 'dockerfile', input.text);
      const diagnostics = await client.nextDiagnostics(uri);
      assert.equal(diagnostics.version, 1);
      const expected = EXPECTED_COPY_BEFORE_INSTALL[input.name];
      if (expected) {
        assert.deepEqual(
          diagnostics.diagnostics.filter((d) => d.code === 'copy-before-install').map((d) => d.range.start.line),
          expected,
        );
      }
      const lines = lineStarts(input.text);
      for (let line = 0; line <= lines.length; line++) {
        for (const character of hoverPoints(lines[line] ?? '')) await client.hover(uri, line, character);
      }
      alive();
    });
  }

  await t.test('afterwards: still alive, still answers a hover, logged no failure', async () => {
    alive();
    const input = localInputs.find((i) => i.name === 'trailing-continuation-python.Dockerfile');
    assert.ok(input);
    const result = await client.hover(uriOf(input.file), 3, 1);
    assert.ok(result, 'a hover on `RUN pip install -r requirements.txt`');
    assert.match((result.contents as { value: string }).value, /build cache/);
    assert.deepEqual(
      client.logs.filter((l) => /uncaught|unhandled|failed|could not parse/i.test(l)),
      [],
    );
    alive();
  });

  await t.test('shutdown + exit: exit code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});
