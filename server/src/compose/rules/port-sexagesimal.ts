// Rule port-sexagesimal: an unquoted HOST:CONTAINER port that a YAML 1.1 parser reads as a base-60 number
// (domain-facts §1.7). Compose v2 (YAML 1.2 resolver) reads it as a string; other tools may not.
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { quotePlainScalar } from '../yamlEdit';
import { isScalar, range } from '../yamlTree';

export const ID = 'port-sexagesimal';

/** YAML 1.1 sexagesimal int: every segment after the first is 0–59. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+$/;

export function sexagesimalValue(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part.replace(/_/g, '')), 0);
}

export const portSexagesimal: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Unquoted port mapping that YAML 1.1 reads as a base-60 number',
  defaultSeverity: 'warning',
  docs: `In YAML 1.1, a plain scalar like \`22:22\` (every part after the first below 60) is a base-60 integer:
\`22:22\` is 1342. Docker Compose v2 uses a YAML 1.2 resolver and reads it as the string \`"22:22"\`, so it works
there, but docker-compose v1 and tools that parse with YAML 1.1 get a number. The Compose Specification
says to always quote \`HOST:CONTAINER\` mappings. \`8080:80\` or \`5432:5432\` are not affected.

**Quick-fix.** Quotes the mapping.`,
  check(model) {
    const findings: Finding[] = [];
    for (const service of model.services) {
      for (const port of service.ports) {
        const node = port.node;
        if (!isScalar(node) || node.type !== 'PLAIN') continue;
        const r = range(node)!;
        const source = model.text.slice(r[0], r[1]);
        if (!SEXAGESIMAL.test(source)) continue;
        const edit = quotePlainScalar(model, node);
        findings.push({
          ruleId: ID,
          range: nodeRange(model, node),
          message: `Unquoted ${code(source)} is the number ${sexagesimalValue(source)} to a YAML 1.1 parser (base 60). Compose v2 reads it correctly, but docker-compose v1 and other YAML 1.1 tools do not: quote it.`,
          fixes: edit ? [{ title: `Quote as ${code(`"${source}"`)}`, edits: [edit], isPreferred: true }] : [],
        });
      }
    }
    return findings;
  },
};
