// Rule unknown-service: depends_on, links, extends.service, network_mode: service:x and volumes_from name
// a service that no file of the project defines (domain-facts §2.4: "depends on undefined service").
import * as path from 'node:path';
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel, ServiceModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { replaceScalarValue, textEdit } from '../yamlEdit';
import { deref, entry, isScalar, items, range, scalarText, type Node, type Scalar } from '../yamlTree';

export const ID = 'unknown-service';

export const unknownService: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Reference to a service that does not exist',
  defaultSeverity: 'error',
  docs: `\`depends_on\`, \`links\`, \`extends.service\`, \`network_mode: service:<name>\` and \`volumes_from\` must name a
service of the project (the other files of the project count: the override file, included files, sibling
files combined with \`-f\`). Compose stops with \`service "api" depends on undefined service "db": invalid
compose project\`.

**Quick-fix.** When exactly one existing service name is close (a typo), replaces the reference with it.`,
  check(model) {
    const findings: Finding[] = [];
    const project = model.related();
    const report = (service: ServiceModel, name: string, node: Node, what: string, edit?: (replacement: string) => ReturnType<typeof textEdit> | undefined) => {
      if (name.includes('$') || project.hasService(name)) return;
      const suggestion = closest(name, project.serviceNames());
      const e = suggestion && edit ? edit(suggestion) : undefined;
      findings.push({
        ruleId: ID,
        range: nodeRange(model, node),
        message: `${what} ${code(name)}, which no file of this project defines: ${what.startsWith('`depends_on`') ? `Compose stops with "service \\"${service.name}\\" depends on undefined service \\"${name}\\""` : 'there is no such service to refer to'}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
        fixes: e ? [{ title: `Change to ${code(suggestion!)}`, edits: [e], isPreferred: true }] : [],
      });
    };
    const replaceKey = (node: Node) => (s: string) => {
      const r = range(node)!;
      return isScalar(node) && node.type === 'PLAIN' ? textEdit(model, r[0], r[1], s) : replaceScalarValue(model, node as Scalar, s);
    };
    for (const service of model.services) {
      for (const dep of service.dependsOn) report(service, dep.name, dep.node, '`depends_on` names', replaceKey(dep.node));
      const d = service.doc;
      for (const link of items(entry(service.node, 'links', d)?.value, d)) {
        const text = scalarText(link, d) ?? '';
        const name = text.split(':')[0]!;
        const r = range(link)!;
        report(service, name, link, '`links` names', (s) => {
          // Replace only the service part of `name[:alias]`, inside any quotes.
          const offset = model.text.indexOf(name, r[0]);
          return offset >= 0 && offset < r[1] ? textEdit(model, offset, offset + name.length, s) : undefined;
        });
      }
      for (const from of items(entry(service.node, 'volumes_from', d)?.value, d)) {
        const text = scalarText(from, d) ?? '';
        if (text.startsWith('container:')) continue;
        const name = text.replace(/^service:/, '').split(':')[0]!;
        report(service, name, from, '`volumes_from` names');
      }
      const mode = service.networkMode?.interpolated.value;
      if (mode?.startsWith('service:')) {
        const name = mode.slice('service:'.length);
        report(service, name, service.networkMode!.node, '`network_mode` names', (s) => replaceScalarValue(model, service.networkMode!.node as Scalar, `service:${s}`));
      }
      const ext = service.extends;
      if (ext) {
        const target = ext.file && model.filePath ? project.files().find((f) => f.path === path.resolve(path.dirname(model.filePath!), ext.file!)) : undefined;
        if (ext.file && !target) continue; // a file we cannot read: nothing to say
        const names = new Set((target ?? { model }).model.services.map((s) => s.name));
        if (!names.has(ext.service)) {
          const node = isScalar(ext.node) ? ext.node : (deref(entry(ext.node, 'service', d)?.value, d) ?? ext.node);
          const suggestion = closest(ext.service, [...names].filter((n) => n !== service.name));
          findings.push({
            ruleId: ID,
            range: nodeRange(model, node),
            message: `\`extends\` names service ${code(ext.service)}, which ${ext.file ? code(ext.file) : 'this file'} does not define.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
            fixes: suggestion && isScalar(node) ? [{ title: `Change to ${code(suggestion)}`, edits: [replaceScalarValue(model, node, suggestion)!].filter(Boolean), isPreferred: true }] : [],
          });
        }
      }
    }
    return findings;
  },
};

/** The single known name within a small edit distance (a typo), if there is exactly one. */
export function closest(name: string, candidates: string[]): string | undefined {
  const limit = name.length <= 4 ? 1 : 2;
  const scored = candidates.map((c) => [c, distance(name.toLowerCase(), c.toLowerCase())] as const).filter(([, d]) => d <= limit);
  if (scored.length === 0) return undefined;
  const best = Math.min(...scored.map(([, d]) => d));
  const winners = scored.filter(([, d]) => d === best);
  return winners.length === 1 ? winners[0]![0] : undefined;
}

/** Edit distance where swapping two neighbouring letters (`vnp` → `vpn`) counts as one edit. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
