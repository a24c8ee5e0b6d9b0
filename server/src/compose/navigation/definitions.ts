// Go to definition in a compose file: service names (depends_on, links, extends, network_mode service:x,
// volumes_from) to the service, volume and network names to their top-level declaration, and `${VAR}`
// to its line in `.env`. Declarations in the other files of the project count.
import * as path from 'node:path';
import type { FileLocation, Position } from '../../core/types';
import { cursorAt, nodeRange } from '../hovers/cursor';
import { findReference, interpolate } from '../interpolate';
import type { ComposeModel } from '../model';
import type { ProjectFile } from '../project';
import { isScalar, scalarText, type Node } from '../yamlTree';

export function composeDefinition(model: ComposeModel, position: Position): FileLocation[] {
  const cursor = cursorAt(model, position);
  if (!cursor) return [];
  const project = model.related();
  const at = (file: ProjectFile, node: Node): FileLocation => ({
    path: file.model === model ? undefined : file.path,
    range: nodeRange(file.model, node),
  });
  const text = isScalar(cursor.node) ? (scalarText(cursor.node, cursor.doc) ?? '') : '';
  const [, , section, index] = cursor.path;
  const serviceTarget = (name: string): FileLocation[] => {
    const effective = project.service(name);
    return effective ? effective.layers.filter((l) => l.service.name === name).map((l) => at(l.file, l.service.keyNode)) : [];
  };

  if (cursor.service) {
    if (section === 'depends_on' && (cursor.onKey ? cursor.path.length === 4 : typeof index === 'number')) return serviceTarget(text);
    if (section === 'links' && typeof index === 'number') return serviceTarget(text.split(':')[0]!);
    if (section === 'volumes_from' && typeof index === 'number' && !text.startsWith('container:')) return serviceTarget(text.replace(/^service:/, '').split(':')[0]!);
    if (section === 'network_mode' && text.startsWith('service:')) return serviceTarget(text.slice('service:'.length));
    if (section === 'extends' && (cursor.path.length === 3 || cursor.path[3] === 'service') && !cursor.onKey) {
      return cursor.service.extends && !cursor.service.extends.file ? serviceTarget(text) : [];
    }
    if (section === 'volumes' && typeof index === 'number') {
      const mount = cursor.service.volumes[index];
      if (mount?.spec?.type === 'volume' && mount.spec.source) {
        const found = project.resource('volumes', mount.spec.source);
        if (found) return [at(found.file, found.decl.keyNode)];
      }
    }
    if (section === 'networks' && (cursor.onKey ? cursor.path.length === 4 : typeof index === 'number')) {
      const found = project.resource('networks', text);
      if (found) return [at(found.file, found.decl.keyNode)];
    }
  }
  // `${VAR}` → its line in .env (the project folder's).
  if (text.includes('$') && model.filePath) {
    const offset = model.doc.offsetAt(position) - (cursor.node.range?.[0] ?? 0);
    const source = model.text.slice(cursor.node.range?.[0] ?? 0, cursor.node.range?.[1] ?? 0);
    const ref = interpolate(text, model.lookup).refs.find((r) => {
      const m = findReference(source, r.name);
      return m !== undefined && offset >= m.index && offset <= m.index + m.prefix + r.argument.length + 2;
    });
    const entry = ref && model.env.get(ref.name);
    if (entry) {
      const envPath = path.join(path.dirname(model.filePath), '.env');
      return [{ path: envPath, range: { start: { line: entry.line, character: 0 }, end: { line: entry.line, character: entry.name.length } } }];
    }
  }
  return [];
}
