// Where a path inside the image comes from: which build-context file a COPY/ADD put there, read from the
// stage's COPY lines (later ones first). "unknown" whenever an instruction could have put it there in a
// way we cannot follow (COPY --from, variables, URLs, archives): callers stay silent then.
import * as path from 'node:path';
import { contextCopy, isUnder, resolveImagePath, workdirsOf, type CopyInfo } from '../dockerfile/copies';
import type { ContextView } from '../dockerfile/context';
import type { DfInstruction, DockerfileModel } from '../dockerfile/model';

export type ImageFile =
  | { kind: 'context'; rel: string; line: number }
  | { kind: 'missing' }
  | { kind: 'unknown'; why: string };

/** The stages whose instructions make up `stage` (its FROM chain), earliest first. */
export function stageChain(model: DockerfileModel, stage: number): number[] {
  const chain: number[] = [];
  for (let s: number | undefined = stage; s !== undefined && chain.length < 50; s = model.stages[s]?.baseStage) chain.unshift(s);
  return chain;
}

/** The working directory the container starts in: the last WORKDIR of the stage chain. */
export function finalWorkdir(model: DockerfileModel, stage: number): string | undefined {
  const last = model.stages[stage]?.instructions.at(-1);
  if (!last) return '/';
  const before = workdirsOf(model)[last.index];
  if (last.keyword !== 'WORKDIR' || last.degraded) return before;
  const next = last.args.join(' ');
  if (next.includes('$')) return undefined;
  return next.startsWith('/') ? path.posix.normalize(next) : before === undefined ? undefined : path.posix.join(before, next);
}

/** Context-relative candidates a COPY puts at `imagePath`, when the path falls under it. */
function candidatesFrom(copy: CopyInfo, imagePath: string, view: ContextView): string[] {
  const dest = copy.dest!;
  const out: string[] = [];
  const intoDir = copy.sources.length > 1 || copy.destText.endsWith('/') || copy.destText === '.';
  for (const source of copy.sources) {
    const src = source.replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (copy.whole || src === '' || src === '.') {
      if (isUnder(imagePath, dest)) out.push(path.posix.relative(dest, imagePath));
    } else if (GLOB.test(src)) {
      // A pattern copies each match into dest (the match is checked by name below).
      if (path.posix.dirname(imagePath) === dest) out.push(src);
    } else if (view.isDirectory(src)) {
      // A folder source copies its contents (not the folder itself) into dest.
      if (isUnder(imagePath, dest)) out.push(path.posix.join(src, path.posix.relative(dest, imagePath)));
    } else if (imagePath === (intoDir ? path.posix.join(dest, path.posix.basename(src)) : dest)) {
      out.push(src);
    }
  }
  return out.filter((c) => c !== '' && !c.startsWith('..'));
}

const GLOB = /[*?[]/;

/** False only when a COPY --from (or ADD from a URL) certainly writes elsewhere than `imagePath`. */
function writesMaybeAt(ins: DfInstruction, workdir: string | undefined, imagePath: string): boolean {
  const words = ins.json ?? ins.args;
  if (ins.degraded || words.length < 2 || words.some((w) => w.startsWith('<<'))) return true;
  const dest = resolveImagePath(workdir, words[words.length - 1]!);
  // Below `imagePath` counts too: it then fills the folder being looked for.
  return dest === undefined || isUnder(imagePath, dest) || isUnder(dest, imagePath);
}

function globMatch(pattern: string, rel: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+^${}()|\\?[\]]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(rel);
}

/**
 * What provides `imagePath` (a file or folder) in the image of `stage`. `exists` asks the context whether a
 * context-relative path exists (as file or folder, as the caller needs).
 */
export function imageFile(model: DockerfileModel, stage: number, view: ContextView, imagePath: string, exists: (rel: string) => boolean): ImageFile {
  const workdirs = workdirsOf(model);
  const copies: CopyInfo[] = [];
  for (const s of stageChain(model, stage)) {
    for (const ins of model.stages[s]?.instructions ?? []) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const copy = contextCopy(ins, workdirs[ins.index]);
      // A COPY writes only at or below its destination: one from another stage or image whose destination
      // is known and elsewhere cannot be what provides the path.
      if (!copy && !writesMaybeAt(ins, workdirs[ins.index], imagePath)) continue;
      if (!copy || copy.dest === undefined) {
        // COPY --from, a heredoc, a URL or a destination with variables: it may put anything anywhere.
        return { kind: 'unknown', why: `line ${ins.startLine + 1} copies from outside the context or to a path with variables` };
      }
      if (ins.keyword === 'ADD' && copy.sources.some((s) => /\.(tar|tgz|gz|bz2|xz|zip)$/i.test(s))) return { kind: 'unknown', why: `line ${ins.startLine + 1} may unpack an archive` };
      copies.push(copy);
    }
  }
  for (const copy of copies.reverse()) {
    for (const candidate of candidatesFrom(copy, imagePath, view)) {
      if (GLOB.test(candidate)) {
        const dir = path.posix.dirname(candidate);
        const name = imagePath.split('/').pop()!;
        if (!GLOB.test(dir) && globMatch(path.posix.basename(candidate), name) && exists(path.posix.join(dir === '.' ? '' : dir, name)) && !view.ignored(path.posix.join(dir === '.' ? '' : dir, name))) {
          return { kind: 'context', rel: path.posix.join(dir === '.' ? '' : dir, name), line: copy.ins.startLine };
        }
        continue;
      }
      if (exists(candidate) && !view.ignored(candidate)) return { kind: 'context', rel: candidate, line: copy.ins.startLine };
    }
  }
  return { kind: 'missing' };
}
