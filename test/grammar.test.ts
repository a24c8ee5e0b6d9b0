// The grammars of syntaxes/, tokenised the way VS Code does it: vscode-textmate + vscode-oniguruma over the
// grammars VS Code 1.100 ships for YAML and Dockerfiles (vendored in test/fixtures/grammar/vscode/, see
// NOTICE there), wired from package.json's `contributes.grammars` (scope names, `injectTo`, the language a
// grammar is bound to), so a broken manifest entry fails here too.
// Two kinds of expectations: a table of one-line cases below, and golden token listings of the fixture
// files in test/fixtures/grammar/cases/ (`<file>.tokens`). UPDATE_GOLDEN=1 rewrites the listings; read
// every changed one before committing it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { composeGrammar, directivesGrammar } from '../scripts/make-grammars.mjs';

const VSCODE = path.resolve('test/fixtures/grammar/vscode');
const CASES = path.resolve('test/fixtures/grammar/cases');
const update = process.env.UPDATE_GOLDEN === '1';

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
const ours = manifest.contributes.grammars;

/** The grammars VS Code's built-in `yaml` and `docker` extensions contribute (their package.json). */
const builtIn: GrammarContribution[] = [
  { scopeName: 'source.yaml', path: 'yaml.tmLanguage.json' },
  { scopeName: 'source.yaml.1.3', path: 'yaml-1.3.tmLanguage.json' },
  { scopeName: 'source.yaml.1.2', path: 'yaml-1.2.tmLanguage.json' },
  { scopeName: 'source.yaml.1.1', path: 'yaml-1.1.tmLanguage.json' },
  { scopeName: 'source.yaml.1.0', path: 'yaml-1.0.tmLanguage.json' },
  { scopeName: 'source.yaml.embedded', path: 'yaml-embedded.tmLanguage.json' },
  { language: 'dockerfile', scopeName: 'source.dockerfile', path: 'docker.tmLanguage.json' },
].map((g) => ({ ...g, path: path.join(VSCODE, g.path) }));

// VS Code binds a language to the scope of the *last* grammar contribution naming it; built-in extensions
// register first, so ours wins for `dockercompose` (the yaml extension binds it to source.yaml).
const languageScope = new Map<string, string>([['dockercompose', 'source.yaml'], ['yaml', 'source.yaml']]);
for (const g of [...builtIn, ...ours]) if (g.language) languageScope.set(g.language, g.scopeName);

const files = new Map<string, string>();
const injections = new Map<string, string[]>();
for (const g of builtIn) files.set(g.scopeName, g.path);
for (const g of ours) {
  files.set(g.scopeName, path.resolve(g.path));
  for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
}

const wasm = readFileSync(path.resolve('node_modules/vscode-oniguruma/release/onig.wasm'));
const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
  createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
  createOnigString: (s: string) => new oniguruma.OnigString(s),
}));
const registry = new textmate.Registry({
  onigLib,
  loadGrammar: async (scopeName) => {
    const file = files.get(scopeName);
    return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
  },
  getInjections: (scopeName) => injections.get(scopeName),
});

async function grammarFor(language: 'dockercompose' | 'dockerfile'): Promise<textmate.IGrammar> {
  const grammar = await registry.loadGrammar(languageScope.get(language)!);
  assert.ok(grammar, `no grammar for ${language}`);
  if (language === 'dockerfile') dockerfileGrammar = grammar;
  return grammar;
}

/** Compose scopes the docklens grammar adds; everything else comes from VS Code's YAML grammar. */
const isOurs = (scope: string) => scope.endsWith('.dockercompose') && !scope.startsWith('source.');

/**
 * One line per token that carries a docklens scope: `line:col text  scopes  (context)`.
 * Compose: our scopes, and as context the innermost YAML scope (a plain, quoted or block scalar).
 * Dockerfiles: every scope of the tokens inside the directive block but the root (the block's spaces are
 * left out), no context.
 */
