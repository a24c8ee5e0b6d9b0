// What the COPY lines alone cannot tell about an image's files: a RUN that may create a path (`git clone`,
// `curl -o`, `wget`, `tar x`, `unzip`, `cp`/`mv`, a `>` redirection …), and a COPY whose named source the
// build context on disk lacks (the build stops at that COPY, or the folder on disk is not the context that
// is built: a partial checkout or a sample). Rules that claim a file is absent stay silent on either.
import * as path from 'node:path';
import { contextCopy, isUnder, resolveImagePath, workdirsOf } from '../dockerfile/copies';
import type { ContextView } from '../dockerfile/context';
import { commandWords } from '../dockerfile/ecosystems';
import { flag, type DfInstruction, type DockerfileModel } from '../dockerfile/model';
import { runCommands } from '../dockerfile/shell';
import { stageChain } from './imageFiles';

const URL = /^[a-z][a-z0-9+.-]*:\/\/|^git@/i;

/** The stage a `--from` / `from=` names: an earlier stage by name or index (an image or named context: undefined). */
function stageRef(model: DockerfileModel, ref: string, before: number): number | undefined {
  const name = ref.toLowerCase();
  if (/^\d+$/.test(name)) return Number(name) < before ? Number(name) : undefined;
  const at = model.stages.findIndex((s, i) => i < before && s.name === name);
  return at < 0 ? undefined : at;
}

