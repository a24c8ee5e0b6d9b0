// Reading compose YAML: the `yaml` imports of the compose side live here and in the yaml*.ts files beside it.
// Parses all documents of a file with source ranges, Compose's custom tags and merge keys, and offers
// merge-aware access to mappings so the model sees what Compose sees while keeping each value's node
// (and so its source range) for hovers, diagnostics and edits.
import { parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { addDuplicateKeyErrors } from './yamlDuplicateKeys';
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from './yamlGuards';

export type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq };
export { isAlias, isMap, isPair, isScalar, isSeq, visit };

/** `!reset` and `!override` (Compose merge tags) on scalars, mappings and sequences: valid, not errors. */
const COMPOSE_TAGS = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
]);

export interface ParsedYaml {
  docs: Document.Parsed[];
}

/**
 * The parse options every compose parse uses (also yamlReuse.ts for the chunks of a large file). Node ranges
 * are enough: fixes are text edits computed from them, and positions come from the TextDocument; without
 * source tokens and a line counter the parse allocates (and collects) less. `uniqueKeys: false`: yaml's
 * duplicate-key check is quadratic; addDuplicateKeyErrors adds its errors.
 */
export const PARSE_OPTIONS = { merge: true, customTags: COMPOSE_TAGS, prettyErrors: false, uniqueKeys: false } as const;

export function parseYaml(text: string): ParsedYaml {
  // Every YAMLError is an Error, and capturing its stack trace dominated the parse of broken input (a
  // mangled 750 KB file had 336,000 errors: 2.6 s with traces, 0.6 s without). We never read those traces.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const parsed = parseAllDocuments(text, PARSE_OPTIONS);
    const docs = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
    for (const doc of docs) addDuplicateKeyErrors(doc);
    return { docs };
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The source range of every mapping key scalar of a document, by start offset. An explicit stack instead
 * of yaml's recursive `visit`, so thousands of nesting levels cannot overflow the call stack.
 */
export function keyRanges(doc: Document): Map<number, number> {
  const out = new Map<number, number>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.range) out.set(node.key.range[0], node.key.range[1]);
      stack.push(node.key, node.value);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) stack.push(item);
    }
  }
  return out;
}

/** A mapping entry as Compose sees it after merge keys: the key text, its key node and value node. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  /** True when the entry comes from a `<<` merge (its nodes sit at the anchor). */
  merged: boolean;
}

/** Merge chains deeper than this are cut (the stress corpus has a 200-level chain; real files have 1–3). */
const MAX_MERGE_DEPTH = 256;

/**
 * Anchors of a document, collected once: yaml's own `Alias.resolve(doc)` walks the whole document on
 * every call, which made alias-heavy files quadratic.
 */
const anchorCache = new WeakMap<Document, Map<string, { start: number; node: Node }[]>>();
function anchorsOf(doc: Document): Map<string, { start: number; node: Node }[]> {
  let anchors = anchorCache.get(doc);
  if (!anchors) {
    const found = new Map<string, { start: number; node: Node }[]>();
    visit(doc, (_key, node) => {
      const n = node as Node & { anchor?: string };
      if (n && typeof n === 'object' && 'anchor' in n && n.anchor) {
        const list = found.get(n.anchor) ?? [];
        list.push({ start: n.range?.[0] ?? 0, node: n });
        found.set(n.anchor, list);
      }
    });
    anchors = found;
    anchorCache.set(doc, anchors);
  }
  return anchors;
}

/** Resolves an alias to the node it names: the latest anchor of that name before it (bounded chain). */
export function deref(node: unknown, doc: Document): Node | null {
  let n = node as Node | null | undefined;
  let guard = 0;
  while (n && isAlias(n) && guard++ < 32) {
    const at = n.range?.[0] ?? Infinity;
    const candidates = anchorsOf(doc).get(n.source) ?? [];
    let target: Node | undefined;
    for (const c of candidates) if (c.start < at) target = c.node;
    n = target;
  }
  return n ?? null;
}

/** Merged entries per mapping node: an alias fan-out (`<<: [*a, *a, *a]` nested) is then linear, not exponential. */
const entriesCache = new WeakMap<Document, WeakMap<object, Entry[]>>();
const plainEntriesCache = new WeakMap<object, Entry[]>();

/** Entries of a mapping with `<<` merges applied (own keys win over merged ones, earlier merges over later). */
export function entries(map: unknown, doc: Document, depth = 0): Entry[] {
  const m = deref(map, doc);
  if (!isMap(m) || depth > MAX_MERGE_DEPTH) return [];
  const plain = plainEntriesCache.get(m);
  if (plain) return plain;
  // Per document for a mapping with `<<` merges: a large file's unchanged chunks keep their nodes from one
  // version to the next (yamlReuse.ts) while the anchors their merges name may have changed.
  let perDoc = entriesCache.get(doc);
  if (!perDoc) entriesCache.set(doc, (perDoc = new WeakMap()));
  const cached = perDoc.get(m);
  if (cached) return cached;
  const result = computeEntries(m, doc, depth);
  // Without merges the entries are the mapping's own pairs, whatever the document: kept across versions.
  if (m.items.some((pair) => isScalar(pair.key) && isMergeKey(pair.key))) perDoc.set(m, result);
  else plainEntriesCache.set(m, result);
  return result;
}

