// Types of scripts/make-grammars.mjs for test/grammar.test.ts.
export function composeGrammar(): unknown;
export function directivesGrammar(): unknown;