/** The stages a build of `stage` runs: its FROM chain and, recursively, the stages its COPY --from / RUN --mount from= read. */
export function buildStages(model: DockerfileModel, stage: number): number[] {
  const seen = new Set<number>();
  const todo = [stage];
  while (todo.length > 0) {
    for (const s of stageChain(model, todo.pop()!)) {
      if (seen.has(s)) continue;
      seen.add(s);
      for (const ins of model.stages[s]?.instructions ?? []) {
        const refs: string[] = [];
        const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? flag(ins, 'from')?.value : undefined;
        if (from) refs.push(from);
        if (ins.keyword === 'RUN') {
          for (const f of ins.flags) {
            const m = f.name.toLowerCase() === 'mount' && f.value ? /(?:^|,)from=([^,]+)/.exec(f.value) : null;
            if (m) refs.push(m[1]!);
          }
        }
        for (const r of refs) {
          const at = stageRef(model, r, s);
          if (at !== undefined && !seen.has(at)) todo.push(at);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The first COPY/ADD of the build of `stage` that names a build-context source (no pattern, no variable)
 * the context lacks or `.dockerignore` excludes. Undefined when there is none, or no context on disk.
 */
export function missingContextSource(model: DockerfileModel, stage: number, view: ContextView): { ins: DfInstruction; source: string } | undefined {
  if (!view.context) return undefined;
  const workdirs = workdirsOf(model);
  for (const s of buildStages(model, stage)) {
    for (const ins of model.stages[s]?.instructions ?? []) {
      const copy = contextCopy(ins, workdirs[ins.index]);
      if (!copy || copy.whole) continue;
      for (const source of copy.sources) {
        if (/[*?[$]/.test(source)) continue;
        const rel = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
        if (rel === '' || rel === '.' || rel.startsWith('..')) continue;
        if (!view.exists(rel) || view.ignored(rel)) return { ins, source };
      }
    }
  }
  return undefined;
}

/** Value of `-o file` / `-ofile` / `--output=file` style options. */
function optionValues(words: string[], short: string[], long: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (short.includes(w) || long.includes(w)) out.push(words[++i] ?? '');
    else if (long.some((l) => w.startsWith(`${l}=`))) out.push(w.slice(w.indexOf('=') + 1));
    else for (const s of short) if (w.startsWith(s) && w.length > s.length && !w.startsWith('--')) out.push(w.slice(s.length));
  }
  return out;
}

/** Plain arguments (no options, no redirections); `valued` options take the next word. */
function operands(words: string[], valued: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^\d*[<>]/.test(w)) {
      if (/^\d*[<>]+&?$/.test(w)) i++;
      continue;
    }
    if (valued.includes(w)) i++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

const fetched = (url: string) => path.posix.basename(url.replace(/[?#].*$/, '').replace(/\/+$/, ''));

/** The paths (as written, relative to the command's folder) one simple command may create. */
function createdBy(words: string[]): string[] {
  const prog = path.posix.basename(words[0] ?? '');
  const args = words.slice(1);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^\d*>>?(?!&)(.*)$/.exec(args[i]!);
    if (m) out.push(m[1] || args[++i] || '');
  }
  switch (prog) {
    case 'git': {
      const at = args.indexOf('clone');
      if (at < 0) break;
      const ops = operands(args.slice(at + 1), ['-b', '--branch', '--depth', '-o', '--origin', '-c', '--config', '--reference', '--separate-git-dir', '-j', '--jobs']);
      if (ops[1]) out.push(ops[1]);
      else if (ops[0]) out.push(fetched(ops[0]).replace(/\.git$/, ''));
      break;
    }
    case 'svn':
    case 'hg':
      if (['clone', 'checkout', 'co', 'export'].includes(args[0] ?? '')) {
        const ops = operands(args.slice(1));
        out.push(ops[1] ?? fetched(ops[0] ?? ''));
      }
      break;
    case 'curl': {
      out.push(...optionValues(args, ['-o'], ['--output']));
      if (args.some((a) => a === '-O' || a === '--remote-name' || a === '--remote-name-all' || /^-[a-zA-Z]*O/.test(a))) {
        const dir = optionValues(args, [], ['--output-dir'])[0] ?? '.';
        for (const u of operands(args, ['-o', '--output', '--output-dir', '-H', '--header', '-d', '--data', '-u', '--user', '-A', '--user-agent', '-X', '--request', '-e', '--referer', '-w', '--write-out', '--retry', '-m', '--max-time', '--connect-timeout'])) {
          if (URL.test(u)) out.push(path.posix.join(dir, fetched(u)));
        }
      }
      break;
    }
    case 'wget': {
      const named = optionValues(args, ['-O'], ['--output-document']);
      if (named.length > 0) out.push(...named);
      else {
        const dir = optionValues(args, ['-P'], ['--directory-prefix'])[0] ?? '.';
        for (const u of operands(args, ['-P', '--directory-prefix', '-O', '--output-document', '-t', '--tries', '-T', '--timeout', '--header', '-U', '--user-agent'])) {
          if (URL.test(u)) out.push(path.posix.join(dir, fetched(u)));
        }
      }
      break;
    }
    case 'tar':
    case 'bsdtar':
      if (/^-?[a-zA-Z]*x[a-zA-Z]*$/.test(args[0] ?? '') || args.some((a) => a === '--extract' || a === '--get' || /^-[a-zA-Z]*x[a-zA-Z]*$/.test(a))) out.push(optionValues(args, ['-C'], ['--directory'])[0] ?? '.');
      break;
    case 'unzip':
      out.push(optionValues(args, ['-d'], [])[0] ?? '.');
      break;
    case 'cp':
    case 'mv':
    case 'ln':
    case 'rsync':
    case 'install': {
      const ops = operands(args, ['-t', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group', '-e']);
      const target = optionValues(args, ['-t'], ['--target-directory'])[0];
      if (target) out.push(target);
      else if (ops.length >= 2) out.push(ops[ops.length - 1]!);
      break;
    }
    case 'touch':
    case 'tee':
      out.push(...operands(args));
      break;
  }
  return out;
}

/**
 * Whether a RUN of the stage chain may create `imagePath` (a file or a folder): a command that writes at
 * that path, in a folder above it (a clone, an extraction) or below it (a file inside the wanted folder).
 */
export function runMayCreate(model: DockerfileModel, stage: number, imagePath: string): boolean {
  const workdirs = workdirsOf(model);
  for (const s of stageChain(model, stage)) {
    for (const ins of model.stages[s]?.instructions ?? []) {
      if (ins.keyword !== 'RUN') continue;
      if (ins.degraded) return true;
      let cwd = workdirs[ins.index];
      for (const cmd of runCommands(model, ins)) {
        const words = commandWords(cmd).map((w) => w.value);
        if (words[0] === 'cd') {
          cwd = resolveImagePath(cwd, words[1] ?? '/');
          continue;
        }
        for (const written of createdBy(words)) {
          if (written === '' || written === '-' || written.startsWith('/dev/')) continue;
          const p = resolveImagePath(cwd, written);
          if (p === undefined || isUnder(imagePath, p) || isUnder(p, imagePath)) return true;
        }
      }
    }
  }
  return false;
}
