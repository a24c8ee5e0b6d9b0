// Whether a compose service is known to have no healthcheck at all when the project gives it none: an
// official image (they deliberately ship no HEALTHCHECK: docker-library FAQ), or a Dockerfile in the
// workspace whose stages add none (or disable it) on such a base. Anything else may inherit one we cannot
// see. Shared by the rule healthcheck-missing-for-dependency and the stack overview, so that the picture
// marks a problem exactly where the rule reports one.
import * as path from 'node:path';
import { parseImageRef } from '../compose/imageRef';
import type { ServiceModel } from '../compose/model';
import { code } from '../compose/hovers/cursor';
import type { WorkspaceView } from '../core/workspace';
import { loadDockerfile } from './serviceImage';

/** Why we know the dependency has no healthcheck, or undefined when it may have one we cannot see. */
export function knownWithoutHealthcheck(service: ServiceModel, composePath: string | undefined, workspace: WorkspaceView): string | undefined {
  if (service.image && !service.build) {
    const ref = parseImageRef(service.image.interpolated.value);
    return ref?.official ? `and the official image ${code(service.image.interpolated.value)} ships no \`HEALTHCHECK\`` : undefined;
  }
  const build = service.build;
  if (!build || !composePath) return undefined;
  const contextDir = path.resolve(path.dirname(composePath), build.context?.interpolated.value ?? '.');
  const dockerfile = path.resolve(contextDir, build.dockerfile?.interpolated.value ?? 'Dockerfile');
  const df = loadDockerfile(dockerfile, workspace);
  if (!df) return undefined;
  const target = build.target?.interpolated.value.toLowerCase();
  let stage = target ? df.stages.find((s) => s.name === target) : df.stages[df.stages.length - 1];
  // Follow `FROM <earlier stage>` to the base image; the nearest HEALTHCHECK on the way is the image's,
  // and `HEALTHCHECK NONE` there disables it (domain-facts §2.3).
  for (let guard = 0; stage && guard < 50; guard++) {
    const last = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK' && !i.degraded).pop();
    if (last) return (last.args[0] ?? '').toUpperCase() === 'NONE' ? `and its Dockerfile disables the base image's with \`HEALTHCHECK NONE\` (line ${last.startLine + 1})` : undefined;
    if (stage.baseStage === undefined) break;
    stage = df.stages[stage.baseStage];
  }
  const base = stage && parseImageRef(stage.base);
  return base?.official ? `its Dockerfile has no \`HEALTHCHECK\`, and its base image ${code(stage!.base)} is an official image, which ships none` : undefined;
}
