// Which build context a Dockerfile is built with: the one a compose file in the workspace gives it
// (`build.context` + `build.dockerfile` resolving to this file), else the Dockerfile's own folder.
import * as path from 'node:path';
import { loadComposeFile } from '../compose/project';
import { kindFromFileName } from '../core/documentKind';
import type { DirEntry, WorkspaceView } from '../core/workspace';

export interface BuildContext {
  /** Absolute folder. */
  dir: string;
  /** Where it came from, for messages and hovers. */
  origin: { kind: 'compose'; file: string; service: string } | { kind: 'dockerfile-folder' };
}

/** How far up from the Dockerfile to look for compose files (bounded work on every analysis). */
const MAX_PARENT_LEVELS = 3;

export function resolveBuildContext(dockerfilePath: string, workspace: WorkspaceView): BuildContext {
  let dir = path.dirname(dockerfilePath);
  for (let level = 0; level <= MAX_PARENT_LEVELS; level++) {
    const entries = workspace.readDir(dir);
    if (!entries) break;
    for (const name of composeFileNames(entries)) {
      const composePath = path.join(dir, name);
      const found = serviceBuilding(composePath, workspace, dockerfilePath);
      if (found) return { dir: found.context, origin: { kind: 'compose', file: composePath, service: found.service } };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { dir: path.dirname(dockerfilePath), origin: { kind: 'dockerfile-folder' } };
}

/** Compose file names in a listing, computed once per (cached) listing. */
const composeNamesByListing = new WeakMap<DirEntry[], string[]>();
function composeFileNames(entries: DirEntry[]): string[] {
  let names = composeNamesByListing.get(entries);
  if (!names) {
    names = entries.filter((e) => !e.isDirectory && kindFromFileName(e.name) === 'compose').map((e) => e.name);
    composeNamesByListing.set(entries, names);
  }
  return names;
}

function serviceBuilding(composePath: string, workspace: WorkspaceView, dockerfilePath: string): { service: string; context: string } | undefined {
  // Only a file that builds something can name a context: skip the full parse of the others.
  if (!/^\s*build\s*:/m.test(workspace.readText(composePath) ?? '')) return undefined;
  const model = loadComposeFile(composePath, workspace);
  if (!model) return undefined;
  const base = path.dirname(composePath);
  for (const service of model.services) {
    const build = service.build;
    if (!build) continue;
    const context = build.context?.interpolated.value ?? '.';
    const dockerfile = build.dockerfile?.interpolated.value ?? 'Dockerfile';
    // Remote contexts (git URLs) have no folder here.
    if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) continue;
    const contextDir = path.resolve(base, context);
    if (path.resolve(contextDir, dockerfile) === dockerfilePath) return { service: service.name, context: contextDir };
  }
  return undefined;
}
