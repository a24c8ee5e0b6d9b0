// What COPY/ADD instructions bring into the image, and the image paths involved.
import * as path from 'node:path';
import type { DfInstruction, DockerfileModel } from './model';
import { flag } from './model';

export interface CopyInfo {
  ins: DfInstruction;
  /** Context-relative sources as written (`.`, `backend/`, `requirements.txt`). */
  sources: string[];
  /** The destination as written. */
  destText: string;
  /** Absolute destination in the image, or undefined when it depends on variables. */
  dest?: string;
  /** True when a source is the whole build context (`.`, `./`, `*`, `/`). */
  whole: boolean;
}

const WHOLE_CONTEXT = new Set(['.', './', '/', '*', './*', './.', '.*']);

/** Reads a COPY/ADD that copies from the build context (not `--from`, not a heredoc, not a URL). */
export function contextCopy(ins: DfInstruction, workdir: string | undefined): CopyInfo | undefined {
  if (ins.degraded || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flag(ins, 'from')) return undefined;
  const words = ins.json ?? ins.args;
  if (words.length < 2 || words.some((w) => w.startsWith('<<'))) return undefined;
  const sources = words.slice(0, -1);
  const destText = words[words.length - 1]!;
  if (ins.keyword === 'ADD' && sources.some((s) => /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(s))) return undefined;
  return {
    ins,
    sources,
    destText,
    dest: resolveImagePath(workdir, destText),
    whole: sources.some((s) => WHOLE_CONTEXT.has(s)),
  };
}

/** An image path resolved against WORKDIR; undefined when either depends on build variables. */
export function resolveImagePath(workdir: string | undefined, p: string): string | undefined {
  if (p.includes('$')) return undefined;
  if (p.startsWith('/')) return path.posix.normalize(p);
  if (workdir === undefined) return undefined;
  const joined = path.posix.join(workdir, p);
  // Longer than any real path (8,000 chained relative WORKDIRs): unknown, and no quadratic work on it.
  return joined.length > MAX_IMAGE_PATH ? undefined : joined;
}

const MAX_IMAGE_PATH = 4096;

/** True when `p` is `dir` or lies below it. */
export function isUnder(p: string, dir: string): boolean {
  if (dir === '/') return p.startsWith('/');
  const d = dir.replace(/\/+$/, '');
  return p === d || p.startsWith(d + '/');
}

/** Source text of an instruction's flags that a new COPY next to it should share. */
export function sharedCopyFlags(model: DockerfileModel, ins: DfInstruction): string {
  return ins.flags
    .filter((f) => ['chown', 'chmod', 'link'].includes(f.name.toLowerCase()))
    .map((f) => model.text.slice(f.start, f.end))
    .join(' ');
}

const workdirCache = new WeakMap<DockerfileModel, (string | undefined)[]>();

/**
 * The WORKDIR in effect when each instruction runs (before a WORKDIR instruction takes effect), by
 * instruction index; a stage built FROM an earlier stage starts from that stage's WORKDIR. Computed once
 * per model: rules and hovers all read this table.
 */
export function workdirsOf(model: DockerfileModel): (string | undefined)[] {
  let table = workdirCache.get(model);
  if (table) return table;
  table = new Array<string | undefined>(model.instructions.length).fill('/');
  const finalWorkdir: (string | undefined)[] = [];
  for (const stage of model.stages) {
    let wd: string | undefined = stage.baseStage !== undefined ? finalWorkdir[stage.baseStage] : '/';
    for (const ins of stage.instructions) {
      table[ins.index] = wd;
      if (ins.keyword === 'WORKDIR' && !ins.degraded) wd = resolveImagePath(wd, ins.args.join(' '));
    }
    finalWorkdir[stage.index] = wd;
  }
  workdirCache.set(model, table);
  return table;
}
