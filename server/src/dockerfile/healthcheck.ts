// The values a Dockerfile HEALTHCHECK sets (domain-facts §2.3): the probe and the options given on the line.
// Unset options are left undefined: the engine then inherits or uses its defaults (§2.2).
import { parseDuration } from '../compose/duration';
import type { HealthParams } from '../compose/healthTimeline';
import { flag, type DfInstruction } from './model';

export interface DockerfileHealthcheck {
  ins: DfInstruction;
  /** `HEALTHCHECK NONE`: disables the check inherited from the base image. */
  none: boolean;
  /** The probe as written after `CMD`. */
  command: string;
  params: Partial<HealthParams>;
}

export function dockerfileHealthcheck(ins: DfInstruction): DockerfileHealthcheck {
  const none = (ins.args[0] ?? '').toUpperCase() === 'NONE';
  const duration = (name: string) => {
    const f = flag(ins, name);
    return f?.value ? parseDuration(f.value) : undefined;
  };
  const retries = flag(ins, 'retries')?.value;
  const rest = ins.args[0]?.toUpperCase() === 'CMD' ? ins.args.slice(1) : ins.args;
  return {
    ins,
    none,
    command: none ? '' : rest.join(' '),
    params: {
      interval: duration('interval'),
      timeout: duration('timeout'),
      startPeriod: duration('start-period'),
      startInterval: duration('start-interval'),
      retries: retries && /^\d+$/.test(retries) ? Number(retries) : undefined,
    },
  };
}
