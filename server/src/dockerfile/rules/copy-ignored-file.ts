// Rule copy-ignored-file: a COPY/ADD names a file or folder of the build context that .dockerignore
// excludes, so the builder never receives it and the COPY fails ("not found") (domain-facts §5.2).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import { contextCopy, workdirsOf } from '../copies';
import { contextView } from '../context';
import type { DockerfileModel } from '../model';

export const ID = 'copy-ignored-file';

export const copyIgnoredFile: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: 'COPY source excluded by .dockerignore',
  defaultSeverity: 'error',
  docs: `A \`COPY\` or \`ADD\` names a file or folder that \`.dockerignore\` (or \`<Dockerfile>.dockerignore\` beside the
Dockerfile) excludes: the builder never receives it and the instruction fails because the path is not in
the build context. Patterns are read as the builder reads them: anchored at the context root, \`**\` for
any folders, \`!\` to re-include, the last matching line wins. Wildcard sources are not checked.`,
  check(model, context) {
    const view = contextView(model, context);
    if (!view.context) return [];
    const findings: Finding[] = [];
    const workdirs = workdirsOf(model);
    for (const ins of model.instructions) {
      const copy = contextCopy(ins, workdirs[ins.index]);
      if (!copy || copy.whole) continue;
      for (const source of copy.sources) {
        const rel = source.replace(/^\.\//, '').replace(/\/+$/, '');
        if (rel === '' || /[*?[\]$]/.test(rel) || rel.startsWith('/') || rel.startsWith('..')) continue;
        if (!view.exists(rel) || !view.ignored(rel)) continue;
        findings.push({
          ruleId: ID,
          range: ins.range,
          message: `\`${source}\` is excluded by .dockerignore, so it is not in the build context and this ${ins.keyword} fails ("not found"). Remove it from .dockerignore (or add a \`!${rel}\` line), or stop copying it.`,
          fixes: [],
        });
      }
    }
    return findings;
  },
};