function computeEntries(m: YAMLMap, doc: Document, depth: number): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of m.items) {
    if (!isScalar(pair.key)) continue;
    // With `merge: true` the parser gives a merge key a symbol value; its source is `<<`.
    if (isMergeKey(pair.key)) {
      const sources = isSeq(deref(pair.value, doc)) ? (deref(pair.value, doc) as YAMLSeq).items : [pair.value];
      for (const source of sources) {
        for (const e of entries(source, doc, depth + 1)) {
          if (!merged.some((x) => x.key === e.key)) merged.push({ ...e, merged: true });
        }
      }
      continue;
    }
    own.push({ key: String(pair.key.value), keyNode: pair.key as Scalar, value: (pair.value as Node | null) ?? null, merged: false });
  }
  return [...own, ...merged.filter((e) => !own.some((o) => o.key === e.key))];
}

export function isMergeKey(key: Scalar): boolean {
  return typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN');
}

export function entry(map: unknown, key: string, doc: Document): Entry | undefined {
  return entries(map, doc).find((e) => e.key === key);
}

/** The items of a sequence (aliases resolved). */
export function items(seq: unknown, doc: Document): Node[] {
  const s = deref(seq, doc);
  if (!isSeq(s)) return [];
  // One array, not map() then filter(): this runs for every list of every service on each keystroke.
  const out: Node[] = [];
  for (const item of s.items as unknown[]) {
    const n = deref(item, doc);
    if (n !== null) out.push(n);
  }
  return out;
}

/** A scalar's value as Compose reads it (numbers and booleans as their YAML text), else undefined. */
export function scalarText(node: unknown, doc: Document): string | undefined {
  const n = deref(node, doc);
  if (!isScalar(n)) return undefined;
  if (n.value === null) return undefined;
  if (typeof n.value === 'string') return n.value;
  // Keep the source text of numbers (`0755`, `1e3`) rather than the JS number.
  return n.source ?? String(n.value);
}

export function range(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The path of keys/indexes from the document root to the innermost node containing `offset`. */
export interface Located {
  path: (string | number)[];
  node: Node;
  /** True when the cursor is on a mapping key. */
  onKey: boolean;
  doc: Document;
}

export function locate(docs: Document[], offset: number): Located | undefined {
  for (const doc of docs) {
    const r = doc.range as [number, number, number] | undefined;
    if (!r || offset < r[0] || offset > r[2]) continue;
    const found = locateIn(doc.contents, null, [doc], offset, doc);
    if (found) return found;
  }
  return undefined;
}

/**
 * The walk yaml's `visit` would make for locate() (depth first, in document order, skipping collections and
 * aliases whose range leaves out the offset, a pair's scalar key before its value), written out so that a
 * hover does not allocate a frozen path array for every node it passes: `ancestry` is one stack, and a path
 * is built only for the node found.
 */
function locateIn(node: unknown, key: 'key' | 'value' | number | null, ancestry: unknown[], offset: number, doc: Document): Located | undefined {
  if (isPair(node)) {
    const k = node.key as Node | null;
    const kr = (k as { range?: [number, number, number] } | null)?.range;
    if (kr && offset >= kr[0] && offset <= kr[1] && isScalar(k)) {
      return { path: [...pathOf(ancestry, doc), isMergeKey(k) ? '<<' : String(k.value)], node: k as Node, onKey: true, doc };
    }
    ancestry.push(node);
    const found = locateIn(k, 'key', ancestry, offset, doc) ?? locateIn(node.value, 'value', ancestry, offset, doc);
    ancestry.pop();
    return found;
  }
  if (isScalar(node)) {
    if (key === 'key') return undefined;
    const nr = node.range;
    if (nr && offset >= nr[0] && offset <= nr[1]) {
      ancestry.push(node);
      const path = pathOf(ancestry, doc);
      ancestry.pop();
      return { path, node, onKey: false, doc };
    }
    return undefined;
  }
  if (isMap(node) || isSeq(node) || isAlias(node)) {
    const nr = (node as Node).range;
    if (nr && (offset < nr[0] || offset > nr[1])) return undefined;
    if (isAlias(node)) return undefined;
    const items = (node as YAMLMap | YAMLSeq).items as unknown[];
    ancestry.push(node);
    let found: Located | undefined;
    for (let i = 0; i < items.length && !found; i++) found = locateIn(items[i], i, ancestry, offset, doc);
    ancestry.pop();
    return found;
  }
  return undefined;
}

/** Converts the visitor's ancestry (documents, collections, pairs) into keys and indexes. */
function pathOf(ancestry: readonly unknown[], _doc: Document): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const a = ancestry[i];
    if (isPair(a) && isScalar(a.key)) out.push(isMergeKey(a.key) ? '<<' : String(a.key.value));
    else if (isSeq(a)) {
      const child = ancestry[i + 1];
      const idx = (a.items as unknown[]).indexOf(child);
      if (idx >= 0) out.push(idx);
    }
  }
  return out;
}
