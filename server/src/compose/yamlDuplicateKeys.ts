// Duplicate mapping keys, found in linear time. `yaml` checks each new key against every earlier key of its
// mapping (`uniqueKeys`), which is quadratic: 25,000 keys in one mapping (290 KB) took 3.8 s to parse, 8,000
// services 0.5 s more than without the check. The parse runs with `uniqueKeys: false` and this pass adds
// the errors yaml would have reported (same code and message, at the same place in the document's error
// list), each on the duplicate key itself. yaml puts most there too, but some, after broken lines, on the
// end of the entry before; yaml-syntax underlines the key either way. test/yaml-duplicate-keys.test.ts
// compares both on hand-written cases, the corpus and mutated files.
import { YAMLParseError, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yamlGuards';

/** Adds yaml's DUPLICATE_KEY errors to `doc.errors`. */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: { keyStart: number; keyEnd: number }[] = [];
  // Explicit stack, children pushed in reverse: document order, and no recursion for deep nesting.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = (node as { items: Pair[] }).items;
      const seen = new Set<unknown>();
      for (const pair of items) {
        const key = pair.key as Node | null;
        // yaml's test: the same node, or two scalars with `===` values (never NaN). Other keys never match.
        if (!isScalar(key)) continue;
        const value = (key as { value: unknown }).value;
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) {
          const r = key!.range!;
          found.push({ keyStart: r[0], keyEnd: r[1] });
        } else seen.add(value);
      }
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!.value, items[i]!.key);
    } else if (isSeq(node)) {
      const items = (node as { items: unknown[] }).items;
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  if (found.length > 0) doc.errors = mergeInOrder(doc.errors, found.sort((a, b) => a.keyStart - b.keyStart));
}

/**
 * yaml reports a duplicate right after composing the key, before its value: after the errors of what comes
 * before the key and of the key itself, before those of its value. Two errors about a key come after it and
 * after everything inside it, though they start where the key does: a key with no value, and a key over
 * 1,024 characters (both report the key's range once the value is known to be missing or too far).
 * `found` is in document order.
 */
const REPORTED_AFTER_THE_KEY = new Set(['MISSING_CHAR', 'KEY_OVER_1024_CHARS']);

function mergeInOrder(errors: YAMLError[], found: { keyStart: number; keyEnd: number }[]): YAMLError[] {
  const out: YAMLError[] = [];
  let i = 0;
  for (const { keyStart, keyEnd } of found) {
    const aboutAnEnclosingKey = (e: YAMLError) => REPORTED_AFTER_THE_KEY.has(e.code) && e.pos[0] <= keyStart && e.pos[1] >= keyEnd;
    const before = (e: YAMLError) => e.pos[0] < Math.max(keyEnd, keyStart + 1) && !aboutAnEnclosingKey(e);
    while (i < errors.length && before(errors[i]!)) out.push(errors[i++]!);
    out.push(new YAMLParseError([keyStart, keyStart + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  while (i < errors.length) out.push(errors[i++]!);
  return out;
}
