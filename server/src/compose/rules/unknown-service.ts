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

/**
 * Name comparisons (edit distances) for suggestions per analysis. 8,000 services each naming a different
 * unknown service took 64 million comparisons, 14 s; this budget is about 50 ms on the benchmark machine.
 */
export const MAX_COMPARISONS = 250_000;

export const unknownService: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Reference to a service that does not exist',
  defaultSeverity: 'error',
  docs: `\`depends_on\`, \`links\`, \`extends.service\`, \`network_mode: service:<name>\` and \`volumes_from\` must name a
service of the project (the other files of the project count: the override file, included files, sibling
files combined with \`-f\`). Compose stops with \`service "api" depends on undefined service "db": invalid
compose project\`.

**Quick-fix.** When exactly one existing service name is close (a typo), replaces the reference with it.
A file with thousands of unknown names gets suggestions for the first of them only (up to
${MAX_COMPARISONS.toLocaleString('en-US')} name comparisons), so that looking for typos cannot stall the editor.`,
  check(model) {
    const findings: Finding[] = [];
    const project = model.related();
    // Each distinct unknown name is charged its comparisons once, whether or not an earlier analysis
    // remembered its suggestion: the same file gets the same suggestions, typed or opened.
    let comparisons = 0;
    const affordable = new Map<string, boolean>();
    const canSuggest = (key: string, cost: number): boolean => {
      let ok = affordable.get(key);
      if (ok === undefined) affordable.set(key, (ok = (comparisons += cost) <= MAX_COMPARISONS));
      return ok;
    };
    const report = (service: ServiceModel, name: string, node: Node, what: string, edit?: (replacement: string) => ReturnType<typeof textEdit> | undefined) => {
      if (name.includes('$') || project.hasService(name)) return;
      const names = project.serviceNames();
      const suggestion = canSuggest(name, names.length) ? suggestionFor(name, names) : undefined;
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
    // Per file that services extend from, once: its service names (built per service, 8,000 `extends` took
    // 5.5 s) and the names close to each unknown target (each service then drops its own name).
    const extendable = new Map<ComposeModel, { names: Set<string>; near: Map<string, Near[]> }>();
    const extendableIn = (m: ComposeModel) => {
      let e = extendable.get(m);
      if (!e) extendable.set(m, (e = { names: new Set(m.services.map((s) => s.name)), near: new Map() }));
      return e;
    };
    const nearIn = (e: { names: Set<string>; near: Map<string, Near[]> }, name: string): Near[] => {
      let found = e.near.get(name);
      if (!found) e.near.set(name, (found = near(name, e.names)));
      return found;
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
        const source = extendableIn((target ?? { model }).model);
        const names = source.names;
        if (!names.has(ext.service)) {
          const node = isScalar(ext.node) ? ext.node : (deref(entry(ext.node, 'service', d)?.value, d) ?? ext.node);
          const affordable = canSuggest(`extends\0${ext.file ?? ''}\0${ext.service}`, names.size);
          const suggestion = affordable ? pick(nearIn(source, ext.service).filter((n) => n.name !== service.name)) : undefined;
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

/**
 * The suggestions of earlier analyses, kept while the project's service names stay the same (every keystroke
 * that does not add, remove or rename a service). Without it, a few stale references in the 500-service
 * stress file cost about 4 ms of edit distances on each keystroke (CPU profile of bench/typing-bench.mjs).
 */
let remembered: { names: string[]; suggestions: Map<string, string | undefined> } | undefined;
const MAX_REMEMBERED = 1_000;

function suggestionFor(name: string, names: string[]): string | undefined {
  if (!remembered || !sameNames(remembered.names, names) || remembered.suggestions.size >= MAX_REMEMBERED) remembered = { names, suggestions: new Map() };
  // The same array object for the rest of this analysis: later references skip the comparison.
  remembered.names = names;
  const { suggestions } = remembered;
  if (!suggestions.has(name)) suggestions.set(name, closest(name, names));
  return suggestions.get(name);
}

function sameNames(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The single known name within a small edit distance (a typo), if there is exactly one.
 * Runs for every unknown reference against every service name (500 × the unknown references of the stress
 * file on each keystroke): the distance gives up as soon as it cannot be within `limit`, without allocating.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  return pick(near(name, candidates));
}

interface Near {
  name: string;
  distance: number;
}

/** The candidates within the typo distance of `name`: 1 edit for names up to 4 letters, else 2. */
function near(name: string, candidates: Iterable<string>): Near[] {
  const limit = name.length <= 4 ? 1 : 2;
  const a = name.toLowerCase();
  const out: Near[] = [];
  for (const c of candidates) {
    const d = distance(a, c.toLowerCase(), limit);
    if (d <= limit) out.push({ name: c, distance: d });
  }
  return out;
}

/** The nearest candidate, when no other is as near. */
function pick(candidates: Near[]): string | undefined {
  let best: Near | undefined;
  let ties = 0;
  for (const c of candidates) {
    if (!best || c.distance < best.distance) {
      best = c;
      ties = 1;
    } else if (c.distance === best.distance) ties++;
  }
  return ties === 1 ? best!.name : undefined;
}

/** Three rolling rows of the distance matrix, grown as needed (one call at a time: no re-entrance). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance where swapping two neighbouring letters (`vnp` → `vpn`) counts as one edit (optimal string
 * alignment), exact up to `limit`; any figure above `limit` means "farther than that".
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length + 1 > rows[0]!.length) rows = [0, 1, 2].map(() => new Int32Array(2 * (b.length + 1)));
  let prev2 = rows[0]!; // row i - 2
  let prev = rows[1]!; // row i - 1
  let cur = rows[2]!;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every cell of a row is at least the smaller of the last row's minimum and the one before's plus one:
    // two rows above the limit in a row keep every later row above it.
    if (i > 1 && rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}
