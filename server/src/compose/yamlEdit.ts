// Minimal text edits to compose files: every byte the fix does not need to touch stays as it was
// (comments, quoting, CRLF, flow style, indentation). Edits are computed from node ranges on the
// original text; nothing is ever re-printed from the YAML tree.
import { detectEol, lineStartOffset, nextLineStartOffset } from '../core/text';
import type { TextEdit } from '../core/types';
import type { ComposeModel } from './model';
import { isMap, isScalar, isSeq, range, type Document, type Node, type Scalar } from './yamlTree';

export function textEdit(model: ComposeModel, start: number, end: number, newText: string): TextEdit {
  return { range: { start: model.doc.positionAt(start), end: model.doc.positionAt(end) }, newText };
}

/** The whole lines of a `key: value` entry (a trailing comment on its last line goes too). */
export function removeEntryLines(model: ComposeModel, keyNode: Node, valueNode: Node | null): TextEdit {
  const start = lineStartOffset(model.text, range(keyNode)![0]);
  const last = range(valueNode ?? keyNode)![1];
  // A value's range ends where its content ends; the line break after it is removed with it.
  const end = nextLineStartOffset(model.text, Math.max(last - 1, start));
  return textEdit(model, start, end, '');
}

/** Wraps a plain scalar in double quotes (its text needs no escaping when it has no `"` or `\`). */
export function quotePlainScalar(model: ComposeModel, node: Scalar): TextEdit | undefined {
  const r = range(node);
  if (!r || node.type !== 'PLAIN') return undefined;
  const source = model.text.slice(r[0], r[1]);
  if (/["\\]/.test(source)) return undefined;
  return textEdit(model, r[0], r[1], `"${source}"`);
}

/** Replaces a scalar's value, keeping its quote style. */
export function replaceScalarValue(model: ComposeModel, node: Scalar, value: string): TextEdit | undefined {
  const r = range(node);
  if (!r) return undefined;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return textEdit(model, r[0], r[1], JSON.stringify(value));
    case 'QUOTE_SINGLE':
      return textEdit(model, r[0], r[1], `'${value.replace(/'/g, "''")}'`);
    case 'PLAIN':
      return textEdit(model, r[0], r[1], /^[\w./@-][\w./@:-]*$/.test(value) && !/:\s/.test(value) ? value : JSON.stringify(value));
    default:
      return undefined;
  }
}

/** The indentation unit of the file: how far `services:` entries are indented (2 if unknown). */
export function indentUnit(model: ComposeModel, doc: Document): string {
  const top = doc.contents;
  if (isMap(top)) {
    for (const pair of top.items) {
      if (isMap(pair.value) && pair.value.items.length > 0 && pair.value.flow !== true) {
        const first = pair.value.items[0]!.key as Node | undefined;
        const r = range(first);
        if (r) {
          const col = r[0] - lineStartOffset(model.text, r[0]);
          if (col > 0) return model.text.slice(lineStartOffset(model.text, r[0]), r[0]).replace(/[^ \t]/g, ' ');
        }
      }
    }
  }
  return '  ';
}

/**
 * Adds `key:` (an empty declaration) to the top-level mapping `section` (e.g. `volumes`), creating the
 * section at the end of the document when it does not exist. Keys are added in the section's style.
 */
export function addTopLevelKey(model: ComposeModel, doc: Document, section: string, key: string): TextEdit | undefined {
  const eol = detectEol(model.text);
  const unit = indentUnit(model, doc);
  const top = doc.contents;
  if (!isMap(top)) return undefined;
  const pair = top.items.find((p) => isScalar(p.key) && p.key.value === section);
  const safeKey = /^[\w.-]+$/.test(key) ? key : JSON.stringify(key);
  if (!pair) {
    // A new section after the document's last line.
    const end = range(top)![1];
    const at = nextLineStartOffset(model.text, Math.max(end - 1, 0));
    const needsEol = at > 0 && model.text[at - 1] !== '\n';
    return textEdit(model, at, at, `${needsEol ? eol : ''}${section}:${eol}${unit}${safeKey}:${eol}`);
  }
  const value = pair.value as Node | null;
  if (value && isMap(value) && value.flow) {
    const r = range(value)!;
    const inner = model.text.slice(r[0] + 1, r[1] - 1);
    if (inner.trim() === '') return textEdit(model, r[0], r[1], `{ ${safeKey}: {} }`);
    let at = r[1] - 1;
    while (at > r[0] + 1 && /\s/.test(model.text[at - 1]!)) at--;
    return textEdit(model, at, at, `${model.text[at - 1] === ',' ? ' ' : ', '}${safeKey}: {}`);
  }
  if (value && isMap(value) && value.items.length > 0) {
    // After the last entry, at the indentation of the first one.
    const firstKey = range(value.items[0]!.key as Node)!;
    const indent = model.text.slice(lineStartOffset(model.text, firstKey[0]), firstKey[0]);
    const lastEnd = range(value)![1];
    const at = nextLineStartOffset(model.text, Math.max(lastEnd - 1, 0));
    const needsEol = at > 0 && model.text[at - 1] !== '\n';
    return textEdit(model, at, at, `${needsEol ? eol : ''}${indent}${safeKey}:${eol}`);
  }
  if (value === null || (isScalar(value) && value.value === null)) {
    // `volumes:` with nothing under it.
    const keyRange = range(pair.key as Node)!;
    const at = nextLineStartOffset(model.text, keyRange[1]);
    const needsEol = at > 0 && model.text[at - 1] !== '\n';
    const sectionIndent = model.text.slice(lineStartOffset(model.text, keyRange[0]), keyRange[0]);
    return textEdit(model, at, at, `${needsEol ? eol : ''}${sectionIndent}${unit}${safeKey}:${eol}`);
  }
  return undefined;
}

/**
 * Appends a `key:` block (already indented relative to the key) to a block mapping, after its last entry,
 * at the indentation of its entries. `body` lines are indented one unit deeper than the key.
 */
export function addMapEntry(model: ComposeModel, doc: Document, map: Node, key: string, body: string[]): TextEdit | undefined {
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const eol = detectEol(model.text);
  const unit = indentUnit(model, doc);
  const firstKey = range(map.items[0]!.key as Node)!;
  // A mapping that starts a sequence item (`- target: 80`) is indented to its first key's column.
  const indent = ' '.repeat(firstKey[0] - lineStartOffset(model.text, firstKey[0]));
  const end = range(map)![1];
  const at = nextLineStartOffset(model.text, Math.max(end - 1, 0));
  const needsEol = at > 0 && model.text[at - 1] !== '\n';
  const lines = [`${indent}${key}:`, ...body.map((l) => `${indent}${unit}${l}`)];
  return textEdit(model, at, at, `${needsEol ? eol : ''}${lines.join(eol)}${eol}`);
}

/** Appends an item to a block sequence, after its last item, in the same `- ` style. */
export function addSeqItem(model: ComposeModel, seq: Node, item: string): TextEdit | undefined {
  const r = range(seq);
  // Only a block sequence takes a new `- item` line (a map under the key is a different mistake).
  if (!r || !isSeq(seq) || seq.flow) return undefined;
  const items = (seq as unknown as { items: Node[] }).items;
  if (items.length === 0) return undefined;
  const eol = detectEol(model.text);
  const firstItem = range(items[0])!;
  const lineStart = lineStartOffset(model.text, firstItem[0]);
  const prefix = model.text.slice(lineStart, firstItem[0]); // e.g. `      - `
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return undefined;
  const at = nextLineStartOffset(model.text, Math.max(r[1] - 1, 0));
  const needsEol = at > 0 && model.text[at - 1] !== '\n';
  return textEdit(model, at, at, `${needsEol ? eol : ''}${prefix}${item}${eol}`);
}