function listing(grammar: textmate.IGrammar, text: string): string[] {
  const out: string[] = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    for (const t of r.tokens) {
      const at = `${i + 1}:${t.startIndex + 1} ${JSON.stringify(line.slice(t.startIndex, t.endIndex))}`;
      if (grammar === dockerfileGrammar) {
        const scopes = t.scopes.slice(1);
        if (scopes[0] === 'meta.directives.dockerfile' && scopes.length > 1) out.push(`${at}  ${scopes.join(' ')}`);
        continue;
      }
      const mine = t.scopes.filter(isOurs);
      if (!mine.length) continue;
      const context = t.scopes.filter((s) => !isOurs(s) && !s.startsWith('source.') && !s.startsWith('meta.')).pop() ?? '-';
      out.push(`${at}  ${mine.join(' ')}  (${context})`);
    }
  });
  return out;
}
let dockerfileGrammar: textmate.IGrammar | undefined;

test('package.json binds dockercompose to the docklens compose grammar and injects the directives into Dockerfiles', () => {
  assert.equal(languageScope.get('dockercompose'), 'source.yaml.dockercompose');
  assert.equal(languageScope.get('yaml'), 'source.yaml', 'plain YAML files keep VS Code’s grammar');
  assert.deepEqual(injections.get('source.dockerfile'), ['docklens.dockerfile.directives']);
  for (const g of ours) assert.ok(existsSync(g.path), `${g.path} is missing`);
});

test('syntaxes/ holds what scripts/make-grammars.mjs writes (run it after changing the definitions)', () => {
  assert.deepEqual(JSON.parse(readFileSync('syntaxes/dockercompose.tmLanguage.json', 'utf8')), composeGrammar());
  assert.deepEqual(JSON.parse(readFileSync('syntaxes/dockerfile-directives.tmLanguage.json', 'utf8')), directivesGrammar());
});

