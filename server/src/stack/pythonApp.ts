// The Python code a container's command loads: a uvicorn/gunicorn import string (`module:attr`) or a
// `python script.py` path, resolved to the file the running container would import (working directory,
// `--app-dir`/`--chdir`, PYTHONPATH) and looked up through bind mounts and the image's COPY lines.
import * as path from 'node:path';
import { runCommands } from '../dockerfile/shell';
import { commandWords } from '../dockerfile/ecosystems';
import { workdirsOf, resolveImagePath } from '../dockerfile/copies';
import { imageFile, stageChain } from './imageFiles';
import { runtimeFile, type RuntimeFile, type RuntimeScope } from './runtimeFiles';
import type { ServiceProcess } from './serviceProcess';

export interface PythonTarget {
  /** `app.main:app`, or the script as written. */
  written: string;
  kind: 'import' | 'script';
  /** The module's top-level name (for the installed-package check). */
  topLevel?: string;
  /** Image paths tried, in order; the first found wins. */
  tried: { imagePath: string; isDir: boolean; file: RuntimeFile }[];
  /** The first candidate that exists, if any. */
  found?: { imagePath: string; file: RuntimeFile };
  /** True when some candidate could not be decided (unknown source): no verdict. */
  undecided: boolean;
}

const PY = /^python(\d+(\.\d+)*)?$/;

function optionValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n) return words[i + 1];
      if (words[i]!.startsWith(`${n}=`)) return words[i]!.slice(n.length + 1);
    }
  }
  return undefined;
}

export function pythonTarget(process: ServiceProcess): PythonTarget | undefined {
  const scope = process.scope;
  const workdir = process.workdir;
  if (!scope || !workdir) return undefined;
  const words = process.script?.words ?? process.words;
  const server = process.server;
  const tried: PythonTarget['tried'] = [];
  const probe = (imagePath: string, isDir: boolean) => {
    const file = runtimeFile(scope, imagePath, isDir);
    tried.push({ imagePath, isDir, file });
    return file;
  };
  if (server && (server.server === 'uvicorn' || server.server === 'gunicorn') && server.app) {
    const app = server.app;
    if (app.includes('$')) return undefined;
    const module = app.split(':')[0]!;
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(module)) return undefined;
    const rest = words.slice(1);
    const base = server.server === 'uvicorn' ? optionValue(rest, ['--app-dir']) : optionValue(rest, ['--chdir']);
    const dirs = [resolveImagePath(workdir, base ?? '.')];
    const pythonPath = process.env('PYTHONPATH');
    const extra = server.server === 'gunicorn' ? optionValue(rest, ['--pythonpath']) : undefined;
    for (const p of [...(pythonPath?.split(':') ?? []), ...(extra?.split(',') ?? [])]) if (p) dirs.push(resolveImagePath(workdir, p));
    if (dirs.some((d) => d === undefined || d.includes('$'))) return undefined;
    const rel = module.replace(/\./g, '/');
    for (const dir of dirs as string[]) {
      probe(path.posix.join(dir, `${rel}.py`), false);
      probe(path.posix.join(dir, rel), true);
    }
    return verdict({ written: app, kind: 'import', topLevel: module.split('.')[0], tried, undecided: false });
  }
  if (PY.test(path.posix.basename(words[0] ?? ''))) {
    let i = 1;
    while (i < words.length && /^-[uBOsSIEq]+$/.test(words[i]!)) i++;
    const script = words[i];
    if (!script || !script.endsWith('.py') || script.includes('$')) return undefined;
    const imagePath = resolveImagePath(workdir, script);
    if (!imagePath) return undefined;
    probe(imagePath, false);
    return verdict({ written: script, kind: 'script', tried, undecided: false });
  }
  return undefined;
}

function verdict(t: PythonTarget): PythonTarget {
  const hit = t.tried.find((c) => c.file.kind === 'context' || c.file.kind === 'host');
  if (hit) t.found = { imagePath: hit.imagePath, file: hit.file };
  t.undecided = !hit && t.tried.some((c) => c.file.kind === 'unknown');
  return t;
}

const BARE_IMAGES = /^(?:(?:docker\.io\/)?library\/)?(python|pypy|debian|ubuntu|alpine)(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$/i;

/** Whether the image starts from a base known to hold no application code (official language/OS images). */
export function startsFromBareImage(scope: RuntimeScope): boolean {
  const chain = stageChain(scope.image.model, scope.image.stage);
  const root = scope.image.model.stages[chain[0]!];
  return root !== undefined && BARE_IMAGES.test(root.base);
}

const normalise = (name: string) => name.toLowerCase().replace(/[-.]+/g, '_');

/**
 * Top-level names the Dockerfile's pip installs provide, or undefined when it installs something we cannot
 * list (the project itself, a VCS URL, Poetry/uv/Pipenv/conda, a requirements file we cannot read).
 */
export function installedPythonNames(scope: RuntimeScope): Set<string> | undefined {
  const { model, stage, context } = scope.image;
  const names = new Set<string>();
  const workdirs = workdirsOf(model);
  for (const s of stageChain(model, stage)) {
    for (const ins of model.stages[s]?.instructions ?? []) {
      if (ins.keyword !== 'RUN' || ins.degraded) continue;
      const text = model.text.slice(ins.argsStart, ins.end);
      if (/\b(poetry|pipenv|conda|mamba|micromamba|pdm|hatch|setup\.py|uv\s+sync|pip-sync)\b/.test(text)) return undefined;
      for (const cmd of runCommands(model, ins)) {
        const words = commandWords(cmd).map((w) => w.value);
        const at = pipInstallAt(words);
        if (at < 0) continue;
        for (let i = at + 1; i < words.length; i++) {
          const w = words[i]!;
          if (w === '-r' || w === '--requirement' || w.startsWith('--requirement=') || w.startsWith('-r')) {
            const file = w === '-r' || w === '--requirement' ? words[++i] : w.replace(/^--requirement=|^-r/, '');
            const imagePath = file ? resolveImagePath(workdirs[ins.index], file) : undefined;
            const found = imagePath ? imageFile(model, stage, context, imagePath, (rel) => context.exists(rel)) : undefined;
            const text = found?.kind === 'context' ? context.readText(found.rel) : undefined;
            if (text === undefined) return undefined;
            for (const line of text.split(/\r?\n/)) {
              const req = line.replace(/#.*$/, '').trim();
              if (!req) continue;
              if (req.startsWith('-') || /^[a-z+]+:\/\/|^git\+|[/\\]|@/i.test(req)) return undefined;
              const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(req);
              if (m) names.add(normalise(m[1]!));
            }
          } else if (w === '-e' || w === '--editable' || w === '.' || w.includes('/') || /\.(whl|tar\.gz|zip)$/.test(w) || /:\/\//.test(w)) {
            return undefined;
          } else if (w.startsWith('-')) {
            if (['-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root'].includes(w)) i++;
          } else {
            const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(w);
            if (m) names.add(normalise(m[1]!));
          }
        }
      }
    }
  }
  return names;
}

function pipInstallAt(words: string[]): number {
  const prog = path.posix.basename(words[0] ?? '');
  if (/^pip(\d+(\.\d+)*)?$/.test(prog) && words[1] === 'install') return 1;
  if (PY.test(prog) && words[1] === '-m' && words[2] === 'pip' && words[3] === 'install') return 3;
  if (prog === 'uv' && words[1] === 'pip' && words[2] === 'install') return 2;
  return -1;
}

export function isInstalled(names: Set<string>, topLevel: string): boolean {
  return names.has(normalise(topLevel));
}
