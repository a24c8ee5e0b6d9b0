// Which build context a Dockerfile is built with: the one a compose file in the workspace gives it
// (`build.context` + `build.dockerfile` resolving to this file), else the Dockerfile's own folder.
import * as path from 'node:path';
import { parseDocument, isMap, isScalar } from 'yaml';
import { kindFromFileName } from '../core/documentKind';
import type { WorkspaceView } from '../core/workspace';

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
    for (const entry of entries) {
      if (entry.isDirectory || kindFromFileName(entry.name) !== 'compose') continue;
      const composePath = path.join(dir, entry.name);
      const found = serviceBuilding(composePath, workspace.readText(composePath), dockerfilePath);
      if (found) return { dir: found.context, origin: { kind: 'compose', file: composePath, service: found.service } };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { dir: path.dirname(dockerfilePath), origin: { kind: 'dockerfile-folder' } };
}

const cache = new Map<string, { text: string; builds: { service: string; context: string; dockerfile: string }[] }>();

function serviceBuilding(composePath: string, text: string | undefined, dockerfilePath: string): { service: string; context: string } | undefined {
  if (text === undefined) return undefined;
  let entry = cache.get(composePath);
  if (!entry || entry.text !== text) {
    entry = { text, builds: readBuilds(composePath, text) };
    cache.set(composePath, entry);
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
  }
  return entry.builds.find((b) => b.dockerfile === dockerfilePath);
}

function readBuilds(composePath: string, text: string): { service: string; context: string; dockerfile: string }[] {
  const out: { service: string; context: string; dockerfile: string }[] = [];
  const base = path.dirname(composePath);
  try {
    const doc = parseDocument(text, { merge: true, uniqueKeys: false });
    const services = doc.get('services', true);
    if (!isMap(services)) return out;
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !isMap(pair.value) && !pair.value) continue;
      const service = String(pair.key.value);
      const build: unknown = isMap(pair.value) ? pair.value.get('build', true) : undefined;
      let context: string | undefined;
      let dockerfile = 'Dockerfile';
      if (isScalar(build)) context = String(build.value);
      else if (isMap(build)) {
        const c = build.get('context', true);
        const f = build.get('dockerfile', true);
        context = isScalar(c) ? String(c.value) : '.';
        if (isScalar(f)) dockerfile = String(f.value);
      }
      // Interpolated or remote contexts cannot be resolved here: leave them to the fallback.
      if (context === undefined || context.includes('$') || dockerfile.includes('$') || /^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) continue;
      const contextDir = path.resolve(base, context);
      out.push({ service, context: contextDir, dockerfile: path.resolve(contextDir, dockerfile) });
    }
  } catch {
    // A malformed compose file names no context.
  }
  return out;
}
