// Read-only access to the build context of a Dockerfile, by context-relative path.
import * as path from 'node:path';
import type { RuleContext } from '../core/rule';
import type { DirEntry, WorkspaceView } from '../core/workspace';
import { resolveBuildContext, type BuildContext } from './buildContext';
import { NOTHING_IGNORED, parseDockerignore, type IgnoreMatcher } from './dockerignore';

export interface ContextView {
  /** The context, or undefined when the document has no folder on disk (untitled). */
  context?: BuildContext;
  readText(rel: string): string | undefined;
  exists(rel: string): boolean;
  isDirectory(rel: string): boolean;
  /** Names of the files (not folders) in a context folder. */
  files(relDir: string): string[] | undefined;
  /** Files and folders of a context folder. */
  entries(relDir: string): DirEntry[] | undefined;
  /** Whether `.dockerignore` keeps a context path out of the build. */
  ignored: IgnoreMatcher;
}

const viewCache = new WeakMap<object, ContextView>();

/**
 * The build context of the analysed Dockerfile, resolved once per model (document version): the rules and
 * hovers that need it share one lookup of compose files and one read of .dockerignore.
 */
export function contextView(model: object, ctx: RuleContext): ContextView {
  let view = viewCache.get(model);
  if (!view) {
    view = createContextView(ctx);
    viewCache.set(model, view);
  }
  return view;
}

function createContextView(ctx: RuleContext): ContextView {
  if (!ctx.filePath) {
    return { readText: () => undefined, exists: () => false, isDirectory: () => false, files: () => undefined, entries: () => undefined, ignored: NOTHING_IGNORED };
  }
  return contextViewAt(ctx.filePath, resolveBuildContext(ctx.filePath, ctx.workspace), ctx.workspace);
}

/** The view of a known build context (a compose service names it) of the Dockerfile at `dockerfilePath`. */
export function contextViewAt(dockerfilePath: string, context: BuildContext, workspace: WorkspaceView): ContextView {
  const ctx = { filePath: dockerfilePath, workspace };
  const abs = (rel: string) => path.resolve(context.dir, rel);
  const entry = (rel: string) => {
    const p = abs(rel);
    const name = path.basename(p);
    return ctx.workspace.readDir(path.dirname(p))?.find((e) => e.name === name);
  };
  // `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's `.dockerignore`.
  const ignoreText = ctx.workspace.readText(`${ctx.filePath}.dockerignore`) ?? ctx.workspace.readText(path.join(context.dir, '.dockerignore'));
  return {
    context,
    ignored: ignoreText === undefined ? NOTHING_IGNORED : parseDockerignore(ignoreText),
    entries: (relDir) => ctx.workspace.readDir(abs(relDir)),
    readText: (rel) => ctx.workspace.readText(abs(rel)),
    exists: (rel) => entry(rel) !== undefined,
    isDirectory: (rel) => entry(rel)?.isDirectory ?? false,
    files: (relDir) => ctx.workspace.readDir(abs(relDir))?.filter((e) => !e.isDirectory).map((e) => e.name),
  };
}
