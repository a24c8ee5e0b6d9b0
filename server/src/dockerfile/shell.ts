// A small, bounded reader of RUN command lines: splits shell text into simple commands and words with
// their document offsets. It understands quotes, Dockerfile line continuations (escape char + newline),
// comment lines inside continuations, heredoc bodies and the usual command separators. It is not a shell:
// anything it cannot read stays a plain word, which the recognisers then simply do not match.
import type { DfInstruction, DockerfileModel } from './model';

export interface Word {
  /** The word with quotes removed. */
  value: string;
  start: number;
  end: number;
}

export interface SimpleCommand {
  words: Word[];
  start: number;
  end: number;
}

const SEPARATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')', '{', '}', '\n'];

/** The simple commands a RUN executes, in order. */
export function runCommands(model: DockerfileModel, ins: DfInstruction): SimpleCommand[] {
  if (ins.json) {
    // Exec form: one program, no shell. Its words have no offsets of their own: they span the array.
    const words = ins.json.map((value) => ({ value, start: ins.argsStart, end: ins.end }));
    return words.length > 0 ? [{ words, start: ins.argsStart, end: ins.end }] : [];
  }
  const text = model.text;
  let start = ins.argsStart;
  while (start < ins.end && (text[start] === ' ' || text[start] === '\t')) start++;
  const heredoc = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2[^\n]*\n/.exec(text.slice(start, Math.min(ins.end, start + 200)));
  if (heredoc) {
    // `RUN <<EOF` runs the body as a shell script; the terminator line ends it.
    const bodyStart = start + heredoc[0].length;
    const terminator = new RegExp(`^\\s*${heredoc[3]}\\s*$`, 'm');
    const rest = text.slice(bodyStart, ins.end + 1);
    const m = terminator.exec(rest);
    const bodyEnd = m ? bodyStart + m.index : ins.end;
    return splitCommands(text, bodyStart, bodyEnd, null);
  }
  return splitCommands(text, start, ins.end, model.escapeChar);
}

/**
 * Tokenises text[start, end). `escapeChar` is the Dockerfile escape used for line continuations
 * (null inside heredoc bodies, where a newline really ends a command).
 */
export function splitCommands(text: string, start: number, end: number, escapeChar: string | null): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let i = start;
  const flush = () => {
    if (words.length > 0) commands.push({ words, start: words[0]!.start, end: words[words.length - 1]!.end });
    words = [];
  };
  let atLineStart = true;
  while (i < end) {
    const c = text[i]!;
    // Dockerfile continuation: escape char, optional blanks, newline. Comment lines inside are dropped.
    if (escapeChar !== null && c === escapeChar) {
      const cont = /^[ \t]*\r?\n/.exec(text.slice(i + 1, Math.min(end, i + 64)));
      if (cont) {
        i += 1 + cont[0].length;
        atLineStart = true;
        continue;
      }
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && (atLineStart || words.length === 0 || /\s/.test(text[i - 1] ?? ' '))) {
      // A comment: to the end of the line. A continued line that is a comment is removed by Docker too.
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    atLineStart = false;
    const sep = SEPARATORS.find((s) => text.startsWith(s, i));
    if (sep) {
      flush();
      i += sep.length;
      if (sep === '\n') atLineStart = true;
      continue;
    }
    const wordStart = i;
    let value = '';
    while (i < end) {
      const ch = text[i]!;
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') break;
      if (escapeChar !== null && ch === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, Math.min(end, i + 64)))) break;
      if (SEPARATORS.some((s) => s !== '{' && s !== '}' && text.startsWith(s, i))) break;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 || close >= end ? end : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < end && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < end) {
            value += text[j + 1];
            j += 2;
            continue;
          }
          value += text[j];
          j++;
        }
        i = j + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < end) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    words.push({ value, start: wordStart, end: Math.min(i, end) });
  }
  flush();
  return commands;
}
