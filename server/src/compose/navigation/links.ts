// Document links of a compose file: the files its values name (build Dockerfile, env_file, bind-mount
// sources that are files, extends.file, include), resolved like Compose resolves them.
import * as path from 'node:path';
import type { RuleContext } from '../../core/rule';
import type { DocLink } from '../../core/types';
import { nodeRange } from '../hovers/cursor';
import type { ComposeModel } from '../model';
import { deref, entry, isMap, type Node } from '../yamlTree';

export function composeLinks(model: ComposeModel, context: RuleContext): DocLink[] {
  if (!model.filePath) return [];
  const dir = path.dirname(model.filePath);
  const out: DocLink[] = [];
  const isFile = (abs: string) => {
    const parent = context.workspace.readDir(path.dirname(abs));
    return parent?.some((e) => e.name === path.basename(abs) && !e.isDirectory) ?? false;
  };
  const add = (node: Node | undefined, target: string) => {
    if (node && isFile(target)) out.push({ range: nodeRange(model, node), target });
  };
  for (const service of model.services) {
    const build = service.build;
    if (build && !build.context?.raw.includes('$')) {
      const contextDir = path.resolve(dir, build.context?.interpolated.value ?? '.');
      const dockerfile = path.resolve(contextDir, build.dockerfile?.interpolated.value ?? 'Dockerfile');
      // `build: ./dir` links its value to the Dockerfile it builds; the long form links `dockerfile:`.
      add(build.dockerfile?.node ?? (build.node === build.context?.node ? build.context.node : undefined), dockerfile);
    }
    for (const f of service.envFiles) add(f.node, path.resolve(dir, f.interpolated.value));
    for (const m of service.volumes) {
      if (m.spec?.type !== 'bind' || !m.spec.source || m.spec.source.startsWith('~')) continue;
      const target = path.resolve(dir, m.spec.source);
      if (isMap(m.node)) add(deref(entry(m.node, 'source', m.doc)?.value, m.doc) ?? undefined, target);
      else add(m.node, target);
    }
    if (service.extends?.file) {
      const fileNode = isMap(service.extends.node) ? deref(entry(service.extends.node, 'file', service.doc)?.value, service.doc) : undefined;
      add(fileNode ?? undefined, path.resolve(dir, service.extends.file));
    }
  }
  for (const inc of model.includes) add(inc.node, path.resolve(dir, inc.path));
  return out;
}
