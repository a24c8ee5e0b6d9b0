// Rule undeclared-volume: a service mounts a named volume that no file of the project declares under the
// top-level `volumes:`; compose-go rejects the file (domain-facts §3.4).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { addTopLevelKey } from '../yamlEdit';
import { withLazyFixes } from '../../core/lazyFixes';

export const ID = 'undeclared-volume';

export const undeclaredVolume: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Named volume not declared under the top-level `volumes:`',
  defaultSeverity: 'error',
  docs: `Compose refuses a file in which a service mounts a named volume that is not declared under the
top-level \`volumes:\`, even when only one service uses it: \`service "web" refers to undefined volume data:
invalid compose project\`. Declarations in the other files of the project (the override file, included
files, sibling files combined with \`-f\`) count.

\`\`\`yaml
services:
  db:
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:        # the quick-fix adds this
\`\`\`

**Quick-fix.** Adds the declaration to the top-level \`volumes:\` (creating the section if needed) at the
file's indentation.`,
  check(model) {
    const findings: Finding[] = [];
    const project = model.related();
    for (const service of model.services) {
      for (const mount of service.volumes) {
        const spec = mount.spec;
        if (spec?.type !== 'volume' || !spec.source || mount.raw.includes('$')) continue;
        if (project.resource('volumes', spec.source)) continue;
        const source = spec.source;
        const finding = {
          ruleId: ID,
          range: nodeRange(model, mount.node),
          message: `Named volume ${code(source)} is not declared under the top-level \`volumes:\`: Compose refuses the file ("service \\"${service.name}\\" refers to undefined volume ${source}").`,
        };
        findings.push(
          withLazyFixes(finding, () => {
            const edit = addTopLevelKey(model, mount.doc, 'volumes', source);
            return edit ? [{ title: `Declare volume ${code(source)}`, edits: [edit], isPreferred: true }] : [];
          }),
        );
      }
    }
    return findings;
  },
};
