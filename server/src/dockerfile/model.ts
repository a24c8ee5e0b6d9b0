// The Dockerfile model the rules and hovers read: instructions with offsets and ranges, grouped by stage.
// Built once per document version from dockerfile-ast, without the library calls that can overflow the
// stack (variable expansion): an instruction the library cannot describe degrades to `degraded: true`.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/types';

export interface DfFlag {
  name: string;
  value: string | null;
  range: Range;
  /** Offsets of the whole `--name=value` text. */
  start: number;
  end: number;
}

export interface DfInstruction {
  index: number;
  /** Upper-case keyword (`RUN`, `COPY`, …); the text as written is in `keywordText`. */
  keyword: string;
  keywordText: string;
  /** Offset of the keyword and offset just after the instruction's last character. */
  start: number;
  end: number;
  range: Range;
  /** 0-based first and last line of the instruction (continuations and heredocs included). */
  startLine: number;
  endLine: number;
  flags: DfFlag[];
  /** Argument words after the flags, as dockerfile-ast splits them (continuations joined). */
  args: string[];
  /** The arguments of the exec (JSON array) form, when the instruction uses it. */
  json?: string[];
  /** Offset where the arguments start (after keyword and flags). */
  argsStart: number;
  /** Index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
  /** True when the parser could not describe this instruction; rules skip it. */
  degraded: boolean;
}

export interface DfStage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares stage names. */
  name?: string;
  /** The image or stage the FROM names (as written). */
  base: string;
  /** Index of the earlier stage this one is built FROM, when it names one. */
  baseStage?: number;
  from: DfInstruction;
  instructions: DfInstruction[];
}

export interface DockerfileModel {
  doc: TextDocument;
  text: string;
  escapeChar: string;
  instructions: DfInstruction[];
  stages: DfStage[];
}

export function flag(ins: DfInstruction, name: string): DfFlag | undefined {
  return ins.flags.find((f) => f.name.toLowerCase() === name);
}

/** The instruction whose lines hold `line`, if any. */
export function instructionAtLine(model: DockerfileModel, line: number): DfInstruction | undefined {
  // Instructions are ordered; a binary search keeps hovers instant on the 3,000-instruction stress file.
  let lo = 0;
  let hi = model.instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const ins = model.instructions[mid]!;
    if (line < ins.startLine) hi = mid - 1;
    else if (line > ins.endLine) lo = mid + 1;
    else return ins;
  }
  return undefined;
}
