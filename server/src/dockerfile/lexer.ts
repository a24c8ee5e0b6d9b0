// A single-pass Dockerfile lexer that builds the DockerfileModel: parser directives, comments, line
// continuations (with the `escape` directive), comment and blank lines inside continuations, heredocs
// (`RUN <<EOF … EOF`, several per line, `<<-`), flags and arguments, all with document offsets.
//
// Why not dockerfile-ast on this path: on every keystroke its parse costs as much as a peer server's whole
// validation (it splits every instruction's arguments twice and computes positions for each), which made
// the time-to-diagnostics targets unreachable. dockerfile-ast stays the reference: test/lexer.test.ts
// checks that this lexer agrees with it on every Dockerfile of the corpus. This lexer never recurses, so
// the inputs that overflow dockerfile-ast's stack cannot hurt it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DfFlag, DfInstruction, DfStage, DockerfileModel } from './model';

/** Instructions whose leading `--name[=value]` words are flags (as dockerfile-ast and BuildKit read them). */
const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export function lexDockerfile(doc: TextDocument): DockerfileModel & { directives: Directive[] } {
  const text = doc.getText();
  const n = text.length;
  const directives: Directive[] = [];
  const instructions: DfInstruction[] = [];
  const stages: DfStage[] = [];
  const stageByName = new Map<string, number>();
  let escape = '\\';
  let directivesAllowed = true;
  let line = 0;
  // BuildKit drops a UTF-8 byte order mark before the first line.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  while (i < n) {
    const lineEnd = endOfLine(text, i);
    const p = skipSpaces(text, i, lineEnd);
    if (p >= lineEnd) {
      directivesAllowed = false;
      i = nextLine(text, lineEnd);
      line++;
      continue;
    }
    if (text[p] === '#') {
      if (directivesAllowed) {
        // The value is trimmed after the match: a lazy `(.*?)\s*$` rescans the trailing blanks for every
        // character it tries, and a directive line with 370,000 spaces took 55 s (a fuzzer find).
        const m = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=([^\n]*)$/.exec(text.slice(p, lineEnd));
        const value = m?.[2]!.trim();
        if (m && value !== undefined && !directives.some((d) => d.name === m[1]!.toLowerCase())) {
          directives.push({ name: m[1]!.toLowerCase(), value, line });
          if (m[1]!.toLowerCase() === 'escape' && (value === '`' || value === '\\')) escape = value;
        } else directivesAllowed = false;
      }
      i = nextLine(text, lineEnd);
      line++;
      continue;
    }
    directivesAllowed = false;

    // An instruction: the keyword, then its logical line across continuations, then any heredoc bodies.
    const start = p;
    let k = p;
    while (k < lineEnd && !isSpace(text.charCodeAt(k))) k++;
    const keywordText = text.slice(start, k);
    const keyword = keywordText.toUpperCase();
    const startLine = line;
    let end = trimEnd(text, start, lineEnd);
    let cur = lineEnd;
    let contentEnd = end;
    // Continuation: the last non-blank character of the line is the escape character.
    while (contentEnd > start && text[contentEnd - 1] === escape && cur < n) {
      let next = nextLine(text, cur);
      line++;
      // Comment lines and blank lines inside a continuation are skipped.
      let nextEnd = endOfLine(text, next);
      let q = skipSpaces(text, next, nextEnd);
      while (next < n && (q >= nextEnd || text[q] === '#')) {
        if (q >= nextEnd && nextEnd >= n) break;
        next = nextLine(text, nextEnd);
        line++;
        nextEnd = endOfLine(text, next);
        q = skipSpaces(text, next, nextEnd);
      }
      if (next >= n || q >= nextEnd) {
        // The file ends inside the continuation.
        break;
      }
      cur = nextEnd;
      contentEnd = trimEnd(text, next, nextEnd);
      end = contentEnd;
    }
    let endLine = line;
    if (HEREDOC_INSTRUCTIONS.has(keyword)) {
      const logical = text.slice(k, end);
      HEREDOC.lastIndex = 0;
      const terminators: { word: string; strip: boolean }[] = [];
      for (let m = HEREDOC.exec(logical); m; m = HEREDOC.exec(logical)) terminators.push({ word: m[3]!, strip: m[1] === '-' });
      for (const t of terminators) {
        // The body runs to the line that holds only the terminator (leading tabs allowed with `<<-`).
        let found = false;
        while (cur < n) {
          const bodyStart = nextLine(text, cur);
          if (bodyStart >= n) break;
          const bodyEnd = endOfLine(text, bodyStart);
          line++;
          cur = bodyEnd;
          const content = text.slice(bodyStart, trimEnd(text, bodyStart, bodyEnd));
          if ((t.strip ? content.replace(/^\t+/, '') : content) === t.word) {
            end = trimEnd(text, bodyStart, bodyEnd);
            found = true;
            break;
          }
          end = Math.max(end, trimEnd(text, bodyStart, bodyEnd));
        }
        endLine = line;
        if (!found) break;
      }
    }

    const ins = buildInstruction(doc, text, instructions.length, keyword, keywordText, start, k, end, startLine, endLine, escape, stages.length - (keyword === 'FROM' ? 0 : 1));
    instructions.push(ins);
    if (keyword === 'FROM') {
      const base = ins.args[0] ?? '';
      const asIndex = ins.args.findIndex((a) => a.toLowerCase() === 'as');
      const name = asIndex >= 0 ? ins.args[asIndex + 1]?.toLowerCase() : undefined;
      const baseStage = stageByName.get(base.toLowerCase());
      if (name !== undefined && !stageByName.has(name)) stageByName.set(name, stages.length);
      stages.push({ index: stages.length, name, base, baseStage, from: ins, instructions: [] });
    }
    if (stages.length > 0) stages[stages.length - 1]!.instructions.push(ins);
    i = nextLine(text, cur);
    line++;
  }
  return { doc, text, escapeChar: escape, instructions, stages, directives };
}

