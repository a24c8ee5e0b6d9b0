// Builds the DockerfileModel from dockerfile-ast's parse.
import { DockerfileParser } from 'dockerfile-ast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DfFlag, DfInstruction, DfStage, DockerfileModel } from './model';

type AstInstruction = ReturnType<ReturnType<typeof DockerfileParser.parse>['getInstructions']>[number];
interface AstFlag {
  getName(): string;
  getValue(): string | null;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function parseDockerfile(doc: TextDocument): DockerfileModel {
  const text = doc.getText();
  const ast = DockerfileParser.parse(text);
  let escapeChar = '\\';
  try {
    escapeChar = ast.getEscapeCharacter();
  } catch {
    // keep the default
  }
  const instructions: DfInstruction[] = [];
  const stages: DfStage[] = [];
  let stage = -1;
  for (const node of ast.getInstructions()) {
    const ins = describe(doc, node, instructions.length, stage + (isFrom(node) ? 1 : 0));
    instructions.push(ins);
    if (ins.keyword === 'FROM') {
      stage++;
      const base = ins.args[0] ?? '';
      const asIndex = ins.args.findIndex((a) => a.toLowerCase() === 'as');
      const name = asIndex >= 0 ? ins.args[asIndex + 1]?.toLowerCase() : undefined;
      const baseStage = stages.findIndex((s) => s.name !== undefined && s.name === base.toLowerCase());
      stages.push({ index: stage, name, base, baseStage: baseStage >= 0 ? baseStage : undefined, from: ins, instructions: [] });
    }
    if (stage >= 0) stages[stage]!.instructions.push(ins);
  }
  return { doc, text, escapeChar, instructions, stages };
}

function isFrom(node: AstInstruction): boolean {
  try {
    return node.getKeyword().toUpperCase() === 'FROM';
  } catch {
    return false;
  }
}

function describe(doc: TextDocument, node: AstInstruction, index: number, stage: number): DfInstruction {
  const range = node.getRange();
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const base: DfInstruction = {
    index,
    keyword: '',
    keywordText: '',
    start,
    end,
    range,
    startLine: range.start.line,
    endLine: range.end.line,
    flags: [],
    args: [],
    argsStart: end,
    stage,
    degraded: true,
  };
  try {
    const keywordText = node.getInstruction();
    const keyword = node.getKeyword().toUpperCase();
    const flags: DfFlag[] = [];
    const withFlags = node as unknown as { getFlags?: () => AstFlag[] };
    for (const f of withFlags.getFlags?.() ?? []) {
      const r = f.getRange();
      flags.push({ name: f.getName(), value: f.getValue(), range: r, start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) });
    }
    // RUN arguments are read by our own shell reader from the text, so dockerfile-ast's (costly) word
    // splitting is skipped for them: RUN is a third of a typical Dockerfile's instructions.
    const args = keyword === 'RUN' ? [] : node.getArguments().map((a) => a.getValue());
    const keywordEnd = doc.offsetAt(node.getInstructionRange().end);
    const argsStart = skipBlanks(doc.getText(), Math.max(keywordEnd, ...flags.map((f) => f.end)), end);
    const raw = text(doc, argsStart, end).trim();
    return { ...base, keyword, keywordText, flags, args, argsStart, json: parseJsonForm(raw), degraded: false };
  } catch {
    return base;
  }
}

/** Skips spaces, tabs and line continuations (a backslash or backtick, then the line break). */
function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if ((c === '\\' || c === '`') && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))) i = text.indexOf('\n', i) + 1;
    else break;
  }
  return i;
}

function text(doc: TextDocument, start: number, end: number): string {
  return doc.getText().slice(start, end);
}

/** Docker's exec form: a JSON array of strings (double quotes only); anything else is the shell form. */
function parseJsonForm(raw: string): string[] | undefined {
  if (!raw.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(raw.replace(/\\\r?\n/g, ''));
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}