// Compose: one value per case; `expect` lists the tokens that carry our scopes (see `listing`).
const I = 'meta.interpolation';
const BEGIN = 'punctuation.definition.interpolation.begin.dockercompose punctuation.definition.template-expression.begin.dockercompose';
const END = 'punctuation.definition.interpolation.end.dockercompose punctuation.definition.template-expression.end.dockercompose';
const VAR = 'variable.other.dockercompose';
const DOLLAR = 'punctuation.definition.interpolation.dockercompose punctuation.definition.template-expression.begin.dockercompose';
const ESC = 'constant.character.escape.dollar.dockercompose';
const braced = `${I}.braced.dockercompose`;
const arg = `${I}.argument.dockercompose`;
const composeCases: { name: string; yaml: string; expect: string[] }[] = [
  {
    name: '${VAR} in a plain scalar',
    yaml: 'image: app:${TAG}',
    expect: [`1:12 "\${"  ${braced} ${BEGIN}  (string.unquoted.plain.out.yaml)`, `1:14 "TAG"  ${braced} ${VAR}  (string.unquoted.plain.out.yaml)`, `1:17 "}"  ${braced} ${END}  (string.unquoted.plain.out.yaml)`],
  },
  {
    name: '${VAR:-default} in a double-quoted scalar',
    yaml: 'image: "${REGISTRY:-docker.io}/app"',
    expect: [
      `1:9 "\${"  ${braced} ${BEGIN}  (string.quoted.double.yaml)`,
      `1:11 "REGISTRY"  ${braced} ${VAR}  (string.quoted.double.yaml)`,
      `1:19 ":-"  ${braced} keyword.operator.interpolation.default.dockercompose  (string.quoted.double.yaml)`,
      `1:21 "docker.io"  ${braced} ${arg}  (string.quoted.double.yaml)`,
      `1:30 "}"  ${braced} ${END}  (string.quoted.double.yaml)`,
    ],
  },
  {
    name: '${VAR-default}, ${VAR:?err}, ${VAR?err}, ${VAR:+alt}, ${VAR+alt}: each operator',
    yaml: 'x: ${A-a}${B:?b}${C?c}${D:+d}${E+e}',
    expect: [
      ['A', '-', 'default', 'a', 4],
      ['B', ':?', 'required', 'b', 10],
      ['C', '?', 'required', 'c', 17],
      ['D', ':+', 'alternative', 'd', 23],
      ['E', '+', 'alternative', 'e', 30],
    ].flatMap(([name, op, kind, value, col]) => {
      const c = col as number;
      const o = (op as string).length;
      return [
        `1:${c} "\${"  ${braced} ${BEGIN}  (string.unquoted.plain.out.yaml)`,
        `1:${c + 2} "${name}"  ${braced} ${VAR}  (string.unquoted.plain.out.yaml)`,
        `1:${c + 3} "${op}"  ${braced} keyword.operator.interpolation.${kind}.dockercompose  (string.unquoted.plain.out.yaml)`,
        `1:${c + 3 + o} "${value}"  ${braced} ${arg}  (string.unquoted.plain.out.yaml)`,
        `1:${c + 4 + o} "}"  ${braced} ${END}  (string.unquoted.plain.out.yaml)`,
      ];
    }),
  },
  {
    name: 'nested ${A:-${B}} in a single-quoted scalar',
    yaml: "url: '${A:-${B}}'",
    expect: [
      `1:7 "\${"  ${braced} ${BEGIN}  (string.quoted.single.yaml)`,
      `1:9 "A"  ${braced} ${VAR}  (string.quoted.single.yaml)`,
      `1:10 ":-"  ${braced} keyword.operator.interpolation.default.dockercompose  (string.quoted.single.yaml)`,
      `1:12 "\${"  ${braced} ${arg} ${braced} ${BEGIN}  (string.quoted.single.yaml)`,
      `1:14 "B"  ${braced} ${arg} ${braced} ${VAR}  (string.quoted.single.yaml)`,
      `1:15 "}"  ${braced} ${arg} ${braced} ${END}  (string.quoted.single.yaml)`,
      `1:16 "}"  ${braced} ${END}  (string.quoted.single.yaml)`,
    ],
  },
  {
    name: 'plain $VAR',
    yaml: 'command: echo $HOME',
    expect: [`1:15 "$"  ${I}.named.dockercompose ${DOLLAR}  (string.unquoted.plain.out.yaml)`, `1:16 "HOME"  ${I}.named.dockercompose ${VAR}  (string.unquoted.plain.out.yaml)`],
  },
  {
    name: '$$ is an escape, and the name after it is plain text',
    yaml: 'test: ["CMD-SHELL", "echo $$HOME"]',
    expect: [`1:27 "$$"  ${ESC}  (string.quoted.double.yaml)`],
  },
  {
    name: '$$$VAR: an escape, then a variable',
    yaml: 'x: $$$V',
    expect: [`1:4 "$$"  ${ESC}  (string.unquoted.plain.out.yaml)`, `1:6 "$"  ${I}.named.dockercompose ${DOLLAR}  (string.unquoted.plain.out.yaml)`, `1:7 "V"  ${I}.named.dockercompose ${VAR}  (string.unquoted.plain.out.yaml)`],
  },
  {
    name: 'a default stops at the quote that ends a double-quoted scalar: the ${ is an invalid template',
    yaml: 'x: "${A:-b" c}',
    expect: [`1:5 "\${"  invalid.illegal.interpolation.dockercompose  (string.quoted.double.yaml)`],
  },
  {
    name: "'' inside a single-quoted default is an escaped quote",
    yaml: "x: '${A:-it''s}'",
    expect: [
      `1:5 "\${"  ${braced} ${BEGIN}  (string.quoted.single.yaml)`,
      `1:7 "A"  ${braced} ${VAR}  (string.quoted.single.yaml)`,
      `1:8 ":-"  ${braced} keyword.operator.interpolation.default.dockercompose  (string.quoted.single.yaml)`,
      `1:10 "it''s"  ${braced} ${arg}  (string.quoted.single.yaml)`,
      `1:15 "}"  ${braced} ${END}  (string.quoted.single.yaml)`,
    ],
  },
  {
    name: 'unsupported ${VAR/a/b} is an invalid template',
    yaml: 'x: ${A/a/b}',
    expect: [`1:4 "\${"  invalid.illegal.interpolation.dockercompose  (string.unquoted.plain.out.yaml)`],
  },
  {
    name: 'an empty default ${VAR:-} is complete',
    yaml: 'x: ${A:-}',
    expect: [
      `1:4 "\${"  ${braced} ${BEGIN}  (string.unquoted.plain.out.yaml)`,
      `1:6 "A"  ${braced} ${VAR}  (string.unquoted.plain.out.yaml)`,
      `1:7 ":-"  ${braced} keyword.operator.interpolation.default.dockercompose  (string.unquoted.plain.out.yaml)`,
      `1:9 "}"  ${braced} ${END}  (string.unquoted.plain.out.yaml)`,
    ],
  },
  { name: 'keys are not interpolated', yaml: '${KEY}: value', expect: [] },
  { name: 'comments are not read', yaml: 'a: b # ${NOT} $THIS $$', expect: [] },
  { name: 'a lone $ and $1 are plain text', yaml: 'price: $ 5 and $1', expect: [] },
];

