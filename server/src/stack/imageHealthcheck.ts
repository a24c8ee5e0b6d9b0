// The HEALTHCHECK of the image a compose service builds: the last one in the stage it runs (and the stages
// it is built FROM). Compose's `healthcheck` overrides it field by field: the engine treats an unset (zero)
// interval, timeout, start period, start interval or retries, and an empty test, as "inherit from the
// image" (domain-facts §2.2; Engine API HealthConfig "0 means inherit").
import type { ComposeModel, HealthcheckModel, ServiceModel } from '../compose/model';
import type { WorkspaceView } from '../core/workspace';
import { dockerfileHealthcheck, type DockerfileHealthcheck } from '../dockerfile/healthcheck';
import { stageChain } from './imageFiles';
import { serviceImage } from './serviceImage';

export interface ImageHealthcheck extends DockerfileHealthcheck {
  dockerfilePath: string;
}

export function imageHealthcheck(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView): ImageHealthcheck | undefined {
  const image = serviceImage(compose, service, workspace);
  if (!image) return undefined;
  let last;
  for (const s of stageChain(image.model, image.stage)) {
    for (const ins of image.model.stages[s]?.instructions ?? []) if (ins.keyword === 'HEALTHCHECK' && !ins.degraded) last = ins;
  }
  return last ? { ...dockerfileHealthcheck(last), dockerfilePath: image.dockerfilePath } : undefined;
}

const FIELDS = ['interval', 'timeout', 'startPeriod', 'startInterval', 'retries'] as const;

/**
 * The compose healthcheck with the fields it leaves unset taken from the image's HEALTHCHECK, and which
 * fields those are. A `HEALTHCHECK NONE` image gives nothing (its unset fields are the engine defaults).
 */
export function withImageValues(hc: HealthcheckModel, image: ImageHealthcheck | undefined): { value: HealthcheckModel; inherited: Set<string> } {
  const inherited = new Set<string>();
  if (!image || image.none) return { value: hc, inherited };
  const value = { ...hc };
  for (const field of FIELDS) {
    if (value[field] === undefined && image.params[field] !== undefined) {
      value[field] = image.params[field];
      inherited.add(field);
    }
  }
  return { value, inherited };
}
