// What is under the cursor in a compose file: the YAML path and node, computed once per position.
import type { Position, Range } from '../../core/types';
import type { ComposeModel, ServiceModel } from '../model';
import { locate, range, type Located } from '../yamlTree';

export interface Cursor extends Located {
  offset: number;
  /** The service whose definition holds the cursor (`services.<name>…`). */
  service?: ServiceModel;
}

const memo = new WeakMap<ComposeModel, { offset: number; cursor: Cursor | undefined }>();

export function cursorAt(model: ComposeModel, position: Position): Cursor | undefined {
  const offset = model.doc.offsetAt(position);
  const hit = memo.get(model);
  if (hit && hit.offset === offset) return hit.cursor;
  const located = locate(model.yaml.docs, offset);
  const cursor = located && {
    ...located,
    offset,
    service: located.path[0] === 'services' && typeof located.path[1] === 'string' ? model.serviceByName.get(located.path[1]) : undefined,
  };
  memo.set(model, { offset, cursor });
  return cursor;
}

export function nodeRange(model: ComposeModel, node: unknown): Range {
  const r = range(node) ?? [0, 0];
  return { start: model.doc.positionAt(r[0]), end: model.doc.positionAt(r[1]) };
}

/** Markdown inline code that survives backticks in the value. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/** Names that look secret are masked in hovers (people share screens). */
export function looksSecret(name: string): boolean {
  return /pass(word)?|secret|token|key|credential|auth|private|pwd/i.test(name);
}

export function mask(name: string, value: string, reveal: boolean): string {
  return !reveal && looksSecret(name) && value !== '' ? '••••••' : value;
}
