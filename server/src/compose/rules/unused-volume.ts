// Rule unused-volume: a top-level volume that no service of the project mounts.
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import type { ProjectFile } from '../project';
import { code, nodeRange } from '../hovers/cursor';

export const ID = 'unused-volume';

export const unusedVolume: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Declared volume that no service mounts',
  defaultSeverity: 'information',
  docs: `A volume declared under the top-level \`volumes:\` that no service of the project mounts (the other
files of the project count). Often a leftover of a renamed mount, or a typo on the service side.`,
  check(model) {
    const findings: Finding[] = [];
    const project = model.related();
    // Mounts of the core files first; siblings are read only when something still looks unused.
    let used = usedVolumes(project.coreFiles());
    if (used === undefined) return [];
    if ([...model.volumes.keys()].some((name) => !used!.has(name))) used = usedVolumes(project.files());
    if (used === undefined) return [];
    for (const [name, decl] of model.volumes) {
      if (used.has(name)) continue;
      findings.push({
        ruleId: ID,
        range: nodeRange(model, decl.keyNode),
        message: `Volume ${code(name)} is declared but no service mounts it.`,
        fixes: [],
      });
    }
    return findings;
  },
};

/** Named volumes the files mount; undefined when a mount source is built from variables (could be any). */
function usedVolumes(files: ProjectFile[]): Set<string> | undefined {
  const used = new Set<string>();
  for (const file of files) {
    for (const s of file.model.services) {
      for (const m of s.volumes) {
        if (m.raw.includes('$')) return undefined;
        if (m.spec?.type === 'volume' && m.spec.source) used.add(m.spec.source);
      }
    }
  }
  return used;
}
