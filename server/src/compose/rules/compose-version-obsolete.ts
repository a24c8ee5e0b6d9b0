// Rule compose-version-obsolete: the top-level `version` is ignored by Compose v2 (domain-facts §6.1).
import type { Rule } from '../../core/rule';
import type { ComposeModel } from '../model';
import { nodeRange } from '../hovers/cursor';
import { removeEntryLines } from '../yamlEdit';
import { code } from '../hovers/cursor';
import { range } from '../yamlTree';

export const ID = 'compose-version-obsolete';

export const composeVersionObsolete: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Obsolete top-level `version`: Compose ignores it',
  defaultSeverity: 'hint',
  tags: ['unnecessary'],
  docs: `Docker Compose v2 reads every file with the Compose Specification and ignores the top-level
\`version\`; since Compose v2.25 it prints \`the attribute \\\`version\\\` is obsolete, it will be ignored, please
remove it to avoid potential confusion\`. A fifth of real compose files still carry it, so this is a
faded hint, not a warning.

**Quick-fix.** Removes the \`version\` line, and only it.`,
  check(model) {
    const v = model.version;
    if (!v) return [];
    const written = model.text.slice(range(v.keyNode)![0], range(v.value.node)![1]);
    return [
      {
        ruleId: ID,
        range: { start: nodeRange(model, v.keyNode).start, end: nodeRange(model, v.value.node).end },
        message: `${code(written)} is obsolete: Compose ignores it and warns "the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion".`,
        fixes: [{ title: `Remove ${code(written)}`, edits: [removeEntryLines(model, v.keyNode, v.value.node)], isPreferred: true }],
      },
    ];
  },
};
