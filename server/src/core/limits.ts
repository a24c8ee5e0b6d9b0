// Files beyond this size get one informational diagnostic and no further analysis, so a huge or
// generated file can never stall the editor.
import type { Rule } from './rule';

export const MAX_ANALYSED_CHARS = 1_000_000;

export const fileTooLarge: Rule<{ length: number }> = {
  id: 'file-too-large',
  kind: 'any',
  title: 'File too large to analyse',
  defaultSeverity: 'information',
  docs: `Files over ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters are not analysed, so that a huge or generated
file never slows the editor down. This diagnostic says so instead of staying silent.`,
  check: (model) =>
    model.length > MAX_ANALYSED_CHARS
      ? [
          {
            ruleId: 'file-too-large',
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: `This file has ${model.length.toLocaleString('en-US')} characters; docklens analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en-US')} characters and skipped it.`,
            fixes: [],
          },
        ]
      : [],
};
