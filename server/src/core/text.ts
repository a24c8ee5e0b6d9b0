// Line/offset helpers over plain text. Analysis keeps offsets; these convert at the edges.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from './types';

/** Creates the immutable text snapshot every analysis works on. */
export function snapshot(uri: string, languageId: string, version: number, text: string): TextDocument {
  return TextDocument.create(uri, languageId, version, text);
}

/** The end-of-line sequence the document mostly uses (a fix writes new lines with it). */
export function detectEol(text: string): '\n' | '\r\n' {
  const firstLf = text.indexOf('\n');
  return firstLf > 0 && text[firstLf - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartOffset(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

/** Offset just after the line break that ends the line holding `offset` (or the text end). */
export function nextLineStartOffset(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

/**
 * Applies edits to a text. Edits must not overlap; they are applied from the end so offsets stay valid.
 * Edits at the same offset keep their given order.
 */
export function applyEdits(doc: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

/** True when no two edits touch the same span (insertions at one point are allowed). */
export function editsOverlap(a: TextEdit[], b: TextEdit[], doc: TextDocument): boolean {
  const spans = (edits: TextEdit[]) => edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const);
  for (const [as, ae] of spans(a)) {
    for (const [bs, be] of spans(b)) {
      if (as < be && bs < ae) return true;
      if (as === bs && (as !== ae || bs !== be)) return true;
    }
  }
  return false;
}
