// Where compose inlay hints go: after a value as written, or at the end of a key's line.
import type { InlayHintResult, Position } from '../../core/types';
import type { ComposeModel } from '../model';
import { isMap, isPair, isSeq, range } from '../yamlTree';

/** Offset just after the last character of a value (a block mapping's range also covers comments and line breaks). */
export function valueEndOffset(node: unknown): number | undefined {
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (last === undefined) return range(node)?.[1];
    if (isPair(last)) return valueEndOffset(last.value ?? last.key);
    return valueEndOffset(last);
  }
  return range(node)?.[1];
}

/** The end of the line holding `offset`, without trailing blanks. */
export function lineEnd(model: ComposeModel, offset: number): Position {
  const line = model.doc.positionAt(offset).line;
  const text = model.doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return { line, character: text.replace(/\s+$/, '').length };
}

/** Whether a node was written inside another (not merged in from an anchor elsewhere). */
export function within(node: unknown, container: unknown): boolean {
  const n = range(node);
  const c = range(container);
  return !!n && !!c && n[0] >= c[0] && n[0] <= c[1];
}

/** One hint per position: a node shared through an anchor would otherwise get one per user. */
export function onePerPosition(hints: InlayHintResult[]): InlayHintResult[] {
  const seen = new Set<string>();
  return hints.filter((h) => {
    const key = `${h.position.line}:${h.position.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
