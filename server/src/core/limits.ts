// Files beyond what the analysis can take in a keystroke's budget, or at all, get one informational
// diagnostic and no further analysis, so that a huge, generated or mangled file can never stall the editor.
import type { Rule } from './rule';

export const MAX_ANALYSED_CHARS = 1_000_000;

/** Compact nested sequences (`- - - …`) on one line, more than real files ever have. */
export const MAX_COMPACT_NESTING = 1000;

/**
 * The `yaml` parser composes each compact `- ` level by recursion and runs out of stack somewhere past
 * 2,500 levels on one line (a fuzzer find); other nesting (flow `[`/`{`, indentation) is fine to 20,000.
 */
const TOO_DEEP = new RegExp(`(?:^|\\n)[ \\t]*(?:-[ \\t]+){${MAX_COMPACT_NESTING}}`);

export function tooDeeplyNested(text: string): boolean {
  return TOO_DEEP.test(text);
}

/**
 * YAML tokens a compose file may have to be analysed. The YAML parser's time grows with tokens, not
 * characters: 750 KB of a mangled file (a line of 670,000 quotes) took 0.6–0.9 s to parse on the
 * benchmark machine, 500 KB of `{}` 1.7 s. Just under this limit, 18 of 19 generated patterns (thousands
 * of services, ports, volumes, dependencies, keys, networks, secrets, `extends`) analysed in 0.1–0.6 s
 * there; the costliest, 10,500 services merging one anchor that publishes a database port (three findings
 * each), in 0.85 s. test/limits.test.ts keeps those that were quadratic. The 5,000-line stress file has
 * about 52,000 tokens, the largest real file of the corpus about 5,500.
 */
export const MAX_YAML_TOKENS = 100_000;

/** YAML's indicator characters: each is a token of its own. */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

/**
 * The YAML tokens of `text` as docklens counts them: words (runs of other characters up to a blank or an
 * indicator), indicator characters and line breaks; counting stops past `max`. One pass over the
 * characters, no allocation: cheap enough for every keystroke.
 */
export function countYamlTokens(text: string, max: number): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length && count <= max; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      count++;
      inWord = false;
    } else if (c === 32 || c === 9) inWord = false;
    else if (c < 128 && INDICATOR[c] === 1) {
      count++;
      inWord = false;
    } else if (!inWord) {
      count++;
      inWord = true;
    }
  }
  return count;
}

export interface FileFacts {
  length: number;
  /** True for a compose file with more compact sequence levels on one line than MAX_COMPACT_NESTING. */
  tooDeep: boolean;
  /** True for a compose file with more than MAX_YAML_TOKENS tokens. */
  tooManyTokens: boolean;
}

export const fileTooLarge: Rule<FileFacts> = {
  id: 'file-too-large',
  kind: 'any',
  title: 'File too large or too deeply nested to analyse',
  defaultSeverity: 'information',
  docs: `Files over ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters are not analysed, so that a huge or generated
file never slows the editor down; nor are compose files with more than ${MAX_YAML_TOKENS.toLocaleString('en-US')} YAML tokens (words,
punctuation and line breaks: about 350 KB of a typical compose file, nearly twice the 5,000-line stress file), or
with more than ${MAX_COMPACT_NESTING.toLocaleString('en-US')} nested sequences on one line (\`- - - …\`), which exhaust the YAML parser's stack.
This diagnostic says so instead of staying silent.`,
  check: (file) => {
    const message =
      file.length > MAX_ANALYSED_CHARS
        ? `This file has ${file.length.toLocaleString('en-US')} characters; docklens analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters and skipped it.`
        : file.tooDeep
          ? `This file nests more than ${MAX_COMPACT_NESTING.toLocaleString('en-US')} sequences on one line (\`- - - …\`); docklens does not analyse it, since its YAML parser would run out of stack.`
          : file.tooManyTokens
            ? `This file has more than ${MAX_YAML_TOKENS.toLocaleString('en-US')} YAML tokens (words, punctuation and line breaks); docklens analyses compose files up to that many and skipped it.`
            : undefined;
    return message ? [{ ruleId: 'file-too-large', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, fixes: [] }] : [];
  },
};
