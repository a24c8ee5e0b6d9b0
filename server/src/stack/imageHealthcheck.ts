// The HEALTHCHECK of the image a compose service builds: the last one in the stage it runs (and the stages
// it is built FROM). Compose's `healthcheck` overrides it field by field: the engine treats an unset (zero)
// interval, timeout, start period, start interval or retries, and an empty test, as "inherit from the
// image" (domain-facts §2.2; Engine API HealthConfig "0 means inherit").
import type { ComposeModel, HealthcheckModel, ServiceModel } from '../compose/model';
import type { WorkspaceView } from '../core/workspace';
import { dockerfileHealthcheck, type DockerfileHealthcheck } from '../dockerfile/healthcheck';
import type { DfInstruction, DockerfileModel } from '../dockerfile/model';
import { stageChain } from './imageFiles';
import { serviceDockerfile } from './serviceImage';

export interface ImageHealthcheck extends DockerfileHealthcheck {
  dockerfilePath: string;
}

export function imageHealthcheck(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView): ImageHealthcheck | undefined {
  const image = serviceDockerfile(compose, service, workspace);
  const last = image && lastHealthcheck(image.model, image.stage);
  return last ? { ...dockerfileHealthcheck(last), dockerfilePath: image.dockerfilePath } : undefined;
}

/** The HEALTHCHECK a stage runs with: the last one in it or in the stages it is built FROM. */
export function lastHealthcheck(model: DockerfileModel, stage: number): DfInstruction | undefined {
  let last: DfInstruction | undefined;
  for (const s of stageChain(model, stage)) {
    for (const ins of model.stages[s]?.instructions ?? []) if (ins.keyword === 'HEALTHCHECK' && !ins.degraded) last = ins;
  }
  return last;
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