for (const c of composeCases) {
  test(`compose grammar: ${c.name}`, async () => {
    assert.deepEqual(listing(await grammarFor('dockercompose'), c.yaml), c.expect);
  });
}

const M = 'meta.directives.dockerfile';
/** The tokens of one directive line: `#` at hashCol, the name, `=` and the value at their columns. */
const directive = (line: number, hashCol: number, name: string, nameCol: number, eqCol: number, value: string, valueCol: number) => [
  `${line}:${hashCol} "#"  ${M} comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile`,
  `${line}:${nameCol} "${name}"  ${M} keyword.other.directive.dockerfile`,
  `${line}:${eqCol} "="  ${M} keyword.operator.assignment.dockerfile`,
  `${line}:${valueCol} "${value}"  ${M} string.unquoted.directive-value.dockerfile`,
];
const dockerfileCases: { name: string; text: string; expect: string[] }[] = [
  {
    name: 'the leading block: syntax, escape and check',
    text: '# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine',
    expect: [...directive(1, 1, 'syntax', 3, 9, 'docker/dockerfile:1', 10), ...directive(2, 1, 'escape', 3, 9, '`', 10), ...directive(3, 1, 'check', 3, 8, 'skip=JSONArgsRecommended;error=true', 9)],
  },
  {
    name: 'any letter case, spaces around # and =',
    text: '  #  SYNTAX = docker/dockerfile:1.7  \nFROM alpine',
    expect: directive(1, 3, 'SYNTAX', 6, 13, 'docker/dockerfile:1.7', 15),
  },
  { name: 'after a blank line it is a comment', text: '\n# syntax=docker/dockerfile:1\nFROM alpine', expect: [] },
  { name: 'after another comment it is a comment', text: '# build me\n# syntax=docker/dockerfile:1\nFROM alpine', expect: [] },
  { name: 'after an instruction it is a comment', text: 'FROM alpine\n# escape=`', expect: [] },
  {
    name: 'an unknown directive ends the block',
    text: '# syntax=docker/dockerfile:1\n# foo=bar\n# escape=`',
    expect: directive(1, 1, 'syntax', 3, 9, 'docker/dockerfile:1', 10),
  },
  { name: 'an empty value is no directive', text: '# syntax=\nFROM alpine', expect: [] },
];

for (const c of dockerfileCases) {
  test(`Dockerfile directives grammar: ${c.name}`, async () => {
    assert.deepEqual(listing(await grammarFor('dockerfile'), c.text), c.expect);
  });
}

test('Dockerfile directives grammar: the instruction after the block keeps VS Code’s Dockerfile scopes', async () => {
  const grammar = await grammarFor('dockerfile');
  const first = grammar.tokenizeLine('# syntax=docker/dockerfile:1', textmate.INITIAL);
  const from = grammar.tokenizeLine('FROM alpine', first.ruleStack).tokens[0]!;
  assert.deepEqual(from.scopes, ['source.dockerfile', 'keyword.other.special-method.dockerfile']);
});

// Whole fixture files: compose files as people write them, Dockerfiles with and without directives.
for (const name of readdirSync(CASES).filter((f) => !f.endsWith('.tokens'))) {
  test(`grammar golden: ${name}`, async () => {
    const language = /dockerfile/i.test(name) ? 'dockerfile' : 'dockercompose';
    const actual = listing(await grammarFor(language), readFileSync(path.join(CASES, name), 'utf8')).join('\n') + '\n';
    const golden = path.join(CASES, `${name}.tokens`);
    if (update) writeFileSync(golden, actual);
    else assert.equal(actual, readFileSync(golden, 'utf8'));
  });
}
