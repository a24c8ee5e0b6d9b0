// What the running container sees at an image path: a compose bind mount covering the path shows the
// host folder (the image's files underneath are hidden); otherwise what the image's COPY lines put there.
import * as path from 'node:path';
import type { ComposeModel, ServiceModel } from '../compose/model';
import { isUnder } from '../dockerfile/copies';
import type { WorkspaceView } from '../core/workspace';
import { imageFile, type ImageFile } from './imageFiles';
import type { ServiceImage } from './serviceImage';

export type RuntimeFile = ImageFile | { kind: 'host'; path: string } | { kind: 'mounted-missing'; path: string };

export interface RuntimeScope {
  compose?: ComposeModel;
  service?: ServiceModel;
  image: ServiceImage;
  workspace: WorkspaceView;
}

/** Where `imagePath` comes from at run time; `isDir` selects whether a folder or a file is wanted. */
export function runtimeFile(scope: RuntimeScope, imagePath: string, isDir: boolean): RuntimeFile {
  const { compose, service, image, workspace } = scope;
  if (compose?.filePath && service) {
    // The last mount wins when two cover the path; the deepest target is the one that shows.
    let best: { target: string; source: string } | undefined;
    for (const m of service.volumes) {
      const spec = m.spec;
      if (!spec || spec.type === 'tmpfs' || spec.type === 'volume' || spec.type === 'anonymous' || !isUnder(imagePath, spec.target)) continue;
      if (spec.type !== 'bind' || !spec.source || spec.source.includes('$')) return { kind: 'unknown', why: `a mount covers ${spec.target}` };
      if (!best || spec.target.length >= best.target.length) best = { target: spec.target, source: spec.source };
    }
    // A named or anonymous volume over the path holds whatever the image had there when it was created.
    if (best) {
      const hostPath = path.resolve(path.dirname(compose.filePath), best.source.replace(/^~(?=\/)/, '\u0000'), path.posix.relative(best.target, imagePath));
      if (hostPath.includes('\u0000')) return { kind: 'unknown', why: 'a bind mount from the home folder' };
      const entries = workspace.readDir(path.dirname(hostPath));
      if (!entries) return { kind: 'unknown', why: `the bind-mount folder ${best.source} cannot be read` };
      const found = entries.find((e) => e.name === path.basename(hostPath) && e.isDirectory === isDir);
      return found ? { kind: 'host', path: hostPath } : { kind: 'mounted-missing', path: hostPath };
    }
  }
  return imageFile(image.model, image.stage, image.context, imagePath, (rel) => image.context.exists(rel) && image.context.isDirectory(rel) === isDir);
}
