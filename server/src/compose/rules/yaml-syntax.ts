// Rule yaml-syntax: YAML errors, with ranges widened to the offending node (a duplicate key is reported
// on the whole key, not one character). Valid Compose syntax (merge keys, !reset/!override, anchors)
// never reports: the parser is configured for it (yamlTree.ts).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { isScalar, visit } from '../yamlTree';

export const ID = 'yaml-syntax';

export const yamlSyntax: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'YAML syntax error: Compose cannot read the file',
  defaultSeverity: 'error',
  docs: `The file is not valid YAML, so Compose cannot load it. Reported where the parser stops, widened to
the node concerned (a duplicate key is underlined whole). Merge keys (\`<<\`), anchors and aliases, and
Compose's \`!reset\` and \`!override\` tags are valid and never reported.`,
  check(model) {
    const findings: Finding[] = [];
    for (const doc of model.yaml.docs) {
      for (const error of doc.errors) {
        let [start, end] = error.pos;
        if (error.code === 'DUPLICATE_KEY') {
          visit(doc, {
            Scalar(key, node) {
              if (key === 'key' && isScalar(node) && node.range && node.range[0] === start) {
                end = node.range[1];
                return visit.BREAK;
              }
              return undefined;
            },
          });
        }
        if (end <= start) end = Math.min(model.text.length, start + 1);
        findings.push({
          ruleId: ID,
          range: { start: model.doc.positionAt(start), end: model.doc.positionAt(end) },
          message: humanMessage(error.code, error.message),
          fixes: [],
        });
      }
    }
    return findings;
  },
};

function humanMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return code === 'DUPLICATE_KEY' ? `Duplicate key: Compose refuses mappings with the same key twice (${first}).` : first;
}