function buildInstruction(
  doc: TextDocument,
  text: string,
  index: number,
  keyword: string,
  keywordText: string,
  start: number,
  keywordEnd: number,
  end: number,
  startLine: number,
  endLine: number,
  escape: string,
  stage: number,
): DfInstruction {
  const flags: DfFlag[] = [];
  let at = skipBlanks(text, keywordEnd, end, escape);
  if (FLAGGED.has(keyword)) {
    while (at < end && text.startsWith('--', at)) {
      const wordEnd = endOfWord(text, at, end, escape);
      const raw = text.slice(at + 2, wordEnd);
      const eq = raw.indexOf('=');
      flags.push({
        name: eq >= 0 ? raw.slice(0, eq) : raw,
        value: eq >= 0 ? raw.slice(eq + 1) : null,
        range: { start: doc.positionAt(at), end: doc.positionAt(wordEnd) },
        start: at,
        end: wordEnd,
      });
      at = skipBlanks(text, wordEnd, end, escape);
    }
  }
  const argsStart = at;
  // RUN words come from the shell reader (shell.ts), which needs the text, not a word list.
  const args = keyword === 'RUN' ? [] : splitArgs(text, argsStart, end, escape);
  const json = parseJsonForm(text, argsStart, end, escape);
  return {
    index,
    keyword,
    keywordText,
    start,
    end,
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
    startLine,
    endLine,
    flags,
    args,
    json,
    argsStart,
    stage,
    degraded: false,
  };
}

/** Argument words, as dockerfile-ast's getArguments gives them: split on blanks, quotes kept together. */
function splitArgs(text: string, from: number, end: number, escape: string): string[] {
  const out: string[] = [];
  let at = skipBlanks(text, from, end, escape);
  while (at < end) {
    const wordEnd = endOfWord(text, at, end, escape);
    out.push(joinContinuations(text.slice(at, wordEnd), escape));
    at = skipBlanks(text, wordEnd, end, escape);
  }
  return out;
}

function joinContinuations(word: string, escape: string): string {
  return word.includes('\n') ? word.split(new RegExp(`\\${escape}[ \\t]*\\r?\\n`)).join('') : word;
}

/** End of a word: the next blank outside quotes (a continuation counts as blank). */
function endOfWord(text: string, from: number, end: number, escape: string): number {
  let i = from;
  let quote = '';
  while (i < end) {
    const c = text[i]!;
    if (quote) {
      if (c === escape && i + 1 < end && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (isSpace(c.charCodeAt(0))) break;
    else if (c === escape && isContinuation(text, i, end)) break;
    else if (c === escape) i++;
    i++;
  }
  return Math.min(i, end);
}

/** Skips blanks, continuations and comment lines inside continuations. */
function skipBlanks(text: string, from: number, end: number, escape: string): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) {
        // After a line break inside the instruction, a comment line is dropped.
        const q = skipSpaces(text, i + 1, end);
        if (text[q] === '#') {
          i = endOfLine(text, q);
          continue;
        }
      }
      i++;
    } else if (text[i] === escape && isContinuation(text, i, end + 1)) i = endOfLine(text, i);
    else break;
  }
  return i;
}

function isContinuation(text: string, at: number, limit: number): boolean {
  let j = at + 1;
  while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
  return j >= text.length || text[j] === '\n' || text[j] === '\r' || j >= limit;
}

/** Docker's exec form: a JSON array of strings (double quotes only); anything else is the shell form. */
function parseJsonForm(text: string, from: number, end: number, escape: string): string[] | undefined {
  if (text[from] !== '[') return undefined;
  try {
    const value: unknown = JSON.parse(joinContinuations(text.slice(from, end), escape));
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function nextLine(text: string, lineEnd: number): number {
  return lineEnd < text.length ? lineEnd + 1 : text.length;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return i;
}

function trimEnd(text: string, from: number, end: number): number {
  let e = end;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}
