// Rule yaml-syntax: YAML errors, with ranges widened to the offending node (a duplicate key is reported
// on the whole key, not one character). Valid Compose syntax (merge keys, !reset/!override, anchors)
// never reports: the parser is configured for it (yamlTree.ts).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { keyRanges } from '../yamlTree';

/** Enough to fix the file from; a mangled file can have hundreds of thousands (bounded work and payload). */
const MAX_REPORTED = 100;

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
    let unreported = 0;
    for (const doc of model.yaml.docs) {
      let keyEnds: Map<number, number> | undefined;
      for (const error of doc.errors) {
        if (findings.length >= MAX_REPORTED) {
          unreported++;
          continue;
        }
        let [start, end] = error.pos;
        if (error.code === 'DUPLICATE_KEY') {
          // One walk per document, not one per duplicate: a file with thousands of them stays linear.
          keyEnds ??= keyRanges(doc);
          end = keyEnds.get(start) ?? end;
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
    if (unreported > 0) {
      // Past the first errors the parser is mostly reporting the consequences of the first ones.
      const last = findings[findings.length - 1]!;
      last.message += ` (${unreported.toLocaleString('en-US')} more YAML errors after this one are not listed; fix the first ones and they will show.)`;
    }
    return findings;
  },
};

function humanMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return code === 'DUPLICATE_KEY' ? `Duplicate key: Compose refuses mappings with the same key twice (${first}).` : first;
}
