// Inserting words into a compose `command:` as written: a plain or quoted string, a flow list or a block
// list. Only when the process's words are exactly the command's words (no `sh -c`, no image ENTRYPOINT in
// front), so the index is certain; the rest of the text is kept byte for byte.
import type { ComposeModel, ServiceModel } from '../compose/model';
import { deref, isScalar, isSeq, type Node } from '../compose/yamlTree';
import { detectEol } from '../core/text';
import type { TextEdit } from '../core/types';
import { composeWords, type ServiceProcess } from './serviceProcess';

export function composeWordsEdit(model: ComposeModel, service: ServiceModel, process: ServiceProcess, insertAfter: number, words: string[]): TextEdit | undefined {
  if (process.origin.kind !== 'compose' || process.origin.key !== 'command') return undefined;
  const node = deref(process.origin.node, service.doc);
  const written = composeWords(node ?? undefined, service.doc);
  if (!node || !written || written.length !== process.words.length || written.some((w, i) => w !== process.words[i])) return undefined;
  const at = (offset: number, newText: string): TextEdit => ({ range: { start: model.doc.positionAt(offset), end: model.doc.positionAt(offset) }, newText });
  if (isScalar(node)) {
    const [start, end] = node.range ?? [0, 0];
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (node.type !== 'PLAIN' && !quoted) return undefined;
    const body = model.text.slice(start + (quoted ? 1 : 0), end - (quoted ? 1 : 0));
    if (/["'\\\n\r]/.test(body)) return undefined;
    const spans = [...body.matchAll(/\S+/g)];
    const after = spans[insertAfter];
    if (spans.length !== written.length || !after) return undefined;
    return at(start + (quoted ? 1 : 0) + after.index! + after[0].length, ` ${words.join(' ')}`);
  }
  if (isSeq(node)) {
    const item = node.items[insertAfter] as Node | undefined;
    if (!isScalar(item) || !item.range) return undefined;
    const quote = (w: string) => (item.type === 'QUOTE_DOUBLE' ? JSON.stringify(w) : item.type === 'QUOTE_SINGLE' ? `'${w}'` : w);
    if (node.flow) return at(item.range[1], words.map((w) => `, ${quote(w)}`).join(''));
    const lineStart = model.text.lastIndexOf('\n', item.range[0]) + 1;
    const prefix = model.text.slice(lineStart, item.range[0]);
    if (!/^\s*-\s+$/.test(prefix)) return undefined;
    let lineEnd = model.text.indexOf('\n', item.range[1]);
    if (lineEnd < 0) lineEnd = model.text.length;
    if (model.text[lineEnd - 1] === '\r') lineEnd--;
    const eol = detectEol(model.text);
    return at(lineEnd, words.map((w) => `${eol}${prefix}${quote(w)}`).join(''));
  }
  return undefined;
}
