// The Dockerfile lexer agrees with dockerfile-ast (the reference parser) on every Dockerfile of the
// corpus: same instructions, keywords, lines, flags and arguments.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { lexDockerfile } from '../server/src/dockerfile/lexer';
import { snapshot } from '../server/src/core/text';

const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');

/** Arguments are compared where they are plain words: heredoc bodies and exec-form JSON are read otherwise. */
const plainArgs = (keyword: string, args: string[]) => ['COPY', 'ADD', 'FROM', 'WORKDIR'].includes(keyword) && !args.some((a) => a.startsWith('<<') || a.startsWith('['));

interface Shape {
  keyword: string;
  startLine: number;
  endLine: number;
  flags: [string, string | null][];
  args?: string[];
}

function reference(text: string): Shape[] {
  const ast = DockerfileParser.parse(text);
  return ast.getInstructions().map((ins) => {
    const r = ins.getRange();
    const keyword = ins.getKeyword().toUpperCase();
    const withFlags = ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
    return {
      keyword,
      startLine: r.start.line,
      endLine: r.end.line,
      flags: (withFlags.getFlags?.() ?? []).map((f) => [f.getName(), f.getValue()] as [string, string | null]),
      ...(plainArgs(keyword, ins.getArguments().map((a) => a.getValue())) ? { args: ins.getArguments().map((a) => a.getValue()) } : {}),
    };
  });
}

function ours(text: string): Shape[] {
  return lexDockerfile(snapshot('file:///x/Dockerfile', 'dockerfile', 1, text)).instructions.map((ins) => ({
    keyword: ins.keyword,
    startLine: ins.startLine,
    endLine: ins.endLine,
    flags: ins.flags.map((f) => [f.name, f.value] as [string, string | null]),
    ...(plainArgs(ins.keyword, ins.args) ? { args: ins.args } : {}),
  }));
}

const files = ['dockerfile', 'stress', 'crashers']
  .map((d) => path.join(CORPUS, d))
  .filter(existsSync)
  .flatMap((d) => readdirSync(d).filter((f) => !/\.(ya?ml|md)$/.test(f)).map((f) => path.join(d, f)));

test('the corpus has Dockerfiles to compare', () => assert.ok(files.length > 200));

for (const file of files) {
  test(`lexer agrees with dockerfile-ast: ${path.basename(file)}`, () => {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(ours(text), reference(text));
  });
}

test('lexer: directives, escape, heredocs, continuations with comment lines', () => {
  const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine AS base\nRUN echo a `\n  # note\n  && echo b\nCOPY <<EOF <<-END /dst/\nx\nEOF\n\tEND\nrun --mount=type=cache,target=/c echo hi\n';
  const model = lexDockerfile(snapshot('file:///x/Dockerfile', 'dockerfile', 1, text));
  assert.equal(model.escapeChar, '`');
  assert.deepEqual(model.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`']]);
  assert.deepEqual(model.instructions.map((i) => [i.keyword, i.startLine, i.endLine]), [['FROM', 2, 2], ['RUN', 3, 5], ['COPY', 6, 9], ['RUN', 10, 10]]);
  assert.deepEqual(model.instructions[3]!.flags.map((f) => [f.name, f.value]), [['mount', 'type=cache,target=/c']]);
});
