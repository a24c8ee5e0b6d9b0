// A read-only, bounded view of the files around an analysed document.
// The analysis never touches the file system directly: it asks this view, which refuses paths outside
// the workspace roots, caps file sizes and directory listings, and lets open editor buffers win over disk.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface WorkspaceView {
  /** Text of a file, or undefined when it is missing, unreadable, too large, binary or outside the roots. */
  readText(absPath: string): string | undefined;
  /** Entries of a directory, or undefined when it is missing or outside the roots. */
  readDir(absPath: string): DirEntry[] | undefined;
  /** Whether a file or directory exists (inside the roots). */
  exists(absPath: string): boolean;
}

/** A view that knows nothing: used for untitled documents and in tests of pure text analysis. */
export const EMPTY_WORKSPACE: WorkspaceView = {
  readText: () => undefined,
  readDir: () => undefined,
  exists: () => false,
};

/** The absolute paths an analysis asked a view about, whether or not they existed. */
export interface WorkspaceReads {
  /** Files read (`readText`) or tested (`exists`): their content or their existence matters. */
  files: Set<string>;
  /** Folders listed (`readDir`): a file created in or deleted from them matters. */
  dirs: Set<string>;
}

/**
 * A view that passes every call through and notes the path it was asked about, so that a later change of
 * that path (including the creation of a file that was missing) can find the analyses that depend on it.
 */
export class RecordingWorkspace implements WorkspaceView {
  readonly reads: WorkspaceReads = { files: new Set(), dirs: new Set() };

  constructor(private readonly inner: WorkspaceView) {}

  readText(absPath: string): string | undefined {
    this.reads.files.add(path.resolve(absPath));
    return this.inner.readText(absPath);
  }

  readDir(absPath: string): DirEntry[] | undefined {
    this.reads.dirs.add(path.resolve(absPath));
    return this.inner.readDir(absPath);
  }

  exists(absPath: string): boolean {
    this.reads.files.add(path.resolve(absPath));
    return this.inner.exists(absPath);
  }
}

/**
 * A changed path. A bare string is a change of unknown kind, matched like a creation or deletion: it may
 * also change the listing of its folder, and it may be a folder.
 */
export type PathChange = string | { path: string; kind: 'changed' | 'created' | 'deleted' };

/** Whether an analysis that made `reads` may see something else after `change`. */
export function readsAffectedBy(reads: WorkspaceReads, change: PathChange): boolean {
  const p = path.resolve(typeof change === 'string' ? change : change.path);
  if (reads.files.has(p) || reads.dirs.has(p)) return true;
  // A content change leaves every listing as it was; a created or deleted path changes its folder's listing,
  // and a created or deleted folder everything below it.
  if (typeof change !== 'string' && change.kind === 'changed') return false;
  if (reads.dirs.has(path.dirname(p))) return true;
  const below = p.endsWith(path.sep) ? p : p + path.sep;
  for (const set of [reads.files, reads.dirs]) for (const q of set) if (q.startsWith(below)) return true;
  return false;
}

export interface FileSystemWorkspaceOptions {
  /** Folders the view may read below. Empty means: only the folders of the opened documents (addDocumentFolder). */
  roots: string[];
  /** Text of open editor buffers, which takes precedence over the disk. */
  overlay?: (absPath: string) => string | undefined;
  maxFileBytes?: number;
  maxDirEntries?: number;
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const DEFAULT_MAX_DIR_ENTRIES = 5000;

export class FileSystemWorkspace implements WorkspaceView {
  private readonly roots: string[];
  private readonly realRoots: string[];
  private readonly textCache = new Map<string, string | undefined>();
  private readonly dirCache = new Map<string, DirEntry[] | undefined>();

  constructor(private readonly options: FileSystemWorkspaceOptions) {
    this.roots = options.roots.map((r) => path.resolve(r));
    this.realRoots = this.roots.map((r) => safeRealpath(r) ?? r);
  }

  /**
   * Without workspace roots (an editor opened a single file), the folder of each opened document is the
   * workspace: the view reads below it and nowhere else, so `build: ../../..` cannot lead it out.
   * With roots, documents outside them gain nothing.
   */
  addDocumentFolder(documentPath: string): void {
    if (this.options.roots.length > 0) return;
    const dir = path.dirname(path.resolve(documentPath));
    if (this.roots.includes(dir)) return;
    this.roots.push(dir);
    this.realRoots.push(safeRealpath(dir) ?? dir);
    this.invalidate([dir]); // reads refused before it was a root must be retried
  }

  /**
   * Forgets cached disk contents after the client reports file changes. With paths: only those files, their
   * parent folders' listings and anything cached below them (a path may be a deleted or created folder).
   * Without: everything (a change we cannot place).
   */
  invalidate(changedPaths?: Iterable<string>): void {
    if (changedPaths === undefined) {
      this.textCache.clear();
      this.dirCache.clear();
      return;
    }
    for (const changed of changedPaths) {
      const p = path.resolve(changed);
      const below = p.endsWith(path.sep) ? p : p + path.sep;
      this.dirCache.delete(path.dirname(p));
      for (const cache of [this.textCache, this.dirCache] as Map<string, unknown>[]) {
        cache.delete(p);
        for (const key of cache.keys()) if (key.startsWith(below)) cache.delete(key);
      }
    }
  }

  private inside(absPath: string): boolean {
    return isBelowAny(path.resolve(absPath), this.roots);
  }

  /** The real path must stay inside the roots too, so a symlink cannot lead the view out of the workspace. */
  private realInside(absPath: string): boolean {
    const real = safeRealpath(absPath);
    return real !== undefined && isBelowAny(real, this.realRoots);
  }

  readText(absPath: string): string | undefined {
    const p = path.resolve(absPath);
    const open = this.options.overlay?.(p);
    if (open !== undefined) return open;
    if (this.textCache.has(p)) return this.textCache.get(p);
    let text: string | undefined;
    if (this.inside(p) && this.realInside(p)) {
      try {
        const stat = fs.statSync(p);
        if (stat.isFile() && stat.size <= (this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) {
          const buf = fs.readFileSync(p);
          text = buf.includes(0) ? undefined : buf.toString('utf8');
        }
      } catch {
        text = undefined;
      }
    }
    this.textCache.set(p, text);
    return text;
  }

  readDir(absPath: string): DirEntry[] | undefined {
    const p = path.resolve(absPath);
    if (this.dirCache.has(p)) return this.dirCache.get(p);
    let entries: DirEntry[] | undefined;
    if (this.inside(p) && this.realInside(p)) {
      try {
        const dir = fs.opendirSync(p);
        entries = [];
        try {
          const max = this.options.maxDirEntries ?? DEFAULT_MAX_DIR_ENTRIES;
          for (let d = dir.readSync(); d && entries.length < max; d = dir.readSync()) {
            entries.push({ name: d.name, isDirectory: d.isDirectory() });
          }
        } finally {
          dir.closeSync();
        }
      } catch {
        entries = undefined;
      }
    }
    this.dirCache.set(p, entries);
    return entries;
  }

  exists(absPath: string): boolean {
    const p = path.resolve(absPath);
    if (this.options.overlay?.(p) !== undefined) return true;
    const parent = this.readDir(path.dirname(p));
    return parent?.some((e) => e.name === path.basename(p)) ?? false;
  }
}

function isBelowAny(p: string, roots: string[]): boolean {
  return roots.some((root) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
