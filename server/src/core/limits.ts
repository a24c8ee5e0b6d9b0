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

export interface FileFacts {
  length: number;
  /** True for a compose file with more compact sequence levels on one line than MAX_COMPACT_NESTING. */
  tooDeep: boolean;
}

export const fileTooLarge: Rule<FileFacts> = {
  id: 'file-too-large',
  kind: 'any',
  title: 'File too large or too deeply nested to analyse',
  defaultSeverity: 'information',
  docs: `Files over ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters are not analysed, so that a huge or generated
file never slows the editor down; nor are compose files with more than ${MAX_COMPACT_NESTING.toLocaleString('en-US')} nested sequences on one
line (\`- - - …\`), which exhaust the YAML parser's stack. This diagnostic says so instead of staying silent.`,
  check: (file) => {
    const message =
      file.length > MAX_ANALYSED_CHARS
        ? `This file has ${file.length.toLocaleString('en-US')} characters; docklens analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters and skipped it.`
        : file.tooDeep
          ? `This file nests more than ${MAX_COMPACT_NESTING.toLocaleString('en-US')} sequences on one line (\`- - - …\`); docklens does not analyse it, since its YAML parser would run out of stack.`
          : undefined;
    return message ? [{ ruleId: 'file-too-large', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, fixes: [] }] : [];
  },
};
