// Finds the files `docklens check` analyses: the named files, and below named folders every file whose
// name marks it as a Dockerfile or compose file (skipping node_modules, .git and symlinked folders).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindFromFileName } from '../core/documentKind';
import type { DocumentKind } from '../core/types';

export interface Target {
  path: string;
  kind: DocumentKind;
}

export class UsageError extends Error {}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const MAX_FILES = 20_000;

export function collectTargets(inputs: string[]): Target[] {
  const out: Target[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new UsageError(`cannot read ${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(input, out);
    else if (stat.isFile()) out.push({ path: input, kind: namedFileKind(input) });
    else throw new UsageError(`cannot read ${input}: not a file or directory`);
  }
  return out;
}

/** A file named on the command line: by its name, else YAML is read as compose, anything else as a Dockerfile. */
export function namedFileKind(file: string): DocumentKind {
  return kindFromFileName(path.basename(file)) ?? (/\.ya?ml$/i.test(file) ? 'compose' : 'dockerfile');
}

function walk(dir: string, out: Target[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable sub-folder is skipped, like a missing one
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (out.length >= MAX_FILES) return;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(p, out);
    } else if (entry.isFile()) {
      const kind = kindFromFileName(entry.name);
      if (kind) out.push({ path: p, kind });
    }
  }
}
