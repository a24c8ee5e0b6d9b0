// Whether a compose service is known to have no healthcheck at all when the project gives it none: an
// official image (they deliberately ship no HEALTHCHECK: docker-library FAQ), or a Dockerfile in the
// workspace whose stages add none (or disable it) on such a base. Anything else may inherit one we cannot
// see. Shared by the rule healthcheck-missing-for-dependency, the depends_on hover and the stack overview,
// so that they all say it exactly where the rule reports it.
import { parseImageRef } from '../compose/imageRef';
import type { EffectiveService } from '../compose/project';
import { code } from '../compose/hovers/cursor';
import type { WorkspaceView } from '../core/workspace';
import { stageChain } from './imageFiles';
import { lastHealthcheck } from './imageHealthcheck';
import { serviceDockerfile } from './serviceImage';

/**
 * Why we know the service has no healthcheck, or undefined when it may have one we cannot see. Read from
 * the service's last definition (the override, or the service that extends), as Compose takes it.
 */
export function knownWithoutHealthcheck(effective: EffectiveService, workspace: WorkspaceView): string | undefined {
  const definition = effective.layers[effective.layers.length - 1];
  if (!definition) return undefined;
  const { service } = definition;
  const compose = definition.file.model;
  if (service.image && !service.build) {
    const ref = parseImageRef(service.image.interpolated.value);
    return ref?.official ? `and the official image ${code(service.image.interpolated.value)} ships no \`HEALTHCHECK\`` : undefined;
  }
  const image = serviceDockerfile(compose, service, workspace);
  if (!image) return undefined;
  // The nearest HEALTHCHECK from the stage back to the base image is the image's, and `HEALTHCHECK NONE`
  // there disables the base image's (domain-facts §2.3).
  const last = lastHealthcheck(image.model, image.stage);
  if (last) return (last.args[0] ?? '').toUpperCase() === 'NONE' ? `and its Dockerfile disables the base image's with \`HEALTHCHECK NONE\` (line ${last.startLine + 1})` : undefined;
  const base = image.model.stages[stageChain(image.model, image.stage)[0]!]!.base;
  return parseImageRef(base)?.official ? `its Dockerfile has no \`HEALTHCHECK\`, and its base image ${code(base)} is an official image, which ships none` : undefined;
}
