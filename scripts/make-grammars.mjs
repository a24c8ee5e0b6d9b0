#!/usr/bin/env node
// `node scripts/make-grammars.mjs` writes the two grammars of syntaxes/ from the definitions below: their
// regular expressions are built from named parts here rather than edited as escaped JSON strings.
// test/grammar.test.ts fails when a file in syntaxes/ is not what this script writes.
import fs from 'node:fs';

const NAME = '[_A-Za-z][_A-Za-z0-9]*';
// A braced expression whose argument may hold nested ${…}, $$, $NAME and any character but `}` and the
// characters in `stop` (the quote that would end the YAML scalar). Oniguruma recursion: \g<nested>.
const braced = (stop) => {
  // In a single-quoted scalar '' is an escaped quote, not its end.
  const plain = stop === "'" ? `[^$}']|''` : `[^$}${stop}]`;
  const arg = `(?:${plain}|\\$\\$|\\$(?!\\{)|\\g<nested>)*`;
  const nested = `(?<nested>\\$\\{${NAME}(?::?[-?+]${arg})?\\})`;
  // Groups, by opening parenthesis: 1 ${, 2 NAME, 3 operator, 4 argument, 5 a nested ${…} (named, for the
  // recursion), 6 }.
  return `(\\$\\{)(${NAME})(?:(:?[-?+])((?:${plain}|\\$\\$|\\$(?!\\{)|${nested})*))?(\\})`;
};
const S = 'dockercompose';
const bracedRule = (stop) => ({
  match: braced(stop),
  name: `meta.interpolation.braced.${S}`,
  captures: {
    // template-expression: the scope themes colour in JavaScript template literals, so ${ and } stand out.
    1: { name: `punctuation.definition.interpolation.begin.${S} punctuation.definition.template-expression.begin.${S}` },
    2: { name: `variable.other.${S}` },
    3: { patterns: [
      { match: ':?-', name: `keyword.operator.interpolation.default.${S}` },
      { match: ':?\\?', name: `keyword.operator.interpolation.required.${S}` },
      { match: ':?\\+', name: `keyword.operator.interpolation.alternative.${S}` },
    ] },
    4: { name: `meta.interpolation.argument.${S}`, patterns: [{ include: '#argument' }] },
    6: { name: `punctuation.definition.interpolation.end.${S} punctuation.definition.template-expression.end.${S}` },
  },
});
/** syntaxes/dockercompose.tmLanguage.json */
export function composeGrammar() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Docker Compose',
    comment: 'Docker Compose files: the YAML grammar VS Code ships (source.yaml), plus Compose interpolation in values: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative}, nesting, $VAR, and the $$ escape. Compose files share source.yaml with every YAML file, so an injection into source.yaml would also colour GitHub workflows and Kubernetes manifests; this grammar is bound to the dockercompose language instead and carries the injections itself. Keys are not interpolated by Compose, comments are not read: neither is highlighted. The $ and braces also carry punctuation.definition.template-expression, the scope that themes colour in template literals.',
    scopeName: `source.yaml.${S}`,
    patterns: [{ include: 'source.yaml' }],
    injections: {
      // A double-quoted YAML scalar ends at `"`: an argument cannot run past it.
      [`L:string.quoted.double -meta.map.key -comment`]: { patterns: [{ include: '#escape' }, { include: '#braced-in-double' }, { include: '#named' }, { include: '#invalid' }] },
      [`L:string.quoted.single -meta.map.key -comment`]: { patterns: [{ include: '#escape' }, { include: '#braced-in-single' }, { include: '#named' }, { include: '#invalid' }] },
      // Plain scalars (string.unquoted.plain.*) and block scalars (string.unquoted.block).
      [`L:string.unquoted -meta.map.key -comment`]: { patterns: [{ include: '#escape' }, { include: '#braced' }, { include: '#named' }, { include: '#invalid' }] },
    },
    repository: {
      escape: { comment: '$$ is a literal $ (checked before $NAME: in $$VAR the name is plain text).', match: '\\$\\$', name: `constant.character.escape.dollar.${S}` },
      braced: bracedRule(''),
      'braced-in-double': bracedRule('"'),
      'braced-in-single': bracedRule("'"),
      named: {
        match: `(\\$)(${NAME})`,
        name: `meta.interpolation.named.${S}`,
        captures: { 1: { name: `punctuation.definition.interpolation.${S} punctuation.definition.template-expression.begin.${S}` }, 2: { name: `variable.other.${S}` } },
      },
      invalid: { comment: 'Any other ${…} (no closing brace on the line, ${VAR/a/b}, ${1}): Compose refuses it as an invalid template.', match: '\\$\\{', name: `invalid.illegal.interpolation.${S}` },
      argument: { comment: 'Inside a default, error or alternative: Compose interpolates it again.', patterns: [{ include: '#escape' }, { include: '#braced' }, { include: '#named' }] },
    },
  };
}

// BuildKit reads parser directives only in the leading block of `# name=value` comment lines: a blank line,
// another comment, an unknown directive or an instruction ends it. Names are case-insensitive and spaces
// are allowed around `#` and `=`; the value is not empty.
const DIRECTIVE = '[ \\t]*(#)[ \\t]*((?i:syntax|escape|check))[ \\t]*(=)[ \\t]*(\\S(?:.*\\S)?)[ \\t]*$';
const captures = {
  1: { name: 'comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile' },
  2: { name: 'keyword.other.directive.dockerfile' },
  3: { name: 'keyword.operator.assignment.dockerfile' },
  4: { name: 'string.unquoted.directive-value.dockerfile' },
};
/** syntaxes/dockerfile-directives.tmLanguage.json */
export function directivesGrammar() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    comment: 'BuildKit parser directives (# syntax=, # escape=, # check=), only in the leading block of directive lines: BuildKit stops looking for them at the first blank line, other comment, unknown directive or instruction, so a `# syntax=` further down is a plain comment and stays coloured as one.',
    scopeName: 'docklens.dockerfile.directives',
    injectionSelector: 'L:source.dockerfile -meta.directives.dockerfile',
    patterns: [
      {
        begin: `\\A${DIRECTIVE}`,
        beginCaptures: captures,
        while: `^(?=${DIRECTIVE})`,
        name: 'meta.directives.dockerfile',
        patterns: [{ match: `^${DIRECTIVE}`, captures }],
      },
    ],
  };
}

// Run as a script (the tests import the functions; their bundle has no import.meta).
if (/make-grammars\.mjs$/.test(process.argv[1] ?? '')) {
  const write = (file, grammar) => fs.writeFileSync(file, JSON.stringify(grammar, null, 2) + '\n');
  write('syntaxes/dockercompose.tmLanguage.json', composeGrammar());
  write('syntaxes/dockerfile-directives.tmLanguage.json', directivesGrammar());
}
