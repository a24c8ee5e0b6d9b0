// Rule unknown-mount-option: a short-syntax volume option Compose silently ignores, e.g. `:readonly`
// mounts read-write (compose-go format/volume.go; domain-facts §3.1).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { HARMLESS_SHORT_OPTIONS, KNOWN_SHORT_OPTIONS } from '../mounts';
import { textEdit } from '../yamlEdit';
import { range } from '../yamlTree';

export const ID = 'unknown-mount-option';

/** What people write for the options Compose knows. */
const INTENDED: Record<string, string> = {
  readonly: 'ro', 'read-only': 'ro', read_only: 'ro', r: 'ro', RO: 'ro', ReadOnly: 'ro',
  readwrite: 'rw', 'read-write': 'rw', read_write: 'rw', RW: 'rw',
  'no-copy': 'nocopy', no_copy: 'nocopy',
};

export const unknownMountOption: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Volume option that Compose silently ignores',
  defaultSeverity: 'warning',
  docs: `In short-syntax volumes (\`SOURCE:TARGET:OPTIONS\`), Compose understands \`rw\`, \`ro\`, \`z\`, \`Z\`, \`nocopy\`
and the propagation modes (\`rprivate\`, \`private\`, \`rshared\`, \`shared\`, \`rslave\`, \`slave\`), and ignores any
other option without a word: \`./data:/data:readonly\` mounts **read-write**. Docker Desktop's
\`cached\`, \`delegated\` and \`consistent\` are accepted and never reported.

**Quick-fix.** Replaces the option with the one meant (\`readonly\` → \`ro\`) when that is clear.`,
  check(model) {
    const findings: Finding[] = [];
    for (const service of model.services) {
      for (const mount of service.volumes) {
        const spec = mount.spec;
        if (!spec || spec.syntax !== 'short' || mount.raw.includes('$')) continue;
        for (const option of spec.options) {
          if (KNOWN_SHORT_OPTIONS.has(option) || HARMLESS_SHORT_OPTIONS.has(option)) continue;
          const intended = INTENDED[option] ?? INTENDED[option.toLowerCase()];
          const r = range(mount.node)!;
          const source = model.text.slice(r[0], r[1]);
          const at = source.lastIndexOf(option);
          findings.push({
            ruleId: ID,
            range: nodeRange(model, mount.node),
            message: `Compose ignores the volume option ${code(option)} without a warning${intended === 'ro' ? ': this mount is read-write' : ''}.${intended ? ` Did you mean ${code(intended)}?` : ` It understands ${[...KNOWN_SHORT_OPTIONS].map(code).join(', ')}.`}`,
            fixes: intended && at >= 0 ? [{ title: `Change to ${code(intended)}`, edits: [textEdit(model, r[0] + at, r[0] + at + option.length, intended)], isPreferred: true }] : [],
          });
        }
      }
    }
    return findings;
  },
};
