// Rule unknown-key: a key Compose does not know where one is expected (a typo such as `depend_on` or
// `healtcheck`); the schema rejects it. `x-` keys are never reported.
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { BUILD_KEYS, DEPENDS_ON_KEYS, HEALTHCHECK_KEYS, PORT_KEYS, SERVICE_KEYS, TOP_LEVEL_KEYS, VOLUME_MOUNT_KEYS } from '../schemaKeys';
import { removeEntryLines, textEdit } from '../yamlEdit';
import { deref, entries, entry, isMap, isMergeKey, items, range, type Document, type Node, type Scalar } from '../yamlTree';
import { closest } from './unknown-service';

export const ID = 'unknown-key';

/**
 * The key lists as sets: every key of every service is looked up (4,000 of them in the 500-service stress
 * file on each keystroke), and `SERVICE_KEYS` alone has over 80 names to scan.
 */
const knownSets = new Map<readonly string[], ReadonlySet<string>>();
function setOf(known: readonly string[]): ReadonlySet<string> {
  let set = knownSets.get(known);
  if (!set) knownSets.set(known, (set = new Set(known)));
  return set;
}

/**
 * Service mappings found free of unknown keys. While typing in a large file, a service whose text did not
 * change keeps its nodes (yamlReuse.ts), so a clean one is still clean and need not be walked again (3.6 ms
 * of each keystroke in the 500-service stress file). Only "clean" is kept: findings carry positions, which
 * move. Nor is a service kept whose text has a `*` anywhere: through an alias its keys come from an anchor
 * elsewhere, which could change while the service's own text does not (today such a file is parsed whole
 * on every version, so its nodes are new anyway; this does not rely on that).
 */
const cleanServices = new WeakSet<object>();

function mayUseAlias(text: string, node: Node): boolean {
  const r = range(node);
  if (!r) return true;
  for (let i = r[0]; i < r[1]; i++) if (text.charCodeAt(i) === 42 /* * */) return true;
  return false;
}

export const unknownKey: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Key that Compose does not know (a typo?)',
  defaultSeverity: 'error',
  docs: `A key the Compose Specification does not define where Compose expects one: at the top level, in a
service, and in \`healthcheck\`, \`build\`, long-syntax \`ports\` and \`volumes\` entries and \`depends_on\` entries.
Compose rejects the file (\`additional properties 'depend_on' not allowed\`). Keys starting with \`x-\` are
extensions and never reported.

**Quick-fix.** When exactly one known key is close (\`depend_on\` → \`depends_on\`, \`healtcheck\` →
\`healthcheck\`), renames the key. A misspelt top-level \`version\` is removed instead: the attribute is obsolete
(see \`compose-version-obsolete\`).`,
  check(model) {
    const findings: Finding[] = [];
    const checkMap = (map: unknown, d: Document, known: string[], where: string) => {
      const m = deref(map, d);
      if (!isMap(m)) return;
      for (const pair of m.items) {
        const key = pair.key as Scalar | null;
        if (!key || typeof key !== 'object' || !('value' in key) || isMergeKey(key)) continue;
        const name = String(key.value);
        if (name.startsWith('x-') || setOf(known).has(name)) continue;
        const suggestion = closest(name, known);
        const r = range(key);
        findings.push({
          ruleId: ID,
          range: nodeRange(model, key),
          message: `${code(name)} is not a key Compose knows ${where}: it rejects the file ("additional properties '${name}' not allowed").${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
          fixes: !suggestion || !r || key.type !== 'PLAIN' ? []
            // A misspelt top-level `version` would only become the obsolete attribute: remove the line instead.
            : suggestion === 'version' && where === 'at the top level' ? [{ title: `Remove ${code(name)} (Compose ignores \`version\`)`, edits: [removeEntryLines(model, key, pair.value as Node | null)], isPreferred: true }]
            : [{ title: `Rename to ${code(suggestion)}`, edits: [textEdit(model, r[0], r[1], suggestion)], isPreferred: true }],
        });
      }
    };
    for (const d of model.yaml.docs) {
      if (!isMap(d.contents)) continue;
      const topKeys = d.contents.items.map((p) => (p.key && typeof p.key === 'object' && 'value' in p.key ? String(p.key.value) : ''));
      // A YAML file named like a compose file but with none of its keys (a CI workflow called
      // compose-*.yml) is not a compose file: nothing to say about its keys.
      if (!topKeys.some((k) => (TOP_LEVEL_KEYS.includes(k) && k !== 'name') || k.startsWith('x-'))) {
        const v1 = legacyFormat(d, topKeys);
        if (v1) findings.push(v1);
        // …unless a top-level key is a typo of a compose one (`service:`): then it is a broken compose file.
        else if (topKeys.some((k) => !TOP_LEVEL_KEYS.includes(k) && closest(k, TOP_LEVEL_KEYS) !== undefined)) checkMap(d.contents, d, TOP_LEVEL_KEYS, 'at the top level');
        continue;
      }
      checkMap(d.contents, d, TOP_LEVEL_KEYS, 'at the top level');
      for (const s of entries(entry(d.contents, 'services', d)?.value, d)) {
        if (s.merged || (s.value && cleanServices.has(s.value))) continue;
        const before = findings.length;
        const where = `in a service`;
        checkMap(s.value, d, SERVICE_KEYS, where);
        checkMap(entry(s.value, 'healthcheck', d)?.value, d, HEALTHCHECK_KEYS, 'in `healthcheck`');
        checkMap(entry(s.value, 'build', d)?.value, d, BUILD_KEYS, 'in `build`');
        for (const p of items(entry(s.value, 'ports', d)?.value, d)) checkMap(p, d, PORT_KEYS, 'in a `ports` entry');
        for (const v of items(entry(s.value, 'volumes', d)?.value, d)) checkMap(v, d, VOLUME_MOUNT_KEYS, 'in a `volumes` entry');
        for (const dep of entries(entry(s.value, 'depends_on', d)?.value, d)) checkMap(dep.value, d, DEPENDS_ON_KEYS, 'in a `depends_on` entry');
        if (findings.length === before && s.value && !mayUseAlias(model.text, s.value)) cleanServices.add(s.value);
      }
    }
    return findings;

    /** Services at the top level without `services:`: the version 1 file format, which Compose v2 does not read. */
    function legacyFormat(d: Document, topKeys: string[]): Finding | undefined {
      const top = d.contents as unknown as { items: { key: Scalar; value: unknown }[] };
      const serviceLike = top.items.filter((p) => isMap(deref(p.value, d)) && (entry(p.value, 'image', d) || entry(p.value, 'build', d)));
      if (serviceLike.length === 0) return undefined;
      return {
        ruleId: ID,
        range: nodeRange(model, serviceLike[0]!.key),
        message: `This file uses the version 1 Compose format (services such as ${topKeys.filter((k) => serviceLike.some((p) => String(p.key.value) === k)).slice(0, 3).map(code).join(', ')} at the top level, without \`services:\`); the Compose Specification allows no such keys at the top level, so Compose rejects the file: move them under \`services:\`.`,
        fixes: [],
      };
    }
  },
};
